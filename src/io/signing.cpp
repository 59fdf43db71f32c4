// SPDX-License-Identifier: EUPL-1.2
#include "io/signing.h"

#include "core/text.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace jurymn {
namespace {

static_assert(crypto_sign_SEEDBYTES == 32 && crypto_sign_PUBLICKEYBYTES == 32);
static_assert(crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_BYTES == 64);
static_assert(crypto_hash_sha256_BYTES == 32);

// The fixed DER around an Ed25519 key (RFC 8410): everything but the key
// bytes is constant, so writing and checking is a byte comparison.
constexpr std::array<unsigned char, 16> kPrivatePrefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                                          0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
constexpr std::array<unsigned char, 12> kPublicPrefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                         0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
// Where the algorithm's OID (06 03 2b 65 70 = 1.3.101.112) sits in each.
constexpr std::size_t kPrivateOidAt = 7;
constexpr std::size_t kPublicOidAt = 4;

constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t kPemLine = 64;

void ensure_sodium() {
  // sodium_init is safe to call from several threads; the static calls it once.
  static const int status = sodium_init();
  if (status < 0)
    throw std::runtime_error(
        "La bibliothèque de chiffrement (libsodium) n’a pas pu démarrer\u00A0: "
        "impossible de signer ou de vérifier des résultats.");
}

// libsodium takes byte pointers; an empty view may have a null data().
const unsigned char* bytes_of(std::string_view s) {
  static const unsigned char kNone = 0;
  return s.empty() ? &kNone : reinterpret_cast<const unsigned char*>(s.data());
}

std::string hex(const unsigned char* data, std::size_t n, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0x0F];
  }
  return out;
}

// A line worth quoting back to the user: short, plain ASCII.
bool quotable(std::string_view line) {
  return line.size() <= 80 && std::all_of(line.begin(), line.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

std::string pem(std::string_view label, const unsigned char* der, std::size_t n) {
  std::string b64(sodium_base64_encoded_len(n, kBase64), '\0');
  sodium_bin2base64(b64.data(), b64.size(), der, n, kBase64);
  b64.pop_back();  // the terminating NUL
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += kPemLine) {
    out.append(b64, i, kPemLine);
    out += '\n';
  }
  out += "-----END " + std::string(label) + "-----\n";
  return out;
}

// The DER inside the single PEM block labelled `label`; on failure, a
// French reason (without the file name) in `error`. `other_label` is the
// block a user may confuse it with (the other half of the key pair).
struct Der {
  std::vector<unsigned char> bytes;
  std::string error;
};

Der read_pem(std::string_view text, std::string_view label, std::string_view other_label,
             std::string_view other_what) {
  const std::string begin = "-----BEGIN " + std::string(label) + "-----";
  const std::string end = "-----END " + std::string(label) + "-----";

  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t nl = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, nl - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    at = nl + 1;
  }
  std::size_t i = 0;
  while (i < lines.size() && lines[i].empty()) ++i;
  if (i == lines.size()) return {{}, "le fichier est vide."};

  if (lines[i] != begin) {
    if (lines[i] == "-----BEGIN " + std::string(other_label) + "-----")
      return {{}, "ce fichier contient " + std::string(other_what) + "."};
    if (lines[i].starts_with("-----BEGIN ") && quotable(lines[i]))
      return {{}, "première ligne " + guillemets(lines[i]) + ", attendu " + guillemets(begin) + "."};
    return {{}, "le fichier ne commence pas par " + guillemets(begin) + "."};
  }

  std::string b64;
  for (++i; i < lines.size() && lines[i] != end; ++i) {
    if (lines[i].starts_with("-----"))
      return {{}, (quotable(lines[i]) ? "ligne " + guillemets(lines[i]) : std::string("ligne inattendue")) +
                      " au lieu de " + guillemets(end) + "."};
    b64 += lines[i];
  }
  if (i == lines.size()) return {{}, "la ligne de fin " + guillemets(end) + " manque."};
  for (++i; i < lines.size(); ++i)
    if (!lines[i].empty()) return {{}, "texte après " + guillemets(end) + " (une seule clé attendue)."};
  if (b64.empty()) return {{}, "aucun contenu entre " + guillemets(begin) + " et " + guillemets(end) + "."};

  Der der;
  der.bytes.resize(b64.size() / 4 * 3 + 3);
  std::size_t n = 0;
  const char* stop = nullptr;
  if (sodium_base642bin(der.bytes.data(), der.bytes.size(), b64.data(), b64.size(), nullptr, &n, &stop, kBase64) != 0 ||
      stop != b64.data() + b64.size()) {
    sodium_memzero(der.bytes.data(), der.bytes.size());
    return {{}, "le contenu n’est pas du base64 valide."};
  }
  der.bytes.resize(n);
  return der;
}

