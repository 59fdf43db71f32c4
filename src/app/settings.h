#pragma once
#include <string>

namespace jurymn {

// Per-user display preferences, kept in config_dir()/settings.json.
struct UiSettings {
  float scale = 1.0f;
  bool chosen = false;  // the user set it (Ctrl +/−): display scaling no longer decides
};

constexpr float kMinScale = 0.7f;
constexpr float kMaxScale = 2.5f;

UiSettings load_ui_settings(const std::string& config_dir);
// Returns an error message, or "" when saved.
std::string save_ui_settings(const std::string& config_dir, const UiSettings& s);

}  // namespace jurymn
