// SPDX-License-Identifier: EUPL-1.2
#include "store/changes.h"

#include <type_traits>
#include <variant>

namespace jurymn {

namespace {

Changed header() {
  Changed c;
  c.session = true;
  return c;
}
// The session's header counts its jury: read again with it.
Changed jury() {
  Changed c;
  c.jury = true;
  c.session = true;
  return c;
}
Changed candidate(const std::string& uuid) {
  Changed c;
  c.candidates.push_back(uuid);
  return c;
}
Changed run(const std::string& uuid) {
  Changed c;
  c.runs.push_back(uuid);
  return c;
}
Changed whole() {
  Changed c;
  c.whole_session = true;
  return c;
}

}  // namespace

// One line per kind of action: a new kind of action that no line names
// fails to compile (the static_assert below).
Changed changes_of(const Action& a, const std::string& created_uuid) {
  return std::visit(
      [&](const auto& x) -> Changed {
        using A = std::decay_t<decltype(x)>;
        namespace ac = action;
        if constexpr (std::is_same_v<A, ac::CreateSession> || std::is_same_v<A, ac::EditSession>) return header();
        else if constexpr (std::is_same_v<A, ac::AddJuryMember> || std::is_same_v<A, ac::ResetMemberPin>) return jury();
        // A member removed takes nothing else with them today, but their
        // name is shown beside every run's marks: the whole session.
        else if constexpr (std::is_same_v<A, ac::RemoveJuryMember>) return whole();
        else if constexpr (std::is_same_v<A, ac::AddCandidate>) return candidate(created_uuid);
        else if constexpr (std::is_same_v<A, ac::EditCandidate> || std::is_same_v<A, ac::SetAttendance>)
          return candidate(x.candidate_uuid);
        else if constexpr (std::is_same_v<A, ac::StartExam>) {
          Changed c = candidate(x.candidate_uuid);
          c.runs.push_back(created_uuid);
          return c;
        } else if constexpr (std::is_same_v<A, ac::RecordTimerEvent> || std::is_same_v<A, ac::DrawSheet> ||
                             std::is_same_v<A, ac::ChooseSheet> || std::is_same_v<A, ac::RecordMark> ||
                             std::is_same_v<A, ac::SetObservation> || std::is_same_v<A, ac::DecideCompetency> ||
                             std::is_same_v<A, ac::DecideCcp> || std::is_same_v<A, ac::ConfirmDecision> ||
                             std::is_same_v<A, ac::ReopenDecision> || std::is_same_v<A, ac::SetFeedback> ||
                             std::is_same_v<A, ac::SetFeedbackAdvice> || std::is_same_v<A, ac::RecordInterruption>)
          return run(x.run_uuid);
        else if constexpr (std::is_same_v<A, ac::ImportCandidates> || std::is_same_v<A, ac::MergeBundle> ||
                           std::is_same_v<A, ac::TrustKey> || std::is_same_v<A, ac::RevokeKey> ||
                           std::is_same_v<A, ac::CheckPvCode> || std::is_same_v<A, ac::ConfirmSessionKey>)
          return whole();
        else static_assert(!sizeof(A), "changes_of: say what this action changes");
      },
      a);
}

void add_changes(Changed& into, const Changed& more) {
  into.whole_session = into.whole_session || more.whole_session;
  into.session = into.session || more.session;
  into.jury = into.jury || more.jury;
  into.candidates.insert(into.candidates.end(), more.candidates.begin(), more.candidates.end());
  into.runs.insert(into.runs.end(), more.runs.begin(), more.runs.end());
}

}  // namespace jurymn
