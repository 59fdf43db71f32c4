// SPDX-License-Identifier: EUPL-1.2
#include "core/deliberation.h"

#include "core/text.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace jurymn {

int Deliberation::disagreements() const {
  int n = 0;
  for (const auto& c : competencies) n += c.disagreements;
  return n;
}

Deliberation review_run(const Grid& grid, const std::vector<JuryMemberRecord>& members, const RunRecord& run) {
  Deliberation d;
  d.rules = run.rules;
  d.decision = &run.decision;
  d.finished = run.finished_at.has_value();
  std::vector<CompetencyStatus> decided, proposed;
  // Per member of the jury, criterion id -> level: one pass over the marks,
  // no key built (a replay reviews the run at every decision).
  std::vector<std::unordered_map<std::string_view, const std::string*>> level_of(members.size());
  for (const auto& mark : run.marks)
    for (std::size_t m = 0; m < members.size(); ++m)
      if (members[m].uuid == mark.member_uuid) level_of[m][mark.criterion_id] = &mark.level_id;
  for (const auto& comp : grid.competencies) {
    CompetencyReview cr;
    cr.competency = &comp;
    std::vector<std::vector<std::string>> ratings(members.size());
    for (const auto& crit : comp.criteria) {
      CriterionReview r;
      r.criterion = &crit;
      for (std::size_t m = 0; m < members.size(); ++m) {
        auto found = level_of[m].find(crit.id);
        std::string level = found == level_of[m].end() ? std::string() : *found->second;
        ratings[m].push_back(level);
        r.levels.push_back(std::move(level));
      }
      // A rating still missing is not a disagreement, only unfinished work.
      for (std::size_t i = 0; i < r.levels.size(); ++i)
        for (std::size_t j = i + 1; j < r.levels.size(); ++j)
          if (!r.levels[i].empty() && !r.levels[j].empty() && r.levels[i] != r.levels[j]) r.disagreement = true;
      if (r.disagreement) ++cr.disagreements;
      cr.criteria.push_back(std::move(r));
    }
    bool unfinished = members.empty();
    for (std::size_t m = 0; m < members.size(); ++m) {
      cr.by_member.push_back(proposed_competency_status(grid.rating_scale, ratings[m]));
      if (cr.by_member.back().status == CompetencyStatus::Undecided) unfinished = true;
    }
    if (!unfinished) {
      cr.proposed = cr.by_member.front().status;
      for (const auto& p : cr.by_member)
        if (p.status != cr.proposed) cr.members_split = true;
      if (cr.members_split) cr.proposed = CompetencyStatus::Undecided;
    }
    for (const auto& dec : run.competency_decisions)
      if (dec.competency_id == comp.id) {
        cr.decided = dec.status;
        cr.reason = dec.reason;
      }
    if (cr.decided != CompetencyStatus::Undecided) ++d.decided_count;
    cr.departs = run.rules >= 2 && cr.decided != CompetencyStatus::Undecided &&
                 cr.proposed != CompetencyStatus::Undecided && cr.decided != cr.proposed;
    decided.push_back(cr.decided);
    // What the marks propose; where they propose nothing (the members
    // split, or the marking is unfinished), what the jury ruled.
    proposed.push_back(cr.proposed != CompetencyStatus::Undecided ? cr.proposed : cr.decided);
    d.competencies.push_back(std::move(cr));
  }
  d.proposed = proposed_ccp_outcome(run.rules >= 2 ? proposed : decided, grid.decision_rule);
  return d;
}

CcpOutcome current_ccp_proposal(const Grid& grid, const std::vector<JuryMemberRecord>& members, const RunRecord& run) {
  if (run.rules >= 2) return review_run(grid, members, run).proposed;
  // Rules 1: the decisions alone (no need for the marks).
  std::vector<CompetencyStatus> decided;
  for (const auto& comp : grid.competencies) {
    CompetencyStatus status = CompetencyStatus::Undecided;
    for (const auto& dec : run.competency_decisions)
      if (dec.competency_id == comp.id) status = dec.status;
    decided.push_back(status);
  }
  return proposed_ccp_outcome(decided, grid.decision_rule);
}

