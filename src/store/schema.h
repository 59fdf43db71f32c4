// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <sqlite3.h>

#include "core/clock.h"

namespace jurymn::store {

// 'JMN1': marks a file as a jurymn database (PRAGMA application_id).
constexpr int kApplicationId = 0x4A4D4E31;

// The schema version this build writes. Older files are migrated forward
// on open; newer ones are refused.
int latest_schema_version();

// Applies the forward-only migrations from the file's current version up to
// `target` (default: latest), each in its own transaction. Exposed so tests
// can build a database as an earlier release left it. `now` dates what a
// migration records in the audit trail.
void migrate(sqlite3* db, int target = -1, TimeMs now = 0);

}  // namespace jurymn::store
