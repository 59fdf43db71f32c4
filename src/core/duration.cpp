// SPDX-License-Identifier: EUPL-1.2
#include "core/duration.h"

#include <algorithm>

namespace jurymn {

TimeMs rounded_seconds(TimeMs ms) { return (std::max<TimeMs>(ms, 0) + 500) / 1000; }

std::string duration_text(TimeMs ms) {
  const TimeMs total = rounded_seconds(ms);
  const TimeMs h = total / 3600, m = total / 60 % 60, s = total % 60;
  auto two = [](TimeMs v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::string out;
  if (h > 0) out = std::to_string(h) + "\u00A0h " + two(m) + "\u00A0min";
  else if (m > 0) out = std::to_string(m) + "\u00A0min";
  if (s > 0 || out.empty()) out += out.empty() ? std::to_string(s) + "\u00A0s" : " " + two(s) + "\u00A0s";
  return out;
}

}  // namespace jurymn
