// SPDX-License-Identifier: EUPL-1.2
// Format 5: results.json a signed manifest, the records in JSON lines files.
// A bundle written reads back the same records; each file's tampering is
// refused, naming the file and, where a line is at fault, the line; the
// last single-document format still verifies.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/results_export.h"
#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/results_json.h"
#include "io/signing.h"
#include "store/demo.h"
#include "store/replay.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    out.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class BundleLines : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::unique_ptr<Store> store;
  std::string session;
  ResultsBundle bundle;
  SigningKey key = signing_key_from_seed({5, 5});

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
    SeededRandomSource random(3);
    auto d = create_demo_session(dir.file("demo.db"), jurymn::test::tp01336(), plans, grids, random, clock.now_ms());
    ASSERT_EQ(d.error, "");
    session = d.session_uuid;
    auto r = Store::open(dir.file("demo.db"), OpenMode::ReadOnly, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    bundle.app_version = "jurymn test";
    bundle.exported_at = clock.now_ms();
    bundle.snapshot = *store->snapshot(session, &bundle.audit, &bundle.audit_trail);
  }

  std::string lot() const { return dir.file("lot"); }
  std::string write() {
    fs::remove_all(lot());
    EXPECT_EQ(write_bundle(lot(), make_bundle(bundle, plans, key, "<!DOCTYPE html><p>PV</p>")), "");
    return lot();
  }
  std::string file(const std::string& name) const { return lot() + "/" + name; }

  // A holder of the key signs again what they changed: the digests are
  // right, so only what the lines say can refuse the bundle.
  void sign_again() {
    json manifest = json::parse(test::slurp(file("results.json")));
    for (auto& [name, entry] : manifest["files"].items()) entry["sha256"] = sha256_hex(test::slurp(file(name)));
    const std::string text = manifest.dump() + "\n";
    test::spit(file("results.json"), text);
    const Signature sig = sign_bytes(key, text);
    test::spit(file("results.json.sig"), std::string(reinterpret_cast<const char*>(sig.data()), sig.size()));
  }

  void edit_lines(const std::string& name, const std::function<void(std::vector<std::string>&)>& change) {
    std::vector<std::string> lines = lines_of(test::slurp(file(name)));
    change(lines);
    test::spit(file(name), joined(lines));
  }

  static std::string problems(const BundleCheck& c) {
    std::string s;
    for (const auto& p : c.problems) s += p + "\n";
    return s;
  }
  // verify's problems, the trail replayed as it is read (as `jurymn verify`).
  std::string refused(const std::string& expected) {
    BundleCheck c = verify_bundle(lot());
    EXPECT_FALSE(c.ok()) << "expected: " << expected;
    const std::string all = problems(c);
    EXPECT_NE(all.find(expected), std::string::npos) << all;
    return all;
  }
};

TEST_F(BundleLines, ABundleIsAManifestAndItsLines) {
  write();
  for (const char* name : kBundleFiles) EXPECT_TRUE(fs::exists(file(name))) << name;
  const std::string manifest = test::slurp(file("results.json"));
  ASSERT_EQ(manifest.find('\n'), manifest.size() - 1) << "one line";
  const json m = json::parse(manifest);
  EXPECT_EQ(m["format_version"], 5);
  EXPECT_FALSE(m.contains("runs"));
  EXPECT_FALSE(m.contains("audit_trail"));
  // Every other file is listed with its SHA-256: `sha256sum -c` checks them.
  std::set<std::string> listed;
  for (const auto& [name, entry] : m["files"].items()) {
    listed.insert(name);
    EXPECT_EQ(entry["sha256"], sha256_hex(test::slurp(file(name)))) << name;
  }
  EXPECT_EQ(listed, (std::set<std::string>{"audit-trail.jsonl", "candidates.jsonl", "proces-verbal.html",
                                           "results.csv", "runs.jsonl"}));
  // One record a line, in the stated order.
  const auto trail = lines_of(test::slurp(file("audit-trail.jsonl")));
  ASSERT_EQ(trail.size(), bundle.audit_trail.size());
  for (std::size_t i = 0; i < trail.size(); ++i) EXPECT_EQ(json::parse(trail[i])["id"], bundle.audit_trail[i].id);
  std::vector<std::string> uuids;
  for (const auto& l : lines_of(test::slurp(file("runs.jsonl")))) uuids.push_back(json::parse(l)["uuid"]);
  ASSERT_EQ(uuids.size(), bundle.snapshot.runs.size());
  EXPECT_TRUE(std::is_sorted(uuids.begin(), uuids.end()));
}

