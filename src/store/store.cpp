// SPDX-License-Identifier: EUPL-1.2
#include "store/store.h"

#include "store/sheet_columns.h"
#include "platform/platform.h"

#include "store/audit_chain.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "core/deliberation.h"
#include "core/session_rules.h"
#include "store/candidate_row.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace jurymn {

using store::exec;
using store::query_int;
using store::SqlError;
using store::Statement;

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3";  // 16 bytes with the NUL

enum class FileState { Missing, Empty, Sqlite, NotSqlite, Unreadable, NotAFile };

FileState probe_file(const std::string& path) {
  // A pipe or a device named as the base would block or feed endless bytes.
  std::error_code ec;
  const auto st = std::filesystem::status(platform::u8path(path), ec);
  if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) return FileState::NotAFile;
  std::ifstream f(platform::u8path(path), std::ios::binary);
  if (!f) {
    std::ifstream again(platform::u8path(path));
    return again.good() ? FileState::Unreadable : FileState::Missing;
  }
  char header[16] = {};
  f.read(header, sizeof header);
  if (f.gcount() == 0) return FileState::Empty;
  if (f.gcount() < 16) return FileState::NotSqlite;
  return std::equal(header, header + 16, kSqliteMagic) ? FileState::Sqlite : FileState::NotSqlite;
}

// file: URI of `path`, read as immutable (https://sqlite.org/uri.html):
// the characters a URI gives a meaning to are percent-encoded.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x21) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      uri += buf;
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

OpenResult Store::open(const std::string& path, OpenMode mode, const Clock& clock) {
  const bool ro = mode == OpenMode::ReadOnly;
  auto refuse = [&](const std::string& why) { return OpenResult{nullptr, path + "\u00A0: " + why}; };

  switch (probe_file(path)) {
    case FileState::Missing:
      if (ro) return refuse("ce fichier n’existe pas.");
      break;
    case FileState::Empty:
      if (ro) return refuse("ce fichier est vide, ce n’est pas une base jurymn.");
      break;
    case FileState::Unreadable:
      return refuse("ce fichier ne peut pas être lu (droits d’accès ?).");
    case FileState::NotAFile:
      return refuse("ce n’est pas un fichier ordinaire (dossier, tube ou périphérique)\u00A0; rien n’a été modifié.");
    case FileState::NotSqlite:
      return refuse("ce fichier n’est pas une base de données jurymn\u00A0; il n’a pas été modifié.");
    case FileState::Sqlite:
      break;
  }
  if (const unsigned names = platform::hard_link_count(path); names > 1)
    return refuse("ce fichier a " + std::to_string(names) +
                  " noms (liens physiques)\u00A0: le verrou de jurymn et les fichiers -wal et -shm de SQLite suivent "
                  "le nom, deux jurymn pourraient donc y écrire en même temps. Rien n’a été ouvert\u00A0; copiez la "
                  "base (cp) au lieu de la lier (ln), ou supprimez l’autre nom.");

  sqlite3* db = nullptr;
  int flags = ro ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_OK && ro && sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) ==
                                   SQLITE_CANTOPEN) {
    // A base on a read-only volume (a write-protected USB key) cannot get
    // the -shm file WAL reading needs; nobody can write there either, so it
    // is read as immutable.
    sqlite3_close(db);
    db = nullptr;
    rc = sqlite3_open_v2(immutable_uri(path).c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                         nullptr);
  }
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return refuse("ouverture impossible (" + msg + ").");
  }
  std::unique_ptr<Store> s(new Store(db, path, ro, clock));
  try {
    exec(db, "PRAGMA busy_timeout = 5000");
    // Refuse before any write: a foreign or damaged file stays untouched.
    if (!ro) {
      std::string check = store::query_text(db, "PRAGMA quick_check");
      if (check != "ok") return refuse("la base est endommagée (" + check + ")\u00A0; elle n’a pas été modifiée.");
    }
    auto app_id = query_int(db, "PRAGMA application_id");
    auto version = query_int(db, "PRAGMA user_version");
    auto tables = query_int(db, "SELECT count(*) FROM sqlite_schema");
    if (app_id != store::kApplicationId && (app_id != 0 || tables != 0))
      return refuse("cette base SQLite n’appartient pas à jurymn\u00A0; elle n’a pas été modifiée.");
    if (version > store::latest_schema_version())
      return refuse("cette base a été créée par une version plus récente de jurymn (schéma " +
                    std::to_string(version) + ")\u00A0; mettez jurymn à jour.");
    if (!ro) {
      exec(db, "PRAGMA journal_mode = WAL");
      exec(db, "PRAGMA synchronous = FULL");
      // Off while migrating: a migration may rebuild a referenced table
      // (it checks the references itself before committing).
      store::migrate(db, -1, clock.now_ms());
      exec(db, "PRAGMA foreign_keys = ON");
    } else {
      exec(db, "PRAGMA foreign_keys = ON");
      if (version < store::latest_schema_version()) {
        OpenResult r = refuse("cette base doit être mise à jour et ne peut l’être en lecture seule.");
        r.needs_migration = true;
        return r;
      }
    }
  } catch (const SqlError& e) {
    if (e.code() == SQLITE_NOTADB)
      return refuse("ce fichier n’est pas une base de données jurymn\u00A0; il n’a pas été modifié.");
    if (e.code() == SQLITE_CORRUPT)
      return refuse("la base est endommagée\u00A0; elle n’a pas été modifiée.");
    return refuse(std::string("ouverture impossible (") + e.what() + ").");
  }
  try {
    s->centre_base_ = query_int(db, "SELECT EXISTS (SELECT 1 FROM imported_bundle)") != 0;
  } catch (const SqlError& e) {
    return refuse(std::string("ouverture impossible (") + e.what() + ").");
  }
  return OpenResult{std::move(s), {}};
}

