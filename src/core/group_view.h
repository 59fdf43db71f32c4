// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The trainer's view of a mock-jury group (« jury blanc »): what the whole
// group must still work on, two weeks before the real exam. Per competency,
// how many candidates the jury found it acquired in; per stage, how often
// candidates ran over time; per candidate, the jury's outcome on each CCP.
// Pure: computed from a session snapshot and the plans and grids it uses.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"

namespace jurymn {

// How a competency stands for the group, from its rounded percentage:
// Strong from 80 %, Fair from 50 %, Weak below; None when nobody was decided.
enum class GroupBand { None, Weak, Fair, Strong };

struct CompetencyFigures {
  std::string competency_id;  // "CP-1" … "CP-10"
  std::string title;          // from the grid; empty when no grid of its CCP is loaded
  CcpId ccp;  // the title's CCP it is for
  int decided = 0;   // candidates the jury decided on for this competency
  int acquired = 0;  // of whom the jury found it acquired

  double share() const { return decided == 0 ? 0.0 : static_cast<double>(acquired) / decided; }
  int percent() const;  // share rounded to a whole percent (half up); 0 when none decided
  GroupBand band() const;
};

// One stage of a plan, with or without the jury (a preparation overrun counts too).
struct StageFigures {
  CcpId ccp;  // the title's CCP it is for
  std::string plan_id;
  std::string stage_id;
  std::string label;  // French, from the plan
  int run = 0;        // runs in which the stage was started
  int overrun = 0;    // of which it went over its time (extensions included)

  double share() const { return run == 0 ? 0.0 : static_cast<double>(overrun) / run; }
};

// One candidate on one CCP.
struct CandidateCcpOutcome {
  bool registered = false;      // the candidate takes this CCP
  bool by_equivalence = false;  // held through an equivalence of the title: not examined
  bool has_run = false;         // a run was started
  bool finished = false;        // its last stage is over
  bool locked = false;          // the jury's result is confirmed and locked
  CcpOutcome outcome = CcpOutcome::Undecided;  // run.decision.decided; Undecided when no run
};

struct CandidateOutcomes {
  std::string uuid;
  std::string number;
  std::string last_name;
  std::string first_name;
  Attendance attendance = Attendance::Expected;
  // One per CCP of the group's figures (GroupFigures::ccps), in that order.
  std::vector<std::pair<CcpId, CandidateCcpOutcome>> outcomes;
  std::vector<std::string> not_acquired;  // competency ids the jury found not acquired, in the title's order

  // The outcome on `ccp`; a default one (not registered) for a CCP not listed.
  const CandidateCcpOutcome& on(std::string_view ccp) const;
};

struct GroupFigures {
  CcpSet ccps;  // the session's CCPs, plus any CCP some run is of, in the title's order
  std::vector<CompetencyFigures> competencies;  // the competencies of `ccps`, in the title's order
  std::vector<StageFigures> stages;             // most often overrun first
  std::vector<CandidateOutcomes> candidates;    // by candidate number (« 2 » before « 10 »)
  int runs = 0;                // runs counted (one per candidate and CCP: the latest started)
  int runs_without_plan = 0;   // of which the plan (id + version) is not loaded: no stage figures
};

// The group's figures as of `now` (a stage still running counts as overrun
// once its time is up). When a candidate has several runs of one CCP, the
// latest started counts. A run's plan is found by plan_id + plan_version; a
// competency's title comes from the grid of its runs (grid_id +
// grid_version), else from any loaded grid of its CCP.
GroupFigures group_figures(const SessionSnapshot& snapshot, const std::vector<ExamPlan>& plans,
                           const std::vector<Grid>& grids, TimeMs now);

}  // namespace jurymn
