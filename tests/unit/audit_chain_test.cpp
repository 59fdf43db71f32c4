// Each session's audit head is chained entry by entry and kept up to date
// by every action; recomputing it from the entries gives the same value,
// and any edit, removal or reordering gives another.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/audit_chain.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

std::string recompute(const std::vector<AuditRecord>& entries) {
  std::string head;
  for (const auto& e : entries)
    head = store::next_audit_head(head, store::audit_line(e.id, e.at_ms, e.actor, e.action, e.candidate_uuid, e.payload));
  return head;
}

struct Chain : ::testing::Test {
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  std::unique_ptr<Store> store;
  std::string a, b;
  void SetUp() override {
    store = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock).store;
    ASSERT_TRUE(store);
    a = store->apply(action::CreateSession{test::session_input()}, "jury").created_uuid;
    b = store->apply(action::CreateSession{test::session_input()}, "jury").created_uuid;
    for (int i = 0; i < 5; ++i) {
      clock.advance_ms(1000);
      ASSERT_TRUE(store->apply(action::AddCandidate{i % 2 ? a : b, test::candidate_input("C-" + std::to_string(i))}, "jury"));
    }
  }
};

TEST_F(Chain, EveryActionAdvancesItsSessionsHead) {
  for (const auto& s : {a, b}) {
    auto entries = store->audit_entries(s);
    AuditHead h = store->audit_head(s);
    EXPECT_EQ(h.entries, static_cast<std::int64_t>(entries.size()));
    EXPECT_EQ(h.last_at, entries.back().at_ms);
    EXPECT_EQ(h.digest.size(), 64u);
    EXPECT_EQ(h.digest, recompute(entries));
  }
  EXPECT_NE(store->audit_head(a).digest, store->audit_head(b).digest);
  // A refused action leaves the head as it was.
  const AuditHead before = store->audit_head(a);
  EXPECT_FALSE(store->apply(action::AddCandidate{a, test::candidate_input("C-1")}, "jury"));
  EXPECT_EQ(store->audit_head(a).digest, before.digest);
  EXPECT_EQ(store->audit_head("inconnue").digest, "");
}

TEST_F(Chain, EditingRemovingOrReorderingAnEntryChangesTheHead) {
  auto entries = store->audit_entries(a);
  ASSERT_GE(entries.size(), 3u);
  const std::string head = store->audit_head(a).digest;
  auto edited = entries;
  edited[1].payload += " ";
  EXPECT_NE(recompute(edited), head);
  auto removed = entries;
  removed.erase(removed.begin() + 1);
  EXPECT_NE(recompute(removed), head);
  auto reordered = entries;
  std::swap(reordered[1], reordered[2]);
  EXPECT_NE(recompute(reordered), head);
}

TEST_F(Chain, RebuildingFromTheEntriesGivesTheLiveHeads) {
  const AuditHead ha = store->audit_head(a), hb = store->audit_head(b);
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("jury.db").c_str(), &db), SQLITE_OK);
  store::rebuild_audit_heads(db);  // what the migration to version 4 does
  store::close_connection(db);
  store = Store::open(dir.file("jury.db"), OpenMode::ReadOnly, clock).store;
  ASSERT_TRUE(store);
  EXPECT_EQ(store->audit_head(a).digest, ha.digest);
  EXPECT_EQ(store->audit_head(b).digest, hb.digest);
  EXPECT_EQ(store->audit_head(a).entries, ha.entries);
}

TEST(ChainMigration, AnOlderBaseGetsItsHeadsOnce) {
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  const std::string path = dir.file("old.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  store::migrate(db, 3);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO exam_session (id, uuid, title, exam_date, exam_centre, kind, ccps, created_at)"
                         " VALUES (1, 's-1', 'Ancienne', '2025-09-01', 'Centre', 'official', 'CCP1', 1);"
                         "INSERT INTO audit_entry (at_ms, session_id, actor, action, payload)"
                         " VALUES (5, 1, 'ui', 'create_session', '{}'), (9, 1, 'ui', 'add_jury_member', '{\"n\":1}');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  store::close_connection(db);
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  ASSERT_TRUE(r.store) << r.error;
  AuditHead h = r.store->audit_head("s-1");
  EXPECT_EQ(h.entries, 2);
  EXPECT_EQ(h.last_at, 9);
  EXPECT_EQ(h.digest, recompute(r.store->audit_entries("s-1")));
}

}  // namespace
}  // namespace jurymn
