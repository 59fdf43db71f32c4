// SPDX-License-Identifier: EUPL-1.2
#include "core/sheet_draw.h"

#include "core/text.h"
#include "core/validation.h"

namespace jurymn {

RandomSource::~RandomSource() = default;

std::uint32_t SeededRandomSource::uniform(std::uint32_t upper_exclusive) {
  if (upper_exclusive <= 1) return 0;
  // Rejection rather than a plain modulo, which would favour low values; done
  // by hand so that a seed gives the same sequence with every standard library.
  const std::uint32_t threshold = static_cast<std::uint32_t>(-upper_exclusive) % upper_exclusive;
  for (;;) {
    const auto r = static_cast<std::uint32_t>(engine_());
    if (r >= threshold) return r % upper_exclusive;
  }
}

std::string_view to_id(DrawMethod m) { return words_of(kDrawMethodWords, m).id; }

std::optional<DrawMethod> draw_method_from_id(std::string_view id) { return value_of_id(kDrawMethodWords, id); }

std::string sheets_refusal(const SessionSheetTitles& titles) {
  const int filled = sheet_count(titles);
  if (filled == kSessionSheetCount) return {};
  const std::string count = filled == 0 ? "aucune fiche séance n’est renseignée"
                            : filled == 1 ? "une seule fiche séance est renseignée"
                                          : std::to_string(filled) + " fiches séances seulement sont renseignées";
  return "Le tirage se fait entre trois fiches séances, or " + count +
         " pour ce candidat\u00A0: complétez ses titres de fiches séances avant le tirage.";
}

std::string validate_new_draw(const std::vector<SheetDraw>& previous, std::string_view reason) {
  if (previous.empty() || !trimmed(reason).empty()) return {};
  return "Une fiche séance a déjà été retenue (" + guillemets(previous.back().chosen_title()) +
         ")\u00A0: pour un nouveau tirage ou un autre choix, écrivez-en la raison\u00A0; elle figurera au procès-verbal.";
}

int draw_sheet_index(RandomSource& random) {
  const std::uint32_t i = random.uniform(kSessionSheetCount);
  // A faulty source must not index out of range.
  return i < static_cast<std::uint32_t>(kSessionSheetCount) ? static_cast<int>(i) : 0;
}

namespace {

std::string refusal(const SessionSheetTitles& titles, const std::vector<SheetDraw>& previous,
                    std::string_view reason) {
  if (std::string r = sheets_refusal(titles); !r.empty()) return r;
  return validate_new_draw(previous, reason);
}

DrawResult record(const SessionSheetTitles& titles, int index, DrawMethod method, std::string_view reason,
                  TimeMs at) {
  SheetDraw d;
  for (std::size_t i = 0; i < titles.size(); ++i) d.titles[i] = trimmed(titles[i]);
  d.chosen = index;
  d.method = method;
  d.reason = trimmed(reason);
  d.at = at;
  return {std::move(d), {}};
}

}  // namespace

DrawResult draw_sheet(const SessionSheetTitles& titles, const std::vector<SheetDraw>& previous,
                      std::string_view reason, TimeMs at, RandomSource& random) {
  // Checked before drawing, so that a refused attempt consumes no randomness.
  if (std::string r = refusal(titles, previous, reason); !r.empty()) return {std::nullopt, std::move(r)};
  return record(titles, draw_sheet_index(random), DrawMethod::Random, reason, at);
}

DrawResult choose_sheet(const SessionSheetTitles& titles, const std::vector<SheetDraw>& previous, int index,
                        std::string_view reason, TimeMs at) {
  if (index < 0 || index >= kSessionSheetCount)
    return {std::nullopt, "Choisissez l’une des trois fiches séances."};
  if (std::string r = refusal(titles, previous, reason); !r.empty()) return {std::nullopt, std::move(r)};
  return record(titles, index, DrawMethod::JuryChoice, reason, at);
}

const SheetDraw* current_draw(const std::vector<SheetDraw>& draws) {
  return draws.empty() ? nullptr : &draws.back();
}

}  // namespace jurymn
