// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A record's fields declared once: its key (as written in JSON, the trail
// and results.json), the member that holds it and, for what people read,
// its French label. Codecs, comparisons, SQL binds and CSV columns walk the
// list instead of spelling each field again, so a field added to a record
// is added in one place.
#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

namespace jurymn {

template <class Record, class T>
struct Field {
  using record_type = Record;
  using value_type = T;
  std::string_view key;
  T Record::*member;
  std::string_view label = {};  // French, for a column header or a difference; empty when never shown

  constexpr const T& of(const Record& r) const { return r.*member; }
  constexpr T& of(Record& r) const { return r.*member; }
};

template <class Record, class T>
constexpr Field<Record, T> field(std::string_view key, T Record::*member, std::string_view label = {}) {
  return {key, member, label};
}

// Calls fn(field) for each field of a list (a std::tuple of Field), in order.
template <class Fields, class Fn>
constexpr void for_each_field(const Fields& fields, Fn&& fn) {
  std::apply([&](const auto&... f) { (fn(f), ...); }, fields);
}

// True when no two fields of a list share a key: checked with static_assert
// beside each list.
template <class Fields>
constexpr bool field_keys_distinct(const Fields& fields) {
  bool distinct = true;
  std::size_t i = 0;
  for_each_field(fields, [&](const auto& a) {
    std::size_t j = 0;
    for_each_field(fields, [&](const auto& b) {
      if (j < i && a.key == b.key) distinct = false;
      ++j;
    });
    ++i;
  });
  return distinct;
}

}  // namespace jurymn
