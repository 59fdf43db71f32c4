// SPDX-License-Identifier: EUPL-1.2
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/backup.h"
#include "core/deliberation.h"
#include "store/demo.h"
#include "store/sqlite.h"
#include "store/schema.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using test::candidate_input;
using test::session_input;
using test::TempDir;

struct Opened {
  TempDir dir;
  FakeClock clock;
  std::unique_ptr<Store> store;
  Opened() {
    auto r = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock);
    EXPECT_EQ(r.error, "");
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
  }
  std::string new_session(SessionKind kind = SessionKind::Official) {
    auto r = store->apply(action::CreateSession{session_input(kind)}, "test");
    EXPECT_TRUE(r.ok) << r.error;
    return r.created_uuid;
  }
};

void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << sql;
}

TEST(StoreOpen, CreatesFileWithDurableSettings) {
  Opened o;
  EXPECT_EQ(o.store->connection_settings(),
            "journal_mode=wal synchronous=2 foreign_keys=1 user_version=" +
                std::to_string(store::latest_schema_version()));
  EXPECT_EQ(o.store->integrity_check(), "ok");
  EXPECT_TRUE(o.store->sessions().empty());
}

TEST(StoreOpen, RefusesATextFileAndLeavesItUntouched) {
  TempDir dir;
  FakeClock clock;
  std::string path = dir.file("notes.db");
  test::spit(path, "Numéro;Nom;Prénom\n1;Dupré;Éloïse\n");
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  EXPECT_EQ(r.store, nullptr);
  EXPECT_NE(r.error.find("n’est pas une base de données jurymn"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find(path), std::string::npos);
  EXPECT_EQ(test::slurp(path), "Numéro;Nom;Prénom\n1;Dupré;Éloïse\n");
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(StoreOpen, RefusesAnotherApplicationsSqliteFile) {
  TempDir dir;
  FakeClock clock;
  std::string path = dir.file("other.db");
  raw_exec(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
  std::string before = test::slurp(path);
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  EXPECT_EQ(r.store, nullptr);
  EXPECT_NE(r.error.find("n’appartient pas à jurymn"), std::string::npos) << r.error;
  EXPECT_EQ(test::slurp(path), before);
}

TEST(StoreOpen, RefusesACorruptFileAndLeavesItUntouched) {
  TempDir dir;
  FakeClock clock;
  std::string path = dir.file("jury.db");
  {
    auto r = Store::open(path, OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store);
    for (int i = 0; i < 30; ++i) r.store->apply(action::CreateSession{session_input()}, "test");
  }
  std::string bytes = test::slurp(path);
  ASSERT_GT(bytes.size(), 8192u);
  for (std::size_t i = 4096 + 100; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(0xA5);
  test::spit(path, bytes);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  EXPECT_EQ(r.store, nullptr);
  EXPECT_NE(r.error.find("endommagée"), std::string::npos) << r.error;
  EXPECT_EQ(test::slurp(path), bytes);
}

TEST(StoreOpen, RefusesAFileFromANewerJurymn) {
  TempDir dir;
  FakeClock clock;
  std::string path = dir.file("jury.db");
  { ASSERT_TRUE(Store::open(path, OpenMode::ReadWrite, clock).store); }
  raw_exec(path, "PRAGMA user_version = 999;");
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  EXPECT_EQ(r.store, nullptr);
  EXPECT_NE(r.error.find("version plus récente"), std::string::npos) << r.error;
}

TEST(StoreOpen, ReadOnlyStoreRefusesEveryAction) {
  TempDir dir;
  FakeClock clock;
  std::string path = dir.file("jury.db");
  { ASSERT_TRUE(Store::open(path, OpenMode::ReadWrite, clock).store); }
  auto r = Store::open(path, OpenMode::ReadOnly, clock);
  ASSERT_TRUE(r.store) << r.error;
  auto a = r.store->apply(action::CreateSession{session_input()}, "test");
  EXPECT_FALSE(a.ok);
  EXPECT_NE(a.error.find("lecture seule"), std::string::npos);
  EXPECT_EQ(r.store->audit_entry_count(), 0);
}

TEST(StoreMigration, UpgradesFromEveryEarlierVersionKeepingData) {
  for (int from = 0; from < store::latest_schema_version(); ++from) {
    SCOPED_TRACE("from version " + std::to_string(from));
    TempDir dir;
    dir.tampered("a base of an earlier schema written by hand: its trail is not one jurymn wrote");
    FakeClock clock;
    std::string path = dir.file("old.db");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    store::migrate(db, from);
    // Before version 7 a session's CCPs were a column, since then rows.
    if (from >= 1 && from < 7) {
      ASSERT_EQ(sqlite3_exec(db,
                             "INSERT INTO exam_session (uuid, title, exam_date, exam_centre, kind, ccps, created_at)"
                             " VALUES ('11111111-1111-4111-8111-111111111111', 'Ancienne', '2025-09-01', 'Centre',"
                             " 'official', 'CCP1', 1)",
                             nullptr, nullptr, nullptr),
                SQLITE_OK);
    } else if (from >= 7) {
      ASSERT_EQ(sqlite3_exec(db,
                             "INSERT INTO exam_session (id, uuid, title, exam_date, exam_centre, kind, created_at)"
                             " VALUES (1, '11111111-1111-4111-8111-111111111111', 'Ancienne', '2025-09-01', 'Centre',"
                             " 'official', 1); INSERT INTO session_ccp VALUES (1, 'CCP1');",
                             nullptr, nullptr, nullptr),
                SQLITE_OK);
    }
    store::close_connection(db);  // migrate() ran cached statements on it
    auto r = Store::open(path, OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    r.store->set_title(test::tp01336());
    EXPECT_NE(r.store->connection_settings().find("user_version=" + std::to_string(store::latest_schema_version())),
              std::string::npos);
    EXPECT_EQ(r.store->sessions().size(), from >= 1 ? 1u : 0u);
    EXPECT_TRUE(r.store->apply(action::CreateSession{session_input()}, "test").ok);
    EXPECT_EQ(r.store->integrity_check(), "ok");
    EXPECT_TRUE(r.store->verify_audit_chain().intact()) << r.store->verify_audit_chain().summary();
  }
}

// Version 7 turned the CCP columns (exam_session.ccps, candidate.takes_ccp1,
// takes_ccp2, ccp1_by_equivalence) into rows of the title's ids, and dropped
// exam_run's CHECK on CCP1/CCP2. Whatever version a base was at, every
// candidate keeps exactly what it was registered for and holds.
TEST(StoreMigration, CcpColumnsBecomeRowsFromEveryEarlierVersion) {
  for (int from = 1; from < 7; ++from) {
    SCOPED_TRACE("from version " + std::to_string(from));
    TempDir dir;
    dir.tampered("a base of an earlier schema written by hand: its trail is not one jurymn wrote");
    FakeClock clock;
    std::string path = dir.file("old.db");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    store::migrate(db, from);
    ASSERT_EQ(sqlite3_exec(db, R"SQL(
INSERT INTO exam_session (id, uuid, title, exam_date, exam_centre, kind, ccps, created_at)
  VALUES (1, 's-both', 'Les deux', '2025-09-01', 'Centre', 'official', 'CCP1,CCP2', 1),
         (2, 's-two', 'CCP2 seul', '2025-09-02', 'Centre', 'rehearsal', 'CCP2', 2);
INSERT INTO candidate (id, uuid, session_id, number, last_name, first_name, takes_ccp1, takes_ccp2,
                       ccp1_by_equivalence)
  VALUES (1, 'c-both', 1, '1', 'Dupré', 'Éloïse', 1, 1, 0),
         (2, 'c-equiv', 1, '2', 'Œuvray', 'Jérôme', 0, 1, 1),
         (3, 'c-one', 1, '3', 'Martin', 'Zoé', 1, 0, 0),
         (4, 'c-two', 2, '1', 'Roux', 'Hugo', 0, 1, 0);
INSERT INTO exam_run (id, uuid, candidate_id, ccp, plan_id, plan_version, started_at)
  VALUES (1, 'r-1', 1, 'CCP2', 'ccp2', '1.0', 10);
INSERT INTO stage_event (run_id, stage_id, kind, at_ms) VALUES (1, 'mise_en_situation_professionnelle', 'start', 10);
)SQL", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    store::close_connection(db);
    auto r = Store::open(path, OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    r.store->set_title(test::tp01336());
    EXPECT_EQ(r.store->find_session("s-both")->ccps, (CcpSet{"CCP1", "CCP2"}));
    EXPECT_EQ(r.store->find_session("s-two")->ccps, (CcpSet{"CCP2"}));
    auto data = [&](const char* uuid) { return r.store->candidate(uuid)->data; };
    EXPECT_EQ(data("c-both").ccps, (CcpSet{"CCP1", "CCP2"}));
    EXPECT_TRUE(data("c-both").by_equivalence.empty());
    EXPECT_EQ(data("c-equiv").ccps, (CcpSet{"CCP2"}));
    EXPECT_EQ(data("c-equiv").by_equivalence, (CcpSet{"CCP1"}));
    EXPECT_EQ(data("c-one").ccps, (CcpSet{"CCP1"}));
    EXPECT_EQ(data("c-two").ccps, (CcpSet{"CCP2"}));
    const auto runs = r.store->exam_runs("s-both");
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].ccp, "CCP2");
    EXPECT_EQ(runs[0].events.size(), 1u);
    EXPECT_EQ(r.store->integrity_check(), "ok");
    EXPECT_NE(r.store->connection_settings().find("foreign_keys=1"), std::string::npos);
    // Nothing names the two CCPs any more, and references stay whole and enforced.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    const std::string schema = store::query_text(raw, "SELECT group_concat(sql, ' ') FROM sqlite_schema");
    EXPECT_EQ(schema.find("CCP1"), std::string::npos) << schema;
    EXPECT_EQ(schema.find("takes_ccp"), std::string::npos);
    EXPECT_EQ(store::query_int(raw, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    sqlite3_exec(raw, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    EXPECT_NE(sqlite3_exec(raw,
                           "INSERT INTO exam_run (uuid, candidate_id, ccp, plan_id, plan_version) VALUES "
                           "('r-x', 99, 'CCP3', 'p', '1')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    store::close_connection(raw);  // query_text and query_int cache statements on it
  }
}

TEST(StoreActions, CreateSessionWritesSessionAndAuditEntryTogether) {
  Opened o;
  o.clock.set_ms(1'779'100'000'000);
  std::string uuid = o.new_session(SessionKind::Rehearsal);
  ASSERT_EQ(uuid.size(), 36u);
  auto s = o.store->find_session(uuid.substr(0, 8));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->title, "Session CCP1 — mai 2026");
  EXPECT_EQ(s->kind, SessionKind::Rehearsal);
  auto audit = o.store->audit_entries(uuid);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "create_session");
  // The rules the session's entries are written under, in the same transaction.
  EXPECT_EQ(audit[1].action, "declare_rules");
  EXPECT_EQ(audit[1].at_ms, audit[0].at_ms);
  EXPECT_EQ(audit[0].actor, "test");
  EXPECT_EQ(audit[0].at_ms, 1'779'100'000'000);
  auto payload = nlohmann::json::parse(audit[0].payload);
  EXPECT_EQ(payload["kind"], "rehearsal");
  EXPECT_EQ(payload["uuid"], uuid);
}

TEST(StoreActions, InvalidSessionIsRefusedWithFieldErrorsAndWritesNothing) {
  Opened o;
  SessionInput bad{"   ", "2026-02-30", "", SessionKind::Official, CcpSet{}};
  auto r = o.store->apply(action::CreateSession{bad}, "test");
  EXPECT_FALSE(r.ok);
  std::set<std::string> fields;
  for (const auto& f : r.field_errors) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"title", "date", "exam_centre", "ccps"}));
  EXPECT_TRUE(o.store->sessions().empty());
  EXPECT_EQ(o.store->audit_entry_count(), 0);
  EXPECT_EQ(o.store->revision(), 0u);
}

TEST(StoreActions, DuplicateCandidateNumberIsRefused) {
  Opened o;
  auto s = o.new_session();
  ASSERT_TRUE(o.store->apply(action::AddCandidate{s, candidate_input("MN-1")}, "test").ok);
  auto r = o.store->apply(action::AddCandidate{s, candidate_input(" MN-1 ", "Autre", "Personne")}, "test");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("MN-1"), std::string::npos);
  ASSERT_EQ(r.field_errors.size(), 1u);
  EXPECT_EQ(r.field_errors[0].field, "number");
  EXPECT_EQ(o.store->candidates(s).size(), 1u);
  EXPECT_EQ(o.store->audit_entry_count(), 3);  // session, its rules' declaration, first candidate only
}

TEST(StoreActions, ActionOnUnknownSessionIsRefused) {
  Opened o;
  auto r = o.store->apply(action::AddCandidate{"no-such-session", candidate_input("1")}, "test");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("introuvable"), std::string::npos);
  EXPECT_EQ(o.store->audit_entry_count(), 0);
}

TEST(StoreActions, EditCandidateKeepsBeforeAndAfterInAudit) {
  Opened o;
  auto s = o.new_session();
  auto c = o.store->apply(action::AddCandidate{s, candidate_input("7")}, "test").created_uuid;
  CandidateInput edited = candidate_input("7", "Dupré-Martin", "Éloïse");
  edited.by_equivalence = {"CCP1"};
  edited.ccps = {"CCP2"};
  ASSERT_TRUE(o.store->apply(action::EditCandidate{c, edited}, "test").ok);
  auto rec = o.store->candidate(c);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->data.last_name, "Dupré-Martin");
  EXPECT_TRUE(rec->data.by_equivalence.has("CCP1"));
  auto audit = o.store->audit_entries(s);
  ASSERT_EQ(audit.back().action, "edit_candidate");
  EXPECT_EQ(audit.back().candidate_uuid, c);
  auto p = nlohmann::json::parse(audit.back().payload);
  EXPECT_EQ(p["before"]["last_name"], "Dupré");
  EXPECT_EQ(p["after"]["last_name"], "Dupré-Martin");
}

TEST(StoreActions, AttendanceChangesAreRecorded) {
  Opened o;
  auto s = o.new_session();
  auto c = o.store->apply(action::AddCandidate{s, candidate_input("7")}, "test").created_uuid;
  ASSERT_TRUE(o.store->apply(action::SetAttendance{c, Attendance::Absent}, "test").ok);
  EXPECT_EQ(o.store->candidate(c)->attendance, Attendance::Absent);
  auto p = nlohmann::json::parse(o.store->audit_entries(s).back().payload);
  EXPECT_EQ(p["before"], "expected");
  EXPECT_EQ(p["after"], "absent");
  EXPECT_FALSE(o.store->apply(action::SetAttendance{"nobody", Attendance::Present}, "test").ok);
}

TEST(StoreActions, JuryMembersAreAddedOnceAndRemovedWhileTheyHaveNotMarked) {
  Opened o;
  auto s = o.new_session();
  auto a = o.store->apply(action::AddJuryMember{s, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record}, "test");
  ASSERT_TRUE(a.ok);
  auto dup = o.store->apply(action::AddJuryMember{s, {" Nadia Benali ", JuryRole::Member}, test::member_pin(" Nadia Benali ").record}, "test");
  EXPECT_FALSE(dup.ok);
  EXPECT_NE(dup.error.find("déjà"), std::string::npos);
  EXPECT_FALSE(o.store->apply(action::AddJuryMember{s, {"", JuryRole::Member}}, "test").ok);
  ASSERT_EQ(o.store->jury_members(s).size(), 1u);
  EXPECT_EQ(o.store->jury_members(s)[0].role, JuryRole::President);
  ASSERT_TRUE(o.store->apply(action::RemoveJuryMember{a.created_uuid}, "test").ok);
  EXPECT_TRUE(o.store->jury_members(s).empty());
  EXPECT_EQ(o.store->audit_entries(s).back().action, "remove_jury_member");
}

TEST(StoreActions, ImportIsAllOrNothingAndReportsEveryBadLine) {
  Opened o;
  auto s = o.new_session();
  ASSERT_TRUE(o.store->apply(action::AddCandidate{s, candidate_input("MN-9")}, "test").ok);
  action::ImportCandidates imp{s, "candidats.csv", {}};
  imp.rows.push_back({2, candidate_input("MN-1")});
  imp.rows.push_back({3, candidate_input("MN-2", "")});     // empty last name
  imp.rows.push_back({4, candidate_input("MN-1")});         // duplicate in file
  imp.rows.push_back({6, candidate_input("MN-9")});         // already in session
  auto r = o.store->apply(imp, "test");
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.row_errors.size(), 3u);
  EXPECT_EQ(r.row_errors[0].line, 3);
  EXPECT_EQ(r.row_errors[1].line, 4);
  EXPECT_NE(r.row_errors[1].message.find("ligne 2"), std::string::npos);
  EXPECT_EQ(r.row_errors[2].line, 6);
  EXPECT_EQ(o.store->candidates(s).size(), 1u);

  imp.rows = {{2, candidate_input("MN-1")}, {3, candidate_input("MN-2", "Gonçalves", "Inês")}};
  auto ok = o.store->apply(imp, "test");
  ASSERT_TRUE(ok.ok) << ok.error;
  EXPECT_EQ(o.store->candidates(s).size(), 3u);
  auto audit = o.store->audit_entries(s).back();
  EXPECT_EQ(audit.action, "import_candidates");
  EXPECT_EQ(nlohmann::json::parse(audit.payload)["count"], 2);
}

TEST(StoreAudit, TrailIsAppendOnly) {
  Opened o;
  o.new_session();
  std::string path = o.store->path();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_entry SET actor = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_entry", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(o.store->audit_entry_count(), 2);  // the session and its rules' declaration
}

TEST(StoreBackup, DatedCopiesAreValidAndOnlyTheLastTenKept) {
  Opened o;
  auto s = o.new_session();
  std::string dir = o.dir.file("sauvegardes");
  std::string last;
  for (int i = 0; i < 13; ++i) {
    o.clock.advance_ms(1000);
    auto b = make_dated_backup(*o.store, dir, o.clock.now_ms());
    ASSERT_EQ(b.error, "");
    last = b.path;
  }
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) count += e.path().extension() == ".db";
  EXPECT_EQ(count, 10);
  FakeClock clock;
  auto copy = Store::open(last, OpenMode::ReadOnly, clock);
  ASSERT_TRUE(copy.store) << copy.error;
  ASSERT_EQ(copy.store->sessions().size(), 1u);
  EXPECT_EQ(copy.store->sessions()[0].uuid, s);
}

