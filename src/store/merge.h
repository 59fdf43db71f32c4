// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The exam centre's side: one verified results bundle merged into the
// centre's database, inside the transaction of a MergeBundle action.
//
// Records are matched by identifier first, then by what people recognise:
// a session by date, centre and title; a candidate by number; a jury member
// by name (accents and case aside); a run by candidate and CCP. So two
// laptops of one jury — each with its own copy of the candidate list —
// combine: each member's marks are kept per member. What the centre already
// holds is never overwritten by an older record; two different final
// decisions on one run are a conflict, recorded with both, neither chosen.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/audit_payloads.h"
#include "core/clock.h"
#include "store/actions.h"

struct sqlite3;

namespace jurymn::store {

struct MergeRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Not an error but nothing to do: the bundle is older than what the centre
// holds from the same key (its trail a prefix of the one merged).
struct MergeUnchanged : MergeRefused {
  using MergeRefused::MergeRefused;
};

struct MergeOutcome {
  std::int64_t session_id = 0;
  payload::MergeBundle payload;    // for the audit trail: counts, conflicts
  std::vector<std::string> notes;  // French, one line each
  int conflicts = 0;               // how many notes are decision conflicts
};

// Only bundles signed by a key the centre enrolled (trusted_key, not
// revoked) are merged. Per key and session, a bundle whose audit trail
// extends the key's earlier one supersedes it (its decisions replace that
// key's earlier ones: a result reopened and decided again on the laptop);
// one whose trail forks from it is refused, naming the first entry that
// differs; one whose trail is a prefix of it changes nothing
// (MergeUnchanged). Two keys that disagree on a decision are a conflict.
//
// Throws MergeRefused (French) when the bundle cannot be merged; the caller
// rolls back.
MergeOutcome merge_bundle(sqlite3* db, TimeMs now, const action::MergeBundle& a);

}  // namespace jurymn::store
