// A page written to be printed is opened with xdg-open (issue 26 item 14):
// when no browser opened it, jurymn says so, where the file is, and why,
// rather than « Il s’ouvre dans le navigateur ». A stand-in « xdg-open »
// script on PATH plays the system, as the file dialog tests do.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "app/installation_key.h"
#include "app/session_services.h"
#include "platform/platform.h"
#include "test_support.h"

namespace jurymn {
namespace {

using namespace test;

// PATH as a test wants it, put back after.
class PathEnvironment {
public:
  explicit PathEnvironment(const std::string& path) {
    const char* v = std::getenv("PATH");
    if (v) saved_ = v;
    ::setenv("PATH", path.c_str(), 1);
  }
  ~PathEnvironment() {
    if (saved_) ::setenv("PATH", saved_->c_str(), 1);
    else ::unsetenv("PATH");
  }

private:
  std::optional<std::string> saved_;
};

void fake_xdg_open(const std::string& dir, const std::string& script) {
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/xdg-open";
  spit(path, "#!/bin/sh\n" + script + "\n");
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

TEST(OpenDocument, NoOpenerOnThePathIsNoBrowserFound) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("vide"));
  spit(dir.file("pv.html"), "<p>PV</p>");
  PathEnvironment env(dir.file("vide"));
  const platform::OpenedDocument o = platform::open_document(dir.file("pv.html"));
  EXPECT_FALSE(o);
  EXPECT_NE(o.why.find("aucun navigateur trouvé"), std::string::npos) << o.why;
}

TEST(OpenDocument, TheOpenersNoApplicationCodeIsNoBrowserFound) {
  TempDir dir;
  fake_xdg_open(dir.file("bin"), "exit 3");
  spit(dir.file("pv.html"), "<p>PV</p>");
  PathEnvironment env(dir.file("bin"));
  const platform::OpenedDocument o = platform::open_document(dir.file("pv.html"));
  EXPECT_FALSE(o);
  EXPECT_EQ(o.why, "aucun navigateur trouvé sur cet ordinateur");
}

TEST(OpenDocument, AnotherFailureOfTheOpenerGivesItsExitCode) {
  TempDir dir;
  fake_xdg_open(dir.file("bin"), "exit 4");
  spit(dir.file("pv.html"), "<p>PV</p>");
  PathEnvironment env(dir.file("bin"));
  const platform::OpenedDocument o = platform::open_document(dir.file("pv.html"));
  EXPECT_FALSE(o);
  EXPECT_NE(o.why.find("xdg-open a répondu 4"), std::string::npos) << o.why;
}

TEST(OpenDocument, TheOpenerGetsThePathAndSucceeds) {
  TempDir dir;
  fake_xdg_open(dir.file("bin"), "printf '%s' \"$1\" > '" + dir.file("ouvert") + "'");
  spit(dir.file("pv.html"), "<p>PV</p>");
  PathEnvironment env(dir.file("bin"));
  const platform::OpenedDocument o = platform::open_document(dir.file("pv.html"));
  EXPECT_TRUE(o) << o.why;
  EXPECT_EQ(slurp(dir.file("ouvert")), dir.file("pv.html"));
}

// A browser started by xdg-open in the foreground keeps it running: jurymn
// does not wait for the browser to close.
TEST(OpenDocument, AnOpenerStillRunningIsLeftToRun) {
  TempDir dir;
  fake_xdg_open(dir.file("bin"), "exec /bin/sleep 5");
  spit(dir.file("pv.html"), "<p>PV</p>");
  PathEnvironment env(dir.file("bin"));
  const auto start = std::chrono::steady_clock::now();
  const platform::OpenedDocument o = platform::open_document(dir.file("pv.html"));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(o) << o.why;
  EXPECT_LT(waited, std::chrono::seconds(4));
}

TEST(OpenDocument, TheProcesVerbalSaysWhereItIsAndThatNoBrowserWasFound) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("vide"));
  FakeClock clock(1'790'000'000'000);
  std::string session;
  auto store = open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  ui::Services services = make_services(*store, clock);
  PathEnvironment env(dir.file("vide"));
  const ui::ImportOutcome o = services.write_proces_verbal(session);
  ASSERT_TRUE(o.ok) << o.summary;
  EXPECT_EQ(o.summary.find("s’ouvre dans le navigateur"), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find("aucun navigateur trouvé"), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find(dir.path().string()), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find("Ouvrez ce fichier dans un navigateur pour l’imprimer."), std::string::npos) << o.summary;
}

TEST(OpenDocument, AFeedbackSheetNotOpenedSaysSoToo) {
  TempDir dir;
  fake_xdg_open(dir.file("bin"), "exit 3");
  FakeClock clock(1'790'000'000'000);
  std::string session;
  auto store = open_demo_store(dir.file("jury.db"), clock, session);
  ASSERT_TRUE(store);
  ui::Services services = make_services(*store, clock);
  PathEnvironment env(dir.file("bin"));
  const ui::ImportOutcome o = services.write_feedback_sheets(session);
  ASSERT_TRUE(o.ok) << o.summary;
  EXPECT_EQ(o.summary.find("s’ouvre dans le navigateur"), std::string::npos) << o.summary;
  EXPECT_NE(o.summary.find("Elle ne s’est pas ouverte\u00A0: aucun navigateur trouvé sur cet ordinateur"),
            std::string::npos)
      << o.summary;
}

// The home screen's sentence on the signing key (« Elle sera créée au premier
// export ») follows the key: a command-line export creates it while the
// window is open, and the next frame shows its fingerprint (issue 26 item 20).
TEST(HomeSigningKey, AKeyCreatedOutsideTheWindowIsShownAtOnce) {
  TempDir dir;
  const char* was = std::getenv("XDG_CONFIG_HOME");
  const std::optional<std::string> saved = was ? std::optional<std::string>(was) : std::nullopt;
  ::setenv("XDG_CONFIG_HOME", dir.file("cfg").c_str(), 1);
  FakeClock clock(1'790'000'000'000);
  auto store = open_jury_store(":memory:", clock);
  ui::Services services = make_services(*store, clock);
  EXPECT_EQ(services.key_fingerprint(), "");
  const InstallationKey k = installation_key(platform::config_dir());  // as `jurymn export` does
  ASSERT_TRUE(k.key) << k.error;
  EXPECT_EQ(services.key_fingerprint(), k.fingerprint);
  EXPECT_FALSE(k.fingerprint.empty());
  if (saved) ::setenv("XDG_CONFIG_HOME", saved->c_str(), 1);
  else ::unsetenv("XDG_CONFIG_HOME");
}

}  // namespace
}  // namespace jurymn
