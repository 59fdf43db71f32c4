// SPDX-License-Identifier: EUPL-1.2
// One rating given on the marking screen, frame by frame as the runner
// draws them: the frame where the key is taken (the action queued), the
// action applied between frames, and the next frame drawn from the view.
// Usage: jurymn_bench_rating BASE.db [CLICKS] [after-only]. A 300-candidate base:
//   jurymn demo --completed --candidates 300 --db BASE.db
// "whole reload" replays the path before issue 29: the same click, then the
// whole session read again (every click changed the store's revision);
// `after-only` leaves it out (at 5,000 candidates it takes seconds a click).
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/session_services.h"
#include "core/marking_keys.h"
#include "store/store.h"
#include "ui/screens.h"
#include "ui/ui.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double worst(const std::vector<double>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

}  // namespace

int main(int argc, char** argv) {
  using namespace jurymn;
  using Ms = std::chrono::duration<double, std::milli>;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s BASE.db [CLICKS]\n", argv[0]);
    return 2;
  }
  const int clicks = argc > 2 ? std::stoi(argv[2]) : 40;
  const bool after_only = argc > 3 && std::string(argv[3]) == "after-only";
  SystemClock clock;
  // As the window opens it: the installed title, plans and grids.
  OpenedDatabase o = open_database(argv[1], clock, /*for_gui=*/false);
  if (!o.store) {
    std::fprintf(stderr, "%s\n", o.error.c_str());
    return 1;
  }
  Store& store = *o.store;
  const auto sessions = store.sessions();
  if (sessions.empty()) return 1;

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1366, 768);
  const std::string fonts = "/usr/share/fonts/truetype/dejavu/";
  const ui::Fonts f = ui::build_fonts(slurp(fonts + "DejaVuSans.ttf"), slurp(fonts + "DejaVuSans-Bold.ttf"), 1.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ui::Services services;
  ui::Environment env{store, clock, services, f, {}, {}};
  ui::UiState state;
  ui::Screens screens;
  // Every run of a completed base is locked: one more candidate, whose
  // exam is opened, is rated.
  const std::string session = sessions.front().uuid;
  CandidateInput in;
  in.number = "BANC-" + std::to_string(clock.now_ms());
  in.last_name = "Banc";
  in.first_name = "Essai";
  in.ccps = {sessions.front().ccps.ids.front()};
  in.sheets = {"Fiche un", "Fiche deux", "Fiche trois"};
  const ApplyResult added = store.apply(action::AddCandidate{session, in}, "bench");
  const ApplyResult started = added ? store.apply(action::StartExam{added.created_uuid, in.ccps.ids.front()}, "bench") : added;
  if (!started) {
    std::fprintf(stderr, "%s\n", started.error.c_str());
    return 1;
  }
  ui::open_session(state, env, session);
  ui::open_exam(state, started.created_uuid);
  state.screen = ui::Screen::Marking;
  const auto frame = [&] {
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    state.window.wake_at = 0;
    ui::draw_frame(state, screens, env);
    ImGui::Render();
  };
  frame();
  frame();
  std::printf("base: %zu candidates, %zu runs in the session\n", state.view.candidates.size(), state.view.runs.size());

  for (const bool whole : {true, false}) {
    if (whole && after_only) continue;
    std::vector<double> total, applied;
    for (int i = 0; i < clicks; ++i) {
      screens.marking.keys.push({MarkingKey::Kind::Digit, 1 + i % 2});
      const auto revision = store.revision();
      const auto t0 = std::chrono::steady_clock::now();
      frame();  // the key taken, the rating queued
      const auto t1 = std::chrono::steady_clock::now();
      ui::apply_queued(state, env);
      if (whole) state.view.revision = UINT64_MAX;  // before: the whole session read again
      const auto t2 = std::chrono::steady_clock::now();
      frame();  // drawn from the view (reloaded first when whole)
      const auto t3 = std::chrono::steady_clock::now();
      if (store.revision() != revision) {  // a rating was written (not the level it had)
        total.push_back(Ms(t3 - t0).count());
        applied.push_back(Ms(t2 - t1).count());
      }
      if (state.notice.error) {
        std::fprintf(stderr, "refused: %s\n", state.notice.text.c_str());
        return 1;
      }
      screens.marking.keys.push({MarkingKey::Kind::Up, 0});  // back to the same criterion
      frame();
    }
    std::printf("%s: click → applied → view refreshed → drawn: median %.2f ms, worst %.2f ms (apply between frames %.2f ms), "
                "%d ratings written\n",
                whole ? "whole reload (before)" : "its run only (after) ", median(total), worst(total), median(applied),
                static_cast<int>(total.size()));
  }
  ImGui::DestroyContext();
  return 0;
}
