// SPDX-License-Identifier: EUPL-1.2
#include "io/candidate_csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/file.h"
#include "test_support.h"

namespace jurymn {
namespace {

// Cells are read against the title jurymn ships (CCP1, CCP2, the REMN equivalence).
CandidateCsv parse_candidate_csv(std::string_view bytes) { return jurymn::parse_candidate_csv(bytes, test::tp01336()); }

std::string fixture(const char* name) {
  FileBytes f = read_file(std::string(JURYMN_TEST_DATA) + "/csv/" + name);
  EXPECT_EQ(f.error, "");
  return f.bytes;
}

std::vector<int> problem_lines(const CandidateCsv& csv) {
  std::vector<int> lines;
  for (const auto& p : csv.problems) lines.push_back(p.line);
  return lines;
}

std::vector<int> row_lines(const CandidateCsv& csv) {
  std::vector<int> lines;
  for (const auto& r : csv.rows) lines.push_back(r.line);
  return lines;
}

// True if some problem on `line` contains `text`.
bool mentions(const CandidateCsv& csv, int line, std::string_view text) {
  for (const auto& p : csv.problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

std::string dump(const CandidateCsv& csv) { return format_problems(csv, "test.csv"); }

constexpr const char* kHeader = "Numéro;Nom;Prénom\n";

// ------------------------------------------------------------ encodings

TEST(CandidateCsv, ReadsUtf8WithoutBom) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom\n1;Lefèvre;Chloé\n");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(csv.encoding, "UTF-8");
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0].line, 2);
  EXPECT_EQ(csv.rows[0].candidate.last_name, "Lef\xC3\xA8vre");
  EXPECT_EQ(csv.rows[0].candidate.first_name, "Chlo\xC3\xA9");
}

TEST(CandidateCsv, ReadsExcelUtf8WithBomAndCrlf) {
  auto csv = parse_candidate_csv(fixture("excel_utf8_bom.csv"));
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(csv.encoding, "UTF-8 avec BOM");
  EXPECT_EQ(csv.separator, ';');
  ASSERT_EQ(csv.rows.size(), 3u);
  EXPECT_EQ(row_lines(csv), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(csv.rows[0].candidate.number, "12");  // the BOM is not part of the first title
  EXPECT_EQ(csv.rows[0].candidate.first_name, "\xC3\x89lo\xC3\xAFse");
  EXPECT_EQ(csv.rows[0].candidate.ccps, (CcpSet{"CCP1", "CCP2"}));
  EXPECT_EQ(csv.rows[1].candidate.ccps, (CcpSet{"CCP1", "CCP2"}));
  EXPECT_EQ(csv.rows[2].candidate.ccps, (CcpSet{"CCP1"}));
}

TEST(CandidateCsv, DecodesExcelWindows1252) {
  auto csv = parse_candidate_csv(fixture("excel_windows1252.csv"));
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(csv.encoding, "Windows-1252");
  ASSERT_EQ(csv.rows.size(), 3u);
  const auto& a = csv.rows[0].candidate;
  EXPECT_EQ(a.number, "MN-001");
  EXPECT_EQ(a.last_name, "Lef\xC3\xA8vre");                           // è
  EXPECT_EQ(a.sheets[0], "L\xE2\x80\x99\xC5\x93il du num\xC3\xA9rique");  // ’ œ é
  EXPECT_EQ(a.sheets[1], "\xC2\xAB Mon smartphone \xC2\xBB");            // « »
  EXPECT_EQ(a.ccps, (CcpSet{"CCP1", "CCP2"}));
  const auto& b = csv.rows[1].candidate;
  EXPECT_EQ(b.last_name, "C\xC5\x93urdevey");  // œ
  EXPECT_TRUE(b.by_equivalence.has("CCP1"));
  EXPECT_EQ(b.ccps, (CcpSet{"CCP2"}));
  EXPECT_EQ(csv.rows[2].candidate.last_name, "N\xE2\x80\x99" "Diaye");  // ’
  EXPECT_EQ(csv.rows[2].candidate.first_name, "A\xC3\xAFssata");
}

TEST(CandidateCsv, ReportsBytesUndefinedInWindows1252) {
  auto csv = parse_candidate_csv("Num\xE9ro;Nom;Pr\xE9nom\r\n1;Martin;L\xE9\x61\r\n2;Ma\x81rtin;Paul\r\n3;Roux;H\x9Dugo\r\n");
  EXPECT_EQ(csv.encoding, "Windows-1252");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{3, 4})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 3, "Octets illisibles (0x81)"));
  EXPECT_TRUE(mentions(csv, 4, "0x9D"));
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0].candidate.first_name, "L\xC3\xA9" "a");
}

