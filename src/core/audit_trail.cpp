// SPDX-License-Identifier: EUPL-1.2
#include "core/audit_trail.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <stdexcept>

#include "core/audit_payloads.h"
#include "core/candidate_fields.h"
#include "core/domain.h"
#include "core/duration.h"
#include "core/local_time.h"
#include "core/sheet_draw.h"
#include "core/stage_timer.h"
#include "core/text.h"

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

// French label of every action id of the table (core/audit_payloads.h).
std::string_view french_label(AuditAction a) {
  switch (a) {
    case AuditAction::CreateSession: return "Session créée";
    case AuditAction::EditSession: return "Session modifiée";
    case AuditAction::AddJuryMember: return "Membre du jury ajouté";
    case AuditAction::RemoveJuryMember: return "Membre du jury retiré";
    case AuditAction::AddCandidate: return "Candidat ajouté";
    case AuditAction::EditCandidate: return "Candidat modifié";
    case AuditAction::SetAttendance: return "Présence modifiée";
    case AuditAction::ImportCandidates: return "Candidats importés";
    case AuditAction::StartExam: return "Épreuve commencée";
    case AuditAction::StartStage: return "Étape commencée";
    case AuditAction::PauseStage: return "Étape mise en pause";
    case AuditAction::ResumeStage: return "Étape reprise";
    case AuditAction::ExtendStage: return "Étape prolongée";
    case AuditAction::EndStage: return "Étape terminée";
    case AuditAction::NextStage: return "Étape suivante";
    case AuditAction::TimerEvent: return "Chronomètre";
    case AuditAction::DrawSheet: return "Fiche séance tirée";
    case AuditAction::ChooseSheet: return "Fiche séance choisie";
    case AuditAction::RecordMark: return "Note attribuée";
    case AuditAction::SetObservation: return "Observation écrite";
    case AuditAction::DecideCompetency: return "Compétence décidée";
    case AuditAction::DecideCcp: return "Décision du CCP";
    case AuditAction::ConfirmDecision: return "Confirmation de la décision";
    case AuditAction::ReopenDecision: return "Réouverture de la décision";
    case AuditAction::SetFeedback: return "Retour au candidat";
    case AuditAction::SetFeedbackAdvice: return "Conseil au candidat";
    case AuditAction::MergeBundle: return "Lot de résultats fusionné";
    case AuditAction::RecordInterruption: return "Reprise après interruption";
    case AuditAction::ResetMemberPin: return "Code d’un membre réinitialisé";
    case AuditAction::TrustKey: return "Clé de signature enrôlée";
    case AuditAction::RevokeKey: return "Clé de signature révoquée";
    case AuditAction::CheckPvCode: return "PV papier vérifié";
    case AuditAction::ChainAuditTrail: return "Journal chaîné";
    case AuditAction::DeclareRules: return "Règles en vigueur";
    case AuditAction::ConfirmSessionKey: return "Clé confirmée pour une session";
  }
  return {};
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
  return guillemets(shortened(one_line(s), max_chars));
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

std::string ccp_outcome_text(CcpOutcome o) { return std::string(french_label(o)); }

// « obtenu », « non obtenu », « à décider »: the outcome alone, after « CCP ».
std::string outcome_word(CcpOutcome o) { return std::string(words_of(kCcpOutcomeWords, o).word); }

std::string status_word(CompetencyStatus s) { return std::string(words_of(kCompetencyStatusWords, s).word); }

std::string attendance_word(Attendance a) { return std::string(french_label(a)); }

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

std::string timer_summary(const payload::TimerEvent& p, const AuditVocabulary& words) {
  std::string what(words_of(kTimerEventKindWords, p.event).word);
  if (p.event == TimerEventKind::Extend) what += " de " + duration_text(p.amount_ms);
  std::string out = p.stage.empty() ? capitalised(what) : stage_text(p.stage, words) + " — " + what;
  if (!p.reason.empty()) out = colon(out, in_quotes(p.reason));
  return out;
}

std::string sheet_summary(const payload::SheetDraw& p) {
  std::string out = "Fiche " + std::to_string(p.chosen + 1);
  if (!p.chosen_title.empty()) out = colon(out, in_quotes(p.chosen_title, 60));
  out += " — " + std::string(words_of(kDrawMethodWords, p.method).word);
  if (!p.reason.empty()) out += "\u00A0; " + colon("nouveau tirage, motif", in_quotes(p.reason, 60));
  return out;
}

std::string candidate_text(const payload::CandidateFields& c) {
  std::string out = c.number;
  const std::string name = one_line(c.last_name + " " + c.first_name);
  if (!name.empty()) out += (out.empty() ? "" : " — ") + name;
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  if (parts.empty()) return "aucun changement";
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "\u00A0; ") + s;
  return out;
}

