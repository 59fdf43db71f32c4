#include "io/results_json.h"

#include <algorithm>
#include <ctime>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/stage_timer.h"
#include "io/json_strict.h"
#include "io/signing.h"

namespace jurymn {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

namespace {

ojson opt_time(const std::optional<TimeMs>& t) { return t ? ojson(*t) : ojson(nullptr); }

const ExamPlan* find_plan(const std::vector<ExamPlan>& plans, const RunRecord& r) {
  for (const auto& p : plans)
    if (p.id == r.plan_id && p.version == r.plan_version) return &p;
  return nullptr;
}

ojson run_json(const RunRecord& r, const std::vector<ExamPlan>& plans, TimeMs now) {
  ojson run;
  run["uuid"] = r.uuid;
  run["candidate"] = r.candidate_uuid;
  run["ccp"] = to_id(r.ccp);
  run["plan"] = {{"id", r.plan_id}, {"version", r.plan_version}};
  run["grid"] = {{"id", r.grid_id}, {"version", r.grid_version}};
  run["started_at"] = r.started_at;
  run["finished_at"] = opt_time(r.finished_at);
  ojson events = ojson::array();
  for (const auto& e : r.events)
    events.push_back({{"kind", to_id(e.kind)}, {"stage", e.stage_id}, {"at", e.at}, {"amount_ms", e.amount},
                      {"reason", e.reason}});
  run["events"] = std::move(events);
  // Derived from the events under the run's plan, for readers who do not
  // replay events; absent when the plan is unknown here.
  ojson stages = ojson::array();
  if (const ExamPlan* plan = find_plan(plans, r)) {
    StageTimer timer(*plan, r.events);
    TimerStatus st = timer.status(r.finished_at.value_or(now));
    for (std::size_t i = 0; i < st.stages.size(); ++i) {
      const StageRecord& s = st.stages[i];
      ojson stage{{"id", s.stage_id},
                  {"label", plan->stages[i].label},
                  {"planned_ms", plan->stages[i].duration_ms},
                  {"started_at", s.started ? ojson(s.started_at) : ojson(nullptr)},
                  {"ended_at", opt_time(s.ended_at)},
                  {"elapsed_ms", s.elapsed_ms},
                  {"paused_ms", s.paused_ms},
                  {"extension_ms", s.extension_ms},
                  {"overrun_ms", s.overrun_ms}};
      stages.push_back(std::move(stage));
    }
  }
  run["stages"] = std::move(stages);
  ojson draws = ojson::array();
  for (const auto& d : r.draws)
    draws.push_back({{"titles", {d.titles[0], d.titles[1], d.titles[2]}},
                     {"chosen", d.chosen},
                     {"method", to_id(d.method)},
                     {"reason", d.reason},
                     {"at", d.at}});
  run["draws"] = std::move(draws);
  ojson marks = ojson::array();
  for (const auto& m : r.marks)
    marks.push_back({{"member", m.member_uuid}, {"criterion", m.criterion_id}, {"level", m.level_id}, {"at", m.at}});
  run["marks"] = std::move(marks);
  ojson observations = ojson::array();
  for (const auto& o : r.observations)
    observations.push_back(
        {{"member", o.member_uuid}, {"competency", o.competency_id}, {"text", o.text}, {"at", o.at}});
  run["observations"] = std::move(observations);
  ojson competencies = ojson::array();
  for (const auto& c : r.competency_decisions)
    competencies.push_back({{"competency", c.competency_id}, {"status", to_id(c.status)}, {"at", c.at}});
  run["competency_decisions"] = std::move(competencies);
  const CcpDecisionRecord& d = r.decision;
  ojson reopenings = ojson::array();
  for (const auto& ro : d.reopenings) reopenings.push_back({{"at", ro.at}, {"actor", ro.actor}, {"reason", ro.reason}});
  run["decision"] = {{"proposed", to_id(d.proposed)},
                     {"decided", to_id(d.decided)},
                     {"justification", d.justification},
                     {"confirmed_by", d.confirmed_by},
                     {"decided_at", opt_time(d.decided_at)},
                     {"locked_at", opt_time(d.locked_at)},
                     {"reopenings", std::move(reopenings)}};
  return run;
}

}  // namespace

std::string results_json(const ResultsBundle& b, const std::vector<ExamPlan>& plans) {
  const SessionSnapshot& s = b.snapshot;
  ojson doc;
  doc["format"] = kResultsFormat;
  doc["format_version"] = kResultsFormatVersion;
  doc["app_version"] = b.app_version;
  doc["exported_at"] = b.exported_at;
  doc["key_fingerprint"] = b.key_fingerprint;
  doc["session"] = {{"uuid", s.session.uuid},
                    {"title", s.session.title},
                    {"date", s.session.date},
                    {"exam_centre", s.session.exam_centre},
                    {"kind", to_id(s.session.kind)},
                    {"ccps", to_id(s.session.ccps)},
                    {"created_at", s.session.created_at}};
  ojson jury = ojson::array();
  for (const auto& m : s.jury) jury.push_back({{"uuid", m.uuid}, {"name", m.name}, {"role", to_id(m.role)}});
  doc["jury"] = std::move(jury);
  ojson candidates = ojson::array();
  for (const auto& c : s.candidates)
    candidates.push_back({{"uuid", c.uuid},
                          {"number", c.data.number},
                          {"last_name", c.data.last_name},
                          {"first_name", c.data.first_name},
                          {"ccps", to_id(c.data.ccps)},
                          {"ccp1_by_equivalence", c.data.ccp1_by_equivalence},
                          {"sheets", {c.data.sheets[0], c.data.sheets[1], c.data.sheets[2]}},
                          {"attendance", to_id(c.attendance)}});
  doc["candidates"] = std::move(candidates);
  ojson runs = ojson::array();
  for (const auto& r : s.runs) runs.push_back(run_json(r, plans, b.exported_at));
  doc["runs"] = std::move(runs);
  doc["audit"] = {{"entries", b.audit.entries}, {"last_at", b.audit.last_at}, {"digest", b.audit.digest}};
  ojson files = ojson::object();
  for (const auto& [name, digest] : b.files) files[name] = {{"sha256", digest}};
  doc["files"] = std::move(files);
  return doc.dump(2, ' ', false) + "\n";
}

AuditHead audit_head(const std::vector<AuditRecord>& entries) {
  // One line per entry; payloads are JSON without raw line breaks.
  std::string canonical;
  for (const auto& e : entries)
    canonical += std::to_string(e.id) + "\t" + std::to_string(e.at_ms) + "\t" + e.actor + "\t" + e.action + "\t" +
                 e.candidate_uuid + "\t" + e.payload + "\n";
  AuditHead h;
  h.entries = static_cast<std::int64_t>(entries.size());
  h.last_at = entries.empty() ? 0 : entries.back().at_ms;
  h.digest = sha256_hex(canonical);
  return h;
}

// ------------------------------------------------------------------ reading

namespace {

using namespace json_strict;

class BundleReader : public Reader {
public:
  using Reader::Reader;

