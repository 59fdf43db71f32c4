// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Export of a session's results as a signed bundle, and its checking: the
// glue between the store, the bundle format and the installation key.
#include <string>

#include "core/clock.h"
#include "store/store.h"

namespace jurymn {

struct ExportOutcome {
  bool ok = false;
  std::string summary;  // French, one line
  std::string fingerprint;
};

// Writes the bundle of `session` into `out_dir`, signed with the key kept
// in `key_dir` (created on first use).
ExportOutcome export_session(const Store& store, const std::string& session, const std::string& out_dir,
                             const std::string& key_dir, TimeMs now);

}  // namespace jurymn
