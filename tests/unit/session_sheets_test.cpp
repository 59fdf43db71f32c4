// SPDX-License-Identifier: EUPL-1.2
// The number of session sheets is the title's (its CCP's reference,
// « session_sheets »), not a constant: a copy of the shipped title whose
// CCP1 draws between four sheets runs a candidate end to end — form rules,
// CSV columns, draw, export, verify, merge — with no code that knows four.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/results_export.h"
#include "core/sheet_draw.h"
#include "io/bundle.h"
#include "io/candidate_csv.h"
#include "io/results_json.h"
#include "io/title_json.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json shipped_title_json() { return json::parse(test::slurp(JURYMN_ASSETS "/titles/tp-01336.json")); }

class FourSheets : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  ExamKit kit;

  void SetUp() override {
    const fs::path root = dir.path();
    json title = shipped_title_json();
    title["ccps"][0]["reference"]["session_sheets"] = 4;
    test::write_exam_files(root, title.dump(2));
    kit = test::load_written_kit(root);
    dir.replay_under(kit);  // the bases here draw between four
  }

  std::unique_ptr<Store> open(const std::string& name) {
    auto r = Store::open(dir.file(name), OpenMode::ReadWrite, clock);
    EXPECT_TRUE(r.store) << r.error;
    r.store->set_exam_kit(kit);
    return std::move(r.store);
  }
};

TEST_F(FourSheets, ACandidateBringsFourSheetsAndTheJuryDrawsBetweenThem) {
  ASSERT_TRUE(kit.problems.empty());
  ASSERT_EQ(kit.title.session_sheet_count(), 4);
  auto store = open("jury.db");
  auto apply = [&](const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << " : " << r.error;
    return r.created_uuid;
  };
  const std::string session = apply(action::CreateSession{test::session_input()});
  apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
  apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});

  // A fifth title is more than the title provides: refused, naming the field.
  CandidateInput c = test::candidate_input("MN-401", "Lemaire", "Inès");
  c.sheets = {"A", "B", "C", "D", "E"};
  ApplyResult five = store->apply(action::AddCandidate{session, c}, "jury");
  EXPECT_FALSE(five);
  EXPECT_NE(five.error.find("prévoit quatre fiches séances, pas cinq"), std::string::npos) << five.error;
  ASSERT_FALSE(five.field_errors.empty());
  EXPECT_EQ(five.field_errors.front().field, "sheet5");

  // Three given: kept as four, the fourth empty; the draw asks for it.
  c.sheets = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir France Connect"};
  const std::string candidate = apply(action::AddCandidate{session, c});
  ASSERT_EQ(store->candidate(candidate)->data.sheets.size(), 4u);
  const std::string run = apply(action::StartExam{candidate, "CCP1"});
  ApplyResult early = store->apply(action::ChooseSheet{run, 0, {}}, "jury");
  EXPECT_FALSE(early);
  EXPECT_NE(early.error.find("entre quatre fiches séances, or 3 fiches séances seulement"), std::string::npos)
      << early.error;

  c.sheets.push_back("Sauvegarder ses photos");
  apply(action::EditCandidate{candidate, c});
  // The jury may choose the fourth; not a fifth.
  ApplyResult fifth = store->apply(action::ChooseSheet{run, 4, {}}, "jury");
  EXPECT_FALSE(fifth);
  EXPECT_NE(fifth.error.find("l’une des quatre fiches séances"), std::string::npos) << fifth.error;
  apply(action::ChooseSheet{run, 3, {}});
  const RunRecord rec = *store->exam_run(run);
  ASSERT_EQ(rec.draws.size(), 1u);
  EXPECT_EQ(rec.draws[0].titles.size(), 4u);
  EXPECT_EQ(rec.draws[0].chosen_title(), "Sauvegarder ses photos");
  // A random draw ranges over the four: seen in core, with a seeded source.
  SeededRandomSource random(7);
  std::set<int> drawn;
  for (int i = 0; i < 200; ++i) drawn.insert(draw_sheet_index(random, 4));
  EXPECT_EQ(drawn, (std::set<int>{0, 1, 2, 3}));

  // Exported: the title says four, the candidate and the draw list four;
  // verified by replay and merged at a centre with the same title.
  const std::string out = dir.file("lot");
  ExportOutcome e = export_session(*store, session, out, dir.file("cle"), clock.now_ms());
  ASSERT_TRUE(e.ok) << e.summary;
  const json results = json::parse(test::slurp(out + "/results.json"));
  EXPECT_EQ(results["format_version"], 5);
  EXPECT_EQ(results["title"]["ccps"][0]["reference"]["session_sheets"], 4);
  const std::string candidates = test::slurp(out + "/candidates.jsonl");
  EXPECT_EQ(json::parse(candidates.substr(0, candidates.find('\n')))["sheets"].size(), 4u);
  BundleCheck check = verify_bundle(out);
  ASSERT_TRUE(check.ok()) << (check.problems.empty() ? "" : check.problems.front());
  auto centre = open("centre.db");
  ASSERT_TRUE(centre->apply(action::TrustKey{check.fingerprint, "PC jury 1", "Anne", out, false}, "centre"));
  ApplyResult merged = centre->apply(action::MergeBundle{*check.bundle, check.results_digest, out, false}, "centre");
  ASSERT_TRUE(merged) << merged.error;
  const auto at_centre = *centre->snapshot(session);
  ASSERT_EQ(at_centre.candidates.size(), 1u);
  EXPECT_EQ(at_centre.candidates[0].data.sheets.back(), "Sauvegarder ses photos");
  ASSERT_EQ(at_centre.runs.size(), 1u);
  EXPECT_EQ(at_centre.runs[0].draws[0].chosen, 3);

  // A centre whose title draws between three refuses it: the bundle's
  // count is not the centre's.
  auto shipped = Store::open(dir.file("shipped.db"), OpenMode::ReadWrite, clock);
  ASSERT_TRUE(shipped.store);
  shipped.store->set_title(test::tp01336());
  ApplyResult refused =
      shipped.store->apply(action::MergeBundle{*check.bundle, check.results_digest, out, false}, "centre");
  EXPECT_FALSE(refused);
  EXPECT_NE(refused.error.find("entre 4 fiches séances\u00A0; le titre TP-01336 de cette base en prévoit 3"),
            std::string::npos)
      << refused.error;
  EXPECT_TRUE(shipped.store->sessions().empty());
}