TEST(CandidateCsv, ReportsUtf8LinePastedIntoWindows1252File) {
  auto csv = parse_candidate_csv("Num\xE9ro;Nom;Pr\xE9nom\n1;Lef\xE8vre;Chlo\xE9\n2;Lef\xC3\xA8vre;Chlo\xC3\xA9\n");
  EXPECT_EQ(csv.encoding, "Windows-1252");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 3, "Encodages mélangés"));
}

TEST(CandidateCsv, ReportsInvalidUtf8AfterBom) {
  auto csv = parse_candidate_csv("\xEF\xBB\xBFNuméro;Nom;Prénom\n1;Martin;Paul\n2;Lef\xE8vre;Chloé\n");
  EXPECT_EQ(csv.encoding, "UTF-8 avec BOM");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 3, "Octets illisibles"));
}

TEST(CandidateCsv, RefusesSpreadsheetsAndUtf16) {
  auto xlsx = parse_candidate_csv(std::string("PK\x03\x04\x14\x00\x06\x00", 8));
  EXPECT_EQ(problem_lines(xlsx), (std::vector<int>{1}));
  EXPECT_TRUE(mentions(xlsx, 1, "classeur"));
  auto utf16 = parse_candidate_csv(std::string("\xFF\xFEN\0u\0", 6));
  EXPECT_EQ(utf16.encoding, "UTF-16");
  EXPECT_TRUE(mentions(utf16, 1, "UTF-16"));
  EXPECT_TRUE(utf16.rows.empty());
}

// ------------------------------------------------------------ separators

TEST(CandidateCsv, ReadsLibreOfficeCommaFileWithQuotesAndNoFinalNewline) {
  auto csv = parse_candidate_csv(fixture("libreoffice_comma.csv"));
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(csv.separator, ',');
  EXPECT_EQ(csv.encoding, "UTF-8");
  ASSERT_EQ(csv.rows.size(), 3u);
  EXPECT_EQ(csv.rows[0].candidate.number, "A-1");
  EXPECT_EQ(csv.rows[0].candidate.sheets[0], "Sécurité, mots de passe et arnaques");
  EXPECT_EQ(csv.rows[1].candidate.last_name, "Dupont-Moreau");
  EXPECT_EQ(csv.rows[1].candidate.first_name, "Jean \"Jojo\"");
  EXPECT_EQ(csv.rows[2].line, 4);  // the last line has no newline
  EXPECT_EQ(csv.rows[2].candidate.sheets[0], "Atelier \"tablette\"");
}

TEST(CandidateCsv, DetectsSemicolonCommaAndTab) {
  auto semi = parse_candidate_csv("Numéro;Nom;Prénom\n1;Martin;Paul\n");
  auto comma = parse_candidate_csv("Numéro,Nom,Prénom\n1,Martin,Paul\n");
  auto tab = parse_candidate_csv("Numéro\tNom\tPrénom\n1\tMartin\tPaul\n");
  for (const auto* csv : {&semi, &comma, &tab}) {
    ASSERT_TRUE(csv->problems.empty()) << dump(*csv);
    ASSERT_EQ(csv->rows.size(), 1u);
    EXPECT_EQ(csv->rows[0].candidate.first_name, "Paul");
  }
  EXPECT_EQ(semi.separator, ';');
  EXPECT_EQ(comma.separator, ',');
  EXPECT_EQ(tab.separator, '\t');
}

