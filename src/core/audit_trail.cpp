#include "core/audit_trail.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <stdexcept>

#include "core/domain.h"
#include "core/local_time.h"
#include "core/sheet_draw.h"
#include "core/stage_timer.h"

namespace jurymn {

std::string audit_line(const AuditRecord& e) {
  std::string line = std::to_string(e.id) + "\t" + std::to_string(e.at_ms) + "\t";
  line.append(e.actor).append("\t").append(e.action).append("\t").append(e.candidate_uuid).append("\t").append(e.payload);
  return line;
}

std::string audit_hash(std::string_view prev_hash, std::string_view line) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium ne démarre pas.");
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(prev_hash.data()), prev_hash.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>("\n"), 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(line.data()), line.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

std::string AuditChainReport::summary() const {
  if (!broken) return "chaîne intacte\u00A0: " + std::to_string(entries) + (entries > 1 ? " entrées" : " entrée");
  const AuditBreak& b = *broken;
  if (b.id == 0) return "chaîne rompue à la fin du journal\u00A0: " + b.reason;
  return "chaîne rompue à l’entrée n°\u00A0" + std::to_string(b.id) + " (" + french_date_time(b.at_ms) + ", " + b.action +
         ")\u00A0: " + b.reason;
}

void AuditChainWalk::fail(const AuditRecord& e, std::string reason) {
  if (!broken_) broken_ = AuditBreak{e.id, e.at_ms, e.action, std::move(reason)};
}

void AuditChainWalk::add(const AuditRecord& e) {
  ++entries_;
  if (entries_ > 1 && e.id <= last_id_) fail(e, "entrée hors de son ordre (numéro déplacé)");
  std::string_view prev = last_hash_;
  if (stored_links_) {
    // The stored link names another predecessor: an entry before this one
    // was removed, inserted or moved.
    if (e.prev_hash != last_hash_)
      fail(e, "ne suit pas l’entrée précédente (une entrée a été supprimée, insérée ou déplacée)");
    prev = e.prev_hash;
  }
  if (audit_hash(prev, audit_line(e)) != e.hash)
    fail(e, stored_links_ ? "contenu modifié après coup (l’empreinte ne correspond plus)"
                          : "l’empreinte ne correspond plus (entrée modifiée, ou une entrée avant elle supprimée "
                            "ou déplacée)");
  last_id_ = e.id;
  last_at_ = e.at_ms;
  last_action_ = e.action;
  last_hash_ = e.hash;
}

AuditChainReport walk_audit_chain(const std::vector<AuditRecord>& entries, const AuditHead& head) {
  AuditChainWalk walk(true);
  for (const auto& e : entries) walk.add(e);
  walk.finish(head);
  AuditChainReport r;
  r.entries = walk.entries();
  r.sessions = 1;
  r.broken = walk.broken();
  return r;
}

void AuditChainWalk::finish(const AuditHead& head) {
  if (broken_) return;
  if (head.entries != entries_ || head.digest != last_hash_) {
    AuditBreak b;
    b.reason = "l’en-tête enregistre " + std::to_string(head.entries) + " entrée" + (head.entries > 1 ? "s" : "") +
               ", il en reste " + std::to_string(entries_);
    if (head.entries == entries_) b.reason = "l’empreinte de tête ne correspond pas à la dernière entrée";
    if (entries_ > 0) b.reason += " (dernière présente\u00A0: n°\u00A0" + std::to_string(last_id_) + ", " + last_action_ + ")";
    b.at_ms = last_at_;
    broken_ = std::move(b);
  }
}

}  // namespace jurymn

// ---- Reading the trail ----

