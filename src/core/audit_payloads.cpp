// SPDX-License-Identifier: EUPL-1.2
#include "core/audit_payloads.h"

#include "core/candidate_fields.h"
#include "core/field_list.h"
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

// Where a value stands in the payload: its JSON pointer, spelled only when
// an error names it (reading a valid payload builds no string).
struct Where {
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  const Where* parent = nullptr;  // null: the payload itself ("")
  std::string_view key = {};
  std::size_t index = kNoIndex;  // a list's item

  std::string pointer() const {
    if (!parent) return {};
    std::string p = parent->pointer();
    p += '/';
    if (index != kNoIndex)
      p += std::to_string(index);
    else
      p += key;
    return p;
  }
};

[[noreturn]] void wrong(const json& v, const Where& w, std::string_view expected) {
  throw PayloadError(w.pointer(), std::string(expected) + " attendu, trouvé " + type_word(v));
}

std::string read_text(const json& v, const Where& w) {
  if (!v.is_string()) wrong(v, w, "un texte");
  return v.get<std::string>();
}

bool read_flag(const json& v, const Where& w) {
  if (!v.is_boolean()) wrong(v, w, "un booléen");
  return v.get<bool>();
}

std::int64_t read_integer(const json& v, const Where& w) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
  if (v.is_number_unsigned() && v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v.get<std::uint64_t>());
  wrong(v, w, "un entier");
}

std::int64_t read_count(const json& v, const Where& w) {
  const std::int64_t n = read_integer(v, w);
  if (n < 0) throw PayloadError(w.pointer(), "un entier positif ou nul attendu, trouvé " + std::to_string(n));
  return n;
}

// A stable id read back by `from_id` (an enum's, a CCP's, a set of CCPs').
template <class FromId>
auto read_id(const json& v, const Where& w, FromId from_id) {
  const std::string s = read_text(v, w);
  if (auto value = from_id(s)) return std::move(*value);
  throw PayloadError(w.pointer(), "valeur inconnue " + guillemets(s));
}

// The members of one JSON object; every error names its key.
class Fields {
public:
  Fields(const json& obj, const Where& at) : obj_(obj), at_(at) {
    if (!obj_.is_object()) throw PayloadError(at_.pointer(), "un objet attendu, trouvé " + type_word(obj_));
  }

  Where at(std::string_view key) const { return {&at_, key}; }
  std::string pointer(std::string_view key) const { return at(key).pointer(); }
  bool has(std::string_view key) const { return obj_.contains(key); }
  const json* find(std::string_view key) const {
    auto it = obj_.find(key);
    return it == obj_.end() ? nullptr : &*it;
  }

  const json& member(std::string_view key) const {
    if (const json* v = find(key)) return *v;
    throw PayloadError(pointer(key), "clé absente");
  }

  std::string text(std::string_view key) const { return read_text(member(key), at(key)); }
  std::string text_or_empty(std::string_view key) const { return has(key) ? text(key) : std::string(); }
  bool flag(std::string_view key) const { return read_flag(member(key), at(key)); }

  template <class E>
  E id(std::string_view key, std::optional<E> (*from_id)(std::string_view)) const {
    return read_id(member(key), at(key), from_id);
  }

private:
  const json& obj_;
  Where at_;
};

// ---- CCPs, session sheets ----

CcpSet read_ccp_set(const Fields& f, std::string_view key) { return f.id(key, &ccp_set_from_id); }
json ccp_set_json(const CcpSet& s) { return to_id(s); }

json sheets_json(const SessionSheetTitles& t) {
  json a = json::array();
  for (const std::string& title : t) a.push_back(title);
  return a;
}

SessionSheetTitles read_sheets(const json& a, const Where& w) {
  if (!a.is_array()) wrong(a, w, "une liste");
  // How many the title fixes is the rules' to check (core/session_rules); here, a sane list.
  if (a.size() > kMaxSessionSheets)
    throw PayloadError(w.pointer(), "au plus " + std::to_string(kMaxSessionSheets) + " titres attendus, trouvé " +
                                        std::to_string(a.size()));
  SessionSheetTitles t(a.size());
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = read_text(a[i], Where{&w, {}, i});
  return t;
}
SessionSheetTitles read_sheets(const Fields& f, std::string_view key) { return read_sheets(f.member(key), f.at(key)); }

// ---- the candidate: its own pair (records gives the candidate its field list) ----

