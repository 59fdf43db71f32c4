// SPDX-License-Identifier: EUPL-1.2
#include "core/sheet_draw.h"

#include <algorithm>
#include <iterator>

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

std::string sheet_count_words(int count) {
  static constexpr const char* kWords[] = {"aucune", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"};
  return count >= 0 && count < static_cast<int>(std::size(kWords)) ? kWords[count] : std::to_string(count);
}

std::string sheets_refusal(const SessionSheetTitles& titles, int count) {
  // Only the first `count` titles count: a longer list is not a candidate of this title.
  int filled = 0;
  for (std::size_t i = 0; i < titles.size() && i < static_cast<std::size_t>(std::max(count, 0)); ++i)
    if (!trimmed(titles[i]).empty()) ++filled;
  if (count > 0 && filled == count) return {};
  const std::string count_text = filled == 0 ? "aucune fiche séance n’est renseignée"
                            : filled == 1 ? "une seule fiche séance est renseignée"
                                          : std::to_string(filled) + " fiches séances seulement sont renseignées";
  return "Le tirage se fait entre " + sheet_count_words(count) + " fiches séances, or " + count_text +
         " pour ce candidat\u00A0: complétez ses titres de fiches séances avant le tirage.";
}

std::string validate_new_draw(const std::vector<SheetDraw>& previous, std::string_view reason) {
  if (previous.empty() || !trimmed(reason).empty()) return {};
  return "Une fiche séance a déjà été retenue (" + guillemets(previous.back().chosen_title()) +
         ")\u00A0: pour un nouveau tirage ou un autre choix, écrivez-en la raison\u00A0; elle figurera au procès-verbal.";
}

int draw_sheet_index(RandomSource& random, int count) {
  if (count <= 1) return 0;
  const std::uint32_t i = random.uniform(static_cast<std::uint32_t>(count));
  // A faulty source must not index out of range.
  return i < static_cast<std::uint32_t>(count) ? static_cast<int>(i) : 0;
}

namespace {

std::string refusal(const SessionSheetTitles& titles, int count, const std::vector<SheetDraw>& previous,
                    std::string_view reason) {
  if (std::string r = sheets_refusal(titles, count); !r.empty()) return r;
  return validate_new_draw(previous, reason);
}

DrawResult record(const SessionSheetTitles& titles, int count, int index, DrawMethod method, std::string_view reason,
                  TimeMs at) {
  SheetDraw d;
  for (int i = 0; i < count; ++i) d.titles.push_back(trimmed(titles[static_cast<std::size_t>(i)]));
  d.chosen = index;
  d.method = method;
  d.reason = trimmed(reason);
  d.at = at;
  return {std::move(d), {}};
}

}  // namespace

DrawResult draw_sheet(const SessionSheetTitles& titles, int count, const std::vector<SheetDraw>& previous,
                      std::string_view reason, TimeMs at, RandomSource& random) {
  // Checked before drawing, so that a refused attempt consumes no randomness.
  if (std::string r = refusal(titles, count, previous, reason); !r.empty()) return {std::nullopt, std::move(r)};
  return record(titles, count, draw_sheet_index(random, count), DrawMethod::Random, reason, at);
}

DrawResult choose_sheet(const SessionSheetTitles& titles, int count, const std::vector<SheetDraw>& previous, int index,
                        std::string_view reason, TimeMs at) {
  if (index < 0 || index >= count)
    return {std::nullopt, "Choisissez l’une des " + sheet_count_words(count) + " fiches séances."};
  if (std::string r = refusal(titles, count, previous, reason); !r.empty()) return {std::nullopt, std::move(r)};
  return record(titles, count, index, DrawMethod::JuryChoice, reason, at);
}

const SheetDraw* current_draw(const std::vector<SheetDraw>& draws) {
  return draws.empty() ? nullptr : &draws.back();
}

}  // namespace jurymn
