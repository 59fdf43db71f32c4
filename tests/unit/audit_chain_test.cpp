// SPDX-License-Identifier: EUPL-1.2
// The audit trail is a hash chain per session: every entry stores its hash
// and its predecessor's, the session's head follows the last one, and
// editing, deleting or reordering an entry directly in SQLite is found, at
// that entry.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/audit_trail.h"
#include "store/audit_chain.h"
#include "store/replay.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

struct Chain : ::testing::Test {
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  std::unique_ptr<Store> store;
  std::string a, b;
  void SetUp() override {
    store = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock).store;
    ASSERT_TRUE(store);
    store->set_title(jurymn::test::tp01336());
    a = store->apply(action::CreateSession{test::session_input()}, "jury").created_uuid;
    b = store->apply(action::CreateSession{test::session_input()}, "jury").created_uuid;
    for (int i = 0; i < 6; ++i) {
      clock.advance_ms(1000);
      ASSERT_TRUE(store->apply(action::AddCandidate{i % 2 ? a : b, test::candidate_input("C-" + std::to_string(i))}, "jury"));
    }
  }
  // What an intruder with the file and sqlite3 would do: the append-only
  // triggers are no obstacle to them.
  void tamper(const std::string& sql) {
    dir.tampered("the audit chain is broken on purpose");
    store.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir.file("jury.db").c_str(), &db), SQLITE_OK);
    const std::string all = "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete; " + sql;
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_close(db);
    store = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock).store;
    ASSERT_TRUE(store);
    store->set_title(jurymn::test::tp01336());
  }
  std::vector<AuditRecord> entries_of_a() { return store->audit_entries(a); }
};

TEST_F(Chain, EveryEntryLinksToThePreviousOneOfItsSession) {
  for (const auto& s : {a, b}) {
    auto entries = store->audit_entries(s);
    ASSERT_EQ(entries.size(), 5u);  // creation, rules' declaration, three candidates
    std::string prev;
    for (const auto& e : entries) {
      EXPECT_EQ(e.prev_hash, prev);
      EXPECT_EQ(e.hash, audit_hash(prev, audit_line(e)));
      EXPECT_EQ(e.hash.size(), 64u);
      prev = e.hash;
    }
    const AuditHead h = store->audit_head(s);
    EXPECT_EQ(h.entries, 5);
    EXPECT_EQ(h.digest, prev);
    EXPECT_EQ(h.last_at, entries.back().at_ms);
  }
  EXPECT_NE(store->audit_head(a).digest, store->audit_head(b).digest);
  // A refused action adds nothing and leaves the head as it was.
  const AuditHead before = store->audit_head(a);
  EXPECT_FALSE(store->apply(action::AddCandidate{a, test::candidate_input("C-1")}, "jury"));
  EXPECT_EQ(store->audit_head(a).digest, before.digest);
  const AuditChainReport r = store->verify_audit_chain();
  EXPECT_TRUE(r.intact()) << r.summary();
  EXPECT_EQ(r.entries, 10);
  EXPECT_EQ(r.sessions, 2);
  EXPECT_EQ(r.summary(), "chaîne intacte\u00A0: 10 entrées");
  EXPECT_TRUE(store->verify_audit_chain(a).intact());
  EXPECT_EQ(store->verify_audit_chain(a).entries, 5);
}

TEST_F(Chain, ReadingTheChainHandsOverEveryEntryOnceInOrderSessionBySession) {
  std::vector<std::pair<std::string, std::int64_t>> seen;  // (session, entry id or 0 at its end)
  const AuditChainReport r = store->verify_audit_chain({}, [&](const std::string& session, const AuditRecord* e) {
    seen.push_back({session, e ? e->id : 0});
  });
  EXPECT_TRUE(r.intact()) << r.summary();
  EXPECT_EQ(r.entries, 10);
  std::vector<std::pair<std::string, std::int64_t>> expected;
  for (const auto& s : {a, b}) {  // a created first: its id comes first
    for (const auto& e : store->audit_entries(s)) expected.push_back({s, e.id});
    expected.push_back({s, 0});
  }
  EXPECT_EQ(seen, expected);
  // One session's alone.
  seen.clear();
  EXPECT_EQ(store->verify_audit_chain(b, [&](const std::string& session, const AuditRecord* e) {
                     seen.push_back({session, e ? e->id : 0});
                   }).entries,
            5);
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen.front().first, b);
  EXPECT_EQ(seen.back(), std::make_pair(b, std::int64_t{0}));
}