TEST(CandidateCsv, CountsSeparatorsOutsideQuotesAndPrefersSemicolonOnTie) {
  // Two commas inside quotes must not outvote the semicolons.
  auto quoted = parse_candidate_csv("\"Nom, nom\";Numéro;Prénom\n");
  EXPECT_EQ(quoted.separator, ';');
  auto tie = parse_candidate_csv("Numéro;Nom,Prénom\n");
  EXPECT_EQ(tie.separator, ';');
}

TEST(CandidateCsv, HonoursExcelSepLine) {
  auto csv = parse_candidate_csv("sep=,\r\nNuméro,Nom;Prénom,Fiche 1\r\n1,Martin;Paul,x\r\n");
  EXPECT_EQ(csv.separator, ',');
  EXPECT_TRUE(mentions(csv, 2, "«\u00A0Nom;Prénom\u00A0» inconnue")) << dump(csv);
}

// ------------------------------------------------------------ quoting and lines

TEST(CandidateCsv, QuotedFieldsKeepSeparatorsAndDoubledQuotes) {
  auto csv = parse_candidate_csv(
      "Numéro;Nom;Prénom;Fiche 1\n"
      "1;\"Martin; dit \"\"Le Grand\"\"\";Paul;\"Atelier\u00A0; «\u00A0tablette\u00A0»\"\n");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0].candidate.last_name, "Martin; dit \"Le Grand\"");
  EXPECT_EQ(csv.rows[0].candidate.sheets[0], "Atelier\u00A0; «\u00A0tablette\u00A0»");
}

TEST(CandidateCsv, EmbeddedLineBreaksKeepLineNumbersOfFollowingRows) {
  auto csv = parse_candidate_csv(
      "Numéro;Nom;Prénom;Fiche 1\r\n"
      "1;Martin;Paul;\"Créer son adresse\r\ne-mail\r\n\r\net l’utiliser\"\r\n"
      "2;Roux;Hugo;\r\n"
      "3;;Léa;\r\n");
  EXPECT_EQ(row_lines(csv), (std::vector<int>{2, 6}));
  EXPECT_EQ(csv.rows[0].candidate.sheets[0], "Créer son adresse e-mail et l’utiliser");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{7})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 7, "Le nom est obligatoire"));
}

TEST(CandidateCsv, CrlfLfAndLoneCrGiveTheSameRows) {
  auto lf = parse_candidate_csv("Numéro;Nom;Prénom\n1;Martin;Paul\n2;Roux;Hugo\n");
  auto crlf = parse_candidate_csv("Numéro;Nom;Prénom\r\n1;Martin;Paul\r\n2;Roux;Hugo\r\n");
  auto cr = parse_candidate_csv("Numéro;Nom;Prénom\r1;Martin;Paul\r2;Roux;Hugo\r");
  for (const auto* csv : {&lf, &crlf, &cr}) {
    ASSERT_TRUE(csv->problems.empty()) << dump(*csv);
    EXPECT_EQ(row_lines(*csv), (std::vector<int>{2, 3}));
    EXPECT_EQ(csv->rows[1].candidate.first_name, "Hugo");  // no stray '\r'
  }
}

TEST(CandidateCsv, ReadsLastLineWithoutNewline) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom\r\n1;Martin;Paul\r\n2;Roux;Hugo");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(row_lines(csv), (std::vector<int>{2, 3}));
  EXPECT_EQ(csv.rows[1].candidate.first_name, "Hugo");
}

TEST(CandidateCsv, SkipsEmptyLinesAndLinesOfSeparators) {
  auto csv = parse_candidate_csv("\n\nNuméro;Nom;Prénom\n\n1;Martin;Paul\n;;\n \u00A0;\u00A0;\n2;Roux;Hugo\n\n");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(row_lines(csv), (std::vector<int>{5, 8}));
}

TEST(CandidateCsv, TrimsSpacesAndNoBreakSpaces) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom\n  7\u00A0;\xC2\xA0Martin\xC2\xA0; \" Paul \"\n");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0].candidate.number, "7");
  EXPECT_EQ(csv.rows[0].candidate.last_name, "Martin");
  EXPECT_EQ(csv.rows[0].candidate.first_name, "Paul");
}

// ------------------------------------------------------------ header

