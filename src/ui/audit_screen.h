// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The audit screen's own state.
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <vector>

#include "core/audit_trail.h"
#include "core/clock.h"
#include "core/validation.h"
#include "store/store.h"

namespace jurymn::ui {

// One entry of the trail as the audit screen keeps it, small enough for a
// few hundred thousand: strings interned, payloads packed in large blocks.
struct AuditRow {
  std::int64_t id = 0;
  TimeMs at_ms = 0;
  std::uint32_t payload_block = 0;  // in AuditPanel::payloads
  std::uint32_t payload_at = 0;
  std::uint32_t payload_size = 0;
  std::uint32_t actor = 0;   // in AuditPanel::names
  std::uint32_t action = 0;  // in AuditPanel::names
  std::int32_t candidate = -1;  // in state.view.candidates; -1: none; -2: not one of the session's
};

// The audit screen: the open session's trail and the check of its chain,
// read once per change of the store, and how the jury filters it.
struct AuditPanel {
  std::uint64_t revision = UINT64_MAX;  // store revision the trail was read at
  std::string loaded_for;               // session uuid
  std::vector<AuditRow> entries;        // in order
  std::vector<std::string> payloads;    // blocks of payloads, each filled to its capacity
  std::vector<std::string> names;  // actors and action ids
  AuditChainReport chain;
  int broken_index = -1;                   // the broken entry in `entries`, if it is there
  std::vector<int> entries_per_candidate;  // per candidate of state.view.candidates
  std::string single_day;                  // "2026-05-18" when every entry is of that local day
  // The filter, set for one session (--screen audit --candidate N sets it
  // from the run on show).
  std::string filter_for;
  std::string candidate_uuid;  // empty: every entry
  std::string action_text;     // words of the action's label
  // The rows shown (indices into `entries`), for the filter and trail above.
  std::vector<int> shown;
  std::string shown_candidate;
  std::string shown_text;
  std::uint64_t shown_revision = UINT64_MAX;
  int scroll_to_entry = -1;  // bring this entry into view on the next frame
};

}  // namespace jurymn::ui