  std::int64_t integer(const json& obj, const std::string& at, std::string_view key, bool nonnegative = true) {
    auto it = obj.find(key);
    if (it == obj.end()) return 0;
    const std::string here = at + "/" + std::string(key);
    if (!it->is_number_integer()) {
      problem(here, "doit être un nombre entier, pas " + type_name(*it) + ".");
      return 0;
    }
    std::int64_t v = it->get<std::int64_t>();
    if (nonnegative && v < 0) problem(here, "ne peut pas être négatif.");
    return v;
  }

  std::optional<TimeMs> optional_time(const json& obj, const std::string& at, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    return integer(obj, at, key);
  }

  template <class T>
  T id_of(const json& obj, const std::string& at, std::string_view key, std::optional<T> (*from)(std::string_view),
          T fallback, std::string_view allowed) {
    const std::string v = text(obj, at, key);
    if (!obj.contains(key) || !obj.find(key)->is_string()) return fallback;
    auto parsed = from(v);
    if (!parsed) {
      problem(at + "/" + std::string(key), "valeur inconnue " + guillemets(v) + "\u00A0; valeurs possibles\u00A0: " +
                                               std::string(allowed) + ".");
      return fallback;
    }
    return *parsed;
  }

  template <class Read>
  void each(const json& obj, const std::string& at, std::string_view key, Read read) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    const std::string here = at + "/" + std::string(key);
    if (!it->is_array()) {
      problem(here, "doit être une liste [ … ], pas " + type_name(*it) + ".");
      return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) read((*it)[i], here + "/" + std::to_string(i));
  }

