// SPDX-License-Identifier: EUPL-1.2
// The exam-run actions (StartExam, RecordTimerEvent, DrawSheet, ChooseSheet)
// through Store::apply: what they write, what they refuse, what the audit
// trail says, and that a timer rebuilt from the stored events is the same
// after a crash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "io/exam_plan_json.h"
#include "store/demo.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using test::candidate_input;
using test::session_input;
using test::TempDir;

constexpr TimeMs kMin = kMinuteMs;
constexpr std::string_view kActor = "jury";

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

class ExamRun : public ::testing::Test {
protected:
  TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{2026};
  std::vector<ExamPlan> plans;
  std::unique_ptr<Store> store;
  std::string session;

  void SetUp() override {
    auto loaded = load_exam_plans_dir(JURYMN_ASSETS "/plans");
    ASSERT_TRUE(loaded.problems.empty()) << loaded.problems.front().text();
    plans = loaded.plans;
    ASSERT_EQ(plans.size(), 2u);
    open();
    auto r = store->apply(action::CreateSession{session_input()}, kActor);
    ASSERT_TRUE(r) << r.error;
    session = r.created_uuid;
  }

  void open() {
    auto r = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_random_source(&seeded);
  }

  const ExamPlan& plan(const std::string& ccp) const {
    const ExamPlan* p = store->current_plan(ccp);
    EXPECT_NE(p, nullptr);
    return *p;
  }

  std::string add(const std::string& number, CcpSet ccps = {"CCP1"},
                  SessionSheetTitles sheets = candidate_input("x").sheets, const std::string& in_session = {}) {
    CandidateInput c = candidate_input(number, "Hoarau", "Kévin");
    c.ccps = ccps;
    c.sheets = sheets;
    auto r = store->apply(action::AddCandidate{in_session.empty() ? session : in_session, c}, kActor);
    EXPECT_TRUE(r) << r.error;
    return r.created_uuid;
  }

  // Applies an action that must be accepted: exactly one audit entry more,
  // named `name`, stamped with the clock, by the actor.
  ApplyResult accepted(const Action& a, std::string_view name) {
    const auto before = store->audit_entry_count();
    ApplyResult r = store->apply(a, kActor);
    EXPECT_TRUE(r) << name << ": " << r.error;
    EXPECT_EQ(store->audit_entry_count(), before + (r ? 1 : 0)) << name;
    if (r) {
      auto audit = store->audit_entries(session);
      EXPECT_FALSE(audit.empty());
      if (!audit.empty()) {
        EXPECT_EQ(audit.back().id, r.audit_id);
        EXPECT_EQ(audit.back().action, name);
        EXPECT_EQ(audit.back().actor, kActor);
        EXPECT_EQ(audit.back().at_ms, clock.now_ms());
      }
    }
    return r;
  }

  // Applies an action that must be refused with a message holding each of
  // `words`, leaving the audit trail (and so the database) as it was.
  std::string refused(const Action& a, std::initializer_list<std::string_view> words) {
    const auto before = store->audit_entry_count();
    const auto revision = store->revision();
    ApplyResult r = store->apply(a, kActor);
    EXPECT_FALSE(r) << action_name(a);
    EXPECT_EQ(store->audit_entry_count(), before) << action_name(a);
    EXPECT_EQ(store->revision(), revision);
    for (auto w : words) EXPECT_TRUE(contains(r.error, w)) << "« " << w << " » missing from: " << r.error;
    return r.error;
  }

  std::string start(const std::string& candidate, const std::string& ccp = "CCP1") {
    return accepted(action::StartExam{candidate, ccp}, "start_exam").created_uuid;
  }

  static action::RecordTimerEvent ev(const std::string& run, TimerEventKind kind, std::string stage = {},
                                     TimeMs amount = 0, std::string reason = {}) {
    return action::RecordTimerEvent{run, kind, std::move(stage), amount, std::move(reason)};
  }

  RunRecord run(const std::string& uuid) const {
    auto r = store->exam_run(uuid);
    EXPECT_TRUE(r.has_value());
    return r.value_or(RunRecord{});
  }

  TimerStatus status(const std::string& run_uuid) const {
    RunRecord r = run(run_uuid);
    StageTimer t(*store->find_plan(r.plan_id, r.plan_version), r.events);
    EXPECT_TRUE(t.skipped().empty());
    return t.status(clock.now_ms());
  }

