// SPDX-License-Identifier: EUPL-1.2
#include "app/frame_pacing.h"

#include <algorithm>

namespace jurymn {

FramePacing next_frame(const PacingFacts& f) {
  using Step = FramePacing::Step;
  if (f.stop_at > 0 && f.now >= f.stop_at) return {Step::Stop, {}};
  if (f.every_frame || f.frames_wanted > 0 || f.settling || f.keys_queued) return {Step::Draw, {}};
  if (f.wake_at > 0 && f.now >= f.wake_at) return {Step::Draw, {}};  // the clock on screen must change
  std::optional<TimeMs> until;
  if (f.wake_at > 0) until = f.wake_at + kWakeSlackMs;
  if (f.stop_at > 0) until = until ? std::min(*until, f.stop_at) : f.stop_at;
  return {Step::Wait, until};
}

}  // namespace jurymn
