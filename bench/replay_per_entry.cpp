// SPDX-License-Identifier: EUPL-1.2
// The replay's time per audit entry (store/replay.h): what `verify`,
// `audit verify` and `merge` spend proving a trail. Usage:
//   jurymn_bench_replay DB [ROUNDS]
// (a base made with `jurymn demo --completed --candidates N --db DB`).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "io/title_json.h"
#include "store/replay.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace jurymn;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [ROUNDS]\n", argv[0]);
    return 2;
  }
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 3;
  SystemClock clock;
  OpenResult o = Store::open(argv[1], OpenMode::ReadOnly, clock);
  if (!o.store) {
    std::fprintf(stderr, "%s\n", o.error.c_str());
    return 1;
  }
  Store& store = *o.store;
  store.set_exam_kit(load_exam_kit(JURYMN_ASSETS "/titles/tp-01336.json", JURYMN_ASSETS "/plans", JURYMN_GRIDS));
  for (const SessionRecord& s : store.sessions()) {
    const std::vector<AuditRecord> trail = store.audit_entries(s.uuid);
    double best = 1e300;
    bool ok = true;
    for (int i = 0; i < rounds; ++i) {
      ReplayReport report;
      const auto t0 = std::chrono::steady_clock::now();
      const auto replayed = replay_trail(trail, store.title(), store.exam_plans(), store.scoring_grids(), report);
      const auto t1 = std::chrono::steady_clock::now();
      ok = ok && replayed && report.ok();
      best = std::min(best, std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    std::printf("session %.8s: %zu entries, replay %.0f ms, %.2f µs per entry (best of %d)%s\n", s.uuid.c_str(),
                trail.size(), best / 1000.0, best / static_cast<double>(trail.size()), rounds,
                ok ? "" : " — PROBLEMS");
  }
  return 0;
}
