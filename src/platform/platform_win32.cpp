// SPDX-License-Identifier: EUPL-1.2
// Windows side of the platform seam, for the mingw-w64 cross build.
#define WIN32_LEAN_AND_MEAN
#define NOMINMAX
#include <windows.h>
#include <aclapi.h>
#include <bcrypt.h>
#include <sddl.h>
#include <psapi.h>
#include <shlobj.h>
#include <shellapi.h>

#include <shobjidl.h>
#include <fcntl.h>
#include <io.h>

#include <cstdio>

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

std::vector<std::string> arguments(int argc, char** argv) {
  int n = 0;
  LPWSTR* w = CommandLineToArgvW(GetCommandLineW(), &n);
  if (!w) return {argv, argv + argc};
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(utf8(w[i]));
  LocalFree(w);
  return out;
}

std::string executable_dir() {
  std::wstring buf(32768, L'\0');
  DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
  buf.resize(n);
  return utf8(std::filesystem::path(buf).parent_path().wstring());
}

namespace {
// A file named `portable` beside jurymn.exe: a copy on a USB key that keeps
// its data and signing key beside itself, whichever laptop it runs on.
std::string portable_dir() {
  const std::wstring marker = wide(executable_dir()) + L"\\portable";
  const DWORD a = GetFileAttributesW(marker.c_str());
  if (a == INVALID_FILE_ATTRIBUTES || (a & FILE_ATTRIBUTE_DIRECTORY)) return {};
  return executable_dir() + "\\donnees";
}
}  // namespace

std::string home_dir() { return known_folder(FOLDERID_Profile); }
std::string user_name() {
  wchar_t buf[257];
  DWORD n = 257;
  if (!GetUserNameW(buf, &n) || n == 0) return {};
  return utf8(std::wstring(buf, n - 1));  // n counts the terminating null
}
std::string data_dir() {
  const std::string p = portable_dir();
  return p.empty() ? known_folder(FOLDERID_LocalAppData) + "\\jurymn" : p;
}
std::string config_dir() {
  const std::string p = portable_dir();
  return p.empty() ? known_folder(FOLDERID_RoamingAppData) + "\\jurymn" : p;
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
  // LockFileEx on the lock file's handle: Windows releases it when the
  // process ends, however it ends, so a crash never leaves a stale lock.
  HANDLE h = CreateFileW(wide(lock_path).c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                         nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) return {nullptr, {}, "erreur Windows " + std::to_string(GetLastError())};
  OVERLAPPED whole{};
  if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD, &whole)) {
    // The holder wrote who it is after its lock range (past any byte it
    // locked, so it can be read while locked).
    std::string holder(256, '\0');
    OVERLAPPED at{};
    at.Offset = 0;
    DWORD n = 0;
    if (!ReadFile(h, holder.data(), static_cast<DWORD>(holder.size()), &n, &at)) n = 0;
    holder.resize(n);
    CloseHandle(h);
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\r')) holder.pop_back();
    return {nullptr, holder.empty() ? "un autre jurymn" : holder, {}};
  }
  std::string who = "processus " + std::to_string(GetCurrentProcessId()) + "\n";
  DWORD written = 0;
  SetFilePointer(h, 0, nullptr, FILE_BEGIN);
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

namespace {
// The key file's protection is an ACL, not DPAPI (CryptProtectData): the key
// stays the same PEM file on every system, a portable copy's key on a USB
// key keeps working on the next laptop (DPAPI would tie it to one Windows
// account on one machine), and a backup of %APPDATA% restores it. A
// protected DACL (no inheritance) granting the user alone full control.
std::wstring user_sid() {
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return {};
  DWORD size = 0;
  GetTokenInformation(token, TokenUser, nullptr, 0, &size);
  std::string buf(size, '\0');
  std::wstring out;
  if (size && GetTokenInformation(token, TokenUser, buf.data(), size, &size)) {
    LPWSTR text = nullptr;
    if (ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buf.data())->User.Sid, &text)) {
      out = text;
      LocalFree(text);
    }
  }
  CloseHandle(token);
  return out;
}

