// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The candidate's feedback sheet after a mock jury (« jury blanc ») as one
// printable HTML page: who, when, and for each CCP the jury deliberated on,
// per competency the jury's status, « Points forts » and « Axes de progrès »
// (as the jury edited them, else the first draft of core/feedback.h), the
// indicative result, the timings worded for the candidate and the jury's
// general advice. Headed and watermarked « JURY BLANC » so that it can never
// be mistaken for an official result. Self-contained (inline CSS, no script,
// no external resource), laid out to fit one A4 page for a typical candidate;
// the caller writes it to a file.
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"

namespace jurymn {

struct FeedbackSheetInput {
  const SessionSnapshot& snapshot;
  const CandidateRecord& candidate;
  const std::vector<ExamPlan>& plans;  // a run's plan is found by plan_id + plan_version
  const std::vector<Grid>& grids;      // a run's grid is found by grid_id + grid_version
  TimeMs generated_at = 0;             // also the `now` of the timings
};

// Why no sheet can be made for `candidate`, in French, or "" when one can:
// an official session (the PV is the only record there), or a candidate
// without any run on which the jury has recorded its CCP decision.
std::string feedback_sheet_refusal(const SessionSnapshot& snapshot, const CandidateRecord& candidate);

// The whole page, UTF-8; "" when feedback_sheet_refusal is not empty. Runs
// are shown in the title's CCP order. Every text from the user or from data
// files is escaped; a missing plan or grid is said on the page, not fatal.
std::string render_feedback_sheet(const FeedbackSheetInput& in);

// « Imprimer toutes les fiches »: the sheet of every candidate who has one,
// in the snapshot's order, each on its own page, in one document; "" when
// no candidate has one yet.
std::string render_feedback_sheets(const SessionSnapshot& snapshot, const std::vector<ExamPlan>& plans,
                                   const std::vector<Grid>& grids, TimeMs generated_at);

}  // namespace jurymn
