// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A list of session sheet titles in one column (a candidate's, a draw's):
// a JSON list of texts, as many as the title's draw is made between.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/domain.h"

namespace jurymn {

inline std::string sheets_column(const SessionSheetTitles& titles) { return nlohmann::json(titles).dump(); }

// What jurymn wrote reads back as written; anything else in the column
// (never written by jurymn) reads as no title rather than failing the read.
inline SessionSheetTitles sheets_from_column(std::string_view text) {
  SessionSheetTitles out;
  const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_array()) return out;
  for (const auto& t : doc) out.push_back(t.is_string() ? t.get<std::string>() : std::string());
  return out;
}

}  // namespace jurymn
