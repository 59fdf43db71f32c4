// SPDX-License-Identifier: EUPL-1.2
#pragma once
// An exam interrupted by the laptop, not by the jury: jurymn was stopped
// (crash, killed, battery) or the machine slept (lid closed). The stage
// timer keeps counting through the gap, as a wall clock does; the gap is
// put on record so the jury can account for it. Pure: the frame loop and
// the restart give the times.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/enum_words.h"

namespace jurymn {

enum class InterruptionCause {
  Restart,  // jurymn stopped while a stage was under way, and was started again
  Sleep,    // the wall clock jumped between two frames: sleep, closed lid
};

// The words as the procès-verbal and the audit trail tell an interruption:
// « mise en veille de 14:05 à 14:20 ».
inline constexpr EnumWords<InterruptionCause> kInterruptionCauseWords[] = {
    {InterruptionCause::Restart, "restart", "arrêt de jurymn", "arrêt de jurymn", ""},
    {InterruptionCause::Sleep, "sleep", "mise en veille", "mise en veille", ""},
};
static_assert(words_hold(kInterruptionCauseWords, InterruptionCause::Sleep));
std::string_view interruption_cause_id(InterruptionCause c);
std::optional<InterruptionCause> interruption_cause_from_id(std::string_view id);
// « arrêt de jurymn », « mise en veille ».
std::string_view french_label(InterruptionCause c);

// How often a run under way leaves a sign of life, and the jump between two
// frames that counts as sleep: twice the beat, so a late wake is not one.
inline constexpr TimeMs kHeartbeatMs = 30'000;
inline constexpr TimeMs kWallClockJumpMs = 60'000;

struct InterruptionGap {
  TimeMs from = 0;
  TimeMs to = 0;
  bool operator==(const InterruptionGap&) const = default;
};

// Every restart during a stage is on record: the only gap too short to be
// one is within the same second (two windows opened at once).
inline constexpr TimeMs kRestartGapMs = 1'000;

// At restart, a run was under way: the gap since its last sign of life when
// longer than `threshold`.
std::optional<InterruptionGap> gap_on_restart(TimeMs last_sign_of_life, TimeMs now,
                                              TimeMs threshold = kRestartGapMs);

// Between two frames of a running exam: a gap only when the wall clock
// jumped more than `threshold` (the loop wakes at least every heartbeat).
std::optional<InterruptionGap> gap_between_frames(TimeMs previous_frame, TimeMs now,
                                                  TimeMs threshold = kWallClockJumpMs);

}  // namespace jurymn
