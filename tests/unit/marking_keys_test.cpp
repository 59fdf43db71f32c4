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

TEST(MarkingKeys, BackspaceUndoesAWrongPressInOneKey) {
  GridCursorView g = grid_of(3);
  g.ratings = {"", "non_observe", ""};
  MarkingStep s = next_marking_step(g, "c2", {Kind::Clear, 0});
  EXPECT_TRUE(s.rate);
  EXPECT_EQ(s.criterion, "c2");
  EXPECT_EQ(s.level, "");
  EXPECT_EQ(s.focus, "c2");
}

TEST(MarkingKeys, BackspaceAfterADigitUndoesItAndGoesBackToIt) {
  GridCursorView g = grid_of(4);
  std::string focus = "c1", last;
  MarkingStep s = next_marking_step(g, focus, digit(4));
  g.ratings[0] = s.level;
  EXPECT_EQ(s.focus, "c2");  // moved on to the next unrated
  s = next_marking_step(g, s.focus, {Kind::Clear, 0}, s.criterion);
  EXPECT_TRUE(s.rate);
  EXPECT_EQ(s.criterion, "c1");
  EXPECT_EQ(s.level, "");
  EXPECT_EQ(s.focus, "c1");
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
