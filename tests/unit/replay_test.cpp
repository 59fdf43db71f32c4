// SPDX-License-Identifier: EUPL-1.2
// Every record proved by replaying the trail (store/replay.h): edits made in
// the laptop's SQLite behind jurymn's back are found by `jurymn audit verify`
// and, once exported, by `jurymn verify`; so is a fake merge_bundle entry
// and a decision rewritten in the trail with its chain recomputed.
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "app/results_export.h"
#include "core/audit_trail.h"
#include "core/confirmation_proof.h"
#include "io/audit_records.h"
#include "io/bundle.h"
#include "io/results_json.h"
#include "store/audit_chain.h"
#include "store/completed_session.h"
#include "store/replay.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using namespace test;

constexpr TimeMs kNow = 1'790'000'000'000;

struct Cli {
  int code = 0;
  std::string out;
};

// The real binary, as an operator runs it.
Cli run_cli(const std::string& args, const std::string& dir) {
  const std::string log = dir + "/cli.log";
  const std::string cmd = std::string("XDG_CONFIG_HOME='") + dir + "/cfg' '" + JURYMN_BINARY + "' " + args + " >'" +
                          log + "' 2>&1";
  Cli c;
  const int rc = std::system(cmd.c_str());
  c.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  std::ifstream f(log);
  std::stringstream ss;
  ss << f.rdbuf();
  c.out = ss.str();
  return c;
}

void sql(const std::string& db, const std::string& statements) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, statements.c_str(), nullptr, nullptr, &err);
  const std::string why = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  ASSERT_EQ(rc, SQLITE_OK) << why << "\n" << statements;
}

// A « jury blanc » of three candidates, examined, decided, locked.
std::string completed(const TempDir& dir, const std::string& name) {
  const std::string db = dir.file(name + ".db");
  const ExamKit& kit = shipped_kit();
  CompletedSessionResult r =
      create_completed_session(db, kit.title, kit.plans, kit.grids, 3, SessionKind::Rehearsal, 7, kNow);
  EXPECT_TRUE(r.error.empty()) << r.error;
  return db;
}

std::string export_of(const TempDir& dir, const std::string& db, const std::string& name) {
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  const std::string out = dir.file(name);
  ExportOutcome o =
      export_session(*store, store->sessions().front().uuid, out, dir.file("key-" + name), clock.now_ms());
  EXPECT_TRUE(o.ok) << o.summary;
  return out;
}

struct Edit {
  const char* what;
  const char* sql;
  // The edited field is in results.json, so verify of the export sees it
  // too.
  bool in_bundle = true;
};

