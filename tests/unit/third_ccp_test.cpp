// SPDX-License-Identifier: EUPL-1.2
// The title is data: a copy of the shipped title with a third, fictitious
// CCP (its own plan and grid, its own competencies) runs a candidate end to
// end — run, marks, decision, PV, export, verify, merge at the centre — with
// no code that knows it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/results_export.h"
#include "io/bundle.h"
#include "io/proces_verbal.h"
#include "io/results_json.h"
#include "io/title_json.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_json(const std::string& path) { return json::parse(test::slurp(path)); }
void write_json(const std::string& path, const json& j) { test::spit(path, j.dump(2)); }

class ThirdCcp : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  ExamKit kit;

  // titles/, plans/ and grids/ as shipped, plus CCP3 « Former les
  // bénévoles » with CP-11 … CP-13, derived from the CCP2 files.
  void SetUp() override {
    const fs::path root = dir.path();
    json title = read_json(JURYMN_ASSETS "/titles/tp-01336.json");
    title["ccps"].push_back({{"id", "CCP3"},
                             {"label", "Former les bénévoles d’un lieu de médiation"},
                             {"competencies", {"CP-11", "CP-12", "CP-13"}},
                             {"plan", "ccp3"},
                             {"grid", "ccp3"}});
    test::write_exam_files(root, title.dump(2));
    json plan = read_json(JURYMN_ASSETS "/plans/ccp2.json");
    plan["id"] = "ccp3";
    plan["ccp"] = "CCP3";
    plan["title"] = "CCP3 — Former les bénévoles d’un lieu de médiation";
    write_json((root / "plans" / "ccp3.json").string(), plan);
    json grid = read_json(JURYMN_GRIDS "/ccp2.json");
    grid["id"] = "ccp3";
    grid["ccp"] = "CCP3";
    grid["title"] = "CCP3 — Former les bénévoles d’un lieu de médiation";
    json competencies = json::array();
    for (int i = 0; i < 3; ++i) {
      json c = grid["competencies"][static_cast<std::size_t>(i)];
      c["id"] = "CP-" + std::to_string(11 + i);
      c["title"] = "Compétence fictive n° " + std::to_string(11 + i);
      for (auto& cr : c["criteria"]) cr["id"] = "cp" + std::to_string(11 + i) + "-" + cr["id"].get<std::string>();
      competencies.push_back(c);
    }
    grid["competencies"] = competencies;
    write_json((root / "grids" / "ccp3.json").string(), grid);

    kit = test::load_written_kit(root);
    dir.replay_under(kit);  // the bases here hold CCP3
  }

  std::unique_ptr<Store> open(const std::string& name) {
    auto r = Store::open(dir.file(name), OpenMode::ReadWrite, clock);
    EXPECT_TRUE(r.store) << r.error;
    r.store->set_exam_kit(kit);
    return std::move(r.store);
  }
};

std::string problems(const std::vector<PlanProblem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.text() + "\n";
  return s;
}

