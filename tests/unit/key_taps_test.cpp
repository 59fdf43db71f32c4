// SPDX-License-Identifier: EUPL-1.2
// A key pressed and released between two frames is shown down for one
// frame, then up; a key still held is left to the backend.
#include <gtest/gtest.h>

#include "app/key_taps.h"

#include <GLFW/glfw3.h>

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

// Issue 26 item 9: Ctrl already seen down by a frame, then released in the
// same poll as the N tapped with it: the tap still carries Ctrl.
TEST(KeyTaps, ATapCarriesTheModifiersHeldWhenItWentDown) {
  KeyTaps taps;
  taps.pressed(GLFW_KEY_LEFT_CONTROL, GLFW_MOD_CONTROL);
  taps.next_frame();  // Ctrl seen held: the backend's
  taps.pressed(GLFW_KEY_N, GLFW_MOD_CONTROL);
  taps.released(GLFW_KEY_N);
  taps.released(GLFW_KEY_LEFT_CONTROL);
  auto f = taps.next_frame();
  EXPECT_EQ(f.down, std::vector<int>{GLFW_KEY_N});
  EXPECT_TRUE(f.mods & GLFW_MOD_CONTROL);
  EXPECT_TRUE(f.tapped);
  f = taps.next_frame();
  EXPECT_EQ(f.mods, 0);
  EXPECT_EQ(f.up, std::vector<int>{GLFW_KEY_N});
}

// xdotool (and a quick hand) release Ctrl before the key: Ctrl↓, a frame
// (Ctrl held, the backend's), ↵↓ Ctrl↑, a frame, ↵↑. The frame that first
// sees ↵ down must see it with Ctrl (a multi-line field took it as a new
// line, 1 run in 3 under Xvfb); the next, with nothing pressed since, has no
// modifier of ours.
TEST(KeyTaps, AKeyStillHeldCarriesTheModifiersOfItsPressOnItsFirstFrame) {
  KeyTaps taps;
  taps.pressed(GLFW_KEY_LEFT_CONTROL, 0);
  taps.next_frame();
  taps.pressed(kEnter, GLFW_MOD_CONTROL);
  taps.released(GLFW_KEY_LEFT_CONTROL);
  auto f = taps.next_frame();
  EXPECT_TRUE(f.mods & GLFW_MOD_CONTROL);
  EXPECT_TRUE(f.down.empty());  // ↵ held: the backend shows it down
  f = taps.next_frame();
  EXPECT_EQ(f.mods, 0);
  taps.released(kEnter);
  f = taps.next_frame();
  EXPECT_EQ(f.mods, 0);
}

// The same with the key marked A on AZERTY (pressed as A, its place Q).
TEST(KeyTaps, ALetterStillHeldCarriesCtrlOnItsFirstFrame) {
  KeyTaps taps;
  taps.pressed(GLFW_KEY_LEFT_CONTROL, 0);
  taps.next_frame();
  taps.pressed(GLFW_KEY_Q, GLFW_MOD_CONTROL, GLFW_KEY_A);
  taps.released(GLFW_KEY_LEFT_CONTROL);
  auto f = taps.next_frame();
  EXPECT_TRUE(f.mods & GLFW_MOD_CONTROL);
  EXPECT_EQ(f.down, std::vector<int>{GLFW_KEY_A});
  EXPECT_EQ(f.up, std::vector<int>{GLFW_KEY_Q});
}

