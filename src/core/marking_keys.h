// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Marking by keyboard, in the order the keys were pressed. Dear ImGui 1.86
// has no input event queue: its GLFW backend keeps only "key down" per
// frame, so a press and a release within one poll are lost. The app's key
// callback fills a MarkingKeyQueue; the grid takes one key per frame and
// asks next_marking_step what it means. Pure: no ImGui, no GLFW.
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace jurymn {

struct MarkingKey {
  enum class Kind { Digit, Clear, Up, Down };
  Kind kind = Kind::Digit;
  int digit = 0;  // Digit: 1 for the first level of the scale, 2 for the next…
  bool operator==(const MarkingKey&) const = default;
};

// Keys in the order pressed. Bounded: a stuck key never fills the memory.
class MarkingKeyQueue {
public:
  static constexpr std::size_t kCapacity = 256;
  void push(MarkingKey k) {
    if (keys_.size() < kCapacity) keys_.push_back(k);
  }
  std::optional<MarkingKey> pop() {
    if (keys_.empty()) return std::nullopt;
    MarkingKey k = keys_.front();
    keys_.pop_front();
    return k;
  }
  bool empty() const { return keys_.empty(); }
  std::size_t size() const { return keys_.size(); }
  void clear() { keys_.clear(); }

private:
  std::deque<MarkingKey> keys_;
};

// The grid as the screen shows it: criterion ids in display order, the
// level each has from this member ("" when unrated), and the scale's level
// ids, best first.
struct GridCursorView {
  std::vector<std::string> criteria;
  std::vector<std::string> ratings;
  std::vector<std::string> scale;
};

// The first unrated criterion, else the first one; "" for an empty grid.
std::string first_unrated(const GridCursorView& g);
// The next unrated criterion after `from`, wrapping round; "" when all are rated.
std::string next_unrated(const GridCursorView& g, const std::string& from);

struct MarkingStep {
  bool rate = false;       // record `level` ("" clears) on `criterion`
  std::string criterion;
  std::string level;
  std::string focus;       // the focused criterion afterwards
};

// What one key does with `focus` (empty or unknown: the first unrated):
// a digit rates the focused criterion and moves to the next unrated one;
// Clear (Backspace) withdraws the focused rating, or, when the focused
// criterion is unrated, the one `last_keyed` (rated by the previous digit)
// and goes back to it, so a wrong press is undone in one key; Up/Down move
// by one row. A digit beyond the scale does nothing.
MarkingStep next_marking_step(const GridCursorView& g, const std::string& focus, const MarkingKey& key,
                              const std::string& last_keyed = {});

}  // namespace jurymn
