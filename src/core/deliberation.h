// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The jury's deliberation on one run: what each member's ratings propose,
// where the members disagree, what the grid's rule proposes for the CCP, and
// the rules the jury's decision must follow before it is confirmed and
// locked. Pure: the store applies these rules, the screen shows them.
#include <string>
#include <string_view>
#include <vector>

#include "core/grid.h"
#include "core/records.h"

namespace jurymn {

// The deliberation rules a run is started under, stored with it and
// declared in its start_exam entry, so a trail replays under the rules it
// was written with. 1 (runs started before rules were numbered): the CCP's
// proposal is the grid's rule over the jury's competency decisions, and a
// competency may be decided against the marks without a reason. 2: the
// CCP's proposal is the grid's rule over the marks' proposals, and a
// competency decided against its proposal needs a written reason.
constexpr int kDeliberationRules = 2;

struct CriterionReview {
  const Criterion* criterion = nullptr;
  std::vector<std::string> levels;  // per member, "" when not rated
  bool disagreement = false;        // two members gave different levels
};

struct CompetencyReview {
  const Competency* competency = nullptr;
  std::vector<CriterionReview> criteria;
  std::vector<CompetencyProposal> by_member;  // per member
  // What the ratings propose: the members' common proposal; Undecided while
  // one of them has not finished or when they propose different statuses.
  CompetencyStatus proposed = CompetencyStatus::Undecided;
  bool members_split = false;  // both finished, proposing different statuses
  int disagreements = 0;       // criteria rated differently
  CompetencyStatus decided = CompetencyStatus::Undecided;  // the jury's decision
  std::string reason;  // the jury's reason for deciding against `proposed`
  // Decided against what the marks propose (rules 2 and later; a split
  // proposes nothing, so ruling on it departs from nothing).
  bool departs = false;
};

struct Deliberation {
  std::vector<CompetencyReview> competencies;
  int decided_count = 0;  // competencies the jury has decided
  // The grid's proposal for the CCP. Rules 2: its rule over what the marks
  // propose for each competency (the jury's ruling where they propose
  // nothing: the members split, or the marking is unfinished); rules 1:
  // over the jury's competency decisions.
  CcpOutcome proposed = CcpOutcome::Undecided;
  int rules = 1;  // the run's deliberation rules
  const CcpDecisionRecord* decision = nullptr;
  bool finished = false;  // every stage of the run is over
  int disagreements() const;
  bool all_decided() const { return decided_count == static_cast<int>(competencies.size()); }
};

// `members`: the session's jury in display order; the ratings of anyone else
// are ignored. The returned review points into `grid` and `run`.
Deliberation review_run(const Grid& grid, const std::vector<JuryMemberRecord>& members, const RunRecord& run);

// The grid's proposal for the CCP from the run as it is now (as
// review_run computes it): always derived, never read back from a stored
// decision.
CcpOutcome current_ccp_proposal(const Grid& grid, const std::vector<JuryMemberRecord>& members, const RunRecord& run);

// Why the jury cannot decide `status` on the competency `c` with `reason`
// under `rules`, in French; empty when it can. Rules 2: against the
// marks' proposal, a written reason is required.
std::string competency_decision_refusal(const CompetencyReview& c, CompetencyStatus status, std::string_view reason,
                                        int rules);

// Why the jury cannot record `decided` with `justification` now, in French;
// empty when it can.
std::string ccp_decision_refusal(const Deliberation& d, const DecisionRule& rule, CcpOutcome decided,
                                 std::string_view justification);

// Why `member_uuid` cannot confirm the recorded decision now; empty when it
// can. An official jury has at least two members; a mock jury may be one
// trainer.
std::string confirmation_refusal(const Deliberation& d, const DecisionRule& rule,
                                 const std::vector<JuryMemberRecord>& members, std::string_view member_uuid,
                                 SessionKind kind);

// A confirmation confirms the saved decision, and only it: while the screen
// shows a choice not saved (another outcome, or another justification), no
// confirmation is offered. Why, in French; "" when it can be offered.
std::string unsaved_choice_refusal(const CcpDecisionRecord& saved, CcpOutcome on_screen,
                                   std::string_view justification_on_screen);

// The confirmation button, naming the saved decision it confirms:
// « Confirmer « CCP non obtenu » — Nadia Benali ».
std::string confirm_label(const CcpDecisionRecord& saved, std::string_view member_name);

// What the screen says of the members' ratings, worded by the jury's size:
// one member has nobody to differ from; « par les deux » with two; « par
// plusieurs membres » beyond.
std::string agreement_text(std::size_t members, int disagreements);

// Whether the result locks once `confirmed_by` have confirmed: every member
// of the jury has.
bool confirmation_complete(const std::vector<JuryMemberRecord>& members, const std::vector<std::string>& confirmed_by);

// Why a locked result cannot be reopened with `reason`; empty when it can.
std::string reopening_refusal(const CcpDecisionRecord& decision, std::string_view reason);

// Why justification is needed, for the screen: « décision négative », …
// Empty when none is.
std::string justification_reason(const DecisionRule& rule, CcpOutcome proposed, CcpOutcome decided);

}  // namespace jurymn
