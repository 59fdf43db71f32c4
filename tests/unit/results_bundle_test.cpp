// SPDX-License-Identifier: EUPL-1.2
// results.json, results.csv and the signed bundle: a real session written,
// read back identical, checked, and every kind of tampering refused with
// its own message.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/results_json.h"
#include "io/signing.h"
#include "store/demo.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

namespace fs = std::filesystem;

class Results : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock{1'790'000'000'000};
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::unique_ptr<Store> store;
  ResultsBundle bundle;
  SigningKey key = signing_key_from_seed({7, 7, 7});

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
    SeededRandomSource random(3);
    auto d = create_demo_session(dir.file("demo.db"), jurymn::test::tp01336(), plans, grids, random, clock.now_ms());
    ASSERT_EQ(d.error, "");
    auto r = Store::open(dir.file("demo.db"), OpenMode::ReadOnly, clock);
    ASSERT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    bundle.app_version = "jurymn test";
    bundle.exported_at = clock.now_ms();
    bundle.snapshot = *store->snapshot(d.session_uuid, &bundle.audit, &bundle.audit_trail);

  }

  std::string bundle_dir() {
    const std::string out = dir.file("lot");
    EXPECT_EQ(write_bundle(out, make_bundle(bundle, plans, key, "<!DOCTYPE html><p>PV</p>")), "");
    return out;
  }

  // The problems of verify, one per line.
  static std::string problems(const BundleCheck& c) {
    std::string s;
    for (const auto& p : c.problems) s += p + "\n";
    return s;
  }
};

TEST_F(Results, ReadsBackExactlyWhatItWrote) {
  bundle.files = {{"results.csv", std::string(64, 'a')}, {"proces-verbal.html", std::string(64, 'b')}};
  bundle.key_fingerprint = key_fingerprint(key.public_key);
  const std::string text = results_json(bundle, plans);
  ResultsParse back = parse_results_json(text, "results.json");
  ASSERT_TRUE(back.bundle) << (back.problems.empty() ? "" : back.problems.front().text());
  EXPECT_EQ(results_json(*back.bundle, plans), text);
  const SessionSnapshot& s = back.bundle->snapshot;
  EXPECT_EQ(s.session.kind, SessionKind::Rehearsal);
  EXPECT_EQ(s.candidates.size(), bundle.snapshot.candidates.size());
  ASSERT_EQ(s.runs.size(), 5u);
  // The locked run keeps its decision, confirmations and marks per member.
  const RunRecord* locked = nullptr;
  for (const auto& r : s.runs)
    if (r.decision.locked()) locked = &r;
  ASSERT_NE(locked, nullptr);
  EXPECT_EQ(locked->decision.decided, CcpOutcome::Obtained);
  EXPECT_EQ(locked->decision.confirmed_by.size(), 2u);
  EXPECT_EQ(locked->competency_decisions.size(), 5u);
  EXPECT_FALSE(locked->marks.empty());
  EXPECT_EQ(back.bundle->audit.digest, bundle.audit.digest);
  EXPECT_EQ(back.bundle->audit.entries, static_cast<std::int64_t>(store->audit_entries(s.session.uuid).size()));
}

TEST_F(Results, TextThatIsNotUtf8OrHasControlsStillMakesAValidFile) {
  ASSERT_FALSE(bundle.snapshot.runs.empty());
  bundle.snapshot.runs[0].decision.justification = std::string("tab\there \x01 bad \xff\xfe end \xe2\x82 \"q\" \\");
  bundle.files = {{"results.csv", std::string(64, 'a')}, {"proces-verbal.html", std::string(64, 'b')}};
  ResultsParse back = parse_results_json(results_json(bundle, plans), "results.json");
  ASSERT_TRUE(back.bundle) << (back.problems.empty() ? "" : back.problems.front().text());
  EXPECT_EQ(back.bundle->snapshot.runs[0].decision.justification,
            "tab\there \x01 bad \xEF\xBF\xBD\xEF\xBF\xBD end \xEF\xBF\xBD\xEF\xBF\xBD \"q\" \\");
}

