// SPDX-License-Identifier: EUPL-1.2
#include "app/settings.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/file.h"
#include "platform/platform.h"

namespace jurymn {

namespace {
// A damaged or missing preferences file only costs the preferences, never
// the start: an empty object then.
nlohmann::json read_settings(const std::string& config_dir) {
  FileBytes f = read_file(config_dir + "/settings.json", 1 << 16);
  if (!f.error.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(f.bytes, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

std::string write_settings(const std::string& config_dir, const nlohmann::json& j) {
  std::error_code ec;
  std::filesystem::create_directories(platform::u8path(config_dir), ec);
  return write_file_atomic(config_dir + "/settings.json", j.dump(2) + "\n");
}
}  // namespace

UiSettings load_ui_settings(const std::string& config_dir) {
  UiSettings s;
  const nlohmann::json j = read_settings(config_dir);
  if (j.is_object() && j.contains("ui_scale") && j["ui_scale"].is_number()) {
    s.scale = std::clamp(j["ui_scale"].get<float>(), kMinScale, kMaxScale);
    s.chosen = true;
  }
  return s;
}

std::string save_ui_settings(const std::string& config_dir, const UiSettings& s) {
  nlohmann::json j = read_settings(config_dir);
  j["ui_scale"] = s.scale;
  return write_settings(config_dir, j);
}

std::string load_export_folder(const std::string& config_dir) {
  const nlohmann::json j = read_settings(config_dir);
  const auto it = j.find("export_folder");
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string save_export_folder(const std::string& config_dir, const std::string& folder) {
  nlohmann::json j = read_settings(config_dir);
  j["export_folder"] = folder;
  return write_settings(config_dir, j);
}

std::optional<ScreenRect> load_candidate_window(const std::string& config_dir) {
  const nlohmann::json j = read_settings(config_dir);
  const auto it = j.find("candidate_window");
  if (it == j.end() || !it->is_array() || it->size() != 4) return std::nullopt;
  for (const auto& v : *it)
    if (!v.is_number_integer()) return std::nullopt;
  ScreenRect r{(*it)[0].get<int>(), (*it)[1].get<int>(), (*it)[2].get<int>(), (*it)[3].get<int>()};
  if (r.w <= 0 || r.h <= 0) return std::nullopt;
  return r;
}

std::string save_candidate_window(const std::string& config_dir, const ScreenRect& r) {
  nlohmann::json j = read_settings(config_dir);
  j["candidate_window"] = {r.x, r.y, r.w, r.h};
  return write_settings(config_dir, j);
}

}  // namespace jurymn
