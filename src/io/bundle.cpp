// SPDX-License-Identifier: EUPL-1.2
#include "io/bundle.h"
#include "core/text.h"
#include "io/results_table.h"
#include "io/confirmation_proof.h"

#include "platform/platform.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "io/audit_records.h"
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
  for (const auto* c : candidates_by_uuid(bundle.snapshot))
    append_candidate_line(f.candidates_jsonl, *c, bundle.snapshot.title);
  for (const auto* r : runs_by_uuid(bundle.snapshot)) append_run_line(f.runs_jsonl, *r, plans, bundle.exported_at);
  for (const auto& e : bundle.audit_trail) append_audit_line(f.audit_trail_jsonl, e);
  bundle.files = {{"results.csv", sha256_hex(f.results_csv)},
                  {kCandidatesFile, sha256_hex(f.candidates_jsonl)},
                  {kRunsFile, sha256_hex(f.runs_jsonl)},
                  {kAuditTrailFile, sha256_hex(f.audit_trail_jsonl)},
                  {"proces-verbal.html", pv_digest.get()}};
  f.results_json = results_manifest(bundle);
  const Signature sig = sign_bytes(key, f.results_json);
  f.signature.assign(reinterpret_cast<const char*>(sig.data()), sig.size());
  f.public_key_pem = public_key_pem(key.public_key);
  return f;
}

namespace {

// The folder a bundle goes to: refused when it holds anything but an
// earlier bundle; what an export killed before its end left beside it is
// removed. "" or a French error.
std::string prepare_destination(const std::string& dir) {
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
  return {};
}

}  // namespace

std::string export_bundle(const std::string& dir, ResultsBundle bundle, const std::vector<ExamPlan>& plans,
                          const SigningKey& key, const AuditEntries& each_entry,
                          const std::function<std::string(const SessionSnapshot&)>& render_pv) {
  if (std::string err = prepare_destination(dir); !err.empty()) return err;
  // The whole bundle is built in a fresh folder beside, then put in place
  // in one step: a crash leaves the previous bundle or the new one, whole.
  std::string fresh;
  if (std::string err = platform::make_folder_beside(dir, fresh); !err.empty()) return err;
  const fs::path tmp = platform::u8path(fresh);
  auto path = [&](const char* name) { return platform::path_text(tmp / name); };
  bundle.key_fingerprint = key_fingerprint(key.public_key);
  std::string err;
  auto keep = [&](std::string e) {
    if (err.empty()) err = std::move(e);
  };
  std::string line;
  auto stream = [&](const char* name, const auto& write_lines) {
    StreamedFile file(path(name));
    write_lines([&](const std::string& l) { file.write(l); });
    keep(file.close());
    bundle.files[name] = file.sha256();
  };
  stream(kAuditTrailFile, [&](const auto& put) {
    keep(each_entry([&](const AuditRecord& e) {
      line.clear();
      append_audit_line(line, e);
      put(line);
    }));
  });
  std::error_code ec;
  if (!err.empty()) {
    fs::remove_all(tmp, ec);
    return err;
  }
  // The PV on a second core while this one writes the records.
  std::future<std::pair<std::string, std::string>> pv = std::async(std::launch::async, [&] {
    const std::string page = render_pv(bundle.snapshot);
    return std::pair{sha256_hex(page), write_file_atomic(path("proces-verbal.html"), page)};
  });
  const std::string csv = results_csv(bundle);
  std::string csv_digest = sha256_hex(csv);
  keep(write_file_atomic(path("results.csv"), csv));
  stream(kCandidatesFile, [&](const auto& put) {
    for (const auto* c : candidates_by_uuid(bundle.snapshot)) {
      line.clear();
      append_candidate_line(line, *c, bundle.snapshot.title);
      put(line);
    }
  });
  stream(kRunsFile, [&](const auto& put) {
    for (const auto* r : runs_by_uuid(bundle.snapshot)) {
      line.clear();
      append_run_line(line, *r, plans, bundle.exported_at);
      put(line);
    }
  });
  auto [pv_digest, pv_err] = pv.get();
  keep(pv_err);
  bundle.files["proces-verbal.html"] = pv_digest;
  bundle.files["results.csv"] = csv_digest;
  const std::string manifest = results_manifest(bundle);
  const Signature sig = sign_bytes(key, manifest);
  keep(write_file_atomic(path("public-key.pem"), public_key_pem(key.public_key)));
  keep(write_file_atomic(path("results.json.sig"),
                         std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size())));
  keep(write_file_atomic(path("results.json"), manifest));
  if (err.empty()) err = platform::replace_folder(fresh, dir);
  if (!err.empty()) fs::remove_all(tmp, ec);
  return err;
}

