// SPDX-License-Identifier: EUPL-1.2
// Reading the audit trail (core/audit_trail.h, the audit screen): French
// labels for every action the store writes, one readable line of details
// built from the payloads Store::apply really writes, who acted, and
// payloads that cannot be read, which must give a plain line and never throw.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/audit_trail.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

const std::string nb = "\u00A0";

TEST(AuditViewLabels, MainActionsHaveTheirFrenchLabel) {
  EXPECT_EQ(audit_action_label("record_mark"), "Note attribuée");
  EXPECT_EQ(audit_action_label("start_exam"), "Épreuve commencée");
  EXPECT_EQ(audit_action_label("draw_sheet"), "Fiche séance tirée");
  EXPECT_EQ(audit_action_label("decide_ccp"), "Décision du CCP");
  EXPECT_EQ(audit_action_label("confirm_decision"), "Confirmation de la décision");
  EXPECT_EQ(audit_action_label("reopen_decision").rfind("Réouverture", 0), 0u);
  EXPECT_EQ(audit_action_label("pause_stage"), "Étape mise en pause");
  EXPECT_EQ(audit_action_label("chain_audit_trail"), "Journal chaîné");
}

TEST(AuditViewLabels, UnknownActionsAreShownAsStored) {
  EXPECT_EQ(audit_action_label("brand_new_action"), "brand_new_action");
  EXPECT_EQ(audit_action_label(""), "");
}

TEST(AuditViewMember, ActorsAreNamedInFrenchWhenNoMemberActed) {
  AuditRecord e;
  e.payload = R"({"uuid":"x"})";
  e.actor = "ui";
  EXPECT_EQ(audit_entry_member(e), "interface");
  e.actor = "cli";
  EXPECT_EQ(audit_entry_member(e), "ligne de commande");
  e.actor = "demo";
  EXPECT_EQ(audit_entry_member(e), "démonstration");
  e.actor = "jurymn";
  EXPECT_EQ(audit_entry_member(e), "jurymn");
  e.actor = "centre";
  EXPECT_EQ(audit_entry_member(e), "centre");
  e.payload = R"({"member_name":"Nadia Benali"})";
  EXPECT_EQ(audit_entry_member(e), "Nadia Benali");
  e.payload = R"({"member_name":42})";  // not a name: the actor instead
  EXPECT_EQ(audit_entry_member(e), "centre");
}

