// SPDX-License-Identifier: EUPL-1.2
#define GLFW_INCLUDE_NONE
#include "app/candidate_window.h"

#include <GLFW/glfw3.h>

#include <algorithm>

namespace jurymn {

bool CandidateWindow::open(void* user_pointer, const CandidatePlacement& where) {
  if (window_.is_open()) return true;
  FrameWindow::Options o;
  o.width = where.rect.w > 0 ? where.rect.w : 1024;
  o.height = where.rect.h > 0 ? where.rect.h : 640;
  o.title = "Jury MN — temps de l’épreuve";
  o.takes_input = false;  // shows only: no input callbacks
  o.takes_focus = false;  // the jury goes on typing in its own window
  o.swap_interval = 0;
  o.user_pointer = user_pointer;
  o.icon = icon_;
  o.setup = [this] {
    fonts_ = ui::build_display_fonts(regular_, bold_);
    ui::apply_style(1.0f);
  };
  if (!window_.open(o)) return false;
  glfwSetWindowPos(window_.glfw(), where.rect.x, where.rect.y);
  // A screen of its own faces the candidate: all of it. Otherwise the jury
  // moves or resizes it like any window (its text follows its size).
  if (where.fill) glfwMaximizeWindow(window_.glfw());
  return true;
}

std::optional<ScreenRect> CandidateWindow::rect() const {
  if (!window_.is_open()) return std::nullopt;
  ScreenRect r;
  glfwGetWindowPos(window_.glfw(), &r.x, &r.y);
  glfwGetWindowSize(window_.glfw(), &r.w, &r.h);
  return r;
}

bool CandidateWindow::close_requested() const { return window_.is_open() && glfwWindowShouldClose(window_.glfw()); }

void CandidateWindow::draw(ui::UiState& state, const ui::Environment& main_env) {
  if (!window_.is_open()) return;
  window_.frame([&] {
    ui::Environment env{main_env.store, main_env.clock, main_env.services, fonts_, main_env.read_only_reason, {}};
    // The candidate window shows the run of the exam screen, whatever the
    // jury has on its own screen meanwhile (it keeps no state of its own).
    ui::draw_candidate_timer(state, env);
  });
  window_.present();
}

}  // namespace jurymn
