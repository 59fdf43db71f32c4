// SPDX-License-Identifier: EUPL-1.2
// Child of the disk-fault tests (tests/unit/disk_fault_test.cpp), run in a
// mount namespace of its own so that its mounts vanish with it:
//
//   disk_fault_child tmpfs DIR          (under unshare --user --map-root-user --mount)
//     mounts a 2 MiB tmpfs on DIR/mnt, runs an exam there, fills the file
//     system with a filler file until ENOSPC, checks that the next actions
//     are refused as not written with the disk-full message, removes the
//     filler and checks that the same Store writes again; then tries to
//     remount the file system read-only under the open base; finally
//     reopens the base and checks every acknowledged action.
//
//   disk_fault_child ext4-readonly DIR  (under unshare --mount, real root)
//     mounts an ext4 volume (loop device, errors=remount-ro) on DIR/mnt,
//     runs an exam there, makes the kernel turn the volume read-only as it
//     does after a disk error, checks that the next actions are refused as
//     not written, then does what the message says: jurymn closed, copies
//     the base and its -wal file to another folder, reopens the copy, finds
//     every acknowledged action and writes again.
//
// Prints what it does, one line per step, and "PASS <mode>" at the end;
// exits 1 on the first failed check.
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "disk_fault_run.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/title_json.h"
#include "store/store.h"


// The title jurymn ships, read once from the source tree.
static const jurymn::Title& shipped_title() {
  static const jurymn::Title title = *jurymn::load_title_file(JURYMN_ASSETS "/titles/tp-01336.json").title;
  return title;
}

namespace fs = std::filesystem;
using namespace jurymn;

