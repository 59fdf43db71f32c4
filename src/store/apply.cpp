// SPDX-License-Identifier: EUPL-1.2
// Store::apply — the one place where state changes. Each handler loads its
// action's slice from SQL, runs the action's rule (core/session_rules.h),
// which refuses or says what changes, and writes that change; apply() wraps
// it and the audit entry in one transaction. The replay runs the same rules
// on a session in memory (core/session_state.h).
#include <nlohmann/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <type_traits>
#include <variant>

#include "core/deliberation.h"
#include "core/drafts.h"
#include "core/draft_choices.h"
#include "core/feedback.h"
#include "core/local_time.h"
#include "core/rules.h"
#include "core/session_rules.h"
#include "core/spoken_codes.h"
#include "core/text.h"
#include "store/action_payloads.h"
#include "store/audit_chain.h"
#include "store/candidate_row.h"
#include "store/merge.h"
#include "store/sheet_columns.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store/changes.h"

namespace jurymn {

using nlohmann::json;
using store::exec;
using store::SqlError;
using store::Statement;

namespace {

// Where an audit entry belongs.
struct Place {
  std::int64_t session_id = 0;
  std::int64_t candidate_id = 0;  // 0 when not about one candidate
};

// What a handler did: P is its action's payload (ActionEntry), checked in
// apply().
template <class P>
struct Effect {
  Place place;
  std::string created_uuid;
  P payload;
  std::vector<std::string> notes;
  int conflicts = 0;
  // Work that names the audit entry, done once the entry is written.
  std::function<void(std::int64_t audit_id)> after_entry;
};

template <class A>
using EffectOf = Effect<PayloadOf<A>>;

struct Tx {
  sqlite3* db;
  TimeMs now;
  const Store& store;
  RandomSource* random;
  std::string_view actor;
};

std::string random_uuid() {
  unsigned char b[16];
  sqlite3_randomness(sizeof b, b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 0x0F];
  }
  return s;
}

// What every rule reads besides its slice (core/session_rules.h).
RuleContext context(const Tx& tx, std::int64_t session_id) {
  RuleContext c;
  c.now = tx.now;
  c.actor = tx.actor;
  c.title = &tx.store.title();
  // A replay is core's alone (store/replay.cpp): here every uuid is new.
  c.new_uuid = [] { return random_uuid(); };
  c.random = tx.random;
  c.audit_head = [db = tx.db, session_id] { return store::read_audit_head(db, session_id).digest; };
  return c;
}

void write_session_ccps(const Tx& tx, std::int64_t session_id, const CcpSet& ccps) {
  Statement del(tx.db, "DELETE FROM session_ccp WHERE session_id = ?");
  del.bind(1, session_id);
  del.run();
  for (const auto& id : ccps.ids) {
    Statement s(tx.db, "INSERT INTO session_ccp (session_id, ccp) VALUES (?, ?)");
    s.bind(1, session_id).bind(2, id);
    s.run();
  }
}

std::int64_t session_id_of(const Tx& tx, const std::string& uuid) {
  Statement s(tx.db, "SELECT id FROM exam_session WHERE uuid = ?");
  s.bind(1, uuid);
  if (!s.step()) refuse_session_not_found(uuid);
  return s.int64(0);
}

std::string session_uuid_of(const Tx& tx, std::int64_t session_id) {
  Statement s(tx.db, "SELECT uuid FROM exam_session WHERE id = ?");
  s.bind(1, session_id);
  s.step();
  return s.text(0);
}

struct CandidateRef {
  std::int64_t id;
  std::int64_t session_id;
};

CandidateRef candidate_of(const Tx& tx, const std::string& uuid) {
  Statement s(tx.db, "SELECT id, session_id FROM candidate WHERE uuid = ?");
  s.bind(1, uuid);
  if (!s.step()) refuse_candidate_not_found(uuid);
  return {s.int64(0), s.int64(1)};
}

// An action about one candidate: its audit entry names session and candidate.
Place about(const CandidateRef& ref) { return {ref.session_id, ref.id}; }

// Candidate number already used in the session by another candidate?
std::function<bool(const std::string&)> number_taken(const Tx& tx, std::int64_t session_id, std::int64_t except_id) {
  return [&tx, session_id, except_id](const std::string& number) {
    Statement s(tx.db, "SELECT 1 FROM candidate WHERE session_id = ? AND number = ? AND id <> ?");
    s.bind(1, session_id).bind(2, number).bind(3, except_id);
    return s.step();
  };
}

std::int64_t insert_candidate(const Tx& tx, std::int64_t session_id, const std::string& uuid,
                              const payload::CandidateFields& c) {
  return store::write_candidate_row(tx.db, 0, c, {session_id, uuid});
}

SessionKind session_kind(const Tx& tx, std::int64_t session_id) {
  Statement s(tx.db, "SELECT kind FROM exam_session WHERE id = ?");
  s.bind(1, session_id);
  s.step();
  return session_kind_from_id(s.text(0)).value_or(SessionKind::Official);
}

// The rules a session's next entry is written under (core/rules.h): those
// its trail declared last. A session whose trail declares none (only an
// older build leaves one, and upgrading the base declares them) gets today's.
int rules_in_force(const Tx& tx, std::int64_t session_id) {
  return store::declared_rules(tx.db, session_id).value_or(kCurrentRules);
}

void write_member_pin(const Tx& tx, std::int64_t member_id, const MemberPin& pin) {
  Statement s(tx.db, "UPDATE jury_member SET pin_salt = ?, pin_public_key = ?, pin_ops = ?, pin_mem = ? WHERE id = ?");
  s.bind(1, pin.salt).bind(2, pin.public_key).bind(3, static_cast<std::int64_t>(pin.cost.ops));
  s.bind(4, static_cast<std::int64_t>(pin.cost.mem)).bind(5, member_id);
  s.run();
}

// ------------------------------------------------------------ handlers: slice from SQL, core rule, rows written

EffectOf<action::CreateSession> handle(const Tx& tx, const action::CreateSession& a) {
  EffectOf<action::CreateSession> e;
  e.payload = rule(a, context(tx, 0));
  e.created_uuid = e.payload.uuid;
  const payload::SessionFields& in = e.payload.session;
  Statement s(tx.db,
              "INSERT INTO exam_session (uuid, title, exam_date, exam_centre, kind, created_at)"
              " VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, e.created_uuid).bind(2, in.title).bind(3, in.date).bind(4, in.exam_centre);
  s.bind(5, to_id(in.kind)).bind(6, tx.now);
  s.run();
  e.place.session_id = sqlite3_last_insert_rowid(tx.db);
  write_session_ccps(tx, e.place.session_id, in.ccps);
  // The new trail declares the rules it is written under, right after its
  // creation, in the same transaction.
  e.after_entry = [&tx, session_id = e.place.session_id](std::int64_t) {
    store::append_audit_entry(tx.db, session_id, std::nullopt, tx.now, tx.actor,
                              audit_action_id(AuditAction::DeclareRules),
                              payload_text(payload::DeclareRules{kCurrentRules}));
  };
  return e;
}

EffectOf<action::EditSession> handle(const Tx& tx, const action::EditSession& a) {
  EffectOf<action::EditSession> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  const SessionRecord before = *tx.store.find_session(a.session_uuid);
  SessionSlice slice{&before, {}};
  Statement runs(tx.db, "SELECT DISTINCT r.ccp FROM exam_run r JOIN candidate c ON c.id = r.candidate_id"
                        " WHERE c.session_id = ?");
  runs.bind(1, e.place.session_id);
  while (runs.step()) slice.ccps_with_runs.add(runs.text(0));
  e.payload = rule(a, slice, context(tx, e.place.session_id));
  const payload::SessionFields& in = e.payload.session;
  Statement s(tx.db, "UPDATE exam_session SET title = ?, exam_date = ?, exam_centre = ? WHERE id = ?");
  s.bind(1, in.title).bind(2, in.date).bind(3, in.exam_centre).bind(4, e.place.session_id);
  s.run();
  write_session_ccps(tx, e.place.session_id, in.ccps);
  return e;
}

EffectOf<action::AddJuryMember> handle(const Tx& tx, const action::AddJuryMember& a) {
  EffectOf<action::AddJuryMember> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  const std::vector<JuryMemberRecord> jury = tx.store.jury_members(a.session_uuid);
  const JurySlice slice{session_kind(tx, e.place.session_id), rules_in_force(tx, e.place.session_id), &jury};
  e.payload = rule(a, slice, context(tx, e.place.session_id));
  e.created_uuid = e.payload.uuid;
  Statement s(tx.db, "INSERT INTO jury_member (uuid, session_id, name, role, feminine) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, e.created_uuid).bind(2, e.place.session_id).bind(3, e.payload.name).bind(4, to_id(e.payload.role));
  s.bind(5, static_cast<std::int64_t>(e.payload.feminine));
  s.run();
  if (e.payload.pin) write_member_pin(tx, sqlite3_last_insert_rowid(tx.db), *e.payload.pin);
  return e;
}

// The member, with the session it belongs to and its row.
struct MemberRef {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  JuryMemberRecord record;
  std::vector<JuryMemberRecord> jury;
};

MemberRef member_of(const Tx& tx, const std::string& uuid) {
  Statement find(tx.db, "SELECT id, session_id FROM jury_member WHERE uuid = ?");
  find.bind(1, uuid);
  if (!find.step()) refuse_member_not_found(uuid);
  MemberRef m{find.int64(0), find.int64(1), {}, {}};
  m.jury = tx.store.jury_members(session_uuid_of(tx, m.session_id));
  for (const auto& x : m.jury)
    if (x.uuid == uuid) m.record = x;
  return m;
}

EffectOf<action::RemoveJuryMember> handle(const Tx& tx, const action::RemoveJuryMember& a) {
  const MemberRef m = member_of(tx, a.member_uuid);
  MemberSlice slice{&m.record, false, false, &m.jury};
  Statement marks(tx.db, "SELECT (SELECT count(*) FROM mark WHERE member_id = ?1) + "
                         "(SELECT count(*) FROM observation WHERE member_id = ?1)");
  marks.bind(1, m.id);
  marks.step();
  slice.has_evaluated = marks.int64(0) > 0;
  Statement confirmed(tx.db, "SELECT 1 FROM audit_entry WHERE session_id = ? AND action = ? AND "
                             "json_valid(payload) AND json_extract(payload, '$.member') = ?");
  confirmed.bind(1, m.session_id).bind(2, audit_action_id(AuditAction::ConfirmDecision)).bind(3, a.member_uuid);
  slice.ever_confirmed = confirmed.step();
  EffectOf<action::RemoveJuryMember> e;
  e.place.session_id = m.session_id;
  e.payload = rule(a, slice);
  Statement del(tx.db, "DELETE FROM jury_member WHERE id = ?");
  del.bind(1, m.id);
  del.run();
  return e;
}

EffectOf<action::ResetMemberPin> handle(const Tx& tx, const action::ResetMemberPin& a) {
  const MemberRef m = member_of(tx, a.member_uuid);
  EffectOf<action::ResetMemberPin> e;
  e.place.session_id = m.session_id;
  e.payload = rule(a, MemberSlice{&m.record, false, false, &m.jury}, context(tx, m.session_id));
  write_member_pin(tx, m.id, a.pin);
  return e;
}

EffectOf<action::AddCandidate> handle(const Tx& tx, const action::AddCandidate& a) {
  EffectOf<action::AddCandidate> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  CandidateSlice slice;
  slice.number_taken = number_taken(tx, e.place.session_id, 0);
  e.payload = rule(a, slice, context(tx, e.place.session_id));
  e.created_uuid = e.payload.uuid;
  e.place.candidate_id = insert_candidate(tx, e.place.session_id, e.created_uuid, e.payload.candidate);
  return e;
}

EffectOf<action::EditCandidate> handle(const Tx& tx, const action::EditCandidate& a) {
  auto ref = candidate_of(tx, a.candidate_uuid);
  EffectOf<action::EditCandidate> e;
  e.place = about(ref);
  const CandidateRecord before = *tx.store.candidate(a.candidate_uuid);
  CandidateSlice slice;
  slice.candidate = &before;
  slice.number_taken = number_taken(tx, ref.session_id, ref.id);
  Statement runs(tx.db, "SELECT ccp FROM exam_run WHERE candidate_id = ?");
  runs.bind(1, ref.id);
  while (runs.step()) slice.run_ccps.push_back(runs.text(0));
  e.payload = rule(a, slice, context(tx, ref.session_id));
  store::write_candidate_row(tx.db, ref.id, e.payload.after);
  return e;
}

EffectOf<action::SetAttendance> handle(const Tx& tx, const action::SetAttendance& a) {
  auto ref = candidate_of(tx, a.candidate_uuid);
  EffectOf<action::SetAttendance> e;
  e.place = about(ref);
  CandidateRecord cand;
  Statement cur(tx.db, "SELECT attendance FROM candidate WHERE id = ?");
  cur.bind(1, ref.id);
  cur.step();
  cand.attendance = attendance_from_id(cur.text(0)).value_or(Attendance::Expected);
  CandidateSlice slice;
  slice.candidate = &cand;
  Statement started(tx.db, "SELECT 1 FROM exam_run WHERE candidate_id = ? AND started_at IS NOT NULL");
  started.bind(1, ref.id);
  slice.has_run = started.step();
  e.payload = rule(a, slice);
  Statement s(tx.db, "UPDATE candidate SET attendance = ? WHERE id = ?");
  s.bind(1, to_id(a.attendance)).bind(2, ref.id);
  s.run();
  return e;
}

EffectOf<action::ImportCandidates> handle(const Tx& tx, const action::ImportCandidates& a) {
  EffectOf<action::ImportCandidates> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  std::set<std::string> existing;
  if (!a.rows.empty()) {
    Statement s(tx.db, "SELECT number FROM candidate WHERE session_id = ?");
    s.bind(1, e.place.session_id);
    while (s.step()) existing.insert(s.text(0));
  }
  e.payload = rule(a, existing, context(tx, e.place.session_id));
  for (const auto& c : e.payload.candidates) insert_candidate(tx, e.place.session_id, c.uuid, c.candidate);
  return e;
}

// ------------------------------------------------------------ exam runs

struct RunRef {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t candidate_id = 0;
  RunRecord record;
  RunSlice slice;
};

// `whole`: the record with its events, draws, marks and decisions; without,
// its header only (uuid, candidate, CCP, plan, grid, times), which is all a
// mark or an observation is judged against: loading a run's every mark for
// each new mark made a run's marking quadratic (the replay of a large trail
// spent a third of its time there).
// Returned in a unique_ptr: the slice points into the record.
std::unique_ptr<RunRef> run_of(const Tx& tx, const std::string& uuid, bool whole = true) {
  Statement s(tx.db,
              "SELECT r.id, c.session_id, c.id FROM exam_run r JOIN candidate c ON c.id = r.candidate_id"
              " WHERE r.uuid = ?");
  s.bind(1, uuid);
  if (!s.step()) refuse_run_not_found(uuid);
  auto ref = std::make_unique<RunRef>();
  ref->id = s.int64(0);
  ref->session_id = s.int64(1);
  ref->candidate_id = s.int64(2);
  ref->record = *tx.store.exam_run(uuid, whole);
  ref->slice = run_slice(ref->record, tx.store.find_plan(ref->record.plan_id, ref->record.plan_version), tx.now);
  return ref;
}

Place about(const RunRef& run) { return about(CandidateRef{run.candidate_id, run.session_id}); }

EffectOf<action::StartExam> handle(const Tx& tx, const action::StartExam& a) {
  auto ref = candidate_of(tx, a.candidate_uuid);
  const CandidateRecord cand = *tx.store.candidate(a.candidate_uuid);
  EffectOf<action::StartExam> e;
  e.place = about(ref);
  StartSlice slice;
  slice.candidate = &cand;
  Statement sess(tx.db, "SELECT ccp FROM session_ccp WHERE session_id = ?");
  sess.bind(1, ref.session_id);
  while (sess.step()) slice.session_ccps.add(sess.text(0));
  Statement dup(tx.db, "SELECT 1 FROM exam_run WHERE candidate_id = ? AND ccp = ?");
  dup.bind(1, ref.id).bind(2, a.ccp);
  slice.already_started = dup.step();
  slice.plan = tx.store.current_plan(a.ccp);
  slice.grid = tx.store.current_grid(a.ccp);
  e.payload = rule(a, slice, context(tx, ref.session_id));
  const payload::StartExam& p = e.payload;
  e.created_uuid = p.run;
  Statement s(tx.db,
              "INSERT INTO exam_run (uuid, candidate_id, ccp, plan_id, plan_version, grid_id, grid_version, started_at,"
              " rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, p.run).bind(2, ref.id).bind(3, p.ccp).bind(4, p.plan.id).bind(5, p.plan.version);
  s.bind(6, p.grid ? p.grid->id : "").bind(7, p.grid ? p.grid->version : "").bind(8, tx.now).bind(9, p.rules);
  s.run();
  if (cand.attendance != Attendance::Present) {
    Statement present(tx.db, "UPDATE candidate SET attendance = 'present' WHERE id = ?");
    present.bind(1, ref.id);
    present.run();
  }
  return e;
}

EffectOf<action::RecordTimerEvent> handle(const Tx& tx, const action::RecordTimerEvent& a) {
  auto run = run_of(tx, a.run_uuid);
  EffectOf<action::RecordTimerEvent> e;
  e.place = about(*run);
  TimerChange c = rule(a, run->slice, context(tx, run->session_id));
  const TimerEvent& ev = c.event;
  Statement s(tx.db,
              "INSERT INTO stage_event (run_id, stage_id, kind, at_ms, amount_ms, reason) VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, run->id).bind(2, ev.stage_id).bind(3, to_id(ev.kind)).bind(4, ev.at).bind(5, ev.amount).bind(6, ev.reason);
  s.run();
  if (c.finishes_run) {
    Statement f(tx.db, "UPDATE exam_run SET finished_at = ? WHERE id = ?");
    f.bind(1, tx.now).bind(2, run->id);
    f.run();
  }
  e.payload = std::move(c.payload);
  return e;
}

Effect<payload::SheetDraw> record_draw(const Tx& tx, const RunRef& run, DrawChange c) {
  const SheetDraw& d = c.draw;
    Statement s(tx.db, "INSERT INTO sheet_draw (run_id, titles, chosen, method, reason, at_ms) VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, run.id).bind(2, sheets_column(d.titles)).bind(3, d.chosen).bind(4, to_id(d.method)).bind(5, d.reason).bind(6, d.at);
  s.run();
  Effect<payload::SheetDraw> e;
  e.place = about(run);
  e.payload = std::move(c.payload);
  return e;
}

EffectOf<action::DrawSheet> handle(const Tx& tx, const action::DrawSheet& a) {
  auto run = run_of(tx, a.run_uuid);
  const auto cand = *tx.store.candidate(run->record.candidate_uuid);
  return record_draw(tx, *run, rule(a, run->slice, cand.data.sheets, context(tx, run->session_id)));
}

EffectOf<action::ChooseSheet> handle(const Tx& tx, const action::ChooseSheet& a) {
  auto run = run_of(tx, a.run_uuid);
  const auto cand = *tx.store.candidate(run->record.candidate_uuid);
  return record_draw(tx, *run, rule(a, run->slice, cand.data.sheets, context(tx, run->session_id)));
}

// ------------------------------------------------------------ marking

struct Marking {
  std::unique_ptr<RunRef> run;
  std::int64_t member_id = 0;
  MarkingSlice slice;
};

// The run's header only (run_of): a mark needs its grid, not its marks.
Marking marking_of(const Tx& tx, const std::string& run_uuid, const std::string& member_uuid) {
  Marking m{run_of(tx, run_uuid, false), 0, {}};
  const RunRecord& r = m.run->record;
  const Grid* grid = tx.store.find_grid(r.grid_id, r.grid_version);
  std::optional<std::string> name;
  if (grid) {
    Statement s(tx.db, "SELECT id, name FROM jury_member WHERE uuid = ? AND session_id = ?");
    s.bind(1, member_uuid).bind(2, m.run->session_id);
    if (s.step()) {
      m.member_id = s.int64(0);
      name = s.text(1);
    }
  }
  bool locked = false;
  if (grid && name) {
    Statement l(tx.db, "SELECT 1 FROM ccp_decision WHERE run_id = ? AND locked_at IS NOT NULL");
    l.bind(1, m.run->id);
    locked = l.step();
  }
  m.slice = marking_slice(m.run->slice, grid, name ? &*name : nullptr, locked);
  return m;
}

EffectOf<action::RecordMark> handle(const Tx& tx, const action::RecordMark& a) {
  Marking m = marking_of(tx, a.run_uuid, a.member_uuid);
  Statement before(tx.db, "SELECT rating FROM mark WHERE run_id = ? AND member_id = ? AND criterion_id = ?");
  before.bind(1, m.run->id).bind(2, m.member_id).bind(3, a.criterion_id);
  m.slice.previous_level = before.step() ? before.text(0) : std::string();
  EffectOf<action::RecordMark> e;
  e.place = about(*m.run);
  e.payload = rule(a, m.slice);
  if (a.level_id.empty()) {
    Statement d(tx.db, "DELETE FROM mark WHERE run_id = ? AND member_id = ? AND criterion_id = ?");
    d.bind(1, m.run->id).bind(2, m.member_id).bind(3, a.criterion_id);
    d.run();
  } else {
    Statement s(tx.db,
                "INSERT INTO mark (run_id, member_id, criterion_id, rating, at_ms) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, member_id, criterion_id) DO UPDATE SET rating = excluded.rating,"
                " at_ms = excluded.at_ms");
    s.bind(1, m.run->id).bind(2, m.member_id).bind(3, a.criterion_id).bind(4, a.level_id).bind(5, tx.now);
    s.run();
  }
  return e;
}

EffectOf<action::SetObservation> handle(const Tx& tx, const action::SetObservation& a) {
  Marking m = marking_of(tx, a.run_uuid, a.member_uuid);
  EffectOf<action::SetObservation> e;
  e.place = about(*m.run);
  e.payload = rule(a, m.slice);
  Statement s(tx.db,
              "INSERT INTO observation (run_id, member_id, competency_id, text, at_ms) VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (run_id, member_id, competency_id) DO UPDATE SET text = excluded.text,"
              " at_ms = excluded.at_ms");
  s.bind(1, m.run->id).bind(2, m.member_id).bind(3, a.competency_id).bind(4, a.text).bind(5, tx.now);
  s.run();
  return e;
}

// ------------------------------------------------------------ decisions

// What a decision is judged against: the run with its grid, the session's
// jury and kind, and the review the screen shows.
// The slice points into the run and the jury: both held on the heap, so
// that returning a Deliberating moves neither.
struct Deliberating {
  std::unique_ptr<RunRef> run;
  std::unique_ptr<std::vector<JuryMemberRecord>> jury;
  DeliberationSlice slice;
};

Deliberating deliberating(const Tx& tx, const std::string& run_uuid) {
  Deliberating d{run_of(tx, run_uuid), std::make_unique<std::vector<JuryMemberRecord>>(), {}};
  const RunRecord& r = d.run->record;
  const Grid* grid = tx.store.find_grid(r.grid_id, r.grid_version);
  Statement s(tx.db, "SELECT uuid, kind FROM exam_session WHERE id = ?");
  s.bind(1, d.run->session_id);
  s.step();
  const SessionKind kind = session_kind_from_id(s.text(1)).value_or(SessionKind::Official);
  if (grid) *d.jury = tx.store.jury_members(s.text(0));
  d.slice = deliberation_slice(d.run->slice, grid, *d.jury, kind);
  return d;
}

// The confirmations were given to the decision as it stood.
void clear_confirmations(const Tx& tx, std::int64_t run_id) {
  Statement s(tx.db, "UPDATE ccp_decision SET confirmed_by = '[]' WHERE run_id = ?");
  s.bind(1, run_id);
  s.run();
}

EffectOf<action::DecideCompetency> handle(const Tx& tx, const action::DecideCompetency& a) {
  Deliberating d = deliberating(tx, a.run_uuid);
  EffectOf<action::DecideCompetency> e;
  e.place = about(*d.run);
  e.payload = rule(a, d.slice);
  const payload::DecideCompetency& p = e.payload;
  const std::int64_t run_id = d.run->id;
  if (p.status == CompetencyStatus::Undecided) {
    Statement del(tx.db, "DELETE FROM competency_decision WHERE run_id = ? AND competency_id = ?");
    del.bind(1, run_id).bind(2, p.competency);
    del.run();
  } else {
    Statement s(tx.db,
                "INSERT INTO competency_decision (run_id, competency_id, status, at_ms, reason) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, competency_id) DO UPDATE SET status = excluded.status, at_ms = excluded.at_ms,"
                " reason = excluded.reason");
    s.bind(1, run_id).bind(2, p.competency).bind(3, to_id(p.status)).bind(4, tx.now).bind(5, p.reason);
    s.run();
  }
  if (p.cleared != CcpOutcome::Undecided) {
    Statement del(tx.db, "DELETE FROM ccp_decision WHERE run_id = ?");
    del.bind(1, run_id);
    del.run();
  } else if (p.before != p.status) {
    clear_confirmations(tx, run_id);
  }
  return e;
}

EffectOf<action::DecideCcp> handle(const Tx& tx, const action::DecideCcp& a) {
  Deliberating d = deliberating(tx, a.run_uuid);
  EffectOf<action::DecideCcp> e;
  e.place = about(*d.run);
  e.payload = rule(a, d.slice);
  const payload::DecideCcp& p = e.payload;
  Statement s(tx.db,
              "INSERT INTO ccp_decision (run_id, proposed, decided, justification, confirmed_by, decided_at)"
              " VALUES (?, ?, ?, ?, '[]', ?) ON CONFLICT (run_id) DO UPDATE SET proposed = excluded.proposed,"
              " decided = excluded.decided, justification = excluded.justification, confirmed_by = '[]',"
              " decided_at = excluded.decided_at, locked_at = NULL");
  s.bind(1, d.run->id).bind(2, to_id(p.proposed)).bind(3, to_id(p.decided)).bind(4, p.justification).bind(5, tx.now);
  s.run();
  return e;
}

EffectOf<action::ConfirmDecision> handle(const Tx& tx, const action::ConfirmDecision& a) {
  Deliberating d = deliberating(tx, a.run_uuid);
  d.slice.rules = rules_in_force(tx, d.run->session_id);
  Statement dr(tx.db, "SELECT field FROM draft WHERE run_uuid = ? ORDER BY updated_at, field");
  dr.bind(1, a.run_uuid);
  if (dr.step()) d.slice.pending_draft = dr.text(0);
  EffectOf<action::ConfirmDecision> e;
  e.place = about(*d.run);
  e.payload = rule(a, d.slice, context(tx, d.run->session_id));
  std::vector<std::string> confirmed = d.run->record.decision.confirmed_by;
  confirmed.push_back(a.member_uuid);
  Statement s(tx.db, "UPDATE ccp_decision SET confirmed_by = ?, locked_at = ? WHERE run_id = ?");
  s.bind(1, json(confirmed).dump());
  if (e.payload.locked) s.bind(2, tx.now); else s.bind_null(2);
  s.bind(3, d.run->id);
  s.run();
  return e;
}

EffectOf<action::ReopenDecision> handle(const Tx& tx, const action::ReopenDecision& a) {
  auto run = run_of(tx, a.run_uuid);
  Statement s(tx.db, "SELECT uuid, kind FROM exam_session WHERE id = ?");
  s.bind(1, run->session_id);
  s.step();
  const std::vector<JuryMemberRecord> jury = tx.store.jury_members(s.text(0));
  const ReopeningSlice slice{run->slice, session_kind_from_id(s.text(1)).value_or(SessionKind::Official), &jury};
  ReopenChange c = rule(a, slice, context(tx, run->session_id));
  Statement u(tx.db, "UPDATE ccp_decision SET confirmed_by = '[]', locked_at = NULL WHERE run_id = ?");
  u.bind(1, run->id);
  u.run();
  EffectOf<action::ReopenDecision> e;
  e.place = about(*run);
  e.payload = std::move(c.payload);
  // The reopening's own row, naming the entry that records it.
  e.after_entry = [&tx, run_id = run->id, reason = e.payload.reason, actor = c.actor](std::int64_t audit_id) {
    Statement r(tx.db, "INSERT INTO reopening (run_id, audit_id, at_ms, actor, reason) VALUES (?, ?, ?, ?, ?)");
    r.bind(1, run_id).bind(2, audit_id).bind(3, tx.now).bind(4, actor).bind(5, reason);
    r.run();
  };
  return e;
}

EffectOf<action::RecordInterruption> handle(const Tx& tx, const action::RecordInterruption& a) {
  auto run = run_of(tx, a.run_uuid);
  EffectOf<action::RecordInterruption> e;
  e.place = about(*run);
  e.payload = rule(a, run->slice, context(tx, run->session_id));
  Statement s(tx.db, "INSERT INTO interruption (run_id, from_ms, to_ms, cause) VALUES (?, ?, ?, ?)");
  s.bind(1, run->id).bind(2, a.from_ms).bind(3, a.to_ms).bind(4, interruption_cause_id(a.cause));
  s.run();
  // The gap is on record up to `to`: a later restart counts from there.
  Statement h(tx.db,
              "INSERT INTO heartbeat (run_uuid, at_ms) VALUES (?, ?)"
              " ON CONFLICT (run_uuid) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms)");
  h.bind(1, a.run_uuid).bind(2, a.to_ms);
  h.run();
  return e;
}

// ------------------------------------------------------------ feedback

struct FeedbackRun {
  std::unique_ptr<RunRef> run;
  FeedbackSlice slice;
};

FeedbackRun feedback_run(const Tx& tx, const std::string& run_uuid) {
  FeedbackRun f{run_of(tx, run_uuid), {}};
  const RunRecord& r = f.run->record;
  f.slice = feedback_slice(f.run->slice, tx.store.find_grid(r.grid_id, r.grid_version), session_kind(tx, f.run->session_id));
  return f;
}

EffectOf<action::SetFeedback> handle(const Tx& tx, const action::SetFeedback& a) {
  FeedbackRun f = feedback_run(tx, a.run_uuid);
  EffectOf<action::SetFeedback> e;
  e.place = about(*f.run);
  e.payload = rule(a, f.slice);
  Statement s(tx.db,
              "INSERT INTO feedback (run_id, competency_id, strengths, improvements, at_ms) VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (run_id, competency_id) DO UPDATE SET strengths = excluded.strengths,"
              " improvements = excluded.improvements, at_ms = excluded.at_ms");
  s.bind(1, f.run->id).bind(2, a.competency_id).bind(3, a.strengths).bind(4, a.improvements).bind(5, tx.now);
  s.run();
  return e;
}

EffectOf<action::SetFeedbackAdvice> handle(const Tx& tx, const action::SetFeedbackAdvice& a) {
  FeedbackRun f = feedback_run(tx, a.run_uuid);
  EffectOf<action::SetFeedbackAdvice> e;
  e.place = about(*f.run);
  e.payload = rule(a, f.slice);
  Statement s(tx.db,
              "INSERT INTO feedback_advice (run_id, text, at_ms) VALUES (?, ?, ?)"
              " ON CONFLICT (run_id) DO UPDATE SET text = excluded.text, at_ms = excluded.at_ms");
  s.bind(1, f.run->id).bind(2, a.text).bind(3, tx.now);
  s.run();
  return e;
}

EffectOf<action::MergeBundle> handle(const Tx& tx, const action::MergeBundle& a) {
  // The centre gathers results of its own title: a bundle of another title,
  // or naming a CCP this title does not have, would mix two records.
  const Title& title = tx.store.title();
  const Title& theirs = a.bundle.snapshot.title;
  if (!theirs.code.empty() && theirs.code != title.code)
    throw Refusal{"Ce lot porte sur le titre " + theirs.code + "\u00A0; cette base rassemble le titre " + title.code +
                      "\u00A0: rien n’a été importé.",
                  {}, {}};
  CcpSet named = a.bundle.snapshot.session.ccps;
  for (const auto& c : a.bundle.snapshot.candidates) {
    for (const auto& id : c.data.ccps.ids) named.add(id);
    for (const auto& id : c.data.by_equivalence.ids) named.add(id);
  }
  for (const auto& r : a.bundle.snapshot.runs) named.add(r.ccp);
  if (std::string p = unknown_ccp_problem(title, named); !p.empty())
    throw Refusal{p + " Rien n’a été importé.", {}, {}};
  // The draw's sheets are proved under the bundle's title: it must count
  // them as the centre's does, or a laptop could draw among more sheets.
  for (const auto& id : named.ids)
    if (const int ours = session_sheets_for(&title, id), lot = session_sheets_for(&theirs, id); ours != lot)
      throw Refusal{"Ce lot tire le " + id + " entre " + std::to_string(lot) + " fiches séances ; le titre " +
                        title.code + " de cette base en prévoit " + std::to_string(ours) + " : rien n’a été importé.",
                    {}, {}};
  try {
    store::MergeOutcome m = store::merge_bundle(tx.db, tx.now, a);
    EffectOf<action::MergeBundle> e;
    e.place.session_id = m.session_id;
    e.payload = std::move(m.payload);
    e.notes = std::move(m.notes);
    e.conflicts = m.conflicts;
    return e;
  } catch (const store::MergeUnchanged& r) {
    throw Refusal{a.source + "\u00A0: " + r.what(), {}, {}, true};
  } catch (const store::MergeRefused& r) {
    throw Refusal{a.source + "\u00A0: " + r.what(), {}, {}};
  }
}

// ---- the exam centre's trust: enrolled keys, paper PVs checked

// A name typed by a person: trimmed, one line, not empty.
std::string person_text(const std::string& s, const char* what, std::size_t max_chars = 120) {
  const std::string t = nfc(trimmed(s));
  if (t.empty()) throw Refusal{std::string(what) + " est vide\u00A0: indiquez-le.", {}, {}};
  if (auto h = hidden_character(t))
    throw Refusal{std::string(what) + " contient un caractère invisible (" + *h + ")\u00A0: retapez-le.", {}, {}};
  std::size_t chars = 0;
  for (unsigned char c : t) chars += (c & 0xC0) != 0x80;
  if (chars > max_chars)
    throw Refusal{std::string(what) + " dépasse " + std::to_string(max_chars) + " caractères.", {}, {}};
  return t;
}

std::string fingerprint_of(const std::string& typed) {
  std::string why;
  auto f = read_key_fingerprint(typed, &why);
  if (!f) throw Refusal{"Empreinte de clé illisible (" + guillemets(typed) + ")\u00A0: " + why, {}, {}};
  return *f;
}

std::string when_text(TimeMs t) { return french_date_time(t); }

EffectOf<action::TrustKey> handle(const Tx& tx, const action::TrustKey& a) {
  EffectOf<action::TrustKey> e;  // the base's own chain (session 0)
  const std::string fp = fingerprint_of(a.fingerprint);
  const std::string name = person_text(a.name, "Le nom de l’ordinateur (--name)");
  const std::string by = person_text(a.by, "Le nom de qui enrôle la clé (--by)");
  Statement k(tx.db,
              "SELECT name, enrolled_by, enrolled_at, revoked_at, revoked_by FROM trusted_key WHERE fingerprint = ?");
  k.bind(1, fp);
  const bool known = k.step();
  if (known && k.is_null(3))
    throw Refusal{"La clé " + fp + " est déjà enrôlée (" + guillemets(k.text(0)) + ", par " + k.text(1) + " le " +
                      when_text(k.int64(2)) + ")\u00A0: rien n’a changé.",
                  {}, {}};
  // A revoked key enrolled again: deliberately, with its reason on record.
  const std::string again = known ? nfc(trimmed(a.again_reason)) : std::string();
  if (known && again.empty())
    throw Refusal{"La clé " + fp + " (" + guillemets(k.text(0)) + ") a été révoquée le " + when_text(k.int64(3)) +
                      " par " + k.text(4) + "\u00A0: pour l’enrôler de nouveau, dites pourquoi avec --again "
                      "\"MOTIF\" (par exemple «\u00A0clé retrouvée, empreinte vérifiée par téléphone\u00A0»). Rien n’a "
                      "changé.",
                  {}, {}};
  if (!known && !trimmed(a.again_reason).empty())
    throw Refusal{"--again est pour une clé révoquée\u00A0; la clé " + fp + " n’a jamais été enrôlée ici. Rien n’a "
                  "changé.",
                  {}, {}};
  Statement s(tx.db,
              "INSERT INTO trusted_key (fingerprint, name, enrolled_by, enrolled_at, checked_by_phone) VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, enrolled_by = excluded.enrolled_by,"
              " enrolled_at = excluded.enrolled_at, checked_by_phone = excluded.checked_by_phone, revoked_at = NULL,"
              " revoked_by = ''");
  s.bind(1, fp).bind(2, name).bind(3, by).bind(4, tx.now).bind(5, a.checked_by_phone);
  s.run();
  e.payload = {fp, name, by, a.source, a.checked_by_phone, again};
  return e;
}

EffectOf<action::RevokeKey> handle(const Tx& tx, const action::RevokeKey& a) {
  EffectOf<action::RevokeKey> e;
  const std::string fp = fingerprint_of(a.fingerprint);
  const std::string by = person_text(a.by, "Le nom de qui révoque la clé (--by)");
  Statement k(tx.db, "SELECT name, revoked_at, revoked_by FROM trusted_key WHERE fingerprint = ?");
  k.bind(1, fp);
  if (!k.step()) throw Refusal{"Aucune clé enrôlée n’a l’empreinte " + fp + "\u00A0: rien n’a changé.", {}, {}};
  if (!k.is_null(1))
    throw Refusal{"La clé " + fp + " (" + guillemets(k.text(0)) + ") est déjà révoquée (le " +
                      when_text(k.int64(1)) + " par " + k.text(2) + ")\u00A0: rien n’a changé.",
                  {}, {}};
  Statement u(tx.db, "UPDATE trusted_key SET revoked_at = ?, revoked_by = ? WHERE fingerprint = ?");
  u.bind(1, tx.now).bind(2, by).bind(3, fp);
  u.run();
  e.payload = {fp, k.text(0), by};
  return e;
}

EffectOf<action::ConfirmSessionKey> handle(const Tx& tx, const action::ConfirmSessionKey& a) {
  EffectOf<action::ConfirmSessionKey> e;  // the base's own chain, as the keys it checks
  const std::string fp = fingerprint_of(a.fingerprint);
  const std::int64_t session = session_id_of(tx, a.session_uuid);
  const std::string by = person_text(a.by, "Le nom de qui confirme la clé (--by)");
  Statement k(tx.db, "SELECT name, revoked_at FROM trusted_key WHERE fingerprint = ?");
  k.bind(1, fp);
  if (!k.step()) throw Refusal{"Aucune clé enrôlée n’a l’empreinte " + fp + "\u00A0: rien n’a changé.", {}, {}};
  if (!k.is_null(1))
    throw Refusal{"La clé " + fp + " («\u00A0" + k.text(0) + "\u00A0») est révoquée\u00A0: elle ne sert aucune "
                  "session. Rien n’a changé.",
                  {}, {}};
  Statement known(tx.db, "SELECT confirmed_by, confirmed_at FROM session_key WHERE session_id = ? AND key_fingerprint = ?");
  known.bind(1, session).bind(2, fp);
  if (known.step())
    throw Refusal{"La clé " + fp + " («\u00A0" + k.text(0) + "\u00A0») est déjà confirmée pour cette session (par " +
                      known.text(0) + " le " + when_text(known.int64(1)) + ")\u00A0: rien n’a changé.",
                  {}, {}};
  Statement s(tx.db, "INSERT INTO session_key (session_id, key_fingerprint, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?)");
  s.bind(1, session).bind(2, fp).bind(3, by).bind(4, tx.now);
  s.run();
  e.payload = {fp, k.text(0), a.session_uuid, by};
  return e;
}

EffectOf<action::CheckPvCode> handle(const Tx& tx, const action::CheckPvCode& a) {
  EffectOf<action::CheckPvCode> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  const std::string by = person_text(a.by, "Le nom de qui vérifie le PV (--by)");
  std::string why;
  const auto code = read_pv_code(a.code, &why);
  if (!code) throw Refusal{"Code de PV illisible (" + guillemets(a.code) + ")\u00A0: " + why, {}, {}};
  // Every head of every trail merged for the session: the PV may have been
  // printed at any point of it.
  Statement b(tx.db, "SELECT key_fingerprint, trail FROM imported_bundle WHERE session_id = ? ORDER BY id");
  b.bind(1, e.place.session_id);
  bool any = false;
  std::optional<payload::CheckPvCode> found;
  constexpr std::size_t kHash = 64;
  while (b.step()) {
    const std::string trail = b.text(1);
    any = any || !trail.empty();
    const std::int64_t n = static_cast<std::int64_t>(trail.size() / kHash);
    for (std::int64_t i = 0; i < n; ++i) {
      const std::string head = trail.substr(static_cast<std::size_t>(i) * kHash, kHash);
      if (pv_code(head) != *code) continue;
      const std::int64_t after = n - i - 1;
      if (!found || after > found->entries_after) found = payload::CheckPvCode{*code, head, b.text(0), i + 1, after, by};
    }
  }
  if (!any)
    throw Refusal{"Aucun lot de cette session n’a encore été fusionné dans cette base\u00A0: il n’y a pas de journal "
                  "à comparer au PV papier. Fusionnez d’abord les lots (jurymn merge).",
                  {}, {}};
  if (!found)
    throw Refusal{"Le code " + *code + " ne correspond à aucune tête du journal fusionné pour cette session\u00A0: "
                  "relisez-le sur le PV papier. S’il est juste, le PV signé ne vient pas d’un journal remis au "
                  "centre\u00A0: ne validez pas ces résultats sans interroger le jury.",
                  {}, {}};
  e.payload = *found;
  const payload::CheckPvCode p = *found;
  const std::int64_t session = e.place.session_id;
  const TimeMs now = tx.now;
  sqlite3* db = tx.db;
  e.after_entry = [db, p, session, now](std::int64_t audit_id) {
    Statement s(db,
                "INSERT INTO pv_check (session_id, audit_id, code, head, entries_after, at_ms, checked_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, session).bind(2, audit_id).bind(3, p.code).bind(4, p.head).bind(5, p.entries_after).bind(6, now);
    s.bind(7, p.checked_by);
    s.run();
  };
  return e;
}

// The drafts an action records: deleted in its transaction.
std::vector<std::pair<std::string, std::string>> drafts_recorded_by(const Action& a) {
  using R = std::vector<std::pair<std::string, std::string>>;
  return std::visit(
      [](const auto& x) -> R {
        using A = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<A, action::SetObservation>)
          return {{x.run_uuid, draft_field::observation(x.member_uuid, x.competency_id)}};
        else if constexpr (std::is_same_v<A, action::DecideCcp>)
          return {{x.run_uuid, std::string(draft_field::kJustification)},
                  {x.run_uuid, std::string(draft_field::kCcpOutcome)}};
        // SetFeedback carries both texts of a competency but records the one
        // edited: the screen discards that one's draft right after.
        else if constexpr (std::is_same_v<A, action::SetFeedbackAdvice>)
          return {{x.run_uuid, std::string(draft_field::kAdvice)}};
        else if constexpr (std::is_same_v<A, action::ReopenDecision>)
          return {{x.run_uuid, std::string(draft_field::kReopenReason)}};
        else if constexpr (std::is_same_v<A, action::RecordTimerEvent>) {
          if (x.kind == TimerEventKind::Pause)
            return {{x.run_uuid, std::string(draft_field::kPauseReason)},
                    {x.run_uuid, std::string(draft_field::kPausePressedAt)}};
          if (x.kind == TimerEventKind::Extend) return {{x.run_uuid, std::string(draft_field::kExtendReason)}};
          if (x.kind == TimerEventKind::End) return {{x.run_uuid, std::string(draft_field::kEndReason)}};
          return {};
        } else
          return {};
      },
      a);
}

// Quiet moments, when the WAL is folded into the main file.
bool quiet_moment(const Action& a, const ApplyResult& r) {
  if (const auto* t = std::get_if<action::RecordTimerEvent>(&a))
    return t->kind == TimerEventKind::End || t->kind == TimerEventKind::Next;
  if (std::holds_alternative<action::ConfirmDecision>(a)) return r.ok;
  return false;
}

std::string write_failure(const SqlError& e) {
  // What happened, that the action is not saved, that the rest is safe (the
  // transaction was rolled back whole), and what the jury can do. Shown in
  // the banner of every screen until a write succeeds again.
  const std::string not_saved = "\u00A0: cette action n’est pas enregistrée. ";
  const std::string safe = "Tout ce qui était déjà enregistré est intact. ";
  const std::string copy_elsewhere =
      "fermez jurymn, copiez la base (et, s’il existe, son fichier «\u00A0-wal\u00A0») dans un autre dossier, "
      "puis rouvrez-la avec --db.";
  switch (e.code() & 0xFF) {
    case SQLITE_FULL:
      return "Disque plein" + not_saved + safe +
             "Libérez de la place sur ce disque (supprimez ou déplacez des fichiers), puis refaites l’action.";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return "La base est en lecture seule (fichier ou dossier protégé contre l’écriture)" + not_saved + safe +
             "Rendez son dossier modifiable, puis refaites l’action\u00A0; sinon " + copy_elsewhere;
    case SQLITE_IOERR:
      return "Le disque refuse l’écriture (passé en lecture seule, retiré ou défaillant)" + not_saved + safe +
             "Refaites l’action\u00A0; si le refus persiste, " + copy_elsewhere;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "La base est occupée par un autre programme" + not_saved + safe + "Refaites l’action dans un instant.";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "La base semble endommagée" + not_saved +
             "N’écrivez plus rien\u00A0: fermez jurymn. Des copies datées sont dans le dossier «\u00A0sauvegardes\u00A0» "
             "à côté de la base.";
    default:
      return "Écriture impossible (" + std::string(e.what()) + ")" + not_saved + safe + "Refaites l’action.";
  }
}

}  // namespace

std::string_view action_name(const Action& a) {
  return audit_action_id(std::visit([](const auto& x) { return audit_action_of(x); }, a));
}

namespace {
// What an exam centre does on its base: gather bundles, trust keys, check
// paper PVs. Everything else is the jury's.
bool centre_action(const Action& a) {
  return std::holds_alternative<action::MergeBundle>(a) || std::holds_alternative<action::TrustKey>(a) ||
         std::holds_alternative<action::RevokeKey>(a) || std::holds_alternative<action::CheckPvCode>(a) ||
         std::holds_alternative<action::ConfirmSessionKey>(a);
}
}  // namespace

ApplyResult Store::apply(const Action& a, std::string_view actor) {
  ApplyResult r;
  if (read_only_) {
    r.error = "La base est ouverte en lecture seule\u00A0: rien n’a été enregistré.";
    return r;
  }
  if (centre_base_ && !centre_action(a)) {
    r.error = "Cette base est celle d’un centre d’examen (elle rassemble des lots fusionnés)\u00A0: les saisies du jury "
              "(" + guillemets(action_name(a)) + ") ne s’y font pas, elles se font sur l’ordinateur du "
              "jury puis arrivent ici par un nouveau lot (jurymn merge). Rien n’a été enregistré.";
    return r;
  }
  const Tx tx{db_, clock_.now_ms(), *this, random_, actor};
  // In bulk mode the action is a savepoint inside the bulk transaction.
  const char* begin = bulk_ ? "SAVEPOINT action" : "BEGIN IMMEDIATE";
  const char* commit = bulk_ ? "RELEASE action" : "COMMIT";
  const char* rollback = bulk_ ? "ROLLBACK TO action; RELEASE action" : "ROLLBACK";
  try {
    exec(db_, begin);
  } catch (const SqlError& e) {
    r.error = write_failure(e);
    r.not_written = true;
    unsaved_reason_ = r.error;
    unsaved_at_ = tx.now;
    return r;
  }
  try {
    r.audit_id = std::visit(
        [&](const auto& x) {
          auto e = handle(tx, x);
          using A = std::decay_t<decltype(x)>;
          static_assert(std::is_same_v<decltype(e.payload), PayloadOf<A>>,
                        "a handler records the payload its action's ActionEntry names");
          const std::int64_t id = store::append_audit_entry(
              db_, e.place.session_id, e.place.candidate_id ? std::optional(e.place.candidate_id) : std::nullopt,
              tx.now, actor, audit_action_id(audit_action_of(x)), payload_text(e.payload));
          if (e.after_entry) e.after_entry(id);
          for (const auto& [run, field] : drafts_recorded_by(a)) {
            Statement del(db_, "DELETE FROM draft WHERE run_uuid = ? AND field = ?");
            del.bind(1, run).bind(2, field);
            del.run();
          }
          r.created_uuid = std::move(e.created_uuid);
          r.notes = std::move(e.notes);
          r.conflicts = e.conflicts;
          return id;
        },
        a);
    exec(db_, commit);
    if (std::holds_alternative<action::MergeBundle>(a)) centre_base_ = true;
    ++revision_;
    unsaved_reason_.clear();
    r.ok = true;
    r.changed = changes_of(a, r.created_uuid);
    if (!bulk_ && quiet_moment(a, r)) checkpoint();
  } catch (const Refusal& f) {
    sqlite3_exec(db_, rollback, nullptr, nullptr, nullptr);
    r.error = f.error;
    r.field_errors = f.fields;
    r.row_errors = f.rows;
    r.unchanged = f.unchanged;
  } catch (const SqlError& e) {
    sqlite3_exec(db_, rollback, nullptr, nullptr, nullptr);
    r.error = write_failure(e);
    r.not_written = true;
    unsaved_reason_ = r.error;
    unsaved_at_ = tx.now;
    r.audit_id = 0;
  }
  return r;
}

std::string Store::begin_bulk() {
  if (read_only_) return "La base est ouverte en lecture seule\u00A0: rien n’a été enregistré.";
  if (bulk_) return "Une écriture groupée est déjà en cours.";
  try {
    exec(db_, "BEGIN IMMEDIATE");
  } catch (const SqlError& e) {
    return write_failure(e);
  }
  bulk_ = true;
  return {};
}

ApplyResult Store::apply_together(const std::vector<Action>& actions, std::string_view actor) {
  ApplyResult last;
  if (std::string err = begin_bulk(); !err.empty()) {
    last.error = err;
    last.not_written = !read_only_;
    return last;
  }
  Changed changed;
  for (const auto& a : actions) {
    last = apply(a, actor);
    if (!last.ok) {
      end_bulk(false);
      return last;
    }
    add_changes(changed, last.changed);
  }
  if (std::string err = end_bulk(true); !err.empty()) {
    ApplyResult failed;
    failed.error = err;
    failed.not_written = true;
    return failed;
  }
  last.ok = true;
  last.changed = std::move(changed);
  return last;
}

std::string Store::end_bulk(bool keep) {
  if (!bulk_) return "Aucune écriture groupée n’est en cours.";
  bulk_ = false;
  // A merge rolled back with the rest leaves the base what it was.
  auto rolled_back = [this] {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    ++revision_;
    try {
      centre_base_ = store::query_int(db_, "SELECT EXISTS (SELECT 1 FROM imported_bundle)") != 0;
    } catch (const SqlError&) {
    }
  };
  if (!keep) {
    rolled_back();
    return {};
  }
  try {
    exec(db_, "COMMIT");
  } catch (const SqlError& e) {
    rolled_back();
    return write_failure(e);
  }
  return {};
}

}  // namespace jurymn
