// SPDX-License-Identifier: EUPL-1.2
#include "io/results_json.h"

#include "io/audit_records.h"

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <set>

#include <nlohmann/json.hpp>

#include "core/candidate_fields.h"
#include "core/local_time.h"
#include "core/stage_timer.h"
#include "core/text.h"
#include "io/format2_title.h"
#include "io/json_strict.h"
#include "io/signing.h"
#include "io/title_json.h"

namespace jurymn {

using nlohmann::json;

namespace {

// results.json is written as a stream, not built as a document: a session
// of thousands of candidates would otherwise cost hundreds of megabytes.
// Keys come in a fixed order, so the same records give the same bytes.
class JsonOut {
public:
  explicit JsonOut(std::string& out, bool first = true) : out_(out), first_(first) {}

  JsonOut& begin_object() { return open('{'); }
  JsonOut& end_object() { return close('}'); }
  JsonOut& begin_array() { return open('['); }
  JsonOut& end_array() { return close(']'); }
  JsonOut& key(std::string_view k) {
    comma();
    quoted(k);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  JsonOut& value(std::string_view v) {
    comma();
    quoted(v);
    return *this;
  }
  JsonOut& value(const char* v) { return value(std::string_view(v)); }
  JsonOut& value(const std::string& v) { return value(std::string_view(v)); }
  JsonOut& value(std::int64_t v) {
    comma();
    out_ += std::to_string(v);
    return *this;
  }
  JsonOut& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonOut& value(bool v) {
    comma();
    out_ += v ? "true" : "false";
    return *this;
  }
  JsonOut& null() {
    comma();
    out_ += "null";
    return *this;
  }
  JsonOut& value(const std::optional<TimeMs>& t) { return t ? value(static_cast<std::int64_t>(*t)) : null(); }
  // The next element starts on its own line.
  JsonOut& line() {
    newline_ = true;
    return *this;
  }
  template <class T>
  JsonOut& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

private:
  JsonOut& open(char c) {
    comma();
    out_ += c;
    first_ = true;
    return *this;
  }
  JsonOut& close(char c) {
    out_ += c;
    first_ = false;
    return *this;
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_ += ',';
    first_ = false;
    if (newline_) out_ += '\n';
    newline_ = false;
  }
  // Escapes per RFC 8259; bytes that are not well-formed UTF-8 become
  // U+FFFD so the file always parses.
  void quoted(std::string_view s) {
    out_ += '"';
    std::size_t i = 0;
    while (i < s.size()) {
      // Runs of plain ASCII go in at once: the audit trail is hundreds of
      // megabytes of them in a large session.
      std::size_t plain = i;
      while (plain < s.size()) {
        const unsigned char p = static_cast<unsigned char>(s[plain]);
        if (p < 0x20 || p >= 0x80 || p == '"' || p == '\\') break;
        ++plain;
      }
      if (plain > i) {
        out_.append(s.data() + i, plain - i);
        i = plain;
        continue;
      }
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        switch (c) {
          case '"': out_ += "\\\""; break;
          case '\\': out_ += "\\\\"; break;
          case '\n': out_ += "\\n"; break;
          case '\r': out_ += "\\r"; break;
          case '\t': out_ += "\\t"; break;
          default:
            if (c < 0x20) {
              static const char* hex = "0123456789abcdef";
              out_ += "\\u00";
              out_ += hex[c >> 4];
              out_ += hex[c & 15];
            } else {
              out_ += static_cast<char>(c);
            }
        }
        ++i;
        continue;
      }
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out_ += "\xEF\xBF\xBD";
        ++i;
      } else {
        out_.append(s.data() + i, n);
        i += n;
      }
    }
    out_ += '"';
  }
  // Length of the well-formed UTF-8 sequence at s[i], or 0.
  static std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
      if ((b(k) & 0xC0) != 0x80) return 0;
    if (n == 3 && ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F))) return 0;  // overlong, surrogate
    if (n == 4 && ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F))) return 0;  // overlong, > U+10FFFF
    return n;
  }

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
  bool newline_ = false;
};


void write_run(JsonOut& j, const RunRecord& r, const std::vector<ExamPlan>& plans, TimeMs now) {
  j.begin_object();
  j.field("uuid", r.uuid).field("candidate", r.candidate_uuid).field("ccp", r.ccp);
  j.key("plan").begin_object().field("id", r.plan_id).field("version", r.plan_version).end_object();
  j.key("grid").begin_object().field("id", r.grid_id).field("version", r.grid_version).end_object();
  if (r.rules != 1) j.field("rules", static_cast<std::int64_t>(r.rules));  // absent: runs before rules were numbered
  j.field("started_at", static_cast<std::int64_t>(r.started_at)).field("finished_at", r.finished_at);
  j.key("events").begin_array();
  for (const auto& e : r.events)
    j.begin_object()
        .field("kind", to_id(e.kind))
        .field("stage", e.stage_id)
        .field("at", static_cast<std::int64_t>(e.at))
        .field("amount_ms", static_cast<std::int64_t>(e.amount))
        .field("reason", e.reason)
        .end_object();
  j.end_array();
  // Derived from the events under the run's plan, for readers who do not
  // replay events; empty when the plan is unknown here.
  j.key("stages").begin_array();
  if (const ExamPlan* plan = plan_of_run(plans, r)) {
    StageTimer timer(*plan, r.events);
    TimerStatus st = timer.status(r.finished_at.value_or(now));
    for (std::size_t i = 0; i < st.stages.size(); ++i) {
      const StageRecord& s = st.stages[i];
      j.begin_object()
          .field("id", s.stage_id)
          .field("label", plan->stages[i].label)
          .field("planned_ms", static_cast<std::int64_t>(plan->stages[i].duration_ms))
          .field("started_at", s.started ? std::optional<TimeMs>(s.started_at) : std::nullopt)
          .field("ended_at", s.ended_at)
          .field("elapsed_ms", static_cast<std::int64_t>(s.elapsed_ms))
          .field("paused_ms", static_cast<std::int64_t>(s.paused_ms))
          .field("extension_ms", static_cast<std::int64_t>(s.extension_ms))
          .field("overrun_ms", static_cast<std::int64_t>(s.overrun_ms))
          .end_object();
    }
  }
  j.end_array();
  j.key("draws").begin_array();
  for (const auto& d : r.draws) {
    j.begin_object().key("titles").begin_array();
    for (const auto& t : d.titles) j.value(t);
    j.end_array()
        .field("chosen", d.chosen)
        .field("method", to_id(d.method))
        .field("reason", d.reason)
        .field("at", static_cast<std::int64_t>(d.at))
        .end_object();
  }
  j.end_array();
  j.key("marks").begin_array();
  for (const auto& m : r.marks)
    j.begin_object()
        .field("member", m.member_uuid)
        .field("criterion", m.criterion_id)
        .field("level", m.level_id)
        .field("at", static_cast<std::int64_t>(m.at))
        .end_object();
  j.end_array();
  j.key("observations").begin_array();
  for (const auto& o : r.observations)
    j.begin_object()
        .field("member", o.member_uuid)
        .field("competency", o.competency_id)
        .field("text", o.text)
        .field("at", static_cast<std::int64_t>(o.at))
        .end_object();
  j.end_array();
  j.key("competency_decisions").begin_array();
  for (const auto& c : r.competency_decisions) {
    j.begin_object()
        .field("competency", c.competency_id)
        .field("status", to_id(c.status))
        .field("at", static_cast<std::int64_t>(c.at));
    if (!c.reason.empty()) j.field("reason", c.reason);  // against the marks' proposal
    j.end_object();
  }
  j.end_array();
  const CcpDecisionRecord& d = r.decision;
  j.key("decision").begin_object();
  j.field("proposed", to_id(d.proposed)).field("decided", to_id(d.decided)).field("justification", d.justification);
  j.key("confirmed_by").begin_array();
  for (const auto& m : d.confirmed_by) j.value(m);
  j.end_array();
  j.field("decided_at", d.decided_at).field("locked_at", d.locked_at);
  j.key("reopenings").begin_array();
  for (const auto& ro : d.reopenings)
    j.begin_object()
        .field("at", static_cast<std::int64_t>(ro.at))
        .field("actor", ro.actor)
        .field("reason", ro.reason)
        .end_object();
  j.end_array();
  j.end_object();
  j.end_object();
}

}  // namespace

