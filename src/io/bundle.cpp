// SPDX-License-Identifier: EUPL-1.2
#include "io/bundle.h"
#include "core/text.h"
#include "io/results_table.h"
#include "io/confirmation_proof.h"

#include "platform/platform.h"

#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "io/file.h"
#include "io/results_json.h"

namespace jurymn {

namespace fs = std::filesystem;

BundleFiles make_bundle(ResultsBundle bundle, const std::vector<ExamPlan>& plans, const SigningKey& key,
                        std::string proces_verbal_html) {
  return make_bundle(std::move(bundle), plans, key,
                     [&](const SessionSnapshot&) { return std::move(proces_verbal_html); });
}

BundleFiles make_bundle(ResultsBundle bundle, const std::vector<ExamPlan>& plans, const SigningKey& key,
                        const std::function<std::string(const SessionSnapshot&)>& render_pv) {
  BundleFiles f;
  bundle.key_fingerprint = key_fingerprint(key.public_key);
  std::future<std::string> pv_digest = std::async(std::launch::async, [&] {
    f.proces_verbal_html = render_pv(bundle.snapshot);
    return sha256_hex(f.proces_verbal_html);
  });
  // (on an exception below, the future's destructor waits for the renderer)
  f.results_csv = results_csv(bundle);
  const std::string csv_digest = sha256_hex(f.results_csv);
  f.results_json = results_json_head(bundle, plans);
  bundle.files = {{"results.csv", csv_digest}, {"proces-verbal.html", pv_digest.get()}};
  f.results_json += results_json_tail(bundle);
  const Signature sig = sign_bytes(key, f.results_json);
  f.signature.assign(reinterpret_cast<const char*>(sig.data()), sig.size());
  f.public_key_pem = public_key_pem(key.public_key);
  return f;
}

std::string write_bundle(const std::string& dir, const BundleFiles& files) {
  std::error_code ec;
  const fs::path root = platform::u8path(dir);
  if (fs::is_symlink(root, ec)) return dir + "\u00A0: c’est un lien symbolique\u00A0; indiquez le dossier lui-même.";
  if (fs::exists(root, ec)) {
    if (!fs::is_directory(root, ec)) return dir + "\u00A0: ce n’est pas un dossier.";
    const std::set<std::string> ours(std::begin(kBundleFiles), std::end(kBundleFiles));
    for (const auto& entry : fs::directory_iterator(root, ec))
      if (!ours.count(platform::path_text(entry.path().filename())))
        return dir + "\u00A0: le dossier contient déjà d’autres fichiers (" + platform::path_text(entry.path().filename()) +
               ")\u00A0; choisissez un dossier vide ou nouveau.";
  } else if (fs::path parent = root.parent_path(); !parent.empty() && !fs::is_directory(parent, ec)) {
    if (!fs::create_directories(parent, ec))
      return dir + "\u00A0: le dossier ne peut pas être créé (" + ec.message() + ").";
  }
  // Left by an export killed before its end: never in the way of this one.
  const fs::path parent = root.parent_path().empty() ? platform::u8path(".") : root.parent_path();
  const std::string stale = "." + platform::path_text(root.filename()) + ".en-cours-";
  for (const auto& entry : fs::directory_iterator(parent, ec))
    if (platform::path_text(entry.path().filename()).rfind(stale, 0) == 0) fs::remove_all(entry.path(), ec);

  // The whole bundle is built in a fresh folder beside, then put in place
  // in one step: a crash leaves the previous bundle or the new one, whole.
  std::string fresh;
  if (std::string err = platform::make_folder_beside(dir, fresh); !err.empty()) return err;
  const fs::path tmp = platform::u8path(fresh);
  std::future<std::string> pv = std::async(std::launch::async, [&] {
    return write_file_atomic(platform::path_text((tmp / "proces-verbal.html")), files.proces_verbal_html);
  });
  std::string err;
  const std::pair<const char*, const std::string*> rest[] = {{"results.csv", &files.results_csv},
                                                             {"public-key.pem", &files.public_key_pem},
                                                             {"results.json.sig", &files.signature},
                                                             {"results.json", &files.results_json}};
  for (const auto& [name, bytes] : rest)
    if (err.empty()) err = write_file_atomic(platform::path_text((tmp / name)), *bytes);
  if (std::string pv_err = pv.get(); err.empty()) err = pv_err;
  if (err.empty()) err = platform::replace_folder(fresh, dir);
  if (!err.empty()) fs::remove_all(tmp, ec);
  return err;
}

namespace {
// The members' signatures of their confirmations (io/confirmation_proof.h).
void add_confirmation_proofs(const ResultsBundle& b, BundleCheck& c) {
  ConfirmationProofs proofs = check_confirmation_signatures(b);
  for (auto& p : proofs.problems) c.problems.push_back(std::move(p));
  if (!proofs.partial.empty()) c.notes.push_back(std::move(proofs.partial));
}
}  // namespace

BundleCheck verify_bundle(const std::string& dir, const KeyGate& gate) {
  BundleCheck c;
  const fs::path root = platform::u8path(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    c.problems.push_back(dir + "\u00A0: dossier introuvable (un lot de résultats est un dossier).");
    return c;
  }
  std::map<std::string, std::string> bytes;
  auto read = [&](const char* name) {
    const fs::path p = root / name;
    if (!fs::exists(p, ec)) {
      c.problems.push_back(std::string(name) + "\u00A0: fichier absent du lot.");
      return;
    }
    // A session of thousands of candidates makes large files.
    FileBytes f = read_file(platform::path_text(p), std::size_t{1} << 30);
    if (!f.error.empty()) c.problems.push_back(f.error);
    else bytes[name] = std::move(f.bytes);
  };
  // The key first: at the centre, an untrusted key ends the reading here.
  read("public-key.pem");
  std::optional<PublicKey> key;
  if (bytes.count("public-key.pem")) {
    PublicKeyParse k = parse_public_key_pem(bytes["public-key.pem"], "public-key.pem");
    if (!k.key) c.problems.push_back(k.error);
    key = k.key;
    if (key) c.fingerprint = key_fingerprint(*key);
  }
  if (gate && key)
    if (std::string why = gate(c.fingerprint); !why.empty()) {
      c.problems.push_back("public-key.pem\u00A0: " + why + " Le reste du lot n’a pas été lu.");
      c.key_refused = true;
      return c;
    }
  for (const char* name : kBundleFiles)
    if (std::string_view(name) != "public-key.pem") read(name);
  if (bytes.count("results.json")) c.results_digest = sha256_hex(bytes["results.json"]);
  bool signed_ok = false;
  if (bytes.count("results.json.sig")) {
    const std::string& sig = bytes["results.json.sig"];
    if (sig.size() != 64)
      c.problems.push_back("results.json.sig\u00A0: " + std::to_string(sig.size()) +
                           " octets au lieu de 64 (fichier tronqué ou remplacé).");
    else if (key && bytes.count("results.json")) {
      signed_ok = verify_signature(*key, bytes["results.json"], sig);
      if (!signed_ok)
        c.problems.push_back("results.json.sig\u00A0: la signature ne correspond pas\u00A0: results.json a été "
                             "modifié après sa signature, ou la signature ou la clé publique ne sont pas celles du lot.");
    }
  }
  if (gate && !signed_ok) return c;  // the centre parses signed bytes only
  if (!bytes.count("results.json")) return c;
  ResultsParse parsed = parse_results_json(bytes["results.json"], "results.json");
  for (const auto& p : parsed.problems) c.problems.push_back(p.text());
  if (!parsed.bundle) return c;
  const ResultsBundle& b = *parsed.bundle;
  if (!c.fingerprint.empty() && b.key_fingerprint != c.fingerprint)
    c.problems.push_back("results.json\u00A0: il annonce la clé " + b.key_fingerprint +
                         ", mais public-key.pem est la clé " + c.fingerprint + ".");
  add_confirmation_proofs(b, c);
  for (const char* name : {"results.csv", "proces-verbal.html"}) {
    auto listed = b.files.find(name);
    if (listed == b.files.end()) {
      c.problems.push_back(std::string("results.json\u00A0: l’empreinte de ") + name + " n’y figure pas.");
      continue;
    }
    if (bytes.count(name) && sha256_hex(bytes[name]) != listed->second)
      c.problems.push_back(std::string(name) + "\u00A0: le contenu ne correspond pas à l’empreinte signée dans "
                                               "results.json (fichier modifié).");
  }
  for (const auto& [name, digest] : b.files)
    if (name != "results.csv" && name != "proces-verbal.html")
      c.problems.push_back("results.json\u00A0: fichier inattendu dans la liste des empreintes (" + guillemets(name) +
                           ").");
  // The table is a copy for spreadsheets, covered by the same signature as
  // the records, which a laptop's holder can also sign: its decisions must
  // be the records'.
  if (c.problems.empty() && bytes.count("results.csv"))
    for (auto& p : results_csv_contradictions(b, bytes["results.csv"])) c.problems.push_back(std::move(p));
  if (c.problems.empty()) {
    c.bundle = std::move(parsed.bundle);
    c.results_json = std::move(bytes["results.json"]);
    c.proces_verbal = std::move(bytes["proces-verbal.html"]);
  }
  return c;
}

}  // namespace jurymn
