// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A mock-jury session of CCP1 candidates built in memory, for the tests of
// the group view (core) and the group page (io): the shipped plans and
// grids, and helpers that add candidates, runs, stage boundaries and
// competency decisions.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "core/records.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "test_support.h"

namespace jurymn::test {

constexpr TimeMs kMin = 60'000;
constexpr TimeMs kBase = 1'780'000'000'000;

struct GroupSession : ::testing::Test {
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  const ExamPlan* plan = nullptr;
  const Grid* grid = nullptr;
  SessionSnapshot snap;

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
    for (const auto& p : plans)
      if (p.ccp == "CCP1") plan = &p;
    for (const auto& g : grids)
      if (g.ccp == "CCP1") grid = &g;
    ASSERT_NE(plan, nullptr);
    ASSERT_NE(grid, nullptr);
    ASSERT_EQ(plan->stage_index("mise_en_situation"), 2) << "the test follows assets/plans/ccp1.json";
    snap.title = jurymn::test::tp01336();
    snap.session.title = "Jury blanc — promotion de mars";
    snap.session.date = "2026-05-18";
    snap.session.exam_centre = "GRETA de Lyon";
    snap.session.kind = SessionKind::Rehearsal;
    snap.session.ccps = {"CCP1"};
  }

  void candidate(const std::string& uuid, const std::string& number, const std::string& last,
                 Attendance attendance = Attendance::Present) {
    CandidateRecord c;
    c.id = static_cast<std::int64_t>(snap.candidates.size()) + 1;
    c.uuid = uuid;
    c.data.number = number;
    c.data.last_name = last;
    c.data.first_name = "Prénom";
    c.data.ccps = {"CCP1"};
    c.attendance = attendance;
    snap.candidates.push_back(c);
  }

  RunRecord& run(const std::string& candidate_uuid, TimeMs started) {
    RunRecord r;
    r.id = static_cast<std::int64_t>(snap.runs.size()) + 1;
    r.uuid = "run-" + std::to_string(r.id);
    r.candidate_uuid = candidate_uuid;
    r.ccp = "CCP1";
    r.plan_id = plan->id;
    r.plan_version = plan->version;
    r.grid_id = grid->id;
    r.grid_version = grid->version;
    r.started_at = started;
    snap.runs.push_back(r);
    return snap.runs.back();
  }

  static void decide(RunRecord& r, const std::string& cp, CompetencyStatus s) {
    r.competency_decisions.push_back({cp, s, r.started_at + 100 * kMin});
  }

  // Stage boundaries in minutes from the run's start (questionnement,
  // préparation, mise en situation, entretien technique).
  static void stages(RunRecord& r, std::initializer_list<TimeMs> marks) {
    r.events.push_back(TimerEvent::next(r.started_at));
    for (TimeMs m : marks) r.events.push_back(TimerEvent::next(r.started_at + m * kMin));
  }
};

}  // namespace jurymn::test
