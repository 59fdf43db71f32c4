// SPDX-License-Identifier: EUPL-1.2
#include "io/grid_json.h"

#include <gtest/gtest.h>

#include "test_support.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/grid.h"
#include "io/exam_plan_json.h"

namespace jurymn {
namespace {

using nlohmann::json;

constexpr const char* kFile = "grille.json";

// A valid CCP1 grid: CP-1 … CP-5, three criteria each, ids "cN-k".
json base_grid() {
  json j = json::parse(R"({
    "format": "jurymn-scoring-grid",
    "format_version": 1,
    "id": "essai",
    "version": "1.0",
    "ccp": "CCP1",
    "title": "Grille d’essai",
    "rating_scale": [
      {"id": "acquis", "label": "Acquis", "acquired": true},
      {"id": "en_cours", "label": "En cours d’acquisition", "acquired": false},
      {"id": "non_observe", "label": "Non observé", "acquired": false, "evidence": false}
    ],
    "competencies": [],
    "decision_rule": {"kind": "all_competencies_acquired", "justification_required_for": ["negative", "override"]}
  })");
  for (int c = 1; c <= 5; ++c) {
    json comp = {{"id", "CP-" + std::to_string(c)}, {"title", "Compétence " + std::to_string(c)}, {"criteria", json::array()}};
    for (int k = 1; k <= 3; ++k)
      comp["criteria"].push_back({{"id", "c" + std::to_string(c) + "-" + std::to_string(k)},
                                  {"text", "Critère observable"},
                                  {"stages", {"questionnement", "entretien_technique"}}});
    j["competencies"].push_back(comp);
  }
  return j;
}

json criterion(const std::string& id) {
  return {{"id", id}, {"text", "Critère en plus"}, {"stages", {"questionnement"}}};
}

ExamPlan shipped_plan(const char* name) {
  PlanLoad l = load_exam_plan_file(std::string(JURYMN_ASSETS) + "/plans/" + name);
  EXPECT_TRUE(l.ok());
  return l.ok() ? *l.plan : ExamPlan{};
}

GridLoad load(const json& j, const ExamPlan* plan = nullptr) {
  return load_grid(j.dump(2), kFile, plan, &test::tp01336());
}

std::string all_texts(const GridLoad& l) { return test::all_problem_texts(l); }

void expect_problem(const GridLoad& l, const std::string& pointer, const std::string& words) {
  test::expect_problem(l, kFile, pointer, words);
}

std::string grids_data(const char* sub = "") { return std::string(JURYMN_TEST_DATA) + "/grids" + sub; }

TEST(GridJson, ValidGridLoads) {
  const ExamPlan plan = shipped_plan("ccp1.json");
  GridLoad l = load(base_grid(), &plan);
  ASSERT_TRUE(l.ok()) << all_texts(l);
  const Grid& g = *l.grid;
  EXPECT_EQ(g.id, "essai");
  EXPECT_EQ(g.ccp, "CCP1");
  ASSERT_EQ(g.rating_scale.size(), 3u);
  EXPECT_TRUE(g.rating_scale[0].acquired);
  EXPECT_TRUE(g.rating_scale[1].evidence);
  EXPECT_FALSE(g.rating_scale[2].evidence);
  ASSERT_EQ(g.competencies.size(), 5u);
  EXPECT_EQ(g.criterion_count(), 15u);
  EXPECT_EQ(g.competency("CP-3")->criteria[1].id, "c3-2");
  EXPECT_EQ(g.level("en_cours")->label, "En cours d’acquisition");
  EXPECT_EQ(g.level("absent"), nullptr);
  EXPECT_TRUE(g.decision_rule.justify_negative && g.decision_rule.justify_override);
}

TEST(GridJson, DecisionRuleDefaultsAndEmptyJustifications) {
  json j = base_grid();
  j.erase("decision_rule");
  GridLoad l = load(j);
  ASSERT_TRUE(l.ok()) << all_texts(l);
  EXPECT_EQ(l.grid->decision_rule.kind, DecisionKind::AllCompetenciesAcquired);
  EXPECT_TRUE(l.grid->decision_rule.justify_negative && l.grid->decision_rule.justify_override);

  j["decision_rule"] = {{"kind", "all_competencies_acquired"}, {"justification_required_for", json::array()}};
  l = load(j);
  ASSERT_TRUE(l.ok()) << all_texts(l);
  EXPECT_FALSE(l.grid->decision_rule.justify_negative || l.grid->decision_rule.justify_override);

  j["decision_rule"]["justification_required_for"] = {"override"};
  l = load(j);
  ASSERT_TRUE(l.ok()) << all_texts(l);
  EXPECT_FALSE(l.grid->decision_rule.justify_negative);
  EXPECT_TRUE(l.grid->decision_rule.justify_override);
}

TEST(GridJson, TruncatedJsonIsNamedWithLineAndOffset) {
  const std::string text = base_grid().dump(2);
  GridLoad l = load_grid(std::string_view(text).substr(0, text.size() / 2), kFile);
  ASSERT_EQ(l.problems.size(), 1u);
  const std::string t = l.problems[0].text();
  EXPECT_EQ(t.rfind("grille.json\u00A0: JSON invalide ligne ", 0), 0u) << t;
  EXPECT_NE(t.find("octet"), std::string::npos) << t;
  EXPECT_NE(t.find("tronqué"), std::string::npos) << t;

  GridLoad f = load_grid_file(grids_data("/truncated.json"));
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].file, "truncated.json");
  EXPECT_EQ(f.problems[0].pointer, "");
  EXPECT_NE(f.problems[0].message.find("s’arrête avant la fin de la grille"), std::string::npos) << f.problems[0].text();
}

