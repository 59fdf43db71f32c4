// SPDX-License-Identifier: EUPL-1.2
#include <gtest/gtest.h>

#include "core/search.h"
#include "core/validation.h"

namespace jurymn {
namespace {

bool has_field(const FieldErrors& errs, const std::string& field) {
  for (const auto& e : errs)
    if (e.field == field) return true;
  return false;
}

TEST(Validation, IsoDatesMustBeRealDays) {
  EXPECT_TRUE(is_iso_date("2026-05-18"));
  EXPECT_TRUE(is_iso_date("2028-02-29"));
  EXPECT_FALSE(is_iso_date("2026-02-29"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("18/05/2026"));
  EXPECT_FALSE(is_iso_date("2026-5-18"));
  EXPECT_FALSE(is_iso_date(""));
}

TEST(Validation, TrimmingRemovesSpacesAndFrenchNoBreakSpaces) {
  EXPECT_EQ(trimmed("  \t Éloïse \r\n"), "Éloïse");
  EXPECT_EQ(trimmed("\xC2\xA0" "Dupré\xE2\x80\xAF"), "Dupré");
  EXPECT_EQ(trimmed("Jean Pierre"), "Jean Pierre");
  EXPECT_EQ(trimmed("   "), "");
}

TEST(Validation, CandidateNeedsNumberNamesAndACcp) {
  CandidateInput c;
  c.ccps = {"CCP1"};
  c.ccps = {};
  auto errs = validate(c);
  EXPECT_TRUE(has_field(errs, "number"));
  EXPECT_TRUE(has_field(errs, "last_name"));
  EXPECT_TRUE(has_field(errs, "first_name"));
  EXPECT_TRUE(has_field(errs, "ccps"));
}

TEST(Validation, CandidateInputIsTrimmedWhenValid) {
  CandidateInput c;
  c.ccps = {"CCP1"};
  c.number = " 12 ";
  c.last_name = " N’Diaye ";
  c.first_name = "Moussa ";
  c.sheets = {" Atelier « tablette » ", "", ""};
  EXPECT_TRUE(validate(c).empty());
  EXPECT_EQ(c.number, "12");
  EXPECT_EQ(c.last_name, "N’Diaye");
  EXPECT_EQ(c.sheets[0], "Atelier « tablette »");
  EXPECT_EQ(sheet_count(c.sheets), 1);
}

TEST(Validation, ACcpHeldByEquivalenceIsNotExamined) {
  CandidateInput c;
  c.ccps = {"CCP1"};
  c.number = "1";
  c.last_name = "Œuvray";
  c.first_name = "Jérôme";
  c.ccps = {"CCP1", "CCP2"};
  c.by_equivalence = {"CCP1"};
  EXPECT_TRUE(has_field(validate(c), "ccps"));
  c.ccps = {"CCP2"};
  EXPECT_TRUE(validate(c).empty());
}

TEST(Validation, ControlCharactersAndOverlongTextAreRefused) {
  CandidateInput c;
  c.ccps = {"CCP1"};
  c.number = "1";
  c.last_name = "Du\x01pré";
  c.first_name = std::string(201, 'a');
  auto errs = validate(c);
  EXPECT_TRUE(has_field(errs, "last_name"));
  EXPECT_TRUE(has_field(errs, "first_name"));
  // 200 accented characters are 400 bytes but still within the limit.
  c.last_name = "Dupré";
  c.first_name.clear();
  for (int i = 0; i < 200; ++i) c.first_name += "é";
  EXPECT_TRUE(validate(c).empty());
}

TEST(Validation, SessionNeedsTitleCentreRealDateAndACcp) {
  SessionInput s{"", "2026-02-30", " ", SessionKind::Rehearsal, {}};
  auto errs = validate(s);
  EXPECT_TRUE(has_field(errs, "title"));
  EXPECT_TRUE(has_field(errs, "exam_centre"));
  EXPECT_TRUE(has_field(errs, "date"));
  EXPECT_TRUE(has_field(errs, "ccps"));
}

TEST(Search, FindsNamesWithoutAccentsOrCase) {
  std::string key = fold_for_search("MN-004 Œuvray Jérôme");
  EXPECT_EQ(key, "mn-004 oeuvray jerome");
  EXPECT_TRUE(search_matches(key, "jérôme"));
  EXPECT_TRUE(search_matches(key, "JEROME oeuv"));
  EXPECT_TRUE(search_matches(key, "004"));
  EXPECT_TRUE(search_matches(key, ""));
  EXPECT_FALSE(search_matches(key, "jerome dupre"));
  EXPECT_TRUE(search_matches(fold_for_search("N’Diaye"), "n'diaye"));
}

}  // namespace
}  // namespace jurymn
