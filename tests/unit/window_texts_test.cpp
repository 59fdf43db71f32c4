// Texts that depend on the system or on the window's state.
#include <gtest/gtest.h>

#include "platform/platform.h"
#include "ui/ui.h"

namespace jurymn {
namespace {

TEST(WindowTexts, FullScreenButtonSaysWhatAClickDoes) {
  EXPECT_STREQ(ui::fullscreen_button_label(false), "Plein écran (F11)");
  EXPECT_STREQ(ui::fullscreen_button_label(true), "Quitter le plein écran (F11)");
}

TEST(WindowTexts, ExamplePathIsWrittenAsThisSystemWritesPaths) {
  const std::string p = platform::example_path("candidats.csv");
  if (platform::this_system() == platform::System::Windows) {
    EXPECT_EQ(p, "C:\\Users\\…\\candidats.csv");
  } else {
    EXPECT_EQ(p, "/home/…/candidats.csv");
  }
}

}  // namespace
}  // namespace jurymn
