// SPDX-License-Identifier: EUPL-1.2
#include "store/audit_chain.h"

#include <map>
#include <vector>

#include "core/audit_payloads.h"
#include "core/rules.h"
#include "store/sqlite.h"

namespace jurymn::store {

namespace {
void write_head(sqlite3* db, std::int64_t session_id, std::int64_t entries, std::int64_t last_at,
                const std::string& digest) {
  Statement s(db,
              "INSERT INTO audit_head (session_id, entries, last_at, digest) VALUES (?, ?, ?, ?)"
              " ON CONFLICT (session_id) DO UPDATE SET entries = excluded.entries, last_at = excluded.last_at,"
              " digest = excluded.digest");
  s.bind(1, session_id).bind(2, entries).bind(3, last_at).bind(4, digest);
  s.run();
}

// Entry columns up to the payload, then the session; `links` adds the
// stored prev_hash and hash (version 6 on).
std::string entry_select(bool links) {
  return std::string("SELECT a.id, a.at_ms, a.actor, a.action, coalesce(c.uuid, ''), a.payload, "
                     "coalesce(a.session_id, 0)") +
         (links ? ", a.prev_hash, a.hash" : "") + " FROM audit_entry a LEFT JOIN candidate c ON c.id = a.candidate_id ";
}

// Into `r`, whose strings keep their room from one row to the next.
void read_entry(const Statement& s, bool links, AuditRecord& r) {
  r.id = s.int64(0);
  r.at_ms = s.int64(1);
  r.actor = s.text_view(2);
  r.action = s.text_view(3);
  r.candidate_uuid = s.text_view(4);
  r.payload = s.text_view(5);
  if (links) {
    r.prev_hash = s.text_view(7);
    r.hash = s.text_view(8);
  }
}

AuditRecord entry_of(const Statement& s, bool links) {
  AuditRecord r;
  r.id = s.int64(0);
  r.at_ms = s.int64(1);
  r.actor = s.text(2);
  r.action = s.text(3);
  r.candidate_uuid = s.text(4);
  r.payload = s.text(5);
  if (links) {
    r.prev_hash = s.text(7);
    r.hash = s.text(8);
  }
  return r;
}
}  // namespace

AuditHead read_audit_head(sqlite3* db, std::int64_t session_id) {
  Statement s(db, "SELECT entries, last_at, digest FROM audit_head WHERE session_id = ?");
  s.bind(1, session_id);
  AuditHead h;
  if (s.step()) {
    h.entries = s.int64(0);
    h.last_at = s.int64(1);
    h.digest = s.text(2);
  }
  return h;
}

void each_audit_entry(sqlite3* db, std::int64_t session_id, const std::function<void(const AuditRecord&)>& f,
                      const std::vector<std::string_view>& actions) {
  std::string where = "WHERE a.session_id = ?";
  if (!actions.empty()) {
    // By the index on actions: a few entries among a whole session's (the
    // unary + keeps SQLite off the session's index).
    where = "WHERE +a.session_id = ? AND a.action IN (?";
    for (std::size_t i = 1; i < actions.size(); ++i) where += ", ?";
    where += ")";
  }
  Statement s(db, entry_select(true) + where + " ORDER BY a.id");
  s.bind(1, session_id);
  for (std::size_t i = 0; i < actions.size(); ++i) s.bind(static_cast<int>(i + 2), actions[i]);
  AuditRecord e;
  while (s.step()) {
    read_entry(s, true, e);
    f(e);
  }
}

void each_own_audit_entry(sqlite3* db, const std::function<void(const AuditRecord&)>& f) {
  Statement s(db, entry_select(true) + "WHERE a.session_id IS NULL ORDER BY a.id");
  while (s.step()) f(entry_of(s, true));
}

std::int64_t append_audit_entry(sqlite3* db, std::int64_t session_id, std::optional<std::int64_t> candidate_id,
                                TimeMs at, std::string_view actor, std::string_view action,
                                std::string_view payload) {
  // The id is part of the hashed line, so it is chosen here: inside the
  // writer's transaction nobody else can take it.
  AuditRecord e;
  e.id = query_int(db, "SELECT coalesce(max(id), 0) + 1 FROM audit_entry");
  e.at_ms = at;
  e.actor = actor;
  e.action = action;
  e.payload = payload;
  if (candidate_id) {
    Statement c(db, "SELECT uuid FROM candidate WHERE id = ?");
    c.bind(1, *candidate_id);
    if (c.step()) e.candidate_uuid = c.text(0);
  }
  const AuditHead before = read_audit_head(db, session_id);
  e.prev_hash = before.digest;
  e.hash = audit_hash(e.prev_hash, audit_line(e));
  Statement ins(db,
                "INSERT INTO audit_entry (id, at_ms, session_id, candidate_id, actor, action, payload, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, e.id).bind(2, at);
  if (session_id) ins.bind(3, session_id); else ins.bind_null(3);  // the base's own entries
  if (candidate_id) ins.bind(4, *candidate_id); else ins.bind_null(4);
  ins.bind(5, actor).bind(6, action).bind(7, payload).bind(8, e.prev_hash).bind(9, e.hash);
  ins.run();
  write_head(db, session_id, before.entries + 1, at, e.hash);
  return e.id;
}

void rebuild_audit_heads(sqlite3* db) {
  exec(db, "DELETE FROM audit_head");
  struct Head {
    std::int64_t entries = 0, last_at = 0;
    std::string digest;
  };
  std::map<std::int64_t, Head> heads;
  Statement e(db, entry_select(false) + "ORDER BY a.id");
  while (e.step()) {
    Head& h = heads[e.int64(6)];
    h.digest = audit_hash(h.digest, audit_line(entry_of(e, false)));
    ++h.entries;
    h.last_at = e.int64(1);
  }
  for (const auto& [session, h] : heads) write_head(db, session, h.entries, h.last_at, h.digest);
}

void chain_existing_entries(sqlite3* db, TimeMs now) {
  struct Link {
    std::int64_t id;
    std::string prev, hash;
  };
  struct Chain {
    std::int64_t entries = 0, last_at = 0;
    std::string head;
  };
  std::vector<Link> links;
  std::map<std::int64_t, Chain> chains;
  {
    Statement e(db, entry_select(false) + "ORDER BY a.id");
    while (e.step()) {
      Chain& c = chains[e.int64(6)];
      const AuditRecord r = entry_of(e, false);
      Link l{r.id, c.head, audit_hash(c.head, audit_line(r))};
      c.head = l.hash;
      c.last_at = r.at_ms;
      ++c.entries;
      links.push_back(std::move(l));
    }
  }
  {
    Statement u(db, "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?");
    for (const auto& l : links) {
      u.bind(1, l.prev).bind(2, l.hash).bind(3, l.id);
      u.run();
      u.reset();
    }
  }
  exec(db, "DELETE FROM audit_head");
  for (const auto& [session, c] : chains) write_head(db, session, c.entries, c.last_at, c.head);
  // The chaining is itself on record, in every chain it built.
  for (const auto& [session, c] : chains) {
    if (session == 0) continue;
    append_audit_entry(db, session, std::nullopt, now, "jurymn", audit_action_id(AuditAction::ChainAuditTrail),
                       payload_text(payload::ChainAuditTrail{c.entries, c.head, 6}));
  }
}

std::optional<int> declared_rules(sqlite3* db, std::int64_t session_id) {
  // By the action's index: a session declares its rules a few times at
  // most, while walking its trail back from the end (the session's index)
  // made each confirmation cost the whole trail — 0.3 s at 5,000 candidates.
  Statement s(db, "SELECT payload FROM audit_entry INDEXED BY audit_entry_action WHERE action = ? AND session_id = ? "
                  "ORDER BY id DESC LIMIT 1");
  s.bind(1, audit_action_id(AuditAction::DeclareRules)).bind(2, session_id);
  if (!s.step()) return std::nullopt;
  try {
    return read_payload_as<payload::DeclareRules>(AuditAction::DeclareRules, s.text(0)).rules;
  } catch (const PayloadError&) {
    return std::nullopt;  // not written by jurymn: the replay names it
  }
}

void declare_current_rules(sqlite3* db, TimeMs now) {
  std::vector<std::int64_t> sessions;
  {
    Statement s(db, "SELECT id FROM exam_session ORDER BY id");
    while (s.step()) sessions.push_back(s.int64(0));
  }
  for (std::int64_t session : sessions) {
    const std::optional<int> declared = declared_rules(db, session);
    if (declared && *declared >= kCurrentRules) continue;
    append_audit_entry(db, session, std::nullopt, now, "jurymn", audit_action_id(AuditAction::DeclareRules),
                       payload_text(payload::DeclareRules{kCurrentRules}));
  }
}

AuditChainReport verify_audit_chain(sqlite3* db, std::optional<std::int64_t> session_id) {
  return verify_audit_chain(db, session_id, nullptr);
}

AuditChainReport verify_audit_chain(sqlite3* db, std::optional<std::int64_t> session_id, const ChainEntryReader& read) {
  AuditChainReport report;
  std::map<std::int64_t, AuditHead> heads;
  {
    Statement h(db, session_id ? "SELECT session_id, entries, last_at, digest FROM audit_head WHERE session_id = ?"
                               : "SELECT session_id, entries, last_at, digest FROM audit_head");
    if (session_id) h.bind(1, *session_id);
    while (h.step()) heads[h.int64(0)] = AuditHead{h.int64(1), h.int64(2), h.text(3)};
  }
  auto keep = [&](const std::optional<AuditBreak>& b) {
    if (!b) return;
    // The earliest numbered break first; a missing end comes after.
    if (!report.broken || (b->id != 0 && (report.broken->id == 0 || b->id < report.broken->id))) report.broken = b;
  };
  // In the order of the index on (session_id, id): the base's own entries
  // (NULL) first, then each session's; no sort of the whole trail.
  Statement s(db, entry_select(true) + (session_id ? "WHERE a.session_id = ? " : "") +
                      "ORDER BY a.session_id, a.id");
  if (session_id) s.bind(1, *session_id);
  std::optional<AuditChainWalk> walk;
  std::int64_t current = -1;
  auto close = [&] {
    if (!walk) return;
    walk->finish(heads[current]);
    heads.erase(current);
    report.entries += walk->entries();
    ++report.sessions;
    keep(walk->broken());
    if (read) read(current, nullptr);
  };
  AuditRecord e;
  while (s.step()) {
    const std::int64_t session = s.int64(6);
    if (session != current) {
      close();
      walk.emplace(true);
      current = session;
    }
    read_entry(s, true, e);
    walk->add(e);
    if (read) read(current, &e);
  }
  close();
  // Heads whose every entry is gone.
  for (const auto& [session, head] : heads) {
    if (head.entries == 0) continue;
    AuditChainWalk empty(true);
    empty.finish(head);
    ++report.sessions;
    keep(empty.broken());
  }
  return report;
}

}  // namespace jurymn::store
