// SPDX-License-Identifier: EUPL-1.2
#include "io/exam_plan_json.h"

#include <gtest/gtest.h>

#include "test_support.h"

#include <nlohmann/json.hpp>
#include <string>

#include "core/exam_plan.h"

namespace jurymn {
namespace {

using nlohmann::json;

constexpr const char* kFile = "essai.json";

json base_plan() {
  return json::parse(R"({
    "format": "jurymn-exam-plan",
    "format_version": 1,
    "id": "essai",
    "version": "1.0",
    "ccp": "CCP1",
    "title": "Plan d’essai",
    "draw_before_stage": "a",
    "stages": [
      {"id": "a", "label": "Questionnement", "duration_min": 35, "jury_present": true,
       "jury_materials": ["Dossier", "Diaporama", "Fiche séance tirée"]},
      {"id": "b", "label": "Préparation", "duration_min": 10, "jury_present": false, "warnings_min": [5, 1]},
      {"id": "c", "label": "Mise en situation", "duration_min": 30, "jury_present": true}
    ]
  })");
}

PlanLoad load(const json& j) { return load_exam_plan(j.dump(2), kFile); }

std::string all_texts(const PlanLoad& l) { return test::all_problem_texts(l); }

void expect_problem(const PlanLoad& l, const std::string& pointer, const std::string& words) {
  test::expect_problem(l, kFile, pointer, words);
}

std::string plans_dir(const char* sub = "") { return std::string(JURYMN_TEST_DATA) + "/plans" + sub; }

TEST(ExamPlan, ValidPlanLoads) {
  PlanLoad l = load(base_plan());
  ASSERT_TRUE(l.ok()) << all_texts(l);
  const ExamPlan& p = *l.plan;
  EXPECT_EQ(p.id, "essai");
  EXPECT_EQ(p.ccp, "CCP1");
  ASSERT_EQ(p.stages.size(), 3u);
  EXPECT_EQ(p.stages[0].duration_ms, 35 * kMinuteMs);
  EXPECT_EQ(p.stages[0].warnings_ms, default_warnings_ms());
  EXPECT_EQ(p.stages[0].jury_materials.size(), 3u);
  EXPECT_FALSE(p.stages[1].jury_present);
  EXPECT_EQ(p.draw_stage_index(), 0);
  EXPECT_EQ(p.total_duration_ms(), 75 * kMinuteMs);
  EXPECT_EQ(p.jury_duration_ms(), 65 * kMinuteMs);
}

TEST(ExamPlan, FractionalMinutesAndNoWarnings) {
  json j = base_plan();
  j["stages"][1]["duration_min"] = 0.5;
  j["stages"][1]["warnings_min"] = json::array();
  PlanLoad l = load(j);
  ASSERT_TRUE(l.ok()) << all_texts(l);
  EXPECT_EQ(l.plan->stages[1].duration_ms, 30'000);
  EXPECT_TRUE(l.plan->stages[1].warnings_ms.empty());
}

TEST(ExamPlan, TruncatedJsonIsNamedWithLineAndOffset) {
  const std::string text = base_plan().dump(2);
  PlanLoad l = load_exam_plan(std::string_view(text).substr(0, text.size() / 2), kFile);
  ASSERT_FALSE(l.ok());
  ASSERT_EQ(l.problems.size(), 1u);
  const std::string t = l.problems[0].text();
  EXPECT_EQ(t.rfind("essai.json\u00A0: JSON invalide ligne ", 0), 0u) << t;
  EXPECT_NE(t.find("octet"), std::string::npos) << t;
  EXPECT_NE(t.find("tronqué"), std::string::npos) << t;
}

TEST(ExamPlan, TruncatedFixtureFile) {
  PlanLoad l = load_exam_plan_file(plans_dir("/truncated.json"));
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_EQ(l.problems[0].text().rfind("truncated.json\u00A0: JSON invalide ligne 8, colonne 11 (octet 151)\u00A0: le fichier s’arrête", 0), 0u) << l.problems[0].text();
}

TEST(ExamPlan, InvalidJsonNamesLineColumnAndCharacter) {
  PlanLoad l = load_exam_plan("{\n  \"format\": \"jurymn-exam-plan\",,\n}", kFile);
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_EQ(l.problems[0].text(),
            "essai.json\u00A0: JSON invalide ligne 2, colonne 32 (octet 34)\u00A0: caractère inattendu «\u00A0,\u00A0» "
            "(virgule en trop ou manquante, guillemets droits \" attendus ?).");
}

// Found by the exam_plan fuzz target: the parser threw out_of_range (not
// parse_error) and the app stopped.
TEST(ExamPlan, NumberTooLargeIsNamedNotThrown) {
  std::string text = base_plan().dump(2);
  const std::size_t at = text.find("35");
  text.replace(at, 2, "35e400");
  PlanLoad l;
  ASSERT_NO_THROW(l = load_exam_plan(text, kFile));
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_NE(l.problems[0].text().find("essai.json\u00A0: JSON invalide ligne "), std::string::npos) << l.problems[0].text();
  EXPECT_NE(l.problems[0].message.find("(octet " + std::to_string(at + 1) + ")\u00A0: nombre hors limites «\u00A035e400\u00A0»"),
            std::string::npos)
      << l.problems[0].text();
  ASSERT_NO_THROW(l = load_exam_plan("-1e999", kFile));
  EXPECT_FALSE(l.ok());
}

TEST(ExamPlan, EmptyFileIsNamed) {
  PlanLoad l = load_exam_plan("  \n", kFile);
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_NE(l.problems[0].text().find("essai.json\u00A0: le fichier est vide"), std::string::npos);
}

TEST(ExamPlan, NotUtf8IsNamed) {
  std::string text = base_plan().dump(2);
  const std::size_t at = text.find("Plan d");
  text.replace(at, 1, "\xE9");  // a Latin-1 « é », as an old editor would save it
  PlanLoad l = load_exam_plan(text, kFile);
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_NE(l.problems[0].text().find("essai.json\u00A0: caractère mal encodé ligne "), std::string::npos)
      << l.problems[0].text();
  EXPECT_NE(l.problems[0].message.find("(octet " + std::to_string(at + 1) + ")\u00A0: enregistrez le fichier en UTF-8"),
            std::string::npos)
      << l.problems[0].text();
  // A sequence cut short at the very end of the file.
  EXPECT_FALSE(load_exam_plan(text.substr(0, text.size() - 1) + "\xC3", kFile).ok());
}

TEST(ExamPlan, RootMustBeAnObject) {
  PlanLoad l = load_exam_plan("[]", kFile);
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_EQ(l.problems[0].text(), "essai.json\u00A0: le fichier doit contenir un objet JSON { … }, pas une liste.");
}

TEST(ExamPlan, UnknownFieldIsRefused) {
  json j = base_plan();
  j["stages"][2]["duraton_min"] = 30;
  j["titel"] = "faute";
  PlanLoad l = load(j);
  expect_problem(l, "/stages/2/duraton_min", "champ inconnu «\u00A0duraton_min\u00A0»");
  expect_problem(l, "/titel", "champ inconnu «\u00A0titel\u00A0»");
}

TEST(ExamPlan, DuplicateKeyIsRefused) {
  std::string text = base_plan().dump(2);
  text.replace(text.find("\"id\": \"b\""), 9, "\"id\": \"b\", \"id\": \"bb\"");
  PlanLoad l = load_exam_plan(text, kFile);
  expect_problem(l, "/stages/1/id", "deux fois");
}

TEST(ExamPlan, WrongTypesAreRefused) {
  json j = base_plan();
  j["stages"][0]["duration_min"] = "35";
  j["stages"][1]["jury_present"] = "non";
  j["stages"][2]["jury_materials"] = "Dossier";
  j["version"] = 1;
  PlanLoad l = load(j);
  expect_problem(l, "/stages/0/duration_min", "nombre de minutes");
  expect_problem(l, "/stages/1/jury_present", "true ou false");
  expect_problem(l, "/stages/2/jury_materials", "liste de textes");
  expect_problem(l, "/version", "texte");
  // One message per place: the type error, not also "must be positive".
  int at_duration = 0;
  for (const auto& p : l.problems) at_duration += p.pointer == "/stages/0/duration_min";
  EXPECT_EQ(at_duration, 1);

  json s = base_plan();
  s["stages"] = json::object();
  expect_problem(load(s), "/stages", "liste d’étapes");

  // A stage that is not an object gets one message, not one per missing field.
  json n = base_plan();
  n["stages"][1] = 10;
  PlanLoad ln = load(n);
  ASSERT_EQ(ln.problems.size(), 1u) << all_texts(ln);
  EXPECT_EQ(ln.problems[0].text(), "essai.json\u00A0: /stages/1\u00A0: doit être un objet { … }, pas un nombre.");
}

TEST(ExamPlan, NonPositiveDurationIsRefused) {
  for (double minutes : {0.0, -5.0}) {
    json j = base_plan();
    j["stages"][2]["duration_min"] = minutes;
    PlanLoad l = load(j);
    ASSERT_EQ(l.problems.size(), 1u) << all_texts(l);
    EXPECT_EQ(l.problems[0].text(), "essai.json\u00A0: /stages/2/duration_min\u00A0: la durée doit être un nombre positif de minutes.");
  }
  json j = base_plan();
  j["stages"][0]["duration_min"] = 100000;
  expect_problem(load(j), "/stages/0/duration_min", "24 heures");
}

TEST(ExamPlan, DuplicateStageIdIsRefused) {
  json j = base_plan();
  j["stages"][2]["id"] = "a";
  expect_problem(load(j), "/stages/2/id", "déjà celui de l’étape /stages/0");
}

TEST(ExamPlan, StageIdMustBeStableAscii) {
  json j = base_plan();
  j["stages"][1]["id"] = "Préparation";
  expect_problem(load(j), "/stages/1/id", "lettres minuscules");
}

TEST(ExamPlan, MissingRequiredFieldIsRefused) {
  json j = base_plan();
  j.erase("title");
  j["stages"][1].erase("label");
  j["stages"][0].erase("jury_present");
  PlanLoad l = load(j);
  expect_problem(l, "/title", "champ obligatoire manquant");
  expect_problem(l, "/stages/1/label", "champ obligatoire manquant");
  expect_problem(l, "/stages/0/jury_present", "champ obligatoire manquant");
}

TEST(ExamPlan, UnknownCcpIsRefused) {
  json j = base_plan();
  j["ccp"] = "CCP3";
  expect_problem(load_exam_plan(j.dump(2), kFile, &test::tp01336()), "/ccp",
                 "CCP inconnu «\u00A0CCP3\u00A0»\u00A0: le titre TP-01336 compte CCP1 ou CCP2");
  // Without a title, a well-formed id passes and a malformed one does not.
  EXPECT_TRUE(load_exam_plan(j.dump(2), kFile).ok());
  j["ccp"] = "ccp 1";
  expect_problem(load_exam_plan(j.dump(2), kFile), "/ccp", "identifiant de CCP «\u00A0ccp 1\u00A0» mal formé");
}

TEST(ExamPlan, DrawBeforeUnknownStageIsRefused) {
  json j = base_plan();
  j["draw_before_stage"] = "questionement";
  expect_problem(load(j), "/draw_before_stage", "aucune étape n’a l’identifiant «\u00A0questionement\u00A0»");
}

TEST(ExamPlan, EmptyDrawBeforeStageMeansNoDraw) {
  json j = base_plan();
  j["draw_before_stage"] = "";
  PlanLoad l = load(j);
  ASSERT_TRUE(l.ok()) << all_texts(l);
  EXPECT_EQ(l.plan->draw_stage_index(), -1);
}

TEST(ExamPlan, WarningsMustBeBelowDuration) {
  json j = base_plan();
  j["stages"][1]["warnings_min"] = {10, 1};
  expect_problem(load(j), "/stages/1/warnings_min/0", "inférieure à la durée de l’étape (10 min)");
  j["stages"][1]["warnings_min"] = {5, 0};
  expect_problem(load(j), "/stages/1/warnings_min/1", "nombre positif");
  j["stages"][1]["warnings_min"] = {1, 1};
  expect_problem(load(j), "/stages/1/warnings_min/1", "en double");
  j["stages"][1]["warnings_min"] = {5, "1"};
  expect_problem(load(j), "/stages/1/warnings_min/1", "nombre de minutes");
}

TEST(ExamPlan, WrongFormatMarkerIsRefused) {
  json j = base_plan();
  j["format"] = "jurymn-grid";
  PlanLoad l = load(j);
  ASSERT_EQ(l.problems.size(), 1u);  // one clear message, not a list of unknown fields
  expect_problem(l, "/format", "n’est pas un plan d’épreuve jurymn");
  j.erase("format");
  expect_problem(load(j), "/format", "n’est pas un plan d’épreuve jurymn");
}

TEST(ExamPlan, WrongFormatVersionIsRefused) {
  json j = base_plan();
  j["format_version"] = 2;
  expect_problem(load(j), "/format_version", "version de format 2 non prise en charge");
  j["format_version"] = "1";
  expect_problem(load(j), "/format_version", "nombre entier");
  j.erase("format_version");
  expect_problem(load(j), "/format_version", "champ obligatoire manquant");
}

TEST(ExamPlan, CheckPlanWorksOnPlansBuiltInCode) {
  ExamPlan p;
  p.id = "code";
  p.version = "1";
  p.title = "Plan";
  p.stages = {Stage{"x", "X", 10 * kMinuteMs, true, {}, {5 * kMinuteMs}, {}},
              Stage{"x", "Y", 0, true, {}, {}, {}}};
  auto problems = check_plan(p);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].text(), "/stages/1/id\u00A0: l’identifiant d’étape «\u00A0x\u00A0» est déjà celui de l’étape /stages/0\u00A0: "
                                "chaque étape doit avoir le sien.");
  EXPECT_EQ(problems[1].pointer, "/stages/1/duration_min");
}

