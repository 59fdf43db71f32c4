// SPDX-License-Identifier: EUPL-1.2
#pragma once
// How one CCP exam runs: its stages, their durations and the point where the
// session sheet is drawn. Plans are data (assets/plans/*.json) because the
// order and durations are for the certifier to confirm, not for code to fix.
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"

namespace jurymn {

constexpr TimeMs kMinuteMs = 60'000;

// Alerts before the end of a stage, when the plan gives none: 5 min, 1 min.
std::vector<TimeMs> default_warnings_ms();

struct Stage {
  std::string id;     // stable ASCII id, stored with timer events
  std::string label;  // French, shown to the jury
  TimeMs duration_ms = 0;
  bool jury_present = true;                 // false: the candidate is alone (préparation)
  std::vector<std::string> jury_materials;  // e.g. "Dossier", "Diaporama", "Fiche séance tirée"
  std::vector<TimeMs> warnings_ms = default_warnings_ms();  // time left that triggers an alert
  std::string note;
};

struct ExamPlan {
  std::string id;       // stable ASCII id, e.g. "ccp1"
  std::string version;  // of the plan's content, recorded in the PV
  CcpId ccp;  // the title's CCP it is for
  std::string title;
  std::vector<Stage> stages;
  std::string draw_before_stage;  // stage id; empty = no session-sheet draw
  std::string note;               // provenance, what is still to confirm

  // Index of the stage with this id, or -1.
  int stage_index(std::string_view stage_id) const;
  // Index of the stage the draw must precede, or -1 when there is no draw.
  int draw_stage_index() const;
  TimeMs total_duration_ms() const;
  TimeMs jury_duration_ms() const;  // stages with the jury present only
};

// One thing wrong in a plan. `pointer` is a JSON pointer into the plan's file
// format (see assets/plans/README.md), so that a plan built in code and a plan
// read from a file report the same place.
struct PlanProblem {
  std::string file;     // empty when the plan did not come from a file
  std::string pointer;  // e.g. "/stages/2/duration_min"; empty = the whole file
  std::string message;  // French
  // "ccp1.json : /stages/2/duration_min : la durée doit être …"
  std::string text() const;
};

// True for a non-empty id of a-z, 0-9, '_' and '-': ids end up in the store
// and in exported files, where they must not change with accents or case.
bool is_plan_id(std::string_view id);

// The rules a plan must follow whatever its source: ids, durations, alerts,
// draw point. Empty = valid.
std::vector<PlanProblem> check_plan(const ExamPlan& plan);

// Refusal (French) when starting stage `stage_index` needs the session sheet
// (it is the draw stage or comes after it) and none is drawn yet; "" otherwise.
std::string draw_needed_refusal(const ExamPlan& plan, int stage_index, bool sheet_drawn);

}  // namespace jurymn
