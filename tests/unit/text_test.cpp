// SPDX-License-Identifier: EUPL-1.2
#include "core/text.h"

#include <algorithm>
#include <string>
#include <vector>

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

TEST(Guillemets, HoldNoBreakSpacesInside) {
  // The exact bytes every message used before they had one helper: « U+00A0 text U+00A0 ».
  EXPECT_EQ(guillemets("CP-1"), "\xC2\xAB\xC2\xA0" "CP-1" "\xC2\xA0\xC2\xBB");
  EXPECT_EQ(guillemets(""), "«\u00A0\u00A0»");
  EXPECT_EQ(guillemets("Médiateur numérique"), "«\u00A0Médiateur numérique\u00A0»");
  EXPECT_EQ("Étape " + guillemets(std::string("Préparation")) + " démarrée.", "Étape «\u00A0Préparation\u00A0» démarrée.");
}

TEST(CandidateNumberOrder, ReadDigitsAsNumbers) {
  EXPECT_TRUE(candidate_number_less("2", "10"));
  EXPECT_FALSE(candidate_number_less("10", "2"));
  EXPECT_TRUE(candidate_number_less("A-9", "A-10"));
  EXPECT_TRUE(candidate_number_less("A-10", "B-1"));
  EXPECT_TRUE(candidate_number_less("007", "8"));
  EXPECT_TRUE(candidate_number_less("12", "12b"));
  EXPECT_FALSE(candidate_number_less("12", "12"));
}

TEST(CandidateNumberOrder, LeadingZerosLettersAndYears) {
  // Leading zeros do not change the value; equal values fall back to byte order, so the order stays strict.
  EXPECT_TRUE(candidate_number_less("0009", "10"));
  EXPECT_TRUE(candidate_number_less("01", "1"));
  EXPECT_FALSE(candidate_number_less("1", "01"));
  EXPECT_TRUE(candidate_number_less("0", "00001"));
  // Letters compare as text, digits within them as numbers.
  EXPECT_TRUE(candidate_number_less("MN-2", "MN-10"));
  EXPECT_TRUE(candidate_number_less("MN-99", "PA-1"));
  EXPECT_TRUE(candidate_number_less("A", "A1"));
  EXPECT_TRUE(candidate_number_less("A1B2", "A1B10"));
  // A year and a rank.
  EXPECT_TRUE(candidate_number_less("2026/001", "2026/002"));
  EXPECT_TRUE(candidate_number_less("2026/9", "2026/010"));
  EXPECT_TRUE(candidate_number_less("2025/999", "2026/001"));
  EXPECT_FALSE(candidate_number_less("2026/010", "2026/9"));
  // Numbers beyond what an integer holds still compare by value.
  EXPECT_TRUE(candidate_number_less("99999999999999999999999", "100000000000000000000000"));

  std::vector<std::string> list = {"10", "2026/010", "B-1", "2", "A-10", "002", "2026/9", "A-9", "1"};
  std::sort(list.begin(), list.end(), [](const std::string& a, const std::string& b) {
    return candidate_number_less(a, b);
  });
  const std::vector<std::string> expected = {"1", "002", "2", "10", "2026/9", "2026/010", "A-9", "A-10", "B-1"};
  EXPECT_EQ(list, expected);
}

TEST(FileNameParts, KeepAFileInsideItsFolder) {
  EXPECT_EQ(file_name_part("MN-001"), "MN-001");
  EXPECT_EQ(file_name_part("2026/001"), "2026_001");
  EXPECT_EQ(file_name_part("x/../../../escaped"), "x_.._.._.._escaped");
  EXPECT_EQ(file_name_part(".."), "_");
  EXPECT_EQ(file_name_part("."), "_");
  EXPECT_EQ(file_name_part(""), "_");
  EXPECT_EQ(file_name_part("../secret"), "_secret");
  EXPECT_EQ(file_name_part("..\\..\\boot.ini"), "_.._boot.ini");
  EXPECT_EQ(file_name_part("C:evil"), "C_evil");
  EXPECT_EQ(file_name_part("a*b?c\"<d>|e"), "a_b_c__d__e");
  EXPECT_EQ(file_name_part("tab\there\nnew\x1b[31m\x7f"), "tab_here_new_[31m_");
  EXPECT_EQ(file_name_part("dots. . "), "dots");
  EXPECT_EQ(file_name_part("Zoé Lœwenbrück"), "Zoé Lœwenbrück");
  // Windows opens a device for these, whatever the case or the extension.
  for (const char* device : {"CON", "nul", "Aux.html", "com1", "LPT9.txt", "conout$"})
    EXPECT_EQ(file_name_part(device), std::string("_") + device) << device;
  for (const char* plain : {"CONSOLE", "COM10", "NULL", "LPT"}) EXPECT_EQ(file_name_part(plain), plain) << plain;
  // Long names are cut on a whole character, and stay names.
  std::string longer;
  for (int i = 0; i < 60; ++i) longer += "é";  // 120 bytes
  const std::string cut = file_name_part(longer);
  EXPECT_EQ(cut.size(), 80u);
  EXPECT_EQ(cut, longer.substr(0, 80));
  std::string padded = std::string(79, 'a') + ". b";
  EXPECT_EQ(file_name_part(padded), std::string(79, 'a'));
  // Whatever the input, the part is one component: no separator, not « . » or « .. ».
  for (std::string odd : {"/", "\\", "a/b\\c", "...", " ../.. ", "\x01"}) {
    const std::string part = file_name_part(odd);
    EXPECT_EQ(part.find_first_of("/\\:"), std::string::npos) << odd;
    EXPECT_NE(part, ".");
    EXPECT_NE(part, "..");
    EXPECT_FALSE(part.empty());
  }
}

}  // namespace
}  // namespace jurymn
