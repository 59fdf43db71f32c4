// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <optional>
#include <string>

#include "app/candidate_placement.h"

namespace jurymn {

// Per-user display preferences, kept in config_dir()/settings.json.
struct UiSettings {
  float scale = 1.0f;
  bool chosen = false;  // the user set it (Ctrl +/−): display scaling no longer decides
};

// Text size, by steps of 10 %. Above 130 % the screens no longer hold at
// 1366×768 (the deliberation table's columns cut words): the clipping test
// (tests/gui/text_fit_test.sh) checks every screen at kMaxScale.
constexpr float kMinScale = 0.7f;
constexpr float kMaxScale = 1.3f;

UiSettings load_ui_settings(const std::string& config_dir);
// Returns an error message, or "" when saved. Each save keeps the other
// preferences of the file.
std::string save_ui_settings(const std::string& config_dir, const UiSettings& s);

// The folder the last results were exported to (a USB key, a shared
// folder), offered first next time; "" when none was chosen.
std::string load_export_folder(const std::string& config_dir);
std::string save_export_folder(const std::string& config_dir, const std::string& folder);

// Where the jury left the candidate's window on a single screen; nullopt
// before it was ever closed there (or the file holds no usable rectangle).
std::optional<ScreenRect> load_candidate_window(const std::string& config_dir);
std::string save_candidate_window(const std::string& config_dir, const ScreenRect& r);

}  // namespace jurymn