  Attendance attendance(const std::string& candidate) const { return store->candidate(candidate)->attendance; }
};

// ------------------------------------------------------------------ StartExam

TEST_F(ExamRun, StartExamOpensARunUnderTheCurrentPlanAndMarksThePresence) {
  std::string c = add("MN-001");
  ASSERT_EQ(attendance(c), Attendance::Expected);
  clock.advance_ms(5 * kMin);
  auto r = accepted(action::StartExam{c, "CCP1"}, "start_exam");

  auto runs = store->exam_runs(session);
  ASSERT_EQ(runs.size(), 1u);
  const RunRecord& run = runs[0];
  EXPECT_EQ(run.uuid, r.created_uuid);
  EXPECT_EQ(run.candidate_uuid, c);
  EXPECT_EQ(run.ccp, "CCP1");
  EXPECT_EQ(run.plan_id, "ccp1");
  EXPECT_EQ(run.plan_version, "1.0");
  EXPECT_EQ(run.started_at, clock.now_ms());
  EXPECT_FALSE(run.finished_at.has_value());
  EXPECT_TRUE(run.events.empty());
  EXPECT_TRUE(run.draws.empty());
  EXPECT_EQ(attendance(c), Attendance::Present);

  auto audit = store->audit_entries(session).back();
  EXPECT_EQ(audit.candidate_uuid, c);
  auto payload = nlohmann::json::parse(audit.payload);
  EXPECT_EQ(payload["run"], r.created_uuid);
  EXPECT_EQ(payload["ccp"], "CCP1");
  EXPECT_EQ(payload["plan"], "ccp1");
  EXPECT_EQ(payload["plan_version"], "1.0");
  EXPECT_EQ(payload["attendance_before"], "expected");

  // Once the exam has started, the candidate can no longer be absent.
  refused(action::SetAttendance{c, Attendance::Absent}, {"déjà commencé", "absent"});
  refused(action::SetAttendance{c, Attendance::Expected}, {"déjà commencé", "présence"});
  EXPECT_EQ(attendance(c), Attendance::Present);
}

TEST_F(ExamRun, StartExamOfACandidateAlreadyPresentKeepsThePresence) {
  std::string c = add("MN-002");
  accepted(action::SetAttendance{c, Attendance::Present}, "set_attendance");
  start(c);
  EXPECT_EQ(attendance(c), Attendance::Present);
  EXPECT_EQ(nlohmann::json::parse(store->audit_entries(session).back().payload)["attendance_before"], "present");
}

TEST_F(ExamRun, StartExamRefusesAbsentOrWithdrawnCandidates) {
  std::string absent = add("MN-001");
  std::string withdrawn = add("MN-002");
  accepted(action::SetAttendance{absent, Attendance::Absent}, "set_attendance");
  accepted(action::SetAttendance{withdrawn, Attendance::Withdrawn}, "set_attendance");
  refused(action::StartExam{absent, "CCP1"}, {"Kévin Hoarau", "absent(e)", "ne peut pas commencer"});
  refused(action::StartExam{withdrawn, "CCP1"}, {"Kévin Hoarau", "désisté(e)", "ne peut pas commencer"});
  EXPECT_TRUE(store->exam_runs(session).empty());
  EXPECT_EQ(attendance(absent), Attendance::Absent);
  EXPECT_EQ(attendance(withdrawn), Attendance::Withdrawn);
}

TEST_F(ExamRun, StartExamRefusesACcpTheCandidateDoesNotTake) {
  std::string ccp1_only = add("MN-001", {"CCP1"});
  refused(action::StartExam{ccp1_only, "CCP2"}, {"n’est pas inscrit(e) au CCP2"});
  CandidateInput eq = candidate_input("MN-002");
  eq.ccps = {"CCP2"};
  eq.by_equivalence = {"CCP1"};
  auto r = store->apply(action::AddCandidate{session, eq}, kActor);
  ASSERT_TRUE(r) << r.error;
  refused(action::StartExam{r.created_uuid, "CCP1"}, {"équivalence", "n’est pas examiné"});
  EXPECT_TRUE(store->exam_runs(session).empty());
  EXPECT_EQ(attendance(ccp1_only), Attendance::Expected);
}

