// SPDX-License-Identifier: EUPL-1.2
#include "app/key_taps.h"

#include <algorithm>

namespace jurymn {

namespace {
bool has(const std::vector<int>& v, int key) { return std::find(v.begin(), v.end(), key) != v.end(); }
void add(std::vector<int>& v, int key) {
  if (!has(v, key)) v.push_back(key);
}
void remove(std::vector<int>& v, int key) { v.erase(std::remove(v.begin(), v.end(), key), v.end()); }
}  // namespace

void KeyTaps::pressed(int key) {
  add(held_, key);
  add(since_frame_, key);
}

void KeyTaps::released(int key) {
  remove(held_, key);
  // Seen by no frame yet: it must be, once.
  if (has(since_frame_, key)) add(tapped_, key);
}

KeyTaps::FrameKeys KeyTaps::next_frame() {
  FrameKeys keys;
  for (int k : shown_)
    if (!has(held_, k) && !has(tapped_, k)) keys.up.push_back(k);
  keys.down = tapped_;
  shown_ = std::move(tapped_);
  tapped_.clear();
  since_frame_.clear();
  return keys;
}

}  // namespace jurymn