Store::Store(sqlite3* db, std::string path, bool read_only, const Clock& clock)
    : db_(db), path_(std::move(path)), read_only_(read_only), clock_(clock) {}

Store::~Store() { store::close_connection(db_); }

std::string Store::connection_settings() const {
  return "journal_mode=" + store::query_text(db_, "PRAGMA journal_mode") +
         " synchronous=" + std::to_string(query_int(db_, "PRAGMA synchronous")) +
         " foreign_keys=" + std::to_string(query_int(db_, "PRAGMA foreign_keys")) +
         " user_version=" + std::to_string(query_int(db_, "PRAGMA user_version"));
}

std::string Store::integrity_check() const {
  try {
    Statement s(db_, "PRAGMA integrity_check");
    std::string out;
    while (s.step()) {
      if (!out.empty()) out += "; ";
      out += s.text(0);
    }
    return out;
  } catch (const SqlError& e) {
    return e.what();
  }
}

std::string Store::backup_to(const std::string& dest_path) const {
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(dest_path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::string error;
  if (rc == SQLITE_OK) {
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", db_, "main");
    if (b) {
      rc = sqlite3_backup_step(b, -1);
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) error = sqlite3_errstr(rc);
    } else {
      error = sqlite3_errmsg(dest);
    }
  } else {
    error = dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
  }
  sqlite3_close(dest);
  return error.empty() ? std::string() : dest_path + "\u00A0: copie de sauvegarde impossible (" + error + ").";
}

std::string Store::checkpoint() {
  if (read_only_ || bulk_) return {};
  int logged = 0, done = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logged, &done);
  return rc == SQLITE_OK ? std::string() : std::string(sqlite3_errmsg(db_));
}

// Scratch writes: not actions, no audit entry, no revision change (the
// screens hold the text already; nothing to reload).
namespace {
std::string scratch_write(bool read_only, const std::function<void()>& write) {
  if (read_only) return "La base est ouverte en lecture seule\u00A0: le brouillon n’est pas gardé.";
  try {
    write();
    return {};
  } catch (const SqlError& e) {
    return std::string("Brouillon non gardé (") + e.what() + ").";
  }
}
}  // namespace

std::string Store::save_draft(std::string_view run_uuid, std::string_view field, std::string_view text) {
  return scratch_write(read_only_ || bulk_, [&] {
    Statement s(db_,
                "INSERT INTO draft (run_uuid, field, text, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (run_uuid, field) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at");
    s.bind(1, run_uuid).bind(2, field).bind(3, text).bind(4, clock_.now_ms());
    s.run();
  });
}

std::string Store::discard_draft(std::string_view run_uuid, std::string_view field) {
  return scratch_write(read_only_ || bulk_, [&] {
    Statement s(db_, "DELETE FROM draft WHERE run_uuid = ? AND field = ?");
    s.bind(1, run_uuid).bind(2, field);
    s.run();
  });
}

std::vector<DraftRecord> Store::drafts(std::string_view session_uuid) const {
  std::vector<DraftRecord> out;
  Statement s(db_,
              "SELECT d.run_uuid, d.field, d.text, d.updated_at FROM draft d JOIN exam_run r ON r.uuid = d.run_uuid"
              " JOIN candidate c ON c.id = r.candidate_id"
              " WHERE c.session_id = (SELECT id FROM exam_session WHERE uuid = ?) ORDER BY d.updated_at");
  s.bind(1, session_uuid);
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.int64(3)});
  return out;
}

std::string Store::record_heartbeat(std::string_view run_uuid, TimeMs at) {
  return scratch_write(read_only_ || bulk_, [&] {
    Statement s(db_,
                "INSERT INTO heartbeat (run_uuid, at_ms) VALUES (?, ?)"
                " ON CONFLICT (run_uuid) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms)");
    s.bind(1, run_uuid).bind(2, at);
    s.run();
  });
}

std::vector<std::string> Store::runs_under_way() const {
  std::vector<std::string> out;
  std::vector<std::string> candidates;
  {
    Statement s(db_, "SELECT uuid FROM exam_run WHERE finished_at IS NULL AND started_at IS NOT NULL ORDER BY id");
    while (s.step()) candidates.push_back(s.text(0));
  }
  const TimeMs now = clock_.now_ms();
  for (const auto& uuid : candidates) {
    auto run = exam_run(uuid);
    if (!run) continue;
    const ExamPlan* plan = find_plan(run->plan_id, run->plan_version);
    if (!plan || run->events.empty()) continue;
    const TimerState st = StageTimer(*plan, run->events).status(now).state;
    if (st == TimerState::Running || st == TimerState::Paused) out.push_back(uuid);
  }
  return out;
}

