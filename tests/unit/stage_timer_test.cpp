// SPDX-License-Identifier: EUPL-1.2
#include "core/stage_timer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jurymn {
namespace {

constexpr TimeMs T0 = 1'780'000'000'000;  // FakeClock's default start
constexpr TimeMs kMin = kMinuteMs;
constexpr TimeMs kSec = 1000;

// The CCP1 order, built in code so that these tests do not depend on files.
ExamPlan ccp1_plan() {
  ExamPlan p;
  p.id = "ccp1";
  p.version = "1.0";
  p.ccp = "CCP1";
  p.title = "CCP1";
  p.draw_before_stage = "questionnement";
  p.stages = {
      Stage{"questionnement", "Questionnement à partir de productions", 35 * kMin, true, {}, default_warnings_ms(), {}},
      Stage{"preparation", "Préparation", 10 * kMin, false, {}, default_warnings_ms(), {}},
      Stage{"mise_en_situation", "Mise en situation", 30 * kMin, true, {}, default_warnings_ms(), {}},
      Stage{"entretien_technique", "Entretien technique", 15 * kMin, true, {}, default_warnings_ms(), {}},
  };
  return p;
}

void must_append(StageTimer& t, TimerEvent e) {
  TimerCheck c = t.append(std::move(e));
  ASSERT_TRUE(c.ok) << c.reason;
}

void expect_refused(const StageTimer& t, const TimerEvent& e, const std::string& words) {
  TimerCheck c = t.validate_next(e);
  EXPECT_FALSE(c.ok) << "accepted " << to_id(e.kind);
  EXPECT_NE(c.reason.find(words), std::string::npos) << c.reason;
}

// Everything a screen or PV reads, compared field by field.
void expect_same(const TimerStatus& a, const TimerStatus& b) {
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.stage_index, b.stage_index);
  EXPECT_EQ(a.next_stage_index, b.next_stage_index);
  EXPECT_EQ(a.budget_ms, b.budget_ms);
  EXPECT_EQ(a.elapsed_ms, b.elapsed_ms);
  EXPECT_EQ(a.remaining_ms, b.remaining_ms);
  EXPECT_EQ(a.overrun_ms, b.overrun_ms);
  EXPECT_EQ(a.warning, b.warning);
  EXPECT_EQ(a.paused_for_ms, b.paused_for_ms);
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t i = 0; i < a.stages.size(); ++i) {
    const StageRecord &x = a.stages[i], &y = b.stages[i];
    EXPECT_EQ(x.started, y.started) << i;
    EXPECT_EQ(x.started_at, y.started_at) << i;
    EXPECT_EQ(x.ended_at, y.ended_at) << i;
    EXPECT_EQ(x.paused_ms, y.paused_ms) << i;
    EXPECT_EQ(x.extension_ms, y.extension_ms) << i;
    EXPECT_EQ(x.elapsed_ms, y.elapsed_ms) << i;
    EXPECT_EQ(x.overrun_ms, y.overrun_ms) << i;
    EXPECT_EQ(x.pauses.size(), y.pauses.size()) << i;
  }
}

TEST(StageTimer, NothingRunsBeforeTheFirstStart) {
  StageTimer t(ccp1_plan());
  TimerStatus s = t.status(T0);
  EXPECT_EQ(s.state, TimerState::NotStarted);
  EXPECT_EQ(s.stage_index, -1);
  EXPECT_EQ(s.next_stage_index, 0);
  EXPECT_EQ(s.warning, WarningLevel::None);
  EXPECT_EQ(s.stages.size(), 4u);
  EXPECT_FALSE(t.next_display_change(T0).has_value());
}