  // A uuid that must name something listed earlier in the file.
  std::string reference(const json& obj, const std::string& at, std::string_view key, const std::set<std::string>& known,
                        const char* what) {
    std::string v = text(obj, at, key);
    if (obj.contains(key) && obj.find(key)->is_string() && !known.count(v))
      problem(at + "/" + std::string(key), guillemets(v) + " ne désigne aucun " + what + " de ce fichier.");
    return v;
  }

  std::string hex_digest(const json& obj, const std::string& at, std::string_view key) {
    std::string v = text(obj, at, key);
    const bool ok = v.size() == 64 && std::all_of(v.begin(), v.end(), [](char c) {
                      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                    });
    if (obj.contains(key) && obj.find(key)->is_string() && !ok)
      problem(at + "/" + std::string(key), "doit être une empreinte SHA-256 (64 chiffres hexadécimaux minuscules).");
    return v;
  }

  void session(const json& obj, const std::string& at, SessionRecord& s) {
    if (!fields(obj, at, {"uuid", "title", "date", "exam_centre", "kind", "ccps", "created_at"},
                {"uuid", "title", "date", "exam_centre", "kind", "ccps", "created_at"}))
      return;
    s.uuid = text(obj, at, "uuid");
    if (s.uuid.empty() && obj.contains("uuid")) problem(at + "/uuid", "ne peut pas être vide.");
    s.title = text(obj, at, "title");
    s.date = text(obj, at, "date");
    if (obj.contains("date") && !is_iso_date(s.date)) problem(at + "/date", "doit être une date AAAA-MM-JJ.");
    s.exam_centre = text(obj, at, "exam_centre");
    s.kind = id_of<SessionKind>(obj, at, "kind", session_kind_from_id, SessionKind::Official, "official, rehearsal");
    s.ccps = id_of<CcpSet>(obj, at, "ccps", ccp_set_from_id, CcpSet{}, "CCP1, CCP2, CCP1,CCP2");
    s.created_at = integer(obj, at, "created_at");
  }