// The candidate's fields follow kCandidateFields; each kind has its codec here.
void put(json& j, const payload::CandidateFields& c) {
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    const std::string key(f.key);
    if constexpr (kind == CandidateFieldKind::Text) {
      j[key] = f.of(c);
    } else if constexpr (kind == CandidateFieldKind::OptionalText) {
      if (!f.of(c).empty()) j[key] = f.of(c);
    } else if constexpr (kind == CandidateFieldKind::Ccps) {
      j[key] = ccp_set_json(f.of(c));
    } else if constexpr (kind == CandidateFieldKind::Equivalences) {
      if (c.legacy_equivalence_flag)
        j[std::string(kLegacyEquivalenceKey)] = f.of(c).has(kLegacyEquivalenceCcp);
      else
        j[key] = ccp_set_json(f.of(c));
    } else if constexpr (kind == CandidateFieldKind::Sheets) {
      j[key] = sheets_json(f.of(c));
    }
  });
}

payload::CandidateFields read_candidate(const Fields& in) {
  payload::CandidateFields c;
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    const std::string key(f.key);
    if constexpr (kind == CandidateFieldKind::Text) {
      f.of(c) = in.text(key.c_str());
    } else if constexpr (kind == CandidateFieldKind::OptionalText) {
      f.of(c) = in.text_or_empty(key.c_str());
    } else if constexpr (kind == CandidateFieldKind::Ccps) {
      f.of(c) = read_ccp_set(in, key.c_str());
    } else if constexpr (kind == CandidateFieldKind::Equivalences) {
      if (in.has(key.c_str())) {
        f.of(c) = read_ccp_set(in, key.c_str());
      } else {
        // Before titles were data, the one equivalence was the REMN's CCP1.
        c.legacy_equivalence_flag = true;
        if (in.flag(std::string(kLegacyEquivalenceKey).c_str())) f.of(c) = {std::string(kLegacyEquivalenceCcp)};
      }
    } else if constexpr (kind == CandidateFieldKind::Sheets) {
      f.of(c) = read_sheets(in, key.c_str());
    }
  });
  return c;
}

// ---- field kinds only payloads have ----

// A CCP's id, checked as one.
struct CcpIdText {};
// The candidate's fields through put()/read_candidate(): as an object of
// their own, or beside the payload's uuid.
struct CandidateObject {};
struct CandidateFlattened {};

template <class Record>
constexpr auto candidate_object(std::string_view key, payload::CandidateFields Record::*member) {
  return Field<Record, payload::CandidateFields, CandidateObject>{key, member};
}
template <class Record>
constexpr auto candidate_flattened(payload::CandidateFields Record::*member) {
  return Field<Record, payload::CandidateFields, CandidateFlattened>{{}, member};
}

// ---- one writer and one reader for every field list ----

template <class T>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;
template <class T>
inline constexpr bool kIsVector = false;
template <class T>
inline constexpr bool kIsVector<std::vector<T>> = true;
template <class T>
inline constexpr bool kIsMap = false;
template <class T>
inline constexpr bool kIsMap<std::map<std::string, T>> = true;
template <class As>
inline constexpr bool kIsFlattened = false;
template <class L>
inline constexpr bool kIsFlattened<Flattened<L>> = true;
template <class As>
inline constexpr bool kIsObject = false;
template <class L, class Sub>
inline constexpr bool kIsObject<Object<L, Sub>> = true;
template <class As>
inline constexpr bool kIsIds = false;
template <class E>
inline constexpr bool kIsIds<Ids<E>> = true;
template <class>
struct NoCodec : std::false_type {};

// What a field holds when the payload leaves it out.
template <class Record>
const Record& default_record() {
  static const Record r{};
  return r;
}

template <class Record, class List>
void write_fields(json& j, const Record& r, const List& list);
template <class Record, class List>
void read_fields(const Fields& f, Record& r, const List& list);

template <class T, class As>
json value_json(const T& v, const As& as) {
  if constexpr (std::is_same_v<As, CandidateObject>) {
    json j = json::object();
    put(j, v);
    return j;
  } else if constexpr (kIsVector<T>) {
    json a = json::array();
    for (const auto& e : v) a.push_back(value_json(e, as));
    return a;
  } else if constexpr (kIsMap<T>) {
    json o = json::object();
    for (const auto& [k, e] : v) o[k] = value_json(e, as);
    return o;
  } else if constexpr (kIsObject<As>) {
    json j = json::object();
    write_fields(j, v, as.fields);
    return j;
  } else if constexpr (kIsIds<As>) {
    return std::string(as.table[static_cast<std::size_t>(v)].id);
  } else if constexpr (std::is_same_v<T, CcpSet>) {
    return ccp_set_json(v);
  } else if constexpr (std::is_same_v<T, SessionSheetTitles>) {
    return sheets_json(v);
  } else {
    return v;  // a text, a flag, a number
  }
}

