// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The candidate's fields, declared once. The audit payload, results.json,
// the replay's comparison, the candidate row's SQL, the candidate list's
// CSV columns and the audit summary of an edit walk this list: a field
// added to CandidateInput and here (and to the schema, and to the form)
// travels everywhere else by itself.
//
// Keys are what the trail and results.json have always written: they are
// hashed and signed, so a key is added, never renamed.
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "core/field_list.h"
#include "core/validation.h"

namespace jurymn {

// How a field is written and read. Plain texts are handled alike by every
// walker; the other kinds have one codec each, per walker, chosen here.
enum class CandidateFieldKind {
  Text,          // required text: a column of `candidate` named as its key, a CSV column
  OptionalText,  // text absent from the payload and results.json when empty, as everything written before it
  Ccps,          // the CCPs examined: candidate_ccp rows with held_by_equivalence = 0
  Equivalences,  // the CCPs held by equivalence: candidate_ccp rows with held_by_equivalence = 1;
                 // a flag (kLegacyEquivalenceKey) in entries and bundles written before titles were data
  Sheets,        // the session sheets, as many as the title's: one column and a JSON array of titles
};

template <class T, CandidateFieldKind K>
struct CandidateField : Field<CandidateInput, T> {
  static constexpr CandidateFieldKind kind = K;
  // The names a candidate list's header may give the column, folded as the
  // CSV reader folds them (lower case, no accent, no space), separated by
  // spaces. Empty: not a plain CSV column.
  std::string_view csv_names = {};
};

template <CandidateFieldKind K, class T>
constexpr CandidateField<T, K> candidate_field(std::string_view key, T CandidateInput::*member,
                                               std::string_view label, std::string_view csv_names = {}) {
  return {{key, member, label}, csv_names};
}

// Labels are lower-case French words: they follow « : » in summaries and
// differences; a column header capitalises them.
inline constexpr auto kCandidateFields = std::make_tuple(
    candidate_field<CandidateFieldKind::Text>(
        "number", &CandidateInput::number, "numéro",
        "numero no num numerocandidat numerodecandidat numeroducandidat nocandidat nodecandidat nducandidat "
        "numcandidat number candidatenumber candidateno"),
    candidate_field<CandidateFieldKind::Text>(
        "last_name", &CandidateInput::last_name, "nom",
        "nom nomdefamille nomdusage nomcandidat nomducandidat lastname surname familyname"),
    candidate_field<CandidateFieldKind::Text>("first_name", &CandidateInput::first_name, "prénom",
                                              "prenom prenoms prenomcandidat prenomducandidat firstname givenname"),
    candidate_field<CandidateFieldKind::Ccps>("ccps", &CandidateInput::ccps, "CCP"),
    candidate_field<CandidateFieldKind::Equivalences>("by_equivalence", &CandidateInput::by_equivalence,
                                                      "CCP acquis par équivalence"),
    candidate_field<CandidateFieldKind::Sheets>("sheets", &CandidateInput::sheets, "fiches séances"));

static_assert(field_keys_distinct(kCandidateFields));

// The sum of the sizes of a list's members: equal to its record's size when
// every member is listed (members here are all word-aligned: no padding).
template <class Fields>
constexpr std::size_t listed_size(const Fields& fields) {
  std::size_t n = 0;
  for_each_field(fields, [&](const auto& f) { n += sizeof(typename std::decay_t<decltype(f)>::value_type); });
  return n;
}
// A member of CandidateInput missing from the list would be neither
// recorded, stored, exported nor proved.
static_assert(listed_size(kCandidateFields) == sizeof(CandidateInput),
              "every member of CandidateInput is declared in kCandidateFields");

// The kind of a field of the list, usable in `if constexpr`.
template <class F>
inline constexpr CandidateFieldKind candidate_kind = std::decay_t<F>::kind;

// Each word of a space-separated list (csv_names), in order.
template <class Fn>
constexpr void for_each_word(std::string_view words, Fn&& fn) {
  while (!words.empty()) {
    const std::size_t end = words.find(' ');
    if (end != 0) fn(words.substr(0, end));
    if (end == std::string_view::npos) break;
    words.remove_prefix(end + 1);
  }
}

}  // namespace jurymn
