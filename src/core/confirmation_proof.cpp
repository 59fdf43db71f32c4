// SPDX-License-Identifier: EUPL-1.2
#include "core/confirmation_proof.h"

#include <map>
#include <optional>

#include "core/audit_payloads.h"
#include "core/member_pin.h"

namespace jurymn {

namespace {

struct KnownMember {
  std::string name;
  JuryRole role = JuryRole::Member;
  std::optional<MemberPin> pin;
};

std::string entry_name(const ConfirmationCheck& how, const AuditRecord& e) {
  return how.where + ", entrée n°\u00A0" + std::to_string(e.id) + " du journal (" + e.action + ")\u00A0: ";
}

// An official jury's PIN keys are derived at the interactive cost at least
// (ui: PinCost::interactive); a cheaper record is a key made to be found, or
// written by someone who rewrote the trail with PINs of their own.
void refuse_weak_pin(const ConfirmationCheck& how, SessionKind kind, const AuditRecord& e, const std::string& name,
                     const std::optional<MemberPin>& pin, ConfirmationProofs& out) {
  if (!how.refuse_cheap_keys || kind != SessionKind::Official || !pin ||
      !pin->cost.below_interactive())
    return;
  const auto cost = [](const PinCost& c) {
    return std::to_string(c.ops) + (c.ops > 1 ? " passes et " : " passe et ") +
           (c.mem >= (1u << 20) ? std::to_string(c.mem >> 20) + "\u00A0Mio" : std::to_string(c.mem >> 10) + "\u00A0Kio");
  };
  out.problems.push_back(entry_name(how, e) + "le code de " + name + " est dérivé à un coût trop faible (Argon2id, " +
                         cost(pin->cost) + ", au lieu d’au moins " + cost(PinCost::interactive()) + ")\u00A0: un code de six chiffres se retrouverait en quelques secondes. Un jury "
                         "officiel n’en produit pas (ce coût ne sert qu’aux données générées).");
}

}  // namespace

struct ConfirmationWalk::State {
  ConfirmationCheck how;
  SessionKind kind;
  ConfirmationProofs out;
  std::map<std::string, KnownMember> members;
  std::string prev;  // the hash of the entry before
};

ConfirmationWalk::ConfirmationWalk(ConfirmationCheck how, SessionKind kind)
    : s_(std::make_unique<State>(State{std::move(how), kind, {}, {}, {}})) {}
ConfirmationWalk::~ConfirmationWalk() = default;

void ConfirmationWalk::feed(const AuditRecord& e) {
  const ConfirmationCheck& how = s_->how;
  ConfirmationProofs& out = s_->out;
  auto& members = s_->members;
  const std::string& prev = s_->prev;
  const auto action = audit_action_from_id(e.action);
  // Unreadable payloads are the trail check's to name.
  try {
    if (action == AuditAction::AddJuryMember) {
      auto p = read_payload_as<payload::AddJuryMember>(*action, e.payload);
      refuse_weak_pin(how, s_->kind, e, p.name, p.pin, out);
      members[p.uuid] = {p.name, p.role, p.pin};
    } else if (action == AuditAction::RemoveJuryMember) {
      members.erase(read_payload_as<payload::RemoveJuryMember>(*action, e.payload).uuid);
    } else if (action == AuditAction::ResetMemberPin) {
      auto p = read_payload_as<payload::ResetMemberPin>(*action, e.payload);
      auto m = members.find(p.uuid);
      if (m != members.end()) refuse_weak_pin(how, s_->kind, e, m->second.name, p.pin, out);
      if (m == members.end()) {
        out.problems.push_back(entry_name(how, e) + "le membre " + p.uuid + " n’a pas été ajouté au jury dans le journal.");
      } else if (m->second.pin) {
        auto by = members.find(p.by);
        const bool may_sign = by != members.end() && by->second.pin &&
                              may_sign_pin_reset(by->second.role, m->second.role, p.by == p.uuid);
        if (!may_sign || !member_signature_holds(by->second.pin->public_key,
                                                 pin_reset_message(prev, p.uuid, p.pin.public_key), p.signature))
          out.problems.push_back(entry_name(how, e) + "le nouveau code de " + m->second.name +
                                 (m->second.role == JuryRole::President
                                      ? " ne porte pas la signature du code d’un autre membre du jury"
                                      : " ne porte pas la signature du code du président du jury") +
                                 " (réinitialisation modifiée, déplacée ou écrite sans son code).");
        m->second.pin = p.pin;
      } else {
        m->second.pin = p.pin;  // a first PIN for a member without one
      }
    } else if (action == AuditAction::ConfirmDecision) {
      auto p = read_payload_as<payload::ConfirmDecision>(*action, e.payload);
      auto m = members.find(p.member);
      if (m == members.end()) {
        out.problems.push_back(entry_name(how, e) + "la confirmation est donnée au nom de " + p.member_name +
                               ", qui ne fait pas partie du jury dans le journal.");
      } else if (!m->second.pin) {
        if (!p.signature.empty())
          out.problems.push_back(entry_name(how, e) + "la confirmation de " + m->second.name +
                                 " porte une signature, mais ce membre n’a pas de code dans le journal.");
        ++out.unsigned_confirmations;
      } else if (p.signature.empty() ||
                 !member_signature_holds(m->second.pin->public_key,
                                         confirmation_message(prev, p.run, p.member, to_id(p.decided)),
                                         p.signature)) {
        out.problems.push_back(entry_name(how, e) + "la confirmation de " + m->second.name +
                               (p.signature.empty() ? " n’est pas signée" : " ne porte pas la signature de son code") +
                               " (confirmation modifiée, déplacée vers une autre décision ou écrite sans son code).");
      } else {
        ++out.signed_confirmations;
      }
    }
  } catch (const PayloadError&) {
  }
  s_->prev = e.hash;
}

ConfirmationProofs ConfirmationWalk::finish(const std::vector<JuryMemberRecord>& jury) {
  const ConfirmationCheck& how = s_->how;
  ConfirmationProofs& out = s_->out;
  auto& members = s_->members;
  // The keys results.json lists are those the trail ends with.
  for (std::size_t i = 0; i < jury.size(); ++i) {
    const JuryMemberRecord& j = jury[i];
    auto m = members.find(j.uuid);
    if (m != members.end() && m->second.pin != j.pin)
      out.problems.push_back(how.where + " /jury/" + std::to_string(i) + "/pin\u00A0: le code de " + j.name +
                             " n’est pas celui que le journal lui donne.");
  }
  if (s_->kind == SessionKind::Official && out.unsigned_confirmations > 0)
    out.partial = "preuves partielles\u00A0: " + std::to_string(out.unsigned_confirmations) +
                  (out.unsigned_confirmations > 1 ? " confirmations ne sont pas signées"
                                                  : " confirmation n’est pas signée") +
                  " du code de leur membre (lot antérieur aux codes, ou membre sans code).";
  return std::move(out);
}

ConfirmationProofs check_confirmation_signatures(const ResultsBundle& bundle, const ConfirmationCheck& how) {
  ConfirmationWalk walk(how, bundle.snapshot.session.kind);
  for (const auto& e : bundle.audit_trail) walk.feed(e);
  return walk.finish(bundle.snapshot.jury);
}

}  // namespace jurymn