template <class T, class As>
void read_value(const json& v, const Where& w, T& out, const As& as) {
  if constexpr (std::is_same_v<As, CandidateObject>) {
    out = read_candidate(Fields(v, w));
  } else if constexpr (kIsVector<T>) {
    if (!v.is_array()) wrong(v, w, "une liste");
    out.resize(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) read_value(v[i], Where{&w, {}, i}, out[i], as);
  } else if constexpr (kIsMap<T>) {
    if (!v.is_object()) throw PayloadError(w.pointer(), "un objet attendu, trouvé " + type_word(v));
    for (const auto& [k, e] : v.items()) read_value(e, Where{&w, k}, out[k], as);
  } else if constexpr (kIsObject<As>) {
    read_fields(Fields(v, w), out, as.fields);
    if (as.check)
      if (std::string why = as.check(out); !why.empty()) throw PayloadError(w.pointer(), why);
  } else if constexpr (kIsIds<As>) {
    out = read_id(v, w, [&](std::string_view s) -> std::optional<T> {
      for (std::size_t i = 0; i < as.size; ++i)
        if (as.table[i].id == s) return as.table[i].value;
      return std::nullopt;
    });
  } else if constexpr (std::is_same_v<As, Integer> || std::is_same_v<As, Count>) {
    const std::int64_t n = std::is_same_v<As, Count> ? read_count(v, w) : read_integer(v, w);
    if (as.check)
      if (std::string why = as.check(n); !why.empty()) throw PayloadError(w.pointer(), why);
    out = static_cast<T>(n);
  } else if constexpr (std::is_same_v<As, CcpIdText>) {
    out = read_id(v, w, [](std::string_view s) { return is_ccp_id(s) ? std::optional<CcpId>(s) : std::nullopt; });
  } else if constexpr (std::is_same_v<T, std::string>) {
    out = read_text(v, w);
  } else if constexpr (std::is_same_v<T, bool>) {
    out = read_flag(v, w);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    out = read_integer(v, w);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    out = static_cast<std::uint64_t>(read_count(v, w));
  } else if constexpr (std::is_same_v<T, CcpSet>) {
    out = read_id(v, w, &ccp_set_from_id);
  } else if constexpr (std::is_same_v<T, SessionSheetTitles>) {
    out = read_sheets(v, w);
  } else {
    static_assert(NoCodec<T>::value, "a field kind no payload codec knows");
  }
}

template <class Record, class List>
void write_fields(json& j, const Record& r, const List& list) {
  for_each_field(list, [&](const auto& fd) {
    if (!fd.with_key.empty() && !j.contains(fd.with_key)) return;
    const auto& v = fd.of(r);
    if (fd.presence == Presence::OmittedWhenDefault && v == fd.of(default_record<Record>())) return;
    using T = std::remove_cvref_t<decltype(v)>;
    using As = std::remove_cvref_t<decltype(fd.kind)>;
    if constexpr (std::is_same_v<As, CandidateFlattened>) {
      put(j, v);
    } else if constexpr (kIsOptional<T>) {
      if (!v) return;
      if constexpr (kIsFlattened<As>)
        write_fields(j, *v, fd.kind.fields);
      else
        j[fd.key] = value_json(*v, fd.kind);
    } else if constexpr (kIsFlattened<As>) {
      write_fields(j, v, fd.kind.fields);
    } else {
      j[fd.key] = value_json(v, fd.kind);
    }
  });
}

template <class List>
bool any_key(const Fields& f, const List& list) {
  bool any = false;
  for_each_field(list, [&](const auto& fd) { any = any || f.has(fd.key); });
  return any;
}

template <class Record, class List>
void read_fields(const Fields& f, Record& r, const List& list) {
  for_each_field(list, [&](const auto& fd) {
    if (!fd.with_key.empty() && !f.has(fd.with_key)) return;
    auto& out = fd.of(r);
    using T = std::remove_cvref_t<decltype(out)>;
    using As = std::remove_cvref_t<decltype(fd.kind)>;
    if constexpr (std::is_same_v<As, CandidateFlattened>) {
      out = read_candidate(f);
    } else if constexpr (kIsFlattened<As>) {
      if constexpr (kIsOptional<T>) {
        if (!any_key(f, fd.kind.fields)) return;
        read_fields(f, out.emplace(), fd.kind.fields);
      } else {
        read_fields(f, out, fd.kind.fields);
      }
    } else {
      const json* v = f.find(fd.key);
      if (!v) {
        if (kIsOptional<T> || fd.presence == Presence::OmittedWhenDefault) return;
        v = &f.member(fd.key);  // throws: the key is missing
      }
      if constexpr (kIsOptional<T>)
        read_value(*v, f.at(fd.key), out.emplace(), fd.kind);
      else
        read_value(*v, f.at(fd.key), out, fd.kind);
    }
  });
}

