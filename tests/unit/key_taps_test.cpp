// SPDX-License-Identifier: EUPL-1.2
// A key pressed and released between two frames is shown down for one
// frame, then up; a key still held is left to the backend.
#include <gtest/gtest.h>

#include "app/key_taps.h"

namespace jurymn {
namespace {

constexpr int kEnter = 257, kCtrl = 341, kEscape = 256;

TEST(KeyTaps, ATapBetweenTwoFramesIsDownForOneFrame) {
  KeyTaps taps;
  taps.pressed(kEnter);
  taps.released(kEnter);
  auto f = taps.next_frame();
  EXPECT_EQ(f.down, std::vector<int>{kEnter});
  EXPECT_TRUE(f.up.empty());
  f = taps.next_frame();
  EXPECT_TRUE(f.down.empty());
  EXPECT_EQ(f.up, std::vector<int>{kEnter});
  f = taps.next_frame();
  EXPECT_TRUE(f.down.empty() && f.up.empty());
}

TEST(KeyTaps, CtrlEnterTappedTogetherKeepsBothDownOnOneFrame) {
  KeyTaps taps;
  taps.pressed(kCtrl);
  taps.pressed(kEnter);
  taps.released(kEnter);
  taps.released(kCtrl);
  auto f = taps.next_frame();
  EXPECT_EQ(f.down, (std::vector<int>{kEnter, kCtrl}));
  f = taps.next_frame();
  EXPECT_EQ(f.up, (std::vector<int>{kEnter, kCtrl}));
}

TEST(KeyTaps, AKeySeenByAFrameIsTheBackendsBusiness) {
  KeyTaps taps;
  taps.pressed(kEscape);
  auto f = taps.next_frame();  // the frame sees it down through the backend
  EXPECT_TRUE(f.down.empty() && f.up.empty());
  taps.released(kEscape);
  f = taps.next_frame();
  EXPECT_TRUE(f.down.empty() && f.up.empty());
}

TEST(KeyTaps, ATapHeldAgainBeforeItsReleaseIsShownStaysDown) {
  KeyTaps taps;
  taps.pressed(kEnter);
  taps.released(kEnter);
  taps.next_frame();
  taps.pressed(kEnter);  // held by now
  auto f = taps.next_frame();
  EXPECT_TRUE(f.up.empty());
}

}  // namespace
}  // namespace jurymn