TEST(CandidateCsv, AcceptsHeaderVariantsInAnyOrder) {
  const char* headers[] = {
      "Numéro;Nom;Prénom;CCP;Équivalence CCP1;Fiche 1;Fiche 2;Fiche 3",
      "NUMERO;NOM;PRENOM;CCP PASSÉS;CCP1 PAR ÉQUIVALENCE;FICHE SÉANCE 1;FICHE SÉANCE 2;FICHE SÉANCE 3",
      "N°;Nom de famille;Prénom;ccp;equivalence_ccp1;fiche_seance_1;fiche-seance-2;Fiche séance 3",
      "Numéro candidat;last_name;first_name;CCP;Équivalence CCP1;Fiche 1;Fiche 2;Fiche 3",
      "number;last-name;first-name;ccp;ccp1 par equivalence;sheet1;sheet2;sheet3",
  };
  for (const char* header : headers) {
    auto csv = parse_candidate_csv(std::string(header) + "\n42;Martin;Paul;CCP1+CCP2;non;A;B;C\n");
    ASSERT_TRUE(csv.problems.empty()) << header << "\n" << dump(csv);
    ASSERT_EQ(csv.rows.size(), 1u);
    const auto& c = csv.rows[0].candidate;
    EXPECT_EQ(c.number, "42");
    EXPECT_EQ(c.last_name, "Martin");
    EXPECT_EQ(c.first_name, "Paul");
    EXPECT_EQ(c.ccps, (CcpSet{"CCP1", "CCP2"}));
    EXPECT_EQ(c.sheets, (SessionSheetTitles{"A", "B", "C"}));
  }
  auto reordered = parse_candidate_csv("Fiche 2;Prénom;CCP;Nom;N°\nB;Paul;CCP2;Martin;42\n");
  ASSERT_TRUE(reordered.problems.empty()) << dump(reordered);
  const auto& c = reordered.rows.at(0).candidate;
  EXPECT_EQ(c.number, "42");
  EXPECT_EQ(c.last_name, "Martin");
  EXPECT_EQ(c.first_name, "Paul");
  EXPECT_EQ(c.ccps, (CcpSet{"CCP2"}));
  EXPECT_EQ(c.sheets, (SessionSheetTitles{"", "B", ""}));
}

TEST(CandidateCsv, ReportsMissingRequiredColumn) {
  auto csv = parse_candidate_csv("Numéro;Nom;CCP\n1;Martin;CCP1\n2;Roux;CCP2\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{1})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 1, "Colonne obligatoire «\u00A0Prénom\u00A0» absente"));
  EXPECT_TRUE(csv.rows.empty());
}

TEST(CandidateCsv, ReportsUnknownColumnAndStillChecksRows) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom;Prenon 2\n1;Martin;Paul;x\n2;;Hugo;y\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{1, 3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 1, "Colonne «\u00A0Prenon 2\u00A0» inconnue"));
  EXPECT_TRUE(mentions(csv, 3, "Le nom est obligatoire"));
}

TEST(CandidateCsv, ReportsDuplicateColumn) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom;Nom de famille\n1;Martin;Paul;Martin\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{1})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 1, "«\u00A0Nom\u00A0» apparaît deux fois\u00A0: «\u00A0Nom\u00A0» et «\u00A0Nom de famille\u00A0»"));
  EXPECT_TRUE(csv.rows.empty());
}

