// SPDX-License-Identifier: EUPL-1.2
// The title's description (assets/titles): what it declares, and every way a
// hand-edited copy can be wrong, each named by file and JSON pointer.
#include "io/title_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/exam_plan_json.h"
#include "io/format2_title.h"
#include "test_support.h"

namespace jurymn {
namespace {

using nlohmann::json;
constexpr const char* kFile = "titre.json";

json shipped() { return json::parse(test::slurp(JURYMN_ASSETS "/titles/tp-01336.json")); }
TitleLoad load(const json& j) { return load_title(j.dump(2), kFile); }

TEST(Title, TheShippedTitleDeclaresTwoCcpsAndTheRemnEquivalence) {
  TitleLoad l = load(shipped());
  ASSERT_TRUE(l.ok()) << test::all_problem_texts(l);
  const Title& t = *l.title;
  EXPECT_EQ(t.code, "TP-01336");
  EXPECT_EQ(t.display_name(), "Médiateur numérique (TP-01336)");
  ASSERT_EQ(t.ccps.size(), 2u);
  EXPECT_EQ(t.ccps[0].id, "CCP1");
  EXPECT_EQ(t.ccps[1].competencies, (std::vector<std::string>{"CP-6", "CP-7", "CP-8", "CP-9", "CP-10"}));
  EXPECT_EQ(t.ccp_of_competency("CP-4")->id, "CCP1");
  EXPECT_EQ(t.ccp_of_competency("CP-11"), nullptr);
  ASSERT_NE(t.equivalence_for("CCP1"), nullptr);
  EXPECT_EQ(t.equivalence_for("CCP2"), nullptr);
  EXPECT_EQ(t.ordered(CcpSet{"CCP2", "CCPX", "CCP1"}).ids, (std::vector<std::string>{"CCP1", "CCP2", "CCPX"}));
  EXPECT_EQ(ccp_choice_text(t), "CCP1 ou CCP2");
}

// Results of format 2 imply this title; it was a C++ copy until it became
// data: field for field what that copy said.
TEST(Title, TheTitleFormat2ImpliesIsTheDataFileCompiledIn) {
  EXPECT_EQ(std::string(format2_title_json()), test::slurp(JURYMN_ASSETS "/titles/format-2/tp-01336.json"));
  TitleLoad l = load_title(format2_title_json(), kFormat2TitleFile);
  ASSERT_TRUE(l.ok()) << test::all_problem_texts(l);
  const Title& t = *l.title;
  EXPECT_EQ(t.code, "TP-01336");
  EXPECT_EQ(t.name, "Médiateur numérique");
  EXPECT_EQ(t.version, "format 2");
  ASSERT_EQ(t.ccps.size(), 2u);
  EXPECT_EQ(t.ccps[0].id, "CCP1");
  EXPECT_EQ(t.ccps[0].label, "Accompagner les publics vers un usage autonome des outils numériques et services en ligne");
  EXPECT_EQ(t.ccps[0].competencies, (std::vector<std::string>{"CP-1", "CP-2", "CP-3", "CP-4", "CP-5"}));
  EXPECT_EQ(t.ccps[0].plan, "ccp1");
  EXPECT_EQ(t.ccps[0].grid, "ccp1");
  EXPECT_TRUE(t.ccps[0].reference.stages.empty());
  EXPECT_TRUE(t.ccps[0].reference.draw_before_stage.empty());
  EXPECT_EQ(t.ccps[1].id, "CCP2");
  EXPECT_EQ(t.ccps[1].label, "Accompagner les publics les plus éloignés du numérique dans un réseau territorial");
  EXPECT_EQ(t.ccps[1].competencies, (std::vector<std::string>{"CP-6", "CP-7", "CP-8", "CP-9", "CP-10"}));
  EXPECT_EQ(t.ccps[1].plan, "ccp2");
  EXPECT_EQ(t.ccps[1].grid, "ccp2");
  EXPECT_TRUE(t.ccps[1].reference.stages.empty());
  ASSERT_EQ(t.equivalences.size(), 1u);
  EXPECT_EQ(t.equivalences[0].id, "remn-ccp1");
  EXPECT_EQ(t.equivalences[0].label, "CCP1 de l’ancien titre REMN");
  EXPECT_EQ(t.equivalences[0].grants, "CCP1");
}

TEST(Title, ItsCompetenciesAreSummedUpFromFirstToLast) {
  TitleLoad l = load(shipped());
  ASSERT_TRUE(l.ok()) << test::all_problem_texts(l);
  EXPECT_EQ(competency_span_text(*l.title), "CP-1 à CP-10");
  Title t = *l.title;
  t.ccps.pop_back();
  EXPECT_EQ(competency_span_text(t), "CP-1 à CP-5");
  t.ccps[0].competencies = {"C1"};
  EXPECT_EQ(competency_span_text(t), "C1");
  t.ccps.clear();
  EXPECT_EQ(competency_span_text(t), "");
}

TEST(Title, ItsPlansAndGridsLoadWithIt) {
  ExamKit kit = load_exam_kit(JURYMN_ASSETS "/titles/tp-01336.json", JURYMN_ASSETS "/plans", JURYMN_GRIDS);
  EXPECT_TRUE(kit.problems.empty()) << kit.problems.front().text();
  EXPECT_TRUE(kit.title_ok);
  EXPECT_EQ(kit.plans.size(), 2u);
  EXPECT_EQ(kit.grids.size(), 2u);
}

TEST(Title, EachMistakeIsNamedByItsPointer) {
  json j = shipped();
  j["ccps"][1]["id"] = "CCP1";
  test::expect_problem(load(j), kFile, "/ccps/1/id", "déjà celui de /ccps/0");
  j = shipped();
  j["ccps"][1]["competencies"][0] = "CP-2";
  test::expect_problem(load(j), kFile, "/ccps/1/competencies/0", "figure déjà dans le titre");
  j = shipped();
  j["ccps"][0]["id"] = "ccp 1";
  test::expect_problem(load(j), kFile, "/ccps/0/id", "lettres majuscules");
  j = shipped();
  j["equivalences"][0]["grants"] = "CCP9";
  test::expect_problem(load(j), kFile, "/equivalences/0/grants", "n’est pas un CCP du titre (CCP1 ou CCP2)");
  j = shipped();
  j["ccps"] = json::array();
  test::expect_problem(load(j), kFile, "/ccps", "au moins un CCP");
  j = shipped();
  j["ccps"][0].erase("grid");
  test::expect_problem(load(j), kFile, "/ccps/0/grid", "champ obligatoire manquant");
  j = shipped();
  j["ccps"][0]["plan"] = 3;
  test::expect_problem(load(j), kFile, "/ccps/0/plan", "doit être un texte");
  j = shipped();
  j["name"] = "Médiateur\u202e numérique";
  test::expect_problem(load(j), kFile, "/name", "(U+202E)");
  j = shipped();
  j["surprise"] = true;
  EXPECT_FALSE(load(j).ok());
  j = shipped();
  j["format_version"] = 2;
  test::expect_problem(load(j), kFile, "/format_version", "non prise en charge");
  TitleLoad broken = load_title("{\"format\": \"jurymn-title\",", kFile);
  EXPECT_FALSE(broken.ok());
  EXPECT_FALSE(broken.problems.empty());
}

TEST(Title, APlanOrGridOfAnotherCcpIsAProblemOfTheTitle) {
  test::TempDir dir;
  json j = shipped();
  j["ccps"][0]["grid"] = "ccp2";  // the CCP2 grid named for CCP1
  test::spit(dir.file("titre.json"), j.dump(2));
  ExamKit kit = load_exam_kit(dir.file("titre.json"), JURYMN_ASSETS "/plans", JURYMN_GRIDS);
  ASSERT_EQ(kit.problems.size(), 1u);
  EXPECT_EQ(kit.problems[0].pointer, "/ccps/0/grid");
  EXPECT_NE(kit.problems[0].message.find("celle du CCP2, pas du CCP1"), std::string::npos) << kit.problems[0].text();
  ExamKit missing = load_exam_kit(dir.file("absent.json"), JURYMN_ASSETS "/plans", JURYMN_GRIDS);
  EXPECT_FALSE(missing.title_ok);
  ASSERT_FALSE(missing.problems.empty());
  EXPECT_NE(missing.problems[0].message.find("absent.json"), std::string::npos) << missing.problems[0].text();
}

}  // namespace
}  // namespace jurymn