TEST_F(ExamRun, StartExamRefusesACcpTheSessionDoesNotExamine) {
  SessionInput s = session_input();
  s.ccps = {"CCP2"};
  auto created = store->apply(action::CreateSession{s}, kActor);
  ASSERT_TRUE(created) << created.error;
  std::string c = add("MN-001", {"CCP1", "CCP2"}, candidate_input("x").sheets, created.created_uuid);
  refused(action::StartExam{c, "CCP1"}, {"Cette session n’examine pas le CCP1"});
  EXPECT_TRUE(store->exam_runs(created.created_uuid).empty());
  // The CCP it does examine starts.
  auto r = store->apply(action::StartExam{c, "CCP2"}, kActor);
  EXPECT_TRUE(r) << r.error;
}

TEST_F(ExamRun, StartExamRefusesASecondStartOfTheSameCcp) {
  std::string c = add("MN-001", {"CCP1", "CCP2"});
  start(c, "CCP1");
  clock.advance_ms(kMin);
  refused(action::StartExam{c, "CCP1"}, {"CCP1", "Kévin Hoarau", "déjà commencée"});
  // The other CCP is another run.
  start(c, "CCP2");
  EXPECT_EQ(store->exam_runs(session).size(), 2u);
}

TEST_F(ExamRun, StartExamRefusesWhenNoPlanIsLoaded) {
  std::string c = add("MN-001", {"CCP1", "CCP2"});
  std::vector<ExamPlan> ccp2_only;
  for (const auto& p : plans)
    if (p.ccp == "CCP2") ccp2_only.push_back(p);
  store->set_exam_plans(ccp2_only);
  refused(action::StartExam{c, "CCP1"}, {"Aucun plan d’épreuve pour le CCP1"});
  EXPECT_TRUE(store->exam_runs(session).empty());
  EXPECT_EQ(attendance(c), Attendance::Expected);
  store->set_exam_plans({});
  refused(action::StartExam{c, "CCP2"}, {"Aucun plan d’épreuve pour le CCP2"});
  refused(action::StartExam{"pas-un-uuid", "CCP1"}, {"Candidat introuvable"});
}

// ------------------------------------------------------------------ timer

TEST_F(ExamRun, DrawComesBeforeTheFirstStageOfAPlanWithADraw) {
  std::string run_uuid = start(add("MN-001"));
  const ExamPlan& p = plan("CCP1");
  ASSERT_EQ(p.draw_stage_index(), 0);
  clock.advance_ms(kMin);
  refused(ev(run_uuid, TimerEventKind::Start, p.stages[0].id),
          {"Tirez au sort", "fiche séance", "avant l’étape «\u00A0" + p.stages[0].label + "\u00A0»"});
  // Next from nothing would start the first stage: same refusal.
  refused(ev(run_uuid, TimerEventKind::Next), {"Tirez au sort", "fiche séance"});
  // A later stage uses the sheet too.
  refused(ev(run_uuid, TimerEventKind::Start, "mise_en_situation"), {"Tirez au sort"});
  EXPECT_TRUE(run(run_uuid).events.empty());

  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
  accepted(ev(run_uuid, TimerEventKind::Start, p.stages[0].id), "start_stage");
  auto st = status(run_uuid);
  EXPECT_EQ(st.state, TimerState::Running);
  EXPECT_EQ(st.stage_index, 0);
}

TEST_F(ExamRun, APlanWithoutADrawStartsWithoutOne) {
  // A candidate of both CCPs has three sheet titles; they are not for CCP2.
  std::string run_uuid = start(add("MN-001", {"CCP1", "CCP2"}), "CCP2");
  const ExamPlan& p = plan("CCP2");
  EXPECT_EQ(run(run_uuid).plan_id, "ccp2");
  ASSERT_LT(p.draw_stage_index(), 0);
  refused(action::DrawSheet{run_uuid, {}}, {"CCP2", "ne prévoit pas de tirage de fiche séance"});
  refused(action::ChooseSheet{run_uuid, 0, {}}, {"CCP2", "ne prévoit pas de tirage de fiche séance"});
  EXPECT_TRUE(run(run_uuid).draws.empty());
  accepted(ev(run_uuid, TimerEventKind::Start, p.stages[0].id), "start_stage");
  clock.advance_ms(p.stages[0].duration_ms);
  accepted(ev(run_uuid, TimerEventKind::Next), "next_stage");
  clock.advance_ms(p.stages[1].duration_ms);
  accepted(ev(run_uuid, TimerEventKind::End), "end_stage");
  EXPECT_EQ(run(run_uuid).finished_at, clock.now_ms());
}