template <class P, class List>
json payload_json(const P& p, const List& list) {
  json j = json::object();
  write_fields(j, p, list);
  return j;
}

template <class P, class List>
P read_payload_fields(const Fields& f, const List& list) {
  P p{};
  read_fields(f, p, list);
  return p;
}

// ---- each payload's fields, once ----
// Listed in the order a reader checks them (the first wrong key is the one
// named); the text's keys are sorted whatever the order.

using namespace payload;

// An index into the draw's titles; that it is one of them is the replay's
// to check, against the title's count.
std::string sheet_index_problem(std::int64_t n) {
  if (n >= 0 && n < kMaxSessionSheets) return {};
  return "un numéro de fiche de 0 à " + std::to_string(kMaxSessionSheets - 1) + " attendu, trouvé " + std::to_string(n);
}
std::string exam_rules_problem(std::int64_t n) {
  return n >= 1 && n <= 1000 ? std::string() : std::string("un numéro de règles de 1 à 1000 attendu");
}
// Read as written: a number too large for an int must not wrap to a known version.
std::string declared_rules_problem(std::int64_t n) {
  return n <= 1'000'000 ? std::string() : "une version des règles attendue, trouvé " + std::to_string(n);
}

constexpr auto kSessionFields = std::tuple{
    field("title", &SessionFields::title),
    field("date", &SessionFields::date),
    field("exam_centre", &SessionFields::exam_centre),
    field("kind", &SessionFields::kind).as(ids(kSessionKindWords)),
    field("ccps", &SessionFields::ccps),
};
static_assert(field_keys_distinct(kSessionFields));

constexpr auto kCreateSessionFields = std::tuple{
    field("uuid", &CreateSession::uuid),
    flattened(&CreateSession::session, kSessionFields),
};
static_assert(field_keys_distinct(kCreateSessionFields));

constexpr auto kSessionBeforeFields = std::tuple{
    field("title", &EditSession::Before::title),
    field("date", &EditSession::Before::date),
    field("exam_centre", &EditSession::Before::exam_centre),
    field("ccps", &EditSession::Before::ccps),
};
static_assert(field_keys_distinct(kSessionBeforeFields));

constexpr auto kEditSessionFields = std::tuple{
    field("uuid", &EditSession::uuid),
    flattened(&EditSession::session, kSessionFields),
    object_field("before", &EditSession::before, kSessionBeforeFields),
};
static_assert(field_keys_distinct(kEditSessionFields));

constexpr auto kPinCostFields = std::tuple{
    field("ops", &PinCost::ops),
    field("mem", &PinCost::mem),
};
static_assert(field_keys_distinct(kPinCostFields));
constexpr auto kPinFields = std::tuple{
    field("salt", &MemberPin::salt),
    field("public_key", &MemberPin::public_key),
    flattened(&MemberPin::cost, kPinCostFields),
};
static_assert(field_keys_distinct(kPinFields));

constexpr auto kAddJuryMemberFields = std::tuple{
    field("uuid", &AddJuryMember::uuid),
    field("name", &AddJuryMember::name),
    field("role", &AddJuryMember::role).as(ids(kJuryRoleWords)),
    field("feminine", &AddJuryMember::feminine).omitted_when_default(),
    object_field("pin", &AddJuryMember::pin, kPinFields, &member_pin_problem),
};
static_assert(field_keys_distinct(kAddJuryMemberFields));

constexpr auto kResetMemberPinFields = std::tuple{
    field("uuid", &ResetMemberPin::uuid),
    field("name", &ResetMemberPin::name),
    field("by", &ResetMemberPin::by),
    field("by_name", &ResetMemberPin::by_name),
    object_field("pin", &ResetMemberPin::pin, kPinFields, &member_pin_problem),
    field("signature", &ResetMemberPin::signature),
};
static_assert(field_keys_distinct(kResetMemberPinFields));

constexpr auto kRemoveJuryMemberFields = std::tuple{
    field("uuid", &RemoveJuryMember::uuid),
    field("name", &RemoveJuryMember::name),
};
static_assert(field_keys_distinct(kRemoveJuryMemberFields));

