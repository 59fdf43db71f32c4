// SPDX-License-Identifier: EUPL-1.2
// Issue 21, the trainer's mock-jury afternoon: what the deliberation and
// exam screens offer, how members are named, where a mock jury's export
// goes, and the feedback sheets printed all at once.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "app/session_services.h"
#include "core/deliberation.h"
#include "core/stage_timer.h"
#include "io/feedback_sheet.h"
#include "io/proces_verbal.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

const std::string nb = "\u00A0";

// After a reopening, the old saved « non obtenu » cannot be confirmed while
// « obtenu » is chosen on screen and not saved.
TEST(MockDay, AConfirmationIsOfferedForTheSavedDecisionOnly) {
  CcpDecisionRecord saved;
  saved.decided = CcpOutcome::NotObtained;
  saved.justification = "Démarche absente.";
  EXPECT_EQ(unsaved_choice_refusal(saved, CcpOutcome::NotObtained, "Démarche absente."), "");
  const std::string other = unsaved_choice_refusal(saved, CcpOutcome::Obtained, "Démarche absente.");
  EXPECT_NE(other.find("«" + nb + "CCP obtenu" + nb + "» est choisi à l’écran mais pas enregistré"), std::string::npos)
      << other;
  EXPECT_NE(other.find("revenez à «" + nb + "CCP non obtenu" + nb + "»"), std::string::npos) << other;
  EXPECT_NE(unsaved_choice_refusal(saved, CcpOutcome::NotObtained, "Autre motif").find("justification"),
            std::string::npos);
  EXPECT_NE(unsaved_choice_refusal(CcpDecisionRecord{}, CcpOutcome::Obtained, "").find("Enregistrez d’abord"),
            std::string::npos);
  // The button names the saved decision it confirms.
  EXPECT_EQ(confirm_label(saved, "Nadia Benali"), "Confirmer «" + nb + "CCP non obtenu" + nb + "» — Nadia Benali");
}

TEST(MockDay, AgreementIsWordedByTheJurysSize) {
  const std::string one = agreement_text(1, 0);
  EXPECT_EQ(one.find("les deux"), std::string::npos) << one;
  EXPECT_NE(one.find("Un seul membre"), std::string::npos);
  EXPECT_NE(agreement_text(2, 0).find("notés par les deux"), std::string::npos);
  EXPECT_EQ(agreement_text(3, 0).find("les deux"), std::string::npos);
  EXPECT_NE(agreement_text(3, 0).find("plusieurs membres"), std::string::npos);
  EXPECT_NE(agreement_text(2, 3).find("3 critères notés différemment"), std::string::npos);
}

TEST(MockDay, TheEndDialogIsTitledAsTheAction) {
  TimerStatus st;
  st.next_stage_index = 2;
  EXPECT_EQ(end_action_label(st), "Terminer l’étape");
  st.next_stage_index = -1;
  EXPECT_EQ(end_action_label(st), "Terminer l’épreuve");
}

class MockDayStore : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  SeededRandomSource seeded{3};
  std::unique_ptr<Store> store = test::open_jury_store(dir.file("jury.db"), clock, &seeded);

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "ui");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }
};

// « Nouveau tirage » is not offered once the exam has ended: the one rule the
// store applies too.
TEST_F(MockDayStore, NoNewDrawAfterTheExamEnded) {
  const std::string session = apply(action::CreateSession{test::session_input(SessionKind::Rehearsal)});
  apply(action::AddJuryMember{session, {"Claire Martin", JuryRole::President}, {}});
  const std::string run = apply(action::StartExam{apply(action::AddCandidate{session, test::candidate_input("1")}), "CCP1"});
  EXPECT_EQ(sheet_change_refusal(*store->exam_run(run)), "");
  test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
  const std::string why = sheet_change_refusal(*store->exam_run(run));
  EXPECT_NE(why.find("terminée"), std::string::npos);
  ApplyResult r = store->apply(action::DrawSheet{run, "autre"}, "ui");
  EXPECT_FALSE(r);
  EXPECT_EQ(r.error, why);
}

// « Présidente » by the member's choice: stored, on the audit entry, on the PV.
TEST_F(MockDayStore, AMemberIsNamedAsTheyChose) {
  const std::string session = apply(action::CreateSession{test::session_input(SessionKind::Official)});
  apply(action::AddJuryMember{session, {"Claire Martin", JuryRole::President, true}, test::member_pin("Claire Martin").record});
  apply(action::AddJuryMember{session, {"Paul Roy", JuryRole::Member}, test::member_pin("Paul Roy").record});
  const auto jury = store->jury_members(session);
  ASSERT_EQ(jury.size(), 2u);
  EXPECT_TRUE(jury[0].feminine);
  EXPECT_FALSE(jury[1].feminine);
  EXPECT_EQ(french_label(jury[0].role, jury[0].feminine), "Présidente du jury");
  EXPECT_EQ(french_label(JuryRole::President, false), "Président du jury");
  EXPECT_EQ(french_label(JuryRole::Member, true), "Membre du jury");
  const auto trail = store->audit_entries(session);
  const auto added = std::find_if(trail.begin(), trail.end(), [](const AuditRecord& e) {
    return e.action == "add_jury_member" && e.payload.find("Claire") != std::string::npos;
  });
  ASSERT_NE(added, trail.end());
  EXPECT_NE(added->payload.find("\"feminine\":true"), std::string::npos);
  auto snap = store->snapshot(session);
  ASSERT_TRUE(snap);
  const std::string pv =
      render_proces_verbal({*snap, store->exam_plans(), store->scoring_grids(), clock.now_ms(), "t", "", std::nullopt});
  EXPECT_NE(pv.find("Présidente du jury"), std::string::npos);
  EXPECT_EQ(pv.find("Président du jury"), std::string::npos);
}