TimeMs Store::last_sign_of_life(std::string_view run_uuid) const {
  // Any sign that jurymn was running counts, whichever run or field it was
  // about: a heartbeat, a draft saved (one second before a kill, issue 26
  // item 13), any action written (audit_head.last_at, one row per session),
  // this run's events and recorded interruptions.
  Statement s(db_,
              "SELECT max(coalesce((SELECT max(at_ms) FROM heartbeat), 0),"
              " coalesce((SELECT max(updated_at) FROM draft), 0),"
              " coalesce((SELECT max(last_at) FROM audit_head), 0),"
              " coalesce((SELECT max(e.at_ms) FROM stage_event e JOIN exam_run r ON r.id = e.run_id WHERE r.uuid = ?1), 0),"
              " coalesce((SELECT max(i.to_ms) FROM interruption i JOIN exam_run r ON r.id = i.run_id WHERE r.uuid = ?1), 0))");
  s.bind(1, run_uuid);
  return s.step() ? s.int64(0) : 0;
}

// ---------------------------------------------------------------- reads

namespace {

SessionRecord read_session(const Statement& s, const Title& title) {
  SessionRecord r;
  r.id = s.int64(0);
  r.uuid = s.text(1);
  r.title = s.text(2);
  r.date = s.text(3);
  r.exam_centre = s.text(4);
  r.kind = session_kind_from_id(s.text(5)).value_or(SessionKind::Official);
  r.ccps = title.ordered(ccp_set_from_id(s.text(6)).value_or(CcpSet{}));
  r.created_at = s.int64(7);
  r.candidate_count = static_cast<int>(s.int64(8));
  r.jury_count = static_cast<int>(s.int64(9));
  return r;
}

constexpr const char* kSessionSelect =
    "SELECT s.id, s.uuid, s.title, s.exam_date, s.exam_centre, s.kind,"
    " (SELECT ifnull(group_concat(ccp), '') FROM session_ccp WHERE session_id = s.id), s.created_at,"
    " (SELECT count(*) FROM candidate c WHERE c.session_id = s.id),"
    " (SELECT count(*) FROM jury_member j WHERE j.session_id = s.id)"
    " FROM exam_session s ";

// Id and uuid, the fields (store/candidate_row.h), then attendance.
const std::string& candidate_select() {
  static const std::string select =
      "SELECT c.id, c.uuid, " + store::candidate_select_columns() + ", c.attendance FROM candidate c ";
  return select;
}

CandidateRecord read_candidate(const Statement& s, const Title& title) {
  CandidateRecord r;
  r.id = s.int64(0);
  r.uuid = s.text(1);
  const int next = store::read_candidate_fields(s, 2, r.data, title);
  r.attendance = attendance_from_id(s.text(next)).value_or(Attendance::Expected);
  return r;
}

}  // namespace

std::vector<SessionRecord> Store::sessions() const {
  std::vector<SessionRecord> out;
  Statement s(db_, std::string(kSessionSelect) + "ORDER BY s.exam_date DESC, s.id DESC");
  while (s.step()) out.push_back(read_session(s, title_));
  return out;
}

std::optional<SessionRecord> Store::find_session(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  Statement s(db_, std::string(kSessionSelect) + "WHERE substr(s.uuid, 1, ?1) = ?2 LIMIT 2");
  s.bind(1, static_cast<std::int64_t>(key.size())).bind(2, key);
  if (!s.step()) return std::nullopt;
  SessionRecord r = read_session(s, title_);
  if (s.step()) return std::nullopt;  // ambiguous prefix
  return r;
}

std::vector<JuryMemberRecord> Store::jury_members(std::string_view session_uuid) const {
  std::vector<JuryMemberRecord> out;
  Statement s(db_,
              "SELECT j.id, j.uuid, j.name, j.role, j.pin_salt, j.pin_public_key, j.pin_ops, j.pin_mem, j.feminine"
              " FROM jury_member j JOIN exam_session s ON s.id = j.session_id"
              " WHERE s.uuid = ? ORDER BY j.role = 'member', j.id");
  s.bind(1, session_uuid);
  while (s.step()) {
    out.push_back({s.int64(0), s.text(1), s.text(2), jury_role_from_id(s.text(3)).value_or(JuryRole::Member), {},
                   s.int64(8) != 0});
    if (!s.is_null(4))
      out.back().pin = MemberPin{s.text(4), s.text(5),
                                 {static_cast<std::uint64_t>(s.int64(6)), static_cast<std::uint64_t>(s.int64(7))}};
  }
  return out;
}

std::vector<CandidateRecord> Store::candidates(std::string_view session_uuid) const {
  std::vector<CandidateRecord> out;
  Statement s(db_, candidate_select() +
                       "JOIN exam_session s ON s.id = c.session_id WHERE s.uuid = ?"
                       " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.number");
  s.bind(1, session_uuid);
  while (s.step()) out.push_back(read_candidate(s, title_));
  return out;
}

