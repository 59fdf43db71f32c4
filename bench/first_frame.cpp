// SPDX-License-Identifier: EUPL-1.2
// Opening a base to the first frame of a screen drawn, as the window opens
// it: the base opened (lock, checks, installed plans and grids), the fonts
// built, the screen's session read and the frame drawn by Dear ImGui (no
// GPU: the draw lists are built, not rasterised). Each run opens the base
// afresh; the first run is the one a jury meets (the others find the file
// in the system's cache, as a second start does).
// Usage: jurymn_bench_first_frame BASE.db SCREEN [RUNS]
//   SCREEN: home, session, exam, deliberation. A base:
//   jurymn demo --completed --candidates 5000 --db BASE.db
// Prints one line: the median and worst of the runs, in seconds, and the
// process's own start to its first frame.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/session_services.h"
#include "store/store.h"
#include "ui/screens.h"
#include "ui/ui.h"

namespace {

const auto process_start = std::chrono::steady_clock::now();

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace jurymn;
  using Seconds = std::chrono::duration<double>;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s BASE.db SCREEN [RUNS]\n", argv[0]);
    return 2;
  }
  const auto screen = ui::screen_from_name(argv[2]);
  if (!screen) {
    std::fprintf(stderr, "screens: %s\n", ui::screen_names().c_str());
    return 2;
  }
  const int runs = argc > 3 ? std::max(1, std::stoi(argv[3])) : 5;
  const std::string fonts = "/usr/share/fonts/truetype/dejavu/";
  SystemClock clock;
  std::vector<double> times;
  // Where the first run's time went: base opened, fonts built, screen's data read, frame drawn.
  double parts[4] = {};
  double from_process_start = 0;
  std::size_t candidates = 0;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    OpenedDatabase o = open_database(argv[1], clock, /*for_gui=*/true);
    if (!o.store) {
      std::fprintf(stderr, "%s\n", o.error.c_str());
      return 1;
    }
    Store& store = *o.store;
    const auto t_opened = std::chrono::steady_clock::now();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1366, 708);
    const ui::Fonts f =
        ui::build_fonts(slurp(fonts + "DejaVuSans.ttf"), slurp(fonts + "DejaVuSans-Bold.ttf"), 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // the texture the window uploads
    const auto t_fonts = std::chrono::steady_clock::now();
    ui::Services services;
    ui::Environment env{store, clock, services, f, o.read_only_reason, o.plan_warning};
    ui::UiState state;
    ui::Screens screens;
    // As the window's --screen does (app/gui.cpp, open_requested_screen).
    if (*screen != ui::Screen::Home) {
      const auto sessions = store.sessions();
      if (sessions.empty()) return 1;
      ui::open_session(state, env, sessions.front().uuid);
      if (*screen == ui::Screen::Exam || *screen == ui::Screen::Marking)
        ui::open_exam(state, ui::default_run(state.view, env));
      if (*screen == ui::Screen::Deliberation) ui::open_exam(state, ui::default_deliberation_run(state.view, env));
      state.screen = *screen;
      candidates = state.view.candidates.size();
    }
    const auto t_read = std::chrono::steady_clock::now();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ui::draw_frame(state, screens, env);
    ImGui::Render();
    const auto t1 = std::chrono::steady_clock::now();
    if (i == 0) {
      from_process_start = Seconds(t1 - process_start).count();
      parts[0] = Seconds(t_opened - t0).count();
      parts[1] = Seconds(t_fonts - t_opened).count();
      parts[2] = Seconds(t_read - t_fonts).count();
      parts[3] = Seconds(t1 - t_read).count();
    }
    times.push_back(Seconds(t1 - t0).count());
    ImGui::DestroyContext();
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  std::printf("first frame, %s screen, %zu candidates: median %.3f s, worst %.3f s, first run %.3f s from process start (%d runs)\n"
              "  first run: base opened %.3f s, fonts %.3f s, screen's data read %.3f s, frame drawn %.3f s\n",
              argv[2], candidates, sorted[sorted.size() / 2], sorted.back(), from_process_start, runs, parts[0], parts[1],
              parts[2], parts[3]);
  return 0;
}
