// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Time is injected so that timers, audit entries and tests use one source.
#include <chrono>
#include <cstdint>

namespace jurymn {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

class Clock {
public:
  virtual ~Clock() = default;
  virtual TimeMs now_ms() const = 0;
};

class SystemClock final : public Clock {
public:
  TimeMs now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// For tests and replays: time moves only when told to.
class FakeClock final : public Clock {
public:
  explicit FakeClock(TimeMs start = 1'780'000'000'000) : now_(start) {}
  TimeMs now_ms() const override { return now_; }
  void advance_ms(TimeMs d) { now_ += d; }
  void set_ms(TimeMs t) { now_ = t; }

private:
  TimeMs now_;
};

}  // namespace jurymn
