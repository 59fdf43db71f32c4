// POSIX side of the platform seam (Linux). The Windows build provides
// platform_win32.cpp with the same functions.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "app/platform.h"

namespace jurymn::platform {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
}  // namespace

std::string home_dir() {
  std::string h = env("HOME");
  return h.empty() ? "." : h;
}

std::string data_dir() {
  std::string base = env("XDG_DATA_HOME");
  if (base.empty()) base = home_dir() + "/.local/share";
  return base + "/jurymn";
}

std::string config_dir() {
  std::string base = env("XDG_CONFIG_HOME");
  if (base.empty()) base = home_dir() + "/.config";
  return base + "/jurymn";
}

std::string executable_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

namespace {
class PosixFileLock final : public FileLock {
public:
  explicit PosixFileLock(int fd) : fd_(fd) {}
  ~PosixFileLock() override { ::close(fd_); }  // closing releases the flock

private:
  int fd_;
};
}  // namespace

LockAttempt try_lock(const std::string& lock_path) {
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return {nullptr, {}, std::strerror(errno)};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[256] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0')) holder.pop_back();
    return {nullptr, holder, {}};
  }
  char host[128] = {};
  ::gethostname(host, sizeof host - 1);
  std::string who = "processus " + std::to_string(::getpid()) + " sur " + host + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto w = ::pwrite(fd, who.data(), who.size(), 0);
  }
  return {std::make_unique<PosixFileLock>(fd), {}, {}};
}

ProcessFigures process_figures() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  ProcessFigures f;
  f.cpu_seconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                  static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  f.peak_rss_kib = ru.ru_maxrss;  // kilobytes on Linux
  return f;
}

bool display_available() { return !env("DISPLAY").empty() || !env("WAYLAND_DISPLAY").empty(); }

bool local_calendar_time(std::time_t seconds, std::tm& out) { return localtime_r(&seconds, &out) != nullptr; }

void random_bytes(void* buf, std::size_t n) {
  auto* p = static_cast<unsigned char*>(buf);
  while (n > 0) {
    ssize_t got = ::getrandom(p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::abort();  // no secure randomness: never fall back to a weak source
    }
    p += got;
    n -= static_cast<std::size_t>(got);
  }
}

bool make_owner_only(const std::string& path) { return ::chmod(path.c_str(), 0600) == 0; }

bool open_document(const std::string& path) {
  // Double fork: the viewer is not our child, so it never lingers as a zombie.
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    if (::fork() == 0) {
      int null = ::open("/dev/null", O_RDWR);
      if (null >= 0) {
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
      }
      ::execlp("xdg-open", "xdg-open", path.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace jurymn::platform
