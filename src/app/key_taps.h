// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Keys pressed and released between two frames — a quick tap while a frame
// was slow, or xdotool — are lost to Dear ImGui 1.86: it reads the key state
// (KeysDown) once per frame and has no event queue. KeyTaps follows the
// GLFW key callbacks and holds such a key down for exactly one frame, so
// Enter, Escape or Ctrl+Enter are never dropped; with it, the modifiers
// held when it went down (a fast Ctrl+N whose Ctrl is already up by the
// frame is still Ctrl+N).
//
// Shortcuts follow the character on the key, not its place: Debian's
// precompiled backend marks KeysDown by the key's place on a US keyboard,
// so on AZERTY the key marked A would be read as Q (Ctrl+A, Ctrl+Z…). A
// letter key is therefore pressed "as" the letter the layout gives it
// (layout_key); KeyTaps then shows that letter down while the key is held
// and its place up.
#include <optional>
#include <vector>

#include "core/marking_keys.h"

namespace jurymn {

class KeyTaps {
public:
  // `key`: GLFW's key (its place); `mods`: GLFW's modifier bits at the
  // press; `as`: the key it means (layout_key), -1 for itself.
  void pressed(int key, int mods = 0, int as = -1);
  void released(int key);
  // A character typed (GLFW's char callback, after its key's press).
  void typed();

  // Before each frame: which keys to show down (the taps since the last
  // frame, and letters held as another key) and which to show up again
  // (last frame's, unless held by now; the places of translated letters).
  // Both in the order the keys came. `mods`: the modifiers held when the
  // keys pressed since the last frame went down (tapped or still held).
  struct FrameKeys {
    std::vector<int> down;
    std::vector<int> up;
    int mods = 0;
    bool tapped = false;  // some keys are down for a tap: a frame must follow to show them up
    // How many of the characters typed since the last frame (the last ones)
    // must wait for the next: those that came after a shortcut (Ctrl, Alt)
    // or a key that types nothing (Enter, Backspace, Tab, arrows…). ImGui
    // 1.86 reads a frame's characters before its keys, and drops them while
    // Ctrl is down: « ⏎d » came out « d⏎ », Ctrl+A then « f » lost the f.
    int chars_to_hold = 0;
  };
  FrameKeys next_frame();

private:
  struct Translated {
    int key;
    int as;
  };
  int as_of(int key) const;
  std::vector<int> held_;                // physically down now (as the key they mean)
  std::vector<int> since_frame_;         // pressed since the last frame began
  std::vector<int> tapped_;              // pressed and released since then
  std::vector<int> shown_;               // held down on the last frame by us
  std::vector<Translated> translated_;   // letters held, pressed as another key
  std::vector<int> mods_of_;             // key, mods pairs of the presses since the last frame
  bool command_since_frame_ = false;     // a shortcut or a key that types nothing pressed since then
  int chars_after_command_ = 0;          // characters typed after it
};

// The key a shortcut means: for a key GLFW names as one letter in the active
// layout (glfwGetKeyName), that letter's key; anything else, `key` itself.
int layout_key(int key, const char* name);

// Ctrl + a zoom key, by the character on the key (main row or keypad):
// « + » or « = » zooms in (+1), « - » out (-1), « 0 » back to 100 % (0).
// nullopt for any other key. `name`: glfwGetKeyName, or null.
std::optional<int> zoom_shortcut(int key, const char* name);

// The grid's keys as a MarkingKey: digits (top row or keypad, Shift or not,
// for AZERTY), Backspace, Delete, ↑ and ↓; none with Ctrl or Alt. `key`
// and `mods` as GLFW gives them (the key callback, --press).
std::optional<MarkingKey> marking_key(int key, int mods);

}  // namespace jurymn
