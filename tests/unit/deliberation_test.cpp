// SPDX-License-Identifier: EUPL-1.2
// The jury's deliberation: the review of both members' ratings (pure, in the
// core) and the decision actions applied by the store — decide, justify,
// confirm by each member, lock, reopen with a reason.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/deliberation.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/store.h"
#include "store/replay.h"
#include "test_support.h"

namespace jurymn {
namespace {

// ---- the pure review ----

struct ReviewFixture : ::testing::Test {
  Grid grid;
  std::vector<JuryMemberRecord> jury{{1, "m-a", "Nadia Benali", JuryRole::President},
                                     {2, "m-b", "Thomas Lefèvre", JuryRole::Member}};
  RunRecord run;

  void SetUp() override {
    auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336());
    ASSERT_TRUE(grids.problems.empty());
    for (auto& g : grids.grids)
      if (g.ccp == "CCP1") grid = g;
    ASSERT_FALSE(grid.competencies.empty());
    run.finished_at = 1000;
  }
  const std::string& acquired() const { return grid.rating_scale.front().id; }
  std::string not_acquired() const {
    for (const auto& l : grid.rating_scale)
      if (l.evidence && !l.acquired) return l.id;
    return {};
  }
  // Member `m` rates every criterion of competency `c` at `level`.
  void rate_all(const std::string& m, std::size_t c, const std::string& level) {
    for (const auto& cr : grid.competencies[c].criteria) run.marks.push_back({m, cr.id, level, 0});
  }
  void decide(std::size_t c, CompetencyStatus s) {
    run.competency_decisions.push_back({grid.competencies[c].id, s, 0});
  }
  void decide_all(CompetencyStatus s) {
    for (std::size_t c = 0; c < grid.competencies.size(); ++c) decide(c, s);
  }
};

TEST_F(ReviewFixture, AgreeingMembersProposeTheirCommonStatus) {
  rate_all("m-a", 0, acquired());
  rate_all("m-b", 0, acquired());
  Deliberation d = review_run(grid, jury, run);
  ASSERT_EQ(d.competencies.size(), grid.competencies.size());
  EXPECT_EQ(d.competencies[0].proposed, CompetencyStatus::Acquired);
  EXPECT_FALSE(d.competencies[0].members_split);
  EXPECT_EQ(d.competencies[0].disagreements, 0);
  // Nobody has rated CP-2: no proposal, no disagreement either.
  EXPECT_EQ(d.competencies[1].proposed, CompetencyStatus::Undecided);
  EXPECT_EQ(d.disagreements(), 0);
}

TEST_F(ReviewFixture, DisagreementsAreCountedPerCriterionAndSplitTheProposal) {
  rate_all("m-a", 0, acquired());
  rate_all("m-b", 0, acquired());
  run.marks.back().level_id = not_acquired();  // Thomas: last criterion not acquired
  Deliberation d = review_run(grid, jury, run);
  const auto& cp1 = d.competencies[0];
  EXPECT_EQ(cp1.disagreements, 1);
  EXPECT_TRUE(cp1.criteria.back().disagreement);
  EXPECT_FALSE(cp1.criteria.front().disagreement);
  EXPECT_EQ(cp1.criteria.back().levels, (std::vector<std::string>{acquired(), not_acquired()}));
  EXPECT_EQ(cp1.by_member[0].status, CompetencyStatus::Acquired);
  EXPECT_EQ(cp1.by_member[1].status, CompetencyStatus::NotAcquired);
  EXPECT_TRUE(cp1.members_split);
  EXPECT_EQ(cp1.proposed, CompetencyStatus::Undecided);  // the jury must settle it
}

TEST_F(ReviewFixture, OneMemberStillRatingGivesNoProposalAndNoDisagreement) {
  rate_all("m-a", 0, acquired());
  run.marks.push_back({"m-b", grid.competencies[0].criteria[0].id, not_acquired(), 0});
  Deliberation d = review_run(grid, jury, run);
  EXPECT_EQ(d.competencies[0].proposed, CompetencyStatus::Undecided);
  EXPECT_FALSE(d.competencies[0].members_split);
  EXPECT_EQ(d.competencies[0].disagreements, 1);  // the one criterion both rated
}

TEST_F(ReviewFixture, RatingsOfSomeoneOutsideTheJuryAreIgnored) {
  rate_all("m-a", 0, acquired());
  rate_all("m-b", 0, acquired());
  rate_all("stranger", 0, not_acquired());
  EXPECT_EQ(review_run(grid, jury, run).competencies[0].disagreements, 0);
}

TEST_F(ReviewFixture, CcpProposalFollowsTheJurysCompetencyDecisions) {
  EXPECT_EQ(review_run(grid, jury, run).proposed, CcpOutcome::Undecided);
  decide_all(CompetencyStatus::Acquired);
  Deliberation all = review_run(grid, jury, run);
  EXPECT_TRUE(all.all_decided());
  EXPECT_EQ(all.proposed, CcpOutcome::Obtained);
  run.competency_decisions[2].status = CompetencyStatus::NotAcquired;
  EXPECT_EQ(review_run(grid, jury, run).proposed, CcpOutcome::NotObtained);
  run.competency_decisions.pop_back();
  Deliberation partial = review_run(grid, jury, run);
  EXPECT_FALSE(partial.all_decided());
  EXPECT_EQ(partial.proposed, CcpOutcome::Undecided);
}

TEST_F(ReviewFixture, DecisionRulesAndTheirMessages) {
  const DecisionRule& rule = grid.decision_rule;
  run.finished_at.reset();
  decide_all(CompetencyStatus::Acquired);
  EXPECT_NE(ccp_decision_refusal(review_run(grid, jury, run), rule, CcpOutcome::Obtained, "").find("pas terminée"),
            std::string::npos);
  run.finished_at = 1000;
  Deliberation d = review_run(grid, jury, run);
  // All acquired, obtained as proposed: no justification needed.
  EXPECT_EQ(ccp_decision_refusal(d, rule, CcpOutcome::Obtained, ""), "");
  // Not obtained although all are acquired: negative and an override.
  std::string why = ccp_decision_refusal(d, rule, CcpOutcome::NotObtained, "  \n ");
  EXPECT_NE(why.find("justification écrite est requise"), std::string::npos) << why;
  EXPECT_NE(why.find("négative, différente de la proposition"), std::string::npos) << why;
  EXPECT_EQ(ccp_decision_refusal(d, rule, CcpOutcome::NotObtained, "Posture professionnelle inadaptée."), "");
  EXPECT_NE(ccp_decision_refusal(d, rule, CcpOutcome::Undecided, "x").find("Choisissez"), std::string::npos);
  // One not acquired: the proposal is « non obtenu », which still needs a
  // justification (negative); obtaining it anyway departs from the rule.
  run.competency_decisions[1].status = CompetencyStatus::NotAcquired;
  d = review_run(grid, jury, run);
  EXPECT_EQ(justification_reason(rule, d.proposed, CcpOutcome::NotObtained), "décision négative");
  EXPECT_NE(ccp_decision_refusal(d, rule, CcpOutcome::NotObtained, ""), "");
  EXPECT_EQ(justification_reason(rule, d.proposed, CcpOutcome::Obtained),
            "décision différente de la proposition de la grille");
  EXPECT_NE(ccp_decision_refusal(d, rule, CcpOutcome::Obtained, ""), "");
  EXPECT_EQ(ccp_decision_refusal(d, rule, CcpOutcome::Obtained, "CP-2 acquise à l’entretien."), "");
  // A grid whose rule asks for no justification at all.
  DecisionRule lenient{DecisionKind::AllCompetenciesAcquired, false, false};
  EXPECT_EQ(ccp_decision_refusal(d, lenient, CcpOutcome::NotObtained, ""), "");
  // Undecided competencies are named.
  run.competency_decisions.erase(run.competency_decisions.begin() + 3);
  why = ccp_decision_refusal(review_run(grid, jury, run), rule, CcpOutcome::NotObtained, "x");
  EXPECT_NE(why.find(grid.competencies[3].id), std::string::npos) << why;
}

TEST_F(ReviewFixture, ConfirmationNeedsEveryMemberAndTwoForAnOfficialJury) {
  EXPECT_FALSE(confirmation_complete(jury, {}));
  EXPECT_FALSE(confirmation_complete(jury, {"m-a"}));
  EXPECT_FALSE(confirmation_complete(jury, {"m-a", "stranger"}));
  EXPECT_TRUE(confirmation_complete(jury, {"m-b", "m-a"}));
  EXPECT_FALSE(confirmation_complete({}, {}));

  decide_all(CompetencyStatus::Acquired);
  run.decision.decided = CcpOutcome::Obtained;
  Deliberation d = review_run(grid, jury, run);
  EXPECT_EQ(confirmation_refusal(d, grid.decision_rule, jury, "m-a", SessionKind::Official), "");
  EXPECT_NE(confirmation_refusal(d, grid.decision_rule, jury, "nobody", SessionKind::Official).find("ne fait pas partie"),
            std::string::npos);
  std::vector<JuryMemberRecord> alone{jury[0]};
  EXPECT_NE(confirmation_refusal(d, grid.decision_rule, alone, "m-a", SessionKind::Official).find("au moins deux"),
            std::string::npos);
  EXPECT_EQ(confirmation_refusal(d, grid.decision_rule, alone, "m-a", SessionKind::Rehearsal), "");
  run.decision.confirmed_by = {"m-a"};
  EXPECT_NE(confirmation_refusal(d, grid.decision_rule, jury, "m-a", SessionKind::Official).find("déjà confirmé"),
            std::string::npos);
  run.decision.decided = CcpOutcome::Undecided;
  EXPECT_NE(confirmation_refusal(d, grid.decision_rule, jury, "m-b", SessionKind::Official).find("rien à confirmer"),
            std::string::npos);
}

TEST(Reopening, NeedsALockedResultAndAReason) {
  CcpDecisionRecord open;
  EXPECT_NE(reopening_refusal(open, "erreur de saisie").find("pas verrouillé"), std::string::npos);
  CcpDecisionRecord locked;
  locked.locked_at = 5;
  EXPECT_NE(reopening_refusal(locked, " \t").find("motif"), std::string::npos);
  EXPECT_EQ(reopening_refusal(locked, "Erreur de saisie sur CP-3"), "");
}

// ---- through the store ----

class Deciding : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  std::unique_ptr<Store> store;
  std::string session, president, member, candidate, run;