// Each kind of edit the issue lists, and more: one statement each.
const Edit kEdits[] = {
    {"rehearsal_to_official", "UPDATE exam_session SET kind = 'official'"},
    {"session_title", "UPDATE exam_session SET title = title || ' (corrigé)'"},
    {"session_date", "UPDATE exam_session SET exam_date = '2026-01-02'"},
    {"session_centre", "UPDATE exam_session SET exam_centre = 'Ailleurs'"},
    {"numbers_swapped",
     "CREATE TEMP TABLE two AS SELECT (SELECT min(id) FROM candidate) AS a, (SELECT max(id) FROM candidate) AS b,"
     " (SELECT number FROM candidate WHERE id = (SELECT min(id) FROM candidate)) AS na,"
     " (SELECT number FROM candidate WHERE id = (SELECT max(id) FROM candidate)) AS nb;"
     "UPDATE candidate SET number = 'provisoire' WHERE id = (SELECT a FROM two);"
     "UPDATE candidate SET number = (SELECT na FROM two) WHERE id = (SELECT b FROM two);"
     "UPDATE candidate SET number = (SELECT nb FROM two) WHERE id = (SELECT a FROM two)"},
    {"candidate_name", "UPDATE candidate SET last_name = 'Autre' WHERE id = (SELECT min(id) FROM candidate)"},
    {"candidate_first_name", "UPDATE candidate SET first_name = 'Autre' WHERE id = (SELECT max(id) FROM candidate)"},
    {"candidate_sheet", "UPDATE candidate SET sheets = json_set(sheets, '$[1]', json_extract(sheets, '$[1]') || ' (bis)')"
                        " WHERE id = (SELECT min(id) FROM candidate)"},
    {"candidate_ccps",
     "DELETE FROM candidate_ccp WHERE candidate_id = (SELECT min(id) FROM candidate) AND ccp = (SELECT max(ccp) FROM "
     "candidate_ccp WHERE candidate_id = (SELECT min(id) FROM candidate))"},
    {"equivalence",
     "INSERT OR REPLACE INTO candidate_ccp (candidate_id, ccp, held_by_equivalence) SELECT max(id), 'CCP1', 1 FROM "
     "candidate"},
    {"attendance", "UPDATE candidate SET attendance = 'withdrawn' WHERE id = (SELECT min(id) FROM candidate)"},
    {"member_name", "UPDATE jury_member SET name = 'Quelqu’un d’autre' WHERE id = (SELECT max(id) FROM jury_member)"},
    {"member_role", "UPDATE jury_member SET role = 'president'"},
    // Issue 30 item 6: « Présidente » on the PV, and the key a member's
    // confirmations are checked against.
    {"member_feminine", "UPDATE jury_member SET feminine = 1 - feminine WHERE id = (SELECT min(id) FROM jury_member)"},
    {"member_pin",
     "UPDATE jury_member SET pin_salt = 'AAAAAAAAAAAAAAAAAAAAAA', pin_public_key = "
     "'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', pin_ops = 1, pin_mem = 8192 WHERE id = (SELECT min(id) FROM "
     "jury_member)"},
    {"run_deleted",
     "PRAGMA foreign_keys = OFF; DELETE FROM exam_run WHERE id = (SELECT max(id) FROM exam_run)"},
    {"run_started_at", "UPDATE exam_run SET started_at = started_at - 60000 WHERE id = (SELECT min(id) FROM exam_run)"},
    {"stage_time", "UPDATE stage_event SET at_ms = at_ms + 60000 WHERE id = (SELECT min(id) FROM stage_event)"},
    {"stage_event_deleted", "DELETE FROM stage_event WHERE id = (SELECT max(id) FROM stage_event)"},
    {"extension_amount",
     "UPDATE stage_event SET amount_ms = amount_ms + 60000 WHERE id = (SELECT max(id) FROM stage_event)"},
    {"draw_chosen", "UPDATE sheet_draw SET chosen = (chosen + 1) % 3"},
    {"mark_level",
     "UPDATE mark SET rating = CASE rating WHEN 'maitrise' THEN 'acquis' ELSE 'maitrise' END WHERE rowid = "
     "(SELECT min(rowid) FROM mark)"},
    {"mark_deleted", "DELETE FROM mark WHERE rowid = (SELECT max(rowid) FROM mark)"},
    {"observation", "UPDATE observation SET text = text || ' (ajout)'"},
    {"competency_decision",
     "UPDATE competency_decision SET status = CASE status WHEN 'acquired' THEN 'not_acquired' ELSE 'acquired' END "
     "WHERE rowid = (SELECT min(rowid) FROM competency_decision)"},
    {"ccp_decision",
     "UPDATE ccp_decision SET decided = CASE decided WHEN 'obtained' THEN 'not_obtained' ELSE 'obtained' END WHERE "
     "run_id = (SELECT min(run_id) FROM ccp_decision)"},
    {"justification", "UPDATE ccp_decision SET justification = 'Réécrite après coup.'"},
    {"confirmations", "UPDATE ccp_decision SET confirmed_by = '[]' WHERE run_id = (SELECT min(run_id) FROM ccp_decision)"},
    {"unlocked", "UPDATE ccp_decision SET locked_at = NULL WHERE run_id = (SELECT min(run_id) FROM ccp_decision)"},
    {"locked_at", "UPDATE ccp_decision SET locked_at = locked_at + 1000"},
};

