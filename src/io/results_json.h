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
// 5: results.json is a small signed manifest (one line: the session, its
//    title, jury and audit head, and the SHA-256 of every other file); the
//    candidates, the runs and the trail are JSON lines files of their own,
//    one record a line, in a stated order, so that a session of any size is
//    written and checked a line at a time. Formats 4, 3 and 2 (one
//    document) are still read.
constexpr int kResultsFormatVersion = 5;
// The last format of results.json as one document.
constexpr int kSingleDocumentFormatVersion = 4;
inline constexpr std::string_view kResultsFormat = "jurymn-results";

// Format 5's JSON lines files: candidates and runs by uuid, the trail by
// entry id (each strictly increasing).
inline constexpr const char* kCandidatesFile = "candidates.jsonl";
inline constexpr const char* kRunsFile = "runs.jsonl";
inline constexpr const char* kAuditTrailFile = "audit-trail.jsonl";

// The exact bytes of results.json as one document (format 4: what earlier
// versions read). `plans` give each run's stage times as well
// (informative: the events are the record).
std::string results_json(const ResultsBundle& bundle, const std::vector<ExamPlan>& plans);
// The same in two parts, head + tail: the head (everything but the audit
// head and the file digests, which come last) can be written while those
// are still being computed.
std::string results_json_head(const ResultsBundle& bundle, const std::vector<ExamPlan>& plans);
std::string results_json_tail(const ResultsBundle& bundle);

// Format 5: the manifest (results.json, one line ending in '\n'), whose
// "files" are bundle.files; and one line of each JSON lines file (ending in
// '\n'), appended to `out`.
std::string results_manifest(const ResultsBundle& bundle);
void append_candidate_line(std::string& out, const CandidateRecord& candidate, const Title& title);
void append_run_line(std::string& out, const RunRecord& run, const std::vector<ExamPlan>& plans, TimeMs exported_at);
void append_audit_line(std::string& out, const AuditRecord& entry);
// The order of format 5's lines: candidates and runs by uuid (the
// snapshot's own order, the PV's, is left as it is).
std::vector<const CandidateRecord*> candidates_by_uuid(const SessionSnapshot& snapshot);
std::vector<const RunRecord*> runs_by_uuid(const SessionSnapshot& snapshot);

struct ResultsParse {
  std::optional<ResultsBundle> bundle;  // empty when there are problems
  std::vector<PlanProblem> problems;    // file, JSON pointer, French message
};
// Formats 2 to 4: results.json. Format 5: a bundle's records in one text,
// as the centre keeps them (kept_results_text): the manifest's line, then
// each JSON lines file after a line « # name »; each file's digest is
// checked against the manifest.
ResultsParse parse_results_json(std::string_view text, const std::string& file_name);

// A format 5 bundle's records in one text (see parse_results_json).
// `files`: name → bytes of candidates.jsonl, runs.jsonl, audit-trail.jsonl.
std::string kept_results_text(std::string_view manifest, const std::map<std::string, std::string>& files);
// What results.json's digest is computed over in such a text (the
// manifest's line), or the whole text of a single-document format.
std::string_view signed_results_json(std::string_view text);

// Format 5 read a piece at a time, with the same strictness: the manifest,
// then each line of candidates.jsonl, runs.jsonl and audit-trail.jsonl in
// that order. A problem names the file, the line and the JSON pointer.
class ResultsLines {
public:
  ResultsLines();
  ~ResultsLines();
  ResultsLines(const ResultsLines&) = delete;
  ResultsLines& operator=(const ResultsLines&) = delete;
  // False (and problems) when it is not a format 5 manifest, or has problems.
  bool manifest(std::string_view text, const std::string& file_name);
  // The format_version read (2 to 5), or 0 when it is not one.
  int format() const;
  // Title, session, jury, audit head and files, as read from the manifest;
  // the records are the caller's to keep.
  ResultsBundle& head();
  // `line` without its '\n'; `number` from 1. Nothing when it has problems.
  std::optional<CandidateRecord> candidate(std::string_view line, std::int64_t number);
  std::optional<RunRecord> run(std::string_view line, std::int64_t number);
  std::optional<AuditRecord> audit_entry(std::string_view line, std::int64_t number);
  const std::vector<PlanProblem>& problems() const;

private:
  struct State;
  std::unique_ptr<State> s_;
};

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