// ImGui 1.86 reads a frame's characters before its keys and drops them
// while Ctrl is down: characters typed after Enter or a Ctrl chord since the
// last frame wait for the next (« Erreur⏎de » came out « Erreurd⏎e »; Ctrl+A
// then « fin » lost the f). Those typed before stay on this frame.
TEST(KeyTaps, CharactersAfterEnterOrAShortcutWaitForTheNextFrame) {
  KeyTaps taps;
  taps.pressed(GLFW_KEY_R);
  taps.typed();  // « r », before Enter: this frame
  taps.released(GLFW_KEY_R);
  taps.pressed(kEnter);
  taps.released(kEnter);
  taps.pressed(GLFW_KEY_D);
  taps.typed();  // « d », after Enter: the next frame
  auto f = taps.next_frame();
  EXPECT_EQ(f.chars_to_hold, 1);
  EXPECT_EQ(taps.next_frame().chars_to_hold, 0);

  taps.pressed(GLFW_KEY_LEFT_CONTROL);
  taps.next_frame();
  taps.pressed(GLFW_KEY_Q, GLFW_MOD_CONTROL, GLFW_KEY_A);
  taps.released(GLFW_KEY_LEFT_CONTROL);
  taps.released(GLFW_KEY_Q);
  taps.pressed(GLFW_KEY_F);
  taps.typed();
  taps.pressed(GLFW_KEY_I);
  taps.typed();
  EXPECT_EQ(taps.next_frame().chars_to_hold, 2);
}

TEST(KeyTaps, CharactersOfPlainKeysAreNeverHeld) {
  KeyTaps taps;
  for (int k : {GLFW_KEY_A, GLFW_KEY_SPACE, GLFW_KEY_KP_1}) {
    taps.pressed(k, GLFW_MOD_SHIFT);
    taps.typed();
    taps.released(k);
  }
  EXPECT_EQ(taps.next_frame().chars_to_hold, 0);
}

// AZERTY: the key marked A sits where a US keyboard has Q; GLFW names it
// « a ». While held it is shown as A, its place (Q) up.
TEST(KeyTaps, ALetterKeyIsShownAsTheLetterOnIt) {
  EXPECT_EQ(layout_key(GLFW_KEY_Q, "a"), GLFW_KEY_A);
  EXPECT_EQ(layout_key(GLFW_KEY_SEMICOLON, "m"), GLFW_KEY_M);
  EXPECT_EQ(layout_key(GLFW_KEY_6, "-"), GLFW_KEY_6);
  EXPECT_EQ(layout_key(GLFW_KEY_ENTER, nullptr), GLFW_KEY_ENTER);
  KeyTaps taps;
  taps.pressed(GLFW_KEY_Q, GLFW_MOD_CONTROL, layout_key(GLFW_KEY_Q, "a"));
  auto f = taps.next_frame();
  EXPECT_EQ(f.down, std::vector<int>{GLFW_KEY_A});
  EXPECT_EQ(f.up, std::vector<int>{GLFW_KEY_Q});
  EXPECT_FALSE(f.tapped);  // held: no frames asked for while it is
  taps.released(GLFW_KEY_Q);
  f = taps.next_frame();
  EXPECT_TRUE(f.down.empty());
  EXPECT_EQ(f.up, std::vector<int>{GLFW_KEY_A});
  // Tapped within one poll: the letter down for one frame.
  taps.pressed(GLFW_KEY_Q, GLFW_MOD_CONTROL, GLFW_KEY_A);
  taps.released(GLFW_KEY_Q);
  f = taps.next_frame();
  EXPECT_EQ(f.down, std::vector<int>{GLFW_KEY_A});
  EXPECT_TRUE(f.mods & GLFW_MOD_CONTROL);
}

// Zoom by the character on the key: on AZERTY « - » is on the 6 key, and
// the key a US keyboard has « - » on types « ) ».
TEST(KeyTaps, ZoomFollowsTheCharacterOnTheKey) {
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_6, "-"), -1);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_MINUS, ")"), std::nullopt);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_EQUAL, "="), 1);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_SLASH, "="), 1);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_KP_ADD, "+"), 1);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_KP_SUBTRACT, "-"), -1);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_KP_0, "0"), 0);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_0, "à"), 0);
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_MINUS, nullptr), -1);  // no layout known: US places
  EXPECT_EQ(zoom_shortcut(GLFW_KEY_A, "a"), std::nullopt);
}

}  // namespace
}  // namespace jurymn
