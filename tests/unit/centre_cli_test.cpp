// SPDX-License-Identifier: EUPL-1.2
// The exam centre's commands as its officer types them (the real binary):
// merge output, keys list, pv-code check and the consolidated CSV (issue 27
// items 7 and 8). POSIX only: it runs the binary through the shell.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "app/results_export.h"
#include "core/spoken_codes.h"
#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "merge_laptop.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using test::Laptop;

class CentreCli : public ::testing::Test {
protected:
  test::TempDir dir;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
  }
  // Each bundle signed with its own laptop's key.
  std::string export_of(Laptop& l, const std::string& name) {
    const std::string out = dir.file(name);
    ExportOutcome o = export_session(*l.store, l.session, out, dir.file("key-" + name), l.clock.now_ms());
    EXPECT_TRUE(o.ok) << o.summary;
    return out;
  }
  std::string fingerprint_of(const std::string& bundle_dir) { return verify_bundle(bundle_dir).fingerprint; }
};

// The real binary, as the centre's officer runs it: output and exit code.
struct CliRun {
  int code = 0;
  std::string out;
};
CliRun centre_cli(const std::string& args, const std::string& dir) {
  const std::string log = dir + "/cli.log";
  const std::string cmd = std::string("XDG_CONFIG_HOME='") + dir + "/cfg' XDG_DATA_HOME='" + dir + "/data' '" +
                          JURYMN_BINARY + "' " + args + " >'" + log + "' 2>&1";
  CliRun c;
  const int rc = std::system(cmd.c_str());
  c.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  c.out = test::slurp(log);
  return c;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The consolidated CSV's rows as maps (column name → cell).
std::vector<std::map<std::string, std::string>> csv_table(const std::string& text) {
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> row;
  std::string cellv;
  bool quoted = false;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') cellv += '"', ++i;
      else if (ch == '"') quoted = false;
      else cellv += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ';') {
      row.push_back(cellv), cellv.clear();
    } else if (ch == '\r') {
    } else if (ch == '\n') {
      row.push_back(cellv), cellv.clear();
      lines.push_back(row), row.clear();
    } else {
      cellv += ch;
    }
  }
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t l = 1; l < lines.size(); ++l) {
    std::map<std::string, std::string> m;
    for (std::size_t c = 0; c < lines[0].size() && c < lines[l].size(); ++c) m[lines[0][c]] = lines[l][c];
    out.push_back(m);
  }
  return out;
}

