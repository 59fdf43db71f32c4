// SPDX-License-Identifier: EUPL-1.2
#include "core/records.h"

namespace jurymn {

const ExamPlan* plan_of_run(const std::vector<ExamPlan>& plans, const RunRecord& run) {
  for (const auto& p : plans)
    if (p.id == run.plan_id && p.version == run.plan_version) return &p;
  return nullptr;
}

std::string sheet_change_refusal(const RunRecord& run) {
  if (run.finished_at) return "L’épreuve est terminée\u00A0: la fiche séance ne peut plus changer.";
  return {};
}

const Grid* grid_of_run(const std::vector<Grid>& grids, const RunRecord& run) {
  for (const auto& g : grids)
    if (g.id == run.grid_id && g.version == run.grid_version) return &g;
  return nullptr;
}

}  // namespace jurymn