TEST(GridJson, BrokenJsonNamesTheCharacter) {
  GridLoad l = load_grid("{\n  \"format\": \"jurymn-scoring-grid\",,\n}", kFile);
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_EQ(l.problems[0].text(), "grille.json\u00A0: JSON invalide ligne 2, colonne 35 (octet 37)\u00A0: caractère inattendu "
                                  "«\u00A0,\u00A0» (virgule en trop ou manquante, guillemets droits \" attendus ?).");
  EXPECT_NE(load_grid("", kFile).problems.at(0).message.find("le fichier est vide"), std::string::npos);
  EXPECT_NE(load_grid("{\"a\": \"\xE9\"}", kFile).problems.at(0).message.find("UTF-8"), std::string::npos);
}

// Found by the scoring_grid fuzz target: a number beyond a double threw.
TEST(GridJson, NumberTooLargeIsNamedNotThrown) {
  GridLoad l;
  ASSERT_NO_THROW(l = load_grid("{\n  \"format_version\": 1e616\n}", kFile));
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_EQ(l.problems[0].text(), "grille.json\u00A0: JSON invalide ligne 2, colonne 21 (octet 23)\u00A0: nombre hors limites "
                                  "«\u00A01e616\u00A0» (au-delà de ±1,8 × 10^308)\u00A0: est-ce une faute de frappe\u00A0?");
}

TEST(GridJson, UnknownFieldIsRefused) {
  json j = base_grid();
  j["competencies"][1]["criteria"][2]["stage"] = "questionnement";
  j["rating_scale"][0]["acquis"] = true;
  j["titre"] = "faute";
  j["decision_rule"]["justification"] = "negative";
  GridLoad l = load(j);
  expect_problem(l, "/competencies/1/criteria/2/stage", "champ inconnu «\u00A0stage\u00A0»");
  expect_problem(l, "/rating_scale/0/acquis", "champ inconnu «\u00A0acquis\u00A0»");
  expect_problem(l, "/titre", "champ inconnu «\u00A0titre\u00A0»");
  expect_problem(l, "/decision_rule/justification", "champ inconnu");
}

// The grids' texts are printed: the typographic apostrophe, never « ' ».
TEST(GridJson, TypewriterApostropheIsRefused) {
  json j = base_grid();
  j["competencies"][1]["criteria"][2]["text"] = "Vérifie qu'il a compris.";
  j["competencies"][0]["title"] = "Accueillir l'usager";
  j["rating_scale"][0]["label"] = "Acquis aujourd'hui";
  GridLoad l = load(j);
  expect_problem(l, "/competencies/1/criteria/2/text", "apostrophe typographique «\u00A0’\u00A0»");
  expect_problem(l, "/competencies/0/title", "«\u00A0Accueillir l'usager\u00A0»");
  expect_problem(l, "/rating_scale/0/label", "apostrophe droite");
  j["competencies"][1]["criteria"][2]["text"] = "Vérifie qu’il a compris.";
  j["competencies"][0]["title"] = "Accueillir l’usager";
  j["rating_scale"][0]["label"] = "Acquis aujourd’hui";
  GridLoad fixed = load(j);
  for (const auto& p : fixed.problems) ADD_FAILURE() << p.text();
}

