// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A jury member's proof of confirmation. In an official session each
// member sets a PIN (at least 6 digits) or a passphrase when added; an
// Ed25519 key is derived from it with Argon2id (libsodium crypto_pwhash)
// and a random salt of the member's own. Only the salt, the cost and the
// public key are kept (in the database, the audit trail and the bundle);
// the PIN and the private key never are. Each confirmation then carries the
// member's signature of (the hash of the audit entry just before it, the
// run, the member, the decision), which anyone can check with the public
// key: a confirmation cannot be written, moved or edited without the PIN.
//
// A short PIN can still be found by trying every value offline by someone
// who holds the laptop (Argon2id only makes each try slow).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/domain.h"

namespace jurymn {

// Argon2id's cost. Production always uses interactive(); a generated
// session (demo, benches, tests) may ask for fast_for_generated_data()
// explicitly. The cost is recorded with the member, so it shows.
struct PinCost {
  std::uint64_t ops = 0;
  std::uint64_t mem = 0;  // bytes
  static PinCost interactive();               // crypto_pwhash_*_INTERACTIVE
  static PinCost fast_for_generated_data();   // the minimums: for generated data only
  bool operator==(const PinCost&) const = default;
  // Cheaper than interactive() in time or memory: a 6-digit PIN is then
  // found in seconds by whoever holds the laptop. An official jury never
  // derives such a key (the centre refuses its bundles, io/confirmation_proof.h).
  bool below_interactive() const;
};

// What is kept of a member's PIN: hex salt (16 bytes), hex public key (32
// bytes) and the cost it was derived with.
struct MemberPin {
  std::string salt;
  std::string public_key;
  PinCost cost;
  bool operator==(const MemberPin&) const = default;
};

// The key derived from a PIN: held in memory only.
struct MemberKey {
  std::array<unsigned char, 32> seed{};
  std::array<unsigned char, 32> public_key{};
  std::string public_key_hex() const;
};

// "" or why `pin` cannot be a member's PIN (French): only digits and at
// least 6 of them, or a passphrase of at least 10 characters.
std::string pin_problem(std::string_view pin);

// A well-formed MemberPin: "" or the French problem (which field).
std::string member_pin_problem(const MemberPin& pin);

// Derives the key of `pin` under the member's salt and cost (slow by design).
// Throws std::runtime_error (French) when libsodium cannot (memory).
MemberKey derive_member_key(std::string_view pin, const MemberPin& record);

// A new PIN record with a fresh random salt, and its key.
struct NewMemberPin {
  MemberPin record;
  MemberKey key;
};
NewMemberPin new_member_pin(std::string_view pin, PinCost cost);

// Whether `key` is the one `record` describes (a right PIN).
bool key_matches(const MemberKey& key, const MemberPin& record);

// What a confirmation's signature covers: `prev_hash` is the hash of the
// session's audit entry just before the confirmation ("" if none), which
// chains everything decided before it.
std::string confirmation_message(std::string_view prev_hash, std::string_view run_uuid, std::string_view member_uuid,
                                 std::string_view decided_id);
// What a reopening's signature covers: who reopens ("" for the jury) and
// whose PIN signs it (the member named, or the president for the jury).
std::string reopening_message(std::string_view prev_hash, std::string_view run_uuid, std::string_view member_uuid,
                              std::string_view signer_uuid, std::string_view reason);
// What a PIN reset's signature covers (see may_sign_pin_reset for whose).
std::string pin_reset_message(std::string_view prev_hash, std::string_view member_uuid,
                              std::string_view new_public_key);

// Who may replace a member's forgotten PIN, on their own PIN: the
// president for a member, another member for the president (a jury has at
// least two), never the member alone. Either can then confirm in the
// other's name: the reset is in the trail and on the PV for that reason.
inline bool may_sign_pin_reset(JuryRole signer, JuryRole member, bool same_person) {
  return !same_person && (signer == JuryRole::President || member == JuryRole::President);
}

// Hex Ed25519 signature of `message`; and its check against a hex public
// key (false for anything malformed).
std::string sign_with_member_key(const MemberKey& key, std::string_view message);
bool member_signature_holds(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex);

// The keys derived in this app session, so that Argon2id runs once per
// member: a later confirmation by the same member re-checks the PIN typed
// with a fast keyed hash instead. Memory only; a PIN reset changes the salt,
// which drops the old entry.
class MemberKeyCache {
public:
  // The member's key if `pin` is right, otherwise nullopt (a wrong PIN
  // always costs a full derivation).
  std::optional<MemberKey> unlock(const std::string& member_uuid, const MemberPin& record, std::string_view pin);

private:
  struct Entry {
    std::string salt;
    std::array<unsigned char, 32> tag{};
    MemberKey key;
  };
  std::array<unsigned char, 32> tag_of(std::string_view pin, const std::string& salt) const;
  std::map<std::string, Entry> entries_;
  std::array<unsigned char, 32> secret_{};  // random, for the tags
  bool ready_ = false;
};

}  // namespace jurymn
