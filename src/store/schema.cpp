// SPDX-License-Identifier: EUPL-1.2
#include "store/schema.h"

#include <string>

#include "core/audit_payloads.h"
#include "store/audit_chain.h"
#include "store/sqlite.h"

namespace jurymn::store {
namespace {

struct Migration {
  int version;
  const char* sql;
  // Work SQL alone cannot do, in the same transaction, at `now`.
  void (*then)(sqlite3* db, TimeMs now) = nullptr;
};

// Version 4 keeps each session's audit head; existing trails are chained
// once, here.
void chain_existing_audit_trails(sqlite3* db, TimeMs) { rebuild_audit_heads(db); }

// Version 6 stores each entry's hash and its predecessor's: the columns are
// filled once, under the append-only triggers' watch restored right after.
void hash_existing_audit_entries(sqlite3* db, TimeMs now) {
  chain_existing_entries(db, now);
  exec(db, R"SQL(
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
)SQL");
}

// A migration that rebuilt a table must leave every reference whole.
void check_foreign_keys(sqlite3* db, TimeMs) {
  if (query_int(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
    throw SqlError(SQLITE_CONSTRAINT, "migration : une référence entre tables est rompue.");
}

// Version 8 gives reopenings their own rows; those of the trail so far are
// read from their audit entries once, here. An entry whose payload does not
// read as a reopening is left to the trail alone (jurymn never wrote one).
void fill_reopenings(sqlite3* db, TimeMs) {
  Statement entries(db, "SELECT a.id, a.at_ms, a.actor, a.candidate_id, a.payload FROM audit_entry a"
                        " WHERE a.action = ? ORDER BY a.id");
  entries.bind(1, audit_action_id(AuditAction::ReopenDecision));
  Statement run(db, "SELECT id FROM exam_run WHERE uuid = ? AND candidate_id = ?");
  Statement add(db, "INSERT INTO reopening (run_id, audit_id, at_ms, actor, reason) VALUES (?, ?, ?, ?, ?)");
  while (entries.step()) {
    payload::ReopenDecision p;
    try {
      p = read_payload_as<payload::ReopenDecision>(AuditAction::ReopenDecision, entries.text(4));
    } catch (const PayloadError&) {
      continue;
    }
    if (entries.is_null(3)) continue;
    run.reset();
    run.bind(1, p.run).bind(2, entries.int64(3));
    if (!run.step()) continue;
    add.reset();
    add.bind(1, run.int64(0)).bind(2, entries.int64(0)).bind(3, entries.int64(1)).bind(4, entries.text(2)).bind(5, p.reason);
    add.run();
  }
}

// Never edit a released migration: add a new one. Version 1 lays out the
// whole product (sessions to decisions) so later features fill it in.
const Migration kMigrations[] = {
    {1, R"SQL(
CREATE TABLE exam_session (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  exam_date TEXT NOT NULL,
  exam_centre TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('official', 'rehearsal')),
  ccps TEXT NOT NULL CHECK (ccps IN ('CCP1', 'CCP2', 'CCP1,CCP2')),
  plan_versions TEXT NOT NULL DEFAULT '',
  grid_versions TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE jury_member (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('president', 'member')),
  UNIQUE (session_id, name)
);

CREATE TABLE candidate (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  number TEXT NOT NULL,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  takes_ccp1 INTEGER NOT NULL CHECK (takes_ccp1 IN (0, 1)),
  takes_ccp2 INTEGER NOT NULL CHECK (takes_ccp2 IN (0, 1)),
  ccp1_by_equivalence INTEGER NOT NULL DEFAULT 0 CHECK (ccp1_by_equivalence IN (0, 1)),
  sheet1 TEXT NOT NULL DEFAULT '',
  sheet2 TEXT NOT NULL DEFAULT '',
  sheet3 TEXT NOT NULL DEFAULT '',
  attendance TEXT NOT NULL DEFAULT 'expected'
    CHECK (attendance IN ('expected', 'present', 'absent', 'withdrawn')),
  UNIQUE (session_id, number)
);

-- One candidate taking one CCP.
CREATE TABLE exam_run (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  candidate_id INTEGER NOT NULL REFERENCES candidate(id),
  ccp TEXT NOT NULL CHECK (ccp IN ('CCP1', 'CCP2')),
  plan_id TEXT NOT NULL,
  plan_version TEXT NOT NULL,
  grid_id TEXT NOT NULL DEFAULT '',
  grid_version TEXT NOT NULL DEFAULT '',
  started_at INTEGER,
  finished_at INTEGER,
  UNIQUE (candidate_id, ccp)
);

-- Timer events, wall-clock stamped, replayed to rebuild a stage timer.
CREATE TABLE stage_event (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  stage_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  amount_ms INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stage_event_run ON stage_event(run_id, id);

-- Every draw or choice of a session sheet stays on record.
CREATE TABLE sheet_draw (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  titles TEXT NOT NULL,
  chosen INTEGER NOT NULL CHECK (chosen BETWEEN 0 AND 2),
  method TEXT NOT NULL CHECK (method IN ('random', 'jury_choice')),
  reason TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL
);
CREATE INDEX sheet_draw_run ON sheet_draw(run_id, id);

CREATE TABLE mark (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  member_id INTEGER NOT NULL REFERENCES jury_member(id),
  criterion_id TEXT NOT NULL,
  rating TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  UNIQUE (run_id, member_id, criterion_id)
);

CREATE TABLE observation (
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  member_id INTEGER NOT NULL REFERENCES jury_member(id),
  competency_id TEXT NOT NULL,
  text TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (run_id, member_id, competency_id)
);

CREATE TABLE competency_decision (
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  competency_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('acquired', 'not_acquired')),
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (run_id, competency_id)
);

CREATE TABLE ccp_decision (
  run_id INTEGER PRIMARY KEY REFERENCES exam_run(id),
  proposed TEXT NOT NULL DEFAULT '',
  decided TEXT NOT NULL DEFAULT '' CHECK (decided IN ('', 'obtained', 'not_obtained')),
  justification TEXT NOT NULL DEFAULT '',
  confirmed_by TEXT NOT NULL DEFAULT '[]',
  decided_at INTEGER,
  locked_at INTEGER
);

-- Append-only: the triggers refuse any change to a written entry.
CREATE TABLE audit_entry (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  session_id INTEGER REFERENCES exam_session(id),
  candidate_id INTEGER REFERENCES candidate(id),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX audit_entry_session ON audit_entry(session_id, id);
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
)SQL"},
    // Reopened results are read back from the audit trail by action.
    {2, R"SQL(
CREATE INDEX audit_entry_action ON audit_entry(action, candidate_id);
)SQL"},
    // The exam centre's side: bundles merged, and decisions in conflict.
    {3, R"SQL(
CREATE TABLE imported_bundle (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  source TEXT NOT NULL,
  app_version TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  exported_at INTEGER NOT NULL,
  imported_at INTEGER NOT NULL
);
-- A final decision that differs from the one the centre holds for the run:
-- kept whole, so that nobody's decision is silently dropped.
CREATE TABLE decision_conflict (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  bundle_id INTEGER NOT NULL REFERENCES imported_bundle(id),
  decided TEXT NOT NULL,
  justification TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  decided_at INTEGER,
  locked_at INTEGER
);
CREATE INDEX decision_conflict_run ON decision_conflict(run_id);
)SQL"},
    // The head of each session's audit trail, chained entry by entry
    // (store/audit_chain.h), kept up to date by every action.
    {4, R"SQL(
CREATE TABLE audit_head (
  session_id INTEGER PRIMARY KEY REFERENCES exam_session(id),
  entries INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  digest TEXT NOT NULL
);
)SQL", chain_existing_audit_trails},
    // Mock jury: the written feedback the candidate takes home.
    {5, R"SQL(
CREATE TABLE feedback (
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  competency_id TEXT NOT NULL,
  strengths TEXT NOT NULL,
  improvements TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (run_id, competency_id)
);
CREATE TABLE feedback_advice (
  run_id INTEGER PRIMARY KEY REFERENCES exam_run(id),
  text TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
)SQL"},
    // Trust: each audit entry carries its own hash and its predecessor's.
    {6, R"SQL(
ALTER TABLE audit_entry ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_entry ADD COLUMN hash TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_entry_no_update;
)SQL", hash_existing_audit_entries},
    // The title is data: a session's and a candidate's CCPs become rows of
    // the title's ids, and no table names CCP1 or CCP2 any more. exam_run
    // is rebuilt to drop its CHECK on the CCP (SQLite cannot alter one);
    // foreign keys are off during migrations and checked right after.
    {7, R"SQL(
CREATE TABLE session_ccp (
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  ccp TEXT NOT NULL,
  PRIMARY KEY (session_id, ccp)
) WITHOUT ROWID;
INSERT INTO session_ccp (session_id, ccp)
  SELECT id, 'CCP1' FROM exam_session WHERE ccps IN ('CCP1', 'CCP1,CCP2');
INSERT INTO session_ccp (session_id, ccp)
  SELECT id, 'CCP2' FROM exam_session WHERE ccps IN ('CCP2', 'CCP1,CCP2');
ALTER TABLE exam_session DROP COLUMN ccps;

-- How a candidate stands on each CCP: registered (examined) or held by
-- equivalence (not examined).
CREATE TABLE candidate_ccp (
  candidate_id INTEGER NOT NULL REFERENCES candidate(id),
  ccp TEXT NOT NULL,
  held_by_equivalence INTEGER NOT NULL DEFAULT 0 CHECK (held_by_equivalence IN (0, 1)),
  PRIMARY KEY (candidate_id, ccp)
) WITHOUT ROWID;
INSERT INTO candidate_ccp (candidate_id, ccp, held_by_equivalence)
  SELECT id, 'CCP1', 1 FROM candidate WHERE ccp1_by_equivalence = 1;
INSERT INTO candidate_ccp (candidate_id, ccp, held_by_equivalence)
  SELECT id, 'CCP1', 0 FROM candidate WHERE takes_ccp1 = 1 AND ccp1_by_equivalence = 0;
INSERT INTO candidate_ccp (candidate_id, ccp, held_by_equivalence)
  SELECT id, 'CCP2', 0 FROM candidate WHERE takes_ccp2 = 1;
ALTER TABLE candidate DROP COLUMN takes_ccp1;
ALTER TABLE candidate DROP COLUMN takes_ccp2;
ALTER TABLE candidate DROP COLUMN ccp1_by_equivalence;

CREATE TABLE exam_run_v7 (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  candidate_id INTEGER NOT NULL REFERENCES candidate(id),
  ccp TEXT NOT NULL,
  plan_id TEXT NOT NULL,
  plan_version TEXT NOT NULL,
  grid_id TEXT NOT NULL DEFAULT '',
  grid_version TEXT NOT NULL DEFAULT '',
  started_at INTEGER,
  finished_at INTEGER,
  UNIQUE (candidate_id, ccp)
);
INSERT INTO exam_run_v7 (id, uuid, candidate_id, ccp, plan_id, plan_version, grid_id, grid_version, started_at, finished_at)
  SELECT id, uuid, candidate_id, ccp, plan_id, plan_version, grid_id, grid_version, started_at, finished_at FROM exam_run;
DROP TABLE exam_run;
ALTER TABLE exam_run_v7 RENAME TO exam_run;
)SQL", check_foreign_keys},
    // Each reopening of a locked result, written with its audit entry.
    {8, R"SQL(
CREATE TABLE reopening (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  audit_id INTEGER NOT NULL UNIQUE REFERENCES audit_entry(id),
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX reopening_run ON reopening(run_id, id);
)SQL", fill_reopenings},
    // Resuming an exam day. `draft` and `heartbeat` are scratch, outside the
    // audit trail: a draft is text being typed (the action on leaving the
    // field is the record), a heartbeat the last sign of life of a run under
    // way. `interruption` rows are written with their audit entry.
    {9, R"SQL(
CREATE TABLE draft (
  run_uuid TEXT NOT NULL,
  field TEXT NOT NULL,
  text TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (run_uuid, field)
) WITHOUT ROWID;
CREATE TABLE heartbeat (
  run_uuid TEXT PRIMARY KEY,
  at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE interruption (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL,
  cause TEXT NOT NULL
);
CREATE INDEX interruption_run ON interruption(run_id, id);
)SQL"},
    // A member's PIN record (core/member_pin.h): salt, cost and the public
    // key derived from it; NULL for a member without a PIN (a mock jury, or
    // added before version 10). Never the PIN.
    {10, R"SQL(
ALTER TABLE jury_member ADD COLUMN pin_salt TEXT;
ALTER TABLE jury_member ADD COLUMN pin_public_key TEXT;
ALTER TABLE jury_member ADD COLUMN pin_ops INTEGER;
ALTER TABLE jury_member ADD COLUMN pin_mem INTEGER;
)SQL"},
    // How each member is named: « Présidente » by the member's choice (the
    // add_jury_member entry says "feminine": true). Members so far: « Président ».
    {11, R"SQL(
ALTER TABLE jury_member ADD COLUMN feminine INTEGER NOT NULL DEFAULT 0 CHECK (feminine IN (0, 1));
)SQL"},
    // Trust at the exam centre. `trusted_key`: the laptops' signing keys it
    // merges bundles from. `imported_bundle.trail`: the hashes of the
    // bundle's audit entries, in order (64 hex digits each), so a later
    // bundle of the same key is seen to extend or to fork it, and a paper
    // PV's code is found in it. `decision_source`: the merged bundle each of
    // the centre's decisions came from. `pv_check`: each paper PV
    // checked against the merged trail. The audit head is rebuilt without
    // its reference to a session: the base's own entries (keys enrolled or
    // revoked), in no session, chain under session 0.
    {12, R"SQL(
CREATE TABLE trusted_key (
  fingerprint TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  enrolled_by TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL,
  checked_by_phone INTEGER NOT NULL DEFAULT 0 CHECK (checked_by_phone IN (0, 1)),
  revoked_at INTEGER,
  revoked_by TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
ALTER TABLE imported_bundle ADD COLUMN trail TEXT NOT NULL DEFAULT '';
CREATE INDEX imported_bundle_key ON imported_bundle(session_id, key_fingerprint);
-- The merged bundle each of the centre's decisions came from.
CREATE TABLE decision_source (
  run_id INTEGER PRIMARY KEY REFERENCES exam_run(id),
  bundle_id INTEGER NOT NULL REFERENCES imported_bundle(id)
);
CREATE TABLE pv_check (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  audit_id INTEGER NOT NULL UNIQUE REFERENCES audit_entry(id),
  code TEXT NOT NULL,
  head TEXT NOT NULL,
  entries_after INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  checked_by TEXT NOT NULL
);
CREATE INDEX pv_check_session ON pv_check(session_id, id);
CREATE TABLE audit_head_v12 (
  session_id INTEGER PRIMARY KEY,
  entries INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  digest TEXT NOT NULL
);
INSERT INTO audit_head_v12 (session_id, entries, last_at, digest)
  SELECT session_id, entries, last_at, digest FROM audit_head;
DROP TABLE audit_head;
ALTER TABLE audit_head_v12 RENAME TO audit_head;
)SQL", check_foreign_keys},
    // Rules' versions in the trail (core/rules.h): every upgrade to the
    // latest version declares the rules in force in each session's trail
    // (migrate, below), this one first. `imported_bundle.unproven`: what the
    // replay of a merged bundle could not prove (« preuves partielles »),
    // one line each; '' when it proved everything.
    {13, R"SQL(
ALTER TABLE imported_bundle ADD COLUMN unproven TEXT NOT NULL DEFAULT '';
)SQL"},
    // The deliberation rules each run was started under (core/deliberation.h):
    // runs already there keep the rules of their time (1), so their trails
    // replay as written. Under rules 2, a competency decided against the
    // members' marks carries its reason.
    {14, R"SQL(
ALTER TABLE exam_run ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;
ALTER TABLE competency_decision ADD COLUMN reason TEXT NOT NULL DEFAULT '';
)SQL"},
    // Several keys may serve one session at the centre (a jury's two
    // laptops, a backup one), never hidden: `carried_by` names the keys whose
    // bundles carried each candidate; `session_key` the keys the centre
    // confirmed for a session besides its first (keys trust --session);
    // `bundle_copy` the signed files of each bundle merged from now on. A
    // base merged before keeps no such record: every candidate is taken as
    // carried by every key that merged into its session.
    {15, R"SQL(
CREATE TABLE carried_by (
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  candidate_id INTEGER NOT NULL REFERENCES candidate(id),
  key_fingerprint TEXT NOT NULL,
  PRIMARY KEY (candidate_id, key_fingerprint)
);
CREATE INDEX carried_by_session ON carried_by(session_id);
INSERT OR IGNORE INTO carried_by (session_id, candidate_id, key_fingerprint)
  SELECT c.session_id, c.id, b.key_fingerprint FROM candidate c JOIN imported_bundle b ON b.session_id = c.session_id;
CREATE TABLE session_key (
  session_id INTEGER NOT NULL REFERENCES exam_session(id),
  key_fingerprint TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, key_fingerprint)
);
-- Each merged bundle's signed results.json and the jury's PV, kept: audit
-- verify merges them again and compares; the PV is the jury's copy, not
-- proved. Bundles merged before are not kept.
CREATE TABLE bundle_copy (
  bundle_id INTEGER PRIMARY KEY REFERENCES imported_bundle(id),
  results_json BLOB NOT NULL,
  proces_verbal BLOB NOT NULL
);
)SQL"},
    // The number of session sheets is the title's (core/title.h), no longer
    // three columns: a candidate's sheets become one JSON list, and a draw's
    // index is any sheet of its list.
    {16, R"SQL(
ALTER TABLE candidate ADD COLUMN sheets TEXT NOT NULL DEFAULT '[]';
UPDATE candidate SET sheets = json_array(sheet1, sheet2, sheet3);
ALTER TABLE candidate DROP COLUMN sheet1;
ALTER TABLE candidate DROP COLUMN sheet2;
ALTER TABLE candidate DROP COLUMN sheet3;
CREATE TABLE sheet_draw_v16 (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES exam_run(id),
  titles TEXT NOT NULL,
  chosen INTEGER NOT NULL CHECK (chosen >= 0 AND chosen < json_array_length(titles)),
  method TEXT NOT NULL CHECK (method IN ('random', 'jury_choice')),
  reason TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL
);
INSERT INTO sheet_draw_v16 (id, run_id, titles, chosen, method, reason, at_ms)
  SELECT id, run_id, titles, chosen, method, reason, at_ms FROM sheet_draw;
DROP TABLE sheet_draw;
ALTER TABLE sheet_draw_v16 RENAME TO sheet_draw;
CREATE INDEX sheet_draw_run ON sheet_draw(run_id, id);
)SQL",
     check_foreign_keys},
};

}  // namespace

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

void migrate(sqlite3* db, int target, TimeMs now) {
  if (target < 0) target = latest_schema_version();
  int current = static_cast<int>(query_int(db, "PRAGMA user_version"));
  for (const auto& m : kMigrations) {
    if (m.version <= current || m.version > target) continue;
    exec(db, "BEGIN IMMEDIATE");
    try {
      exec(db, m.sql);
      if (m.then) m.then(db, now);
      // A base upgraded to this build: from here on its sessions' entries
      // are written under this build's rules, and their trails say so.
      if (m.version == latest_schema_version()) declare_current_rules(db, now);
      exec(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
      exec(db, ("PRAGMA user_version = " + std::to_string(m.version)).c_str());
      exec(db, "COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

}  // namespace jurymn::store
