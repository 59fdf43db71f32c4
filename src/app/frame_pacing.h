// SPDX-License-Identifier: EUPL-1.2
#pragma once
// When the window must draw its next frame: a pure function of plain facts,
// so idling is tested with exact times (tests/unit/frame_pacing_test.cpp).
// The loop in gui.cpp gathers the facts and does what it says with GLFW.
//
// Focus and iconified state are deliberately not facts here: the candidate
// window is drawn by the same loop and must keep its countdown ticking
// while the jury's window is hidden.
#include <optional>

#include "core/clock.h"

namespace jurymn {

// Frames drawn after any input, so popups and layout settle.
constexpr int kFramesAfterInput = 3;
// Waits for a display change end this long after it, so that the clock has
// reached it on waking (timeouts may return a little early).
constexpr TimeMs kWakeSlackMs = 2;

struct PacingFacts {
  TimeMs now = 0;
  int frames_wanted = 0;     // frames still owed since the last input
  TimeMs wake_at = 0;        // next change of what the screens show; 0: none
  TimeMs stop_at = 0;        // --exit-after: leave the loop then; 0: never
  bool every_frame = false;  // screenshots: draw without waiting
  // The last frame left something to settle: a window just opened and
  // still hidden while it measures itself, or a table fitting its columns.
  // ImGui lays these out over the frames that follow; waiting for input
  // instead left « Ajouter un candidat… » a blank box until the mouse moved.
  bool settling = false;
  // Keys waiting for a frame: the grid's keys (taken one a frame) and
  // characters held back from the last frame (app/key_taps.h).
  bool keys_queued = false;
};

struct FramePacing {
  enum class Step { Stop, Draw, Wait };
  Step step = Step::Wait;
  // Wait: until input, or this time at the latest; empty: until input only.
  std::optional<TimeMs> until;
};

FramePacing next_frame(const PacingFacts& facts);

}  // namespace jurymn
