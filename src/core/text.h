// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Characters that hide what a text says: control characters (C0, DEL, C1),
// the bidirectional controls that reorder what is displayed (U+202A–U+202E,
// U+2066–U+2069) and the zero-width ones (U+200B–U+200D, U+2060, U+FEFF).
// A name holding them reads one way and compares another; printed to a
// terminal, an escape sequence acts instead of showing.
#include <optional>
#include <string>
#include <string_view>

namespace jurymn {

// The first hidden character of `utf8` as « U+202E », or nullopt. Line
// breaks and tabs count as hidden unless `allow_layout` (multi-line notes).
std::optional<std::string> hidden_character(std::string_view utf8, bool allow_layout = false);

// `utf8` in Unicode normalisation form C: « é » typed as e + U+0301 (as some
// systems save it) becomes the one character the rest of the world
// compares with. Bytes that are not UTF-8 are returned as they are.
std::string nfc(std::string_view utf8);

// `text` with every hidden character shown as an escape (« \x1B » below
// U+0080, « \u0085 », « \u202E » above, which JSON reads as the same
// character), line breaks and tabs kept: safe to print to a terminal.
std::string terminal_safe(std::string_view text);

// A piece of a file name made from data (a candidate number, a date): the
// separators and the characters Windows refuses become « _ », control
// characters too; leading dots and spaces go (« .. » is no way out), and so
// do trailing dots and spaces (Windows drops them); a Windows device name
// (CON, NUL, COM1…) gets « _ » in front; never empty, at most 80 bytes.
// Joined to a folder, it names a file inside that folder on every system.
std::string file_name_part(std::string_view text);

// « text »: the French guillemets with the no-break spaces (U+00A0) French
// typography puts inside them, as every message quotes a name, a value or a
// label. The one place those bytes are written around a text.
std::string guillemets(std::string_view text);

// Candidate numbers in reading order, as every list, table and page shows
// them: digit runs compare by value, so « 2 » < « 10 », « A-9 » < « A-10 »
// and « 2026/9 » < « 2026/010 »; otherwise byte order. Equal by value
// (« 01 » and « 1 »), byte order decides: the order is strict, so a sort
// gives the same list on every computer.
bool candidate_number_less(std::string_view a, std::string_view b);

}  // namespace jurymn
