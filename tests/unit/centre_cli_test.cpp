// SPDX-License-Identifier: EUPL-1.2
// The exam centre's commands as its officer types them (the real binary):
// merge output, keys list, pv-code check and the consolidated CSV (issue 27
// items 7 and 8). POSIX only: it runs the binary through the shell.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sqlite3.h>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "app/installation_key.h"
#include "app/results_export.h"
#include "core/spoken_codes.h"
#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/signing.h"
#include "merge_laptop.h"
#include "store/store.h"
#include "test_support.h"
#include "ui/screens.h"

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

// Issue 30 item 3: whoever holds a laptop can rewrite its whole trail with
// PINs of their own; only the paper PV's code shows the results are the
// jury's. Until it is checked, merge, keys list and the table say the
// official results are provisional; with --require-pv-code the table does
// not count them.
TEST_F(CentreCli, OfficialResultsAreProvisionalUntilTheirPaperPvCodeIsChecked) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  const std::string code = pv_code(a.store->audit_head(a.session).digest);
  const std::string lot = export_of(a, "lot-a");
  const std::string db = dir.file("centre-pv.db"), csv = dir.file("centre.csv");
  ASSERT_EQ(centre_cli("keys trust '" + lot + "/public-key.pem' --name 'PC jury A' --db '" + db + "'",
                       dir.path().string()).code, 0);
  const auto decision_of_c1 = [&] {
    for (const auto& r : csv_table(test::slurp(csv)))
      if (r.at("N° candidat") == "C-1" && r.at("CCP") == "CCP1") return r.at("Décision du jury") + " | " + r.at("PV papier");
    return std::string("no row");
  };

  CliRun merged = centre_cli("merge --require-pv-code --into '" + db + "' --csv '" + csv + "' '" + lot + "'",
                             dir.path().string());
  ASSERT_EQ(merged.code, 0) << merged.out;
  EXPECT_NE(merged.out.find("Résultats officiels provisoires tant que le code de son PV papier n’est pas vérifié"),
            std::string::npos) << merged.out;
  EXPECT_NE(merged.out.find("le tableau consolidé ne les compte pas (--require-pv-code)"), std::string::npos)
      << merged.out;
  EXPECT_NE(merged.out.find("jurymn pv-code check --session " + a.session.substr(0, 8)), std::string::npos)
      << merged.out;
  EXPECT_EQ(decision_of_c1(),
            "en attente du PV papier (décision transmise\u00A0: CCP obtenu) | non vérifié — résultat provisoire");
  CliRun keys = centre_cli("keys list --db '" + db + "'", dir.path().string());
  EXPECT_NE(keys.out.find("PV papier non vérifié (résultats officiels provisoires)"), std::string::npos) << keys.out;

  // Without the requirement, the decision counts, still said provisional.
  ASSERT_EQ(centre_cli("merge --into '" + db + "' --csv '" + csv + "' '" + lot + "'", dir.path().string()).code, 0);
  EXPECT_EQ(decision_of_c1(), "CCP obtenu | non vérifié — résultat provisoire");

  ASSERT_EQ(centre_cli("pv-code check --db '" + db + "' --session " + a.session.substr(0, 8) + " '" + code + "'",
                       dir.path().string()).code, 0);
  ASSERT_EQ(centre_cli("merge --require-pv-code --into '" + db + "' --csv '" + csv + "' '" + lot + "'",
                       dir.path().string()).code, 0);
  const std::string after = decision_of_c1();
  EXPECT_EQ(after.rfind("CCP obtenu | vérifié le 20", 0), 0u) << after;
  EXPECT_EQ(after.find("provisoire"), std::string::npos) << after;
  keys = centre_cli("keys list --db '" + db + "'", dir.path().string());
  EXPECT_EQ(keys.out.find("provisoires"), std::string::npos) << keys.out;
}

