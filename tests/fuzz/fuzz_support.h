#pragma once
// Shared by the fuzz targets (libFuzzer and the ctest replay alike).
#include <cstddef>
#include <cstdint>
#include <string_view>

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

}  // namespace jurymn::fuzz
