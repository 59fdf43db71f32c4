#include "app/candidate_placement.h"

#include <algorithm>

namespace jurymn {

long long overlap_area(const ScreenRect& a, const ScreenRect& b) {
  const long long w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const long long h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

namespace {
bool contains(const ScreenRect& r, int x, int y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }
}  // namespace

CandidatePlacement place_candidate_window(const std::vector<ScreenRect>& workareas, const ScreenRect& main_window,
                                          const std::vector<ScreenRect>& keep_clear,
                                          const std::optional<ScreenRect>& remembered) {
  if (workareas.empty()) return {remembered.value_or(ScreenRect{0, 0, 640, 360}), false};
  // The screen holding the jury's window: where its centre is, else the primary.
  const int cx = main_window.x + main_window.w / 2, cy = main_window.y + main_window.h / 2;
  std::size_t jury = 0;
  for (std::size_t i = 0; i < workareas.size(); ++i)
    if (contains(workareas[i], cx, cy)) jury = i;
  if (workareas.size() > 1) return {workareas[jury == 0 ? 1 : 0], true};
  const ScreenRect& screen = workareas[jury];
  // Where the jury left it, if most of it is still on the screen.
  if (remembered && remembered->w >= 160 && remembered->h >= 90 &&
      overlap_area(*remembered, screen) * 2 >= static_cast<long long>(remembered->w) * remembered->h)
    return {*remembered, false};
  // A third of the screen, then smaller, until it covers nothing to keep clear.
  std::optional<ScreenRect> best;
  long long best_clear = 0, best_main = 0;
  for (int parts : {3, 4, 5}) {
    const int w = std::max(240, screen.w / parts);
    const int h = std::max(135, std::min(screen.h, w * 9 / 16));
    constexpr int kSteps = 12;
    for (int i = 0; i <= kSteps; ++i)
      for (int j = 0; j <= kSteps; ++j) {
        // From the bottom right (beside or under the jury's controls) inwards.
        const ScreenRect r{screen.x + (screen.w - w) * (kSteps - i) / kSteps,
                           screen.y + (screen.h - h) * (kSteps - j) / kSteps, w, h};
        long long clear = 0;
        for (const auto& k : keep_clear) clear += overlap_area(r, k);
        const long long main = overlap_area(r, main_window);
        if (!best || clear < best_clear || (clear == best_clear && main < best_main)) {
          best = r;
          best_clear = clear;
          best_main = main;
        }
      }
    if (best_clear == 0) break;
  }
  return {*best, false};
}

}  // namespace jurymn
