// SPDX-License-Identifier: EUPL-1.2
// Kills a writer with SIGKILL at random moments: after each kill the file
// must be intact and hold every action the writer reported as committed.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "store/store.h"
#include "test_support.h"

extern char** environ;

namespace jurymn {
namespace {

struct ChildOutput {
  std::set<std::string> committed;
  std::set<std::string> present;
  bool ready = false;  // the child said it had opened the base
};

// Parses the child's complete lines: a line cut by the kill was never reported.
void take_lines(const std::string& text, ChildOutput& o) {
  std::istringstream lines(text);
  std::string word, number;
  for (std::string line; std::getline(lines, line);) {
    if (lines.eof() && (text.empty() || text.back() != '\n')) break;
    std::istringstream l(line);
    l >> word >> number;
    if (word == "ready") o.ready = true;
    else (word == "committed" ? o.committed : o.present).insert(number);
  }
}

// Starts the child and kills it once it has reported `commits` committed
// writes (0: as soon as it says it is ready), then `extra_us` later: the
// moment is measured from the child's own progress, never from the clock, so
// a slow machine or a sanitizer build kills it at the same points.
ChildOutput run_and_kill(const std::string& db, const std::string& run, std::size_t commits, int extra_us) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  std::string child = JURYMN_CRASH_CHILD;
  std::vector<char*> argv = {child.data(), const_cast<char*>(db.c_str()), const_cast<char*>(run.c_str()), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, child.c_str(), &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  std::string text;
  char buf[4096];
  bool killed = false;
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) {
    text.append(buf, static_cast<std::size_t>(n));
    if (killed) continue;
    ChildOutput so_far;
    take_lines(text, so_far);
    if (so_far.ready && so_far.committed.size() >= commits) {
      if (extra_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(extra_us));
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  if (!killed) kill(pid, SIGKILL);  // it ended early: the checks below say why
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  ChildOutput o;
  take_lines(text, o);
  return o;
}

TEST(CrashSafety, SigkillAtRandomMomentsLosesNothingReported) {
  test::TempDir dir;
  const std::string db = dir.file("crash.db");
  std::mt19937 rng(std::random_device{}());
  // Killed after 0 to 40 of its own commits, then up to 2 ms into the next.
  std::uniform_int_distribution<std::size_t> commits(0, 40);
  std::uniform_int_distribution<int> extra_us(0, 2000);
  std::set<std::string> all_committed, all_present;
  int kills = 0;
  for (int i = 0; i < 50; ++i) {
    const std::size_t target = commits(rng);
    ChildOutput o = run_and_kill(db, "r" + std::to_string(i), target, extra_us(rng));
    ++kills;
    ASSERT_TRUE(o.ready) << "kill " << kills << ": the child never said it was ready (see its stderr)";
    ASSERT_GE(o.committed.size(), target) << "kill " << kills << ": the child stopped before being killed";
    all_committed.insert(o.committed.begin(), o.committed.end());
    all_present.insert(o.present.begin(), o.present.end());

    FakeClock clock;
    OpenResult r = Store::open(db, OpenMode::ReadWrite, clock);
    ASSERT_TRUE(r.store) << "after kill " << kills << ": " << r.error;
    ASSERT_EQ(r.store->integrity_check(), "ok") << "after kill " << kills;
    auto sessions = r.store->sessions();
    if (all_committed.empty()) continue;
    ASSERT_EQ(sessions.size(), 1u);
    std::map<std::string, Attendance> found;
    for (const auto& c : r.store->candidates(sessions[0].uuid)) found[c.data.number] = c.attendance;
    for (const auto& n : all_committed) ASSERT_TRUE(found.count(n)) << n << " reported committed but lost";
    for (const auto& n : all_present) ASSERT_EQ(found[n], Attendance::Present) << n;
    // One audit entry per committed write, none orphaned (the creation
    // writes two: the session and its rules' declaration).
    ASSERT_EQ(r.store->audit_entry_count(),
              2 + static_cast<std::int64_t>(found.size()) +
                  static_cast<std::int64_t>(std::count_if(found.begin(), found.end(), [](auto& p) {
                    return p.second == Attendance::Present;
                  })));
  }
  EXPECT_EQ(kills, 50);
  EXPECT_GT(all_committed.size(), 50u) << "the child should have committed work before most kills";
}

}  // namespace
}  // namespace jurymn
