// Files made by earlier builds of jurymn (tests/data/earlier-builds, whose
// README says which commit made each and how), opened by today's build as a
// jury or a centre that upgrades would, forever: an official session and its
// bundle from before members' PINs (schema 9, results.json format 3), and one
// from the last build that exported format 2 (schema 6, the title not yet
// data). They must open, pass `audit verify`, export and verify, and merge —
// with « preuves partielles », never as tampering (issue 26 item 3).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/results_export.h"
#include "core/rules.h"
#include "core/spoken_codes.h"
#include "io/bundle.h"
#include "store/replay.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using namespace test;
namespace fs = std::filesystem;

constexpr TimeMs kNow = 1'800'000'000'000;

// One folder of tests/data/earlier-builds: what made it, as its README says.
struct EarlierBuild {
  const char* folder;
  int schema;          // PRAGMA user_version of its jury.db
  int results_format;  // format_version of its lot/results.json
};
void PrintTo(const EarlierBuild& b, std::ostream* os) { *os << b.folder; }

class EarlierBuilds : public ::testing::TestWithParam<EarlierBuild> {
protected:
  std::string folder() const { return std::string(JURYMN_TEST_DATA) + "/earlier-builds/" + GetParam().folder; }
  std::string lot() const { return folder() + "/lot"; }
};

struct Cli {
  int code = 0;
  std::string out;
};

// The real binary, as an operator runs it.
Cli run_cli(const std::string& args, const std::string& dir) {
  const std::string log = dir + "/cli.log";
  const std::string cmd = std::string("XDG_CONFIG_HOME='") + dir + "/cfg' '" + JURYMN_BINARY + "' " + args + " >'" +
                          log + "' 2>&1";
  Cli c;
  const int rc = std::system(cmd.c_str());
  c.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  c.out = slurp(log);
  return c;
}

std::string all(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The fixture is never opened in place: opening upgrades it.
std::string copy_of_database(const std::string& folder, const TempDir& dir) {
  const std::string db = dir.file("jury.db");
  fs::copy_file(folder + "/jury.db", db);
  return db;
}

// The schema version written in the file's header (PRAGMA user_version, a
// big-endian int at offset 60), read without opening it through SQLite.
int schema_of(const std::string& db) {
  std::ifstream in(db, std::ios::binary);
  unsigned char b[4] = {};
  in.seekg(60);
  in.read(reinterpret_cast<char*>(b), 4);
  return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
}

TEST_P(EarlierBuilds, TheFixturesAreWhatTheReadmeSays) {
  ASSERT_TRUE(fs::exists(folder() + "/jury.db"));
  EXPECT_FALSE(fs::exists(folder() + "/jury.db-wal")) << "committed whole, without its -wal";
  EXPECT_EQ(schema_of(folder() + "/jury.db"), GetParam().schema);
  const BundleCheck c = verify_bundle(lot());
  ASSERT_TRUE(c.bundle) << all(c.problems);
  const ResultsBundle& b = *c.bundle;
  EXPECT_EQ(b.format_version, GetParam().results_format);
  EXPECT_EQ(b.snapshot.session.kind, SessionKind::Official);
  EXPECT_EQ(b.snapshot.jury.size(), 2u);
  for (const auto& m : b.snapshot.jury) EXPECT_FALSE(m.pin) << m.name << ": made before PINs";
  for (const auto& e : b.audit_trail) EXPECT_NE(e.action, "declare_rules");
  // One candidate examined, decided, confirmed by both members, locked.
  EXPECT_EQ(b.snapshot.candidates.size(), 1u);
  ASSERT_EQ(b.snapshot.runs.size(), 1u);
  EXPECT_TRUE(b.snapshot.runs[0].decision.locked());
  EXPECT_EQ(b.snapshot.runs[0].decision.confirmed_by.size(), 2u);
}

TEST_P(EarlierBuilds, TheDatabaseOpensUpgradedAndItsAuditVerifiesWithPartialProofs) {
  TempDir dir;
  const std::string db = copy_of_database(folder(), dir);
  FakeClock clock(kNow);
  {
    auto store = open_jury_store(db, clock);
    ASSERT_TRUE(store);
    ASSERT_EQ(store->sessions().size(), 1u);
    const std::string uuid = store->sessions().front().uuid;
    const auto trail = store->audit_entries(uuid);
    ASSERT_FALSE(trail.empty());
    // The upgrade declared today's rules at the end of the trail, chained.
    EXPECT_EQ(trail.back().action, "declare_rules");
    EXPECT_EQ(trail.back().payload, "{\"rules\":" + std::to_string(kCurrentRules) + "}");
    EXPECT_TRUE(store->verify_audit_chain().intact());
    const ReplayReport r = check_store_by_replay(*store);
    EXPECT_TRUE(r.ok()) << all(r.problems);
    EXPECT_TRUE(r.partial());
    EXPECT_NE(all(r.unproven).find("avant que le journal déclare ses règles"), std::string::npos) << all(r.unproven);
  }
  const Cli c = run_cli("audit verify --db '" + db + "'", dir.path().string());
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("preuves partielles"), std::string::npos) << c.out;
  EXPECT_EQ(c.out.find("rejeu\u00A0:"), std::string::npos) << c.out;
}

