// SPDX-License-Identifier: EUPL-1.2
// Issue 28 item 5: in a 1366×708 window (Windows' 125 % on a 1366×768
// screen) and at 130 %, « Enregistrer la décision » was half below the fold
// and the competency table showed two rows. The decision panels keep the
// bottom of the screen whole; the table takes the rest, cut between rows.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/session_services.h"
#include "core/clock.h"
#include "screen_driver.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "ui/widgets.h"

namespace jurymn {
namespace {

// A line of text as drawn in the last frame: its glyphs, without spaces,
// and whether every one is whole inside the rect it was clipped to and above
// the window's bottom edge.
struct DrawnLine {
  std::u32string text;
  float y0 = 1e9f, y1 = -1e9f;
  bool whole = true;
};

std::vector<DrawnLine> drawn_lines(ImVec2 display) {
  struct Corner {
    unsigned codepoint;
    float u1, v1;  // the far corner in the atlas: a glyph cut on the CPU ends short of it
  };
  std::map<std::pair<float, float>, Corner> atlas;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const auto& g : font->Glyphs) atlas.emplace(std::pair{g.U0, g.V0}, Corner{g.Codepoint, g.U1, g.V1});
  struct Glyph {
    char32_t c;
    float x0, y0, x1, y1;
    bool whole;
  };
  std::vector<DrawnLine> out;
  const ImDrawData* data = ImGui::GetDrawData();
  for (int l = 0; data && l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;
      std::vector<Glyph> glyphs;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        // ImGui's glyph: two triangles, each from its top-left corner; the
        // first one's third vertex is the bottom-right corner.
        const ImDrawVert& a = list->VtxBuffer[cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i]];
        const ImDrawVert& c = list->VtxBuffer[cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i + 2]];
        auto it = atlas.find({a.uv.x, a.uv.y});
        if (it == atlas.end() || c.pos.x <= a.pos.x || c.pos.y <= a.pos.y) continue;
        if (!glyphs.empty() && glyphs.back().x0 == a.pos.x && glyphs.back().y0 == a.pos.y) continue;
        const ImVec4& clip = cmd.ClipRect;
        const bool uncut = c.uv.x == it->second.u1 && c.uv.y == it->second.v1;
        const bool whole = uncut && a.pos.x >= clip.x - 3 && c.pos.x <= clip.z + 2 && a.pos.y >= clip.y - 1 &&
                           c.pos.y <= clip.w + 1 && c.pos.y <= display.y;
        glyphs.push_back({static_cast<char32_t>(it->second.codepoint), a.pos.x, a.pos.y, c.pos.x, c.pos.y, whole});
      }
      std::vector<bool> taken(glyphs.size(), false);
      for (std::size_t i = 0; i < glyphs.size(); ++i) {
        if (taken[i]) continue;
        std::vector<const Glyph*> line;
        for (std::size_t j = i; j < glyphs.size(); ++j)
          if (!taken[j] && glyphs[j].y0 < glyphs[i].y1 && glyphs[j].y1 > glyphs[i].y0) {
            taken[j] = true;
            line.push_back(&glyphs[j]);
          }
        std::sort(line.begin(), line.end(), [](const Glyph* p, const Glyph* q) { return p->x0 < q->x0; });
        DrawnLine d;
        for (const Glyph* g : line) {
          d.text += g->c;
          d.y0 = std::min(d.y0, g->y0);
          d.y1 = std::max(d.y1, g->y1);
          d.whole = d.whole && g->whole;
        }
        out.push_back(std::move(d));
      }
    }
  }
  return out;
}

// The line that shows `label` (spaces are not drawn), or null.
const DrawnLine* line_with(const std::vector<DrawnLine>& lines, std::u32string label) {
  std::erase(label, U' ');
  for (const auto& l : lines)
    if (l.text.find(label) != std::u32string::npos) return &l;
  return nullptr;
}

struct Size {
  float width, height, scale;
};

class DeliberationLayout : public ::testing::TestWithParam<Size> {};

TEST_P(DeliberationLayout, TheDecisionButtonsAreWholeOnScreenAndNoLineIsCut) {
  const Size size = GetParam();
  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::string session;
  auto store = test::open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  const ImVec2 display(size.width, size.height);
  test::ScreenDriver driver(display, size.scale);
  ui::Services services = make_services(*store, clock);
  ui::Environment env{*store, clock, services, driver.fonts(), {}, {}};
  ui::UiState state;
  ui::open_session(state, env, session);
  ui::open_exam(state, ui::default_deliberation_run(state.view, env));
  state.screen = ui::Screen::Deliberation;
  // The layout settles over a few frames (panels measured, then the rows).
  for (int i = 0; i < 8; ++i) driver.frame(state, env);
  ui::record_text_overflow(true);
  ui::clear_text_overflows();
  driver.frame(state, env);
  ui::check_drawn_text();
  const auto lines = drawn_lines(display);
  for (const char32_t* label : {U"Enregistrer la décision", U"CCP obtenu", U"CCP non obtenu", U"CP-1"}) {
    const DrawnLine* line = line_with(lines, label);
    ASSERT_NE(line, nullptr) << "not drawn at " << size.scale * 100 << " % in " << size.height;
    EXPECT_TRUE(line->whole) << "cut or below the fold at " << size.scale * 100 << " % in " << size.height << " (y "
                             << line->y0 << "–" << line->y1 << ")";
  }
  // And nothing on the screen is cut, by an edge of the table or a panel either.
  for (const auto& o : ui::text_overflows()) ADD_FAILURE() << o.where << ": « " << o.text << " »";
  ui::record_text_overflow(false);
}

INSTANTIATE_TEST_SUITE_P(WindowsAndTextSizes, DeliberationLayout,
                         ::testing::Values(Size{1366, 708, 1.0f}, Size{1366, 768, 1.0f}, Size{1366, 708, 1.3f},
                                           Size{1366, 768, 1.3f}, Size{1366, 708, 1.2f}));

}  // namespace
}  // namespace jurymn
