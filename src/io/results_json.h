// SPDX-License-Identifier: EUPL-1.2
#pragma once
// results.json: one session's results as the exam centre receives them.
// The format is documented by assets/schemas/results.schema.json; its
// version is kResultsFormatVersion. Times are
// integers, milliseconds since 1970-01-01 UTC.
//
// Reading is strict: a bundle is evidence, so anything unexpected (an
// unknown field, a wrong type, a reference to an unknown member or
// candidate) is a problem named by its JSON pointer, and a bundle with
// problems is refused whole.
#include <cstdint>
#include <memory>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/results_bundle.h"

namespace jurymn {

// 2: the session's audit trail travels with the results ("audit_trail").
// 3: the title travels too ("title": its CCPs, competencies, equivalences);
//    CCPs are lists of the title's ids. Format 2 is still read.
// 4: the title's reference says how many session sheets a draw is made
//    between ("session_sheets"); a candidate's "sheets" and a draw's
//    "titles" list that many. Formats 3 and 2 (three sheets) are still read.
constexpr int kResultsFormatVersion = 4;
inline constexpr std::string_view kResultsFormat = "jurymn-results";

// The exact bytes of results.json. `plans` give each run's stage times as
// well (informative: the events are the record).
std::string results_json(const ResultsBundle& bundle, const std::vector<ExamPlan>& plans);
// The same in two parts, head + tail: the head (everything but the audit
// head and the file digests, which come last) can be written while those
// are still being computed.
std::string results_json_head(const ResultsBundle& bundle, const std::vector<ExamPlan>& plans);
std::string results_json_tail(const ResultsBundle& bundle);

struct ResultsParse {
  std::optional<ResultsBundle> bundle;  // empty when there are problems
  std::vector<PlanProblem> problems;    // file, JSON pointer, French message
};
ResultsParse parse_results_json(std::string_view text, const std::string& file_name);

// results.csv: one row per candidate and CCP they are registered for (and
// CCP1 held by equivalence),
// ';'-separated, UTF-8 with a BOM and CRLF line ends so that a French
// spreadsheet opens it as is. Times are in the exporting computer's local
// time; the bundle protects the file through its digest in results.json.
std::string results_csv(const ResultsBundle& bundle);

// The same table for several sessions (the centre's consolidated view);
// `conflicts` adds a column naming the competing decision of a conflict.
struct CsvConflict {
  std::string run_uuid;
  std::string text;  // French, e.g. « autre décision : CCP non obtenu (bundle …) »
};
// `paper_checks` fills the column « PV papier »: was the paper PV checked
// against the merged trail. Keyed by run uuid (the PV of the laptop the
// run's decision came from) or, for rows without one, by session uuid.
// `proofs` (session uuid → text) fills « Preuves »: complete, or partial
// until a paper PV confirms them (store/replay.h). `awaiting_paper` (run
// uuids): decisions that do not count yet — the centre requires the paper
// PV's code (merge --require-pv-code) and it is not checked; their cell says
// so and names the decision transmitted, which a filter on « CCP obtenu »
// then does not count. `computers` fills « Ordinateurs », keyed like
// `paper_checks` by candidate uuid, else session uuid: the keys that served
// the session, and a candidate only a key not confirmed for it carried.
std::string results_csv(const std::vector<SessionSnapshot>& sessions, const std::vector<CsvConflict>& conflicts,
                        const std::map<std::string, std::string>& paper_checks = {},
                        const std::map<std::string, std::string>& proofs = {},
                        const std::set<std::string>& awaiting_paper = {},
                        const std::map<std::string, std::string>& computers = {});



}  // namespace jurymn