std::optional<CandidateRecord> Store::candidate(std::string_view candidate_uuid) const {
  Statement s(db_, candidate_select() + "WHERE c.uuid = ?");
  s.bind(1, candidate_uuid);
  if (!s.step()) return std::nullopt;
  return read_candidate(s, title_);
}

std::vector<std::string> Store::candidate_numbers(std::string_view session_uuid) const {
  std::vector<std::string> out;
  Statement s(db_, "SELECT c.number FROM candidate c JOIN exam_session s ON s.id = c.session_id WHERE s.uuid = ?");
  s.bind(1, session_uuid);
  while (s.step()) out.push_back(s.text(0));
  return out;
}

const ExamPlan* Store::find_plan(std::string_view id, std::string_view version) const {
  for (const auto& p : plans_)
    if (p.id == id && p.version == version) return &p;
  return nullptr;
}

const ExamPlan* Store::current_plan(std::string_view ccp) const { return newest_for_ccp(plans_, ccp); }

const Grid* Store::find_grid(std::string_view id, std::string_view version) const {
  for (const auto& g : grids_)
    if (g.id == id && g.version == version) return &g;
  return nullptr;
}

const Grid* Store::current_grid(std::string_view ccp) const { return newest_for_ccp(grids_, ccp); }

namespace {
constexpr const char* kRunSelect =
    "SELECT r.id, r.uuid, c.uuid, r.ccp, r.plan_id, r.plan_version, r.started_at, r.finished_at,"
    " r.grid_id, r.grid_version, r.rules"
    " FROM exam_run r JOIN candidate c ON c.id = r.candidate_id ";

RunRecord read_run(const Statement& s) {
  RunRecord r;
  r.id = s.int64(0);
  r.uuid = s.text(1);
  r.candidate_uuid = s.text(2);
  r.ccp = s.text(3);
  r.plan_id = s.text(4);
  r.plan_version = s.text(5);
  r.started_at = s.int64(6);
  if (!s.is_null(7)) r.finished_at = s.int64(7);
  r.grid_id = s.text(8);
  r.grid_version = s.text(9);
  r.rules = static_cast<int>(s.int64(10));
  return r;
}

// Fills events and draws of the runs, in one pass over each table; with
// `marks`, also what is read only of a run shown whole (Store::run_summaries).
void load_run_details(sqlite3* db, std::vector<RunRecord>& runs, const std::string& where, std::string_view key,
                      bool marks = true) {
  std::map<std::int64_t, RunRecord*> by_id;
  for (auto& r : runs) by_id[r.id] = &r;
  Statement ev(db, "SELECT e.run_id, e.kind, e.stage_id, e.at_ms, e.amount_ms, e.reason FROM stage_event e "
                   "JOIN exam_run r ON r.id = e.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                   " ORDER BY e.id");
  ev.bind(1, key);
  while (ev.step()) {
    auto it = by_id.find(ev.int64(0));
    auto kind = timer_event_kind_from_id(ev.text(1));
    if (it == by_id.end() || !kind) continue;
    it->second->events.push_back(TimerEvent{*kind, ev.text(2), ev.int64(3), ev.int64(4), ev.text(5)});
  }
  Statement dr(db, "SELECT d.run_id, d.titles, d.chosen, d.method, d.reason, d.at_ms FROM sheet_draw d "
                   "JOIN exam_run r ON r.id = d.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                   " ORDER BY d.id");
  dr.bind(1, key);
  while (dr.step()) {
    auto it = by_id.find(dr.int64(0));
    if (it == by_id.end()) continue;
    SheetDraw d;
    d.titles = sheets_from_column(dr.text(1));
    d.chosen = static_cast<int>(dr.int64(2));
    d.method = draw_method_from_id(dr.text(3)).value_or(DrawMethod::Random);
    d.reason = dr.text(4);
    d.at = dr.int64(5);
    it->second->draws.push_back(std::move(d));
  }
  Statement dc(db, "SELECT d.run_id, d.proposed, d.decided, d.justification, d.confirmed_by, d.decided_at, d.locked_at"
                   " FROM ccp_decision d JOIN exam_run r ON r.id = d.run_id JOIN candidate c ON c.id = r.candidate_id " +
                   where);
  dc.bind(1, key);
  while (dc.step()) {
    auto it = by_id.find(dc.int64(0));
    if (it == by_id.end()) continue;
    CcpDecisionRecord& d = it->second->decision;
    d.proposed = ccp_outcome_from_id(dc.text(1)).value_or(CcpOutcome::Undecided);
    d.decided = ccp_outcome_from_id(dc.text(2)).value_or(CcpOutcome::Undecided);
    d.justification = dc.text(3);
    auto confirmed = nlohmann::json::parse(dc.text(4), nullptr, false);
    if (confirmed.is_array())
      for (const auto& m : confirmed)
        if (m.is_string()) d.confirmed_by.push_back(m.get<std::string>());
    if (!dc.is_null(5)) d.decided_at = dc.int64(5);
    if (!dc.is_null(6)) d.locked_at = dc.int64(6);
  }
  if (marks) {
    // Marks are most of a session: read them run by run along the index, and
    // name members from a small map rather than a join per row.
    std::map<std::int64_t, std::string> member_uuid;
    Statement jm(db, "SELECT id, uuid FROM jury_member");
    while (jm.step()) member_uuid[jm.int64(0)] = jm.text(1);
    Statement mk(db, "SELECT m.run_id, m.member_id, m.criterion_id, m.rating, m.at_ms FROM mark m "
                     "WHERE m.run_id IN (SELECT r.id FROM exam_run r JOIN candidate c ON c.id = r.candidate_id " +
                     where + ") ORDER BY m.run_id, m.member_id, m.criterion_id");  // the index's order: no sort
    mk.bind(1, key);
    RunRecord* current = nullptr;
    std::int64_t current_id = -1;
    while (mk.step()) {
      if (mk.int64(0) != current_id) {
        current_id = mk.int64(0);
        auto it = by_id.find(current_id);
        current = it == by_id.end() ? nullptr : it->second;
      }
      if (current) current->marks.push_back({member_uuid[mk.int64(1)], mk.text(2), mk.text(3), mk.int64(4)});
    }
    Statement ob(db, "SELECT o.run_id, j.uuid, o.competency_id, o.text, o.at_ms FROM observation o "
                     "JOIN jury_member j ON j.id = o.member_id "
                     "JOIN exam_run r ON r.id = o.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                     " ORDER BY o.rowid");
    ob.bind(1, key);
    while (ob.step())
      if (auto it = by_id.find(ob.int64(0)); it != by_id.end())
        it->second->observations.push_back({ob.text(1), ob.text(2), ob.text(3), ob.int64(4)});
    Statement cd(db, "SELECT d.run_id, d.competency_id, d.status, d.at_ms, d.reason FROM competency_decision d "
                     "JOIN exam_run r ON r.id = d.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                     " ORDER BY d.rowid");
    cd.bind(1, key);
    while (cd.step())
      if (auto it = by_id.find(cd.int64(0)); it != by_id.end())
        it->second->competency_decisions.push_back(
            {cd.text(1), competency_status_from_id(cd.text(2)).value_or(CompetencyStatus::Undecided), cd.int64(3),
             cd.text(4)});
    Statement fb(db, "SELECT f.run_id, f.competency_id, f.strengths, f.improvements, f.at_ms FROM feedback f "
                     "JOIN exam_run r ON r.id = f.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                     " ORDER BY f.rowid");
    fb.bind(1, key);
    while (fb.step())
      if (auto it = by_id.find(fb.int64(0)); it != by_id.end())
        it->second->feedback.push_back({fb.text(1), fb.text(2), fb.text(3), fb.int64(4)});
    Statement ad(db, "SELECT a.run_id, a.text FROM feedback_advice a "
                     "JOIN exam_run r ON r.id = a.run_id JOIN candidate c ON c.id = r.candidate_id " + where);
    ad.bind(1, key);
    while (ad.step())
      if (auto it = by_id.find(ad.int64(0)); it != by_id.end()) it->second->advice = ad.text(1);
  }
  Statement in(db, "SELECT i.run_id, i.from_ms, i.to_ms, i.cause FROM interruption i"
                   " JOIN exam_run r ON r.id = i.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                   " ORDER BY i.id");
  in.bind(1, key);
  while (in.step())
    if (auto it = by_id.find(in.int64(0)); it != by_id.end())
      it->second->interruptions.push_back(
          {in.int64(1), in.int64(2), interruption_cause_from_id(in.text(3)).value_or(InterruptionCause::Restart)});
  Statement ro(db, "SELECT o.run_id, o.at_ms, o.actor, o.reason FROM reopening o"
                   " JOIN exam_run r ON r.id = o.run_id JOIN candidate c ON c.id = r.candidate_id " + where +
                   " ORDER BY o.id");
  ro.bind(1, key);
  while (ro.step())
    if (auto it = by_id.find(ro.int64(0)); it != by_id.end())
      it->second->decision.reopenings.push_back({ro.int64(1), ro.text(2), ro.text(3)});
}
// The stored « proposed » is what the grid proposed when the CCP was
// decided; what every reader gets is the proposal of the decisions as they
// are now, so a PV or an export never carries a stale one.
// Under rules 2 the proposal comes from the marks, read with the jury's.
void derive_proposals(const Store& store, std::vector<RunRecord>& runs, sqlite3* db) {
  std::optional<std::vector<JuryMemberRecord>> jury;
  for (auto& r : runs) {
    const Grid* grid = store.find_grid(r.grid_id, r.grid_version);
    if (!grid) continue;
    if (r.rules >= 2 && !jury) {
      Statement s(db, "SELECT s.uuid FROM exam_session s JOIN candidate c ON c.session_id = s.id "
                      "JOIN exam_run r ON r.candidate_id = c.id WHERE r.uuid = ?");
      s.bind(1, r.uuid);
      jury = s.step() ? store.jury_members(s.text(0)) : std::vector<JuryMemberRecord>{};
    }
    r.decision.proposed = current_ccp_proposal(*grid, jury ? *jury : std::vector<JuryMemberRecord>{}, r);
  }
}
}  // namespace

std::vector<RunRecord> Store::exam_runs(std::string_view session_uuid) const {
  std::vector<RunRecord> out;
  const std::string where = "WHERE c.session_id = (SELECT id FROM exam_session WHERE uuid = ?1)";
  Statement s(db_, std::string(kRunSelect) + where + " ORDER BY r.id");
  s.bind(1, session_uuid);
  while (s.step()) out.push_back(read_run(s));
  load_run_details(db_, out, where, session_uuid);
  derive_proposals(*this, out, db_);
  return out;
}

std::vector<RunRecord> Store::run_summaries(std::string_view session_uuid) const {
  std::vector<RunRecord> out;
  const std::string where = "WHERE c.session_id = (SELECT id FROM exam_session WHERE uuid = ?1)";
  Statement s(db_, std::string(kRunSelect) + where + " ORDER BY r.id");
  s.bind(1, session_uuid);
  while (s.step()) out.push_back(read_run(s));
  load_run_details(db_, out, where, session_uuid, /*marks=*/false);
  return out;
}

std::optional<RunRecord> Store::run_summary(std::string_view run_uuid) const {
  std::vector<RunRecord> out;
  const std::string where = "WHERE r.uuid = ?1";
  Statement s(db_, std::string(kRunSelect) + where);
  s.bind(1, run_uuid);
  while (s.step()) out.push_back(read_run(s));
  if (out.empty()) return std::nullopt;
  load_run_details(db_, out, where, run_uuid, /*marks=*/false);
  return out.front();
}

std::optional<RunRecord> Store::exam_run(std::string_view run_uuid, bool whole) const {
  std::vector<RunRecord> out;
  const std::string where = "WHERE r.uuid = ?1";
  Statement s(db_, std::string(kRunSelect) + where);
  s.bind(1, run_uuid);
  while (s.step()) out.push_back(read_run(s));
  if (out.empty()) return std::nullopt;
  if (!whole) return out.front();
  load_run_details(db_, out, where, run_uuid);
  derive_proposals(*this, out, db_);
  return out.front();
}

std::vector<AuditRecord> Store::audit_entries(std::string_view session_uuid) const {
  std::vector<AuditRecord> out;
  each_audit_entry(session_uuid, [&](const AuditRecord& r) { out.push_back(r); });
  return out;
}

AuditChainReport Store::verify_audit_chain(std::string_view session_uuid) const {
  if (session_uuid.empty()) return store::verify_audit_chain(db_);
  Statement s(db_, "SELECT id FROM exam_session WHERE uuid = ?");
  s.bind(1, session_uuid);
  return s.step() ? store::verify_audit_chain(db_, s.int64(0)) : AuditChainReport{};
}

AuditChainReport Store::verify_audit_chain(std::string_view session_uuid, const ChainEntryReader& read) const {
  AuditChainReport out;
  read_together([&] {
    std::optional<std::int64_t> only;
    std::map<std::int64_t, std::string> uuids;  // session id -> uuid
    Statement s(db_, "SELECT id, uuid FROM exam_session");
    while (s.step()) {
      if (!session_uuid.empty() && s.text_view(1) == session_uuid) only = s.int64(0);
      uuids.emplace(s.int64(0), s.text(1));
    }
    if (!session_uuid.empty() && !only) return;
    const std::string none;
    out = store::verify_audit_chain(db_, only, [&](std::int64_t session, const AuditRecord* e) {
      auto u = uuids.find(session);
      read(u == uuids.end() ? none : u->second, e);
    });
  });
  return out;
}

AuditHead Store::audit_head(std::string_view session_uuid) const {
  Statement s(db_, "SELECT id FROM exam_session WHERE uuid = ?");
  s.bind(1, session_uuid);
  return s.step() ? store::read_audit_head(db_, s.int64(0)) : AuditHead{};
}

void Store::each_own_audit_entry(const std::function<void(const AuditRecord&)>& f) const {
  store::each_own_audit_entry(db_, f);
}

void Store::each_audit_entry(std::string_view session_uuid, const std::function<void(const AuditRecord&)>& f) const {
  Statement s(db_, "SELECT id FROM exam_session WHERE uuid = ?");
  s.bind(1, session_uuid);
  if (s.step()) store::each_audit_entry(db_, s.int64(0), f);
}

void Store::each_audit_entry(std::string_view session_uuid, const std::vector<std::string_view>& actions,
                             const std::function<void(const AuditRecord&)>& f) const {
  Statement s(db_, "SELECT id FROM exam_session WHERE uuid = ?");
  s.bind(1, session_uuid);
  if (s.step()) store::each_audit_entry(db_, s.int64(0), f, actions);
}

void Store::read_together(const std::function<void()>& f) const {
  const bool own = sqlite3_get_autocommit(db_) != 0;
  if (own) exec(db_, "BEGIN");
  try {
    f();
  } catch (...) {
    if (own) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  if (own) exec(db_, "COMMIT");
}

std::optional<SessionSnapshot> Store::snapshot(std::string_view key, AuditHead* head,
                                               std::vector<AuditRecord>* trail) const {
  // Inside a bulk write, reading what it is about to commit: that transaction.
  std::optional<SessionSnapshot> out;
  read_together([&] {
    if (auto session = find_session(key)) {
      out = SessionSnapshot{title_, *session, jury_members(session->uuid), candidates(session->uuid),
                            exam_runs(session->uuid)};
      if (head) *head = audit_head(session->uuid);
      if (trail) *trail = audit_entries(session->uuid);
    }
  });
  return out;
}

std::vector<DecisionConflictRecord> Store::decision_conflicts(std::string_view session_uuid) const {
  std::vector<DecisionConflictRecord> out;
  Statement s(db_,
              "SELECT r.uuid, d.decided, d.justification, d.confirmed_by, d.decided_at, d.locked_at, b.source,"
              " b.key_fingerprint FROM decision_conflict d JOIN exam_run r ON r.id = d.run_id"
              " JOIN imported_bundle b ON b.id = d.bundle_id JOIN candidate c ON c.id = r.candidate_id"
              " JOIN exam_session s ON s.id = c.session_id WHERE s.uuid = ? ORDER BY d.id");
  s.bind(1, session_uuid);
  while (s.step()) {
    DecisionConflictRecord d;
    d.run_uuid = s.text(0);
    d.decided = ccp_outcome_from_id(s.text(1)).value_or(CcpOutcome::Undecided);
    d.justification = s.text(2);
    auto confirmed = nlohmann::json::parse(s.text(3), nullptr, false);
    if (confirmed.is_array())
      for (const auto& m : confirmed)
        if (m.is_string()) d.confirmed_by.push_back(m.get<std::string>());
    if (!s.is_null(4)) d.decided_at = s.int64(4);
    if (!s.is_null(5)) d.locked_at = s.int64(5);
    d.source = s.text(6);
    d.key_fingerprint = s.text(7);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<std::string> Store::imported_bundle_source(std::string_view digest) const {
  Statement s(db_, "SELECT source FROM imported_bundle WHERE digest = ?");
  s.bind(1, digest);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::set<std::string> Store::imported_bundle_digests() const {
  std::set<std::string> out;
  Statement s(db_, "SELECT digest FROM imported_bundle");
  while (s.step()) out.insert(s.text(0));
  return out;
}

namespace {
constexpr const char* kTrustedKeyColumns =
    "SELECT fingerprint, name, enrolled_by, enrolled_at, checked_by_phone, revoked_at, revoked_by FROM trusted_key ";
TrustedKeyRecord trusted_key_of(const Statement& s) {
  TrustedKeyRecord k{s.text(0), s.text(1), s.text(2), s.int64(3), s.int64(4) != 0, std::nullopt, s.text(6)};
  if (!s.is_null(5)) k.revoked_at = s.int64(5);
  return k;
}
}  // namespace

std::vector<TrustedKeyRecord> Store::trusted_keys() const {
  std::vector<TrustedKeyRecord> out;
  Statement s(db_, std::string(kTrustedKeyColumns) + "ORDER BY enrolled_at, fingerprint");
  while (s.step()) out.push_back(trusted_key_of(s));
  return out;
}

std::optional<TrustedKeyRecord> Store::trusted_key(std::string_view fingerprint) const {
  Statement s(db_, std::string(kTrustedKeyColumns) + "WHERE fingerprint = ?");
  s.bind(1, fingerprint);
  if (!s.step()) return std::nullopt;
  return trusted_key_of(s);
}

std::vector<KeySessionRecord> Store::key_sessions(std::string_view fingerprint) const {
  std::vector<KeySessionRecord> out;
  Statement s(db_,
              "SELECT e.uuid, e.title, e.exam_date, e.exam_centre, count(*), max(length(b.trail)) / 64,"
              " sum(b.unproven <> '') FROM imported_bundle b JOIN exam_session e ON e.id = b.session_id WHERE b.key_fingerprint = ?"
              " GROUP BY e.id ORDER BY e.exam_date, e.title");
  s.bind(1, fingerprint);
  while (s.step())
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.int64(4)), s.int64(5),
                   static_cast<int>(s.int64(6))});
  return out;
}

namespace {
// imported_bundle.unproven: what a merged bundle's replay could not prove,
// one line each ('' when it proved everything).
std::vector<std::string> unproven_lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}
}  // namespace

std::vector<PartialProofRecord> Store::partial_proofs(std::string_view session_uuid) const {
  std::vector<PartialProofRecord> out;
  Statement s(db_,
              "SELECT b.source, b.key_fingerprint, b.imported_at, b.unproven,"
              " EXISTS (SELECT 1 FROM pv_check p WHERE p.session_id = b.session_id AND p.at_ms >= b.imported_at)"
              " FROM imported_bundle b JOIN exam_session e ON e.id = b.session_id"
              " WHERE e.uuid = ? AND b.unproven <> '' ORDER BY b.id");
  s.bind(1, session_uuid);
  while (s.step()) {
    PartialProofRecord r{s.text(0), s.text(1), s.int64(2), {}, s.int64(4) != 0};
    r.unproven = unproven_lines(s.text(3));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<PvCheckRecord> Store::pv_checks(std::string_view session_uuid) const {
  std::vector<PvCheckRecord> out;
  Statement s(db_,
              "SELECT p.code, p.head, p.entries_after, p.at_ms, p.checked_by,"
              " coalesce(CASE WHEN json_valid(a.payload) THEN json_extract(a.payload, '$.key_fingerprint') END, '')"
              " FROM pv_check p JOIN exam_session e ON e.id = p.session_id"
              " LEFT JOIN audit_entry a ON a.id = p.audit_id WHERE e.uuid = ? ORDER BY p.id");
  s.bind(1, session_uuid);
  while (s.step()) out.push_back({s.text(0), s.text(1), s.int64(2), s.int64(3), s.text(4), s.text(5)});
  return out;
}

std::map<std::string, std::string> Store::decision_keys(std::string_view session_uuid) const {
  std::map<std::string, std::string> out;
  Statement s(db_,
              "SELECT r.uuid, b.key_fingerprint FROM decision_source ds JOIN exam_run r ON r.id = ds.run_id"
              " JOIN imported_bundle b ON b.id = ds.bundle_id JOIN exam_session e ON e.id = b.session_id"
              " WHERE e.uuid = ?");
  s.bind(1, session_uuid);
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

std::vector<Store::SessionKeyConfirmation> Store::session_key_confirmations() const {
  std::vector<SessionKeyConfirmation> out;
  Statement s(db_,
              "SELECT e.uuid, sk.key_fingerprint, sk.confirmed_by, sk.confirmed_at FROM session_key sk"
              " LEFT JOIN exam_session e ON e.id = sk.session_id ORDER BY 1, 2");
  while (s.step()) out.push_back({s.is_null(0) ? std::string() : s.text(0), s.text(1), s.text(2), s.int64(3)});
  return out;
}

void Store::each_merged_bundle(const std::function<void(const KeptBundle&)>& f) const {
  Statement s(db_,
              "SELECT b.digest, b.source, e.uuid, b.key_fingerprint, b.unproven, coalesce(k.results_json, ''),"
              " coalesce(k.proces_verbal, '') FROM imported_bundle b JOIN exam_session e ON e.id = b.session_id"
              " LEFT JOIN bundle_copy k ON k.bundle_id = b.id ORDER BY b.id");
  while (s.step()) {
    KeptBundle k{s.text(0), s.text(1), s.text(2), s.text(3), {}, s.text(5), s.text(6)};
    k.unproven = unproven_lines(s.text(4));
    f(k);
  }
}

std::vector<Store::ImportedBundleRow> Store::imported_bundle_rows() const {
  std::vector<ImportedBundleRow> out;
  Statement s(db_, "SELECT digest, source, key_fingerprint, exported_at FROM imported_bundle ORDER BY id");
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.int64(3)});
  return out;
}

std::vector<SessionKeyRecord> Store::session_keys(std::string_view session_uuid) const {
  std::vector<SessionKeyRecord> out;
  Statement s(db_,
              "SELECT b.key_fingerprint, coalesce(k.name, ''), count(*), min(b.id),"
              " coalesce(sk.confirmed_by, ''), coalesce(sk.confirmed_at, 0)"
              " FROM imported_bundle b JOIN exam_session e ON e.id = b.session_id"
              " LEFT JOIN trusted_key k ON k.fingerprint = b.key_fingerprint"
              " LEFT JOIN session_key sk ON sk.session_id = b.session_id AND sk.key_fingerprint = b.key_fingerprint"
              " WHERE e.uuid = ? GROUP BY b.key_fingerprint ORDER BY min(b.id)");
  s.bind(1, session_uuid);
  while (s.step())
    out.push_back({s.text(0), s.text(1), static_cast<int>(s.int64(2)), out.empty(), s.text(4), s.int64(5)});
  return out;
}

std::vector<AddedElsewhereRecord> Store::added_by_other_keys(std::string_view session_uuid) const {
  std::set<std::string> trusted;
  for (const auto& k : session_keys(session_uuid))
    if (k.trusted_for_session()) trusted.insert(k.fingerprint);
  std::map<std::string, AddedElsewhereRecord> by_uuid;
  std::set<std::string> seen_trusted;
  Statement s(db_,
              "SELECT c.uuid, c.number, c.first_name || ' ' || c.last_name, cb.key_fingerprint"
              " FROM carried_by cb JOIN candidate c ON c.id = cb.candidate_id JOIN exam_session e ON e.id = c.session_id"
              " WHERE e.uuid = ? ORDER BY c.number, cb.key_fingerprint");
  s.bind(1, session_uuid);
  while (s.step()) {
    const std::string uuid = s.text(0);
    if (trusted.count(s.text(3))) seen_trusted.insert(uuid);
    auto& r = by_uuid[uuid];
    r.candidate_uuid = uuid;
    r.number = s.text(1);
    r.name = s.text(2);
    r.fingerprints.push_back(s.text(3));
  }
  std::vector<AddedElsewhereRecord> out;
  for (auto& [uuid, r] : by_uuid)
    if (!seen_trusted.count(uuid)) out.push_back(std::move(r));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
  return out;
}

std::int64_t Store::audit_entry_count() const { return query_int(db_, "SELECT count(*) FROM audit_entry"); }

}  // namespace jurymn
