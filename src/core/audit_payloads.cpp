// SPDX-License-Identifier: EUPL-1.2
#include "core/audit_payloads.h"

#include "core/text.h"
#include "core/title.h"

#include <nlohmann/json.hpp>

#include <type_traits>

namespace jurymn {

using nlohmann::json;

PayloadError::PayloadError(std::string pointer, const std::string& message)
    : std::runtime_error(pointer.empty() ? message : guillemets(pointer) + "\u00A0: " + message),
      pointer_(std::move(pointer)) {}

AuditAction timer_audit_action(TimerEventKind kind) {
  switch (kind) {
    case TimerEventKind::Start: return AuditAction::StartStage;
    case TimerEventKind::Pause: return AuditAction::PauseStage;
    case TimerEventKind::Resume: return AuditAction::ResumeStage;
    case TimerEventKind::Extend: return AuditAction::ExtendStage;
    case TimerEventKind::End: return AuditAction::EndStage;
    case TimerEventKind::Next: return AuditAction::NextStage;
  }
  return AuditAction::TimerEvent;
}

namespace {

std::string type_word(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "un objet";
    case json::value_t::array: return "une liste";
    case json::value_t::string: return "un texte";
    case json::value_t::boolean: return "un booléen";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "un entier";
    case json::value_t::number_float: return "un nombre décimal";
    default: return "une valeur illisible";
  }
}

// Reads the members of one JSON object; every error names its key.
class Fields {
public:
  Fields(const json& obj, std::string at) : obj_(obj), at_(std::move(at)) {
    if (!obj_.is_object()) throw PayloadError(at_, "un objet attendu, trouvé " + type_word(obj_));
  }

  std::string pointer(std::string_view key) const { return at_ + "/" + std::string(key); }
  bool has(const char* key) const { return obj_.contains(key); }

  const json& member(const char* key) const {
    auto it = obj_.find(key);
    if (it == obj_.end()) throw PayloadError(pointer(key), "clé absente");
    return *it;
  }

  [[noreturn]] void wrong(const char* key, std::string_view expected) const {
    throw PayloadError(pointer(key), std::string(expected) + " attendu, trouvé " + type_word(member(key)));
  }

  std::string text(const char* key) const {
    const json& v = member(key);
    if (!v.is_string()) wrong(key, "un texte");
    return v.get<std::string>();
  }
  std::string text_or_empty(const char* key) const { return has(key) ? text(key) : std::string(); }

  bool flag(const char* key) const {
    const json& v = member(key);
    if (!v.is_boolean()) wrong(key, "un booléen");
    return v.get<bool>();
  }

