// SPDX-License-Identifier: EUPL-1.2
#include "app/commands.h"

#include "core/candidate_fields.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <random>
#include <thread>
#include <nlohmann/json.hpp>

#include "app/installation_key.h"
#include "app/os_random.h"
#include "app/session_services.h"
#include "app/resources.h"
#include "app/results_export.h"
#include "platform/platform.h"
#include "core/local_time.h"
#include "core/spoken_codes.h"
#include "core/text.h"
#include "io/bundle.h"
#include "io/confirmation_proof.h"
#include "io/html.h"
#include "io/feedback_sheet.h"
#include "io/group_report.h"
#include "io/file.h"
#include "io/results_json.h"
#include "io/signing.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/title_json.h"
#include "store/completed_session.h"
#include "store/demo.h"
#include "store/replay.h"

namespace jurymn {

namespace {

// Everything printed goes through terminal_safe: names and folders come from
// files and people, and an escape sequence in them must show, not act.
template <class... A>
void say(std::FILE* to, fmt::format_string<A...> format, A&&... args) {
  std::fputs(terminal_safe(fmt::format(format, std::forward<A>(args)...)).c_str(), to);
}
template <class... A>
void tell(fmt::format_string<A...> format, A&&... args) {
  say(stdout, format, std::forward<A>(args)...);
}
template <class... A>
void warn(fmt::format_string<A...> format, A&&... args) {
  say(stderr, format, std::forward<A>(args)...);
}

// Reading commands may run while the GUI holds the lock: they open read-only.
OpenedDatabase open_for(const std::string& db, const Clock& clock, bool write) {
  OpenedDatabase d = write ? open_database(db, clock, /*for_gui=*/false) : open_database_to_read(db, clock);
  if (!d.store) warn("jurymn\u00A0: {}\n", d.error);
  return d;
}

std::optional<SessionRecord> session_or_complain(const Store& store, const std::string& key) {
  auto s = store.find_session(key);
  if (!s)
    fmt::print(stderr,
               "jurymn\u00A0: aucune session ne correspond à «\u00A0{}\u00A0» dans {} (voir\u00A0: jurymn sessions list --db {}).\n",
               key, store.path(), store.path());
  return s;
}

// A path as one shell word, for a command the user copies.
std::string shell_word(const std::string& s) {
  bool plain = !s.empty();
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == ',' || c == ':' || c >= 0x80))
      plain = false;
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Dates as every screen and page says them (core/local_time).
std::string when_text(TimeMs t) { return french_date_time(t); }
// In CSV cells: ISO 8601, local time, which a spreadsheet reads as a date.
std::string csv_when(TimeMs t) { return local_time_text(t, "%Y-%m-%d %H:%M"); }

// A laptop's key as the centre enrolled it: its name, the fingerprint only
// when it has none (or is not enrolled).
std::string key_label(const Store& store, const std::string& fingerprint) {
  auto k = store.trusted_key(fingerprint);
  if (k && !k->name.empty()) return guillemets(k->name);
  return "clé " + fingerprint;
}

// Every key that served a merged session, and what only keys the centre has
// not confirmed for it carried (« ajouté par un autre ordinateur »): French
// lines, none when one key alone served it.
std::vector<std::string> session_keys_text(const Store& store, const SessionRecord& s, const std::string& db) {
  const auto keys = store.session_keys(s.uuid);
  std::vector<std::string> out;
  if (keys.size() < 2) return out;
  std::string list;
  for (const auto& k : keys)
    list += (list.empty() ? "" : ", ") + key_label(store, k.fingerprint) +
            (k.first ? " (premier lot)"
                     : k.confirmed_by.empty() ? " (non confirmé pour cette session)"
                                              : " (confirmé par " + k.confirmed_by + ")");
  out.push_back("Session " + s.uuid.substr(0, 8) + " (" + s.title + ", " + s.date + ")\u00A0: lots de " +
                std::to_string(keys.size()) + " ordinateurs — " + list + ".");
  const auto added = store.added_by_other_keys(s.uuid);
  if (added.empty()) return out;
  std::string who;
  std::set<std::string> fps;
  for (const auto& a : added) {
    std::string by;
    for (const auto& fp : a.fingerprints) by += (by.empty() ? "" : ", ") + key_label(store, fp), fps.insert(fp);
    who += (who.empty() ? "" : "\u00A0; ") + a.number + " " + a.name + " (" + by + ")";
  }
  out.push_back("  Ajouté par un autre ordinateur, non confirmé pour cette session\u00A0: " + who +
                ". Si c’est bien un ordinateur de ce jury\u00A0: jurymn keys trust LOT --session " + s.uuid.substr(0, 8) +
                " --db " + shell_word(db) + "\u00A0; sinon, interrogez le centre et le jury.");
  return out;
}

// Who does it: --by, or the user logged in.
std::string actor_or_user(const std::string& by) { return by.empty() ? platform::user_name() : by; }

}  // namespace

int cmd_sessions_list(const std::string& db, bool as_json) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  auto sessions = d.store->sessions();
  if (as_json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : sessions)
      rows.push_back({{"uuid", s.uuid},
                     {"title", s.title},
                     {"date", s.date},
                     {"exam_centre", s.exam_centre},
                     {"kind", to_id(s.kind)},
                     {"ccps", to_id(s.ccps)},
                     {"candidates", s.candidate_count},
                     {"jury_members", s.jury_count}});
    tell("{}\n", rows.dump(2));
    return 0;
  }
  if (sessions.empty()) {
    tell("Aucune session dans {}.\n", d.store->path());
    return 0;
  }
  tell("{:<10}{:<12}{:<12}{:<11}{:>10}  {}\n", "ID", "DATE", "TYPE", "CCP", "CANDIDATS", "INTITULÉ");
  for (const auto& s : sessions)
    tell("{:<10}{:<12}{:<12}{:<11}{:>10}  {}\n", s.uuid.substr(0, 8), s.date,
               s.kind == SessionKind::Official ? "officielle" : "jury blanc", to_id(s.ccps), s.candidate_count,
               s.title);
  return 0;
}

int cmd_sessions_create(const std::string& db, SessionInput input) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  if (input.ccps.empty() && !d.store->title().ccps.empty()) input.ccps.add(d.store->title().ccps.front().id);
  ApplyResult r = d.store->apply(action::CreateSession{std::move(input)}, "cli");
  if (!r) {
    warn("jurymn\u00A0: session refusée\u00A0: {}\n", r.error);
    for (const auto& f : r.field_errors) warn("  --{}\u00A0: {}\n", f.field == "exam_centre" ? "centre" : f.field == "ccps" ? "ccp" : f.field, f.message);
    return 1;
  }
  tell("{}\n", r.created_uuid);
  return 0;
}

