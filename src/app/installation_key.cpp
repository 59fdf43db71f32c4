// SPDX-License-Identifier: EUPL-1.2
#include "app/installation_key.h"

#include <filesystem>

#include "platform/platform.h"
#include "io/file.h"

namespace jurymn {

namespace fs = std::filesystem;

namespace {

// What the key's path holds when it is not a plain file, said as it is:
// « lisible par d'autres » would send the jury to chmod a folder or a device.
std::string not_a_key_file(const fs::path& file) {
  std::error_code ec;
  const bool link = fs::is_symlink(fs::symlink_status(file, ec));
  const auto target = fs::status(file, ec);
  if (fs::is_regular_file(target)) return {};
  const std::string what = !fs::exists(target)     ? "un fichier absent"
                           : fs::is_directory(target) ? "un dossier"
                                                      : "un périphérique ou un tube, pas un fichier";
  return link ? "est un lien symbolique vers " + what : "est " + what;
}

InstallationKey read_key(const fs::path& file) {
  InstallationKey k;
  k.path = platform::path_text(file);
  if (std::string what = not_a_key_file(file); !what.empty()) {
    k.error = k.path + "\u00A0: la clé de signature " + what + "\u00A0; remettez à sa place le fichier "
              "signing-key.pem de cet ordinateur (depuis sa sauvegarde), ou voyez avec le centre d’examen comment en "
              "enrôler une nouvelle. Rien n’a été signé.";
    return k;
  }
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
  if (!fs::exists(fs::symlink_status(file, ec))) return InstallationKey{{}, {}, platform::path_text(file), false, {}};
  return read_key(file);
}

InstallationKey installation_key(const std::string& dir) {
  const fs::path file = platform::u8path(dir) / "signing-key.pem";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(file, ec))) return read_key(file);
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