// Why `der` is not the expected Ed25519 structure, or "" if it is.
std::string check_der(const std::vector<unsigned char>& der, const unsigned char* prefix, std::size_t prefix_size,
                      std::size_t oid_at, std::string_view what) {
  const std::size_t expected = prefix_size + 32;
  const bool ed_family = der.size() > oid_at + 4 && der[oid_at] == 0x06 && der[oid_at + 1] == 0x03 &&
                         der[oid_at + 2] == 0x2b && der[oid_at + 3] == 0x65;
  if (ed_family && der[oid_at + 4] != 0x70)
    return "l’algorithme de la clé n’est pas Ed25519.";
  if (der.size() != expected)
    return "ce n’est pas " + std::string(what) + " Ed25519 (" + std::to_string(der.size()) + " octets au lieu de " +
           std::to_string(expected) + ").";
  if (!std::equal(prefix, prefix + prefix_size, der.begin()))
    return "ce n’est pas " + std::string(what) + " Ed25519 (structure inattendue).";
  return {};
}

}  // namespace

SigningKey signing_key_from_seed(const std::array<unsigned char, 32>& seed) {
  ensure_sodium();
  SigningKey key;
  key.seed = seed;
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret;
  crypto_sign_seed_keypair(key.public_key.data(), secret.data(), seed.data());
  sodium_memzero(secret.data(), secret.size());
  return key;
}

SigningKey generate_signing_key() {
  ensure_sodium();
  // crypto_sign_keypair does exactly this: a random seed, then the pair.
  std::array<unsigned char, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  SigningKey key = signing_key_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

std::string private_key_pem(const SigningKey& key) {
  std::array<unsigned char, kPrivatePrefix.size() + 32> der;
  std::copy(kPrivatePrefix.begin(), kPrivatePrefix.end(), der.begin());
  std::copy(key.seed.begin(), key.seed.end(), der.begin() + kPrivatePrefix.size());
  std::string text = pem("PRIVATE KEY", der.data(), der.size());
  sodium_memzero(der.data(), der.size());
  return text;
}

std::string public_key_pem(const PublicKey& key) {
  std::array<unsigned char, kPublicPrefix.size() + 32> der;
  std::copy(kPublicPrefix.begin(), kPublicPrefix.end(), der.begin());
  std::copy(key.begin(), key.end(), der.begin() + kPublicPrefix.size());
  return pem("PUBLIC KEY", der.data(), der.size());
}

SigningKeyParse parse_private_key_pem(std::string_view text, std::string_view file_name) {
  const std::string prefix = "clé privée illisible (" + std::string(file_name) + ")\u00A0: ";
  Der der = read_pem(text, "PRIVATE KEY", "PUBLIC KEY", "une clé publique, pas la clé privée");
  if (!der.error.empty()) return {std::nullopt, prefix + der.error};
  std::string why = check_der(der.bytes, kPrivatePrefix.data(), kPrivatePrefix.size(), kPrivateOidAt, "une clé privée");
  SigningKeyParse parse;
  if (why.empty()) {
    std::array<unsigned char, 32> seed;
    std::copy(der.bytes.end() - 32, der.bytes.end(), seed.begin());
    parse.key = signing_key_from_seed(seed);
    sodium_memzero(seed.data(), seed.size());
  } else {
    parse.error = prefix + why;
  }
  sodium_memzero(der.bytes.data(), der.bytes.size());
  return parse;
}

PublicKeyParse parse_public_key_pem(std::string_view text, std::string_view file_name) {
  const std::string prefix = "clé publique illisible (" + std::string(file_name) + ")\u00A0: ";
  Der der = read_pem(text, "PUBLIC KEY", "PRIVATE KEY", "une clé privée, pas la clé publique");
  if (!der.error.empty()) return {std::nullopt, prefix + der.error};
  std::string why = check_der(der.bytes, kPublicPrefix.data(), kPublicPrefix.size(), kPublicOidAt, "une clé publique");
  if (!why.empty()) return {std::nullopt, prefix + why};
  PublicKey key;
  std::copy(der.bytes.end() - 32, der.bytes.end(), key.begin());
  return {key, {}};
}

Signature sign_bytes(const SigningKey& key, std::string_view bytes) {
  ensure_sodium();
  std::array<unsigned char, 32> public_key;
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret;
  crypto_sign_seed_keypair(public_key.data(), secret.data(), key.seed.data());
  Signature signature;
  crypto_sign_detached(signature.data(), nullptr, bytes_of(bytes), bytes.size(), secret.data());
  sodium_memzero(secret.data(), secret.size());
  return signature;
}

bool verify_signature(const PublicKey& key, std::string_view bytes, std::string_view signature) {
  ensure_sodium();
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(bytes_of(signature), bytes_of(bytes), bytes.size(), key.data()) == 0;
}

std::string key_fingerprint(const PublicKey& key) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), key.data(), key.size());
  std::string digits = hex(digest.data(), 16, true);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); i += 4) {
    if (!out.empty()) out += ' ';
    out.append(digits, i, 4);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), bytes_of(bytes), bytes.size());
  return hex(digest.data(), digest.size(), false);
}

static_assert(sizeof(crypto_hash_sha256_state) <= 128 && alignof(crypto_hash_sha256_state) <= 16);

Sha256Stream::Sha256Stream() {
  ensure_sodium();
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

void Sha256Stream::add(std::string_view bytes) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_), bytes_of(bytes), bytes.size());
}

std::string Sha256Stream::hex() {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), digest.data());
  return jurymn::hex(digest.data(), digest.size(), false);
}

}  // namespace jurymn
