#pragma once
// Where the candidate-facing window opens (issue 26 item 11), as a plain
// function of the screens and of what the jury must keep in sight, so that
// it is tested without a display.
#include <optional>
#include <vector>

namespace jurymn {

// A rectangle in the desktop's coordinates (GLFW screen coordinates).
struct ScreenRect {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const ScreenRect&) const = default;
};

// Area shared by two rectangles, in square pixels.
long long overlap_area(const ScreenRect& a, const ScreenRect& b);

struct CandidatePlacement {
  ScreenRect rect;
  bool fill = false;  // a screen of its own: all of it (maximised)
};

// `workareas`: each monitor's work area, the primary first. `main_window`:
// the jury's window. `keep_clear`: what the jury must keep in sight on it
// (the clock, the stage buttons, the Étapes table), in desktop coordinates.
// `remembered`: where the jury last left it on one screen, if anywhere.
// - A second screen: all of it (the one without the jury's window).
// - One screen: where the jury left it, when still on the screen; else a
//   third of the screen wide, 16:9, where it covers none of `keep_clear`
//   (smaller if it must) and as little of the jury's window as it can.
CandidatePlacement place_candidate_window(const std::vector<ScreenRect>& workareas, const ScreenRect& main_window,
                                          const std::vector<ScreenRect>& keep_clear,
                                          const std::optional<ScreenRect>& remembered);

}  // namespace jurymn
