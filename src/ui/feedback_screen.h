// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The feedback screen's own state (mock jury).
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/validation.h"
#include "store/store.h"

namespace jurymn::ui {

// The feedback field being edited (mock jury).
struct FeedbackPanel {
  std::string draft_key;  // run|competency|field of the text being edited
  std::string draft;
  bool focus = false;     // give the editor the keyboard on its first frame
};

}  // namespace jurymn::ui