struct OwnerOnly {
  PSECURITY_DESCRIPTOR sd = nullptr;
  SECURITY_ATTRIBUTES sa{sizeof(SECURITY_ATTRIBUTES), nullptr, FALSE};
  OwnerOnly() {
    const std::wstring sid = user_sid();
    if (sid.empty()) return;
    const std::wstring sddl = L"D:P(A;;FA;;;" + sid + L")";
    if (ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &sd, nullptr))
      sa.lpSecurityDescriptor = sd;
  }
  ~OwnerOnly() { LocalFree(sd); }
  OwnerOnly(const OwnerOnly&) = delete;
  OwnerOnly& operator=(const OwnerOnly&) = delete;
};
}  // namespace

bool make_owner_only(const std::string& path) {
  OwnerOnly o;
  if (!o.sd) return false;
  BOOL present = FALSE, defaulted = FALSE;
  PACL dacl = nullptr;
  if (!GetSecurityDescriptorDacl(o.sd, &present, &dacl, &defaulted)) return false;
  std::wstring w = wide(path);
  return SetNamedSecurityInfoW(w.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                               nullptr, nullptr, dacl, nullptr) == ERROR_SUCCESS;
}

unsigned hard_link_count(const std::string& path) {
  HANDLE h = CreateFileW(wide(path).c_str(), FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (h == INVALID_HANDLE_VALUE) return 0;
  BY_HANDLE_FILE_INFORMATION info{};
  const BOOL ok = GetFileInformationByHandle(h, &info);
  CloseHandle(h);
  return ok ? static_cast<unsigned>(info.nNumberOfLinks) : 0;
}

OpenedDocument open_document(const std::string& path) {
  auto r = reinterpret_cast<INT_PTR>(
      ShellExecuteW(nullptr, L"open", wide(path).c_str(), nullptr, nullptr, SW_SHOWNORMAL));
  if (r > 32) return {true, {}};
  // ShellExecute's own codes (at most 32).
  if (r == SE_ERR_NOASSOC || r == SE_ERR_ASSOCINCOMPLETE)
    return {false, "aucun navigateur n’est associé à ce type de fichier sur cet ordinateur"};
  return {false, "Windows n’a pas pu l’ouvrir (code " + std::to_string(static_cast<long long>(r)) + ")"};
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

std::string write_file_durably(const std::string& path, std::string_view bytes, bool owner_only) {
  // A key is created with its owner-only ACL from the start, never readable
  // by others even for an instant.
  OwnerOnly protection;
  if (owner_only && !protection.sd) return path + "\u00A0: droits d’accès impossibles à restreindre\u00A0; rien n’a été écrit.";
  const std::wstring target = wide(path);
  const DWORD attrs = GetFileAttributesW(target.c_str());
  if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT)))
    return path + "\u00A0: ce n’est pas un fichier ordinaire (lien ou dossier)\u00A0; rien n’a été écrit.";
  std::uint8_t r[8];
  random_bytes(r, sizeof r);
  std::wstring tmp = target + L".";
  for (std::uint8_t b : r) tmp += static_cast<wchar_t>(L'a' + (b % 26));
  {
    Handle f(CreateFileW(tmp.c_str(), GENERIC_WRITE, 0, owner_only ? &protection.sa : nullptr, CREATE_NEW,
                         FILE_ATTRIBUTE_NORMAL, nullptr));
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

std::string sync_file(const std::string& path) {
  Handle f(CreateFileW(wide(path).c_str(), GENERIC_WRITE, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL, nullptr));
  if (f.h == INVALID_HANDLE_VALUE || !FlushFileBuffers(f.h))
    return path + "\u00A0: écriture non confirmée par le disque (" + cause(GetLastError()) + ").";
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

bool readable_by_others(const std::string& path) {
  // Readable by others: an ACE allowing read to anyone but the user, the
  // system and the administrators (who can read every profile anyway).
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  std::wstring w = wide(path);
  if (GetNamedSecurityInfoW(w.data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl, nullptr,
                            &sd) != ERROR_SUCCESS)
    return false;
  const std::wstring me = user_sid();
  bool others = false;
  for (DWORD i = 0; dacl && i < dacl->AceCount && !others; ++i) {
    void* ace = nullptr;
    if (!GetAce(dacl, i, &ace)) continue;
    auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(ace);
    if (allowed->Header.AceType != ACCESS_ALLOWED_ACE_TYPE) continue;
    if (!(allowed->Mask & (FILE_READ_DATA | GENERIC_READ | GENERIC_ALL))) continue;
    LPWSTR text = nullptr;
    if (!ConvertSidToStringSidW(&allowed->SidStart, &text)) continue;
    const std::wstring sid = text;
    LocalFree(text);
    others = sid != me && sid != L"S-1-5-18" && sid != L"S-1-5-32-544";
  }
  LocalFree(sd);
  return others;
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
// What the thread writes lives in a block it shares: the jury may close the
// import or export dialog while the system's is still open, and the thread
// (detached then) must not write into a destroyed object.
class ThreadDialog final : public FileDialog {
public:
  explicit ThreadDialog(FileDialogRequest r) : answer_(std::make_shared<Answer>()) {
    std::thread([a = answer_, request = std::move(r)] { run(request, *a); }).detach();
  }
  State poll() override { return static_cast<State>(answer_->state.load()); }
  std::string path() const override {
    return answer_->state.load() == static_cast<int>(State::Chosen) ? answer_->path : std::string();
  }

private:
  struct Answer {
    std::string path;  // written before state leaves Open
    std::atomic<int> state{static_cast<int>(State::Open)};
  };
  static void run(const FileDialogRequest& request, Answer& answer) {
    std::string chosen;
    if (SUCCEEDED(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE))) {
      IFileOpenDialog* dialog = nullptr;
      if (SUCCEEDED(CoCreateInstance(CLSID_FileOpenDialog, nullptr, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(&dialog)))) {
        DWORD options = 0;
        dialog->GetOptions(&options);
        options |= FOS_FORCEFILESYSTEM | (request.folder ? FOS_PICKFOLDERS : FOS_FILEMUSTEXIST);
        dialog->SetOptions(options);
        const std::wstring title = wide(request.title);
        dialog->SetTitle(title.c_str());
        const std::wstring filter_name = wide(request.filter_name), pattern = wide(request.pattern);
        if (!request.folder && !pattern.empty()) {
          COMDLG_FILTERSPEC spec[] = {{filter_name.c_str(), pattern.c_str()}, {L"Tous les fichiers", L"*.*"}};
          dialog->SetFileTypes(2, spec);
        }
        if (!request.start.empty()) {
          IShellItem* folder = nullptr;
          const std::wstring start = wide(request.start);
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
    answer.path = chosen;
    answer.state.store(static_cast<int>(chosen.empty() ? State::Cancelled : State::Chosen));
  }

  std::shared_ptr<Answer> answer_;
};

}  // namespace

std::unique_ptr<FileDialog> open_file_dialog(const FileDialogRequest& request) {
  if (const char* choice = std::getenv("JURYMN_FILE_DIALOG"); choice && std::string(choice) == "none") return nullptr;
  return std::make_unique<ThreadDialog>(request);
}

}  // namespace jurymn::platform

// ---- Removable volumes: drives of type DRIVE_REMOVABLE ----

namespace jurymn::platform {

std::vector<Volume> removable_volumes() {
  std::vector<Volume> out;
  const DWORD drives = GetLogicalDrives();
  for (int i = 2; i < 26; ++i) {  // A: and B: are floppy drives: never probed (slow)
    if (!(drives & (1u << i))) continue;
    const wchar_t root[] = {static_cast<wchar_t>(L'A' + i), L':', L'\\', 0};
    if (GetDriveTypeW(root) != DRIVE_REMOVABLE) continue;
    wchar_t name[MAX_PATH + 1] = {};
    // An empty card reader answers nothing: not a place to write.
    if (!GetVolumeInformationW(root, name, MAX_PATH + 1, nullptr, nullptr, nullptr, nullptr, 0)) continue;
    const std::string letter = narrow(root).substr(0, 2);
    const std::string label = narrow(name);
    out.push_back({label.empty() ? letter : letter + " " + label, narrow(root)});
  }
  return out;
}

}  // namespace jurymn::platform

namespace jurymn::platform {

// The relay: fds 1 and 2, where they were a console, become the write end of
// one pipe (one, so that what stdout and stderr say keeps its order), and a
// thread turns what comes out of it into WriteConsoleW calls. The console's
// code page is never touched: cmd.exe's stays what the user had (850, 1252),
// even if jurymn is killed.
struct ConsoleText::Relay {
  HANDLE console = nullptr;
  int read_end = -1;
  int saved[3] = {-1, -1, -1};  // the fds 1 and 2 as they were, to put back
  std::thread thread;

  void run() {
    std::string pending;  // an UTF-8 sequence cut by a read
    char buf[4096];
    for (;;) {
      const int n = _read(read_end, buf, sizeof buf);
      if (n <= 0) break;
      pending.append(buf, static_cast<std::size_t>(n));
      // Keep back the start of a sequence the next read completes.
      std::size_t whole = pending.size();
      for (std::size_t back = 1; back <= 3 && back <= pending.size(); ++back) {
        const unsigned char c = static_cast<unsigned char>(pending[pending.size() - back]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (len > back) whole = pending.size() - back;
        break;
      }
      const std::wstring w = wide(pending.substr(0, whole));
      pending.erase(0, whole);
      DWORD written = 0;
      if (!w.empty()) WriteConsoleW(console, w.data(), static_cast<DWORD>(w.size()), &written, nullptr);
    }
  }
};

ConsoleText::ConsoleText() {
  DWORD mode = 0;
  const HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), err = GetStdHandle(STD_ERROR_HANDLE);
  const bool out_console = out && out != INVALID_HANDLE_VALUE && GetConsoleMode(out, &mode);
  const bool err_console = err && err != INVALID_HANDLE_VALUE && GetConsoleMode(err, &mode);
  if (!out_console && !err_console) return;  // pipes and files take the UTF-8 as it is
  int fds[2];
  if (_pipe(fds, 1 << 16, _O_BINARY) != 0) return;
  auto r = std::make_unique<Relay>();
  r->console = out_console ? out : err;
  r->read_end = fds[0];
  std::fflush(stdout);
  std::fflush(stderr);
  if (out_console) {
    r->saved[1] = _dup(1);
    _dup2(fds[1], 1);
    // Unbuffered, as stderr: a buffered stdout would come out after
    // stderr's lines written later.
    std::setvbuf(stdout, nullptr, _IONBF, 0);
  }
  if (err_console) {
    r->saved[2] = _dup(2);
    _dup2(fds[1], 2);
  }
  _close(fds[1]);
  r->thread = std::thread([p = r.get()] { p->run(); });
  relay_ = std::move(r);
}

ConsoleText::~ConsoleText() {
  if (!relay_) return;
  std::fflush(stdout);
  std::fflush(stderr);
  // Putting the first fds back closes the pipe's last write ends: the relay
  // reads to the end, writes it, and stops.
  for (int fd : {1, 2})
    if (relay_->saved[fd] >= 0) {
      _dup2(relay_->saved[fd], fd);
      _close(relay_->saved[fd]);
    }
  relay_->thread.join();
  _close(relay_->read_end);
}

System this_system() { return System::Windows; }

bool error_output_seen() {
  const HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
  return err && err != INVALID_HANDLE_VALUE && GetFileType(err) != FILE_TYPE_UNKNOWN;
}

bool show_error_box(const std::string& title, const std::string& text) {
  return MessageBoxW(nullptr, wide(text).c_str(), wide(title).c_str(), MB_OK | MB_ICONERROR | MB_SETFOREGROUND) != 0;
}

namespace {
class NamedMutex final : public RunningMarker {
public:
  explicit NamedMutex(HANDLE h) : h_(h) {}
  ~NamedMutex() override {
    if (h_) CloseHandle(h_);  // the last handle closed, the name goes
  }

private:
  HANDLE h_;
};
}  // namespace

std::unique_ptr<RunningMarker> mark_running(const char* name) {
  // Only its existence matters (the setup opens it by name): never owned,
  // never waited for, and gone with the process however it ends.
  return std::make_unique<NamedMutex>(CreateMutexW(nullptr, FALSE, wide(name).c_str()));
}

std::string example_path(const std::string& file_name) { return "C:\\Users\\…\\" + file_name; }

}  // namespace jurymn::platform
