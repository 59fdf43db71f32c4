// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The actions (core/actions.h) as Store::apply answers them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/actions.h"

namespace jurymn {

// Stable snake_case name, as written in the audit trail.
std::string_view action_name(const Action& a);

// What an applied action changed, so that a view reloads that part only
// (store/changes.h says it per kind of action).
struct Changed {
  bool whole_session = false;  // reload everything of the session (an import, a merge…)
  bool session = false;        // its header (title, date, centre, CCPs…)
  bool jury = false;           // its members
  std::vector<std::string> candidates;  // by uuid (their rows)
  std::vector<std::string> runs;        // by uuid (with their marks, decision, events)
};

struct ApplyResult {
  bool ok = false;
  std::string error;               // French summary when refused
  FieldErrors field_errors;        // per-field problems of a form
  std::vector<RowError> row_errors;  // per-line problems of an import
  std::string created_uuid;        // the new session, member or candidate
  std::vector<std::string> notes;  // French lines worth reporting (merge conflicts)
  int conflicts = 0;               // merge: how many of the notes are decision conflicts
  // Refused because it would change nothing: a merged bundle older than
  // what the centre holds from the same key (a prefix of its trail).
  bool unchanged = false;
  std::int64_t audit_id = 0;
  // The disk refused the write (full, read-only, I/O error, busy): the
  // action was valid but is not on disk. Screens keep saying so until a
  // write succeeds again.
  bool not_written = false;
  Changed changed;  // on success
  explicit operator bool() const { return ok; }
};

}  // namespace jurymn
