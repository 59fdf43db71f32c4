// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What each audit entry records, typed: one struct per kind of entry, its
// fields listed once (audit_payloads.cpp, core/field_list.h), and one writer
// and one reader of JSON for every list. The writer (store/apply.cpp),
// the audit screen's summaries (core/audit_trail.cpp), the reopenings'
// migration and the bundle check (io/audit_records.cpp) all go through here,
// so a renamed key cannot silently weaken what reads it.
//
// The text is hashed into the audit chain: keys and values must stay what
// they were (nlohmann's objects write their keys sorted, as they always
// did). A key is added, never renamed; a reader ignores keys it does not
// know, so a newer jurymn's bundle still verifies here.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"
#include "core/grid.h"
#include "core/interruption.h"
#include "core/member_pin.h"
#include "core/sheet_draw.h"
#include "core/stage_timer.h"
#include "core/validation.h"

namespace jurymn {

// Every action id the trail holds. The order is kAuditActions' order.
enum class AuditAction {
  CreateSession,
  EditSession,
  AddJuryMember,
  RemoveJuryMember,
  AddCandidate,
  EditCandidate,
  SetAttendance,
  ImportCandidates,
  StartExam,
  StartStage,
  PauseStage,
  ResumeStage,
  ExtendStage,
  EndStage,
  NextStage,
  TimerEvent,  // a timer event of no known kind; never written by this version
  DrawSheet,
  ChooseSheet,
  RecordMark,
  SetObservation,
  DecideCompetency,
  DecideCcp,
  ConfirmDecision,
  ReopenDecision,
  SetFeedback,
  SetFeedbackAdvice,
  MergeBundle,
  RecordInterruption,
  ResetMemberPin,
  TrustKey,
  RevokeKey,
  CheckPvCode,
  ChainAuditTrail,  // written by the version 6 schema upgrade, not by an action
  DeclareRules,     // the rules in force from here on (core/rules.h): at creation, at an upgrade
  ConfirmSessionKey,
};

struct AuditActionId {
  AuditAction action;
  std::string_view id;  // stable snake_case, as written in audit_entry.action
  // Taken by the jury as a body (a decision, a reopening): when its entry
  // names no member, its author is « le jury » (audit_author).
  bool by_jury = false;
};

inline constexpr AuditActionId kAuditActions[] = {
    {AuditAction::CreateSession, "create_session"},
    {AuditAction::EditSession, "edit_session"},
    {AuditAction::AddJuryMember, "add_jury_member"},
    {AuditAction::RemoveJuryMember, "remove_jury_member"},
    {AuditAction::AddCandidate, "add_candidate"},
    {AuditAction::EditCandidate, "edit_candidate"},
    {AuditAction::SetAttendance, "set_attendance"},
    {AuditAction::ImportCandidates, "import_candidates"},
    {AuditAction::StartExam, "start_exam"},
    {AuditAction::StartStage, "start_stage"},
    {AuditAction::PauseStage, "pause_stage"},
    {AuditAction::ResumeStage, "resume_stage"},
    {AuditAction::ExtendStage, "extend_stage"},
    {AuditAction::EndStage, "end_stage"},
    {AuditAction::NextStage, "next_stage"},
    {AuditAction::TimerEvent, "timer_event"},
    {AuditAction::DrawSheet, "draw_sheet"},
    {AuditAction::ChooseSheet, "choose_sheet"},
    {AuditAction::RecordMark, "record_mark"},
    {AuditAction::SetObservation, "set_observation"},
    {AuditAction::DecideCompetency, "decide_competency", true},
    {AuditAction::DecideCcp, "decide_ccp", true},
    {AuditAction::ConfirmDecision, "confirm_decision"},
    {AuditAction::ReopenDecision, "reopen_decision", true},
    {AuditAction::SetFeedback, "set_feedback"},
    {AuditAction::SetFeedbackAdvice, "set_feedback_advice"},
    {AuditAction::MergeBundle, "merge_bundle"},
    {AuditAction::RecordInterruption, "record_interruption"},
    {AuditAction::ResetMemberPin, "reset_member_pin"},
    {AuditAction::TrustKey, "trust_key"},
    {AuditAction::RevokeKey, "revoke_key"},
    {AuditAction::CheckPvCode, "check_pv_code"},
    {AuditAction::ChainAuditTrail, "chain_audit_trail"},
    {AuditAction::DeclareRules, "declare_rules"},
    {AuditAction::ConfirmSessionKey, "confirm_session_key"},
};

inline constexpr std::size_t kAuditActionCount = std::size(kAuditActions);

constexpr bool audit_action_table_holds() {
  for (std::size_t i = 0; i < kAuditActionCount; ++i) {
    if (static_cast<std::size_t>(kAuditActions[i].action) != i || kAuditActions[i].id.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (kAuditActions[j].id == kAuditActions[i].id) return false;
  }
  return static_cast<std::size_t>(AuditAction::ConfirmSessionKey) + 1 == kAuditActionCount;  // the last
}
static_assert(audit_action_table_holds(), "kAuditActions: one distinct id per AuditAction, in enum order");

constexpr std::string_view audit_action_id(AuditAction a) { return kAuditActions[static_cast<std::size_t>(a)].id; }
constexpr std::optional<AuditAction> audit_action_from_id(std::string_view id) {
  for (const auto& a : kAuditActions)
    if (a.id == id) return a.action;
  return std::nullopt;
}

// The action a timer event is written as: "pause_stage" for a pause.
AuditAction timer_audit_action(TimerEventKind kind);

// A payload that is not what its action writes: `pointer` names the key
// (JSON pointer, e.g. "/before/title"; "" for the whole payload).
class PayloadError : public std::runtime_error {
public:
  PayloadError(std::string pointer, const std::string& message);
  const std::string& pointer() const { return pointer_; }

private:
  std::string pointer_;
};

namespace payload {

// A session's fields as an entry records them.
struct SessionFields {
  std::string title;
  std::string date;
  std::string exam_centre;
  SessionKind kind = SessionKind::Official;
  CcpSet ccps;
  bool operator==(const SessionFields&) const = default;
};

// A candidate's fields as an entry records them: the candidate's own
// (kCandidateFields) and how an older entry wrote its equivalence.
struct CandidateFields : CandidateInput {
  // Read from an entry written before titles were data, where the only
  // equivalence was a flag (kLegacyEquivalenceKey): written back the same way.
  bool legacy_equivalence_flag = false;
  bool operator==(const CandidateFields&) const = default;
};

struct CreateSession {
  std::string uuid;
  SessionFields session;  // at the payload's top level, beside uuid
  bool operator==(const CreateSession&) const = default;
};

struct EditSession {
  std::string uuid;
  SessionFields session;  // after the edit, at the top level
  // Before the edit; the kind never changes, so it is not repeated.
  struct Before {
    std::string title;
    std::string date;
    std::string exam_centre;
    CcpSet ccps;
    bool operator==(const Before&) const = default;
  } before;
  bool operator==(const EditSession&) const = default;
};

struct AddJuryMember {
  std::string uuid;
  std::string name;
  JuryRole role = JuryRole::Member;
  // "pin": salt, cost and public key of the member's PIN (core/member_pin.h);
  // absent without one.
  std::optional<MemberPin> pin = {};
  bool feminine = false;  // "feminine": true; absent when false (as every entry before it)
  bool operator==(const AddJuryMember&) const = default;
};

struct RemoveJuryMember {
  std::string uuid;
  std::string name;
  bool operator==(const RemoveJuryMember&) const = default;
};

struct AddCandidate {
  std::string uuid;
  CandidateFields candidate;  // at the top level, beside uuid
  bool operator==(const AddCandidate&) const = default;
};

struct EditCandidate {
  std::string uuid;
  CandidateFields before;
  CandidateFields after;
  bool operator==(const EditCandidate&) const = default;
};

struct SetAttendance {
  std::string uuid;
  Attendance before = Attendance::Expected;
  Attendance after = Attendance::Expected;
  bool operator==(const SetAttendance&) const = default;
};

struct ImportCandidates {
  struct Imported {
    std::string uuid;
    CandidateFields candidate;
    bool operator==(const Imported&) const = default;
  };
  std::string source;  // file name
  std::uint64_t count = 0;
  std::vector<Imported> candidates;
  bool operator==(const ImportCandidates&) const = default;
};

struct StartExam {
  struct Version {
    std::string id;
    std::string version;
    bool operator==(const Version&) const = default;
  };
  std::string run;
  std::string candidate;
  CcpId ccp;
  Version plan;                 // "plan", "plan_version"
  std::optional<Version> grid;  // "grid", "grid_version"; absent when no grid was loaded
  Attendance attendance_before = Attendance::Expected;
  int rules = 1;  // "rules", absent for 1 (core/deliberation.h: kDeliberationRules)
  bool operator==(const StartExam&) const = default;
};

// Any timer event (start_stage, pause_stage…).
struct TimerEvent {
  std::string run;
  TimerEventKind event = TimerEventKind::Start;
  std::string stage;       // the stage acted on
  TimeMs amount_ms = 0;    // Extend; absent when 0
  std::string reason;      // absent when empty
  // When the key was pressed, if earlier than the entry (a pause starts at
  // Space, its reason is typed after); absent when 0.
  TimeMs pressed_at = 0;
  bool operator==(const TimerEvent&) const = default;
};

// A draw or a choice of session sheet (draw_sheet, choose_sheet).
struct SheetDraw {
  std::string run;
  SessionSheetTitles titles;
  int chosen = 0;  // 0 to 2
  std::string chosen_title;
  DrawMethod method = DrawMethod::Random;
  std::string reason;  // absent when empty
  bool operator==(const SheetDraw&) const = default;
};

struct RecordMark {
  std::string run;
  std::string member;
  std::string member_name;
  std::string criterion;
  std::string level;   // "" when withdrawn
  std::string before;  // "" when none
  bool operator==(const RecordMark&) const = default;
};

struct SetObservation {
  std::string run;
  std::string member;
  std::string member_name;
  std::string competency;
  std::string text;
  bool operator==(const SetObservation&) const = default;
};

struct DecideCompetency {
  std::string run;
  std::string competency;
  CompetencyStatus status = CompetencyStatus::Undecided;
  CompetencyStatus before = CompetencyStatus::Undecided;
  // The CCP decision this change cleared (it stood on the old status);
  // absent when undecided.
  CcpOutcome cleared = CcpOutcome::Undecided;
  std::string reason = {};  // why against the marks' proposal; absent when empty
  bool operator==(const DecideCompetency&) const = default;
};

struct DecideCcp {
  std::string run;
  CcpOutcome proposed = CcpOutcome::Undecided;
  CcpOutcome decided = CcpOutcome::Undecided;
  std::string justification;
  std::map<std::string, CompetencyStatus> competencies;  // as the jury decided them
  CcpOutcome before = CcpOutcome::Undecided;
  bool operator==(const DecideCcp&) const = default;
};

struct ConfirmDecision {
  std::string run;
  std::string member;
  std::string member_name;
  CcpOutcome decided = CcpOutcome::Undecided;
  bool locked = false;  // this confirmation completed the jury's
  // The member's hex signature of confirmation_message (core/member_pin.h)
  // over the previous entry's hash; absent without a PIN.
  std::string signature = {};
  bool operator==(const ConfirmDecision&) const = default;
};

struct ReopenDecision {
  std::string run;
  std::string reason;
  // The member who reopened, when one is named ("member", "member_name");
  // absent otherwise, as in every entry before them: then « le jury ».
  std::string member;
  std::string member_name;
  CcpOutcome decided = CcpOutcome::Undecided;
  TimeMs locked_at = 0;  // when the reopened result had been locked
  // Official sessions: whose PIN signed it ("signed_by": the member named,
  // or the president for the jury) and the signature (core/member_pin.h:
  // reopening_message); absent in entries written before.
  std::string signed_by = {};
  std::string signature = {};
  bool operator==(const ReopenDecision&) const = default;
};

struct SetFeedback {
  std::string run;
  std::string competency;
  std::string strengths;
  std::string improvements;
  bool operator==(const SetFeedback&) const = default;
};

struct SetFeedbackAdvice {
  std::string run;
  std::string advice;
  bool operator==(const SetFeedbackAdvice&) const = default;
};

struct MergeBundle {
  // Two different final decisions on one run, both kept.
  struct Conflict {
    std::string candidate;  // the candidate's number
    CcpId ccp;
    CcpOutcome held = CcpOutcome::Undecided;    // the centre's
    CcpOutcome bundle = CcpOutcome::Undecided;  // the bundle's
    bool operator==(const Conflict&) const = default;
  };
  std::string digest;
  std::string source;
  std::string session;
  std::string key_fingerprint;
  TimeMs exported_at = 0;
  std::string audit_digest;
  std::int64_t candidates_added = 0;
  std::int64_t runs_added = 0;
  std::int64_t marks_added = 0;
  std::int64_t marks_updated = 0;
  std::int64_t decisions_added = 0;
  std::vector<Conflict> conflicts;
  // The same key's earlier bundle of the session whose trail this one
  // extends (its digest), and by how many entries; absent when none.
  std::string supersedes = {};
  std::int64_t entries_after = 0;
  // Runs whose decision this bundle changed (reopened and decided again
  // on the laptop after the earlier bundle); absent when none.
  struct Redecided {
    std::string candidate;  // the candidate's number
    CcpId ccp;
    CcpOutcome before = CcpOutcome::Undecided;
    CcpOutcome after = CcpOutcome::Undecided;
    bool operator==(const Redecided&) const = default;
  };
  std::vector<Redecided> redecided = {};
  // What the replay of the bundle's trail could not prove (« preuves
  // partielles », store/replay.h), one line each; absent when nothing.
  std::vector<std::string> unproven = {};
  bool operator==(const MergeBundle&) const = default;
};

// The exam centre enrols a laptop's signing key: its bundles may be merged.
struct TrustKey {
  std::string fingerprint;
  std::string name;         // « PC jury 3 »
  std::string enrolled_by;  // who enrolled it
  std::string source;       // the public key's file (or bundle folder)
  // Enrolled while merging (--trust-new-key), the fingerprint checked by
  // phone with the jury rather than before exam day.
  bool checked_by_phone = false;
  // Why a key revoked earlier is enrolled again; absent otherwise.
  std::string again = {};
  bool operator==(const TrustKey&) const = default;
};

// The centre stops trusting a key: its bundles are refused from now on
// (those already merged stay, on record).
struct RevokeKey {
  std::string fingerprint;
  std::string name;
  std::string revoked_by;
  bool operator==(const RevokeKey&) const = default;
};

// The centre confirms that an enrolled key serves a session besides the
// key of its first bundle (a jury's second laptop): what only that key's
// bundles carry is no longer « ajouté par un autre ordinateur ».
struct ConfirmSessionKey {
  std::string fingerprint;
  std::string name;     // the key's, as enrolled
  std::string session;  // uuid
  std::string confirmed_by;
  bool operator==(const ConfirmSessionKey&) const = default;
};

// The paper PV's code matched a head of the session's merged trail.
struct CheckPvCode {
  std::string code;          // as printed, groups of 4
  std::string head;          // the head hash it matched
  std::string key_fingerprint;  // the key whose bundle holds that head
  std::int64_t entry = 0;    // the head's position in that trail (1-based)
  std::int64_t entries_after = 0;  // entries merged after it
  std::string checked_by;
  bool operator==(const CheckPvCode&) const = default;
};

// A run resumed after an interruption of the laptop (core/interruption.h).
struct RecordInterruption {
  std::string run;
  TimeMs from_ms = 0;  // last sign of life
  TimeMs to_ms = 0;    // back
  InterruptionCause cause = InterruptionCause::Restart;
  bool operator==(const RecordInterruption&) const = default;
};

// A forgotten PIN replaced, on the PIN of `by` (the president, or another
// member for the president's: may_sign_pin_reset): `signature` is by's of
// pin_reset_message (core/member_pin.h) over the previous entry's hash.
struct ResetMemberPin {
  std::string uuid;  // the member
  std::string name;
  std::string by;  // who signed it
  std::string by_name;
  MemberPin pin;  // the new one
  std::string signature;
  bool operator==(const ResetMemberPin&) const = default;
};

struct ChainAuditTrail {
  std::int64_t entries = 0;  // entries chained
  std::string head;
  int schema_version = 0;
  bool operator==(const ChainAuditTrail&) const = default;
};

// The rules' version (core/rules.h) the session's next entries are written
// under: written when the session is created and when its database is
// upgraded by a build with newer rules.
struct DeclareRules {
  int rules = 0;
  bool operator==(const DeclareRules&) const = default;
};

}  // namespace payload

// One alternative per payload struct, in AuditAction's order of first use.
using AuditPayload =
    std::variant<payload::CreateSession, payload::EditSession, payload::AddJuryMember, payload::RemoveJuryMember,
                 payload::AddCandidate, payload::EditCandidate, payload::SetAttendance, payload::ImportCandidates,
                 payload::StartExam, payload::TimerEvent, payload::SheetDraw, payload::RecordMark,
                 payload::SetObservation, payload::DecideCompetency, payload::DecideCcp, payload::ConfirmDecision,
                 payload::ReopenDecision, payload::SetFeedback, payload::SetFeedbackAdvice, payload::MergeBundle,
                 payload::RecordInterruption, payload::ResetMemberPin, payload::TrustKey, payload::RevokeKey,
                 payload::CheckPvCode, payload::ChainAuditTrail, payload::DeclareRules,
                 payload::ConfirmSessionKey>;

// Who took an action, in one wording for the audit screen and the PV: the
// member its payload names; else « le jury » for what the jury decides as a
// body (AuditActionId::by_jury); else "" (the caller says how it was done).
inline constexpr std::string_view kJuryAuthor = "le jury";
std::string audit_author(AuditAction action, const AuditPayload& p);

// The payload's text, as the audit entry stores and hashes it.
std::string payload_text(const AuditPayload& p);

// Reads the payload of an entry of `action`. Throws PayloadError, naming the
// key, when a key is missing, of the wrong type or holds an unknown value.
AuditPayload read_payload(AuditAction action, std::string_view text);

// Reads the payload of one kind; throws PayloadError also when `action`
// writes another kind of payload.
template <class P>
P read_payload_as(AuditAction action, std::string_view text) {
  AuditPayload p = read_payload(action, text);
  if (auto* q = std::get_if<P>(&p)) return std::move(*q);
  throw PayloadError("", "cette entrée ne porte pas ce genre de contenu");
}

}  // namespace jurymn