TEST_F(ExamRun, WalkThroughAWholeRunWithADraw) {
  std::string c = add("MN-001");
  const ExamPlan& p = plan("CCP1");
  ASSERT_EQ(p.stages.size(), 4u);
  const TimeMs t0 = clock.now_ms();
  std::string run_uuid = start(c);
  clock.advance_ms(kMin);
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
  clock.advance_ms(kMin);

  // Questionnement (35 min): a 3-minute pause, then a 2-minute extension.
  const TimeMs q_start = clock.now_ms();
  accepted(ev(run_uuid, TimerEventKind::Start, "questionnement"), "start_stage");
  clock.advance_ms(10 * kMin);
  refused(ev(run_uuid, TimerEventKind::Resume), {"n’est pas en pause"});
  refused(ev(run_uuid, TimerEventKind::Pause), {"raison de la pause", "procès-verbal"});
  refused(ev(run_uuid, TimerEventKind::Pause, {}, 0, "   "), {"raison de la pause"});
  refused(ev(run_uuid, TimerEventKind::Pause, "entretien_technique", 0, "Alarme incendie"),
          {"vise l’étape", "entretien_technique"});
  accepted(ev(run_uuid, TimerEventKind::Pause, {}, 0, "Alarme incendie"), "pause_stage");
  clock.advance_ms(3 * kMin);
  {
    auto st = status(run_uuid);
    EXPECT_EQ(st.state, TimerState::Paused);
    EXPECT_EQ(st.pause_reason, "Alarme incendie");
    EXPECT_EQ(st.paused_for_ms, 3 * kMin);
    EXPECT_EQ(st.remaining_ms, 25 * kMin);  // the pause does not count
  }
  refused(ev(run_uuid, TimerEventKind::Pause, {}, 0, "Encore"), {"déjà en pause"});
  accepted(ev(run_uuid, TimerEventKind::Resume), "resume_stage");
  clock.advance_ms(22 * kMin);
  refused(ev(run_uuid, TimerEventKind::Extend, {}, 2 * kMin), {"raison de la prolongation"});
  refused(ev(run_uuid, TimerEventKind::Extend, {}, 0, "Question longue"), {"durée positive"});
  accepted(ev(run_uuid, TimerEventKind::Extend, {}, 2 * kMin, "Question longue"), "extend_stage");
  {
    auto st = status(run_uuid);
    EXPECT_EQ(st.state, TimerState::Running);
    EXPECT_EQ(st.budget_ms, 37 * kMin);
    EXPECT_EQ(st.remaining_ms, 5 * kMin);
    EXPECT_EQ(st.warning, WarningLevel::First);
  }
  clock.advance_ms(5 * kMin);
  refused(ev(run_uuid, TimerEventKind::Start, "preparation"), {"est en cours", "terminez-la"});

  // Préparation (10 min), on time.
  const TimeMs prep_start = clock.now_ms();
  accepted(ev(run_uuid, TimerEventKind::Next), "next_stage");
  clock.advance_ms(10 * kMin);
  // Mise en situation (30 min), one minute over.
  const TimeMs mes_start = clock.now_ms();
  accepted(ev(run_uuid, TimerEventKind::Next, "mise_en_situation"), "next_stage");
  clock.advance_ms(31 * kMin);
  {
    auto st = status(run_uuid);
    EXPECT_EQ(st.warning, WarningLevel::Overrun);
    EXPECT_EQ(st.remaining_ms, -kMin);
  }
  // Entretien technique (15 min), ended 2 minutes early.
  const TimeMs et_start = clock.now_ms();
  accepted(ev(run_uuid, TimerEventKind::Next), "next_stage");
  clock.advance_ms(13 * kMin);
  refused(ev(run_uuid, TimerEventKind::Next), {"dernière", "terminez-la"});
  EXPECT_FALSE(run(run_uuid).finished_at.has_value());
  accepted(ev(run_uuid, TimerEventKind::End, {}, 0, "Le jury a terminé ses questions"), "end_stage");
  const TimeMs end = clock.now_ms();

  RunRecord r = run(run_uuid);
  ASSERT_TRUE(r.finished_at.has_value());
  EXPECT_EQ(*r.finished_at, end);
  EXPECT_EQ(r.started_at, t0);

  clock.advance_ms(30 * kMin);  // read well after: nothing moves any more
  StageTimer timer(p, r.events);
  EXPECT_TRUE(timer.skipped().empty());
  auto st = timer.status(clock.now_ms());
  EXPECT_EQ(st.state, TimerState::Finished);
  ASSERT_EQ(st.stages.size(), 4u);
  const auto& q = st.stages[0];
  EXPECT_EQ(q.started_at, q_start);
  EXPECT_EQ(q.ended_at, prep_start);
  ASSERT_EQ(q.pauses.size(), 1u);
  EXPECT_EQ(q.pauses[0].reason, "Alarme incendie");
  EXPECT_EQ(q.paused_ms, 3 * kMin);
  EXPECT_EQ(q.extension_ms, 2 * kMin);
  EXPECT_EQ(q.elapsed_ms, 37 * kMin);
  EXPECT_EQ(q.overrun_ms, 0);
  EXPECT_FALSE(q.ended_early());
  const auto& prep = st.stages[1];
  EXPECT_EQ(prep.started_at, prep_start);
  EXPECT_EQ(prep.ended_at, mes_start);
  EXPECT_EQ(prep.elapsed_ms, 10 * kMin);
  const auto& mes = st.stages[2];
  EXPECT_EQ(mes.started_at, mes_start);
  EXPECT_EQ(mes.ended_at, et_start);
  EXPECT_EQ(mes.overrun_ms, kMin);
  const auto& et = st.stages[3];
  EXPECT_EQ(et.started_at, et_start);
  EXPECT_EQ(et.ended_at, end);
  EXPECT_EQ(et.elapsed_ms, 13 * kMin);
  EXPECT_TRUE(et.ended_early());
  EXPECT_EQ(et.end_reason, "Le jury a terminé ses questions");

  // Nothing more can be timed.
  refused(ev(run_uuid, TimerEventKind::Next), {"Toutes les étapes"});
  refused(ev(run_uuid, TimerEventKind::Start, "entretien_technique"), {"déjà été démarrée"});
  refused(ev(run_uuid, TimerEventKind::Pause, {}, 0, "Pause"), {"Aucune étape n’est en cours"});
  // The record keeps the sheet the exam was run on.
  refused(action::DrawSheet{run_uuid, "Erreur de saisie"}, {"terminée", "ne peut plus changer"});
  refused(action::ChooseSheet{run_uuid, 1, "Erreur de saisie"}, {"terminée"});
  // The candidate keeps the CCP whose record exists.
  CandidateInput edited = store->candidate(c)->data;
  edited.ccps = {"CCP2"};
  refused(action::EditCandidate{c, edited}, {"CCP1", "commencée"});

  // The audit trail tells the same story, one entry per accepted action.
  std::vector<std::string> actions;
  for (const auto& a : store->audit_entries(session))
    if (a.candidate_uuid == c) actions.push_back(a.action);
  const std::vector<std::string> expected{"add_candidate", "start_exam",  "draw_sheet",   "start_stage",
                                          "pause_stage",   "resume_stage", "extend_stage", "next_stage",
                                          "next_stage",    "next_stage",   "end_stage"};
  EXPECT_EQ(actions, expected);
  // The audit payload of a timer event names the stage it acted on.
  auto last = nlohmann::json::parse(store->audit_entries(session).back().payload);
  EXPECT_EQ(last["event"], "end");
  EXPECT_EQ(last["stage"], "entretien_technique");
  EXPECT_EQ(last["reason"], "Le jury a terminé ses questions");
}

