// SPDX-License-Identifier: EUPL-1.2
// The candidate's feedback sheet after a mock jury, as HTML: built from a
// snapshot made by hand (no store).
#include "io/feedback_sheet.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "core/feedback.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "session_day.h"
#include "test_support.h"

namespace jurymn {
namespace {


using test::local_ms;
using test::minutes;
using test::nb;

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

struct FeedbackSheet : ::testing::Test {
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  const ExamPlan* plan = nullptr;
  const Grid* grid = nullptr;
  SessionSnapshot snap;
  TimeMs t0 = local_ms(9, 0);
  TimeMs generated = local_ms(11, 7);

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
    for (const auto& p : plans)
      if (p.id == "ccp1") plan = &p;
    for (const auto& g : grids)
      if (g.ccp == "CCP1") grid = &g;
    ASSERT_NE(plan, nullptr);
    ASSERT_NE(grid, nullptr);
    ASSERT_EQ(grid->competencies.size(), 5u);

    snap.title = jurymn::test::tp01336();
    snap.session.uuid = "s1";
    snap.session.title = "Jury blanc — promotion de mai";
    snap.session.date = "2026-05-18";
    snap.session.exam_centre = "GIE Francil’IN formations";
    snap.session.kind = SessionKind::Rehearsal;
    snap.session.ccps = {"CCP1"};
    snap.jury = {{1, "m1", "Agnès Martin", JuryRole::President}, {2, "m2", "Bruno Durand", JuryRole::Member}};
    CandidateRecord c;
    c.uuid = "c1";
    c.data.number = "12";
    c.data.last_name = "Zola";
    c.data.first_name = "Émile";
    c.attendance = Attendance::Present;
    snap.candidates.push_back(c);
    CandidateRecord other = c;
    other.uuid = "c2";
    other.data.number = "13";
    other.data.last_name = "Bernard";
    snap.candidates.push_back(other);
    snap.runs.push_back(decided_run());
  }

