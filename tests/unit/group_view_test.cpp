// SPDX-License-Identifier: EUPL-1.2
// The trainer's group view of a mock jury: competencies acquired across the
// group, stages most often overrun, each candidate's outcome.
#include <gtest/gtest.h>

#include "core/group_view.h"
#include "group_session.h"

namespace jurymn {
namespace {

using test::kBase;
using test::kMin;

struct GroupView : test::GroupSession {
  // Four candidates, entered out of order:
  //  « 10 » Absent, no run;
  //  « 2 »  every competency acquired, CCP obtained and locked; an earlier,
  //         abandoned run of hers (CP-2 not acquired, huge overrun) no longer counts;
  //  « 9 »  CP-3 not acquired, CCP not obtained;
  //  « 1 »  run still under way: CP-1 acquired, CP-3 and CP-4 not acquired, CCP undecided.
  TimeMs build_group() {
    snap.runs.reserve(8);  // run() hands out references into it
    candidate("c-abs", "10", "Absente", Attendance::Absent);
    candidate("c-all", "2", "Tous");
    candidate("c-cp3", "9", "Neuf");
    candidate("c-und", "1", "Encours");

    RunRecord& old = run("c-all", kBase);
    old.events.push_back(TimerEvent::next(kBase));  // questionnement, never ended: 235 min over
    decide(old, "CP-2", CompetencyStatus::NotAcquired);

    // « 2 »: questionnement 36 min (+1), préparation 10, mise en situation 31 (+1), entretien 13.
    RunRecord& all = run("c-all", kBase + 4 * 60 * kMin);
    stages(all, {36, 46, 77});
    all.events.push_back(TimerEvent::end(all.started_at + 90 * kMin));
    all.finished_at = all.started_at + 90 * kMin;
    for (const char* cp : {"CP-1", "CP-2", "CP-3", "CP-4", "CP-5"}) decide(all, cp, CompetencyStatus::Acquired);
    all.decision.proposed = all.decision.decided = CcpOutcome::Obtained;
    all.decision.decided_at = all.started_at + 100 * kMin;
    all.decision.locked_at = all.started_at + 101 * kMin;

    // « 9 »: questionnement 35 (on time), préparation 15 (+5, jury absent: not
    // counted), mise en situation 32 (+2), entretien 18 with 5 min granted (on time).
    RunRecord& cp3 = run("c-cp3", kBase + 6 * 60 * kMin);
    stages(cp3, {35, 50, 82});
    cp3.events.push_back(TimerEvent::extend(cp3.started_at + 90 * kMin, 5 * kMin, "Coupure réseau"));
    cp3.events.push_back(TimerEvent::end(cp3.started_at + 100 * kMin));
    cp3.finished_at = cp3.started_at + 100 * kMin;
    for (const char* cp : {"CP-1", "CP-2", "CP-4", "CP-5"}) decide(cp3, cp, CompetencyStatus::Acquired);
    decide(cp3, "CP-3", CompetencyStatus::NotAcquired);
    cp3.decision.proposed = cp3.decision.decided = CcpOutcome::NotObtained;
    cp3.decision.decided_at = cp3.started_at + 100 * kMin;

    // « 1 »: questionnement 40 (+5), préparation 10, mise en situation running
    // for 35 min at `now` (+5); entretien not started.
    RunRecord& und = run("c-und", kBase + 8 * 60 * kMin);
    stages(und, {40, 50});
    decide(und, "CP-1", CompetencyStatus::Acquired);
    decide(und, "CP-3", CompetencyStatus::NotAcquired);
    decide(und, "CP-4", CompetencyStatus::NotAcquired);
    return und.started_at + 85 * kMin;
  }
};

TEST_F(GroupView, CountsEachCompetencyOverTheCandidatesDecided) {
  const TimeMs now = build_group();
  const GroupFigures g = group_figures(snap, plans, grids, now);
  EXPECT_EQ(g.runs, 3) << "the abandoned run of « 2 » does not count";
  ASSERT_EQ(g.competencies.size(), 5u) << "CCP1 only: the session does not examine CCP2";
  const std::vector<std::tuple<std::string, int, int, int, GroupBand>> expected{
      {"CP-1", 3, 3, 100, GroupBand::Strong}, {"CP-2", 2, 2, 100, GroupBand::Strong},
      {"CP-3", 3, 1, 33, GroupBand::Weak},    {"CP-4", 3, 2, 67, GroupBand::Fair},
      {"CP-5", 2, 2, 100, GroupBand::Strong}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& [id, decided, acquired, percent, band] = expected[i];
    const CompetencyFigures& f = g.competencies[i];
    SCOPED_TRACE(id);
    EXPECT_EQ(f.competency_id, id);
    EXPECT_EQ(f.ccp, "CCP1");
    EXPECT_EQ(f.title, grid->competency(id)->title);
    EXPECT_EQ(f.decided, decided);
    EXPECT_EQ(f.acquired, acquired);
    EXPECT_DOUBLE_EQ(f.share(), static_cast<double>(acquired) / decided);
    EXPECT_EQ(f.percent(), percent);
    EXPECT_EQ(f.band(), band);
  }
}

TEST_F(GroupView, RanksJuryStagesByOverruns) {
  const TimeMs now = build_group();
  const GroupFigures g = group_figures(snap, plans, grids, now);
  ASSERT_EQ(g.stages.size(), 4u) << "the préparation, run without the jury, counts too";
  EXPECT_EQ(g.stages[0].stage_id, "mise_en_situation");
  EXPECT_EQ(g.stages[0].label, "Mise en situation");
  EXPECT_EQ(g.stages[0].run, 3);
  EXPECT_EQ(g.stages[0].overrun, 3) << "including the one still running past its time";
  EXPECT_EQ(g.stages[1].stage_id, "questionnement");
  EXPECT_EQ(g.stages[1].run, 3);
  EXPECT_EQ(g.stages[1].overrun, 2);
  EXPECT_EQ(g.stages[2].stage_id, "preparation");
  EXPECT_EQ(g.stages[2].run, 3);
  EXPECT_EQ(g.stages[2].overrun, 1) << "15 min for 10 without the jury is an overrun";
  EXPECT_EQ(g.stages[3].stage_id, "entretien_technique");
  EXPECT_EQ(g.stages[3].run, 2) << "not started yet for « 1 »";
  EXPECT_EQ(g.stages[3].overrun, 0) << "time granted is not an overrun";
  EXPECT_EQ(g.runs_without_plan, 0);

  // Ten minutes earlier, « 1 »'s mise en situation was still on time: a tie,
  // kept in plan order.
  const GroupFigures before = group_figures(snap, plans, grids, now - 10 * kMin);
  ASSERT_EQ(before.stages.size(), 4u);
  EXPECT_EQ(before.stages[0].stage_id, "questionnement");
  EXPECT_EQ(before.stages[0].overrun, 2);
  EXPECT_EQ(before.stages[1].stage_id, "mise_en_situation");
  EXPECT_EQ(before.stages[1].overrun, 2);
}

TEST_F(GroupView, ListsCandidatesByNumberWithTheJurysOutcome) {
  const TimeMs now = build_group();
  const GroupFigures g = group_figures(snap, plans, grids, now);
  ASSERT_EQ(g.candidates.size(), 4u);
  EXPECT_EQ(g.candidates[0].number, "1");
  EXPECT_EQ(g.candidates[1].number, "2");
  EXPECT_EQ(g.candidates[2].number, "9");
  EXPECT_EQ(g.candidates[3].number, "10");

  const auto& und = g.candidates[0].on("CCP1");
  EXPECT_TRUE(und.has_run);
  EXPECT_FALSE(und.finished);
  EXPECT_EQ(und.outcome, CcpOutcome::Undecided);
  EXPECT_EQ(g.candidates[0].not_acquired, (std::vector<std::string>{"CP-3", "CP-4"}));

  EXPECT_EQ(g.candidates[1].on("CCP1").outcome, CcpOutcome::Obtained);
  EXPECT_TRUE(g.candidates[1].on("CCP1").locked);
  EXPECT_TRUE(g.candidates[1].not_acquired.empty()) << "the abandoned run's CP-2 no longer counts";

  EXPECT_EQ(g.candidates[2].on("CCP1").outcome, CcpOutcome::NotObtained);
  EXPECT_FALSE(g.candidates[2].on("CCP1").locked);
  EXPECT_EQ(g.candidates[2].not_acquired, (std::vector<std::string>{"CP-3"}));

  const CandidateOutcomes& absent = g.candidates[3];
  EXPECT_EQ(absent.last_name, "Absente");
  EXPECT_EQ(absent.attendance, Attendance::Absent);
  EXPECT_TRUE(absent.on("CCP1").registered);
  EXPECT_FALSE(absent.on("CCP1").has_run);
  EXPECT_EQ(absent.on("CCP1").outcome, CcpOutcome::Undecided);
  for (const auto& c : g.candidates) EXPECT_FALSE(c.on("CCP2").registered);
}

TEST_F(GroupView, ExaminedCcpWithoutRunsShowsEmptyCompetencies) {
  build_group();
  snap.session.ccps = {"CCP1", "CCP2"};
  const GroupFigures g = group_figures(snap, plans, grids, kBase + 24 * 60 * kMin);
  ASSERT_EQ(g.competencies.size(), 10u);
  EXPECT_EQ(g.competencies[9].competency_id, "CP-10");
  EXPECT_EQ(g.competencies[9].ccp, "CCP2");
  EXPECT_FALSE(g.competencies[9].title.empty()) << "title from the loaded CCP2 grid";
  EXPECT_EQ(g.competencies[9].decided, 0);
  EXPECT_EQ(g.competencies[9].percent(), 0);
  EXPECT_EQ(g.competencies[9].band(), GroupBand::None);
  EXPECT_EQ(g.stages.size(), 4u) << "no CCP2 run: no CCP2 stage";
}

TEST_F(GroupView, RunOfAnUnknownPlanVersionGivesNoStageFigures) {
  build_group();
  for (auto& r : snap.runs) r.plan_version = "0.9-inconnue";
  const GroupFigures g = group_figures(snap, plans, grids, kBase + 24 * 60 * kMin);
  EXPECT_EQ(g.runs_without_plan, 3);
  EXPECT_TRUE(g.stages.empty());
  EXPECT_EQ(g.competencies[2].decided, 3) << "decisions do not need the plan";
}

}  // namespace
}  // namespace jurymn
