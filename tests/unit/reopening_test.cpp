// SPDX-License-Identifier: EUPL-1.2
// Reopenings have their own rows (schema v7), written with their audit entry
// and filled once from the trail of an older base; a bundle made before the
// typed payloads still verifies, its payloads reading back byte for byte; an
// entry whose payload its action does not write is reported by verify.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "core/audit_payloads.h"
#include "core/audit_trail.h"
#include "io/audit_records.h"
#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/proces_verbal.h"
#include "store/audit_chain.h"
#include "store/replay.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

struct ReopeningRow {
  std::int64_t audit_id = 0;
  std::string run_uuid, actor, reason;
  TimeMs at = 0;
};

std::vector<ReopeningRow> reopening_rows(const std::string& path) {
  std::vector<ReopeningRow> rows;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db,
                               "SELECT o.audit_id, r.uuid, o.actor, o.reason, o.at_ms FROM reopening o"
                               " JOIN exam_run r ON r.id = o.run_id ORDER BY o.id",
                               -1, &s, nullptr),
            SQLITE_OK);
  while (sqlite3_step(s) == SQLITE_ROW)
    rows.push_back({sqlite3_column_int64(s, 0), reinterpret_cast<const char*>(sqlite3_column_text(s, 1)),
                    reinterpret_cast<const char*>(sqlite3_column_text(s, 2)),
                    reinterpret_cast<const char*>(sqlite3_column_text(s, 3)), sqlite3_column_int64(s, 4)});
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

class ReopeningTable : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  std::unique_ptr<Store> store;
  std::string session, president, member, candidate, run;
  std::int64_t reopened_by = 0;  // the audit entry of the reopening

  void SetUp() override {
    store = opened();
    session = apply(action::CreateSession{test::session_input(SessionKind::Official)});
    president = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    member = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = apply(action::StartExam{candidate, "CCP1"});
    test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
    for (const auto& c : store->current_grid("CCP1")->competencies)
      apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
    apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
    apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
    clock.advance_ms(60'000);
    ApplyResult r = store->apply(action::ReopenDecision{run, "  Erreur de saisie  ", {}, test::member_pin("Nadia Benali").key}, "jury");
    ASSERT_TRUE(r) << r.error;
    reopened_by = r.audit_id;
  }

  std::unique_ptr<Store> opened() { return test::open_jury_store(dir.file("jury.db"), clock, &seeded); }

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }
};

TEST_F(ReopeningTable, IsWrittenWithItsAuditEntry) {
  const auto rows = reopening_rows(dir.file("jury.db"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].audit_id, reopened_by);
  EXPECT_EQ(rows[0].run_uuid, run);
  EXPECT_EQ(rows[0].actor, "jury");
  EXPECT_EQ(rows[0].reason, "Erreur de saisie");
  EXPECT_EQ(rows[0].at, clock.now_ms());
  // A refused reopening writes no row (the transaction is one).
  EXPECT_FALSE(store->apply(action::ReopenDecision{run, "encore"}, "jury"));
  EXPECT_EQ(reopening_rows(dir.file("jury.db")).size(), 1u);
}

