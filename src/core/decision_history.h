// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Every decision the jury took on a CCP, in time order, read from the audit
// trail's typed payloads: each decision with its justification, then what
// followed it (confirmations, the lock, a reopening and its reason, a
// competency change that cleared it). The procès-verbal prints them all,
// the current one last and marked as such.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/grid.h"
#include "core/records.h"

namespace jurymn {

struct DecisionEvent {
  enum class Kind { Confirmed, Locked, Reopened, Cleared };
  Kind kind = Kind::Confirmed;
  TimeMs at = 0;
  std::string who;     // Confirmed, Reopened: the member, or « le jury » (audit_author)
  std::string reason;  // Reopened: its reason; Cleared: the competency that changed
};

struct DecisionEpisode {
  TimeMs decided_at = 0;
  CcpOutcome proposed = CcpOutcome::Undecided;
  CcpOutcome decided = CcpOutcome::Undecided;
  std::string justification;
  std::vector<DecisionEvent> events;  // in time order
  bool current = false;               // the decision in force (the last, unless cleared)
};

// Per run uuid, its decisions in time order. Entries that cannot be read
// are left out (the chain check and the audit screen name them).
using DecisionHistories = std::map<std::string, std::vector<DecisionEpisode>>;
DecisionHistories decision_histories(const std::vector<AuditRecord>& trail);

// A member's forgotten PIN replaced on another's (reset_member_pin with a
// signer; a first PIN is not one): printed with the jury, since whoever
// allowed it could then confirm in that member's name.
struct PinReset {
  TimeMs at = 0;
  std::string member;  // names, as in the trail
  std::string by;
};
std::vector<PinReset> pin_resets(const std::vector<AuditRecord>& trail);

}  // namespace jurymn
