// SPDX-License-Identifier: EUPL-1.2
// Mock-jury feedback: the first draft from ratings and observations, and
// timings worded for the candidate.
#include <gtest/gtest.h>

#include "core/duration.h"
#include "core/feedback.h"
#include "io/exam_plan_json.h"
#include "test_support.h"
#include "io/grid_json.h"

namespace jurymn {
namespace {

struct Feedback : ::testing::Test {
  Grid grid;
  ExamPlan plan;
  std::vector<JuryMemberRecord> jury{{1, "m-a", "Nadia Benali", JuryRole::President},
                                     {2, "m-b", "Thomas Lefèvre", JuryRole::Member}};
  RunRecord run;
  void SetUp() override {
    auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    for (const auto& p : plans)
      if (p.ccp == "CCP1") plan = p;
    for (const auto& g : load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids)
      if (g.ccp == "CCP1") grid = g;
    ASSERT_FALSE(grid.competencies.empty());
    ASSERT_FALSE(plan.stages.empty());
  }
  const std::string& lvl(std::size_t i) const { return grid.rating_scale[i].id; }  // 0 maîtrisé … 3 non observé
  const Criterion& crit(std::size_t c, std::size_t i) const { return grid.competencies[c].criteria[i]; }
  void rate(const std::string& member, std::size_t c, std::size_t i, std::size_t level) {
    run.marks.push_back({member, crit(c, i).id, lvl(level), 0});
  }
};

TEST_F(Feedback, StrengthsAreTheBestRatedAndAreasTheWeakest) {
  // CP-1 (5 criteria): 0 maîtrisé by both, 1 acquis by both, 2 maîtrisé/acquis,
  // 3 en cours by Thomas only, 4 en cours by both.
  rate("m-a", 0, 0, 0), rate("m-b", 0, 0, 0);
  rate("m-a", 0, 1, 1), rate("m-b", 0, 1, 1);
  rate("m-a", 0, 2, 0), rate("m-b", 0, 2, 1);
  rate("m-a", 0, 3, 1), rate("m-b", 0, 3, 2);
  rate("m-a", 0, 4, 2), rate("m-b", 0, 4, 2);
  auto drafts = draft_feedback(grid, jury, run);
  ASSERT_EQ(drafts.size(), grid.competencies.size());
  const auto& cp1 = drafts[0];
  EXPECT_EQ(cp1.competency_id, "CP-1");
  EXPECT_EQ(cp1.strengths, "– " + strength_line(crit(0, 0).text) + "\n– " + strength_line(crit(0, 2).text))
      << "the two best; then " << crit(0, 1).text;
  EXPECT_EQ(cp1.improvements, "– " + improvement_line(crit(0, 4).text) + "\n– " + improvement_line(crit(0, 3).text));
  // Addressed to the candidate in the second person, the grid's words
  // (third person) quoted as the grid's.
  EXPECT_EQ(strength_line("Aménage un accueil."),
            "Vous avez satisfait à ce critère de la grille\u00A0: «\u00A0Aménage un accueil.\u00A0»");
  EXPECT_EQ(improvement_line("Oriente."),
            "Vous pouvez progresser sur ce critère de la grille\u00A0: «\u00A0Oriente.\u00A0»");
  // Nothing rated: nothing proposed.
  EXPECT_EQ(drafts[1].strengths, "");
  EXPECT_EQ(drafts[1].improvements, "");
}

TEST_F(Feedback, AtMostTwoItemsAndUnseenCriteriaToShow) {
  for (std::size_t i = 0; i < grid.competencies[0].criteria.size(); ++i) rate("m-a", 0, i, 1);
  // CP-2: all acquired but one nobody could observe.
  for (std::size_t i = 0; i < grid.competencies[1].criteria.size(); ++i) rate("m-a", 1, i, i == 2 ? 3 : 1);
  auto drafts = draft_feedback(grid, jury, run);
  EXPECT_EQ(std::count(drafts[0].strengths.begin(), drafts[0].strengths.end(), '\n'), 1) << "two lines";
  EXPECT_EQ(drafts[0].improvements, "");
  EXPECT_EQ(drafts[1].improvements, "– Montrez davantage ce critère de la grille, que le jury n’a pas pu observer\u00A0: «\u00A0" +
                                         crit(1, 2).text + "\u00A0»");
}

TEST_F(Feedback, ObservationsGoWhereTheirAuthorsRatingsPoint) {
  for (std::size_t i = 0; i < grid.competencies[0].criteria.size(); ++i) {
    rate("m-a", 0, i, 1);
    rate("m-b", 0, i, i == 0 ? 2 : 1);  // Thomas finds CP-1 not acquired
  }
  run.observations.push_back({"m-a", "CP-1", "Accueil chaleureux.", 0});
  run.observations.push_back({"m-b", "CP-1", "Oublie de reformuler.", 0});
  auto drafts = draft_feedback(grid, jury, run);
  EXPECT_NE(drafts[0].strengths.find("Nadia Benali a noté\u00A0: «\u00A0Accueil chaleureux.\u00A0»"), std::string::npos)
      << drafts[0].strengths;
  EXPECT_NE(drafts[0].improvements.find("Thomas Lefèvre a noté\u00A0: «\u00A0Oublie de reformuler.\u00A0»"), std::string::npos)
      << drafts[0].improvements;
  EXPECT_EQ(drafts[0].strengths.find("Oublie"), std::string::npos);
}

TEST(Duration, OneFormForEveryPageAndScreen) {
  EXPECT_EQ(duration_text(34 * 60'000 + 10'000), "34\u00A0min 10\u00A0s");
  EXPECT_EQ(duration_text(30 * 60'000), "30\u00A0min");
  EXPECT_EQ(duration_text(28 * 60'000 + 5'000), "28\u00A0min 05\u00A0s");
  EXPECT_EQ(duration_text(45'000), "45\u00A0s");
  EXPECT_EQ(duration_text(0), "0\u00A0s");
  EXPECT_EQ(duration_text(-3'000), "0\u00A0s");
  EXPECT_EQ(duration_text(62 * 60'000 + 5'000), "1\u00A0h 02\u00A0min 05\u00A0s");
  EXPECT_EQ(duration_text(80 * 60'000), "1\u00A0h 20\u00A0min");
}

// The one rounding rule: nearest second, half up. A pause of 5.6 s is « 6 s »
// on the PV as on the feedback sheet (it was « 5 s » on one, « 6 s » on the other).
TEST(Duration, RoundsToTheNearestSecondHalfUp) {
  EXPECT_EQ(rounded_seconds(5'600), 6);
  EXPECT_EQ(rounded_seconds(5'499), 5);
  EXPECT_EQ(rounded_seconds(5'500), 6);
  EXPECT_EQ(rounded_seconds(499), 0);
  EXPECT_EQ(rounded_seconds(-800), 0);
  EXPECT_EQ(duration_text(5'600), "6\u00A0s");
  EXPECT_EQ(duration_text(59'500), "1\u00A0min");
  EXPECT_EQ(duration_text(3'599'500), "1\u00A0h 00\u00A0min");
}

TEST_F(Feedback, TimingSentencesOnTimeOverrunEarlyAndPaused) {
  const TimeMs t0 = 1'790'000'000'000, min = 60'000;
  // Questionnement (35): ended early at 28:05. Préparation (10, no jury): 10:30.
  // Mise en situation (30): 2 min granted, a 3 min pause, 34:10 in all.
  // Entretien technique (15): on time.
  std::vector<TimerEvent> ev;
  TimeMs t = t0;
  ev.push_back(TimerEvent::start(plan.stages[0].id, t));
  t += 28 * min + 5'000;
  ev.push_back(TimerEvent::next(t));
  t += 10 * min + 30'000;
  ev.push_back(TimerEvent::next(t));
  t += 10 * min;
  ev.push_back(TimerEvent::extend(t, 2 * min, "Connexion perdue"));
  ev.push_back(TimerEvent::pause(t, "Panne"));
  t += 3 * min;
  ev.push_back(TimerEvent::resume(t));
  t += 24 * min + 10'000;
  ev.push_back(TimerEvent::next(t));
  t += 15 * min;
  ev.push_back(TimerEvent::end(t));
  auto s = timing_sentences(plan, ev, t + min);
  ASSERT_EQ(s.size(), 4u) << "the preparation, without the jury, counts too";
  EXPECT_EQ(s[0], plan.stages[0].label + "\u00A0: 28\u00A0min 05\u00A0s pour 35\u00A0min prévues (fin anticipée).");
  EXPECT_EQ(s[1], plan.stages[1].label +
                      "\u00A0: 10\u00A0min 30\u00A0s pour 10\u00A0min prévues (30\u00A0s de dépassement).");
  EXPECT_EQ(s[2], plan.stages[2].label +
                      "\u00A0: 34\u00A0min 10\u00A0s pour 30\u00A0min prévues, plus 2\u00A0min accordées "
                      "(2\u00A0min 10\u00A0s de dépassement)\u00A0; pause de 3\u00A0min non comptée.");
  EXPECT_EQ(s[3], plan.stages[3].label + "\u00A0: 15\u00A0min, dans le temps prévu.");
  // Overrun without extension; on time with one.
  std::vector<TimerEvent> plain{TimerEvent::start(plan.stages[0].id, t0), TimerEvent::end(t0 + 39 * min + 30'000)};
  EXPECT_EQ(timing_sentences(plan, plain, t0 + 50 * min)[0],
            plan.stages[0].label + "\u00A0: 39\u00A0min 30\u00A0s pour 35\u00A0min prévues (4\u00A0min 30\u00A0s de dépassement).");
  std::vector<TimerEvent> granted{TimerEvent::start(plan.stages[0].id, t0),
                                  TimerEvent::extend(t0 + min, 5 * min, "Retard du vidéoprojecteur"),
                                  TimerEvent::end(t0 + 39 * min + 30'000)};
  EXPECT_EQ(timing_sentences(plan, granted, t0 + 50 * min)[0],
            plan.stages[0].label + "\u00A0: 39\u00A0min 30\u00A0s pour 35\u00A0min prévues, plus 5\u00A0min accordées, dans le temps.");
  // Before the end: stages not yet run say so.
  auto early = timing_sentences(plan, {ev[0]}, t0 + 5 * min);
  EXPECT_EQ(early[0], plan.stages[0].label + "\u00A0: 5\u00A0min à ce stade, pour 35\u00A0min prévues.");
  EXPECT_EQ(early[1], plan.stages[1].label + "\u00A0: étape non passée.");
  EXPECT_EQ(early[2], plan.stages[2].label + "\u00A0: étape non passée.");
}

}  // namespace
}  // namespace jurymn

// ---- through the store ----

#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

struct FeedbackStore : ::testing::Test {
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource random{5};
  std::unique_ptr<Store> store;
  std::string session, nadia, thomas, run;

  void open(SessionKind kind) {
    auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    store = Store::open(dir.file("jury.db"), OpenMode::ReadWrite, clock).store;
    ASSERT_TRUE(store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids);
    store->set_random_source(&random);
    session = apply(action::CreateSession{test::session_input(kind)});
    nadia = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    thomas = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    const std::string cand = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = apply(action::StartExam{cand, "CCP1"});
    test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
  }
  void decide() {
    for (const auto& c : store->current_grid("CCP1")->competencies)
      apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
  }
  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }
  std::string refused(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_FALSE(r) << action_name(a);
    return r.error;
  }
};

TEST_F(FeedbackStore, EditsAreKeptAndReadBack) {
  open(SessionKind::Rehearsal);
  EXPECT_NE(refused(action::SetFeedback{run, "CP-1", "a", "b"}).find("après la délibération"), std::string::npos);
  decide();
  apply(action::SetFeedback{run, "CP-1", "– Accueil chaleureux.", "– Orienter plus tôt."});
  clock.advance_ms(1000);
  apply(action::SetFeedback{run, "CP-1", "– Accueil chaleureux et clair.", "– Orienter plus tôt."});
  apply(action::SetFeedbackAdvice{run, "Gardez ce rythme."});
  RunRecord r = *store->exam_run(run);
  ASSERT_EQ(r.feedback.size(), 1u);
  EXPECT_EQ(r.feedback[0].competency_id, "CP-1");
  EXPECT_EQ(r.feedback[0].strengths, "– Accueil chaleureux et clair.");
  EXPECT_EQ(r.feedback[0].improvements, "– Orienter plus tôt.");
  EXPECT_EQ(r.feedback[0].at, clock.now_ms());
  EXPECT_EQ(r.advice, "Gardez ce rythme.");
  EXPECT_NE(refused(action::SetFeedback{run, "CP-42", "a", "b"}).find("CP-42"), std::string::npos);
  EXPECT_NE(refused(action::SetFeedbackAdvice{run, std::string(5000, 'x')}).find("4000"), std::string::npos);
}

TEST_F(FeedbackStore, ARehearsalNeverBecomesOfficialNorTheReverse) {
  open(SessionKind::Rehearsal);
  SessionInput edited = test::session_input(SessionKind::Official);
  const auto audit = store->audit_entry_count();
  ApplyResult r = store->apply(action::EditSession{session, edited}, "jury");
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find("ne peut pas devenir officielle"), std::string::npos) << r.error;
  EXPECT_EQ(store->audit_entry_count(), audit);
  EXPECT_EQ(store->find_session(session)->kind, SessionKind::Rehearsal);
  // Its title may be corrected; the CCP it has runs of stays.
  edited.kind = SessionKind::Rehearsal;
  edited.title = "Jury blanc — groupe du mardi";
  apply(action::EditSession{session, edited});
  EXPECT_EQ(store->find_session(session)->title, "Jury blanc — groupe du mardi");
  edited.ccps = {"CCP2"};
  EXPECT_NE(refused(action::EditSession{session, edited}).find("CCP1 a déjà des épreuves"), std::string::npos);
}

TEST_F(FeedbackStore, AnOfficialSessionStaysOfficial) {
  open(SessionKind::Official);
  SessionInput edited = test::session_input(SessionKind::Rehearsal);
  EXPECT_NE(refused(action::EditSession{session, edited}).find("ne peut pas devenir un jury blanc"), std::string::npos);
}

TEST_F(FeedbackStore, AnOfficialSessionHasNoFeedback) {
  open(SessionKind::Official);
  decide();
  EXPECT_NE(refused(action::SetFeedback{run, "CP-1", "a", "b"}).find("réservé au jury blanc"), std::string::npos);
  EXPECT_NE(refused(action::SetFeedbackAdvice{run, "x"}).find("procès-verbal fait foi"), std::string::npos);
  EXPECT_TRUE(store->exam_run(run)->feedback.empty());
}

}  // namespace
}  // namespace jurymn
