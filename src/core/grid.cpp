// SPDX-License-Identifier: EUPL-1.2
#include "core/grid.h"

#include <algorithm>

#include "core/text.h"
#include "core/validation.h"

namespace jurymn {
namespace {

const std::string kIdRule = "lettres minuscules sans accent, chiffres, «\u00A0_\u00A0» ou «\u00A0-\u00A0»";

}  // namespace

std::string_view to_id(DecisionKind k) { return words_of(kDecisionKindWords, k).id; }

std::optional<DecisionKind> decision_kind_from_id(std::string_view id) { return value_of_id(kDecisionKindWords, id); }

const RatingLevel* Grid::level(std::string_view level_id) const {
  for (const auto& l : rating_scale)
    if (l.id == level_id) return &l;
  return nullptr;
}

const Competency* Grid::competency(std::string_view competency_id) const {
  for (const auto& c : competencies)
    if (c.id == competency_id) return &c;
  return nullptr;
}

std::size_t Grid::criterion_count() const {
  std::size_t n = 0;
  for (const auto& c : competencies) n += c.criteria.size();
  return n;
}

std::vector<GridProblem> check_grid(const Grid& grid, const ExamPlan* plan, const TitleCcp* title_ccp) {
  const bool ccp_known = title_ccp && title_ccp->id == grid.ccp;
  std::vector<GridProblem> out;
  auto problem = [&](std::string pointer, std::string message) {
    out.push_back({{}, std::move(pointer), std::move(message)});
  };

  // Texts are printed for the candidate and the jury: French typography, the
  // apostrophe is « ’ » (U+2019), never the typewriter « ' ».
  auto typography = [&](const std::string& pointer, const std::string& text) {
    if (text.find('\'') != std::string::npos)
      problem(pointer, "apostrophe droite «\u00A0'\u00A0» dans " + guillemets(text) +
                           "\u00A0: écrivez l’apostrophe typographique «\u00A0’\u00A0».");
  };
  typography("/title", grid.title);
  typography("/note", grid.note);
  for (std::size_t i = 0; i < grid.rating_scale.size(); ++i)
    typography("/rating_scale/" + std::to_string(i) + "/label", grid.rating_scale[i].label);
  for (std::size_t i = 0; i < grid.competencies.size(); ++i) {
    const Competency& c = grid.competencies[i];
    typography("/competencies/" + std::to_string(i) + "/title", c.title);
    for (std::size_t k = 0; k < c.criteria.size(); ++k)
      typography("/competencies/" + std::to_string(i) + "/criteria/" + std::to_string(k) + "/text", c.criteria[k].text);
  }

  if (!is_plan_id(grid.id))
    problem("/id", "l’identifiant de la grille " + guillemets(grid.id) + " doit être fait de " + kIdRule + ".");
  if (trimmed(grid.version).empty()) problem("/version", "la version de la grille ne peut pas être vide.");
  if (trimmed(grid.title).empty()) problem("/title", "le titre de la grille ne peut pas être vide.");
  if (plan && !grid.ccp.empty() && plan->ccp != grid.ccp)
    problem("/ccp", "la grille est celle du " + grid.ccp + " mais le plan d’épreuve " + guillemets(plan->id) +
                        " est celui du " + plan->ccp + ".");

  // Rating scale.
  if (grid.rating_scale.empty()) {
    problem("/rating_scale", "l’échelle de notation doit compter au moins un niveau (par exemple «\u00A0Acquis\u00A0», "
                             "«\u00A0En cours d’acquisition\u00A0», «\u00A0Non observé\u00A0»).");
  } else if (std::none_of(grid.rating_scale.begin(), grid.rating_scale.end(),
                          [](const RatingLevel& l) { return l.acquired; })) {
    problem("/rating_scale", "aucun niveau de l’échelle ne compte comme acquis\u00A0: mettez «\u00A0acquired\u00A0»: true "
                             "sur au moins un niveau.");
  }
  for (std::size_t i = 0; i < grid.rating_scale.size(); ++i) {
    const RatingLevel& l = grid.rating_scale[i];
    const std::string at = "/rating_scale/" + std::to_string(i);
    if (!is_plan_id(l.id)) {
      problem(at + "/id", "l’identifiant de niveau " + guillemets(l.id) + " doit être fait de " + kIdRule + ".");
    } else {
      for (std::size_t j = 0; j < i; ++j)
        if (grid.rating_scale[j].id == l.id)
          problem(at + "/id", "l’identifiant de niveau " + guillemets(l.id) + " est déjà celui du niveau /rating_scale/" +
                                  std::to_string(j) + "\u00A0: chaque niveau doit avoir le sien.");
    }
    if (trimmed(l.label).empty()) problem(at + "/label", "le libellé du niveau ne peut pas être vide.");
    if (l.acquired && !l.evidence)
      problem(at + "/evidence", "un niveau qui compte comme acquis doit reposer sur une observation\u00A0: "
                                "«\u00A0evidence\u00A0» ne peut pas valoir false avec «\u00A0acquired\u00A0»: true.");
  }

  // Competencies and criteria.
  const std::vector<std::string> expected = ccp_known ? title_ccp->competencies : std::vector<std::string>{};
  const std::string& ccp_name = grid.ccp;
  std::string expected_text;
  for (std::size_t i = 0; i < expected.size(); ++i)
    expected_text += (i == 0 ? "" : i + 1 == expected.size() ? " et " : ", ") + expected[i];
  if (grid.competencies.empty())
    problem("/competencies", ccp_known ? "la grille doit compter les compétences " + expected_text + "."
                                       : std::string("la grille doit compter au moins une compétence."));

  struct Seen {
    std::string id;
    std::string pointer;
  };
  std::vector<Seen> criteria_seen;
  for (std::size_t i = 0; i < grid.competencies.size(); ++i) {
    const Competency& c = grid.competencies[i];
    const std::string at = "/competencies/" + std::to_string(i);
    bool duplicate = false;
    for (std::size_t j = 0; j < i; ++j)
      if (grid.competencies[j].id == c.id) {
        duplicate = true;
        problem(at + "/id", "la compétence " + guillemets(c.id) + " est déjà celle de /competencies/" + std::to_string(j) +
                                "\u00A0: chaque compétence ne figure qu’une fois.");
        break;
      }
    if (!duplicate && ccp_known && std::find(expected.begin(), expected.end(), c.id) == expected.end())
      problem(at + "/id", guillemets(c.id) + " n’est pas une compétence du " + ccp_name + "\u00A0: la grille du " +
                              ccp_name + " compte les compétences " + expected_text + ", et elles seules.");
    if (trimmed(c.title).empty()) problem(at + "/title", "le titre de la compétence ne peut pas être vide.");

    const std::size_t n = c.criteria.size();
    if (n == 0)
      problem(at + "/criteria", "la compétence n’a aucun critère\u00A0: indiquez-en de " +
                                    std::to_string(kMinCriteriaPerCompetency) + " à " +
                                    std::to_string(kMaxCriteriaPerCompetency) + ".");
    else if (n < kMinCriteriaPerCompetency)
      problem(at + "/criteria", "la compétence n’a que " + std::to_string(n) + " critère" + (n > 1 ? "s" : "") +
                                    "\u00A0: il en faut au moins " + std::to_string(kMinCriteriaPerCompetency) + ".");
    else if (n > kMaxCriteriaPerCompetency)
      problem(at + "/criteria", "la compétence a " + std::to_string(n) + " critères\u00A0: il en faut au plus " +
                                    std::to_string(kMaxCriteriaPerCompetency) + ".");

    for (std::size_t k = 0; k < n; ++k) {
      const Criterion& cr = c.criteria[k];
      const std::string cat = at + "/criteria/" + std::to_string(k);
      if (!is_plan_id(cr.id)) {
        problem(cat + "/id", "l’identifiant de critère " + guillemets(cr.id) + " doit être fait de " + kIdRule + ".");
      } else {
        auto prev = std::find_if(criteria_seen.begin(), criteria_seen.end(), [&](const Seen& s) { return s.id == cr.id; });
        if (prev != criteria_seen.end())
          problem(cat + "/id", "l’identifiant de critère " + guillemets(cr.id) + " est déjà celui du critère " +
                                   prev->pointer + "\u00A0: chaque critère de la grille doit avoir le sien.");
        else
          criteria_seen.push_back({cr.id, cat});
      }
      if (trimmed(cr.text).empty()) problem(cat + "/text", "le texte du critère ne peut pas être vide.");
      if (cr.stages.empty())
        problem(cat + "/stages", "indiquez au moins une étape de l’épreuve où le jury peut observer ce critère.");
      for (std::size_t s = 0; s < cr.stages.size(); ++s) {
        const std::string& st = cr.stages[s];
        const std::string sat = cat + "/stages/" + std::to_string(s);
        if (std::find(cr.stages.begin(), cr.stages.begin() + static_cast<std::ptrdiff_t>(s), st) !=
            cr.stages.begin() + static_cast<std::ptrdiff_t>(s)) {
          problem(sat, "l’étape " + guillemets(st) + " est en double.");
          continue;
        }
        if (!plan || plan->ccp != grid.ccp) {
          if (!is_plan_id(st))
            problem(sat, "l’identifiant d’étape " + guillemets(st) + " doit être fait de " + kIdRule + ".");
          continue;
        }
        const int si = plan->stage_index(st);
        if (si < 0) {
          std::string ids;
          for (const auto& ps : plan->stages) ids += (ids.empty() ? "" : ", ") + ps.id;
          problem(sat, "aucune étape du plan d’épreuve " + guillemets(plan->id) + " n’a l’identifiant " + guillemets(st) +
                           "\u00A0; étapes possibles\u00A0: " + ids + ".");
        } else if (!plan->stages[static_cast<std::size_t>(si)].jury_present) {
          problem(sat, "le jury n’est pas présent pendant l’étape " +
                           guillemets(plan->stages[static_cast<std::size_t>(si)].label) +
                           "\u00A0: il ne peut pas y observer ce critère.");
        }
      }
    }
  }
  if (ccp_known)
    for (const auto& id : expected)
      if (!grid.competency(id))
        problem("/competencies", "il manque la compétence " + guillemets(id) + " du " + ccp_name + ".");
  return out;
}

// ---- Proposals ----

std::string_view to_id(CompetencyStatus s) { return words_of(kCompetencyStatusWords, s).id; }
std::string_view to_id(CcpOutcome o) { return words_of(kCcpOutcomeWords, o).id; }

std::optional<CompetencyStatus> competency_status_from_id(std::string_view id) {
  return value_of_id(kCompetencyStatusWords, id);
}
std::optional<CcpOutcome> ccp_outcome_from_id(std::string_view id) { return value_of_id(kCcpOutcomeWords, id); }

std::string_view french_label(CompetencyStatus s) { return words_of(kCompetencyStatusWords, s).label; }
std::string_view french_label(CcpOutcome o) { return words_of(kCcpOutcomeWords, o).label; }

CompetencyProposal proposed_competency_status(const std::vector<RatingLevel>& scale,
                                              const std::vector<std::string>& ratings) {
  CompetencyProposal p;
  for (const auto& r : ratings) {
    auto it = std::find_if(scale.begin(), scale.end(), [&](const RatingLevel& l) { return l.id == r; });
    if (r.empty() || it == scale.end()) ++p.unrated;
    else if (!it->evidence) ++p.not_observed;
    else if (it->acquired) ++p.acquired;
    else ++p.not_acquired;
  }
  if (ratings.empty() || p.unrated > 0) p.status = CompetencyStatus::Undecided;
  else if (p.not_acquired > 0 || p.acquired == 0) p.status = CompetencyStatus::NotAcquired;
  else p.status = CompetencyStatus::Acquired;
  return p;
}

CcpOutcome proposed_ccp_outcome(const std::vector<CompetencyStatus>& statuses, const DecisionRule& rule) {
  switch (rule.kind) {
    case DecisionKind::AllCompetenciesAcquired:
      if (statuses.empty()) return CcpOutcome::Undecided;
      if (std::find(statuses.begin(), statuses.end(), CompetencyStatus::Undecided) != statuses.end())
        return CcpOutcome::Undecided;
      return std::all_of(statuses.begin(), statuses.end(),
                         [](CompetencyStatus s) { return s == CompetencyStatus::Acquired; })
                 ? CcpOutcome::Obtained
                 : CcpOutcome::NotObtained;
  }
  return CcpOutcome::Undecided;
}

bool justification_required(const DecisionRule& rule, CcpOutcome proposed, CcpOutcome decided) {
  if (rule.justify_negative && decided == CcpOutcome::NotObtained) return true;
  if (rule.justify_override && proposed != CcpOutcome::Undecided && decided != proposed) return true;
  return false;
}

}  // namespace jurymn