namespace {

void write_ids(JsonOut& j, const CcpSet& ids) {
  j.begin_array();
  for (const auto& id : ids.ids) j.value(id);
  j.end_array();
}

// The title the session certifies, whole: the centre reads the CCPs and
// competencies from the bundle, not from its own installation.
void write_title(JsonOut& j, const Title& t) {
  j.key("title").begin_object();
  j.field("code", t.code).field("name", t.name).field("version", t.version);
  j.key("ccps").begin_array();
  for (const auto& c : t.ccps) {
    j.begin_object().field("id", c.id).field("label", c.label);
    j.key("competencies").begin_array();
    for (const auto& id : c.competencies) j.value(id);
    j.end_array().field("plan", c.plan).field("grid", c.grid);
    if (!c.reference.stages.empty()) {
      j.key("reference").begin_object().key("stages").begin_array();
      for (const auto& st : c.reference.stages) j.value(st);
      j.end_array().field("draw_before_stage", c.reference.draw_before_stage);
      if (!c.reference.draw_before_stage.empty()) j.field("session_sheets", c.reference.session_sheets);
      j.end_object();
    }
    j.end_object();
  }
  j.end_array();
  j.key("equivalences").begin_array();
  for (const auto& e : t.equivalences)
    j.begin_object().field("id", e.id).field("label", e.label).field("grants", e.grants).end_object();
  j.end_array().end_object();
}

}  // namespace

namespace {

void write_session(JsonOut& j, const SessionSnapshot& s) {
  j.key("session").begin_object();
  j.field("uuid", s.session.uuid).field("title", s.session.title).field("date", s.session.date);
  j.field("exam_centre", s.session.exam_centre).field("kind", to_id(s.session.kind));
  write_ids(j.key("ccps"), s.title.ordered(s.session.ccps));
  j.field("created_at", static_cast<std::int64_t>(s.session.created_at)).end_object();
}

void write_jury(JsonOut& j, const SessionSnapshot& s) {
  j.key("jury").begin_array();
  for (const auto& m : s.jury) {
    j.begin_object().field("uuid", m.uuid).field("name", m.name).field("role", to_id(m.role));
    // Only when set: a bundle with no « Présidente » is what earlier
    // versions wrote, byte for byte.
    if (m.feminine) j.field("feminine", true);
    if (m.pin) {
      j.key("pin").begin_object().field("salt", m.pin->salt).field("public_key", m.pin->public_key);
      j.field("ops", static_cast<std::int64_t>(m.pin->cost.ops)).field("mem", static_cast<std::int64_t>(m.pin->cost.mem));
      j.end_object();
    }
    j.end_object();
  }
  j.end_array();
}

void write_candidate(JsonOut& j, const CandidateRecord& c, const Title& title) {
  j.begin_object().field("uuid", c.uuid);
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    if constexpr (kind == CandidateFieldKind::Text) {
      j.field(f.key, f.of(c.data));
    } else if constexpr (kind == CandidateFieldKind::OptionalText) {
      // Absent when empty: a bundle without it is what earlier versions wrote, byte for byte.
      if (!f.of(c.data).empty()) j.field(f.key, f.of(c.data));
    } else if constexpr (kind == CandidateFieldKind::Ccps || kind == CandidateFieldKind::Equivalences) {
      write_ids(j.key(f.key), title.ordered(f.of(c.data)));
    } else if constexpr (kind == CandidateFieldKind::Sheets) {
      j.key(f.key).begin_array();
      for (const auto& sheet : f.of(c.data)) j.value(sheet);
      j.end_array();
    }
  });
  j.field("attendance", to_id(c.attendance)).end_object();
}

// The payload stays the exact text that was hashed.
void write_audit_entry(JsonOut& j, const AuditRecord& e) {
  j.begin_object().field("id", static_cast<std::int64_t>(e.id)).field("at", static_cast<std::int64_t>(e.at_ms));
  j.field("actor", e.actor).field("action", e.action).field("candidate", e.candidate_uuid);
  j.field("payload", e.payload).field("hash", e.hash).end_object();
}

void write_audit_head(JsonOut& j, const AuditHead& a) {
  j.key("audit").begin_object();
  j.field("entries", static_cast<std::int64_t>(a.entries));
  j.field("last_at", static_cast<std::int64_t>(a.last_at)).field("digest", a.digest).end_object();
}

void write_files(JsonOut& j, const std::map<std::string, std::string>& files) {
  j.key("files").begin_object();
  for (const auto& [name, digest] : files) j.key(name).begin_object().field("sha256", digest).end_object();
  j.end_object();
}

}  // namespace

