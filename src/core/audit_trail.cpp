#include "core/audit_trail.h"

#include <sodium.h>

#include <stdexcept>

#include "core/local_time.h"

namespace jurymn {

std::string audit_line(const AuditRecord& e) {
  std::string line = std::to_string(e.id) + "\t" + std::to_string(e.at_ms) + "\t";
  line.append(e.actor).append("\t").append(e.action).append("\t").append(e.candidate_uuid).append("\t").append(e.payload);
  return line;
}

std::string audit_hash(std::string_view prev_hash, std::string_view line) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium ne démarre pas.");
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(prev_hash.data()), prev_hash.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>("\n"), 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(line.data()), line.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

std::string AuditChainReport::summary() const {
  if (!broken) return "chaîne intacte\u00A0: " + std::to_string(entries) + (entries > 1 ? " entrées" : " entrée");
  const AuditBreak& b = *broken;
  if (b.id == 0) return "chaîne rompue à la fin du journal\u00A0: " + b.reason;
  return "chaîne rompue à l’entrée n°\u00A0" + std::to_string(b.id) + " (" + french_date_time(b.at_ms) + ", " + b.action +
         ")\u00A0: " + b.reason;
}

void AuditChainWalk::fail(const AuditRecord& e, std::string reason) {
  if (!broken_) broken_ = AuditBreak{e.id, e.at_ms, e.action, std::move(reason)};
}

void AuditChainWalk::add(const AuditRecord& e) {
  ++entries_;
  if (entries_ > 1 && e.id <= last_id_) fail(e, "entrée hors de son ordre (numéro déplacé)");
  std::string_view prev = last_hash_;
  if (stored_links_) {
    // The stored link names another predecessor: an entry before this one
    // was removed, inserted or moved.
    if (e.prev_hash != last_hash_)
      fail(e, "ne suit pas l’entrée précédente (une entrée a été supprimée, insérée ou déplacée)");
    prev = e.prev_hash;
  }
  if (audit_hash(prev, audit_line(e)) != e.hash)
    fail(e, stored_links_ ? "contenu modifié après coup (l’empreinte ne correspond plus)"
                          : "l’empreinte ne correspond plus (entrée modifiée, ou une entrée avant elle supprimée "
                            "ou déplacée)");
  last_id_ = e.id;
  last_at_ = e.at_ms;
  last_action_ = e.action;
  last_hash_ = e.hash;
}

void AuditChainWalk::finish(const AuditHead& head) {
  if (broken_) return;
  if (head.entries != entries_ || head.digest != last_hash_) {
    AuditBreak b;
    b.reason = "l’en-tête enregistre " + std::to_string(head.entries) + " entrée" + (head.entries > 1 ? "s" : "") +
               ", il en reste " + std::to_string(entries_);
    if (head.entries == entries_) b.reason = "l’empreinte de tête ne correspond pas à la dernière entrée";
    if (entries_ > 0) b.reason += " (dernière présente\u00A0: n°\u00A0" + std::to_string(last_id_) + ", " + last_action_ + ")";
    b.at_ms = last_at_;
    broken_ = std::move(b);
  }
}

}  // namespace jurymn
