// SPDX-License-Identifier: EUPL-1.2
// Disk faults in the middle of an exam: the disk fills up, the base becomes
// read-only. An action the disk refuses is reported as not written, with a
// plain French message the screens show until a write succeeds again; every
// action acknowledged before is kept, and writing resumes on the same Store
// once the disk accepts it again.
//
// Here at SQLite's level, on the Store's own connection: PRAGMA
// max_page_count (the base may not grow: SQLITE_FULL, as on a full disk)
// and PRAGMA query_only (SQLITE_READONLY, as on a base opened read-only).
// Then for real (tests/disk_fault_child.cpp): a size-limited tmpfs filled
// during a run, and an ext4 volume forced read-only by the kernel.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <filesystem>
#include <string>
#include <vector>

#include "../disk_fault_run.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/store.h"
#include "test_support.h"

extern char** environ;

namespace jurymn {
namespace {

// PRAGMA max_page_count and query_only hold per connection, and the Store
// keeps its connection to itself: catch it as SQLite opens it (an
// auto-extension runs for every connection opened while registered).
sqlite3* g_opened = nullptr;
int catch_connection(sqlite3* db, char**, const sqlite3_api_routines*) {
  g_opened = db;
  return SQLITE_OK;
}

void pragma(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << sql << ": " << (err ? err : "");
}

std::int64_t query(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  std::int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// French typography: a no-break space before : ; ? ! and » and after «,
// typographic apostrophes.
void expect_french_typography(const std::string& m) {
  EXPECT_FALSE(contains(m, "'")) << m;
  for (const char* bad : {" :", " ;", " ?", " !", " »", "« "}) EXPECT_FALSE(contains(m, bad)) << bad << " in " << m;
}

class DiskFault : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::unique_ptr<Store> store;
  sqlite3* db = nullptr;  // the Store's connection
  test::DiskFaultRun run;

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto g = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336());
    ASSERT_TRUE(g.problems.empty()) << g.problems.front().text();
    grids = g.grids;
    g_opened = nullptr;
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(catch_connection));
    open();
    sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(catch_connection));
    db = g_opened;
    ASSERT_NE(db, nullptr);
    ASSERT_EQ(run.start(*store), "");
    for (int n = 0; n < 12; ++n) {
      clock.advance_ms(20'000);
      ASSERT_TRUE(run.acknowledge(*store, run.next(n))) << n;
    }
  }

  void open() {
    auto r = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids);
  }

  // Applies the jury's next actions until the disk refuses one; returns it.
  std::optional<Action> apply_until_refused(int& n, ApplyResult& refused) {
    for (int tries = 0; tries < 5000; ++tries, ++n) {
      clock.advance_ms(5'000);
      Action a = run.next(n);
      const auto before = store->audit_entry_count();
      ApplyResult r = run.acknowledge(*store, a);
      if (r) continue;
      EXPECT_EQ(store->audit_entry_count(), before) << "a refused action left an audit entry";
      refused = r;
      return a;
    }
    return std::nullopt;
  }
};

