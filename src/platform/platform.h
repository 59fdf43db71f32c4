// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The one seam between jurymn and the operating system: folders, file
// locking, process figures, the display. Only platform_*.cpp include
// POSIX or Win32 headers.
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jurymn::platform {

// Paths cross the seam, and live in jurymn, as UTF-8 std::string. These two
// turn them into std::filesystem::path and back without passing through the
// ANSI code page Windows would otherwise use for a narrow string (a user
// « Hélène » must work): every fs::path made from a string goes through them.
inline std::filesystem::path u8path(std::string_view utf8) {
  return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}
inline std::string path_text(const std::filesystem::path& p) {
  const std::u8string s = p.u8string();
  return std::string(s.begin(), s.end());
}

// The program's arguments in UTF-8 (Windows hands main() the ANSI code page).
std::vector<std::string> arguments(int argc, char** argv);

// $XDG_DATA_HOME/jurymn (~/.local/share/jurymn); %LOCALAPPDATA%\jurymn on
// Windows. A portable copy (a file named `portable` beside the executable)
// keeps its data in the folder `donnees` beside itself instead.
std::string data_dir();
// $XDG_CONFIG_HOME/jurymn (~/.config/jurymn); %APPDATA%\jurymn on Windows
// (settings and the signing key; `donnees` too for a portable copy).
std::string config_dir();
// The user's home folder, for offering files to import.
std::string home_dir();
// Folder of the running executable, to find installed assets.
std::string executable_dir();
// The name of the user running jurymn (login name), or "" when the system
// does not say: who enrolled a signing key at the exam centre, by default.
std::string user_name();

// An exclusive, advisory lock held for the life of the object; released by
// the OS if the process dies, so a crash never leaves a stale lock.
class FileLock {
public:
  virtual ~FileLock() = default;
};
struct LockAttempt {
  std::unique_ptr<FileLock> lock;  // null when someone else holds it
  std::string holder;              // what the lock file says about its holder
  std::string error;               // the lock file could not be opened at all
};
LockAttempt try_lock(const std::string& lock_path);

// How many names (hard links) the file at `path` has; 0 when it cannot be
// read (absent). A database with two names would have two locks and two
// pairs of -wal/-shm files, which SQLite and the lock derive from the name.
unsigned hard_link_count(const std::string& path);

struct ProcessFigures {
  double cpu_seconds = 0;   // user + system
  long peak_rss_kib = 0;    // peak resident memory
};
ProcessFigures process_figures();

// True when a graphical display seems reachable (DISPLAY or WAYLAND_DISPLAY).
bool display_available();

// Local calendar time of `seconds`, reentrant (localtime_r, localtime_s);
// false when out of range. main() installs it in core (local_time.h).
bool local_calendar_time(std::time_t seconds, std::tm& out);

// Fills buf with cryptographically strong random bytes from the OS.
void random_bytes(void* buf, std::size_t n);

// Restricts a file to its owner (private keys). Windows: a protected ACL
// granting the user alone (see platform_win32.cpp for why not DPAPI).
bool make_owner_only(const std::string& path);

// ---- Files: every file jurymn reads or writes goes through these two ----

struct FileRead {
  std::string bytes;
  std::string error;  // French, names the path; empty on success
};
// Opens `path` once, without following a symbolic link, checks on that very
// handle that it is a regular file (not a link, pipe, device or folder) of at
// most `max_bytes`, then reads it: a FIFO or /dev/zero named instead of a
// file is refused at once, never read.
FileRead read_regular_file(const std::string& path, std::size_t max_bytes);

// Writes `bytes` to `path` so that a crash leaves either the old file or the
// new one whole: a new temporary file beside it, created exclusively (never
// through a link) with its final mode from the start (owner only for keys),
// written, flushed to disk, renamed over `path`, the folder flushed. An
// existing `path` that is not a regular file (link, device, folder) is
// refused and left alone. Returns "" or a French error with the real cause.
std::string write_file_durably(const std::string& path, std::string_view bytes, bool owner_only = false);

// Flushes to disk a file written as a stream (a bundle's large files, in
// the fresh folder make_folder_beside gave): "" or a French error.
std::string sync_file(const std::string& path);

// A new, empty folder beside `path` (same parent, so a rename can put it in
// its place), named from it and unique: its path in `out`. "" or an error.
std::string make_folder_beside(const std::string& path, std::string& out);

// Puts the folder `fresh` in the place of `target`, in one step where the
// system allows (Linux: an exchange, so a crash leaves one or the other,
// whole), and removes what was there. A missing `target` is simply created
// by the rename. "" or a French error; on error `target` is as it was.
std::string replace_folder(const std::string& fresh, const std::string& target);

// Whether `path` holds a file readable by others than its owner (a private
// key must not); false when it cannot be told.
bool readable_by_others(const std::string& path);

// Opens a document (the procès-verbal, an HTML page to print) with the
// user's default application, without waiting for it to close. `why`, in
// French, when nothing opened it: no opener or no browser on this computer,
// or the opener's failure (its exit code).
struct OpenedDocument {
  bool opened = false;
  std::string why;
  explicit operator bool() const { return opened; }
};
OpenedDocument open_document(const std::string& path);

// ---- Removable volumes (a USB key to carry the results) ----

struct Volume {
  std::string label;  // « KINGSTON », « E: CLE_JURY »
  std::string path;   // where it is mounted, writable by this user
};
// The removable volumes mounted now: on Linux those the desktop mounted
// under /media or /run/media (the mount table; JURYMN_MOUNTS names another
// table and JURYMN_MEDIA_ROOT another root, for tests), on Windows the
// drives of type DRIVE_REMOVABLE. Cheap enough to call when a dialog opens.
std::vector<Volume> removable_volumes();

// ---- The system's own file dialog ----

// Shown by the system while jurymn's window keeps drawing (the running
// timer too): a child process on Linux (zenity, else kdialog; a child
// rather than GTK or the XDG portal in-process, which would need a GLib main
// loop inside GLFW's and GTK's own initialisation), a thread of its own on
// Windows (IFileOpenDialog, modal to nothing of ours).
class FileDialog {
public:
  enum class State { Open, Chosen, Cancelled };
  virtual ~FileDialog() = default;  // closes a dialog still open
  // Non-blocking: whether the user has answered yet.
  virtual State poll() = 0;
  // The file or folder chosen, once poll() said Chosen.
  virtual std::string path() const = 0;
};
struct FileDialogRequest {
  bool folder = false;     // choose a folder (else a file to open)
  std::string title;       // French
  std::string start;       // folder to start in; may be empty
  std::string filter_name; // « Fichiers CSV »; empty: every file
  std::string pattern;     // « *.csv »
};
// Null when no dialog can open here (no zenity nor kdialog on the PATH, no
// display, JURYMN_FILE_DIALOG=none): the caller keeps its typed path field.
std::unique_ptr<FileDialog> open_file_dialog(const FileDialogRequest& request);

// ---- The console, start-up failures, the installer ----

// Holds, for main()'s whole run, what makes the French text of stdout and
// stderr read right: on Windows, text bound for a console goes through the
// wide-character call (WriteConsoleW), the console's code page left as the
// user had it; text bound for a pipe or a file stays UTF-8. Nothing to do on
// other systems. Its end delivers what is still on its way.
class ConsoleText {
public:
  ConsoleText();
  ~ConsoleText();
  ConsoleText(const ConsoleText&) = delete;
  ConsoleText& operator=(const ConsoleText&) = delete;

private:
  struct Relay;
  std::unique_ptr<Relay> relay_;
};

// Which system runs jurymn: the advice a message gives depends on it
// (xvfb-run and Debian packages mean nothing on Windows).
enum class System { Linux, Windows };
System this_system();

// Whether stderr reaches someone: a terminal, a console, a pipe or a file.
// False for jurymn.exe started from the Start menu (no console at all).
bool error_output_seen();

// Shows `text` in a message box of the system (Windows: MessageBoxW, an
// error icon, OK), waiting for the user. False where there is none (Linux:
// the message is printed, a desktop launcher keeps it in the journal).
bool show_error_box(const std::string& title, const std::string& text);

// Marks, for the installer, that jurymn runs (held as long as the returned
// object lives), and separately that a candidate's exam is under way: the
// setup refuses to replace files then and asks to close jurymn otherwise.
// Windows: named mutexes (kRunningMarker, kExamMarker) in the user's
// session; elsewhere nothing (packages are replaced by the package manager).
class RunningMarker {
public:
  virtual ~RunningMarker() = default;
};
inline constexpr const char* kRunningMarker = "Local\\jurymn-ouvert";
inline constexpr const char* kExamMarker = "Local\\jurymn-epreuve-en-cours";
std::unique_ptr<RunningMarker> mark_running(const char* name);

// A path to show as an example in a field where one types a file's path:
// « C:\Users\…\candidats.csv » on Windows, « /home/…/candidats.csv » elsewhere.
std::string example_path(const std::string& file_name);

}  // namespace jurymn::platform
