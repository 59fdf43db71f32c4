// SPDX-License-Identifier: EUPL-1.2
// What the jury means, kept by the store: a pause starts when Space was
// pressed (its reason typed after); moving on early is a choice confirmed on
// screen (ends_stage_early); a CCP decision never outlives the competency
// decisions it stood on, in the store, results.json, the CSV and the PV.
#include <gtest/gtest.h>

#include "core/stage_timer.h"
#include "io/audit_records.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/proces_verbal.h"
#include "io/results_json.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

class JuryIntent : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  std::unique_ptr<Store> store;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::string session, president, member, candidate, run;

  void SetUp() override {
    plans = test::shipped_kit().plans;
    grids = test::shipped_kit().grids;
    store = test::open_jury_store(dir.file("jury.db"), clock, &seeded);
    ASSERT_TRUE(store);
    session = apply(action::CreateSession{test::session_input(SessionKind::Official)});
    president = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    member = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = apply(action::StartExam{candidate, "CCP1"});
  }

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }

  TimerStatus status() {
    auto r = store->exam_run(run);
    return StageTimer(*store->current_plan("CCP1"), r->events).status(clock.now_ms());
  }

  const Grid& grid() const { return *store->current_grid("CCP1"); }
  std::string first_stage() const { return store->current_plan("CCP1")->stages.front().id; }

  ResultsBundle bundle() {
    ResultsBundle b;
    b.app_version = "jurymn test";
    b.exported_at = clock.now_ms();
    b.snapshot = *store->snapshot(session, &b.audit, &b.audit_trail);
    return b;
  }
};

TEST_F(JuryIntent, APauseStartsWhenSpaceWasPressedNotWhenItsReasonIsTyped) {
  apply(action::DrawSheet{run, ""});
  apply(action::RecordTimerEvent{run, TimerEventKind::Start, first_stage(), 0, ""});
  clock.advance_ms(5 * kMinuteMs);
  const TimeMs pressed = clock.now_ms();
  clock.advance_ms(40'000);  // the jury types the reason
  apply(action::RecordTimerEvent{run, TimerEventKind::Pause, "", 0, "malaise du candidat", pressed});
  TimerStatus st = status();
  EXPECT_EQ(st.state, TimerState::Paused);
  EXPECT_EQ(st.paused_for_ms, 40'000);
  EXPECT_EQ(st.elapsed_ms, 5 * kMinuteMs);  // the 40 s of typing are not the candidate's
  EXPECT_EQ(store->exam_run(run)->events.back().at, pressed);
}

TEST_F(JuryIntent, APressTimeFromTheFutureOrBeforeThePreviousEventIsRefused) {
  apply(action::DrawSheet{run, ""});
  const TimeMs before_start = clock.now_ms();
  clock.advance_ms(1000);
  apply(action::RecordTimerEvent{run, TimerEventKind::Start, first_stage(), 0, ""});
  clock.advance_ms(60'000);
  EXPECT_FALSE(store->apply(action::RecordTimerEvent{run, TimerEventKind::Pause, "", 0, "x", clock.now_ms() + 5000}, "jury"));
  EXPECT_FALSE(store->apply(action::RecordTimerEvent{run, TimerEventKind::Pause, "", 0, "x", before_start}, "jury"));
  EXPECT_EQ(status().state, TimerState::Running);
}

TEST_F(JuryIntent, MovingOnBeforeThePlannedEndIsEarlyAtOrAfterItIsNot) {
  apply(action::DrawSheet{run, ""});
  apply(action::RecordTimerEvent{run, TimerEventKind::Start, first_stage(), 0, ""});
  clock.advance_ms(34 * kMinuteMs);
  EXPECT_TRUE(ends_stage_early(status()));  // Ctrl+N asks to confirm
  apply(action::RecordTimerEvent{run, TimerEventKind::Extend, "", 3 * kMinuteMs, "retard du vidéoprojecteur"});
  clock.advance_ms(2 * kMinuteMs);  // 36 min of 35 + 3
  EXPECT_TRUE(ends_stage_early(status()));
  clock.advance_ms(2 * kMinuteMs);  // 38 min: the planned end, extension included
  EXPECT_FALSE(ends_stage_early(status()));  // Ctrl+N moves on at once
  clock.advance_ms(kMinuteMs);
  EXPECT_FALSE(ends_stage_early(status()));
}

TEST_F(JuryIntent, AChangedCompetencyClearsTheCcpDecisionAndNothingStaleIsExported) {
  test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
  const auto& comps = grid().competencies;
  for (const auto& c : comps)
    apply(action::DecideCompetency{run, c.id,
                                   c.id == "CP-4" ? CompetencyStatus::NotAcquired : CompetencyStatus::Acquired});
  apply(action::DecideCcp{run, CcpOutcome::NotObtained, "CP-4 non acquise"});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  ASSERT_TRUE(store->exam_run(run)->decision.locked());
  apply(action::ReopenDecision{run, "erreur sur CP-4", {}, test::member_pin("Nadia Benali").key});
  ApplyResult changed = store->apply(action::DecideCompetency{run, "CP-4", CompetencyStatus::Acquired}, "jury");
  ASSERT_TRUE(changed) << changed.error;

  // The decision stood on CP-4 « non acquise »: it is gone, the jury decides again.
  auto r = store->exam_run(run);
  EXPECT_EQ(r->decision.decided, CcpOutcome::Undecided);
  EXPECT_TRUE(r->decision.confirmed_by.empty());
  EXPECT_EQ(r->decision.proposed, CcpOutcome::Obtained);
  EXPECT_FALSE(store->apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key}, "jury"));

  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  r = store->exam_run(run);
  EXPECT_TRUE(r->decision.locked());
  EXPECT_EQ(r->decision.proposed, CcpOutcome::Obtained);

  ResultsBundle b = bundle();
  const std::string json = results_json(b, plans);
  // The run's decision (the trail, also in the file, keeps the old one as history).
  const auto at = json.find("\"decision\":{");
  ASSERT_NE(at, std::string::npos);
  const std::string decision = json.substr(at, json.find('}', at) - at);
  EXPECT_NE(decision.find("\"proposed\":\"obtained\""), std::string::npos) << decision;
  EXPECT_NE(decision.find("\"decided\":\"obtained\""), std::string::npos) << decision;
  EXPECT_EQ(decision.find("not_obtained"), std::string::npos) << decision;
  const std::string csv = results_csv(b);
  EXPECT_EQ(csv.find("non obtenu"), std::string::npos) << csv;
  const std::string pv = render_proces_verbal({b.snapshot, plans, grids, clock.now_ms(), "jurymn test", "", std::nullopt});
  EXPECT_EQ(pv.find("décision négative"), std::string::npos);
  EXPECT_EQ(pv.find("Justification requise"), std::string::npos);
  // Replaying the trail agrees with the records.
  auto problems = check_against_audit_trail(b, "results.json");
  for (const auto& p : problems) ADD_FAILURE() << p.text();
}

TEST_F(JuryIntent, ReplayingTheTrailKnowsTheClearedDecision) {
  test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
  for (const auto& c : grid().competencies) apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::DecideCompetency{run, "CP-2", CompetencyStatus::NotAcquired});
  ResultsBundle b = bundle();
  EXPECT_EQ(b.snapshot.runs.front().decision.decided, CcpOutcome::Undecided);
  auto problems = check_against_audit_trail(b, "results.json");
  for (const auto& p : problems) ADD_FAILURE() << p.text();
}

}  // namespace
}  // namespace jurymn