// Issue 27 items 7 and 8, on the command line: « N conflit(s) » counts the
// conflicts listed (a name note is no conflict); the « Conflit » column
// names the laptop as enrolled; dates in CSV cells are ISO 8601; « Par
// équivalence » rows say so in the decision cell; every PV check is kept
// with the key whose trail it matched, and each row shows the check of the
// laptop its decision came from.
TEST_F(CentreCli, TheCentresCommandsCountNameAndDateAsTheyList) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'100'000);
  CandidateInput held = test::candidate_input("C-3", "Roux", "Zoé");
  held.ccps = {"CCP2"};
  held.by_equivalence = {"CCP1"};
  a.apply(action::AddCandidate{a.session, held});
  // B types C-1's name differently (a note) and disagrees on C-2 (a conflict).
  b.apply(action::EditCandidate{b.candidate["C-1"], test::candidate_input("C-1", "Autrenom")});
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  const std::string a2 = a.run("C-2", true), b2 = b.run("C-2", true);
  a.decide(a2, CcpOutcome::Obtained, "");
  b.decide(b2, CcpOutcome::NotObtained, "Dossier professionnel incomplet.");
  const std::string code_a = pv_code(a.store->audit_head(a.session).digest);
  const std::string code_b = pv_code(b.store->audit_head(b.session).digest);
  const std::string lot_a = export_of(a, "lot-a"), lot_b = export_of(b, "lot-b");
  const std::string db = dir.file("centre-cli.db");
  ASSERT_EQ(centre_cli("keys trust '" + lot_a + "/public-key.pem' --name 'PC jury A' --by 'Anne Martin' --db '" + db + "'",
                       dir.path().string()).code, 0);
  ASSERT_EQ(centre_cli("keys trust '" + lot_b + "/public-key.pem' --name 'PC jury B' --by 'Anne Martin' --db '" + db + "'",
                       dir.path().string()).code, 0);

  CliRun merged = centre_cli("merge --into '" + db + "' '" + lot_a + "' '" + lot_b + "'", dir.path().string());
  ASSERT_EQ(merged.code, 0) << merged.out;
  EXPECT_EQ(occurrences(merged.out, "  Conflit"), 1u) << merged.out;
  EXPECT_NE(merged.out.find("Autrenom"), std::string::npos) << merged.out;
  EXPECT_NE(merged.out.find("1 conflit(s)"), std::string::npos) << merged.out;
  EXPECT_EQ(merged.out.find("2 conflit(s)"), std::string::npos) << merged.out;

  // PV codes: A's checked twice (two officers), B's once.
  const std::string session = a.session.substr(0, 8);
  for (const auto& [code, by] : std::vector<std::pair<std::string, std::string>>{
           {code_a, "Anne Martin"}, {code_b, "Bruno Petit"}, {code_a, "Claire Noël"}}) {
    CliRun c = centre_cli("pv-code check --db '" + db + "' --session " + session + " '" + code + "' --by '" + by + "'",
                          dir.path().string());
    ASSERT_EQ(c.code, 0) << c.out;
  }
  CliRun keys = centre_cli("keys list --db '" + db + "'", dir.path().string());
  ASSERT_EQ(keys.code, 0) << keys.out;
  const auto at_b = keys.out.find("«\u00A0PC jury B\u00A0»");
  const auto at_a = keys.out.find("«\u00A0PC jury A\u00A0»");
  ASSERT_NE(at_a, std::string::npos) << keys.out;
  ASSERT_NE(at_b, std::string::npos) << keys.out;
  const std::string part_a = keys.out.substr(at_a, at_b > at_a ? at_b - at_a : std::string::npos);
  const std::string part_b = keys.out.substr(at_b, at_a > at_b ? at_a - at_b : std::string::npos);
  EXPECT_NE(part_a.find("par Anne Martin"), std::string::npos) << part_a;
  EXPECT_NE(part_a.find("de nouveau le"), std::string::npos) << part_a;
  EXPECT_NE(part_a.find("par Claire Noël"), std::string::npos) << part_a;
  EXPECT_EQ(part_a.find("Bruno Petit"), std::string::npos) << part_a;
  EXPECT_NE(part_b.find("par Bruno Petit"), std::string::npos) << part_b;
  EXPECT_EQ(part_b.find("Anne Martin (code"), std::string::npos) << part_b;
  // Screens' and pages' style of date: « 7 décembre 2026 à 04 h 31 ».
  EXPECT_FALSE(std::regex_search(keys.out, std::regex("[0-9]{2}/[0-9]{2}/20[0-9]{2}"))) << keys.out;
  EXPECT_NE(keys.out.find("\u00A0h\u00A0"), std::string::npos) << keys.out;

  CliRun table = centre_cli("merge --into '" + db + "' --csv '" + dir.file("centre.csv") + "' '" + lot_a + "'",
                            dir.path().string());
  ASSERT_EQ(table.code, 0) << table.out;
  const auto rows = csv_table(test::slurp(dir.file("centre.csv")));
  int seen = 0;
  for (const auto& r : rows) {
    const std::string& number = r.at("N° candidat");
    const std::string& locked = r.at("Verrouillée le");
    if (!locked.empty()) {
      // ISO 8601, local time: 2026-12-07 04:31.
      ASSERT_EQ(locked.size(), 16u) << locked;
      EXPECT_TRUE(locked[4] == '-' && locked[7] == '-' && locked[10] == ' ' && locked[13] == ':') << locked;
    }
    if (number == "C-3" && r.at("CCP") == "CCP1") {
      ++seen;
      EXPECT_EQ(r.at("Décision du jury"), "Par équivalence");
    }
    if (number == "C-1") {
      ++seen;
      const std::string& pv = r.at("PV papier");
      EXPECT_EQ(pv.rfind("vérifié le 20", 0), 0u) << pv;  // ISO date in the cell
      EXPECT_NE(pv.find("Anne Martin"), std::string::npos) << pv;
      EXPECT_NE(pv.find("Claire Noël"), std::string::npos) << pv;
      EXPECT_EQ(pv.find("Bruno Petit"), std::string::npos) << pv;
    }
    if (number == "C-2") {
      ++seen;
      const std::string& conflict = r.at("Conflit");
      EXPECT_NE(conflict.find("«\u00A0PC jury B\u00A0»"), std::string::npos) << conflict;
      EXPECT_EQ(conflict.find(fingerprint_of(lot_b)), std::string::npos) << conflict;
      EXPECT_NE(conflict.find("Bruno Petit"), std::string::npos) << conflict;
      EXPECT_EQ(conflict.find("Anne Martin"), std::string::npos) << conflict;
    }
  }
  EXPECT_EQ(seen, 3) << "rows C-1, C-2 and C-3's CCP1";
}

}  // namespace
}  // namespace jurymn