// The bundle carries its audit trail: the chain must end at the head, and
// the records must be what the trail's entries say, run by run.
TEST_F(Results, RecordsAndTrailMustHoldTogether) {
  bundle.files = {{"results.csv", std::string(64, 'a')}, {"proces-verbal.html", std::string(64, 'b')}};
  const auto json = nlohmann::json::parse(results_json(bundle, plans));
  ASSERT_EQ(json["audit_trail"].size(), static_cast<std::size_t>(bundle.audit.entries));
  auto problems = [](const nlohmann::json& doc) {
    ResultsParse p = parse_results_json(doc.dump(), "results.json");
    std::string all;
    for (const auto& x : p.problems) all += x.text() + "\n";
    EXPECT_EQ(p.bundle.has_value(), all.empty());
    return all;
  };
  EXPECT_EQ(problems(json), "");
  // A run with marks and a decision: MN-001, locked.
  std::size_t run = 0;
  for (; run < json["runs"].size(); ++run)
    if (json["runs"][run]["decision"]["locked_at"].is_number() && !json["runs"][run]["marks"].empty()) break;
  ASSERT_LT(run, json["runs"].size());
  const std::string at = "/runs/" + std::to_string(run);

  auto doc = json;  // a mark changed after the fact
  auto& mark = doc["runs"][run]["marks"][0];
  mark["level"] = mark["level"] == "1" ? "2" : "1";
  std::string p = problems(doc);
  EXPECT_NE(p.find(at + "/marks\u00A0: la note du critère " + mark["criterion"].get<std::string>()), std::string::npos) << p;
  EXPECT_NE(p.find("le journal dit"), std::string::npos) << p;

  doc = json;  // a mark that was never recorded
  doc["runs"][run]["marks"].erase(0);
  EXPECT_NE(problems(doc).find(at + "/marks"), std::string::npos);

  doc = json;  // the decision turned round
  auto& decided = doc["runs"][run]["decision"]["decided"];
  decided = decided == "obtained" ? "not_obtained" : "obtained";
  p = problems(doc);
  EXPECT_NE(p.find(at + "/decision\u00A0: la décision du CCP vaut"), std::string::npos) << p;

  doc = json;  // unlocked in the file, locked in the trail
  doc["runs"][run]["decision"]["locked_at"] = nullptr;
  EXPECT_NE(problems(doc).find("le journal verrouille le résultat"), std::string::npos);

  doc = json;  // a draw added
  doc["runs"][run]["draws"].push_back(doc["runs"][run]["draws"][0]);
  EXPECT_NE(problems(doc).find(at + "/draws"), std::string::npos);

  doc = json;  // an entry of the trail edited
  doc["audit_trail"][5]["actor"] = "quelqu’un";
  p = problems(doc);
  EXPECT_NE(p.find("/audit_trail/5\u00A0: journal d’audit rompu à l’entrée n°\u00A0" +
                   std::to_string(doc["audit_trail"][5]["id"].get<std::int64_t>())),
            std::string::npos) << p;

  doc = json;  // an entry removed: found at the next one
  doc["audit_trail"].erase(7);
  EXPECT_NE(problems(doc).find("/audit_trail/7\u00A0: journal d’audit rompu"), std::string::npos);

  doc = json;  // two entries swapped
  std::swap(doc["audit_trail"][3], doc["audit_trail"][4]);
  EXPECT_NE(problems(doc).find("/audit_trail/"), std::string::npos);

  doc = json;  // the end cut off
  doc["audit_trail"].erase(doc["audit_trail"].size() - 1);
  EXPECT_NE(problems(doc).find("/audit\u00A0: le journal d’audit ne finit pas sur la tête exportée"), std::string::npos);

  doc = json;  // a trail rebuilt whole after editing a mark: the head no longer matches
  EXPECT_NE(problems(doc).find(""), std::string::npos);
  doc["audit"]["digest"] = std::string(64, '0');
  EXPECT_NE(problems(doc).find("/audit\u00A0:"), std::string::npos);
}