TEST(ExamPlan, DrawNeededBeforeDrawStageAndAfter) {
  PlanLoad l = load(base_plan());
  ASSERT_TRUE(l.ok());
  const ExamPlan& p = *l.plan;
  EXPECT_EQ(draw_needed_refusal(p, 0, false),
            "Tirez au sort (ou faites choisir par le jury) la fiche séance avant l’étape «\u00A0Questionnement\u00A0».");
  EXPECT_NE(draw_needed_refusal(p, 2, false), "");  // a later stage, started out of order
  EXPECT_EQ(draw_needed_refusal(p, 0, true), "");
  ExamPlan no_draw = p;
  no_draw.draw_before_stage.clear();
  EXPECT_EQ(draw_needed_refusal(no_draw, 0, false), "");
}

TEST(ExamPlan, ShippedPlansMatchTheExam) {
  PlanDirLoad d = load_exam_plans_dir(std::string(JURYMN_ASSETS) + "/plans");
  ASSERT_TRUE(d.problems.empty()) << d.problems[0].text();
  ASSERT_EQ(d.plans.size(), 2u);

  const ExamPlan& c1 = d.plans[0];
  EXPECT_EQ(c1.id, "ccp1");
  EXPECT_EQ(c1.version, "1.0");
  EXPECT_EQ(c1.ccp, "CCP1");
  ASSERT_EQ(c1.stages.size(), 4u);
  const TimeMs c1_minutes[] = {35, 10, 30, 15};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(c1.stages[i].duration_ms, c1_minutes[i] * kMinuteMs) << i;
  EXPECT_EQ(c1.stages[1].id, "preparation");
  EXPECT_FALSE(c1.stages[1].jury_present);
  EXPECT_TRUE(c1.stages[0].jury_present && c1.stages[2].jury_present && c1.stages[3].jury_present);
  EXPECT_EQ(c1.stages[0].jury_materials, (std::vector<std::string>{"Dossier", "Diaporama", "Fiche séance tirée"}));
  EXPECT_EQ(c1.draw_stage_index(), 0);
  EXPECT_EQ(c1.jury_duration_ms(), 80 * kMinuteMs);  // 1 h 20

  const ExamPlan& c2 = d.plans[1];
  EXPECT_EQ(c2.id, "ccp2");
  EXPECT_EQ(c2.ccp, "CCP2");
  ASSERT_EQ(c2.stages.size(), 2u);
  EXPECT_EQ(c2.stages[0].duration_ms, 20 * kMinuteMs);
  EXPECT_EQ(c2.stages[1].duration_ms, 40 * kMinuteMs);
  EXPECT_EQ(c2.draw_stage_index(), -1);
  EXPECT_EQ(c2.jury_duration_ms(), 60 * kMinuteMs);  // 1 h 00
}

