// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Each action's rule, pure: what it needs, what it refuses, what it changes.
//
// A rule takes the *slice* of the session it is judged against (the run's
// record, its plan and grid, the member, the jury…), the action and the
// context (time, actor, uuids, randomness), and returns the change to make —
// the payload its audit entry records, which says every row it writes — or
// throws a Refusal in French. It changes nothing itself: Store::apply loads
// the slice from SQLite and writes the change in one transaction with its
// entry (store/apply.cpp); the replay builds the slice from a SessionState
// in memory and applies the change there (core/session_state.h). One rule,
// two places it is applied: what a trail proves is what the store did.
//
// Refusals are thrown rather than returned: a rule checks in the order the
// jury reads its messages, and a slice getter (a run not found, a clock set
// back) refuses with the same type before the rule is reached.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/action_payloads.h"
#include "core/actions.h"
#include "core/deliberation.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"
#include "core/rules.h"
#include "core/sheet_draw.h"
#include "core/title.h"

namespace jurymn {

// An action refused: nothing of it is kept.
struct Refusal {
  std::string error;
  FieldErrors fields;
  std::vector<RowError> rows;
  bool unchanged = false;  // nothing to do rather than wrong (ApplyResult::unchanged)
};

// What every rule may read besides its slice.
struct RuleContext {
  TimeMs now = 0;          // the store's clock; the entry's time in a replay
  std::string_view actor;  // who acts (the audit entry's actor)
  const Title* title = nullptr;
  // A replay: the trail's signatures are taken as written, and a run starts
  // under the rules its entry declares.
  bool replaying = false;
  // The uuid of what the action creates: random, or the trail's in a replay.
  std::function<std::string()> new_uuid;
  RandomSource* random = nullptr;  // a draw's; the trail's recorded draw in a replay
  // The digest of the session's last audit entry: what a PIN signature
  // chains to. Asked only when a member signs with their key.
  std::function<std::string()> audit_head;
};

// The newest version for `ccp` (versions compare as dotted numbers, "1.10"
// after "1.9"): the plan and grid a new run starts under. Null when none.
const ExamPlan* newest_for_ccp(const std::vector<ExamPlan>& plans, std::string_view ccp);
const Grid* newest_for_ccp(const std::vector<Grid>& grids, std::string_view ccp);

// Why `ccps` (and `by_equivalence`) are not all the title's, in French; "".
std::string unknown_ccp_problem(const Title& title, const CcpSet& ccps, const CcpSet& by_equivalence = {});

// ------------------------------------------------------------ refusals shared by the slice getters

[[noreturn]] void refuse_session_not_found(const std::string& uuid);
[[noreturn]] void refuse_candidate_not_found(const std::string& uuid);
[[noreturn]] void refuse_member_not_found(const std::string& uuid);
[[noreturn]] void refuse_run_not_found(const std::string& uuid);
[[noreturn]] void refuse_member_not_in_jury();

// ------------------------------------------------------------ slices

// A run as a rule sees it: its record (header only, or whole with events,
// draws, marks and decisions) and its plan. Made by run_slice, which
// refuses a clock set back before the run's start and a plan not here.
struct RunSlice {
  const RunRecord* record = nullptr;
  const ExamPlan* plan = nullptr;
};
RunSlice run_slice(const RunRecord& record, const ExamPlan* plan, TimeMs now);

// A mark or an observation: the run's header, its grid, the member (who
// must be of the session's jury) and whether the result is locked.
struct MarkingSlice {
  RunSlice run;
  const Grid* grid = nullptr;
  std::string member_name;
  std::string previous_level;  // RecordMark: the member's level of the criterion before ("" none)
};
// Refuses in the order the store always did: a grid not here, a member not
// of the jury (`member_name` null), a locked result.
MarkingSlice marking_slice(RunSlice run, const Grid* grid, const std::string* member_name, bool locked);

// A decision: the whole run with its grid, the session's jury (presidents
// first, then by order of addition) and kind, and the review the screen shows.
struct DeliberationSlice {
  RunSlice run;
  const Grid* grid = nullptr;
  const std::vector<JuryMemberRecord>* jury = nullptr;
  SessionKind kind = SessionKind::Official;
  Deliberation review;
  int rules = kCurrentRules;  // the session's rules in force (core/rules.h)
  // ConfirmDecision: the first text still being typed for the run (a draft
  // field, store/drafts), which a lock would lose; "" when none. Drafts are
  // never in a trail: a replay has none.
  std::string pending_draft;
};
// Refuses a grid not here.
DeliberationSlice deliberation_slice(RunSlice run, const Grid* grid, const std::vector<JuryMemberRecord>& jury,
                                     SessionKind kind);

// Mock-jury feedback: the run and its grid (null when not here), in a
// session of `kind`. Refuses what feedback_refusal refuses.
struct FeedbackSlice {
  RunSlice run;
  const Grid* grid = nullptr;
};
FeedbackSlice feedback_slice(RunSlice run, const Grid* grid, SessionKind kind);

// A reopening: the run whole, the session's kind and jury.
struct ReopeningSlice {
  RunSlice run;
  SessionKind kind = SessionKind::Official;
  const std::vector<JuryMemberRecord>* jury = nullptr;
};

// A run started: the candidate, the session's CCPs, whether the candidate
// already has a run of the CCP, the plan and grid it starts under (today's
// for the CCP; the entry's in a replay).
struct StartSlice {
  const CandidateRecord* candidate = nullptr;
  CcpSet session_ccps;
  bool already_started = false;
  const ExamPlan* plan = nullptr;
  const Grid* grid = nullptr;
};

struct SessionSlice {
  const SessionRecord* session = nullptr;
  CcpSet ccps_with_runs;  // EditSession: the CCPs some run of the session is of
};

struct JurySlice {
  SessionKind kind = SessionKind::Official;
  int rules = kCurrentRules;  // the session's rules in force
  const std::vector<JuryMemberRecord>* jury = nullptr;  // presidents first
};

struct MemberSlice {
  const JuryMemberRecord* member = nullptr;
  bool has_evaluated = false;  // RemoveJuryMember: a mark or an observation of theirs
  bool ever_confirmed = false;  // RemoveJuryMember: a confirmation of theirs in the trail
  const std::vector<JuryMemberRecord>* jury = nullptr;  // ResetMemberPin: presidents first
};

struct CandidateSlice {
  const CandidateRecord* candidate = nullptr;  // null for a new candidate
  // Is this number used in the session by another candidate than `candidate`?
  std::function<bool(const std::string& number)> number_taken;
  std::vector<CcpId> run_ccps;  // EditCandidate: the CCPs of the candidate's runs
  bool has_run = false;         // SetAttendance: a run of the candidate started
};

// ------------------------------------------------------------ rules

payload::CreateSession rule(const action::CreateSession& a, const RuleContext& ctx);
payload::EditSession rule(const action::EditSession& a, const SessionSlice& s, const RuleContext& ctx);
payload::AddJuryMember rule(const action::AddJuryMember& a, const JurySlice& s, const RuleContext& ctx);
payload::RemoveJuryMember rule(const action::RemoveJuryMember& a, const MemberSlice& s);
payload::ResetMemberPin rule(const action::ResetMemberPin& a, const MemberSlice& s, const RuleContext& ctx);
payload::AddCandidate rule(const action::AddCandidate& a, const CandidateSlice& s, const RuleContext& ctx);
payload::EditCandidate rule(const action::EditCandidate& a, const CandidateSlice& s, const RuleContext& ctx);
payload::SetAttendance rule(const action::SetAttendance& a, const CandidateSlice& s);
payload::ImportCandidates rule(const action::ImportCandidates& a, const std::set<std::string>& numbers_in_session,
                               const RuleContext& ctx);

payload::StartExam rule(const action::StartExam& a, const StartSlice& s, const RuleContext& ctx);

// A timer event: the event as recorded (stamped, its stage named) and
// whether it finishes the run.
struct TimerChange {
  payload::TimerEvent payload;
  TimerEvent event;
  bool finishes_run = false;
};
TimerChange rule(const action::RecordTimerEvent& a, const RunSlice& run, const RuleContext& ctx);

struct DrawChange {
  payload::SheetDraw payload;
  SheetDraw draw;
};
DrawChange rule(const action::DrawSheet& a, const RunSlice& run, const SessionSheetTitles& sheets,
                const RuleContext& ctx);
DrawChange rule(const action::ChooseSheet& a, const RunSlice& run, const SessionSheetTitles& sheets,
                const RuleContext& ctx);

payload::RecordMark rule(const action::RecordMark& a, const MarkingSlice& m);
payload::SetObservation rule(const action::SetObservation& a, const MarkingSlice& m);

payload::DecideCompetency rule(const action::DecideCompetency& a, const DeliberationSlice& d);
payload::DecideCcp rule(const action::DecideCcp& a, const DeliberationSlice& d);
payload::ConfirmDecision rule(const action::ConfirmDecision& a, const DeliberationSlice& d, const RuleContext& ctx);

// A reopening, and the actor its own row names (the member who reopened,
// when named; the entry's actor otherwise).
struct ReopenChange {
  payload::ReopenDecision payload;
  std::string actor;
};
ReopenChange rule(const action::ReopenDecision& a, const ReopeningSlice& r, const RuleContext& ctx);

payload::RecordInterruption rule(const action::RecordInterruption& a, const RunSlice& run, const RuleContext& ctx);
payload::SetFeedback rule(const action::SetFeedback& a, const FeedbackSlice& f);
payload::SetFeedbackAdvice rule(const action::SetFeedbackAdvice& a, const FeedbackSlice& f);

// The jury in the order its records are read (presidents first, then by
// order of addition): the order the rules pick a signer in.
void order_jury(std::vector<JuryMemberRecord>& jury);

}  // namespace jurymn