constexpr auto kAddCandidateFields = std::tuple{
    field("uuid", &AddCandidate::uuid),
    candidate_flattened(&AddCandidate::candidate),
};
static_assert(field_keys_distinct(kAddCandidateFields));

constexpr auto kEditCandidateFields = std::tuple{
    field("uuid", &EditCandidate::uuid),
    candidate_object("before", &EditCandidate::before),
    candidate_object("after", &EditCandidate::after),
};
static_assert(field_keys_distinct(kEditCandidateFields));

constexpr auto kSetAttendanceFields = std::tuple{
    field("uuid", &SetAttendance::uuid),
    field("before", &SetAttendance::before).as(ids(kAttendanceWords)),
    field("after", &SetAttendance::after).as(ids(kAttendanceWords)),
};
static_assert(field_keys_distinct(kSetAttendanceFields));

constexpr auto kImportedFields = std::tuple{
    field("uuid", &ImportCandidates::Imported::uuid),
    candidate_flattened(&ImportCandidates::Imported::candidate),
};
static_assert(field_keys_distinct(kImportedFields));
constexpr auto kImportCandidatesFields = std::tuple{
    field("source", &ImportCandidates::source),
    field("count", &ImportCandidates::count),
    object_field("candidates", &ImportCandidates::candidates, kImportedFields),
};
static_assert(field_keys_distinct(kImportCandidatesFields));

constexpr auto kPlanFields = std::tuple{
    field("plan", &StartExam::Version::id),
    field("plan_version", &StartExam::Version::version),
};
static_assert(field_keys_distinct(kPlanFields));
constexpr auto kGridFields = std::tuple{
    field("grid", &StartExam::Version::id),
    field("grid_version", &StartExam::Version::version),
};
static_assert(field_keys_distinct(kGridFields));
constexpr auto kStartExamFields = std::tuple{
    field("run", &StartExam::run),
    field("candidate", &StartExam::candidate),
    field("ccp", &StartExam::ccp).as(CcpIdText{}),
    flattened(&StartExam::plan, kPlanFields),
    field("attendance_before", &StartExam::attendance_before).as(ids(kAttendanceWords)),
    flattened(&StartExam::grid, kGridFields),  // absent when no grid was loaded
    field("rules", &StartExam::rules).as(Integer{&exam_rules_problem}).omitted_when_default(),
};
static_assert(field_keys_distinct(kStartExamFields));

constexpr auto kTimerEventFields = std::tuple{
    field("run", &payload::TimerEvent::run),
    field("event", &payload::TimerEvent::event).as(ids(kTimerEventKindWords)),
    field("stage", &payload::TimerEvent::stage),
    field("amount_ms", &payload::TimerEvent::amount_ms).omitted_when_default(),
    field("reason", &payload::TimerEvent::reason).omitted_when_default(),
    field("pressed_at", &payload::TimerEvent::pressed_at).omitted_when_default(),
};
static_assert(field_keys_distinct(kTimerEventFields));

constexpr auto kSheetDrawFields = std::tuple{
    field("chosen", &payload::SheetDraw::chosen).as(Integer{&sheet_index_problem}),
    field("run", &payload::SheetDraw::run),
    field("titles", &payload::SheetDraw::titles),
    field("chosen_title", &payload::SheetDraw::chosen_title),
    field("method", &payload::SheetDraw::method).as(ids(kDrawMethodWords)),
    field("reason", &payload::SheetDraw::reason).omitted_when_default(),
};
static_assert(field_keys_distinct(kSheetDrawFields));

constexpr auto kRecordMarkFields = std::tuple{
    field("run", &RecordMark::run),
    field("member", &RecordMark::member),
    field("member_name", &RecordMark::member_name),
    field("criterion", &RecordMark::criterion),
    field("level", &RecordMark::level),
    field("before", &RecordMark::before),
};
static_assert(field_keys_distinct(kRecordMarkFields));

constexpr auto kSetObservationFields = std::tuple{
    field("run", &SetObservation::run),
    field("member", &SetObservation::member),
    field("member_name", &SetObservation::member_name),
    field("competency", &SetObservation::competency),
    field("text", &SetObservation::text),
};
static_assert(field_keys_distinct(kSetObservationFields));

constexpr auto kDecideCompetencyFields = std::tuple{
    field("run", &DecideCompetency::run),
    field("competency", &DecideCompetency::competency),
    field("status", &DecideCompetency::status).as(ids(kCompetencyStatusWords)),
    field("before", &DecideCompetency::before).as(ids(kCompetencyStatusWords)),
    field("cleared", &DecideCompetency::cleared).as(ids(kCcpOutcomeWords)).omitted_when_default(),
    field("reason", &DecideCompetency::reason).omitted_when_default(),
};
static_assert(field_keys_distinct(kDecideCompetencyFields));

