// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What a session holds once recorded: plain data, read from the store and
// written by the exports (procès-verbal, results bundle). No SQLite here, so
// that io can render and the core can reason about a record.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"
#include "core/grid.h"
#include "core/interruption.h"
#include "core/member_pin.h"
#include "core/sheet_draw.h"
#include "core/stage_timer.h"
#include "core/title.h"
#include "core/validation.h"

namespace jurymn {

struct SessionRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::string title;
  std::string date;
  std::string exam_centre;
  SessionKind kind = SessionKind::Official;
  CcpSet ccps;
  TimeMs created_at = 0;
  int candidate_count = 0;
  int jury_count = 0;
};

struct JuryMemberRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::string name;
  JuryRole role = JuryRole::Member;
  // What is kept of the member's PIN; none in a mock jury without PINs, or
  // for a member added before PINs existed.
  std::optional<MemberPin> pin = {};
  bool feminine = false;  // named « Présidente », by the member's choice
};

struct CandidateRecord {
  std::int64_t id = 0;
  std::string uuid;
  CandidateInput data;
  Attendance attendance = Attendance::Expected;
};

// One jury member's rating of one criterion.
struct MarkRecord {
  std::string member_uuid;
  std::string criterion_id;
  std::string level_id;
  TimeMs at = 0;
};

struct ObservationRecord {
  std::string member_uuid;
  std::string competency_id;
  std::string text;
  TimeMs at = 0;
};

// The jury's decision on one competency (never Undecided once recorded).
struct CompetencyDecisionRecord {
  std::string competency_id;
  CompetencyStatus status = CompetencyStatus::Undecided;
  TimeMs at = 0;
  // Why the jury decided against the members' marks ("" when it did not,
  // or under the rules before such a reason was required).
  std::string reason = {};
};

// A locked result reopened: when, by whom (the actor of the action), why.
struct ReopeningRecord {
  TimeMs at = 0;
  std::string actor;
  std::string reason;
};

// The jury's decision on the CCP, its confirmations and its lock.
struct CcpDecisionRecord {
  CcpOutcome proposed = CcpOutcome::Undecided;  // the grid's proposal when the jury decided
  CcpOutcome decided = CcpOutcome::Undecided;
  std::string justification;
  std::vector<std::string> confirmed_by;  // member uuids, in order of confirmation
  std::optional<TimeMs> decided_at;
  std::optional<TimeMs> locked_at;
  std::vector<ReopeningRecord> reopenings;
  bool locked() const { return locked_at.has_value(); }
};

// « Reprise après interruption »: a gap of the laptop during the run.
struct InterruptionRecord {
  TimeMs from = 0;
  TimeMs to = 0;
  InterruptionCause cause = InterruptionCause::Restart;
};

// Mock jury only: the written feedback on one competency, as the jury
// edited it (the draft of core/feedback.h until then).
struct FeedbackRecord {
  std::string competency_id;
  std::string strengths;     // « Points forts »
  std::string improvements;  // « Axes de progrès »
  TimeMs at = 0;
};

// One candidate's run of one CCP.
struct RunRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::string candidate_uuid;
  CcpId ccp;  // the title's CCP it is for
  std::string plan_id;
  std::string plan_version;
  TimeMs started_at = 0;
  std::optional<TimeMs> finished_at;
  std::string grid_id;  // the grid the run is marked with, fixed at its start
  std::string grid_version;
  // The deliberation rules the run was started under (core/deliberation.h:
  // kDeliberationRules); 1 for runs started before rules were numbered.
  int rules = 1;
  std::vector<TimerEvent> events;
  std::vector<SheetDraw> draws;
  std::vector<MarkRecord> marks;
  std::vector<ObservationRecord> observations;
  std::vector<CompetencyDecisionRecord> competency_decisions;
  CcpDecisionRecord decision;
  std::vector<FeedbackRecord> feedback;  // mock jury: edited competencies only
  std::string advice;                    // mock jury: the general piece of advice
  std::vector<InterruptionRecord> interruptions;
};

struct AuditRecord {
  std::int64_t id = 0;
  TimeMs at_ms = 0;
  std::string actor;
  std::string action;
  std::string candidate_uuid;  // empty when the entry is not about one candidate
  std::string payload;         // JSON of the action
  // The chain (core/audit_trail.h): the previous entry's hash in the same
  // session ("" for the first) and this entry's own.
  std::string prev_hash;
  std::string hash;
};

// Everything one session holds, for the procès-verbal and the exports.
struct SessionSnapshot {
  Title title;  // the title the session certifies: its CCPs, competencies, equivalences
  SessionRecord session;
  std::vector<JuryMemberRecord> jury;
  std::vector<CandidateRecord> candidates;
  std::vector<RunRecord> runs;
};

// The plan and grid a run was started with, among those loaded; nullptr
// when that version is not here.
const ExamPlan* plan_of_run(const std::vector<ExamPlan>& plans, const RunRecord& run);
const Grid* grid_of_run(const std::vector<Grid>& grids, const RunRecord& run);

// Why the session sheet of `run` can no longer be drawn again or chosen, in
// French; "" while it can. A finished exam keeps the sheet it was run on: the
// store refuses, the exam screen does not offer « Nouveau tirage ».
std::string sheet_change_refusal(const RunRecord& run);

}  // namespace jurymn
