// SPDX-License-Identifier: EUPL-1.2
#include "store/backup.h"
#include "platform/platform.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <system_error>
#include <vector>

#include "core/local_time.h"
#include "store/store.h"

namespace jurymn {

namespace fs = std::filesystem;

namespace {
std::string utc_stamp(TimeMs now) {
  std::time_t t = static_cast<std::time_t>(now / 1000);
  std::tm tm{};
  // gmtime is not thread-safe, but backups are made from the UI thread only.
  tm = *std::gmtime(&t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H-%M-%SZ", &tm);
  return buf;
}
}  // namespace

BackupResult make_dated_backup(const Store& store, const std::string& dir, TimeMs now, int keep) {
  std::error_code ec;
  fs::create_directories(platform::u8path(dir), ec);
  if (ec) return {{}, dir + "\u00A0: dossier de sauvegarde impossible à créer (" + ec.message() + ")."};

  std::string stem = "jurymn-" + utc_stamp(now);
  fs::path dest = platform::u8path(dir) / (stem + ".db");
  for (int n = 2; fs::exists(dest); ++n) dest = platform::u8path(dir) / (stem + "-" + std::to_string(n) + ".db");
  if (auto err = store.backup_to(platform::path_text(dest)); !err.empty()) {
    fs::remove(dest, ec);
    return {{}, err};
  }

  // Names sort by time, so the oldest come first.
  std::vector<fs::path> copies;
  for (const auto& entry : fs::directory_iterator(platform::u8path(dir), ec)) {
    auto name = platform::path_text(entry.path().filename());
    if (entry.is_regular_file() && name.rfind("jurymn-", 0) == 0 && entry.path().extension() == ".db")
      copies.push_back(entry.path());
  }
  std::sort(copies.begin(), copies.end());
  for (std::size_t i = 0; keep >= 0 && copies.size() > static_cast<std::size_t>(keep) &&
                          i < copies.size() - static_cast<std::size_t>(keep);
       ++i)
    fs::remove(copies[i], ec);
  return {platform::path_text(dest), {}};
}

}  // namespace jurymn

namespace jurymn {

BackupResult copy_database(const Store& store, const std::string& dest) {
  if (dest.empty()) return {{}, "Indiquez le fichier où copier la base\u00A0; rien n’a été copié."};
  const fs::path to = platform::u8path(dest);
  const fs::path folder = to.has_parent_path() ? to.parent_path() : platform::u8path(".");
  std::error_code ec;
  if (fs::is_directory(to, ec))
    return {{}, dest + "\u00A0: c’est un dossier\u00A0; indiquez un nom de fichier (par exemple jurymn-copie.db)."};
  if (fs::exists(to, ec))
    return {{}, dest + "\u00A0: ce fichier existe déjà\u00A0; choisissez un autre nom, rien n’a été écrit."};
  if (!fs::is_directory(folder, ec))
    return {{}, platform::path_text(folder) + "\u00A0: ce dossier n’existe pas\u00A0; rien n’a été copié."};
  if (auto err = store.backup_to(dest); !err.empty()) {
    fs::remove(to, ec);
    return {{}, err};
  }
  return {dest, {}};
}

std::string default_copy_path(const std::string& folder, TimeMs now) {
  return platform::path_text((platform::u8path(folder) / ("jurymn-copie-" + local_iso_day(now) + ".db")));
}

}  // namespace jurymn
