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

struct MergeOutcome {
  std::int64_t session_id = 0;
  payload::MergeBundle payload;    // for the audit trail: counts, conflicts
  std::vector<std::string> notes;  // French, one line each (conflicts first)
};

// Throws MergeRefused (French) when the bundle cannot be merged; the caller
// rolls back.
MergeOutcome merge_bundle(sqlite3* db, TimeMs now, const action::MergeBundle& a);

}  // namespace jurymn::store
