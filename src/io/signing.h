// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Ed25519 signatures for exported result bundles. Each installation signs
// results.json with its own key so that an exam centre can check, with
// nothing but openssl, that the file left this installation unaltered:
//
//   openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in results.json -sigfile results.json.sig
//
// Keys are written in the PEM forms openssl reads (PKCS#8 for the private
// key, SubjectPublicKeyInfo for the public key), so a key can be inspected
// or replaced with standard tools. Everything here works on bytes and text:
// where keys live and who may read them is the app's business, not io's.
//
// Every function may throw std::runtime_error (French message) if libsodium
// cannot start; none throws on bad input.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace jurymn {

using PublicKey = std::array<unsigned char, 32>;
using Signature = std::array<unsigned char, 64>;

// Only the 32-byte seed is secret material to store: libsodium's 64-byte
// secret key is derived from it, and PKCS#8 stores the seed too.
struct SigningKey {
  std::array<unsigned char, 32> seed{};
  PublicKey public_key{};
};

// A new key pair from the OS random source (the installation's first use).
SigningKey generate_signing_key();

// The key pair of a known seed: for reading a stored key, and for tests.
SigningKey signing_key_from_seed(const std::array<unsigned char, 32>& seed);

// "-----BEGIN PRIVATE KEY-----": the PKCS#8 DER
// 302e020100300506032b657004220420 followed by the 32 seed bytes.
std::string private_key_pem(const SigningKey& key);

// "-----BEGIN PUBLIC KEY-----": the SubjectPublicKeyInfo DER
// 302a300506032b6570032100 followed by the 32 public key bytes.
std::string public_key_pem(const PublicKey& key);

// Reading is strict, since a key that is almost right is a key someone
// edited: exactly one PEM block (blank lines around it allowed, LF or CRLF),
// canonical base64, and exactly the DER above. On failure `key` is empty
// and `error` is French and names the file, e.g.
// "clé privée illisible (…/signing-key.pem) : le fichier ne commence pas
// par « -----BEGIN PRIVATE KEY----- »."
struct SigningKeyParse {
  std::optional<SigningKey> key;
  std::string error;
};
SigningKeyParse parse_private_key_pem(std::string_view pem, std::string_view file_name);

struct PublicKeyParse {
  std::optional<PublicKey> key;
  std::string error;
};
PublicKeyParse parse_public_key_pem(std::string_view pem, std::string_view file_name);

// The raw 64-byte signature of exactly `bytes` (what results.json.sig holds).
Signature sign_bytes(const SigningKey& key, std::string_view bytes);

// False for a wrong or altered signature, and for any signature whose
// length is not 64 bytes.
bool verify_signature(const PublicKey& key, std::string_view bytes, std::string_view signature);

// What a person reads over the phone to confirm a public key: the first 16
// bytes of SHA-256 over the 32 raw public key bytes (not over the PEM), as
// 8 groups of 4 uppercase hex digits separated by single spaces, e.g.
// "21FE 31DF A154 A261 626B F854 046F D227". An exam centre recomputes it
// from public-key.pem with:
//
//   openssl pkey -pubin -in public-key.pem -outform DER | tail -c 32 | sha256sum
//
// and compares the first 32 hex digits.
std::string key_fingerprint(const PublicKey& key);

// SHA-256 of `bytes` as 64 lowercase hex digits (file digests in bundles).
std::string sha256_hex(std::string_view bytes);

// The same, fed a piece at a time: a bundle's files are hashed as they are
// written or read, never held whole.
class Sha256Stream {
public:
  Sha256Stream();
  void add(std::string_view bytes);
  std::string hex();  // once, at the end

private:
  alignas(16) unsigned char state_[128];
};

}  // namespace jurymn