int cmd_sessions_edit(const std::string& db, const std::string& key, const std::string& title,
                      const std::string& date, const std::string& centre, const std::string& kind,
                      const std::string& ccps) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  auto s = session_or_complain(*d.store, key);
  if (!s) return 1;
  SessionInput in{s->title, s->date, s->exam_centre, s->kind, s->ccps};
  if (!title.empty()) in.title = title;
  if (!date.empty()) in.date = date;
  if (!centre.empty()) in.exam_centre = centre;
  if (!kind.empty()) in.kind = *session_kind_from_id(kind);
  if (!ccps.empty()) in.ccps = *ccp_set_from_id(ccps);
  ApplyResult r = d.store->apply(action::EditSession{s->uuid, in}, "cli");
  if (!r) {
    warn("jurymn\u00A0: modification refusée\u00A0: {}\n", r.error);
    return 1;
  }
  tell("Session {} modifiée.\n", s->uuid.substr(0, 8));
  return 0;
}

int cmd_candidates_list(const std::string& db, const std::string& key, bool as_json) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  auto s = session_or_complain(*d.store, key);
  if (!s) return 1;
  auto list = d.store->candidates(s->uuid);
  if (as_json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : list) {
      nlohmann::json row = {{"uuid", c.uuid}, {"attendance", to_id(c.attendance)}};
      // The candidate's own fields as the list declares them (core/candidate_fields.h).
      for_each_field(kCandidateFields, [&](const auto& f) {
        constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
        if constexpr (kind == CandidateFieldKind::Ccps || kind == CandidateFieldKind::Equivalences)
          row[std::string(f.key)] = to_id(f.of(c.data));
        else
          row[std::string(f.key)] = f.of(c.data);
      });
      rows.push_back(std::move(row));
    }
    tell("{}\n", rows.dump(2));
    return 0;
  }
  tell("{} — {} candidat(s)\n", s->title, list.size());
  for (const auto& c : list) {
    std::string held;
    for (const auto& id : c.data.by_equivalence.ids) held += ", " + id + " par équivalence";
    tell("{:<10} {} {}  [{}{}] fiches {}/{}  {}\n", c.data.number, c.data.last_name, c.data.first_name,
               to_id(c.data.ccps), held, sheet_count(c.data.sheets), d.store->title().session_sheet_count(),
               french_label(c.attendance));
  }
  return 0;
}

int cmd_candidates_import(const std::string& db, const std::string& key, const std::string& file) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  auto s = session_or_complain(*d.store, key);
  if (!s) return 1;
  ui::ImportOutcome r = import_candidates_file(*d.store, s->uuid, file, "cli");
  if (!r.ok) {
    warn("jurymn\u00A0: {}\n", r.summary);
    for (const auto& p : r.problems) warn("  {}\u00A0: {}\n", file, p);
    return 1;
  }
  tell("{}\n", r.summary);
  return 0;
}

int cmd_plans_validate(const std::string& dir_arg) {
  const std::string dir = dir_arg.empty() ? exam_plans_dir() : dir_arg;
  // Against the installed title: a plan must be of one of its CCPs.
  TitleLoad title = load_title_file(title_file());
  for (const auto& p : title.problems) warn("{}\n", p.text());
  PlanDirLoad load = load_exam_plans_dir(dir, title.title ? &*title.title : nullptr);
  load.problems.insert(load.problems.begin(), title.problems.begin(), title.problems.end());
  for (const auto& p : load.problems) warn("{}\n", p.text());
  for (const auto& p : load.plans)
    tell("{} version {} ({})\u00A0: {} étapes, {} min dont {} min avec le jury\n", p.id, p.version, p.ccp,
               p.stages.size(), p.total_duration_ms() / 60000, p.jury_duration_ms() / 60000);
  if (!load.problems.empty()) {
    warn("{}\u00A0: {} problème(s).\n", dir, load.problems.size());
    return 1;
  }
  if (load.plans.empty()) {
    warn("{}\u00A0: aucun plan d’épreuve (*.json).\n", dir);
    return 1;
  }
  return 0;
}

int cmd_grids_validate(const std::string& dir_arg) {
  const std::string dir = dir_arg.empty() ? find_data_dir("scoring_grids") : dir_arg;
  TitleLoad title = load_title_file(title_file());
  const Title* t = title.title ? &*title.title : nullptr;
  PlanDirLoad plans = load_exam_plans_dir(exam_plans_dir(), t);
  plans.problems.insert(plans.problems.begin(), title.problems.begin(), title.problems.end());
  for (const auto& p : plans.problems) warn("{}\n", p.text());
  GridDirLoad load = load_grids_dir(dir, plans.plans, t);
  for (const auto& p : load.problems) warn("{}\n", p.text());
  for (const auto& g : load.grids)
    tell("{} version {} ({})\u00A0: {} compétences, {} critères\n", g.id, g.version, g.ccp,
               g.competencies.size(), g.criterion_count());
  const std::size_t count = load.problems.size() + plans.problems.size();
  if (count > 0) {
    warn("{}\u00A0: {} problème(s).\n", dir, count);
    return 1;
  }
  if (load.grids.empty()) {
    warn("{}\u00A0: aucune grille d’évaluation (*.json).\n", dir);
    return 1;
  }
  return 0;
}

int cmd_titles_validate(const std::string& file_arg) {
  const std::string file = file_arg.empty() ? title_file() : file_arg;
  ExamKit kit = load_exam_kit(file, exam_plans_dir(), find_data_dir("scoring_grids"));
  for (const auto& p : kit.problems) warn("{}\n", p.text());
  if (!kit.problems.empty()) {
    warn("{}\u00A0: {} problème(s).\n", file, kit.problems.size());
    return 1;
  }
  const Title& t = kit.title;
  tell("{} — {} (version {})\u00A0: {} CCP\n", t.code, t.name, t.version, t.ccps.size());
  for (const auto& c : t.ccps) {
    std::string competencies;
    for (const auto& id : c.competencies) competencies += (competencies.empty() ? "" : ", ") + id;
    tell("  {}\u00A0: {} — compétences {}\u00A0; plan {}, grille {}\n", c.id, c.label, competencies, c.plan, c.grid);
  }
  for (const auto& e : t.equivalences) tell("  équivalence {}\u00A0: {} → {}\n", e.id, e.label, e.grants);
  return 0;
}

int cmd_demo(const std::string& db) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  OsRandomSource random;
  DemoResult r = create_demo_session(d.store->path(), d.store->title(), d.store->exam_plans(),
                                     d.store->scoring_grids(), random, clock.now_ms());
  if (!r.error.empty()) {
    warn("jurymn\u00A0: démonstration impossible\u00A0: {}\n", r.error);
    return 1;
  }
  tell("Session de démonstration créée\u00A0: {} (jury blanc) dans {}\n", r.session_uuid, d.store->path());
  return 0;
}

int cmd_demo_completed(const std::string& db, int candidates, bool rehearsal, std::uint64_t seed) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  const std::string path = d.store->path();
  auto title = d.store->title();
  auto plans = d.store->exam_plans();
  auto grids = d.store->scoring_grids();
  d.store.reset();  // the generator opens its own connection; the lock stays held
  CompletedSessionResult r = create_completed_session(path, title, plans, grids, candidates,
                                                      rehearsal ? SessionKind::Rehearsal : SessionKind::Official, seed,
                                                      clock.now_ms());
  if (!r.error.empty()) {
    warn("jurymn : session générée impossible : {}\n", r.error);
    return 1;
  }
  tell("Session générée : {} ({} candidats examinés et décidés, {} actions, données fictives) dans {}\n",
             r.session_uuid, candidates, r.actions, path);
  return 0;
}

