// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The audit trail in the database: each entry carries its hash and its
// predecessor's in the same session (core/audit_trail.h), and audit_head
// keeps each session's number of entries, last time and last hash, so an
// export reads the head at once and a cut-off end of the trail shows.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_trail.h"
#include "core/clock.h"
#include "core/results_bundle.h"

struct sqlite3;

namespace jurymn::store {

// Appends one entry to its session's chain and advances the head; inside
// the caller's transaction. Returns the entry's id.
std::int64_t append_audit_entry(sqlite3* db, std::int64_t session_id, std::optional<std::int64_t> candidate_id,
                                TimeMs at, std::string_view actor, std::string_view action,
                                std::string_view payload);

// Migration to version 4: every session's head from its entries.
void rebuild_audit_heads(sqlite3* db);
// Migration to version 6: hashes every existing entry, then records the
// chaining itself as one entry per session that had any.
void chain_existing_entries(sqlite3* db, TimeMs now);

// The rules' version (core/rules.h) the session's trail declared last
// (declare_rules entries); nothing when it declares none.
std::optional<int> declared_rules(sqlite3* db, std::int64_t session_id);
// On upgrading a base to this build: each session whose trail declares
// older rules than kCurrentRules, or none, gets a declare_rules entry,
// chained like any other, at `now`. Inside the migration's transaction.
void declare_current_rules(sqlite3* db, TimeMs now);

AuditHead read_audit_head(sqlite3* db, std::int64_t session_id);
// One session's entries in order, with their hashes; with `actions`, only
// the entries of those actions (ids, e.g. "merge_bundle").
void each_audit_entry(sqlite3* db, std::int64_t session_id, const std::function<void(const AuditRecord&)>& f,
                      const std::vector<std::string_view>& actions = {});
// The base's own entries (in no session: a centre's keys), in order.
void each_own_audit_entry(sqlite3* db, const std::function<void(const AuditRecord&)>& f);

// Walks every chain (or one session's) and compares its end with the
// session's head.
AuditChainReport verify_audit_chain(sqlite3* db, std::optional<std::int64_t> session_id = std::nullopt);
// The same, and each entry, once walked, goes on to `read` with its
// session's id (0: the base's own entries); after a session's last entry,
// `read` is called once more without one. The trail is read once, in one
// statement, and never held: what proves a base (audit verify) reads as the
// chain is walked.
using ChainEntryReader = std::function<void(std::int64_t session_id, const AuditRecord* entry)>;
AuditChainReport verify_audit_chain(sqlite3* db, std::optional<std::int64_t> session_id, const ChainEntryReader& read);

}  // namespace jurymn::store