// Issue 30 item 4: an enrolled laptop B, copying A's title and date, adds a
// candidate to A's session. Never blocked, never hidden: every key of the
// session is named, and what B alone carried is « ajouté par un autre
// ordinateur » until the centre confirms B for that session.
TEST_F(CentreCli, ASecondKeyIsNamedAndWhatItAloneAddedIsFlaggedUntilConfirmed) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'100'000);
  b.apply(action::AddCandidate{b.session, test::candidate_input("C-3", "Intrus", "Igor")});
  const std::string lot_a = export_of(a, "lot-a"), lot_b = export_of(b, "lot-b");
  const std::string db = dir.file("centre-keys.db"), csv = dir.file("centre.csv");
  const std::string cwd = dir.path().string();
  for (const auto& [lot, name] : {std::pair{lot_a, "PC jury A"}, std::pair{lot_b, "PC jury B"}})
    ASSERT_EQ(centre_cli("keys trust '" + lot + "' --name '" + name + "' --db '" + db + "'", cwd).code, 0);
  const auto computers_of = [&](const std::string& number) {
    for (const auto& r : csv_table(test::slurp(csv)))
      if (r.at("N° candidat") == number) return r.at("Ordinateurs");
    return std::string("no row");
  };

  CliRun merged = centre_cli("merge --into '" + db + "' --csv '" + csv + "' '" + lot_a + "' '" + lot_b + "'", cwd);
  ASSERT_EQ(merged.code, 0) << merged.out;
  EXPECT_NE(merged.out.find("lots de 2 ordinateurs — «\u00A0PC jury A\u00A0» (premier lot), «\u00A0PC jury B\u00A0» "
                            "(non confirmé pour cette session)"),
            std::string::npos)
      << merged.out;
  EXPECT_NE(merged.out.find("Ajouté par un autre ordinateur, non confirmé pour cette session\u00A0: C-3 Igor Intrus "
                            "(«\u00A0PC jury B\u00A0»)"),
            std::string::npos)
      << merged.out;
  EXPECT_EQ(merged.out.find("C-1 Éloïse"), std::string::npos) << "carried by A too: not flagged\n" << merged.out;
  // B's lot joined A's session: the command to run names the centre's session.
  EXPECT_EQ(occurrences(merged.out, "pv-code check --session " + a.session.substr(0, 8)), 2u) << merged.out;
  EXPECT_EQ(merged.out.find("--session " + b.session.substr(0, 8)), std::string::npos) << merged.out;
  EXPECT_EQ(computers_of("C-3"), "ajouté par un autre ordinateur («\u00A0PC jury B\u00A0») — «\u00A0PC jury A\u00A0», "
                                 "«\u00A0PC jury B\u00A0» (non confirmé pour cette session)");
  EXPECT_EQ(computers_of("C-1"), "«\u00A0PC jury A\u00A0», «\u00A0PC jury B\u00A0» (non confirmé pour cette session)");
  CliRun keys = centre_cli("keys list --db '" + db + "'", cwd);
  EXPECT_NE(keys.out.find("C-3 Igor Intrus"), std::string::npos) << keys.out;
  {  // The session screen at the centre says the same.
    FakeClock clock;
    auto centre = Store::open(db, OpenMode::ReadOnly, clock);
    ASSERT_TRUE(centre.store) << centre.error;
    std::string notes;
    for (const auto& line : ui::centre_notes(*centre.store, centre.store->sessions().at(0))) notes += line + "\n";
    EXPECT_NE(notes.find("Résultats officiels provisoires\u00A0: code du PV papier non vérifié pour «\u00A0PC jury A\u00A0», "
                         "«\u00A0PC jury B\u00A0»"),
              std::string::npos)
        << notes;
    EXPECT_NE(notes.find("«\u00A0PC jury B\u00A0» (non confirmé pour cette session)"), std::string::npos) << notes;
    EXPECT_NE(notes.find("Ajouté par un autre ordinateur, non confirmé pour cette session\u00A0: C-3 Igor Intrus"),
              std::string::npos)
        << notes;
  }

  // The base's confirmations must be its trail's: one slipped in with sqlite3
  // stops every merge, before anything is written.
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           ("INSERT INTO session_key (session_id, key_fingerprint, confirmed_by, confirmed_at) SELECT "
                            "id, '" + fingerprint_of(lot_b) + "', 'x', 0 FROM exam_session").c_str(),
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    CliRun refused = centre_cli("merge --into '" + db + "' '" + lot_a + "'", cwd);
    EXPECT_EQ(refused.code, 1) << refused.out;
    EXPECT_NE(refused.out.find("sans entrée confirm_session_key au journal du centre"), std::string::npos) << refused.out;
    ASSERT_EQ(sqlite3_exec(raw, "DELETE FROM session_key", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }

  // A session that is not there: said, nothing enrolled nor confirmed.
  const auto entries_before = [&] {
    FakeClock clock;
    return Store::open(db, OpenMode::ReadOnly, clock).store->audit_entry_count();
  }();
  CliRun unknown = centre_cli("keys trust '" + lot_b + "' --session zzzz9999 --db '" + db + "'", cwd);
  EXPECT_EQ(unknown.code, 1) << unknown.out;
  EXPECT_NE(unknown.out.find("aucune session ne correspond à «\u00A0zzzz9999\u00A0»"), std::string::npos) << unknown.out;
  {
    FakeClock clock;
    EXPECT_EQ(Store::open(db, OpenMode::ReadOnly, clock).store->audit_entry_count(), entries_before);
  }

  // The centre confirms B for the session: C-3 is the jury's.
  CliRun confirmed =
      centre_cli("keys trust '" + lot_b + "' --session " + a.session.substr(0, 8) + " --by 'Anne Martin' --db '" + db + "'", cwd);
  ASSERT_EQ(confirmed.code, 0) << confirmed.out;
  EXPECT_NE(confirmed.out.find("confirmée pour la session"), std::string::npos) << confirmed.out;
  EXPECT_EQ(confirmed.out.find("enrôlée («"), std::string::npos) << "already enrolled: only confirmed\n" << confirmed.out;
  EXPECT_EQ(centre_cli("keys trust '" + lot_b + "' --session " + a.session.substr(0, 8) + " --db '" + db + "'", cwd).code, 1)
      << "twice";
  merged = centre_cli("merge --into '" + db + "' --csv '" + csv + "' '" + lot_a + "'", cwd);
  ASSERT_EQ(merged.code, 0) << merged.out;
  EXPECT_EQ(computers_of("C-3"), "«\u00A0PC jury A\u00A0», «\u00A0PC jury B\u00A0»");
  keys = centre_cli("keys list --db '" + db + "'", cwd);
  EXPECT_EQ(keys.out.find("C-3 Igor Intrus"), std::string::npos) << keys.out;
  EXPECT_NE(keys.out.find("(confirmé par Anne Martin)"), std::string::npos) << keys.out;
  CliRun audit = centre_cli("audit verify --db '" + db + "'", cwd);
  EXPECT_EQ(audit.code, 0) << audit.out;
}

