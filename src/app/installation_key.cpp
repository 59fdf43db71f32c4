// SPDX-License-Identifier: EUPL-1.2
#include "app/installation_key.h"

#include <filesystem>

#include "platform/platform.h"
#include "io/file.h"

namespace jurymn {

namespace fs = std::filesystem;

namespace {

InstallationKey read_key(const fs::path& file) {
  InstallationKey k;
  k.path = platform::path_text(file);
  // A private key others can read may already be copied: it proves nothing.
  if (platform::readable_by_others(k.path)) {
    k.error = k.path + "\u00A0: la clé de signature est lisible par d’autres utilisateurs de cet ordinateur\u00A0; "
                       "réservez-la au vôtre (chmod 600 " + k.path + ") puis recommencez, et signalez-le au centre "
                       "d’examen.";
    return k;
  }
  FileBytes f = read_file(k.path, 64 * 1024);
  if (!f.error.empty()) {
    k.error = f.error;
    return k;
  }
  SigningKeyParse parsed = parse_private_key_pem(f.bytes, k.path);
  if (!parsed.key) {
    k.error = parsed.error + " Ne supprimez pas ce fichier sans l’accord du centre d’examen\u00A0: il identifie cet "
                             "ordinateur.";
    return k;
  }
  k.key = parsed.key;
  k.fingerprint = key_fingerprint(parsed.key->public_key);
  return k;
}

}  // namespace

InstallationKey existing_installation_key(const std::string& dir) {
  const fs::path file = platform::u8path(dir) / "signing-key.pem";
  std::error_code ec;
  if (!fs::exists(file, ec)) return InstallationKey{{}, {}, platform::path_text(file), false, {}};
  return read_key(file);
}

InstallationKey installation_key(const std::string& dir) {
  const fs::path file = platform::u8path(dir) / "signing-key.pem";
  std::error_code ec;
  if (fs::exists(file, ec)) return read_key(file);
  InstallationKey k;
  k.path = platform::path_text(file);
  fs::create_directories(platform::u8path(dir), ec);
  const SigningKey key = generate_signing_key();
  // Owner-only from its creation: no moment when another user could read it.
  if (std::string err = write_file_atomic(k.path, private_key_pem(key), /*owner_only=*/true); !err.empty()) {
    k.error = err;
    return k;
  }
  write_file_atomic(platform::path_text((platform::u8path(dir) / "public-key.pem")), public_key_pem(key.public_key));
  k.key = key;
  k.fingerprint = key_fingerprint(key.public_key);
  k.created = true;
  return k;
}

}  // namespace jurymn