TEST(StoreBulk, KeepsEachAcceptedActionWithItsAuditEntryAndDropsTheRefusedOne) {
  Opened o;
  const std::string s = o.new_session();
  ASSERT_EQ(o.store->begin_bulk(), "");
  EXPECT_NE(o.store->begin_bulk(), "") << "no nesting";
  ASSERT_TRUE(o.store->apply(action::AddCandidate{s, candidate_input("MN-1")}, "bulk"));
  // Refused inside the bulk: no candidate, no audit entry, the rest goes on.
  EXPECT_FALSE(o.store->apply(action::AddCandidate{s, candidate_input("MN-1")}, "bulk"));
  ASSERT_TRUE(o.store->apply(action::AddCandidate{s, candidate_input("MN-2")}, "bulk"));
  ASSERT_EQ(o.store->end_bulk(), "");
  EXPECT_NE(o.store->end_bulk(), "");
  EXPECT_EQ(o.store->candidates(s).size(), 2u);
  EXPECT_EQ(o.store->audit_entry_count(), 4);  // session, its rules' declaration, two candidates
  // Another connection sees them: they are committed.
  auto other = Store::open(o.store->path(), OpenMode::ReadOnly, o.clock);
  ASSERT_TRUE(other.store);
  EXPECT_EQ(other.store->candidates(s).size(), 2u);
}

