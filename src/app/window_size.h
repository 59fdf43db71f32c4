#pragma once
// The jury's window at start: the laptops juries bring are 1366×768 at
// best, and a window of the full width but 60 px short (1366×708) left the
// exam panel's « Étape suivante » below the fold at Windows' 125 %. On such
// a screen the window opens maximised: the work area (the screen less the
// task bar or panels) is all the room there is.

namespace jurymn {

constexpr int kSmallScreenWidth = 1366;
constexpr int kSmallScreenHeight = 768;

// Work area in screen coordinates (GLFW's, logical pixels).
constexpr bool opens_maximised(int work_width, int work_height) {
  return work_width > 0 && work_height > 0 && (work_width <= kSmallScreenWidth || work_height <= kSmallScreenHeight);
}

}  // namespace jurymn