  std::int64_t integer(const char* key) const {
    const json& v = member(key);
    if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
    if (v.is_number_unsigned() && v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
      return static_cast<std::int64_t>(v.get<std::uint64_t>());
    wrong(key, "un entier");
  }

  std::int64_t count(const char* key) const {
    const std::int64_t n = integer(key);
    if (n < 0) throw PayloadError(pointer(key), "un entier positif ou nul attendu, trouvé " + std::to_string(n));
    return n;
  }

  // A stable id read back into its enum by `from_id`.
  template <class E>
  E id(const char* key, std::optional<E> (*from_id)(std::string_view)) const {
    const std::string s = text(key);
    if (auto e = from_id(s)) return *e;
    throw PayloadError(pointer(key), "valeur inconnue " + guillemets(s));
  }

  Fields object(const char* key) const { return Fields(member(key), pointer(key)); }

  const json& array(const char* key) const {
    const json& v = member(key);
    if (!v.is_array()) wrong(key, "une liste");
    return v;
  }

private:
  const json& obj_;
  std::string at_;
};

// ---- CCPs: the one place a payload's CCP is written and read ----

std::optional<CcpId> ccp_from_text(std::string_view s) {
  if (!is_ccp_id(s)) return std::nullopt;
  return CcpId(s);
}
json ccp_json(const CcpId& c) { return c; }
CcpId read_ccp(const Fields& f, const char* key) { return f.id(key, &ccp_from_text); }
json ccp_set_json(const CcpSet& s) { return to_id(s); }
CcpSet read_ccp_set(const Fields& f, const char* key) { return f.id(key, &ccp_set_from_id); }

// ---- shared parts ----

json sheets_json(const SessionSheetTitles& t) { return t; }

SessionSheetTitles read_sheets(const Fields& f, const char* key) {
  const json& a = f.array(key);
  // How many the title fixes is the rules' to check; here, a sane list.
  if (a.size() > kMaxSessionSheets)
    throw PayloadError(f.pointer(key), "au plus " + std::to_string(kMaxSessionSheets) + " titres attendus, trouvé " +
                                           std::to_string(a.size()));
  SessionSheetTitles t(a.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!a[i].is_string())
      throw PayloadError(f.pointer(key) + "/" + std::to_string(i), "un texte attendu, trouvé " + type_word(a[i]));
    t[i] = a[i].get<std::string>();
  }
  return t;
}

void put(json& j, const payload::SessionFields& s) {
  j["title"] = s.title;
  j["date"] = s.date;
  j["exam_centre"] = s.exam_centre;
  j["kind"] = to_id(s.kind);
  j["ccps"] = ccp_set_json(s.ccps);
}

payload::SessionFields read_session(const Fields& f) {
  return {f.text("title"), f.text("date"), f.text("exam_centre"), f.id("kind", &session_kind_from_id),
          read_ccp_set(f, "ccps")};
}

void put(json& j, const payload::CandidateFields& c) {
  j["number"] = c.number;
  j["last_name"] = c.last_name;
  j["first_name"] = c.first_name;
  j["ccps"] = ccp_set_json(c.ccps);
  if (c.legacy_equivalence_flag)
    j[std::string(kLegacyEquivalenceKey)] = c.by_equivalence.has(kLegacyEquivalenceCcp);
  else
    j["by_equivalence"] = ccp_set_json(c.by_equivalence);
  j["sheets"] = sheets_json(c.sheets);
}

json candidate_json(const payload::CandidateFields& c) {
  json j = json::object();
  put(j, c);
  return j;
}

payload::CandidateFields read_candidate(const Fields& f) {
  payload::CandidateFields c{f.text("number"), f.text("last_name"), f.text("first_name"), read_ccp_set(f, "ccps"),
                             {},            read_sheets(f, "sheets")};
  if (f.has("by_equivalence")) {
    c.by_equivalence = read_ccp_set(f, "by_equivalence");
  } else {
    // Before titles were data, the one equivalence was the REMN's CCP1.
    c.legacy_equivalence_flag = true;
    if (f.flag(std::string(kLegacyEquivalenceKey).c_str())) c.by_equivalence = {std::string(kLegacyEquivalenceCcp)};
  }
  return c;
}

// ---- one to_json and one from_json per payload ----

json to_json(const payload::CreateSession& p) {
  json j = json::object();
  put(j, p.session);
  j["uuid"] = p.uuid;
  return j;
}
payload::CreateSession create_session(const Fields& f) { return {f.text("uuid"), read_session(f)}; }

json to_json(const payload::EditSession& p) {
  json j = json::object();
  put(j, p.session);
  j["uuid"] = p.uuid;
  j["before"] = {{"title", p.before.title},
                 {"date", p.before.date},
                 {"exam_centre", p.before.exam_centre},
                 {"ccps", ccp_set_json(p.before.ccps)}};
  return j;
}
payload::EditSession edit_session(const Fields& f) {
  const Fields b = f.object("before");
  return {f.text("uuid"), read_session(f),
          {b.text("title"), b.text("date"), b.text("exam_centre"), read_ccp_set(b, "ccps")}};
}

json pin_json(const MemberPin& p) {
  return {{"salt", p.salt}, {"public_key", p.public_key}, {"ops", p.cost.ops}, {"mem", p.cost.mem}};
}
MemberPin read_pin(const Fields& f, const char* key) {
  const Fields p = f.object(key);
  MemberPin pin{p.text("salt"), p.text("public_key"),
                {static_cast<std::uint64_t>(p.count("ops")), static_cast<std::uint64_t>(p.count("mem"))}};
  if (std::string why = member_pin_problem(pin); !why.empty()) throw PayloadError(f.pointer(key), why);
  return pin;
}

json to_json(const payload::AddJuryMember& p) {
  json j = {{"uuid", p.uuid}, {"name", p.name}, {"role", to_id(p.role)}};
  if (p.pin) j["pin"] = pin_json(*p.pin);
  if (p.feminine) j["feminine"] = true;
  return j;
}
payload::AddJuryMember add_jury_member(const Fields& f) {
  payload::AddJuryMember p{f.text("uuid"), f.text("name"), f.id("role", &jury_role_from_id), {},
                           f.has("feminine") && f.flag("feminine")};
  if (f.has("pin")) p.pin = read_pin(f, "pin");
  return p;
}

json to_json(const payload::ResetMemberPin& p) {
  return {{"uuid", p.uuid},       {"name", p.name},          {"by", p.by},
          {"by_name", p.by_name}, {"pin", pin_json(p.pin)}, {"signature", p.signature}};
}
payload::ResetMemberPin reset_member_pin(const Fields& f) {
  return {f.text("uuid"), f.text("name"), f.text("by"), f.text("by_name"), read_pin(f, "pin"), f.text("signature")};
}

json to_json(const payload::RemoveJuryMember& p) { return {{"uuid", p.uuid}, {"name", p.name}}; }
payload::RemoveJuryMember remove_jury_member(const Fields& f) { return {f.text("uuid"), f.text("name")}; }

json to_json(const payload::AddCandidate& p) {
  json j = candidate_json(p.candidate);
  j["uuid"] = p.uuid;
  return j;
}
payload::AddCandidate add_candidate(const Fields& f) { return {f.text("uuid"), read_candidate(f)}; }

json to_json(const payload::EditCandidate& p) {
  return {{"uuid", p.uuid}, {"before", candidate_json(p.before)}, {"after", candidate_json(p.after)}};
}
payload::EditCandidate edit_candidate(const Fields& f) {
  return {f.text("uuid"), read_candidate(f.object("before")), read_candidate(f.object("after"))};
}

json to_json(const payload::SetAttendance& p) {
  return {{"uuid", p.uuid}, {"before", to_id(p.before)}, {"after", to_id(p.after)}};
}
payload::SetAttendance set_attendance(const Fields& f) {
  return {f.text("uuid"), f.id("before", &attendance_from_id), f.id("after", &attendance_from_id)};
}

json to_json(const payload::ImportCandidates& p) {
  json rows = json::array();
  for (const auto& c : p.candidates) {
    json j = candidate_json(c.candidate);
    j["uuid"] = c.uuid;
    rows.push_back(std::move(j));
  }
  return {{"source", p.source}, {"count", p.count}, {"candidates", std::move(rows)}};
}
payload::ImportCandidates import_candidates(const Fields& f) {
  payload::ImportCandidates p{f.text("source"), static_cast<std::uint64_t>(f.count("count")), {}};
  const json& rows = f.array("candidates");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Fields c(rows[i], f.pointer("candidates") + "/" + std::to_string(i));
    p.candidates.push_back({c.text("uuid"), read_candidate(c)});
  }
  return p;
}

