// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The procès-verbal (PV) of a session as one printable HTML page: the
// session, its jury, a summary of the results, then per candidate and per
// CCP what happened (stages with real times, pauses, extensions, the session
// sheet draws, the competencies, the jury's decision and its confirmations),
// and room for the jury's signatures. The page is self-contained (inline CSS,
// no script, no external resource) and laid out for A4; the caller writes it
// to a file and opens it in a browser to print it or save it as PDF.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/audit_trail.h"
#include "core/decision_history.h"
#include "core/records.h"

namespace jurymn {

struct ProcesVerbalInput {
  const SessionSnapshot& snapshot;
  const std::vector<ExamPlan>& plans;  // a run's plan is found by plan_id + plan_version
  const std::vector<Grid>& grids;      // a run's grid is found by grid_id + grid_version
  TimeMs generated_at = 0;             // also the `now` of stages still under way
  std::string app_version;             // e.g. "jurymn 0.1.0"
  std::string audit_head;              // shown as « Empreinte du journal » when not empty
  // The walk of the session's audit chain at printing time (core/audit_trail.h):
  // the footer says it is intact, or where it breaks, in red.
  std::optional<AuditChainReport> audit_chain;
  // Every decision of each run, from the audit trail (core/decision_history.h):
  // printed in time order, the current one last. Without it, the decision
  // in force alone, from the records.
  const DecisionHistories* decision_histories = nullptr;
  // Forgotten PINs replaced during the session, printed with the jury.
  std::vector<PinReset> pin_resets = {};
};

// The whole page, UTF-8. Wall-clock times are shown in the local time zone,
// as on the screens. Every text that comes from the user or from data files
// is escaped; a run whose plan or grid is missing says so instead of failing.
std::string render_proces_verbal(const ProcesVerbalInput& in);

}  // namespace jurymn