namespace jurymn {

namespace {

using nlohmann::json;

constexpr std::string_view kNbsp = "\u00A0";

struct ActionLabel {
  std::string_view id;
  std::string_view label;
};

// Every action Store::apply names (store/apply.cpp, action_name), and the
// entry the schema upgrade writes when it chains an older trail.
constexpr ActionLabel kActionLabels[] = {
    {"create_session", "Session créée"},
    {"edit_session", "Session modifiée"},
    {"add_jury_member", "Membre du jury ajouté"},
    {"remove_jury_member", "Membre du jury retiré"},
    {"add_candidate", "Candidat ajouté"},
    {"edit_candidate", "Candidat modifié"},
    {"set_attendance", "Présence modifiée"},
    {"import_candidates", "Candidats importés"},
    {"start_exam", "Épreuve commencée"},
    {"start_stage", "Étape commencée"},
    {"pause_stage", "Étape mise en pause"},
    {"resume_stage", "Étape reprise"},
    {"extend_stage", "Étape prolongée"},
    {"end_stage", "Étape terminée"},
    {"next_stage", "Étape suivante"},
    {"timer_event", "Chronomètre"},
    {"draw_sheet", "Fiche séance tirée"},
    {"choose_sheet", "Fiche séance choisie"},
    {"record_mark", "Note attribuée"},
    {"set_observation", "Observation écrite"},
    {"decide_competency", "Compétence décidée"},
    {"decide_ccp", "Décision du CCP"},
    {"confirm_decision", "Confirmation de la décision"},
    {"reopen_decision", "Réouverture de la décision"},
    {"set_feedback", "Retour au candidat"},
    {"set_feedback_advice", "Conseil au candidat"},
    {"merge_bundle", "Lot de résultats fusionné"},
    {"chain_audit_trail", "Journal chaîné"},
};

// The member or key `key` of `j` as text: a string as it is, a number in
// digits; anything else (absent, null, array…) gives "".
std::string text_of(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  return {};
}

std::int64_t integer_of(const json& j, const char* key, std::int64_t fallback = 0) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number_unsigned()) return static_cast<std::int64_t>(it->get<std::uint64_t>());
  return fallback;
}

bool flag_of(const json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

const json& member_of(const json& j, const char* key) {
  static const json null_json;
  if (!j.is_object()) return null_json;
  auto it = j.find(key);
  return it == j.end() ? null_json : *it;
}

// One line: control characters become spaces, runs of spaces one, ends trimmed.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const bool space = c == ' ' || (static_cast<unsigned char>(c) < 0x20) || c == 0x7F;
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// At most `max_chars` characters (UTF-8 code points), cut with « … ».
std::string shortened(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) {
      std::string out(s.substr(0, i));
      while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '.')) out.pop_back();
      return out + "…";
    }
    ++chars;
  }
  return std::string(s);
}

constexpr std::size_t kQuoteChars = 90;

// « text », on one line and shortened.
std::string in_quotes(std::string_view s, std::size_t max_chars = kQuoteChars) {
  return "«" + std::string(kNbsp) + shortened(one_line(s), max_chars) + std::string(kNbsp) + "»";
}

// « text : value » with the no-break space French puts before a colon.
std::string colon(std::string_view before, std::string_view after) {
  return std::string(before) + std::string(kNbsp) + ": " + std::string(after);
}

// 1234567 → « 1 234 567 » (narrow no-break spaces).
std::string digits(std::int64_t n) {
  std::string raw = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i > 0 && (raw.size() - i) % 3 == 0) out += "\u202F";
    out += raw[i];
  }
  return n < 0 ? "−" + out : out;
}

std::string counted(std::int64_t n, std::string_view one, std::string_view many) {
  return digits(n) + std::string(kNbsp) + std::string(n > 1 || n < -1 ? many : one);
}

