// SPDX-License-Identifier: EUPL-1.2
// Where the jury exports the results: a USB key found in the mount table,
// the folder used last, or jurymn's own; the bundle is read back and checked
// where it was written, and a folder that is not there is refused, with
// nothing written anywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "app/session_services.h"
#include "app/settings.h"
#include "core/clock.h"
#include "io/bundle.h"
#include "platform/platform.h"
#include "store/demo.h"
#include "test_support.h"

namespace jurymn {
namespace {

namespace fs = std::filesystem;

// Environment variables as a test wants them, put back after.
class Environment {
public:
  void set(const char* name, const std::string& value) {
    const char* v = std::getenv(name);
    saved_.push_back({name, v ? std::optional<std::string>(v) : std::nullopt});
    ::setenv(name, value.c_str(), 1);
  }
  ~Environment() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it)
      if (it->second) ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else ::unsetenv(it->first.c_str());
  }

private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(RemovableVolumes, WhatTheDesktopMountedUnderMedia) {
  test::TempDir dir;
  const std::string media = dir.file("media");
  fs::create_directories(media + "/jury/CLE JURY");
  fs::create_directories(media + "/jury/KINGSTON");
  fs::create_directories(media + "/jury/CDROM");
  // The kernel's table: a space is \040; the system's own volumes, a stale
  // entry whose folder is gone, and a volume seen twice are not offered.
  test::spit(dir.file("mounts"),
             "/dev/nvme0n1p2 / ext4 rw,relatime 0 0\n"
             "/dev/sdb1 " + media + "/jury/CLE\\040JURY vfat rw,nosuid,nodev 0 0\n"
             "/dev/sdc1 " + media + "/jury/KINGSTON exfat rw 0 0\n"
             "/dev/sdc1 " + media + "/jury/KINGSTON exfat rw 0 0\n"
             "/dev/sr0 " + media + "/jury/CDROM iso9660 ro 0 0\n"
             "/dev/sdd1 " + media + "/jury/GONE vfat rw 0 0\n"
             "tmpfs /run tmpfs rw 0 0\n"
             "garbage\n");
  Environment env;
  env.set("JURYMN_MOUNTS", dir.file("mounts"));
  env.set("JURYMN_MEDIA_ROOT", media);
  const auto volumes = platform::removable_volumes();
  ASSERT_EQ(volumes.size(), 2u);
  EXPECT_EQ(volumes[0].label, "CLE JURY");
  EXPECT_EQ(volumes[0].path, media + "/jury/CLE JURY");
  EXPECT_EQ(volumes[1].label, "KINGSTON");
  // No table readable: nothing, and no crash.
  env.set("JURYMN_MOUNTS", dir.file("absent"));
  EXPECT_TRUE(platform::removable_volumes().empty());
}

class ExportDestination : public ::testing::Test {
protected:
  void SetUp() override {
    store = test::open_demo_store(dir.file("jury.db"), clock, session, 11);
    ASSERT_TRUE(store);
    fs::create_directories(dir.file("media/jury/CLE JURY"));
    test::spit(dir.file("mounts"), "/dev/sdb1 " + dir.file("media") + "/jury/CLE\\040JURY vfat rw 0 0\n");
    env.set("JURYMN_MOUNTS", dir.file("mounts"));
    env.set("JURYMN_MEDIA_ROOT", dir.file("media"));
  }
  std::string config() const { return dir.file("config"); }
  std::string key() const { return dir.file("media") + "/jury/CLE JURY"; }
  // Every file under `root`, for « nothing was written ».
  static int files_under(const std::string& root) {
    int n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      ++n;
    return n;
  }

  test::TempDir dir;
  FakeClock clock{1'780'000'000'000};
  std::unique_ptr<Store> store;
  std::string session;
  Environment env;
};

TEST_F(ExportDestination, CopyOfTheBaseGoesToTheKeyWhenOneIsThere) {
  EXPECT_EQ(database_copy_folder(*store, config(), dir.file("home")), key());
  // No key in the mount table: the home folder, as before.
  test::spit(dir.file("no-mounts"), "/dev/nvme0n1p2 / ext4 rw,relatime 0 0\n");
  env.set("JURYMN_MOUNTS", dir.file("no-mounts"));
  EXPECT_EQ(database_copy_folder(*store, config(), dir.file("home")), dir.file("home"));
}

TEST_F(ExportDestination, TheKeyIsOfferedAndTheBundleIsCheckedWhereItWasWritten) {
  auto places = export_places(*store, config());
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].label, "Clé USB «\u00A0CLE JURY\u00A0»");
  EXPECT_EQ(places[0].path, key());
  EXPECT_TRUE(places[0].removable);
  EXPECT_EQ(places[1].path, own_exports_folder(*store));
  EXPECT_FALSE(places[1].removable);

  ui::ImportOutcome o = export_results_to(*store, session, key(), config(), clock.now_ms());
  ASSERT_TRUE(o.ok) << o.summary;
  EXPECT_EQ(fs::path(o.written).parent_path(), fs::path(key()));
  EXPECT_EQ(fs::path(o.written).filename().string().rfind("resultats-", 0), 0u) << o.written;
  EXPECT_NE(o.summary.find("relus et vérifiés"), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find(o.written), std::string::npos) << o.summary;
  BundleCheck check = verify_bundle(o.written);
  EXPECT_TRUE(check.ok()) << (check.problems.empty() ? "" : check.problems.front());
  // Nothing of the bundle went beside the database.
  EXPECT_FALSE(fs::exists(own_exports_folder(*store)));

  // Next time the same key comes first, as the folder used last; it is not
  // offered twice.
  EXPECT_EQ(load_export_folder(config()), key());
  places = export_places(*store, config());
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(places[0].path, key());
  EXPECT_TRUE(places[0].removable);
  EXPECT_EQ(places[0].label, "La clé USB «\u00A0CLE JURY\u00A0», comme la dernière fois");
  // A folder on the key is named with its key.
  fs::create_directories(key() + "/Résultats mai");
  ASSERT_EQ(save_export_folder(config(), key() + "/Résultats mai"), "");
  places = export_places(*store, config());
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[0].label, "Le dossier «\u00A0Résultats mai\u00A0» sur la clé USB «\u00A0CLE JURY\u00A0», comme la dernière fois");
  EXPECT_TRUE(places[0].removable);
  EXPECT_EQ(places[1].path, key());
}