TEST(CandidateCsv, ReportsFileWithoutHeaderOnce) {
  auto csv = parse_candidate_csv("1;Martin;Paul\n2;Roux;Hugo\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{1})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 1, "Aucun titre de colonne reconnu"));
  EXPECT_TRUE(mentions(csv, 1, "«\u00A0Martin\u00A0»"));
}

TEST(CandidateCsv, IgnoresEmptyTrailingColumns) {
  // Excel adds empty columns after cells that were once formatted.
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom;;\n1;Martin;Paul;;\n2;Roux;Hugo\n3;Petit;Léa;;;;\n");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(row_lines(csv), (std::vector<int>{2, 3, 4}));
}

TEST(CandidateCsv, ReportsValueInUntitledColumn) {
  auto csv = parse_candidate_csv("Numéro;;Nom;Prénom\n1;;Martin;Paul\n2;oups;Roux;Hugo\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 3, "«\u00A0oups\u00A0» dans la colonne 2"));
}

// ------------------------------------------------------------ values

TEST(CandidateCsv, ReadsCcpValues) {
  struct Case {
    const char* value;
    CcpSet expected;
  } cases[] = {
      {"CCP1", {"CCP1"}},      {"ccp2", {"CCP2"}},     {"CCP1+CCP2", {"CCP1", "CCP2"}},
      {"CCP1, CCP2", {"CCP1", "CCP2"}}, {"1 et 2", {"CCP1", "CCP2"}},    {"les deux", {"CCP1", "CCP2"}},
      {"CCP 2", {"CCP2"}},     {"CCP1 / CCP2", {"CCP1", "CCP2"}}, {"", {"CCP1"}},
  };
  for (const auto& c : cases) {
    auto csv = parse_candidate_csv(std::string("Numéro;Nom;Prénom;CCP\n1;Martin;Paul;\"") + c.value + "\"\n");
    ASSERT_TRUE(csv.problems.empty()) << c.value << "\n" << dump(csv);
    EXPECT_EQ(csv.rows.at(0).candidate.ccps, c.expected) << c.value;
  }
}

TEST(CandidateCsv, ReadsEquivalenceValues) {
  struct Case {
    const char* value;
    bool expected;
  } cases[] = {{"oui", true}, {"Oui", true}, {"o", true}, {"X", true}, {"1", true}, {"vrai", true},
               {"non", false}, {"N", false}, {"0", false}, {"faux", false}, {"", false}};
  for (const auto& c : cases) {
    auto csv = parse_candidate_csv(std::string("Numéro;Nom;Prénom;CCP;Équivalence CCP1\n1;Martin;Paul;CCP2;") +
                                   c.value + "\n");
    ASSERT_TRUE(csv.problems.empty()) << c.value << "\n" << dump(csv);
    EXPECT_EQ(csv.rows.at(0).candidate.by_equivalence.has("CCP1"), c.expected) << c.value;
  }
}

TEST(CandidateCsv, EquivalenceColumnNamesFollowTheTitlesEquivalences) {
  // The shipped title: REMN grants CCP1.
  for (const char* header : {"Équivalence CCP1", "CCP1 par équivalence", "CCP1 équivalence", "Équivalence REMN",
                             "Équivalence remn-ccp1", "Équivalence"}) {
    auto csv = parse_candidate_csv(std::string("Numéro;Nom;Prénom;CCP;") + header + "\n1;Martin;Paul;CCP2;oui\n");
    ASSERT_TRUE(csv.problems.empty()) << header << "\n" << dump(csv);
    EXPECT_TRUE(csv.rows.at(0).candidate.by_equivalence.has("CCP1")) << header;
  }
  // A title whose only equivalence comes from « CDC » and grants CCP2.
  Title title = test::tp01336();
  title.equivalences = {{"cdc-ccp2", "CCP2 du certificat CDC", "CCP2"}};
  for (const char* header : {"Équivalence CCP2", "CCP2 par équivalence", "Équivalence CDC"}) {
    auto csv = jurymn::parse_candidate_csv(std::string("Numéro;Nom;Prénom;CCP;") + header + "\n1;Martin;Paul;CCP1;oui\n",
                                           title);
    ASSERT_TRUE(csv.problems.empty()) << header << "\n" << dump(csv);
    EXPECT_TRUE(csv.rows.at(0).candidate.by_equivalence.has("CCP2")) << header;
  }
  // The shipped title's names are not this title's.
  auto csv = jurymn::parse_candidate_csv("Numéro;Nom;Prénom;CCP;Équivalence REMN\n1;Martin;Paul;CCP1;oui\n", title);
  EXPECT_TRUE(mentions(csv, 1, "Colonne «\u00A0Équivalence REMN\u00A0» inconnue")) << dump(csv);
  EXPECT_TRUE(mentions(csv, 1, "CCP, Équivalence CCP2, Fiche 1")) << dump(csv);
  EXPECT_NE(candidate_csv_columns_help(title).find("aussi «\u00A0Équivalence CCP2\u00A0», «\u00A0CCP2 par équivalence\u00A0»"),
            std::string::npos)
      << candidate_csv_columns_help(title);
}

TEST(CandidateCsv, EmptyCcpMeansTheTitlesFirstCcpNotHeldByEquivalence) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom;CCP;Équivalence CCP1\n1;Martin;Paul;;non\n2;Roux;Hugo;;oui\n");
  ASSERT_TRUE(csv.problems.empty()) << dump(csv);
  EXPECT_EQ(csv.rows.at(0).candidate.ccps, (CcpSet{"CCP1"}));
  EXPECT_EQ(csv.rows.at(1).candidate.ccps, (CcpSet{"CCP2"}));
  EXPECT_TRUE(csv.rows.at(1).candidate.by_equivalence.has("CCP1"));
}

TEST(CandidateCsv, ReportsUnreadableCcpAndEquivalenceValues) {
  auto csv = parse_candidate_csv(
      "Numéro;Nom;Prénom;CCP passés;Équivalence CCP1\n"
      "1;Martin;Paul;CCP3;non\n"
      "2;Roux;Hugo;CCP2;peut-être\n"
      "3;Petit;Léa;CCP1+CCP2;oui\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{2, 3, 4})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 2, "«\u00A0CCP3\u00A0» non comprise dans la colonne «\u00A0CCP passés\u00A0»"));
  EXPECT_TRUE(mentions(csv, 3, "«\u00A0peut-être\u00A0» non comprise dans la colonne «\u00A0Équivalence CCP1\u00A0»"));
  EXPECT_TRUE(mentions(csv, 4, "passe le CCP1 alors qu’il l’a par équivalence"));
  EXPECT_TRUE(csv.rows.empty());
}

// ------------------------------------------------------------ malformed files

TEST(CandidateCsv, ReportsUnclosedQuoteAtTheLineWhereTheRecordStarts) {
  auto csv = parse_candidate_csv(
      "Numéro;Nom;Prénom;Fiche 1\n"
      "1;Martin;Paul;Atelier\n"
      "2;Roux;Hugo;\"Atelier tablette\n"
      "3;Petit;Léa;\n"
      "4;Morel;Inès;\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 3, "Guillemet non fermé"));
  EXPECT_EQ(row_lines(csv), (std::vector<int>{2}));
}

TEST(CandidateCsv, ReportsStrayQuoteAndGoesOn) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom\n1;Martin \"Jojo\";Paul\n2;Roux;Hugo\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{2})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 2, "Guillemet mal placé"));
  EXPECT_EQ(row_lines(csv), (std::vector<int>{3}));
}

TEST(CandidateCsv, ReportsWrongColumnCount) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom;CCP\n1;Martin;Paul\n2;Roux;Hugo;CCP1;en trop\n3;Petit;Léa;CCP2\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{2, 3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 2, "3 colonnes au lieu de 4"));
  EXPECT_TRUE(mentions(csv, 3, "5 colonnes au lieu de 4"));
  EXPECT_EQ(row_lines(csv), (std::vector<int>{4}));
}

