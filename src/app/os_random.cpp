// SPDX-License-Identifier: EUPL-1.2
#include "app/os_random.h"

#include <limits>

#include "platform/platform.h"

namespace jurymn {

std::uint32_t OsRandomSource::uniform(std::uint32_t upper) {
  if (upper <= 1) return 0;
  // Values at or above `limit` would make the low residues more likely.
  const std::uint32_t limit = std::numeric_limits<std::uint32_t>::max() - std::numeric_limits<std::uint32_t>::max() % upper;
  for (;;) {
    std::uint32_t v = 0;
    platform::random_bytes(&v, sizeof v);
    if (v < limit) return v % upper;
  }
}

}  // namespace jurymn
