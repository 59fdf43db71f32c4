// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Temporary folders and small builders shared by the tests.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <gtest/gtest.h>
#include <random>
#include <stdexcept>
#include <string>

#include "core/audit_trail.h"
#include "core/clock.h"
#include "core/results_bundle.h"
#include "core/sheet_draw.h"
#include "io/title_json.h"
#include "store/demo.h"
#include "store/replay.h"
#include "store/store.h"

namespace jurymn::test {

inline const ExamKit& shipped_kit();

class TempDir {
public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("jurymn-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  // Every jurymn database a test leaves here must hold an intact audit
  // chain (`jurymn audit verify` passes on whatever the tests create), and
  // the records of each jury's session must be what replaying its trail in
  // memory gives, field by field (check_store_by_replay, as audit verify):
  // the whole suite proves the rules against every trail it writes. A test
  // that edits a base behind jurymn, forges a trail or breaks a file says so,
  // with its reason: dir.tampered("why").
  ~TempDir() {
    if (!tampered_) check_databases();
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  void tampered(const char* why) { tampered_ = why; }
  // The bases here are replayed under `kit` rather than the shipped title,
  // plans and grids (a test's own title).
  void replay_under(const ExamKit& kit) { kit_ = kit; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

private:
  void check_databases() const {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string who = test ? std::string(test->test_suite_name()) + "." + test->name() : "(hors test)";
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".db") continue;
      const std::string name = it->path().lexically_relative(path_).string();
      FakeClock clock;
      // Foreign, damaged or older files are refused by open(): nothing to walk.
      auto opened = Store::open(it->path().string(), OpenMode::ReadOnly, clock);
      if (!opened.store) continue;
      const AuditChainReport r = opened.store->verify_audit_chain();
      EXPECT_TRUE(r.intact()) << who << ", " << name << " : " << r.summary();
      if (!r.intact()) continue;
      // Replayed under what jurymn ships, as the installed program would:
      // a plan or grid version a test made up is « unproven », not wrong.
      opened.store->set_exam_kit(kit_ ? *kit_ : shipped_kit());
      // A centre's sessions, gathered from bundles, are not replayed here
      // (each bundle was replayed at its merge); its enrolled keys are
      // checked against its trail. audit verify's re-merge of the kept
      // bundles is left to the centre's own tests: it writes a base a bundle.
      const auto start = std::chrono::steady_clock::now();
      const ReplayReport replay = check_store_by_replay(*opened.store);
      const auto spent = std::chrono::steady_clock::now() - start;
      EXPECT_TRUE(replay.ok()) << who << ", " << name << " : les données ne sont pas celles que donne le rejeu du "
                               << "journal (" << replay.problems.size() << " écart(s)), le premier\u00A0: "
                               << (replay.problems.empty() ? std::string() : replay.problems.front());
      tally(*opened.store, replay, spent, who + " " + name);
    }
  }
  // With JURYMN_REPLAY_TALLY=FILE, one line a database checked: jury or
  // centre, its sessions, the entries replayed, the microseconds the replay
  // took, its unproven lines, the test and the file, the first unproven line
  // (the suite's measure of what it costs and of what it cannot prove).
  static void tally(const Store& store, const ReplayReport& replay, std::chrono::steady_clock::duration spent,
                    const std::string& where) {
    const char* out = std::getenv("JURYMN_REPLAY_TALLY");
    if (!out || !*out) return;
    std::ofstream f(out, std::ios::app);
    f << (store.centre_base() ? "centre" : "jury") << ' ' << store.sessions().size() << ' ' << replay.entries_replayed
      << ' ' << std::chrono::duration_cast<std::chrono::microseconds>(spent).count() << ' ' << replay.unproven.size()
      << ' ' << where << " " << (replay.unproven.empty() ? std::string() : replay.unproven.front()) << '\n';
  }
  std::filesystem::path path_;
  const char* tampered_ = nullptr;  // why the bases here are not checked
  std::optional<ExamKit> kit_;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

// The shipped plans and grids copied into `root`/plans and `root`/grids,
// beside `title_json` written as `root`/titles/tp-01336.json: a title of
// the test's own (a third CCP, another number of sheets) over the shipped
// exam files. Load it with load_written_kit once the test's own files are there.
inline void write_exam_files(const std::filesystem::path& root, const std::string& title_json) {
  namespace fs = std::filesystem;
  for (const char* sub : {"titles", "plans", "grids"}) fs::create_directories(root / sub);
  spit((root / "titles" / "tp-01336.json").string(), title_json);
  for (const char* f : {"ccp1.json", "ccp2.json"}) {
    fs::copy_file(fs::path(JURYMN_ASSETS) / "plans" / f, root / "plans" / f);
    fs::copy_file(fs::path(JURYMN_GRIDS) / f, root / "grids" / f);
  }
}

// The kit written by write_exam_files (and the test's own files) in `root`.
inline ExamKit load_written_kit(const std::filesystem::path& root) {
  return load_exam_kit((root / "titles" / "tp-01336.json").string(), (root / "plans").string(),
                       (root / "grids").string());
}

// The title jurymn ships (assets/titles/tp-01336.json), loaded once.
inline const Title& tp01336() {
  static const Title title = [] {
    TitleLoad t = load_title_file(JURYMN_ASSETS "/titles/tp-01336.json");
    if (!t.title) throw std::runtime_error("tp-01336.json: " + (t.problems.empty() ? std::string() : t.problems[0].text()));
    return *t.title;
  }();
  return title;
}

// The shipped title with its plans and grids, loaded once.
inline const ExamKit& shipped_kit() {
  static const ExamKit kit =
      load_exam_kit(JURYMN_ASSETS "/titles/tp-01336.json", JURYMN_ASSETS "/plans", JURYMN_GRIDS);
  return kit;
}

// A jury laptop's store on `path` with the shipped title, plans and grids
// (and `random` for draws); null, reported as a test failure, if it fails.
inline std::unique_ptr<Store> open_jury_store(const std::string& path, const Clock& clock,
                                              RandomSource* random = nullptr) {
  auto r = Store::open(path, OpenMode::ReadWrite, clock);
  EXPECT_TRUE(r.store) << r.error;
  if (!r.store) return nullptr;
  r.store->set_exam_kit(shipped_kit());
  if (random) r.store->set_random_source(random);
  return std::move(r.store);
}

// The demo session (jurymn demo) written to `path` and opened as a jury
// laptop's store; its uuid in `session`. Null, reported as a test failure,
// if it fails.
inline std::unique_ptr<Store> open_demo_store(const std::string& path, const Clock& clock, std::string& session,
                                              std::uint32_t seed = 7) {
  SeededRandomSource random(seed);
  DemoResult d = create_demo_session(path, tp01336(), shipped_kit().plans, shipped_kit().grids, random, clock.now_ms());
  EXPECT_TRUE(d.error.empty()) << d.error;
  if (!d.error.empty()) return nullptr;
  session = d.session_uuid;
  return open_jury_store(path, clock);
}

// A jury member's PIN record and key, one per name, derived once at the
// interactive cost (the centre refuses an official bundle with cheaper PIN
// keys; 0.12 s a name, once per test process): tests add members with
// member_pin(name).record and confirm with member_pin(name).key.
inline const NewMemberPin& member_pin(const std::string& name) {
  static std::map<std::string, NewMemberPin> pins;
  auto it = pins.find(name);
  if (it == pins.end())
    it = pins.emplace(name, new_member_pin("pin-" + name, PinCost::interactive())).first;
  return it->second;
}

inline SessionInput session_input(SessionKind kind = SessionKind::Official) {
  return SessionInput{"Session CCP1 — mai 2026", "2026-05-18", "GIE Francil’IN formations", kind, {"CCP1", "CCP2"}};
}

inline CandidateInput candidate_input(const std::string& number, const std::string& last = "Dupré",
                                      const std::string& first = "Éloïse") {
  CandidateInput c;
  c.number = number;
  c.last_name = last;
  c.first_name = first;
  c.ccps = {"CCP1"};
  c.sheets = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir France Connect"};
  return c;
}

// Every problem of a plan or grid load, one per line.
template <class Load>
std::string all_problem_texts(const Load& l) {
  std::string s;
  for (const auto& p : l.problems) s += p.text() + "\n";
  return s;
}

// The load is refused with a problem at `pointer` whose message contains
// `words`, and whose text names `file` and the pointer.
template <class Load>
void expect_problem(const Load& l, const std::string& file, const std::string& pointer, const std::string& words) {
  EXPECT_FALSE(l.ok());
  for (const auto& p : l.problems) {
    if (p.pointer != pointer || p.message.find(words) == std::string::npos) continue;
    EXPECT_EQ(p.file, file);
    EXPECT_EQ(p.text().rfind(file + "\u00A0: " + pointer + "\u00A0: ", 0), 0u) << p.text();
    return;
  }
  ADD_FAILURE() << "no problem at " << pointer << " with «\u00A0" << words << "\u00A0»; got:\n" << all_problem_texts(l);
}

// Runs a CCP1 to its end through actions: the draw, then every stage of
// the current plan on time. `apply` reports each refusal as a test failure.
template <class Apply>
void finish_ccp1(Store& store, FakeClock& clock, const std::string& run, Apply apply) {
  apply(action::DrawSheet{run, ""});
  const ExamPlan& plan = *store.current_plan("CCP1");
  apply(action::RecordTimerEvent{run, TimerEventKind::Start, plan.stages[0].id, 0, ""});
  for (std::size_t i = 1; i < plan.stages.size(); ++i) {
    clock.advance_ms(plan.stages[i - 1].duration_ms);
    apply(action::RecordTimerEvent{run, TimerEventKind::Next, "", 0, ""});
  }
  clock.advance_ms(plan.stages.back().duration_ms);
  apply(action::RecordTimerEvent{run, TimerEventKind::End, "", 0, ""});
}

// A bundle's trail edited after the fact, its chain recomputed as a
// forger's script would: every hash, the head and its count hold again, so
// only the replay (or a signature over an entry) can tell.
inline void rechain(ResultsBundle& b) {
  std::string prev;
  for (auto& e : b.audit_trail) {
    e.prev_hash = prev;
    e.hash = audit_hash(prev, audit_line(e));
    prev = e.hash;
  }
  b.audit.digest = prev;
  b.audit.entries = static_cast<std::int64_t>(b.audit_trail.size());
}

}  // namespace jurymn::test
