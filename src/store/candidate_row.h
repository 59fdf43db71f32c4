// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The candidate's row in SQLite, its columns following kCandidateFields
// (core/candidate_fields.h): one SELECT list, one reader, one writer, used
// by the store's reads, apply's add, edit and import, and merge's insert.
#include <cstdint>
#include <string>

#include "core/domain.h"
#include "core/validation.h"
#include "store/sqlite.h"

namespace jurymn {
struct Title;
}

namespace jurymn::store {

// The candidate's fields as SELECT expressions over `candidate c`, comma
// separated: what read_candidate_fields() reads, in order.
const std::string& candidate_select_columns();

// Reads the candidate's fields from `s`, starting at column `first`; returns
// the column after them. CCPs come in the title's order.
int read_candidate_fields(const Statement& s, int first, CandidateInput& c, const Title& title);

// Where a new candidate row goes; attendance is the schema's default
// unless a merged bundle says otherwise.
struct NewCandidateRow {
  std::int64_t session_id = 0;
  std::string uuid;
  Attendance attendance = Attendance::Expected;
};

// Writes a candidate's fields and CCPs: into a new row when `row_id` is 0
// (then `place` says where), else into that row. Returns the row's id.
std::int64_t write_candidate_row(sqlite3* db, std::int64_t row_id, const CandidateInput& c,
                                 const NewCandidateRow& place = {});

}  // namespace jurymn::store
