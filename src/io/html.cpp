// SPDX-License-Identifier: EUPL-1.2
#include "io/html.h"

namespace jurymn::html {

std::string text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ') {
      const std::string_view rest = s.substr(i + 1);
      const bool before = !rest.empty() && (rest[0] == ':' || rest[0] == ';' || rest[0] == '?' || rest[0] == '!');
      if (before || rest.starts_with("»") || std::string_view(out).ends_with("«")) {
        out += kNbsp;
        continue;
      }
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace jurymn::html
