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
  // Undo: Backspace, takes back the last note given by a key. Clear: Delete,
  // withdraws the highlighted criterion's note.
  enum class Kind { Digit, Undo, Clear, Up, Down };
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

// A note given by a key, as Backspace takes it back: the criterion, its
// level before the key ("" when unrated) and the level the key gave.
struct KeyedNote {
  std::string criterion;
  std::string before;
  std::string given;
  bool operator==(const KeyedNote&) const = default;
};

// The notes given by keys, oldest first, for one run and member. Bounded:
// undoing goes back a day's worth of keys, not forever.
constexpr std::size_t kKeyedNotesKept = 256;

struct MarkingStep {
  bool rate = false;       // record `level` ("" clears) on `criterion`
  std::string criterion;
  std::string level;
  std::string focus;       // the focused criterion afterwards
  // Once the note is recorded: a digit's note to remember for Backspace…
  std::optional<KeyedNote> keyed;
  // …or, for Backspace, how many of the keyed notes remain (the one undone
  // and any since overwritten by a click are gone).
  std::optional<std::size_t> keyed_left;
  bool nothing_to_undo = false;  // Backspace with no note of a key left
};

// What one key does with `focus` (empty or unknown: the first unrated):
// a digit rates the focused criterion and moves to the next unrated one;
// Undo (Backspace) puts back, on the criterion the last digit rated,
// the note it had before, and moves the highlight there, wherever it went
// since (notes changed by a click since are skipped); Clear (Delete)
// withdraws the highlighted criterion's note; Up/Down move by one row.
// A digit beyond the scale does nothing.
MarkingStep next_marking_step(const GridCursorView& g, const std::string& focus, const MarkingKey& key,
                              const std::vector<KeyedNote>& keyed = {});

// Where the highlight goes after `criterion` was rated by a click: the next
// unrated criterion, as after a key (the next row when all are rated).
std::string focus_after_rating(const GridCursorView& g, const std::string& criterion, const std::string& level);

}  // namespace jurymn
