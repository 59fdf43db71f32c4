// Windows side of the platform seam, for the mingw-w64 cross build.
#define WIN32_LEAN_AND_MEAN
#define NOMINMAX
#include <windows.h>
#include <bcrypt.h>
#include <psapi.h>
#include <shlobj.h>
#include <shellapi.h>

#include <cstdlib>
#include <filesystem>

#include "app/platform.h"

namespace jurymn::platform {

namespace {
std::string utf8(const std::wstring& w) {
  if (w.empty()) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
  std::string s(static_cast<std::size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
  return s;
}

std::wstring wide(const std::string& s) {
  if (s.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<std::size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

std::string known_folder(REFKNOWNFOLDERID id) {
  PWSTR p = nullptr;
  std::string out;
  if (SUCCEEDED(SHGetKnownFolderPath(id, 0, nullptr, &p))) out = utf8(p);
  CoTaskMemFree(p);
  return out;
}

double seconds(const FILETIME& ft) {
  ULARGE_INTEGER u;
  u.LowPart = ft.dwLowDateTime;
  u.HighPart = ft.dwHighDateTime;
  return static_cast<double>(u.QuadPart) / 1e7;  // 100 ns units
}
}  // namespace

std::string home_dir() { return known_folder(FOLDERID_Profile); }
std::string data_dir() { return known_folder(FOLDERID_RoamingAppData) + "\\jurymn"; }
std::string config_dir() { return known_folder(FOLDERID_RoamingAppData) + "\\jurymn"; }

std::string executable_dir() {
  wchar_t buf[MAX_PATH];
  DWORD n = GetModuleFileNameW(nullptr, buf, MAX_PATH);
  return utf8(std::filesystem::path(std::wstring(buf, n)).parent_path().wstring());
}

namespace {
class WinFileLock final : public FileLock {
public:
  explicit WinFileLock(HANDLE h) : h_(h) {}
  ~WinFileLock() override { CloseHandle(h_); }  // closing releases the lock

private:
  HANDLE h_;
};
}  // namespace

LockAttempt try_lock(const std::string& lock_path) {
  // No sharing: a second opener fails while we hold the handle.
  HANDLE h = CreateFileW(wide(lock_path).c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                         OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD err = GetLastError();
    if (err == ERROR_SHARING_VIOLATION) return {nullptr, "un autre jurymn", {}};
    return {nullptr, {}, "erreur Windows " + std::to_string(err)};
  }
  std::string who = "processus " + std::to_string(GetCurrentProcessId()) + "\n";
  DWORD written = 0;
  SetEndOfFile(h);
  WriteFile(h, who.data(), static_cast<DWORD>(who.size()), &written, nullptr);
  return {std::make_unique<WinFileLock>(h), {}, {}};
}

ProcessFigures process_figures() {
  ProcessFigures f;
  FILETIME created, exited, kernel, user;
  if (GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
    f.cpu_seconds = seconds(kernel) + seconds(user);
  PROCESS_MEMORY_COUNTERS pmc{};
  if (GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc))
    f.peak_rss_kib = static_cast<long>(pmc.PeakWorkingSetSize / 1024);
  return f;
}

bool display_available() { return true; }  // a Windows session always has a desktop

bool local_calendar_time(std::time_t seconds, std::tm& out) { return localtime_s(&out, &seconds) == 0; }

void random_bytes(void* buf, std::size_t n) {
  if (BCryptGenRandom(nullptr, static_cast<PUCHAR>(buf), static_cast<ULONG>(n), BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
    std::abort();  // no secure randomness: never fall back to a weak source
}

bool make_owner_only(const std::string&) {
  // %APPDATA% is already private to the user on Windows.
  return true;
}

bool open_document(const std::string& path) {
  auto r = reinterpret_cast<INT_PTR>(
      ShellExecuteW(nullptr, L"open", wide(path).c_str(), nullptr, nullptr, SW_SHOWNORMAL));
  return r > 32;
}

}  // namespace jurymn::platform
