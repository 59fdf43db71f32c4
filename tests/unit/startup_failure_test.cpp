// The fatal start-up messages: advice for the system that runs jurymn, and a
// message box only when nobody reads stderr and nothing is being captured.
#include "app/startup_failure.h"

#include <gtest/gtest.h>

namespace jurymn {
namespace {

using platform::System;

const StartupFailure kAll[] = {StartupFailure::NoDisplay, StartupFailure::NoFont, StartupFailure::DisplayInit,
                               StartupFailure::NoOpenGL, StartupFailure::Database};

TEST(StartupFailure, WindowsMessagesGiveNoLinuxAdvice) {
  for (StartupFailure f : kAll) {
    const std::string text = startup_failure_text(f, System::Windows, "WGL: driver");
    EXPECT_EQ(text.find("xvfb"), std::string::npos) << text;
    EXPECT_EQ(text.find("paquet"), std::string::npos) << text;
    EXPECT_EQ(text.find("DISPLAY"), std::string::npos) << text;
  }
}

TEST(StartupFailure, EachMessageSaysWhatFailedAndWhatToDo) {
  const std::string gl = startup_failure_text(StartupFailure::NoOpenGL, System::Windows, "WGL: OpenGL 1.1 only");
  EXPECT_NE(gl.find("OpenGL"), std::string::npos);
  EXPECT_NE(gl.find("WGL: OpenGL 1.1 only"), std::string::npos) << "the system's own words";
  EXPECT_NE(gl.find("pilote graphique"), std::string::npos);
  EXPECT_NE(gl.find("Bureau à distance"), std::string::npos);
  const std::string font = startup_failure_text(StartupFailure::NoFont, System::Windows, "");
  EXPECT_NE(font.find("Réinstallez Jury MN"), std::string::npos);
  EXPECT_NE(font.find("assets\\fonts"), std::string::npos);
  EXPECT_EQ(font.find("()"), std::string::npos) << "no empty detail";
}

TEST(StartupFailure, LinuxMessagesKeepTheirAdvice) {
  EXPECT_NE(startup_failure_text(StartupFailure::NoDisplay, System::Linux, "").find("xvfb-run -a jurymn"),
            std::string::npos);
  EXPECT_NE(startup_failure_text(StartupFailure::NoFont, System::Linux, "").find("fonts-dejavu-core"), std::string::npos);
  EXPECT_NE(startup_failure_text(StartupFailure::DisplayInit, System::Linux, "X11: no display").find("X11: no display"),
            std::string::npos);
}

TEST(StartupFailure, DatabaseFailureIsTheStoreOwnMessage) {
  EXPECT_EQ(startup_failure_text(StartupFailure::Database, System::Windows, "base verrouillée par un autre jurymn"),
            "base verrouillée par un autre jurymn");
}

TEST(StartupFailure, BoxOnlyWhenNobodyReadsStderrAndNothingIsCaptured) {
  EXPECT_TRUE(startup_failure_needs_box(/*error_output_seen=*/false, /*capturing=*/false));
  EXPECT_FALSE(startup_failure_needs_box(true, false));
  EXPECT_FALSE(startup_failure_needs_box(false, true));
  EXPECT_FALSE(startup_failure_needs_box(true, true));
}

TEST(StartupFailure, ThisSystemsStderrIsSeenUnderTests) {
  // CTest and wine_test.sh capture stderr: never a box that would wait for a click.
  EXPECT_TRUE(platform::error_output_seen());
}

}  // namespace
}  // namespace jurymn