TEST(GridJson, DuplicateKeyIsRefused) {
  std::string text = base_grid().dump(2);
  const std::string from = "\"id\": \"c2-1\"";
  text.replace(text.find(from), from.size(), from + ", \"id\": \"c2-9\"");
  expect_problem(load_grid(text, kFile, nullptr, &test::tp01336()), "/competencies/1/criteria/0/id", "deux fois");
}

TEST(GridJson, WrongTypesAreRefused) {
  json j = base_grid();
  j["version"] = 1;
  j["rating_scale"][1]["acquired"] = "non";
  j["competencies"][0]["criteria"][0]["stages"] = "questionnement";
  j["competencies"][0]["criteria"][1]["stages"] = {"questionnement", 3};
  j["competencies"][2]["criteria"] = json::object();
  j["competencies"][3] = "CP-4";
  j["decision_rule"]["kind"] = 1;
  GridLoad l = load(j);
  expect_problem(l, "/version", "texte");
  expect_problem(l, "/rating_scale/1/acquired", "true ou false");
  expect_problem(l, "/competencies/0/criteria/0/stages", "liste de textes");
  expect_problem(l, "/competencies/0/criteria/1/stages/1", "texte entre guillemets");
  expect_problem(l, "/competencies/2/criteria", "liste de critères");
  expect_problem(l, "/competencies/3", "doit être un objet");
  expect_problem(l, "/decision_rule/kind", "texte");
  // One message per place: the type error, not also "no criterion".
  int at_criteria = 0;
  for (const auto& p : l.problems) at_criteria += p.pointer == "/competencies/2/criteria";
  EXPECT_EQ(at_criteria, 1) << all_texts(l);

  json r = base_grid();
  r["rating_scale"] = "acquis";
  expect_problem(load(r), "/rating_scale", "liste de niveaux");
}

TEST(GridJson, MissingTitlesAreRefused) {
  json j = base_grid();
  j.erase("title");
  j["competencies"][4].erase("title");
  GridLoad l = load(j);
  expect_problem(l, "/title", "champ obligatoire manquant");
  expect_problem(l, "/competencies/4/title", "champ obligatoire manquant");
  json e = base_grid();
  e["title"] = "  ";
  e["competencies"][0]["criteria"][0]["text"] = "";
  GridLoad le = load(e);
  expect_problem(le, "/title", "titre de la grille ne peut pas être vide");
  expect_problem(le, "/competencies/0/criteria/0/text", "texte du critère ne peut pas être vide");
}

TEST(GridJson, DuplicateCompetencyIsRefused) {
  json j = base_grid();
  j["competencies"][2]["id"] = "CP-1";
  GridLoad l = load(j);
  expect_problem(l, "/competencies/2/id", "«\u00A0CP-1\u00A0» est déjà celle de /competencies/0");
  expect_problem(l, "/competencies", "il manque la compétence «\u00A0CP-3\u00A0» du CCP1");
}

TEST(GridJson, DuplicateCriterionIdIsRefusedGridWide) {
  json j = base_grid();
  j["competencies"][3]["criteria"][1]["id"] = "c1-2";  // same as a criterion of CP-1
  expect_problem(load(j), "/competencies/3/criteria/1/id",
                 "«\u00A0c1-2\u00A0» est déjà celui du critère /competencies/0/criteria/1");
  json k = base_grid();
  k["competencies"][0]["criteria"][2]["id"] = "C1 é";
  expect_problem(load(k), "/competencies/0/criteria/2/id", "lettres minuscules");
}