namespace {

void say(const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  std::printf("disk_fault_child: ");
  std::vprintf(format, args);
  std::printf("\n");
  std::fflush(stdout);
  va_end(args);
}

[[noreturn]] void fail(const std::string& what) {
  say("FAIL %s", what.c_str());
  std::exit(1);
}

void check(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

long long free_bytes(const std::string& dir) {
  struct statvfs v {};
  if (statvfs(dir.c_str(), &v) != 0) return -1;
  return static_cast<long long>(v.f_bavail) * static_cast<long long>(v.f_frsize);
}

struct Exam {
  FakeClock clock;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::unique_ptr<Store> store;
  test::DiskFaultRun run;
  int n = 0;  // the jury's next action

  void open(const std::string& path) {
    OpenResult r = Store::open(path, OpenMode::ReadWrite, clock);
    check(r.store != nullptr, "open " + path + ": " + r.error);
    store = std::move(r.store);
    store->set_title(shipped_title());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids);
  }

  void start(const std::string& path) {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto g = load_grids_dir(JURYMN_GRIDS, plans, &shipped_title());
    check(g.problems.empty(), "grids: " + (g.problems.empty() ? std::string() : g.problems.front().text()));
    grids = g.grids;
    open(path);
    std::string err = run.start(*store);
    check(err.empty(), err);
    for (int k = 0; k < 12; ++k) check(next_ok(), "action " + std::to_string(n) + " refused before any fault");
    say("exam under way in %s: %zu actions acknowledged (session, jury, 3 candidates present, CCP1 started, sheet "
        "drawn, first stage running, %zu marks, observations)",
        path.c_str(), run.acknowledged(), run.marks());
  }

  bool next_ok() {
    clock.advance_ms(15'000);
    ApplyResult r = run.acknowledge(*store, run.next(n));
    if (r) ++n;
    return static_cast<bool>(r);
  }

  // Applies the next actions until the disk refuses one (at most `limit`);
  // returns the refusal, the action stays the next one.
  ApplyResult until_refused(int limit, int& acknowledged_meanwhile) {
    acknowledged_meanwhile = 0;
    for (int k = 0; k < limit; ++k) {
      clock.advance_ms(15'000);
      const auto before = store->audit_entry_count();
      ApplyResult r = run.acknowledge(*store, run.next(n));
      if (!r) {
        check(store->audit_entry_count() == before, "a refused action left an audit entry");
        return r;
      }
      ++n;
      ++acknowledged_meanwhile;
    }
    fail(std::to_string(limit) + " actions were acknowledged on a disk that should refuse them");
  }

  // The refusal is a write failure, reported as such until a write succeeds.
  void check_refusal(const ApplyResult& r, std::string_view message_start) {
    check(!r.ok, "the action was acknowledged");
    check(r.not_written, "refused, but not flagged not_written: " + r.error);
    check(starts_with(r.error, message_start), "message «" + r.error + "» should start with «" + std::string(message_start) + "»");
    check(r.error.find("cette action n’est pas enregistrée") != std::string::npos, "message does not say not saved: " + r.error);
    check(r.error.find("Tout ce qui était déjà enregistré est intact") != std::string::npos, "message does not say the rest is safe");
    check(store->unsaved_reason() == r.error, "Store::unsaved_reason() is not the refusal");
    check(store->unsaved_at() == clock.now_ms(), "Store::unsaved_at() is not the time of the refusal");
    // Reads still work: the screens show the refused action as not done,
    // and the timer, rebuilt from the clock, keeps running.
    std::string diff = run.verify(*store);
    check(diff.empty(), "while refusing: " + diff);
    check(run.timer_state(*store, clock.now_ms()) == TimerState::Running, "the stage timer stopped");
  }

  void check_reopened(const std::string& path) {
    store.reset();
    open(path);
    std::string diff = run.verify(*store);
    check(diff.empty(), "after reopening " + path + ": " + diff);
    say("reopened %s: integrity_check ok, all %zu acknowledged actions present (audit entries, %zu marks, "
        "observations), none of the refused ones",
        path.c_str(), run.acknowledged(), run.marks());
  }
};

// ---------------------------------------------------------------- tmpfs

int disk_full(const std::string& work) {
  const std::string mnt = work + "/mnt";
  fs::create_directories(mnt);
  if (mount("tmpfs", mnt.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=2m,mode=0700") != 0)
    fail("mount -t tmpfs -o size=2m tmpfs " + mnt + ": " + std::strerror(errno));
  say("mounted a 2 MiB tmpfs on %s (%lld bytes free)", mnt.c_str(), free_bytes(mnt));
  const std::string db = mnt + "/jury.db";
  Exam exam;
  exam.start(db);

  // Fill the file system to its last byte.
  const std::string filler = mnt + "/filler";
  int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  check(fd >= 0, "create filler: " + std::string(std::strerror(errno)));
  static char block[65536];
  long long filled = 0;
  for (std::size_t size : {sizeof block, std::size_t{4096}, std::size_t{1}})
    for (ssize_t w; (w = ::write(fd, block, size)) > 0;) filled += w;
  check(errno == ENOSPC, "filler stopped by " + std::string(std::strerror(errno)) + ", not ENOSPC");
  ::close(fd);
  say("filled the file system: filler of %lld bytes, write() now fails with ENOSPC, %lld bytes free", filled,
      free_bytes(mnt));

  int meanwhile = 0;
  ApplyResult r = exam.until_refused(200, meanwhile);
  const Action refused = exam.run.next(exam.n);
  say("%d more actions fitted in space SQLite already had, then action %d was refused: %s", meanwhile, exam.n,
      r.error.c_str());
  exam.check_refusal(r, "Disque plein\u00A0: ");
  for (int k = 1; k <= 3; ++k) {
    exam.clock.advance_ms(15'000);
    ApplyResult again = exam.run.acknowledge(*exam.store, exam.run.next(exam.n + k));
    exam.check_refusal(again, "Disque plein\u00A0: ");
  }
  say("3 more actions refused as not written with the disk-full message; reads, the acknowledged actions and the "
      "running stage timer are intact");

  check(::unlink(filler.c_str()) == 0, "remove filler");
  say("removed the filler: %lld bytes free", free_bytes(mnt));
  exam.clock.advance_ms(15'000);
  ApplyResult redone = exam.run.acknowledge(*exam.store, refused);
  check(redone.ok, "the same Store still refuses once space is back: " + redone.error);
  check(exam.store->unsaved_reason().empty(), "unsaved_reason() not cleared by a successful write");
  ++exam.n;
  for (int k = 0; k < 5; ++k) check(exam.next_ok(), "writing did not resume");
  say("the same Store writes again: the refused action redone and 5 more acknowledged, unsaved_reason() cleared");

  // Read-only under the open base.
  if (mount(nullptr, mnt.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
    check(errno == EBUSY, "mount -o remount,ro failed with " + std::string(std::strerror(errno)) + ", not EBUSY");
    say("mount -o remount,ro %s: refused by Linux (EBUSY) while jurymn holds the base open for writing; nothing "
        "can remount it read-only under a running exam (a volume the kernel forces read-only is the ext4 test)",
        mnt.c_str());
    check(exam.next_ok(), "writing failed after the refused remount");
    say("the next action is acknowledged as before");
  } else {
    say("mount -o remount,ro %s succeeded under the open base", mnt.c_str());
    exam.clock.advance_ms(15'000);
    const Action a = exam.run.next(exam.n);
    ApplyResult ro = exam.run.acknowledge(*exam.store, a);
    check(!ro.ok && ro.not_written, "an action on the read-only file system was not refused as not written");
    say("action refused: %s", ro.error.c_str());
    check(mount(nullptr, mnt.c_str(), nullptr, MS_REMOUNT, nullptr) == 0, "remount rw");
    check(exam.run.acknowledge(*exam.store, a).ok, "writing did not resume after remount rw");
    ++exam.n;
    check(exam.store->unsaved_reason().empty(), "unsaved_reason() not cleared");
    say("remounted read-write: the same Store writes again");
  }

  exam.check_reopened(db);
  say("PASS tmpfs");
  return 0;
}

// ---------------------------------------------------------------- ext4

std::string mounted_device(const std::string& dir) {
  std::ifstream mounts("/proc/self/mounts");
  std::string dev, where, rest;
  while (mounts >> dev >> where && std::getline(mounts, rest))
    if (where == dir) return dev;
  return {};
}

std::string mount_options(const std::string& dir) {
  std::ifstream mounts("/proc/self/mounts");
  std::string dev, where, type, options, rest;
  while (mounts >> dev >> where >> type >> options && std::getline(mounts, rest))
    if (where == dir) return type + " " + options;
  return {};
}

int forced_read_only(const std::string& work) {
  const std::string image = work + "/volume.img", mnt = work + "/mnt";
  fs::create_directories(mnt);
  {
    std::ofstream create(image);
  }
  fs::resize_file(image, std::uintmax_t{32} << 20);
  ::setenv("PATH", (std::string(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin") + ":/usr/sbin:/sbin").c_str(), 1);
  check(std::system(("mkfs.ext2 -q -F '" + image + "'").c_str()) == 0, "mkfs.ext2 " + image);
  check(std::system(("mount -t ext4 -o loop,errors=remount-ro '" + image + "' '" + mnt + "'").c_str()) == 0,
        "mount -o loop,errors=remount-ro " + image);
  const std::string device = mounted_device(mnt);
  check(starts_with(device, "/dev/loop"), "no loop device mounted on " + mnt);
  say("mounted a 32 MiB ext4 volume (%s, errors=remount-ro) on %s", device.c_str(), mnt.c_str());
  const std::string db = mnt + "/jury.db";
  Exam exam;
  exam.start(db);

  // What the kernel does when the disk fails: an ext4 error, and the volume
  // is read-only from then on.
  const std::string trigger = "/sys/fs/ext4/" + fs::path(device).filename().string() + "/trigger_fs_error";
  {
    std::ofstream t(trigger);
    t << "jurymn disk fault test: the disk fails during the exam\n";
    check(t.good(), "write " + trigger);
  }
  say("made the kernel report an ext4 error (%s): the volume is now read-only (%s)", trigger.c_str(),
      mount_options(mnt).c_str());
  {
    const std::string probe = mnt + "/probe";
    int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT, 0600);
    check(fd < 0 && errno == EROFS, "creating a file on the volume should fail with EROFS");
  }

  int meanwhile = 0;
  ApplyResult r = exam.until_refused(1, meanwhile);
  const Action refused = exam.run.next(exam.n);
  say("action %d refused: %s", exam.n, r.error.c_str());
  exam.check_refusal(r, "Le disque refuse l’écriture (passé en lecture seule");
  check(r.error.find("copiez la base") != std::string::npos && r.error.find("--db") != std::string::npos,
        "the message does not say to copy the base elsewhere");
  for (int k = 1; k <= 3; ++k) {
    exam.clock.advance_ms(15'000);
    exam.check_refusal(exam.run.acknowledge(*exam.store, exam.run.next(exam.n + k)), "Le disque refuse l’écriture");
  }
  say("3 more actions refused as not written; reads, the acknowledged actions and the running stage timer are intact");

  // What the message says: jurymn closed, copy the base and its -wal file to
  // another folder, reopen the copy with --db.
  exam.store.reset();
  const std::string elsewhere = work + "/ailleurs";
  fs::create_directories(elsewhere);
  std::string copied;
  for (const char* suffix : {"", "-wal"}) {
    if (!fs::exists(db + suffix)) continue;
    fs::copy_file(db + suffix, elsewhere + "/jury.db" + suffix);
    copied += " jury.db" + std::string(suffix) + " (" + std::to_string(fs::file_size(db + suffix)) + " bytes)";
  }
  say("jurymn closed; copied%s to %s", copied.c_str(), elsewhere.c_str());
  exam.check_reopened(elsewhere + "/jury.db");
  exam.clock.advance_ms(15'000);
  ApplyResult redone = exam.run.acknowledge(*exam.store, refused);
  check(redone.ok, "the copy refuses the action: " + redone.error);
  ++exam.n;
  for (int k = 0; k < 5; ++k) check(exam.next_ok(), "writing to the copy failed");
  exam.check_reopened(elsewhere + "/jury.db");
  exam.store.reset();
  say("the refused action redone and 5 more acknowledged on the copy");
  (void)::umount(mnt.c_str());
  say("PASS ext4-readonly");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: disk_fault_child tmpfs|ext4-readonly DIR\n");
    return 2;
  }
  const std::string mode = argv[1], work = argv[2];
  if (mode == "tmpfs") return disk_full(work);
  if (mode == "ext4-readonly") return forced_read_only(work);
  std::fprintf(stderr, "disk_fault_child: unknown mode %s\n", mode.c_str());
  return 2;
}
