// SPDX-License-Identifier: EUPL-1.2
// POSIX side of the platform seam (Linux). The Windows build provides
// platform_win32.cpp with the same functions.
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>

#include <stdio.h>  // renameat2

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "platform/platform.h"

namespace jurymn::platform {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
}  // namespace

std::vector<std::string> arguments(int argc, char** argv) { return {argv, argv + argc}; }

std::string home_dir() {
  std::string h = env("HOME");
  return h.empty() ? "." : h;
}

std::string user_name() {
  // The account, not $USER (which anyone sets); $USER only when the
  // account has no entry (a container without /etc/passwd line).
  if (const struct passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  return env("USER");
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

unsigned hard_link_count(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<unsigned>(st.st_nlink);
}

OpenedDocument open_document(const std::string& path) {
  // xdg-open returns once the document is handed over (3 when no
  // application, a browser for a page, is found; 4 when it failed), but a
  // browser it starts itself may keep it running: its answer is awaited for
  // a short while, then it is left to run. Double fork: neither lingers as a
  // zombie. The middle child passes xdg-open's exit code on (127: none).
  constexpr int kRunning = 200;
  pid_t pid = ::fork();
  if (pid < 0) return {false, "impossible de lancer un programme (" + std::string(std::strerror(errno)) + ")"};
  if (pid == 0) {
    const pid_t opener = ::fork();
    if (opener < 0) ::_exit(126);
    if (opener == 0) {
      int null = ::open("/dev/null", O_RDWR);
      if (null >= 0) {
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
      }
      ::execlp("xdg-open", "xdg-open", path.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int waited_ms = 0; waited_ms < 1500; waited_ms += 10) {
      int status = 0;
      if (::waitpid(opener, &status, WNOHANG) == opener)
        ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 4);
      ::usleep(10'000);
    }
    ::_exit(kRunning);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 4;
  if (code == 0 || code == kRunning) return {true, {}};
  if (code == 127) return {false, "aucun navigateur trouvé (xdg-open, qui l’ouvre d’ordinaire, est absent de cet ordinateur)"};
  if (code == 3) return {false, "aucun navigateur trouvé sur cet ordinateur"};
  return {false, "le navigateur ne l’a pas ouvert (xdg-open a répondu " + std::to_string(code) + ")"};
}

}  // namespace jurymn::platform

namespace jurymn::platform {

namespace {

// The cause of a failed call, in French, for the jury or the centre.
std::string cause(int e) {
  switch (e) {
    case ENOSPC: return "disque plein";
    case EDQUOT: return "quota du disque dépassé";
    case EROFS: return "volume en lecture seule (clé USB protégée\u00A0?)";
    case EACCES:
    case EPERM: return "accès refusé";
    case ENOENT: return "fichier ou dossier introuvable";
    case ENOTDIR: return "un élément du chemin n’est pas un dossier";
    case EISDIR: return "c’est un dossier";
    case ELOOP: return "c’est un lien symbolique";
    case EIO: return "erreur d’entrée-sortie du disque";
    case ENAMETOOLONG: return "nom trop long";
    case EMFILE:
    case ENFILE: return "trop de fichiers ouverts";
    case EFBIG: return "fichier trop grand pour ce volume";
    case EBUSY: return "fichier occupé";
    default: return std::string(std::strerror(e)) + " (erreur " + std::to_string(e) + ")";
  }
}

class Fd {
public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

private:
  int fd_;
};

std::string kind_of(mode_t m) {
  if (S_ISDIR(m)) return "c’est un dossier, pas un fichier";
  if (S_ISFIFO(m)) return "c’est un tube (FIFO), pas un fichier";
  if (S_ISCHR(m) || S_ISBLK(m)) return "c’est un périphérique, pas un fichier";
  if (S_ISSOCK(m)) return "c’est une socket, pas un fichier";
  if (S_ISLNK(m)) return "c’est un lien symbolique, pas un fichier";
  return "ce n’est pas un fichier ordinaire";
}

}  // namespace

FileRead read_regular_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: a
  // final link is refused, not followed.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    const int e = errno;
    return {{}, path + "\u00A0: lecture impossible (" + cause(e) + ")."};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return {{}, path + "\u00A0: lecture impossible (" + cause(errno) + ")."};
  if (!S_ISREG(st.st_mode)) return {{}, path + "\u00A0: " + kind_of(st.st_mode) + "."};
  const auto too_big = [&] {
    return FileRead{{}, path + "\u00A0: fichier trop volumineux (plus de " + std::to_string(max_bytes / 1024) +
                            "\u00A0Kio)\u00A0: ce n’est pas un fichier de jurymn."};
  };
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) return too_big();
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  // Read one byte past the size seen: a file still growing is caught too.
  char extra;
  for (;;) {
    char* at = got < bytes.size() ? bytes.data() + got : &extra;
    const std::size_t want = got < bytes.size() ? bytes.size() - got : 1;
    const ssize_t n = ::read(fd.get(), at, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {{}, path + "\u00A0: erreur de lecture (" + cause(errno) + ")."};
    }
    if (n == 0) break;
    if (got >= bytes.size()) return too_big();
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return {std::move(bytes), {}};
}

std::string write_file_durably(const std::string& path, std::string_view bytes, bool owner_only) {
  namespace fs = std::filesystem;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return path + "\u00A0: " + kind_of(st.st_mode) + "\u00A0; rien n’a été écrit.";
  const fs::path target(path);
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  // A fresh name each time: a planted or left-over temporary file is never
  // reused, and O_EXCL refuses one that appears in between.
  std::string tmp_name = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  Fd fd(::mkostemp(tmp_name.data(), O_CLOEXEC));
  if (fd.get() < 0) return path + "\u00A0: écriture impossible (" + cause(errno) + ").";
  auto fail = [&](int e, const char* what) {
    ::unlink(tmp_name.c_str());
    return path + "\u00A0: " + what + " (" + cause(e) + ")\u00A0; le fichier précédent, s’il existait, est intact.";
  };
  // mkostemp creates 0600; a file others may read gets its mode now, before
  // a byte is written, never after.
  if (!owner_only && ::fchmod(fd.get(), 0644) != 0) return fail(errno, "écriture impossible");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno, "écriture interrompue");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail(errno, "écriture non confirmée par le disque");
  if (::close(fd.release()) != 0) return fail(errno, "écriture non confirmée par le disque");
  if (::rename(tmp_name.c_str(), path.c_str()) != 0) return fail(errno, "écriture impossible");
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // the rename itself reaches the disk
  return {};
}

std::string sync_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0)
    return path + "\u00A0: écriture non confirmée par le disque (" + cause(errno) + ").";
  return {};
}

