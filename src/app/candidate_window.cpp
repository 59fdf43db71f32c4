// SPDX-License-Identifier: EUPL-1.2
#define GLFW_INCLUDE_NONE
#include "app/candidate_window.h"

#include <GLFW/glfw3.h>

#include <algorithm>

namespace jurymn {

bool CandidateWindow::open(void* user_pointer) {
  if (window_.is_open()) return true;
  FrameWindow::Options o;
  o.width = 1024;
  o.height = 640;
  o.title = "Jury MN — temps de l’épreuve";
  o.takes_input = false;  // shows only: no input callbacks
  o.swap_interval = 0;
  o.user_pointer = user_pointer;
  o.icon = icon_;
  o.setup = [this] {
    fonts_ = ui::build_display_fonts(regular_, bold_);
    ui::apply_style(1.0f);
  };
  if (!window_.open(o)) return false;
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  int x = 0, y = 0, w = 0, h = 0;
  if (count > 1) {
    // The second screen faces the candidate: all of it.
    glfwGetMonitorWorkarea(monitors[1], &x, &y, &w, &h);
    glfwSetWindowPos(window_.glfw(), x + 40, y + 40);
    glfwMaximizeWindow(window_.glfw());
  } else if (count == 1) {
    // One screen: a window of its own, a third of the screen wide, at its
    // right edge, beside the jury's controls rather than over them; the
    // jury moves or resizes it like any window (its text follows its size).
    glfwGetMonitorWorkarea(monitors[0], &x, &y, &w, &h);
    const int width = std::max(320, w / 3);
    const int height = std::max(200, std::min(h, width * 9 / 16));
    glfwSetWindowSize(window_.glfw(), width, height);
    glfwSetWindowPos(window_.glfw(), x + w - width, y + std::max(0, (h - height) / 2));
  }
  return true;
}

bool CandidateWindow::close_requested() const { return window_.is_open() && glfwWindowShouldClose(window_.glfw()); }

void CandidateWindow::draw(ui::UiState& state, const ui::Environment& main_env) {
  if (!window_.is_open()) return;
  window_.frame([&] {
    ui::Environment env{main_env.store, main_env.clock, main_env.services, fonts_, main_env.read_only_reason, {}};
    // The candidate window shows the run of the exam screen, whatever the
    // jury has on its own screen meanwhile.
    ui::Screen screen = state.screen;
    state.screen = ui::Screen::CandidateTimer;
    ui::draw_frame(state, env);
    state.screen = screen;
  });
  window_.present();
}

}  // namespace jurymn
