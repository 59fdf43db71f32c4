// SPDX-License-Identifier: EUPL-1.2
#include "app/resources.h"

#include <filesystem>

#include "platform/platform.h"

namespace jurymn {

namespace fs = std::filesystem;

// An installed jurymn finds its data in ../share/jurymn beside bin/ (the
// .deb: /usr/share/jurymn), a portable one beside itself. Only a build for
// development also knows its source tree (JURYMN_SOURCE_DIR): a packaged
// binary must never read data from the place it was built.
std::string find_data_dir(const std::string& name) {
  const fs::path exe = platform::u8path(platform::executable_dir());
  const fs::path installed = exe / ".." / "share" / "jurymn" / name;
#ifdef JURYMN_SOURCE_DIR
  const fs::path last_resort = platform::u8path(JURYMN_SOURCE_DIR) / name;
#else
  const fs::path& last_resort = installed;  // an error will name where the data should be
#endif
  for (const fs::path& candidate : {installed, exe / name, last_resort}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return platform::path_text(fs::weakly_canonical(candidate, ec));
  }
  std::error_code ec;
  return platform::path_text(fs::weakly_canonical(last_resort, ec));
}

std::string find_font(bool bold) {
  const char* file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  for (fs::path candidate : {platform::u8path(find_data_dir("assets")) / "fonts" / file,
                             platform::u8path("/usr/share/fonts/truetype/dejavu") / file,
                             platform::u8path("/usr/local/share/fonts") / file,
                             platform::u8path("C:/Windows/Fonts") / (bold ? "segoeuib.ttf" : "segoeui.ttf")}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return platform::path_text(candidate);
  }
  return {};
}

}  // namespace jurymn
