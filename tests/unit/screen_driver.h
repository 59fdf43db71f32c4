// SPDX-License-Identifier: EUPL-1.2
#pragma once
// One Dear ImGui context drawing the app's frames at 1366×768 with no
// window, DejaVu as shipped: input reaches ImGui frame by frame as the GLFW
// backend of 1.86 hands it over (no input queue: a key or a button is down
// on one frame and up on the next). Shared by the keyboard and the click
// tests.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <string>
#include <utility>

#include "test_support.h"
#include "ui/screens.h"
#include "ui/ui.h"

namespace jurymn::test {

class ScreenDriver {
public:
  ScreenDriver() : ScreenDriver(ImVec2(1366, 768), 0) {}
  // A window of `display` pixels at the text size `scale` (1.3: 130 %),
  // styled as the app styles it.
  ScreenDriver(ImVec2 display, float scale) : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // The GLFW backend's key map (imgui_impl_glfw.cpp, 1.86).
    const std::pair<ImGuiKey_, int> keys[] = {
        {ImGuiKey_Tab, GLFW_KEY_TAB},           {ImGuiKey_LeftArrow, GLFW_KEY_LEFT},
        {ImGuiKey_RightArrow, GLFW_KEY_RIGHT},  {ImGuiKey_UpArrow, GLFW_KEY_UP},
        {ImGuiKey_DownArrow, GLFW_KEY_DOWN},    {ImGuiKey_PageUp, GLFW_KEY_PAGE_UP},
        {ImGuiKey_PageDown, GLFW_KEY_PAGE_DOWN}, {ImGuiKey_Home, GLFW_KEY_HOME},
        {ImGuiKey_End, GLFW_KEY_END},           {ImGuiKey_Insert, GLFW_KEY_INSERT},
        {ImGuiKey_Delete, GLFW_KEY_DELETE},     {ImGuiKey_Backspace, GLFW_KEY_BACKSPACE},
        {ImGuiKey_Space, GLFW_KEY_SPACE},       {ImGuiKey_Enter, GLFW_KEY_ENTER},
        {ImGuiKey_Escape, GLFW_KEY_ESCAPE},     {ImGuiKey_KeyPadEnter, GLFW_KEY_KP_ENTER},
        {ImGuiKey_A, GLFW_KEY_A},               {ImGuiKey_C, GLFW_KEY_C},
        {ImGuiKey_V, GLFW_KEY_V},               {ImGuiKey_X, GLFW_KEY_X},
        {ImGuiKey_Y, GLFW_KEY_Y},               {ImGuiKey_Z, GLFW_KEY_Z}};
    for (const auto& [imgui_key, glfw_key] : keys) io.KeyMap[imgui_key] = glfw_key;
    const std::string fonts = "/usr/share/fonts/truetype/dejavu/";
    fonts_ = ui::build_fonts(slurp(fonts + "DejaVuSans.ttf"), slurp(fonts + "DejaVuSans-Bold.ttf"), scale > 0 ? scale : 1.0f);
    if (scale > 0) ui::apply_style(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // what the renderer would upload
  }
  ~ScreenDriver() { ImGui::DestroyContext(context_); }
  ScreenDriver(const ScreenDriver&) = delete;
  ScreenDriver& operator=(const ScreenDriver&) = delete;

  const ui::Fonts& fonts() const { return fonts_; }
  // Each screen's own state, held here as the runner holds it (ui::Screens).
  ui::Screens screens;

  // One frame, as the runner draws it, then the actions it queued applied;
  // a key pressed for this frame is released after it, as a quick tap.
  void frame(ui::UiState& state, const ui::Environment& env) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    state.window.wake_at = 0;
    ui::draw_frame(state, screens, env);
    ImGui::Render();
    // Between frames, as the runner does: what the screens asked is applied.
    ui::apply_queued(state, env);
    for (bool& down : io.KeysDown) down = false;
    io.KeyCtrl = false;
  }
  // A key down for one frame, with Ctrl or not (Space types its character
  // too, as GLFW's character callback does), and the frame after it.
  void press(ui::UiState& state, const ui::Environment& env, int glfw_key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[glfw_key] = true;
    io.KeyCtrl = ctrl;
    if (glfw_key == GLFW_KEY_SPACE && !ctrl) io.AddInputCharacter(' ');
    frame(state, env);
    frame(state, env);
  }
  // The item under `at` after one frame with the mouse there (0: none, or
  // a disabled one).
  ImGuiID hover(ui::UiState& state, const ui::Environment& env, ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    frame(state, env);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.HoveredIdDisabled ? 0 : g.HoveredId;
  }
  // Pointed at, pressed for one frame, released on the next; then, with
  // `settle`, the mouse taken away and that many frames for what the click
  // opened to settle.
  void click(ui::UiState& state, const ui::Environment& env, ImVec2 at, int settle = 0) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    frame(state, env);
    io.MouseDown[0] = true;
    frame(state, env);
    io.MouseDown[0] = false;
    frame(state, env);
    if (settle == 0) return;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (int i = 0; i < settle; ++i) frame(state, env);
  }
  void type(ui::UiState& state, const ui::Environment& env, const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    frame(state, env);
  }

private:
  ImGuiContext* context_;
  ui::Fonts fonts_;
};

}  // namespace jurymn::test
