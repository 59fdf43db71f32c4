// SPDX-License-Identifier: EUPL-1.2
#include "app/key_taps.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstring>

namespace jurymn {

namespace {
bool has(const std::vector<int>& v, int key) { return std::find(v.begin(), v.end(), key) != v.end(); }
void add(std::vector<int>& v, int key) {
  if (!has(v, key)) v.push_back(key);
}
void remove(std::vector<int>& v, int key) { v.erase(std::remove(v.begin(), v.end(), key), v.end()); }
}  // namespace

int KeyTaps::as_of(int key) const {
  for (const auto& t : translated_)
    if (t.key == key) return t.as;
  return key;
}

void KeyTaps::pressed(int key, int mods, int as) {
  if (as < 0) as = key;
  if (as != key && as_of(key) == key) translated_.push_back({key, as});
  add(held_, as);
  add(since_frame_, as);
  mods_of_.push_back(as);
  mods_of_.push_back(mods);
  // GLFW's keys from Escape to F25 type nothing (Enter, Tab, Backspace,
  // Delete, arrows, Home, End, function keys), nor does keypad Enter.
  const bool types_nothing = (key >= GLFW_KEY_ESCAPE && key < GLFW_KEY_KP_0) || key == GLFW_KEY_KP_ENTER;
  if (types_nothing || (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER))) command_since_frame_ = true;
}

void KeyTaps::typed() {
  if (command_since_frame_) ++chars_after_command_;
}

void KeyTaps::released(int key) {
  const int as = as_of(key);
  translated_.erase(std::remove_if(translated_.begin(), translated_.end(), [&](const Translated& t) { return t.key == key; }),
                    translated_.end());
  remove(held_, as);
  // Seen by no frame yet: it must be, once (with the modifiers of its press).
  if (has(since_frame_, as)) add(tapped_, as);
}

KeyTaps::FrameKeys KeyTaps::next_frame() {
  FrameKeys keys;
  keys.down = tapped_;
  // The modifiers of every press since the last frame, tapped or still held:
  // xdotool and a quick hand release Ctrl before the key (Ctrl↓ ↵↓ Ctrl↑ ↵↑),
  // and a frame between Ctrl↑ and ↵↑ would see ↵ without Ctrl.
  for (std::size_t i = 0; i + 1 < mods_of_.size(); i += 2) keys.mods |= mods_of_[i + 1];
  keys.tapped = !tapped_.empty();
  // A letter held as another key: that key down, its place up, every frame
  // (the backend sets the place down on the press).
  for (const auto& t : translated_) {
    add(keys.down, t.as);
    add(keys.up, t.key);
  }
  // Shown last frame: up again, unless held by now (then the backend's).
  for (int k : shown_)
    if (!has(keys.down, k) && !has(held_, k)) add(keys.up, k);
  shown_ = keys.down;
  tapped_.clear();
  since_frame_.clear();
  mods_of_.clear();
  keys.chars_to_hold = chars_after_command_;
  command_since_frame_ = false;
  chars_after_command_ = 0;
  return keys;
}

int layout_key(int key, const char* name) {
  if (!name || std::strlen(name) != 1) return key;
  const char c = name[0];
  if (c >= 'a' && c <= 'z') return GLFW_KEY_A + (c - 'a');
  if (c >= 'A' && c <= 'Z') return GLFW_KEY_A + (c - 'A');
  return key;
}

std::optional<int> zoom_shortcut(int key, const char* name) {
  if (key == GLFW_KEY_KP_ADD) return 1;
  if (key == GLFW_KEY_KP_SUBTRACT) return -1;
  if (key == GLFW_KEY_KP_0) return 0;
  if (name && std::strlen(name) == 1) {
    // The character on the key in the active layout decides.
    switch (name[0]) {
      case '+':
      case '=': return 1;
      case '-': return -1;
      case '0': return 0;
      default: break;
    }
  }
  // The digit row's 0 (on AZERTY its key types « à », 0 with Shift).
  if (key == GLFW_KEY_0) return 0;
  // No name from the layout (none known): the keys' places on a US keyboard.
  if (!name) {
    if (key == GLFW_KEY_EQUAL) return 1;
    if (key == GLFW_KEY_MINUS) return -1;
  }
  return std::nullopt;
}

// The grid's keys as a MarkingKey: digits (top row or keypad, Shift or not,
// for AZERTY), Backspace, Delete, ↑ and ↓; none with Ctrl or Alt.
std::optional<MarkingKey> marking_key(int key, int mods) {
  if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT)) return std::nullopt;
  if (key >= GLFW_KEY_1 && key <= GLFW_KEY_9) return MarkingKey{MarkingKey::Kind::Digit, key - GLFW_KEY_0};
  if (key >= GLFW_KEY_KP_1 && key <= GLFW_KEY_KP_9) return MarkingKey{MarkingKey::Kind::Digit, key - GLFW_KEY_KP_0};
  if (key == GLFW_KEY_BACKSPACE) return MarkingKey{MarkingKey::Kind::Undo, 0};
  if (key == GLFW_KEY_DELETE) return MarkingKey{MarkingKey::Kind::Clear, 0};
  if (key == GLFW_KEY_UP) return MarkingKey{MarkingKey::Kind::Up, 0};
  if (key == GLFW_KEY_DOWN) return MarkingKey{MarkingKey::Kind::Down, 0};
  return std::nullopt;
}

}  // namespace jurymn
