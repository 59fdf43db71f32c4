#include "app/resources.h"

#include <filesystem>

#include "platform/platform.h"

#ifndef JURYMN_SOURCE_DIR
#define JURYMN_SOURCE_DIR "."
#endif

namespace jurymn {

namespace fs = std::filesystem;

std::string find_data_dir(const std::string& name) {
  fs::path exe = platform::executable_dir();
  for (fs::path candidate : {exe / ".." / "share" / "jurymn" / name, exe / name, fs::path(JURYMN_SOURCE_DIR) / name}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return (fs::path(JURYMN_SOURCE_DIR) / name).string();
}

std::string find_font(bool bold) {
  const char* file = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
  fs::path exe = platform::executable_dir();
  for (fs::path candidate : {fs::path(find_data_dir("assets")) / "fonts" / file,
                             fs::path("/usr/share/fonts/truetype/dejavu") / file,
                             fs::path("/usr/local/share/fonts") / file,
                             fs::path("C:/Windows/Fonts") / (bold ? "segoeuib.ttf" : "segoeui.ttf")}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return {};
}

}  // namespace jurymn