json to_json(const payload::StartExam& p) {
  json j = {{"run", p.run},
            {"candidate", p.candidate},
            {"ccp", ccp_json(p.ccp)},
            {"plan", p.plan.id},
            {"plan_version", p.plan.version},
            {"attendance_before", to_id(p.attendance_before)}};
  if (p.grid) {
    j["grid"] = p.grid->id;
    j["grid_version"] = p.grid->version;
  }
  if (p.rules != 1) j["rules"] = p.rules;
  return j;
}
payload::StartExam start_exam(const Fields& f) {
  payload::StartExam p{f.text("run"), f.text("candidate"), read_ccp(f, "ccp"), {f.text("plan"), f.text("plan_version")},
                       std::nullopt, f.id("attendance_before", &attendance_from_id)};
  if (f.has("grid") || f.has("grid_version")) p.grid = payload::StartExam::Version{f.text("grid"), f.text("grid_version")};
  if (f.has("rules")) {
    const std::int64_t rules = f.integer("rules");
    if (rules < 1 || rules > 1000) throw PayloadError(f.pointer("rules"), "un numéro de règles de 1 à 1000 attendu");
    p.rules = static_cast<int>(rules);
  }
  return p;
}

json to_json(const payload::TimerEvent& p) {
  json j = {{"run", p.run}, {"event", to_id(p.event)}, {"stage", p.stage}};
  if (p.amount_ms) j["amount_ms"] = p.amount_ms;
  if (!p.reason.empty()) j["reason"] = p.reason;
  if (p.pressed_at) j["pressed_at"] = p.pressed_at;
  return j;
}
payload::TimerEvent timer_event(const Fields& f) {
  return {f.text("run"), f.id("event", &timer_event_kind_from_id), f.text("stage"),
          f.has("amount_ms") ? f.integer("amount_ms") : 0, f.text_or_empty("reason"),
          f.has("pressed_at") ? f.integer("pressed_at") : 0};
}

