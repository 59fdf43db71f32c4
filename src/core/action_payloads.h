// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Each action's audit entry: its id (core/audit_payloads.h, kAuditActions)
// and the payload Store::apply records for it. An action added to `Action`
// without its ActionEntry does not compile: the check at the end says so.
#include <concepts>
#include <type_traits>
#include <variant>

#include "core/audit_payloads.h"
#include "core/actions.h"

namespace jurymn {

// Specialised for every alternative of Action, and only there.
template <class A>
struct ActionEntry;

template <class P, AuditAction Id>
struct FixedEntry {
  using Payload = P;
  template <class A>
  static constexpr AuditAction id(const A&) { return Id; }
};

template <> struct ActionEntry<action::CreateSession> : FixedEntry<payload::CreateSession, AuditAction::CreateSession> {};
template <> struct ActionEntry<action::EditSession> : FixedEntry<payload::EditSession, AuditAction::EditSession> {};
template <> struct ActionEntry<action::AddJuryMember> : FixedEntry<payload::AddJuryMember, AuditAction::AddJuryMember> {};
template <>
struct ActionEntry<action::RemoveJuryMember> : FixedEntry<payload::RemoveJuryMember, AuditAction::RemoveJuryMember> {};
template <> struct ActionEntry<action::AddCandidate> : FixedEntry<payload::AddCandidate, AuditAction::AddCandidate> {};
template <> struct ActionEntry<action::EditCandidate> : FixedEntry<payload::EditCandidate, AuditAction::EditCandidate> {};
template <> struct ActionEntry<action::SetAttendance> : FixedEntry<payload::SetAttendance, AuditAction::SetAttendance> {};
template <>
struct ActionEntry<action::ImportCandidates> : FixedEntry<payload::ImportCandidates, AuditAction::ImportCandidates> {};
template <> struct ActionEntry<action::StartExam> : FixedEntry<payload::StartExam, AuditAction::StartExam> {};
// One action, six ids: the trail names the kind of timer event.
template <>
struct ActionEntry<action::RecordTimerEvent> {
  using Payload = payload::TimerEvent;
  static AuditAction id(const action::RecordTimerEvent& a) { return timer_audit_action(a.kind); }
};
template <> struct ActionEntry<action::DrawSheet> : FixedEntry<payload::SheetDraw, AuditAction::DrawSheet> {};
template <> struct ActionEntry<action::ChooseSheet> : FixedEntry<payload::SheetDraw, AuditAction::ChooseSheet> {};
template <> struct ActionEntry<action::RecordMark> : FixedEntry<payload::RecordMark, AuditAction::RecordMark> {};
template <> struct ActionEntry<action::SetObservation> : FixedEntry<payload::SetObservation, AuditAction::SetObservation> {};
template <>
struct ActionEntry<action::DecideCompetency> : FixedEntry<payload::DecideCompetency, AuditAction::DecideCompetency> {};
template <> struct ActionEntry<action::DecideCcp> : FixedEntry<payload::DecideCcp, AuditAction::DecideCcp> {};
template <>
struct ActionEntry<action::ConfirmDecision> : FixedEntry<payload::ConfirmDecision, AuditAction::ConfirmDecision> {};
template <> struct ActionEntry<action::ReopenDecision> : FixedEntry<payload::ReopenDecision, AuditAction::ReopenDecision> {};
template <> struct ActionEntry<action::SetFeedback> : FixedEntry<payload::SetFeedback, AuditAction::SetFeedback> {};
template <>
struct ActionEntry<action::SetFeedbackAdvice> : FixedEntry<payload::SetFeedbackAdvice, AuditAction::SetFeedbackAdvice> {};
template <>
struct ActionEntry<action::RecordInterruption>
    : FixedEntry<payload::RecordInterruption, AuditAction::RecordInterruption> {};
template <>
struct ActionEntry<action::ResetMemberPin> : FixedEntry<payload::ResetMemberPin, AuditAction::ResetMemberPin> {};
template <> struct ActionEntry<action::MergeBundle> : FixedEntry<payload::MergeBundle, AuditAction::MergeBundle> {};
template <> struct ActionEntry<action::TrustKey> : FixedEntry<payload::TrustKey, AuditAction::TrustKey> {};
template <> struct ActionEntry<action::RevokeKey> : FixedEntry<payload::RevokeKey, AuditAction::RevokeKey> {};
template <> struct ActionEntry<action::CheckPvCode> : FixedEntry<payload::CheckPvCode, AuditAction::CheckPvCode> {};
template <>
struct ActionEntry<action::ConfirmSessionKey>
    : FixedEntry<payload::ConfirmSessionKey, AuditAction::ConfirmSessionKey> {};

template <class A>
concept AuditedAction = requires(const A& a) {
  typename ActionEntry<A>::Payload;
  { ActionEntry<A>::id(a) } -> std::same_as<AuditAction>;
  requires std::is_constructible_v<AuditPayload, typename ActionEntry<A>::Payload>;
};

template <class V>
inline constexpr bool kEveryActionAudited = false;
template <class... A>
inline constexpr bool kEveryActionAudited<std::variant<A...>> = (AuditedAction<A> && ...);

static_assert(kEveryActionAudited<Action>,
              "every alternative of Action needs an ActionEntry (core/action_payloads.h): its audit id and payload");

template <class A>
using PayloadOf = typename ActionEntry<A>::Payload;

template <class A>
AuditAction audit_action_of(const A& a) {
  return ActionEntry<A>::id(a);
}

}  // namespace jurymn