TEST_F(FourSheets, TheCandidateListHasAColumnPerSheet) {
  const std::string csv = "Numéro;Nom;Prénom;Fiche 1;Fiche 2;Fiche 3;Fiche 4\n1;Roy;Zoé;A;B;C;D\n";
  CandidateCsv read = parse_candidate_csv(csv, kit.title, nullptr);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().message;
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].candidate.sheets, (SessionSheetTitles{"A", "B", "C", "D"}));
  // A fifth sheet's column is unknown here, and the message lists the four.
  CandidateCsv five = parse_candidate_csv("Numéro;Nom;Prénom;Fiche 5\n1;Roy;Zoé;E\n", kit.title, nullptr);
  ASSERT_FALSE(five.problems.empty());
  EXPECT_NE(five.problems.front().message.find("Fiche 1, Fiche 2, Fiche 3, Fiche 4)"), std::string::npos)
      << five.problems.front().message;
  // The shipped title keeps three.
  CandidateCsv shipped = parse_candidate_csv("Numéro;Nom;Prénom;Fiche 4\n1;Roy;Zoé;D\n", test::tp01336(), nullptr);
  ASSERT_FALSE(shipped.problems.empty());
  EXPECT_NE(shipped.problems.front().message.find("Fiche 1, Fiche 2, Fiche 3)"), std::string::npos)
      << shipped.problems.front().message;
}

TEST(SessionSheetCount, TheShippedTitleSaysThreeAndAFileWithoutTheCountMeansThree) {
  EXPECT_EQ(test::tp01336().session_sheet_count(), 3);
  json title = shipped_title_json();
  title["ccps"][0]["reference"].erase("session_sheets");
  TitleLoad l = load_title(title.dump(), "ancien.json");
  ASSERT_TRUE(l.ok()) << test::all_problem_texts(l);
  EXPECT_EQ(l.title->ccps[0].reference.session_sheets, 3);
  EXPECT_EQ(l.title->session_sheet_count(), 3);
}

TEST(SessionSheetCount, ACountOutOfRangeOrWithoutADrawIsAProblemOfTheTitleFile) {
  for (int n : {1, 10}) {
    json title = shipped_title_json();
    title["ccps"][0]["reference"]["session_sheets"] = n;
    test::expect_problem(load_title(title.dump(), "t.json"), "t.json", "/ccps/0/reference/session_sheets", "de 2 à 9");
  }
  json text = shipped_title_json();
  text["ccps"][0]["reference"]["session_sheets"] = "trois";
  test::expect_problem(load_title(text.dump(), "t.json"), "t.json", "/ccps/0/reference/session_sheets", "de 2 à 9");
  json no_draw = shipped_title_json();
  no_draw["ccps"][1]["reference"]["session_sheets"] = 3;  // CCP2 draws no sheet
  test::expect_problem(load_title(no_draw.dump(), "t.json"), "t.json", "/ccps/1/reference/session_sheets",
                       "sans tirage");
}

// A results file whose draw lists another number of titles than its title
// says is refused, naming the draw.
TEST_F(FourSheets, AResultsFileWhoseListsDisagreeWithItsTitleIsRefused) {
  auto store = open("jury.db");
  const std::string session = store->apply(action::CreateSession{test::session_input()}, "jury").created_uuid;
  CandidateInput c = test::candidate_input("1");
  c.sheets = {"A", "B", "C", "D"};
  ASSERT_TRUE(store->apply(action::AddCandidate{session, c}, "jury"));
  const std::string out = dir.file("lot");
  ASSERT_TRUE(export_session(*store, session, out, dir.file("cle"), clock.now_ms()).ok);
  // The candidate's line lists three sheets where the bundle's title says four.
  ResultsLines lines;
  ASSERT_TRUE(lines.manifest(test::slurp(out + "/results.json"), "results.json"));
  const std::string text = test::slurp(out + "/candidates.jsonl");
  json candidate = json::parse(text.substr(0, text.find('\n')));
  candidate["sheets"].erase(3);
  EXPECT_FALSE(lines.candidate(candidate.dump(), 1));
  ASSERT_FALSE(lines.problems().empty());
  EXPECT_NE(lines.problems().front().text().find(
                "candidates.jsonl, ligne 1\u00A0: /sheets\u00A0: doit lister exactement 4 fiches séances"),
            std::string::npos)
      << lines.problems().front().text();
}

}  // namespace
}  // namespace jurymn