  void SetUp() override { open(SessionKind::Official); }

  void open(SessionKind kind) {
    auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336());
    ASSERT_TRUE(grids.problems.empty());
    auto r = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids.grids);
    store->set_random_source(&seeded);
    session = apply(action::CreateSession{test::session_input(kind)});
    president = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    member = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = apply(action::StartExam{candidate, "CCP1"});
  }

  void finish_run() {
    test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
    ASSERT_TRUE(record().finished_at);
  }

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }
  std::string refused(const Action& a) {
    const auto before = store->audit_entry_count();
    ApplyResult r = store->apply(a, "jury");
    EXPECT_FALSE(r) << action_name(a);
    EXPECT_EQ(store->audit_entry_count(), before);
    return r.error;
  }
  RunRecord record() { return *store->exam_run(run); }
  const Grid& grid() { return *store->current_grid("CCP1"); }
  void decide_all(CompetencyStatus s) {
    for (const auto& c : grid().competencies) apply(action::DecideCompetency{run, c.id, s});
  }
  // Both members rate every criterion: acquired, except the competencies
  // listed, rated not acquired.
  void both_rate(const std::vector<std::size_t>& not_acquired_ones = {}) {
    std::string acquired = grid().rating_scale.front().id, short_of;
    for (const auto& l : grid().rating_scale)
      if (l.evidence && !l.acquired) short_of = l.id;
    for (std::size_t c = 0; c < grid().competencies.size(); ++c) {
      const bool no = std::find(not_acquired_ones.begin(), not_acquired_ones.end(), c) != not_acquired_ones.end();
      for (const auto& cr : grid().competencies[c].criteria)
        for (const auto& m : {president, member}) apply(action::RecordMark{run, m, cr.id, no ? short_of : acquired});
    }
  }
  std::string last_payload_field(const std::string& field) {
    auto entries = store->audit_entries(session);
    auto j = nlohmann::json::parse(entries.back().payload);
    return j.contains(field) ? j[field].dump() : "";
  }
};