constexpr auto kDecideCcpFields = std::tuple{
    field("run", &DecideCcp::run),
    field("proposed", &DecideCcp::proposed).as(ids(kCcpOutcomeWords)),
    field("decided", &DecideCcp::decided).as(ids(kCcpOutcomeWords)),
    field("justification", &DecideCcp::justification),
    field("before", &DecideCcp::before).as(ids(kCcpOutcomeWords)),
    field("competencies", &DecideCcp::competencies).as(ids(kCompetencyStatusWords)),  // keyed by competency
};
static_assert(field_keys_distinct(kDecideCcpFields));

constexpr auto kConfirmDecisionFields = std::tuple{
    field("run", &ConfirmDecision::run),
    field("member", &ConfirmDecision::member),
    field("member_name", &ConfirmDecision::member_name),
    field("decided", &ConfirmDecision::decided).as(ids(kCcpOutcomeWords)),
    field("locked", &ConfirmDecision::locked),
    field("signature", &ConfirmDecision::signature).omitted_when_default(),
};
static_assert(field_keys_distinct(kConfirmDecisionFields));

constexpr auto kReopenDecisionFields = std::tuple{
    field("run", &ReopenDecision::run),
    field("reason", &ReopenDecision::reason),
    field("member", &ReopenDecision::member).omitted_when_default(),
    field("member_name", &ReopenDecision::member_name).omitted_when_default(),
    field("decided", &ReopenDecision::decided).as(ids(kCcpOutcomeWords)),
    field("locked_at", &ReopenDecision::locked_at),
    field("signed_by", &ReopenDecision::signed_by).omitted_when_default(),
    field("signature", &ReopenDecision::signature).omitted_when_default(),
};
static_assert(field_keys_distinct(kReopenDecisionFields));

constexpr auto kSetFeedbackFields = std::tuple{
    field("run", &SetFeedback::run),
    field("competency", &SetFeedback::competency),
    field("strengths", &SetFeedback::strengths),
    field("improvements", &SetFeedback::improvements),
};
static_assert(field_keys_distinct(kSetFeedbackFields));

constexpr auto kSetFeedbackAdviceFields = std::tuple{
    field("run", &SetFeedbackAdvice::run),
    field("advice", &SetFeedbackAdvice::advice),
};
static_assert(field_keys_distinct(kSetFeedbackAdviceFields));

constexpr auto kConflictFields = std::tuple{
    field("candidate", &MergeBundle::Conflict::candidate),
    field("ccp", &MergeBundle::Conflict::ccp).as(CcpIdText{}),
    field("held", &MergeBundle::Conflict::held).as(ids(kCcpOutcomeWords)),
    field("bundle", &MergeBundle::Conflict::bundle).as(ids(kCcpOutcomeWords)),
};
static_assert(field_keys_distinct(kConflictFields));
constexpr auto kRedecidedFields = std::tuple{
    field("candidate", &MergeBundle::Redecided::candidate),
    field("ccp", &MergeBundle::Redecided::ccp).as(CcpIdText{}),
    field("before", &MergeBundle::Redecided::before).as(ids(kCcpOutcomeWords)),
    field("after", &MergeBundle::Redecided::after).as(ids(kCcpOutcomeWords)),
};
static_assert(field_keys_distinct(kRedecidedFields));
// Keys added after the first version only when used: entries written before
// stay as they were.
constexpr auto kMergeBundleFields = std::tuple{
    field("digest", &MergeBundle::digest),
    field("source", &MergeBundle::source),
    field("session", &MergeBundle::session),
    field("key_fingerprint", &MergeBundle::key_fingerprint),
    field("exported_at", &MergeBundle::exported_at),
    field("audit_digest", &MergeBundle::audit_digest),
    field("candidates_added", &MergeBundle::candidates_added).as(Count{}),
    field("runs_added", &MergeBundle::runs_added).as(Count{}),
    field("marks_added", &MergeBundle::marks_added).as(Count{}),
    field("marks_updated", &MergeBundle::marks_updated).as(Count{}),
    field("decisions_added", &MergeBundle::decisions_added).as(Count{}),
    object_field("conflicts", &MergeBundle::conflicts, kConflictFields),
    field("supersedes", &MergeBundle::supersedes).omitted_when_default(),
    field("entries_after", &MergeBundle::entries_after).as(Count{}).beside("supersedes"),
    object_field("redecided", &MergeBundle::redecided, kRedecidedFields).omitted_when_default(),
    field("unproven", &MergeBundle::unproven).omitted_when_default(),
};
static_assert(field_keys_distinct(kMergeBundleFields));

