// SPDX-License-Identifier: EUPL-1.2
#include "store/merge.h"

#include "store/sheet_columns.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/local_time.h"
#include "core/search.h"
#include "core/text.h"
#include "store/candidate_row.h"
#include "store/sqlite.h"

namespace jurymn::store {

using nlohmann::json;

namespace {

std::string who(const CandidateRecord& c) {
  return c.data.number + " (" + c.data.first_name + " " + c.data.last_name + ")";
}

std::string label(CcpOutcome o) { return std::string(french_label(o)); }

constexpr std::size_t kHashChars = 64;

struct Merger {
  Merger(sqlite3* db_, TimeMs now_, const action::MergeBundle& a_) : db(db_), now(now_), a(a_), in(a_.bundle.snapshot) {}
  sqlite3* db;
  TimeMs now;
  const action::MergeBundle& a;
  const SessionSnapshot& in;
  MergeOutcome out;
  std::map<std::string, std::int64_t> member_id;      // bundle uuid -> centre id
  std::map<std::string, std::string> member_uuid;     // bundle uuid -> centre uuid
  std::map<std::string, std::int64_t> candidate_id;   // bundle uuid -> centre id
  std::map<std::string, const CandidateRecord*> candidate;  // bundle uuid -> record
  std::int64_t bundle_id = 0;
  int added_candidates = 0, added_runs = 0, added_marks = 0, updated_marks = 0, added_decisions = 0;
  std::vector<payload::MergeBundle::Conflict> conflicts;

  // The owner (session id) of a uuid in `table`, or 0.
  std::int64_t session_of(const char* sql, const std::string& uuid) {
    Statement s(db, sql);
    s.bind(1, uuid);
    return s.step() ? s.int64(0) : 0;
  }

  void session() {
    const SessionRecord& r = in.session;
    Statement by_uuid(db, "SELECT id, kind FROM exam_session WHERE uuid = ?");
    by_uuid.bind(1, r.uuid);
    if (by_uuid.step()) {
      if (by_uuid.text(1) != to_id(r.kind))
        throw MergeRefused("la session " + r.uuid + " est déjà enregistrée avec une autre nature (examen officiel / "
                           "jury blanc)\u00A0: le lot n’est pas importé.");
      out.session_id = by_uuid.int64(0);
    } else {
      Statement same(db, "SELECT id FROM exam_session WHERE exam_date = ? AND exam_centre = ? AND title = ? AND kind = ?");
      same.bind(1, r.date).bind(2, r.exam_centre).bind(3, r.title).bind(4, to_id(r.kind));
      if (same.step()) out.session_id = same.int64(0);
    }
    if (!out.session_id) {
      if (r.ccps.empty()) throw MergeRefused("la session du lot n’examine aucun CCP.");
      Statement s(db,
                  "INSERT INTO exam_session (uuid, title, exam_date, exam_centre, kind, created_at)"
                  " VALUES (?, ?, ?, ?, ?, ?)");
      s.bind(1, r.uuid).bind(2, r.title).bind(3, r.date).bind(4, r.exam_centre).bind(5, to_id(r.kind));
      s.bind(6, r.created_at);
      s.run();
      out.session_id = sqlite3_last_insert_rowid(db);
    }
    // The session examines the CCPs of every laptop's record.
    for (const auto& id : r.ccps.ids) {
      Statement u(db, "INSERT OR IGNORE INTO session_ccp (session_id, ccp) VALUES (?, ?)");
      u.bind(1, out.session_id).bind(2, id);
      u.run();
    }
  }