TEST(GridJson, CriteriaCountIsThreeToSix) {
  json none = base_grid();
  none["competencies"][1]["criteria"] = json::array();
  expect_problem(load(none), "/competencies/1/criteria", "n’a aucun critère\u00A0: indiquez-en de 3 à 6");

  json few = base_grid();
  few["competencies"][1]["criteria"].erase(2);
  expect_problem(load(few), "/competencies/1/criteria", "n’a que 2 critères\u00A0: il en faut au moins 3");

  json many = base_grid();
  for (int k = 4; k <= 7; ++k) many["competencies"][4]["criteria"].push_back(criterion("c5-" + std::to_string(k)));
  expect_problem(load(many), "/competencies/4/criteria", "a 7 critères\u00A0: il en faut au plus 6");

  json six = base_grid();
  for (int k = 4; k <= 6; ++k) six["competencies"][4]["criteria"].push_back(criterion("c5-" + std::to_string(k)));
  EXPECT_TRUE(load(six).ok()) << all_texts(load(six));

  json missing = base_grid();
  missing["competencies"][0].erase("criteria");
  expect_problem(load(missing), "/competencies/0/criteria", "champ obligatoire manquant");
}

TEST(GridJson, CriterionStagesAreCheckedAgainstThePlan) {
  const ExamPlan plan = shipped_plan("ccp1.json");
  json j = base_grid();
  j["competencies"][2]["criteria"][0]["stages"] = {"questionement"};
  j["competencies"][2]["criteria"][1]["stages"] = {"preparation"};
  j["competencies"][2]["criteria"][2]["stages"] = json::array();
  j["competencies"][1]["criteria"][2]["stages"] = {"questionnement", "questionnement"};
  GridLoad l = load(j, &plan);
  expect_problem(l, "/competencies/2/criteria/0/stages/0",
                 "aucune étape du plan d’épreuve «\u00A0ccp1\u00A0» n’a l’identifiant «\u00A0questionement\u00A0»");
  expect_problem(l, "/competencies/2/criteria/0/stages/0", "questionnement, preparation, mise_en_situation");
  expect_problem(l, "/competencies/2/criteria/1/stages/0", "le jury n’est pas présent pendant l’étape «\u00A0Préparation\u00A0»");
  expect_problem(l, "/competencies/2/criteria/2/stages", "au moins une étape");
  expect_problem(l, "/competencies/1/criteria/2/stages/1", "en double");

  // Without a plan, only the form of the id is checked.
  json k = base_grid();
  k["competencies"][2]["criteria"][0]["stages"] = {"questionement"};
  EXPECT_TRUE(load(k).ok());
  k["competencies"][2]["criteria"][0]["stages"] = {"Questionnement"};
  expect_problem(load(k), "/competencies/2/criteria/0/stages/0", "lettres minuscules");
}

TEST(GridJson, PlanOfAnotherCcpIsReported) {
  const ExamPlan plan = shipped_plan("ccp2.json");
  expect_problem(load(base_grid(), &plan), "/ccp", "la grille est celle du CCP1 mais le plan d’épreuve «\u00A0ccp2\u00A0»");
}

TEST(GridJson, UnknownCcpIsRefused) {
  json j = base_grid();
  j["ccp"] = "CCP3";
  GridLoad l = load(j);
  expect_problem(l, "/ccp", "CCP inconnu «\u00A0CCP3\u00A0»");
  ASSERT_EQ(l.problems.size(), 1u) << all_texts(l);  // no "not a competency of CCP1" on top
}

TEST(GridJson, CompetenciesMustBeThoseOfTheCcp) {
  json j = base_grid();
  j["competencies"][4]["id"] = "CP-6";
  GridLoad l = load(j);
  expect_problem(l, "/competencies/4/id", "«\u00A0CP-6\u00A0» n’est pas une compétence du CCP1");
  expect_problem(l, "/competencies", "il manque la compétence «\u00A0CP-5\u00A0» du CCP1");

  json c2 = base_grid();
  c2["ccp"] = "CCP2";
  GridLoad l2 = load(c2);
  expect_problem(l2, "/competencies/0/id", "«\u00A0CP-1\u00A0» n’est pas une compétence du CCP2\u00A0: la grille du CCP2 "
                                           "compte les compétences CP-6, CP-7, CP-8, CP-9 et CP-10, et elles seules");
  expect_problem(l2, "/competencies", "il manque la compétence «\u00A0CP-10\u00A0» du CCP2");

  json none = base_grid();
  none["competencies"] = json::array();
  expect_problem(load(none), "/competencies", "doit compter les compétences CP-1, CP-2, CP-3, CP-4 et CP-5");
}

