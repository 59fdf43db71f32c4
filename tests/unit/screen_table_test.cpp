// SPDX-License-Identifier: EUPL-1.2
// The table of screens (ui/screens.h): the compile-time check holds the
// order; here, what --screen and --help read from it.
#include <gtest/gtest.h>

#include "ui/screens.h"

namespace jurymn {
namespace {

TEST(ScreenTable, EveryNameOpensItsScreenAndHelpGivesItsTitle) {
  const std::string help = ui::screen_help();
  for (const auto& row : ui::kScreens) {
    const auto found = ui::screen_from_name(row.name);
    ASSERT_TRUE(found) << row.name;
    EXPECT_EQ(*found, row.screen) << row.name;
    EXPECT_EQ(ui::screen_name(row.screen), row.name);
    EXPECT_NE(help.find(std::string(row.name) + " (" + std::string(row.title) + ")"), std::string::npos)
        << row.name << " in " << help;
  }
  EXPECT_FALSE(ui::screen_from_name("Accueil"));
  EXPECT_FALSE(ui::screen_from_name(""));
}

TEST(ScreenTable, OnlyTheCandidateTimerTakesTheWholeWindow) {
  for (const auto& row : ui::kScreens)
    EXPECT_EQ(row.window == ui::ScreenWindow::Whole, row.screen == ui::Screen::CandidateTimer) << row.name;
}

}  // namespace
}  // namespace jurymn
