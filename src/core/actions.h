// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Every change of state is one of these named actions: its rule is pure
// (core/session_rules.h); Store::apply writes it with its audit entry, or
// refuses it whole, and the replay applies it to a SessionState.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/domain.h"
#include "core/grid.h"
#include "core/interruption.h"
#include "core/member_pin.h"
#include "core/results_bundle.h"
#include "core/stage_timer.h"
#include "core/validation.h"

namespace jurymn {

namespace action {

struct CreateSession {
  SessionInput session;
};

// Corrects a session's title, date, centre or CCPs. Its kind never
// changes: a mock jury's results must never pass for official ones, nor an
// official record be hidden as a rehearsal. A CCP with runs stays.
struct EditSession {
  std::string session_uuid;
  SessionInput session;
};

// In an official session the member's PIN record (core/member_pin.h) is
// required: the caller derives it from the PIN typed, which never reaches
// the store. A mock jury may do without.
struct AddJuryMember {
  std::string session_uuid;
  JuryMemberInput member;
  std::optional<MemberPin> pin = {};
};

// A member who forgot their PIN sets a new one, on the PIN of who may sign
// it (may_sign_pin_reset: the president, or for the president another
// member), whose key, derived by the caller, signs the reset. A member
// added without a PIN (a mock jury, or before PINs) sets a first one with
// no key.
struct ResetMemberPin {
  std::string member_uuid;
  MemberPin pin;
  std::optional<MemberKey> signer_key = {};
  std::string recorded_signature = {};  // replay only, as for ConfirmDecision
  // Who signs; "" for the president (for the president's own PIN: the
  // first other member with a PIN).
  std::string signer_uuid = {};
};

// Only a member who has marked nothing and confirmed nothing can be removed
// (and so replaced).
struct RemoveJuryMember {
  std::string member_uuid;
};

struct AddCandidate {
  std::string session_uuid;
  CandidateInput candidate;
};

struct EditCandidate {
  std::string candidate_uuid;
  CandidateInput candidate;
};

struct SetAttendance {
  std::string candidate_uuid;
  Attendance attendance = Attendance::Expected;
};

// A candidate list read from a file: all rows or none.
struct ImportCandidates {
  std::string session_uuid;
  std::string source;  // file name, kept in the audit trail
  std::vector<CandidateRow> rows;
};

// Opens the candidate's run of one CCP under the current exam plan and
// marks the candidate present. Stages are then started by timer events.
struct StartExam {
  std::string candidate_uuid;
  CcpId ccp;  // one of the title's, examined by the session, taken by the candidate
  // The deliberation rules of the run: a replay passes those its entry
  // declares; anything else starts under today's (kDeliberationRules).
  int rules = 0;
};

// One timer event of a run; the store stamps it with its clock.
struct RecordTimerEvent {
  std::string run_uuid;
  TimerEventKind kind = TimerEventKind::Start;
  std::string stage_id;  // Start: the stage; otherwise optional
  TimeMs amount_ms = 0;  // Extend
  std::string reason;    // Pause, Extend (required); End (optional)
  // Pause: when Space was pressed (0: now). The pause starts then, though
  // its reason is typed after; the store accepts it up to kMaxPressDelayMs old.
  TimeMs pressed_at = 0;
};
inline constexpr TimeMs kMaxPressDelayMs = 10 * 60'000;

// Random draw of one of the candidate's three session sheets, with the
// operating system's random source. A second draw needs a reason.
struct DrawSheet {
  std::string run_uuid;
  std::string reason;
};

// The jury chooses the sheet instead of drawing it.
struct ChooseSheet {
  std::string run_uuid;
  int index = 0;
  std::string reason;
};

// One jury member rates one criterion of the run's grid; an empty level
// withdraws the rating.
struct RecordMark {
  std::string run_uuid;
  std::string member_uuid;
  std::string criterion_id;
  std::string level_id;
};

// One jury member's free observations on one competency.
struct SetObservation {
  std::string run_uuid;
  std::string member_uuid;
  std::string competency_id;
  std::string text;
};

// The jury's decision on one competency; Undecided withdraws it. Clears
// the confirmations of the CCP decision, which rested on it.
// Against the members' marks (the competency's proposal), a written reason
// is required (competency_decision_refusal).
struct DecideCompetency {
  std::string run_uuid;
  std::string competency_id;
  CompetencyStatus status = CompetencyStatus::Undecided;
  std::string reason = {};
};

// The jury's decision on the CCP, once the run is over and every
// competency is decided; a justification when the grid's rule requires one.
// Replaces any earlier decision and clears its confirmations.
struct DecideCcp {
  std::string run_uuid;
  CcpOutcome outcome = CcpOutcome::Undecided;
  std::string justification;
};

// One jury member confirms the recorded decision; when every member has,
// the result is locked: nothing of the run changes any more.
// A member with a PIN confirms with the key derived from it (held in memory
// only): the store refuses a key that is not the member's (a wrong PIN) and
// records the member's signature of the confirmation.
struct ConfirmDecision {
  std::string run_uuid;
  std::string member_uuid;
  std::optional<MemberKey> key = {};
  // Replay only (RuleContext::replaying): the trail's signature, taken as written;
  // io/confirmation_proof checks it against the original chain.
  std::string recorded_signature = {};
};

// Unlocks a locked result; the reason stays on record.
// In an official session it is signed with a PIN's key: the PIN of the
// member named, or, for « le jury », the president's.
struct ReopenDecision {
  std::string run_uuid;
  std::string reason;
  std::string member_uuid = {};  // who reopens, when one member is named; "" for the jury
  std::optional<MemberKey> key = {};
  // Replay only (RuleContext::replaying): the trail's signature and signer, taken
  // as written.
  std::string recorded_signature = {};
  std::string recorded_signer = {};
};

// Mock jury only, once the jury has decided the CCP: the written feedback
// on one competency, as the jury edits it.
struct SetFeedback {
  std::string run_uuid;
  std::string competency_id;
  std::string strengths;
  std::string improvements;
};

// Mock jury only: the general piece of advice to the candidate.
struct SetFeedbackAdvice {
  std::string run_uuid;
  std::string text;
};

// « Reprise après interruption »: jurymn was stopped or the laptop slept
// while a stage of the run was under way (core/interruption.h). The timer
// is not changed (it counted the gap); the gap goes on record.
struct RecordInterruption {
  std::string run_uuid;
  TimeMs from_ms = 0;
  TimeMs to_ms = 0;
  InterruptionCause cause = InterruptionCause::Restart;
};

// The exam centre merges one verified results bundle (store/merge.h). The
// same bundle twice changes nothing; a rehearsal bundle needs
// include_rehearsal.
struct MergeBundle {
  ResultsBundle bundle;
  std::string digest;  // SHA-256 of results.json: the bundle's identity
  std::string source;  // the folder it came from, for the record
  bool include_rehearsal = false;
  // What the replay of its trail could not prove (ReplayReport::unproven):
  // kept with the bundle, and its official results flagged until the paper
  // PV's code is checked (pv-code check).
  std::vector<std::string> unproven = {};
  // The signed bytes, kept at the centre: results.json to prove its merged
  // records again (audit verify), the jury's PV as « copie du jury, non
  // prouvée » beside the one the centre prints from proved records.
  std::string results_json = {};
  std::string proces_verbal = {};
};

// The exam centre enrols a laptop's signing key (io/signing.h: the
// fingerprint of its public-key.pem): bundles signed with it may then be
// merged. A key already enrolled and not revoked is refused; a revoked key
// may be enrolled again, deliberately.
struct TrustKey {
  std::string fingerprint;  // "21FE 31DF …", 8 groups of 4 hex digits
  std::string name;         // « PC jury 3 »
  std::string by;           // who enrols it
  std::string source;       // the file the key was read from
  bool checked_by_phone = false;  // enrolled while merging (--trust-new-key)
  // Why a revoked key is enrolled again (--again); refused without one.
  std::string again_reason = {};
};

// The centre stops trusting a key.
struct RevokeKey {
  std::string fingerprint;
  std::string by;
};

// The code printed on the paper PV (core/pv_code.h), read by the centre:
// recorded when it matches a head of the session's merged trail, refused
// otherwise.
struct CheckPvCode {
  std::string session_uuid;
  std::string code;
  std::string by;
};

// The centre confirms an enrolled key for a session it did not open (keys
// trust … --session): a jury's second laptop, a backup one.
struct ConfirmSessionKey {
  std::string session_uuid;
  std::string fingerprint;
  std::string by;
};

}  // namespace action

using Action = std::variant<action::CreateSession, action::EditSession, action::AddJuryMember, action::RemoveJuryMember,
                            action::AddCandidate, action::EditCandidate, action::SetAttendance,
                            action::ImportCandidates, action::StartExam, action::RecordTimerEvent,
                            action::DrawSheet, action::ChooseSheet, action::RecordMark,
                            action::SetObservation, action::DecideCompetency, action::DecideCcp,
                            action::ConfirmDecision, action::ReopenDecision, action::MergeBundle, action::SetFeedback,
                            action::SetFeedbackAdvice, action::RecordInterruption, action::ResetMemberPin,
                            action::TrustKey, action::RevokeKey, action::CheckPvCode, action::ConfirmSessionKey>;

// One line of an import that cannot be taken, in French.
struct RowError {
  int line = 0;
  std::string message;
};

}  // namespace jurymn