class EditBehindJurymn : public ::testing::TestWithParam<Edit> {};

TEST_P(EditBehindJurymn, IsFoundByAuditVerifyAndByVerifyOfTheExport) {
  const Edit& edit = GetParam();
  TempDir dir;
  dir.tampered("a record edited behind jurymn on purpose");
  const std::string db = completed(dir, "laptop");
  // Untouched, both commands accept it.
  ASSERT_EQ(run_cli("audit verify --db '" + db + "'", dir.path().string()).code, 0);
  ASSERT_EQ(run_cli("verify '" + export_of(dir, db, "lot-avant") + "'", dir.path().string()).code, 0);

  sql(db, edit.sql);
  FakeClock clock(kNow);
  {
    auto store = open_jury_store(db, clock);
    ASSERT_TRUE(store->verify_audit_chain().intact());  // the chain alone sees nothing
    const ReplayReport r = check_store_by_replay(*store);
    EXPECT_FALSE(r.ok()) << edit.what;
  }
  const Cli audit = run_cli("audit verify --db '" + db + "'", dir.path().string());
  EXPECT_EQ(audit.code, 1) << edit.what << "\n" << audit.out;
  EXPECT_NE(audit.out.find("rejeu"), std::string::npos) << audit.out;

  if (!edit.in_bundle) return;
  const std::string lot = export_of(dir, db, "lot");
  const Cli verify = run_cli("verify '" + lot + "'", dir.path().string());
  EXPECT_EQ(verify.code, 1) << edit.what << "\n" << verify.out;
}

// What audit verify said when it held each session's whole trail: the
// trail replayed, then its records compared, then its members' signatures
// checked on the snapshot and trail read together.
std::vector<std::string> held_trail_problems(const Store& store) {
  std::vector<std::string> replay, signatures;
  for (const auto& s : store.sessions()) {
    const std::string prefix = "session " + s.uuid.substr(0, 8);
    ResultsBundle b;
    auto held = store.snapshot(s.uuid, &b.audit, &b.audit_trail);
    if (!held) continue;
    ReplayReport one;
    auto replayed = replay_trail(b.audit_trail, store.title(), store.exam_plans(), store.scoring_grids(), one);
    if (replayed) compare_with_replay(*held, *replayed, b.audit_trail, one, false);
    for (auto& p : one.problems) replay.push_back(prefix + ", " + p);
    b.snapshot = std::move(*held);
    for (auto& p : check_confirmation_signatures(b, {prefix, false}).problems) signatures.push_back(p);
  }
  replay.insert(replay.end(), signatures.begin(), signatures.end());
  return replay;
}

TEST_P(EditBehindJurymn, IsFoundTheSameWayWhenTheTrailIsReadOnce) {
  const Edit& edit = GetParam();
  TempDir dir;
  dir.tampered("a record edited behind jurymn on purpose");
  const std::string db = completed(dir, "laptop");
  sql(db, edit.sql);
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  const StoreProof proof = prove_store(*store);
  EXPECT_TRUE(proof.chain.intact());
  EXPECT_EQ(proof.chain.entries, store->verify_audit_chain().entries);
  std::vector<std::string> streamed = proof.replay.problems;
  streamed.insert(streamed.end(), proof.signature_problems.begin(), proof.signature_problems.end());
  const std::vector<std::string> held = held_trail_problems(*store);
  EXPECT_FALSE(streamed.empty()) << edit.what;
  EXPECT_EQ(streamed, held) << edit.what;
}

INSTANTIATE_TEST_SUITE_P(Replay, EditBehindJurymn, ::testing::ValuesIn(kEdits),
                         [](const auto& info) { return std::string(info.param.what); });

