// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A results bundle: the folder a jury's laptop hands to the exam centre.
//   results.json       the manifest: session, title, jury, audit head and
//                      the SHA-256 of every other file (io/results_json.h)
//   results.json.sig   raw 64-byte Ed25519 signature of results.json's bytes
//   public-key.pem     the installation's public key (SubjectPublicKeyInfo)
//   candidates.jsonl   the candidates, one a line, by uuid
//   runs.jsonl         the runs, one a line, by uuid
//   audit-trail.jsonl  the session's audit trail, one entry a line, in order
//   results.csv        one row per candidate and CCP, for a spreadsheet
//   proces-verbal.html the printable record
// The one signature covers every file through the digests results.json
// lists. Bundles of formats 2 to 4 (results.json holding every record, the
// .jsonl files absent) are still read.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/exam_plan.h"
#include "core/results_bundle.h"
#include "io/signing.h"

namespace jurymn {

inline constexpr const char* kBundleFiles[] = {"results.json",      "results.json.sig", "public-key.pem",
                                               "results.csv",       "proces-verbal.html", "candidates.jsonl",
                                               "runs.jsonl",        "audit-trail.jsonl"};

struct BundleFiles {
  std::string results_json;  // the manifest
  std::string signature;     // 64 raw bytes
  std::string public_key_pem;
  std::string results_csv;
  std::string proces_verbal_html;
  std::string candidates_jsonl, runs_jsonl, audit_trail_jsonl;
};

// Fills the digests and the key fingerprint of `bundle`, then writes and
// signs everything.
BundleFiles make_bundle(ResultsBundle bundle, const std::vector<ExamPlan>& plans, const SigningKey& key,
                        std::string proces_verbal_html);
// The same on two cores, for a large session: `render_pv` (pure) runs on a
// second thread while this one writes the CSV and results.json.
BundleFiles make_bundle(ResultsBundle bundle, const std::vector<ExamPlan>& plans, const SigningKey& key,
                        const std::function<std::string(const SessionSnapshot&)>& render_pv);

// Writes a bundle straight into `dir` (as write_bundle does), a line at a
// time, hashing as it writes: a session of any size is never held as
// text. The trail comes first, from `each_entry`, which hands every entry
// in order to its argument and returns "" or why the export stops (French;
// then nothing is written); the PV is rendered after it, on a second core
// while this one writes the records. "" or a French error.
using AuditEntries = std::function<std::string(const std::function<void(const AuditRecord&)>&)>;
std::string export_bundle(const std::string& dir, ResultsBundle bundle, const std::vector<ExamPlan>& plans,
                          const SigningKey& key, const AuditEntries& each_entry,
                          const std::function<std::string(const SessionSnapshot&)>& render_pv);

// Writes the files into `dir`, created if needed. A folder that holds
// anything but an earlier bundle is refused, so nothing else is
// overwritten. Returns "" or a French error naming the folder.
std::string write_bundle(const std::string& dir, const BundleFiles& files);

struct BundleCheck {
  std::optional<ResultsBundle> bundle;  // only when every check passed
  std::string fingerprint;              // of public-key.pem, when readable
  std::string results_digest;           // SHA-256 of results.json: the bundle's identity
  std::vector<std::string> problems;    // French, each names its file
  // French, what the bundle does not prove though it holds (« preuves
  // partielles » of confirmations without a member's signature).
  std::vector<std::string> notes;
  bool key_refused = false;  // the gate refused its key: nothing past public-key.pem was read
  // The files as signed, when every check passed: the centre keeps them.
  // Format 5: the manifest and the .jsonl files in one text
  // (kept_results_text), whose results.json part results_digest is of.
  std::string results_json;
  std::string proces_verbal;
  bool ok() const { return problems.empty() && bundle.has_value(); }
};

// Reads and checks a bundle folder: every file present, the key readable,
// the signature of results.json valid under it, results.json valid
// (format, version, fields, references), its key fingerprint that of the
// key, and the other files exactly those it lists.
//
// `gate`, at the centre, judges the key as soon as public-key.pem is read:
// it returns why the key is not trusted there (French), or "". A refused
// key's bundle is not read further (a stranger's 500 MB results.json is
// never parsed), and with a gate results.json is parsed only once its
// signature holds on its raw bytes.
using KeyGate = std::function<std::string(const std::string& fingerprint)>;
BundleCheck verify_bundle(const std::string& dir, const KeyGate& gate = {});

// How a bundle is read. A format 5 bundle is read a line at a time; its
// trail may be handed on entry by entry instead of kept (verify proves a
// session of any size in the memory of its records).
struct BundleReading {
  KeyGate gate;
  bool keep_trail = true;       // BundleCheck::bundle->audit_trail
  bool keep_files = true;       // BundleCheck::results_json, proces_verbal
  // Once the manifest and the records are read and hold, before the trail:
  // the bundle as read so far (its trail empty).
  std::function<void(const ResultsBundle& head)> on_head;
  // Each entry of the trail, in order, once it is read well formed.
  std::function<void(const AuditRecord& entry)> on_entry;
  // The caller replays the trail (as it goes, through `on_entry`, or from
  // the trail kept) and compares every record with the replay
  // (store/replay.h): the records are not also checked against the trail's
  // own partial account of them. Only the chain is walked here.
  bool replayed = false;
};
BundleCheck verify_bundle(const std::string& dir, const BundleReading& how);

}  // namespace jurymn
