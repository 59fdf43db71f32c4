// SPDX-License-Identifier: EUPL-1.2
// A candidate list without a CCP column: the jury says which CCPs its
// candidates take (the import dialog asks), and the outcome says it; never
// a silent CCP1 for everyone in a CCP1+CCP2 session.
#include <gtest/gtest.h>

#include "app/session_services.h"
#include "io/candidate_csv.h"
#include "test_support.h"

namespace jurymn {
namespace {

const char* kNoCcpColumn = "Numéro;Nom;Prénom\nMN-01;Dupré;Éloïse\nMN-02;N’Diaye;Moussa\n";

TEST(ImportCcps, RowsWithoutCcpTakeTheChosenCcps) {
  const CcpSet both{"CCP1", "CCP2"};
  CandidateCsv csv = parse_candidate_csv(kNoCcpColumn, test::tp01336(), &both);
  ASSERT_TRUE(csv.problems.empty());
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(csv.rows_without_ccp, 2);
  for (const auto& r : csv.rows) EXPECT_EQ(to_id(r.candidate.ccps), "CCP1,CCP2");
  const CcpSet second{"CCP2"};
  csv = parse_candidate_csv(kNoCcpColumn, test::tp01336(), &second);
  for (const auto& r : csv.rows) EXPECT_EQ(to_id(r.candidate.ccps), "CCP2");
}

TEST(ImportCcps, ACcpHeldByEquivalenceIsNotTaken) {
  const CcpSet both{"CCP2", "CCP1"};  // any order: the title's comes out
  CandidateCsv csv = parse_candidate_csv("Numéro;Nom;Prénom;Équivalence CCP1\nMN-01;Dupré;Éloïse;oui\n"
                                         "MN-02;N’Diaye;Moussa;\n",
                                         test::tp01336(), &both);
  ASSERT_TRUE(csv.problems.empty()) << csv.problems.front().message;
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(to_id(csv.rows[0].candidate.ccps), "CCP2");
  EXPECT_EQ(to_id(csv.rows[1].candidate.ccps), "CCP1,CCP2");
}

TEST(ImportCcps, ACcpColumnWinsAndIsNotCounted) {
  const CcpSet both{"CCP1", "CCP2"};
  CandidateCsv csv = parse_candidate_csv("Numéro;Nom;Prénom;CCP\nMN-01;Dupré;Éloïse;CCP2\nMN-02;Martin;Zoé;\n",
                                         test::tp01336(), &both);
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_EQ(to_id(csv.rows[0].candidate.ccps), "CCP2");
  EXPECT_EQ(to_id(csv.rows[1].candidate.ccps), "CCP1,CCP2");  // an empty cell names none
  EXPECT_EQ(csv.rows_without_ccp, 1);
  // Without a choice (the command line), the title's first CCP, as before.
  csv = parse_candidate_csv(kNoCcpColumn, test::tp01336());
  for (const auto& r : csv.rows) EXPECT_EQ(to_id(r.candidate.ccps), "CCP1");
}

TEST(ImportCcps, TheSummarySaysWhichCcpsTheCandidatesTook) {
  test::TempDir dir;
  FakeClock clock;
  auto store = test::open_jury_store(dir.file("jury.db"), clock);
  const std::string session = store->apply(action::CreateSession{test::session_input()}, "test").created_uuid;
  test::spit(dir.file("liste.csv"), kNoCcpColumn);
  const CcpSet both{"CCP1", "CCP2"};
  ui::ImportOutcome out = import_candidates_file(*store, session, dir.file("liste.csv"), "test", &both);
  ASSERT_TRUE(out.ok) << out.summary;
  EXPECT_NE(out.summary.find("2 candidat(s) importé(s)"), std::string::npos) << out.summary;
  EXPECT_NE(out.summary.find("n’indique pas de CCP"), std::string::npos) << out.summary;
  EXPECT_NE(out.summary.find("CCP1 et CCP2"), std::string::npos) << out.summary;
  for (const auto& c : store->candidates(session)) EXPECT_EQ(to_id(c.data.ccps), "CCP1,CCP2") << c.data.number;

  // The command line chooses nothing: the summary still says what happened.
  test::spit(dir.file("autre.csv"), "Numéro;Nom;Prénom\nMN-03;Martin;Zoé\n");
  out = import_candidates_file(*store, session, dir.file("autre.csv"), "test");
  ASSERT_TRUE(out.ok) << out.summary;
  EXPECT_NE(out.summary.find("au CCP1"), std::string::npos) << out.summary;
}

}  // namespace
}  // namespace jurymn