TEST(StageTimer, CountsDownThroughWarningsIntoOverrun) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));

  TimerStatus s = t.status(T0 + 10 * kMin);
  EXPECT_EQ(s.state, TimerState::Running);
  EXPECT_EQ(s.stage_index, 0);
  EXPECT_EQ(s.next_stage_index, 1);
  EXPECT_EQ(s.elapsed_ms, 10 * kMin);
  EXPECT_EQ(s.remaining_ms, 25 * kMin);
  EXPECT_EQ(s.warning, WarningLevel::None);

  EXPECT_EQ(t.status(T0 + 30 * kMin - 1).warning, WarningLevel::None);
  s = t.status(T0 + 30 * kMin);
  EXPECT_EQ(s.warning, WarningLevel::First);
  EXPECT_EQ(s.warning_threshold_ms, 5 * kMin);
  s = t.status(T0 + 34 * kMin);
  EXPECT_EQ(s.warning, WarningLevel::Last);
  EXPECT_EQ(s.warning_threshold_ms, 1 * kMin);

  s = t.status(T0 + 35 * kMin);
  EXPECT_EQ(s.warning, WarningLevel::Overrun);
  EXPECT_EQ(s.remaining_ms, 0);
  EXPECT_EQ(s.overrun_ms, 0);

  s = t.status(T0 + 36 * kMin + 30 * kSec);
  EXPECT_EQ(s.state, TimerState::Running);
  EXPECT_EQ(s.remaining_ms, -90 * kSec);
  EXPECT_EQ(s.overrun_ms, 90 * kSec);
  EXPECT_EQ(s.warning, WarningLevel::Overrun);
  EXPECT_EQ(s.stages[0].overrun_ms, 90 * kSec);
}

TEST(StageTimer, PauseIsNotCountedAndIsRecorded) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  must_append(t, TimerEvent::pause(T0 + 10 * kMin, "Malaise du candidat"));

  TimerStatus s = t.status(T0 + 15 * kMin);
  EXPECT_EQ(s.state, TimerState::Paused);
  EXPECT_EQ(s.elapsed_ms, 10 * kMin);
  EXPECT_EQ(s.remaining_ms, 25 * kMin);
  EXPECT_EQ(s.paused_for_ms, 5 * kMin);
  EXPECT_EQ(s.pause_reason, "Malaise du candidat");
  EXPECT_EQ(s.stages[0].paused_ms, 5 * kMin);

  must_append(t, TimerEvent::resume(T0 + 20 * kMin));
  s = t.status(T0 + 25 * kMin);
  EXPECT_EQ(s.state, TimerState::Running);
  EXPECT_EQ(s.elapsed_ms, 15 * kMin);
  EXPECT_EQ(s.paused_for_ms, 0);
  ASSERT_EQ(s.stages[0].pauses.size(), 1u);
  EXPECT_EQ(s.stages[0].pauses[0].from, T0 + 10 * kMin);
  EXPECT_EQ(s.stages[0].pauses[0].to, T0 + 20 * kMin);
  EXPECT_EQ(s.stages[0].paused_ms, 10 * kMin);
}

TEST(StageTimer, PauseSpanningTheEndOfTheStageMovesTheEnd) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  must_append(t, TimerEvent::pause(T0 + 34 * kMin, "Alarme incendie"));
  // The planned end (T0 + 35 min) passes during the pause: still 1 min left.
  TimerStatus s = t.status(T0 + 38 * kMin);
  EXPECT_EQ(s.state, TimerState::Paused);
  EXPECT_EQ(s.remaining_ms, 1 * kMin);
  EXPECT_EQ(s.warning, WarningLevel::Last);
  EXPECT_EQ(s.overrun_ms, 0);

  must_append(t, TimerEvent::resume(T0 + 40 * kMin));
  EXPECT_EQ(t.status(T0 + 40 * kMin).remaining_ms, 1 * kMin);
  EXPECT_EQ(t.status(T0 + 41 * kMin).warning, WarningLevel::Overrun);

  must_append(t, TimerEvent::end(T0 + 42 * kMin));
  s = t.status(T0 + 50 * kMin);
  const StageRecord& r = s.stages[0];
  EXPECT_EQ(r.ended_at, T0 + 42 * kMin);
  EXPECT_EQ(r.paused_ms, 6 * kMin);
  EXPECT_EQ(r.elapsed_ms, 36 * kMin);
  EXPECT_EQ(r.overrun_ms, 1 * kMin);
  EXPECT_FALSE(r.ended_early());
}

