// The rules' version declared in the audit trail (core/rules.h, issue 26
// item 3): a new session declares the rules at its creation, an upgraded
// base declares them in each trail, versions only go up, each entry is
// replayed under the version declared before it, and entries before any
// declaration are replayed under the earliest rules that accept them with
// « preuves partielles ». A current trail with its PIN records stripped is
// refused; stripped of its declaration too, it is partial and flagged at
// the centre until the paper PV's code is checked.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "app/results_export.h"
#include "core/audit_payloads.h"
#include "core/audit_trail.h"
#include "core/rules.h"
#include "io/bundle.h"
#include "store/audit_chain.h"
#include "store/completed_session.h"
#include "store/replay.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using namespace test;

constexpr TimeMs kNow = 1'790'000'000'000;

std::string completed_official(const TempDir& dir, const std::string& name) {
  const std::string db = dir.file(name + ".db");
  const ExamKit& kit = shipped_kit();
  CompletedSessionResult r = create_completed_session(db, kit.title, kit.plans, kit.grids, 2, SessionKind::Official, 11, kNow);
  EXPECT_TRUE(r.error.empty()) << r.error;
  return db;
}

ResultsBundle exported_bundle(const TempDir& dir, const std::string& db) {
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  const std::string out = dir.file("lot");
  ExportOutcome o = export_session(*store, store->sessions().front().uuid, out, dir.file("cle"), clock.now_ms());
  EXPECT_TRUE(o.ok) << o.summary;
  BundleCheck c = verify_bundle(out);
  EXPECT_TRUE(c.ok()) << (c.problems.empty() ? "" : c.problems.front());
  return c.ok() ? *c.bundle : ResultsBundle{};
}

using test::rechain;

std::string all(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

ReplayReport replayed(const ResultsBundle& b) {
  const ExamKit& kit = shipped_kit();
  return check_bundle_by_replay(b, kit.plans, kit.grids);
}

TEST(RulesVersion, TheCurrentRulesAreKnownAndPinsCameWithVersionTwo) {
  EXPECT_TRUE(known_rules(kCurrentRules));
  EXPECT_TRUE(known_rules(kEarliestRules));
  EXPECT_FALSE(known_rules(kCurrentRules + 1));
  EXPECT_FALSE(member_pin_required(1, SessionKind::Official));
  EXPECT_TRUE(member_pin_required(2, SessionKind::Official));
  EXPECT_FALSE(member_pin_required(2, SessionKind::Rehearsal));
  EXPECT_EQ(rules_declaration_problem(0, kCurrentRules), "");
  EXPECT_EQ(rules_declaration_problem(1, 2), "");
  EXPECT_EQ(rules_declaration_problem(2, 2), "");
  EXPECT_NE(rules_declaration_problem(2, 1).find("ne font que monter"), std::string::npos);
  EXPECT_NE(rules_declaration_problem(0, kCurrentRules + 1).find("plus récentes"), std::string::npos);
  EXPECT_NE(rules_declaration_problem(0, 0), "");
}

TEST(RulesVersion, ANewSessionDeclaresTheRulesRightAfterItsCreation) {
  FakeClock clock(kNow);
  auto store = open_jury_store(":memory:", clock);
  ApplyResult r = store->apply(action::CreateSession{session_input()}, "ui");
  ASSERT_TRUE(r) << r.error;
  const auto trail = store->audit_entries(r.created_uuid);
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].action, "create_session");
  EXPECT_EQ(trail[1].action, "declare_rules");
  EXPECT_EQ(trail[1].payload, "{\"rules\":" + std::to_string(kCurrentRules) + "}");
  EXPECT_EQ(trail[1].prev_hash, trail[0].hash) << "chained like any entry";
  EXPECT_EQ(store->audit_head(r.created_uuid).entries, 2);
  EXPECT_EQ(audit_action_label("declare_rules"), "Règles en vigueur");
  const ReplayReport report = check_store_by_replay(*store);
  EXPECT_TRUE(report.ok()) << all(report.problems);
  EXPECT_FALSE(report.partial()) << all(report.unproven);
}

TEST(RulesVersion, ACurrentOfficialSessionVerifiesInFullAtHomeAndInItsBundle) {
  TempDir dir;
  const std::string db = completed_official(dir, "jury");
  FakeClock clock(kNow);
  {
    auto store = open_jury_store(db, clock);
    const ReplayReport r = check_store_by_replay(*store);
    EXPECT_TRUE(r.ok()) << all(r.problems);
    EXPECT_FALSE(r.partial()) << all(r.unproven);
  }
  const ResultsBundle b = exported_bundle(dir, db);
  const ReplayReport r = replayed(b);
  EXPECT_TRUE(r.ok()) << all(r.problems);
  EXPECT_FALSE(r.partial()) << all(r.unproven);
}

