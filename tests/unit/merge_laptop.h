// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A jury laptop for the centre's tests (merge_test.cpp, centre_cli_test.cpp):
// its own base and session, typed the same on every laptop of the jury.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"
#include "test_support.h"

namespace jurymn::test {

struct Laptop {
  FakeClock clock;
  SeededRandomSource random{11};
  std::unique_ptr<Store> store;
  std::string session, nadia, thomas;
  std::map<std::string, std::string> candidate;  // number -> uuid

  Laptop(const std::string& path, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids, TimeMs start,
         SessionKind kind = SessionKind::Official)
      : clock(start) {
    auto r = Store::open(path, OpenMode::ReadWrite, clock);
    EXPECT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids);
    store->set_random_source(&random);
    // Each laptop types the same session and imports the same list.
    session = apply(action::CreateSession{test::session_input(kind)});
    nadia = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    thomas = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    for (const char* n : {"C-1", "C-2"}) candidate[n] = apply(action::AddCandidate{session, test::candidate_input(n)});
  }

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }

  // Runs C-n's CCP1 to the end; with `timer` false only opens the run (a
  // laptop used for marking only).
  std::string run(const std::string& number, bool timer) {
    const std::string run = apply(action::StartExam{candidate[number], "CCP1"});
    if (timer) test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
    return run;
  }

  void rate_all(const std::string& run, const std::string& member, std::size_t level) {
    const Grid& g = *store->current_grid("CCP1");
    for (const auto& c : g.competencies)
      for (const auto& cr : c.criteria) apply(action::RecordMark{run, member, cr.id, g.rating_scale[level].id});
  }

  void decide(const std::string& run, CcpOutcome outcome, const std::string& why) {
    const Grid& g = *store->current_grid("CCP1");
    for (const auto& c : g.competencies) apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, outcome, why});
    apply(action::ConfirmDecision{run, nadia, test::member_pin("Nadia Benali").key});
    apply(action::ConfirmDecision{run, thomas, test::member_pin("Thomas Lefèvre").key});
  }
};

}  // namespace jurymn::test
