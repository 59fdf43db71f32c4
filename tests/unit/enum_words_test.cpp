// SPDX-License-Identifier: EUPL-1.2
// The enum tables (core/enum_words.h): each is checked against its enum at
// compile time; here, that the ids stored by earlier versions and the words
// on screens and pages are those the switches wrote before the tables.
#include "core/enum_words.h"

#include <gtest/gtest.h>

#include "core/domain.h"
#include "core/grid.h"
#include "core/interruption.h"
#include "core/sheet_draw.h"
#include "core/stage_timer.h"

namespace jurymn {
namespace {

enum class Colour { Red, Green, Blue };
constexpr EnumWords<Colour> kInOrder[] = {
    {Colour::Red, "red", "", "", ""}, {Colour::Green, "green", "", "", ""}, {Colour::Blue, "blue", "", "", ""}};
constexpr EnumWords<Colour> kShort[] = {{Colour::Red, "red", "", "", ""}, {Colour::Green, "green", "", "", ""}};
constexpr EnumWords<Colour> kSwapped[] = {
    {Colour::Green, "green", "", "", ""}, {Colour::Red, "red", "", "", ""}, {Colour::Blue, "blue", "", "", ""}};
constexpr EnumWords<Colour> kTwice[] = {
    {Colour::Red, "red", "", "", ""}, {Colour::Green, "red", "", "", ""}, {Colour::Blue, "blue", "", "", ""}};
constexpr EnumWords<Colour> kNoId[] = {
    {Colour::Red, "red", "", "", ""}, {Colour::Green, "", "", "", ""}, {Colour::Blue, "blue", "", "", ""}};

TEST(EnumWords, ATableMustHoldEveryValueInOrderWithDistinctIds) {
  static_assert(words_hold(kInOrder, Colour::Blue));
  static_assert(!words_hold(kShort, Colour::Blue), "a value without its row");
  static_assert(!words_hold(kSwapped, Colour::Blue), "rows out of enum order");
  static_assert(!words_hold(kTwice, Colour::Blue), "one id for two values");
  static_assert(!words_hold(kNoId, Colour::Blue), "an empty id");
  EXPECT_EQ(value_of_id(kInOrder, "green"), Colour::Green);
  EXPECT_EQ(value_of_id(kInOrder, "Green"), std::nullopt);
  EXPECT_EQ(words_of(kInOrder, Colour::Blue).id, "blue");
}

TEST(EnumWords, StoredIdsAreThoseOfEarlierVersions) {
  EXPECT_EQ(to_id(SessionKind::Rehearsal), "rehearsal");
  EXPECT_EQ(to_id(Attendance::Withdrawn), "withdrawn");
  EXPECT_EQ(to_id(JuryRole::President), "president");
  EXPECT_EQ(to_id(CompetencyStatus::NotAcquired), "not_acquired");
  EXPECT_EQ(to_id(CcpOutcome::NotObtained), "not_obtained");
  EXPECT_EQ(to_id(DecisionKind::AllCompetenciesAcquired), "all_competencies_acquired");
  EXPECT_EQ(to_id(TimerEventKind::Extend), "extend");
  EXPECT_EQ(to_id(TimerState::BetweenStages), "between_stages");
  EXPECT_EQ(to_id(WarningLevel::Overrun), "overrun");
  EXPECT_EQ(to_id(DrawMethod::JuryChoice), "jury_choice");
  EXPECT_EQ(interruption_cause_id(InterruptionCause::Sleep), "sleep");
  EXPECT_EQ(session_kind_from_id("official"), SessionKind::Official);
  EXPECT_EQ(attendance_from_id("present"), Attendance::Present);
  EXPECT_EQ(jury_role_from_id("member"), JuryRole::Member);
  EXPECT_EQ(competency_status_from_id("acquired"), CompetencyStatus::Acquired);
  EXPECT_EQ(ccp_outcome_from_id("undecided"), CcpOutcome::Undecided);
  EXPECT_EQ(timer_event_kind_from_id("next"), TimerEventKind::Next);
  EXPECT_EQ(draw_method_from_id("random"), DrawMethod::Random);
  EXPECT_EQ(interruption_cause_from_id("restart"), InterruptionCause::Restart);
  EXPECT_EQ(attendance_from_id("Present"), std::nullopt);
  EXPECT_EQ(draw_method_from_id(""), std::nullopt);
}

TEST(EnumWords, FrenchWordsAreThoseScreensAndPagesShowed) {
  EXPECT_EQ(french_label(SessionKind::Official), "Examen officiel");
  EXPECT_EQ(french_label(Attendance::Withdrawn), "Désisté");
  EXPECT_EQ(words_of(kAttendanceWords, Attendance::Present).word, "présent");
  EXPECT_EQ(french_label(JuryRole::President, true), "Présidente du jury");
  EXPECT_EQ(french_label(JuryRole::Member, true), "Membre du jury");
  EXPECT_EQ(french_label(CompetencyStatus::Undecided), "Compétence à évaluer");
  EXPECT_EQ(words_of(kCompetencyStatusWords, CompetencyStatus::NotAcquired).word, "non acquise");
  EXPECT_EQ(words_of(kCompetencyStatusWords, CompetencyStatus::Undecided).short_label, "À décider");
  EXPECT_EQ(french_label(CcpOutcome::Obtained), "CCP obtenu");
  EXPECT_EQ(words_of(kCcpOutcomeWords, CcpOutcome::Undecided).word, "à décider");
  EXPECT_EQ(words_of(kTimerEventKindWords, TimerEventKind::Start).label, "début d’étape");
  EXPECT_EQ(words_of(kTimerEventKindWords, TimerEventKind::Pause).word, "mise en pause");
  EXPECT_EQ(words_of(kDrawMethodWords, DrawMethod::Random).short_label, "Tirée au sort");
  EXPECT_EQ(french_label(InterruptionCause::Restart), "arrêt de jurymn");
}

}  // namespace
}  // namespace jurymn