// Issue 26 item 6: in an official session a reopening takes the PIN of the
// member it names, or the president's when recorded as « le jury »; the
// trail keeps who signed, and the session still replays.
TEST_F(ReopeningTable, AnOfficialReopeningTakesThePinOfWhoReopens) {
  const auto& nadia = test::member_pin("Nadia Benali").key;
  const auto& thomas = test::member_pin("Thomas Lefèvre").key;
  auto relock = [&] {
    apply(action::ConfirmDecision{run, president, nadia});
    apply(action::ConfirmDecision{run, member, thomas});
    ASSERT_TRUE(store->exam_run(run)->decision.locked());
  };
  relock();
  auto refusal = [&](const action::ReopenDecision& a) {
    ApplyResult r = store->apply(a, "ui");
    EXPECT_FALSE(r.ok);
    return r.error;
  };
  EXPECT_NE(refusal({run, "Erreur", member}).find("Saisissez le code de Thomas Lefèvre"), std::string::npos);
  EXPECT_NE(refusal({run, "Erreur", member, nadia}).find("Code incorrect"), std::string::npos);
  EXPECT_NE(refusal({run, "Erreur", {}, thomas}).find("présidence du jury (Nadia Benali)"), std::string::npos);
  EXPECT_NE(refusal({run, "Erreur", {}}).find("Saisissez le code"), std::string::npos);
  EXPECT_TRUE(store->exam_run(run)->decision.locked());  // nothing reopened

  ApplyResult r = store->apply(action::ReopenDecision{run, "Erreur sur CP-2", member, thomas}, "ui");
  ASSERT_TRUE(r) << r.error;
  const auto entries = store->audit_entries(session);
  const auto payload = std::get<payload::ReopenDecision>(
      read_payload(*audit_action_from_id(entries.back().action), entries.back().payload));
  EXPECT_EQ(payload.member, member);
  EXPECT_EQ(payload.signed_by, member);
  EXPECT_FALSE(payload.signature.empty());
  // As the jury, on the president's PIN: signed by her.
  relock();
  ASSERT_TRUE(store->apply(action::ReopenDecision{run, "Second oubli", {}, nadia}, "ui"));
  const auto last = store->audit_entries(session).back();
  EXPECT_EQ(std::get<payload::ReopenDecision>(read_payload(*audit_action_from_id(last.action), last.payload)).signed_by,
            president);
  const ReplayReport replayed = check_store_by_replay(*store, session);
  EXPECT_TRUE(replayed.ok()) << (replayed.problems.empty() ? "" : replayed.problems.front());
}

// A rehearsal's trainers reopen without PINs, as before.
TEST(Reopening, ARehearsalReopensWithoutAPin) {
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  auto store = test::open_jury_store(dir.file("jury.db"), clock, &seeded);
  auto apply = [&](const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  };
  const std::string session = apply(action::CreateSession{test::session_input(SessionKind::Rehearsal)});
  const std::string trainer = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}});
  const std::string candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
  const std::string run = apply(action::StartExam{candidate, "CCP1"});
  test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
  for (const auto& c : store->current_grid("CCP1")->competencies)
    apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, trainer});
  ASSERT_TRUE(store->exam_run(run)->decision.locked());
  apply(action::ReopenDecision{run, "Erreur"});
  EXPECT_FALSE(store->exam_run(run)->decision.locked());
}

