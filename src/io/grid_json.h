// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Reads scoring grids from JSON (format described in scoring_grids/README.md).
// Same strictness as the exam plans: every problem names the file and the
// JSON pointer, in French; a file with a problem is refused whole.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/title.h"

namespace jurymn {

constexpr std::string_view kGridFormat = "jurymn-scoring-grid";
constexpr int kGridFormatVersion = 1;

struct GridLoad {
  std::optional<Grid> grid;           // set only when there is no problem
  std::vector<GridProblem> problems;  // each names `file_name`
  bool ok() const { return grid.has_value(); }
};

// Parses and checks one grid; with `plan`, also checks its stage ids against
// that plan; with `title`, also that its CCP is one of the title's and that
// it holds that CCP's competencies exactly (see check_grid). Nothing is
// half-accepted.
GridLoad load_grid(std::string_view json_text, std::string_view file_name, const ExamPlan* plan = nullptr,
                   const Title* title = nullptr);

// Reads the file at `path`; problems name its file name (not the whole path).
GridLoad load_grid_file(const std::string& path, const ExamPlan* plan = nullptr, const Title* title = nullptr);

struct GridDirLoad {
  std::vector<Grid> grids;            // the valid ones, by file name
  std::vector<GridProblem> problems;  // of the invalid files, and of the folder
};

// Loads every *.json of `dir` except *.schema.json (the JSON Schema shipped
// beside the grids); other files are ignored. Each grid is checked against
// every plan of `plans` with the same CCP (none: stage ids are checked for
// their form only). A bad file is left out and reported; the others still
// load. Two files with the same grid id: the second is refused.
GridDirLoad load_grids_dir(const std::string& dir, const std::vector<ExamPlan>& plans, const Title* title = nullptr);

// The problems load_grids_dir would report; empty = the folder is fine.
std::vector<GridProblem> validate_grids_dir(const std::string& dir, const std::vector<ExamPlan>& plans,
                                           const Title* title = nullptr);

}  // namespace jurymn
