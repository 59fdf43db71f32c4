// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The deliberation screen's own state.
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/grid.h"
#include "core/validation.h"
#include "store/store.h"

namespace jurymn::ui {

// What the deliberation screen is typing or asking.
struct DeliberationPanel {
  std::string loaded_for;  // run|decided_at the draft below was taken from
  CcpOutcome outcome = CcpOutcome::Undecided;
  std::string justification;
  bool focus_justification = false;  // a choice was just clicked: type why next
  bool reopen_open = false;
  bool reopen_done = false;  // reopened between frames: the dialog closes on the next
  std::string reopen_reason;
  std::string reopen_member;  // who reopens: a member's uuid, or "" for the jury
  std::string confirming;  // member uuid being asked to confirm
  std::string pin;         // typed in the confirm dialog; cleared when it closes
  std::string pin_error;
  // A competency decided against its proposal: the dialog asking why.
  std::string departing_competency;  // "" when the dialog is closed
  CompetencyStatus departing_status = CompetencyStatus::Undecided;
  std::string departing_reason;
  std::string departing_error;
  // run|message: why the CCP decision was cleared (a competency changed).
  std::string stale_run;
  std::string stale_note;
  // The height the decision panel needed on the last frame, with its
  // justification field at its smallest: the table above gives it that much
  // (an estimate left « Enregistrer la décision » half cut at 100 %).
  float panel_needed = 0;
  float confirm_needed = 0;  // the same for the confirmation panel beside it
  // The competency table's rows as last drawn (its header first): its
  // height is cut between two rows, never through one (--check-text).
  std::vector<float> row_heights;
};

}  // namespace jurymn::ui