TEST_F(ExamRun, TimerEventsAreStampedByTheStoreClockAndNeverGoBack) {
  std::string run_uuid = start(add("MN-001"));
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
  clock.advance_ms(kMin);
  accepted(ev(run_uuid, TimerEventKind::Start, "questionnement"), "start_stage");
  EXPECT_EQ(run(run_uuid).events.back().at, clock.now_ms());
  clock.advance_ms(-30'000);  // the computer's clock was set back
  refused(ev(run_uuid, TimerEventKind::Pause, {}, 0, "Panne"), {"daté d’avant le précédent"});
  refused(ev("pas-un-uuid", TimerEventKind::Next), {"Épreuve introuvable"});
  clock.advance_ms(60'000);
  accepted(ev(run_uuid, TimerEventKind::Pause, {}, 0, "Panne"), "pause_stage");
}

TEST_F(ExamRun, NothingIsRecordedBeforeTheRunStarted) {
  std::string run_uuid = start(add("MN-001"));
  clock.advance_ms(-60 * kMin);  // the computer's clock was set back an hour
  refused(action::DrawSheet{run_uuid, {}}, {"horloge", "antérieure au début"});
  refused(ev(run_uuid, TimerEventKind::Start, "questionnement"), {"horloge"});
  clock.advance_ms(61 * kMin);
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
}

TEST_F(ExamRun, ARunWhosePlanIsNoLongerLoadedCannotGoOn) {
  std::string run_uuid = start(add("MN-001"));
  store->set_exam_plans({});
  refused(ev(run_uuid, TimerEventKind::Next), {"ccp1", "version 1.0", "n’est plus disponible"});
  refused(action::DrawSheet{run_uuid, {}}, {"n’est plus disponible"});
  store->set_exam_plans(plans);
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
}

TEST_F(ExamRun, TimerRebuiltAfterACrashCountsTheDowntimeAsElapsed) {
  std::string run_uuid = start(add("MN-001"));
  const ExamPlan p = plan("CCP1");
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
  clock.advance_ms(kMin);
  accepted(ev(run_uuid, TimerEventKind::Start, "questionnement"), "start_stage");
  clock.advance_ms(8 * kMin);
  accepted(ev(run_uuid, TimerEventKind::Pause, {}, 0, "Candidat souffrant"), "pause_stage");
  clock.advance_ms(2 * kMin);
  accepted(ev(run_uuid, TimerEventKind::Resume), "resume_stage");
  clock.advance_ms(5 * kMin);
  const TimerStatus before = status(run_uuid);
  EXPECT_EQ(before.remaining_ms, 22 * kMin);
  const auto audit_before = store->audit_entry_count();

  // The app dies; the exam goes on for 7 minutes before it is reopened.
  store.reset();
  clock.advance_ms(7 * kMin);
  open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->audit_entry_count(), audit_before);
  RunRecord r = run(run_uuid);
  EXPECT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.draws.size(), 1u);
  StageTimer timer(p, r.events);
  EXPECT_TRUE(timer.skipped().empty());
  auto st = timer.status(clock.now_ms());
  EXPECT_EQ(st.state, TimerState::Running);
  EXPECT_EQ(st.stage_index, 0);
  EXPECT_EQ(st.elapsed_ms, 20 * kMin);
  EXPECT_EQ(st.remaining_ms, 15 * kMin);
  ASSERT_EQ(st.stages[0].pauses.size(), 1u);
  EXPECT_EQ(st.stages[0].paused_ms, 2 * kMin);

  // The exam goes on from there.
  clock.advance_ms(15 * kMin);
  accepted(ev(run_uuid, TimerEventKind::Next), "next_stage");
  auto after = status(run_uuid);
  EXPECT_EQ(after.stages[0].elapsed_ms, 35 * kMin);
  EXPECT_EQ(after.stages[0].overrun_ms, 0);
  EXPECT_EQ(after.stage_index, 1);
}