// An export reads the session, its head and its trail as of one moment
// (Store::read_together): an entry another window writes in between is in
// none of them, instead of passing the head and reading as a trail modified
// outside jurymn.
TEST_F(BundleLines, ReadsTheSessionAndItsTrailAsOfOneMoment) {
  auto w = Store::open(dir.file("demo.db"), OpenMode::ReadWrite, clock);
  ASSERT_TRUE(w.store) << w.error;
  w.store->set_title(jurymn::test::tp01336());
  AuditHead head;
  std::int64_t walked = 0;
  std::size_t candidates = 0;
  store->read_together([&] {
    candidates = store->snapshot(session, &head)->candidates.size();
    ASSERT_TRUE(w.store->apply(action::AddCandidate{session, test::candidate_input("MN-TARD")}, "jury"));
    store->each_audit_entry(session, [&](const AuditRecord&) { ++walked; });
  });
  EXPECT_EQ(walked, head.entries);
  // The writer was not held back: read again, the entry and the candidate are there.
  std::int64_t after = 0;
  store->each_audit_entry(session, [&](const AuditRecord&) { ++after; });
  EXPECT_EQ(after, head.entries + 1);
  EXPECT_EQ(store->snapshot(session)->candidates.size(), candidates + 1);
  // And an export now is of that moment too: it verifies.
  ASSERT_TRUE(export_session(*store, session, lot(), dir.file("cle"), clock.now_ms()).ok);
  BundleCheck c = verify_bundle(lot());
  EXPECT_TRUE(c.ok()) << problems(c);
}

TEST_F(BundleLines, ReadsBackTheRecordsItWrote) {
  write();
  BundleCheck c = verify_bundle(lot());
  ASSERT_TRUE(c.ok()) << problems(c);
  const ResultsBundle& b = *c.bundle;
  EXPECT_EQ(b.format_version, 5);
  EXPECT_EQ(b.audit_trail.size(), bundle.audit_trail.size());
  EXPECT_EQ(b.snapshot.session.uuid, session);
  EXPECT_EQ(b.snapshot.jury.size(), bundle.snapshot.jury.size());
  // The same lines, written again from what was read.
  auto lines = [&](const SessionSnapshot& s) {
    std::string out;
    for (const auto* r : runs_by_uuid(s)) append_run_line(out, *r, plans, bundle.exported_at);
    for (const auto* k : candidates_by_uuid(s)) append_candidate_line(out, *k, s.title);
    return out;
  };
  EXPECT_EQ(lines(b.snapshot), lines(bundle.snapshot));
  std::string trail;
  for (const auto& e : b.audit_trail) append_audit_line(trail, e);
  EXPECT_EQ(trail, test::slurp(file("audit-trail.jsonl")));
  // The centre keeps it as one text: its results.json part is the digest,
  // and it reads back the same bundle.
  EXPECT_EQ(sha256_hex(signed_results_json(c.results_json)), c.results_digest);
  EXPECT_EQ(c.results_digest, sha256_hex(test::slurp(file("results.json"))));
  ResultsParse kept = parse_results_json(c.results_json, "results.json");
  ASSERT_TRUE(kept.bundle) << (kept.problems.empty() ? "" : kept.problems.front().text());
  EXPECT_EQ(lines(kept.bundle->snapshot), lines(bundle.snapshot));
  // A kept copy changed in the base does not read.
  std::string changed = c.results_json;
  changed.replace(changed.find("\"level\":"), 8, "\"level\" :");
  EXPECT_FALSE(parse_results_json(changed, "results.json").bundle);
  // The replay proves it.
  const ReplayReport r = check_bundle_by_replay(b, plans, grids);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
}

