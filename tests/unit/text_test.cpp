// SPDX-License-Identifier: EUPL-1.2
#include "core/text.h"

#include <gtest/gtest.h>

#include "core/validation.h"

namespace jurymn {
namespace {

TEST(HiddenCharacters, AreFoundWhereverTheyHide) {
  EXPECT_EQ(hidden_character("Éloïse Dupré-Œuvray"), std::nullopt);
  EXPECT_EQ(hidden_character("Du\x1b[31mpré"), "U+001B");
  EXPECT_EQ(hidden_character("abc\x7f"), "U+007F");
  EXPECT_EQ(hidden_character("a\xc2\x85" "b"), "U+0085");                   // C1 NEL
  EXPECT_EQ(hidden_character("Martin\u202eniram"), "U+202E");             // right-to-left override
  EXPECT_EQ(hidden_character("x\u2066y"), "U+2066");                      // isolate
  EXPECT_EQ(hidden_character("1\u200b2"), "U+200B");                      // zero-width space
  EXPECT_EQ(hidden_character("\ufeffNom"), "U+FEFF");
  EXPECT_EQ(hidden_character(std::string("a\0b", 3)), "U+0000");
  EXPECT_EQ(hidden_character("deux\nlignes"), "U+000A");
  EXPECT_EQ(hidden_character("deux\nlignes\tet tab", true), std::nullopt);
  // Typography the app itself writes is not hidden.
  EXPECT_EQ(hidden_character("«\u00A0CCP1\u00A0» — l’équivalence…"), std::nullopt);
}

TEST(HiddenCharacters, ATerminalShowsThemAsEscapes) {
  EXPECT_EQ(terminal_safe("Du\x1b[31mpré"), "Du\\x1B[31mpré");
  EXPECT_EQ(terminal_safe("Martin\u202eniram"), "Martin\\u202Eniram");
  EXPECT_EQ(terminal_safe("a\xc2\x85" "b"), "a\\u0085b");
  EXPECT_EQ(terminal_safe("ligne 1\nligne 2\tfin"), "ligne 1\nligne 2\tfin");
  EXPECT_EQ(terminal_safe(std::string("a\0b", 3)), "a\\x00b");
  // A byte that starts no valid sequence is kept as it is, nothing dropped.
  EXPECT_EQ(terminal_safe("a\xff" "b"), "a\xff" "b");
}

TEST(HiddenCharacters, AreRefusedInWhatPeopleType) {
  CandidateInput c;
  c.number = "MN-001";
  c.last_name = "Martin\u202eniram";
  c.first_name = "Zoé";
  c.ccps = {"CCP1"};
  auto errs = validate(c);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].field, "last_name");
  EXPECT_NE(errs[0].message.find("U+202E"), std::string::npos) << errs[0].message;
  c.last_name = "Martin";
  c.first_name = "Z\u200boé";
  EXPECT_EQ(validate(c).at(0).field, "first_name");
}

TEST(Normalisation, WhatIsTypedDecomposedIsStoredComposed) {
  EXPECT_EQ(nfc("Dupre\u0301"), "Dupré");
  EXPECT_EQ(nfc("Dupré"), "Dupré");
  EXPECT_EQ(nfc("a\xff"), "a\xff");  // not UTF-8: left as it is
  CandidateInput c;
  c.number = "MN-001";
  c.last_name = " Lœwenbru\u0308ck ";
  c.first_name = "Éloi\u0308se";
  c.ccps = {"CCP1"};
  EXPECT_TRUE(validate(c).empty());
  EXPECT_EQ(c.last_name, "Lœwenbrück");
  EXPECT_EQ(c.first_name, "Éloïse");
}

TEST(CandidateNumbers, ArePlainAsciiOfAFewSigns) {
  CandidateInput c;
  c.last_name = "Martin";
  c.first_name = "Zoé";
  c.ccps = {"CCP1"};
  for (const char* ok : {"MN-001", "2026/014", "c_12.b", "7"}) {
    c.number = ok;
    EXPECT_TRUE(validate(c).empty()) << ok;
  }
  for (const char* bad : {"MN 001", "n°12", "1\u200b2", "12;3", "é1", "MN\u2010001"}) {
    c.number = bad;
    auto errs = validate(c);
    ASSERT_FALSE(errs.empty()) << bad;
    EXPECT_EQ(errs[0].field, "number") << bad;
  }
}

}  // namespace
}  // namespace jurymn
