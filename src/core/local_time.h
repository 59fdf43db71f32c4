// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Wall-clock times as the jury reads them: in the computer's time zone.
// Reentrant (the export renders on a second thread).
#include <ctime>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace jurymn {

// Seconds since the epoch to local calendar time; false when out of range.
// Core calls no OS function itself: the platform seam (src/app/platform_*)
// installs the reentrant localtime_r / localtime_s at startup. Until then,
// and in programs without src/app (tests, fuzz targets), a portable default
// calls std::localtime under a mutex: safe among jurymn's own callers, but
// not against other code calling localtime/gmtime on another thread.
using LocalTimeConversion = bool (*)(std::time_t seconds, std::tm& out);
// Installs `convert` (nullptr: back to the portable default). Call it before
// starting threads that read local times.
void set_local_time_conversion(LocalTimeConversion convert);

// The local calendar time of `t`; a zeroed tm for a year out of range.
std::tm local_tm(TimeMs t);
// strftime of local_tm(t) with `format` (result under 64 bytes).
std::string local_time_text(TimeMs t, const char* format);
// "2026-05-18": the local day of `t`.
std::string local_iso_day(TimeMs t);

// French, with no-break spaces: « 18 mai 2026 », « 1er mai 2026 ».
std::string french_day(int year, int month, int day);
// "2026-05-18" → « 18 mai 2026 »; anything else unchanged.
std::string french_date(std::string_view iso);
// « 14 h 05 », local time.
std::string french_clock(TimeMs t);
// « 18 mai 2026 à 14 h 05 », local time.
std::string french_date_time(TimeMs t);

}  // namespace jurymn
