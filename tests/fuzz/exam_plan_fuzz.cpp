// SPDX-License-Identifier: EUPL-1.2
// Fuzz target: an exam plan (assets/plans/*.json), as `jurymn plans
// validate` and the app's start read it (load_exam_plans_dir →
// load_exam_plan_file → load_exam_plan on the file's text), checked by
// check_plan (core/exam_plan).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "io/exam_plan_json.h"

using namespace jurymn;
using fuzz::is_utf8;
using fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const PlanLoad load = load_exam_plan(fuzz::as_text(data, size), "plan.json");
  if (!load.ok()) {
    require(!load.problems.empty());
    for (const auto& p : load.problems) require(p.file == "plan.json" && !p.message.empty() && is_utf8(p.text()));
    return 0;
  }

  // An accepted plan follows every rule the timer relies on.
  require(load.problems.empty());
  const ExamPlan& plan = *load.plan;
  require(check_plan(plan).empty());
  require(!plan.stages.empty() && is_plan_id(plan.id));
  const int n = static_cast<int>(plan.stages.size());
  TimeMs total = 0;
  for (int i = 0; i < n; ++i) {
    const Stage& s = plan.stages[static_cast<std::size_t>(i)];
    require(plan.stage_index(s.id) == i);
    require(s.duration_ms > 0 && s.duration_ms <= 24 * 60 * kMinuteMs);
    for (TimeMs w : s.warnings_ms) require(w > 0 && w < s.duration_ms);
    total += s.duration_ms;
  }
  require(plan.total_duration_ms() == total && plan.jury_duration_ms() <= total);
  const int draw = plan.draw_stage_index();
  require(plan.draw_before_stage.empty() ? draw == -1 : (draw >= 0 && draw < n));
  for (int i = 0; i < n; ++i) {
    require(draw_needed_refusal(plan, i, true).empty());
    require(draw_needed_refusal(plan, i, false).empty() == (draw < 0 || i < draw));
  }
  return 0;
}