int cmd_feedback(const std::string& db, const std::string& session, const std::string& candidate,
                 const std::string& out) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  auto found = session_or_complain(*d.store, session);
  if (!found) return 1;
  auto snap = d.store->snapshot(found->uuid);
  if (!snap) return 1;
  if (snap->session.kind == SessionKind::Official) {
    warn("jurymn\u00A0: {} est une session officielle\u00A0: le procès-verbal fait foi, il n’y a pas de "
                       "fiche de retour.\n",
               snap->session.title);
    return 1;
  }
  const TimeMs now = clock.now_ms();
  auto sheet = [&](const CandidateRecord& c) {
    return render_feedback_sheet({*snap, c, d.store->exam_plans(), d.store->scoring_grids(), now});
  };
  if (!candidate.empty()) {
    const CandidateRecord* c = nullptr;
    for (const auto& x : snap->candidates)
      if (x.data.number == candidate) c = &x;
    if (!c) {
      warn("jurymn\u00A0: aucun candidat n° {} dans cette session.\n", candidate);
      return 1;
    }
    if (std::string why = feedback_sheet_refusal(*snap, *c); !why.empty()) {
      warn("jurymn\u00A0: {}\n", why);
      return 1;
    }
    if (std::string err = write_file_atomic(out, sheet(*c)); !err.empty()) {
      warn("jurymn\u00A0: {}\n", err);
      return 1;
    }
    tell("Fiche de retour écrite dans {}.\n", out);
    return 0;
  }
  // One sheet per candidate the jury has deliberated on, in a folder.
  std::error_code ec;
  std::filesystem::create_directories(platform::u8path(out), ec);
  int written = 0;
  for (const auto& c : snap->candidates) {
    if (!feedback_sheet_refusal(*snap, c).empty()) continue;
    const std::string path = platform::path_text((platform::u8path(out) / platform::u8path("retour-" + file_name_part(c.data.number) + ".html")));
    if (std::string err = write_file_atomic(path, sheet(c)); !err.empty()) {
      warn("jurymn\u00A0: {}\n", err);
      return 1;
    }
    ++written;
  }
  if (written == 0) {
    warn("jurymn\u00A0: aucun candidat n’a encore été délibéré\u00A0: pas de fiche de retour.\n");
    return 1;
  }
  // The trainer's page of the whole group goes with the candidates' sheets.
  const std::string group = platform::path_text((platform::u8path(out) / "groupe.html"));
  if (std::string err = write_file_atomic(
          group, render_group_report({*snap, d.store->exam_plans(), d.store->scoring_grids(), now}));
      !err.empty()) {
    warn("jurymn\u00A0: {}\n", err);
    return 1;
  }
  tell("{} fiche(s) de retour et la vue du groupe (groupe.html) écrites dans {}.\n", written, out);
  return 0;
}

int cmd_export(const std::string& db, const std::string& session, const std::string& out_dir) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  if (!session_or_complain(*d.store, session)) return 1;
  ExportOutcome o = export_session(*d.store, session, out_dir, platform::config_dir(), clock.now_ms());
  say(o.ok ? stdout : stderr, "{}{}\n", o.ok ? "" : "jurymn : ", o.summary);
  return o.ok ? 0 : 1;
}

// The file a problem of the replay is in: an entry refused, the trail's;
// a record unlike the replayed one, the file that holds that record (the
// replay's comparison starts each such problem with the record's pointer:
// « /runs/… », « /candidates/… », « /session/… », « /jury/… »).
std::string replay_problem_in(const BundleCheck& c, const std::string& problem) {
  if (!c.bundle || c.bundle->format_version < 5) return "results.json, " + problem;
  if (problem.starts_with("/runs/")) return "runs.jsonl, " + problem;
  if (problem.starts_with("/candidates/")) return "candidates.jsonl, " + problem;
  if (problem.starts_with("/session/") || problem.starts_with("/jury/")) return "results.json, " + problem;
  return "audit-trail.jsonl, " + problem;
}

// The bundle's records against the replay of its trail (store/replay.h),
// under the plans and grids installed here; its problems join the check's.
ReplayReport prove_by_replay(BundleCheck& c, const ExamKit& kit) {
  if (!c.ok()) return {};
  ReplayReport r = check_bundle_by_replay(*c.bundle, kit.plans, kit.grids);
  for (const auto& p : r.problems) c.problems.push_back(replay_problem_in(c, p));
  if (!c.problems.empty()) c.bundle.reset();
  return r;
}

// verify: the trail replayed as it is read, never held; the records held
// are compared with the replayed session at the end.
BundleCheck verify_by_replay(const std::string& dir, const ExamKit& kit, ReplayReport& report) {
  std::unique_ptr<BundleReplay> replay;
  BundleReading how;
  how.keep_trail = false;
  how.keep_files = false;
  how.on_head = [&](const ResultsBundle& head) { replay = std::make_unique<BundleReplay>(head, kit.plans, kit.grids); };
  how.on_entry = [&](const AuditRecord& e) { replay->feed(e); };
  how.replayed = true;
  BundleCheck c = verify_bundle(dir, how);
  if (!c.ok() || !replay) return c;
  report = replay->finish(c.bundle->snapshot);
  for (const auto& p : report.problems) c.problems.push_back(replay_problem_in(c, p));
  if (!c.problems.empty()) c.bundle.reset();
  return c;
}

int cmd_verify(const std::string& dir) {
  ReplayReport replay;
  const ExamKit kit = load_installed_exam_kit();
  BundleCheck c = verify_by_replay(dir, kit, replay);
  if (!c.ok()) {
    warn("jurymn : lot de résultats refusé ({}) :\n", dir);
    for (const auto& p : c.problems) warn("  - {}\n", p);
    return 1;
  }
  const ResultsBundle& b = *c.bundle;
  int runs = static_cast<int>(b.snapshot.runs.size()), locked = 0;
  for (const auto& r : b.snapshot.runs) locked += r.decision.locked();
  tell("Lot de résultats valide : {}\n", dir);
  tell("  Session : {} ({}, {}){}\n", b.snapshot.session.title, b.snapshot.session.date,
             b.snapshot.session.exam_centre,
             b.snapshot.session.kind == SessionKind::Rehearsal ? " — JURY BLANC, sans valeur de certification" : "");
  tell("  Candidats : {}, épreuves : {}, résultats verrouillés : {}\n", b.snapshot.candidates.size(),
             runs, locked);
  tell("  Exporté par {}\n", b.app_version);
  tell("  Journal d’audit : {} entrée{}, chaîne intacte jusqu’à la tête signée, résultats conformes au rejeu du "
       "journal{}\n",
       b.audit.entries, b.audit.entries > 1 ? "s" : "", replay.partial() ? " — «\u00A0preuves partielles\u00A0»" : "");
  for (const auto& u : replay.unproven) tell("    {}\n", u);
  tell("  Clé de signature : {} (à comparer avec celle affichée sur l’ordinateur du jury)\n", c.fingerprint);
  for (const auto& n : c.notes) tell("  Attention, {}\n", n);
  return 0;
}

