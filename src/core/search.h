// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <string>
#include <string_view>

namespace jurymn {

// Lower-cases and strips French accents so that « eloise » finds « Éloïse ».
std::string fold_for_search(std::string_view text);

// True when every space-separated word of `query` appears in `haystack`
// (both folded). An empty query matches everything.
bool search_matches(std::string_view folded_haystack, std::string_view query);

}  // namespace jurymn