TEST_F(Deciding, AllAcquiredObtainedConfirmedByBothThenLocked) {
  finish_run();
  both_rate();  // the marks propose every competency acquired
  decide_all(CompetencyStatus::Acquired);
  clock.advance_ms(60'000);
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  RunRecord r = record();
  EXPECT_EQ(r.decision.decided, CcpOutcome::Obtained);
  EXPECT_EQ(r.decision.proposed, CcpOutcome::Obtained);
  EXPECT_EQ(r.decision.decided_at, clock.now_ms());
  EXPECT_EQ(r.competency_decisions.size(), grid().competencies.size());

  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  r = record();
  EXPECT_EQ(r.decision.confirmed_by, std::vector<std::string>{president});
  EXPECT_FALSE(r.decision.locked()) << "one member's confirmation does not lock";
  EXPECT_EQ(last_payload_field("locked"), "false");
  EXPECT_NE(refused(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key}).find("déjà confirmé"), std::string::npos);

  clock.advance_ms(1000);
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  r = record();
  ASSERT_TRUE(r.decision.locked());
  EXPECT_EQ(*r.decision.locked_at, clock.now_ms());
  EXPECT_EQ(last_payload_field("locked"), "true");
  EXPECT_EQ(last_payload_field("member_name"), "\"Thomas Lefèvre\"");
}

