// SPDX-License-Identifier: EUPL-1.2
#include "core/member_pin.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace jurymn {

namespace {

void start_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium ne démarre pas.");
}

std::string hex_of(const unsigned char* b, std::size_t n) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += hex[b[i] >> 4];
    out += hex[b[i] & 15];
  }
  return out;
}

// Lowercase hex of exactly `n` bytes, or nothing.
template <std::size_t N>
std::optional<std::array<unsigned char, N>> bytes_of(std::string_view hex) {
  if (hex.size() != 2 * N) return std::nullopt;
  std::array<unsigned char, N> out{};
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < N; ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return out;
}

std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

PinCost PinCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

bool PinCost::below_interactive() const {
  const PinCost i = interactive();
  return ops < i.ops || mem < i.mem;
}

PinCost PinCost::fast_for_generated_data() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string MemberKey::public_key_hex() const { return hex_of(public_key.data(), public_key.size()); }

std::string pin_problem(std::string_view pin) {
  const bool digits = !pin.empty() && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && pin.size() >= 6) return {};
  if (digits) return "Le code compte au moins 6 chiffres.";
  if (characters(pin) >= 10) return {};
  return "Choisissez un code d’au moins 6 chiffres, ou une phrase de passe d’au moins 10 caractères.";
}

std::string member_pin_problem(const MemberPin& pin) {
  if (!bytes_of<crypto_pwhash_SALTBYTES>(pin.salt)) return "le sel du code n’est pas 16 octets en hexadécimal";
  if (!bytes_of<32>(pin.public_key)) return "la clé publique du membre n’est pas 32 octets en hexadécimal";
  if (pin.cost.ops < crypto_pwhash_OPSLIMIT_MIN || pin.cost.ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      pin.cost.mem < crypto_pwhash_MEMLIMIT_MIN || pin.cost.mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return "le coût de dérivation du code est hors des bornes d’Argon2id";
  return {};
}

MemberKey derive_member_key(std::string_view pin, const MemberPin& record) {
  start_sodium();
  auto salt = bytes_of<crypto_pwhash_SALTBYTES>(record.salt);
  if (!salt || !member_pin_problem(record).empty()) throw std::runtime_error("Code du membre mal enregistré.");
  MemberKey k;
  if (crypto_pwhash(k.seed.data(), k.seed.size(), pin.data(), pin.size(), salt->data(), record.cost.ops,
                    static_cast<std::size_t>(record.cost.mem), crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("Mémoire insuffisante pour vérifier le code.");
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_seed_keypair(k.public_key.data(), sk.data(), k.seed.data());
  sodium_memzero(sk.data(), sk.size());
  return k;
}

NewMemberPin new_member_pin(std::string_view pin, PinCost cost) {
  start_sodium();
  std::array<unsigned char, crypto_pwhash_SALTBYTES> salt{};
  randombytes_buf(salt.data(), salt.size());
  NewMemberPin n;
  n.record.salt = hex_of(salt.data(), salt.size());
  n.record.cost = cost;
  n.key = derive_member_key(pin, {n.record.salt, std::string(64, '0'), cost});
  n.record.public_key = n.key.public_key_hex();
  return n;
}

bool key_matches(const MemberKey& key, const MemberPin& record) { return key.public_key_hex() == record.public_key; }

std::string confirmation_message(std::string_view prev_hash, std::string_view run_uuid, std::string_view member_uuid,
                                 std::string_view decided_id) {
  std::string m = "jurymn confirmation 1\n";
  m.append(prev_hash).append("\n").append(run_uuid).append("\n").append(member_uuid).append("\n").append(decided_id);
  return m;
}

std::string reopening_message(std::string_view prev_hash, std::string_view run_uuid, std::string_view member_uuid,
                              std::string_view signer_uuid, std::string_view reason) {
  std::string m = "jurymn reopening 1\n";
  m.append(prev_hash).append("\n").append(run_uuid).append("\n").append(member_uuid).append("\n");
  m.append(signer_uuid).append("\n").append(reason);
  return m;
}

std::string pin_reset_message(std::string_view prev_hash, std::string_view member_uuid,
                              std::string_view new_public_key) {
  std::string m = "jurymn pin reset 1\n";
  m.append(prev_hash).append("\n").append(member_uuid).append("\n").append(new_public_key);
  return m;
}

std::string sign_with_member_key(const MemberKey& key, std::string_view message) {
  start_sodium();
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  std::array<unsigned char, 32> pk{};
  crypto_sign_seed_keypair(pk.data(), sk.data(), key.seed.data());
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       sk.data());
  sodium_memzero(sk.data(), sk.size());
  return hex_of(sig.data(), sig.size());
}

bool member_signature_holds(std::string_view public_key_hex, std::string_view message,
                            std::string_view signature_hex) {
  start_sodium();
  auto pk = bytes_of<32>(public_key_hex);
  auto sig = bytes_of<crypto_sign_BYTES>(signature_hex);
  if (!pk || !sig) return false;
  return crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk->data()) == 0;
}

std::array<unsigned char, 32> MemberKeyCache::tag_of(std::string_view pin, const std::string& salt) const {
  std::array<unsigned char, 32> tag{};
  crypto_generichash_state st;
  crypto_generichash_init(&st, secret_.data(), secret_.size(), tag.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>("\n"), 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(pin.data()), pin.size());
  crypto_generichash_final(&st, tag.data(), tag.size());
  return tag;
}

std::optional<MemberKey> MemberKeyCache::unlock(const std::string& member_uuid, const MemberPin& record,
                                                std::string_view pin) {
  start_sodium();
  if (!ready_) {
    randombytes_buf(secret_.data(), secret_.size());
    ready_ = true;
  }
  const auto tag = tag_of(pin, record.salt);
  auto it = entries_.find(member_uuid);
  if (it != entries_.end() && it->second.salt == record.salt && key_matches(it->second.key, record) &&
      sodium_memcmp(it->second.tag.data(), tag.data(), tag.size()) == 0)
    return it->second.key;
  MemberKey key = derive_member_key(pin, record);
  if (!key_matches(key, record)) return std::nullopt;
  entries_[member_uuid] = {record.salt, tag, key};
  return key;
}

}  // namespace jurymn
