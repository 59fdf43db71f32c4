// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The installation's signing key: created on first use in the config
// folder, readable by the user only, never overwritten. Its public half and
// fingerprint identify this laptop to the exam centre.
#include <optional>
#include <string>

#include "io/signing.h"

namespace jurymn {

struct InstallationKey {
  std::optional<SigningKey> key;
  std::string fingerprint;
  std::string path;   // of the private key file
  bool created = false;
  std::string error;  // French, names the file
};

// `dir`: where signing-key.pem lives (the config folder by default). A
// damaged key file is reported, not replaced: results signed with it would
// no longer be recognised.
InstallationKey installation_key(const std::string& dir);
// The key if it already exists, without creating one (to show its
// fingerprint).
InstallationKey existing_installation_key(const std::string& dir);

}  // namespace jurymn