TEST(GridJson, BadDecisionRuleIsRefused) {
  json j = base_grid();
  j["decision_rule"]["kind"] = "majority";
  j["decision_rule"]["justification_required_for"] = {"negative", "always", "negative"};
  GridLoad l = load(j);
  expect_problem(l, "/decision_rule/kind", "règle de décision inconnue «\u00A0majority\u00A0»");
  expect_problem(l, "/decision_rule/justification_required_for/1", "cas inconnu «\u00A0always\u00A0»");
  expect_problem(l, "/decision_rule/justification_required_for/2", "en double");
  json k = base_grid();
  k["decision_rule"].erase("kind");
  expect_problem(load(k), "/decision_rule/kind", "champ obligatoire manquant");
}

TEST(GridJson, RatingScaleNeedsAnAcquiredLevel) {
  json empty = base_grid();
  empty["rating_scale"] = json::array();
  expect_problem(load(empty), "/rating_scale", "au moins un niveau");

  json none = base_grid();
  none["rating_scale"][0]["acquired"] = false;
  expect_problem(load(none), "/rating_scale", "aucun niveau de l’échelle ne compte comme acquis");

  json odd = base_grid();
  odd["rating_scale"][0]["evidence"] = false;
  expect_problem(load(odd), "/rating_scale/0/evidence", "doit reposer sur une observation");

  json dup = base_grid();
  dup["rating_scale"][2]["id"] = "acquis";
  expect_problem(load(dup), "/rating_scale/2/id", "déjà celui du niveau /rating_scale/0");
}

TEST(GridJson, WrongFormatMarkerIsRefused) {
  json j = base_grid();
  j["format"] = "jurymn-exam-plan";
  GridLoad l = load(j);
  ASSERT_EQ(l.problems.size(), 1u);
  expect_problem(l, "/format", "n’est pas une grille d’évaluation jurymn");
  j["format"] = "jurymn-scoring-grid";
  j["format_version"] = 2;
  expect_problem(load(j), "/format_version", "version de format 2 non prise en charge");
}

TEST(GridJson, ShippedGridsLoadAndMatchTheShippedPlans) {
  PlanDirLoad plans = load_exam_plans_dir(std::string(JURYMN_ASSETS) + "/plans");
  ASSERT_TRUE(plans.problems.empty());
  EXPECT_TRUE(validate_grids_dir(JURYMN_GRIDS, plans.plans).empty());
  GridDirLoad d = load_grids_dir(JURYMN_GRIDS, plans.plans, &jurymn::test::tp01336());
  for (const auto& p : d.problems) ADD_FAILURE() << p.text();
  ASSERT_EQ(d.grids.size(), 2u);  // grid.schema.json is not taken for a grid

  const std::map<std::string, std::string> official = {
      {"CP-1", "Accueillir les personnes et présenter les missions de la médiation numérique"},
      {"CP-2", "Recueillir les besoins, poser un diagnostic partagé et proposer des accompagnements adaptés"},
      {"CP-3", "Concevoir et programmer des accompagnements aux usages numériques"},
      {"CP-4", "Préparer et animer des accompagnements aux usages numériques dans différents lieux et environnements"},
      {"CP-5", "Évaluer ses actions et sa pratique professionnelle"},
      {"CP-6", "Développer un réseau local en lien avec l’inclusion numérique"},
      {"CP-7", "Accompagner aux usages numériques sur les plateformes administratives"},
      {"CP-8", "Aller vers les personnes les plus éloignées du numérique du territoire"},
      {"CP-9", "Sécuriser les pratiques numériques des publics"},
      {"CP-10", "Accompagner les usages numériques des publics spécifiques"}};
  const char* const ccps[] = {"CCP1", "CCP2"};
  for (std::size_t i = 0; i < 2; ++i) {
    const Grid& g = d.grids[i];
    EXPECT_EQ(g.id, i == 0 ? "ccp1" : "ccp2");
    EXPECT_EQ(g.ccp, ccps[i]);
    EXPECT_EQ(g.decision_rule.kind, DecisionKind::AllCompetenciesAcquired);
    EXPECT_TRUE(g.decision_rule.justify_negative && g.decision_rule.justify_override);
    ASSERT_EQ(g.rating_scale.size(), 4u);
    EXPECT_EQ(g.rating_scale[3].label, "Non observé");
    EXPECT_FALSE(g.rating_scale[3].evidence);
    EXPECT_TRUE(g.rating_scale[0].acquired && g.rating_scale[1].acquired && !g.rating_scale[2].acquired);
    ASSERT_EQ(g.competencies.size(), 5u);
    for (const auto& c : g.competencies) {
      EXPECT_EQ(c.title, official.at(c.id)) << c.id;
      EXPECT_GE(c.criteria.size(), 3u);
      EXPECT_LE(c.criteria.size(), 6u);
    }
    const ExamPlan& plan = plans.plans[i];
    ASSERT_EQ(plan.ccp, g.ccp);
    EXPECT_TRUE(check_grid(g, &plan, test::tp01336().ccp(g.ccp)).empty());
  }
}

