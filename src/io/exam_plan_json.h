// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Reads exam plans from JSON (format described in assets/plans/README.md).
// Every problem names the file and the JSON pointer, in French, so that the
// person editing a plan can find and fix it without reading code.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exam_plan.h"
#include "core/title.h"

namespace jurymn {

constexpr std::string_view kExamPlanFormat = "jurymn-exam-plan";
constexpr int kExamPlanFormatVersion = 1;

struct PlanLoad {
  std::optional<ExamPlan> plan;       // set only when there is no problem
  std::vector<PlanProblem> problems;  // each names `file_name`
  bool ok() const { return plan.has_value(); }
};

// Parses and checks one plan; with `title`, its CCP must be one of the
// title's. Nothing is half-accepted.
PlanLoad load_exam_plan(std::string_view json_text, std::string_view file_name, const Title* title = nullptr);

// Reads the file at `path`; problems name its file name (not the whole path).
PlanLoad load_exam_plan_file(const std::string& path, const Title* title = nullptr);

struct PlanDirLoad {
  std::vector<ExamPlan> plans;        // the valid ones, by file name
  std::vector<PlanProblem> problems;  // of the invalid files, and of the folder
};

// Loads every *.json of `dir` (other files are ignored). A bad file is left
// out and reported; the others still load. Two files with the same plan id:
// the second is refused. With `title`, a plan of a CCP the title does not
// declare is refused too.
PlanDirLoad load_exam_plans_dir(const std::string& dir, const Title* title = nullptr);

// The problems load_exam_plans_dir would report; empty = the folder is fine.
std::vector<PlanProblem> validate_exam_plans_dir(const std::string& dir, const Title* title = nullptr);

}  // namespace jurymn
