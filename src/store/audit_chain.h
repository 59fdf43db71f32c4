#pragma once
// The head of a session's audit trail, chained entry by entry:
//   head_0 = "" (no entry), head_n = hex(SHA-256(head_(n-1) "\n" line_n))
// where line_n is the entry's canonical line: id, time (ms), actor, action,
// candidate uuid ("" if none), payload, tab-separated. Editing, removing or
// reordering any entry changes every head after it. Every action updates
// its session's head in its own transaction, so an export reads it at once.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/results_bundle.h"

struct sqlite3;

namespace jurymn::store {

std::string audit_line(std::int64_t id, std::int64_t at_ms, std::string_view actor, std::string_view action,
                       std::string_view candidate_uuid, std::string_view payload);
std::string next_audit_head(std::string_view head, std::string_view line);

// After inserting audit entry `entry_id` of `session_id`: the new head.
void advance_audit_head(sqlite3* db, std::int64_t session_id, std::int64_t entry_id);
// Recomputes every session's head from its entries (migration, checks).
void rebuild_audit_heads(sqlite3* db);
AuditHead read_audit_head(sqlite3* db, std::int64_t session_id);

}  // namespace jurymn::store
