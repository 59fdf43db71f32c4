// SPDX-License-Identifier: EUPL-1.2
// The system's file dialog: a child process whose answer is read without
// blocking (the frame loop keeps drawing), and the typed-path fallback when
// no dialog program is there. A stand-in « zenity » script plays the user.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app/session_services.h"
#include "platform/platform.h"
#include "test_support.h"

namespace jurymn {
namespace {

// PATH, DISPLAY and JURYMN_FILE_DIALOG as a test wants them, put back after.
class DialogEnvironment {
public:
  explicit DialogEnvironment(const std::string& path) {
    for (const char* name : {"PATH", "DISPLAY", "JURYMN_FILE_DIALOG"}) {
      const char* v = std::getenv(name);
      saved_.push_back({name, v ? std::optional<std::string>(v) : std::nullopt});
    }
    ::setenv("PATH", path.c_str(), 1);
    ::setenv("DISPLAY", ":99", 1);  // only looked at, never connected to
    ::unsetenv("JURYMN_FILE_DIALOG");
  }
  ~DialogEnvironment() {
    for (const auto& [name, value] : saved_)
      if (value) ::setenv(name.c_str(), value->c_str(), 1);
      else ::unsetenv(name.c_str());
  }

private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

void fake_program(const std::string& path, const std::string& script) {
  test::spit(path, "#!/bin/sh\n" + script + "\n");
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

// Up to 60 s: the fake dialogs answer at once, a loaded machine only delays them.
std::optional<std::string> wait_answer(ui::PathDialog& d) {
  for (int i = 0; i < 6000; ++i) {
    if (auto a = d.answer()) return a;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

const platform::FileDialogRequest kCsv{false, "Liste des candidats (CSV)", "/tmp", "Fichiers CSV", "*.csv"};

TEST(FileDialog, NoDialogProgramMeansTheTypedPath) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("empty"));
  DialogEnvironment env(dir.file("empty"));
  EXPECT_EQ(platform::open_file_dialog(kCsv), nullptr);
  EXPECT_EQ(system_path_dialog(kCsv), nullptr);
  // Turned off on purpose (tests, kiosks) even where zenity is installed.
  std::filesystem::create_directories(dir.file("bin"));
  fake_program(dir.file("bin/zenity"), "echo /ignored.csv");
  DialogEnvironment with_zenity(dir.file("bin"));
  ::setenv("JURYMN_FILE_DIALOG", "none", 1);
  EXPECT_EQ(system_path_dialog(kCsv), nullptr);
}

TEST(FileDialog, TheChosenFileComesBackWithoutBlocking) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("bin"));
  // The user takes a moment (until the test says "chosen", at most 20 s),
  // then picks a file; zenity gets the filter.
  const std::string chosen = dir.file("chosen");
  fake_program(dir.file("bin/zenity"), "i=0; while [ ! -e '" + chosen + "' ] && [ $i -lt 2000 ]; do /bin/sleep 0.01; i=$((i+1)); done; echo \"$@\" > " +
                                           dir.file("args") + "; echo '/home/jury/Téléchargements/candidats mai.csv'");
  DialogEnvironment env(dir.file("bin"));
  auto dialog = system_path_dialog(kCsv);
  ASSERT_NE(dialog, nullptr);
  const auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(dialog->answer(), std::nullopt);  // still open: the frame goes on
  // Far below the 20 s the dialog stays open: answer() did not wait for it.
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(5));
  test::spit(chosen, "");
  EXPECT_EQ(wait_answer(*dialog), "/home/jury/Téléchargements/candidats mai.csv");
  const std::string args = test::slurp(dir.file("args"));
  EXPECT_NE(args.find("--file-selection"), std::string::npos) << args;
  EXPECT_NE(args.find("*.csv"), std::string::npos) << args;
}

TEST(FileDialog, CancellingGivesNothing) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("bin"));
  fake_program(dir.file("bin/zenity"), "exit 1");
  DialogEnvironment env(dir.file("bin"));
  auto dialog = system_path_dialog(kCsv);
  ASSERT_NE(dialog, nullptr);
  EXPECT_EQ(wait_answer(*dialog), "");
  // kdialog when zenity is not there.
  std::filesystem::remove(dir.file("bin/zenity"));
  fake_program(dir.file("bin/kdialog"), "echo /srv/liste.csv");
  auto other = system_path_dialog(kCsv);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(wait_answer(*other), "/srv/liste.csv");
}

TEST(FileDialog, AFolderForTheResults) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("bin"));
  // zenity answers a folder only when asked for one (--directory), and
  // starts where the export dialog stood.
  fake_program(dir.file("bin/zenity"), "echo \"$@\" > " + dir.file("args") +
                                           "; case \"$*\" in *--directory*) echo '/media/jury/CLÉ JURY';; *) exit 1;; esac");
  DialogEnvironment env(dir.file("bin"));
  auto dialog = system_path_dialog({true, "Où exporter les résultats ?", "/media/jury", "", ""});
  ASSERT_NE(dialog, nullptr);
  EXPECT_EQ(wait_answer(*dialog), "/media/jury/CLÉ JURY");
  const std::string args = test::slurp(dir.file("args"));
  EXPECT_NE(args.find("--filename=/media/jury/"), std::string::npos) << args;
  EXPECT_EQ(args.find("--file-filter"), std::string::npos) << args;  // no filter on folders
  // kdialog's own way of asking for a folder.
  std::filesystem::remove(dir.file("bin/zenity"));
  fake_program(dir.file("bin/kdialog"), "[ \"$1\" = --getexistingdirectory ] && echo /srv/partage || exit 1");
  auto other = system_path_dialog({true, "Où exporter les résultats ?", "", "", ""});
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(wait_answer(*other), "/srv/partage");
}

TEST(FileDialog, AClosedWindowEndsTheDialogStillOpen) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("bin"));
  fake_program(dir.file("bin/zenity"), "/bin/sleep 30; echo /late.csv");
  DialogEnvironment env(dir.file("bin"));
  const auto start = std::chrono::steady_clock::now();
  {
    auto dialog = system_path_dialog(kCsv);
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->answer(), std::nullopt);
  }  // destroyed: the child is ended, not waited for 30 s
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace jurymn
