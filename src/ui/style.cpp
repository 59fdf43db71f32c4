// SPDX-License-Identifier: EUPL-1.2
// Fonts and colours. Fonts are rebuilt at each zoom level rather than
// scaled, so text stays crisp.
#include <imgui.h>

#include "ui/ui.h"

namespace jurymn::ui {

namespace {
// Latin-1, Latin Extended-A (œ Œ Ÿ), general punctuation (’ « » … – — and
// the narrow no-break space U+202F), €, arrows, math minus, shapes and
// check marks used by the screens.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x21FF,
    0x2212, 0x2212, 0x2260, 0x2260, 0x25A0, 0x25FF, 0x2713, 0x2717, 0,
};

// Only what a clock shows: digits, colon, plus, minus sign (U+2212).
const ImWchar kClockRanges[] = {0x0020, 0x003A, 0x2212, 0x2212, 0};

ImFont* add_font(const std::string& ttf, float size, const ImWchar* ranges = kGlyphRanges) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the app keeps the bytes alive
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  auto* data = const_cast<char*>(ttf.data());
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, static_cast<int>(ttf.size()), size, &cfg, ranges);
}
}  // namespace

Fonts build_fonts(const std::string& ttf_regular, const std::string& ttf_bold, float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  Fonts f;
  f.body = add_font(ttf_regular, 18.0f * scale);
  f.heading = add_font(ttf_bold.empty() ? ttf_regular : ttf_bold, 22.0f * scale);
  f.title = add_font(ttf_bold.empty() ? ttf_regular : ttf_bold, 28.0f * scale);
  f.timer = add_font(ttf_bold.empty() ? ttf_regular : ttf_bold, 150.0f * scale, kClockRanges);
  atlas->Build();
  return f;
}

Fonts build_display_fonts(const std::string& ttf_regular, const std::string& ttf_bold) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  Fonts f;
  f.body = add_font(ttf_regular, 30.0f);
  f.heading = add_font(ttf_bold.empty() ? ttf_regular : ttf_bold, 44.0f);
  f.title = f.heading;
  f.timer = add_font(ttf_bold.empty() ? ttf_regular : ttf_bold, 260.0f, kClockRanges);
  atlas->Build();
  return f;
}

void apply_style(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.ChildRounding = 4;
  style.PopupRounding = 4;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.CellPadding = ImVec2(6, 4);
  style.WindowPadding = ImVec2(14, 12);
  style.FrameBorderSize = 1;
  // Stronger contrast than the stock light theme, for bright rooms and
  // ageing laptop screens.
  auto* c = style.Colors;
  c[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1);
  c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.42f, 1);
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Border] = ImVec4(0.70f, 0.70f, 0.72f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);  // a dialog never shows the screen through
  c[ImGuiCol_Button] = ImVec4(0.86f, 0.89f, 0.94f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.74f, 0.81f, 0.92f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.62f, 0.72f, 0.88f, 1);
  c[ImGuiCol_Header] = ImVec4(0.82f, 0.87f, 0.95f, 1);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.88f, 0.90f, 0.93f, 1);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.93f, 0.94f, 0.96f, 1);
  c[ImGuiCol_NavHighlight] = ImVec4(0.10f, 0.32f, 0.62f, 1);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace jurymn::ui