TEST(GridJson, DirectoryKeepsGoodFilesAndReportsBadOnes) {
  const std::vector<ExamPlan> plans = {shipped_plan("ccp1.json"), shipped_plan("ccp2.json")};
  GridDirLoad d = load_grids_dir(grids_data("/mixed"), plans, &test::tp01336());
  ASSERT_EQ(d.grids.size(), 1u);
  EXPECT_EQ(d.grids[0].version, "0.1");  // the first file by name wins
  std::string all;
  for (const auto& p : d.problems) all += p.text() + "\n";
  ASSERT_EQ(d.problems.size(), 5u) << all;
  EXPECT_EQ(d.problems[0].text(), "b_same_id.json\u00A0: /id\u00A0: l’identifiant de grille «\u00A0essai\u00A0» est déjà "
                                  "celui de a_valid.json\u00A0: chaque grille doit avoir le sien.");
  EXPECT_EQ(d.problems[1].text().rfind("c_truncated.json\u00A0: JSON invalide ligne", 0), 0u) << all;
  EXPECT_EQ(d.problems[2].text().rfind("d_unknown_stage.json\u00A0: /competencies/0/criteria/0/stages/0\u00A0: aucune étape "
                                       "du plan d’épreuve «\u00A0ccp1\u00A0»", 0),
            0u)
      << all;
  EXPECT_EQ(d.problems[3].text().rfind("e_typo.json\u00A0: /competencies/0/criteria/0/stage\u00A0: champ inconnu", 0), 0u)
      << all;
  // The typo gives both sides: the unknown field and the missing one.
  EXPECT_EQ(d.problems[4].text(), "e_typo.json\u00A0: /competencies/0/criteria/0/stages\u00A0: champ obligatoire manquant.");
  EXPECT_EQ(validate_grids_dir(grids_data("/mixed"), plans).size(), 5u);

  // Without plans the unknown stage cannot be seen.
  EXPECT_EQ(validate_grids_dir(grids_data("/mixed"), {}).size(), 4u);
}

TEST(GridJson, MissingDirectoryIsReported) {
  auto problems = validate_grids_dir(grids_data("/absent"), {});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].text().find("introuvable"), std::string::npos);
}

// ---- Decision helpers ----

std::vector<RatingLevel> scale() {
  return {{"maitrise", "Maîtrisé", true, true},
          {"acquis", "Acquis", true, true},
          {"en_cours", "En cours d’acquisition", false, true},
          {"non_observe", "Non observé", false, false}};
}

TEST(GridDecision, CompetencyProposal) {
  using S = CompetencyStatus;
  EXPECT_EQ(proposed_competency_status(scale(), {"", "", ""}).status, S::Undecided);  // no rating yet
  EXPECT_EQ(proposed_competency_status(scale(), {}).status, S::Undecided);
  EXPECT_EQ(proposed_competency_status(scale(), {"acquis", "maitrise", ""}).status, S::Undecided);
  EXPECT_EQ(proposed_competency_status(scale(), {"acquis", "inconnu", "acquis"}).status, S::Undecided);
  EXPECT_EQ(proposed_competency_status(scale(), {"acquis", "maitrise", "acquis"}).status, S::Acquired);
  EXPECT_EQ(proposed_competency_status(scale(), {"acquis", "en_cours", "acquis"}).status, S::NotAcquired);
  EXPECT_EQ(proposed_competency_status(scale(), {"non_observe", "non_observe", "non_observe"}).status, S::NotAcquired);

  CompetencyProposal p = proposed_competency_status(scale(), {"acquis", "non_observe", "maitrise", ""});
  EXPECT_EQ(p.status, S::Undecided);
  EXPECT_EQ(p.acquired, 2);
  EXPECT_EQ(p.not_observed, 1);
  EXPECT_EQ(p.unrated, 1);
  p = proposed_competency_status(scale(), {"acquis", "non_observe", "maitrise"});
  EXPECT_EQ(p.status, S::Acquired);  // « non observé » counts neither way
  EXPECT_EQ(p.not_observed, 1);
}

