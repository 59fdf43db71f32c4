// SPDX-License-Identifier: EUPL-1.2
#include "core/drafts.h"

#include "core/draft_choices.h"
#include "core/text.h"

namespace jurymn {

namespace draft_field {
std::string observation(std::string_view member_uuid, std::string_view competency_id) {
  return "observation|" + std::string(member_uuid) + "|" + std::string(competency_id);
}
std::string feedback_strengths(std::string_view competency_id) {
  return "strengths|" + std::string(competency_id);
}
std::string feedback_improvements(std::string_view competency_id) {
  return "improvements|" + std::string(competency_id);
}
}  // namespace draft_field

std::string pause_press_text(TimeMs pressed_at) { return std::to_string(pressed_at); }

std::optional<TimeMs> pause_press_from(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  TimeMs at = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    at = at * 10 + (c - '0');
  }
  if (at <= 0) return std::nullopt;
  return at;
}

std::string draft_field_label(std::string_view field,
                              const std::function<std::string(std::string_view member_uuid)>& member_name) {
  auto after = [&](std::string_view prefix) { return std::string(field.substr(prefix.size())); };
  if (field.rfind("observation|", 0) == 0) {
    const std::string rest = after("observation|");
    const auto bar = rest.find('|');
    if (bar != std::string::npos)
      return "Observation de " + member_name(std::string_view(rest).substr(0, bar)) + " sur " + rest.substr(bar + 1);
  }
  if (field.rfind("strengths|", 0) == 0) return "Points forts sur " + after("strengths|");
  if (field.rfind("improvements|", 0) == 0) return "Axes de progrès sur " + after("improvements|");
  if (field == draft_field::kJustification) return "Justification de la décision";
  if (field == draft_field::kAdvice) return "Conseil au candidat";
  if (field == draft_field::kPauseReason) return "Motif de la pause";
  if (field == draft_field::kExtendReason) return "Motif de la prolongation";
  if (field == draft_field::kEndReason) return "Remarque de fin d’étape";
  if (field == draft_field::kReopenReason) return "Motif de réouverture";
  if (field == draft_field::kPausePressedAt) return "Heure de la pause";
  if (field == draft_field::kCcpOutcome) return "Décision choisie sur le CCP";
  return "Champ " + guillemets(field);
}

std::string pending_draft_refusal(std::string_view field, std::string_view field_label) {
  // The past participle agrees with the field's noun.
  std::string_view agreed = "non enregistrée";
  if (field.rfind("strengths|", 0) == 0 || field.rfind("improvements|", 0) == 0) agreed = "non enregistrés";
  else if (field == draft_field::kAdvice || field == draft_field::kPauseReason ||
           field == draft_field::kExtendReason || field == draft_field::kReopenReason)
    agreed = "non enregistré";
  return std::string(field_label) + " " + std::string(agreed) +
         "\u00A0: un brouillon est en attente. Ouvrez ce champ puis quittez-le (ou validez-le) "
         "pour l’enregistrer, avant de verrouiller le résultat.";
}

}  // namespace jurymn