// Issue 30 item 7: a centre insider with sqlite3 marks a paper PV checked (its
// official results no longer provisional) or a bundle merged (the real one
// then « déjà importé »): every such row must be its trail's entry.
// Whoever holds a laptop's key changes a mark in runs.jsonl and signs the
// bundle again: every digest holds, so only the trail can refuse it. verify
// and merge replay it and compare every record with the replay (the
// trail's own partial account of the records is not read besides), and
// refuse it, naming the record's file and pointer; the centre's base is not
// created.
TEST_F(CentreCli, AMarkChangedAndSignedAgainIsRefusedByTheReplay) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const Grid& g = *a.store->current_grid("CCP1");
  a.rate_all(a.run("C-1", true), a.nadia, 0);
  const std::string lot = export_of(a, "lot-a"), cwd = dir.path().string();
  std::string runs = test::slurp(lot + "/runs.jsonl");
  const std::string was = "\"level\":\"" + g.rating_scale[0].id + "\"";
  const auto at = runs.find(was);
  ASSERT_NE(at, std::string::npos) << runs;
  runs.replace(at, was.size(), "\"level\":\"" + g.rating_scale[1].id + "\"");
  test::spit(lot + "/runs.jsonl", runs);
  nlohmann::json manifest = nlohmann::json::parse(test::slurp(lot + "/results.json"));
  manifest["files"]["runs.jsonl"]["sha256"] = sha256_hex(runs);
  const std::string text = manifest.dump() + "\n";
  test::spit(lot + "/results.json", text);
  const InstallationKey key = installation_key(dir.file("key-lot-a"));
  ASSERT_TRUE(key.key) << key.error;
  const Signature sig = sign_bytes(*key.key, text);
  test::spit(lot + "/results.json.sig", std::string(reinterpret_cast<const char*>(sig.data()), sig.size()));
  // The bundle's own reading, without the replay, sees it from the trail's account of the marks.
  EXPECT_NE(verify_bundle(lot).problems.at(0).find("la note du critère"), std::string::npos);

  const std::string said = "runs.jsonl, /runs/";
  CliRun verify = centre_cli("verify '" + lot + "'", cwd);
  EXPECT_EQ(verify.code, 1) << verify.out;
  EXPECT_NE(verify.out.find(said), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("/marks/"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("au rejeu"), std::string::npos) << verify.out;
  const std::string db = dir.file("centre-resigned.db");
  CliRun merge = centre_cli("merge --trust-new-key --key-name 'PC jury A' --into '" + db + "' '" + lot + "'", cwd);
  EXPECT_EQ(merge.code, 1) << merge.out;
  EXPECT_NE(merge.out.find(said), std::string::npos) << merge.out;
  EXPECT_FALSE(std::filesystem::exists(db)) << merge.out;
}