  void members() {
    std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> existing;  // id, (uuid, folded name)
    Statement all(db, "SELECT id, uuid, name FROM jury_member WHERE session_id = ?");
    all.bind(1, out.session_id);
    while (all.step()) existing.push_back({all.int64(0), {all.text(1), fold_for_search(trimmed(all.text(2)))}});
    for (const auto& m : in.jury) {
      std::int64_t id = 0;
      std::string uuid;
      for (const auto& [eid, e] : existing)
        if (e.first == m.uuid || e.second == fold_for_search(trimmed(m.name))) {
          id = eid;
          uuid = e.first;
        }
      if (!id) {
        if (session_of("SELECT session_id FROM jury_member WHERE uuid = ?", m.uuid))
          throw MergeRefused("le membre du jury " + m.name + " a l’identifiant d’un membre d’une autre session.");
        Statement s(db, "INSERT INTO jury_member (uuid, session_id, name, role, feminine) VALUES (?, ?, ?, ?, ?)");
        s.bind(1, m.uuid).bind(2, out.session_id).bind(3, m.name).bind(4, to_id(m.role)).bind(5, m.feminine);
        s.run();
        id = sqlite3_last_insert_rowid(db);
        // The member's public key comes along: the centre can check the
        // confirmations again.
        if (m.pin) {
          Statement k(db, "UPDATE jury_member SET pin_salt = ?, pin_public_key = ?, pin_ops = ?, pin_mem = ? WHERE id = ?");
          k.bind(1, m.pin->salt).bind(2, m.pin->public_key).bind(3, static_cast<std::int64_t>(m.pin->cost.ops));
          k.bind(4, static_cast<std::int64_t>(m.pin->cost.mem)).bind(5, id);
          k.run();
        }
        uuid = m.uuid;
        existing.push_back({id, {uuid, fold_for_search(trimmed(m.name))}});
      }
      member_id[m.uuid] = id;
      member_uuid[m.uuid] = uuid;
    }
  }

  void candidates() {
    for (const auto& c : in.candidates) {
      candidate[c.uuid] = &c;
      Statement find(db,
                     "SELECT id, attendance, number, first_name, last_name FROM candidate WHERE session_id = ?"
                     " AND (uuid = ? OR number = ?) ORDER BY number = ?3 DESC");
      find.bind(1, out.session_id).bind(2, c.uuid).bind(3, c.data.number);
      if (find.step()) {
        candidate_id[c.uuid] = find.int64(0);
        // One number, two people: the laptops' lists disagree. The centre's
        // record is kept; somebody must look.
        const std::string held_name = find.text(3) + " " + find.text(4);
        const std::string their_name = c.data.first_name + " " + c.data.last_name;
        if (find.text(2) == c.data.number && fold_for_search(trimmed(held_name)) != fold_for_search(trimmed(their_name)))
          out.notes.push_back("Candidat n°\u00A0" + c.data.number + "\u00A0: ce lot le nomme " + guillemets(their_name) +
                              ", la base du centre " + guillemets(held_name) +
                              ". Les résultats sont rattachés au numéro\u00A0; vérifiez la liste des candidats.");
        // A laptop that saw the candidate knows more than one that did not.
        if (find.text(1) == "expected" && c.attendance != Attendance::Expected) {
          Statement u(db, "UPDATE candidate SET attendance = ? WHERE id = ?");
          u.bind(1, to_id(c.attendance)).bind(2, find.int64(0));
          u.run();
        }
        continue;
      }
      if (session_of("SELECT session_id FROM candidate WHERE uuid = ?", c.uuid))
        throw MergeRefused("le candidat " + who(c) + " a l’identifiant d’un candidat d’une autre session.");
      candidate_id[c.uuid] = write_candidate_row(db, 0, c.data, {out.session_id, c.uuid, c.attendance});
      ++added_candidates;
    }
  }

  bool run_created = false;  // by the last run_row(): nothing to compare with