json to_json(const payload::SheetDraw& p) {
  json j = {{"run", p.run},
            {"titles", sheets_json(p.titles)},
            {"chosen", p.chosen},
            {"chosen_title", p.chosen_title},
            {"method", to_id(p.method)}};
  if (!p.reason.empty()) j["reason"] = p.reason;
  return j;
}
payload::SheetDraw sheet_draw(const Fields& f) {
  const std::int64_t chosen = f.integer("chosen");
  SessionSheetTitles titles = read_sheets(f, "titles");
  if (chosen < 0 || chosen >= static_cast<std::int64_t>(titles.size()))
    throw PayloadError(f.pointer("chosen"), "un numéro de fiche de 0 à " + std::to_string(titles.size() - 1) +
                                                " attendu, trouvé " + std::to_string(chosen));
  return {f.text("run"), std::move(titles), static_cast<int>(chosen), f.text("chosen_title"),
          f.id("method", &draw_method_from_id), f.text_or_empty("reason")};
}

json to_json(const payload::RecordMark& p) {
  return {{"run", p.run},           {"member", p.member}, {"member_name", p.member_name},
          {"criterion", p.criterion}, {"level", p.level},   {"before", p.before}};
}
payload::RecordMark record_mark(const Fields& f) {
  return {f.text("run"),   f.text("member"), f.text("member_name"),
          f.text("criterion"), f.text("level"),  f.text("before")};
}

json to_json(const payload::SetObservation& p) {
  return {{"run", p.run},
          {"member", p.member},
          {"member_name", p.member_name},
          {"competency", p.competency},
          {"text", p.text}};
}
payload::SetObservation set_observation(const Fields& f) {
  return {f.text("run"), f.text("member"), f.text("member_name"), f.text("competency"), f.text("text")};
}

json to_json(const payload::DecideCompetency& p) {
  json j = {{"run", p.run}, {"competency", p.competency}, {"status", to_id(p.status)}, {"before", to_id(p.before)}};
  if (p.cleared != CcpOutcome::Undecided) j["cleared"] = to_id(p.cleared);
  if (!p.reason.empty()) j["reason"] = p.reason;
  return j;
}
payload::DecideCompetency decide_competency(const Fields& f) {
  return {f.text("run"), f.text("competency"), f.id("status", &competency_status_from_id),
          f.id("before", &competency_status_from_id),
          f.has("cleared") ? f.id("cleared", &ccp_outcome_from_id) : CcpOutcome::Undecided, f.text_or_empty("reason")};
}