TEST_F(CentreCli, PaperChecksAndMergedBundlesInTheCentresBaseMustBeItsTrails) {
  dir.tampered("rows inserted into the centre's base behind jurymn");
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  const std::string code = pv_code(a.store->audit_head(a.session).digest);
  const std::string lot = export_of(a, "lot-a");
  const std::string db = dir.file("centre-rows.db"), cwd = dir.path().string();
  ASSERT_EQ(centre_cli("merge --trust-new-key --key-name 'PC jury A' --into '" + db + "' '" + lot + "'", cwd).code, 0);
  ASSERT_EQ(centre_cli("pv-code check --db '" + db + "' --session " + a.session.substr(0, 8) + " '" + code + "'", cwd).code, 0);
  ASSERT_EQ(centre_cli("audit verify --db '" + db + "'", cwd).code, 0);
  const auto sql = [&](const std::string& statements) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(raw, statements.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << statements;
    sqlite3_close(raw);
  };
  const auto refused = [&](const std::string& said) {
    CliRun audit = centre_cli("audit verify --db '" + db + "'", cwd);
    EXPECT_EQ(audit.code, 1) << audit.out;
    EXPECT_NE(audit.out.find(said), std::string::npos) << audit.out;
    CliRun merge = centre_cli("merge --into '" + db + "' '" + lot + "'", cwd);
    EXPECT_EQ(merge.code, 1) << merge.out;
    EXPECT_NE(merge.out.find(said), std::string::npos) << merge.out;
  };
  // The check signed by someone else.
  sql("UPDATE pv_check SET checked_by = 'Intrus'");
  refused("sans entrée check_pv_code au journal");
  sql("UPDATE pv_check SET checked_by = (SELECT json_extract(payload, '$.checked_by') FROM audit_entry"
      " WHERE action = 'check_pv_code')");
  EXPECT_EQ(centre_cli("audit verify --db '" + db + "'", cwd).code, 0) << "put back, the base is its trail's";
  // A check made up: a session's official results no longer provisional.
  sql("DELETE FROM pv_check");
  refused("PV papier «\u00A0" + code + "\u00A0» vérifié au journal, absent de la base");
  sql("INSERT INTO pv_check (session_id, audit_id, code, head, entries_after, at_ms, checked_by) SELECT session_id, id,"
      " json_extract(payload, '$.code'), json_extract(payload, '$.head'), json_extract(payload, '$.entries_after'),"
      " at_ms, json_extract(payload, '$.checked_by') FROM audit_entry WHERE action = 'check_pv_code'");
  EXPECT_EQ(centre_cli("audit verify --db '" + db + "'", cwd).code, 0) << "put back";
  // A bundle marked merged: the real one would be « déjà importé ».
  sql("INSERT INTO imported_bundle (digest, session_id, source, app_version, key_fingerprint, exported_at,"
      " imported_at) SELECT 'ff' || digest, session_id, '/media/faux', app_version, key_fingerprint, exported_at,"
      " imported_at FROM imported_bundle");
  refused("lot /media/faux");
}