// Schema version 10: members of an older base are named « Président(e) »
// as before, « Président »; the column takes the member's choice from then on.
TEST(MockDay, Version11KeepsTheMembersOfAnOlderBase) {
  test::TempDir dir;
  dir.tampered("a base of an earlier schema written by hand: its trail is not one jurymn wrote");
  FakeClock clock;
  const std::string path = dir.file("v9.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  store::migrate(db, 9);
  store::exec(db,
              "INSERT INTO exam_session (id, uuid, title, exam_date, exam_centre, kind, created_at)"
              " VALUES (1, '11111111-1111-4111-8111-111111111111', 'Ancienne', '2025-09-01', 'Centre', 'official', 1);"
              " INSERT INTO session_ccp VALUES (1, 'CCP1');"
              " INSERT INTO jury_member (uuid, session_id, name, role) VALUES ('m-1', 1, 'Paul Roy', 'president');");
  store::close_connection(db);
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  ASSERT_TRUE(r.store) << r.error;
  EXPECT_GE(store::latest_schema_version(), 11);  // « feminine » came with version 11
  const auto jury = r.store->jury_members("11111111-1111-4111-8111-111111111111");
  ASSERT_EQ(jury.size(), 1u);
  EXPECT_EQ(jury[0].name, "Paul Roy");
  EXPECT_FALSE(jury[0].feminine);
}

// A mock jury's export folder ends « -jury-blanc » and the GUI's message
// says first that it is a training session.
TEST(MockDay, AMockJurysExportSaysWhatItIs) {
  SessionRecord s;
  s.uuid = "1a2b3c4d-0000";
  s.date = "2026-05-18";
  s.kind = SessionKind::Rehearsal;
  EXPECT_EQ(export_folder_name(s, 1'790'000'000'999), "resultats-2026-05-18-1a2b3c4d-1790000000-jury-blanc");
  EXPECT_EQ(export_summary(s, "Résultats exportés."), "JURY BLANC, sans valeur de certification — Résultats exportés.");
  s.kind = SessionKind::Official;
  EXPECT_EQ(export_folder_name(s, 1'790'000'000'999), "resultats-2026-05-18-1a2b3c4d-1790000000");
  EXPECT_EQ(export_summary(s, "Résultats exportés."), "Résultats exportés.");
}

// « Imprimer toutes les fiches »: one document, a page per candidate
// deliberated on, one watermark.
TEST_F(MockDayStore, EverySheetPrintsFromOneDocument) {
  const std::string session = apply(action::CreateSession{test::session_input(SessionKind::Rehearsal)});
  apply(action::AddJuryMember{session, {"Claire Martin", JuryRole::President, true}, {}});
  std::vector<std::string> runs;
  for (const char* n : {"1", "2", "3"}) {
    CandidateInput c = test::candidate_input(n, std::string("Nom") + n);
    runs.push_back(apply(action::StartExam{apply(action::AddCandidate{session, c}), "CCP1"}));
    test::finish_ccp1(*store, clock, runs.back(), [&](const Action& a) { apply(a); });
  }
  auto snap = store->snapshot(session);
  EXPECT_EQ(render_feedback_sheets(*snap, store->exam_plans(), store->scoring_grids(), clock.now_ms()), "")
      << "nobody deliberated on yet";
  for (std::size_t i = 0; i < 2; ++i) {
    for (const auto& c : store->current_grid("CCP1")->competencies)
      apply(action::DecideCompetency{runs[i], c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{runs[i], CcpOutcome::Obtained, ""});
  }
  snap = store->snapshot(session);
  const std::string html = render_feedback_sheets(*snap, store->exam_plans(), store->scoring_grids(), clock.now_ms());
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<section class=\"sheet\">"), 2u) << "the third is not deliberated on";
  EXPECT_EQ(count("<div class=\"watermark\""), 1u);
  EXPECT_NE(html.find("section.sheet + section.sheet { break-before: page; }"), std::string::npos);
  EXPECT_NE(html.find("Nom1"), std::string::npos);
  EXPECT_NE(html.find("Nom2"), std::string::npos);
  EXPECT_EQ(html.find("Nom3"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4; margin: 0; }"), std::string::npos);
}

}  // namespace
}  // namespace jurymn
