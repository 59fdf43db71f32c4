// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The session screen's own state: its forms and its import and export dialogs.
// Declared beside its draw code; held in UiState, read by its screen only
// (other code goes through the functions of ui/ui.h and ui/screens.h).
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/validation.h"
#include "store/store.h"
#include "ui/services.h"

namespace jurymn::ui {

struct CandidateForm {
  bool open = false;
  std::string editing_uuid;  // empty: a new candidate
  CandidateInput input;
  FieldErrors errors;
  std::string error;
};

struct JuryForm {
  JuryMemberInput input;
  std::string pin;        // typed, never kept once the member is added
  std::string pin_again;
  FieldErrors errors;
};

// « Code… » of a member: a first PIN, or a forgotten one replaced on the
// PIN of who may sign it (the president; for the president, another member).
struct PinResetForm {
  std::string member_uuid;  // empty: closed
  std::string pin;
  std::string pin_again;
  std::string signer_pin;
  std::string error;
  std::string signer_uuid = {};  // the president's reset: which member signs
};

// « Exporter les résultats signés »: where to, then the outcome.
struct ExportPanel {
  bool open = false;
  std::string folder;  // where the results folder is made: chosen, or typed
  std::vector<ExportPlace> places;
  std::shared_ptr<PathDialog> dialog;  // the system's, while open
  bool no_dialog = false;              // none could open: say to type the path
  bool focus_path = false;             // the system's dialog answered: keyboard to the path
  std::optional<ImportOutcome> outcome;
};

struct ImportPanel {
  bool open = false;
  std::string path;
  // The CCPs the file's candidates take when it names none (no CCP column,
  // or an empty cell): the session's, until the jury changes them.
  CcpSet ccps;
  std::shared_ptr<PathDialog> dialog;  // the system's, while open
  bool no_dialog = false;              // none could open: say to type the path
  std::vector<std::string> suggestions;
  std::optional<ImportOutcome> outcome;
};

// What the candidate list derives from the view, computed again only when
// the view, the search or the text size changed, never every frame: at
// 5,000 candidates, the widest name, the rows the search keeps and each
// candidate's runs.
struct CandidateList {
  std::uint64_t revision = UINT64_MAX;
  std::string session_uuid;
  const void* runs_read = nullptr;  // the view's runs, as indexed
  std::size_t run_count = 0;
  std::string search;
  float font_size = 0;
  float widest_name = 0;
  std::vector<int> shown;                                       // indices in view.candidates
  std::unordered_map<std::string, std::vector<int>> runs_of;  // candidate uuid → indices in view.runs
};

// The session screen's own state: its forms and dialogs (the candidate
// screen is this screen with its candidate form open).
struct SessionPanel {
  CandidateList list;
  CandidateForm candidate_form;
  JuryForm jury_form;
  PinResetForm pin_reset;
  ImportPanel import;
  ExportPanel export_panel;
};

}  // namespace jurymn::ui
