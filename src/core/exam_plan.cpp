// SPDX-License-Identifier: EUPL-1.2
#include "core/exam_plan.h"

#include <algorithm>

#include "core/text.h"
#include "core/validation.h"

namespace jurymn {
namespace {

// "35 min", or "90 s" when the duration is not whole minutes.
std::string duration_text(TimeMs ms) {
  if (ms % kMinuteMs == 0) return std::to_string(ms / kMinuteMs) + " min";
  return std::to_string(ms / 1000) + " s";
}

}  // namespace

std::vector<TimeMs> default_warnings_ms() { return {5 * kMinuteMs, 1 * kMinuteMs}; }

int ExamPlan::stage_index(std::string_view stage_id) const {
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (stages[i].id == stage_id) return static_cast<int>(i);
  return -1;
}

int ExamPlan::draw_stage_index() const {
  return draw_before_stage.empty() ? -1 : stage_index(draw_before_stage);
}

TimeMs ExamPlan::total_duration_ms() const {
  TimeMs t = 0;
  for (const auto& s : stages) t += s.duration_ms;
  return t;
}

TimeMs ExamPlan::jury_duration_ms() const {
  TimeMs t = 0;
  for (const auto& s : stages)
    if (s.jury_present) t += s.duration_ms;
  return t;
}

std::string PlanProblem::text() const {
  std::string out;
  if (!file.empty()) out += file + "\u00A0: ";
  if (!pointer.empty()) out += pointer + "\u00A0: ";
  return out + message;
}

bool is_plan_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::vector<PlanProblem> check_plan(const ExamPlan& plan) {
  std::vector<PlanProblem> out;
  auto problem = [&](std::string pointer, std::string message) {
    out.push_back({{}, std::move(pointer), std::move(message)});
  };
  const std::string id_rule = "lettres minuscules sans accent, chiffres, «\u00A0_\u00A0» ou «\u00A0-\u00A0»";

  if (!is_plan_id(plan.id))
    problem("/id", "l’identifiant du plan " + guillemets(plan.id) + " doit être fait de " + id_rule + ".");
  if (trimmed(plan.version).empty()) problem("/version", "la version du plan ne peut pas être vide.");
  if (trimmed(plan.title).empty()) problem("/title", "le titre du plan ne peut pas être vide.");
  if (plan.stages.empty()) problem("/stages", "le plan doit compter au moins une étape.");

  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    const Stage& s = plan.stages[i];
    const std::string at = "/stages/" + std::to_string(i);
    if (!is_plan_id(s.id)) {
      problem(at + "/id", "l’identifiant d’étape " + guillemets(s.id) + " doit être fait de " + id_rule + ".");
    } else {
      for (std::size_t j = 0; j < i; ++j)
        if (plan.stages[j].id == s.id)
          problem(at + "/id", "l’identifiant d’étape " + guillemets(s.id) + " est déjà celui de l’étape /stages/" +
                                  std::to_string(j) + "\u00A0: chaque étape doit avoir le sien.");
    }
    if (trimmed(s.label).empty()) problem(at + "/label", "le libellé de l’étape ne peut pas être vide.");
    if (s.duration_ms <= 0) problem(at + "/duration_min", "la durée doit être un nombre positif de minutes.");
    for (std::size_t k = 0; k < s.jury_materials.size(); ++k)
      if (trimmed(s.jury_materials[k]).empty())
        problem(at + "/jury_materials/" + std::to_string(k), "un support du jury ne peut pas être vide.");
    for (std::size_t k = 0; k < s.warnings_ms.size(); ++k) {
      const TimeMs w = s.warnings_ms[k];
      const std::string wat = at + "/warnings_min/" + std::to_string(k);
      if (w <= 0) {
        problem(wat, "une alerte doit être un nombre positif de minutes avant la fin.");
      } else if (s.duration_ms > 0 && w >= s.duration_ms) {
        problem(wat, "l’alerte à " + duration_text(w) + " de la fin doit être inférieure à la durée de l’étape (" +
                         duration_text(s.duration_ms) + ").");
      }
      for (std::size_t m = 0; m < k; ++m)
        if (s.warnings_ms[m] == w && w > 0) problem(wat, "l’alerte à " + duration_text(w) + " est en double.");
    }
  }

  if (!plan.draw_before_stage.empty() && plan.stage_index(plan.draw_before_stage) < 0)
    problem("/draw_before_stage", "aucune étape n’a l’identifiant " + guillemets(plan.draw_before_stage) +
                                      "\u00A0: indiquez l’identifiant d’une étape du plan, ou retirez ce champ s’il "
                                      "n’y a pas de tirage de fiche séance.");
  return out;
}

std::string draw_needed_refusal(const ExamPlan& plan, int stage_index, bool sheet_drawn) {
  const int draw_at = plan.draw_stage_index();
  // Stages after the draw point use the sheet too, even when started out of order.
  if (sheet_drawn || draw_at < 0 || stage_index < draw_at) return {};
  return "Tirez au sort (ou faites choisir par le jury) la fiche séance avant l’étape " +
         guillemets(plan.stages[static_cast<std::size_t>(draw_at)].label) + ".";
}

}  // namespace jurymn