// « 5 min », « 1 min 30 s », « 45 s ».
std::string duration_text(std::int64_t ms) {
  const std::int64_t s = ms / 1000;
  const std::int64_t min = s / 60, sec = s % 60;
  std::string out;
  if (min > 0) out = std::to_string(min) + std::string(kNbsp) + "min";
  if (sec > 0 || min == 0) out += (out.empty() ? "" : " ") + std::to_string(sec) + std::string(kNbsp) + "s";
  return out;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The part of a path after its last separator (the import's file name).
std::string file_name(const std::string& path) {
  const auto cut = path.find_last_of("/\\");
  return cut == std::string::npos ? path : path.substr(cut + 1);
}

std::string_view or_dash(std::string_view s) { return s.empty() ? std::string_view("—") : s; }

std::string ccp_outcome_text(const std::string& id) {
  if (auto o = ccp_outcome_from_id(id)) return std::string(french_label(*o));
  return id.empty() ? std::string("—") : id;
}

// « obtenu », « non obtenu », « à décider »: the outcome alone, after « CCP ».
std::string outcome_word(const std::string& id) {
  if (auto o = ccp_outcome_from_id(id)) {
    switch (*o) {
      case CcpOutcome::Obtained: return "obtenu";
      case CcpOutcome::NotObtained: return "non obtenu";
      case CcpOutcome::Undecided: return "à décider";
    }
  }
  return id.empty() ? std::string("—") : id;
}

std::string status_word(const std::string& id) {
  if (auto s = competency_status_from_id(id)) {
    switch (*s) {
      case CompetencyStatus::Acquired: return "acquise";
      case CompetencyStatus::NotAcquired: return "non acquise";
      case CompetencyStatus::Undecided: return "à évaluer";
    }
  }
  return id.empty() ? std::string("—") : id;
}

std::string attendance_word(const std::string& id) {
  if (auto a = attendance_from_id(id)) return std::string(french_label(*a));
  return std::string(or_dash(id));
}

// Where a criterion sits in the grids: « CP-1 · critère 1.3 ».
struct CriterionPlace {
  const Grid* grid = nullptr;
  std::string text;
};

CriterionPlace criterion_place(const std::string& criterion, const AuditVocabulary& words) {
  if (words.grids)
    for (const Grid& g : *words.grids)
      for (const Competency& c : g.competencies)
        for (std::size_t k = 0; k < c.criteria.size(); ++k) {
          if (c.criteria[k].id != criterion) continue;
          // « 1.3 » when the competency id ends in its number, else « 3 ».
          std::size_t d = c.id.size();
          while (d > 0 && c.id[d - 1] >= '0' && c.id[d - 1] <= '9') --d;
          const std::string number = d < c.id.size() ? c.id.substr(d) + "." : std::string();
          return {&g, c.id + " · critère " + number + std::to_string(k + 1)};
        }
  return {nullptr, "critère " + criterion};
}

std::string level_text(const std::string& level, const Grid* grid, const AuditVocabulary& words) {
  if (level.empty()) return "—";
  if (grid)
    if (const RatingLevel* l = grid->level(level)) return l->label;
  if (words.grids)
    for (const Grid& g : *words.grids)
      if (const RatingLevel* l = g.level(level)) return l->label;
  return level;
}

std::string stage_text(const std::string& stage, const AuditVocabulary& words) {
  if (words.plans)
    for (const ExamPlan& p : *words.plans)
      for (const Stage& s : p.stages)
        if (s.id == stage) return s.label;
  std::string out = stage;
  for (char& c : out)
    if (c == '_') c = ' ';
  return capitalised(out);
}

std::string timer_summary(const AuditRecord& e, const json& p, const AuditVocabulary& words) {
  std::string event = text_of(p, "event");
  if (event.empty() && e.action.size() > 6 && e.action.ends_with("_stage"))
    event = e.action.substr(0, e.action.size() - 6);  // "pause_stage" → "pause"
  std::string what;
  switch (timer_event_kind_from_id(event).value_or(TimerEventKind::Start)) {
    case TimerEventKind::Start: what = "début"; break;
    case TimerEventKind::Pause: what = "mise en pause"; break;
    case TimerEventKind::Resume: what = "reprise"; break;
    case TimerEventKind::Extend: what = "prolongation de " + duration_text(integer_of(p, "amount_ms")); break;
    case TimerEventKind::End: what = "fin"; break;
    case TimerEventKind::Next: what = "début (l’étape précédente est close)"; break;
  }
  if (!timer_event_kind_from_id(event)) what = event.empty() ? std::string("événement") : event;
  const std::string stage = text_of(p, "stage");
  std::string out = stage.empty() ? capitalised(what) : stage_text(stage, words) + " — " + what;
  if (const std::string reason = text_of(p, "reason"); !reason.empty()) out = colon(out, in_quotes(reason));
  return out;
}

std::string sheet_summary(const json& p) {
  const std::int64_t chosen = integer_of(p, "chosen", -1);
  std::string title = text_of(p, "chosen_title");
  std::string out = chosen >= 0 ? "Fiche " + std::to_string(chosen + 1) : std::string("Fiche");
  if (!title.empty()) out = colon(out, in_quotes(title, 60));
  const std::string method = text_of(p, "method");
  if (auto m = draw_method_from_id(method)) out += *m == DrawMethod::Random ? " — tirage au sort" : " — choix du jury";
  if (const std::string reason = text_of(p, "reason"); !reason.empty())
    out += "\u00A0; " + colon("nouveau tirage, motif", in_quotes(reason, 60));
  return out;
}

std::string candidate_text(const json& c) {
  std::string out = text_of(c, "number");
  const std::string name = one_line(text_of(c, "last_name") + " " + text_of(c, "first_name"));
  if (!name.empty()) out += (out.empty() ? "" : " — ") + name;
  return out;
}

std::string candidate_changes(const json& before, const json& after) {
  std::vector<std::string> parts;
  auto field = [&](const char* key, const char* what) {
    const std::string b = text_of(before, key), a = text_of(after, key);
    if (a != b) parts.push_back(colon(what, std::string(or_dash(b)) + " → " + std::string(or_dash(a))));
  };
  field("number", "numéro");
  field("last_name", "nom");
  field("first_name", "prénom");
  if (text_of(before, "ccps") != text_of(after, "ccps")) {
    auto label = [](const std::string& id) {
      auto set = ccp_set_from_id(id);
      return set ? french_label(*set) : std::string(or_dash(id));
    };
    parts.push_back(colon("CCP", label(text_of(before, "ccps")) + " → " + label(text_of(after, "ccps"))));
  }
  if (flag_of(before, "ccp1_by_equivalence") != flag_of(after, "ccp1_by_equivalence"))
    parts.push_back(flag_of(after, "ccp1_by_equivalence") ? "CCP1 par équivalence" : "CCP1 examiné (plus d’équivalence)");
  if (member_of(before, "sheets") != member_of(after, "sheets")) parts.push_back("fiches séances modifiées");
  if (parts.empty()) return "aucun changement";
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "\u00A0; ") + s;
  return out;
}

std::string session_changes(const json& p) {
  const json& before = member_of(p, "before");
  std::vector<std::string> parts;
  auto field = [&](const char* key, const char* what) {
    const std::string b = text_of(before, key), a = text_of(p, key);
    if (a != b) parts.push_back(colon(what, in_quotes(b, 40) + " → " + in_quotes(a, 40)));
  };
  field("title", "intitulé");
  field("date", "date");
  field("exam_centre", "centre");
  if (text_of(before, "ccps") != text_of(p, "ccps"))
    parts.push_back(colon("CCP", std::string(or_dash(text_of(before, "ccps"))) + " → " + std::string(or_dash(text_of(p, "ccps")))));
  if (parts.empty()) return "aucun changement";
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "\u00A0; ") + s;
  return out;
}