// Issue 30 items 2 and 7: the centre keeps each bundle's signed files; audit
// verify merges them again and compares, so a merged decision changed in
// place shows; the jury's PV is kept as its copy, not proved.
TEST_F(CentreCli, AuditVerifyOfACentreMergesItsKeptBundlesAgain) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  const std::string lot = export_of(a, "lot-a");
  const std::string db = dir.file("centre-kept.db"), cwd = dir.path().string();
  ASSERT_EQ(centre_cli("merge --trust-new-key --key-name 'PC jury A' --into '" + db + "' '" + lot + "'", cwd).code, 0);
  CliRun audit = centre_cli("audit verify --db '" + db + "'", cwd);
  ASSERT_EQ(audit.code, 0) << audit.out;
  EXPECT_EQ(audit.out.find("pas rejouée"), std::string::npos) << "merged again from its kept bundle\n" << audit.out;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(raw, "UPDATE ccp_decision SET decided = 'not_obtained'", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  audit = centre_cli("audit verify --db '" + db + "'", cwd);
  EXPECT_EQ(audit.code, 1) << audit.out;
  EXPECT_NE(audit.out.find("(fusion de ses lots conservés)"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("/decision/decided"), std::string::npos) << audit.out;

  // The jury's PV, kept as it came, marked as its copy; the centre's own is
  // written from the proved records.
  const std::string copy = dir.file("copie.html");
  CliRun pv = centre_cli("pv --copie-du-jury --db '" + db + "' --session " + a.session.substr(0, 8) + " --out '" + copy + "'",
                         cwd);
  ASSERT_EQ(pv.code, 0) << pv.out;
  const std::string page = test::slurp(copy);
  EXPECT_NE(page.find("Copie du jury, non prouvée"), std::string::npos);
  EXPECT_LT(page.find("Copie du jury, non prouvée"), page.find("</body>"));
  EXPECT_GT(page.find("Copie du jury, non prouvée"), page.find("<body"));
  EXPECT_NE(page.find(test::slurp(lot + "/proces-verbal.html").substr(0, 200)), std::string::npos)
      << "the jury's page as it came";
  // A laptop's base has no bundle: no copy, said, and no file written.
  const std::string none = dir.file("aucune.html");
  pv = centre_cli("pv --copie-du-jury --db '" + dir.file("a.db") + "' --session " + a.session.substr(0, 8) + " --out '" +
                      none + "'",
                  cwd);
  EXPECT_EQ(pv.code, 1) << pv.out;
  EXPECT_NE(pv.out.find("aucun lot fusionné pour cette session"), std::string::npos) << pv.out;
  EXPECT_FALSE(std::filesystem::exists(none));
}

}  // namespace
}  // namespace jurymn