json to_json(const payload::DecideCcp& p) {
  json competencies = json::object();
  for (const auto& [id, status] : p.competencies) competencies[id] = to_id(status);
  return {{"run", p.run},
          {"proposed", to_id(p.proposed)},
          {"decided", to_id(p.decided)},
          {"justification", p.justification},
          {"competencies", std::move(competencies)},
          {"before", to_id(p.before)}};
}
payload::DecideCcp decide_ccp(const Fields& f) {
  payload::DecideCcp p{f.text("run"), f.id("proposed", &ccp_outcome_from_id), f.id("decided", &ccp_outcome_from_id),
                       f.text("justification"), {}, f.id("before", &ccp_outcome_from_id)};
  const Fields c = f.object("competencies");
  for (const auto& [id, status] : f.member("competencies").items())
    p.competencies[id] = c.id(id.c_str(), &competency_status_from_id);
  return p;
}

json to_json(const payload::ConfirmDecision& p) {
  json j = {{"run", p.run},
          {"member", p.member},
          {"member_name", p.member_name},
          {"decided", to_id(p.decided)},
          {"locked", p.locked}};
  if (!p.signature.empty()) j["signature"] = p.signature;
  return j;
}
payload::ConfirmDecision confirm_decision(const Fields& f) {
  return {f.text("run"), f.text("member"), f.text("member_name"), f.id("decided", &ccp_outcome_from_id),
          f.flag("locked"), f.text_or_empty("signature")};
}

json to_json(const payload::ReopenDecision& p) {
  json j = {{"run", p.run}, {"reason", p.reason}, {"decided", to_id(p.decided)}, {"locked_at", p.locked_at}};
  if (!p.member.empty()) j["member"] = p.member;
  if (!p.member_name.empty()) j["member_name"] = p.member_name;
  if (!p.signed_by.empty()) j["signed_by"] = p.signed_by;
  if (!p.signature.empty()) j["signature"] = p.signature;
  return j;
}
payload::ReopenDecision reopen_decision(const Fields& f) {
  return {f.text("run"),          f.text("reason"),
          f.text_or_empty("member"), f.text_or_empty("member_name"),
          f.id("decided", &ccp_outcome_from_id), f.integer("locked_at"),
          f.text_or_empty("signed_by"), f.text_or_empty("signature")};
}

json to_json(const payload::SetFeedback& p) {
  return {{"run", p.run}, {"competency", p.competency}, {"strengths", p.strengths}, {"improvements", p.improvements}};
}
payload::SetFeedback set_feedback(const Fields& f) {
  return {f.text("run"), f.text("competency"), f.text("strengths"), f.text("improvements")};
}

json to_json(const payload::SetFeedbackAdvice& p) { return {{"run", p.run}, {"advice", p.advice}}; }
payload::SetFeedbackAdvice set_feedback_advice(const Fields& f) { return {f.text("run"), f.text("advice")}; }

