// SPDX-License-Identifier: EUPL-1.2
#include "core/search.h"

#include <utility>

namespace jurymn {

std::string fold_for_search(std::string_view s) {
  // Two-byte UTF-8 sequences of Latin-1 letters and œ/Œ, folded to ASCII.
  static const std::pair<std::string_view, std::string_view> folds[] = {
      {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"ã", "a"}, {"å", "a"}, {"À", "a"}, {"Â", "a"},
      {"Ä", "a"}, {"Á", "a"}, {"ç", "c"}, {"Ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
      {"É", "e"}, {"È", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"î", "i"}, {"ï", "i"}, {"í", "i"}, {"ì", "i"},
      {"Î", "i"}, {"Ï", "i"}, {"Í", "i"}, {"ô", "o"}, {"ö", "o"}, {"ó", "o"}, {"ò", "o"}, {"õ", "o"},
      {"Ô", "o"}, {"Ö", "o"}, {"Ó", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ú", "u"}, {"Ù", "u"},
      {"Û", "u"}, {"Ü", "u"}, {"Ú", "u"}, {"ÿ", "y"}, {"ñ", "n"}, {"Ñ", "n"}, {"œ", "oe"}, {"Œ", "oe"},
      {"æ", "ae"}, {"Æ", "ae"}, {"’", "'"}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : folds) {
      if (s.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) out += s[i++];
  }
  return out;
}

bool search_matches(std::string_view folded_haystack, std::string_view query) {
  std::string q = fold_for_search(query);
  std::size_t pos = 0;
  while (pos < q.size()) {
    while (pos < q.size() && q[pos] == ' ') ++pos;
    std::size_t end = q.find(' ', pos);
    if (end == std::string::npos) end = q.size();
    if (end > pos && folded_haystack.find(std::string_view(q).substr(pos, end - pos)) == std::string_view::npos)
      return false;
    pos = end;
  }
  return true;
}

}  // namespace jurymn