TEST_F(Chain, TheTriggersRefuseChangesThroughTheApplication) {
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("jury.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_entry SET payload = '{}' WHERE id = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_entry WHERE id = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(Chain, AnEditedEntryIsFoundAtThatEntry) {
  const AuditRecord target = entries_of_a()[2];
  tamper("UPDATE audit_entry SET payload = replace(payload, 'Dupré', 'Dupond') WHERE id = " + std::to_string(target.id));
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.broken->id, target.id);
  EXPECT_EQ(r.broken->action, "add_candidate");
  EXPECT_EQ(r.broken->at_ms, target.at_ms);
  EXPECT_NE(r.broken->reason.find("modifié"), std::string::npos) << r.broken->reason;
  EXPECT_NE(r.summary().find("n°\u00A0" + std::to_string(target.id)), std::string::npos) << r.summary();
  EXPECT_TRUE(store->verify_audit_chain(b).intact());  // the other session's chain holds
}

TEST_F(Chain, TheProofThatReadsTheTrailOnceBreaksAtTheSameEntry) {
  const auto e = entries_of_a();
  const auto f = store->audit_entries(b);
  // An entry of a edited, one of b deleted: b breaks at the entry after it.
  tamper("UPDATE audit_entry SET actor = 'autre' WHERE id = " + std::to_string(e[3].id) +
         "; DELETE FROM audit_entry WHERE id = " + std::to_string(f[2].id));
  const AuditChainReport walked = store->verify_audit_chain();
  const StoreProof proof = prove_store(*store);
  ASSERT_FALSE(proof.chain.intact());
  EXPECT_EQ(proof.chain.summary(), walked.summary());
  EXPECT_EQ(proof.chain.broken->id, std::min(e[3].id, f[3].id));
  EXPECT_EQ(proof.chain.entries, walked.entries);
  EXPECT_EQ(proof.chain.sessions, 2);
}

TEST_F(Chain, AnEditedTimeIsFoundToo) {
  const AuditRecord target = entries_of_a()[1];
  tamper("UPDATE audit_entry SET at_ms = at_ms - 60000 WHERE id = " + std::to_string(target.id));
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.broken->id, target.id);
}

TEST_F(Chain, ADeletedEntryBreaksTheChainAtTheNextOne) {
  const auto e = entries_of_a();
  tamper("DELETE FROM audit_entry WHERE id = " + std::to_string(e[1].id));
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.broken->id, e[2].id);
  EXPECT_NE(r.broken->reason.find("supprimée"), std::string::npos) << r.broken->reason;
}

TEST_F(Chain, ADeletedLastEntryIsFoundByTheHead) {
  const auto e = entries_of_a();
  tamper("DELETE FROM audit_entry WHERE id = " + std::to_string(e.back().id));
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.broken->id, 0);
  EXPECT_NE(r.broken->reason.find("5 entrées, il en reste 4"), std::string::npos) << r.broken->reason;
  EXPECT_NE(r.summary().find("fin du journal"), std::string::npos);
}

TEST_F(Chain, AWhollyDeletedTrailIsFound) {
  tamper("DELETE FROM audit_entry WHERE session_id = (SELECT id FROM exam_session WHERE uuid = '" + a + "')");
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_NE(r.broken->reason.find("il en reste 0"), std::string::npos) << r.broken->reason;
}