TEST_P(EarlierBuilds, TheUpgradedDatabaseExportsABundleThatVerifiesWithPartialProofs) {
  TempDir dir;
  const std::string db = copy_of_database(folder(), dir);
  FakeClock clock(kNow);
  auto store = open_jury_store(db, clock);
  ASSERT_TRUE(store);
  const std::string out = dir.file("lot");
  ExportOutcome o = export_session(*store, store->sessions().front().uuid, out, dir.file("cfg"), clock.now_ms());
  ASSERT_TRUE(o.ok) << o.summary;
  BundleCheck c = verify_bundle(out);
  ASSERT_TRUE(c.ok()) << all(c.problems);
  const ReplayReport r = check_bundle_by_replay(*c.bundle, shipped_kit().plans, shipped_kit().grids);
  EXPECT_TRUE(r.ok()) << all(r.problems);
  EXPECT_TRUE(r.partial());
  const Cli v = run_cli("verify '" + out + "'", dir.path().string());
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("preuves partielles"), std::string::npos) << v.out;
}

TEST_P(EarlierBuilds, ItsBundleVerifiesWithPartialProofs) {
  TempDir dir;
  BundleCheck c = verify_bundle(lot());
  ASSERT_TRUE(c.ok()) << all(c.problems);
  const ReplayReport r = check_bundle_by_replay(*c.bundle, shipped_kit().plans, shipped_kit().grids);
  EXPECT_TRUE(r.ok()) << all(r.problems);
  EXPECT_TRUE(r.partial());
  EXPECT_NE(all(r.unproven).find("avant que le journal déclare ses règles"), std::string::npos) << all(r.unproven);
  const Cli v = run_cli("verify '" + lot() + "'", dir.path().string());
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("preuves partielles"), std::string::npos) << v.out;
  // A format-2 bundle does not carry its title: the one of its era is
  // assumed for the replay, and said.
  EXPECT_EQ(v.out.find("format 2 : le lot ne porte pas son titre") != std::string::npos,
            GetParam().results_format == 2)
      << v.out;
}

// At the centre: merged, said so, and flagged in `keys list` and the CSV
// until the paper PV's code is checked.
TEST_P(EarlierBuilds, ItsBundleMergesFlaggedUntilItsPaperPvIsChecked) {
  TempDir dir;
  const std::string centre = dir.file("centre.db");
  const std::string lot = this->lot();
  const Cli m = run_cli("merge --into '" + centre + "' --trust-new-key --key-name 'PC jury' --csv '" +
                            dir.file("centre.csv") + "' '" + lot + "'",
                        dir.path().string());
  ASSERT_EQ(m.code, 0) << m.out;
  EXPECT_NE(m.out.find("importé (clé"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("«\u00A0preuves partielles\u00A0»"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("pv-code check"), std::string::npos) << m.out;
  const std::string csv = slurp(dir.file("centre.csv"));
  EXPECT_NE(csv.find(";PV papier;Preuves;Ordinateurs\r\n"), std::string::npos) << csv.substr(0, 400);
  EXPECT_NE(csv.find("partielles (lot"), std::string::npos) << csv;
  Cli k = run_cli("keys list --db '" + centre + "'", dir.path().string());
  EXPECT_EQ(k.code, 0) << k.out;
  EXPECT_NE(k.out.find("preuves partielles (lot"), std::string::npos) << k.out;

  const ResultsBundle b = *verify_bundle(lot).bundle;
  const std::string code = pv_code(b.audit.digest);
  const Cli p = run_cli("pv-code check --db '" + centre + "' --session " + b.snapshot.session.uuid.substr(0, 8) +
                            " '" + code + "'",
                        dir.path().string());
  ASSERT_EQ(p.code, 0) << p.out;
  k = run_cli("keys list --db '" + centre + "'", dir.path().string());
  EXPECT_NE(k.out.find("preuves partielles, confirmées par le code du PV papier"), std::string::npos) << k.out;
  FakeClock clock(kNow);
  auto store = Store::open(centre, OpenMode::ReadWrite, clock).store;
  ASSERT_TRUE(store);
  const auto partial = store->partial_proofs(b.snapshot.session.uuid);
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_TRUE(partial[0].paper_checked);
  EXPECT_FALSE(partial[0].unproven.empty());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, EarlierBuilds,
                         ::testing::Values(EarlierBuild{"official-before-pins", 9, 3},
                                           EarlierBuild{"official-format-2", 6, 2}),
                         [](const ::testing::TestParamInfo<EarlierBuild>& i) {
                           return i.param.results_format == 3 ? std::string("BeforePinsFormat3")
                                                              : std::string("Format2");
                         });

}  // namespace
}  // namespace jurymn