std::string results_json_head(const ResultsBundle& b, const std::vector<ExamPlan>& plans) {
  const SessionSnapshot& s = b.snapshot;
  std::string out;
  out.reserve(4096 + s.runs.size() * 12'000);
  JsonOut j(out);
  j.begin_object();
  j.field("format", kResultsFormat).field("format_version", kSingleDocumentFormatVersion);
  j.field("app_version", b.app_version).field("exported_at", static_cast<std::int64_t>(b.exported_at));
  j.field("key_fingerprint", b.key_fingerprint);
  write_title(j, s.title);
  write_session(j, s);
  write_jury(j, s);
  j.key("candidates").begin_array();
  for (const auto& c : s.candidates) write_candidate(j, c, s.title);
  j.end_array();
  j.key("runs").begin_array();
  for (const auto& r : s.runs) write_run(j.line(), r, plans, b.exported_at);  // a run per line
  j.end_array();
  j.key("audit_trail").begin_array();
  for (const auto& e : b.audit_trail) write_audit_entry(j.line(), e);
  j.end_array();
  return out;
}

std::string results_json_tail(const ResultsBundle& b) {
  std::string out;
  JsonOut j(out, /*first=*/false);  // continues the object the head opened
  write_audit_head(j, b.audit);
  write_files(j, b.files);
  j.end_object();
  out += '\n';
  return out;
}

std::string results_json(const ResultsBundle& b, const std::vector<ExamPlan>& plans) {
  return results_json_head(b, plans) + results_json_tail(b);
}

std::string results_manifest(const ResultsBundle& b) {
  const SessionSnapshot& s = b.snapshot;
  std::string out;
  JsonOut j(out);
  j.begin_object();
  j.field("format", kResultsFormat).field("format_version", kResultsFormatVersion);
  j.field("app_version", b.app_version).field("exported_at", static_cast<std::int64_t>(b.exported_at));
  j.field("key_fingerprint", b.key_fingerprint);
  write_title(j, s.title);
  write_session(j, s);
  write_jury(j, s);
  write_audit_head(j, b.audit);
  write_files(j, b.files);
  j.end_object();
  out += '\n';
  return out;
}

void append_candidate_line(std::string& out, const CandidateRecord& c, const Title& title) {
  JsonOut j(out);
  write_candidate(j, c, title);
  out += '\n';
}

void append_run_line(std::string& out, const RunRecord& r, const std::vector<ExamPlan>& plans, TimeMs exported_at) {
  JsonOut j(out);
  write_run(j, r, plans, exported_at);
  out += '\n';
}

void append_audit_line(std::string& out, const AuditRecord& e) {
  JsonOut j(out);
  write_audit_entry(j, e);
  out += '\n';
}

namespace {
template <class Record>
std::vector<const Record*> by_uuid(const std::vector<Record>& records) {
  std::vector<const Record*> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(&r);
  std::sort(out.begin(), out.end(), [](const Record* a, const Record* b) { return a->uuid < b->uuid; });
  return out;
}
}  // namespace

std::vector<const CandidateRecord*> candidates_by_uuid(const SessionSnapshot& s) { return by_uuid(s.candidates); }
std::vector<const RunRecord*> runs_by_uuid(const SessionSnapshot& s) { return by_uuid(s.runs); }

std::string kept_results_text(std::string_view manifest, const std::map<std::string, std::string>& files) {
  std::string out(manifest);
  for (const char* name : {kCandidatesFile, kRunsFile, kAuditTrailFile}) {
    out += "# ";
    out += name;
    out += '\n';
    if (auto it = files.find(name); it != files.end()) out += it->second;
  }
  return out;
}

std::string_view signed_results_json(std::string_view text) {
  // JSON lines never start with '#': the first « # » line ends the manifest.
  const std::size_t at = text.find("\n# ");
  return at == std::string_view::npos ? text : text.substr(0, at + 1);
}

// ------------------------------------------------------------------ reading

namespace {

using namespace json_strict;

// « 0, 1 ou 2 » for three sheets: the indexes a draw may choose.
std::string index_choices(int count) {
  std::string out = "0";
  for (int i = 1; i < count; ++i) out += (i + 1 == count ? " ou " : ", ") + std::to_string(i);
  return out;
}

// Format 2 was written before titles were data, by versions that knew one
// title only: its description is part of what format 2 means, kept as data
// (assets/titles/format-2/) and compiled in.
const Title& format2_title() {
  static const Title title = [] {
    TitleLoad t = load_title(format2_title_json(), kFormat2TitleFile);
    // Checked by the build's tests (Format2Title): a jurymn that cannot read it is not shipped.
    if (!t.ok()) throw std::logic_error(t.problems.front().text());
    return std::move(*t.title);
  }();
  return title;
}

class BundleReader : public Reader {
public:
  using Reader::Reader;
  // Format 5: problems name the line being read.
  void reading(std::string file) { file_ = std::move(file); }
  bool format2 = false;         // the shape before titles were data
  int format_version = kResultsFormatVersion;  // of the file being read (2, 3 or 4)
  const Title* known = nullptr;  // the bundle's title, once read (format 3): CCP ids must be its own

  // A CCP id: one of the bundle's title (format 3), or a well-formed id.
  CcpId ccp(const json& obj, const std::string& at, std::string_view key) {
    const std::string v = text(obj, at, key);
    if (!obj.contains(key) || !obj.find(key)->is_string()) return v;
    if (!is_ccp_id(v) || (known && !known->ccp(v)))
      problem(at + "/" + std::string(key), "CCP inconnu " + guillemets(v) + (known ? "\u00A0; le titre " + known->code +
                                                                                        " compte " + ccp_choice_text(*known)
                                                                                  : std::string()) + ".");
    return v;
  }

  // A list of CCP ids (format 3) or the comma-separated text of format 2.
  CcpSet ccps(const json& obj, const std::string& at, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    const std::string here = at + "/" + std::string(key);
    if (format2) {
      auto set = it->is_string() ? ccp_set_from_id(it->get<std::string>()) : std::nullopt;
      // Well formed is not enough: format 2 knew its era's title alone.
      if (set && known &&
          std::any_of(set->ids.begin(), set->ids.end(), [&](const CcpId& id) { return !known->ccp(id); }))
        set.reset();
      if (!set) problem(here, "doit être un texte «\u00A0CCP1\u00A0», «\u00A0CCP2\u00A0» ou «\u00A0CCP1,CCP2\u00A0».");
      return set.value_or(CcpSet{});
    }
    if (!it->is_array()) {
      problem(here, "doit être une liste d’identifiants de CCP [ \"CCP1\", … ], pas " + type_name(*it) + ".");
      return {};
    }
    CcpSet out;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& v = (*it)[i];
      const std::string at_i = here + "/" + std::to_string(i);
      if (!v.is_string()) {
        problem(at_i, "doit être un identifiant de CCP entre guillemets, pas " + type_name(v) + ".");
        continue;
      }
      const std::string id = v.get<std::string>();
      if (!is_ccp_id(id) || (known && !known->ccp(id)))
        problem(at_i, "CCP inconnu " + guillemets(id) + ".");
      else if (out.has(id))
        problem(at_i, "CCP " + guillemets(id) + " en double.");
      else
        out.add(id);
    }
    return out;
  }

  void title(const json& obj, const std::string& at, Title& t) {
    if (!fields(obj, at, {"code", "name", "version", "ccps", "equivalences"},
                {"code", "name", "version", "ccps", "equivalences"}))
      return;
    t.code = text(obj, at, "code");
    t.name = text(obj, at, "name");
    t.version = text(obj, at, "version");
    each(obj, at, "ccps", [&](const json& c, const std::string& h) {
      if (!fields(c, h, {"id", "label", "competencies", "plan", "grid", "reference"},
                  {"id", "label", "competencies", "plan", "grid"}))
        return;
      TitleCcp ccp{text(c, h, "id"), text(c, h, "label"), texts(c, h, "competencies"), text(c, h, "plan"),
                   text(c, h, "grid"), {}};
      // Format 4 writes how many session sheets a draw is made between;
      // format 3 meant three.
      const bool counted = format_version >= 4;
      if (auto r = c.find("reference");
          r != c.end() && fields(*r, h + "/reference",
                                 counted ? std::vector<std::string_view>{"stages", "draw_before_stage", "session_sheets"}
                                         : std::vector<std::string_view>{"stages", "draw_before_stage"},
                                 {"stages", "draw_before_stage"})) {
        ccp.reference = {texts(*r, h + "/reference", "stages"), text(*r, h + "/reference", "draw_before_stage")};
        if (!ccp.reference.draw_before_stage.empty()) {
          ccp.reference.session_sheets = kDefaultSessionSheets;
          if (counted) {
            const std::int64_t n = integer(*r, h + "/reference", "session_sheets");
            if (n < 2 || n > kMaxSessionSheets)
              problem(h + "/reference/session_sheets",
                      "doit être un nombre de fiches séances de 2 à " + std::to_string(kMaxSessionSheets) + ".");
            else
              ccp.reference.session_sheets = static_cast<int>(n);
          }
        }
      }
      t.ccps.push_back(std::move(ccp));
    });
    each(obj, at, "equivalences", [&](const json& e, const std::string& h) {
      if (!fields(e, h, {"id", "label", "grants"}, {"id", "label", "grants"})) return;
      t.equivalences.push_back({text(e, h, "id"), text(e, h, "label"), text(e, h, "grants")});
    });
    for (auto& pb : check_title(t)) problem(at + pb.pointer, std::move(pb.message));
  }

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
    s.ccps = ccps(obj, at, "ccps");
    s.created_at = integer(obj, at, "created_at");
  }

  void run(const json& obj, const std::string& at, RunRecord& r, const std::set<std::string>& candidates,
           const std::set<std::string>& members) {
    if (!fields(obj, at,
                {"uuid", "candidate", "ccp", "plan", "grid", "rules", "started_at", "finished_at", "events", "stages",
                 "draws", "marks", "observations", "competency_decisions", "decision"},
                {"uuid", "candidate", "ccp", "plan", "grid", "started_at", "finished_at", "events", "draws", "marks",
                 "observations", "competency_decisions", "decision"}))
      return;
    r.uuid = text(obj, at, "uuid");
    r.candidate_uuid = reference(obj, at, "candidate", candidates, "candidat");
    r.ccp = ccp(obj, at, "ccp");
    for (const char* key : {"plan", "grid"}) {
      auto it = obj.find(key);
      if (it == obj.end()) continue;
      const std::string here = at + "/" + key;
      if (!fields(*it, here, {"id", "version"}, {"id", "version"})) continue;
      (std::string_view(key) == "plan" ? r.plan_id : r.grid_id) = text(*it, here, "id");
      (std::string_view(key) == "plan" ? r.plan_version : r.grid_version) = text(*it, here, "version");
    }
    if (obj.contains("rules")) r.rules = static_cast<int>(std::clamp<std::int64_t>(integer(obj, at, "rules"), 1, 1000));
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
      // As many as the bundle's title says this CCP's draw is made between.
      const int count = session_sheets_for(known, r.ccp);
      draw.titles = texts(d, here, "titles");
      if (d.contains("titles") && draw.titles.size() != static_cast<std::size_t>(count))
        problem(here + "/titles", "doit lister exactement " + std::to_string(count) + " fiches séances.");
      draw.titles.resize(static_cast<std::size_t>(count));
      // Range first: a huge number must not wrap into range when narrowed.
      const std::int64_t chosen = integer(d, here, "chosen");
      if (chosen >= count)
        problem(here + "/chosen", "doit valoir " + index_choices(count) + ".");
      draw.chosen = chosen >= count ? 0 : static_cast<int>(chosen);
      draw.method = id_of<DrawMethod>(d, here, "method", draw_method_from_id, DrawMethod::Random, "random, jury_choice");
      draw.reason = text(d, here, "reason");
      draw.at = integer(d, here, "at");
      r.draws.push_back(std::move(draw));
    });
    // A run's records are a set, one per key, as in the store: a second copy
    // (a forged one placed before or after the real one) is refused here,
    // before any comparison, so that the replay and the merge can never read
    // two different records for one key.
    std::set<std::pair<std::string, std::string>> marked, observed;
    std::set<std::string> decided;
    each(obj, at, "marks", [&](const json& m, const std::string& here) {
      if (!fields(m, here, {"member", "criterion", "level", "at"}, {"member", "criterion", "level", "at"})) return;
      MarkRecord mark{reference(m, here, "member", members, "membre du jury"), text(m, here, "criterion"),
                      text(m, here, "level"), integer(m, here, "at")};
      if (!marked.emplace(mark.member_uuid, mark.criterion_id).second)
        problem(here, "deuxième note du même membre pour le critère " + guillemets(mark.criterion_id) +
                          "\u00A0: une épreuve porte une note au plus par membre et par critère.");
      r.marks.push_back(std::move(mark));
    });
    each(obj, at, "observations", [&](const json& o, const std::string& here) {
      if (!fields(o, here, {"member", "competency", "text", "at"}, {"member", "competency", "text", "at"})) return;
      ObservationRecord note{reference(o, here, "member", members, "membre du jury"), text(o, here, "competency"),
                             text(o, here, "text"), integer(o, here, "at")};
      if (!observed.emplace(note.member_uuid, note.competency_id).second)
        problem(here, "deuxièmes observations du même membre pour la compétence " + guillemets(note.competency_id) +
                          "\u00A0: une épreuve en porte une au plus par membre et par compétence.");
      r.observations.push_back(std::move(note));
    });
    each(obj, at, "competency_decisions", [&](const json& c, const std::string& here) {
      if (!fields(c, here, {"competency", "status", "at", "reason"}, {"competency", "status", "at"})) return;
      CompetencyDecisionRecord d{text(c, here, "competency"),
                                 id_of<CompetencyStatus>(c, here, "status", competency_status_from_id,
                                                         CompetencyStatus::Undecided, "acquired, not_acquired"),
                                 integer(c, here, "at"), c.contains("reason") ? text(c, here, "reason") : std::string()};
      if (!decided.insert(d.competency_id).second)
        problem(here, "deuxième décision pour la compétence " + guillemets(d.competency_id) +
                          "\u00A0: une épreuve en porte une au plus par compétence.");
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

namespace {

// What reading a bundle's records keeps between them: the references each
// checks, and the order of format 5's lines. Shared by the one-document
// reader and ResultsLines.
struct Records {
  explicit Records(const std::string& file) : in(file) {}
  BundleReader in;
  ResultsBundle b;
  std::set<std::string> members, candidates, runs, numbers;
  std::set<std::pair<std::string, std::string>> examined;  // (candidate, CCP): one run each, as in the store
  std::int64_t last_id = 0;
  std::string last_candidate, last_run;  // format 5: strictly increasing

  void unique(std::set<std::string>& seen, const std::string& v, const std::string& at, const char* what) {
    if (!seen.insert(v).second) in.problem(at, std::string(what) + " " + guillemets(v) + " en double.");
  }

  // Format of the document `d` (2 to 5), or 0 with a problem.
  int format_of(const std::optional<json>& doc) {
    const bool has = doc && doc->is_object() && doc->contains("format_version") &&
                     (*doc)["format_version"].is_number_integer();
    const long long v = has ? (*doc)["format_version"].get<long long>() : 0;
    // Formats 2 and 3 read as their own shape; any other version is named
    // as not supported.
    in.format2 = v == 2;
    in.format_version = v >= 2 && v <= kResultsFormatVersion ? static_cast<int>(v) : kResultsFormatVersion;
    if (!doc || !in.format_header(*doc, kResultsFormat, in.format_version, "un fichier de résultats",
                                  "le fichier de résultats"))
      return 0;
    return in.format_version;
  }

  // Everything but the records: the whole of format 5's manifest.
  void head(const json& d) {
    const bool format2 = in.format2;
    std::vector<std::string_view> top{"format", "format_version", "app_version", "exported_at", "key_fingerprint",
                                      "session", "jury", "audit", "files"};
    if (in.format_version < 5) top.insert(top.end(), {"candidates", "runs", "audit_trail"});
    if (!format2) top.push_back("title");
    in.fields(d, "", top, top);
    b.format_version = in.format_version;
    if (format2) {
      b.snapshot.title = format2_title();
      in.known = &b.snapshot.title;
    }
    if (auto it = d.find("title"); it != d.end() && !format2) {
      in.title(*it, "/title", b.snapshot.title);
      in.known = &b.snapshot.title;
    }
    b.app_version = in.text(d, "", "app_version");
    b.exported_at = in.integer(d, "", "exported_at");
    b.key_fingerprint = in.text(d, "", "key_fingerprint");
    if (auto it = d.find("session"); it != d.end()) in.session(*it, "/session", b.snapshot.session);
    in.each(d, "", "jury", [&](const json& m, const std::string& at) { jury_member(m, at); });
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
  }

  void jury_member(const json& m, const std::string& at) {
    if (!in.fields(m, at, {"uuid", "name", "role", "feminine", "pin"}, {"uuid", "name", "role"})) return;
    JuryMemberRecord r;
    r.uuid = in.text(m, at, "uuid");
    unique(members, r.uuid, at + "/uuid", "identifiant de membre");
    r.name = in.text(m, at, "name");
    r.role = in.id_of<JuryRole>(m, at, "role", jury_role_from_id, JuryRole::Member, "president, member");
    r.feminine = in.boolean(m, at, "feminine", false);
    if (auto p = m.find("pin"); p != m.end() && in.fields(*p, at + "/pin", {"salt", "public_key", "ops", "mem"},
                                                           {"salt", "public_key", "ops", "mem"})) {
      const std::string here = at + "/pin";
      MemberPin pin{in.text(*p, here, "salt"), in.text(*p, here, "public_key"),
                    {static_cast<std::uint64_t>(in.integer(*p, here, "ops")),
                     static_cast<std::uint64_t>(in.integer(*p, here, "mem"))}};
      if (std::string why = member_pin_problem(pin); !why.empty()) in.problem(here, why + ".");
      else r.pin = std::move(pin);
    }
    b.snapshot.jury.push_back(std::move(r));
  }

  std::optional<CandidateRecord> candidate(const json& c, const std::string& at) {
    const bool format2 = in.format2;
    // The candidate's keys follow kCandidateFields, between uuid and attendance.
    std::vector<std::string_view> allowed{"uuid"}, required{"uuid"};
    for_each_field(kCandidateFields, [&](const auto& f) {
      constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
      const std::string_view key = kind == CandidateFieldKind::Equivalences && format2 ? kLegacyEquivalenceKey : f.key;
      allowed.push_back(key);
      if (kind != CandidateFieldKind::OptionalText) required.push_back(key);
    });
    allowed.push_back("attendance");
    required.push_back("attendance");
    if (!in.fields(c, at, allowed, required)) return std::nullopt;
    CandidateRecord r;
    r.uuid = in.text(c, at, "uuid");
    unique(candidates, r.uuid, at + "/uuid", "identifiant de candidat");
    for_each_field(kCandidateFields, [&](const auto& f) {
      constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
      if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText) {
        f.of(r.data) = in.text(c, at, f.key);
      } else if constexpr (kind == CandidateFieldKind::Ccps) {
        f.of(r.data) = in.ccps(c, at, f.key);
      } else if constexpr (kind == CandidateFieldKind::Equivalences) {
        if (format2) {
          // Format 2 knew one equivalence: the former REMN's CCP1.
          if (in.boolean(c, at, kLegacyEquivalenceKey, false)) f.of(r.data).add(kLegacyEquivalenceCcp);
        } else {
          f.of(r.data) = in.ccps(c, at, f.key);
        }
      } else if constexpr (kind == CandidateFieldKind::Sheets) {
        // As many as the bundle's title says a candidate brings.
        const int count = in.known ? in.known->session_sheet_count() : kDefaultSessionSheets;
        f.of(r.data) = in.texts(c, at, f.key);
        if (c.contains(f.key) && f.of(r.data).size() != static_cast<std::size_t>(count))
          in.problem(at + "/" + std::string(f.key), "doit lister exactement " + std::to_string(count) +
                                                        " fiches séances (texte vide pour une fiche manquante).");
        f.of(r.data).resize(static_cast<std::size_t>(count));
      }
    });
    unique(numbers, r.data.number, at + "/number", "numéro de candidat");
    r.attendance = in.id_of<Attendance>(c, at, "attendance", attendance_from_id, Attendance::Expected,
                                        "expected, present, absent, withdrawn");
    return r;
  }

  RunRecord run(const json& r, const std::string& at) {
    RunRecord run;
    in.run(r, at, run, candidates, members);
    unique(runs, run.uuid, at + "/uuid", "identifiant d’épreuve");
    if (!run.candidate_uuid.empty() && !run.ccp.empty() && !examined.emplace(run.candidate_uuid, run.ccp).second)
      in.problem(at, "deuxième épreuve " + run.ccp + " du même candidat\u00A0: un candidat passe chaque CCP une fois par session.");
    return run;
  }

  std::optional<AuditRecord> audit_entry(const json& e, const std::string& at) {
    const std::vector<std::string_view> keys{"id", "at", "actor", "action", "candidate", "payload", "hash"};
    if (!in.fields(e, at, keys, keys)) return std::nullopt;
    AuditRecord r;
    r.id = in.integer(e, at, "id");
    if (r.id <= last_id) in.problem(at + "/id", "les entrées doivent être dans l’ordre croissant de leur numéro.");
    last_id = std::max(last_id, r.id);
    r.at_ms = in.integer(e, at, "at");
    r.actor = in.text(e, at, "actor");
    r.action = in.text(e, at, "action");
    r.candidate_uuid = in.text(e, at, "candidate");
    if (!r.candidate_uuid.empty() && !candidates.count(r.candidate_uuid))
      in.problem(at + "/candidate", "candidat inconnu " + guillemets(r.candidate_uuid) + ".");
    r.payload = in.text(e, at, "payload");
    r.hash = in.hex_digest(e, at, "hash");
    return r;
  }

  // One line of a format 5 file, parsed strictly; its problems name the file and line.
  std::optional<json> line(std::string_view text, const char* file, std::int64_t number, const char* content) {
    in.reading(std::string(file) + ", ligne " + std::to_string(number));
    auto doc = in.parse(text, content, "de la ligne");
    if (doc && !doc->is_object()) {
      in.problem("", "chaque ligne est un objet { … }, pas " + type_name(*doc) + ".");
      return std::nullopt;
    }
    return doc;
  }

  // Format 5's lines come in a stated order: a line moved is refused.
  void in_order(std::string& last, const std::string& uuid) {
    if (!last.empty() && uuid <= last)
      in.problem("/uuid", "les lignes doivent être dans l’ordre croissant de leur identifiant (uuid).");
    if (uuid > last) last = uuid;
  }
};

}  // namespace

struct ResultsLines::State {
  Records records{"results.json"};
  bool manifest_read = false;
  int format = 0;
};

ResultsLines::ResultsLines() : s_(std::make_unique<State>()) {}
ResultsLines::~ResultsLines() = default;

bool ResultsLines::manifest(std::string_view text, const std::string& file_name) {
  Records& r = s_->records;
  r.in.reading(file_name);
  auto doc = r.in.parse(text, "des résultats", "des résultats");
  const int format = s_->format = r.format_of(doc);
  if (format != 0 && format != kResultsFormatVersion) {
    r.in.problem("/format_version", "ce lot est au format " + std::to_string(format) +
                                        ", en un seul document\u00A0: il se lit en entier, pas ligne à ligne.");
    return false;
  }
  if (format == 0) return false;
  // One line: a kept copy at the centre follows it with the records.
  const std::size_t eol = text.find('\n');
  if (eol == std::string_view::npos || eol + 1 != text.size())
    r.in.problem("", "le manifeste tient sur une seule ligne, terminée par une fin de ligne.");
  r.head(*doc);
  s_->manifest_read = r.in.problems.empty();
  return s_->manifest_read;
}

ResultsBundle& ResultsLines::head() { return s_->records.b; }

std::optional<CandidateRecord> ResultsLines::candidate(std::string_view line, std::int64_t number) {
  Records& r = s_->records;
  const std::size_t before = r.in.problems.size();
  auto doc = r.line(line, kCandidatesFile, number, "d’un candidat");
  if (!doc) return std::nullopt;
  auto c = r.candidate(*doc, "");
  if (c) r.in_order(r.last_candidate, c->uuid);
  if (r.in.problems.size() != before) return std::nullopt;
  return c;
}

std::optional<RunRecord> ResultsLines::run(std::string_view line, std::int64_t number) {
  Records& r = s_->records;
  const std::size_t before = r.in.problems.size();
  auto doc = r.line(line, kRunsFile, number, "d’une épreuve");
  if (!doc) return std::nullopt;
  RunRecord run = r.run(*doc, "");
  r.in_order(r.last_run, run.uuid);
  if (r.in.problems.size() != before) return std::nullopt;
  return run;
}

namespace {

// The trail's lines exactly as jurymn writes them (keys in order, no
// space), read without a document: most of verify's lines. Anything else —
// another shape, an escape beyond ASCII, a value the strict reader would
// refuse — is left to it (nothing), which names the problem.
class CanonicalEntry {
public:
  explicit CanonicalEntry(std::string_view line) : s_(line) {}

  std::optional<AuditRecord> read(std::int64_t last_id, const std::set<std::string>& candidates) {
    AuditRecord e;
    if (!(literal("{\"id\":") && integer(e.id) && literal(",\"at\":") && integer(e.at_ms) &&
          literal(",\"actor\":") && text(e.actor) && literal(",\"action\":") && text(e.action) &&
          literal(",\"candidate\":") && text(e.candidate_uuid) && literal(",\"payload\":") && text(e.payload) &&
          literal(",\"hash\":") && text(e.hash) && literal("}") && at_ == s_.size()))
      return std::nullopt;
    if (e.id <= last_id || e.at_ms < 0 || e.hash.size() != 64 ||
        !std::all_of(e.hash.begin(), e.hash.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }) ||
        (!e.candidate_uuid.empty() && !candidates.count(e.candidate_uuid)) || json_strict::bad_utf8(s_))
      return std::nullopt;
    return e;
  }

private:
  bool literal(std::string_view l) {
    if (s_.substr(at_, l.size()) != l) return false;
    at_ += l.size();
    return true;
  }
  bool integer(std::int64_t& v) {
    const std::size_t start = at_;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') ++at_;
    const std::size_t n = at_ - start;
    if (n == 0 || n > 18 || (n > 1 && s_[start] == '0')) return false;
    v = 0;
    for (std::size_t i = start; i < at_; ++i) v = v * 10 + (s_[i] - '0');
    return true;
  }
  bool text(std::string& out) {
    if (at_ >= s_.size() || s_[at_] != '"') return false;
    ++at_;
    for (;;) {
      std::size_t plain = at_;
      while (plain < s_.size() && s_[plain] != '"' && s_[plain] != '\\' && static_cast<unsigned char>(s_[plain]) >= 0x20)
        ++plain;
      out.append(s_.data() + at_, plain - at_);
      at_ = plain;
      if (at_ >= s_.size() || static_cast<unsigned char>(s_[at_]) < 0x20) return false;
      if (s_[at_] == '"') {
        ++at_;
        return true;
      }
      if (at_ + 1 >= s_.size()) return false;
      const char c = s_[at_ + 1];
      at_ += 2;
      switch (c) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (at_ + 4 > s_.size()) return false;
          unsigned v = 0;
          for (int i = 0; i < 4; ++i) {
            const char h = s_[at_ + i];
            v = v * 16 + (h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
            if (v > 0xFFFF) return false;
          }
          if (v >= 0x80) return false;  // beyond ASCII: the strict reader
          out += static_cast<char>(v);
          at_ += 4;
          break;
        }
        default: return false;
      }
    }
  }
  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace

std::optional<AuditRecord> ResultsLines::audit_entry(std::string_view line, std::int64_t number) {
  Records& r = s_->records;
  if (auto e = CanonicalEntry(line).read(r.last_id, r.candidates)) {
    r.last_id = e->id;
    return e;
  }
  const std::size_t before = r.in.problems.size();
  auto doc = r.line(line, kAuditTrailFile, number, "d’une entrée du journal");
  if (!doc) return std::nullopt;
  auto e = r.audit_entry(*doc, "");
  if (r.in.problems.size() != before) return std::nullopt;
  return e;
}

int ResultsLines::format() const { return s_->format; }

const std::vector<PlanProblem>& ResultsLines::problems() const { return s_->records.in.problems; }

namespace {

// A kept format 5 text (kept_results_text): the manifest, then each file.
ResultsParse parse_kept_lines(std::string_view text, const std::string& file_name) {
  ResultsParse out;
  ResultsLines lines;
  const std::string_view manifest = signed_results_json(text);
  auto fail = [&](std::string message) {
    out.problems.push_back({file_name, "", std::move(message)});
    return out;
  };
  if (!lines.manifest(manifest, file_name)) {
    out.problems = lines.problems();
    return out;
  }
  ResultsBundle& b = lines.head();
  std::string_view rest = text.substr(manifest.size());
  for (const char* name : {kCandidatesFile, kRunsFile, kAuditTrailFile}) {
    const std::string mark = std::string("# ") + name + "\n";
    if (rest.substr(0, mark.size()) != mark) return fail(std::string(name) + " manque à la copie conservée.");
    rest.remove_prefix(mark.size());
    // An empty file: the next mark follows at once.
    const std::size_t end = rest.substr(0, 2) == "# " ? std::string_view::npos : rest.find("\n# ");
    const std::string_view bytes = rest.substr(0, 2) == "# " ? rest.substr(0, 0)
                                   : end == std::string_view::npos ? rest
                                                                   : rest.substr(0, end + 1);
    rest.remove_prefix(bytes.size());
    auto listed = b.files.find(name);
    if (listed == b.files.end() || sha256_hex(bytes) != listed->second)
      return fail(std::string(name) + "\u00A0: le contenu ne correspond pas à l’empreinte du manifeste.");
    std::int64_t number = 0;
    for (std::size_t at = 0; at < bytes.size();) {
      const std::size_t eol = bytes.find('\n', at);
      const std::string_view line = bytes.substr(at, eol - at);
      at = eol + 1;
      ++number;
      if (name == kCandidatesFile) {
        if (auto c = lines.candidate(line, number)) b.snapshot.candidates.push_back(std::move(*c));
      } else if (name == kRunsFile) {
        if (auto r = lines.run(line, number)) b.snapshot.runs.push_back(std::move(*r));
      } else if (auto e = lines.audit_entry(line, number)) {
        b.audit_trail.push_back(std::move(*e));
      }
    }
  }
  if (!rest.empty()) return fail("contenu inattendu après audit-trail.jsonl dans la copie conservée.");
  out.problems = lines.problems();
  b.snapshot.session.candidate_count = static_cast<int>(b.snapshot.candidates.size());
  if (out.problems.empty()) {
    AuditTrailCheck check(file_name, true);
    for (const auto& e : b.audit_trail) check.add(e);
    out.problems = check.finish(b);
  }
  if (out.problems.empty()) out.bundle = std::move(b);
  return out;
}

}  // namespace

ResultsParse parse_results_json(std::string_view text, const std::string& file_name) {
  Records records(file_name);
  BundleReader& in = records.in;
  ResultsParse out;
  if (signed_results_json(text).size() != text.size()) return parse_kept_lines(text, file_name);
  auto doc = in.parse(text, "des résultats", "des résultats");
  const int format = records.format_of(doc);
  if (format == kResultsFormatVersion) {
    in.problem("", "ce manifeste (format 5) se lit avec les fichiers du lot qu’il énumère, pas seul.");
  }
  if (format == 0 || format == kResultsFormatVersion) {
    out.problems = std::move(in.problems);
    return out;
  }
  const json& d = *doc;
  records.head(d);
  ResultsBundle& b = records.b;
  in.each(d, "", "candidates", [&](const json& c, const std::string& at) {
    if (auto r = records.candidate(c, at)) b.snapshot.candidates.push_back(std::move(*r));
  });
  in.each(d, "", "runs", [&](const json& r, const std::string& at) { b.snapshot.runs.push_back(records.run(r, at)); });
  in.each(d, "", "audit_trail", [&](const json& e, const std::string& at) {
    if (auto r = records.audit_entry(e, at)) b.audit_trail.push_back(std::move(*r));
  });
  b.snapshot.session.candidate_count = static_cast<int>(b.snapshot.candidates.size());
  out.problems = std::move(in.problems);
  // Well formed: now the records must agree with the trail they carry.
  if (out.problems.empty()) out.problems = check_against_audit_trail(b, file_name);
  if (out.problems.empty()) out.bundle = std::move(b);
  return out;
}

// ------------------------------------------------------------------ CSV

namespace {

std::string cell(std::string_view v) {
  std::string s(v);
  // A spreadsheet runs a cell that starts like a formula: keep it text.
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}


std::string attendance_fr(Attendance a) { return std::string(words_of(kAttendanceWords, a).word); }

// An undecided competency leaves its cell empty.
std::string status_fr(CompetencyStatus s) {
  return s == CompetencyStatus::Undecided ? std::string() : std::string(words_of(kCompetencyStatusWords, s).word);
}

void csv_rows(std::string& out, const SessionSnapshot& s, const std::vector<std::string>& competency_columns,
              const std::vector<CsvConflict>* conflicts, const std::map<std::string, std::string>* paper,
              const std::string& proofs, const std::set<std::string>* awaiting = nullptr,
              const std::map<std::string, std::string>* computers = nullptr) {
  std::map<std::string, std::vector<const RunRecord*>> runs_of;  // no scan per candidate
  for (const auto& r : s.runs) runs_of[r.candidate_uuid].push_back(&r);
  std::vector<const CandidateRecord*> order;
  for (const auto& c : s.candidates) order.push_back(&c);
  std::sort(order.begin(), order.end(),
            [](auto* a, auto* b) { return candidate_number_less(a->data.number, b->data.number); });
  CcpSet all = s.session.ccps;
  for (const auto& r : s.runs) all.add(r.ccp);
  all = s.title.ordered(all);
  for (const CandidateRecord* c : order)
    for (const CcpId& ccp : all.ids) {
      // A CCP held by equivalence gets its row: the centre passes it on too.
      const bool equivalence = c->data.by_equivalence.has(ccp);
      if ((!c->data.ccps.has(ccp) && !equivalence) || !s.session.ccps.has(ccp)) continue;
      const RunRecord* run = nullptr;
      for (const RunRecord* r : runs_of[c->uuid])
        if (r->ccp == ccp) run = r;
      std::vector<std::string> row{s.session.title, s.session.date, s.session.exam_centre,
                                   s.session.kind == SessionKind::Rehearsal ? "JURY BLANC" : "officielle",
                                   c->data.number, c->data.last_name, c->data.first_name, ccp,
                                   attendance_fr(c->attendance)};
      if (equivalence) row.push_back("par équivalence");
      else if (!run) row.push_back("non commencée");
      else row.push_back(run->finished_at ? "terminée" : "en cours");
      for (const std::string& id : competency_columns) {
        std::string status;
        if (run)
          for (const auto& d : run->competency_decisions)
            if (d.competency_id == id) status = status_fr(d.status);
        row.push_back(status);
      }
      const CcpDecisionRecord* d = run ? &run->decision : nullptr;
      auto outcome = [](CcpOutcome o) {
        return o == CcpOutcome::Undecided ? std::string() : std::string(french_label(o));
      };
      row.push_back(d ? outcome(d->proposed) : "");
      // Held by equivalence: that is the decision the centre passes on.
      if (d && d->decided != CcpOutcome::Undecided && awaiting && awaiting->count(run->uuid))
        row.push_back("en attente du PV papier (décision transmise\u00A0: " + outcome(d->decided) + ")");
      else
        row.push_back(d ? outcome(d->decided) : equivalence ? "Par équivalence" : "");
      row.push_back(d ? d->justification : "");
      std::string confirmed;
      if (d)
        for (const auto& uuid : d->confirmed_by)
          for (const auto& m : s.jury)
            if (m.uuid == uuid) confirmed += (confirmed.empty() ? "" : ", ") + m.name;
      row.push_back(confirmed);
      // ISO 8601 (local time), which a spreadsheet reads as a date.
      row.push_back(d && d->locked_at ? local_time_text(*d->locked_at, "%Y-%m-%d %H:%M") : "");
      row.push_back(run ? run->grid_id + " " + run->grid_version : "");
      row.push_back(run ? run->plan_id + " " + run->plan_version : "");
      if (conflicts) {
        std::string text;
        if (run)
          for (const auto& cf : *conflicts)
            if (cf.run_uuid == run->uuid) text += (text.empty() ? "" : " | ") + cf.text;
        row.push_back(text);
        // The check of the PV printed by the laptop the row's decision came
        // from; else the session's checks, each naming its laptop.
        std::string checked = "non vérifié";
        if (paper) {
          auto it = run ? paper->find(run->uuid) : paper->end();
          if (it == paper->end()) it = paper->find(s.session.uuid);
          if (it != paper->end()) checked = it->second;
        }
        row.push_back(checked);
        row.push_back(proofs);
        std::string served;
        if (computers) {
          auto it = computers->find(c->uuid);
          if (it == computers->end()) it = computers->find(s.session.uuid);
          if (it != computers->end()) served = it->second;
        }
        row.push_back(served);
      }
      for (std::size_t i = 0; i < row.size(); ++i) out += (i ? ";" : "") + cell(row[i]);
      out += "\r\n";
    }
}

// One column per competency of the sessions' titles, in the titles' order.
std::vector<std::string> competency_columns(const std::vector<const SessionSnapshot*>& sessions) {
  std::vector<std::string> out;
  for (const SessionSnapshot* s : sessions)
    for (const auto& ccp : s->title.ccps)
      for (const auto& id : ccp.competencies)
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  return out;
}

std::string csv_header(const std::vector<std::string>& competency_columns, bool conflicts) {
  std::string h = "\xEF\xBB\xBFSession;Date;Centre d’examen;Type;N° candidat;Nom;Prénom;CCP;Présence;Épreuve";
  for (const auto& id : competency_columns) h += ";" + cell(id);
  h += ";Proposition de la grille;Décision du jury;Justification;Confirmée par;Verrouillée le;Grille;Plan d’épreuve";
  if (conflicts) h += ";Conflit;PV papier;Preuves;Ordinateurs";
  return h + "\r\n";
}

}  // namespace

std::string results_csv(const ResultsBundle& bundle) {
  const auto columns = competency_columns({&bundle.snapshot});
  std::string out = csv_header(columns, false);
  csv_rows(out, bundle.snapshot, columns, nullptr, nullptr, {});
  return out;
}

std::string results_csv(const std::vector<SessionSnapshot>& sessions, const std::vector<CsvConflict>& conflicts,
                        const std::map<std::string, std::string>& paper_checks,
                        const std::map<std::string, std::string>& proofs,
                        const std::set<std::string>& awaiting_paper,
                        const std::map<std::string, std::string>& computers) {
  std::vector<const SessionSnapshot*> all;
  for (const auto& s : sessions) all.push_back(&s);
  const auto columns = competency_columns(all);
  std::string out = csv_header(columns, true);
  for (const auto& s : sessions) {
    auto proof = proofs.find(s.session.uuid);
    csv_rows(out, s, columns, &conflicts, &paper_checks, proof == proofs.end() ? std::string("complètes") : proof->second,
             &awaiting_paper, &computers);
  }
  return out;
}

}  // namespace jurymn
