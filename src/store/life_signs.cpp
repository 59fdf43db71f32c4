// SPDX-License-Identifier: EUPL-1.2
#include "store/life_signs.h"

#include "store/store.h"

namespace jurymn {

Resumption resume_interrupted_runs(Store& store, TimeMs now) {
  Resumption out;
  if (store.read_only()) return out;
  for (const auto& run : store.runs_under_way()) {
    out.runs.push_back(run);
    auto gap = gap_on_restart(store.last_sign_of_life(run), now);
    if (!gap) continue;
    ApplyResult r = store.apply(action::RecordInterruption{run, gap->from, gap->to, InterruptionCause::Restart}, "jurymn");
    if (!r) out.errors.push_back(r.error);
  }
  return out;
}

TimeMs LifeSigns::on_frame(Store& store, TimeMs now) {
  if (store.read_only()) return 0;
  if (store.revision() != revision_) {
    revision_ = store.revision();
    under_way_ = store.runs_under_way();
  }
  if (under_way_.empty()) {
    last_frame_ = 0;
    return 0;
  }
  // The loop wakes at least every beat while a run is under way: a longer
  // gap since the last frame is the machine asleep.
  if (auto gap = gap_between_frames(last_frame_, now)) {
    for (const auto& run : under_way_) {
      ApplyResult r = store.apply(action::RecordInterruption{run, gap->from, gap->to, InterruptionCause::Sleep}, "jurymn");
      if (!r) error_ = r.error;
    }
    last_beat_ = now;  // the record moved the heartbeats
  }
  last_frame_ = now;
  if (now - last_beat_ >= kHeartbeatMs) {
    error_.clear();
    for (const auto& run : under_way_)
      if (auto e = store.record_heartbeat(run, now); !e.empty()) error_ = e;
    last_beat_ = now;
  }
  return last_beat_ + kHeartbeatMs;
}

void LifeSigns::on_exit(Store& store, TimeMs now) {
  if (store.read_only()) return;
  for (const auto& run : store.runs_under_way()) store.record_heartbeat(run, now);
}

}  // namespace jurymn