TEST(Replay, AnUntouchedSessionReplaysIntoItselfWithTheSameIdsAndHashes) {
  TempDir dir;
  const std::string db = completed(dir, "laptop");
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  const std::string uuid = store->sessions().front().uuid;
  std::vector<AuditRecord> trail = store->audit_entries(uuid);
  ReplayReport report;
  auto replayed = replay_trail(trail, store->title(), store->exam_plans(), store->scoring_grids(), report);
  ASSERT_TRUE(replayed);
  EXPECT_TRUE(report.ok()) << report.problems.front();
  EXPECT_FALSE(report.partial());
  EXPECT_EQ(report.entries_replayed, static_cast<std::int64_t>(trail.size()));
  auto held = store->snapshot(uuid);
  // Autoincrement ids: a fresh database replayed in the same order gives the same.
  ASSERT_EQ(held->runs.size(), replayed->runs.size());
  for (std::size_t i = 0; i < held->runs.size(); ++i) {
    EXPECT_EQ(held->runs[i].id, replayed->runs[i].id);
    EXPECT_EQ(held->runs[i].uuid, replayed->runs[i].uuid);
  }
  ASSERT_EQ(held->candidates.size(), replayed->candidates.size());
  for (std::size_t i = 0; i < held->candidates.size(); ++i) EXPECT_EQ(held->candidates[i].id, replayed->candidates[i].id);
  compare_with_replay(*held, *replayed, trail, report, false);
  EXPECT_TRUE(report.ok()) << report.problems.front();
}

TEST(Replay, OneEntryAtATimeNamesTheLastEntryAboutEachCandidateInADifference) {
  TempDir dir;
  const std::string db = completed(dir, "laptop");
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  const std::string uuid = store->sessions().front().uuid;
  ReplayReport report;
  TrailReplay replay(store->title(), store->exam_plans(), store->scoring_grids(), report);
  std::string first_candidate;
  std::int64_t fed = 0;
  // Straight from the store's reader: no trail held in a vector.
  store->each_audit_entry(uuid, [&](const AuditRecord& e) {
    replay.feed(e);
    ++fed;
    if (first_candidate.empty() && !e.candidate_uuid.empty()) first_candidate = e.candidate_uuid;
  });
  std::optional<SessionSnapshot> replayed = replay.finish();
  ASSERT_TRUE(replayed);
  EXPECT_TRUE(report.ok()) << report.problems.front();
  EXPECT_EQ(report.entries_replayed, fed);
  ASSERT_FALSE(first_candidate.empty());
  std::int64_t last_id = 0;
  std::string last_action;
  for (const AuditRecord& e : store->audit_entries(uuid))
    if (e.candidate_uuid == first_candidate) last_id = e.id, last_action = e.action;
  const auto names = replay.last_entries();
  ASSERT_TRUE(names.count(first_candidate));
  EXPECT_EQ(names.at(first_candidate), "entrée n°\u00A0" + std::to_string(last_id) + " (" + last_action + ")");
  // A held record that differs: the message names that entry.
  SessionSnapshot held = *store->snapshot(uuid);
  for (auto& c : held.candidates)
    if (c.uuid == first_candidate) c.data.last_name = "Autre";
  compare_with_replay(held, *replayed, names, report, false);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems.front().find(names.at(first_candidate)), std::string::npos) << report.problems.front();
  EXPECT_NE(report.problems.front().find("Autre"), std::string::npos) << report.problems.front();
}

ResultsBundle parsed(const std::string& lot) {
  BundleCheck c = verify_bundle(lot);
  EXPECT_TRUE(c.ok()) << (c.problems.empty() ? "" : c.problems.front());
  return c.ok() ? *c.bundle : ResultsBundle{};
}

bool any_mentions(const ReplayReport& r, const std::string& a, const std::string& b) {
  for (const auto& p : r.problems)
    if (p.find(a) != std::string::npos && p.find(b) != std::string::npos) return true;
  return false;
}

