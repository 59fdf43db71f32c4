// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <string>

namespace jurymn {

// Finds a data folder shipped with jurymn ("assets", "scoring_grids"):
// beside the executable when installed, else in the source tree.
std::string find_data_dir(const std::string& name);

// Path of a TTF with full French coverage, or "" when none is found.
std::string find_font(bool bold);

}  // namespace jurymn
