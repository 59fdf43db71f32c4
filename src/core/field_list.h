// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A record's fields declared once: its key (as written in JSON, the trail
// and results.json), the member that holds it and, for what people read,
// its French label. Codecs, comparisons, SQL binds and CSV columns walk the
// list instead of spelling each field again, so a field added to a record
// is added in one place.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/enum_words.h"

namespace jurymn {

// How a field is stored when it holds its record's default value. A
// std::optional field is written when it holds a value, and read when its
// key is there, whatever its presence.
enum class Presence {
  Always,              // written every time; a reader requires it
  OmittedWhenDefault,  // written only when it differs from a default-made record's; absent reads as that
};

// What a field's value is, when its type alone does not say: the codecs
// read these tags (core/audit_payloads.cpp writes and reads JSON by them).
struct AsIs {};  // the type says it all: a text, a flag, a list of texts…

// A whole number, and its check: an empty string, or why the number is
// refused (French). Count: also refused below zero.
using IntegerCheck = std::string (*)(std::int64_t);
struct Integer {
  IntegerCheck check = nullptr;
};
struct Count {
  IntegerCheck check = nullptr;
};

// An enum as its stable id, from the enum's table (core/enum_words.h).
template <class E>
struct Ids {
  const EnumWords<E>* table;
  std::size_t size;
};
template <class E, std::size_t N>
constexpr Ids<E> ids(const EnumWords<E> (&table)[N]) {
  return {table, N};
}

// A sub-record as an object of its own, from its field list; `check` says
// why a sub-record read whole is refused (French), or "".
template <class Fields, class Sub>
struct Object {
  Fields fields;
  std::string (*check)(const Sub&) = nullptr;
};

// A sub-record whose fields stand at the level of the record that holds it
// (a session's fields beside the payload's uuid). As std::optional, present
// when any of its keys is.
template <class Fields>
struct Flattened {
  Fields fields;
};

template <class Record, class T, class As = AsIs>
struct Field {
  using record_type = Record;
  using value_type = T;
  std::string_view key;  // empty for a flattened sub-record: its fields have keys
  T Record::*member;
  std::string_view label = {};  // French, for a column header or a difference; empty when never shown
  As kind = {};
  Presence presence = Presence::Always;
  // Written and read only beside this key (a count that tells of the key
  // before it); empty: no such condition.
  std::string_view with_key = {};

  constexpr const T& of(const Record& r) const { return r.*member; }
  constexpr T& of(Record& r) const { return r.*member; }

  template <class A>
  constexpr Field<Record, T, A> as(A a) const {
    return {key, member, label, a, presence, with_key};
  }
  constexpr Field omitted_when_default() const {
    Field f = *this;
    f.presence = Presence::OmittedWhenDefault;
    return f;
  }
  constexpr Field beside(std::string_view k) const {
    Field f = *this;
    f.with_key = k;
    return f;
  }
};

template <class Record, class T>
constexpr Field<Record, T> field(std::string_view key, T Record::*member, std::string_view label = {}) {
  return {key, member, label};
}

// The record type inside an optional field (a member's PIN, when one was
// set) or a list (the merge's conflicts).
template <class T>
struct RecordOf {
  using type = T;
};
template <class T>
struct RecordOf<std::optional<T>> {
  using type = T;
};
template <class T>
struct RecordOf<std::vector<T>> {
  using type = T;
};

// A field holding a sub-record written through its own field list, as an
// object under `key` (a list of such objects for a std::vector).
template <class Record, class T, class Fields, class Sub = typename RecordOf<T>::type>
constexpr auto object_field(std::string_view key, T Record::*member, const Fields& fields,
                            std::string (*check)(const Sub&) = nullptr) {
  return Field<Record, T, Object<Fields, Sub>>{key, member, {}, {fields, check}};
}

// A sub-record whose fields stand beside the record's own.
template <class Record, class T, class Fields>
constexpr auto flattened(T Record::*member, const Fields& fields) {
  return Field<Record, T, Flattened<Fields>>{{}, member, {}, {fields}};
}

// Calls fn(field) for each field of a list (a std::tuple of Field), in order.
template <class Fields, class Fn>
constexpr void for_each_field(const Fields& fields, Fn&& fn) {
  std::apply([&](const auto&... f) { (fn(f), ...); }, fields);
}

template <class As>
inline constexpr bool kFlattens = false;
template <class L>
inline constexpr bool kFlattens<Flattened<L>> = true;

// Calls fn(key) for each key a list writes at its own level: a flattened
// sub-record's keys beside the record's own. A field of a kind the list
// cannot see into (empty key) has none here.
template <class Fields, class Fn>
constexpr void for_each_key(const Fields& fields, Fn&& fn) {
  for_each_field(fields, [&](const auto& f) {
    if constexpr (kFlattens<std::remove_cvref_t<decltype(f.kind)>>)
      for_each_key(f.kind.fields, fn);
    else if (!f.key.empty())
      fn(f.key);
  });
}

// True when no two keys of one level share a name, a flattened sub-record's
// included: checked with static_assert beside each list.
template <class Fields>
constexpr bool field_keys_distinct(const Fields& fields) {
  bool distinct = true;
  std::size_t i = 0;
  for_each_key(fields, [&](std::string_view a) {
    std::size_t j = 0;
    for_each_key(fields, [&](std::string_view b) {
      if (j < i && a == b) distinct = false;
      ++j;
    });
    ++i;
  });
  return distinct;
}

}  // namespace jurymn