TEST(StageTimer, ExtensionAddsToTheBudget) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  must_append(t, TimerEvent::extend(T0 + 30 * kMin, 5 * kMin, "Panne du vidéoprojecteur"));
  TimerStatus s = t.status(T0 + 36 * kMin);
  EXPECT_EQ(s.budget_ms, 40 * kMin);
  EXPECT_EQ(s.remaining_ms, 4 * kMin);
  EXPECT_EQ(s.warning, WarningLevel::First);
  EXPECT_EQ(s.overrun_ms, 0);
  EXPECT_EQ(s.stages[0].extension_ms, 5 * kMin);
  ASSERT_EQ(s.stages[0].extensions.size(), 1u);
  EXPECT_EQ(s.stages[0].extensions[0].reason, "Panne du vidéoprojecteur");

  must_append(t, TimerEvent::end(T0 + 40 * kMin));
  s = t.status(T0 + 40 * kMin);
  EXPECT_EQ(s.stages[0].overrun_ms, 0);
  EXPECT_FALSE(s.stages[0].ended_early());
}

TEST(StageTimer, ExtensionWhilePausedAndAfterOverrun) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("entretien_technique", T0));
  must_append(t, TimerEvent::pause(T0 + 16 * kMin, "Question de procédure"));
  EXPECT_EQ(t.status(T0 + 16 * kMin).overrun_ms, 1 * kMin);
  must_append(t, TimerEvent::extend(T0 + 17 * kMin, 3 * kMin, "Temps rendu après l’incident"));
  TimerStatus s = t.status(T0 + 17 * kMin);
  EXPECT_EQ(s.state, TimerState::Paused);
  EXPECT_EQ(s.remaining_ms, 2 * kMin);
  EXPECT_EQ(s.overrun_ms, 0);
  EXPECT_EQ(s.warning, WarningLevel::First);
}

TEST(StageTimer, EndingEarlyFreezesTheStage) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  must_append(t, TimerEvent::end(T0 + 20 * kMin, "Le jury n’a plus de question"));
  for (TimeMs later : {T0 + 20 * kMin, T0 + 3 * 60 * kMin}) {
    TimerStatus s = t.status(later);
    EXPECT_EQ(s.state, TimerState::BetweenStages);
    EXPECT_EQ(s.stage_index, 0);
    EXPECT_EQ(s.next_stage_index, 1);
    EXPECT_EQ(s.elapsed_ms, 20 * kMin);
    EXPECT_EQ(s.remaining_ms, 15 * kMin);
    EXPECT_EQ(s.warning, WarningLevel::None);
    EXPECT_TRUE(s.stages[0].ended_early());
    EXPECT_EQ(s.stages[0].end_reason, "Le jury n’a plus de question");
  }
  EXPECT_FALSE(t.next_display_change(T0 + 21 * kMin).has_value());
}

TEST(StageTimer, NextWalksThePlanToTheEnd) {
  StageTimer t(ccp1_plan());
  EXPECT_EQ(t.stage_to_start(TimerEvent::next(T0)), 0);
  must_append(t, TimerEvent::next(T0));
  must_append(t, TimerEvent::next(T0 + 35 * kMin));
  must_append(t, TimerEvent::next(T0 + 45 * kMin));
  must_append(t, TimerEvent::next(T0 + 75 * kMin));
  TimerStatus s = t.status(T0 + 80 * kMin);
  EXPECT_EQ(s.state, TimerState::Running);
  EXPECT_EQ(s.stage_index, 3);
  EXPECT_EQ(s.next_stage_index, -1);
  expect_refused(t, TimerEvent::next(T0 + 80 * kMin), "est la dernière");

  must_append(t, TimerEvent::end(T0 + 90 * kMin));
  s = t.status(T0 + 95 * kMin);
  EXPECT_EQ(s.state, TimerState::Finished);
  EXPECT_EQ(s.stage_index, 3);
  const TimeMs starts[] = {0, 35, 45, 75};
  const TimeMs ends[] = {35, 45, 75, 90};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.stages[i].started_at, T0 + starts[i] * kMin) << i;
    EXPECT_EQ(s.stages[i].ended_at, T0 + ends[i] * kMin) << i;
    EXPECT_EQ(s.stages[i].overrun_ms, 0) << i;
  }
  expect_refused(t, TimerEvent::next(T0 + 95 * kMin), "Toutes les étapes");
  expect_refused(t, TimerEvent::start("preparation", T0 + 95 * kMin), "déjà été démarrée");
}