TEST(StoreBulk, EndingWithoutKeepingWritesNothing) {
  Opened o;
  const std::string s = o.new_session();
  ASSERT_EQ(o.store->begin_bulk(), "");
  ASSERT_TRUE(o.store->apply(action::AddCandidate{s, candidate_input("MN-1")}, "bulk"));
  ASSERT_EQ(o.store->end_bulk(false), "");
  EXPECT_TRUE(o.store->candidates(s).empty());
  EXPECT_EQ(o.store->audit_entry_count(), 2);  // the session and its rules' declaration
  // Back to one transaction per action.
  ASSERT_TRUE(o.store->apply(action::AddCandidate{s, candidate_input("MN-1")}, "ui"));
  EXPECT_EQ(o.store->candidates(s).size(), 1u);
}

TEST(StoreDemo, BuildsARehearsalSessionThroughActions) {
  Opened o;
  SeededRandomSource random(7);
  auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
  const TimeMs now = o.clock.now_ms();
  auto grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
  auto d = create_demo_session(o.store->path(), jurymn::test::tp01336(), plans, grids, random, now);
  ASSERT_EQ(d.error, "");
  auto s = o.store->find_session(d.session_uuid);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, SessionKind::Rehearsal);
  EXPECT_GE(s->candidate_count, 6);
  EXPECT_EQ(s->jury_count, 2);
  // Everything the demo wrote is in the audit trail, as "demo", in the past.
  auto audit = o.store->audit_entries(d.session_uuid);
  int adds = 0;
  for (const auto& a : audit) {
    adds += a.action == "add_candidate";
    EXPECT_EQ(a.actor, "demo") << a.action;
    EXPECT_LE(a.at_ms, now) << a.action;
  }
  EXPECT_EQ(adds, s->candidate_count);
  EXPECT_EQ(o.store->audit_entry_count(), static_cast<std::int64_t>(audit.size()));
  const AuditChainReport chain = o.store->verify_audit_chain();
  EXPECT_TRUE(chain.intact()) << chain.summary();
  EXPECT_EQ(chain.entries, o.store->audit_entry_count());

  // Two CCP2 runs in the morning (MN-003, MN-004), decided and locked; three
  // CCP1 runs: MN-001's decided and locked, MN-002's waiting for the
  // deliberation, MN-007's under way.
  std::map<std::string, std::string> number_of;
  for (const auto& c : o.store->candidates(d.session_uuid)) number_of[c.uuid] = c.data.number;
  auto runs = o.store->exam_runs(d.session_uuid);
  ASSERT_EQ(runs.size(), 5u);
  int ccp2_locked = 0, ccp2_not_obtained = 0;
  for (const auto& r : runs)
    if (r.ccp == "CCP2") {
      EXPECT_TRUE(number_of[r.candidate_uuid] == "MN-003" || number_of[r.candidate_uuid] == "MN-004");
      ccp2_locked += r.decision.locked();
      ccp2_not_obtained += r.decision.decided == CcpOutcome::NotObtained;
      if (r.decision.decided == CcpOutcome::NotObtained) {
        EXPECT_FALSE(r.decision.justification.empty());
      }
    }
  EXPECT_EQ(ccp2_locked, 2);
  EXPECT_EQ(ccp2_not_obtained, 1);
  const RunRecord* done = nullptr;
  const RunRecord* waiting = nullptr;
  const RunRecord* live = nullptr;
  for (const auto& r : runs) {
    if (number_of[r.candidate_uuid] == "MN-001") done = &r;
    if (number_of[r.candidate_uuid] == "MN-002") waiting = &r;
    if (number_of[r.candidate_uuid] == "MN-007") live = &r;
  }
  ASSERT_NE(done, nullptr);
  ASSERT_NE(waiting, nullptr);
  ASSERT_NE(live, nullptr);
  o.store->set_exam_plans(plans);
  const ExamPlan* plan = o.store->find_plan(done->plan_id, done->plan_version);
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->ccp, "CCP1");

  // MN-001: started at now − 4 h 40, finished long before now.
  EXPECT_EQ(done->started_at, now - 280 * kMinuteMs);
  ASSERT_TRUE(done->finished_at.has_value());
  EXPECT_LT(*done->finished_at, now - 60 * kMinuteMs);
  EXPECT_EQ(done->draws.size(), 1u);
  StageTimer finished(*plan, done->events);
  EXPECT_TRUE(finished.skipped().empty());
  auto fs = finished.status(now);
  EXPECT_EQ(fs.state, TimerState::Finished);
  ASSERT_EQ(fs.stages.size(), 4u);
  for (const auto& st : fs.stages) EXPECT_TRUE(st.ended()) << st.stage_id;
  const auto& q = fs.stages[static_cast<std::size_t>(plan->stage_index("questionnement"))];
  ASSERT_EQ(q.pauses.size(), 1u);
  EXPECT_EQ(q.pauses[0].reason, "Vidéoprojecteur en panne");
  EXPECT_EQ(q.paused_ms, 2 * kMinuteMs);
  EXPECT_EQ(q.overrun_ms, 0);
  const auto& mes = fs.stages[static_cast<std::size_t>(plan->stage_index("mise_en_situation"))];
  ASSERT_EQ(mes.extensions.size(), 1u);
  EXPECT_EQ(mes.extensions[0].reason, "Incident technique\u00A0: connexion perdue");
  EXPECT_EQ(mes.extension_ms, 2 * kMinuteMs);
  EXPECT_NEAR(static_cast<double>(mes.overrun_ms), static_cast<double>(kMinuteMs), 30'000.0);
  const auto& et = fs.stages[static_cast<std::size_t>(plan->stage_index("entretien_technique"))];
  EXPECT_EQ(et.overrun_ms, 0);
  EXPECT_FALSE(et.ended_early());

  // MN-001 was deliberated: every competency acquired, CCP obtained,
  // confirmed by both members, locked; all before MN-002 started.
  const auto jury = o.store->jury_members(d.session_uuid);
  const Grid& grid = grids.front().ccp == "CCP1" ? grids.front() : grids.back();
  ASSERT_EQ(grid.ccp, "CCP1");
  Deliberation locked = review_run(grid, jury, *done);
  EXPECT_TRUE(locked.all_decided());
  for (const auto& c : locked.competencies) EXPECT_EQ(c.decided, CompetencyStatus::Acquired) << c.competency->id;
  EXPECT_EQ(done->decision.decided, CcpOutcome::Obtained);
  EXPECT_EQ(done->decision.confirmed_by.size(), 2u);
  ASSERT_TRUE(done->decision.locked());
  EXPECT_LT(*done->decision.locked_at, waiting->started_at);
  EXPECT_EQ(done->marks.size(), 2 * grid.criterion_count());

  // MN-002: finished, fully rated by both members with one disagreement,
  // not deliberated yet.
  ASSERT_TRUE(waiting->finished_at.has_value());
  EXPECT_LT(*waiting->finished_at, live->started_at);
  EXPECT_EQ(waiting->marks.size(), 2 * grid.criterion_count());
  Deliberation pending = review_run(grid, jury, *waiting);
  EXPECT_EQ(pending.disagreements(), 1);
  EXPECT_EQ(pending.decided_count, 0);
  EXPECT_EQ(waiting->decision.decided, CcpOutcome::Undecided);
  int split = 0, not_acquired = 0;
  for (const auto& c : pending.competencies) {
    split += c.members_split;
    not_acquired += c.proposed == CompetencyStatus::NotAcquired;
  }
  EXPECT_EQ(split, 1);
  EXPECT_EQ(not_acquired, 1);

  // MN-007: « mise en situation » running at now with about 18 minutes left.
  EXPECT_FALSE(live->finished_at.has_value());
  EXPECT_EQ(live->draws.size(), 1u);
  // Both jury members have started marking MN-007, and disagree once.
  ASSERT_FALSE(live->marks.empty());
  EXPECT_EQ(live->grid_id, "ccp1");
  std::map<std::string, std::map<std::string, std::string>> by_criterion;  // criterion -> member -> level
  for (const auto& m : live->marks) {
    by_criterion[m.criterion_id][m.member_uuid] = m.level_id;
    EXPECT_LE(m.at, now);
  }
  int disagreements = 0;
  for (const auto& [criterion, levels] : by_criterion) {
    ASSERT_EQ(levels.size(), 2u) << criterion;
    disagreements += levels.begin()->second != levels.rbegin()->second;
  }
  EXPECT_EQ(disagreements, 1);
  EXPECT_EQ(live->observations.size(), 1u);
  ASSERT_FALSE(live->events.empty());
  EXPECT_LE(live->events.back().at, now);
  EXPECT_GE(live->events.back().at, now - 12 * kMinuteMs);
  StageTimer running(*plan, live->events);
  EXPECT_TRUE(running.skipped().empty());
  auto ls = running.status(now);
  ASSERT_EQ(ls.state, TimerState::Running);
  EXPECT_EQ(plan->stages[static_cast<std::size_t>(ls.stage_index)].id, "mise_en_situation");
  EXPECT_NEAR(static_cast<double>(ls.remaining_ms), 18.0 * kMinuteMs, 30'000.0);
}

}  // namespace
}  // namespace jurymn