// Why `path` cannot receive a file, in French, or "": an existing folder,
// link, device or pipe; a missing or unwritable folder (a probe file is
// created there and removed).
std::string csv_destination_problem(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(platform::u8path(path), ec);
  if (fs::is_symlink(st)) return "c’est un lien symbolique\u00A0: indiquez le fichier lui-même.";
  if (fs::is_directory(st)) return "c’est un dossier\u00A0: indiquez un nom de fichier, par exemple centre.csv.";
  if (fs::exists(st) && !fs::is_regular_file(st)) return "ce n’est pas un fichier ordinaire (périphérique, tube…).";
  fs::path parent = platform::u8path(path).parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec)) return "le dossier " + platform::path_text(parent) + " n’existe pas.";
  const fs::path probe = parent / (".jurymn-essai-" + std::to_string(std::random_device{}()));
  {
    std::ofstream f(probe, std::ios::binary);
    if (!f) return "le dossier " + platform::path_text(parent) + " n’accepte pas d’écriture (protégé ou en lecture seule).";
  }
  fs::remove(probe, ec);
  return {};
}

// What a bundle about to be merged does not prove: its replay's
// « preuves partielles » and its unsigned confirmations (BundleCheck::notes).
std::vector<std::string> partial_proofs(const BundleCheck& c, const ReplayReport& r) {
  std::vector<std::string> out = r.unproven;
  out.insert(out.end(), c.notes.begin(), c.notes.end());
  return out;
}

// The centre's consolidated table of every session it holds (rehearsals
// only with `include_rehearsal`): each row's decision, its paper PV check,
// its proofs and the conflicting decisions of other laptops.
std::string consolidated_csv(Store& store, bool include_rehearsal, bool require_pv_code) {
  std::vector<SessionSnapshot> sessions;
  std::vector<CsvConflict> csv_conflicts;
  std::map<std::string, std::string> paper, proofs;
  std::set<std::string> awaiting_paper;
  std::map<std::string, std::string> computers;
  for (const auto& s : store.sessions()) {
    if (s.kind == SessionKind::Rehearsal && !include_rehearsal) continue;
    auto snap = store.snapshot(s.uuid);
    if (!snap) continue;
    // Each row: the PV of the laptop its decision came from; rows without a
    // decision: every check of the session, each naming its laptop.
    const auto checks = store.pv_checks(s.uuid);
    std::string all;
    for (const auto& c : checks)
      all += (all.empty() ? "" : " | ") + paper_check_text({c}, c.key_fingerprint, csv_when) + ", " +
             key_label(store, c.key_fingerprint);
    paper[s.uuid] = all.empty() ? "non vérifié" : all;
    for (const auto& [run, key] : store.decision_keys(s.uuid)) {
      paper[run] = paper_check_text(checks, key, csv_when);
      const bool checked = std::any_of(checks.begin(), checks.end(),
                                       [&](const PvCheckRecord& c) { return c.key_fingerprint == key; });
      if (!checked && s.kind == SessionKind::Official) {
        paper[run] += " — résultat provisoire";
        if (require_pv_code) awaiting_paper.insert(run);
      }
    }
    proofs[s.uuid] = proofs_text(store.partial_proofs(s.uuid));
    std::string served;
    for (const auto& k : store.session_keys(s.uuid))
      served += (served.empty() ? "" : ", ") + key_label(store, k.fingerprint) +
                (k.trusted_for_session() ? "" : " (non confirmé pour cette session)");
    computers[s.uuid] = served;
    for (const auto& a : store.added_by_other_keys(s.uuid)) {
      std::string by;
      for (const auto& fp : a.fingerprints) by += (by.empty() ? "" : ", ") + key_label(store, fp);
      computers[a.candidate_uuid] = "ajouté par un autre ordinateur (" + by + ") — " + served;
    }
    for (const auto& c : store.decision_conflicts(s.uuid)) {
      std::string names;
      for (const auto& uuid : c.confirmed_by)
        for (const auto& m : snap->jury)
          if (m.uuid == uuid) names += (names.empty() ? "" : ", ") + m.name;
      csv_conflicts.push_back({c.run_uuid, "autre décision : " + std::string(french_label(c.decided)) +
                                               (names.empty() ? "" : " (confirmée par " + names + ")") + ", lot " +
                                               c.source + ", ordinateur " + key_label(store, c.key_fingerprint) +
                                               " (PV papier de cet ordinateur : " +
                                               paper_check_text(checks, c.key_fingerprint, csv_when) + ")"});
    }
    sessions.push_back(std::move(*snap));
  }
  return results_csv(sessions, csv_conflicts, paper, proofs, awaiting_paper, computers);
}

