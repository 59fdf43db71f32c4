// Windows side of the platform seam, for the mingw-w64 cross build.
#define WIN32_LEAN_AND_MEAN
#define NOMINMAX
#include <windows.h>
#include <bcrypt.h>
#include <psapi.h>
#include <shlobj.h>
#include <shellapi.h>

#include <shobjidl.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "platform/platform.h"

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
std::string user_name() {
  wchar_t buf[257];
  DWORD n = 257;
  if (!GetUserNameW(buf, &n) || n == 0) return {};
  return utf8(std::wstring(buf, n - 1));  // n counts the terminating null
}
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

namespace jurymn::platform {

namespace {

std::string cause(DWORD e) {
  switch (e) {
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL: return "disque plein";
    case ERROR_WRITE_PROTECT: return "volume en lecture seule (clé USB protégée\u00A0?)";
    case ERROR_ACCESS_DENIED: return "accès refusé";
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND: return "fichier ou dossier introuvable";
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION: return "fichier occupé par un autre programme";
    case ERROR_FILENAME_EXCED_RANGE: return "nom trop long";
    default: return "erreur Windows " + std::to_string(e);
  }
}

struct Handle {
  HANDLE h;
  explicit Handle(HANDLE x) : h(x) {}
  ~Handle() {
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

}  // namespace

FileRead read_regular_file(const std::string& path, std::size_t max_bytes) {
  // FILE_FLAG_OPEN_REPARSE_POINT: a link or junction is opened as itself,
  // then refused, never followed.
  Handle f(CreateFileW(wide(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (f.h == INVALID_HANDLE_VALUE) return {{}, path + "\u00A0: lecture impossible (" + cause(GetLastError()) + ")."};
  BY_HANDLE_FILE_INFORMATION info{};
  if (GetFileType(f.h) != FILE_TYPE_DISK || !GetFileInformationByHandle(f.h, &info) ||
      (info.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DEVICE)))
    return {{}, path + "\u00A0: ce n’est pas un fichier ordinaire (lien, dossier ou périphérique)."};
  const std::uint64_t size = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  if (size > max_bytes)
    return {{}, path + "\u00A0: fichier trop volumineux (plus de " + std::to_string(max_bytes / 1024) +
                    "\u00A0Kio)\u00A0: ce n’est pas un fichier de jurymn."};
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    DWORD n = 0;
    const DWORD want = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - got, 1u << 30));
    if (!ReadFile(f.h, bytes.data() + got, want, &n, nullptr))
      return {{}, path + "\u00A0: erreur de lecture (" + cause(GetLastError()) + ")."};
    if (n == 0) break;
    got += n;
  }
  bytes.resize(got);
  return {std::move(bytes), {}};
}

std::string write_file_durably(const std::string& path, std::string_view bytes, bool) {
  // On Windows the folders jurymn writes in (%APPDATA%, the user's choice)
  // already belong to the user alone or to whoever chose them.
  const std::wstring target = wide(path);
  const DWORD attrs = GetFileAttributesW(target.c_str());
  if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT)))
    return path + "\u00A0: ce n’est pas un fichier ordinaire (lien ou dossier)\u00A0; rien n’a été écrit.";
  std::uint8_t r[8];
  random_bytes(r, sizeof r);
  std::wstring tmp = target + L".";
  for (std::uint8_t b : r) tmp += static_cast<wchar_t>(L'a' + (b % 26));
  {
    Handle f(CreateFileW(tmp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (f.h == INVALID_HANDLE_VALUE) return path + "\u00A0: écriture impossible (" + cause(GetLastError()) + ").";
    std::size_t done = 0;
    while (done < bytes.size()) {
      DWORD n = 0;
      const DWORD want = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
      if (!WriteFile(f.h, bytes.data() + done, want, &n, nullptr)) {
        const DWORD e = GetLastError();
        CloseHandle(f.h);
        f.h = INVALID_HANDLE_VALUE;
        DeleteFileW(tmp.c_str());
        return path + "\u00A0: écriture interrompue (" + cause(e) + ")\u00A0; le fichier précédent est intact.";
      }
      done += n;
    }
    if (!FlushFileBuffers(f.h)) {
      const DWORD e = GetLastError();
      CloseHandle(f.h);
      f.h = INVALID_HANDLE_VALUE;
      DeleteFileW(tmp.c_str());
      return path + "\u00A0: écriture non confirmée par le disque (" + cause(e) + ").";
    }
  }
  if (!MoveFileExW(tmp.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    const DWORD e = GetLastError();
    DeleteFileW(tmp.c_str());
    return path + "\u00A0: écriture impossible (" + cause(e) + ")\u00A0; le fichier précédent est intact.";
  }
  return {};
}

std::string make_folder_beside(const std::string& path, std::string& out) {
  std::uint8_t r[6];
  random_bytes(r, sizeof r);
  const std::filesystem::path target(wide(path));
  std::wstring name = L"." + target.filename().wstring() + L".en-cours-";
  for (std::uint8_t b : r) name += static_cast<wchar_t>(L'a' + (b % 26));
  const std::filesystem::path fresh = target.parent_path() / name;
  if (!CreateDirectoryW(fresh.wstring().c_str(), nullptr))
    return path + "\u00A0: dossier impossible à créer (" + cause(GetLastError()) + ").";
  out = utf8(fresh.wstring());
  return {};
}

std::string replace_folder(const std::string& fresh, const std::string& target) {
  // No atomic exchange of folders on Windows: the previous bundle steps
  // aside, the new one takes its place, the previous one is removed.
  const std::wstring t = wide(target), f = wide(fresh), aside = wide(fresh + ".ancien");
  const DWORD attrs = GetFileAttributesW(t.c_str());
  if (attrs == INVALID_FILE_ATTRIBUTES) {
    if (!MoveFileExW(f.c_str(), t.c_str(), MOVEFILE_WRITE_THROUGH)) return target + "\u00A0: " + cause(GetLastError()) + ".";
    return {};
  }
  if (!(attrs & FILE_ATTRIBUTE_DIRECTORY) || (attrs & FILE_ATTRIBUTE_REPARSE_POINT))
    return target + "\u00A0: ce n’est pas un dossier ordinaire\u00A0; rien n’a été écrit.";
  if (!MoveFileExW(t.c_str(), aside.c_str(), MOVEFILE_WRITE_THROUGH))
    return target + "\u00A0: " + cause(GetLastError()) + "\u00A0; le lot précédent est intact.";
  if (!MoveFileExW(f.c_str(), t.c_str(), MOVEFILE_WRITE_THROUGH)) {
    const DWORD e = GetLastError();
    MoveFileExW(aside.c_str(), t.c_str(), MOVEFILE_WRITE_THROUGH);
    return target + "\u00A0: " + cause(e) + "\u00A0; le lot précédent est remis en place.";
  }
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::path(aside), ec);
  return {};
}

bool readable_by_others(const std::string&) {
  // The user's profile folders are private to the user on Windows; ACLs
  // are checked by the Windows build's own issue.
  return false;
}

}  // namespace jurymn::platform