TEST(StageTimer, NextWhilePausedClosesThePause) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  must_append(t, TimerEvent::pause(T0 + 30 * kMin, "Interruption"));
  must_append(t, TimerEvent::next(T0 + 33 * kMin));
  TimerStatus s = t.status(T0 + 34 * kMin);
  EXPECT_EQ(s.state, TimerState::Running);
  EXPECT_EQ(s.stage_index, 1);
  EXPECT_EQ(s.elapsed_ms, 1 * kMin);
  EXPECT_EQ(s.stages[0].pauses[0].to, T0 + 33 * kMin);
  EXPECT_EQ(s.stages[0].elapsed_ms, 30 * kMin);
  EXPECT_TRUE(s.stages[0].ended_early());
}

TEST(StageTimer, StagesMayStartOutOfOrder) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("mise_en_situation", T0));
  must_append(t, TimerEvent::next(T0 + 30 * kMin));  // → entretien technique
  EXPECT_EQ(t.status(T0 + 30 * kMin).stage_index, 3);
  must_append(t, TimerEvent::end(T0 + 45 * kMin));
  TimerStatus s = t.status(T0 + 45 * kMin);
  EXPECT_EQ(s.state, TimerState::BetweenStages);  // two stages not run yet
  EXPECT_EQ(s.next_stage_index, -1);
  expect_refused(t, TimerEvent::next(T0 + 46 * kMin), "démarrez directement");
  must_append(t, TimerEvent::start("questionnement", T0 + 46 * kMin));
  EXPECT_EQ(t.status(T0 + 46 * kMin).next_stage_index, 1);
}

TEST(StageTimer, RefusesInvalidTransitions) {
  StageTimer t(ccp1_plan());
  expect_refused(t, TimerEvent::pause(T0, "raison"), "Aucune étape n’est en cours");
  expect_refused(t, TimerEvent::resume(T0), "pas en pause");
  expect_refused(t, TimerEvent::extend(T0, kMin, "raison"), "rien à prolonger");
  expect_refused(t, TimerEvent::end(T0), "rien à terminer");
  expect_refused(t, TimerEvent::start("pause_cafe", T0), "n’a pas d’étape «\u00A0pause_cafe\u00A0»");

  must_append(t, TimerEvent::start("questionnement", T0));
  expect_refused(t, TimerEvent::start("questionnement", T0 + kMin), "est en cours");
  expect_refused(t, TimerEvent::start("preparation", T0 + kMin), "terminez-la");
  expect_refused(t, TimerEvent::pause(T0 + kMin, ""), "raison de la pause");
  expect_refused(t, TimerEvent::pause(T0 + kMin, "  \t"), "raison de la pause");
  expect_refused(t, TimerEvent::resume(T0 + kMin), "pas en pause");
  expect_refused(t, TimerEvent::extend(T0 + kMin, 0, "raison"), "durée positive");
  expect_refused(t, TimerEvent::extend(T0 + kMin, -kMin, "raison"), "durée positive");
  expect_refused(t, TimerEvent::extend(T0 + kMin, kMin, ""), "raison de la prolongation");
  expect_refused(t, TimerEvent::end(T0 - 1), "daté d’avant le précédent");

  TimerEvent wrong = TimerEvent::pause(T0 + kMin, "raison");
  wrong.stage_id = "preparation";
  expect_refused(t, wrong, "l’étape en cours est «\u00A0Questionnement à partir de productions\u00A0»");
  TimerEvent wrong_next = TimerEvent::next(T0 + kMin);
  wrong_next.stage_id = "entretien_technique";
  expect_refused(t, wrong_next, "l’étape suivante est «\u00A0Préparation\u00A0»");

  must_append(t, TimerEvent::pause(T0 + kMin, "Téléphone du jury"));
  expect_refused(t, TimerEvent::pause(T0 + 2 * kMin, "encore"), "déjà en pause");
  must_append(t, TimerEvent::end(T0 + 2 * kMin));
  expect_refused(t, TimerEvent::start("questionnement", T0 + 3 * kMin), "déjà été démarrée");
  expect_refused(t, TimerEvent::resume(T0 + 3 * kMin), "pas en pause");

  // Refused events leave no trace.
  EXPECT_EQ(t.events().size(), 3u);
  EXPECT_EQ(t.append(TimerEvent::end(T0 + 3 * kMin)).ok, false);
  EXPECT_EQ(t.events().size(), 3u);
}