// Unknown actions: their scalar members, « clé : valeur ».
std::string plain_summary(const json& p) {
  std::string out;
  if (!p.is_object()) return shortened(one_line(p.dump()), 160);
  for (auto it = p.begin(); it != p.end(); ++it) {
    std::string v;
    if (it->is_string()) v = it->get<std::string>();
    else if (it->is_primitive()) v = it->dump();
    else continue;
    out += (out.empty() ? "" : "\u00A0; ") + colon(it.key(), one_line(v));
  }
  return shortened(out, 160);
}

// The member each known action's payload must hold, as a string; a payload
// without it is not what the action writes and is shown plainly.
constexpr ActionLabel kRequiredKey[] = {
    {"create_session", "title"},        {"edit_session", "title"},        {"add_jury_member", "name"},
    {"remove_jury_member", "name"},     {"add_candidate", "number"},      {"edit_candidate", "uuid"},
    {"set_attendance", "after"},        {"import_candidates", "source"},  {"start_exam", "ccp"},
    {"timer_event", "event"},           {"draw_sheet", "method"},         {"choose_sheet", "method"},
    {"record_mark", "criterion"},       {"set_observation", "competency"}, {"decide_competency", "status"},
    {"decide_ccp", "decided"},          {"confirm_decision", "decided"},  {"reopen_decision", "decided"},
    {"set_feedback", "competency"},     {"set_feedback_advice", "advice"}, {"merge_bundle", "source"},
    {"chain_audit_trail", "head"},
};