// A kept copy whose runs.jsonl is empty (a session without a run yet)
// still reads: the next file's mark follows at once.
TEST_F(BundleLines, AKeptCopyWithAnEmptyFileReadsBack) {
  bundle.snapshot.runs.clear();
  const BundleFiles f = make_bundle(bundle, plans, key, "<p>PV</p>");
  ASSERT_TRUE(f.runs_jsonl.empty());
  const std::string kept = kept_results_text(
      f.results_json, {{kCandidatesFile, f.candidates_jsonl}, {kRunsFile, ""}, {kAuditTrailFile, f.audit_trail_jsonl}});
  ResultsParse p = parse_results_json(kept, "results.json");
  ASSERT_TRUE(p.bundle) << (p.problems.empty() ? "" : p.problems.front().text());
  EXPECT_TRUE(p.bundle->snapshot.runs.empty());
  EXPECT_EQ(p.bundle->audit_trail.size(), bundle.audit_trail.size());
}

TEST_F(BundleLines, VerifyReplaysTheTrailAsItReadsItWithoutKeepingIt) {
  write();
  std::unique_ptr<BundleReplay> replay;
  std::int64_t fed = 0;
  BundleReading how;
  how.keep_trail = false;
  how.keep_files = false;
  how.on_head = [&](const ResultsBundle& head) {
    EXPECT_EQ(head.snapshot.runs.size(), bundle.snapshot.runs.size());
    replay = std::make_unique<BundleReplay>(head, plans, grids);
  };
  how.on_entry = [&](const AuditRecord& e) {
    ++fed;
    replay->feed(e);
  };
  BundleCheck c = verify_bundle(lot(), how);
  ASSERT_TRUE(c.ok()) << problems(c);
  EXPECT_TRUE(c.bundle->audit_trail.empty());
  EXPECT_TRUE(c.results_json.empty());
  EXPECT_EQ(fed, static_cast<std::int64_t>(bundle.audit_trail.size()));
  ASSERT_TRUE(replay);
  const ReplayReport r = replay->finish(c.bundle->snapshot);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
}

TEST_F(BundleLines, AChangedLineInEachFileIsRefused) {
  for (const char* name : {kCandidatesFile, kRunsFile, kAuditTrailFile}) {
    write();
    edit_lines(name, [](auto& lines) {
      const std::size_t at = lines[0].find("\"uuid\":\"") != std::string::npos ? lines[0].find("\"uuid\":\"") + 8
                                                                                : lines[0].find("\"at\":") + 5;
      lines[0][at] = lines[0][at] == '1' ? '2' : '1';
    });
    refused(std::string(name) + "\u00A0: le contenu ne correspond pas à l’empreinte signée dans results.json");
  }
}

TEST_F(BundleLines, AMissingOrExtraFileIsRefused) {
  for (const char* name : {kCandidatesFile, kRunsFile, kAuditTrailFile}) {
    write();
    fs::remove(file(name));
    refused(std::string(name) + "\u00A0: fichier absent du lot");
  }
  write();
  test::spit(file("notes.txt"), "ajouté");
  refused("notes.txt\u00A0: fichier étranger au lot");
}

TEST_F(BundleLines, ARecordChangedAndSignedAgainIsRefusedByItsLine) {
  // The key's holder turns a decision around: the trail says otherwise.
  write();
  std::int64_t line = 0;
  edit_lines(kRunsFile, [&](auto& lines) {
    for (std::size_t i = 0; i < lines.size() && !line; ++i)
      if (auto at = lines[i].find("\"decided\":\"not_obtained\""); at != std::string::npos) {
        lines[i].replace(at, 24, "\"decided\":\"obtained\"");
        line = static_cast<std::int64_t>(i) + 1;
      } else if (auto at2 = lines[i].find("\"decided\":\"obtained\""); at2 != std::string::npos) {
        lines[i].replace(at2, 20, "\"decided\":\"not_obtained\"");
        line = static_cast<std::int64_t>(i) + 1;
      }
  });
  ASSERT_GT(line, 0);
  sign_again();
  refused("runs.jsonl, ligne " + std::to_string(line) + "\u00A0: /decision\u00A0: la décision du CCP vaut");
}

