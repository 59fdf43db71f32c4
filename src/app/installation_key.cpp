#include "app/installation_key.h"

#include <filesystem>

#include "app/platform.h"
#include "io/file.h"

namespace jurymn {

namespace fs = std::filesystem;

namespace {

InstallationKey read_key(const fs::path& file) {
  InstallationKey k;
  k.path = file.string();
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
  const fs::path file = fs::path(dir) / "signing-key.pem";
  std::error_code ec;
  if (!fs::exists(file, ec)) return InstallationKey{{}, {}, file.string(), false, {}};
  return read_key(file);
}

InstallationKey installation_key(const std::string& dir) {
  const fs::path file = fs::path(dir) / "signing-key.pem";
  std::error_code ec;
  if (fs::exists(file, ec)) return read_key(file);
  InstallationKey k;
  k.path = file.string();
  fs::create_directories(dir, ec);
  const SigningKey key = generate_signing_key();
  // Restricted before it takes its final name, so a key file under that
  // name is always the user's alone.
  const std::string tmp = k.path + ".new";
  if (std::string err = write_file_atomic(tmp, private_key_pem(key)); !err.empty()) {
    k.error = err;
    return k;
  }
  if (!platform::make_owner_only(tmp)) {
    fs::remove(tmp, ec);
    k.error = k.path + "\u00A0: impossible de réserver la clé de signature à l’utilisateur.";
    return k;
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    k.error = k.path + "\u00A0: la clé de signature n’a pas pu être enregistrée (" + ec.message() + ").";
    return k;
  }
  write_file_atomic((fs::path(dir) / "public-key.pem").string(), public_key_pem(key.public_key));
  k.key = key;
  k.fingerprint = key_fingerprint(key.public_key);
  k.created = true;
  return k;
}

}  // namespace jurymn
