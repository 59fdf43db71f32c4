#pragma once
// The one seam between jurymn and the operating system: folders, file
// locking, process figures, the display. Only platform_*.cpp include
// POSIX or Win32 headers.
#include <ctime>
#include <memory>
#include <string>

namespace jurymn::platform {

// $XDG_DATA_HOME/jurymn (~/.local/share/jurymn), %APPDATA%\jurymn on Windows.
std::string data_dir();
// $XDG_CONFIG_HOME/jurymn (~/.config/jurymn), %APPDATA%\jurymn on Windows.
std::string config_dir();
// The user's home folder, for offering files to import.
std::string home_dir();
// Folder of the running executable, to find installed assets.
std::string executable_dir();

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

// Restricts a file to its owner (private keys, later).
bool make_owner_only(const std::string& path);

// Opens a document (the procès-verbal) with the user's default application,
// without waiting for it. False when nothing could be started.
bool open_document(const std::string& path);

}  // namespace jurymn::platform
