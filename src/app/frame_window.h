// SPDX-License-Identifier: EUPL-1.2
#pragma once
// One OS window with its OpenGL context and its own Dear ImGui context
// (Dear ImGui 1.86 draws one OS window per context): setup, one frame,
// tear-down, the same for the jury's window and the candidate's. When to
// draw is decided elsewhere (frame_pacing.h).
#include <functional>

struct GLFWwindow;
struct ImGuiContext;

namespace jurymn {

struct AppIcon;

class FrameWindow {
public:
  struct Options {
    int width = 1366;
    int height = 768;
    const char* title = "Jury MN";
    bool takes_input = true;  // ImGui reads keyboard and mouse (the candidate's window only shows)
    int swap_interval = 1;
    void* user_pointer = nullptr;
    // Installed before ImGui's, which chain to them.
    void (*install_callbacks)(GLFWwindow*) = nullptr;
    const AppIcon* icon = nullptr;
    // Run once with the new contexts current: fonts, style.
    std::function<void()> setup;
  };

  FrameWindow() = default;
  ~FrameWindow() { close(); }
  FrameWindow(const FrameWindow&) = delete;
  FrameWindow& operator=(const FrameWindow&) = delete;

  // Creates the window and its contexts. The contexts current before stay
  // current; with none before (the first window), the new ones do.
  bool open(const Options& options);
  void close();
  bool is_open() const { return window_ != nullptr; }
  GLFWwindow* glfw() const { return window_; }

  // One frame into the back buffer: `before_new_frame` (input injected by
  // tests), ImGui::NewFrame, `draw`, render. Runs in this window's contexts
  // and restores the ones current before.
  void frame(const std::function<void()>& draw, const std::function<void()>& before_new_frame = {});
  // Shows the frame drawn.
  void present();
  int framebuffer_width() const { return fb_width_; }
  int framebuffer_height() const { return fb_height_; }

  // Runs f with this window's GL and ImGui contexts current.
  void in_contexts(const std::function<void()>& f);

private:

  GLFWwindow* window_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  int fb_width_ = 0;
  int fb_height_ = 0;
};

}  // namespace jurymn
