// SPDX-License-Identifier: EUPL-1.2
#pragma once
// One OS window with its OpenGL context and its own Dear ImGui context
// (Dear ImGui 1.86 draws one OS window per context): setup, one frame,
// tear-down, the same for the jury's window and the candidate's. When to
// draw is decided elsewhere (frame_pacing.h).
#include <functional>
#include <string>

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
    // False: opens without taking the keyboard from the window that has it
    // (the candidate's window: the Space typed next is the jury's).
    bool takes_focus = true;
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

  // After the fonts were rebuilt (zoom), in this window's contexts: the
  // atlas fitted to the driver's largest texture, then uploaded again.
  void reload_fonts();

  // Which of Dear ImGui's renderers draws, chosen by open() from the
  // context the driver gave: OpenGL 3 (shaders, GL 3.0 and up, or GL 2.x
  // where Dear ImGui's loader accepts it), else OpenGL 2 (fixed pipeline,
  // runs on OpenGL 1.1: Remote Desktop, virtual machines, basic drivers).
  enum class Renderer { OpenGL3, OpenGL2 };
  Renderer renderer() const { return renderer_; }
  // « OpenGL 3 (GLSL 130) sur 4.5 (Core Profile) Mesa 22.3.6 », for the log.
  const std::string& renderer_text() const { return renderer_text_; }
  // What was shrunk to fit GL_MAX_TEXTURE_SIZE; empty when all fitted.
  const std::string& font_note() const { return font_note_; }

private:
  void choose_renderer();
  void fit_fonts();
  Renderer renderer_ = Renderer::OpenGL3;
  std::string renderer_text_;
  std::string font_note_;
  int max_texture_ = 0;

  GLFWwindow* window_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  int fb_width_ = 0;
  int fb_height_ = 0;
};

}  // namespace jurymn
