// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The trainer's group page after a mock jury (« jury blanc ») as one
// printable HTML page: the same figures as the « Vue du groupe » screen
// (core/group_view.h). Per competency, an inline SVG bar of the share of
// candidates the jury found it acquired in; the stages most often overrun;
// each candidate's outcome per CCP and the competencies not acquired.
// Headed and watermarked « JURY BLANC ». Self-contained (inline CSS, no
// script, no external resource), A4; about ten candidates fit one page,
// longer lists flow onto further pages. The caller writes it to a file.
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"

namespace jurymn {

struct GroupReportInput {
  const SessionSnapshot& snapshot;
  const std::vector<ExamPlan>& plans;  // a run's plan is found by plan_id + plan_version
  const std::vector<Grid>& grids;      // competency titles
  TimeMs generated_at = 0;             // also the `now` of the figures
};

// Why no group page can be made, in French, or "" when one can: an official
// session is never compared as a group.
std::string group_report_refusal(const SessionSnapshot& snapshot);

// The whole page, UTF-8; "" when group_report_refusal is not empty. Every
// text from the user or from data files is escaped.
std::string render_group_report(const GroupReportInput& in);

}  // namespace jurymn
