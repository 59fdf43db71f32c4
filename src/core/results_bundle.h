// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What leaves a jury's laptop for the exam centre: one session's records,
// with who exported them, when, and a digest of the audit trail they come
// from. Written as results.json (io/results_json.h), signed, and merged at
// the centre.
#include <cstdint>
#include <map>
#include <string>

#include "core/clock.h"
#include "core/records.h"

namespace jurymn {

// The session's audit trail as it stood at export: the number of entries,
// the time of the last one, and its chained head (store/audit_chain.h), so
// the centre can later compare with the laptop's database.
struct AuditHead {
  std::int64_t entries = 0;
  TimeMs last_at = 0;
  std::string digest;  // 64 lowercase hex digits; "" for a session without entries
};

struct ResultsBundle {
  // The results.json format it was read from (0: built here, not read).
  // Format 2 carries no title: the one of its time is assumed.
  int format_version = 0;
  std::string app_version;      // "jurymn 0.1.0"
  TimeMs exported_at = 0;
  std::string key_fingerprint;  // of the key that signs results.json
  AuditHead audit;
  // The session's audit entries, in order, each with its hash: the centre
  // recomputes the chain up to `audit` and checks the records against it.
  std::vector<AuditRecord> audit_trail;
  SessionSnapshot snapshot;
  // SHA-256 of the other files of the bundle, by name (results.csv,
  // proces-verbal.html): signed with results.json, so that they cannot be
  // changed either.
  std::map<std::string, std::string> files;
};

}  // namespace jurymn