TEST(RulesVersion, ALoweredVersionInTheTrailIsRefused) {
  TempDir dir;
  ResultsBundle b = exported_bundle(dir, completed_official(dir, "jury"));
  ASSERT_GE(b.audit_trail.size(), 3u);
  ASSERT_EQ(b.audit_trail[1].action, "declare_rules");
  // One more declaration, of the earliest rules, right after the first.
  AuditRecord lower = b.audit_trail[1];
  lower.payload = "{\"rules\":" + std::to_string(kEarliestRules) + "}";
  b.audit_trail.insert(b.audit_trail.begin() + 2, lower);
  for (std::size_t i = 0; i < b.audit_trail.size(); ++i) b.audit_trail[i].id = static_cast<std::int64_t>(i + 1);
  rechain(b);
  const ReplayReport r = replayed(b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(all(r.problems).find("ne font que monter"), std::string::npos) << all(r.problems);
}

TEST(RulesVersion, RulesNewerThanThisBuildAreRefused) {
  TempDir dir;
  ResultsBundle b = exported_bundle(dir, completed_official(dir, "jury"));
  b.audit_trail[1].payload = "{\"rules\":" + std::to_string(kCurrentRules + 1) + "}";
  rechain(b);
  const ReplayReport r = replayed(b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(all(r.problems).find("plus récentes"), std::string::npos) << all(r.problems);
}

// The PIN record of every add_jury_member entry removed, as one would to
// pass a current session off as one of the old rules.
void strip_pins(ResultsBundle& b) {
  for (auto& e : b.audit_trail) {
    if (e.action != "add_jury_member") continue;
    auto p = read_payload_as<payload::AddJuryMember>(AuditAction::AddJuryMember, e.payload);
    ASSERT_TRUE(p.pin);
    p.pin.reset();
    e.payload = payload_text(p);
  }
  for (auto& m : b.snapshot.jury) m.pin.reset();
}

TEST(RulesVersion, ACurrentTrailWithItsPinRecordsStrippedIsRefusedNotTakenForOldRules) {
  TempDir dir;
  ResultsBundle b = exported_bundle(dir, completed_official(dir, "jury"));
  strip_pins(b);
  rechain(b);
  const ReplayReport r = replayed(b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(all(r.problems).find("add_jury_member"), std::string::npos) << all(r.problems);
  EXPECT_NE(all(r.problems).find("choisit un code"), std::string::npos) << all(r.problems);
}

TEST(RulesVersion, StrippedOfItsDeclarationTooTheTrailIsOnlyPartiallyProved) {
  TempDir dir;
  ResultsBundle b = exported_bundle(dir, completed_official(dir, "jury"));
  strip_pins(b);
  b.audit_trail.erase(b.audit_trail.begin() + 1);
  for (std::size_t i = 0; i < b.audit_trail.size(); ++i) b.audit_trail[i].id = static_cast<std::int64_t>(i + 1);
  rechain(b);
  const ReplayReport r = replayed(b);
  EXPECT_TRUE(r.partial());
  EXPECT_NE(all(r.unproven).find("avant que le journal déclare ses règles"), std::string::npos) << all(r.unproven);
}

TEST(RulesVersion, AnUpgradedBaseDeclaresTheRulesInEachTrailOnceInTheMigration) {
  TempDir dir;
  const std::string db = dir.file("ancienne.db");
  // A base as schema 12 left it (before declarations), with one session.
  {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    store::migrate(h, 12, kNow);
    store::close_connection(h);  // its cached statements too
  }
  FakeClock clock(kNow);
  std::string session;
  {
    // Written as a build of schema 12 did: no declaration after the creation.
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(h,
                           "INSERT INTO exam_session (uuid, title, exam_date, exam_centre, kind, created_at)"
                           " VALUES ('s-old', 'Ancienne', '2026-11-20', 'Greta', 'rehearsal', 1);"
                           " INSERT INTO session_ccp (session_id, ccp) VALUES (1, 'CCP1'), (1, 'CCP2')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    store::append_audit_entry(h, 1, std::nullopt, 1, "ui", "create_session",
                              R"({"ccps":"CCP1,CCP2","date":"2026-11-20","exam_centre":"Greta","kind":"rehearsal","title":"Ancienne","uuid":"s-old"})");
    store::close_connection(h);  // its cached statements too
  }
  auto store = open_jury_store(db, clock);
  ASSERT_TRUE(store);
  auto trail = store->audit_entries("s-old");
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[1].action, "declare_rules");
  EXPECT_EQ(trail[1].actor, "jurymn");
  EXPECT_EQ(trail[1].payload, "{\"rules\":" + std::to_string(kCurrentRules) + "}");
  EXPECT_TRUE(store->verify_audit_chain().intact());
  store.reset();
  // Opened again: nothing more to declare.
  store = open_jury_store(db, clock);
  EXPECT_EQ(store->audit_entries("s-old").size(), 2u);
}

}  // namespace
}  // namespace jurymn