TEST_F(BundleLines, AReorderedLineIsRefusedByItsLine) {
  write();
  edit_lines(kCandidatesFile, [](auto& lines) {
    ASSERT_GE(lines.size(), 2u);
    std::swap(lines[0], lines[1]);
  });
  sign_again();
  refused("candidates.jsonl, ligne 2\u00A0: /uuid\u00A0: les lignes doivent être dans l’ordre croissant");
  write();
  edit_lines(kAuditTrailFile, [](auto& lines) { std::swap(lines[3], lines[4]); });
  sign_again();
  refused("audit-trail.jsonl, ligne 5\u00A0: /id\u00A0: les entrées doivent être dans l’ordre croissant");
}

TEST_F(BundleLines, ATruncatedLastLineIsRefusedByItsLine) {
  write();
  std::string trail = test::slurp(file(kAuditTrailFile));
  const std::size_t count = lines_of(trail).size();
  trail.resize(trail.size() - 10);
  test::spit(file(kAuditTrailFile), trail);
  sign_again();
  refused("audit-trail.jsonl, ligne " + std::to_string(count) + "\u00A0: dernière ligne incomplète");
}

TEST_F(BundleLines, AnUnknownFieldIsRefusedByItsLineAndPointer) {
  write();
  edit_lines(kRunsFile, [](auto& lines) { lines[0].insert(1, "\"note\":\"ajoutée\","); });
  sign_again();
  const std::string all = refused("runs.jsonl, ligne 1\u00A0: /note");
  // And a line that is not JSON.
  write();
  edit_lines(kCandidatesFile, [](auto& lines) { lines[0] = "{\"uuid\":"; });
  sign_again();
  refused("candidates.jsonl, ligne 1");
}

TEST_F(BundleLines, ExportStreamsABundleThatVerifiesByReplay) {
  ExportOutcome e = export_session(*store, session, lot(), dir.file("cle"), clock.now_ms());
  ASSERT_TRUE(e.ok) << e.summary;
  BundleCheck c = verify_bundle(lot());
  ASSERT_TRUE(c.ok()) << problems(c);
  EXPECT_EQ(c.bundle->format_version, 5);
  EXPECT_EQ(c.bundle->audit_trail.size(), bundle.audit_trail.size());
  const ReplayReport r = check_bundle_by_replay(*c.bundle, plans, grids);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
  // Exported again over it: the same records, byte for byte.
  const std::string runs = test::slurp(file(kRunsFile));
  const std::string trail = test::slurp(file(kAuditTrailFile));
  ASSERT_TRUE(export_session(*store, session, lot(), dir.file("cle"), clock.now_ms()).ok);
  EXPECT_EQ(test::slurp(file(kRunsFile)), runs);
  EXPECT_EQ(test::slurp(file(kAuditTrailFile)), trail);
}

// The last format of one document, made by the build before format 5
// (tests/data/earlier-builds/README.md), verifies and replays.
TEST(BundleFormat4, TheLastSingleDocumentBundleStillVerifies) {
  const std::string lot = std::string(JURYMN_TEST_DATA) + "/earlier-builds/official-format-4/lot";
  BundleCheck c = verify_bundle(lot);
  ASSERT_TRUE(c.ok()) << (c.problems.empty() ? "" : c.problems.front());
  EXPECT_EQ(c.bundle->format_version, 4);
  EXPECT_EQ(c.bundle->snapshot.candidates.size(), 2u);
  EXPECT_EQ(c.bundle->audit_trail.size(), 118u);
  EXPECT_EQ(c.results_digest, sha256_hex(test::slurp(lot + "/results.json")));
  EXPECT_EQ(signed_results_json(c.results_json), c.results_json);
  const auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
  const auto grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
  const ReplayReport r = check_bundle_by_replay(*c.bundle, plans, grids);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems.front());
}

}  // namespace
}  // namespace jurymn
