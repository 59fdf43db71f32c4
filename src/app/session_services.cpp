// SPDX-License-Identifier: EUPL-1.2
#include "app/session_services.h"
#include "platform/platform.h"

#include "core/text.h"
#include "io/file.h"
#include "io/title_json.h"
#include "io/proces_verbal.h"
#include "io/feedback_sheet.h"
#include "io/group_report.h"
#include "app/installation_key.h"
#include "app/results_export.h"
#include "app/settings.h"
#include "io/bundle.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/os_random.h"
#include "app/resources.h"
#include "io/candidate_csv.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/proces_verbal.h"
#include "io/file.h"
#include "io/title_json.h"
#include "store/backup.h"

namespace jurymn {

namespace fs = std::filesystem;

std::string default_db_path() { return platform::path_text(platform::u8path(platform::data_dir()) / "jurymn.db"); }

std::string exam_plans_dir() { return find_data_dir("assets") + "/plans"; }

std::string title_file() { return find_data_dir("assets") + "/titles/" + std::string(kDefaultTitleFile); }

ExamKit load_installed_exam_kit() {
  return load_exam_kit(title_file(), exam_plans_dir(), find_data_dir("scoring_grids"));
}

// The title, exam plans, scoring grids and the random source a store works with.
void load_exam_data(OpenedDatabase& out);

OpenedDatabase open_database(const std::string& requested, const Clock& clock, bool for_gui) {
  OpenedDatabase out;
  std::string path = requested.empty() ? default_db_path() : requested;
  std::error_code ec;
  fs::path parent = platform::u8path(path).parent_path();
  if (!parent.empty() && !fs::exists(parent, ec)) {
    if (!requested.empty()) {
      out.error = path + "\u00A0: le dossier " + platform::path_text(parent) + " n’existe pas.";
      return out;
    }
    fs::create_directories(parent, ec);  // first run: ~/.local/share/jurymn
    if (ec) {
      out.error = platform::path_text(parent) + "\u00A0: dossier impossible à créer (" + ec.message() + ").";
      return out;
    }
  }
  if (fs::is_directory(platform::u8path(path), ec)) {
    out.error = path + "\u00A0: c’est un dossier\u00A0; indiquez un fichier de base de données.";
    return out;
  }

  OpenMode mode = OpenMode::ReadWrite;
  // The lock follows the file, not the words naming it: a path through a
  // symbolic link or with « .. » reaches the same lock as the real one.
  std::string real = platform::path_text(fs::weakly_canonical(platform::u8path(path), ec));
  if (ec || real.empty()) real = path;
  platform::LockAttempt attempt = platform::try_lock(real + ".lock");
  if (!attempt.lock) {
    std::string who = attempt.holder.empty() ? "" : " (" + attempt.holder + ")";
    if (!attempt.error.empty()) {
      // No lock file possible: the folder is read-only. Reading is still safe.
      out.read_only_reason = "le dossier de la base n’est pas accessible en écriture (" + attempt.error + ").";
    } else {
      out.read_only_reason = "cette base est déjà ouverte par un autre jurymn" + who +
                             "\u00A0; fermez-le pour pouvoir saisir ici.";
    }
    if (!for_gui) {
      out.error = path + "\u00A0: " + out.read_only_reason;
      return out;
    }
    if (!fs::exists(platform::u8path(path), ec)) {
      out.error = path + "\u00A0: " + out.read_only_reason;
      return out;
    }
    mode = OpenMode::ReadOnly;
  }
  OpenResult r = Store::open(path, mode, clock);
  if (!r.store) {
    out.error = r.error;
    return out;
  }
  if (for_gui && r.store->centre_base()) {
    // Until the centre has its own view, its base opens read-only: nothing
    // the jury's screens offer (resuming a run, drafts, heartbeats) writes.
    out.read_only_reason = "c’est la base d’un centre d’examen, qui rassemble des lots fusionnés (jurymn merge). "
                           "Les saisies du jury se font sur son ordinateur\u00A0; ici, on consulte.";
    if (mode == OpenMode::ReadWrite) {
      r.store.reset();
      r = Store::open(path, OpenMode::ReadOnly, clock);
      if (!r.store) {
        out.error = r.error;
        return out;
      }
    }
  }
  out.lock = std::move(attempt.lock);
  out.store = std::move(r.store);
  load_exam_data(out);
  return out;
}

OpenedDatabase open_database_to_read(const std::string& requested, const Clock& clock) {
  const std::string path = requested.empty() ? default_db_path() : requested;
  OpenResult r = Store::open(path, OpenMode::ReadOnly, clock);
  if (r.needs_migration) return open_database(requested, clock, /*for_gui=*/true);
  OpenedDatabase out;
  if (!r.store) {
    out.error = r.error;
    return out;
  }
  out.store = std::move(r.store);
  load_exam_data(out);
  return out;
}

void load_exam_data(OpenedDatabase& out) {
  ExamKit kit = load_installed_exam_kit();
  for (const auto& p : kit.problems) out.plan_warning += (out.plan_warning.empty() ? "" : "\n") + p.text();
  out.store->set_exam_kit(kit);
  static OsRandomSource os_random;  // stateless: one for the process
  out.store->set_random_source(&os_random);
}

ui::ImportOutcome import_candidates_file(Store& store, const std::string& session_uuid, const std::string& path,
                                         const std::string& actor, const CcpSet* default_ccps) {
  ui::ImportOutcome out;
  if (path.empty()) {
    out.summary = "Indiquez le chemin du fichier CSV à importer.";
    return out;
  }
  FileBytes file = read_file(path);
  if (!file.error.empty()) {
    out.summary = file.error;
    return out;
  }
  const std::string name = platform::path_text(platform::u8path(path).filename());
  CandidateCsv csv = parse_candidate_csv(file.bytes, store.title(), default_ccps);
  check_against_existing(csv, store.candidate_numbers(session_uuid));
  if (!csv.problems.empty()) {
    out.summary = name + "\u00A0: " + std::to_string(csv.problems.size()) +
                  " problème(s)\u00A0; aucun candidat n’a été importé. Corrigez le fichier puis recommencez.";
    for (const auto& p : csv.problems) out.problems.push_back("ligne " + std::to_string(p.line) + "\u00A0: " + p.message);
    return out;
  }
  ApplyResult r = store.apply(action::ImportCandidates{session_uuid, name, csv.rows}, actor);
  if (!r) {
    out.summary = r.error;
    for (const auto& p : r.row_errors) out.problems.push_back("ligne " + std::to_string(p.line) + "\u00A0: " + p.message);
    return out;
  }
  out.ok = true;
  out.summary = name + "\u00A0: " + std::to_string(csv.rows.size()) + " candidat(s) importé(s) (" + csv.encoding +
                ", séparateur " + guillemets(std::string(1, csv.separator)) + ").";
  // Never silently: which CCPs the candidates without one in the file take.
  if (csv.rows_without_ccp > 0) {
    const std::string who = csv.rows_without_ccp == static_cast<int>(csv.rows.size())
                                ? "Le fichier n’indique pas de CCP\u00A0: les candidats sont inscrits"
                                : std::to_string(csv.rows_without_ccp) + " candidat(s) sans CCP dans le fichier, inscrit(s)";
    std::string which;
    if (default_ccps && !default_ccps->empty()) {
      which = " au" + std::string(default_ccps->ids.size() > 1 ? "x " : " ") + french_label(store.title().ordered(*default_ccps)) +
              " (choix fait à l’import, hors CCP acquis par équivalence).";
    } else if (!store.title().ccps.empty()) {
      which = " au " + store.title().ccps.front().id + " (ou au premier CCP qu’ils n’ont pas par équivalence).";
    }
    out.summary += " " + who + which;
  }
  return out;
}

namespace {
// The platform's dialog as the screens see it.
class SystemPathDialog final : public ui::PathDialog {
public:
  explicit SystemPathDialog(std::unique_ptr<platform::FileDialog> d) : dialog_(std::move(d)) {}
  std::optional<std::string> answer() override {
    switch (dialog_->poll()) {
      case platform::FileDialog::State::Open: return std::nullopt;
      case platform::FileDialog::State::Chosen: return dialog_->path();
      case platform::FileDialog::State::Cancelled: return std::string();
    }
    return std::string();
  }

private:
  std::unique_ptr<platform::FileDialog> dialog_;
};
}  // namespace

std::shared_ptr<ui::PathDialog> system_path_dialog(const platform::FileDialogRequest& request) {
  auto d = platform::open_file_dialog(request);
  if (!d) return nullptr;
  return std::make_shared<SystemPathDialog>(std::move(d));
}

namespace {
std::vector<std::string> find_csv_files() {
  std::vector<std::string> out;
  fs::path home = platform::u8path(platform::home_dir());
  std::vector<fs::path> dirs;
  for (const char* sub : {"", "Téléchargements", "Downloads", "Documents", "Bureau", "Desktop"})
    dirs.push_back(home / platform::u8path(sub));  // UTF-8, not the ANSI code page, on Windows
  // The centre's list often comes on a USB key: its top folder too.
  for (const auto& v : platform::removable_volumes()) dirs.push_back(platform::u8path(v.path));
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(dir, fs::directory_options::skip_permission_denied, ec)) {
      auto ext = platform::path_text(e.path().extension());
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
      if (ext == ".csv" && e.is_regular_file(ec)) out.push_back(platform::path_text(e.path()));
      if (out.size() >= 200) break;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

// Said when a page written to be printed did not open: why, and that the
// file named just before is there to open by hand.
std::string not_opened_text(const platform::OpenedDocument& o, bool feminine) {
  return std::string(feminine ? "Elle ne s’est pas ouverte" : "Il ne s’est pas ouvert") + "\u00A0: " + o.why +
         ". Ouvrez ce fichier dans un navigateur pour l’imprimer.";
}

ui::ImportOutcome write_proces_verbal_file(const Store& store, const std::string& session, const std::string& out_path,
                                           TimeMs now) {
  ui::ImportOutcome out;
  // The head and the trail from the snapshot's own transaction, so the
  // chain the PV states is the one of the records it prints.
  AuditHead head;
  std::vector<AuditRecord> trail;
  auto snapshot = store.snapshot(session, &head, &trail);
  if (!snapshot) {
    out.summary = "Aucune session ne correspond à « " + session + " » dans " + store.path() + ".";
    return out;
  }
  const DecisionHistories histories = decision_histories(trail);
  const std::string html =
      render_proces_verbal({*snapshot, store.exam_plans(), store.scoring_grids(), now, "jurymn " JURYMN_VERSION,
                            head.digest, walk_audit_chain(trail, head), &histories, pin_resets(trail)});
  std::error_code ec;
  fs::path parent = platform::u8path(out_path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (std::string err = write_file_atomic(out_path, html); !err.empty()) {
    out.summary = "Le procès-verbal n’a pas pu être écrit : " + err;
    return out;
  }
  out.ok = true;
  out.summary = "Procès-verbal écrit dans " + out_path + ".";
  return out;
}

std::string proces_verbal_path(const Store& store, const SessionRecord& session) {
  return platform::path_text(platform::u8path(store.path()).parent_path() / "proces-verbaux" /
          ("proces-verbal-" + file_name_part(session.date + "-" + session.uuid.substr(0, 8)) + ".html"));
}

std::string export_folder_name(const SessionRecord& session, TimeMs now) {
  return "resultats-" + session.date + "-" + session.uuid.substr(0, 8) + "-" + std::to_string(now / 1000) +
         (session.kind == SessionKind::Rehearsal ? "-jury-blanc" : "");
}

std::string export_summary(const SessionRecord& session, const std::string& outcome) {
  if (session.kind != SessionKind::Rehearsal) return outcome;
  // The centre's refusal of it is said on the export button's tooltip.
  return "JURY BLANC, sans valeur de certification — " + outcome;
}

std::string own_exports_folder(const Store& store) {
  return platform::path_text(platform::u8path(store.path()).parent_path() / "exports");
}

ui::ImportOutcome export_results_to(const Store& store, const std::string& session, const std::string& folder,
                                    const std::string& config_dir, TimeMs now) {
  auto record = store.find_session(session);
  if (!record) return ui::ImportOutcome{false, "Session introuvable.", {}};
  if (folder.empty()) return ui::ImportOutcome{false, "Choisissez le dossier où exporter les résultats.", {}};
  const fs::path where = platform::u8path(folder);
  std::error_code ec;
  const bool own = where.lexically_normal() == platform::u8path(own_exports_folder(store)).lexically_normal();
  if (own) fs::create_directories(where, ec);
  if (!fs::is_directory(where, ec))
    return ui::ImportOutcome{
        false,
        "Les résultats n’ont pas été exportés\u00A0: " + guillemets(folder) +
            " n’est pas un dossier existant. Branchez la clé USB ou choisissez un dossier avec «\u00A0Choisir un "
            "dossier…\u00A0».",
        {}};
  const std::string dir = platform::path_text(where / export_folder_name(*record, now));
  ExportOutcome o = export_session(store, session, dir, config_dir, now);
  if (!o.ok) return ui::ImportOutcome{false, export_summary(*record, o.summary), {}};
  // Read back from where it was written: a full or failing key shows now,
  // while the jury is still there.
  // (its records are checked a line at a time, the trail not kept)
  BundleReading read_back;
  read_back.keep_trail = false;
  read_back.keep_files = false;
  BundleCheck check = verify_bundle(dir, read_back);
  if (!check.ok()) {
    ui::ImportOutcome bad{false,
                          "Le dossier écrit dans " + dir +
                              " ne se relit pas correctement\u00A0: ne le remettez pas au centre, exportez de nouveau "
                              "(sur une autre clé si elle est en cause).",
                          check.problems};
    return bad;
  }
  if (!own) {
    // A preference lost costs only the suggestion next time.
    if (std::string err = save_export_folder(config_dir, folder); !err.empty())
      std::fprintf(stderr, "jurymn\u00A0: %s\n", err.c_str());
  }
  ui::ImportOutcome out{true,
                        export_summary(*record, "Résultats exportés, relus et vérifiés dans " + dir + " (clé " +
                                                    o.fingerprint + ")."),
                        {}};
  out.written = dir;
  return out;
}

std::string database_copy_folder(const Store& store, const std::string& config_dir, const std::string& home) {
  for (const ui::ExportPlace& p : export_places(store, config_dir))
    if (p.removable) return p.path;
  return home;
}

std::vector<ui::ExportPlace> export_places(const Store& store, const std::string& config_dir) {
  std::vector<ui::ExportPlace> out;
  const std::vector<platform::Volume> volumes = platform::removable_volumes();
  const std::string own = own_exports_folder(store);
  const std::string last = load_export_folder(config_dir);
  std::error_code ec;
  if (!last.empty() && last != own && fs::is_directory(platform::u8path(last), ec)) {
    std::string label = "Le dossier " + guillemets(platform::path_text(platform::u8path(last).filename()));
    bool on_key = false;
    for (const auto& v : volumes) {
      // A folder on the key: "E:\\" holds "E:\\Résultats", "/media/k" holds "/media/k/r".
      const bool inside = last.size() > v.path.size() && last.compare(0, v.path.size(), v.path) == 0 &&
                          (v.path.back() == '/' || v.path.back() == '\\' || last[v.path.size()] == '/' ||
                           last[v.path.size()] == '\\');
      if (last == v.path) label = "La clé USB " + guillemets(v.label);
      else if (inside) label += " sur la clé USB " + guillemets(v.label);
      else continue;
      on_key = true;
      break;
    }
    out.push_back({label + ", comme la dernière fois", last, on_key});
  }
  for (const auto& v : volumes)
    if (v.path != last) out.push_back({"Clé USB " + guillemets(v.label), v.path, true});
  out.push_back({"Le dossier de jurymn sur cet ordinateur", own, false});
  return out;
}

ui::Services make_services(Store& store, const Clock& clock) {
  ui::Services s;
  s.choose_csv_file = [](const std::string& title) -> std::shared_ptr<ui::PathDialog> {
    // On the USB key when one is plugged in: the centre's list is there.
    const auto keys = platform::removable_volumes();
    return system_path_dialog(
        {false, title, keys.empty() ? platform::home_dir() : keys.front().path, "Fichiers CSV", "*.csv"});
  };
  s.import_candidates = [&store](const std::string& session, const std::string& path, const CcpSet& ccps) {
    return import_candidates_file(store, session, path, "ui", &ccps);
  };
  s.find_candidate_files = find_csv_files;
  s.session_opened = [&store, &clock](const std::string&) {
    if (store.read_only()) return;
    fs::path dir = platform::u8path(store.path()).parent_path() / "sauvegardes";
    // A failed backup must not stop the exam; it is reported on stderr.
    BackupResult b = make_dated_backup(store, platform::path_text(dir), clock.now_ms());
    if (!b.error.empty()) std::fprintf(stderr, "jurymn\u00A0: %s\n", b.error.c_str());
  };
  auto fingerprint = std::make_shared<std::string>(existing_installation_key(platform::config_dir()).fingerprint);
  // Until the key exists, it is looked for again: a command-line export
  // (jurymn export) may create it while the window is open. Once it exists
  // it never changes.
  s.key_fingerprint = [fingerprint] {
    if (fingerprint->empty()) *fingerprint = existing_installation_key(platform::config_dir()).fingerprint;
    return *fingerprint;
  };
  s.default_copy_path = [&store, &clock] {
    return default_copy_path(database_copy_folder(store, platform::config_dir(), platform::home_dir()), clock.now_ms());
  };
  s.copy_database = [&store](const std::string& path) {
    BackupResult b = copy_database(store, path);
    if (!b.error.empty()) return ui::ImportOutcome{false, b.error, {}};
    return ui::ImportOutcome{true, "Base copiée dans " + b.path + ".", {}};
  };
  s.export_results = [&store, &clock, fingerprint](const std::string& session, const std::string& folder) {
    ui::ImportOutcome o = export_results_to(store, session, folder, platform::config_dir(), clock.now_ms());
    // The key exists now: the status line shows its fingerprint.
    if (o.ok) *fingerprint = existing_installation_key(platform::config_dir()).fingerprint;
    return o;
  };
  s.export_places = [&store] { return export_places(store, platform::config_dir()); };
  s.choose_folder = [](const std::string& title, const std::string& start) -> std::shared_ptr<ui::PathDialog> {
    return system_path_dialog({true, title, start.empty() ? platform::home_dir() : start, "", ""});
  };
  s.show_folder = [](const std::string& path) { return platform::open_document(path).opened; };
  s.write_feedback_sheet = [&store, &clock](const std::string& session, const std::string& candidate) {
    auto snap = store.snapshot(session);
    if (!snap) return ui::ImportOutcome{false, "Session introuvable.", {}};
    const CandidateRecord* c = nullptr;
    for (const auto& x : snap->candidates)
      if (x.uuid == candidate) c = &x;
    if (!c) return ui::ImportOutcome{false, "Candidat introuvable.", {}};
    if (std::string why = feedback_sheet_refusal(*snap, *c); !why.empty()) return ui::ImportOutcome{false, why, {}};
    const std::string path = platform::path_text(platform::u8path(store.path()).parent_path() / "retours" /
                              platform::u8path("retour-" + file_name_part(snap->session.date + "-" + c->data.number) + ".html"));
    std::error_code ec;
    fs::create_directories(platform::u8path(path).parent_path(), ec);
    if (std::string err = write_file_atomic(
            path, render_feedback_sheet({*snap, *c, store.exam_plans(), store.scoring_grids(), clock.now_ms()}));
        !err.empty())
      return ui::ImportOutcome{false, "La fiche n’a pas pu être écrite\u00A0: " + err, {}};
    const platform::OpenedDocument opened = platform::open_document(path);
    return ui::ImportOutcome{true,
                             "Fiche de retour écrite dans " + path +
                                 (opened ? " — elle s’ouvre dans le navigateur, pour l’imprimer."
                                         : ". " + not_opened_text(opened, /*feminine=*/true)),
                             {}};
  };
  // A page written beside the base, then opened in the browser to print.
  auto write_and_open = [](const std::string& path, const std::string& html, const std::string& what) {
    std::error_code ec;
    fs::create_directories(platform::u8path(path).parent_path(), ec);
    if (std::string err = write_file_atomic(path, html); !err.empty())
      return ui::ImportOutcome{false, what + "\u00A0: écriture impossible (" + err + ").", {}};
    const platform::OpenedDocument opened = platform::open_document(path);
    return ui::ImportOutcome{
        true, what + "\u00A0: " + path + (opened ? " — la page s’ouvre dans le navigateur, pour l’imprimer."
                                                  : ". " + not_opened_text(opened, /*feminine=*/true)),
        {}};
  };
  s.write_feedback_sheets = [&store, &clock, write_and_open](const std::string& session) {
    auto snap = store.snapshot(session);
    if (!snap) return ui::ImportOutcome{false, "Session introuvable.", {}};
    if (snap->session.kind != SessionKind::Rehearsal)
      return ui::ImportOutcome{false, "En examen officiel, le procès-verbal fait foi\u00A0: pas de fiche de retour.", {}};
    const std::string html = render_feedback_sheets(*snap, store.exam_plans(), store.scoring_grids(), clock.now_ms());
    if (html.empty())
      return ui::ImportOutcome{false, "Aucun candidat n’a encore été délibéré\u00A0: pas de fiche de retour.", {}};
    return write_and_open(platform::path_text(platform::u8path(store.path()).parent_path() / "retours" /
                           ("retours-" + file_name_part(snap->session.date + "-" + snap->session.uuid.substr(0, 8)) + ".html")),
                          html, "Fiches de retour, une page par candidat");
  };
  s.write_group_page = [&store, &clock, write_and_open](const std::string& session) {
    auto snap = store.snapshot(session);
    if (!snap) return ui::ImportOutcome{false, "Session introuvable.", {}};
    return write_and_open(platform::path_text(platform::u8path(store.path()).parent_path() / "retours" /
                           ("groupe-" + file_name_part(snap->session.date + "-" + snap->session.uuid.substr(0, 8)) + ".html")),
                          render_group_report({*snap, store.exam_plans(), store.scoring_grids(), clock.now_ms()}),
                          "Vue du groupe");
  };
  s.write_proces_verbal = [&store, &clock](const std::string& session) {
    auto record = store.find_session(session);
    if (!record) return ui::ImportOutcome{false, "Session introuvable.", {}};
    const std::string path = proces_verbal_path(store, *record);
    ui::ImportOutcome o = write_proces_verbal_file(store, session, path, clock.now_ms());
    if (!o.ok) return o;
    const platform::OpenedDocument opened = platform::open_document(path);
    if (opened) o.summary += " Il s’ouvre dans le navigateur, pour l’imprimer.";
    else o.summary += " " + not_opened_text(opened, /*feminine=*/false);
    return o;
  };
  return s;
}

}  // namespace jurymn
