// SPDX-License-Identifier: EUPL-1.2
#pragma once
// One table per enum of the domain: for each value its stable id (as the
// database, the audit trail and the bundles store it) and its French words.
// A table is checked at compile time against its enum, as kAuditActions is
// (core/audit_payloads.h): one row per value, in enum order, ids distinct.
// Conversions read the table; nothing else spells an id or a label.
#include <cstddef>
#include <optional>
#include <string_view>

namespace jurymn {

template <class E>
struct EnumWords {
  E value;
  std::string_view id;     // stable ASCII: never change one, data outlives versions
  std::string_view label;  // French, standing alone: « Compétence acquise », « Présent »
  std::string_view word;   // French, after its noun, lower case: « acquise », « présent »
  std::string_view short_label;  // French, in a table cell or on a button: « Acquise »
};

// True when `table` holds one row per value from the first to `last`, in
// enum order, each with a distinct non-empty id. A value no one shows in
// French (a timer state, an alert level) has empty words.
template <class E, std::size_t N>
constexpr bool words_hold(const EnumWords<E> (&table)[N], E last) {
  if (static_cast<std::size_t>(last) + 1 != N) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i || table[i].id.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (table[j].id == table[i].id) return false;
  }
  return true;
}

template <class E, std::size_t N>
constexpr const EnumWords<E>& words_of(const EnumWords<E> (&table)[N], E value) {
  return table[static_cast<std::size_t>(value)];
}

template <class E, std::size_t N>
constexpr std::optional<E> value_of_id(const EnumWords<E> (&table)[N], std::string_view id) {
  for (const auto& row : table)
    if (row.id == id) return row.value;
  return std::nullopt;
}

}  // namespace jurymn