constexpr auto kTrustKeyFields = std::tuple{
    field("fingerprint", &TrustKey::fingerprint),
    field("name", &TrustKey::name),
    field("enrolled_by", &TrustKey::enrolled_by),
    field("source", &TrustKey::source),
    field("checked_by_phone", &TrustKey::checked_by_phone),
    field("again", &TrustKey::again).omitted_when_default(),
};
static_assert(field_keys_distinct(kTrustKeyFields));

constexpr auto kRevokeKeyFields = std::tuple{
    field("fingerprint", &RevokeKey::fingerprint),
    field("name", &RevokeKey::name),
    field("revoked_by", &RevokeKey::revoked_by),
};
static_assert(field_keys_distinct(kRevokeKeyFields));

constexpr auto kConfirmSessionKeyFields = std::tuple{
    field("fingerprint", &ConfirmSessionKey::fingerprint),
    field("name", &ConfirmSessionKey::name),
    field("session", &ConfirmSessionKey::session),
    field("confirmed_by", &ConfirmSessionKey::confirmed_by),
};
static_assert(field_keys_distinct(kConfirmSessionKeyFields));

constexpr auto kCheckPvCodeFields = std::tuple{
    field("code", &CheckPvCode::code),
    field("head", &CheckPvCode::head),
    field("key_fingerprint", &CheckPvCode::key_fingerprint),
    field("entry", &CheckPvCode::entry).as(Count{}),
    field("entries_after", &CheckPvCode::entries_after).as(Count{}),
    field("checked_by", &CheckPvCode::checked_by),
};
static_assert(field_keys_distinct(kCheckPvCodeFields));

constexpr auto kRecordInterruptionFields = std::tuple{
    field("run", &RecordInterruption::run),
    field("from_ms", &RecordInterruption::from_ms),
    field("to_ms", &RecordInterruption::to_ms),
    field("cause", &RecordInterruption::cause).as(ids(kInterruptionCauseWords)),
};
static_assert(field_keys_distinct(kRecordInterruptionFields));

constexpr auto kChainAuditTrailFields = std::tuple{
    field("entries", &ChainAuditTrail::entries).as(Count{}),
    field("head", &ChainAuditTrail::head),
    field("schema_version", &ChainAuditTrail::schema_version).as(Count{}),
};
static_assert(field_keys_distinct(kChainAuditTrailFields));

constexpr auto kDeclareRulesFields = std::tuple{
    field("rules", &DeclareRules::rules).as(Count{&declared_rules_problem}),
};
static_assert(field_keys_distinct(kDeclareRulesFields));

// Each payload struct with its field list.
constexpr const auto& fields_of(const CreateSession&) { return kCreateSessionFields; }
constexpr const auto& fields_of(const EditSession&) { return kEditSessionFields; }
constexpr const auto& fields_of(const AddJuryMember&) { return kAddJuryMemberFields; }
constexpr const auto& fields_of(const RemoveJuryMember&) { return kRemoveJuryMemberFields; }
constexpr const auto& fields_of(const AddCandidate&) { return kAddCandidateFields; }
constexpr const auto& fields_of(const EditCandidate&) { return kEditCandidateFields; }
constexpr const auto& fields_of(const SetAttendance&) { return kSetAttendanceFields; }
constexpr const auto& fields_of(const ImportCandidates&) { return kImportCandidatesFields; }
constexpr const auto& fields_of(const StartExam&) { return kStartExamFields; }
constexpr const auto& fields_of(const payload::TimerEvent&) { return kTimerEventFields; }
constexpr const auto& fields_of(const payload::SheetDraw&) { return kSheetDrawFields; }
constexpr const auto& fields_of(const RecordMark&) { return kRecordMarkFields; }
constexpr const auto& fields_of(const SetObservation&) { return kSetObservationFields; }
constexpr const auto& fields_of(const DecideCompetency&) { return kDecideCompetencyFields; }
constexpr const auto& fields_of(const DecideCcp&) { return kDecideCcpFields; }
constexpr const auto& fields_of(const ConfirmDecision&) { return kConfirmDecisionFields; }
constexpr const auto& fields_of(const ReopenDecision&) { return kReopenDecisionFields; }
constexpr const auto& fields_of(const SetFeedback&) { return kSetFeedbackFields; }
constexpr const auto& fields_of(const SetFeedbackAdvice&) { return kSetFeedbackAdviceFields; }
constexpr const auto& fields_of(const MergeBundle&) { return kMergeBundleFields; }
constexpr const auto& fields_of(const RecordInterruption&) { return kRecordInterruptionFields; }
constexpr const auto& fields_of(const ResetMemberPin&) { return kResetMemberPinFields; }
constexpr const auto& fields_of(const TrustKey&) { return kTrustKeyFields; }
constexpr const auto& fields_of(const RevokeKey&) { return kRevokeKeyFields; }
constexpr const auto& fields_of(const CheckPvCode&) { return kCheckPvCodeFields; }
constexpr const auto& fields_of(const ChainAuditTrail&) { return kChainAuditTrailFields; }
constexpr const auto& fields_of(const DeclareRules&) { return kDeclareRulesFields; }
constexpr const auto& fields_of(const ConfirmSessionKey&) { return kConfirmSessionKeyFields; }

