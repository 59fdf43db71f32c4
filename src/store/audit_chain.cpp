#include "store/audit_chain.h"

#include <sodium.h>

#include <map>
#include <stdexcept>

#include "store/sqlite.h"

namespace jurymn::store {

std::string audit_line(std::int64_t id, std::int64_t at_ms, std::string_view actor, std::string_view action,
                       std::string_view candidate_uuid, std::string_view payload) {
  std::string line = std::to_string(id) + "\t" + std::to_string(at_ms) + "\t";
  line.append(actor).append("\t").append(action).append("\t").append(candidate_uuid).append("\t").append(payload);
  return line;
}

std::string next_audit_head(std::string_view head, std::string_view line) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium ne démarre pas.");
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(head.data()), head.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>("\n"), 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(line.data()), line.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

namespace {
constexpr const char* kEntrySelect =
    "SELECT a.id, a.at_ms, a.actor, a.action, coalesce(c.uuid, ''), a.payload, a.session_id FROM audit_entry a"
    " LEFT JOIN candidate c ON c.id = a.candidate_id ";

void write_head(sqlite3* db, std::int64_t session_id, std::int64_t entries, std::int64_t last_at,
                const std::string& digest) {
  Statement s(db,
              "INSERT INTO audit_head (session_id, entries, last_at, digest) VALUES (?, ?, ?, ?)"
              " ON CONFLICT (session_id) DO UPDATE SET entries = excluded.entries, last_at = excluded.last_at,"
              " digest = excluded.digest");
  s.bind(1, session_id).bind(2, entries).bind(3, last_at).bind(4, digest);
  s.run();
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

void advance_audit_head(sqlite3* db, std::int64_t session_id, std::int64_t entry_id) {
  Statement e(db, std::string(kEntrySelect) + "WHERE a.id = ?");
  e.bind(1, entry_id);
  if (!e.step()) return;
  const AuditHead before = read_audit_head(db, session_id);
  const std::string line = audit_line(e.int64(0), e.int64(1), e.text(2), e.text(3), e.text(4), e.text(5));
  write_head(db, session_id, before.entries + 1, e.int64(1), next_audit_head(before.digest, line));
}

void rebuild_audit_heads(sqlite3* db) {
  exec(db, "DELETE FROM audit_head");
  struct Head {
    std::int64_t entries = 0, last_at = 0;
    std::string digest;
  };
  std::map<std::int64_t, Head> heads;
  Statement e(db, std::string(kEntrySelect) + "ORDER BY a.id");
  while (e.step()) {
    Head& h = heads[e.int64(6)];
    h.digest = next_audit_head(h.digest, audit_line(e.int64(0), e.int64(1), e.text(2), e.text(3), e.text(4), e.text(5)));
    ++h.entries;
    h.last_at = e.int64(1);
  }
  for (const auto& [session, h] : heads) write_head(db, session, h.entries, h.last_at, h.digest);
}

}  // namespace jurymn::store
