// SPDX-License-Identifier: EUPL-1.2
// Marks and observations per jury member, through Store::apply, against the
// grid fixed when the run started.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

class Marking : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  std::unique_ptr<Store> store;
  std::string session, president, member, candidate, run;

  void SetUp() override {
    auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336());
    ASSERT_TRUE(grids.problems.empty()) << grids.problems.front().text();
    auto r = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids.grids);
    session = apply(action::CreateSession{test::session_input()});
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

  std::string refused(const Action& a) {
    const auto before = store->audit_entry_count();
    ApplyResult r = store->apply(a, "jury");
    EXPECT_FALSE(r) << action_name(a);
    EXPECT_EQ(store->audit_entry_count(), before);
    return r.error;
  }

  const Grid& grid() const { return *store->current_grid("CCP1"); }
};

TEST_F(Marking, TheRunKeepsTheGridItStartedWith) {
  auto r = store->exam_run(run);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->grid_id, grid().id);
  EXPECT_EQ(r->grid_version, grid().version);
  // A newer grid loaded later does not change the run.
  Grid newer = grid();
  newer.version = "9.0";
  auto grids = std::vector<Grid>{grid(), newer};
  store->set_scoring_grids(grids);
  EXPECT_EQ(store->exam_run(run)->grid_version, grids[0].version);
}

TEST_F(Marking, EachMemberRatesOnTheirOwnAndChangesAreAudited) {
  const auto& criterion = grid().competencies[0].criteria[0].id;
  const auto& best = grid().rating_scale.front().id;
  const auto& last = grid().rating_scale.back().id;
  apply(action::RecordMark{run, president, criterion, best});
  apply(action::RecordMark{run, member, criterion, last});
  clock.advance_ms(1000);
  apply(action::RecordMark{run, president, criterion, last});  // changes her mind
  auto marks = store->exam_run(run)->marks;
  ASSERT_EQ(marks.size(), 2u);
  for (const auto& m : marks) {
    EXPECT_EQ(m.criterion_id, criterion);
    EXPECT_EQ(m.level_id, last);
  }
  auto audit = store->audit_entries(session).back();
  EXPECT_EQ(audit.action, "record_mark");
  auto p = nlohmann::json::parse(audit.payload);
  EXPECT_EQ(p["before"], best);
  EXPECT_EQ(p["level"], last);
  EXPECT_EQ(p["member_name"], "Nadia Benali");
  // An empty level withdraws the rating.
  apply(action::RecordMark{run, member, criterion, ""});
  EXPECT_EQ(store->exam_run(run)->marks.size(), 1u);
}

TEST_F(Marking, UnknownCriterionLevelMemberOrRunIsRefused) {
  const auto& criterion = grid().competencies[0].criteria[0].id;
  const auto& level = grid().rating_scale.front().id;
  EXPECT_NE(refused(action::RecordMark{run, president, "cp9-nimporte", level}).find("Critère inconnu"), std::string::npos);
  EXPECT_NE(refused(action::RecordMark{run, president, criterion, "excellent"}).find("Niveau inconnu"), std::string::npos);
  EXPECT_NE(refused(action::RecordMark{run, "quelqu-un", criterion, level}).find("ne fait pas partie du jury"),
            std::string::npos);
  EXPECT_NE(refused(action::RecordMark{"pas-de-run", president, criterion, level}).find("introuvable"), std::string::npos);
  // A member of another session's jury cannot mark here.
  std::string other = apply(action::CreateSession{test::session_input()});
  std::string stranger = apply(action::AddJuryMember{other, {"Paul Roux", JuryRole::Member}, test::member_pin("Paul Roux").record});
  EXPECT_NE(refused(action::RecordMark{run, stranger, criterion, level}).find("ne fait pas partie du jury"),
            std::string::npos);
  EXPECT_TRUE(store->exam_run(run)->marks.empty());
}

TEST_F(Marking, ObservationsArePerMemberAndCompetency) {
  apply(action::SetObservation{run, president, "CP-1", "Accueil chaleureux, reformule bien la demande."});
  apply(action::SetObservation{run, president, "CP-1", "Accueil chaleureux\u00A0; oriente vers France Services."});
  apply(action::SetObservation{run, member, "CP-1", "Bonne écoute."});
  auto obs = store->exam_run(run)->observations;
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[0].text, "Accueil chaleureux\u00A0; oriente vers France Services.");
  EXPECT_NE(refused(action::SetObservation{run, president, "CP-7", "x"}).find("Compétence inconnue"), std::string::npos);
  EXPECT_NE(refused(action::SetObservation{run, president, "CP-2", std::string(5000, 'a')}).find("dépassent"),
            std::string::npos);
}

TEST_F(Marking, AMemberWhoHasMarkedCannotLeaveTheJury) {
  apply(action::RecordMark{run, member, grid().competencies[0].criteria[0].id, grid().rating_scale.front().id});
  EXPECT_NE(refused(action::RemoveJuryMember{member}).find("déjà évalué"), std::string::npos);
}

TEST_F(Marking, ARunStartedWithoutAGridCannotBeMarked) {
  store->set_scoring_grids({});
  std::string c2 = apply(action::AddCandidate{session, test::candidate_input("MN-2")});
  std::string bare = apply(action::StartExam{c2, "CCP1"});
  EXPECT_EQ(store->exam_run(bare)->grid_id, "");
  EXPECT_NE(refused(action::SetObservation{bare, president, "CP-1", "x"}).find("Aucune grille"), std::string::npos);
}

}  // namespace
}  // namespace jurymn