TEST_F(Results, StrictReadingNamesThePointerOfEachProblem) {
  bundle.files = {{"results.csv", std::string(64, 'a')}, {"proces-verbal.html", std::string(64, 'b')}};
  auto json = nlohmann::json::parse(results_json(bundle, plans));
  auto first_problem = [](const nlohmann::json& doc) {
    ResultsParse p = parse_results_json(doc.dump(), "results.json");
    EXPECT_FALSE(p.bundle);
    return p.problems.empty() ? std::string() : p.problems.front().text();
  };
  auto doc = json;
  doc["format_version"] = 6;
  EXPECT_NE(first_problem(doc).find("version de format 6 non prise en charge"), std::string::npos) << first_problem(doc);
  doc = json;  // the trail's own fields are read as strictly as the rest
  doc["audit_trail"][2]["candidate"] = "inconnu";
  EXPECT_NE(first_problem(doc).find("/audit_trail/2/candidate\u00A0: candidat inconnu"), std::string::npos)
      << first_problem(doc);
  doc = json;
  doc["audit_trail"][3]["id"] = doc["audit_trail"][2]["id"];
  EXPECT_NE(first_problem(doc).find("/audit_trail/3/id\u00A0: les entrées doivent être dans l’ordre croissant"),
            std::string::npos)
      << first_problem(doc);
  doc = json;
  doc["audit_trail"][1].erase("hash");
  EXPECT_NE(first_problem(doc).find("/audit_trail/1/hash\u00A0: champ obligatoire manquant"), std::string::npos)
      << first_problem(doc);
  doc = json;
  doc["audit_trail"][1]["payload"] = 42;
  EXPECT_NE(first_problem(doc).find("/audit_trail/1/payload\u00A0: doit être un texte"), std::string::npos)
      << first_problem(doc);
  doc = json;
  doc["audit_trail"] = "rien";
  EXPECT_NE(first_problem(doc).find("/audit_trail"), std::string::npos) << first_problem(doc);
  doc = json;  // a number that would wrap into 0–2 if narrowed first
  std::size_t drawn = 0;
  while (drawn < doc["runs"].size() && doc["runs"][drawn]["draws"].empty()) ++drawn;
  ASSERT_LT(drawn, doc["runs"].size());
  doc["runs"][drawn]["draws"][0]["chosen"] = 4294967296LL;
  EXPECT_NE(first_problem(doc).find("/runs/" + std::to_string(drawn) + "/draws/0/chosen\u00A0: doit valoir 0, 1 ou 2."),
            std::string::npos)
      << first_problem(doc);
  doc = json;
  doc["runs"][0]["marks"][0]["member"] = "quelqu-un";
  EXPECT_NE(first_problem(doc).find("/runs/0/marks/0/member"), std::string::npos) << first_problem(doc);
  EXPECT_NE(first_problem(doc).find("aucun membre du jury"), std::string::npos);
  doc = json;
  doc["candidates"][1]["number"] = doc["candidates"][0]["number"];
  EXPECT_NE(first_problem(doc).find("numéro de candidat"), std::string::npos) << first_problem(doc);
  doc = json;
  doc["runs"][0]["decision"]["decided"] = "peut-être";
  EXPECT_NE(first_problem(doc).find("/runs/0/decision/decided"), std::string::npos) << first_problem(doc);
  doc = json;
  doc["session"]["ajout"] = 1;
  EXPECT_NE(first_problem(doc).find("champ inconnu"), std::string::npos) << first_problem(doc);
  doc = json;
  doc["exported_at"] = "hier";
  EXPECT_NE(first_problem(doc).find("/exported_at"), std::string::npos) << first_problem(doc);
  doc = json;
  doc["files"]["../../etc/passwd"] = {{"sha256", std::string(64, 'c')}};
  EXPECT_NE(first_problem(doc).find("nom de fichier refusé"), std::string::npos) << first_problem(doc);
  doc = json;
  doc.erase("runs");
  EXPECT_NE(first_problem(doc).find("/runs"), std::string::npos) << first_problem(doc);
  // Not JSON at all, cut short, or not UTF-8.
  const std::string text = results_json(bundle, plans);
  ResultsParse cut = parse_results_json(text.substr(0, text.size() / 2), "results.json");
  ASSERT_FALSE(cut.problems.empty());
  EXPECT_FALSE(cut.bundle);
  EXPECT_NE(cut.problems.front().text().find("ligne"), std::string::npos) << cut.problems.front().text();
  ResultsParse latin = parse_results_json("{\"format\": \"r\xe9sultats\"}", "results.json");
  EXPECT_FALSE(latin.bundle);
  EXPECT_FALSE(latin.problems.empty());
}