TEST(CandidateCsv, ReportsEmptyRequiredFields) {
  auto csv = parse_candidate_csv(std::string(kHeader) + ";Martin;Paul\n2;Roux;  \n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{2, 3})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 2, "Le numéro de candidat est obligatoire"));
  EXPECT_TRUE(mentions(csv, 3, "Le prénom est obligatoire"));
  EXPECT_TRUE(csv.rows.empty());
}

TEST(CandidateCsv, ReportsDuplicateNumberWithTheFirstLine) {
  auto csv = parse_candidate_csv(std::string(kHeader) + "\n7;Martin;Paul\n8;Roux;Hugo\n 7 ;Petit;Léa\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{5})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 5, "«\u00A07\u00A0» figure déjà à la ligne 3"));
  EXPECT_EQ(row_lines(csv), (std::vector<int>{3, 4}));
}

TEST(CandidateCsv, ReportsNumbersAlreadyInTheSession) {
  auto csv = parse_candidate_csv(std::string(kHeader) + "7;Martin;Paul\n8;Roux;\n9;Petit;Léa\n");
  check_against_existing(csv, {"9", "1", "7"});
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{2, 3, 4})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 2, "«\u00A07\u00A0» est déjà utilisé dans cette session"));
  EXPECT_TRUE(mentions(csv, 3, "Le prénom est obligatoire"));
  EXPECT_TRUE(mentions(csv, 4, "«\u00A09\u00A0» est déjà utilisé"));
  EXPECT_TRUE(csv.rows.empty());
}

