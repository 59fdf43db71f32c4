// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include "core/sheet_draw.h"

namespace jurymn {

// Uniform integers from the operating system's random source (getrandom,
// BCryptGenRandom), by rejection sampling so no index is favoured.
class OsRandomSource final : public RandomSource {
public:
  std::uint32_t uniform(std::uint32_t upper_exclusive) override;
};

}  // namespace jurymn
