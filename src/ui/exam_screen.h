// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The exam screen's own state.
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/stage_timer.h"
#include "core/validation.h"
#include "store/store.h"

namespace jurymn::ui {

// What the exam screen is typing or asking.
struct ExamPanel {
  std::string for_run;  // the run this state is of: another run on show starts afresh
  bool pause_open = false;
  std::string pause_reason;
  TimeMs pause_pressed_at = 0;  // the pause starts when Space was pressed
  bool end_then_next = false;   // the end popup confirms an early Next (Ctrl+N)
  bool extend_open = false;
  int extend_minutes = 2;
  std::string extend_reason;
  bool end_open = false;
  std::string end_reason;
  bool redraw_open = false;
  std::string redraw_reason;
  int choose_index = -1;  // >= 0: confirming the jury's choice of this sheet
  WarningLevel last_warning = WarningLevel::None;
};

}  // namespace jurymn::ui