// A run's records are a set with one key each: a second copy of a mark, an
// observation or a competency decision (the forged one first or last), or a
// second run of one candidate's CCP, is refused with its pointer before any
// comparison with the trail.
TEST_F(Results, ADuplicateRecordIsRefusedWhereverItStands) {
  const auto json = nlohmann::json::parse(results_json(bundle, plans));
  auto problems_of = [](const nlohmann::json& doc) {
    ResultsParse p = parse_results_json(doc.dump(), "results.json");
    EXPECT_FALSE(p.bundle);
    std::string all;
    for (const auto& problem : p.problems) all += problem.text() + "\n";
    return all;
  };
  std::size_t marked = 0;
  while (marked < json["runs"].size() && json["runs"][marked]["marks"].empty()) ++marked;
  ASSERT_LT(marked, json["runs"].size());
  const std::string run = "/runs/" + std::to_string(marked);
  for (bool forged_first : {true, false}) {
    auto doc = json;
    auto& marks = doc["runs"][marked]["marks"];
    auto forged = marks[0];
    forged["level"] = forged["level"] == "4" ? "1" : "4";
    if (forged_first) marks.insert(marks.begin(), forged);
    else marks.push_back(forged);
    const std::string at = run + "/marks/" + std::to_string(forged_first ? 1 : marks.size() - 1);
    EXPECT_NE(problems_of(doc).find(at + "\u00A0: deuxième note du même membre pour le critère"), std::string::npos)
        << problems_of(doc);
  }
  std::size_t observed = 0;
  while (observed < json["runs"].size() && json["runs"][observed]["observations"].empty()) ++observed;
  ASSERT_LT(observed, json["runs"].size());
  auto doc = json;
  doc["runs"][observed]["observations"].push_back(doc["runs"][observed]["observations"][0]);
  doc["runs"][observed]["observations"].back()["text"] = "Texte ajouté";
  EXPECT_NE(problems_of(doc).find("deuxièmes observations du même membre"), std::string::npos) << problems_of(doc);
  std::size_t decided = 0;
  while (decided < json["runs"].size() && json["runs"][decided]["competency_decisions"].empty()) ++decided;
  ASSERT_LT(decided, json["runs"].size());
  doc = json;
  auto& decisions = doc["runs"][decided]["competency_decisions"];
  decisions.insert(decisions.begin(), decisions[0]);
  EXPECT_NE(problems_of(doc).find("/runs/" + std::to_string(decided) +
                                  "/competency_decisions/1\u00A0: deuxième décision pour la compétence"),
            std::string::npos)
      << problems_of(doc);
  doc = json;
  auto twin = doc["runs"][0];
  twin["uuid"] = "00000000-0000-4000-8000-000000000000";
  doc["runs"].push_back(twin);
  EXPECT_NE(problems_of(doc).find("deuxième épreuve"), std::string::npos) << problems_of(doc);
  // The bundle as written has none of these.
  EXPECT_TRUE(parse_results_json(json.dump(), "results.json").bundle);
}

