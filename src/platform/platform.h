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

// Opens a document (the procès-verbal) with the user's default application,
// without waiting for it. False when nothing could be started.
bool open_document(const std::string& path);

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

}  // namespace jurymn::platform
