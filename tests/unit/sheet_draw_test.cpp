// SPDX-License-Identifier: EUPL-1.2
#include "core/sheet_draw.h"
#include "core/title.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

namespace jurymn {
namespace {

constexpr TimeMs T0 = 1'780'000'000'000;

const SessionSheetTitles kTitles = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne",
                                    "Découvrir FranceConnect"};

// Returns a fixed index and counts the calls, to see when randomness is used.
struct ScriptedSource final : RandomSource {
  std::uint32_t value = 0;
  int calls = 0;
  std::uint32_t uniform(std::uint32_t) override {
    ++calls;
    return value;
  }
};

TEST(SheetDraw, DrawsAreUniformOverThreeSheets) {
  // Seeded from the OS so that the test checks the draw path, not one fixed sequence.
  std::random_device os;
  const std::uint32_t seed = os();
  SeededRandomSource random(seed);
  constexpr int kDraws = 30'000;
  std::array<int, kDefaultSessionSheets> counts{};
  for (int i = 0; i < kDraws; ++i) {
    DrawResult r = draw_sheet(kTitles, 3, {}, "", T0 + i, random);
    ASSERT_TRUE(r) << r.refusal;
    ASSERT_GE(r.draw->chosen, 0);
    ASSERT_LT(r.draw->chosen, kDefaultSessionSheets);
    ++counts[static_cast<std::size_t>(r.draw->chosen)];
  }
  const double expected = kDraws / static_cast<double>(kDefaultSessionSheets);
  double chi2 = 0;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  // df = 2, p = 0.001: a fair draw fails this once in a thousand runs.
  EXPECT_LT(chi2, 13.816) << "seed " << seed << ": " << counts[0] << " / " << counts[1] << " / " << counts[2];
}

TEST(SheetDraw, RecordsTheDrawnSheet) {
  ScriptedSource random;
  random.value = 2;
  DrawResult r = draw_sheet(kTitles, 3, {}, "", T0, random);
  ASSERT_TRUE(r) << r.refusal;
  EXPECT_EQ(r.draw->chosen, 2);
  EXPECT_EQ(r.draw->chosen_title(), "Découvrir FranceConnect");
  EXPECT_EQ(r.draw->method, DrawMethod::Random);
  EXPECT_EQ(r.draw->titles, kTitles);
  EXPECT_EQ(r.draw->at, T0);
  EXPECT_EQ(r.draw->reason, "");
}

TEST(SheetDraw, SecondDrawWithoutReasonIsRefused) {
  ScriptedSource random;
  std::vector<SheetDraw> draws;
  DrawResult first = draw_sheet(kTitles, 3, draws, "", T0, random);
  ASSERT_TRUE(first);
  draws.push_back(*first.draw);

  for (const char* reason : {"", "   "}) {
    DrawResult again = draw_sheet(kTitles, 3, draws, reason, T0 + 1000, random);
    EXPECT_FALSE(again);
    EXPECT_NE(again.refusal.find("écrivez-en la raison"), std::string::npos) << again.refusal;
    EXPECT_NE(again.refusal.find("«\u00A0Créer son adresse e-mail\u00A0»"), std::string::npos) << again.refusal;
    EXPECT_FALSE(choose_sheet(kTitles, 3, draws, 1, reason, T0 + 1000));
  }
  EXPECT_EQ(random.calls, 1);  // a refused draw uses no randomness
  EXPECT_NE(validate_new_draw(draws, ""), "");
  EXPECT_EQ(validate_new_draw({}, ""), "");
}

TEST(SheetDraw, BothDrawsAreKeptWhenAReasonIsGiven) {
  ScriptedSource random;
  std::vector<SheetDraw> draws;
  draws.push_back(*draw_sheet(kTitles, 3, draws, "", T0, random).draw);
  random.value = 1;
  DrawResult again = draw_sheet(kTitles, 3, draws, "  Tirage fait avant l’arrivée du second juré  ", T0 + 60'000, random);
  ASSERT_TRUE(again) << again.refusal;
  EXPECT_EQ(again.draw->reason, "Tirage fait avant l’arrivée du second juré");
  draws.push_back(*again.draw);
  ASSERT_EQ(draws.size(), 2u);
  EXPECT_EQ(draws[0].chosen, 0);
  EXPECT_EQ(draws[1].chosen, 1);
  EXPECT_EQ(current_draw(draws), &draws[1]);
  EXPECT_EQ(current_draw({}), nullptr);
}

TEST(SheetDraw, JuryChoiceIsRecordedAsSuch) {
  std::vector<SheetDraw> draws;
  DrawResult chosen = choose_sheet(kTitles, 3, draws, 1, "", T0);
  ASSERT_TRUE(chosen) << chosen.refusal;
  EXPECT_EQ(chosen.draw->method, DrawMethod::JuryChoice);
  EXPECT_EQ(chosen.draw->chosen_title(), "Prendre rendez-vous en ligne");
  EXPECT_FALSE(choose_sheet(kTitles, 3, draws, 3, "", T0));
  EXPECT_FALSE(choose_sheet(kTitles, 3, draws, -1, "", T0));
  draws.push_back(*chosen.draw);
  ScriptedSource random;
  EXPECT_TRUE(draw_sheet(kTitles, 3, draws, "Le candidat conteste le choix", T0 + 1, random));
}

TEST(SheetDraw, FewerThanThreeSheetsCannotBeDrawn) {
  ScriptedSource random;
  SessionSheetTitles two = {"Créer son adresse e-mail", "  ", "Découvrir FranceConnect"};
  DrawResult r = draw_sheet(two, 3, {}, "", T0, random);
  EXPECT_FALSE(r);
  EXPECT_EQ(r.refusal,
            "Le tirage se fait entre trois fiches séances, or 2 fiches séances seulement sont renseignées pour ce "
            "candidat\u00A0: complétez ses titres de fiches séances avant le tirage.");
  EXPECT_EQ(random.calls, 0);
  EXPECT_FALSE(choose_sheet(two, 3, {}, 0, "", T0));
  EXPECT_NE(sheets_refusal({"", "", ""}, 3).find("aucune fiche séance"), std::string::npos);
  EXPECT_NE(sheets_refusal({"Une", "", ""}, 3).find("une seule fiche séance"), std::string::npos);
  EXPECT_EQ(sheets_refusal(kTitles, 3), "");
}

TEST(SheetDraw, TitlesAreStoredTrimmed) {
  ScriptedSource random;
  SessionSheetTitles padded = {" A ", "B\t", "\xC2\xA0" "C"};
  DrawResult r = draw_sheet(padded, 3, {}, "", T0, random);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.draw->titles, (SessionSheetTitles{"A", "B", "C"}));
}

TEST(SheetDraw, SeededSourceIsReproducibleAndInRange) {
  SeededRandomSource a(42), b(42);
  for (std::uint32_t upper : {1u, 2u, 3u, 7u, 1000u, 0xFFFF'FFFFu}) {
    for (int i = 0; i < 100; ++i) {
      const std::uint32_t x = a.uniform(upper);
      EXPECT_EQ(x, b.uniform(upper));
      EXPECT_LT(x, upper);
    }
  }
  EXPECT_EQ(a.uniform(0), 0u);
}

TEST(SheetDraw, MethodIdsAreStable) {
  EXPECT_EQ(to_id(DrawMethod::Random), "random");
  EXPECT_EQ(to_id(DrawMethod::JuryChoice), "jury_choice");
  EXPECT_EQ(draw_method_from_id("random"), DrawMethod::Random);
  EXPECT_EQ(draw_method_from_id("jury_choice"), DrawMethod::JuryChoice);
  EXPECT_FALSE(draw_method_from_id("tirage").has_value());
}

}  // namespace
}  // namespace jurymn
