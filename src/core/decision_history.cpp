// SPDX-License-Identifier: EUPL-1.2
#include "core/decision_history.h"

#include <variant>

#include "core/audit_payloads.h"

namespace jurymn {

DecisionHistories decision_histories(const std::vector<AuditRecord>& trail) {
  DecisionHistories out;
  auto add_event = [&](const std::string& run, DecisionEvent ev) {
    auto it = out.find(run);
    if (it == out.end() || it->second.empty()) return;  // nothing decided yet: nothing to attach it to
    it->second.back().events.push_back(std::move(ev));
  };
  for (const AuditRecord& e : trail) {
    const auto action = audit_action_from_id(e.action);
    if (!action) continue;
    if (*action != AuditAction::DecideCcp && *action != AuditAction::ConfirmDecision &&
        *action != AuditAction::ReopenDecision && *action != AuditAction::DecideCompetency)
      continue;
    AuditPayload p;
    try {
      p = read_payload(*action, e.payload);
    } catch (const PayloadError&) {
      continue;
    }
    const std::string who = audit_author(*action, p);
    if (const auto* d = std::get_if<payload::DecideCcp>(&p)) {
      auto& episodes = out[d->run];
      if (d->decided == CcpOutcome::Undecided) {
        // A decision withdrawn: the one before no longer stands.
        if (!episodes.empty()) episodes.back().events.push_back({DecisionEvent::Kind::Cleared, e.at_ms, who, ""});
        continue;
      }
      episodes.push_back({e.at_ms, d->proposed, d->decided, d->justification, {}, false});
    } else if (const auto* c = std::get_if<payload::ConfirmDecision>(&p)) {
      add_event(c->run, {DecisionEvent::Kind::Confirmed, e.at_ms, who, ""});
      if (c->locked) add_event(c->run, {DecisionEvent::Kind::Locked, e.at_ms, "", ""});
    } else if (const auto* r = std::get_if<payload::ReopenDecision>(&p)) {
      add_event(r->run, {DecisionEvent::Kind::Reopened, e.at_ms, who, r->reason});
    } else if (const auto* k = std::get_if<payload::DecideCompetency>(&p)) {
      // The store cleared the CCP decision, which stood on the old status.
      if (k->cleared != CcpOutcome::Undecided)
        add_event(k->run, {DecisionEvent::Kind::Cleared, e.at_ms, who, k->competency});
    }
  }
  for (auto& [run, episodes] : out) {
    if (episodes.empty()) continue;
    auto& last = episodes.back();
    last.current = last.events.empty() || last.events.back().kind != DecisionEvent::Kind::Cleared;
  }
  return out;
}

std::vector<PinReset> pin_resets(const std::vector<AuditRecord>& trail) {
  std::vector<PinReset> out;
  for (const AuditRecord& e : trail) {
    if (audit_action_from_id(e.action) != AuditAction::ResetMemberPin) continue;
    try {
      const auto p = read_payload_as<payload::ResetMemberPin>(AuditAction::ResetMemberPin, e.payload);
      if (!p.by.empty()) out.push_back({e.at_ms, p.name, p.by_name});
    } catch (const PayloadError&) {
    }
  }
  return out;
}

}  // namespace jurymn