TEST_F(Deciding, ALockedResultRefusesEveryChange) {
  finish_run();
  decide_all(CompetencyStatus::Acquired);
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  const auto& c = grid().competencies[0];
  EXPECT_NE(refused(action::DecideCompetency{run, c.id, CompetencyStatus::NotAcquired}).find("verrouillé"),
            std::string::npos);
  EXPECT_NE(refused(action::DecideCcp{run, CcpOutcome::NotObtained, "changement"}).find("verrouillé"),
            std::string::npos);
  EXPECT_NE(refused(action::RecordMark{run, president, c.criteria[0].id, grid().rating_scale[0].id}).find("verrouillé"),
            std::string::npos);
  EXPECT_NE(refused(action::SetObservation{run, member, c.id, "ajout"}).find("verrouillé"), std::string::npos);
  EXPECT_NE(refused(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key}).find("déjà verrouillé"), std::string::npos);
  EXPECT_EQ(record().decision.decided, CcpOutcome::Obtained);
}

TEST_F(Deciding, ReopeningNeedsAReasonAndKeepsItOnRecord) {
  finish_run();
  decide_all(CompetencyStatus::Acquired);
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  EXPECT_NE(refused(action::ReopenDecision{run, "erreur"}).find("pas verrouillé"), std::string::npos);
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  EXPECT_NE(refused(action::ReopenDecision{run, "   "}).find("motif"), std::string::npos);
  ASSERT_TRUE(record().decision.locked());

  clock.advance_ms(5 * 60'000);
  apply(action::ReopenDecision{run, "  Erreur de saisie sur CP-3  ", {}, test::member_pin("Nadia Benali").key});
  RunRecord r = record();
  EXPECT_FALSE(r.decision.locked());
  EXPECT_TRUE(r.decision.confirmed_by.empty());
  EXPECT_EQ(r.decision.decided, CcpOutcome::Obtained) << "reopening keeps the decision until the jury changes it";
  ASSERT_EQ(r.decision.reopenings.size(), 1u);
  EXPECT_EQ(r.decision.reopenings[0].reason, "Erreur de saisie sur CP-3");
  EXPECT_EQ(r.decision.reopenings[0].at, clock.now_ms());
  EXPECT_EQ(r.decision.reopenings[0].actor, "jury");

  // Now the jury can change its mind, with a justification, and lock again.
  apply(action::DecideCompetency{run, grid().competencies[2].id, CompetencyStatus::NotAcquired});
  EXPECT_NE(refused(action::DecideCcp{run, CcpOutcome::NotObtained, ""}).find("justification"), std::string::npos);
  apply(action::DecideCcp{run, CcpOutcome::NotObtained, "CP-3 : aucune séance conduite en autonomie."});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  r = record();
  EXPECT_TRUE(r.decision.locked());
  EXPECT_EQ(r.decision.decided, CcpOutcome::NotObtained);
  EXPECT_EQ(r.decision.justification, "CP-3 : aucune séance conduite en autonomie.");
  EXPECT_EQ(r.decision.reopenings.size(), 1u);
}

TEST_F(Deciding, OverridingTheProposalNeedsAJustification) {
  finish_run();
  both_rate({4});  // the marks propose CP-5 not acquired
  for (std::size_t c = 0; c < 4; ++c) apply(action::DecideCompetency{run, grid().competencies[c].id, CompetencyStatus::Acquired});
  apply(action::DecideCompetency{run, grid().competencies[4].id, CompetencyStatus::NotAcquired});
  // Proposal: not obtained. Obtained anyway, without a word: refused.
  std::string why = refused(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  EXPECT_NE(why.find("différente de la proposition"), std::string::npos) << why;
  EXPECT_EQ(record().decision.decided, CcpOutcome::Undecided);
  apply(action::DecideCcp{run, CcpOutcome::Obtained, "CP-5 observée pendant l’entretien technique."});
  RunRecord r = record();
  EXPECT_EQ(r.decision.proposed, CcpOutcome::NotObtained);
  EXPECT_EQ(r.decision.decided, CcpOutcome::Obtained);
}

// Issue 26 item 7: against the marks, a competency needs its written
// reason, in the store's rule; as proposed, or where the members split, none.
TEST_F(Deciding, ACompetencyDecidedAgainstTheMarksNeedsAReason) {
  finish_run();
  both_rate({1});  // both members: CP-2 not acquired
  const std::string cp2 = grid().competencies[1].id;
  std::string why = refused(action::DecideCompetency{run, cp2, CompetencyStatus::Acquired});
  EXPECT_NE(why.find(cp2 + "\u00A0: les notes des membres proposent «\u00A0non acquise\u00A0»"), std::string::npos) << why;
  EXPECT_NE(why.find("écrivez pourquoi"), std::string::npos) << why;
  refused(action::DecideCompetency{run, cp2, CompetencyStatus::Acquired, "   "});
  apply(action::DecideCompetency{run, cp2, CompetencyStatus::Acquired, "  Démontré à l’entretien.  "});
  RunRecord r = record();
  ASSERT_EQ(r.competency_decisions.size(), 1u);
  EXPECT_EQ(r.competency_decisions[0].reason, "Démontré à l’entretien.");
  EXPECT_EQ(last_payload_field("reason"), "\"Démontré à l’entretien.\"");
  // As the marks propose: no reason asked, none kept.
  apply(action::DecideCompetency{run, cp2, CompetencyStatus::NotAcquired});
  EXPECT_EQ(record().competency_decisions[0].reason, "");
  EXPECT_EQ(last_payload_field("reason"), "");
  // The CCP's proposal is the rule over the marks' proposals, not over the
  // decisions: CP-2 decided acquired (with its reason) leaves it « non obtenu ».
  for (std::size_t c = 0; c < grid().competencies.size(); ++c)
    if (c != 1) apply(action::DecideCompetency{run, grid().competencies[c].id, CompetencyStatus::Acquired});
  apply(action::DecideCompetency{run, cp2, CompetencyStatus::Acquired, "Démontré à l’entretien."});
  const Deliberation d = review_run(grid(), store->jury_members(session), record());
  EXPECT_EQ(d.proposed, CcpOutcome::NotObtained);
  EXPECT_TRUE(d.competencies[1].departs);
  why = refused(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  EXPECT_NE(why.find("différente de la proposition"), std::string::npos) << why;
  apply(action::DecideCcp{run, CcpOutcome::Obtained, "CP-2 démontrée à l’entretien."});
  EXPECT_EQ(record().decision.proposed, CcpOutcome::NotObtained);
  // The session replays under the rules its runs were started with.
  const ReplayReport replayed = check_store_by_replay(*store, session);
  EXPECT_TRUE(replayed.ok()) << (replayed.problems.empty() ? "" : replayed.problems.front());
}

TEST_F(Deciding, AMarkChangedAfterTheDecisionAsksForTheReasonBeforeTheCcp) {
  finish_run();
  both_rate();
  decide_all(CompetencyStatus::Acquired);  // as proposed
  // A member re-rates CP-3 not acquired: both now propose « non acquise ».
  std::string short_of;
  for (const auto& l : grid().rating_scale)
    if (l.evidence && !l.acquired) short_of = l.id;
  for (const auto& cr : grid().competencies[2].criteria)
    for (const auto& m : {president, member}) apply(action::RecordMark{run, m, cr.id, short_of});
  std::string why = refused(action::DecideCcp{run, CcpOutcome::Obtained, "x"});
  EXPECT_NE(why.find(grid().competencies[2].id + " est décidée contre la proposition des notes sans motif"),
            std::string::npos)
      << why;
}

// A run started before the rules were numbered (rules 1, as a database of
// an earlier version holds it) keeps the old rules: no reason required,
// the CCP's proposal from the decisions.
TEST_F(ReviewFixture, ARunUnderTheEarlierRulesKeepsThem) {
  rate_all("m-a", 1, not_acquired());
  rate_all("m-b", 1, not_acquired());
  decide_all(CompetencyStatus::Acquired);
  ASSERT_EQ(run.rules, 1);
  Deliberation d = review_run(grid, jury, run);
  EXPECT_FALSE(d.competencies[1].departs);
  EXPECT_EQ(d.proposed, CcpOutcome::Obtained);
  EXPECT_EQ(competency_decision_refusal(d.competencies[1], CompetencyStatus::Acquired, "", 1), "");
  run.rules = 2;
  d = review_run(grid, jury, run);
  EXPECT_TRUE(d.competencies[1].departs);
  // CP-2 from its marks, the others (no marks) as the jury ruled: not obtained.
  EXPECT_EQ(d.proposed, CcpOutcome::NotObtained);
  EXPECT_NE(competency_decision_refusal(d.competencies[1], CompetencyStatus::Acquired, "", 2), "");
  EXPECT_EQ(competency_decision_refusal(d.competencies[1], CompetencyStatus::Acquired, "Vu à l’oral.", 2), "");
  EXPECT_EQ(competency_decision_refusal(d.competencies[1], CompetencyStatus::NotAcquired, "", 2), "");
}

// Issue 26 item 16: no proposal shown (« Décision à prendre »), no warning
// of a decision « différente de la proposition ».
TEST_F(ReviewFixture, NoDepartureFromAProposalThatIsNotThere) {
  const DecisionRule& rule = grid.decision_rule;
  EXPECT_EQ(justification_reason(rule, CcpOutcome::Undecided, CcpOutcome::Obtained), "");
  EXPECT_EQ(justification_reason(rule, CcpOutcome::Undecided, CcpOutcome::NotObtained), "décision négative");
}

TEST_F(Deciding, NoCcpDecisionBeforeTheEndOrWithACompetencyUndecided) {
  decide_all(CompetencyStatus::Acquired);  // competencies may be decided any time
  EXPECT_NE(refused(action::DecideCcp{run, CcpOutcome::Obtained, ""}).find("pas terminée"), std::string::npos);
  finish_run();
  apply(action::DecideCompetency{run, grid().competencies[1].id, CompetencyStatus::Undecided});  // withdrawn
  EXPECT_EQ(record().competency_decisions.size(), grid().competencies.size() - 1);
  std::string why = refused(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  EXPECT_NE(why.find(grid().competencies[1].id), std::string::npos) << why;
  EXPECT_NE(refused(action::DecideCompetency{run, "CP-99", CompetencyStatus::Acquired}).find("CP-99"),
            std::string::npos);
  EXPECT_NE(refused(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key}).find("rien à confirmer"), std::string::npos);
}

TEST_F(Deciding, ChangingACompetencyAfterAConfirmationClearsIt) {
  finish_run();
  decide_all(CompetencyStatus::Acquired);
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  ASSERT_EQ(record().decision.confirmed_by.size(), 1u);
  // Deciding a competency the same way again changes nothing.
  apply(action::DecideCompetency{run, grid().competencies[0].id, CompetencyStatus::Acquired});
  EXPECT_EQ(record().decision.confirmed_by.size(), 1u);
  apply(action::DecideCompetency{run, grid().competencies[0].id, CompetencyStatus::NotAcquired});
  EXPECT_TRUE(record().decision.confirmed_by.empty());
  // The recorded decision stood on the old status: it is cleared, and
  // nothing is confirmed until the jury decides again.
  EXPECT_EQ(record().decision.decided, CcpOutcome::Undecided);
  EXPECT_NE(refused(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key}).find("rien à confirmer"), std::string::npos);
}

TEST_F(Deciding, OneConfirmationIsNotEnoughForAnOfficialJuryOfOne) {
  apply(action::RemoveJuryMember{member});
  finish_run();
  decide_all(CompetencyStatus::Acquired);
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  EXPECT_NE(refused(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key}).find("au moins deux"), std::string::npos);
}

TEST_F(Deciding, DecisionsSurviveReopeningTheDatabase) {
  finish_run();
  decide_all(CompetencyStatus::Acquired);
  apply(action::DecideCcp{run, CcpOutcome::NotObtained, "Dossier incomplet."});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  store.reset();
  auto r = Store::open(dir.file("jury.db"), OpenMode::ReadOnly, clock);
  ASSERT_TRUE(r.store) << r.error;
  RunRecord run_record = *r.store->exam_run(run);
  EXPECT_EQ(run_record.decision.decided, CcpOutcome::NotObtained);
  EXPECT_EQ(run_record.decision.justification, "Dossier incomplet.");
  EXPECT_EQ(run_record.decision.confirmed_by, std::vector<std::string>{president});
  auto snap = r.store->snapshot(session);
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->runs.size(), 1u);
  EXPECT_EQ(snap->jury.size(), 2u);
  EXPECT_EQ(snap->candidates.size(), 1u);
  EXPECT_FALSE(r.store->snapshot("no-such-session"));
}

}  // namespace
}  // namespace jurymn