int cmd_merge(const std::string& into, const std::vector<std::string>& bundles, bool include_rehearsal,
              const std::string& csv_out, const MergeTrust& trust) {
  // Every bundle is checked before anything is written: one bad bundle and
  // the centre's database is left as it was.
  // Checking is pure work on files: spread over the cores.
  std::vector<BundleCheck> checked(bundles.size());
  std::vector<ReplayReport> replays(bundles.size());
  const ExamKit kit = load_installed_exam_kit();
  SystemClock clock;
  // A bundle whose results.json (by its SHA-256) was merged here already was
  // replayed then: its signature and files are checked again, but not its
  // trail, since the merge will change nothing for it.
  std::set<std::string> merged_before;
  std::map<std::string, TrustedKeyRecord> enrolled;
  {
    std::error_code ec;
    if (std::filesystem::exists(platform::u8path(into), ec)) {
      auto r = open_for(into, clock, false);
      if (!r.store) return 1;
      // The keys it trusts must be those its own trail enrolled: a row
      // slipped in with sqlite3 would let a stranger's bundle through.
      if (const auto problems = enrolled_keys_problems(*r.store); !problems.empty()) {
        warn("jurymn\u00A0: les clés enrôlées dans {} ne sont pas celles de son journal d’audit (base modifiée hors "
             "de jurymn)\u00A0:\n",
             into);
        for (const auto& p : problems) warn("  - {}\n", p);
        warn("jurymn\u00A0: aucun lot n’a été importé\u00A0; {} est inchangée. Voyez jurymn audit verify --db {}.\n", into,
             shell_word(into));
        return 1;
      }
      merged_before = r.store->imported_bundle_digests();
      for (auto& k : r.store->trusted_keys()) enrolled.emplace(k.fingerprint, std::move(k));
    }
  }
  // A key the centre does not trust stops a bundle at public-key.pem: a
  // stranger's results.json is never read, let alone parsed.
  const KeyGate gate = [&](const std::string& fp) -> std::string {
    auto k = enrolled.find(fp);
    if (k != enrolled.end() && !k->second.active()) return "la clé " + fp + " est révoquée dans ce centre.";
    if (k == enrolled.end() && !trust.trust_new_key) return "la clé " + fp + " n’est pas enrôlée dans ce centre.";
    return {};
  };
  {
    std::atomic<std::size_t> next{0};
    // A bundle not merged before is replayed (prove_by_replay) and every
    // record compared with the replay; one merged before is not merged again.
    BundleReading how;
    how.gate = gate;
    how.replayed = true;
    auto worker = [&] {
      for (std::size_t i; (i = next++) < bundles.size();) {
        checked[i] = verify_bundle(bundles[i], how);
        if (!checked[i].ok() || !merged_before.count(checked[i].results_digest))
          replays[i] = prove_by_replay(checked[i], kit);
      }
    };
    const unsigned n = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
  }
  bool refused = false;
  // The consolidated table is written after the merge commits: a path that
  // cannot take it must stop everything first, not fail once it is done.
  if (!csv_out.empty())
    if (std::string why = csv_destination_problem(csv_out); !why.empty()) {
      warn("jurymn : --csv {} : {}\n", csv_out, why);
      refused = true;
    }
  for (std::size_t i = 0; i < bundles.size(); ++i) {
    const std::string& dir = bundles[i];
    BundleCheck& c = checked[i];
    if (c.key_refused) {
      refused = true;  // said below, with what to do about the key
    } else if (!c.ok()) {
      warn("jurymn : lot refusé ({}) :\n", dir);
      for (const auto& p : c.problems) warn("  - {}\n", p);
      refused = true;
    } else if (c.bundle->snapshot.session.kind == SessionKind::Rehearsal && !include_rehearsal) {
      fmt::print(stderr,
                 "jurymn : lot refusé ({}) : c’est un jury blanc, sans valeur de certification "
                 "(--include-rehearsal pour l’importer quand même).\n",
                 dir);
      refused = true;
    }
  }
  // Only keys the centre enrolled: checked before anything is written (the
  // store checks again as it merges).
  std::vector<std::string> to_enrol;  // fingerprints, in bundle order
  std::map<std::string, std::string> enrol_source;
  // Said for a bundle refused for other reasons too: a stranger's key is
  // the first thing the centre must know.
  {
    std::map<std::string, std::optional<TrustedKeyRecord>> known;
    std::error_code ec;
    if (std::filesystem::exists(into, ec)) {
      auto r = open_for(into, clock, false);
      if (!r.store) return 1;
      for (const auto& c : checked)
        if (!c.fingerprint.empty()) known[c.fingerprint] = r.store->trusted_key(c.fingerprint);
    }
    for (std::size_t i = 0; i < bundles.size(); ++i) {
      const std::string& fp = checked[i].fingerprint;
      if (fp.empty()) continue;
      const std::optional<TrustedKeyRecord>& k = known[fp];
      if (k && !k->active()) {
        warn("jurymn\u00A0: lot refusé ({})\u00A0: il est signé par la clé {} («\u00A0{}\u00A0»), révoquée le {} par {}.{}\n",
             bundles[i], fp, k->name, when_text(*k->revoked_at), k->revoked_by,
             checked[i].key_refused ? " Le reste du lot n’a pas été lu." : "");
        refused = true;
      } else if (!k && trust.trust_new_key) {
        if (!enrol_source.count(fp)) to_enrol.push_back(fp);
        enrol_source.emplace(fp, bundles[i]);
      } else if (!k) {
        const std::string pem = platform::path_text(platform::u8path(bundles[i]) / "public-key.pem");
        warn("jurymn\u00A0: lot refusé ({})\u00A0: il est signé par la clé {}, que ce centre n’a pas enrôlée.\n"
             "  Vérifiez cette empreinte avec le jury (par téléphone\u00A0: elle s’affiche sur l’accueil de son "
             "ordinateur), puis enrôlez la clé\u00A0:\n"
             "    jurymn keys trust {} --name \"NOM DE L’ORDINATEUR\" --db {}\n"
             "  ou relancez la fusion avec --trust-new-key (l’enrôlement est alors noté «\u00A0vérifiée par "
             "téléphone\u00A0»).{}\n",
             bundles[i], fp, shell_word(pem), shell_word(into),
             checked[i].key_refused ? "\n  Le reste du lot (results.json) n’a pas été lu." : "");
        refused = true;
      }
    }
  }
  if (refused) {
    warn("jurymn\u00A0: aucun lot n’a été importé\u00A0; {} est inchangée.\n", into);
    return 1;
  }
  auto d = open_for(into, clock, true);
  if (!d.store) return 1;
  int merged = 0, conflicts = 0;
  std::set<std::string> merged_sessions;  // uuids, and title/date/centre
  // All the bundles in one transaction: one disk sync, and all or none.
  if (std::string err = d.store->begin_bulk(); !err.empty()) {
    warn("jurymn : {}\n", err);
    return 1;
  }
  std::vector<std::string> report;
  const std::string by = actor_or_user(trust.by);
  for (const auto& fp : to_enrol) {
    const std::string& dir = enrol_source[fp];
    const std::string name =
        trust.key_name.empty() ? "enrôlée à la fusion de " + platform::path_text(platform::u8path(dir).filename()) : trust.key_name;
    ApplyResult r = d.store->apply(action::TrustKey{fp, name, by, dir, /*checked_by_phone=*/true}, "centre");
    if (!r) {
      d.store->end_bulk(false);
      warn("jurymn\u00A0: clé {} non enrôlée\u00A0: {}\njurymn\u00A0: aucun lot n’a été importé\u00A0; {} est inchangée.\n", fp, r.error,
           into);
      return 1;
    }
    report.push_back(fmt::format("Clé {} enrôlée («\u00A0{}\u00A0», par {}, empreinte vérifiée par téléphone).", fp,
                                 name, by));
  }
  for (std::size_t i = 0; i < bundles.size(); ++i) {
    if (auto source = d.store->imported_bundle_source(checked[i].results_digest)) {
      report.push_back(fmt::format("{} : déjà importé (depuis {}) ; rien n’a changé.", bundles[i], *source));
      continue;
    }
    const bool official = checked[i].bundle->snapshot.session.kind == SessionKind::Official;
    const std::string session_uuid = checked[i].bundle->snapshot.session.uuid;
    // The centre's session may be another laptop's (same title, date, centre).
    const SessionRecord bs = checked[i].bundle->snapshot.session;
    merged_sessions.insert(session_uuid);
    merged_sessions.insert(bs.title + '\n' + bs.date + '\n' + bs.exam_centre);
    const std::vector<std::string> unproven = partial_proofs(checked[i], replays[i]);
    ApplyResult r = d.store->apply(action::MergeBundle{std::move(*checked[i].bundle), checked[i].results_digest,
                                                       bundles[i], include_rehearsal, unproven,
                                                       std::move(checked[i].results_json),
                                                       std::move(checked[i].proces_verbal)},
                                   "centre");
    if (!r && r.unchanged) {
      // Older than what this batch or the base holds from the same key: it
      // adds nothing, and the others still count (« merge A2 A1 »).
      report.push_back(r.error);
      continue;
    }
    if (!r) {
      d.store->end_bulk(false);
      warn("jurymn : {}\njurymn : aucun lot n’a été importé ; {} est inchangée.\n", r.error,
                 into);
      return 1;
    }
    ++merged;
    report.push_back(fmt::format("{} : importé (clé {}){}.", bundles[i], checked[i].fingerprint,
                                 unproven.empty() ? "" : " — «\u00A0preuves partielles\u00A0»"));
    for (const auto& u : unproven) report.push_back("    " + u);
    // Whoever holds the laptop can rewrite a whole trail with PINs of their
    // own and sign it: only the code printed on the paper PV, signed by the
    // jury, shows that the results are the jury's.
    // The centre's session may be another laptop's (same title, date, centre).
    std::string centre_session = session_uuid;
    for (const auto& s : d.store->sessions())
      if (s.uuid == session_uuid ||
          (s.title == bs.title && s.date == bs.date && s.exam_centre == bs.exam_centre && s.kind == bs.kind)) {
        centre_session = s.uuid;
        if (s.uuid == session_uuid) break;
      }
    const auto checks = d.store->pv_checks(centre_session);
    const bool paper_checked = std::any_of(checks.begin(), checks.end(), [&](const PvCheckRecord& c) {
      return c.key_fingerprint == checked[i].fingerprint;
    });
    if (official && !paper_checked)
      report.push_back(std::string("  Résultats officiels provisoires") +
                       (unproven.empty() ? "" : ", «\u00A0preuves partielles\u00A0»") +
                       " tant que le code de son PV papier n’est pas vérifié (PV papier\u00A0: non vérifié\u00A0; "
                       "colonnes «\u00A0PV papier\u00A0» et «\u00A0Preuves\u00A0» du tableau, jurymn keys list)" +
                       (trust.require_pv_code ? ", et le tableau consolidé ne les compte pas (--require-pv-code)" : "") +
                       "\u00A0: jurymn pv-code check --session " + centre_session.substr(0, 8) + " --db " +
                       shell_word(into) + " \"CODE\".");
    for (const auto& note : r.notes) report.push_back("  " + note);
    // The decision conflicts among the notes, the ones the base keeps (the
    // other notes are reopenings, extended trails, names).
    conflicts += r.conflicts;
  }
  // Several keys in one session are never hidden.
  {
    for (const auto& s : d.store->sessions())
      if (merged_sessions.count(s.uuid) || merged_sessions.count(s.title + '\n' + s.date + '\n' + s.exam_centre))
        for (auto& line : session_keys_text(*d.store, s, into)) report.push_back(std::move(line));
  }
  // The consolidated table, from what the transaction holds, is written
  // beside its place before the commit: a disk that cannot take it (full,
  // removed) stops the merge with the base unchanged. It takes its name
  // only once the merge is committed.
  namespace fs = std::filesystem;
  fs::path staged;
  if (!csv_out.empty()) {
    const fs::path dest = platform::u8path(csv_out);
    staged = dest.parent_path() / ("." + platform::path_text(dest.filename()) + ".avant-validation");
    if (std::string err = write_file_atomic(platform::path_text(staged), consolidated_csv(*d.store, include_rehearsal, trust.require_pv_code));
        !err.empty()) {
      d.store->end_bulk(false);
      warn("jurymn\u00A0: le tableau consolidé ne peut pas être écrit\u00A0: {}\njurymn\u00A0: aucun lot n’a été importé\u00A0; {} est "
           "inchangée.\n",
           err, into);
      return 1;
    }
  }
  const auto drop_staged = [&] {
    std::error_code ec;
    if (!staged.empty()) fs::remove(staged, ec);
  };
  if (std::string err = d.store->end_bulk(); !err.empty()) {
    drop_staged();
    warn("jurymn\u00A0: {}\njurymn\u00A0: aucun lot n’a été importé.\n", err);
    return 1;
  }
  for (const auto& line : report) tell("{}\n", line);
  tell("{} lot(s) importé(s) dans {}{}.\n", merged, into,
       conflicts ? fmt::format(" ; {} conflit(s) de décision à trancher", conflicts) : std::string());
  if (csv_out.empty()) return 0;
  std::error_code ec;
  fs::rename(staged, platform::u8path(csv_out), ec);
  if (ec) {
    drop_staged();
    warn("jurymn\u00A0: la fusion est faite, mais le tableau consolidé n’a pas pu être mis à sa place {} ({})\u00A0: "
         "relancez la fusion avec --csv pour l’écrire.\n",
         csv_out, ec.message());
    return 1;
  }
  tell("Tableau consolidé écrit dans {}.\n", csv_out);
  return 0;
}