std::string write_bundle(const std::string& dir, const BundleFiles& files) {
  std::error_code ec;
  if (std::string err = prepare_destination(dir); !err.empty()) return err;
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
                                                             {kCandidatesFile, &files.candidates_jsonl},
                                                             {kRunsFile, &files.runs_jsonl},
                                                             {kAuditTrailFile, &files.audit_trail_jsonl},
                                                             {"public-key.pem", &files.public_key_pem},
                                                             {"results.json.sig", &files.signature},
                                                             {"results.json", &files.results_json}};
  // A bundle of a single-document format (tests of earlier formats) has no
  // .jsonl files.
  const bool lines = !files.candidates_jsonl.empty() || !files.runs_jsonl.empty() || !files.audit_trail_jsonl.empty();
  for (const auto& [name, bytes] : rest)
    if (err.empty() && (lines || std::string_view(name).find(".jsonl") == std::string_view::npos))
      err = write_file_atomic(platform::path_text((tmp / name)), *bytes);
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

namespace {

// A format 5 bundle past its signature: the manifest read in `lines`, the
// other files read a line at a time and hashed as they are read.
void verify_lines(const fs::path& root, ResultsLines& lines, const std::string& manifest, const BundleReading& how,
                  BundleCheck& c) {
  std::size_t reported = 0;
  auto report = [&] {
    const auto& all = lines.problems();
    for (; reported < all.size(); ++reported) c.problems.push_back(all[reported].text());
  };
  if (!lines.problems().empty() || lines.format() != kResultsFormatVersion) {
    report();
    return;
  }
  ResultsBundle& b = lines.head();
  if (!c.fingerprint.empty() && b.key_fingerprint != c.fingerprint)
    c.problems.push_back("results.json\u00A0: il annonce la clé " + b.key_fingerprint +
                         ", mais public-key.pem est la clé " + c.fingerprint + ".");
  // Every file listed, and only the bundle's files in the folder: what is
  // not signed is not part of the bundle.
  const std::set<std::string> listed{kCandidatesFile, kRunsFile, kAuditTrailFile, "results.csv", "proces-verbal.html"};
  for (const auto& name : listed)
    if (!b.files.count(name))
      c.problems.push_back("results.json\u00A0: l’empreinte de " + name + " n’y figure pas.");
  for (const auto& [name, digest] : b.files)
    if (!listed.count(name))
      c.problems.push_back("results.json\u00A0: fichier inattendu dans la liste des empreintes (" + guillemets(name) +
                           ").");
  std::error_code ec;
  const std::set<std::string> ours(std::begin(kBundleFiles), std::end(kBundleFiles));
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (const std::string name = platform::path_text(entry.path().filename()); !ours.count(name))
      c.problems.push_back(name + "\u00A0: fichier étranger au lot (absent de la liste signée de results.json)\u00A0; "
                                  "retirez-le ou demandez un nouvel export.");
  auto digest_holds = [&](const std::string& name, const std::string& digest) {
    auto it = b.files.find(name);
    if (it != b.files.end() && it->second != digest)
      c.problems.push_back(name + "\u00A0: le contenu ne correspond pas à l’empreinte signée dans results.json "
                                  "(fichier modifié).");
  };
  std::map<std::string, std::string> whole;  // results.csv, proces-verbal.html
  for (const char* name : {"results.csv", "proces-verbal.html"}) {
    const fs::path p = root / name;
    if (!fs::exists(p, ec)) {
      c.problems.push_back(std::string(name) + "\u00A0: fichier absent du lot.");
      continue;
    }
    FileBytes f = read_file(platform::path_text(p), std::size_t{1} << 30);
    if (!f.error.empty()) {
      c.problems.push_back(f.error);
      continue;
    }
    digest_holds(name, sha256_hex(f.bytes));
    whole[name] = std::move(f.bytes);
  }
  std::map<std::string, std::string> kept;  // the .jsonl files, for the centre
  auto each_line = [&](const char* name, const auto& read) {
    LineFile file(platform::path_text(root / name), name);
    std::string* copy = how.keep_files ? &kept[name] : nullptr;
    std::string line;
    while (file.next(line)) {
      if (copy) copy->append(line).push_back('\n');
      read(line, file.line_number());
    }
    report();
    if (!file.error().empty()) c.problems.push_back(file.error());
    else digest_holds(name, file.sha256());
  };
  each_line(kCandidatesFile, [&](const std::string& line, std::int64_t n) {
    if (auto r = lines.candidate(line, n)) b.snapshot.candidates.push_back(std::move(*r));
  });
  each_line(kRunsFile, [&](const std::string& line, std::int64_t n) {
    if (auto r = lines.run(line, n)) b.snapshot.runs.push_back(std::move(*r));
  });
  b.snapshot.session.candidate_count = static_cast<int>(b.snapshot.candidates.size());
  // A bundle with a problem is refused whole: its trail is not replayed.
  if (!c.problems.empty()) return;
  if (how.on_head) how.on_head(b);
  AuditTrailCheck trail("results.json", /*lines=*/true, /*records=*/!how.replayed);
  ConfirmationWalk confirmations({}, b.snapshot.session.kind);
  each_line(kAuditTrailFile, [&](const std::string& line, std::int64_t n) {
    auto e = lines.audit_entry(line, n);
    if (!e) return;
    trail.add(*e);
    confirmations.feed(*e);
    if (how.on_entry) how.on_entry(*e);
    if (how.keep_trail) b.audit_trail.push_back(std::move(*e));
  });
  if (!c.problems.empty()) return;
  for (const auto& p : trail.finish(b)) c.problems.push_back(p.text());
  ConfirmationProofs proofs = confirmations.finish(b.snapshot.jury);
  for (auto& p : proofs.problems) c.problems.push_back(std::move(p));
  if (!proofs.partial.empty()) c.notes.push_back(std::move(proofs.partial));
  // The table is a copy for spreadsheets, covered by the same signature as
  // the records: its decisions must be the records'.
  if (c.problems.empty())
    for (auto& p : results_csv_contradictions(b, whole["results.csv"])) c.problems.push_back(std::move(p));
  if (!c.problems.empty()) return;
  if (how.keep_files) {
    c.results_json = kept_results_text(manifest, kept);
    c.proces_verbal = std::move(whole["proces-verbal.html"]);
  }
  c.bundle = std::move(b);
}

}  // namespace