json to_json(const payload::MergeBundle& p) {
  json conflicts = json::array();
  for (const auto& c : p.conflicts)
    conflicts.push_back(
        {{"candidate", c.candidate}, {"ccp", ccp_json(c.ccp)}, {"held", to_id(c.held)}, {"bundle", to_id(c.bundle)}});
  json j = {{"digest", p.digest},
          {"source", p.source},
          {"session", p.session},
          {"key_fingerprint", p.key_fingerprint},
          {"exported_at", p.exported_at},
          {"audit_digest", p.audit_digest},
          {"candidates_added", p.candidates_added},
          {"runs_added", p.runs_added},
          {"marks_added", p.marks_added},
          {"marks_updated", p.marks_updated},
          {"decisions_added", p.decisions_added},
          {"conflicts", std::move(conflicts)}};
  // Added keys only when used: entries written before stay as they were.
  if (!p.supersedes.empty()) {
    j["supersedes"] = p.supersedes;
    j["entries_after"] = p.entries_after;
  }
  if (!p.redecided.empty()) {
    json r = json::array();
    for (const auto& d : p.redecided)
      r.push_back({{"candidate", d.candidate}, {"ccp", ccp_json(d.ccp)}, {"before", to_id(d.before)},
                   {"after", to_id(d.after)}});
    j["redecided"] = std::move(r);
  }
  if (!p.unproven.empty()) j["unproven"] = p.unproven;
  return j;
}
payload::MergeBundle merge_bundle(const Fields& f) {
  payload::MergeBundle p{f.text("digest"),          f.text("source"),           f.text("session"),
                         f.text("key_fingerprint"), f.integer("exported_at"),   f.text("audit_digest"),
                         f.count("candidates_added"), f.count("runs_added"),    f.count("marks_added"),
                         f.count("marks_updated"),  f.count("decisions_added"), {}};
  const json& conflicts = f.array("conflicts");
  for (std::size_t i = 0; i < conflicts.size(); ++i) {
    const Fields c(conflicts[i], f.pointer("conflicts") + "/" + std::to_string(i));
    p.conflicts.push_back({c.text("candidate"), read_ccp(c, "ccp"), c.id("held", &ccp_outcome_from_id),
                           c.id("bundle", &ccp_outcome_from_id)});
  }
  if (f.has("supersedes")) {
    p.supersedes = f.text("supersedes");
    p.entries_after = f.count("entries_after");
  }
  if (f.has("redecided")) {
    const json& r = f.array("redecided");
    for (std::size_t i = 0; i < r.size(); ++i) {
      const Fields d(r[i], f.pointer("redecided") + "/" + std::to_string(i));
      p.redecided.push_back({d.text("candidate"), read_ccp(d, "ccp"), d.id("before", &ccp_outcome_from_id),
                             d.id("after", &ccp_outcome_from_id)});
    }
  }
  if (f.has("unproven")) {
    const json& u = f.array("unproven");
    for (std::size_t i = 0; i < u.size(); ++i) {
      if (!u[i].is_string())
        throw PayloadError(f.pointer("unproven") + "/" + std::to_string(i), "un texte attendu, trouvé " + type_word(u[i]));
      p.unproven.push_back(u[i].get<std::string>());
    }
  }
  return p;
}

json to_json(const payload::TrustKey& p) {
  json j = {{"fingerprint", p.fingerprint},
            {"name", p.name},
            {"enrolled_by", p.enrolled_by},
            {"source", p.source},
            {"checked_by_phone", p.checked_by_phone}};
  if (!p.again.empty()) j["again"] = p.again;
  return j;
}
payload::TrustKey trust_key(const Fields& f) {
  payload::TrustKey p{f.text("fingerprint"), f.text("name"), f.text("enrolled_by"), f.text("source"),
                      f.flag("checked_by_phone")};
  if (f.has("again")) p.again = f.text("again");
  return p;
}

json to_json(const payload::RevokeKey& p) {
  return {{"fingerprint", p.fingerprint}, {"name", p.name}, {"revoked_by", p.revoked_by}};
}
payload::RevokeKey revoke_key(const Fields& f) { return {f.text("fingerprint"), f.text("name"), f.text("revoked_by")}; }

json to_json(const payload::ConfirmSessionKey& p) {
  return {{"fingerprint", p.fingerprint}, {"name", p.name}, {"session", p.session}, {"confirmed_by", p.confirmed_by}};
}
payload::ConfirmSessionKey confirm_session_key(const Fields& f) {
  return {f.text("fingerprint"), f.text("name"), f.text("session"), f.text("confirmed_by")};
}

json to_json(const payload::CheckPvCode& p) {
  return {{"code", p.code},
          {"head", p.head},
          {"key_fingerprint", p.key_fingerprint},
          {"entry", p.entry},
          {"entries_after", p.entries_after},
          {"checked_by", p.checked_by}};
}
payload::CheckPvCode check_pv_code(const Fields& f) {
  return {f.text("code"), f.text("head"), f.text("key_fingerprint"), f.count("entry"), f.count("entries_after"),
          f.text("checked_by")};
}

