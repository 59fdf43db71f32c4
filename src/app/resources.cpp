#include "app/resources.h"

#include <filesystem>

#include "platform/platform.h"

#ifndef JURYMN_SOURCE_DIR
#define JURYMN_SOURCE_DIR "."
#endif

namespace jurymn {

namespace fs = std::filesystem;

std::string find_data_dir(const std::string& name) {
  fs::path exe = platform::u8path(platform::executable_dir());
  for (fs::path candidate : {exe / ".." / "share" / "jurymn" / name, exe / name, platform::u8path(JURYMN_SOURCE_DIR) / name}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return platform::path_text(fs::weakly_canonical(candidate, ec));
  }
  return platform::path_text((platform::u8path(JURYMN_SOURCE_DIR) / name));
}

std::string find_font(bool bold) {
  const char* file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  fs::path exe = platform::u8path(platform::executable_dir());
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
