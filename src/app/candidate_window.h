// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The candidate-facing second window: the stage and its time in huge digits,
// nothing else (no names, no marks). Drawn by the main loop, in its own
// FrameWindow.
#include <string>

#include <optional>

#include "app/candidate_placement.h"
#include "app/frame_window.h"
#include "ui/ui.h"

namespace jurymn {

class CandidateWindow {
public:
  CandidateWindow(const std::string& ttf_regular, const std::string& ttf_bold, const AppIcon* icon)
      : regular_(ttf_regular), bold_(ttf_bold), icon_(icon) {}
  CandidateWindow(const CandidateWindow&) = delete;
  CandidateWindow& operator=(const CandidateWindow&) = delete;

  // Opens it at `where` (place_candidate_window), without taking the
  // keyboard. `user_pointer` is given to GLFW so the window's events wake
  // the main loop.
  bool open(void* user_pointer, const CandidatePlacement& where);
  void close() { window_.close(); }
  // Where it is now (to remember when it closes); nullopt when closed.
  std::optional<ScreenRect> rect() const;
  bool is_open() const { return window_.is_open(); }
  // True once the user closed it with the window manager.
  bool close_requested() const;
  // Draws and shows one frame; the contexts current before stay current.
  void draw(ui::UiState& state, const ui::Environment& main_env);

private:
  const std::string& regular_;
  const std::string& bold_;
  const AppIcon* icon_;
  FrameWindow window_;
  ui::Fonts fonts_;
};

}  // namespace jurymn
