// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Glue between the screens and the file system: opening the database with
// its lock, imports, backups. The UI asks; this does the I/O.
#include <memory>
#include <string>

#include "platform/platform.h"
#include "core/clock.h"
#include "io/title_json.h"
#include "store/store.h"
#include "ui/ui.h"

namespace jurymn {

struct OpenedDatabase {
  std::unique_ptr<platform::FileLock> lock;  // held while this process writes
  std::unique_ptr<Store> store;
  std::string read_only_reason;  // why we could only open it read-only
  std::string plan_warning;      // problems in the shipped exam plans
  std::string error;             // why it could not be opened at all
};

std::string default_db_path();

// Takes the lock beside the file, then opens it. When another jurymn holds
// the lock, the GUI opens read-only (for_gui) and a command refuses.
OpenedDatabase open_database(const std::string& path, const Clock& clock, bool for_gui);
// For commands that only read: an existing base, read-only, without the
// lock (reading is safe beside a writer) and without the full integrity
// scan; an older base is upgraded first, as open_database does.
OpenedDatabase open_database_to_read(const std::string& path, const Clock& clock);

// The system's file dialog for the screens; null when none can open here
// (no zenity nor kdialog, JURYMN_FILE_DIALOG=none): the typed path stays.
std::shared_ptr<ui::PathDialog> system_path_dialog(const platform::FileDialogRequest& request);

// Rows that name no CCP take `default_ccps` (the import dialog asks the
// jury); null: the title's first CCP the candidate does not hold. The
// summary says which they took.
ui::ImportOutcome import_candidates_file(Store& store, const std::string& session_uuid, const std::string& path,
                                         const std::string& actor, const CcpSet* default_ccps = nullptr);

// Writes the procès-verbal of a session to `out_path` (created or
// replaced whole). summary: French, names the file.
ui::ImportOutcome write_proces_verbal_file(const Store& store, const std::string& session, const std::string& out_path,
                                           TimeMs now);

// Where the GUI writes a session's procès-verbal: beside the database.
std::string proces_verbal_path(const Store& store, const SessionRecord& session);

// The folder the GUI exports a session's results into, beside the database:
// « resultats-2026-05-18-1a2b3c4d-1790000000 », ending « -jury-blanc » for a
// mock jury so that it is never taken for an official result.
std::string export_folder_name(const SessionRecord& session, TimeMs now);

// What the GUI says of an export: a mock jury's starts by the warning that
// it is a training session.
std::string export_summary(const SessionRecord& session, const std::string& outcome);

// jurymn's own folder for exports, beside the database.
std::string own_exports_folder(const Store& store);

// Exports the session's signed results into a new folder named by
// export_folder_name inside `folder`, then reads that bundle back and
// checks it (a worn USB key must fail here, not at the centre). `folder`
// must exist, except jurymn's own, which is created: a mistyped path must
// not put the results somewhere nobody looks. A folder other than jurymn's
// own is remembered in `config_dir` and offered first next time.
ui::ImportOutcome export_results_to(const Store& store, const std::string& session, const std::string& folder,
                                    const std::string& config_dir, TimeMs now);

// Where the results can go, the best guess first: the folder used last if
// it is still there, the USB keys plugged in, then jurymn's own folder.
std::vector<ui::ExportPlace> export_places(const Store& store, const std::string& config_dir);
// Where « Copier la base » proposes to write the copy: the first USB key
// export_places offers (the copy is meant to leave the laptop), else `home`.
std::string database_copy_folder(const Store& store, const std::string& config_dir, const std::string& home);

ui::Services make_services(Store& store, const Clock& clock);

// The folder of exam plans shipped with jurymn.
std::string exam_plans_dir();
std::string title_file();
// The installed title with its plans and grids (problems listed, never fatal).
ExamKit load_installed_exam_kit();

}  // namespace jurymn