BundleCheck verify_bundle(const std::string& dir, const KeyGate& gate) {
  BundleReading how;
  how.gate = gate;
  return verify_bundle(dir, how);
}

BundleCheck verify_bundle(const std::string& dir, const BundleReading& how) {
  const KeyGate& gate = how.gate;
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
  read("results.json");
  read("results.json.sig");
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
  if (!bytes.count("results.json")) {
    for (const char* name : {"results.csv", "proces-verbal.html"}) read(name);
    return c;
  }
  // Format 5: a small manifest on one line, the records read a line at a
  // time. Earlier formats, one document of many lines, are read whole.
  if (const std::string& text = bytes["results.json"];
      text.find('\n') == std::string::npos || text.find('\n') + 1 == text.size()) {
    ResultsLines lines;
    lines.manifest(text, "results.json");
    if (lines.format() != 0 && lines.format() < kResultsFormatVersion) {
      // one document on one line: read as such below
    } else {
      verify_lines(root, lines, text, how, c);
      return c;
    }
  }
  for (const char* name : {"results.csv", "proces-verbal.html"}) read(name);
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
    if (how.on_head || how.on_entry) {
      std::vector<AuditRecord> trail = std::move(c.bundle->audit_trail);
      c.bundle->audit_trail.clear();
      if (how.on_head) how.on_head(*c.bundle);
      if (how.on_entry)
        for (const auto& e : trail) how.on_entry(e);
      if (how.keep_trail) c.bundle->audit_trail = std::move(trail);
    } else if (!how.keep_trail) {
      c.bundle->audit_trail.clear();
    }
    if (how.keep_files) {
      c.results_json = std::move(bytes["results.json"]);
      c.proces_verbal = std::move(bytes["proces-verbal.html"]);
    }
  }
  return c;
}

}  // namespace jurymn