std::string proofs_text(const std::vector<PartialProofRecord>& partial) {
  if (partial.empty()) return "complètes";
  for (const auto& p : partial)
    if (!p.paper_checked)
      return "partielles (lot " + p.source + ")\u00A0: résultats à confirmer par le code du PV papier (jurymn pv-code check)";
  return "partielles, confirmées par le code du PV papier";
}

std::string paper_check_text(const std::vector<PvCheckRecord>& checks, const std::string& key,
                             std::string (*when)(TimeMs)) {
  std::string out;
  for (const PvCheckRecord& c : checks) {
    if (c.key_fingerprint != key) continue;
    out += (out.empty() ? "vérifié le " : " ; de nouveau le ") + when(c.at) + " par " + c.checked_by + " (code " +
           c.code + ", " + std::to_string(c.entries_after) + (c.entries_after > 1 ? " entrées" : " entrée") +
           " après l’impression)";
  }
  return out.empty() ? "non vérifié" : out;
}

int cmd_keys_export(const std::string& out) {
  InstallationKey k = installation_key(platform::config_dir());
  if (!k.key) {
    warn("jurymn\u00A0: {}\n", k.error);
    return 1;
  }
  if (std::string err = write_file_atomic(out, public_key_pem(k.key->public_key)); !err.empty()) {
    warn("jurymn\u00A0: {}\n", err);
    return 1;
  }
  tell("Clé publique de cet ordinateur écrite dans {}{}.\n", out, k.created ? " (clé créée à l’instant)" : "");
  tell("  Empreinte\u00A0: {}\n", k.fingerprint);
  tell("  Remettez ce fichier au centre d’examen avant le jour de l’examen\u00A0; il l’enrôle avec\u00A0:\n"
       "    jurymn keys trust {} --name \"NOM DE CET ORDINATEUR\" --db CENTRE.db\n",
       shell_word(platform::path_text(platform::u8path(out).filename())));
  return 0;
}