  void run(const json& obj, const std::string& at, RunRecord& r, const std::set<std::string>& candidates,
           const std::set<std::string>& members) {
    if (!fields(obj, at,
                {"uuid", "candidate", "ccp", "plan", "grid", "started_at", "finished_at", "events", "stages", "draws",
                 "marks", "observations", "competency_decisions", "decision"},
                {"uuid", "candidate", "ccp", "plan", "grid", "started_at", "finished_at", "events", "draws", "marks",
                 "observations", "competency_decisions", "decision"}))
      return;
    r.uuid = text(obj, at, "uuid");
    r.candidate_uuid = reference(obj, at, "candidate", candidates, "candidat");
    r.ccp = id_of<Ccp>(obj, at, "ccp", ccp_from_id, Ccp::Ccp1, "CCP1, CCP2");
    for (const char* key : {"plan", "grid"}) {
      auto it = obj.find(key);
      if (it == obj.end()) continue;
      const std::string here = at + "/" + key;
      if (!fields(*it, here, {"id", "version"}, {"id", "version"})) continue;
      (std::string_view(key) == "plan" ? r.plan_id : r.grid_id) = text(*it, here, "id");
      (std::string_view(key) == "plan" ? r.plan_version : r.grid_version) = text(*it, here, "version");
    }
    r.started_at = integer(obj, at, "started_at");
    r.finished_at = optional_time(obj, at, "finished_at");
    each(obj, at, "events", [&](const json& e, const std::string& here) {
      if (!fields(e, here, {"kind", "stage", "at", "amount_ms", "reason"}, {"kind", "stage", "at", "amount_ms", "reason"}))
        return;
      TimerEvent ev;
      ev.kind = id_of<TimerEventKind>(e, here, "kind", timer_event_kind_from_id, TimerEventKind::Start,
                                      "start, pause, resume, extend, end, next");
      ev.stage_id = text(e, here, "stage");
      ev.at = integer(e, here, "at");
      ev.amount = integer(e, here, "amount_ms");
      ev.reason = text(e, here, "reason");
      r.events.push_back(std::move(ev));
    });
    // "stages" is derived from the events; its shape is left to the schema.
    if (auto it = obj.find("stages"); it != obj.end() && !it->is_array())
      problem(at + "/stages", "doit être une liste [ … ], pas " + type_name(*it) + ".");
    each(obj, at, "draws", [&](const json& d, const std::string& here) {
      if (!fields(d, here, {"titles", "chosen", "method", "reason", "at"}, {"titles", "chosen", "method", "reason", "at"}))
        return;
      SheetDraw draw;
      auto titles = texts(d, here, "titles");
      if (d.contains("titles") && titles.size() != draw.titles.size())
        problem(here + "/titles", "doit lister exactement 3 fiches séances.");
      for (std::size_t i = 0; i < titles.size() && i < draw.titles.size(); ++i) draw.titles[i] = titles[i];
      draw.chosen = static_cast<int>(integer(d, here, "chosen"));
      if (draw.chosen > 2) problem(here + "/chosen", "doit valoir 0, 1 ou 2.");
      draw.method = id_of<DrawMethod>(d, here, "method", draw_method_from_id, DrawMethod::Random, "random, jury_choice");
      draw.reason = text(d, here, "reason");
      draw.at = integer(d, here, "at");
      r.draws.push_back(std::move(draw));
    });
    each(obj, at, "marks", [&](const json& m, const std::string& here) {
      if (!fields(m, here, {"member", "criterion", "level", "at"}, {"member", "criterion", "level", "at"})) return;
      r.marks.push_back({reference(m, here, "member", members, "membre du jury"), text(m, here, "criterion"),
                         text(m, here, "level"), integer(m, here, "at")});
    });
    each(obj, at, "observations", [&](const json& o, const std::string& here) {
      if (!fields(o, here, {"member", "competency", "text", "at"}, {"member", "competency", "text", "at"})) return;
      r.observations.push_back({reference(o, here, "member", members, "membre du jury"), text(o, here, "competency"),
                                text(o, here, "text"), integer(o, here, "at")});
    });
    each(obj, at, "competency_decisions", [&](const json& c, const std::string& here) {
      if (!fields(c, here, {"competency", "status", "at"}, {"competency", "status", "at"})) return;
      CompetencyDecisionRecord d{text(c, here, "competency"),
                                 id_of<CompetencyStatus>(c, here, "status", competency_status_from_id,
                                                         CompetencyStatus::Undecided, "acquired, not_acquired"),
                                 integer(c, here, "at")};
      if (d.status == CompetencyStatus::Undecided && c.contains("status"))
        problem(here + "/status", "une décision enregistrée vaut «\u00A0acquired\u00A0» ou «\u00A0not_acquired\u00A0».");
      r.competency_decisions.push_back(std::move(d));
    });
    auto dit = obj.find("decision");
    if (dit == obj.end()) return;
    const std::string here = at + "/decision";
    if (!fields(*dit, here,
                {"proposed", "decided", "justification", "confirmed_by", "decided_at", "locked_at", "reopenings"},
                {"proposed", "decided", "justification", "confirmed_by", "decided_at", "locked_at", "reopenings"}))
      return;
    CcpDecisionRecord& d = r.decision;
    const char* outcomes = "undecided, obtained, not_obtained";
    d.proposed = id_of<CcpOutcome>(*dit, here, "proposed", ccp_outcome_from_id, CcpOutcome::Undecided, outcomes);
    d.decided = id_of<CcpOutcome>(*dit, here, "decided", ccp_outcome_from_id, CcpOutcome::Undecided, outcomes);
    d.justification = text(*dit, here, "justification");
    d.confirmed_by = texts(*dit, here, "confirmed_by");
    for (std::size_t i = 0; i < d.confirmed_by.size(); ++i)
      if (!members.count(d.confirmed_by[i]))
        problem(here + "/confirmed_by/" + std::to_string(i),
                guillemets(d.confirmed_by[i]) + " ne désigne aucun membre du jury de ce fichier.");
    d.decided_at = optional_time(*dit, here, "decided_at");
    d.locked_at = optional_time(*dit, here, "locked_at");
    if (d.locked_at && d.decided == CcpOutcome::Undecided)
      problem(here + "/locked_at", "un résultat verrouillé porte une décision.");
    each(*dit, here, "reopenings", [&](const json& o, const std::string& h) {
      if (!fields(o, h, {"at", "actor", "reason"}, {"at", "actor", "reason"})) return;
      d.reopenings.push_back({integer(o, h, "at"), text(o, h, "actor"), text(o, h, "reason")});
    });
  }
};

}  // namespace