TEST_F(DiskFault, FullDiskRefusesTheActionKeepsEverythingAcknowledgedAndWritingResumes) {
  // The base may no longer grow: the next pages it needs are refused as a
  // full disk refuses them.
  const auto pages = query(db, "PRAGMA page_count");
  pragma(db, "PRAGMA max_page_count = " + std::to_string(pages));
  int n = 12;
  const std::size_t before_fault = run.acknowledged();
  ApplyResult r;
  auto refused = apply_until_refused(n, r);
  ASSERT_TRUE(refused) << "5000 actions fitted in " << pages << " pages";
  std::printf("base limited to %lld pages: %zu more actions acknowledged, then action %d refused\n",
              static_cast<long long>(pages), run.acknowledged() - before_fault, n);

  EXPECT_TRUE(r.not_written);
  EXPECT_EQ(r.audit_id, 0);
  EXPECT_EQ(r.error.rfind("Disque plein\u00A0: cette action n’est pas enregistrée.", 0), 0u) << r.error;
  EXPECT_TRUE(contains(r.error, "Tout ce qui était déjà enregistré est intact.")) << r.error;
  EXPECT_TRUE(contains(r.error, "Libérez de la place sur ce disque")) << r.error;
  expect_french_typography(r.error);
  EXPECT_EQ(store->unsaved_reason(), r.error);
  EXPECT_EQ(store->unsaved_at(), clock.now_ms());
  // The screens read the store: the refused action shows as not done.
  EXPECT_EQ(run.verify(*store), "");
  // The timer is computed from the clock and the stored events: it runs on.
  EXPECT_EQ(run.timer_state(*store, clock.now_ms()), TimerState::Running);

  // Still full: refused again, the banner stays.
  clock.advance_ms(5'000);
  ApplyResult again = run.acknowledge(*store, *refused);
  EXPECT_FALSE(again);
  EXPECT_TRUE(again.not_written);
  EXPECT_EQ(store->unsaved_at(), clock.now_ms());
  EXPECT_FALSE(store->unsaved_reason().empty());

  // Space again: the same Store writes, the jury redoes the action.
  pragma(db, "PRAGMA max_page_count = 1073741823");
  clock.advance_ms(5'000);
  ApplyResult redone = run.acknowledge(*store, *refused);
  ASSERT_TRUE(redone) << redone.error;
  EXPECT_FALSE(redone.not_written);
  EXPECT_EQ(store->unsaved_reason(), "");
  for (int k = 1; k <= 5; ++k) ASSERT_TRUE(run.acknowledge(*store, run.next(n + k)));

  // Closed and opened again: every acknowledged action is there.
  store.reset();
  open();
  EXPECT_EQ(store->integrity_check(), "ok");
  EXPECT_EQ(run.verify(*store), "");
  EXPECT_EQ(store->unsaved_reason(), "");
}

TEST_F(DiskFault, ReadOnlyBaseRefusesTheActionAndWritingResumes) {
  pragma(db, "PRAGMA query_only = ON");
  clock.advance_ms(5'000);
  const Action a = run.next(12);
  ApplyResult r = run.acknowledge(*store, a);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.not_written);
  EXPECT_EQ(r.error.rfind("La base est en lecture seule", 0), 0u) << r.error;
  EXPECT_TRUE(contains(r.error, "cette action n’est pas enregistrée.")) << r.error;
  EXPECT_TRUE(contains(r.error, "Tout ce qui était déjà enregistré est intact.")) << r.error;
  EXPECT_TRUE(contains(r.error, "copiez la base")) << r.error;
  EXPECT_TRUE(contains(r.error, "--db")) << r.error;
  expect_french_typography(r.error);
  EXPECT_EQ(store->unsaved_reason(), r.error);
  EXPECT_EQ(run.verify(*store), "");
  EXPECT_EQ(run.timer_state(*store, clock.now_ms()), TimerState::Running);

  pragma(db, "PRAGMA query_only = OFF");
  ASSERT_TRUE(run.acknowledge(*store, a));
  EXPECT_EQ(store->unsaved_reason(), "");
  store.reset();
  open();
  EXPECT_EQ(run.verify(*store), "");
}

// ---------------------------------------------------------------- for real

struct ChildRun {
  int status = -1;
  std::string output;  // stdout and stderr
};

ChildRun run_command(std::vector<std::string> args) {
  int out[2];
  ChildRun c;
  if (pipe(out) != 0) return c;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, out[1], 2);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    c.output = args[0] + ": " + std::strerror(rc);
    return c;
  }
  char buf[4096];
  for (ssize_t k; (k = read(out[0], buf, sizeof buf)) > 0;) c.output.append(buf, static_cast<std::size_t>(k));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  c.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return c;
}

// A size-limited tmpfs in a user and mount namespace of its own (no real
// root needed), filled with a filler file during the run, then freed.
TEST(DiskFaultForReal, TmpfsFilledDuringTheRunThenFreed) {
  test::TempDir dir;
  ChildRun c = run_command({"unshare", "--user", "--map-root-user", "--mount", JURYMN_DISK_FAULT_CHILD, "tmpfs",
                            dir.path().string()});
  std::printf("%s", c.output.c_str());
  if (c.status != 0 && (c.output.rfind("unshare:", 0) == 0 || !contains(c.output, "disk_fault_child")))
    FAIL() << "unshare --user --map-root-user --mount is unavailable here, so the disk-full test cannot run: "
           << c.output
           << "It needs user namespaces (sysctl user.max_user_namespaces > 0, "
              "kernel.unprivileged_userns_clone = 1, a container that allows unshare).";
  ASSERT_EQ(c.status, 0) << "the child failed: see its output above";
  EXPECT_TRUE(contains(c.output, "PASS tmpfs"));
}

// An ext4 volume (loop device) that the kernel turns read-only after an
// error, as it does with a failing disk or key: needs real root for the
// loop device, else skipped with the reason.
TEST(DiskFaultForReal, Ext4VolumeForcedReadOnlyDuringTheRun) {
  if (geteuid() != 0) GTEST_SKIP() << "needs real root (loop device, ext4 mount): run the suite as root to cover it";
  if (!std::filesystem::exists("/dev/loop-control")) GTEST_SKIP() << "no /dev/loop-control: no loop devices here";
  if (!std::filesystem::exists("/sbin/mkfs.ext2") && !std::filesystem::exists("/usr/sbin/mkfs.ext2"))
    GTEST_SKIP() << "mkfs.ext2 missing (package e2fsprogs)";
  test::TempDir dir;
  ChildRun c = run_command({"unshare", "--mount", JURYMN_DISK_FAULT_CHILD, "ext4-readonly", dir.path().string()});
  std::printf("%s", c.output.c_str());
  ASSERT_EQ(c.status, 0) << "the child failed: see its output above";
  EXPECT_TRUE(contains(c.output, "PASS ext4-readonly"));
}

}  // namespace
}  // namespace jurymn
