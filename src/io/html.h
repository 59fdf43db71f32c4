#pragma once
// Text into the printable HTML documents (PV, feedback sheet, group page).
#include <string>
#include <string_view>

namespace jurymn::html {

inline constexpr std::string_view kNbsp = "\u00A0";

// Escaped for HTML (and SVG), with French typography: a plain space before
// : ; ? ! and » and after « becomes a no-break space (grid texts and what
// the jury types often have plain ones).
std::string text(std::string_view s);

}  // namespace jurymn::html