bool readable(const std::string& action, const json& p) {
  if (!p.is_object()) return false;
  std::string_view key;
  for (const auto& k : kRequiredKey)
    if (k.id == action) key = k.label;
  if (key.empty() && action.size() > 6 && action.ends_with("_stage")) key = "event";
  if (key.empty()) return false;  // an action this version does not know
  auto it = p.find(std::string(key));
  return it != p.end() && it->is_string();
}

std::string summary_of(const AuditRecord& e, const json& p, const AuditVocabulary& words) {
  const std::string& a = e.action;
  if (!readable(a, p)) {
    std::string plain = plain_summary(p);
    return plain.empty() ? shortened(one_line(e.payload), 160) : plain;
  }
  if (a == "record_mark") {
    const CriterionPlace where = criterion_place(text_of(p, "criterion"), words);
    const std::string level = text_of(p, "level");
    return colon(where.text, level.empty() ? std::string("note effacée") : level_text(level, where.grid, words)) + " (" +
           colon("avant", level_text(text_of(p, "before"), where.grid, words)) + ")";
  }
  if (a == "set_observation") {
    const std::string text = one_line(text_of(p, "text"));
    return colon(text_of(p, "competency"), text.empty() ? std::string("observation effacée") : in_quotes(text));
  }
  if (a == "timer_event" || (a.size() > 6 && a.ends_with("_stage"))) return timer_summary(e, p, words);
  if (a == "draw_sheet" || a == "choose_sheet") return sheet_summary(p);
  if (a == "start_exam") {
    std::string out = text_of(p, "ccp");
    if (const std::string plan = text_of(p, "plan"); !plan.empty())
      out += " · déroulé " + plan + " version " + text_of(p, "plan_version");
    if (const std::string grid = text_of(p, "grid"); !grid.empty())
      out += " · grille " + grid + " version " + text_of(p, "grid_version");
    if (const std::string before = text_of(p, "attendance_before"); !before.empty() && before != "present")
      out += " · " + colon("présence", attendance_word(before) + " → Présent");
    return out;
  }
  if (a == "decide_competency")
    return colon(text_of(p, "competency"), status_word(text_of(p, "status"))) + " (" +
           colon("avant", status_word(text_of(p, "before"))) + ")";
  if (a == "decide_ccp") {
    const std::string decided = text_of(p, "decided"), proposed = text_of(p, "proposed");
    std::string out = ccp_outcome_text(decided);
    out += decided == proposed ? ", conforme à la proposition" : " (" + colon("proposition", outcome_word(proposed)) + ")";
    if (const std::string j = text_of(p, "justification"); !j.empty()) out += "\u00A0; " + colon("justification", in_quotes(j));
    return out;
  }
  if (a == "confirm_decision") {
    std::string out = ccp_outcome_text(text_of(p, "decided")) + ", confirmé par " + text_of(p, "member_name");
    if (flag_of(p, "locked")) out += " — résultat verrouillé";
    return out;
  }
  if (a == "reopen_decision")
    return colon(ccp_outcome_text(text_of(p, "decided")) + " rouvert, motif", in_quotes(text_of(p, "reason")));
  if (a == "create_session") {
    std::string out = in_quotes(text_of(p, "title"), 60);
    if (const std::string d = text_of(p, "date"); !d.empty()) out += ", " + french_date(d);
    if (const std::string c = text_of(p, "exam_centre"); !c.empty()) out += ", " + one_line(c);
    if (auto k = session_kind_from_id(text_of(p, "kind"))) out += " (" + std::string(french_label(*k)) + ")";
    return out;
  }
  if (a == "edit_session") return session_changes(p);
  if (a == "add_jury_member") {
    std::string out = one_line(text_of(p, "name"));
    if (auto r = jury_role_from_id(text_of(p, "role"))) out += ", " + std::string(french_label(*r));
    return out;
  }
  if (a == "remove_jury_member") return one_line(text_of(p, "name"));
  if (a == "add_candidate") {
    std::string out = candidate_text(p);
    if (auto set = ccp_set_from_id(text_of(p, "ccps")); set && !set->empty()) out += ", " + french_label(*set);
    if (flag_of(p, "ccp1_by_equivalence")) out += ", CCP1 par équivalence";
    return out;
  }
  if (a == "edit_candidate") return candidate_changes(member_of(p, "before"), member_of(p, "after"));
  if (a == "set_attendance") return attendance_word(text_of(p, "before")) + " → " + attendance_word(text_of(p, "after"));
  if (a == "import_candidates") {
    std::string out = counted(integer_of(p, "count"), "candidat", "candidats");
    if (const std::string source = text_of(p, "source"); !source.empty()) out += " depuis " + file_name(source);
    return out;
  }
  if (a == "set_feedback") {
    std::string out = text_of(p, "competency");
    const std::string strengths = one_line(text_of(p, "strengths")), improvements = one_line(text_of(p, "improvements"));
    out = colon(out, colon("points forts", strengths.empty() ? std::string("—") : in_quotes(strengths, 50)));
    out += "\u00A0; " + colon("axes de progrès", improvements.empty() ? std::string("—") : in_quotes(improvements, 50));
    return out;
  }
  if (a == "set_feedback_advice") {
    const std::string advice = one_line(text_of(p, "advice"));
    return advice.empty() ? std::string("conseil effacé") : in_quotes(advice);
  }
  if (a == "merge_bundle") {
    std::string out = colon("Lot " + file_name(text_of(p, "source")),
                            "ajout de " + counted(integer_of(p, "candidates_added"), "candidat", "candidats") + ", " +
                                counted(integer_of(p, "runs_added"), "épreuve", "épreuves") + " et " +
                                counted(integer_of(p, "marks_added"), "note", "notes"));
    const json& conflicts = member_of(p, "conflicts");
    const std::int64_t n = conflicts.is_array() ? static_cast<std::int64_t>(conflicts.size()) : integer_of(p, "conflicts");
    if (n > 0) out += "\u00A0; " + counted(n, "conflit", "conflits");
    return out;
  }
  if (a == "chain_audit_trail")
    return counted(integer_of(p, "entries"), "entrée existante chaînée", "entrées existantes chaînées") +
           " à la mise à niveau de la base";
  return plain_summary(p);  // not reached: readable() knows every action above
}

}  // namespace

std::string audit_action_label(std::string_view action) {
  for (const auto& l : kActionLabels)
    if (l.id == action) return std::string(l.label);
  return std::string(action);
}

std::string audit_entry_summary(const AuditRecord& e, const AuditVocabulary& words) {
  if (e.payload.empty()) return {};
  try {
    const json p = json::parse(e.payload, nullptr, false);
    if (p.is_discarded()) return shortened(one_line(e.payload), 160);
    return summary_of(e, p, words);
  } catch (...) {
    // A payload of unexpected shape: shown as stored rather than not at all.
    return shortened(one_line(e.payload), 160);
  }
}

std::string audit_entry_member(const AuditRecord& e) {
  try {
    const json p = json::parse(e.payload, nullptr, false);
    if (const json& name = member_of(p, "member_name"); name.is_string())
      if (std::string n = one_line(name.get<std::string>()); !n.empty()) return n;
  } catch (...) {
  }
  if (e.actor == "ui") return "interface";
  if (e.actor == "cli") return "ligne de commande";
  if (e.actor == "demo") return "démonstration";
  if (e.actor.empty()) return "—";
  return e.actor;
}

}  // namespace jurymn