TEST_F(ReopeningTable, AnOlderBaseGetsItsRowsFromTheTrailOnce) {
  const TimeMs reopened_at = clock.now_ms();
  // A base as version 7 left it: reopenings in the trail only, plus an
  // entry that is not what ReopenDecision writes.
  dir.tampered("a base of an earlier schema written by hand, with an entry ReopenDecision never wrote");
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("jury.db").c_str(), &db), SQLITE_OK);
  store::exec(db, "BEGIN IMMEDIATE");
  store::exec(db, "DROP TABLE reopening");
  store::exec(db, "DROP TABLE draft; DROP TABLE heartbeat; DROP TABLE interruption");  // version 9's
  for (const char* column : {"pin_salt", "pin_public_key", "pin_ops", "pin_mem"})  // version 10's
    store::exec(db, ("ALTER TABLE jury_member DROP COLUMN " + std::string(column)).c_str());
  store::exec(db, "ALTER TABLE jury_member DROP COLUMN feminine");                      // version 11's
  store::exec(db, "DROP TABLE trusted_key; DROP TABLE pv_check; DROP TABLE decision_source;"  // version 12's
                  " DROP INDEX imported_bundle_key; ALTER TABLE imported_bundle DROP COLUMN trail");
  store::exec(db, "ALTER TABLE imported_bundle DROP COLUMN unproven");                    // version 13's
  store::exec(db, "ALTER TABLE exam_run DROP COLUMN rules; ALTER TABLE competency_decision DROP COLUMN reason");  // 14's
  store::exec(db, "DROP TABLE carried_by; DROP TABLE session_key; DROP TABLE bundle_copy");  // 15's
  for (const char* column : {"sheet1", "sheet2", "sheet3"})                                   // 16's, undone
    store::exec(db, ("ALTER TABLE candidate ADD COLUMN " + std::string(column) + " TEXT NOT NULL DEFAULT ''").c_str());
  store::exec(db, "UPDATE candidate SET sheet1 = json_extract(sheets, '$[0]'), sheet2 = json_extract(sheets, '$[1]'),"
                  " sheet3 = json_extract(sheets, '$[2]'); ALTER TABLE candidate DROP COLUMN sheets");
  const std::int64_t session_id = store::query_int(db, "SELECT id FROM exam_session");
  const std::int64_t candidate_id = store::query_int(db, "SELECT id FROM candidate");
  store::append_audit_entry(db, session_id, candidate_id, reopened_at + 1, "jury", "reopen_decision", "{}");
  store::exec(db, "PRAGMA user_version = 7");
  store::exec(db, "COMMIT");
  store::close_connection(db);

  store = opened();
  EXPECT_TRUE(store->verify_audit_chain().intact()) << store->verify_audit_chain().summary();
  const auto rows = reopening_rows(dir.file("jury.db"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].audit_id, reopened_by);
  EXPECT_EQ(rows[0].run_uuid, run);
  EXPECT_EQ(rows[0].actor, "jury");
  EXPECT_EQ(rows[0].reason, "Erreur de saisie");
  const RunRecord r = *store->exam_run(run);
  ASSERT_EQ(r.decision.reopenings.size(), 1u);
  EXPECT_EQ(r.decision.reopenings[0].at, reopened_at);
  EXPECT_EQ(r.decision.reopenings[0].reason, "Erreur de saisie");
  // Once: opening again adds nothing.
  store.reset();
  store = opened();
  EXPECT_EQ(reopening_rows(dir.file("jury.db")).size(), 1u);
}

// ---- a bundle exported by jurymn before the typed payloads ----

// `jurymn demo` then `jurymn export`, built at commit 3c8fb23 (signed with a
// throwaway key; its public key is in the folder).

const std::string kEarlierBundle = std::string(JURYMN_TEST_DATA) + "/bundles/demo-before-typed-payloads";

TEST(EarlierBundle, StillVerifiesAndEveryPayloadReadsBackByteForByte) {
  BundleCheck c = verify_bundle(kEarlierBundle);
  ASSERT_TRUE(c.ok()) << (c.problems.empty() ? std::string("no bundle") : c.problems.front());
  ASSERT_FALSE(c.bundle->audit_trail.empty());
  for (const AuditRecord& e : c.bundle->audit_trail) {
    const auto action = audit_action_from_id(e.action);
    ASSERT_TRUE(action) << e.action;
    EXPECT_EQ(payload_text(read_payload(*action, e.payload)), e.payload) << e.action;
  }
}

using test::rechain;

TEST(EarlierBundle, ARenamedKeyIsReportedNotSkipped) {
  BundleCheck c = verify_bundle(kEarlierBundle);
  ASSERT_TRUE(c.ok());
  ResultsBundle b = *c.bundle;
  std::size_t at = 0;
  while (at < b.audit_trail.size() && b.audit_trail[at].action != "record_mark") ++at;
  ASSERT_LT(at, b.audit_trail.size());
  std::string& p = b.audit_trail[at].payload;
  p.replace(p.find("\"level\""), 7, "\"note\"");
  rechain(b);
  const auto problems = check_against_audit_trail(b, "results.json");
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].pointer, "/audit_trail/" + std::to_string(at) + "/payload");
  EXPECT_NE(problems[0].message.find("/level"), std::string::npos) << problems[0].message;
}