std::string candidate_changes(const payload::CandidateFields& before, const payload::CandidateFields& after) {
  std::vector<std::string> parts;
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    const auto& b = f.of(before);
    const auto& a = f.of(after);
    if (a == b) return;
    if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText) {
      parts.push_back(colon(std::string(f.label), std::string(or_dash(b)) + " → " + std::string(or_dash(a))));
    } else if constexpr (kind == CandidateFieldKind::Ccps) {
      parts.push_back(colon(std::string(f.label), french_label(b) + " → " + french_label(a)));
    } else if constexpr (kind == CandidateFieldKind::Equivalences) {
      for (const auto& id : a.ids)
        if (!b.has(id)) parts.push_back(id + " par équivalence");
      for (const auto& id : b.ids)
        if (!a.has(id)) parts.push_back(id + " examiné (plus d’équivalence)");
    } else if constexpr (kind == CandidateFieldKind::Sheets) {
      parts.push_back(std::string(f.label) + " modifiées");
    }
  });
  return joined(parts);
}

std::string session_changes(const payload::EditSession& p) {
  std::vector<std::string> parts;
  auto field = [&](const std::string& b, const std::string& a, const char* what) {
    if (a != b) parts.push_back(colon(what, in_quotes(b, 40) + " → " + in_quotes(a, 40)));
  };
  field(p.before.title, p.session.title, "intitulé");
  field(p.before.date, p.session.date, "date");
  field(p.before.exam_centre, p.session.exam_centre, "centre");
  if (p.before.ccps != p.session.ccps)
    parts.push_back(colon("CCP", std::string(or_dash(to_id(p.before.ccps))) + " → " + std::string(or_dash(to_id(p.session.ccps)))));
  return joined(parts);
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

// One line per kind of payload.
struct Summary {
  const AuditVocabulary& words;

  std::string operator()(const payload::RecordMark& p) const {
    const CriterionPlace where = criterion_place(p.criterion, words);
    return colon(where.text, p.level.empty() ? std::string("note effacée") : level_text(p.level, where.grid, words)) +
           " (" + colon("avant", level_text(p.before, where.grid, words)) + ")";
  }
  std::string operator()(const payload::SetObservation& p) const {
    const std::string text = one_line(p.text);
    return colon(p.competency, text.empty() ? std::string("observation effacée") : in_quotes(text));
  }
  std::string operator()(const payload::TimerEvent& p) const { return timer_summary(p, words); }
  std::string operator()(const payload::SheetDraw& p) const { return sheet_summary(p); }
  std::string operator()(const payload::StartExam& p) const {
    std::string out(p.ccp);
    if (!p.plan.id.empty()) out += " · déroulé " + p.plan.id + " version " + p.plan.version;
    if (p.grid && !p.grid->id.empty()) out += " · grille " + p.grid->id + " version " + p.grid->version;
    if (p.attendance_before != Attendance::Present)
      out += " · " + colon("présence", attendance_word(p.attendance_before) + " → Présent");
    return out;
  }
  std::string operator()(const payload::DecideCompetency& p) const {
    return colon(p.competency, status_word(p.status)) + " (" + colon("avant", status_word(p.before)) + ")";
  }
  std::string operator()(const payload::DecideCcp& p) const {
    std::string out = ccp_outcome_text(p.decided);
    out += p.decided == p.proposed ? ", conforme à la proposition" : " (" + colon("proposition", outcome_word(p.proposed)) + ")";
    if (!p.justification.empty()) out += "\u00A0; " + colon("justification", in_quotes(p.justification));
    return out;
  }
  std::string operator()(const payload::ConfirmDecision& p) const {
    std::string out = ccp_outcome_text(p.decided) + ", confirmé par " + p.member_name;
    if (!p.signature.empty()) out += " (signé de son code)";
    if (p.locked) out += " — résultat verrouillé";
    return out;
  }
  std::string operator()(const payload::ReopenDecision& p) const {
    return colon(ccp_outcome_text(p.decided) + " rouvert, motif", in_quotes(p.reason));
  }
  std::string operator()(const payload::CreateSession& p) const {
    std::string out = in_quotes(p.session.title, 60);
    if (!p.session.date.empty()) out += ", " + french_date(p.session.date);
    if (!p.session.exam_centre.empty()) out += ", " + one_line(p.session.exam_centre);
    return out + " (" + std::string(french_label(p.session.kind)) + ")";
  }
  std::string operator()(const payload::EditSession& p) const { return session_changes(p); }
  std::string operator()(const payload::AddJuryMember& p) const {
    return one_line(p.name) + ", " + std::string(french_label(p.role, p.feminine));
  }
  std::string operator()(const payload::RemoveJuryMember& p) const { return one_line(p.name); }
  std::string operator()(const payload::AddCandidate& p) const {
    std::string out = candidate_text(p.candidate);
    if (!p.candidate.ccps.empty()) out += ", " + french_label(p.candidate.ccps);
    for (const auto& id : p.candidate.by_equivalence.ids) out += ", " + id + " par équivalence";
    return out;
  }
  std::string operator()(const payload::EditCandidate& p) const { return candidate_changes(p.before, p.after); }
  std::string operator()(const payload::SetAttendance& p) const {
    return attendance_word(p.before) + " → " + attendance_word(p.after);
  }
  std::string operator()(const payload::ImportCandidates& p) const {
    std::string out = counted(static_cast<std::int64_t>(p.count), "candidat", "candidats");
    if (!p.source.empty()) out += " depuis " + file_name(p.source);
    return out;
  }
  std::string operator()(const payload::SetFeedback& p) const {
    const std::string strengths = one_line(p.strengths), improvements = one_line(p.improvements);
    std::string out = colon(p.competency, colon("points forts", strengths.empty() ? std::string("—") : in_quotes(strengths, 50)));
    out += "\u00A0; " + colon("axes de progrès", improvements.empty() ? std::string("—") : in_quotes(improvements, 50));
    return out;
  }
  std::string operator()(const payload::SetFeedbackAdvice& p) const {
    const std::string advice = one_line(p.advice);
    return advice.empty() ? std::string("conseil effacé") : in_quotes(advice);
  }
  std::string operator()(const payload::MergeBundle& p) const {
    std::string out = colon("Lot " + file_name(p.source), "ajout de " + counted(p.candidates_added, "candidat", "candidats") +
                                                              ", " + counted(p.runs_added, "épreuve", "épreuves") + " et " +
                                                              counted(p.marks_added, "note", "notes"));
    if (!p.conflicts.empty())
      out += "\u00A0; " + counted(static_cast<std::int64_t>(p.conflicts.size()), "conflit", "conflits");
    if (!p.supersedes.empty())
      out += "\u00A0; remplace le lot précédent de la même clé (" +
             counted(p.entries_after, "entrée de plus", "entrées de plus") + ")";
    if (!p.redecided.empty())
      out += "\u00A0; " + counted(static_cast<std::int64_t>(p.redecided.size()), "décision rouverte et changée",
                                   "décisions rouvertes et changées");
    return out;
  }
  std::string operator()(const payload::RecordInterruption& p) const {
    return std::string(french_label(p.cause)) + " de " + french_clock(p.from_ms) + " à " + french_clock(p.to_ms) +
           " (" + duration_text(p.to_ms - p.from_ms) + ")";
  }
  std::string operator()(const payload::ResetMemberPin& p) const {
    return "code de " + one_line(p.name) + " réinitialisé avec le code de " + one_line(p.by_name);
  }
  std::string operator()(const payload::TrustKey& p) const {
    return colon(p.fingerprint, in_quotes(one_line(p.name)) + ", enrôlée par " + one_line(p.enrolled_by) +
                                    (p.checked_by_phone ? ", empreinte vérifiée par téléphone à la fusion" : "") +
                                    (p.again.empty() ? "" : ", de nouveau après sa révocation\u00A0: " + one_line(p.again)));
  }
  std::string operator()(const payload::RevokeKey& p) const {
    return colon(p.fingerprint, in_quotes(one_line(p.name)) + ", révoquée par " + one_line(p.revoked_by));
  }
  std::string operator()(const payload::CheckPvCode& p) const {
    return colon("code " + p.code, "entrée n°\u00A0" + std::to_string(p.entry) + " du journal fusionné, " +
                                       counted(p.entries_after, "entrée après", "entrées après") + ", vérifié par " +
                                       one_line(p.checked_by));
  }
  std::string operator()(const payload::ConfirmSessionKey& p) const {
    return colon(p.fingerprint, in_quotes(one_line(p.name)) + ", confirmée pour la session " + p.session.substr(0, 8) +
                                    " par " + one_line(p.confirmed_by));
  }
  std::string operator()(const payload::ChainAuditTrail& p) const {
    return counted(p.entries, "entrée existante chaînée", "entrées existantes chaînées") + " à la mise à niveau de la base";
  }
  std::string operator()(const payload::DeclareRules& p) const {
    return "version " + std::to_string(p.rules) + " des règles pour les entrées qui suivent";
  }
};

// What is shown when the payload is not what its action writes, or the
// action is unknown to this version: the payload as stored.
std::string shown_plainly(const AuditRecord& e) {
  const json p = json::parse(e.payload, nullptr, false);
  if (p.is_discarded()) return shortened(one_line(e.payload), 160);
  std::string plain = plain_summary(p);
  return plain.empty() ? shortened(one_line(e.payload), 160) : plain;
}

}  // namespace

