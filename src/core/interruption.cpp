// SPDX-License-Identifier: EUPL-1.2
#include "core/interruption.h"

namespace jurymn {

std::string_view interruption_cause_id(InterruptionCause c) { return words_of(kInterruptionCauseWords, c).id; }

std::optional<InterruptionCause> interruption_cause_from_id(std::string_view id) {
  return value_of_id(kInterruptionCauseWords, id);
}

std::string_view french_label(InterruptionCause c) { return words_of(kInterruptionCauseWords, c).label; }

std::optional<InterruptionGap> gap_on_restart(TimeMs last_sign_of_life, TimeMs now, TimeMs threshold) {
  if (last_sign_of_life <= 0 || now - last_sign_of_life <= threshold) return std::nullopt;
  return InterruptionGap{last_sign_of_life, now};
}

std::optional<InterruptionGap> gap_between_frames(TimeMs previous_frame, TimeMs now, TimeMs threshold) {
  if (previous_frame <= 0 || now - previous_frame <= threshold) return std::nullopt;
  return InterruptionGap{previous_frame, now};
}

}  // namespace jurymn
