// SPDX-License-Identifier: EUPL-1.2
// Store::apply — the one place where state changes. Each handler validates
// its action, writes it, and describes it for the audit trail; apply() wraps
// that and the audit entry in one transaction.
#include <nlohmann/json.hpp>
#include <functional>
#include <map>
#include <set>
#include <type_traits>
#include <variant>

#include "core/deliberation.h"
#include "core/drafts.h"
#include "core/draft_choices.h"
#include "core/feedback.h"
#include "core/local_time.h"
#include "core/rules.h"
#include "core/spoken_codes.h"
#include "core/text.h"
#include "store/action_payloads.h"
#include "store/audit_chain.h"
#include "store/merge.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace jurymn {

using nlohmann::json;
using store::exec;
using store::SqlError;
using store::Statement;

namespace {

// Thrown by a handler to refuse an action; nothing of it is kept.
struct Refusal {
  std::string error;
  FieldErrors fields;
  std::vector<RowError> rows;
  bool unchanged = false;  // nothing to do rather than wrong (ApplyResult::unchanged)
};

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

// A replay (store/replay.h) gives the uuids its trail recorded.
std::string new_uuid(const Tx& tx) {
  if (const auto& source = tx.store.uuid_source()) return source();
  return random_uuid();
}

payload::SessionFields session_fields(const SessionInput& s) {
  return {s.title, s.date, s.exam_centre, s.kind, s.ccps};
}

payload::CandidateFields candidate_fields(const CandidateInput& c) {
  return {c.number, c.last_name, c.first_name, c.ccps, c.by_equivalence, c.sheets};
}

// Every CCP named must be the title's; a CCP held by equivalence must be
// one an equivalence of the title grants.
std::string unknown_ccp_problem(const Title& title, const CcpSet& ccps, const CcpSet& by_equivalence = {}) {
  for (const auto& id : ccps.ids)
    if (!title.ccp(id))
      return "Le titre " + title.code + " n’a pas de " + id + " (ses CCP\u00A0: " + ccp_choice_text(title) + ").";
  for (const auto& id : by_equivalence.ids)
    if (!title.equivalence_for(id)) return "Aucune équivalence du titre " + title.code + " n’accorde le " + id + ".";
  return "";
}

void refuse_unknown_ccps(const Title& title, const CcpSet& ccps, const CcpSet& by_equivalence = {}) {
  std::string problem = unknown_ccp_problem(title, ccps, by_equivalence);
  if (!problem.empty()) throw Refusal{problem, {{"ccps", problem}}, {}};
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

void write_candidate_ccps(const Tx& tx, std::int64_t candidate_id, const CandidateInput& c) {
  Statement del(tx.db, "DELETE FROM candidate_ccp WHERE candidate_id = ?");
  del.bind(1, candidate_id);
  del.run();
  auto put = [&](const CcpSet& set, bool equivalence) {
    for (const auto& id : set.ids) {
      Statement s(tx.db, "INSERT INTO candidate_ccp (candidate_id, ccp, held_by_equivalence) VALUES (?, ?, ?)");
      s.bind(1, candidate_id).bind(2, id).bind(3, equivalence);
      s.run();
    }
  };
  put(c.ccps, false);
  put(c.by_equivalence, true);
}

std::int64_t session_id_of(const Tx& tx, const std::string& uuid) {
  Statement s(tx.db, "SELECT id FROM exam_session WHERE uuid = ?");
  s.bind(1, uuid);
  if (!s.step()) throw Refusal{"Session d’examen introuvable (" + uuid + ").", {}, {}};
  return s.int64(0);
}

struct CandidateRef {
  std::int64_t id;
  std::int64_t session_id;
};

CandidateRef candidate_of(const Tx& tx, const std::string& uuid) {
  Statement s(tx.db, "SELECT id, session_id FROM candidate WHERE uuid = ?");
  s.bind(1, uuid);
  if (!s.step()) throw Refusal{"Candidat introuvable (" + uuid + ").", {}, {}};
  return {s.int64(0), s.int64(1)};
}

// An action about one candidate: its audit entry names session and candidate.
Place about(const CandidateRef& ref) { return {ref.session_id, ref.id}; }

void refuse_if_invalid(FieldErrors errs) {
  if (errs.empty()) return;
  std::string summary = errs.front().message;
  if (errs.size() > 1) summary += " (et " + std::to_string(errs.size() - 1) + " autre(s) problème(s))";
  throw Refusal{summary, std::move(errs), {}};
}

// Candidate number already used in the session by another candidate?
bool number_taken(const Tx& tx, std::int64_t session_id, const std::string& number, std::int64_t except_id) {
  Statement s(tx.db, "SELECT 1 FROM candidate WHERE session_id = ? AND number = ? AND id <> ?");
  s.bind(1, session_id).bind(2, number).bind(3, except_id);
  return s.step();
}

void bind_candidate(Statement& s, int first, const CandidateInput& c) {
  s.bind(first, c.number)
      .bind(first + 1, c.last_name)
      .bind(first + 2, c.first_name)
      .bind(first + 3, c.sheets[0])
      .bind(first + 4, c.sheets[1])
      .bind(first + 5, c.sheets[2]);
}

std::int64_t insert_candidate(const Tx& tx, std::int64_t session_id, const std::string& uuid,
                              const CandidateInput& c) {
  Statement s(tx.db,
              "INSERT INTO candidate (number, last_name, first_name, sheet1, sheet2, sheet3, uuid, session_id)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  bind_candidate(s, 1, c);
  s.bind(7, uuid).bind(8, session_id);
  s.run();
  const std::int64_t id = sqlite3_last_insert_rowid(tx.db);
  write_candidate_ccps(tx, id, c);
  return id;
}

// ------------------------------------------------------------ handlers

EffectOf<action::CreateSession> handle(const Tx& tx, const action::CreateSession& a) {
  SessionInput in = a.session;
  refuse_if_invalid(validate(in));
  refuse_unknown_ccps(tx.store.title(), in.ccps);
  in.ccps = tx.store.title().ordered(in.ccps);
  EffectOf<action::CreateSession> e;
  e.created_uuid = new_uuid(tx);
  Statement s(tx.db,
              "INSERT INTO exam_session (uuid, title, exam_date, exam_centre, kind, created_at)"
              " VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, e.created_uuid).bind(2, in.title).bind(3, in.date).bind(4, in.exam_centre);
  s.bind(5, to_id(in.kind)).bind(6, tx.now);
  s.run();
  e.place.session_id = sqlite3_last_insert_rowid(tx.db);
  write_session_ccps(tx, e.place.session_id, in.ccps);
  e.payload = {e.created_uuid, session_fields(in)};
  // The new trail declares the rules it is written under, right after its
  // creation, in the same transaction. A replay reads the trail's own
  // declaration instead: an older trail has none.
  if (!tx.store.replaying())
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
  SessionInput in = a.session;
  refuse_if_invalid(validate(in));
  auto before = *tx.store.find_session(a.session_uuid);
  if (in.kind != before.kind)
    throw Refusal{before.kind == SessionKind::Rehearsal
                      ? "Une session de jury blanc ne peut pas devenir officielle\u00A0: ses résultats sont "
                        "d’entraînement. Créez une session officielle pour l’examen."
                      : "Une session officielle ne peut pas devenir un jury blanc\u00A0: ses résultats restent "
                        "officiels.",
                  {{"kind", "La nature d’une session ne change pas."}}, {}};
  refuse_unknown_ccps(tx.store.title(), in.ccps);
  for (const CcpId& ccp : before.ccps.ids) {
    if (in.ccps.has(ccp)) continue;
    Statement runs(tx.db, "SELECT 1 FROM exam_run r JOIN candidate c ON c.id = r.candidate_id"
                          " WHERE c.session_id = ? AND r.ccp = ?");
    runs.bind(1, e.place.session_id).bind(2, ccp);
    if (runs.step())
      throw Refusal{"Le " + ccp + " a déjà des épreuves dans cette session\u00A0: il reste examiné.",
                    {{"ccps", "Un CCP déjà commencé reste."}}, {}};
  }
  Statement s(tx.db, "UPDATE exam_session SET title = ?, exam_date = ?, exam_centre = ? WHERE id = ?");
  s.bind(1, in.title).bind(2, in.date).bind(3, in.exam_centre).bind(4, e.place.session_id);
  s.run();
  write_session_ccps(tx, e.place.session_id, in.ccps);
  e.payload = {a.session_uuid, session_fields(in), {before.title, before.date, before.exam_centre, before.ccps}};
  return e;
}

// The rules a session's next entry is written under (core/rules.h): those
// its trail declared last; a replay sets those of the entry replayed. A
// session whose trail declares none (only an older build leaves one, and
// upgrading the base declares them) gets today's.
int rules_in_force(const Tx& tx, std::int64_t session_id) {
  if (tx.store.replaying() && tx.store.replayed_rules()) return *tx.store.replayed_rules();
  return store::declared_rules(tx.db, session_id).value_or(kCurrentRules);
}

SessionKind session_kind(const Tx& tx, std::int64_t session_id) {
  Statement s(tx.db, "SELECT kind FROM exam_session WHERE id = ?");
  s.bind(1, session_id);
  s.step();
  return session_kind_from_id(s.text(0)).value_or(SessionKind::Official);
}

void write_member_pin(const Tx& tx, std::int64_t member_id, const MemberPin& pin) {
  Statement s(tx.db, "UPDATE jury_member SET pin_salt = ?, pin_public_key = ?, pin_ops = ?, pin_mem = ? WHERE id = ?");
  s.bind(1, pin.salt).bind(2, pin.public_key).bind(3, static_cast<std::int64_t>(pin.cost.ops));
  s.bind(4, static_cast<std::int64_t>(pin.cost.mem)).bind(5, member_id);
  s.run();
}

void refuse_malformed_pin(const MemberPin& pin) {
  if (std::string why = member_pin_problem(pin); !why.empty())
    throw Refusal{"Code du membre inutilisable : " + why + ".", {{"pin", why}}, {}};
}

EffectOf<action::AddJuryMember> handle(const Tx& tx, const action::AddJuryMember& a) {
  EffectOf<action::AddJuryMember> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  JuryMemberInput in = a.member;
  refuse_if_invalid(validate(in));
  Statement dup(tx.db, "SELECT 1 FROM jury_member WHERE session_id = ? AND name = ?");
  dup.bind(1, e.place.session_id).bind(2, in.name);
  if (dup.step())
    throw Refusal{guillemets(in.name) + " fait déjà partie du jury de cette session.", {{"name", "Ce nom est déjà dans le jury."}}, {}};
  // Each member of an official jury proves their confirmations with a PIN.
  if (!a.pin && member_pin_required(rules_in_force(tx, e.place.session_id), session_kind(tx, e.place.session_id)))
    throw Refusal{"Dans une session officielle, chaque membre du jury choisit un code (au moins 6 chiffres) ou une "
                  "phrase de passe\u00A0: il le saisira pour confirmer chaque décision.",
                  {{"pin", "Choisissez un code d’au moins 6 chiffres."}}, {}};
  if (a.pin) refuse_malformed_pin(*a.pin);
  e.created_uuid = new_uuid(tx);
  Statement s(tx.db, "INSERT INTO jury_member (uuid, session_id, name, role, feminine) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, e.created_uuid).bind(2, e.place.session_id).bind(3, in.name).bind(4, to_id(in.role));
  s.bind(5, static_cast<std::int64_t>(in.feminine));
  s.run();
  if (a.pin) write_member_pin(tx, sqlite3_last_insert_rowid(tx.db), *a.pin);
  e.payload = {e.created_uuid, in.name, in.role, a.pin, in.feminine};
  return e;
}

EffectOf<action::RemoveJuryMember> handle(const Tx& tx, const action::RemoveJuryMember& a) {
  Statement find(tx.db, "SELECT id, session_id, name FROM jury_member WHERE uuid = ?");
  find.bind(1, a.member_uuid);
  if (!find.step()) throw Refusal{"Membre du jury introuvable (" + a.member_uuid + ").", {}, {}};
  EffectOf<action::RemoveJuryMember> e;
  std::int64_t id = find.int64(0);
  e.place.session_id = find.int64(1);
  std::string name = find.text(2);
  Statement marks(tx.db, "SELECT (SELECT count(*) FROM mark WHERE member_id = ?1) + "
                         "(SELECT count(*) FROM observation WHERE member_id = ?1)");
  marks.bind(1, id);
  marks.step();
  if (marks.int64(0) > 0)
    throw Refusal{name + " a déjà évalué des candidats\u00A0: ce membre ne peut plus être retiré du jury.", {}, {}};
  // A confirmation stays on record even once reopened: its member stays.
  Statement confirmed(tx.db, "SELECT 1 FROM audit_entry WHERE session_id = ? AND action = ? AND "
                             "json_valid(payload) AND json_extract(payload, '$.member') = ?");
  confirmed.bind(1, e.place.session_id).bind(2, audit_action_id(AuditAction::ConfirmDecision)).bind(3, a.member_uuid);
  if (confirmed.step())
    throw Refusal{name + " a déjà confirmé une décision\u00A0: ce membre ne peut plus être retiré ni remplacé.", {}, {}};
  Statement del(tx.db, "DELETE FROM jury_member WHERE id = ?");
  del.bind(1, id);
  del.run();
  e.payload = {a.member_uuid, name};
  return e;
}

EffectOf<action::ResetMemberPin> handle(const Tx& tx, const action::ResetMemberPin& a) {
  Statement find(tx.db, "SELECT id, session_id, name, pin_salt FROM jury_member WHERE uuid = ?");
  find.bind(1, a.member_uuid);
  if (!find.step()) throw Refusal{"Membre du jury introuvable (" + a.member_uuid + ").", {}, {}};
  EffectOf<action::ResetMemberPin> e;
  const std::int64_t id = find.int64(0);
  e.place.session_id = find.int64(1);
  e.payload.uuid = a.member_uuid;
  e.payload.name = find.text(2);
  const bool had_pin = !find.is_null(3);
  refuse_malformed_pin(a.pin);
  e.payload.pin = a.pin;
  // A forgotten PIN is replaced only on the PIN of who may sign it (the
  // president; for the president, another member), which signs it.
  if (had_pin) {
    Statement s(tx.db, "SELECT uuid FROM exam_session WHERE id = ?");
    s.bind(1, e.place.session_id);
    s.step();
    const std::vector<JuryMemberRecord> jury = tx.store.jury_members(s.text(0));
    const JuryMemberRecord* member = nullptr;
    for (const auto& m : jury)
      if (m.uuid == a.member_uuid) member = &m;
    const JuryMemberRecord* signer = nullptr;
    for (const auto& m : jury) {
      if (!m.pin || !member || !may_sign_pin_reset(m.role, member->role, m.uuid == member->uuid)) continue;
      if (a.signer_uuid.empty() ? (!signer && (m.role == JuryRole::President || member->role == JuryRole::President))
                                : m.uuid == a.signer_uuid)
        signer = &m;
    }
    const bool president = member && member->role == JuryRole::President;
    const std::string only = "le code de " + e.payload.name + " ne peut être réinitialisé qu’avec celui " +
                             (president ? "d’un autre membre du jury." : "du président du jury.");
    if (!signer && !a.signer_uuid.empty()) {
      std::string s = only;
      s[0] = 'L';
      throw Refusal{s, {}, {}};
    }
    if (!signer)
      throw Refusal{(president ? "Aucun autre membre du jury n’a de code\u00A0: " : "Aucun président du jury n’a de code\u00A0: ") + only,
                    {}, {}};
    e.payload.by = signer->uuid;
    e.payload.by_name = signer->name;
    if (!a.signer_key && tx.store.replaying() && !a.recorded_signature.empty()) {
      e.payload.signature = a.recorded_signature;
    } else {
      const std::string whose = (president ? "de " : "du président (") + signer->name + (president ? "" : ")");
      if (!a.signer_key)
        throw Refusal{"Saisissez le code " + whose + " pour réinitialiser celui de " + e.payload.name + ".",
                      {{"signer_pin", "Code de " + signer->name + " requis."}}, {}};
      if (!key_matches(*a.signer_key, *signer->pin))
        throw Refusal{"Code " + (president ? "de " + signer->name : std::string("du président")) +
                          " incorrect\u00A0: le code de " + e.payload.name + " n’est pas changé.",
                      {{"signer_pin", "Code incorrect."}}, {}};
      const std::string prev = store::read_audit_head(tx.db, e.place.session_id).digest;
      e.payload.signature =
          sign_with_member_key(*a.signer_key, pin_reset_message(prev, a.member_uuid, a.pin.public_key));
    }
  }
  write_member_pin(tx, id, a.pin);
  return e;
}

EffectOf<action::AddCandidate> handle(const Tx& tx, const action::AddCandidate& a) {
  EffectOf<action::AddCandidate> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  CandidateInput in = a.candidate;
  refuse_if_invalid(validate(in));
  refuse_unknown_ccps(tx.store.title(), in.ccps, in.by_equivalence);
  if (number_taken(tx, e.place.session_id, in.number, 0))
    throw Refusal{"Le numéro de candidat " + in.number + " est déjà utilisé dans cette session.",
                  {{"number", "Ce numéro est déjà utilisé dans cette session."}}, {}};
  e.created_uuid = new_uuid(tx);
  e.place.candidate_id = insert_candidate(tx, e.place.session_id, e.created_uuid, in);
  e.payload = {e.created_uuid, candidate_fields(in)};
  return e;
}

EffectOf<action::EditCandidate> handle(const Tx& tx, const action::EditCandidate& a) {
  auto ref = candidate_of(tx, a.candidate_uuid);
  EffectOf<action::EditCandidate> e;
  e.place = about(ref);
  CandidateInput in = a.candidate;
  refuse_if_invalid(validate(in));
  refuse_unknown_ccps(tx.store.title(), in.ccps, in.by_equivalence);
  if (number_taken(tx, ref.session_id, in.number, ref.id))
    throw Refusal{"Le numéro de candidat " + in.number + " est déjà utilisé dans cette session.",
                  {{"number", "Ce numéro est déjà utilisé dans cette session."}}, {}};
  // A CCP already under way stays on the candidate: its record must hold.
  Statement runs(tx.db, "SELECT ccp FROM exam_run WHERE candidate_id = ?");
  runs.bind(1, ref.id);
  while (runs.step()) {
    if (!in.ccps.has(runs.text(0)))
      throw Refusal{"L’épreuve " + runs.text(0) + " de ce candidat est commencée\u00A0: il doit rester inscrit au " +
                        runs.text(0) + ".",
                    {{"ccps", "Le " + runs.text(0) + " est déjà commencé."}}, {}};
  }
  const CandidateInput old = tx.store.candidate(a.candidate_uuid)->data;
  Statement s(tx.db,
              "UPDATE candidate SET number = ?, last_name = ?, first_name = ?, sheet1 = ?, sheet2 = ?, sheet3 = ?"
              " WHERE id = ?");
  bind_candidate(s, 1, in);
  s.bind(7, ref.id);
  s.run();
  write_candidate_ccps(tx, ref.id, in);
  e.payload = {a.candidate_uuid, candidate_fields(old), candidate_fields(in)};
  return e;
}

EffectOf<action::SetAttendance> handle(const Tx& tx, const action::SetAttendance& a) {
  auto ref = candidate_of(tx, a.candidate_uuid);
  EffectOf<action::SetAttendance> e;
  e.place = about(ref);
  Statement cur(tx.db, "SELECT attendance FROM candidate WHERE id = ?");
  cur.bind(1, ref.id);
  cur.step();
  const Attendance before = attendance_from_id(cur.text(0)).value_or(Attendance::Expected);
  if (a.attendance == Attendance::Absent || a.attendance == Attendance::Expected) {
    Statement started(tx.db, "SELECT 1 FROM exam_run WHERE candidate_id = ? AND started_at IS NOT NULL");
    started.bind(1, ref.id);
    if (started.step())
      throw Refusal{a.attendance == Attendance::Absent
                        ? "Ce candidat a déjà commencé une épreuve\u00A0: il ne peut plus être déclaré absent."
                        : "Ce candidat a déjà commencé une épreuve\u00A0: sa présence ne peut plus être annulée.",
                    {}, {}};
  }
  Statement s(tx.db, "UPDATE candidate SET attendance = ? WHERE id = ?");
  s.bind(1, to_id(a.attendance)).bind(2, ref.id);
  s.run();
  e.payload = {a.candidate_uuid, before, a.attendance};
  return e;
}

EffectOf<action::ImportCandidates> handle(const Tx& tx, const action::ImportCandidates& a) {
  EffectOf<action::ImportCandidates> e;
  e.place.session_id = session_id_of(tx, a.session_uuid);
  if (a.rows.empty()) throw Refusal{a.source + "\u00A0: le fichier ne contient aucun candidat.", {}, {}};

  std::vector<RowError> problems;
  std::vector<CandidateInput> clean;
  std::set<std::string> existing;
  {
    Statement s(tx.db, "SELECT number FROM candidate WHERE session_id = ?");
    s.bind(1, e.place.session_id);
    while (s.step()) existing.insert(s.text(0));
  }
  std::map<std::string, int> seen;  // number -> first line
  for (const auto& row : a.rows) {
    CandidateInput in = row.candidate;
    for (const auto& f : validate(in)) problems.push_back({row.line, f.message});
    if (auto p = unknown_ccp_problem(tx.store.title(), in.ccps, in.by_equivalence); !p.empty())
      problems.push_back({row.line, p});
    if (!in.number.empty()) {
      if (existing.count(in.number))
        problems.push_back({row.line, "le numéro " + in.number + " est déjà utilisé dans cette session."});
      auto [it, inserted] = seen.emplace(in.number, row.line);
      if (!inserted)
        problems.push_back({row.line, "le numéro " + in.number + " figure déjà à la ligne " +
                                          std::to_string(it->second) + "."});
    }
    clean.push_back(std::move(in));
  }
  if (!problems.empty())
    throw Refusal{a.source + "\u00A0: " + std::to_string(problems.size()) +
                      " problème(s)\u00A0; aucun candidat n’a été importé.",
                  {}, std::move(problems)};

  e.payload.source = a.source;
  e.payload.count = clean.size();
  for (const auto& in : clean) {
    std::string uuid = new_uuid(tx);
    insert_candidate(tx, e.place.session_id, uuid, in);
    e.payload.candidates.push_back({std::move(uuid), candidate_fields(in)});
  }
  return e;
}

// ------------------------------------------------------------ exam runs

struct RunRef {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::int64_t candidate_id = 0;
  const ExamPlan* plan = nullptr;
  RunRecord record;
};

// `whole`: the record with its events, draws, marks and decisions; without,
// its header only (uuid, candidate, CCP, plan, grid, times), which is all a
// mark or an observation is judged against: loading a run's every mark for
// each new mark made a run's marking quadratic (the replay of a large trail
// spent a third of its time there).
RunRef run_of(const Tx& tx, const std::string& uuid, bool whole = true) {
  Statement s(tx.db,
              "SELECT r.id, c.session_id, c.id FROM exam_run r JOIN candidate c ON c.id = r.candidate_id"
              " WHERE r.uuid = ?");
  s.bind(1, uuid);
  if (!s.step()) throw Refusal{"Épreuve introuvable (" + uuid + ").", {}, {}};
  RunRef ref{s.int64(0), s.int64(1), s.int64(2), nullptr, {}};
  ref.record = *tx.store.exam_run(uuid, whole);
  ref.plan = tx.store.find_plan(ref.record.plan_id, ref.record.plan_version);
  // Events are wall-clock stamped: a clock set back would write a record
  // that contradicts itself.
  if (tx.now < ref.record.started_at)
    throw Refusal{"L’horloge de cet ordinateur indique une heure antérieure au début de l’épreuve\u00A0: "
                  "vérifiez la date et l’heure du système, puis recommencez.",
                  {}, {}};
  if (!ref.plan)
    throw Refusal{"Le plan d’épreuve " + ref.record.plan_id + " version " + ref.record.plan_version +
                      " n’est plus disponible\u00A0: réinstallez-le pour poursuivre cette épreuve.",
                  {}, {}};
  return ref;
}

Place about(const RunRef& run) { return about(CandidateRef{run.candidate_id, run.session_id}); }

EffectOf<action::StartExam> handle(const Tx& tx, const action::StartExam& a) {
  auto ref = candidate_of(tx, a.candidate_uuid);
  auto cand = *tx.store.candidate(a.candidate_uuid);
  EffectOf<action::StartExam> e;
  e.place = about(ref);
  const std::string who = cand.data.first_name + " " + cand.data.last_name;
  const std::string& ccp = a.ccp;
  Statement sess(tx.db, "SELECT 1 FROM session_ccp WHERE session_id = ? AND ccp = ?");
  sess.bind(1, ref.session_id).bind(2, ccp);
  if (!sess.step()) throw Refusal{"Cette session n’examine pas le " + ccp + ".", {}, {}};
  if (cand.data.by_equivalence.has(ccp))
    throw Refusal{who + " détient le " + ccp + " par équivalence\u00A0: il n’est pas examiné.", {}, {}};
  if (!cand.data.ccps.has(a.ccp)) throw Refusal{who + " n’est pas inscrit(e) au " + ccp + ".", {}, {}};
  if (cand.attendance == Attendance::Absent || cand.attendance == Attendance::Withdrawn)
    throw Refusal{who + " est déclaré(e) " + (cand.attendance == Attendance::Absent ? "absent(e)" : "désisté(e)") +
                      "\u00A0: l’épreuve ne peut pas commencer. Corrigez sa présence s’il ou elle est là.",
                  {}, {}};
  Statement dup(tx.db, "SELECT 1 FROM exam_run WHERE candidate_id = ? AND ccp = ?");
  dup.bind(1, ref.id).bind(2, ccp);
  if (dup.step()) throw Refusal{"L’épreuve " + ccp + " de " + who + " est déjà commencée.", {}, {}};
  const ExamPlan* plan = tx.store.current_plan(a.ccp);
  if (!plan) throw Refusal{"Aucun plan d’épreuve pour le " + ccp + " n’est chargé.", {}, {}};

  // The grid is fixed for the run now: a later grid never alters it.
  const Grid* grid = tx.store.current_grid(a.ccp);
  e.created_uuid = new_uuid(tx);
  Statement s(tx.db,
              "INSERT INTO exam_run (uuid, candidate_id, ccp, plan_id, plan_version, grid_id, grid_version, started_at,"
              " rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  // A new run starts under today's rules; a replayed one under its entry's.
  const int rules = tx.store.replaying() && a.rules > 0 ? a.rules : kDeliberationRules;
  s.bind(1, e.created_uuid).bind(2, ref.id).bind(3, ccp).bind(4, plan->id).bind(5, plan->version);
  s.bind(6, grid ? grid->id : "").bind(7, grid ? grid->version : "").bind(8, tx.now).bind(9, rules);
  s.run();
  if (cand.attendance != Attendance::Present) {
    Statement p(tx.db, "UPDATE candidate SET attendance = 'present' WHERE id = ?");
    p.bind(1, ref.id);
    p.run();
  }
  e.payload = {e.created_uuid, a.candidate_uuid, a.ccp, {plan->id, plan->version}, std::nullopt, cand.attendance};
  if (grid) e.payload.grid = payload::StartExam::Version{grid->id, grid->version};
  e.payload.rules = rules;
  return e;
}

EffectOf<action::RecordTimerEvent> handle(const Tx& tx, const action::RecordTimerEvent& a) {
  RunRef run = run_of(tx, a.run_uuid);
  EffectOf<action::RecordTimerEvent> e;
  e.place = about(run);
  StageTimer timer(*run.plan, run.record.events);
  // Only an extension has an amount; anything else sent with one is noise.
  TimerEvent ev{a.kind, trimmed(a.stage_id), tx.now, a.kind == TimerEventKind::Extend ? a.amount_ms : 0,
                trimmed(a.reason)};
  // A pause starts when Space was pressed, not when its reason was typed;
  // never in the future, never before the event it follows.
  TimeMs pressed_at = 0;
  if (a.kind == TimerEventKind::Pause && a.pressed_at > 0) {
    if (a.pressed_at > tx.now || tx.now - a.pressed_at > action::kMaxPressDelayMs ||
        (!run.record.events.empty() && a.pressed_at < run.record.events.back().at))
      throw Refusal{"L’heure de la pause n’est plus valable : mettez en pause à nouveau.", {}, {}};
    ev.at = pressed_at = a.pressed_at;
  }
  // The jury sees the stage it acts on; when none is named, the event is
  // about the current one (or the next, for Next).
  int starting = timer.stage_to_start(ev);
  if (starting >= 0) {
    std::string need = draw_needed_refusal(*run.plan, starting, !run.record.draws.empty());
    if (!need.empty()) throw Refusal{need, {}, {}};
  }
  if (auto ok = timer.validate_next(ev); !ok) throw Refusal{ok.reason, {}, {}};
  timer.append(ev);
  std::string stage_id = ev.stage_id;
  if (stage_id.empty()) {
    auto st = timer.status(tx.now);
    if (st.stage_index >= 0) stage_id = run.plan->stages[static_cast<std::size_t>(st.stage_index)].id;
  }
  Statement s(tx.db,
              "INSERT INTO stage_event (run_id, stage_id, kind, at_ms, amount_ms, reason) VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, run.id).bind(2, stage_id).bind(3, to_id(ev.kind)).bind(4, ev.at).bind(5, ev.amount).bind(6, ev.reason);
  s.run();
  if (timer.status(tx.now).state == TimerState::Finished) {
    Statement f(tx.db, "UPDATE exam_run SET finished_at = ? WHERE id = ?");
    f.bind(1, tx.now).bind(2, run.id);
    f.run();
  }
  e.payload = {a.run_uuid, ev.kind, stage_id, ev.amount, ev.reason, pressed_at};
  return e;
}

Effect<payload::SheetDraw> record_draw(const Tx& tx, const RunRef& run, const DrawResult& r) {
  if (!r) throw Refusal{r.refusal, {}, {}};
  const SheetDraw& d = *r.draw;
  json titles = json::array({d.titles[0], d.titles[1], d.titles[2]});
  Statement s(tx.db, "INSERT INTO sheet_draw (run_id, titles, chosen, method, reason, at_ms) VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, run.id).bind(2, titles.dump()).bind(3, d.chosen).bind(4, to_id(d.method)).bind(5, d.reason).bind(6, d.at);
  s.run();
  Effect<payload::SheetDraw> e;
  e.place = about(run);
  e.payload = {run.record.uuid, d.titles, d.chosen, d.chosen_title(), d.method, d.reason};
  return e;
}

// A plan without a draw point (CCP2) has no session sheet to draw or choose.
void refuse_if_plan_has_no_draw(const RunRef& run) {
  if (std::string why = sheet_change_refusal(run.record); !why.empty()) throw Refusal{why, {}, {}};
  if (run.plan->draw_stage_index() >= 0) return;
  throw Refusal{"L’épreuve du " + run.record.ccp +
                    " ne prévoit pas de tirage de fiche séance (plan " + run.plan->id + " version " +
                    run.plan->version + ").",
                {}, {}};
}

EffectOf<action::DrawSheet> handle(const Tx& tx, const action::DrawSheet& a) {
  RunRef run = run_of(tx, a.run_uuid);
  refuse_if_plan_has_no_draw(run);
  if (!tx.random) throw Refusal{"Aucune source de hasard n’est disponible\u00A0: le tirage est impossible.", {}, {}};
  auto cand = *tx.store.candidate(run.record.candidate_uuid);
  return record_draw(tx, run, draw_sheet(cand.data.sheets, run.record.draws, a.reason, tx.now, *tx.random));
}

EffectOf<action::ChooseSheet> handle(const Tx& tx, const action::ChooseSheet& a) {
  RunRef run = run_of(tx, a.run_uuid);
  refuse_if_plan_has_no_draw(run);
  auto cand = *tx.store.candidate(run.record.candidate_uuid);
  return record_draw(tx, run, choose_sheet(cand.data.sheets, run.record.draws, a.index, a.reason, tx.now));
}

// ------------------------------------------------------------ marking

struct Marking {
  RunRef run;
  const Grid* grid = nullptr;
  std::int64_t member_id = 0;
  std::string member_name;
};

// The run's header only (run_of): a mark needs its grid, not its marks.
Marking marking_of(const Tx& tx, const std::string& run_uuid, const std::string& member_uuid) {
  Marking m{run_of(tx, run_uuid, false), nullptr, 0, {}};
  m.grid = tx.store.find_grid(m.run.record.grid_id, m.run.record.grid_version);
  if (!m.grid)
    throw Refusal{m.run.record.grid_id.empty()
                      ? "Aucune grille d’évaluation n’était chargée au début de cette épreuve\u00A0: elle ne peut pas être notée."
                      : "La grille " + m.run.record.grid_id + " version " + m.run.record.grid_version +
                            " n’est plus disponible\u00A0: réinstallez-la pour noter cette épreuve.",
                  {}, {}};
  Statement s(tx.db, "SELECT id, name FROM jury_member WHERE uuid = ? AND session_id = ?");
  s.bind(1, member_uuid).bind(2, m.run.session_id);
  if (!s.step()) throw Refusal{"Ce membre ne fait pas partie du jury de cette session.", {}, {}};
  m.member_id = s.int64(0);
  m.member_name = s.text(1);
  Statement locked(tx.db, "SELECT 1 FROM ccp_decision WHERE run_id = ? AND locked_at IS NOT NULL");
  locked.bind(1, m.run.id);
  if (locked.step()) throw Refusal{"Le résultat de cette épreuve est verrouillé\u00A0: rouvrez-le pour modifier la notation.", {}, {}};
  return m;
}

EffectOf<action::RecordMark> handle(const Tx& tx, const action::RecordMark& a) {
  Marking m = marking_of(tx, a.run_uuid, a.member_uuid);
  bool known = false;
  for (const auto& c : m.grid->competencies)
    for (const auto& cr : c.criteria) known = known || cr.id == a.criterion_id;
  if (!known) throw Refusal{"Critère inconnu de la grille " + m.grid->id + "\u00A0: " + a.criterion_id + ".", {}, {}};
  if (!a.level_id.empty() && !m.grid->level(a.level_id))
    throw Refusal{"Niveau inconnu de la grille " + m.grid->id + "\u00A0: " + a.level_id + ".", {}, {}};
  Statement before(tx.db, "SELECT rating FROM mark WHERE run_id = ? AND member_id = ? AND criterion_id = ?");
  before.bind(1, m.run.id).bind(2, m.member_id).bind(3, a.criterion_id);
  std::string previous = before.step() ? before.text(0) : std::string();
  if (a.level_id.empty()) {
    Statement d(tx.db, "DELETE FROM mark WHERE run_id = ? AND member_id = ? AND criterion_id = ?");
    d.bind(1, m.run.id).bind(2, m.member_id).bind(3, a.criterion_id);
    d.run();
  } else {
    Statement s(tx.db,
                "INSERT INTO mark (run_id, member_id, criterion_id, rating, at_ms) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, member_id, criterion_id) DO UPDATE SET rating = excluded.rating,"
                " at_ms = excluded.at_ms");
    s.bind(1, m.run.id).bind(2, m.member_id).bind(3, a.criterion_id).bind(4, a.level_id).bind(5, tx.now);
    s.run();
  }
  EffectOf<action::RecordMark> e;
  e.place = about(m.run);
  e.payload = {a.run_uuid, a.member_uuid, m.member_name, a.criterion_id, a.level_id, previous};
  return e;
}

EffectOf<action::SetObservation> handle(const Tx& tx, const action::SetObservation& a) {
  Marking m = marking_of(tx, a.run_uuid, a.member_uuid);
  if (!m.grid->competency(a.competency_id))
    throw Refusal{"Compétence inconnue de la grille " + m.grid->id + "\u00A0: " + a.competency_id + ".", {}, {}};
  constexpr std::size_t kMaxObservation = 4000;
  if (a.text.size() > kMaxObservation)
    throw Refusal{"Les observations dépassent " + std::to_string(kMaxObservation) + " octets\u00A0: résumez-les.", {}, {}};
  Statement s(tx.db,
              "INSERT INTO observation (run_id, member_id, competency_id, text, at_ms) VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (run_id, member_id, competency_id) DO UPDATE SET text = excluded.text,"
              " at_ms = excluded.at_ms");
  s.bind(1, m.run.id).bind(2, m.member_id).bind(3, a.competency_id).bind(4, a.text).bind(5, tx.now);
  s.run();
  EffectOf<action::SetObservation> e;
  e.place = about(m.run);
  e.payload = {a.run_uuid, a.member_uuid, m.member_name, a.competency_id, a.text};
  return e;
}

// ------------------------------------------------------------ decisions

// What a decision is judged against: the run with its grid, the session's
// jury and kind, and the review the screen shows.
struct Deliberating {
  Marking marking;  // run and grid; no member
  std::vector<JuryMemberRecord> jury;
  SessionKind kind = SessionKind::Official;
  Deliberation review;
};

Deliberating deliberating(const Tx& tx, const std::string& run_uuid) {
  Deliberating d{Marking{run_of(tx, run_uuid), nullptr, 0, {}}, {}, SessionKind::Official, {}};
  Marking& m = d.marking;
  m.grid = tx.store.find_grid(m.run.record.grid_id, m.run.record.grid_version);
  if (!m.grid)
    throw Refusal{"La grille " + m.run.record.grid_id + " version " + m.run.record.grid_version +
                      " n’est pas disponible\u00A0: la décision ne peut pas être prise sans elle.",
                  {}, {}};
  Statement s(tx.db, "SELECT uuid, kind FROM exam_session WHERE id = ?");
  s.bind(1, m.run.session_id);
  s.step();
  d.kind = session_kind_from_id(s.text(1)).value_or(SessionKind::Official);
  d.jury = tx.store.jury_members(s.text(0));
  d.review = review_run(*m.grid, d.jury, m.run.record);
  return d;
}

void refuse_if_locked(const Deliberating& d) {
  if (d.marking.run.record.decision.locked())
    throw Refusal{"Le résultat est verrouillé\u00A0: rouvrez-le, avec un motif, pour le modifier.", {}, {}};
}

// The confirmations were given to the decision as it stood.
void clear_confirmations(const Tx& tx, std::int64_t run_id) {
  Statement s(tx.db, "UPDATE ccp_decision SET confirmed_by = '[]' WHERE run_id = ?");
  s.bind(1, run_id);
  s.run();
}

std::string member_name(const std::vector<JuryMemberRecord>& jury, const std::string& uuid) {
  for (const auto& m : jury)
    if (m.uuid == uuid) return m.name;
  return uuid;
}

EffectOf<action::DecideCompetency> handle(const Tx& tx, const action::DecideCompetency& a) {
  Deliberating d = deliberating(tx, a.run_uuid);
  refuse_if_locked(d);
  const RunRef& run = d.marking.run;
  if (!d.marking.grid->competency(a.competency_id))
    throw Refusal{"Compétence inconnue de la grille " + d.marking.grid->id + "\u00A0: " + a.competency_id + ".", {}, {}};
  CompetencyStatus before = CompetencyStatus::Undecided;
  for (const auto& c : run.record.competency_decisions)
    if (c.competency_id == a.competency_id) before = c.status;
  const std::string reason = a.status == CompetencyStatus::Undecided ? std::string() : trimmed(a.reason);
  for (const auto& c : d.review.competencies)
    if (c.competency->id == a.competency_id)
      if (std::string why = competency_decision_refusal(c, a.status, reason, d.review.rules); !why.empty())
        throw Refusal{why, {{"reason", "Motif requis."}}, {}};
  constexpr std::size_t kMaxReason = 4000;
  if (reason.size() > kMaxReason)
    throw Refusal{"Le motif dépasse " + std::to_string(kMaxReason) + " octets\u00A0: résumez-le.", {}, {}};
  if (a.status == CompetencyStatus::Undecided) {
    Statement del(tx.db, "DELETE FROM competency_decision WHERE run_id = ? AND competency_id = ?");
    del.bind(1, run.id).bind(2, a.competency_id);
    del.run();
  } else {
    Statement s(tx.db,
                "INSERT INTO competency_decision (run_id, competency_id, status, at_ms, reason) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, competency_id) DO UPDATE SET status = excluded.status, at_ms = excluded.at_ms,"
                " reason = excluded.reason");
    s.bind(1, run.id).bind(2, a.competency_id).bind(3, to_id(a.status)).bind(4, tx.now).bind(5, reason);
    s.run();
  }
  // The CCP decision stood on the old status: it is cleared, with its
  // confirmations, and the jury decides again (never a stale proposal).
  CcpOutcome cleared = CcpOutcome::Undecided;
  if (before != a.status && run.record.decision.decided != CcpOutcome::Undecided) {
    cleared = run.record.decision.decided;
    Statement del(tx.db, "DELETE FROM ccp_decision WHERE run_id = ?");
    del.bind(1, run.id);
    del.run();
  } else if (before != a.status) {
    clear_confirmations(tx, run.id);
  }
  EffectOf<action::DecideCompetency> e;
  e.place = about(run);
  e.payload = {a.run_uuid, a.competency_id, a.status, before, cleared, reason};
  return e;
}

EffectOf<action::DecideCcp> handle(const Tx& tx, const action::DecideCcp& a) {
  Deliberating d = deliberating(tx, a.run_uuid);
  const std::string justification = trimmed(a.justification);
  if (std::string why = ccp_decision_refusal(d.review, d.marking.grid->decision_rule, a.outcome, justification);
      !why.empty())
    throw Refusal{why, {}, {}};
  constexpr std::size_t kMaxJustification = 8000;
  if (justification.size() > kMaxJustification)
    throw Refusal{"La justification dépasse " + std::to_string(kMaxJustification) + " octets\u00A0: résumez-la.", {}, {}};
  const RunRef& run = d.marking.run;
  Statement s(tx.db,
              "INSERT INTO ccp_decision (run_id, proposed, decided, justification, confirmed_by, decided_at)"
              " VALUES (?, ?, ?, ?, '[]', ?) ON CONFLICT (run_id) DO UPDATE SET proposed = excluded.proposed,"
              " decided = excluded.decided, justification = excluded.justification, confirmed_by = '[]',"
              " decided_at = excluded.decided_at, locked_at = NULL");
  s.bind(1, run.id).bind(2, to_id(d.review.proposed)).bind(3, to_id(a.outcome)).bind(4, justification).bind(5, tx.now);
  s.run();
  EffectOf<action::DecideCcp> e;
  e.place = about(run);
  e.payload = {a.run_uuid, d.review.proposed, a.outcome, justification, {}, run.record.decision.decided};
  for (const auto& c : d.review.competencies) e.payload.competencies[c.competency->id] = c.decided;
  return e;
}

EffectOf<action::ConfirmDecision> handle(const Tx& tx, const action::ConfirmDecision& a) {
  Deliberating d = deliberating(tx, a.run_uuid);
  if (std::string why =
          confirmation_refusal(d.review, d.marking.grid->decision_rule, d.jury, a.member_uuid, d.kind);
      !why.empty())
    throw Refusal{why, {}, {}};
  const RunRef& run = d.marking.run;
  // The member proves the confirmation with the key of their PIN.
  std::string signature;
  for (const auto& m : d.jury) {
    if (m.uuid != a.member_uuid) continue;
    if (!m.pin) {
      if (member_pin_required(rules_in_force(tx, run.session_id), d.kind))
        throw Refusal{m.name + " n’a pas encore de code\u00A0: définissez-le (écran de session, «\u00A0Code…\u00A0») "
                               "avant de confirmer.",
                      {}, {}};
      break;
    }
    if (!a.key && tx.store.replaying() && !a.recorded_signature.empty()) {
      signature = a.recorded_signature;
      break;
    }
    if (!a.key) throw Refusal{"Saisissez le code de " + m.name + " pour confirmer.", {{"pin", "Code requis."}}, {}};
    if (!key_matches(*a.key, *m.pin))
      throw Refusal{"Code incorrect pour " + m.name + "\u00A0: la confirmation n’est pas enregistrée.",
                    {{"pin", "Code incorrect."}}, {}};
    const std::string prev = store::read_audit_head(tx.db, run.session_id).digest;
    signature = sign_with_member_key(
        *a.key, confirmation_message(prev, a.run_uuid, a.member_uuid, to_id(run.record.decision.decided)));
  }
  std::vector<std::string> confirmed = run.record.decision.confirmed_by;
  confirmed.push_back(a.member_uuid);
  const bool lock = confirmation_complete(d.jury, confirmed);
  // Locking freezes the run: text still being typed for it would be lost.
  if (lock) {
    Statement dr(tx.db, "SELECT field FROM draft WHERE run_uuid = ? ORDER BY updated_at, field");
    dr.bind(1, a.run_uuid);
    if (dr.step()) {
      const std::string field = dr.text(0);
      auto name = [&](std::string_view uuid) { return member_name(d.jury, std::string(uuid)); };
      throw Refusal{pending_draft_refusal(field, draft_field_label(field, name)), {}, {}};
    }
  }
  Statement s(tx.db, "UPDATE ccp_decision SET confirmed_by = ?, locked_at = ? WHERE run_id = ?");
  s.bind(1, json(confirmed).dump());
  if (lock) s.bind(2, tx.now); else s.bind_null(2);
  s.bind(3, run.id);
  s.run();
  EffectOf<action::ConfirmDecision> e;
  e.place = about(run);
  e.payload = {a.run_uuid, a.member_uuid, member_name(d.jury, a.member_uuid), run.record.decision.decided, lock,
               signature};
  return e;
}

// A reopening in an official session is signed with a PIN: the named
// member's, or the president's for « le jury ». Entries written before
// (no signature) replay as written, except in runs started under rules 2
// (core/deliberation.h), which were always signed.
struct ReopeningSignature {
  std::string signer;
  std::string signature;
};
ReopeningSignature reopening_signature(const Tx& tx, const RunRef& run, const action::ReopenDecision& a,
                                       const std::string& reason) {
  Statement s(tx.db, "SELECT uuid, kind FROM exam_session WHERE id = ?");
  s.bind(1, run.session_id);
  s.step();
  const std::string session_uuid = s.text(0);
  if (session_kind_from_id(s.text(1)).value_or(SessionKind::Official) != SessionKind::Official) return {};
  const std::vector<JuryMemberRecord> jury = tx.store.jury_members(session_uuid);
  const JuryMemberRecord* signer = nullptr;
  for (const auto& m : jury)
    if (a.member_uuid.empty() ? m.role == JuryRole::President : m.uuid == a.member_uuid) signer = &m;
  if (tx.store.replaying() && !a.key) {
    if (!a.recorded_signature.empty()) return {a.recorded_signer, a.recorded_signature};
    if (run.record.rules < 2) return {};
  }
  if (!signer)
    throw Refusal{"Aucun président dans ce jury\u00A0: nommez le membre qui rouvre, avec son code.", {}, {}};
  const std::string who =
      a.member_uuid.empty() ? "de la présidence du jury (" + signer->name + ")" : "de " + signer->name;
  if (!signer->pin)
    throw Refusal{signer->name + " n’a pas de code\u00A0: définissez-le (écran de session, «\u00A0Code…\u00A0») "
                                 "avant de rouvrir en son nom.",
                  {}, {}};
  if (!a.key) throw Refusal{"Saisissez le code " + who + " pour rouvrir.", {{"pin", "Code requis."}}, {}};
  if (!key_matches(*a.key, *signer->pin))
    throw Refusal{"Code incorrect\u00A0: c’est le code " + who + " qui rouvre. Rien n’est rouvert.",
                  {{"pin", "Code incorrect."}}, {}};
  const std::string prev = store::read_audit_head(tx.db, run.session_id).digest;
  return {signer->uuid,
          sign_with_member_key(*a.key, reopening_message(prev, a.run_uuid, a.member_uuid, signer->uuid, reason))};
}

EffectOf<action::ReopenDecision> handle(const Tx& tx, const action::ReopenDecision& a) {
  RunRef run = run_of(tx, a.run_uuid);
  const std::string reason = trimmed(a.reason);
  if (std::string why = reopening_refusal(run.record.decision, reason); !why.empty()) throw Refusal{why, {}, {}};
  std::string by;
  if (!a.member_uuid.empty()) {
    Statement m(tx.db, "SELECT name FROM jury_member WHERE uuid = ? AND session_id = ?");
    m.bind(1, a.member_uuid).bind(2, run.session_id);
    if (!m.step()) throw Refusal{"Ce membre ne fait pas partie du jury de cette session.", {}, {}};
    by = m.text(0);
  }
  const ReopeningSignature signed_ = reopening_signature(tx, run, a, reason);
  Statement s(tx.db, "UPDATE ccp_decision SET confirmed_by = '[]', locked_at = NULL WHERE run_id = ?");
  s.bind(1, run.id);
  s.run();
  EffectOf<action::ReopenDecision> e;
  e.place = about(run);
  e.payload = {a.run_uuid, reason, by.empty() ? std::string() : a.member_uuid, by, run.record.decision.decided,
               *run.record.decision.locked_at, signed_.signer, signed_.signature};
  // The reopening's own row, naming the entry that records it.
  // Its actor: the member who reopened, when named (the PV prints the name).
  const std::string actor = by.empty() ? std::string(tx.actor) : a.member_uuid;
  e.after_entry = [&tx, run_id = run.id, reason, actor](std::int64_t audit_id) {
    Statement r(tx.db, "INSERT INTO reopening (run_id, audit_id, at_ms, actor, reason) VALUES (?, ?, ?, ?, ?)");
    r.bind(1, run_id).bind(2, audit_id).bind(3, tx.now).bind(4, actor).bind(5, reason);
    r.run();
  };
  return e;
}

EffectOf<action::RecordInterruption> handle(const Tx& tx, const action::RecordInterruption& a) {
  RunRef run = run_of(tx, a.run_uuid);
  if (a.from_ms <= 0 || a.to_ms <= a.from_ms || a.to_ms > tx.now)
    throw Refusal{"Interruption incohérente\u00A0: sa fin doit suivre son début, sans dépasser l’heure actuelle.", {}, {}};
  if (a.from_ms < run.record.started_at || run.record.finished_at)
    throw Refusal{"Une interruption ne se note que pendant l’épreuve.", {}, {}};
  EffectOf<action::RecordInterruption> e;
  e.place = about(run);
  e.payload = {a.run_uuid, a.from_ms, a.to_ms, a.cause};
  Statement s(tx.db, "INSERT INTO interruption (run_id, from_ms, to_ms, cause) VALUES (?, ?, ?, ?)");
  s.bind(1, run.id).bind(2, a.from_ms).bind(3, a.to_ms).bind(4, interruption_cause_id(a.cause));
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
  RunRef run;
  const Grid* grid = nullptr;
};

FeedbackRun feedback_run(const Tx& tx, const std::string& run_uuid) {
  FeedbackRun f{run_of(tx, run_uuid), nullptr};
  Statement s(tx.db, "SELECT kind FROM exam_session WHERE id = ?");
  s.bind(1, f.run.session_id);
  s.step();
  const SessionKind kind = session_kind_from_id(s.text(0)).value_or(SessionKind::Official);
  if (std::string why = feedback_refusal(kind, f.run.record); !why.empty()) throw Refusal{why, {}, {}};
  f.grid = tx.store.find_grid(f.run.record.grid_id, f.run.record.grid_version);
  return f;
}

constexpr std::size_t kMaxFeedback = 4000;

void refuse_if_too_long(const std::string& text, const char* what) {
  if (text.size() > kMaxFeedback)
    throw Refusal{std::string(what) + " dépasse " + std::to_string(kMaxFeedback) + " octets\u00A0: résumez.", {}, {}};
}

EffectOf<action::SetFeedback> handle(const Tx& tx, const action::SetFeedback& a) {
  FeedbackRun f = feedback_run(tx, a.run_uuid);
  if (!f.grid || !f.grid->competency(a.competency_id))
    throw Refusal{"Compétence inconnue de la grille de cette épreuve\u00A0: " + a.competency_id + ".", {}, {}};
  refuse_if_too_long(a.strengths, "«\u00A0Points forts\u00A0»");
  refuse_if_too_long(a.improvements, "«\u00A0Axes de progrès\u00A0»");
  Statement s(tx.db,
              "INSERT INTO feedback (run_id, competency_id, strengths, improvements, at_ms) VALUES (?, ?, ?, ?, ?)"
              " ON CONFLICT (run_id, competency_id) DO UPDATE SET strengths = excluded.strengths,"
              " improvements = excluded.improvements, at_ms = excluded.at_ms");
  s.bind(1, f.run.id).bind(2, a.competency_id).bind(3, a.strengths).bind(4, a.improvements).bind(5, tx.now);
  s.run();
  EffectOf<action::SetFeedback> e;
  e.place = about(f.run);
  e.payload = {a.run_uuid, a.competency_id, a.strengths, a.improvements};
  return e;
}

EffectOf<action::SetFeedbackAdvice> handle(const Tx& tx, const action::SetFeedbackAdvice& a) {
  FeedbackRun f = feedback_run(tx, a.run_uuid);
  refuse_if_too_long(a.text, "Le conseil");
  Statement s(tx.db,
              "INSERT INTO feedback_advice (run_id, text, at_ms) VALUES (?, ?, ?)"
              " ON CONFLICT (run_id) DO UPDATE SET text = excluded.text, at_ms = excluded.at_ms");
  s.bind(1, f.run.id).bind(2, a.text).bind(3, tx.now);
  s.run();
  EffectOf<action::SetFeedbackAdvice> e;
  e.place = about(f.run);
  e.payload = {a.run_uuid, a.text};
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
  for (const auto& a : actions) {
    last = apply(a, actor);
    if (!last.ok) {
      end_bulk(false);
      return last;
    }
  }
  if (std::string err = end_bulk(true); !err.empty()) {
    ApplyResult failed;
    failed.error = err;
    failed.not_written = true;
    return failed;
  }
  last.ok = true;
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
