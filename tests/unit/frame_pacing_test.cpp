// SPDX-License-Identifier: EUPL-1.2
// Idling: when the window draws and how long it sleeps, with a fake clock.
#include "app/frame_pacing.h"
#include "app/window_size.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/stage_timer.h"
#include "ui/ui.h"

namespace jurymn {
namespace {

using Step = FramePacing::Step;
constexpr TimeMs T0 = 1'780'000'000'000;

TEST(FramePacing, NothingToDoWaitsForInputOnly) {
  const FramePacing p = next_frame({.now = T0});
  EXPECT_EQ(p.step, Step::Wait);
  EXPECT_FALSE(p.until.has_value());
}

TEST(FramePacing, InputDrawsAtOnceEvenBeforeTheNextTick) {
  const FramePacing p = next_frame({.now = T0, .frames_wanted = kFramesAfterInput, .wake_at = T0 + 900});
  EXPECT_EQ(p.step, Step::Draw);
}

TEST(FramePacing, AClockChangeAheadIsWaitedForJustAfterIt) {
  const FramePacing p = next_frame({.now = T0, .wake_at = T0 + 400});
  EXPECT_EQ(p.step, Step::Wait);
  ASSERT_TRUE(p.until.has_value());
  EXPECT_EQ(*p.until, T0 + 400 + kWakeSlackMs);
}

TEST(FramePacing, AWakeTimeReachedOrPastDrawsNow) {
  EXPECT_EQ(next_frame({.now = T0, .wake_at = T0}).step, Step::Draw);
  // Woken late (a suspended laptop): draw at once, no waiting for a tick that has gone.
  EXPECT_EQ(next_frame({.now = T0 + 60'000, .wake_at = T0 + 1}).step, Step::Draw);
}

TEST(FramePacing, ExitAfterStopsFirstAndBoundsTheWait) {
  EXPECT_EQ(next_frame({.now = T0 + 5000, .frames_wanted = 2, .stop_at = T0 + 5000}).step, Step::Stop);
  const FramePacing idle = next_frame({.now = T0, .stop_at = T0 + 5000});
  EXPECT_EQ(idle.step, Step::Wait);
  EXPECT_EQ(idle.until, T0 + 5000);
  EXPECT_EQ(next_frame({.now = T0, .wake_at = T0 + 300, .stop_at = T0 + 5000}).until, T0 + 300 + kWakeSlackMs);
  EXPECT_EQ(next_frame({.now = T0, .wake_at = T0 + 9000, .stop_at = T0 + 5000}).until, T0 + 5000);
}

TEST(FramePacing, ScreenshotsDrawEveryFrame) {
  EXPECT_EQ(next_frame({.now = T0, .every_frame = true}).step, Step::Draw);
}

// The loop of gui.cpp around next_frame, on a fake clock: a Draw runs
// `draw` (which says when the screen changes next) and uses one owed frame;
// a Wait jumps the clock to its end, or to the next input if sooner.
struct Loop {
  FakeClock clock{T0};
  int frames_wanted = 0;
  TimeMs wake_at = 0;
  std::vector<TimeMs> drawn;
  std::function<TimeMs(TimeMs now)> draw = [](TimeMs) { return TimeMs{0}; };

  // Runs until `end`, with input at the times given; false if it busy-looped.
  bool run_until(TimeMs end, std::vector<TimeMs> inputs = {}) {
    for (int steps = 0; steps < 100'000; ++steps) {
      if (!inputs.empty() && clock.now_ms() >= inputs.front()) {
        frames_wanted = kFramesAfterInput;
        inputs.erase(inputs.begin());
      }
      const FramePacing p = next_frame({.now = clock.now_ms(), .frames_wanted = frames_wanted, .wake_at = wake_at,
                                        .stop_at = end});
      if (p.step == Step::Stop) return true;
      if (p.step == Step::Draw) {
        drawn.push_back(clock.now_ms());
        wake_at = draw(clock.now_ms());
        if (frames_wanted > 0) --frames_wanted;
        clock.advance_ms(1);  // a frame takes a little time
        continue;
      }
      TimeMs until = p.until.value_or(end);
      if (!inputs.empty()) until = std::min(until, inputs.front());
      clock.advance_ms(std::max<TimeMs>(until - clock.now_ms(), 0));
    }
    return false;
  }
};

TEST(FramePacing, InputGivesAFewFramesForPopupsToSettleThenSleeps) {
  Loop loop;
  ASSERT_TRUE(loop.run_until(T0 + 10'000, {T0 + 1000}));
  ASSERT_EQ(loop.drawn.size(), static_cast<std::size_t>(kFramesAfterInput));
  EXPECT_EQ(loop.drawn.front(), T0 + 1000);
  EXPECT_LE(loop.drawn.back(), T0 + 1000 + kFramesAfterInput);
}

TEST(FramePacing, AWindowOrTableStillSettlingIsDrawnWithoutInput) {
  // The click's frames are spent; a dialog opened on the last one is still
  // hidden while it measures itself.
  FramePacing p = next_frame({.now = T0, .frames_wanted = 0, .settling = true});
  EXPECT_EQ(p.step, Step::Draw);
  p = next_frame({.now = T0, .frames_wanted = 0, .settling = false});
  EXPECT_EQ(p.step, Step::Wait);
}

// Issue 29: the grid's keys and held characters are facts of the pure
// function, not frames the loop owes itself: five digits typed in one poll
// (a fast jury member) draw five frames, one key each, then the loop sleeps.
TEST(FramePacing, KeysStillQueuedAreDrawnOneAFrameThenItSleeps) {
  EXPECT_EQ(next_frame({.now = T0, .keys_queued = true}).step, Step::Draw);
  EXPECT_EQ(next_frame({.now = T0, .keys_queued = false}).step, Step::Wait);
  int queued = 5;
  int drawn = 0;
  for (int step = 0; step < 100; ++step) {
    const FramePacing p = next_frame({.now = T0 + step, .keys_queued = queued > 0});
    if (p.step != Step::Draw) break;
    ++drawn;
    --queued;  // the marking screen takes one a frame
  }
  EXPECT_EQ(drawn, 5);
}

// The screens' wake times merge into one: the earliest asked wins, and 0
// (no need) never cancels one asked for.
TEST(FramePacing, TheEarliestWakeAskedByAnyScreenWins) {
  ui::WindowRequests w;
  w.wake_by(0);
  EXPECT_EQ(w.wake_at, 0);
  w.wake_by(T0 + 1000);  // a countdown's next second
  w.wake_by(T0 + 5000);  // a draft due later
  EXPECT_EQ(w.wake_at, T0 + 1000);
  w.wake_by(T0 + 200);  // the system's file dialog, polled
  EXPECT_EQ(w.wake_at, T0 + 200);
  w.wake_by(0);
  EXPECT_EQ(w.wake_at, T0 + 200);
}

TEST(WindowSize, OpensMaximisedOnAJuryLaptopScreen) {
  EXPECT_TRUE(opens_maximised(1366, 728));   // 1366×768 less a task bar
  EXPECT_TRUE(opens_maximised(1093, 574));   // the same at Windows' 125 %
  EXPECT_TRUE(opens_maximised(1920, 768));
  EXPECT_FALSE(opens_maximised(1920, 1040));  // room for the window as it is
  EXPECT_FALSE(opens_maximised(0, 0));        // no monitor known: as it is
}

TEST(FramePacing, AnIdleScreenDrawsNothing) {
  Loop loop;
  ASSERT_TRUE(loop.run_until(T0 + 60'000));
  EXPECT_TRUE(loop.drawn.empty());
}

// A stage of 35 minutes counting down: one frame per second shown, each at
// the change of the digits, not before it.
TEST(FramePacing, ARunningCountdownWakesOncePerDisplayedSecond) {
  ExamPlan plan;
  plan.id = "p";
  plan.stages = {Stage{"s", "Stage", 35 * kMinuteMs, true, {}, default_warnings_ms(), {}}};
  StageTimer timer(plan);
  ASSERT_TRUE(timer.append(TimerEvent::start("s", T0 + 250)));
  Loop loop;
  std::vector<std::string> shown;
  loop.draw = [&](TimeMs now) {
    shown.push_back(format_clock(timer.status(now).remaining_ms));
    return timer.next_display_change(now).value_or(0);
  };
  ASSERT_TRUE(loop.run_until(T0 + 10'300, {T0 + 250}));  // the click on « Démarrer »
  // Three frames for the click, then one per second from 34:59 to 34:50.
  ASSERT_EQ(shown.size(), static_cast<std::size_t>(kFramesAfterInput) + 10) << ::testing::PrintToString(shown);
  EXPECT_EQ(shown.front(), "35:00");
  for (std::size_t i = kFramesAfterInput; i < shown.size(); ++i) {
    EXPECT_NE(shown[i], shown[i - 1]) << "a frame for nothing at " << i;
    EXPECT_LE(loop.drawn[i] - (T0 + 250) - 1000 * static_cast<TimeMs>(i - kFramesAfterInput + 1), kWakeSlackMs)
        << "late tick " << i;
  }
  EXPECT_EQ(shown.back(), "34:50");
}

// A paused stage shows how long the pause lasts: it still ticks each second.
TEST(FramePacing, APausedStageStillTicksItsPauseLength) {
  ExamPlan plan;
  plan.id = "p";
  plan.stages = {Stage{"s", "Stage", 10 * kMinuteMs, true, {}, default_warnings_ms(), {}}};
  StageTimer timer(plan);
  ASSERT_TRUE(timer.append(TimerEvent::start("s", T0)));
  ASSERT_TRUE(timer.append(TimerEvent::pause(T0 + 500, "panne")));
  Loop loop;
  loop.draw = [&](TimeMs now) { return timer.next_display_change(now).value_or(0); };
  ASSERT_TRUE(loop.run_until(T0 + 5'600, {T0 + 500}));
  EXPECT_EQ(loop.drawn.size(), static_cast<std::size_t>(kFramesAfterInput) + 5);
}

}  // namespace
}  // namespace jurymn