TEST_F(Results, CsvOpensInAFrenchSpreadsheet) {
  const std::string csv = results_csv(bundle);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM";
  EXPECT_NE(csv.find("N° candidat;Nom;Prénom;CCP"), std::string::npos);
  // One row per candidate and registered CCP of the session (and CCP1 held
  // by equivalence), CRLF ends.
  int rows = 0;
  for (const auto& c : bundle.snapshot.candidates)
    rows += (c.data.ccps.has("CCP1") || c.data.by_equivalence.has("CCP1")) + c.data.ccps.has("CCP2");
  int lines = 0;
  for (std::size_t at = 0; (at = csv.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  EXPECT_EQ(lines, rows + 1);
  EXPECT_NE(csv.find("MN-001;Dupré;Éloïse;CCP1;présent;terminée;acquise;acquise;acquise;acquise;acquise;;;;;;"
                     "CCP obtenu;CCP obtenu;;Nadia Benali, Thomas Lefèvre;"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("MN-004;Œuvray;Jérôme;CCP1;présent;par équivalence"), std::string::npos);
  // A justification with the separator, quotes, a line break, and a leading
  // '=' stays one cell and is never run as a formula.
  bundle.snapshot.runs[0].decision.justification = "=SOMME(A1); dit \"non\"\nfin";
  const std::string tricky = results_csv(bundle);
  EXPECT_NE(tricky.find("\"'=SOMME(A1); dit \"\"non\"\"\nfin\""), std::string::npos) << tricky;
}

TEST_F(Results, CsvRowsFollowCandidateNumbersInReadingOrder) {
  ASSERT_GE(bundle.snapshot.candidates.size(), 3u);
  bundle.snapshot.candidates[0].data.number = "MN-10";
  bundle.snapshot.candidates[1].data.number = "MN-9";
  bundle.snapshot.candidates[2].data.number = "MN-009b";
  const std::string csv = results_csv(bundle);
  const auto row = [&](const std::string& number) { return csv.find(";" + number + ";"); };
  ASSERT_NE(row("MN-10"), std::string::npos) << csv;
  ASSERT_NE(row("MN-9"), std::string::npos) << csv;
  ASSERT_NE(row("MN-009b"), std::string::npos) << csv;
  EXPECT_LT(row("MN-9"), row("MN-009b")) << csv;  // byte order would put « MN-10 » first
  EXPECT_LT(row("MN-009b"), row("MN-10")) << csv;
}

TEST_F(Results, AGoodBundleVerifies) {
  const std::string out = bundle_dir();
  for (const char* name : kBundleFiles) EXPECT_TRUE(fs::exists(fs::path(out) / name)) << name;
  EXPECT_EQ(fs::file_size(fs::path(out) / "results.json.sig"), 64u);
  BundleCheck c = verify_bundle(out);
  EXPECT_TRUE(c.ok()) << problems(c);
  EXPECT_EQ(c.fingerprint, key_fingerprint(key.public_key));
  EXPECT_EQ(c.results_digest.size(), 64u);
  // Written again into the same folder: replaced, still valid.
  EXPECT_EQ(write_bundle(out, make_bundle(bundle, plans, key, "<p>PV 2</p>")), "");
  EXPECT_TRUE(verify_bundle(out).ok());
}

TEST_F(Results, WritingRefusesAFolderHoldingOtherFiles) {
  const std::string out = dir.file("documents");
  fs::create_directories(out);
  test::spit(out + "/notes.txt", "à garder");
  std::string err = write_bundle(out, make_bundle(bundle, plans, key, "<p>PV</p>"));
  EXPECT_NE(err.find("notes.txt"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(out + "/results.json"));
  EXPECT_EQ(test::slurp(out + "/notes.txt"), "à garder");
}

// One byte changed in any file, a truncated file, a missing file, a newer
// format: each refused with a message that says what does not match.
struct Tamper {
  const char* file;
  std::function<void(std::string&)> change;
  const char* expected;
};

TEST_F(Results, EveryKindOfTamperingIsRefusedWithItsOwnMessage) {
  const std::vector<Tamper> cases = {
      {"results.json", [](std::string& s) { s[s.find("\"date\":\"") + 8] ^= 1; }, "la signature ne correspond pas"},
      {"candidates.jsonl", [](std::string& s) { s[s.find("Dupré")] = 'd'; },
       "candidates.jsonl\u00A0: le contenu ne correspond pas"},
      {"results.json.sig", [](std::string& s) { s[10] = static_cast<char>(s[10] ^ 1); }, "la signature ne correspond pas"},
      {"results.json.sig", [](std::string& s) { s.pop_back(); }, "63 octets au lieu de 64"},
      {"public-key.pem", [](std::string& s) { s[40] = s[40] == 'A' ? 'B' : 'A'; }, "public-key.pem"},
      {"results.csv", [](std::string& s) { s[s.find("obtenu")] = 'O'; }, "results.csv\u00A0: le contenu ne correspond pas"},
      {"proces-verbal.html", [](std::string& s) { s += " "; }, "proces-verbal.html\u00A0: le contenu ne correspond pas"},
      {"results.json", [](std::string& s) { s.resize(s.size() / 3); }, "la signature ne correspond pas"},
  };
  for (const auto& t : cases) {
    const std::string out = bundle_dir();
    const std::string path = out + "/" + t.file;
    std::string bytes = test::slurp(path);
    t.change(bytes);
    test::spit(path, bytes);
    BundleCheck c = verify_bundle(out);
    EXPECT_FALSE(c.ok()) << t.file;
    EXPECT_FALSE(c.bundle) << t.file;
    EXPECT_NE(problems(c).find(t.expected), std::string::npos) << t.file << " → " << problems(c);
    fs::remove_all(out);
  }
}

TEST_F(Results, AMissingFileAndAnUnknownFormatVersionAreNamed) {
  std::string out = bundle_dir();
  fs::remove(out + "/results.csv");
  BundleCheck c = verify_bundle(out);
  EXPECT_FALSE(c.ok());
  EXPECT_NE(problems(c).find("results.csv\u00A0: fichier absent du lot"), std::string::npos) << problems(c);
  fs::remove_all(out);

  // A newer jurymn's bundle, properly signed: refused for its version.
  out = bundle_dir();
  std::string json = test::slurp(out + "/results.json");
  const std::string from = "\"format_version\":5";
  json.replace(json.find(from), from.size(), "\"format_version\":6");
  test::spit(out + "/results.json", json);
  const Signature sig = sign_bytes(key, json);
  test::spit(out + "/results.json.sig", std::string(reinterpret_cast<const char*>(sig.data()), sig.size()));
  c = verify_bundle(out);
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(problems(c).find("signature"), std::string::npos) << problems(c);
  EXPECT_NE(problems(c).find("version de format 6 non prise en charge"), std::string::npos) << problems(c);

  // A bundle signed with another key than the one it names.
  out = bundle_dir();
  SigningKey other = signing_key_from_seed({9});
  json = test::slurp(out + "/results.json");
  const Signature sig2 = sign_bytes(other, json);
  test::spit(out + "/results.json.sig", std::string(reinterpret_cast<const char*>(sig2.data()), sig2.size()));
  test::spit(out + "/public-key.pem", public_key_pem(other.public_key));
  c = verify_bundle(out);
  EXPECT_FALSE(c.ok());
  EXPECT_NE(problems(c).find("il annonce la clé"), std::string::npos) << problems(c);
  EXPECT_NE(verify_bundle(dir.file("nulle-part")).problems.front().find("dossier introuvable"), std::string::npos);
}

// Issue 30 item 2: results.csv rewritten by the laptop's holder, its digest
// fixed in results.json and the whole signed again with the laptop's key.
// The signature holds; the table's decisions must still be the records'.
class ForgedTable : public Results {
protected:
  // The bundle as the laptop makes it, then `edit` applied to results.csv,
  // results.json's digest of it replaced and everything signed again.
  BundleCheck forged(const std::function<void(std::string&)>& edit) {
    BundleFiles f = make_bundle(bundle, plans, key, "<!DOCTYPE html><p>PV</p>");
    const std::string old_digest = sha256_hex(f.results_csv);
    edit(f.results_csv);
    const auto at = f.results_json.find(old_digest);
    EXPECT_NE(at, std::string::npos);
    if (at != std::string::npos) f.results_json.replace(at, old_digest.size(), sha256_hex(f.results_csv));
    const Signature sig = sign_bytes(key, f.results_json);
    f.signature.assign(reinterpret_cast<const char*>(sig.data()), sig.size());
    const std::string out = dir.file("lot-" + std::to_string(++made));
    EXPECT_EQ(write_bundle(out, f), "");
    return verify_bundle(out);
  }
  // The line of `number`'s `ccp` row in `csv` (1: the header), 0 if none.
  static int line_of(const std::string& csv, const std::string& number, const std::string& ccp) {
    int line = 1;
    for (std::size_t at = 0, end; at < csv.size(); at = end + 1, ++line) {
      end = csv.find('\n', at);
      if (end == std::string::npos) end = csv.size();
      const std::string row = csv.substr(at, end - at);
      if (row.find(";" + number + ";") != std::string::npos && row.find(";" + ccp + ";") != std::string::npos)
        return line;
    }
    return 0;
  }
  // The row's text, and where it starts and ends (its CRLF excluded).
  static std::pair<std::size_t, std::size_t> row_span(const std::string& csv, int line) {
    std::size_t at = 0;
    for (int l = 1; l < line; ++l) at = csv.find('\n', at) + 1;
    std::size_t end = csv.find("\r\n", at);
    return {at, end};
  }
  // A decided row of the demo: its number and CCP, and its decision.
  struct Decided {
    std::string number, ccp, decision;
  };
  Decided a_decided_row() const {
    for (const auto& r : bundle.snapshot.runs)
      if (r.decision.decided != CcpOutcome::Undecided)
        for (const auto& c : bundle.snapshot.candidates)
          if (c.uuid == r.candidate_uuid) return {c.data.number, r.ccp, std::string(french_label(r.decision.decided))};
    ADD_FAILURE() << "the demo has no decided run";
    return {};
  }
  int made = 0;
};

TEST_F(ForgedTable, TheTableAsWrittenVerifies) {
  const BundleCheck c = forged([](std::string&) {});
  EXPECT_TRUE(c.ok()) << problems(c);
}

TEST_F(ForgedTable, ADecisionTurnedAroundIsRefusedNamingItsLine) {
  const Decided d = a_decided_row();
  int line = 0;
  const BundleCheck c = forged([&](std::string& csv) {
    line = line_of(csv, d.number, d.ccp);
    ASSERT_GT(line, 1);
    auto [at, end] = row_span(csv, line);
    std::string row = csv.substr(at, end - at);
    const std::string other = d.decision == "CCP obtenu" ? "CCP non obtenu" : "CCP obtenu";
    // The decision is the row's last outcome cell (the grid's proposal comes first).
    const auto cell = row.rfind(";" + d.decision + ";");
    ASSERT_NE(cell, std::string::npos) << row;
    row.replace(cell + 1, d.decision.size(), other);
    csv.replace(at, end - at, row);
  });
  ASSERT_FALSE(c.ok());
  const std::string p = problems(c);
  EXPECT_NE(p.find("results.csv"), std::string::npos) << p;
  EXPECT_NE(p.find("ligne " + std::to_string(line)), std::string::npos) << p;
  EXPECT_NE(p.find(d.number), std::string::npos) << p;
  EXPECT_NE(p.find("«\u00A0" + d.decision + "\u00A0»"), std::string::npos) << p;
  EXPECT_FALSE(c.bundle.has_value());
}

TEST_F(ForgedTable, ARowRemovedAddedOrTwiceIsRefused) {
  const Decided d = a_decided_row();
  const auto removed = forged([&](std::string& csv) {
    auto [at, end] = row_span(csv, line_of(csv, d.number, d.ccp));
    csv.erase(at, end + 2 - at);
  });
  EXPECT_NE(problems(removed).find("manque"), std::string::npos) << problems(removed);
  const auto twice = forged([&](std::string& csv) {
    auto [at, end] = row_span(csv, line_of(csv, d.number, d.ccp));
    csv += csv.substr(at, end + 2 - at);
  });
  EXPECT_NE(problems(twice).find("figure déjà à la ligne"), std::string::npos) << problems(twice);
  const auto added = forged([&](std::string& csv) {
    auto [at, end] = row_span(csv, line_of(csv, d.number, d.ccp));
    std::string row = csv.substr(at, end + 2 - at);
    row.replace(row.find(";" + d.number + ";"), d.number.size() + 2, ";ZZ-999;");
    csv += row;
  });
  EXPECT_NE(problems(added).find("«\u00A0ZZ-999\u00A0» (" + d.ccp + ") ne figure pas"), std::string::npos)
      << problems(added);
}

TEST_F(ForgedTable, AnUnreadableTableIsRefusedNotSkipped) {
  const auto quote = forged([](std::string& csv) { csv += "x;\"non fermé;y\r\n"; });
  EXPECT_NE(problems(quote).find("results.csv\u00A0: ligne "), std::string::npos) << problems(quote);
  EXPECT_NE(problems(quote).find("Guillemet"), std::string::npos) << problems(quote);
  EXPECT_FALSE(quote.ok());
  const auto no_column = forged([](std::string& csv) {
    const auto at = csv.find("Décision du jury");
    csv.replace(at, std::string("Décision du jury").size(), "Decision");
  });
  EXPECT_NE(problems(no_column).find("«\u00A0Décision du jury\u00A0» manque"), std::string::npos)
      << problems(no_column);
  const auto empty = forged([](std::string& csv) { csv.clear(); });
  EXPECT_FALSE(empty.ok());
  const auto short_row = forged([](std::string& csv) { csv += "seul\r\n"; });
  EXPECT_NE(problems(short_row).find("colonne(s)"), std::string::npos) << problems(short_row);
}

}  // namespace
}  // namespace jurymn
