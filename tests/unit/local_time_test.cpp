// SPDX-License-Identifier: EUPL-1.2
// Local time through the seam: core's portable default (what tests and fuzz
// targets use) and the platform's reentrant conversion give the same
// calendar time, and an installed conversion is the one core uses.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <tuple>
#include <vector>

#include "platform/platform.h"
#include "core/local_time.h"
#include "session_day.h"

namespace jurymn {
namespace {

// Restores the portable default whatever a test installed.
struct DefaultConversionAfter {
  ~DefaultConversionAfter() { set_local_time_conversion(nullptr); }
};

TEST(LocalTime, TheDefaultGivesTheMachinesLocalTime) {
  DefaultConversionAfter restore;
  set_local_time_conversion(nullptr);
  const TimeMs t = test::local_ms(14, 5, 30);
  const std::tm tm = local_tm(t);
  EXPECT_EQ(tm.tm_year + 1900, 2026);
  EXPECT_EQ(tm.tm_mon + 1, 5);
  EXPECT_EQ(tm.tm_mday, 18);
  EXPECT_EQ(tm.tm_hour, 14);
  EXPECT_EQ(tm.tm_min, 5);
  EXPECT_EQ(tm.tm_sec, 30);
  EXPECT_EQ(local_iso_day(t), "2026-05-18");
  EXPECT_EQ(french_date_time(t), test::nb("18~mai~2026 à 14~h~05"));
}

TEST(LocalTime, ThePlatformConversionAgreesWithTheDefault) {
  DefaultConversionAfter restore;
  // A zone with daylight saving, whatever the machine's (CTest runs each
  // case in its own process).
  const char* tz = std::getenv("TZ");
  const std::string saved = tz ? tz : "";
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  // Every 7 h 13 min over two years: both sides of each daylight-saving change.
  std::vector<std::tm> by_default;
  const TimeMs from = test::local_ms(0, 0) - 365LL * 86'400'000, step = (7 * 60 + 13) * 60'000LL;
  set_local_time_conversion(nullptr);
  for (TimeMs t = from; t < from + 2 * 365LL * 86'400'000; t += step) by_default.push_back(local_tm(t));
  set_local_time_conversion(&platform::local_calendar_time);
  std::size_t i = 0;
  for (TimeMs t = from; t < from + 2 * 365LL * 86'400'000; t += step, ++i) {
    const std::tm a = by_default[i], b = local_tm(t);
    ASSERT_EQ(std::tie(a.tm_year, a.tm_mon, a.tm_mday, a.tm_hour, a.tm_min, a.tm_sec, a.tm_isdst),
              std::tie(b.tm_year, b.tm_mon, b.tm_mday, b.tm_hour, b.tm_min, b.tm_sec, b.tm_isdst))
        << "at " << t;
  }
  EXPECT_GT(i, 2000u);
  EXPECT_EQ(french_clock(1'782'900'000'000), test::nb("12~h~00")) << "1 July 2026 10:00 UTC, summer time";
  if (tz) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}

TEST(LocalTime, CoreUsesTheInstalledConversion) {
  DefaultConversionAfter restore;
  set_local_time_conversion([](std::time_t, std::tm& out) {
    out = std::tm{};
    out.tm_year = 2027 - 1900;
    out.tm_mon = 0;
    out.tm_mday = 1;
    out.tm_hour = 9;
    out.tm_min = 7;
    return true;
  });
  EXPECT_EQ(french_date_time(0), test::nb("1er~janvier~2027 à 09~h~07"));
  set_local_time_conversion([](std::time_t, std::tm& out) {
    out.tm_year = 99;  // a failing conversion's output is not used
    return false;
  });
  EXPECT_EQ(local_tm(0).tm_year, 0);
  set_local_time_conversion(nullptr);
  EXPECT_EQ(local_iso_day(test::local_ms(23, 59)), "2026-05-18");
}

}  // namespace
}  // namespace jurymn