ResultsParse parse_results_json(std::string_view text, const std::string& file_name) {
  BundleReader in(file_name);
  ResultsParse out;
  auto doc = in.parse(text, "des résultats", "des résultats");
  if (!doc || !in.format_header(*doc, kResultsFormat, kResultsFormatVersion, "un fichier de résultats",
                                "le fichier de résultats")) {
    out.problems = std::move(in.problems);
    return out;
  }
  const json& d = *doc;
  ResultsBundle b;
  const std::vector<std::string_view> top{"format",     "format_version", "app_version", "exported_at", "key_fingerprint",
                                          "session",    "jury",           "candidates",  "runs",        "audit",
                                          "files"};
  in.fields(d, "", top, top);
  b.app_version = in.text(d, "", "app_version");
  b.exported_at = in.integer(d, "", "exported_at");
  b.key_fingerprint = in.text(d, "", "key_fingerprint");
  if (auto it = d.find("session"); it != d.end()) in.session(*it, "/session", b.snapshot.session);

  std::set<std::string> members, candidates, runs, numbers;
  auto unique = [&](std::set<std::string>& seen, const std::string& v, const std::string& at, const char* what) {
    if (!seen.insert(v).second) in.problem(at, std::string(what) + " " + guillemets(v) + " en double.");
  };
  in.each(d, "", "jury", [&](const json& m, const std::string& at) {
    if (!in.fields(m, at, {"uuid", "name", "role"}, {"uuid", "name", "role"})) return;
    JuryMemberRecord r;
    r.uuid = in.text(m, at, "uuid");
    unique(members, r.uuid, at + "/uuid", "identifiant de membre");
    r.name = in.text(m, at, "name");
    r.role = in.id_of<JuryRole>(m, at, "role", jury_role_from_id, JuryRole::Member, "president, member");
    b.snapshot.jury.push_back(std::move(r));
  });
  in.each(d, "", "candidates", [&](const json& c, const std::string& at) {
    const std::vector<std::string_view> keys{"uuid",     "number",        "last_name",           "first_name",
                                             "ccps",     "ccp1_by_equivalence", "sheets",        "attendance"};
    if (!in.fields(c, at, keys, keys)) return;
    CandidateRecord r;
    r.uuid = in.text(c, at, "uuid");
    unique(candidates, r.uuid, at + "/uuid", "identifiant de candidat");
    r.data.number = in.text(c, at, "number");
    unique(numbers, r.data.number, at + "/number", "numéro de candidat");
    r.data.last_name = in.text(c, at, "last_name");
    r.data.first_name = in.text(c, at, "first_name");
    r.data.ccps = in.id_of<CcpSet>(c, at, "ccps", ccp_set_from_id, CcpSet{}, "CCP1, CCP2, CCP1,CCP2");
    r.data.ccp1_by_equivalence = in.boolean(c, at, "ccp1_by_equivalence", false);
    auto sheets = in.texts(c, at, "sheets");
    if (c.contains("sheets") && sheets.size() != r.data.sheets.size())
      in.problem(at + "/sheets", "doit lister exactement 3 fiches séances (texte vide pour une fiche manquante).");
    for (std::size_t i = 0; i < sheets.size() && i < r.data.sheets.size(); ++i) r.data.sheets[i] = sheets[i];
    r.attendance = in.id_of<Attendance>(c, at, "attendance", attendance_from_id, Attendance::Expected,
                                        "expected, present, absent, withdrawn");
    b.snapshot.candidates.push_back(std::move(r));
  });
  in.each(d, "", "runs", [&](const json& r, const std::string& at) {
    RunRecord run;
    in.run(r, at, run, candidates, members);
    unique(runs, run.uuid, at + "/uuid", "identifiant d’épreuve");
    b.snapshot.runs.push_back(std::move(run));
  });
  if (auto it = d.find("audit"); it != d.end() && in.fields(*it, "/audit", {"entries", "last_at", "digest"},
                                                              {"entries", "last_at", "digest"})) {
    b.audit.entries = in.integer(*it, "/audit", "entries");
    b.audit.last_at = in.integer(*it, "/audit", "last_at");
    b.audit.digest = in.hex_digest(*it, "/audit", "digest");
  }
  if (auto it = d.find("files"); it != d.end()) {
    if (!it->is_object()) {
      in.problem("/files", "doit être un objet { … }, pas " + type_name(*it) + ".");
    } else {
      for (const auto& [name, entry] : it->items()) {
        const std::string at = "/files/" + pointer_token(name);
        if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos ||
            name == "." || name == ".." || name == "results.json" || name == "results.json.sig")
          in.problem(at, "nom de fichier refusé " + guillemets(name) + ".");
        if (!in.fields(entry, at, {"sha256"}, {"sha256"})) continue;
        b.files[name] = in.hex_digest(entry, at, "sha256");
      }
    }
  }
  b.snapshot.session.jury_count = static_cast<int>(b.snapshot.jury.size());
  b.snapshot.session.candidate_count = static_cast<int>(b.snapshot.candidates.size());
  out.problems = std::move(in.problems);
  if (out.problems.empty()) out.bundle = std::move(b);
  return out;
}