std::string make_folder_beside(const std::string& path, std::string& out) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  std::string name = (folder / ("." + target.filename().string() + ".en-cours-XXXXXX")).string();
  if (!::mkdtemp(name.data())) return path + "\u00A0: dossier impossible à créer (" + cause(errno) + ").";
  out = name;
  return {};
}

std::string replace_folder(const std::string& fresh, const std::string& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) {
    if (::rename(fresh.c_str(), target.c_str()) != 0) return target + "\u00A0: " + cause(errno) + ".";
  } else {
    if (!S_ISDIR(st.st_mode)) return target + "\u00A0: " + kind_of(st.st_mode) + "\u00A0; rien n’a été écrit.";
    // One atomic exchange: the old bundle or the new one, never neither.
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(fresh, ec);  // now the previous bundle
    } else if (errno == EINVAL || errno == ENOSYS) {
      // A volume without exchange (FAT on a USB key): the previous bundle
      // steps aside under a name of its own, then the new one takes its place.
      const std::string aside = fresh + ".ancien";
      if (::rename(target.c_str(), aside.c_str()) != 0)
        return target + "\u00A0: " + cause(errno) + "\u00A0; le lot précédent est intact.";
      if (::rename(fresh.c_str(), target.c_str()) != 0) {
        const int e = errno;
        ::rename(aside.c_str(), target.c_str());
        return target + "\u00A0: " + cause(e) + "\u00A0; le lot précédent est remis en place.";
      }
      fs::remove_all(aside, ec);
    } else {
      return target + "\u00A0: " + cause(errno) + "\u00A0; le lot précédent est intact.";
    }
  }
  const fs::path parent = fs::path(target).parent_path();
  Fd dir(::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
  return {};
}

bool readable_by_others(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  return (st.st_mode & (S_IRWXG | S_IRWXO)) != 0;
}

}  // namespace jurymn::platform

// ---- File dialogs: zenity or kdialog as a child process ----

namespace jurymn::platform {

namespace {

std::string find_on_path(const char* program) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::string dirs(path);
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + program;
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

class ChildDialog final : public FileDialog {
public:
  ChildDialog(pid_t pid, int out) : pid_(pid), out_(out) {}
  ~ChildDialog() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (out_ >= 0) ::close(out_);
  }
  State poll() override {
    if (state_ != State::Open) return state_;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(out_, buf, sizeof buf);
      if (n > 0) output_.append(buf, static_cast<std::size_t>(n));
      else break;  // 0: end; -1: nothing yet (EAGAIN) or an error
    }
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == 0) return state_;
    pid_ = -1;
    for (;;) {  // what was written just before the end
      const ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) break;
      output_.append(buf, static_cast<std::size_t>(n));
    }
    while (!output_.empty() && (output_.back() == '\n' || output_.back() == '\r')) output_.pop_back();
    const bool ok = done > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && !output_.empty() &&
                    output_.find('\n') == std::string::npos;
    state_ = ok ? State::Chosen : State::Cancelled;
    return state_;
  }
  std::string path() const override { return state_ == State::Chosen ? output_ : std::string(); }