TEST_F(Chain, ReorderedEntriesAreFound) {
  const auto e = entries_of_a();
  // Two entries swap their content, numbers unchanged.
  const std::string x = std::to_string(e[1].id), y = std::to_string(e[2].id);
  tamper("UPDATE audit_entry SET id = -1 WHERE id = " + x + "; UPDATE audit_entry SET id = " + x + " WHERE id = " + y +
         "; UPDATE audit_entry SET id = " + y + " WHERE id = -1;");
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.broken->id, e[1].id);
}

TEST_F(Chain, AnEntryMovedToTheEndIsFound) {
  const auto e = entries_of_a();
  tamper("UPDATE audit_entry SET id = 1000 WHERE id = " + std::to_string(e[1].id));
  const AuditChainReport r = store->verify_audit_chain();
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.broken->id, e[2].id);
}

TEST_F(Chain, TheBundleFormWithHashesAloneFindsEditsToo) {
  auto entries = entries_of_a();
  AuditChainWalk walk(false);
  for (auto e : entries) {
    e.prev_hash.clear();
    walk.add(e);
  }
  walk.finish(store->audit_head(a));
  EXPECT_FALSE(walk.broken()) << walk.broken()->reason;
  AuditChainWalk edited(false);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    AuditRecord e = entries[i];
    e.prev_hash.clear();
    if (i == 1) e.actor = "autre";
    edited.add(e);
  }
  ASSERT_TRUE(edited.broken());
  EXPECT_EQ(edited.broken()->id, entries[1].id);
  AuditChainWalk removed(false);
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i != 1) removed.add(entries[i]);
  ASSERT_TRUE(removed.broken());
  EXPECT_EQ(removed.broken()->id, entries[2].id);
}

TEST(ChainMigration, AnOlderBaseIsChainedOnceAsARecordedAction) {
  test::TempDir dir;
  dir.tampered("a base of an earlier schema written by hand: its trail is not one jurymn wrote");
  FakeClock clock{1'790'000'000'000};
  const std::string path = dir.file("old.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  store::migrate(db, 5);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO exam_session (id, uuid, title, exam_date, exam_centre, kind, ccps, created_at)"
                         " VALUES (1, 's-1', 'Ancienne', '2025-09-01', 'Centre', 'official', 'CCP1', 1);"
                         "INSERT INTO audit_entry (at_ms, session_id, actor, action, payload)"
                         " VALUES (5, 1, 'ui', 'create_session', '{}'), (9, 1, 'ui', 'add_jury_member', '{\"n\":1}');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  store::rebuild_audit_heads(db);  // as version 4 left it
  const AuditHead old_head = store::read_audit_head(db, 1);
  store::close_connection(db);
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  ASSERT_TRUE(r.store) << r.error;
  auto entries = r.store->audit_entries("s-1");
  ASSERT_EQ(entries.size(), 4u);  // and, at the end of the upgrade, the rules' declaration
  // The old entries keep their head: the chain formula did not change.
  EXPECT_EQ(entries[1].hash, old_head.digest);
  EXPECT_EQ(entries[2].action, "chain_audit_trail");
  EXPECT_EQ(entries[2].actor, "jurymn");
  EXPECT_EQ(entries[2].at_ms, 1'790'000'000'000);
  EXPECT_EQ(entries[2].prev_hash, old_head.digest);
  const auto payload = nlohmann::json::parse(entries[2].payload);
  EXPECT_EQ(payload["entries"], 2);
  EXPECT_EQ(payload["head"], old_head.digest);
  EXPECT_TRUE(r.store->verify_audit_chain().intact()) << r.store->verify_audit_chain().summary();
  // Once: opening again adds nothing.
  r.store.reset();
  r = Store::open(path, OpenMode::ReadWrite, clock);
  ASSERT_TRUE(r.store);
  EXPECT_EQ(r.store->audit_entries("s-1").size(), 4u);
  // And the append-only trigger is back.
  r.store.reset();
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_entry SET hash = '' WHERE id = 1", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace
}  // namespace jurymn
