// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Durations as every page and screen writes them: one rounding rule, one
// form. A pause of 5.6 s reads « 6 s » on the procès-verbal, the feedback
// sheet, the group view and the screens alike.
#include <string>

#include "core/clock.h"

namespace jurymn {

// The one rounding rule: to the nearest whole second, half a second up;
// a negative duration counts as 0.
TimeMs rounded_seconds(TimeMs ms);

// « 45 s », « 35 min », « 34 min 05 s », « 1 h 02 min 03 s », « 1 h 20 min »,
// after rounded_seconds (no-break spaces inside).
std::string duration_text(TimeMs ms);

}  // namespace jurymn
