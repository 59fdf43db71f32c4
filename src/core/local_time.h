#pragma once
// Wall-clock times as the jury reads them: in the computer's time zone.
// Reentrant (the export renders on a second thread).
#include <ctime>
#include <string>

#include "core/clock.h"

namespace jurymn {

// The local calendar time of `t`; a zeroed tm for a year out of range.
std::tm local_tm(TimeMs t);
// strftime of local_tm(t) with `format` (result under 64 bytes).
std::string local_time_text(TimeMs t, const char* format);
// "2026-05-18": the local day of `t`.
std::string local_iso_day(TimeMs t);

}  // namespace jurymn
