// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Choosing which of the candidate's three session sheets (« fiches séances »)
// the CCP1 exam works on: a random draw, or the jury's choice, both recorded.
// Every draw is kept; a new one after the first needs a written reason, so the
// PV shows why the sheet changed.
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"
#include "core/enum_words.h"

namespace jurymn {

// Source of uniform integers; the app uses the OS random source so that
// nobody can predict or replay a draw.
struct RandomSource {
  virtual ~RandomSource();
  // Uniform in [0, upper_exclusive); upper_exclusive must be > 0.
  virtual std::uint32_t uniform(std::uint32_t upper_exclusive) = 0;
};

// Reproducible source for tests and demonstrations; never for a real exam.
class SeededRandomSource final : public RandomSource {
public:
  explicit SeededRandomSource(std::uint32_t seed) : engine_(seed) {}
  std::uint32_t uniform(std::uint32_t upper_exclusive) override;

private:
  std::mt19937 engine_;
};

enum class DrawMethod { Random, JuryChoice };
// The label as the procès-verbal names the method, the word as the audit
// trail adds it, the short label as the exam screen says how the sheet came.
inline constexpr EnumWords<DrawMethod> kDrawMethodWords[] = {
    {DrawMethod::Random, "random", "Tirage au sort", "tirage au sort", "Tirée au sort"},
    {DrawMethod::JuryChoice, "jury_choice", "Choix du jury", "choix du jury", "Choisie par le jury"},
};
static_assert(words_hold(kDrawMethodWords, DrawMethod::JuryChoice));
std::string_view to_id(DrawMethod m);
std::optional<DrawMethod> draw_method_from_id(std::string_view id);

struct SheetDraw {
  SessionSheetTitles titles;  // as they stood at the draw (trimmed)
  int chosen = 0;             // index into titles
  DrawMethod method = DrawMethod::Random;
  std::string reason;  // required for any draw or choice after the first
  TimeMs at = 0;

  const std::string& chosen_title() const { return titles[static_cast<std::size_t>(chosen)]; }
  bool operator==(const SheetDraw&) const = default;
};

struct DrawResult {
  std::optional<SheetDraw> draw;
  std::string refusal;  // French, when no draw was made
  explicit operator bool() const { return draw.has_value(); }
};

// "" when the `count` titles the draw is made between (the title's
// reference: three) are all filled; otherwise a French message asking the
// jury to complete the candidate first.
std::string sheets_refusal(const SessionSheetTitles& titles, int count);

// "" when a new draw or choice may be recorded after `previous`: the first
// needs nothing, any later one a written reason.
std::string validate_new_draw(const std::vector<SheetDraw>& previous, std::string_view reason);

// Uniform index in [0, count).
int draw_sheet_index(RandomSource& random, int count);

// Draws one of the `count` sheets, after the checks above.
DrawResult draw_sheet(const SessionSheetTitles& titles, int count, const std::vector<SheetDraw>& previous,
                      std::string_view reason, TimeMs at, RandomSource& random);

// Records the jury's choice of sheet `index` of `count`, after the same checks.
DrawResult choose_sheet(const SessionSheetTitles& titles, int count, const std::vector<SheetDraw>& previous, int index,
                        std::string_view reason, TimeMs at);

// « trois » for 3: how many sheets, in the sentences that name them.
std::string sheet_count_words(int count);

// The draw in force: the last one, or none.
const SheetDraw* current_draw(const std::vector<SheetDraw>& draws);

}  // namespace jurymn