TEST(ExamPlan, DirectoryKeepsGoodFilesAndReportsBadOnes) {
  PlanDirLoad d = load_exam_plans_dir(plans_dir("/mixed"));
  ASSERT_EQ(d.plans.size(), 1u);
  EXPECT_EQ(d.plans[0].id, "essai");
  EXPECT_EQ(d.plans[0].version, "0.1");  // the first file by name wins
  ASSERT_EQ(d.problems.size(), 4u);
  EXPECT_EQ(d.problems[0].text(), "b_same_id.json\u00A0: /id\u00A0: l’identifiant de plan «\u00A0essai\u00A0» est déjà celui de "
                                  "a_valid.json\u00A0: chaque plan doit avoir le sien.");
  EXPECT_EQ(d.problems[1].text().rfind("c_truncated.json\u00A0: JSON invalide ligne", 0), 0u) << d.problems[1].text();
  // The typo gives both sides: the unknown field and the missing one.
  EXPECT_EQ(d.problems[2].text().rfind("d_typo.json\u00A0: /stages/0/duraton_min\u00A0: champ inconnu", 0), 0u)
      << d.problems[2].text();
  EXPECT_EQ(d.problems[3].text(), "d_typo.json\u00A0: /stages/0/duration_min\u00A0: champ obligatoire manquant.");
  EXPECT_EQ(validate_exam_plans_dir(plans_dir("/mixed")).size(), 4u);
  EXPECT_TRUE(validate_exam_plans_dir(std::string(JURYMN_ASSETS) + "/plans").empty());
}

TEST(ExamPlan, MissingDirectoryIsReported) {
  auto problems = validate_exam_plans_dir(plans_dir("/absent"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].text().find("introuvable"), std::string::npos);
}

}  // namespace
}  // namespace jurymn

namespace jurymn {
namespace {

// A label is shown as it is to the jury: nothing in it may hide or reorder text.
TEST(ExamPlan, LabelsRefuseControlAndBidiCharacters) {
  json j = base_plan();
  j["stages"][0]["label"] = "Questionnement\u0007";
  expect_problem(load(j), "/stages/0/label", "caractère invisible ou de contrôle (U+0007)");
  j = base_plan();
  j["title"] = "CCP1 \u202e noitacude";
  expect_problem(load(j), "/title", "(U+202E)");
}

}  // namespace
}  // namespace jurymn