int cmd_keys_trust(const std::string& db, const std::string& file, const std::string& name, const std::string& by,
                   const std::string& again, const std::string& session) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // A bundle's folder names its key too.
  const std::string path =
      fs::is_directory(platform::u8path(file), ec) ? platform::path_text(platform::u8path(file) / "public-key.pem") : file;
  FileBytes f = read_file(path, 64 * 1024);
  if (!f.error.empty()) {
    warn("jurymn\u00A0: {}\n", f.error);
    return 1;
  }
  if (f.bytes.find("PRIVATE KEY") != std::string::npos) {
    warn("jurymn\u00A0: {}\u00A0: c’est une clé privée, pas une clé publique. Une clé privée ne quitte jamais "
         "l’ordinateur du jury\u00A0: demandez le fichier écrit par «\u00A0jurymn keys export\u00A0» (ou le "
         "public-key.pem d’un lot), et prévenez le jury que sa clé privée a circulé.\n",
         path);
    return 1;
  }
  PublicKeyParse k = parse_public_key_pem(f.bytes, path);
  if (!k.key) {
    warn("jurymn\u00A0: {}\n", k.error);
    return 1;
  }
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  const std::string fp = key_fingerprint(*k.key);
  const std::string who = actor_or_user(by);
  std::optional<SessionRecord> s;
  if (!session.empty() && !(s = session_or_complain(*d.store, session))) return 1;
  // With --session, a key enrolled already is only confirmed for it.
  const auto enrolled = d.store->trusted_key(fp);
  if (!s || !enrolled || !enrolled->active()) {
    ApplyResult r = d.store->apply(action::TrustKey{fp, name, who, path, false, again}, "centre");
    if (!r) {
      warn("jurymn\u00A0: clé non enrôlée\u00A0: {}\n", r.error);
      return 1;
    }
    tell("Clé {} enrôlée («\u00A0{}\u00A0», par {})\u00A0: ses lots peuvent être fusionnés dans {}.\n", fp,
         trimmed(name), trimmed(who), d.store->path());
  }
  if (!s) return 0;
  ApplyResult r = d.store->apply(action::ConfirmSessionKey{s->uuid, fp, who}, "centre");
  if (!r) {
    warn("jurymn\u00A0: clé non confirmée pour la session\u00A0: {}\n", r.error);
    return 1;
  }
  tell("Clé {} confirmée pour la session {} ({}, {}) par {}\u00A0: ce qu’elle apporte n’est plus «\u00A0ajouté par "
       "un autre ordinateur\u00A0».\n",
       fp, s->uuid.substr(0, 8), s->title, s->date, trimmed(who));
  return 0;
}

int cmd_keys_revoke(const std::string& db, const std::string& fingerprint, const std::string& by) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  ApplyResult r = d.store->apply(action::RevokeKey{fingerprint, actor_or_user(by)}, "centre");
  if (!r) {
    warn("jurymn\u00A0: clé non révoquée\u00A0: {}\n", r.error);
    if (r.error.find("Aucune clé") != std::string::npos)
      warn("  Les clés enrôlées\u00A0: jurymn keys list --db {}\n", shell_word(d.store->path()));
    return 1;
  }
  tell("Clé {} révoquée\u00A0: ses lots ne seront plus fusionnés (ceux déjà fusionnés restent, au journal).\n",
       *read_key_fingerprint(fingerprint));
  return 0;
}

int cmd_keys_list(const std::string& db) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  const auto keys = d.store->trusted_keys();
  if (keys.empty()) {
    tell("Aucune clé de signature enrôlée dans {} (jurymn keys trust public-key.pem --name NOM --db {}).\n",
         d.store->path(), shell_word(d.store->path()));
    return 0;
  }
  tell("Clés de signature enrôlées dans {}\u00A0: {}\n", d.store->path(), keys.size());
  std::set<std::string> official;
  for (const auto& s : d.store->sessions())
    if (s.kind == SessionKind::Official) official.insert(s.uuid);
  for (const auto& k : keys) {
    tell("\n{}  «\u00A0{}\u00A0»{}\n", k.fingerprint, k.name, k.active() ? "" : "  — RÉVOQUÉE");
    tell("  enrôlée le {} par {}{}\n", when_text(k.enrolled_at), k.enrolled_by,
         k.checked_by_phone ? ", empreinte vérifiée par téléphone à la fusion (--trust-new-key)" : "");
    if (k.revoked_at) tell("  révoquée le {} par {}\n", when_text(*k.revoked_at), k.revoked_by);
    const auto sessions = d.store->key_sessions(k.fingerprint);
    if (sessions.empty()) tell("  aucun lot fusionné\n");
    for (const auto& s : sessions) {
      tell("  {} {} — {} (session {})\u00A0: {} lot{}, {} entrées au journal\u00A0; PV papier {}{}\n", french_date(s.date),
           s.exam_centre, s.title, s.session_uuid.substr(0, 8), s.bundles, s.bundles > 1 ? "s" : "", s.entries,
           paper_check_text(d.store->pv_checks(s.session_uuid), k.fingerprint, when_text) +
               (official.count(s.session_uuid) &&
                        paper_check_text(d.store->pv_checks(s.session_uuid), k.fingerprint, when_text) == "non vérifié"
                    ? " (résultats officiels provisoires)"
                    : ""),
           s.partial ? "\u00A0; preuves " + proofs_text(d.store->partial_proofs(s.session_uuid)) : std::string());
      if (auto record = d.store->find_session(s.session_uuid))
        for (const auto& line : session_keys_text(*d.store, *record, d.store->path())) tell("    {}\n", line);
    }
  }
  return 0;
}

int cmd_pv_code_check(const std::string& db, const std::string& session, const std::string& code,
                      const std::string& by) {
  SystemClock clock;
  auto d = open_for(db, clock, true);
  if (!d.store) return 1;
  auto s = session_or_complain(*d.store, session);
  if (!s) return 1;
  ApplyResult r = d.store->apply(action::CheckPvCode{s->uuid, code, actor_or_user(by)}, "centre");
  if (!r) {
    warn("jurymn\u00A0: PV papier non vérifié\u00A0: {}\n", r.error);
    return 1;
  }
  const auto checks = d.store->pv_checks(s->uuid);
  const PvCheckRecord& c = checks.back();
  tell("PV papier vérifié\u00A0: le code {} est celui de la tête du journal fusionné de {} ({}).\n", c.code, s->title,
       s->date);
  if (c.entries_after == 0)
    tell("  Aucune entrée après l’impression\u00A0: le PV signé montre l’état fusionné.\n");
  else
    tell("  {} entrée{} au journal après l’impression\u00A0: le PV signé ne les montre pas (voir jurymn audit "
         "verify et l’écran du journal).\n",
         c.entries_after, c.entries_after > 1 ? "s" : "");
  return 0;
}

int cmd_pv(const std::string& db, const std::string& session, const std::string& out) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  if (!session_or_complain(*d.store, session)) return 1;
  ui::ImportOutcome o = write_proces_verbal_file(*d.store, session, out, clock.now_ms());
  say(o.ok ? stdout : stderr, "{}{}\n", o.ok ? "" : "jurymn : ", o.summary);
  return o.ok ? 0 : 1;
}

