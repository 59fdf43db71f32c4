// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Reads the title's description (assets/titles/*.json, format described in
// assets/titles/README.md) and, with it, the exam plans and scoring grids it
// names: the exam kit a store works with. Every problem names the file and
// the JSON pointer, in French.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/title.h"

namespace jurymn {

constexpr std::string_view kTitleFormat = "jurymn-title";
constexpr int kTitleFormatVersion = 1;
// The title jurymn ships, under assets/titles.
constexpr std::string_view kDefaultTitleFile = "tp-01336.json";

struct TitleLoad {
  std::optional<Title> title;         // set only when there is no problem
  std::vector<PlanProblem> problems;  // each names `file_name`
  bool ok() const { return title.has_value(); }
};

// Parses and checks one title description; nothing is half-accepted.
TitleLoad load_title(std::string_view json_text, std::string_view file_name);
// Reads the file at `path`; problems name its file name.
TitleLoad load_title_file(const std::string& path);

// A title with the plans and grids of its CCPs.
struct ExamKit {
  Title title;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  std::vector<PlanProblem> problems;  // of the title, the plans, the grids and how they fit
  bool title_ok = false;              // false: the title itself could not be read
};

// Loads the title at `title_path`, then every plan of `plans_dir` and grid of
// `grids_dir` against it; a CCP of the title without its plan or grid is a
// problem of the title file. Bad plans and grids are left out and
// reported; the others still load.
ExamKit load_exam_kit(const std::string& title_path, const std::string& plans_dir, const std::string& grids_dir);

}  // namespace jurymn
