// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What screens ask of the app, because the UI does no file I/O, and what
// the app answers.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/validation.h"

namespace jurymn::ui {

struct ImportOutcome {
  bool ok = false;
  std::string summary;                // one line, French
  std::vector<std::string> problems;  // one line per bad line of the file
  std::string written = {};           // the folder or file written, when one was
};

// A folder the results can be exported to, offered in the export dialog.
struct ExportPlace {
  std::string label;  // French: « Clé USB « KINGSTON » »
  std::string path;
  bool removable = false;  // a USB key or a card: carried to the centre
};

// The system's file dialog, open while the frames go on (the app's).
struct PathDialog {
  virtual ~PathDialog() = default;
  // nullopt while it is open; then the path chosen, "" when cancelled.
  virtual std::optional<std::string> answer() = 0;
};

// What screens ask of the app, because the UI does no file I/O.
struct Services {
  // Opens the system's dialog to choose a CSV file; null when none can open
  // here (the typed path is then the way).
  std::function<std::shared_ptr<PathDialog>(const std::string& title)> choose_csv_file;
  // Rows of the file that name no CCP take `ccps` (asked in the dialog).
  std::function<ImportOutcome(const std::string& session_uuid, const std::string& path, const CcpSet& ccps)>
      import_candidates;
  std::function<std::vector<std::string>()> find_candidate_files;
  std::function<void(const std::string& session_uuid)> session_opened;  // dated backup
  std::function<std::string()> create_demo;  // returns an error, or "" and opens it
  // Writes the session's procès-verbal and opens it; French outcome line.
  std::function<ImportOutcome(const std::string& session_uuid)> write_proces_verbal;
  // Writes the session's signed results bundle into a new folder (named
  // after the session) inside `folder`, then reads it back and checks it;
  // French outcome line naming the folder, which `written` holds.
  std::function<ImportOutcome(const std::string& session_uuid, const std::string& folder)> export_results;
  // Where the results can go, the best guess first: the folder used last
  // if it is there, the USB keys plugged in, jurymn's own folder.
  std::function<std::vector<ExportPlace>()> export_places;
  // The system's dialog to choose a folder; null when none can open here.
  std::function<std::shared_ptr<PathDialog>(const std::string& title, const std::string& start)> choose_folder;
  // Shows a folder in the system's file manager; false when none started.
  std::function<bool(const std::string& path)> show_folder;
  // Mock jury: writes the candidate's feedback sheet and opens it.
  std::function<ImportOutcome(const std::string& session_uuid, const std::string& candidate_uuid)> write_feedback_sheet;
  // Mock jury: « Imprimer toutes les fiches » (one document, a page per
  // candidate) and the group page, each written and opened in the browser.
  std::function<ImportOutcome(const std::string& session_uuid)> write_feedback_sheets;
  std::function<ImportOutcome(const std::string& session_uuid)> write_group_page;
  // This installation's signing key, "" before its first export (cached:
  // no file is read per frame).
  std::function<std::string()> key_fingerprint;
  // « Copier la base… »: a consistent copy of the open base to a new file;
  // ok and a French outcome line. The suggested file, in the home folder.
  std::function<ImportOutcome(const std::string& path)> copy_database;
  std::function<std::string()> default_copy_path;
};

}  // namespace jurymn::ui
