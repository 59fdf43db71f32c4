#pragma once
// The candidate-facing second window: the stage and its time in huge digits,
// nothing else (no names, no marks). It has its own ImGui context because
// Dear ImGui 1.86 draws one OS window per context.
#include <string>

#include "ui/ui.h"

struct GLFWwindow;
struct ImGuiContext;

namespace jurymn {

class CandidateWindow {
public:
  CandidateWindow(const std::string& ttf_regular, const std::string& ttf_bold) : regular_(ttf_regular), bold_(ttf_bold) {}
  ~CandidateWindow() { close(); }
  CandidateWindow(const CandidateWindow&) = delete;
  CandidateWindow& operator=(const CandidateWindow&) = delete;

  // Opens it on the second monitor when there is one. `user_pointer` is
  // given to GLFW so the window's events wake the main loop.
  bool open(void* user_pointer);
  void close();
  bool is_open() const { return window_ != nullptr; }
  // True once the user closed it with the window manager.
  bool close_requested() const;
  // Draws one frame; restores the main window's GL and ImGui contexts after.
  void draw(ui::UiState& state, const ui::Environment& main_env, GLFWwindow* main_window);

private:
  const std::string& regular_;
  const std::string& bold_;
  GLFWwindow* window_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  ui::Fonts fonts_;
};

}  // namespace jurymn
