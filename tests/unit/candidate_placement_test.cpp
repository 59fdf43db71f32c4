// Where the candidate-facing window opens (issue 26 item 11): a second
// screen, all of it; on one screen, never over the clock, the stage buttons
// or the Étapes table, and where the jury left it.
#include <gtest/gtest.h>

#include "app/candidate_placement.h"
#include "app/settings.h"
#include "test_support.h"

namespace jurymn {
namespace {

// A 1366×768 laptop (a panel of 28 px at the top), the jury's window on all
// of it, and the exam screen's clock with its buttons (left) and Étapes
// table (lower right) as the exam screen reports them at 100 %.
const ScreenRect kLaptop{0, 28, 1366, 740};
const ScreenRect kJury{0, 28, 1366, 740};
const std::vector<ScreenRect> kExamScreen = {{8, 120, 860, 360}, {876, 420, 482, 300}};

long long covered(const ScreenRect& r, const std::vector<ScreenRect>& keep) {
  long long sum = 0;
  for (const auto& k : keep) sum += overlap_area(r, k);
  return sum;
}

TEST(CandidatePlacement, ASecondScreenIsFilled) {
  const ScreenRect second{1366, 0, 1920, 1050};
  auto p = place_candidate_window({kLaptop, second}, kJury, kExamScreen, std::nullopt);
  EXPECT_TRUE(p.fill);
  EXPECT_EQ(p.rect, second);
  // The jury's window on the other screen: the laptop's is the candidate's.
  p = place_candidate_window({kLaptop, second}, {1400, 20, 1800, 1000}, {}, ScreenRect{10, 10, 400, 300});
  EXPECT_TRUE(p.fill);
  EXPECT_EQ(p.rect, kLaptop);
}

TEST(CandidatePlacement, OneScreenCoversNothingTheJuryMustSee) {
  const auto p = place_candidate_window({kLaptop}, kJury, kExamScreen, std::nullopt);
  EXPECT_FALSE(p.fill);
  EXPECT_EQ(covered(p.rect, kExamScreen), 0) << p.rect.x << "," << p.rect.y << " " << p.rect.w << "×" << p.rect.h;
  EXPECT_GE(p.rect.w, 1366 / 5);
  EXPECT_EQ(p.rect.h, p.rect.w * 9 / 16);
  // On the screen, whole.
  EXPECT_EQ(overlap_area(p.rect, kLaptop), static_cast<long long>(p.rect.w) * p.rect.h);
  // Nothing reported (opened before the exam screen was drawn): a third of
  // the screen, in its bottom right corner.
  const auto q = place_candidate_window({kLaptop}, kJury, {}, std::nullopt);
  EXPECT_EQ(q.rect.w, 1366 / 3);
  EXPECT_EQ(q.rect.x + q.rect.w, 1366);
  EXPECT_EQ(q.rect.y + q.rect.h, 28 + 740);
}

TEST(CandidatePlacement, SmallerWhenAThirdCannotAvoidTheJurysControls) {
  // Only the bottom left corner (350×190) is free.
  const std::vector<ScreenRect> keep = {{0, 28, 1366, 550}, {350, 578, 1016, 190}};
  const auto p = place_candidate_window({kLaptop}, kJury, keep, std::nullopt);
  EXPECT_EQ(covered(p.rect, keep), 0);
  EXPECT_LT(p.rect.w, 1366 / 3);
}

TEST(CandidatePlacement, StaysWhereTheJuryLeftItWhileItIsOnTheScreen) {
  const ScreenRect left{100, 500, 500, 280};
  EXPECT_EQ(place_candidate_window({kLaptop}, kJury, kExamScreen, left).rect, left);
  // Left on a screen no longer there: placed again.
  const auto p = place_candidate_window({kLaptop}, kJury, kExamScreen, ScreenRect{2000, 100, 500, 280});
  EXPECT_EQ(covered(p.rect, kExamScreen), 0);
  EXPECT_NE(p.rect.x, 2000);
}

TEST(CandidatePlacement, TheSettingsKeepWhereItWasLeft) {
  test::TempDir dir;
  EXPECT_FALSE(load_candidate_window(dir.path().string()));
  ASSERT_EQ(save_candidate_window(dir.path().string(), {12, 34, 560, 315}), "");
  const auto r = load_candidate_window(dir.path().string());
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (ScreenRect{12, 34, 560, 315}));
  // The other preferences stay.
  ASSERT_EQ(save_ui_settings(dir.path().string(), UiSettings{1.2f, true}), "");
  EXPECT_TRUE(load_candidate_window(dir.path().string()));
  test::spit(dir.file("settings.json"), R"({"candidate_window": [1, 2, "x", 4]})");
  EXPECT_FALSE(load_candidate_window(dir.path().string()));
}

}  // namespace
}  // namespace jurymn