namespace jurymn {
namespace {

// The reference documents fix each CCP's stages and draw: a plan that drops
// a stage, reorders them or moves the draw is refused against the title.
TEST(Title, APlanMustKeepItsCcpsReference) {
  const Title& title = test::tp01336();
  json plan = json::parse(test::slurp(JURYMN_ASSETS "/plans/ccp1.json"));
  EXPECT_TRUE(load_exam_plan(plan.dump(), "ccp1.json", &title).ok());
  json dropped = plan;
  dropped["stages"].erase(1);  // the preparation
  test::expect_problem(load_exam_plan(dropped.dump(), "ccp1.json", &title), "ccp1.json", "/stages",
                       "l’étape «\u00A0preparation\u00A0» manque");
  json swapped = plan;
  std::swap(swapped["stages"][2], swapped["stages"][3]);
  test::expect_problem(load_exam_plan(swapped.dump(), "ccp1.json", &title), "ccp1.json", "/stages",
                       "pas dans l’ordre du référentiel");
  json no_draw = plan;
  no_draw.erase("draw_before_stage");
  test::expect_problem(load_exam_plan(no_draw.dump(), "ccp1.json", &title), "ccp1.json", "/draw_before_stage",
                       "avant l’étape «\u00A0questionnement\u00A0»");
  // Without the title, the plan alone is still well formed.
  EXPECT_TRUE(load_exam_plan(dropped.dump(), "ccp1.json").ok());
  // A reference that draws before a stage it does not list is refused.
  json t = shipped();
  t["ccps"][0]["reference"]["draw_before_stage"] = "accueil";
  test::expect_problem(load(t), kFile, "/ccps/0/reference/draw_before_stage", "n’est pas une des étapes");
}

}  // namespace
}  // namespace jurymn