TEST_F(ExamRun, StoredEventsReplayWithoutSkips) {
  // Random jury clicks, valid or not: what the store keeps replays cleanly
  // and gives the same status as a timer fed the accepted events directly.
  std::string run_uuid = start(add("MN-001"));
  const ExamPlan p = plan("CCP1");
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
  StageTimer mirror(p);
  std::mt19937 rng(12345);
  const TimerEventKind kinds[] = {TimerEventKind::Start, TimerEventKind::Pause, TimerEventKind::Resume,
                                  TimerEventKind::Extend, TimerEventKind::End, TimerEventKind::Next};
  int accepted_count = 0;
  for (int i = 0; i < 300; ++i) {
    clock.advance_ms(static_cast<TimeMs>(rng() % (4 * kMin)));
    const TimerEventKind kind = kinds[rng() % 6];
    std::string stage = rng() % 3 == 0 ? p.stages[rng() % p.stages.size()].id : std::string{};
    std::string reason = rng() % 4 == 0 ? std::string{} : "raison " + std::to_string(i);
    const TimeMs amount = static_cast<TimeMs>(rng() % 3) * kMin;
    const auto before = store->audit_entry_count();
    ApplyResult r = store->apply(ev(run_uuid, kind, stage, amount, reason), kActor);
    EXPECT_EQ(store->audit_entry_count(), before + (r ? 1 : 0));
    if (r) {
      ++accepted_count;
      TimerEvent e{kind, stage, clock.now_ms(), amount, reason};
      EXPECT_TRUE(mirror.append(e)) << i;
    }
  }
  ASSERT_GT(accepted_count, 8);
  RunRecord r = run(run_uuid);
  EXPECT_EQ(r.events.size(), static_cast<std::size_t>(accepted_count));
  StageTimer replay(p, r.events);
  EXPECT_TRUE(replay.skipped().empty());
  const TimeMs now = clock.now_ms() + 3 * kMin;
  auto a = replay.status(now);
  auto b = mirror.status(now);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.stage_index, b.stage_index);
  EXPECT_EQ(a.remaining_ms, b.remaining_ms);
  ASSERT_EQ(a.stages.size(), b.stages.size());
  for (std::size_t i = 0; i < a.stages.size(); ++i) {
    EXPECT_EQ(a.stages[i].started_at, b.stages[i].started_at);
    EXPECT_EQ(a.stages[i].ended_at, b.stages[i].ended_at);
    EXPECT_EQ(a.stages[i].elapsed_ms, b.stages[i].elapsed_ms);
    EXPECT_EQ(a.stages[i].pauses.size(), b.stages[i].pauses.size());
    EXPECT_EQ(a.stages[i].extension_ms, b.stages[i].extension_ms);
  }
  EXPECT_EQ(r.finished_at.has_value(), a.state == TimerState::Finished);
}