// A centre's merged records against a merge, again, of the bundles it kept
// (bundle_copy) into a base of its own: a merged decision changed in place,
// or a candidate slipped in, shows. Sessions with a bundle merged by an
// earlier version (not kept) stay « preuves partielles ».
void check_centre_by_remerge(const Store& centre, const std::string& session, ReplayReport& report) {
  std::vector<Store::KeptBundle> kept;
  std::set<std::string> not_kept;  // session uuids
  centre.each_merged_bundle([&](const Store::KeptBundle& k) {
    if (k.kept()) kept.push_back(k);
    else not_kept.insert(k.session_uuid);
  });
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path tmp = fs::temp_directory_path(ec) / ("jurymn-refusion-" + std::to_string(std::random_device{}()));
  fs::create_directories(tmp, ec);
  SystemClock clock;
  {
    auto d = open_database(platform::path_text(tmp / "centre.db"), clock, /*for_gui=*/false);
    if (!d.store) {
      report.unproven.push_back("les lots conservés n’ont pas pu être fusionnés de nouveau (" + d.error + ").");
      fs::remove_all(tmp, ec);
      return;
    }
    std::set<std::string> trusted;
    for (auto& k : kept) {
      ResultsParse p = parse_results_json(k.results_json, "results.json (" + k.source + ")");
      if (!p.bundle) {
        report.problems.push_back("lot conservé " + k.source + "\u00A0: illisible (modifié dans la base)" +
                                  (p.problems.empty() ? std::string(".") : "\u00A0: " + p.problems.front().text()));
        continue;
      }
      if (trusted.insert(k.key_fingerprint).second)
        d.store->apply(action::TrustKey{k.key_fingerprint, "refusion", "jurymn", k.source, false}, "centre");
      if (sha256_hex(signed_results_json(k.results_json)) != k.digest)
        report.problems.push_back("lot conservé " + k.source + "\u00A0: son empreinte n’est plus celle du lot fusionné "
                                  "(modifié dans la base).");
      ApplyResult r = d.store->apply(action::MergeBundle{std::move(*p.bundle), k.digest, k.source, true, k.unproven},
                                     "centre");
      if (!r && !r.unchanged) report.problems.push_back("lot conservé " + k.source + "\u00A0: " + r.error);
    }
    for (const auto& s : centre.sessions()) {
      if (!session.empty() && s.uuid != session) continue;
      const bool merged = std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return k.session_uuid == s.uuid; });
      if (!merged || not_kept.count(s.uuid)) continue;
      auto held = centre.snapshot(s.uuid);
      auto again = d.store->snapshot(s.uuid);
      if (!held || !again) {
        report.problems.push_back("session " + s.uuid.substr(0, 8) + "\u00A0: absente de la fusion de ses lots conservés.");
        continue;
      }
      ReplayReport one;
      compare_with_replay(*held, *again, centre.audit_entries(s.uuid), one, true);
      for (auto& p : one.problems)
        report.problems.push_back("session " + s.uuid.substr(0, 8) + " (fusion de ses lots conservés), " + p);
      // Proved: its « pas rejouée » line goes.
      std::erase_if(report.unproven, [&](const std::string& u) {
        return u.rfind("session " + s.uuid.substr(0, 8) + "\u00A0: rassemblée au centre", 0) == 0;
      });
    }
  }
  fs::remove_all(tmp, ec);
}

int cmd_pv_jury_copy(const std::string& db, const std::string& session, const std::string& out) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  auto s = session_or_complain(*d.store, session);
  if (!s) return 1;
  std::optional<Store::KeptBundle> last;
  bool merged = false;
  d.store->each_merged_bundle([&](const Store::KeptBundle& k) {
    if (k.session_uuid != s->uuid) return;
    merged = true;
    if (k.kept()) last = k;
  });
  if (!last) {
    warn("jurymn\u00A0: {}\n", merged ? "les lots de cette session ont été fusionnés par une version antérieure de "
                                         "jurymn, qui n’en gardait pas le PV\u00A0; imprimez celui du centre (jurymn pv "
                                         "sans --copie-du-jury)."
                                       : "aucun lot fusionné pour cette session\u00A0: pas de copie du jury.");
    return 1;
  }
  // The banner goes first in the body, where no style of the jury's page can hide it.
  const std::string banner =
      "<div style=\"border:3px solid #b00020;color:#b00020;background:#fff;padding:3mm;margin:0 0 4mm;font:bold 12pt "
      "sans-serif\">Copie du jury, non prouvée\u00A0: le procès-verbal tel que l’ordinateur du jury l’a joint à son "
      "lot (" + html::text(last->source) + ", clé " + html::text(last->key_fingerprint) +
      "). Le centre ne se fie qu’aux résultats prouvés\u00A0: jurymn pv imprime le procès-verbal établi à partir "
      "d’eux.</div>";
  std::string page = last->proces_verbal;
  const auto body = page.find("<body");
  const auto open_end = body == std::string::npos ? std::string::npos : page.find('>', body);
  if (open_end == std::string::npos) page = banner + page;
  else page.insert(open_end + 1, banner);
  if (std::string err = write_file_atomic(out, page); !err.empty()) {
    warn("jurymn\u00A0: {}\n", err);
    return 1;
  }
  tell("Copie du PV du jury (non prouvée) écrite dans {}\u00A0: lot {}.\n", out, last->source);
  return 0;
}

int cmd_audit_verify(const std::string& db, const std::string& session) {
  SystemClock clock;
  auto d = open_for(db, clock, false);
  if (!d.store) return 1;
  std::string uuid;
  if (!session.empty()) {
    auto s = session_or_complain(*d.store, session);
    if (!s) return 1;
    uuid = s->uuid;
  }
  // One reading of the trail: the chain walked, each session replayed and
  // its members' signatures checked as its entries come.
  StoreProof proof = prove_store(*d.store, uuid);
  const AuditChainReport& r = proof.chain;
  if (!r.intact()) {
    warn("jurymn : journal d’audit de {} : {}.\n", d.store->path(), r.summary());
    warn("  Ce qui suit ce point a pu être modifié hors de jurymn : comparez avec la tête d’audit du "
         "dernier export signé et le procès-verbal imprimé.\n");
    return 1;
  }
  // The chain holds: the records must be what replaying it gives, and the
  // members' signatures the replay takes as written must be theirs, as
  // verify checks them in a bundle: a confirmation or a PIN reset made up,
  // moved or replayed from elsewhere, a PIN record edited in the base.
  ReplayReport& replay = proof.replay;
  for (auto& p : proof.signature_problems) replay.problems.push_back(std::move(p));
  if (d.store->centre_base()) check_centre_by_remerge(*d.store, uuid, replay);
  if (!replay.ok()) {
    warn("jurymn : les données de {} ne sont pas celles que donne le rejeu du journal d’audit "
         "(modifiées hors de jurymn ?) :\n",
         d.store->path());
    for (const auto& p : replay.problems) warn("  - {}\n", p);
    return 1;
  }
  tell("Journal d’audit de {}{} : {}{} ; données conformes au rejeu du journal{}.\n", d.store->path(),
       uuid.empty() ? "" : " (session " + uuid + ")", r.summary(),
       r.sessions > 1 ? fmt::format(" ({} sessions)", r.sessions) : std::string(),
       replay.partial() ? " — «\u00A0preuves partielles\u00A0»" : "");
  for (const auto& u : replay.unproven) tell("  {}\n", u);
  return 0;
}

}  // namespace jurymn