// A session run through the store as the jury would: every summary below is
// built from a payload Store::apply wrote.
class AuditView : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  std::unique_ptr<Store> store;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::string session, president, member, candidate, other, run;

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto loaded = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336());
    ASSERT_TRUE(loaded.problems.empty());
    grids = loaded.grids;
    auto r = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids);
    store->set_random_source(&seeded);
    session = apply(action::CreateSession{test::session_input()}, "ui");
    president = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    member = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    other = apply(action::AddCandidate{session, test::candidate_input("MN-2", "Martin", "Paul")});
    run = apply(action::StartExam{candidate, "CCP1"});
  }

  std::string apply(const Action& a, std::string_view actor = "jury") {
    ApplyResult r = store->apply(a, actor);
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }
  const ExamPlan& plan() { return *store->current_plan("CCP1"); }
  const Grid& grid() { return *store->current_grid("CCP1"); }
  AuditVocabulary words() const { return {&grids, &plans}; }
  // The last entry of `action` in the session's trail.
  AuditRecord last(const std::string& action) {
    AuditRecord found;
    for (const auto& e : store->audit_entries(session))
      if (e.action == action) found = e;
    EXPECT_EQ(found.action, action) << "no entry " << action;
    return found;
  }
  std::string summary(const std::string& action) { return audit_entry_summary(last(action), words()); }

  // Draw, a pause, a resume, an extension, then every stage to the end.
  void run_exam() {
    apply(action::DrawSheet{run, ""});
    apply(action::RecordTimerEvent{run, TimerEventKind::Start, plan().stages[0].id, 0, ""});
    clock.advance_ms(60'000);
    apply(action::RecordTimerEvent{run, TimerEventKind::Pause, "", 0, "  retard du candidat "});
    clock.advance_ms(30'000);
    apply(action::RecordTimerEvent{run, TimerEventKind::Resume, "", 0, ""});
    apply(action::RecordTimerEvent{run, TimerEventKind::Extend, "", 120'000, "coupure réseau"});
    for (std::size_t i = 1; i < plan().stages.size(); ++i) {
      clock.advance_ms(plan().stages[i - 1].duration_ms + 120'000);
      apply(action::RecordTimerEvent{run, TimerEventKind::Next, "", 0, ""});
    }
    clock.advance_ms(plan().stages.back().duration_ms);
    apply(action::RecordTimerEvent{run, TimerEventKind::End, "", 0, ""});
  }
};

TEST_F(AuditView, EveryActionWrittenHasAFrenchLabel) {
  run_exam();
  const auto& c = grid().competencies[0];
  apply(action::RecordMark{run, president, c.criteria[0].id, grid().rating_scale[0].id});
  apply(action::SetObservation{run, member, c.id, "Bonne écoute."});
  for (const auto& comp : grid().competencies)
    apply(action::DecideCompetency{run, comp.id, CompetencyStatus::Acquired});
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  apply(action::ReopenDecision{run, "erreur de saisie", {}, test::member_pin("Nadia Benali").key});
  apply(action::SetAttendance{other, Attendance::Absent});
  for (const auto& e : store->audit_entries(session)) {
    EXPECT_NE(audit_action_label(e.action), e.action) << e.action;
    EXPECT_FALSE(audit_entry_summary(e, words()).empty()) << e.action;
  }
}

TEST_F(AuditView, MarksNameTheCompetencyCriterionAndLevelsByTheirLabels) {
  const auto& c = grid().competencies[0];
  const RatingLevel& best = grid().rating_scale.front();
  const RatingLevel& worst = grid().rating_scale.back();
  apply(action::RecordMark{run, president, c.criteria[2].id, best.id});
  EXPECT_EQ(summary("record_mark"), c.id + " · critère 1.3" + nb + ": " + best.label + " (avant" + nb + ": —)");
  EXPECT_EQ(audit_entry_member(last("record_mark")), "Nadia Benali");
  apply(action::RecordMark{run, president, c.criteria[2].id, worst.id});
  EXPECT_EQ(summary("record_mark"),
            c.id + " · critère 1.3" + nb + ": " + worst.label + " (avant" + nb + ": " + best.label + ")");
  apply(action::RecordMark{run, president, c.criteria[2].id, ""});
  EXPECT_EQ(summary("record_mark"),
            c.id + " · critère 1.3" + nb + ": note effacée (avant" + nb + ": " + worst.label + ")");
  // Without the grids, the ids as stored.
  const std::string bare = audit_entry_summary(last("record_mark"));
  EXPECT_NE(bare.find(c.criteria[2].id), std::string::npos) << bare;
  EXPECT_NE(bare.find(worst.id), std::string::npos) << bare;
}

TEST_F(AuditView, TimerEventsNameTheStageTheEventAndTheReason) {
  run_exam();
  const std::string first = plan().stages[0].label;
  EXPECT_EQ(summary("pause_stage"), first + " — mise en pause" + nb + ": «" + nb + "retard du candidat" + nb + "»");
  EXPECT_EQ(summary("resume_stage"), first + " — reprise");
  EXPECT_EQ(summary("extend_stage"),
            first + " — prolongation de 2" + nb + "min" + nb + ": «" + nb + "coupure réseau" + nb + "»");
  EXPECT_EQ(summary("start_stage"), first + " — début");
  EXPECT_NE(summary("next_stage").find(plan().stages.back().label), std::string::npos) << summary("next_stage");
  // Without the plans, the stage id made readable.
  AuditRecord pause = last("pause_stage");
  EXPECT_EQ(audit_entry_summary(pause).rfind("Questionnement", 0), 0u) << audit_entry_summary(pause);
}

TEST_F(AuditView, StartDrawAndAttendanceAreSpelledOut) {
  const std::string start = summary("start_exam");
  EXPECT_EQ(start.rfind("CCP1 · déroulé " + plan().id + " version " + plan().version, 0), 0u) << start;
  EXPECT_NE(start.find("grille " + grid().id + " version " + grid().version), std::string::npos) << start;
  EXPECT_NE(start.find("présence" + nb + ": Attendu → Présent"), std::string::npos) << start;

  apply(action::DrawSheet{run, ""});
  const RunRecord r = *store->exam_run(run);
  ASSERT_EQ(r.draws.size(), 1u);
  EXPECT_EQ(summary("draw_sheet"), "Fiche " + std::to_string(r.draws[0].chosen + 1) + nb + ": «" + nb +
                                       r.draws[0].chosen_title() + nb + "» — tirage au sort");
  apply(action::ChooseSheet{run, 1, "fiche déjà vue en formation"});
  EXPECT_EQ(summary("choose_sheet"), "Fiche 2" + nb + ": «" + nb + "Prendre rendez-vous en ligne" + nb +
                                         "» — choix du jury" + nb + "; nouveau tirage, motif" + nb + ": «" + nb +
                                         "fiche déjà vue en formation" + nb + "»");

  apply(action::SetAttendance{other, Attendance::Absent});
  EXPECT_EQ(summary("set_attendance"), "Attendu → Absent");
  EXPECT_EQ(summary("add_candidate"), "MN-2 — Martin Paul, CCP1");
  CandidateInput renamed = test::candidate_input("MN-2", "Martin-Roy", "Paul");
  apply(action::EditCandidate{other, renamed});
  EXPECT_EQ(summary("edit_candidate"), "nom" + nb + ": Martin → Martin-Roy");
  EXPECT_EQ(summary("add_jury_member"), "Thomas Lefèvre, Membre du jury");
  EXPECT_EQ(audit_entry_member(last("create_session")), "interface");
}

TEST_F(AuditView, ImportNamesTheFileAndCountsTheCandidates) {
  action::ImportCandidates import{session, "/home/jury/Bureau/liste.csv", {}};
  import.rows.push_back({2, test::candidate_input("MN-10")});
  import.rows.push_back({3, test::candidate_input("MN-11")});
  apply(import, "cli");
  EXPECT_EQ(summary("import_candidates"), "2" + nb + "candidats depuis liste.csv");
  EXPECT_EQ(audit_entry_member(last("import_candidates")), "ligne de commande");
}

TEST_F(AuditView, DecisionConfirmationsAndReopeningSayWhatAndWho) {
  test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
  const auto& comps = grid().competencies;
  for (std::size_t i = 0; i < comps.size(); ++i)
    apply(action::DecideCompetency{run, comps[i].id, i == 0 ? CompetencyStatus::NotAcquired : CompetencyStatus::Acquired});
  EXPECT_EQ(summary("decide_competency"), comps.back().id + nb + ": acquise (avant" + nb + ": à évaluer)");
  apply(action::DecideCcp{run, CcpOutcome::NotObtained, "CP-1 non acquise\nlors de la mise en situation"});
  EXPECT_EQ(summary("decide_ccp"), "CCP non obtenu, conforme à la proposition" + nb + "; justification" + nb + ": «" +
                                       nb + "CP-1 non acquise lors de la mise en situation" + nb + "»");
  apply(action::DecideCompetency{run, comps[0].id, CompetencyStatus::Acquired});
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  EXPECT_EQ(summary("decide_ccp"), "CCP obtenu, conforme à la proposition");
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  EXPECT_EQ(summary("confirm_decision"), "CCP obtenu, confirmé par Nadia Benali (signé de son code)");
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  EXPECT_EQ(summary("confirm_decision"), "CCP obtenu, confirmé par Thomas Lefèvre (signé de son code) — résultat verrouillé");
  EXPECT_EQ(audit_entry_member(last("confirm_decision")), "Thomas Lefèvre");
  apply(action::ReopenDecision{run, "erreur de saisie", {}, test::member_pin("Nadia Benali").key});
  EXPECT_EQ(summary("reopen_decision"), "CCP obtenu rouvert, motif" + nb + ": «" + nb + "erreur de saisie" + nb + "»");
  // Reopened through the screen without a member named: the jury, never « interface ».
  EXPECT_EQ(audit_entry_member(last("reopen_decision")), "le jury");
  EXPECT_EQ(audit_entry_member(last("decide_ccp")), "le jury");
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  apply(action::ReopenDecision{run, "second oubli", president, test::member_pin("Nadia Benali").key});
  EXPECT_EQ(audit_entry_member(last("reopen_decision")), "Nadia Benali");
}

TEST_F(AuditView, ObservationsAreOneShortenedLine) {
  const std::string cp = grid().competencies[0].id;
  apply(action::SetObservation{run, member, cp, "Accueil chaleureux.\nReformule\tbien."});
  EXPECT_EQ(summary("set_observation"), cp + nb + ": «" + nb + "Accueil chaleureux. Reformule bien." + nb + "»");
  apply(action::SetObservation{run, member, cp, std::string(600, 'e')});
  const std::string s = summary("set_observation");
  EXPECT_LT(s.size(), 140u);
  EXPECT_NE(s.find("…" + nb + "»"), std::string::npos) << s;
  apply(action::SetObservation{run, member, cp, ""});
  EXPECT_EQ(summary("set_observation"), cp + nb + ": observation effacée");
}

// ---- payloads that cannot be read ----

AuditRecord entry(const std::string& action, const std::string& payload) {
  AuditRecord e;
  e.id = 1;
  e.actor = "ui";
  e.action = action;
  e.payload = payload;
  return e;
}

TEST(AuditViewMalformed, BadPayloadsGiveAPlainLineAndNeverThrow) {
  const std::vector<std::string> actions = {"record_mark", "set_observation", "pause_stage", "extend_stage", "timer_event",
                                            "draw_sheet", "start_exam", "decide_competency", "decide_ccp",
                                            "confirm_decision", "reopen_decision", "create_session", "edit_session",
                                            "add_candidate", "edit_candidate", "set_attendance", "import_candidates",
                                            "set_feedback", "merge_bundle", "chain_audit_trail", "unknown_action"};
  const std::vector<std::string> payloads = {
      "", "{not json", "[]", "42", "null", "\"text\"", "{}",
      R"({"criterion":5,"level":[1,2],"before":{},"member_name":null})",
      R"({"event":"explode","stage":7,"amount_ms":"abc","reason":["x"]})",
      R"({"chosen":99,"titles":"none","method":3,"before":"present","after":null})",
      R"({"before":[],"after":"x","competencies":7,"conflicts":"many","count":-3,"entries":{"a":1}})",
      R"({"decided":"maybe","proposed":{},"locked":"yes","justification":12})"};
  for (const auto& a : actions)
    for (const auto& p : payloads) {
      std::string s, m;
      EXPECT_NO_THROW(s = audit_entry_summary(entry(a, p))) << a << " " << p;
      EXPECT_NO_THROW(m = audit_entry_member(entry(a, p))) << a << " " << p;
      EXPECT_EQ(m, "interface") << a << " " << p;
      EXPECT_EQ(s.find('\n'), std::string::npos);
    }
  EXPECT_EQ(audit_entry_summary(entry("record_mark", "")), "");
  EXPECT_EQ(audit_entry_summary(entry("record_mark", "{not json")), "{not json");
  // Not what the action writes: shown as stored, never as a made-up decision.
  EXPECT_EQ(audit_entry_summary(entry("decide_ccp", "42")), "42");
  EXPECT_EQ(audit_entry_summary(entry("decide_ccp", "{}")), "{}");
  EXPECT_EQ(audit_entry_summary(entry("decide_ccp", R"({"decided":12})")), "decided" + nb + ": 12");
}

TEST(AuditViewMalformed, UnreadableTextIsShortenedToOneLine) {
  const std::string junk = "{\"oops\n" + std::string(5000, 'x');
  const std::string s = audit_entry_summary(entry("record_mark", junk));
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_LE(s.size(), 170u);
  EXPECT_EQ(s.substr(s.size() - 3), "…");
}

TEST(AuditViewMalformed, UnknownActionsShowTheirFieldsPlainly) {
  EXPECT_EQ(audit_entry_summary(entry("future_action", R"({"a":"b","n":3,"skip":{"x":1}})")),
            "a" + nb + ": b" + nb + "; n" + nb + ": 3");
}

}  // namespace
}  // namespace jurymn