// The comparison walks the candidate's field list (core/candidate_fields.h):
// a difference names the field's key and its French label, in the base and
// in a bundle.
TEST(Replay, ACandidateFieldThatDiffersIsNamedByItsKeyAndItsFrenchLabel) {
  TempDir dir;
  const std::string db = completed(dir, "laptop");
  ResultsBundle b = parsed(export_of(dir, db, "lot"));
  sql(db, "UPDATE candidate SET first_name = 'Autre' WHERE id = (SELECT min(id) FROM candidate)");
  dir.tampered("a candidate's name edited behind jurymn on purpose");
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  const ReplayReport in_base = check_store_by_replay(*store);
  EXPECT_TRUE(any_mentions(in_base, "/first_name (prénom)\u00A0: «\u00A0Autre\u00A0» dans la base", "au rejeu"))
      << (in_base.problems.empty() ? std::string("aucun problème") : in_base.problems.front());

  ASSERT_FALSE(b.snapshot.candidates.empty());
  b.snapshot.candidates.front().data.sheets[1] = "Une autre fiche";
  const ExamKit& kit = shipped_kit();
  const ReplayReport in_lot = check_bundle_by_replay(b, kit.plans, kit.grids);
  EXPECT_TRUE(any_mentions(in_lot, "/sheets (fiches séances)\u00A0:", "Une autre fiche | "))
      << (in_lot.problems.empty() ? std::string("aucun problème") : in_lot.problems.front());
}


using test::rechain;

TEST(Replay, OneAppendedFakeMergeBundleEntryTurnsNoCheckOff) {
  TempDir dir;
  const std::string db = completed(dir, "laptop");
  ResultsBundle b = parsed(export_of(dir, db, "lot"));
  // A mark changed in the records, and a fake import appended to explain it.
  ASSERT_FALSE(b.snapshot.runs.empty());
  auto& mark = b.snapshot.runs.front().marks.front();
  mark.level_id = mark.level_id == "maitrise" ? "acquis" : "maitrise";
  b.snapshot.runs.front().decision.decided =
      b.snapshot.runs.front().decision.decided == CcpOutcome::Obtained ? CcpOutcome::NotObtained : CcpOutcome::Obtained;
  AuditRecord fake = b.audit_trail.back();
  fake.id += 1;
  fake.action = "merge_bundle";
  fake.candidate_uuid.clear();
  fake.payload = R"({"audit_digest":"","candidates_added":0,"conflicts":[],"decisions_added":0,"digest":"x",)"
                 R"("exported_at":0,"key_fingerprint":"","marks_added":0,"marks_updated":1,"runs_added":0,)"
                 R"("session":"","source":"ailleurs"})";
  b.audit_trail.push_back(fake);
  rechain(b);
  b.audit.entries = static_cast<std::int64_t>(b.audit_trail.size());
  b.audit.last_at = fake.at_ms;

  const auto light = check_against_audit_trail(b, "results.json");
  EXPECT_GE(light.size(), 3u);  // the import, the mark, the decision
  const ExamKit& kit = shipped_kit();
  const ReplayReport r = check_bundle_by_replay(b, kit.plans, kit.grids);
  ASSERT_FALSE(r.ok());
  bool import = false, marks = false, decision = false;
  for (const auto& p : r.problems) {
    import = import || p.find("merge_bundle") != std::string::npos;
    marks = marks || p.find("/marks/") != std::string::npos;
    decision = decision || p.find("/decision/decided") != std::string::npos;
  }
  EXPECT_TRUE(import && marks && decision);
}

