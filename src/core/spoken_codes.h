// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Codes people read to each other over the phone or from paper.
//
// The paper anchor: the head of a session's audit trail when the PV was
// printed, as a code short enough to read aloud over the phone and to
// check against what the centre merged. 16 characters in 4 groups of 4
// ("7KQ3 MZ2H …"), taken from the first 80 bits of the head hash in an
// alphabet without the characters one mistakes for another (no 0/O, 1/I).
// 80 bits: nobody finds another trail with the same code by trying.
#include <optional>
#include <string>
#include <string_view>

namespace jurymn {

inline constexpr std::string_view kPvCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

// "" for an empty or malformed head (not 64 hex digits).
std::string pv_code(std::string_view head_hex);

// What someone typed, read as a code: spaces and dashes ignored, lower case
// accepted. The code in its printed form (groups of 4), or nullopt with
// `why` (French) saying what is wrong with it.
std::optional<std::string> read_pv_code(std::string_view typed, std::string* why = nullptr);

// A signing key's fingerprint as someone typed it (io/signing.h prints
// "21FE 31DF A154 A261 626B F854 046F D227"): spaces ignored, lower case
// accepted. The printed form, or nullopt with `why` (French).
std::optional<std::string> read_key_fingerprint(std::string_view typed, std::string* why = nullptr);

}  // namespace jurymn
