// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Times on the day of the printed documents' test session (18 May 2026, in
// the machine's time zone, so that expected clock times do not depend on
// it), and expected texts written with '~' for the no-break space.
#include <ctime>
#include <string>

#include "core/clock.h"

namespace jurymn::test {

inline TimeMs local_ms(int hour, int minute, int second = 0) {
  std::tm tm{};
  tm.tm_year = 2026 - 1900;
  tm.tm_mon = 4;  // May
  tm.tm_mday = 18;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  return static_cast<TimeMs>(std::mktime(&tm)) * 1000;
}

inline TimeMs minutes(int m) { return static_cast<TimeMs>(m) * 60'000; }

inline std::string nb(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '~' ? std::string("\u00A0") : std::string(1, c);
  return out;
}

}  // namespace jurymn::test
