// SPDX-License-Identifier: EUPL-1.2
#include "core/validation.h"

#include <algorithm>
#include <cstdio>

#include "core/candidate_fields.h"
#include "core/text.h"

namespace jurymn {
namespace {

constexpr std::size_t kMaxText = 200;


// Length in characters, counting a UTF-8 sequence once.
std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

void require_text(FieldErrors& errs, std::string& value, const char* field, const char* label,
                  bool required = true) {
  value = nfc(trimmed(value));
  if (value.empty()) {
    if (required) errs.push_back({field, std::string(label) + " est obligatoire."});
    return;
  }
  if (auto hidden = hidden_character(value))
    errs.push_back({field, std::string(label) + " contient un caractère invisible ou de contrôle (" + *hidden +
                               ")\u00A0: retapez-le sans copier-coller."});
  if (char_count(value) > kMaxText)
    errs.push_back({field, std::string(label) + " dépasse " + std::to_string(kMaxText) + " caractères."});
}

}  // namespace

std::string trimmed(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  // U+00A0 and U+202F (no-break spaces, common in pasted French text)
  auto strip = [&](std::string_view nb) {
    bool changed = true;
    while (changed) {
      changed = false;
      if (e - b >= nb.size() && s.substr(b, nb.size()) == nb) { b += nb.size(); changed = true; }
      if (e - b >= nb.size() && s.substr(e - nb.size(), nb.size()) == nb) { e -= nb.size(); changed = true; }
      while (b < e && is_space(s[b])) { ++b; changed = true; }
      while (e > b && is_space(s[e - 1])) { --e; changed = true; }
    }
  };
  strip("\xC2\xA0");
  strip("\xE2\x80\xAF");
  return std::string(s.substr(b, e - b));
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

int sheet_count(const SessionSheetTitles& sheets) {
  int n = 0;
  for (const auto& t : sheets)
    if (!trimmed(t).empty()) ++n;
  return n;
}

FieldErrors validate(SessionInput& in) {
  FieldErrors errs;
  require_text(errs, in.title, "title", "L’intitulé de la session");
  require_text(errs, in.exam_centre, "exam_centre", "Le centre d’examen");
  in.date = trimmed(in.date);
  if (!is_iso_date(in.date))
    errs.push_back({"date", "La date doit être une date réelle au format AAAA-MM-JJ (par exemple 2026-05-18)."});
  if (in.ccps.empty()) errs.push_back({"ccps", "Cochez au moins un CCP examiné."});
  return errs;
}

FieldErrors validate(JuryMemberInput& in) {
  FieldErrors errs;
  require_text(errs, in.name, "name", "Le nom du membre du jury");
  return errs;
}

FieldErrors validate(CandidateInput& in) {
  FieldErrors errs;
  require_text(errs, in.number, "number", "Le numéro de candidat");
  if (in.number.size() > 32) errs.push_back({"number", "Le numéro de candidat dépasse 32 caractères."});
  // Numbers travel to the centre's spreadsheets and file names: plain ASCII.
  else if (!in.number.empty() && !std::all_of(in.number.begin(), in.number.end(), [](char c) {
             return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '/' || c == '.';
           }))
    errs.push_back({"number", "Le numéro de candidat ne peut contenir que des lettres sans accent, des chiffres et "
                              "«\u00A0-\u00A0», «\u00A0_\u00A0», «\u00A0/\u00A0», «\u00A0.\u00A0» (lu\u00A0: " +
                                  guillemets(in.number) + ")."});
  require_text(errs, in.last_name, "last_name", "Le nom");
  require_text(errs, in.first_name, "first_name", "Le prénom");
  if (in.ccps.empty()) errs.push_back({"ccps", "Le candidat doit être inscrit à au moins un CCP."});
  // A CCP held by equivalence is held: there is nothing to examine.
  for (const auto& id : in.by_equivalence.ids)
    if (in.ccps.has(id))
      errs.push_back({"ccps", "Un " + id + " acquis par équivalence n’est pas examiné\u00A0: le candidat ne peut pas être "
                              "inscrit aussi au " + id + "."});
  for (std::size_t i = 0; i < in.sheets.size(); ++i) {
    std::string field = "sheet" + std::to_string(i + 1);
    std::string label = "Le titre de la fiche séance " + std::to_string(i + 1);
    require_text(errs, in.sheets[i], field.c_str(), label.c_str(), false);
  }
  // An optional text of the list (core/candidate_fields.h) is cleaned and
  // checked as a sheet's title is, without a line of its own here.
  for_each_field(kCandidateFields, [&](const auto& f) {
    if constexpr (candidate_kind<decltype(f)> == CandidateFieldKind::OptionalText) {
      const std::string key(f.key), label = "Le champ " + guillemets(std::string(f.label));
      require_text(errs, f.of(in), key.c_str(), label.c_str(), false);
    }
  });
  return errs;
}

}  // namespace jurymn