namespace {

std::string undecided_list(const Deliberation& d) {
  std::string ids;
  for (const auto& c : d.competencies)
    if (c.decided == CompetencyStatus::Undecided) ids += (ids.empty() ? "" : ", ") + c.competency->id;
  return ids;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::string justification_reason(const DecisionRule& rule, CcpOutcome proposed, CcpOutcome decided) {
  if (!justification_required(rule, proposed, decided)) return {};
  const bool negative = rule.justify_negative && decided == CcpOutcome::NotObtained;
  const bool departs = rule.justify_override && proposed != CcpOutcome::Undecided && decided != proposed;
  if (negative && departs) return "décision négative, différente de la proposition de la grille";
  if (negative) return "décision négative";
  return "décision différente de la proposition de la grille";
}

std::string ccp_decision_refusal(const Deliberation& d, const DecisionRule& rule, CcpOutcome decided,
                                 std::string_view justification) {
  if (d.decision && d.decision->locked())
    return "Le résultat est verrouillé\u00A0: rouvrez-le, avec un motif, pour changer la décision.";
  if (!d.finished) return "L’épreuve n’est pas terminée\u00A0: terminez la dernière étape avant de décider du CCP.";
  if (decided == CcpOutcome::Undecided) return "Choisissez «\u00A0CCP obtenu\u00A0» ou «\u00A0CCP non obtenu\u00A0».";
  if (!d.all_decided()) return "Décidez d’abord chaque compétence\u00A0; reste à décider\u00A0: " + undecided_list(d) + ".";
  for (const auto& c : d.competencies)
    if (c.departs && blank(c.reason))
      return c.competency->id + " est décidée contre la proposition des notes sans motif écrit\u00A0: décidez-la "
                                "à nouveau en écrivant pourquoi.";
  if (justification_required(rule, d.proposed, decided) && blank(justification))
    return "Une justification écrite est requise (" + justification_reason(rule, d.proposed, decided) + ").";
  return {};
}

std::string competency_decision_refusal(const CompetencyReview& c, CompetencyStatus status, std::string_view reason,
                                        int rules) {
  if (rules < 2 || status == CompetencyStatus::Undecided || c.proposed == CompetencyStatus::Undecided ||
      status == c.proposed || !blank(reason))
    return {};
  const auto word = [](CompetencyStatus s) { return words_of(kCompetencyStatusWords, s).word; };
  return c.competency->id + "\u00A0: les notes des membres proposent " + guillemets(word(c.proposed)) +
         "\u00A0; pour la décider " + guillemets(word(status)) + ", écrivez pourquoi.";
}

std::string confirmation_refusal(const Deliberation& d, const DecisionRule& rule,
                                 const std::vector<JuryMemberRecord>& members, std::string_view member_uuid,
                                 SessionKind kind) {
  const JuryMemberRecord* who = nullptr;
  for (const auto& m : members)
    if (m.uuid == member_uuid) who = &m;
  if (!who) return "Ce membre ne fait pas partie du jury de cette session.";
  if (!d.decision || d.decision->decided == CcpOutcome::Undecided)
    return "Aucune décision n’est enregistrée\u00A0: il n’y a rien à confirmer.";
  if (d.decision->locked()) return "Le résultat est déjà verrouillé.";
  if (std::find(d.decision->confirmed_by.begin(), d.decision->confirmed_by.end(), member_uuid) !=
      d.decision->confirmed_by.end())
    return who->name + " a déjà confirmé cette décision.";
  if (kind == SessionKind::Official && members.size() < 2)
    return "Le jury d’une session officielle compte au moins deux membres\u00A0: ajoutez le second membre avant de "
           "confirmer.";
  // The decision stands on the competency decisions as they are now: one
  // changed since would have cleared the confirmations, but check anyway.
  std::string again = ccp_decision_refusal(d, rule, d.decision->decided, d.decision->justification);
  if (!again.empty()) return again;
  return {};
}

bool confirmation_complete(const std::vector<JuryMemberRecord>& members, const std::vector<std::string>& confirmed_by) {
  if (members.empty()) return false;
  return std::all_of(members.begin(), members.end(), [&](const JuryMemberRecord& m) {
    return std::find(confirmed_by.begin(), confirmed_by.end(), m.uuid) != confirmed_by.end();
  });
}

std::string reopening_refusal(const CcpDecisionRecord& decision, std::string_view reason) {
  if (!decision.locked()) return "Ce résultat n’est pas verrouillé\u00A0: il n’y a rien à rouvrir.";
  if (blank(reason)) return "Indiquez le motif de la réouverture\u00A0: il reste au dossier.";
  return {};
}

std::string unsaved_choice_refusal(const CcpDecisionRecord& saved, CcpOutcome on_screen,
                                   std::string_view justification_on_screen) {
  if (saved.decided == CcpOutcome::Undecided) return "Enregistrez d’abord la décision.";
  if (on_screen != saved.decided && on_screen != CcpOutcome::Undecided)
    return guillemets(french_label(on_screen)) + " est choisi à l’écran mais pas enregistré\u00A0: "
           "enregistrez-le, ou revenez à " + guillemets(french_label(saved.decided)) + ", avant de confirmer.";
  if (justification_on_screen != saved.justification)
    return "La justification à l’écran n’est pas enregistrée\u00A0: enregistrez la décision avant de confirmer.";
  return {};
}

std::string confirm_label(const CcpDecisionRecord& saved, std::string_view member_name) {
  return "Confirmer " + guillemets(french_label(saved.decided)) + " — " + std::string(member_name);
}

std::string agreement_text(std::size_t members, int disagreements) {
  if (members <= 1)
    return "Un seul membre au jury\u00A0: ses notations font la proposition, sans comparaison.";
  const std::string who = members == 2 ? "les deux" : "plusieurs membres";
  if (disagreements <= 0)
    return "Aucun désaccord entre les membres du jury sur les critères notés par " + who + ".";
  const std::string s = disagreements > 1 ? "s" : "";
  return "≠ " + std::to_string(disagreements) + " critère" + s + " noté" + s + " différemment par " +
         (members == 2 ? std::string("les deux membres") : std::string("les membres")) + " du jury (surligné" + s +
         " en orange).";
}

}  // namespace jurymn