std::string audit_action_label(std::string_view action) {
  if (auto a = audit_action_from_id(action)) return std::string(french_label(*a));
  return std::string(action);
}

std::string audit_entry_summary(const AuditRecord& e, const AuditVocabulary& words) {
  if (e.payload.empty()) return {};
  try {
    if (auto a = audit_action_from_id(e.action)) return std::visit(Summary{words}, read_payload(*a, e.payload));
  } catch (...) {
    // Not what its action writes (PayloadError) or not summarised: shown plainly.
  }
  try {
    return shown_plainly(e);
  } catch (...) {
    // A payload of unexpected shape: shown as stored rather than not at all.
    return shortened(one_line(e.payload), 160);
  }
}

std::string audit_entry_member(const AuditRecord& e) {
  std::string name;
  if (auto a = audit_action_from_id(e.action)) {
    try {
      name = audit_author(*a, read_payload(*a, e.payload));
    } catch (const PayloadError&) {
    }
  } else {
    // An action of a later version: its member_name, if it names one.
    const json p = json::parse(e.payload, nullptr, false);
    if (p.is_object())
      if (auto it = p.find("member_name"); it != p.end() && it->is_string()) name = it->get<std::string>();
  }
  if (std::string n = one_line(name); !n.empty()) return n;
  if (e.actor == "ui") return "interface";
  if (e.actor == "cli") return "ligne de commande";
  if (e.actor == "demo") return "démonstration";
  if (e.actor.empty()) return "—";
  return e.actor;
}

}  // namespace jurymn