TEST(StageTimer, RebuiltFromEventsAfterACrashGivesTheSameAnswers) {
  std::vector<TimerEvent> stored;
  TimerStatus before;
  {
    StageTimer t(ccp1_plan());
    must_append(t, TimerEvent::next(T0));
    must_append(t, TimerEvent::pause(T0 + 5 * kMin, "Coupure de courant"));
    must_append(t, TimerEvent::resume(T0 + 8 * kMin));
    must_append(t, TimerEvent::extend(T0 + 9 * kMin, 3 * kMin, "Temps rendu"));
    must_append(t, TimerEvent::next(T0 + 41 * kMin));
    before = t.status(T0 + 47 * kMin);
    stored = t.events();
  }  // the app dies here; only the stored events survive

  StageTimer rebuilt(ccp1_plan(), stored);
  EXPECT_TRUE(rebuilt.skipped().empty());
  EXPECT_EQ(rebuilt.events(), stored);
  expect_same(rebuilt.status(T0 + 47 * kMin), before);
  EXPECT_EQ(before.stage_index, 1);
  EXPECT_EQ(before.elapsed_ms, 6 * kMin);
  EXPECT_EQ(before.stages[0].elapsed_ms, 38 * kMin);
  EXPECT_EQ(before.stages[0].overrun_ms, 0);
}

TEST(StageTimer, TimeWhileTheAppWasDownCountsAsElapsed) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  const std::vector<TimerEvent> stored = t.events();
  // Crash at T0 + 5 min; the app is back at T0 + 20 min: the exam went on.
  StageTimer rebuilt(ccp1_plan(), stored);
  TimerStatus s = rebuilt.status(T0 + 20 * kMin);
  EXPECT_EQ(s.state, TimerState::Running);
  EXPECT_EQ(s.elapsed_ms, 20 * kMin);
  EXPECT_EQ(s.remaining_ms, 15 * kMin);
  // A crash during a pause: still paused on return, pause length includes the down time.
  StageTimer paused(ccp1_plan(), {TimerEvent::start("questionnement", T0), TimerEvent::pause(T0 + kMin, "Incident")});
  s = paused.status(T0 + 20 * kMin);
  EXPECT_EQ(s.state, TimerState::Paused);
  EXPECT_EQ(s.elapsed_ms, 1 * kMin);
  EXPECT_EQ(s.paused_for_ms, 19 * kMin);
}

TEST(StageTimer, RebuildSkipsAndListsEventsTheRulesRefuse) {
  const std::vector<TimerEvent> stored = {
      TimerEvent::start("questionnement", T0),
      TimerEvent::start("questionnement", T0 + kMin),  // damaged store: started twice
      TimerEvent::end(T0 + 30 * kMin),
  };
  StageTimer t(ccp1_plan(), stored);
  ASSERT_EQ(t.skipped().size(), 1u);
  EXPECT_EQ(t.skipped()[0].position, 1u);
  EXPECT_EQ(t.skipped()[0].event, stored[1]);
  EXPECT_NE(t.skipped()[0].reason.find("est en cours"), std::string::npos);
  EXPECT_EQ(t.events().size(), 2u);
  EXPECT_EQ(t.status(T0 + 31 * kMin).stages[0].elapsed_ms, 30 * kMin);
}

TEST(StageTimer, ClockSetBackDoesNotGiveNegativeTimes) {
  StageTimer t(ccp1_plan());
  must_append(t, TimerEvent::start("questionnement", T0));
  must_append(t, TimerEvent::pause(T0 + 2 * kMin, "Pause"));
  TimerStatus s = t.status(T0);  // before the last event
  EXPECT_EQ(s.elapsed_ms, 2 * kMin);
  EXPECT_EQ(s.paused_for_ms, 0);
}

