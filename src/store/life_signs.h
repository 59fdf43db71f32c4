// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Resuming an exam day after a crash or a closed lid. The store keeps a
// heartbeat per run under way; the gap between the last one and the
// restart, or a jump of the wall clock between two frames, becomes one
// « reprise après interruption » (action::RecordInterruption).
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/interruption.h"

namespace jurymn {

class Store;

// On opening the base for the screens: records the gap of every run left
// under way, once. Returns those runs (the screens open the first) and the
// errors of any refused record (French).
struct Resumption {
  std::vector<std::string> runs;
  std::vector<std::string> errors;
};
Resumption resume_interrupted_runs(Store& store, TimeMs now);

// Called on every frame of the window: beats every kHeartbeatMs for the
// runs under way and records a wall-clock jump as sleep. Returns when the
// loop must wake for the next beat (0: no run under way, no need).
class LifeSigns {
public:
  TimeMs on_frame(Store& store, TimeMs now);
  // On closing the window: a last beat, so that the gap recorded at the next
  // start is the time jurymn was really closed.
  void on_exit(Store& store, TimeMs now);
  // The last refusal or failure, French; empty when all went well.
  const std::string& error() const { return error_; }

private:
  std::uint64_t revision_ = UINT64_MAX;
  std::vector<std::string> under_way_;
  TimeMs last_beat_ = 0;
  TimeMs last_frame_ = 0;
  std::string error_;
};

}  // namespace jurymn
