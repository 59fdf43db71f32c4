// SPDX-License-Identifier: EUPL-1.2
#include "core/title.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "core/validation.h"

namespace jurymn {

const TitleCcp* Title::ccp(std::string_view id) const {
  for (const auto& c : ccps)
    if (c.id == id) return &c;
  return nullptr;
}

std::size_t Title::rank(std::string_view id) const {
  for (std::size_t i = 0; i < ccps.size(); ++i)
    if (ccps[i].id == id) return i;
  return ccps.size();
}

const Equivalence* Title::equivalence_for(std::string_view ccp_id) const {
  for (const auto& e : equivalences)
    if (e.grants == ccp_id) return &e;
  return nullptr;
}

const TitleCcp* Title::ccp_of_competency(std::string_view competency_id) const {
  for (const auto& c : ccps)
    if (std::find(c.competencies.begin(), c.competencies.end(), competency_id) != c.competencies.end()) return &c;
  return nullptr;
}

std::string Title::display_name() const {
  if (code.empty()) return name;
  return name + " (" + code + ")";
}

int Title::session_sheet_count() const {
  int n = 0;
  for (const auto& c : ccps)
    if (!c.reference.draw_before_stage.empty()) n = std::max(n, c.reference.session_sheets);
  // A title that fixes no draw (format 2's) leaves it to the plans, which drew between three.
  return n > 0 ? n : kDefaultSessionSheets;
}

int session_sheets_for(const Title* title, std::string_view ccp) {
  const TitleCcp* c = title ? title->ccp(ccp) : nullptr;
  return c && c->reference.session_sheets > 0 ? c->reference.session_sheets : kDefaultSessionSheets;
}

CcpSet Title::all_ccps() const {
  CcpSet s;
  for (const auto& c : ccps) s.add(c.id);
  return s;
}

CcpSet Title::ordered(const CcpSet& s) const {
  CcpSet out;
  for (const auto& c : ccps)
    if (s.has(c.id)) out.add(c.id);
  for (const auto& id : s.ids) out.add(id);
  return out;
}

namespace {

}  // namespace

std::vector<PlanProblem> check_title(const Title& t) {
  std::vector<PlanProblem> out;
  auto problem = [&](std::string pointer, std::string message) {
    out.push_back({{}, std::move(pointer), std::move(message)});
  };
  if (trimmed(t.code).empty()) problem("/code", "le code du titre (par exemple «\u00A0TP-01336\u00A0») ne peut pas être vide.");
  if (trimmed(t.name).empty()) problem("/name", "le nom du titre ne peut pas être vide.");
  if (trimmed(t.version).empty()) problem("/version", "la version de la description du titre ne peut pas être vide.");
  if (t.ccps.empty()) problem("/ccps", "le titre doit compter au moins un CCP.");
  std::set<std::string> competencies_seen;
  for (std::size_t i = 0; i < t.ccps.size(); ++i) {
    const TitleCcp& c = t.ccps[i];
    const std::string at = "/ccps/" + std::to_string(i);
    if (!is_ccp_id(c.id))
      problem(at + "/id", "l’identifiant de CCP " + guillemets(c.id) +
                              " doit compter de 1 à 16 lettres majuscules sans accent, chiffres, «\u00A0-\u00A0» ou "
                              "«\u00A0_\u00A0» (par exemple «\u00A0CCP1\u00A0»).");
    for (std::size_t j = 0; j < i; ++j)
      if (t.ccps[j].id == c.id) {
        problem(at + "/id", "le CCP " + guillemets(c.id) + " est déjà celui de /ccps/" + std::to_string(j) + ".");
        break;
      }
    if (trimmed(c.label).empty()) problem(at + "/label", "l’intitulé du CCP ne peut pas être vide.");
    if (c.competencies.empty()) problem(at + "/competencies", "le CCP doit compter au moins une compétence.");
    for (std::size_t k = 0; k < c.competencies.size(); ++k) {
      const std::string& id = c.competencies[k];
      const std::string cat = at + "/competencies/" + std::to_string(k);
      if (trimmed(id).empty() || id.size() > 32 || id != trimmed(id))
        problem(cat, "l’identifiant de compétence " + guillemets(id) +
                         " doit être un texte court sans espace autour (par exemple «\u00A0CP-1\u00A0»).");
      else if (!competencies_seen.insert(id).second)
        problem(cat, "la compétence " + guillemets(id) +
                         " figure déjà dans le titre\u00A0: chaque compétence appartient à un seul CCP.");
    }
    if (!is_plan_id(c.plan))
      problem(at + "/plan", "l’identifiant du plan d’épreuve " + guillemets(c.plan) +
                                " doit être fait de lettres minuscules sans accent, de chiffres, de «\u00A0_\u00A0» ou "
                                "de «\u00A0-\u00A0».");
    if (!is_plan_id(c.grid))
      problem(at + "/grid", "l’identifiant de la grille " + guillemets(c.grid) +
                                " doit être fait de lettres minuscules sans accent, de chiffres, de «\u00A0_\u00A0» ou "
                                "de «\u00A0-\u00A0».");
  }
  for (std::size_t i = 0; i < t.equivalences.size(); ++i) {
    const Equivalence& e = t.equivalences[i];
    const std::string at = "/equivalences/" + std::to_string(i);
    if (!is_plan_id(e.id))
      problem(at + "/id", "l’identifiant d’équivalence " + guillemets(e.id) +
                              " doit être fait de lettres minuscules sans accent, de chiffres, de «\u00A0_\u00A0» ou "
                              "de «\u00A0-\u00A0».");
    for (std::size_t j = 0; j < i; ++j) {
      if (t.equivalences[j].id == e.id)
        problem(at + "/id",
                "l’équivalence " + guillemets(e.id) + " est déjà celle de /equivalences/" + std::to_string(j) + ".");
      if (t.equivalences[j].grants == e.grants)
        problem(at + "/grants", "le " + e.grants + " est déjà accordé par l’équivalence /equivalences/" +
                                    std::to_string(j) + "\u00A0: une seule équivalence par CCP.");
    }
    if (trimmed(e.label).empty()) problem(at + "/label", "l’intitulé de l’équivalence ne peut pas être vide.");
    if (!t.ccp(e.grants))
      problem(at + "/grants", "l’équivalence accorde " + guillemets(e.grants) + ", qui n’est pas un CCP du titre (" +
                                  ccp_choice_text(t) + ").");
  }
  return out;
}

std::vector<PlanProblem> check_plan_against(const ExamPlan& plan, const TitleCcp& ccp) {
  std::vector<PlanProblem> out;
  const ExamReference& ref = ccp.reference;
  if (ref.stages.empty()) return out;
  std::vector<std::string> ids;
  for (const auto& st : plan.stages) ids.push_back(st.id);
  if (ids != ref.stages) {
    std::string expected;
    for (std::size_t i = 0; i < ref.stages.size(); ++i) expected += (i == 0 ? "" : ", ") + guillemets(ref.stages[i]);
    std::string what;
    for (const auto& id : ref.stages)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        what = "l’étape " + guillemets(id) + " manque";
        break;
      }
    if (what.empty())
      for (const auto& id : ids)
        if (std::find(ref.stages.begin(), ref.stages.end(), id) == ref.stages.end()) {
          what = "l’étape " + guillemets(id) + " n’est pas du référentiel";
          break;
        }
    if (what.empty()) what = "les étapes ne sont pas dans l’ordre du référentiel";
    out.push_back({{}, "/stages", what + "\u00A0: le " + ccp.id + " se déroule en " + expected + ", dans cet ordre."});
  }
  if (plan.draw_before_stage != ref.draw_before_stage)
    out.push_back({{}, "/draw_before_stage",
                   ref.draw_before_stage.empty()
                       ? "le " + ccp.id + " ne prévoit pas de tirage de fiche séance."
                       : "le référentiel du " + ccp.id + " place le tirage de la fiche séance avant l’étape " +
                             guillemets(ref.draw_before_stage) + "."});
  return out;
}

std::string ccp_choice_text(const Title& t) {
  std::string out;
  for (std::size_t i = 0; i < t.ccps.size(); ++i)
    out += (i == 0 ? "" : i + 1 == t.ccps.size() ? " ou " : ", ") + t.ccps[i].id;
  return out.empty() ? "aucun CCP" : out;
}

std::string competency_span_text(const Title& t) {
  const std::string* first = nullptr;
  const std::string* last = nullptr;
  for (const auto& c : t.ccps)
    for (const auto& id : c.competencies) {
      if (!first) first = &id;
      last = &id;
    }
  if (!first) return {};
  return first == last ? *first : *first + " à " + *last;
}

}  // namespace jurymn