TEST(StageTimer, NextDisplayChangeIsTheNextSecondOrAlert) {
  ExamPlan p = ccp1_plan();
  p.stages[0].duration_ms = 10 * kSec;
  p.stages[0].warnings_ms = {2'500};
  StageTimer t(p);
  must_append(t, TimerEvent::start("questionnement", T0));
  EXPECT_EQ(t.next_display_change(T0), T0 + kSec);
  EXPECT_EQ(t.next_display_change(T0 + 300), T0 + kSec);
  EXPECT_EQ(t.next_display_change(T0 + 7'200), T0 + 7'500);  // the alert at 2.5 s left
  EXPECT_EQ(t.status(T0 + 7'500).warning, WarningLevel::Last);
  EXPECT_EQ(t.next_display_change(T0 + 7'500), T0 + 8'000);
  EXPECT_EQ(t.next_display_change(T0 + 12'345), T0 + 13'000);  // overrun keeps ticking

  // An odd extension: the countdown turns off the elapsed second.
  must_append(t, TimerEvent::extend(T0 + 20'000, 400, "Ajustement"));
  // elapsed 20 000, budget 10 400, remaining −9 600: countdown turns at −10 000.
  EXPECT_EQ(t.next_display_change(T0 + 20'000), T0 + 20'400);
  EXPECT_EQ(format_clock(t.status(T0 + 20'399).remaining_ms), "−00:09");
  EXPECT_EQ(format_clock(t.status(T0 + 20'400).remaining_ms), "−00:10");

  must_append(t, TimerEvent::pause(T0 + 21'000, "Pause"));
  EXPECT_EQ(t.next_display_change(T0 + 21'000), T0 + 22'000);  // the pause length
  EXPECT_EQ(t.next_display_change(T0 + 21'999), T0 + 22'000);
  must_append(t, TimerEvent::end(T0 + 22'000));
  EXPECT_FALSE(t.next_display_change(T0 + 22'000).has_value());
}

TEST(StageTimer, FormatClock) {
  EXPECT_EQ(format_clock(35 * kMin), "35:00");
  EXPECT_EQ(format_clock(35 * kMin - 999), "35:00");  // a countdown rounds up
  EXPECT_EQ(format_clock(35 * kMin - 1000), "34:59");
  EXPECT_EQ(format_clock(1), "00:01");
  EXPECT_EQ(format_clock(0), "00:00");
  EXPECT_EQ(format_clock(-999), "00:00");  // 00:00 lasts the first second of overrun
  EXPECT_EQ(format_clock(-1000), "\u221200:01");
  EXPECT_EQ(format_clock(-65 * kSec), "\u221201:05");
  EXPECT_EQ(format_clock(3'723 * kSec), "1:02:03");
  EXPECT_EQ(format_clock(-3'600 * kSec), "\u22121:00:00");
  EXPECT_EQ(format_clock(999, ClockRounding::CountUp), "00:00");
  EXPECT_EQ(format_clock(1000, ClockRounding::CountUp), "00:01");
  EXPECT_EQ(format_clock(12 * kMin + 34 * kSec + 500, ClockRounding::CountUp), "12:34");
}

TEST(StageTimer, EventKindIdsAreStable) {
  const std::pair<TimerEventKind, const char*> ids[] = {
      {TimerEventKind::Start, "start"}, {TimerEventKind::Pause, "pause"}, {TimerEventKind::Resume, "resume"},
      {TimerEventKind::Extend, "extend"}, {TimerEventKind::End, "end"}, {TimerEventKind::Next, "next"}};
  for (const auto& [kind, id] : ids) {
    EXPECT_EQ(to_id(kind), id);
    EXPECT_EQ(timer_event_kind_from_id(id), kind);
  }
  EXPECT_FALSE(timer_event_kind_from_id("Start").has_value());
  EXPECT_FALSE(timer_event_kind_from_id("").has_value());
  EXPECT_EQ(to_id(TimerState::BetweenStages), "between_stages");
  EXPECT_EQ(to_id(WarningLevel::Overrun), "overrun");
}

}  // namespace
}  // namespace jurymn
