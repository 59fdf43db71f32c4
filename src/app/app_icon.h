// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The window icon, read from the PNGs that packaging/icons/make-icons.sh
// renders from assets/icons/jurymn.svg. Plain pixels: no GLFW here, so the
// loading is tested without a display.
#include <string>
#include <vector>

namespace jurymn {

// Every size shipped; the window manager picks the closest.
inline constexpr int kAppIconSizes[] = {16, 24, 32, 48, 64, 128, 256};

struct IconImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;  // width × height × 4, rows top-down
};

struct AppIcon {
  std::vector<IconImage> images;  // the sizes that loaded, smallest first
  std::string error;              // French, names the file; empty when all loaded
};

// Reads jurymn-N.png for each size from `icons_dir` (assets/icons).
AppIcon load_app_icon(const std::string& icons_dir);

}  // namespace jurymn
