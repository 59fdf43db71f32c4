// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Reading a candidate list as French users really save it: Excel's
// « CSV (séparateur: point-virgule) » (Windows-1252), « CSV UTF-8 » (with
// BOM), LibreOffice (UTF-8, comma or semicolon). Every problem is reported
// with its line so the user can fix the file; importing is all-or-nothing.
#include <string>
#include <string_view>
#include <vector>

#include "core/title.h"
#include "core/validation.h"
#include "io/csv_records.h"

namespace jurymn {

struct CandidateCsv {
  // Candidates read from lines without any problem; `line` is the physical
  // line where the record starts (the header is line 1).
  std::vector<CandidateRow> rows;
  // Every problem, sorted by line. Empty means the whole file is importable.
  std::vector<CsvProblem> problems;
  // "UTF-8", "UTF-8 avec BOM" or "Windows-1252"; "UTF-16" or "" when the
  // file was refused before decoding (spreadsheet, UTF-16, binary).
  std::string encoding;
  char separator = ';';
  // Rows that named no CCP (no CCP column, or an empty cell): they took the
  // default CCPs, which the import must say.
  int rows_without_ccp = 0;
};

// Parses the bytes of a candidate list; CCP and equivalence cells are read
// against the title's CCPs. A row that names no CCP takes `default_ccps`
// (those the jury chose for the file's candidates, less any held by
// equivalence); without them, the title's first CCP it does not hold.
// Never throws on bad input.
CandidateCsv parse_candidate_csv(std::string_view bytes, const Title& title, const CcpSet* default_ccps = nullptr);

// Adds a problem for each row whose number is already in `existing_numbers`
// (the session's candidates), and drops that row from `rows`.
void check_against_existing(CandidateCsv& csv, const std::vector<std::string>& existing_numbers);

// One report line per problem, each ending in a newline:
// "<file>, ligne N : <message>".
std::string format_problems(const CandidateCsv& csv, std::string_view file_name);

// The accepted columns and values, in French, for --help and the README.
std::string candidate_csv_columns_help(const Title& title);

}  // namespace jurymn
