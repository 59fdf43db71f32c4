// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/sheet_draw.h"
#include "core/title.h"

namespace jurymn {

// The demo jury's PINs, as the README gives them: Nadia Benali (president)
// and Thomas Lefèvre.
inline constexpr const char* kDemoPresidentPin = "111111";
inline constexpr const char* kDemoMemberPin = "222222";

struct DemoResult {
  std::string session_uuid;
  std::string error;  // French; empty on success
};

// Builds the demonstration « jury blanc » session through Store::apply only.
// It opens its own connection on `db_path` with a clock it moves, so that
// finished stages have realistic past times; `now` is the real time. With a
// CCP1 plan among `plans`, MN-001 has finished her CCP1 and MN-007 is 12
// minutes into « mise en situation » at `now` (CCP1 and CCP2 are the title's
// first and second CCPs); without one, the session has
// no runs. Every action is audited with the actor "demo"; the first refusal
// is returned as the error (what was applied before it stays).
DemoResult create_demo_session(const std::string& db_path, const Title& title, const std::vector<ExamPlan>& plans,
                               const std::vector<Grid>& grids, RandomSource& random, TimeMs now);

}  // namespace jurymn
