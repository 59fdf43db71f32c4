// SPDX-License-Identifier: EUPL-1.2
#include "core/spoken_codes.h"

#include "core/text.h"

namespace jurymn {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string pv_code(std::string_view head_hex) {
  if (head_hex.size() != 64) return {};
  for (char c : head_hex)
    if (hex_value(c) < 0) return {};
  // 20 hex digits = 80 bits = 16 characters of 5 bits.
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < 20; ++i) {
    buffer = (buffer << 4) | static_cast<unsigned>(hex_value(head_hex[i]));
    bits += 4;
    while (bits >= 5) {
      bits -= 5;
      if (out.size() % 5 == 4) out += ' ';
      out += kPvCodeAlphabet[(buffer >> bits) & 31u];
    }
  }
  return out;
}

std::optional<std::string> read_pv_code(std::string_view typed, std::string* why) {
  std::string plain;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kPvCodeAlphabet.find(c) == std::string_view::npos) {
      if (why) {
        const std::string shown = static_cast<unsigned char>(c) < 0x80 ? std::string(1, c) : std::string("?");
        *why = "le caractère " + guillemets(shown) + " n’existe pas dans un code de PV (ni 0, ni 1, ni O, ni I\u00A0: "
               "chiffres 2 à 9 et lettres A à Z sans I ni O).";
      }
      return std::nullopt;
    }
    plain += c;
  }
  if (plain.size() != 16) {
    if (why)
      *why = "un code de PV a 16 caractères (4 groupes de 4), celui-ci en a " + std::to_string(plain.size()) + ".";
    return std::nullopt;
  }
  return plain.substr(0, 4) + ' ' + plain.substr(4, 4) + ' ' + plain.substr(8, 4) + ' ' + plain.substr(12, 4);
}

std::optional<std::string> read_key_fingerprint(std::string_view typed, std::string* why) {
  std::string plain;
  for (char c : typed) {
    if (c == ' ' || c == '\t' || c == ':' || c == '-') continue;
    if (hex_value(c) < 0) {
      if (why) *why = "une empreinte de clé ne contient que des chiffres et les lettres A à F (8 groupes de 4).";
      return std::nullopt;
    }
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    plain += c;
  }
  if (plain.size() != 32) {
    if (why)
      *why = "une empreinte de clé a 32 chiffres hexadécimaux (8 groupes de 4), celle-ci en a " +
             std::to_string(plain.size()) + ".";
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < 32; i += 4) out += (i ? " " : "") + plain.substr(i, 4);
  return out;
}

}  // namespace jurymn