TEST_F(ThirdCcp, ATitleWithAThirdCcpRunsACandidateEndToEnd) {
  ASSERT_TRUE(kit.problems.empty()) << problems(kit.problems);
  ASSERT_EQ(kit.title.ccps.size(), 3u);
  auto store = open("jury.db");
  auto apply = [&](const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << " : " << r.error;
    return r.created_uuid;
  };

  SessionInput s = test::session_input();
  s.ccps = {"CCP3"};
  const std::string session = apply(action::CreateSession{s});
  const std::string nadia = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
  const std::string thomas = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
  CandidateInput c = test::candidate_input("MN-301", "Lemaire", "Inès");
  c.ccps = {"CCP3"};
  const std::string candidate = apply(action::AddCandidate{session, c});

  // The run, under the CCP3 plan, stage by stage.
  const std::string run = apply(action::StartExam{candidate, "CCP3"});
  const ExamPlan& plan = *store->current_plan("CCP3");
  EXPECT_EQ(plan.id, "ccp3");
  apply(action::RecordTimerEvent{run, TimerEventKind::Start, plan.stages[0].id, 0, ""});
  for (std::size_t i = 1; i < plan.stages.size(); ++i) {
    clock.advance_ms(plan.stages[i - 1].duration_ms);
    apply(action::RecordTimerEvent{run, TimerEventKind::Next, "", 0, ""});
  }
  clock.advance_ms(plan.stages.back().duration_ms);
  apply(action::RecordTimerEvent{run, TimerEventKind::End, "", 0, ""});

  // Every criterion marked by both members, every competency decided.
  const Grid& grid = *store->current_grid("CCP3");
  EXPECT_EQ(grid.id, "ccp3");
  for (const auto& comp : grid.competencies) {
    for (const auto& cr : comp.criteria)
      for (const auto& m : {nadia, thomas}) apply(action::RecordMark{run, m, cr.id, grid.rating_scale[1].id});
    apply(action::DecideCompetency{run, comp.id, CompetencyStatus::Acquired});
  }
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, nadia, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, thomas, test::member_pin("Thomas Lefèvre").key});
  const RunRecord rec = *store->exam_run(run);
  EXPECT_EQ(rec.ccp, "CCP3");
  EXPECT_TRUE(rec.decision.locked());
  EXPECT_EQ(rec.decision.decided, CcpOutcome::Obtained);

  // The PV names the CCP and its competencies, from the title and grid.
  auto snap = *store->snapshot(session);
  const std::string pv = render_proces_verbal({snap, store->exam_plans(), store->scoring_grids(), clock.now_ms(),
                                               "jurymn test", "", std::nullopt});
  EXPECT_NE(pv.find("CCP3 — Former les bénévoles d’un lieu de médiation"), std::string::npos);
  EXPECT_NE(pv.find("CP-12"), std::string::npos);

  // Exported, signed and verified; the CSV has a column per competency of
  // the title, CP-13 included.
  const std::string out = dir.file("lot");
  ExportOutcome e = export_session(*store, session, out, dir.file("cle"), clock.now_ms());
  ASSERT_TRUE(e.ok) << e.summary;
  BundleCheck check = verify_bundle(out);
  ASSERT_TRUE(check.ok()) << (check.problems.empty() ? "" : check.problems.front());
  EXPECT_EQ(check.bundle->snapshot.title, kit.title);
  const std::string csv = test::slurp(out + "/results.csv");
  EXPECT_NE(csv.find(";CP-10;CP-11;CP-12;CP-13;"), std::string::npos) << csv.substr(0, 300);
  EXPECT_NE(csv.find("MN-301;Lemaire;Inès;CCP3;"), std::string::npos);

  // The centre, with the same title, merges it; one without CCP3 refuses it.
  auto centre = open("centre.db");
  ASSERT_TRUE(centre->apply(action::TrustKey{check.fingerprint, "PC jury 1", "Anne", out, false}, "centre"));
  ApplyResult merged = centre->apply(
      action::MergeBundle{*check.bundle, check.results_digest, out, false}, "centre");
  ASSERT_TRUE(merged) << merged.error;
  auto at_centre = *centre->snapshot(session);
  ASSERT_EQ(at_centre.runs.size(), 1u);
  EXPECT_EQ(at_centre.runs[0].ccp, "CCP3");
  EXPECT_EQ(at_centre.runs[0].decision.decided, CcpOutcome::Obtained);

  auto shipped = Store::open(dir.file("shipped.db"), OpenMode::ReadWrite, clock);
  ASSERT_TRUE(shipped.store);
  shipped.store->set_title(test::tp01336());
  ApplyResult refused = shipped.store->apply(
      action::MergeBundle{*check.bundle, check.results_digest, out, false}, "centre");
  EXPECT_FALSE(refused);
  EXPECT_NE(refused.error.find("n’a pas de CCP3"), std::string::npos) << refused.error;
  EXPECT_TRUE(shipped.store->sessions().empty());
}

TEST_F(ThirdCcp, ACcpWhosePlanOrGridIsMissingIsAProblemOfTheTitle) {
  fs::remove(dir.path() / "grids" / "ccp3.json");
  ExamKit k = load_exam_kit((dir.path() / "titles" / "tp-01336.json").string(), (dir.path() / "plans").string(),
                            (dir.path() / "grids").string());
  ASSERT_EQ(k.problems.size(), 1u) << problems(k.problems);
  EXPECT_EQ(k.problems[0].file, "tp-01336.json");
  EXPECT_EQ(k.problems[0].pointer, "/ccps/2/grid");
  EXPECT_NE(k.problems[0].message.find("«\u00A0ccp3\u00A0»"), std::string::npos);
}

TEST_F(ThirdCcp, ACandidateOrSessionNamingAnUnknownCcpIsRefused) {
  auto store = open("jury.db");
  SessionInput s = test::session_input();
  s.ccps = {"CCP4"};
  ApplyResult r = store->apply(action::CreateSession{s}, "jury");
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find("n’a pas de CCP4"), std::string::npos) << r.error;
  s.ccps = {"CCP1"};
  const std::string session = store->apply(action::CreateSession{s}, "jury").created_uuid;
  CandidateInput c = test::candidate_input("1");
  c.by_equivalence = {"CCP3"};  // no equivalence grants CCP3
  c.ccps = {"CCP1"};
  r = store->apply(action::AddCandidate{session, c}, "jury");
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find("Aucune équivalence"), std::string::npos) << r.error;
  EXPECT_TRUE(store->candidates(session).empty());
}

}  // namespace
}  // namespace jurymn
