// SPDX-License-Identifier: EUPL-1.2
#include "core/interruption.h"

namespace jurymn {

std::string_view interruption_cause_id(InterruptionCause c) {
  return c == InterruptionCause::Sleep ? "sleep" : "restart";
}

std::optional<InterruptionCause> interruption_cause_from_id(std::string_view id) {
  if (id == "restart") return InterruptionCause::Restart;
  if (id == "sleep") return InterruptionCause::Sleep;
  return std::nullopt;
}

std::string_view french_label(InterruptionCause c) {
  return c == InterruptionCause::Sleep ? "mise en veille" : "arrêt de jurymn";
}

std::optional<InterruptionGap> gap_on_restart(TimeMs last_sign_of_life, TimeMs now, TimeMs threshold) {
  if (last_sign_of_life <= 0 || now - last_sign_of_life <= threshold) return std::nullopt;
  return InterruptionGap{last_sign_of_life, now};
}

std::optional<InterruptionGap> gap_between_frames(TimeMs previous_frame, TimeMs now, TimeMs threshold) {
  if (previous_frame <= 0 || now - previous_frame <= threshold) return std::nullopt;
  return InterruptionGap{previous_frame, now};
}

}  // namespace jurymn
