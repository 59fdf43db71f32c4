// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The title results of format 2 imply (they were written before titles were
// data, by versions that knew one title only): the text of
// assets/titles/format-2/tp-01336.json, compiled in.
#include <string_view>

namespace jurymn {

std::string_view format2_title_json();
inline constexpr std::string_view kFormat2TitleFile = "format-2/tp-01336.json";

}  // namespace jurymn
