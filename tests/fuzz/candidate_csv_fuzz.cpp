// SPDX-License-Identifier: EUPL-1.2
// Fuzz target: a candidate list (CSV), as « Importer des candidats » and
// `jurymn candidates import` read it (app/session_services.cpp):
// parse_candidate_csv on the file's bytes, check_against_existing with the
// session's numbers, then the report of problems.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/candidate_csv.h"

using namespace jurymn;
using fuzz::is_utf8;
using fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CandidateCsv csv = parse_candidate_csv(fuzz::as_text(data, size), fuzz::shipped_title());

  require(std::is_sorted(csv.problems.begin(), csv.problems.end(),
                         [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; }));
  for (const auto& p : csv.problems) require(p.line >= 1 && !p.message.empty() && is_utf8(p.message));
  if (csv.encoding.empty() || csv.encoding == "UTF-16") require(csv.rows.empty() && !csv.problems.empty());

  // Every row returned is importable as it is: valid, already normalised,
  // UTF-8 whatever the file's encoding, and its number unique in the file.
  std::set<std::string> numbers;
  int previous_line = 1;  // the header
  for (const auto& row : csv.rows) {
    require(row.line > previous_line);
    previous_line = row.line;
    CandidateInput again = row.candidate;
    require(validate(again).empty());
    require(again.number == row.candidate.number && again.last_name == row.candidate.last_name &&
            again.first_name == row.candidate.first_name && again.sheets == row.candidate.sheets);
    require(is_utf8(again.number) && is_utf8(again.last_name) && is_utf8(again.first_name));
    for (const auto& s : again.sheets) require(is_utf8(s));
    require(numbers.insert(again.number).second);
  }

  // The session already holds two candidates.
  const std::vector<std::string> existing{"MN-001", "1"};
  const std::size_t rows = csv.rows.size(), problems = csv.problems.size();
  check_against_existing(csv, existing);
  require(csv.rows.size() + (csv.problems.size() - problems) == rows);
  for (const auto& row : csv.rows) require(row.candidate.number != "MN-001" && row.candidate.number != "1");

  const std::string report = format_problems(csv, "candidats.csv");
  require(is_utf8(report) && (report.empty() == csv.problems.empty()));
  return 0;
}