TEST(GridDecision, CcpOutcome) {
  using S = CompetencyStatus;
  const DecisionRule rule;
  EXPECT_EQ(proposed_ccp_outcome(std::vector<S>(5, S::Acquired), rule), CcpOutcome::Obtained);
  EXPECT_EQ(proposed_ccp_outcome({S::Acquired, S::NotAcquired, S::Acquired, S::Acquired, S::Acquired}, rule),
            CcpOutcome::NotObtained);
  EXPECT_EQ(proposed_ccp_outcome(std::vector<S>(5, S::Undecided), rule), CcpOutcome::Undecided);
  EXPECT_EQ(proposed_ccp_outcome({S::Acquired, S::Undecided, S::NotAcquired}, rule), CcpOutcome::Undecided);
  EXPECT_EQ(proposed_ccp_outcome({}, rule), CcpOutcome::Undecided);
  EXPECT_EQ(proposed_ccp_outcome(std::vector<S>(5, S::Acquired)), CcpOutcome::Obtained);  // default rule
}

TEST(GridDecision, JustificationRequired) {
  const DecisionRule rule;  // negative and override
  EXPECT_FALSE(justification_required(rule, CcpOutcome::Obtained, CcpOutcome::Obtained));
  EXPECT_TRUE(justification_required(rule, CcpOutcome::NotObtained, CcpOutcome::NotObtained));
  EXPECT_TRUE(justification_required(rule, CcpOutcome::NotObtained, CcpOutcome::Obtained));
  // Issue 26 item 16: no proposal shown, nothing to depart from.
  EXPECT_FALSE(justification_required(rule, CcpOutcome::Undecided, CcpOutcome::Obtained));
  EXPECT_TRUE(justification_required(rule, CcpOutcome::Undecided, CcpOutcome::NotObtained));
  DecisionRule only_override{DecisionKind::AllCompetenciesAcquired, false, true};
  EXPECT_FALSE(justification_required(only_override, CcpOutcome::NotObtained, CcpOutcome::NotObtained));
  EXPECT_TRUE(justification_required(only_override, CcpOutcome::Obtained, CcpOutcome::NotObtained));
  DecisionRule none{DecisionKind::AllCompetenciesAcquired, false, false};
  EXPECT_FALSE(justification_required(none, CcpOutcome::Obtained, CcpOutcome::NotObtained));
}

TEST(GridDecision, Ids) {
  EXPECT_EQ(to_id(DecisionKind::AllCompetenciesAcquired), "all_competencies_acquired");
  EXPECT_EQ(decision_kind_from_id("all_competencies_acquired"), DecisionKind::AllCompetenciesAcquired);
  EXPECT_FALSE(decision_kind_from_id("majority"));
  EXPECT_EQ(to_id(CompetencyStatus::NotAcquired), "not_acquired");
  EXPECT_EQ(to_id(CcpOutcome::NotObtained), "not_obtained");
  EXPECT_EQ(french_label(CcpOutcome::Obtained), "CCP obtenu");
  EXPECT_EQ(test::tp01336().ccp("CCP2")->competencies, (std::vector<std::string>{"CP-6", "CP-7", "CP-8", "CP-9", "CP-10"}));
}

}  // namespace
}  // namespace jurymn

namespace jurymn {
namespace {

TEST(GridJson, LabelsRefuseControlAndBidiCharacters) {
  json g = base_grid();
  g["competencies"][0]["criteria"][0]["text"] = "Accueille\u200b le public";
  expect_problem(load(g), "/competencies/0/criteria/0/text", "(U+200B)");
  g = base_grid();
  g["rating_scale"][0]["label"] = "Ma\u0085îtrisé";
  expect_problem(load(g), "/rating_scale/0/label", "(U+0085)");
}

}  // namespace
}  // namespace jurymn