// The same on the laptop itself: one merge_bundle entry appended (and
// chained) to a session created there does not switch its replay off; it
// is a problem that fails audit verify, naming the entry.
TEST(Replay, AFakeMergeBundleEntryOnTheLaptopFailsAuditVerify) {
  TempDir dir;
  dir.tampered("a merge_bundle entry forged into a laptop's trail");
  const std::string path = completed(dir, "laptop");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT id FROM exam_session", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  const std::int64_t session_id = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  ASSERT_EQ(sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
  const std::int64_t fake = store::append_audit_entry(raw, session_id, std::nullopt, 1'790'000'500'000, "centre",
                                                       "merge_bundle", R"({"digest":"x","source":"ailleurs"})");
  ASSERT_EQ(sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  store::close_connection(raw);  // its cached statements too
  FakeClock clock{1'790'000'600'000};
  auto opened = Store::open(path, OpenMode::ReadOnly, clock);
  ASSERT_TRUE(opened.store) << opened.error;
  EXPECT_TRUE(opened.store->verify_audit_chain().intact());  // chained as jurymn would
  const ReplayReport r = check_store_by_replay(*opened.store);
  EXPECT_FALSE(r.ok());
  bool named = false;
  for (const auto& p : r.problems)
    named = named || p.find("entrée n° " + std::to_string(fake) + " (merge_bundle)") != std::string::npos;
  EXPECT_TRUE(named) << (r.problems.empty() ? std::string("aucun problème") : r.problems.front());
}

// The chain recomputed by a script after editing a decision in the trail
// and in the records (and the bundle re-signed with the laptop's key: the
// signature then holds, this is what is left).
TEST(Replay, ADecisionRewrittenInTheTrailThatDoesNotFollowFromTheMarksIsRefusedByTheReplay) {
  TempDir dir;
  const std::string db = completed(dir, "laptop");
  ResultsBundle b = parsed(export_of(dir, db, "lot"));
  // The first run decided without a justification (it followed the grid).
  RunRecord* run = nullptr;
  for (auto& r : b.snapshot.runs)
    if (r.decision.justification.empty() && r.decision.decided != CcpOutcome::Undecided) run = &r;
  ASSERT_NE(run, nullptr);
  const CcpOutcome was = run->decision.decided;
  const CcpOutcome now = was == CcpOutcome::Obtained ? CcpOutcome::NotObtained : CcpOutcome::Obtained;
  run->decision.decided = now;
  auto swap_outcome = [&](std::string& payload, const std::string& key) {
    const std::string from = "\"" + key + "\":\"" + std::string(to_id(was)) + "\"";
    const std::string to = "\"" + key + "\":\"" + std::string(to_id(now)) + "\"";
    for (std::size_t at; (at = payload.find(from)) != std::string::npos;) payload.replace(at, from.size(), to);
  };
  for (auto& e : b.audit_trail)
    if (e.payload.find(run->uuid) != std::string::npos &&
        (e.action == "decide_ccp" || e.action == "confirm_decision"))
      swap_outcome(e.payload, "decided");
  rechain(b);
  // The light checks follow the rewritten trail: they cannot see it.
  EXPECT_TRUE(check_against_audit_trail(b, "results.json").empty());
  const ExamKit& kit = shipped_kit();
  const ReplayReport r = check_bundle_by_replay(b, kit.plans, kit.grids);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problems.front().find("decide_ccp"), std::string::npos) << r.problems.front();
  EXPECT_NE(r.problems.front().find("refusée au rejeu"), std::string::npos) << r.problems.front();
}

TEST(Replay, AFormat2BundleVerifiesWithPartialProofs) {
  const std::string lot = JURYMN_TEST_DATA "/bundles/demo-before-typed-payloads";
  ResultsBundle b = parsed(lot);
  EXPECT_EQ(b.format_version, 2);
  const ExamKit& kit = shipped_kit();
  const ReplayReport r = check_bundle_by_replay(b, kit.plans, kit.grids);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
  EXPECT_TRUE(r.partial());
  TempDir dir;
  const Cli c = run_cli("verify '" + lot + "'", dir.path().string());
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("preuves partielles"), std::string::npos) << c.out;
}

TEST(Replay, AnEmptyOrHeadlessTrailProvesNothing) {
  ReplayReport r;
  EXPECT_FALSE(replay_trail({}, tp01336(), {}, {}, r));
  AuditRecord e;
  e.id = 1;
  e.action = "add_jury_member";
  e.payload = R"({"name":"X","role":"member","uuid":"u"})";
  EXPECT_FALSE(replay_trail({e}, tp01336(), {}, {}, r));
  EXPECT_FALSE(r.ok());
  e.action = "no_such_action";
  ReplayReport r2;
  EXPECT_FALSE(replay_trail({e}, tp01336(), {}, {}, r2));
  EXPECT_FALSE(r2.ok());
}

}  // namespace
}  // namespace jurymn