  std::int64_t run_row(const RunRecord& r) {
    run_created = false;
    const std::int64_t cand = candidate_id.at(r.candidate_uuid);
    Statement find(db, "SELECT id FROM exam_run WHERE uuid = ? OR (candidate_id = ? AND ccp = ?)");
    find.bind(1, r.uuid).bind(2, cand).bind(3, r.ccp);
    if (find.step()) {
      const std::int64_t id = find.int64(0);
      // Timing and draws come from the laptop that ran the timer; the
      // first one merged is kept.
      Statement events(db, "SELECT count(*) FROM stage_event WHERE run_id = ?");
      events.bind(1, id);
      events.step();
      if (events.int64(0) == 0 && !r.events.empty()) {
        insert_events(id, r);
        Statement u(db, "UPDATE exam_run SET started_at = ?, finished_at = ? WHERE id = ?");
        u.bind(1, r.started_at);
        if (r.finished_at) u.bind(2, *r.finished_at); else u.bind_null(2);
        u.bind(3, id);
        u.run();
      }
      Statement draws(db, "SELECT count(*) FROM sheet_draw WHERE run_id = ?");
      draws.bind(1, id);
      draws.step();
      if (draws.int64(0) == 0) insert_draws(id, r);
      return id;
    }
    if (session_of("SELECT candidate_id FROM exam_run WHERE uuid = ?", r.uuid))
      throw MergeRefused("l’épreuve " + r.uuid + " a l’identifiant d’une épreuve d’un autre candidat.");
    Statement s(db,
                "INSERT INTO exam_run (uuid, candidate_id, ccp, plan_id, plan_version, grid_id, grid_version,"
                " started_at, finished_at, rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.uuid).bind(2, cand).bind(3, r.ccp).bind(4, r.plan_id).bind(5, r.plan_version);
    s.bind(6, r.grid_id).bind(7, r.grid_version).bind(8, r.started_at);
    if (r.finished_at) s.bind(9, *r.finished_at); else s.bind_null(9);
    s.bind(10, r.rules);
    s.run();
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    insert_events(id, r);
    insert_draws(id, r);
    ++added_runs;
    run_created = true;
    return id;
  }

  void insert_events(std::int64_t run, const RunRecord& r) {
    Statement s(db, "INSERT INTO stage_event (run_id, stage_id, kind, at_ms, amount_ms, reason) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& e : r.events) {
      s.reset();
      s.bind(1, run).bind(2, e.stage_id).bind(3, to_id(e.kind)).bind(4, e.at).bind(5, e.amount).bind(6, e.reason);
      s.run();
    }
  }

  void insert_draws(std::int64_t run, const RunRecord& r) {
    Statement s(db, "INSERT INTO sheet_draw (run_id, titles, chosen, method, reason, at_ms) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& d : r.draws) {
      s.reset();
      s.bind(1, run).bind(2, sheets_column(d.titles)).bind(3, d.chosen);
      s.bind(4, to_id(d.method)).bind(5, d.reason).bind(6, d.at);
      s.run();
    }
  }

  // Per member and criterion: the latest rating wins, whichever laptop holds it.
  void marks(std::int64_t run, const RunRecord& r) {
    Statement find(db, "SELECT rating, at_ms FROM mark WHERE run_id = ? AND member_id = ? AND criterion_id = ?");
    Statement insert(db, "INSERT INTO mark (run_id, member_id, criterion_id, rating, at_ms) VALUES (?, ?, ?, ?, ?)");
    for (const auto& m : r.marks) {
      const std::int64_t member = member_id.at(m.member_uuid);
      if (!run_created) {
        find.reset();
        find.bind(1, run).bind(2, member).bind(3, m.criterion_id);
        if (find.step()) {
          if (find.text(0) == m.level_id || find.int64(1) >= m.at) continue;
          Statement u(db, "UPDATE mark SET rating = ?, at_ms = ? WHERE run_id = ? AND member_id = ? AND criterion_id = ?");
          u.bind(1, m.level_id).bind(2, m.at).bind(3, run).bind(4, member).bind(5, m.criterion_id);
          u.run();
          ++updated_marks;
          continue;
        }
      }
      insert.reset();
      insert.bind(1, run).bind(2, member).bind(3, m.criterion_id).bind(4, m.level_id).bind(5, m.at);
      insert.run();
      ++added_marks;
    }
    for (const auto& o : r.observations) {
      const std::int64_t member = member_id.at(o.member_uuid);
      Statement s(db,
                  "INSERT INTO observation (run_id, member_id, competency_id, text, at_ms) VALUES (?, ?, ?, ?, ?)"
                  " ON CONFLICT (run_id, member_id, competency_id) DO UPDATE SET text = excluded.text,"
                  " at_ms = excluded.at_ms WHERE excluded.at_ms > observation.at_ms");
      s.bind(1, run).bind(2, member).bind(3, o.competency_id).bind(4, o.text).bind(5, o.at);
      s.run();
    }
  }

  json confirmed_uuids(const CcpDecisionRecord& d) {
    json out = json::array();
    for (const auto& u : d.confirmed_by) out.push_back(member_uuid.at(u));
    return out;
  }

  void held_from_this_bundle(std::int64_t run) {
    Statement src(db,
                  "INSERT INTO decision_source (run_id, bundle_id) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET"
                  " bundle_id = excluded.bundle_id");
    src.bind(1, run).bind(2, bundle_id);
    src.run();
  }

  void write_decision(std::int64_t run, const RunRecord& r) {
    const CcpDecisionRecord& d = r.decision;
    Statement s(db,
                "INSERT INTO ccp_decision (run_id, proposed, decided, justification, confirmed_by, decided_at,"
                " locked_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET"
                " proposed = excluded.proposed, decided = excluded.decided, justification = excluded.justification,"
                " confirmed_by = excluded.confirmed_by, decided_at = excluded.decided_at, locked_at = excluded.locked_at");
    s.bind(1, run).bind(2, to_id(d.proposed)).bind(3, to_id(d.decided)).bind(4, d.justification);
    s.bind(5, confirmed_uuids(d).dump());
    if (d.decided_at) s.bind(6, *d.decided_at); else s.bind_null(6);
    if (d.locked_at) s.bind(7, *d.locked_at); else s.bind_null(7);
    s.run();
    held_from_this_bundle(run);
    Statement del(db, "DELETE FROM competency_decision WHERE run_id = ?");
    del.bind(1, run);
    del.run();
    Statement c(db, "INSERT INTO competency_decision (run_id, competency_id, status, at_ms, reason) VALUES (?, ?, ?, ?, ?)");
    for (const auto& cd : r.competency_decisions) {
      c.reset();
      c.bind(1, run).bind(2, cd.competency_id).bind(3, to_id(cd.status)).bind(4, cd.at).bind(5, cd.reason);
      c.run();
    }
  }

  // The laptop reopened a result and decided again: what the centre says.
  void redecided_note(const RunRecord& r, CcpOutcome before, CcpOutcome after, bool on_record = true,
                      const char* held_from = "lot précédent de la même clé") {
    const CcpDecisionRecord& d = r.decision;
    const CandidateRecord& c = *candidate.at(r.candidate_uuid);
    std::string line = "Réouverture\u00A0: " + who(c) + ", " + r.ccp + "\u00A0: " + guillemets(label(before)) + " (" + held_from +
                       ") rouvert";
    if (!d.reopenings.empty()) {
      const ReopeningRecord& o = d.reopenings.back();
      line += " le " + french_date_time(o.at) + " (motif\u00A0: " + guillemets(o.reason) + ")";
    }
    if (after == CcpOutcome::Undecided) line += ", pas encore décidé à nouveau.";
    else
      line += std::string(before == after ? ", décidé de nouveau " : ", décision désormais ") + guillemets(label(after)) +
              (d.locked() ? ", confirmée et verrouillée." : ", non verrouillée.");
    out.notes.push_back(line);
    if (on_record) redecided.push_back({c.data.number, r.ccp, before, after});
  }

  void decision(std::int64_t run, const RunRecord& r) {
    const CcpDecisionRecord& d = r.decision;
    const std::string key = a.bundle.key_fingerprint;
    // This key's own earlier disagreement on the run, superseded by this
    // bundle: its later state replaces it.
    std::optional<CcpOutcome> our_old_conflict;
    {
      Statement mine(db,
                     "SELECT dc.id, dc.decided FROM decision_conflict dc JOIN imported_bundle b ON b.id = dc.bundle_id"
                     " WHERE dc.run_id = ? AND b.key_fingerprint = ? AND dc.bundle_id <> ?");
      mine.bind(1, run).bind(2, key).bind(3, bundle_id);
      std::vector<std::int64_t> ids;
      while (mine.step()) {
        ids.push_back(mine.int64(0));
        our_old_conflict = ccp_outcome_from_id(mine.text(1));
      }
      for (auto id : ids) {
        Statement del(db, "DELETE FROM decision_conflict WHERE id = ?");
        del.bind(1, id);
        del.run();
      }
    }
    Statement find(db,
                   "SELECT d.decided, d.locked_at, coalesce(b.key_fingerprint, ''), d.decided_at FROM ccp_decision d"
                   " LEFT JOIN decision_source ds ON ds.run_id = d.run_id LEFT JOIN imported_bundle b"
                   " ON b.id = ds.bundle_id WHERE d.run_id = ?");
    find.bind(1, run);
    const bool has = find.step() && !find.text(0).empty();
    const std::string held = has ? find.text(0) : "";
    const bool held_locked = has && !find.is_null(1);
    const bool held_by_this_key = has && find.text(2) == key;
    const std::optional<TimeMs> held_decided_at = has && !find.is_null(3) ? std::optional(find.int64(3)) : std::nullopt;
    // The jury reopened the result after the decision the centre holds was
    // decided: this bundle's decision is the later one.
    const bool reopened_since = has && !d.reopenings.empty() &&
                                (!held_decided_at || d.reopenings.back().at > *held_decided_at);
    if (d.decided == CcpOutcome::Undecided) {
      if (!held_by_this_key) return;
      // Reopened on the laptop and not decided again yet: the centre no
      // longer holds a decision from it.
      Statement u(db, "UPDATE ccp_decision SET decided = '', justification = '', confirmed_by = '[]', decided_at = NULL,"
                      " locked_at = NULL WHERE run_id = ?");
      u.bind(1, run);
      u.run();
      held_from_this_bundle(run);
      Statement del(db, "DELETE FROM competency_decision WHERE run_id = ?");
      del.bind(1, run);
      del.run();
      redecided_note(r, *ccp_outcome_from_id(held), CcpOutcome::Undecided);
      return;
    }
    if (!has) {
      write_decision(run, r);
      ++added_decisions;
      if (our_old_conflict && *our_old_conflict != d.decided) redecided_note(r, *our_old_conflict, d.decided);
      return;
    }
    const CcpOutcome held_outcome = *ccp_outcome_from_id(held);
    if (held_by_this_key) {
      // The same laptop, later: its latest state is the centre's.
      write_decision(run, r);
      if (held_outcome != d.decided) {
        ++added_decisions;
        redecided_note(r, held_outcome, d.decided);
        // Another key that disagreed with the old decision may agree now.
        Statement agree(db, "DELETE FROM decision_conflict WHERE run_id = ? AND decided = ?");
        agree.bind(1, run).bind(2, to_id(d.decided));
        agree.run();
      } else if (reopened_since) {
        // Reopened and decided the same again: said, with the reason.
        ++added_decisions;
        redecided_note(r, held_outcome, d.decided, /*on_record=*/false);
      } else if (!held_locked && d.locked()) {
        ++added_decisions;
      }
      return;
    }
    if (reopened_since && d.locked() && held != to_id(d.decided)) {
      // Another laptop of the jury reopened the result after the decision
      // the centre holds and decided again: the later decision is the
      // jury's, not a conflict with its own earlier one.
      write_decision(run, r);
      ++added_decisions;
      redecided_note(r, held_outcome, d.decided, true, "décision d’un autre ordinateur du jury, tenue par le centre");
      Statement agree(db, "DELETE FROM decision_conflict WHERE run_id = ? AND decided = ?");
      agree.bind(1, run).bind(2, to_id(d.decided));
      agree.run();
      return;
    }
    if (our_old_conflict && *our_old_conflict != d.decided) redecided_note(r, *our_old_conflict, d.decided);
    if (held == to_id(d.decided) && !held_locked && d.locked()) {
      // The same decision, now confirmed and locked.
      write_decision(run, r);
      ++added_decisions;
      return;
    }
    if (held == to_id(d.decided)) return;  // the same decision: nothing new
    // Two different final decisions: both kept, neither chosen.
    Statement s(db,
                "INSERT INTO decision_conflict (run_id, bundle_id, decided, justification, confirmed_by, decided_at,"
                " locked_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, run).bind(2, bundle_id).bind(3, to_id(d.decided)).bind(4, d.justification);
    s.bind(5, confirmed_uuids(d).dump());
    if (d.decided_at) s.bind(6, *d.decided_at); else s.bind_null(6);
    if (d.locked_at) s.bind(7, *d.locked_at); else s.bind_null(7);
    s.run();
    const CandidateRecord& c = *candidate.at(r.candidate_uuid);
    out.notes.push_back("Conflit\u00A0: " + who(c) + ", " + r.ccp + "\u00A0: la base du centre porte " +
                        guillemets(label(held_outcome)) + ", ce lot " + guillemets(label(d.decided)) +
                        ". Les deux sont conservées\u00A0; à trancher par le jury.");
    ++out.conflicts;
    conflicts.push_back({c.data.number, r.ccp, held_outcome, d.decided});
  }

  // ---- the key and its trail

  void check_key() {
    Statement k(db, "SELECT name, revoked_at, revoked_by FROM trusted_key WHERE fingerprint = ?");
    k.bind(1, a.bundle.key_fingerprint);
    if (!k.step())
      throw MergeRefused("ce lot est signé par la clé " + a.bundle.key_fingerprint +
                         ", que ce centre n’a pas enrôlée\u00A0: rien n’a été importé. Vérifiez l’empreinte avec le "
                         "jury (par téléphone), puis enrôlez la clé (jurymn keys trust " + a.source +
                         "/public-key.pem --name NOM) ou fusionnez avec --trust-new-key.");
    if (!k.is_null(1))
      throw MergeRefused("ce lot est signé par la clé " + a.bundle.key_fingerprint + " (" + guillemets(k.text(0)) +
                         "), révoquée le " + french_date_time(k.int64(1)) + " par " + k.text(2) +
                         "\u00A0: rien n’a été importé.");
  }

  std::string trail;  // this bundle's entry hashes, in order
  std::string supersedes;
  std::int64_t entries_after = 0;
  std::vector<payload::MergeBundle::Redecided> redecided;

  std::string entry_text(std::size_t i) const {
    const AuditRecord& e = a.bundle.audit_trail[i];
    return "l’entrée n°\u00A0" + std::to_string(i + 1) + " (" + e.action + ", " +
           french_date_time(e.at_ms) + ")";
  }

  // Against the longest trail the centre holds from this key for this
  // session (the others are its prefixes: forks are refused).
  void compare_trail() {
    for (const auto& e : a.bundle.audit_trail) trail += e.hash;
    Statement prev(db,
                   "SELECT digest, source, trail FROM imported_bundle WHERE session_id = ? AND key_fingerprint = ?"
                   " AND trail <> '' ORDER BY length(trail) DESC, id DESC LIMIT 1");
    prev.bind(1, out.session_id).bind(2, a.bundle.key_fingerprint);
    if (!prev.step()) return;
    const std::string old = prev.text(2);
    const std::size_t n_old = old.size() / kHashChars, n_new = trail.size() / kHashChars;
    for (std::size_t i = 0; i < std::min(n_old, n_new); ++i)
      if (old.compare(i * kHashChars, kHashChars, trail, i * kHashChars, kHashChars) != 0)
        throw MergeRefused("le journal de ce lot diverge de celui du lot " + guillemets(prev.text(1)) +
                           ", signé par la même clé et déjà importé, à " + entry_text(i) +
                           "\u00A0: un ordinateur ne réécrit pas son journal. Rien n’a été importé\u00A0; comparez "
                           "avec le procès-verbal papier et interrogez le jury.");
    if (n_new <= n_old)
      throw MergeUnchanged("ce lot est plus ancien que le lot " + guillemets(prev.text(1)) +
                           " de la même clé, déjà importé (son journal de " + std::to_string(n_new) +
                           " entrées en est le début, sur " + std::to_string(n_old) + ")\u00A0: rien n’a changé.");
    supersedes = prev.text(0);
    entries_after = static_cast<std::int64_t>(n_new - n_old);
    out.notes.push_back("Ce lot prolonge le lot " + guillemets(prev.text(1)) + " de la même clé (" +
                        std::to_string(entries_after) + " entrée(s) de plus au journal)\u00A0: il le remplace.");
  }

  MergeOutcome run_all() {
    if (in.session.kind == SessionKind::Rehearsal && !a.include_rehearsal)
      throw MergeRefused("c’est un lot de jury blanc (session d’entraînement, sans valeur de certification)\u00A0; "
                         "il n’est pas importé. Ajoutez --include-rehearsal pour l’importer quand même.");
    check_key();
    session();
    compare_trail();
    Statement b(db,
                "INSERT INTO imported_bundle (digest, session_id, source, app_version, key_fingerprint, exported_at,"
                " imported_at, trail, unproven) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    b.bind(1, a.digest).bind(2, out.session_id).bind(3, a.source).bind(4, a.bundle.app_version);
    b.bind(5, a.bundle.key_fingerprint).bind(6, a.bundle.exported_at).bind(7, now).bind(8, trail);
    std::string unproven;
    for (const auto& u : a.unproven) unproven += (unproven.empty() ? "" : "\n") + u;
    b.bind(9, unproven);
    b.run();
    bundle_id = sqlite3_last_insert_rowid(db);
    if (!a.results_json.empty()) {
      Statement k(db, "INSERT INTO bundle_copy (bundle_id, results_json, proces_verbal) VALUES (?, ?, ?)");
      k.bind(1, bundle_id).bind(2, a.results_json).bind(3, a.proces_verbal);
      k.run();
    }
    members();
    candidates();
    // Which keys carried each candidate: one a second key alone brought is
    // said « ajouté par un autre ordinateur » until the centre confirms it.
    for (const auto& [uuid, id] : candidate_id) {
      Statement c(db, "INSERT OR IGNORE INTO carried_by (session_id, candidate_id, key_fingerprint) VALUES (?, ?, ?)");
      c.bind(1, out.session_id).bind(2, id).bind(3, a.bundle.key_fingerprint);
      c.run();
    }
    for (const auto& r : in.runs) {
      const std::int64_t run = run_row(r);
      marks(run, r);
      decision(run, r);
    }
    out.payload = {a.digest,
                   a.source,
                   in.session.uuid,
                   a.bundle.key_fingerprint,
                   a.bundle.exported_at,
                   a.bundle.audit.digest,
                   added_candidates,
                   added_runs,
                   added_marks,
                   updated_marks,
                   added_decisions,
                   std::move(conflicts),
                   supersedes,
                   entries_after,
                   std::move(redecided),
                   a.unproven};
    return std::move(out);
  }
};

}  // namespace

MergeOutcome merge_bundle(sqlite3* db, TimeMs now, const action::MergeBundle& a) {
  Statement seen(db, "SELECT source FROM imported_bundle WHERE digest = ?");
  seen.bind(1, a.digest);
  if (seen.step())
    throw MergeRefused("ce lot est déjà importé (depuis " + seen.text(0) + ")\u00A0: rien n’a changé.");
  Merger m(db, now, a);
  try {
    return m.run_all();
  } catch (const std::out_of_range&) {
    // parse_results_json checks references; an action built otherwise may not.
    throw MergeRefused("le lot désigne un membre du jury ou un candidat qu’il ne contient pas.");
  }
}

}  // namespace jurymn::store