TEST_F(ExportDestination, JurymnsOwnFolderIsMadeAndNotRemembered) {
  ui::ImportOutcome o = export_results_to(*store, session, own_exports_folder(*store), config(), clock.now_ms());
  ASSERT_TRUE(o.ok) << o.summary;
  EXPECT_TRUE(verify_bundle(o.written).ok());
  EXPECT_EQ(load_export_folder(config()), "");
}

TEST_F(ExportDestination, AFolderThatIsNotThereIsRefusedAndNothingIsWritten) {
  const int before = files_under(dir.path().string());
  // A key pulled out, or a path mistyped: never a new folder on the laptop.
  for (const std::string& wrong : {dir.file("media") + "/jury/KINGSTN", std::string(), dir.file("jury.db")}) {
    ui::ImportOutcome o = export_results_to(*store, session, wrong, config(), clock.now_ms());
    EXPECT_FALSE(o.ok) << wrong;
    EXPECT_TRUE(o.written.empty());
    if (!wrong.empty()) {
      EXPECT_NE(o.summary.find(wrong), std::string::npos) << o.summary;
    }
  }
  EXPECT_FALSE(fs::exists(dir.file("media") + "/jury/KINGSTN"));
  EXPECT_EQ(files_under(dir.path().string()), before);
  EXPECT_EQ(load_export_folder(config()), "");
  // An unknown session.
  EXPECT_FALSE(export_results_to(*store, "nope", key(), config(), clock.now_ms()).ok);
}

TEST_F(ExportDestination, AKeyThatRefusesTheBundleSaysSoAndLeavesNothing) {
  // Something of the same name is in the way on the key (root or not).
  const std::string in_the_way =
      (fs::path(key()) / export_folder_name(*store->find_session(session), clock.now_ms())).string();
  test::spit(in_the_way, "not a bundle");
  ui::ImportOutcome o = export_results_to(*store, session, key(), config(), clock.now_ms());
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.summary.find("n’ont pas été exportés"), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find(in_the_way), std::string::npos) << o.summary;
  EXPECT_EQ(test::slurp(in_the_way), "not a bundle");
  EXPECT_EQ(files_under(key()), 1);
  EXPECT_EQ(load_export_folder(config()), "");
}

TEST_F(ExportDestination, TheCentresListOnTheKeyIsOfferedForImport) {
  fs::create_directories(dir.file("home/Téléchargements"));
  test::spit(dir.file("home/Téléchargements/inscrits.csv"), "Numéro;Nom;Prénom\n");
  test::spit(key() + "/candidats mai.CSV", "Numéro;Nom;Prénom\n");
  test::spit(key() + "/notes.txt", "");
  env.set("HOME", dir.file("home"));
  ui::Services services = make_services(*store, clock);
  const auto found = services.find_candidate_files();
  EXPECT_NE(std::find(found.begin(), found.end(), dir.file("home/Téléchargements/inscrits.csv")), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), key() + "/candidats mai.CSV"), found.end());
  EXPECT_EQ(std::find(found.begin(), found.end(), key() + "/notes.txt"), found.end());
}

TEST_F(ExportDestination, SavingTheZoomKeepsTheFolderAndBack) {
  ASSERT_EQ(save_export_folder(config(), key()), "");
  ASSERT_EQ(save_ui_settings(config(), UiSettings{1.2f, true}), "");
  EXPECT_EQ(load_export_folder(config()), key());
  EXPECT_FLOAT_EQ(load_ui_settings(config()).scale, 1.2f);
  ASSERT_EQ(save_export_folder(config(), "/srv/partage"), "");
  EXPECT_FLOAT_EQ(load_ui_settings(config()).scale, 1.2f);
  EXPECT_EQ(load_export_folder(config()), "/srv/partage");
  // A damaged file costs the preferences only.
  test::spit(config() + "/settings.json", "{\"export_folder\": 3, ");
  EXPECT_EQ(load_export_folder(config()), "");
  EXPECT_FLOAT_EQ(load_ui_settings(config()).scale, 1.0f);
  // A folder remembered but gone (the key is elsewhere) is not offered.
  ASSERT_EQ(save_export_folder(config(), dir.file("gone")), "");
  for (const auto& p : export_places(*store, config())) EXPECT_NE(p.path, dir.file("gone"));
}

}  // namespace
}  // namespace jurymn
