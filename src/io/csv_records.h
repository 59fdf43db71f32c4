// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Reading a CSV file's records with libcsv, each knowing the physical lines
// it spans, quoting errors reported by line. Shared by the candidate list
// import (io/candidate_csv) and the bundle's results.csv read back
// (io/results_table).
#include <string>
#include <string_view>
#include <vector>

namespace jurymn {

struct CsvProblem {
  int line = 0;         // 1-based physical line in the file
  std::string message;  // French, for the user
};

struct CsvRecord {
  int first_line = 0;
  int last_line = 0;
  std::vector<std::string> fields;
};

// Splits on LF, CRLF or a lone CR (old Mac Excel), as libcsv does; each
// line without its terminator.
std::vector<std::string_view> split_csv_lines(std::string_view s);

// The records of `text` (lines as split above, already decoded to UTF-8)
// from line index `first`, fields separated by `separator`, in libcsv's
// strict mode. A misplaced or unclosed quote becomes a problem at its line;
// the lines it spoils are dropped and `lost_records` is set.
std::vector<CsvRecord> read_csv_records(const std::vector<std::string>& text, std::size_t first, char separator,
                                        std::vector<CsvProblem>& problems, bool& lost_records);

}  // namespace jurymn
