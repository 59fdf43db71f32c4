// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The home screen's own state: the new-session form, the list, the copy.
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/validation.h"
#include "store/store.h"
#include "ui/services.h"

namespace jurymn::ui {

struct SessionForm {
  bool open = false;
  SessionInput input;
  FieldErrors errors;
  std::string error;
};

// The home screen's list of sessions (read once per change of the store)
// and « Copier la base… ».
struct HomePanel {
  std::uint64_t revision = UINT64_MAX;
  std::vector<SessionRecord> sessions;
  std::string copy_path;  // as typed
  std::optional<ImportOutcome> copy_outcome;
  SessionForm session_form;  // « Nouvelle session »
};

}  // namespace jurymn::ui
