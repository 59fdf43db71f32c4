// SPDX-License-Identifier: EUPL-1.2
// Fuzz target: a scoring grid (scoring_grids/*.json), as `jurymn grids
// validate` and the app's start read it (load_grids_dir → load_grid_file →
// load_grid on the file's text, then check_grid against each plan of the
// same CCP), and the proposals the marking screen draws from it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/grid_json.h"

using namespace jurymn;
using fuzz::is_utf8;
using fuzz::require;

namespace {

// The stages of the shipped plans (assets/plans/ccp1.json, ccp2.json) that
// check_grid looks at: ids, jury presence, CCP.
std::vector<ExamPlan> shipped_plans() {
  auto stage = [](const char* id, bool jury) {
    Stage s;
    s.id = id;
    s.label = id;
    s.duration_ms = 10 * kMinuteMs;
    s.jury_present = jury;
    return s;
  };
  ExamPlan ccp1{"ccp1", "1.0", "CCP1", "CCP1", {}, "questionnement", ""};
  ccp1.stages = {stage("questionnement", true), stage("preparation", false), stage("mise_en_situation", true),
                 stage("entretien_technique", true)};
  ExamPlan ccp2{"ccp2", "1.0", "CCP2", "CCP2", {}, "", ""};
  ccp2.stages = {stage("mise_en_situation_professionnelle", true), stage("entretien_technique", true)};
  return {ccp1, ccp2};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<ExamPlan> plans = shipped_plans();
  const Title& title = fuzz::shipped_title();
  const GridLoad load = load_grid(fuzz::as_text(data, size), "grille.json", nullptr, &title);
  if (!load.ok()) {
    require(!load.problems.empty());
    for (const auto& p : load.problems) require(p.file == "grille.json" && !p.message.empty() && is_utf8(p.text()));
    return 0;
  }

  // An accepted grid follows the grid rules.
  require(load.problems.empty());
  const Grid& g = *load.grid;
  const TitleCcp* ccp = title.ccp(g.ccp);
  require(ccp != nullptr);
  require(check_grid(g, nullptr, ccp).empty() && is_plan_id(g.id));
  const std::vector<std::string>& expected = ccp->competencies;
  require(g.competencies.size() == expected.size());
  std::size_t criteria = 0;
  for (const auto& c : g.competencies) {
    require(g.competency(c.id) == &c);
    require(c.criteria.size() >= kMinCriteriaPerCompetency && c.criteria.size() <= kMaxCriteriaPerCompetency);
    criteria += c.criteria.size();
  }
  require(g.criterion_count() == criteria);
  for (const auto& l : g.rating_scale) require(g.level(l.id) == &l);

  // What load_grids_dir does next: the rules that depend on the plan.
  for (const auto& plan : plans)
    if (plan.ccp == g.ccp)
      for (const auto& p : check_grid(g, &plan, ccp)) require(!p.message.empty() && is_utf8(p.text()));

  // The proposals of the marking and deliberation screens: every criterion
  // at one level (or unrated), level by level.
  const auto acquired = std::find_if(g.rating_scale.begin(), g.rating_scale.end(),
                                     [](const RatingLevel& l) { return l.acquired; });
  require(acquired != g.rating_scale.end());
  for (std::size_t k = 0; k <= g.rating_scale.size(); ++k) {
    const std::string level = k < g.rating_scale.size() ? g.rating_scale[k].id : std::string();
    std::vector<CompetencyStatus> statuses;
    for (const auto& c : g.competencies) {
      const std::vector<std::string> ratings(c.criteria.size(), level);
      const CompetencyProposal p = proposed_competency_status(g.rating_scale, ratings);
      require(static_cast<std::size_t>(p.acquired + p.not_acquired + p.not_observed + p.unrated) == ratings.size());
      statuses.push_back(p.status);
    }
    const CcpOutcome outcome = proposed_ccp_outcome(statuses, g.decision_rule);
    if (level.empty()) require(outcome == CcpOutcome::Undecided);
    if (level == acquired->id) require(outcome == CcpOutcome::Obtained);
    for (CcpOutcome decided : {CcpOutcome::Obtained, CcpOutcome::NotObtained})
      justification_required(g.decision_rule, outcome, decided);
  }
  return 0;
}
