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
