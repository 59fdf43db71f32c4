// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The capture harness of --screenshot (tests, the README's images): keys
// pressed before the capture (--press), the frame read back into a PNG,
// and the texts cut by their room listed (--check-text). The runner
// (gui.cpp) calls it around each frame; it has no loop of its own.
#include <optional>
#include <string>
#include <vector>

#include "core/marking_keys.h"

namespace jurymn {

class FrameWindow;

// A key as ImGui 1.86 sees it, a GLFW key code indexing io.KeysDown, with
// Ctrl held or not, and the character it types, if any.
struct KeyPress {
  int key = 0;
  bool ctrl = false;
  unsigned character = 0;
};
// Frames between two injected keys: one with the key down, then two for
// keyboard navigation and popups to settle.
constexpr int kPressEvery = 3;

// "down,space,1,ctrl+n": named keys (space enter tab escape backspace up
// down left right delete) or one letter or digit, each optionally prefixed
// by "ctrl+"; nullopt when one is none of these.
std::optional<std::vector<KeyPress>> parse_key_presses(const std::string& spec);

class Capture {
 public:
  Capture() = default;  // inactive: no --screenshot
  Capture(std::string png, std::vector<KeyPress> presses, bool check_text);
  bool active() const { return !png_.empty(); }

  // Before ImGui::NewFrame: releases the keys injected so far and presses
  // the next one on its frame (into `keys` too, as the key callback does).
  void before_new_frame(long frame, MarkingKeyQueue& keys);
  // Before a frame is drawn: the clipping check reads the captured frame only.
  void before_frame();

  enum class Step {
    Present,  // not yet: the frame is shown and the loop goes on
    Again,    // the layout is still settling: draw again before capturing
    Done,     // captured (or failed): leave the loop with exit_code()
  };
  // After a frame is drawn, before it is presented. `settling`: the frame
  // left a dialog or a table to settle (ui::LayoutWatch bounds the wait).
  Step after_frame(FrameWindow& window, bool settling);
  int exit_code() const { return exit_code_; }

 private:
  std::string png_;
  std::vector<KeyPress> presses_;
  bool check_text_ = false;
  std::size_t next_press_ = 0;
  int countdown_ = 0;  // frames before the capture
  int exit_code_ = 0;
};

}  // namespace jurymn
