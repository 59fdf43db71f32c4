// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <string>

#include "core/clock.h"

namespace jurymn {

class Store;

struct BackupResult {
  std::string path;   // the copy made, when ok
  std::string error;  // French, empty when ok
};

// Copies the open database into `dir` as jurymn-YYYY-MM-DDTHH-MM-SSZ.db
// (SQLite backup API, consistent even while in use) and keeps only the
// `keep` newest copies there.
BackupResult make_dated_backup(const Store& store, const std::string& dir, TimeMs now, int keep = 10);

}  // namespace jurymn

namespace jurymn {

// « Copier la base… »: a consistent copy (SQLite backup API) of the open
// database to `dest`, a new file in an existing folder. Refuses an empty
// path, a missing folder, an existing file or folder (never overwritten,
// the base itself included) with a French message; a failed copy leaves
// no file behind.
BackupResult copy_database(const Store& store, const std::string& dest);

// The copy's suggested name: `folder`/jurymn-copie-AAAA-MM-JJ.db (local day).
std::string default_copy_path(const std::string& folder, TimeMs now);

}  // namespace jurymn