// « non obtenu » → reopening → « obtenu »: the PV lists both decisions in
// time order, each with its justification, confirmations and lock, the
// reopening with its reason and who reopened, the current one last, marked.
TEST_F(ReopeningTable, TheProcesVerbalTellsEveryDecisionInTimeOrder) {
  // The set-up decided « obtenu », locked it, and the jury reopened it.
  const auto& grid = *store->current_grid("CCP1");
  const std::string changed = grid.competencies[2].id;
  apply(action::DecideCompetency{run, changed, CompetencyStatus::NotAcquired});  // clears « obtenu »
  apply(action::DecideCcp{run, CcpOutcome::NotObtained, "Démarche de conception absente."});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  clock.advance_ms(60'000);
  ASSERT_TRUE(store->apply(action::ReopenDecision{run, "Grille mal lue sur " + changed, president, test::member_pin("Nadia Benali").key}, "ui"));
  apply(action::DecideCompetency{run, changed, CompetencyStatus::Acquired});
  apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});

  AuditHead head;
  std::vector<AuditRecord> trail;
  auto snap = store->snapshot(session, &head, &trail);
  ASSERT_TRUE(snap);
  const DecisionHistories histories = decision_histories(trail);
  ASSERT_EQ(histories.at(run).size(), 3u);
  EXPECT_FALSE(histories.at(run)[0].current);
  EXPECT_FALSE(histories.at(run)[1].current);
  EXPECT_TRUE(histories.at(run)[2].current);
  const std::string html = render_proces_verbal({*snap, store->exam_plans(), store->scoring_grids(), clock.now_ms(),
                                                 "jurymn test", head.digest, std::nullopt, &histories});
  auto at = [&](const std::string& text, std::size_t from = 0) { return html.find(text, from); };
  const std::size_t first = at("Décision 1 sur 3"), second = at("Décision 2 sur 3"), third = at("Décision 3 sur 3");
  ASSERT_NE(first, std::string::npos) << html;
  ASSERT_NE(second, std::string::npos);
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  // The first: « obtenu », locked, reopened by the jury with its reason.
  const std::string one = html.substr(first, second - first);
  EXPECT_NE(one.find("remplacée"), std::string::npos);
  EXPECT_NE(one.find("CCP obtenu"), std::string::npos);
  EXPECT_NE(one.find("Confirmée par Nadia Benali"), std::string::npos);
  EXPECT_NE(one.find("Confirmée par Thomas Lefèvre"), std::string::npos);
  EXPECT_NE(one.find("Verrouillée"), std::string::npos);
  EXPECT_NE(one.find("par le jury"), std::string::npos) << one;
  EXPECT_NE(one.find("Erreur de saisie"), std::string::npos);
  EXPECT_EQ(one.find("par ui"), std::string::npos);
  // The second: « non obtenu », its justification, reopened by Nadia Benali.
  const std::string two = html.substr(second, third - second);
  EXPECT_NE(two.find("CCP non obtenu"), std::string::npos);
  EXPECT_NE(two.find("Démarche de conception absente."), std::string::npos);
  EXPECT_NE(two.find("Verrouillée"), std::string::npos);
  EXPECT_NE(two.find("par Nadia Benali"), std::string::npos) << two;
  EXPECT_NE(two.find("Grille mal lue sur " + changed), std::string::npos);
  EXPECT_NE(two.find("remplacée"), std::string::npos);
  // The current one, last and marked.
  const std::string three = html.substr(third, html.find("</table>", third) - third);
  EXPECT_NE(three.find("décision en vigueur"), std::string::npos);
  EXPECT_NE(three.find("CCP obtenu"), std::string::npos);
  EXPECT_EQ(html.find("now\">décision en vigueur"), html.rfind("now\">décision en vigueur")) << "one current decision";
  // The clearing by a competency change is said where it happened.
  EXPECT_NE(html.find("la compétence " + changed + " a changé"), std::string::npos);
  // The reopening row names the member who reopened; the PV without the
  // trail prints the name, never the actor « ui ».
  const auto rows = reopening_rows(dir.file("jury.db"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].actor, president);
  const std::string plain = render_proces_verbal({*snap, store->exam_plans(), store->scoring_grids(), clock.now_ms(),
                                                  "jurymn test", "", std::nullopt});
  EXPECT_NE(plain.find("par Nadia Benali"), std::string::npos);
  EXPECT_NE(plain.find("par le jury"), std::string::npos) << "the first, with the actor « jury »";
  EXPECT_EQ(plain.find("par ui"), std::string::npos);
}

}  // namespace
}  // namespace jurymn
