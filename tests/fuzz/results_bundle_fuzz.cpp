// SPDX-License-Identifier: EUPL-1.2
// Fuzz target: a results bundle as the exam centre reads it (`jurymn verify`,
// `jurymn merge`: io/bundle.cpp verify_bundle). The input is results.json:
// parse_results_json, the strict parser verify_bundle calls, then what the
// centre computes from an accepted bundle without touching the disk
// (results.csv of the session, the bundle written again). The same bytes go
// through verify_bundle's other in-memory checks: results.json's digest and
// public-key.pem's parser (with its fingerprint and a signature check), and
// results.csv's reader (the table read back against the records).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/results_json.h"
#include "io/results_table.h"
#include "io/signing.h"

using namespace jurymn;
using fuzz::is_utf8;
using fuzz::require;

namespace {

bool is_digest(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// What the parser promises of an accepted bundle (results.schema.json and
// results_json.h: references resolved, ids unique, values in range).
void check_accepted(const ResultsBundle& b) {
  const SessionSnapshot& s = b.snapshot;
  require(s.session.jury_count == static_cast<int>(s.jury.size()));
  require(s.session.candidate_count == static_cast<int>(s.candidates.size()));
  std::set<std::string> members, candidates, numbers, runs;
  for (const auto& m : s.jury) require(members.insert(m.uuid).second);
  for (const auto& c : s.candidates) require(candidates.insert(c.uuid).second && numbers.insert(c.data.number).second);
  for (const auto& r : s.runs) {
    require(runs.insert(r.uuid).second && candidates.count(r.candidate_uuid) == 1);
    for (const auto& m : r.marks) require(members.count(m.member_uuid) == 1);
    for (const auto& o : r.observations) require(members.count(o.member_uuid) == 1);
    for (const auto& u : r.decision.confirmed_by) require(members.count(u) == 1);
    for (const auto& d : r.draws) require(d.chosen >= 0 && static_cast<std::size_t>(d.chosen) < d.titles.size());
  }
  for (const auto& [name, digest] : b.files)
    require(is_digest(digest) && !name.empty() && name != "results.json" && name != "results.json.sig" &&
            name.find('/') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  // verify_bundle: the bundle's identity, and public-key.pem.
  require(is_digest(sha256_hex(text)));
  const PublicKeyParse key = parse_public_key_pem(text, "public-key.pem");
  require(key.key.has_value() == key.error.empty());
  if (key.key) {
    require(key_fingerprint(*key.key).size() == 39);
    require(!verify_signature(*key.key, text, std::string(64, '\0')));
  } else {
    require(is_utf8(key.error));
  }

  // The same bytes as a bundle's results.csv, against a bundle with no
  // records: every row is one they do not have, and each problem says so
  // in printable text.
  static const ResultsBundle no_records{};
  for (const auto& p : results_csv_contradictions(no_records, text))
    require(p.rfind("results.csv", 0) == 0 && is_utf8(p) && p.find('\x1b') == std::string::npos);

  const ResultsParse parsed = parse_results_json(text, "results.json");
  if (!parsed.bundle) {
    require(!parsed.problems.empty());
    for (const auto& p : parsed.problems) require(p.file == "results.json" && !p.message.empty() && is_utf8(p.text()));
    return 0;
  }
  require(parsed.problems.empty());
  const ResultsBundle& b = *parsed.bundle;
  check_accepted(b);

  // results.csv as exported, and the centre's consolidated table.
  require(is_utf8(results_csv(b)));
  require(is_utf8(results_csv(std::vector<SessionSnapshot>{b.snapshot}, {})));
  // The table as written agrees with the records it was written from.
  require(results_csv_contradictions(b, results_csv(b)).empty());

  // What the writer makes of an accepted bundle, the reader accepts again,
  // and reads back to the same bundle.
  const std::string again = results_json(b, {});
  const ResultsParse reparsed = parse_results_json(again, "results.json");
  require(reparsed.bundle.has_value() && results_json(*reparsed.bundle, {}) == again);
  return 0;
}
