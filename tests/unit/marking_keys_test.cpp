// SPDX-License-Identifier: EUPL-1.2
// Marking by keyboard: the keys are taken in the order pressed, one per
// frame, so a fast run of presses (press and release within one poll, which
// Dear ImGui 1.86 loses) rates every criterion on its own row.
#include "core/marking_keys.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jurymn {
namespace {

using Kind = MarkingKey::Kind;
MarkingKey digit(int d) { return {Kind::Digit, d}; }

GridCursorView grid_of(int criteria) {
  GridCursorView g;
  g.scale = {"maitrise", "acquis", "en_cours", "non_observe"};
  for (int i = 0; i < criteria; ++i) g.criteria.push_back("c" + std::to_string(i + 1));
  g.ratings.assign(g.criteria.size(), "");
  return g;
}

// What the grid does each frame: take one key, apply it.
void run_frames(GridCursorView& g, std::string& focus, MarkingKeyQueue& q) {
  while (auto k = q.pop()) {
    MarkingStep s = next_marking_step(g, focus, *k);
    if (s.rate)
      for (std::size_t i = 0; i < g.criteria.size(); ++i)
        if (g.criteria[i] == s.criterion) g.ratings[i] = s.level;
    focus = s.focus;
  }
}

TEST(MarkingKeys, TheQueueGivesBackEveryPressInOrder) {
  MarkingKeyQueue q;
  // 22 presses 30 ms apart arrive in two polls: the queue keeps them all.
  for (int i = 0; i < 22; ++i) q.push(digit(1 + i % 4));
  ASSERT_EQ(q.size(), 22u);
  for (int i = 0; i < 22; ++i) EXPECT_EQ(q.pop(), digit(1 + i % 4)) << i;
  EXPECT_FALSE(q.pop());
}

TEST(MarkingKeys, AFastRunOfDigitsRatesEveryCriterionOnItsRow) {
  GridCursorView g = grid_of(22);
  std::string focus = first_unrated(g);
  EXPECT_EQ(focus, "c1");
  MarkingKeyQueue q;
  for (int i = 0; i < 22; ++i) q.push(digit(1 + i % 4));  // all before the first frame
  run_frames(g, focus, q);
  for (int i = 0; i < 22; ++i) EXPECT_EQ(g.ratings[static_cast<std::size_t>(i)], g.scale[static_cast<std::size_t>(i % 4)]) << i;
}

TEST(MarkingKeys, ArrowThenDigitNeverLandsOnThePreviousRow) {
  // The reported run: ↓ then a digit, fast; each digit rates the row the
  // arrow reached.
  GridCursorView g = grid_of(6);
  g.ratings = {"acquis", "", "acquis", "", "acquis", ""};
  std::string focus = "c1";
  MarkingKeyQueue q;
  for (int row = 0; row < 5; ++row) {
    q.push({Kind::Down, 0});
    q.push(digit(3));
    // after a digit the focus jumps to the next unrated; come back for the test
    run_frames(g, focus, q);
    EXPECT_EQ(g.ratings[static_cast<std::size_t>(row + 1)], "en_cours") << row;
    focus = g.criteria[static_cast<std::size_t>(row + 1)];
  }
  EXPECT_EQ(g.ratings[0], "acquis");
}

TEST(MarkingKeys, ADigitMovesToTheNextUnratedOne) {
  GridCursorView g = grid_of(5);
  g.ratings = {"", "acquis", "acquis", "", ""};
  MarkingStep s = next_marking_step(g, "c1", digit(2));
  EXPECT_TRUE(s.rate);
  EXPECT_EQ(s.criterion, "c1");
  EXPECT_EQ(s.level, "acquis");
  EXPECT_EQ(s.focus, "c4");  // c2 and c3 are rated already
  // From the last unrated one, round to the first.
  g.ratings = {"", "acquis", "acquis", "acquis", ""};
  EXPECT_EQ(next_marking_step(g, "c5", digit(1)).focus, "c1");
}

TEST(MarkingKeys, DeleteClearsTheHighlightedNoteAndStaysThere) {
  GridCursorView g = grid_of(3);
  g.ratings = {"", "non_observe", "acquis"};
  MarkingStep s = next_marking_step(g, "c2", {Kind::Clear, 0});
  EXPECT_TRUE(s.rate);
  EXPECT_EQ(s.criterion, "c2");
  EXPECT_EQ(s.level, "");
  EXPECT_EQ(s.focus, "c2");
  EXPECT_FALSE(s.keyed);
}

// What the grid does with one key and the notes kept for Backspace.
void apply(GridCursorView& g, std::string& focus, std::vector<KeyedNote>& keyed, MarkingKey k) {
  MarkingStep s = next_marking_step(g, focus, k, keyed);
  if (s.rate)
    for (std::size_t i = 0; i < g.criteria.size(); ++i)
      if (g.criteria[i] == s.criterion) g.ratings[i] = s.level;
  if (s.keyed) keyed.push_back(*s.keyed);
  if (s.keyed_left) keyed.resize(*s.keyed_left);
  focus = s.focus;
}

TEST(MarkingKeys, BackspaceAfterADigitUndoesItAndGoesBackToIt) {
  GridCursorView g = grid_of(4);
  std::string focus = "c1";
  std::vector<KeyedNote> keyed;
  apply(g, focus, keyed, digit(4));
  EXPECT_EQ(focus, "c2");  // moved on to the next unrated
  MarkingStep s = next_marking_step(g, focus, {Kind::Undo, 0}, keyed);
  EXPECT_TRUE(s.rate);
  EXPECT_EQ(s.criterion, "c1");
  EXPECT_EQ(s.level, "");
  EXPECT_EQ(s.focus, "c1");
  EXPECT_EQ(s.keyed_left, 0u);
}

// The case: ↑ to c3, « 1 » moves the highlight to c4, already rated;
// Backspace takes back c3's note, not c4's.
TEST(MarkingKeys, BackspaceUndoesTheKeyedNoteWhereverTheHighlightWent) {
  GridCursorView g = grid_of(5);
  g.ratings = {"acquis", "acquis", "en_cours", "acquis", ""};
  std::string focus = "c4";
  std::vector<KeyedNote> keyed;
  apply(g, focus, keyed, {Kind::Up, 0});
  ASSERT_EQ(focus, "c3");
  apply(g, focus, keyed, digit(1));
  EXPECT_EQ(g.ratings[2], "maitrise");
  EXPECT_EQ(focus, "c5");  // the next unrated
  apply(g, focus, keyed, {Kind::Up, 0});  // the highlight wanders to c4
  ASSERT_EQ(focus, "c4");
  apply(g, focus, keyed, {Kind::Undo, 0});
  EXPECT_EQ(g.ratings[2], "en_cours");  // c3 back to what it had
  EXPECT_EQ(g.ratings[3], "acquis");    // c4 untouched
  EXPECT_EQ(focus, "c3");
  EXPECT_TRUE(keyed.empty());
}

TEST(MarkingKeys, BackspaceAgainGoesFurtherBackAndSkipsNotesAClickChanged) {
  GridCursorView g = grid_of(4);
  std::string focus = "c1";
  std::vector<KeyedNote> keyed;
  apply(g, focus, keyed, digit(1));
  apply(g, focus, keyed, digit(2));
  apply(g, focus, keyed, digit(3));
  EXPECT_EQ((std::vector<std::string>{"maitrise", "acquis", "en_cours", ""}), g.ratings);
  g.ratings[2] = "non_observe";  // c3 re-rated by a click since: not the key's to undo
  apply(g, focus, keyed, {Kind::Undo, 0});
  EXPECT_EQ(g.ratings[1], "");
  EXPECT_EQ(g.ratings[2], "non_observe");
  EXPECT_EQ(focus, "c2");
  apply(g, focus, keyed, {Kind::Undo, 0});
  EXPECT_EQ(g.ratings[0], "");
  EXPECT_EQ(focus, "c1");
  // Nothing left: nothing changes, and it says so.
  MarkingStep s = next_marking_step(g, focus, {Kind::Undo, 0}, keyed);
  EXPECT_FALSE(s.rate);
  EXPECT_TRUE(s.nothing_to_undo);
  EXPECT_EQ(s.focus, "c1");
}

TEST(MarkingKeys, AClickMovesTheHighlightToTheNextUnratedAsAKeyDoes) {
  GridCursorView g = grid_of(4);
  g.ratings = {"acquis", "", "acquis", ""};
  EXPECT_EQ(focus_after_rating(g, "c2", "acquis"), "c4");
  g.ratings = {"acquis", "", "acquis", "acquis"};
  EXPECT_EQ(focus_after_rating(g, "c2", "acquis"), "c3");  // all rated: the next row
}

TEST(MarkingKeys, AnUnknownFocusStartsAtTheFirstUnratedAndADigitBeyondTheScaleDoesNothing) {
  GridCursorView g = grid_of(3);
  g.ratings = {"acquis", "", ""};
  EXPECT_EQ(first_unrated(g), "c2");
  MarkingStep s = next_marking_step(g, "", digit(9));
  EXPECT_FALSE(s.rate);
  EXPECT_EQ(s.focus, "c2");
  EXPECT_EQ(next_marking_step(g, "c2", {Kind::Up, 0}).focus, "c1");
  EXPECT_EQ(next_marking_step(g, "c3", {Kind::Down, 0}).focus, "c3");
}

}  // namespace
}  // namespace jurymn
