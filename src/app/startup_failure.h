#pragma once
// What jurymn says when its window cannot open, and where it says it: a
// jury who clicked the Start menu entry has no console to read stderr in.
#include <string>

#include "platform/platform.h"

namespace jurymn {

enum class StartupFailure {
  NoDisplay,   // no graphical session at all
  NoFont,      // DejaVu Sans not found
  DisplayInit, // GLFW could not start (no display server, no driver)
  NoOpenGL,    // no OpenGL context, not even a legacy one
  Database,    // the base could not be opened (the detail says why)
};

// The message, in French, for `system`: what failed (with `detail`, the
// system's own words) and what to do there — xvfb-run and Debian packages
// on Linux, the graphics driver or reinstalling on Windows.
std::string startup_failure_text(StartupFailure failure, platform::System system, const std::string& detail);

// Whether the message must go in a message box: nobody would read stderr
// (no console, no pipe, no file) and no capture is asked for (screenshots,
// tests and CI must never wait for a click).
inline bool startup_failure_needs_box(bool error_output_seen, bool capturing) {
  return !error_output_seen && !capturing;
}

// Prints the message on stderr and, when startup_failure_needs_box, shows
// it in the system's message box too.
void report_startup_failure(const std::string& text, bool capturing);

}  // namespace jurymn