json to_json(const payload::RecordInterruption& p) {
  return {{"run", p.run}, {"from_ms", p.from_ms}, {"to_ms", p.to_ms}, {"cause", interruption_cause_id(p.cause)}};
}
payload::RecordInterruption record_interruption(const Fields& f) {
  return {f.text("run"), f.integer("from_ms"), f.integer("to_ms"), f.id("cause", &interruption_cause_from_id)};
}

json to_json(const payload::ChainAuditTrail& p) {
  return {{"entries", p.entries}, {"head", p.head}, {"schema_version", p.schema_version}};
}
payload::ChainAuditTrail chain_audit_trail(const Fields& f) {
  return {f.count("entries"), f.text("head"), static_cast<int>(f.count("schema_version"))};
}

json to_json(const payload::DeclareRules& p) { return {{"rules", p.rules}}; }
payload::DeclareRules declare_rules(const Fields& f) {
  const std::int64_t rules = f.count("rules");
  // Read as written: a number too large for an int must not wrap to a known version.
  if (rules > 1'000'000) throw PayloadError(f.pointer("rules"), "une version des règles attendue, trouvé " + std::to_string(rules));
  return {static_cast<int>(rules)};
}

}  // namespace

std::string payload_text(const AuditPayload& p) {
  return std::visit([](const auto& x) { return to_json(x).dump(); }, p);
}

AuditPayload read_payload(AuditAction action, std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw PayloadError("", "ce n’est pas du JSON");
  const Fields f(doc, "");
  switch (action) {
    case AuditAction::CreateSession: return create_session(f);
    case AuditAction::EditSession: return edit_session(f);
    case AuditAction::AddJuryMember: return add_jury_member(f);
    case AuditAction::RemoveJuryMember: return remove_jury_member(f);
    case AuditAction::AddCandidate: return add_candidate(f);
    case AuditAction::EditCandidate: return edit_candidate(f);
    case AuditAction::SetAttendance: return set_attendance(f);
    case AuditAction::ImportCandidates: return import_candidates(f);
    case AuditAction::StartExam: return start_exam(f);
    case AuditAction::StartStage:
    case AuditAction::PauseStage:
    case AuditAction::ResumeStage:
    case AuditAction::ExtendStage:
    case AuditAction::EndStage:
    case AuditAction::NextStage:
    case AuditAction::TimerEvent: return timer_event(f);
    case AuditAction::DrawSheet:
    case AuditAction::ChooseSheet: return sheet_draw(f);
    case AuditAction::RecordMark: return record_mark(f);
    case AuditAction::SetObservation: return set_observation(f);
    case AuditAction::DecideCompetency: return decide_competency(f);
    case AuditAction::DecideCcp: return decide_ccp(f);
    case AuditAction::ConfirmDecision: return confirm_decision(f);
    case AuditAction::ReopenDecision: return reopen_decision(f);
    case AuditAction::SetFeedback: return set_feedback(f);
    case AuditAction::SetFeedbackAdvice: return set_feedback_advice(f);
    case AuditAction::MergeBundle: return merge_bundle(f);
    case AuditAction::RecordInterruption: return record_interruption(f);
    case AuditAction::ResetMemberPin: return reset_member_pin(f);
    case AuditAction::TrustKey: return trust_key(f);
    case AuditAction::RevokeKey: return revoke_key(f);
    case AuditAction::CheckPvCode: return check_pv_code(f);
    case AuditAction::ChainAuditTrail: return chain_audit_trail(f);
    case AuditAction::DeclareRules: return declare_rules(f);
    case AuditAction::ConfirmSessionKey: return confirm_session_key(f);
  }
  throw PayloadError("", "action inconnue");
}

std::string audit_author(AuditAction action, const AuditPayload& p) {
  std::string name;
  std::visit(
      [&](const auto& q) {
        if constexpr (requires { q.member_name; }) name = q.member_name;
      },
      p);
  if (!name.empty()) return name;
  if (kAuditActions[static_cast<std::size_t>(action)].by_jury) return std::string(kJuryAuthor);
  return {};
}

}  // namespace jurymn