template <class P>
P read_as(const Fields& f) {
  return read_payload_fields<P>(f, fields_of(P{}));
}

}  // namespace

std::string payload_text(const AuditPayload& p) {
  return std::visit([](const auto& x) { return payload_json(x, fields_of(x)).dump(); }, p);
}

AuditPayload read_payload(AuditAction action, std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw PayloadError("", "ce n’est pas du JSON");
  const Where root;
  const Fields f(doc, root);
  switch (action) {
    case AuditAction::CreateSession: return read_as<payload::CreateSession>(f);
    case AuditAction::EditSession: return read_as<payload::EditSession>(f);
    case AuditAction::AddJuryMember: return read_as<payload::AddJuryMember>(f);
    case AuditAction::RemoveJuryMember: return read_as<payload::RemoveJuryMember>(f);
    case AuditAction::AddCandidate: return read_as<payload::AddCandidate>(f);
    case AuditAction::EditCandidate: return read_as<payload::EditCandidate>(f);
    case AuditAction::SetAttendance: return read_as<payload::SetAttendance>(f);
    case AuditAction::ImportCandidates: return read_as<payload::ImportCandidates>(f);
    case AuditAction::StartExam: return read_as<payload::StartExam>(f);
    case AuditAction::StartStage:
    case AuditAction::PauseStage:
    case AuditAction::ResumeStage:
    case AuditAction::ExtendStage:
    case AuditAction::EndStage:
    case AuditAction::NextStage:
    case AuditAction::TimerEvent: return read_as<payload::TimerEvent>(f);
    case AuditAction::DrawSheet:
    case AuditAction::ChooseSheet: {
      payload::SheetDraw d = read_as<payload::SheetDraw>(f);
      // One of the titles listed (as many as the title's count: the replay checks that).
      if (static_cast<std::size_t>(d.chosen) >= d.titles.size())
        throw PayloadError("/chosen", "un numéro de fiche de 0 à " + std::to_string(static_cast<int>(d.titles.size()) - 1) +
                                          " attendu, trouvé " + std::to_string(d.chosen));
      return d;
    }
    case AuditAction::RecordMark: return read_as<payload::RecordMark>(f);
    case AuditAction::SetObservation: return read_as<payload::SetObservation>(f);
    case AuditAction::DecideCompetency: return read_as<payload::DecideCompetency>(f);
    case AuditAction::DecideCcp: return read_as<payload::DecideCcp>(f);
    case AuditAction::ConfirmDecision: return read_as<payload::ConfirmDecision>(f);
    case AuditAction::ReopenDecision: return read_as<payload::ReopenDecision>(f);
    case AuditAction::SetFeedback: return read_as<payload::SetFeedback>(f);
    case AuditAction::SetFeedbackAdvice: return read_as<payload::SetFeedbackAdvice>(f);
    case AuditAction::MergeBundle: return read_as<payload::MergeBundle>(f);
    case AuditAction::RecordInterruption: return read_as<payload::RecordInterruption>(f);
    case AuditAction::ResetMemberPin: return read_as<payload::ResetMemberPin>(f);
    case AuditAction::TrustKey: return read_as<payload::TrustKey>(f);
    case AuditAction::RevokeKey: return read_as<payload::RevokeKey>(f);
    case AuditAction::CheckPvCode: return read_as<payload::CheckPvCode>(f);
    case AuditAction::ChainAuditTrail: return read_as<payload::ChainAuditTrail>(f);
    case AuditAction::DeclareRules: return read_as<payload::DeclareRules>(f);
    case AuditAction::ConfirmSessionKey: return read_as<payload::ConfirmSessionKey>(f);
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