// ------------------------------------------------------------------ CSV

namespace {

std::string cell(std::string_view v) {
  std::string s(v);
  // A spreadsheet runs a cell that starts like a formula: keep it text.
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
  if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string local_time(TimeMs t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
#ifdef _WIN32
  localtime_s(&tm, &secs);
#else
  localtime_r(&secs, &tm);
#endif
  char buf[32];
  std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &tm);
  return buf;
}

const char* attendance_fr(Attendance a) {
  switch (a) {
    case Attendance::Expected: return "attendu";
    case Attendance::Present: return "présent";
    case Attendance::Absent: return "absent";
    case Attendance::Withdrawn: return "désisté";
  }
  return "";
}

const char* status_fr(CompetencyStatus s) {
  switch (s) {
    case CompetencyStatus::Acquired: return "acquise";
    case CompetencyStatus::NotAcquired: return "non acquise";
    case CompetencyStatus::Undecided: break;
  }
  return "";
}

void csv_rows(std::string& out, const SessionSnapshot& s, const std::vector<CsvConflict>* conflicts) {
  std::vector<const CandidateRecord*> order;
  for (const auto& c : s.candidates) order.push_back(&c);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->data.number < b->data.number; });
  for (const CandidateRecord* c : order)
    for (Ccp ccp : {Ccp::Ccp1, Ccp::Ccp2}) {
      // A CCP1 held by equivalence gets its row: the centre passes it on too.
      const bool equivalence = ccp == Ccp::Ccp1 && c->data.ccp1_by_equivalence;
      if ((!c->data.ccps.has(ccp) && !equivalence) || !s.session.ccps.has(ccp)) continue;
      const RunRecord* run = nullptr;
      for (const auto& r : s.runs)
        if (r.candidate_uuid == c->uuid && r.ccp == ccp) run = &r;
      std::vector<std::string> row{s.session.title, s.session.date, s.session.exam_centre,
                                   s.session.kind == SessionKind::Rehearsal ? "JURY BLANC" : "officielle",
                                   c->data.number, c->data.last_name, c->data.first_name, std::string(to_id(ccp)),
                                   attendance_fr(c->attendance)};
      if (ccp == Ccp::Ccp1 && c->data.ccp1_by_equivalence) row.push_back("par équivalence");
      else if (!run) row.push_back("non commencée");
      else row.push_back(run->finished_at ? "terminée" : "en cours");
      for (int k = 1; k <= 10; ++k) {
        std::string status;
        if (run)
          for (const auto& d : run->competency_decisions)
            if (d.competency_id == "CP-" + std::to_string(k)) status = status_fr(d.status);
        row.push_back(status);
      }
      const CcpDecisionRecord* d = run ? &run->decision : nullptr;
      auto outcome = [](CcpOutcome o) {
        return o == CcpOutcome::Undecided ? std::string() : std::string(french_label(o));
      };
      row.push_back(d ? outcome(d->proposed) : "");
      row.push_back(d ? outcome(d->decided) : "");
      row.push_back(d ? d->justification : "");
      std::string confirmed;
      if (d)
        for (const auto& uuid : d->confirmed_by)
          for (const auto& m : s.jury)
            if (m.uuid == uuid) confirmed += (confirmed.empty() ? "" : ", ") + m.name;
      row.push_back(confirmed);
      row.push_back(d && d->locked_at ? local_time(*d->locked_at) : "");
      row.push_back(run ? run->grid_id + " " + run->grid_version : "");
      row.push_back(run ? run->plan_id + " " + run->plan_version : "");
      if (conflicts) {
        std::string text;
        if (run)
          for (const auto& cf : *conflicts)
            if (cf.run_uuid == run->uuid) text += (text.empty() ? "" : " | ") + cf.text;
        row.push_back(text);
      }
      for (std::size_t i = 0; i < row.size(); ++i) out += (i ? ";" : "") + cell(row[i]);
      out += "\r\n";
    }
}

std::string csv_header(bool conflicts) {
  std::string h = "\xEF\xBB\xBFSession;Date;Centre d’examen;Type;N° candidat;Nom;Prénom;CCP;Présence;Épreuve";
  for (int k = 1; k <= 10; ++k) h += ";CP-" + std::to_string(k);
  h += ";Proposition de la grille;Décision du jury;Justification;Confirmée par;Verrouillée le;Grille;Plan d’épreuve";
  if (conflicts) h += ";Conflit";
  return h + "\r\n";
}

}  // namespace

std::string results_csv(const ResultsBundle& bundle) {
  std::string out = csv_header(false);
  csv_rows(out, bundle.snapshot, nullptr);
  return out;
}

std::string results_csv(const std::vector<SessionSnapshot>& sessions, const std::vector<CsvConflict>& conflicts) {
  std::string out = csv_header(true);
  for (const auto& s : sessions) csv_rows(out, s, &conflicts);
  return out;
}

}  // namespace jurymn