private:
  pid_t pid_;
  int out_;
  std::string output_;
  State state_ = State::Open;
};

}  // namespace

std::unique_ptr<FileDialog> open_file_dialog(const FileDialogRequest& r) {
  if (const char* choice = std::getenv("JURYMN_FILE_DIALOG"); choice && std::strcmp(choice, "none") == 0) return nullptr;
  if (!display_available()) return nullptr;
  std::vector<std::string> args;
  if (std::string zenity = find_on_path("zenity"); !zenity.empty()) {
    args = {zenity, "--file-selection", "--title=" + r.title};
    if (r.folder) args.push_back("--directory");
    if (!r.start.empty()) args.push_back("--filename=" + r.start + "/");
    if (!r.folder && !r.pattern.empty()) args.push_back("--file-filter=" + r.filter_name + " | " + r.pattern);
  } else if (std::string kdialog = find_on_path("kdialog"); !kdialog.empty()) {
    args = {kdialog, r.folder ? "--getexistingdirectory" : "--getopenfilename", r.start.empty() ? home_dir() : r.start};
    if (!r.folder && !r.pattern.empty()) args.push_back(r.pattern + "|" + r.filter_name);
    args.insert(args.end(), {"--title", r.title});
  } else {
    return nullptr;
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return nullptr;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return nullptr;
  }
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    const int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, STDERR_FILENO);  // GTK's warnings are not ours
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ::fcntl(pipe_fds[0], F_SETFL, ::fcntl(pipe_fds[0], F_GETFL) | O_NONBLOCK);
  return std::make_unique<ChildDialog>(pid, pipe_fds[0]);
}

}  // namespace jurymn::platform

// ---- Removable volumes: what the desktop mounted under /media ----

namespace jurymn::platform {

namespace {
// The mount table writes a space as \040, a tab \011, a newline \012 and a
// backslash \134 (a key labelled « CLE JURY »).
std::string mount_field(const std::string& raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 3 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '3' && raw[i + 2] >= '0' &&
        raw[i + 2] <= '7' && raw[i + 3] >= '0' && raw[i + 3] <= '7') {
      out += static_cast<char>((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
      i += 3;
    } else {
      out += raw[i];
    }
  }
  return out;
}
}  // namespace

std::vector<Volume> removable_volumes() {
  const std::string table = env("JURYMN_MOUNTS").empty() ? "/proc/self/mounts" : env("JURYMN_MOUNTS");
  std::vector<std::string> roots = {"/media/", "/run/media/"};
  if (std::string test_root = env("JURYMN_MEDIA_ROOT"); !test_root.empty()) roots = {test_root + "/"};
  std::vector<Volume> out;
  FILE* f = std::fopen(table.c_str(), "re");
  if (!f) return out;
  char line[4096];
  while (std::fgets(line, sizeof line, f)) {
    char device[1024], mount[2048], type[256], options[1024];
    if (std::sscanf(line, "%1023s %2047s %255s %1023s", device, mount, type, options) != 4) continue;
    const std::string where = mount_field(mount);
    bool under = false;
    for (const auto& r : roots) under = under || (where.size() > r.size() && where.compare(0, r.size(), r) == 0);
    // Only what can be written to (not a CD, nor a key mounted read-only,
    // which even root could not write): the key to carry the results.
    const std::string opts = std::string(",") + options + ",";
    if (!under || opts.find(",ro,") != std::string::npos || ::access(where.c_str(), W_OK) != 0) continue;
    struct stat st {};
    if (::stat(where.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    bool seen = false;
    for (const auto& v : out) seen = seen || v.path == where;
    if (!seen) out.push_back({std::filesystem::path(where).filename().string(), where});
  }
  std::fclose(f);
  return out;
}

}  // namespace jurymn::platform

namespace jurymn::platform {

// A terminal speaks UTF-8 here: nothing to relay.
struct ConsoleText::Relay {};
ConsoleText::ConsoleText() = default;
ConsoleText::~ConsoleText() = default;

System this_system() { return System::Linux; }

bool error_output_seen() {
  struct stat st {};
  return ::fstat(STDERR_FILENO, &st) == 0;
}

bool show_error_box(const std::string&, const std::string&) { return false; }

std::unique_ptr<RunningMarker> mark_running(const char*) { return std::make_unique<RunningMarker>(); }

std::string example_path(const std::string& file_name) { return "/home/…/" + file_name; }

}  // namespace jurymn::platform
