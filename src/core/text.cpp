// SPDX-License-Identifier: EUPL-1.2
#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <cstdio>
#include <cstdlib>

#include <utf8proc.h>

namespace jurymn {
namespace {

// The code point at s[i] and its length; a byte that starts no valid
// sequence reads as itself (length 1), so nothing is skipped.
std::pair<std::uint32_t, std::size_t> code_point(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  auto cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return {c, 1};
  if ((c & 0xE0) == 0xC0 && cont(i + 1)) return {((c & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu), 2};
  if ((c & 0xF0) == 0xE0 && cont(i + 1) && cont(i + 2))
    return {((c & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu), 3};
  if ((c & 0xF8) == 0xF0 && cont(i + 1) && cont(i + 2) && cont(i + 3))
    return {((c & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12) | ((b(i + 2) & 0x3Fu) << 6) | (b(i + 3) & 0x3Fu), 4};
  return {c, 1};
}

bool hidden(std::uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

std::string u_plus(std::uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

std::optional<std::string> hidden_character(std::string_view s, bool allow_layout) {
  for (std::size_t i = 0; i < s.size();) {
    auto [cp, n] = code_point(s, i);
    if (hidden(cp) && !(allow_layout && (cp == '\n' || cp == '\t' || cp == '\r'))) return u_plus(cp);
    i += n;
  }
  return std::nullopt;
}

std::string nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(s);
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto [cp, n] = code_point(s, i);
    if (!hidden(cp) || cp == '\n' || cp == '\t') {
      out.append(s.substr(i, n));
    } else {
      char buf[16];
      if (cp < 0x80) std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
      else std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
      out += buf;
    }
    i += n;
  }
  return out;
}

std::string file_name_part(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool refused = c < 0x20 || c == 0x7F || std::string_view("/\\:*?\"<>|").find(ch) != std::string_view::npos;
    out += refused ? '_' : ch;
  }
  auto trim = [&out] {
    std::size_t start = out.find_first_not_of(". ");
    if (start == std::string::npos) {
      out.clear();
      return;
    }
    out.erase(0, start);
    out.erase(out.find_last_not_of(". ") + 1);
  };
  trim();
  if (out.size() > 80) {
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters only
    out.resize(cut);
    trim();
  }
  if (out.empty()) return "_";
  // Windows opens a device, not a file, for these names whatever follows the
  // first dot (« nul.html », « COM1.txt »).
  std::string stem = out.substr(0, out.find('.'));
  for (char& ch : stem) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  static constexpr std::string_view kDevices[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"};
  bool device = std::find(std::begin(kDevices), std::end(kDevices), stem) != std::end(kDevices);
  if (stem.size() == 4 && (stem.rfind("COM", 0) == 0 || stem.rfind("LPT", 0) == 0) && stem[3] >= '0' && stem[3] <= '9')
    device = true;
  if (device) out.insert(out.begin(), '_');
  return out;
}

std::string guillemets(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 6);
  out += "«\u00A0";
  out += text;
  out += "\u00A0»";
  return out;
}

bool candidate_number_less(std::string_view a, std::string_view b) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      std::string_view da = a.substr(i, ie - i), db = b.substr(j, je - j);
      while (da.size() > 1 && da.front() == '0') da.remove_prefix(1);
      while (db.size() > 1 && db.front() == '0') db.remove_prefix(1);
      if (da.size() != db.size()) return da.size() < db.size();
      if (da != db) return da < db;
      i = ie, j = je;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i, ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;  // equal by value ("01" and "1"): byte order keeps the order strict
}

}  // namespace jurymn
