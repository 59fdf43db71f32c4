// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Shared by the fuzz targets (libFuzzer and the ctest replay alike).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/title.h"
#include "io/json_strict.h"

namespace jurymn::fuzz {

// A reader broke its own promise (said "ok" but returned inconsistent data):
// stop here, so that libFuzzer keeps the input and the replay test fails.
inline void require(bool holds) {
  if (!holds) __builtin_trap();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Whatever the bytes read, what the app shows or stores is UTF-8.
inline bool is_utf8(std::string_view s) { return !json_strict::bad_utf8(s).has_value(); }

// The shipped title (assets/titles/tp-01336.json), as far as the readers
// look at it: CCP ids, competencies, the equivalence. Built here so that a
// fuzz binary reads no file but its input.
inline const Title& shipped_title() {
  static const Title title{"TP-01336",
                           "Médiateur numérique",
                           "1.0",
                           {{"CCP1", "CCP1", {"CP-1", "CP-2", "CP-3", "CP-4", "CP-5"}, "ccp1", "ccp1", {}},
                            {"CCP2", "CCP2", {"CP-6", "CP-7", "CP-8", "CP-9", "CP-10"}, "ccp2", "ccp2", {}}},
                           {{"remn-ccp1", "CCP1 du titre REMN", "CCP1"}}};
  return title;
}

}  // namespace jurymn::fuzz
