#include "app/settings.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/file.h"
#include "platform/platform.h"

namespace jurymn {

UiSettings load_ui_settings(const std::string& config_dir) {
  UiSettings s;
  FileBytes f = read_file(config_dir + "/settings.json", 1 << 16);
  if (!f.error.empty()) return s;
  // A damaged preferences file only costs the preference, never the start.
  auto j = nlohmann::json::parse(f.bytes, nullptr, false);
  if (j.is_object() && j.contains("ui_scale") && j["ui_scale"].is_number()) {
    s.scale = std::clamp(j["ui_scale"].get<float>(), kMinScale, kMaxScale);
    s.chosen = true;
  }
  return s;
}

std::string save_ui_settings(const std::string& config_dir, const UiSettings& s) {
  std::error_code ec;
  std::filesystem::create_directories(platform::u8path(config_dir), ec);
  nlohmann::json j = {{"ui_scale", s.scale}};
  return write_file_atomic(config_dir + "/settings.json", j.dump(2) + "\n");
}

}  // namespace jurymn
