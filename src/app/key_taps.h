// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Keys pressed and released between two frames — a quick tap while a frame
// was slow, or xdotool — are lost to Dear ImGui 1.86: it reads the key state
// (KeysDown) once per frame and has no event queue. KeyTaps follows the
// GLFW key callbacks and holds such a key down for exactly one frame, so
// Enter, Escape or Ctrl+Enter are never dropped.
#include <vector>

namespace jurymn {

class KeyTaps {
public:
  void pressed(int key);
  void released(int key);

  // Before each frame: which keys to show down (the taps since the last
  // frame) and which to show up again (last frame's taps, unless held by
  // now). Both in the order the keys came.
  struct FrameKeys {
    std::vector<int> down;
    std::vector<int> up;
  };
  FrameKeys next_frame();

private:
  std::vector<int> held_;           // physically down now
  std::vector<int> since_frame_;    // pressed since the last frame began
  std::vector<int> tapped_;         // pressed and released since then
  std::vector<int> shown_;          // held down on the last frame for a tap
};

}  // namespace jurymn