// ------------------------------------------------------------------ draws

TEST_F(ExamRun, DrawNeedsThreeSheetTitles) {
  std::string c = add("MN-005", {"CCP1"}, {"Découvrir l’ordinateur", "Créer son espace France Travail", "  "});
  std::string run_uuid = start(c);
  refused(action::DrawSheet{run_uuid, {}}, {"trois fiches séances", "2 fiches séances seulement", "complétez"});
  refused(action::ChooseSheet{run_uuid, 0, {}}, {"trois fiches séances"});
  EXPECT_TRUE(run(run_uuid).draws.empty());
  // Once the titles are completed, the draw works.
  CandidateInput fixed = store->candidate(c)->data;
  fixed.sheets[2] = "Mon espace santé";
  accepted(action::EditCandidate{c, fixed}, "edit_candidate");
  accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
}

TEST_F(ExamRun, ASecondDrawNeedsAReasonAndEveryDrawIsKept) {
  std::string c = add("MN-001");
  std::string run_uuid = start(c);
  SeededRandomSource same{2026};  // what the store's source will give
  const int expected_index = draw_sheet_index(same, 3);
  clock.advance_ms(kMin);
  auto first = accepted(action::DrawSheet{run_uuid, {}}, "draw_sheet");
  RunRecord r = run(run_uuid);
  ASSERT_EQ(r.draws.size(), 1u);
  EXPECT_EQ(r.draws[0].method, DrawMethod::Random);
  EXPECT_EQ(r.draws[0].chosen, expected_index);
  EXPECT_EQ(r.draws[0].titles, candidate_input("x").sheets);
  EXPECT_EQ(r.draws[0].at, clock.now_ms());
  EXPECT_EQ(r.draws[0].reason, "");
  auto payload = nlohmann::json::parse(store->audit_entries(session).back().payload);
  EXPECT_EQ(payload["method"], "random");
  EXPECT_EQ(payload["chosen"], expected_index);
  EXPECT_EQ(payload["chosen_title"], r.draws[0].chosen_title());

  clock.advance_ms(kMin);
  refused(action::DrawSheet{run_uuid, {}}, {"déjà été retenue", r.draws[0].chosen_title(), "raison"});
  refused(action::DrawSheet{run_uuid, " \t "}, {"raison"});
  refused(action::ChooseSheet{run_uuid, 1, {}}, {"déjà été retenue", "raison"});
  accepted(action::DrawSheet{run_uuid, "  Fiche illisible  "}, "draw_sheet");
  r = run(run_uuid);
  ASSERT_EQ(r.draws.size(), 2u);
  EXPECT_EQ(r.draws[1].reason, "Fiche illisible");
  EXPECT_EQ(current_draw(r.draws), &r.draws[1]);

  clock.advance_ms(kMin);
  refused(action::ChooseSheet{run_uuid, 3, "Choix du jury"}, {"Choisissez l’une des trois fiches séances"});
  refused(action::ChooseSheet{run_uuid, -1, "Choix du jury"}, {"Choisissez l’une des trois fiches séances"});
  accepted(action::ChooseSheet{run_uuid, 1, "Le candidat a déjà présenté cette fiche"}, "choose_sheet");
  r = run(run_uuid);
  ASSERT_EQ(r.draws.size(), 3u);
  EXPECT_EQ(r.draws[2].method, DrawMethod::JuryChoice);
  EXPECT_EQ(r.draws[2].chosen, 1);
  EXPECT_EQ(r.draws[2].chosen_title(), "Prendre rendez-vous en ligne");
  payload = nlohmann::json::parse(store->audit_entries(session).back().payload);
  EXPECT_EQ(payload["method"], "jury_choice");
  EXPECT_EQ(payload["reason"], "Le candidat a déjà présenté cette fiche");
}

