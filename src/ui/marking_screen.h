// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The marking screen's own state.
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/marking_keys.h"
#include "core/validation.h"
#include "store/store.h"

namespace jurymn::ui {

// Who is marking on this laptop, and observations being typed.
struct MarkingPanel {
  std::string member_uuid;
  std::string draft_key;  // run|member|competency of the observation being edited
  std::string draft;
  // Observations typed but not saved (the disk refused them, or the field
  // was left for another): key, text. Shown, marked, until saved.
  std::vector<std::pair<std::string, std::string>> unsaved;
  // The criterion the keys rate (highlighted), for this run and member.
  std::string focus;
  std::string focus_for;  // run|member the focus was placed for
  bool scroll_to_focus = false;
  // Frames the scroll to the focus is applied again: the grid's text wraps
  // anew as its scrollbar appears, moving the rows under a scroll set once.
  int scroll_settling = 0;
  // Notes given by keys on this run and member, oldest first: what
  // Backspace takes back, wherever the highlight went since.
  std::vector<KeyedNote> keyed;
  // Keys in the order pressed, filled by the app's key callback (ImGui 1.86
  // loses a press and release within one poll); one is taken per frame.
  MarkingKeyQueue keys;
};

}  // namespace jurymn::ui