TEST(CandidateCsv, ReportsEmptyFile) {
  for (std::string bytes : {"", "\xEF\xBB\xBF", "\r\n\r\n  \n", ";;;\n"}) {
    auto csv = parse_candidate_csv(bytes);
    EXPECT_EQ(problem_lines(csv), (std::vector<int>{1})) << dump(csv);
    EXPECT_TRUE(mentions(csv, 1, "Le fichier est vide"));
  }
}

TEST(CandidateCsv, ReportsHeaderWithoutCandidates) {
  auto csv = parse_candidate_csv("Numéro;Nom;Prénom\r\n;;\r\n\r\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{1})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 1, "aucun candidat"));
}

TEST(CandidateCsv, ReportsEveryBadLineSortedByLine) {
  auto csv = parse_candidate_csv(
      "Num\xE9ro;Nom;Pr\xE9nom;CCP\r\n"
      "1;Martin;Paul;CCP1\r\n"
      "2;;Hugo;CCP9\r\n"
      "3;Pe\x90tit;L\xE9\x61\r\n"
      "1;Morel;In\xE8s;CCP2\r\n"
      "5;Roux;\"Hugo\r\n");
  EXPECT_EQ(problem_lines(csv), (std::vector<int>{3, 3, 4, 4, 5, 6})) << dump(csv);
  EXPECT_TRUE(mentions(csv, 3, "«\u00A0CCP9\u00A0»"));
  EXPECT_TRUE(mentions(csv, 3, "Le nom est obligatoire"));
  EXPECT_TRUE(mentions(csv, 4, "0x90"));
  EXPECT_TRUE(mentions(csv, 4, "3 colonnes au lieu de 4"));
  EXPECT_TRUE(mentions(csv, 5, "figure déjà à la ligne 2"));
  EXPECT_TRUE(mentions(csv, 6, "Guillemet non fermé"));
  EXPECT_EQ(row_lines(csv), (std::vector<int>{2}));
}

TEST(CandidateCsv, NeverThrowsOnArbitraryBytes) {
  std::string bytes;
  unsigned state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245u + 12345u;
    const char alphabet[] = {';', ',', '"', '\n', '\r', 'a', '1', ' ', '\x92', '\x81', '\xC3', '\xA9'};
    bytes += alphabet[(state >> 16) % sizeof alphabet];
  }
  EXPECT_NO_THROW(parse_candidate_csv(bytes));
  EXPECT_NO_THROW(parse_candidate_csv("Numéro;Nom;Prénom\n" + bytes));
}

// ------------------------------------------------------------ reports

TEST(CandidateCsv, FormatsOneLinePerProblem) {
  auto csv = parse_candidate_csv(std::string(kHeader) + "7;Martin\n8;;Hugo\n");
  EXPECT_EQ(format_problems(csv, "candidats.csv"),
            "candidats.csv, ligne 2\u00A0: 2 colonnes au lieu de 3. Vérifiez le séparateur et les guillemets.\n"
            "candidats.csv, ligne 3\u00A0: Le nom est obligatoire.\n");
  EXPECT_EQ(format_problems(parse_candidate_csv(std::string(kHeader) + "7;Martin;Paul\n"), "x.csv"), "");
}

TEST(CandidateCsv, DocumentsTheColumns) {
  std::string help = candidate_csv_columns_help(test::tp01336());
  for (const char* word : {"Numéro", "Nom", "Prénom", "CCP", "Équivalence CCP1", "Fiche 1", "Windows-1252", "«\u00A0;\u00A0»"})
    EXPECT_NE(help.find(word), std::string::npos) << word;
}

}  // namespace
}  // namespace jurymn