TEST_F(ExamRun, TheJuryMayChooseTheFirstSheetWithoutAReason) {
  std::string run_uuid = start(add("MN-001"));
  accepted(action::ChooseSheet{run_uuid, 2, {}}, "choose_sheet");
  RunRecord r = run(run_uuid);
  ASSERT_EQ(r.draws.size(), 1u);
  EXPECT_EQ(r.draws[0].method, DrawMethod::JuryChoice);
  EXPECT_EQ(r.draws[0].chosen_title(), "Découvrir France Connect");
  // The choice counts as the draw for the timer.
  accepted(ev(run_uuid, TimerEventKind::Start, "questionnement"), "start_stage");
}

TEST_F(ExamRun, NoRandomSourceNoDraw) {
  std::string run_uuid = start(add("MN-001"));
  store->set_random_source(nullptr);
  refused(action::DrawSheet{run_uuid, {}}, {"Aucune source de hasard", "tirage est impossible"});
  EXPECT_TRUE(run(run_uuid).draws.empty());
  // The jury can still choose.
  accepted(action::ChooseSheet{run_uuid, 0, {}}, "choose_sheet");
}

// ------------------------------------------------------------------ demo

TEST(ExamRunDemo, WithoutPlansTheDemoStillHasItsSessionButNoRun) {
  TempDir dir;
  FakeClock clock;
  SeededRandomSource random(1);
  const TimeMs now = clock.now_ms();
  auto d = create_demo_session(dir.file("demo.db"), jurymn::test::tp01336(), {}, {}, random, now);
  ASSERT_EQ(d.error, "");
  auto opened = Store::open(dir.file("demo.db"), OpenMode::ReadOnly, clock);
  ASSERT_TRUE(opened.store) << opened.error;
  auto s = opened.store->find_session(d.session_uuid);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, SessionKind::Rehearsal);
  EXPECT_EQ(s->candidate_count, 8);
  EXPECT_TRUE(opened.store->exam_runs(d.session_uuid).empty());
  for (const auto& a : opened.store->audit_entries(d.session_uuid)) {
    EXPECT_EQ(a.actor, "demo");
    EXPECT_LE(a.at_ms, now);
  }
}

TEST(ExamRunDemo, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  SeededRandomSource random(1);
  test::spit(dir.file("notes.db"), "pas une base");
  auto d = create_demo_session(dir.file("notes.db"), jurymn::test::tp01336(), {}, {}, random, 1'780'000'000'000);
  EXPECT_EQ(d.session_uuid, "");
  EXPECT_TRUE(contains(d.error, "notes.db")) << d.error;
}

}  // namespace
}  // namespace jurymn