// ---- File dialogs: IFileOpenDialog on a thread of its own ----

namespace jurymn::platform {

namespace {

std::string narrow(const wchar_t* w) {
  const int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
  if (n <= 1) return {};
  std::string out(static_cast<std::size_t>(n - 1), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w, -1, out.data(), n, nullptr, nullptr);
  return out;
}

// The dialog is modal to its own thread only: the frame loop keeps drawing.
class ThreadDialog final : public FileDialog {
public:
  explicit ThreadDialog(FileDialogRequest r) : request_(std::move(r)) {
    thread_ = std::thread([this] { run(); });
  }
  ~ThreadDialog() override {
    // A dialog still open is left to the user; its answer is then ignored.
    if (thread_.joinable()) thread_.detach();
  }
  State poll() override { return static_cast<State>(state_.load()); }
  std::string path() const override { return state_.load() == static_cast<int>(State::Chosen) ? path_ : std::string(); }

private:
  void run() {
    std::string chosen;
    if (SUCCEEDED(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE))) {
      IFileOpenDialog* dialog = nullptr;
      if (SUCCEEDED(CoCreateInstance(CLSID_FileOpenDialog, nullptr, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(&dialog)))) {
        DWORD options = 0;
        dialog->GetOptions(&options);
        options |= FOS_FORCEFILESYSTEM | (request_.folder ? FOS_PICKFOLDERS : FOS_FILEMUSTEXIST);
        dialog->SetOptions(options);
        const std::wstring title = wide(request_.title);
        dialog->SetTitle(title.c_str());
        const std::wstring filter_name = wide(request_.filter_name), pattern = wide(request_.pattern);
        if (!request_.folder && !pattern.empty()) {
          COMDLG_FILTERSPEC spec[] = {{filter_name.c_str(), pattern.c_str()}, {L"Tous les fichiers", L"*.*"}};
          dialog->SetFileTypes(2, spec);
        }
        if (!request_.start.empty()) {
          IShellItem* folder = nullptr;
          const std::wstring start = wide(request_.start);
          if (SUCCEEDED(SHCreateItemFromParsingName(start.c_str(), nullptr, IID_PPV_ARGS(&folder)))) {
            dialog->SetFolder(folder);
            folder->Release();
          }
        }
        if (SUCCEEDED(dialog->Show(nullptr))) {
          IShellItem* item = nullptr;
          if (SUCCEEDED(dialog->GetResult(&item))) {
            PWSTR name = nullptr;
            if (SUCCEEDED(item->GetDisplayName(SIGDN_FILESYSPATH, &name))) {
              chosen = narrow(name);
              CoTaskMemFree(name);
            }
            item->Release();
          }
        }
        dialog->Release();
      }
      CoUninitialize();
    }
    path_ = chosen;
    state_.store(static_cast<int>(chosen.empty() ? State::Cancelled : State::Chosen));
  }

  FileDialogRequest request_;
  std::string path_;
  std::atomic<int> state_{static_cast<int>(State::Open)};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<FileDialog> open_file_dialog(const FileDialogRequest& request) {
  if (const char* choice = std::getenv("JURYMN_FILE_DIALOG"); choice && std::string(choice) == "none") return nullptr;
  return std::make_unique<ThreadDialog>(request);
}

}  // namespace jurymn::platform