  // Candidate 12, CCP1 from 9 h: every stage run, the mise en situation
  // over time; every criterion rated; CP-3 not acquired; « CCP non obtenu »
  // decided and locked; CP-1's feedback edited by the jury.
  RunRecord decided_run() const {
    RunRecord r;
    r.uuid = "r1";
    r.candidate_uuid = "c1";
    r.ccp = "CCP1";
    r.plan_id = plan->id;
    r.plan_version = plan->version;
    r.grid_id = grid->id;
    r.grid_version = grid->version;
    r.started_at = t0;
    r.finished_at = t0 + minutes(95);
    r.events = {
        TimerEvent::start("questionnement", t0),
        TimerEvent::next(t0 + minutes(35)),                   // questionnement: 35 min
        TimerEvent::next(t0 + minutes(45)),                   // préparation: 10 min
        TimerEvent::next(t0 + minutes(79) + 10'000),          // mise en situation: 34 min 10 s
        TimerEvent::end(t0 + minutes(94) + 10'000, "Terminé"),  // entretien technique: 15 min
    };
    for (std::size_t c = 0; c < grid->competencies.size(); ++c) {
      const auto& comp = grid->competencies[c];
      for (std::size_t i = 0; i < comp.criteria.size(); ++i) {
        std::string level = i % 3 == 0 ? "maitrise" : i % 3 == 1 ? "acquis" : "en_cours";
        if (comp.id == "CP-3" && i == 0) level = "en_cours";
        for (const char* m : {"m1", "m2"}) r.marks.push_back({m, comp.criteria[i].id, level, t0 + minutes(90)});
      }
    }
    r.observations.push_back({"m2", "CP-4", "Consignes claires, bon rythme.", t0 + minutes(70)});
    for (const char* id : {"CP-1", "CP-2", "CP-4", "CP-5"})
      r.competency_decisions.push_back({id, CompetencyStatus::Acquired, t0 + minutes(98)});
    r.competency_decisions.push_back({"CP-3", CompetencyStatus::NotAcquired, t0 + minutes(98)});
    r.decision.proposed = CcpOutcome::NotObtained;
    r.decision.decided = CcpOutcome::NotObtained;
    r.decision.justification = "CP-3 non acquise.";
    r.decision.confirmed_by = {"m1", "m2"};
    r.decision.decided_at = t0 + minutes(100);
    r.decision.locked_at = t0 + minutes(101);
    r.feedback.push_back({"CP-1", "– Accueil <b>soigné</b> & chaleureux\n– Reformule la demande avant de répondre",
                          "– Présenter les missions dès l’accueil", t0 + minutes(102)});
    r.advice = "Chronométrez vos séquences : la mise en situation a débordé.\nGardez votre fiche séance sous les yeux.";
    return r;
  }

  std::string render() const { return render_feedback_sheet({snap, snap.candidates[0], plans, grids, generated}); }

  // The block of competency `id` in `html`: from its heading to the next one.
  static std::string block(const std::string& html, const std::string& id) {
    const auto at = html.find("<span class=\"cp\">" + id + "</span>");
    if (at == std::string::npos) return {};
    auto end = html.find("<div class=\"comp\">", at);
    if (end == std::string::npos) end = html.find("</section>", at);
    return html.substr(at, end - at);
  }
};

TEST_F(FeedbackSheet, IsASelfContainedMockJuryA4Page) {
  const std::string html = render();
  if (const char* out = std::getenv("JURYMN_FEEDBACK_SHEET_HTML")) std::ofstream(out, std::ios::binary) << html;
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(has(html, "<html lang=\"fr\">"));
  EXPECT_TRUE(has(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(has(html, "@page { size: A4; margin: 0; }")) << "no room for the browser's header and footer";
  EXPECT_TRUE(has(html, "body { padding: 12mm;"));
  EXPECT_TRUE(has(html, "<div class=\"band\">Jury blanc — document d’entraînement, sans valeur de certification</div>"));
  EXPECT_TRUE(has(html, "<div class=\"watermark\" aria-hidden=\"true\"><span>JURY BLANC</span></div>"));
  EXPECT_TRUE(has(html, ".watermark { position: fixed;"));
  EXPECT_TRUE(has(html, "opacity: 0.1"));
  for (const char* banned : {"<script", "<link", "<img", "src=", "http://", "https://", "url("})
    EXPECT_FALSE(has(html, banned)) << banned;
}

TEST_F(FeedbackSheet, ShowsTheCandidateTheSessionAndTheJury) {
  const std::string html = render();
  EXPECT_TRUE(has(html, nb("<span class=\"last\">Zola</span> Émile — n°~12")));
  EXPECT_FALSE(has(html, "Bernard")) << "another candidate's sheet";
  EXPECT_TRUE(has(html, "Jury blanc — promotion de mai"));
  EXPECT_TRUE(has(html, nb("18~mai~2026")));
  EXPECT_TRUE(has(html, "GIE Francil’IN formations"));
  EXPECT_TRUE(has(html, "Agnès Martin (président du jury), Bruno Durand (membre du jury)"));
  EXPECT_TRUE(has(html, nb("Fiche générée le 18~mai~2026 à 11~h~07.")));
  EXPECT_TRUE(has(html, "Document qui vous est remis à l’issue du jury blanc."));
}

TEST_F(FeedbackSheet, UsesTheJurysEditedFeedbackElseTheDraft) {
  const std::string html = render();
  const std::string cp1 = block(html, "CP-1"), cp2 = block(html, "CP-2");
  ASSERT_FALSE(cp1.empty());
  ASSERT_FALSE(cp2.empty());
  EXPECT_TRUE(has(cp1, grid->competencies[0].title));
  // CP-1: the jury's text, escaped, one paragraph per line.
  EXPECT_TRUE(has(cp1, "<p class=\"li\">– Accueil &lt;b&gt;soigné&lt;/b&gt; &amp; chaleureux</p>"
                       "<p class=\"li\">– Reformule la demande avant de répondre</p>"))
      << cp1;
  EXPECT_TRUE(has(cp1, "– Présenter les missions dès l’accueil"));
  EXPECT_FALSE(has(cp1, "Aménage un accueil")) << "the draft is replaced by the edit";
  // CP-2: the draft, which names the best-rated criterion first.
  const auto drafts = draft_feedback(*grid, snap.jury, snap.runs[0]);
  const std::string best = grid->competencies[1].criteria[0].text;
  ASSERT_EQ(drafts[1].strengths.rfind("– " + strength_line(best), 0), 0u) << drafts[1].strengths;
  EXPECT_TRUE(has(cp2, "<p class=\"li\">– Vous avez satisfait à ce critère de la grille\u00A0: «\u00A0" + best)) << cp2;
  EXPECT_TRUE(has(cp2, "Points forts"));
  EXPECT_TRUE(has(cp2, "Axes de progrès"));
  // CP-4: the member's observation is in the draft too.
  EXPECT_TRUE(has(block(html, "CP-4"), nb("Bruno Durand a noté~: «~Consignes claires, bon rythme.~»")));
}

TEST_F(FeedbackSheet, ShowsStatusesAndTheIndicativeResult) {
  const std::string html = render();
  EXPECT_TRUE(has(block(html, "CP-1"), "<span class=\"status ok\">Compétence acquise</span>"));
  EXPECT_TRUE(has(block(html, "CP-3"), "<span class=\"status ko\">Compétence non acquise</span>"));
  EXPECT_TRUE(has(block(html, "CP-5"), "Compétence acquise"));
  EXPECT_TRUE(has(html, nb("Résultat indicatif~: CCP non obtenu")));
  EXPECT_TRUE(has(html, "sans valeur officielle"));
  EXPECT_FALSE(has(html, "non encore confirmée")) << "locked";
  EXPECT_FALSE(has(html, "CP-3 non acquise.")) << "the written justification is the jury's, not the candidate's";
  snap.runs[0].decision.locked_at.reset();
  EXPECT_TRUE(has(render(), "non encore confirmée par tout le jury"));
}

TEST_F(FeedbackSheet, SaysHowTheCandidateManagedTime) {
  const std::string html = render();
  EXPECT_TRUE(has(html, "Votre gestion du temps"));
  const auto sentences = timing_sentences(*plan, snap.runs[0].events, generated);
  ASSERT_EQ(sentences.size(), 4u) << "every stage, the preparation without the jury too";
  for (const auto& s : sentences) EXPECT_TRUE(has(html, "<li>" + s + "</li>")) << s;
  EXPECT_TRUE(has(html, nb("Mise en situation~: 34~min 10~s pour 30~min prévues (4~min 10~s de dépassement).")));
}

TEST_F(FeedbackSheet, GivesTheAdviceOnlyWhenThereIsSome) {
  std::string html = render();
  EXPECT_TRUE(has(html, "Conseils du jury"));
  EXPECT_TRUE(has(html, nb("<p>Chronométrez vos séquences~: la mise en situation a débordé.</p>"
                           "<p>Gardez votre fiche séance sous les yeux.</p>")));
  snap.runs[0].advice = " \n ";
  html = render();
  EXPECT_FALSE(has(html, "Conseils du jury"));
  EXPECT_TRUE(has(html, "<div class=\"after single\">"));
}

TEST_F(FeedbackSheet, ShowsDeliberatedRunsOnlyInTheTitlesCcpOrder) {
  RunRecord ccp2;
  ccp2.uuid = "r2";
  ccp2.candidate_uuid = "c1";
  ccp2.ccp = "CCP2";
  ccp2.plan_id = "ccp2";
  ccp2.grid_id = "ccp2";
  ccp2.decision.decided = CcpOutcome::Obtained;
  snap.runs.insert(snap.runs.begin(), ccp2);  // stored first, shown second
  RunRecord undecided = snap.runs[1];
  undecided.uuid = "r3";
  undecided.decision = {};
  undecided.advice = "Conseil d’une épreuve non délibérée";
  snap.runs.push_back(undecided);
  const std::string html = render();
  const auto c1 = html.find("<h2><span class=\"ccp\">CCP1"), c2 = html.find("<h2><span class=\"ccp\">CCP2");
  ASSERT_NE(c1, std::string::npos);
  ASSERT_NE(c2, std::string::npos);
  EXPECT_LT(c1, c2);
  EXPECT_TRUE(has(html, nb("Résultat indicatif~: CCP obtenu")));
  EXPECT_FALSE(has(html, "non délibérée"));
  // The CCP2 run's plan and grid are unknown here: said, not fatal.
  EXPECT_TRUE(has(html.substr(c2), "introuvable sur ce poste"));
}

TEST_F(FeedbackSheet, RefusedForAnOfficialSessionOrWithoutDeliberation) {
  EXPECT_EQ(feedback_sheet_refusal(snap, snap.candidates[0]), "");
  // The other candidate has no run.
  EXPECT_EQ(feedback_sheet_refusal(snap, snap.candidates[1]),
            nb("Ce candidat n’a passé aucune épreuve~: pas de fiche de retour."));
  EXPECT_EQ(render_feedback_sheet({snap, snap.candidates[1], plans, grids, generated}), "");
  // A run the jury has not decided on yet.
  snap.runs[0].decision = {};
  EXPECT_EQ(feedback_sheet_refusal(snap, snap.candidates[0]),
            nb("Le jury n’a encore décidé d’aucun CCP pour ce candidat~: la fiche de retour suit la délibération."));
  EXPECT_EQ(render(), "");
  // An official session, even decided.
  snap.runs[0] = decided_run();
  snap.session.kind = SessionKind::Official;
  EXPECT_EQ(feedback_sheet_refusal(snap, snap.candidates[0]),
            nb("En examen officiel, le procès-verbal fait foi~: pas de fiche de retour."));
  EXPECT_EQ(render(), "");
}

TEST_F(FeedbackSheet, EscapesEveryTextAndKeepsFrenchTypography) {
  snap.session.title = "Session <b>test</b> & 'co'";
  snap.session.exam_centre = "Centre <i>x</i>";
  snap.jury[1].name = "Bruno <script>Durand</script>";
  snap.candidates[0].data.last_name = "Zola<img src=x>";
  snap.candidates[0].data.number = "<12>";
  snap.runs[0].advice = "Osez ! Pourquoi pas ? « Oui » ; <u>bien</u>";
  const std::string html = render();
  for (const char* raw : {"<b>test", "<i>x", "<script", "<img", "<12>", "<u>"}) EXPECT_FALSE(has(html, raw)) << raw;
  EXPECT_TRUE(has(html, "Session &lt;b&gt;test&lt;/b&gt; &amp; &#39;co&#39;"));
  EXPECT_TRUE(has(html, "Bruno &lt;script&gt;Durand&lt;/script&gt;"));
  EXPECT_TRUE(has(html, "Zola&lt;img src=x&gt;"));
  EXPECT_TRUE(has(html, nb("Osez~! Pourquoi pas~? «~Oui~»~; &lt;u&gt;bien&lt;/u&gt;")));
  // No plain space before double punctuation anywhere, grid texts included.
  for (const char* bad : {" :", " ;", " ?", " !", "« ", " »"}) EXPECT_FALSE(has(html, bad)) << bad;
}

// The sheets as a trainer fills them at most, for the print check
// (tests/gui/feedback_print_test.sh prints them with Chromium and counts
// the A4 pages): a trainee who sat both CCPs, every competency's feedback
// written as two points each side, long names and advice; and « Toutes les
// fiches » for three trainees. Written where JURYMN_FEEDBACK_PRINT_DIR says.
TEST_F(FeedbackSheet, FullestSheetsForThePrintCheck) {
  const ExamPlan* plan2 = nullptr;
  const Grid* grid2 = nullptr;
  for (const auto& p : plans)
    if (p.id == "ccp2") plan2 = &p;
  for (const auto& g : grids)
    if (g.ccp == "CCP2") grid2 = &g;
  ASSERT_NE(plan2, nullptr);
  ASSERT_NE(grid2, nullptr);
  snap.session.ccps = {"CCP1", "CCP2"};
  snap.jury = {{1, "m1", "Marie-Thérèse Lœwenbrück-Saint-Exupéry", JuryRole::President},
               {2, "m2", "Jean-Baptiste Lœwenbrück-Saint-Exupéry", JuryRole::Member}};
  const std::string two_points =
      "– Accueil soigné, reformule la demande avant de proposer un accompagnement\n"
      "– Explique les démarches en ligne pas à pas, vérifie la compréhension";
  auto fill = [&](RunRecord& r, const Grid& g) {
    r.feedback.clear();
    for (const auto& comp : g.competencies) r.feedback.push_back({comp.id, two_points, two_points, r.finished_at.value_or(0)});
    r.advice = "Chronométrez vos séquences : la mise en situation a débordé de quatre minutes.\n"
               "Gardez votre fiche séance sous les yeux et annoncez le plan de la séance dès le début.\n"
               "Prévoyez une activité de repli si le matériel ne fonctionne pas.";
  };
  fill(snap.runs[0], *grid);
  RunRecord r2 = decided_run();
  r2.uuid = "r2";
  r2.ccp = "CCP2";
  r2.plan_id = plan2->id;
  r2.plan_version = plan2->version;
  r2.grid_id = grid2->id;
  r2.grid_version = grid2->version;
  const TimeMs t2 = t0 + minutes(120);
  r2.started_at = t2;
  r2.finished_at = t2 + minutes(62);
  r2.events = {TimerEvent::start(plan2->stages.front().id, t2), TimerEvent::next(t2 + minutes(21)),
               TimerEvent::end(t2 + minutes(61), "Terminé")};
  r2.marks.clear();
  r2.competency_decisions.clear();
  for (const auto& comp : grid2->competencies) {
    for (const auto& crit : comp.criteria)
      for (const char* m : {"m1", "m2"}) r2.marks.push_back({m, crit.id, "acquis", t2 + minutes(60)});
    r2.competency_decisions.push_back({comp.id, CompetencyStatus::Acquired, t2 + minutes(62)});
  }
  r2.decision.proposed = r2.decision.decided = CcpOutcome::Obtained;
  fill(r2, *grid2);
  snap.runs.push_back(r2);
  snap.candidates[0].data.first_name = "Marie-Thérèse";
  snap.candidates[0].data.last_name = "Lœwenbrück-Saint-Exupéry";
  // Two more trainees, CCP1 only.
  for (const char* id : {"c2", "c3"}) {
    if (std::string(id) == "c3") {
      CandidateRecord third = snap.candidates[1];
      third.uuid = "c3";
      third.data.number = "14";
      snap.candidates.push_back(third);
    }
    RunRecord r = decided_run();
    r.uuid = std::string("r-") + id;
    r.candidate_uuid = id;
    snap.runs.push_back(r);
  }
  const std::string one = render();
  const std::string all = render_feedback_sheets(snap, plans, grids, generated);
  EXPECT_TRUE(has(one, "<h2><span class=\"ccp\">CCP2"));
  std::size_t sections = 0;
  for (auto at = all.find("<section class=\"sheet\">"); at != std::string::npos;
       at = all.find("<section class=\"sheet\">", at + 1))
    ++sections;
  EXPECT_EQ(sections, 3u);
  if (const char* dir = std::getenv("JURYMN_FEEDBACK_PRINT_DIR")) {
    std::ofstream(std::string(dir) + "/fullest.html", std::ios::binary) << one;
    std::ofstream(std::string(dir) + "/all-3.html", std::ios::binary) << all;
  }
}

}  // namespace
}  // namespace jurymn
