// SPDX-License-Identifier: EUPL-1.2
// The procès-verbal as HTML: built from a snapshot made by hand (no store).
#include "io/proces_verbal.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "session_day.h"
#include "test_support.h"

namespace jurymn {
namespace {


using test::local_ms;
using test::minutes;
using test::nb;

CandidateRecord candidate(std::string uuid, std::string number, std::string last, std::string first,
                          Attendance attendance, CcpSet ccps = {"CCP1"}) {
  CandidateRecord c;
  c.uuid = std::move(uuid);
  c.data.number = std::move(number);
  c.data.last_name = std::move(last);
  c.data.first_name = std::move(first);
  c.data.ccps = ccps;
  c.data.sheets = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir FranceConnect"};
  c.attendance = attendance;
  return c;
}

struct Fixture {
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  SessionSnapshot snap;
  TimeMs t0 = local_ms(14, 5);

  explicit Fixture(SessionKind kind = SessionKind::Official) {
    PlanLoad pl = load_exam_plan_file(std::string(JURYMN_ASSETS) + "/plans/ccp1.json");
    EXPECT_TRUE(pl.ok());
    if (pl.ok()) plans.push_back(*pl.plan);
    GridLoad gl = load_grid_file(std::string(JURYMN_GRIDS) + "/ccp1.json", plans.empty() ? nullptr : &plans[0]);
    EXPECT_TRUE(gl.ok());
    if (gl.ok()) grids.push_back(*gl.grid);

    snap.title = jurymn::test::tp01336();
    snap.session.uuid = "s1";
    snap.session.title = "Session CCP1 — mai 2026";
    snap.session.date = "2026-05-18";
    snap.session.exam_centre = "GIE Francil’IN formations";
    snap.session.kind = kind;
    snap.session.ccps = {"CCP1", "CCP2"};
    snap.jury = {{1, "m1", "Agnès Martin", JuryRole::President}, {2, "m2", "Bruno Durand", JuryRole::Member}};
    // Deliberately not in number order.
    snap.candidates.push_back(candidate("c10", "10", "Zola", "Émile", Attendance::Present));
    snap.candidates.push_back(candidate("c2", "2", "Bernard", "Alice", Attendance::Absent));
    auto eq = candidate("c3", "3", "Carpentier", "Chloé", Attendance::Present, {"CCP2"});
    eq.data.by_equivalence = {"CCP1"};
    snap.candidates.push_back(eq);
    snap.runs.push_back(decided_run());
  }

  // Candidate 10, CCP1, from 14 h 05: a pause, an extension, an overrun, an
  // early end; two draws; marks; a locked « non obtenu », reopened once.
  RunRecord decided_run() const {
    RunRecord r;
    r.uuid = "r1";
    r.candidate_uuid = "c10";
    r.ccp = "CCP1";
    r.plan_id = "ccp1";
    r.plan_version = plans.empty() ? "" : plans[0].version;
    r.grid_id = "ccp1";
    r.grid_version = grids.empty() ? "" : grids[0].version;
    r.started_at = t0 - minutes(3);
    r.finished_at = t0 + minutes(95);
    r.draws.push_back(
        {{"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir FranceConnect"}, 1, DrawMethod::Random,
         "", t0 - minutes(3)});
    r.draws.push_back({{"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir FranceConnect"}, 2,
                       DrawMethod::JuryChoice, "Fiche tirée déjà animée devant ce jury", t0 - minutes(2)});
    r.events = {
        TimerEvent::start("questionnement", t0),
        TimerEvent::pause(t0 + minutes(10), "Alarme incendie"),
        TimerEvent::resume(t0 + minutes(13)),
        TimerEvent::extend(t0 + minutes(20), minutes(3), "Rattraper la pause"),
        TimerEvent::next(t0 + minutes(43)),  // questionnement: 40 min of 38 → 2 min over
        TimerEvent::next(t0 + minutes(53)),  // préparation: 10 min
        TimerEvent::next(t0 + minutes(83)),  // mise en situation: 30 min
        TimerEvent::end(t0 + minutes(95), "Le candidat a terminé"),  // entretien: 12 min of 15
    };
    if (!grids.empty()) {
      for (const auto& comp : grids[0].competencies)
        for (const auto& crit : comp.criteria)
          for (const char* m : {"m1", "m2"}) {
            std::string level = "acquis";
            if (comp.id == "CP-5" && std::string(m) == "m2" && &crit == &comp.criteria.front()) level = "en_cours";
            r.marks.push_back({m, crit.id, level, t0 + minutes(90)});
          }
    }
    for (const char* id : {"CP-1", "CP-2", "CP-3", "CP-4"})
      r.competency_decisions.push_back({id, CompetencyStatus::Acquired, t0 + minutes(98)});
    r.competency_decisions.push_back({"CP-5", CompetencyStatus::NotAcquired, t0 + minutes(98)});
    r.decision.proposed = CcpOutcome::NotObtained;
    r.decision.decided = CcpOutcome::NotObtained;
    r.decision.justification = "Analyse <script>alert(1)</script> & \"réflexive\" absente.\nSeconde ligne.";
    r.decision.confirmed_by = {"m1", "m2"};
    r.decision.decided_at = t0 + minutes(100);
    r.decision.reopenings.push_back({t0 + minutes(105), "m1", "Erreur de saisie sur CP-5"});
    r.decision.locked_at = t0 + minutes(110);
    return r;
  }

  std::string render(std::string audit_head = "") const {
    return render_proces_verbal({snap, plans, grids, local_ms(17, 42), "jurymn 0.1.0", std::move(audit_head), std::nullopt});
  }
};

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

// The table row (<tr>…</tr>) that contains `needle` after `from`.
std::string row_with(const std::string& html, const std::string& needle, std::size_t from = 0) {
  auto at = html.find(needle, from);
  if (at == std::string::npos) return {};
  auto begin = html.rfind("<tr>", at);
  auto end = html.find("</tr>", at);
  if (begin == std::string::npos || end == std::string::npos) return {};
  return html.substr(begin, end - begin);
}

TEST(ProcesVerbal, IsASelfContainedFrenchA4Page) {
  Fixture f;
  const std::string html = f.render();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Procès-verbal — Session CCP1 — mai 2026</title>"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4; margin: 15mm"), std::string::npos);
  EXPECT_NE(html.find("@top-left { content: \"\"; }"), std::string::npos) << "no browser header";
  EXPECT_NE(html.find("break-before: page"), std::string::npos);
  EXPECT_NE(html.find("Procès-verbal de session d’examen"), std::string::npos);
  EXPECT_NE(html.find(nb("«~Médiateur numérique (TP-01336)~»")), std::string::npos);
  EXPECT_NE(html.find(nb("18~mai~2026")), std::string::npos);
  EXPECT_NE(html.find("GIE Francil’IN formations"), std::string::npos);
  // Nothing fetched, nothing run.
  for (const char* banned : {"<script", "<link", "<img", "src=", "http://", "https://", "url("})
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
}

TEST(ProcesVerbal, FrenchTypographyHasNoBareSpaceBeforeDoublePunctuation) {
  Fixture f;
  f.snap.runs.push_back(f.decided_run());  // a second run of the same CCP, for more text
  const std::string html = f.render("abc");
  for (const char* bad : {" :", " ;", " ?", " !", "'", "« ", " »"}) EXPECT_EQ(html.find(bad), std::string::npos) << bad;
}

TEST(ProcesVerbal, EscapesEveryUserText) {
  Fixture f;
  f.snap.session.title = "Session <b>test</b> & 'co'";
  f.snap.jury[1].name = "Bruno <i>Durand</i>";
  f.snap.candidates[0].data.last_name = "Zola<img src=x>";
  const std::string html = f.render();
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>test"), std::string::npos);
  EXPECT_EQ(html.find("<i>Durand"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("Session &lt;b&gt;test&lt;/b&gt; &amp; &#39;co&#39;"), std::string::npos);
  EXPECT_NE(html.find("Bruno &lt;i&gt;Durand&lt;/i&gt;"), std::string::npos);
  // The justification keeps its line break, escaped.
  EXPECT_NE(html.find("Analyse &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;réflexive&quot; absente.<br>\nSeconde "
                      "ligne."),
            std::string::npos);
}

TEST(ProcesVerbal, CandidatesComeInNumberOrder) {
  Fixture f;
  const std::string html = f.render();
  const auto h2 = html.find(nb("<h2>Candidat n°~2 — "));
  const auto h3 = html.find(nb("<h2>Candidat n°~3 — "));
  const auto h10 = html.find(nb("<h2>Candidat n°~10 — "));
  ASSERT_NE(h2, std::string::npos);
  ASSERT_NE(h3, std::string::npos);
  ASSERT_NE(h10, std::string::npos);
  EXPECT_LT(h2, h3);
  EXPECT_LT(h3, h10);
  // The summary too: Bernard (2), Carpentier (3), Zola (10).
  const auto summary = html.find("<h3>Résultats</h3>");
  const auto b = html.find(">Bernard<", summary), c = html.find(">Carpentier<", summary),
             z = html.find(">Zola<", summary);
  EXPECT_LT(b, c);
  EXPECT_LT(c, z);
  EXPECT_LT(z, h2);
}

TEST(ProcesVerbal, SummaryGivesEachCandidatesOutcomePerCcp) {
  Fixture f;
  const std::string html = f.render();
  const auto summary = html.find("<h3>Résultats</h3>");
  const std::string zola = row_with(html, ">Zola<", summary);
  EXPECT_NE(zola.find("CCP non obtenu"), std::string::npos) << zola;
  EXPECT_NE(zola.find("verrouillé"), std::string::npos) << zola;
  EXPECT_NE(zola.find("Non inscrit"), std::string::npos) << zola;  // CCP2
  const std::string bernard = row_with(html, ">Bernard<", summary);
  EXPECT_EQ(count(bernard, "<td>Absent</td>"), 2u) << bernard;  // attendance and CCP1 column
  const std::string carpentier = row_with(html, ">Carpentier<", summary);
  EXPECT_NE(carpentier.find("CCP1 par équivalence"), std::string::npos) << carpentier;
  EXPECT_NE(carpentier.find("Épreuve non passée"), std::string::npos) << carpentier;  // CCP2, no run yet
}

TEST(ProcesVerbal, AbsentCandidateHasNoRun) {
  Fixture f;
  const std::string html = f.render();
  const auto start = html.find(nb("<h2>Candidat n°~2 — "));
  const auto end = html.find("</section>", start);
  const std::string section = html.substr(start, end - start);
  EXPECT_NE(section.find(nb("Présence~: Absent")), std::string::npos);
  EXPECT_NE(section.find("Aucune épreuve passée"), std::string::npos);
  EXPECT_EQ(section.find("Déroulement des étapes"), std::string::npos);
}

TEST(ProcesVerbal, StagesShowRealTimesDurationsPausesAndExtensions) {
  Fixture f;
  const std::string html = f.render();
  const auto table = html.find("<table class=\"stages\">");
  ASSERT_NE(table, std::string::npos);
  const std::string q = row_with(html, "Questionnement à partir de productions", table);
  EXPECT_NE(q.find(nb(">35~min<")), std::string::npos) << q;     // planned
  EXPECT_NE(q.find(nb(">14~h~05<")), std::string::npos) << q;    // real start
  EXPECT_NE(q.find(nb(">14~h~48<")), std::string::npos) << q;    // real end
  EXPECT_NE(q.find(nb(">40~min<")), std::string::npos) << q;     // 43 min minus a 3-min pause
  EXPECT_NE(q.find(nb("+~2~min")), std::string::npos) << q;      // 40 of 35 + 3
  EXPECT_NE(q.find(nb("Pause de 14~h~15 à 14~h~18 (3~min)~: Alarme incendie")), std::string::npos) << q;
  EXPECT_NE(q.find(nb("Prolongation de 3~min à 14~h~25~: Rattraper la pause")), std::string::npos) << q;

  const std::string prep = row_with(html, "Préparation", table);
  EXPECT_NE(prep.find("hors présence du jury"), std::string::npos) << prep;
  EXPECT_NE(prep.find(nb(">10~min<")), std::string::npos) << prep;

  const std::string et = row_with(html, "Entretien technique", table);
  EXPECT_NE(et.find(nb(">12~min<")), std::string::npos) << et;
  EXPECT_NE(et.find(nb("Fin anticipée (3~min avant le terme)~: Le candidat a terminé")), std::string::npos) << et;
  EXPECT_EQ(et.find(nb("+~")), std::string::npos) << et;  // no overrun
}

TEST(ProcesVerbal, AStageUnderWayOrNotStartedSaysSo) {
  Fixture f;
  auto& r = f.snap.runs[0];
  r.events.resize(5);  // questionnement over, préparation running
  r.finished_at.reset();
  const std::string html = f.render();
  const auto table = html.find("<table class=\"stages\">");
  EXPECT_NE(row_with(html, "Préparation", table).find("en cours"), std::string::npos);
  EXPECT_NE(row_with(html, "Mise en situation", table).find("Étape non commencée"), std::string::npos);
}

TEST(ProcesVerbal, DrawsAreAllKeptInOrderWithTheOneInForce) {
  Fixture f;
  const std::string html = f.render();
  const auto table = html.find("<table class=\"draws\">");
  ASSERT_NE(table, std::string::npos);
  const std::string first = row_with(html, "Tirage au sort", table);
  const std::string second = row_with(html, "Choix du jury", table);
  EXPECT_NE(first.find(nb(">14~h~02<")), std::string::npos) << first;
  EXPECT_NE(first.find("<li class=\"chosen\">Prendre rendez-vous en ligne"), std::string::npos) << first;
  EXPECT_EQ(first.find("en vigueur"), std::string::npos) << first;
  EXPECT_NE(second.find("<li class=\"chosen\">Découvrir FranceConnect"), std::string::npos) << second;
  EXPECT_NE(second.find("Fiche tirée déjà animée devant ce jury"), std::string::npos) << second;
  EXPECT_NE(second.find("en vigueur"), std::string::npos) << second;
  EXPECT_LT(html.find("Tirage au sort", table), html.find("Choix du jury", table));
}

TEST(ProcesVerbal, CompetenciesShowTitlesProposalsAndJuryDecisions) {
  Fixture f;
  const std::string html = f.render();
  const auto table = html.find("<table class=\"competencies\">");
  ASSERT_NE(table, std::string::npos);
  const std::string cp1 = row_with(html, ">CP-1<", table);
  EXPECT_NE(cp1.find("Accueillir les personnes et présenter les missions de la médiation numérique"),
            std::string::npos)
      << cp1;
  EXPECT_NE(cp1.find("Compétence acquise"), std::string::npos) << cp1;
  const std::string cp5 = row_with(html, ">CP-5<", table);
  EXPECT_NE(cp5.find("Compétence non acquise"), std::string::npos) << cp5;
  EXPECT_NE(cp5.find(nb("Agnès Martin~: acquise")), std::string::npos) << cp5;
  EXPECT_NE(cp5.find(nb("Bruno Durand~: non acquise")), std::string::npos) << cp5;
  EXPECT_NE(cp5.find("Notations différentes sur 1 critère<"), std::string::npos) << cp5;
}

// Issue 26 item 7: CP-2 marked « en cours » by both members, decided
// « acquise » by the jury with its reason; the CCP proposed « non obtenu »
// from the marks, decided « obtenu » without a word. The PV shows the marks'
// proposal beside each decision, the reason where they differ, and never
// « Aucune » for a justification the departure required.
TEST(ProcesVerbal, ADecisionAgainstTheMarksShowsTheProposalAndTheReason) {
  Fixture f;
  ASSERT_FALSE(f.grids.empty());
  RunRecord& r = f.snap.runs[0];
  r.rules = 2;
  r.marks.clear();
  for (const auto& comp : f.grids[0].competencies)
    for (const auto& crit : comp.criteria)
      for (const char* m : {"m1", "m2"})
        r.marks.push_back({m, crit.id, comp.id == "CP-2" ? "en_cours" : "acquis", f.t0 + minutes(90)});
  r.competency_decisions.clear();
  for (const char* id : {"CP-1", "CP-3", "CP-4", "CP-5"})
    r.competency_decisions.push_back({id, CompetencyStatus::Acquired, f.t0 + minutes(98)});
  r.competency_decisions.push_back(
      {"CP-2", CompetencyStatus::Acquired, f.t0 + minutes(98), "Diagnostic partagé démontré à l’entretien."});
  r.decision.proposed = CcpOutcome::NotObtained;
  r.decision.decided = CcpOutcome::Obtained;
  r.decision.justification = "";
  r.decision.reopenings.clear();
  const std::string html = f.render();
  const auto table = html.find("<table class=\"competencies\">");
  ASSERT_NE(table, std::string::npos);
  const std::string cp2 = row_with(html, ">CP-2<", table);
  EXPECT_NE(cp2.find(nb("Proposition~: non acquise")), std::string::npos) << cp2;
  EXPECT_NE(cp2.find("Compétence acquise"), std::string::npos) << cp2;
  EXPECT_NE(cp2.find(nb("Différente de la proposition~: motif")), std::string::npos) << cp2;
  EXPECT_NE(cp2.find("Diagnostic partagé démontré à l’entretien."), std::string::npos) << cp2;
  const std::string cp1 = row_with(html, ">CP-1<", table);
  EXPECT_NE(cp1.find(nb("Proposition~: acquise")), std::string::npos) << cp1;
  EXPECT_EQ(cp1.find("Différente de la proposition"), std::string::npos) << cp1;
  const auto decision = html.find("<table class=\"decision");
  ASSERT_NE(decision, std::string::npos);
  EXPECT_NE(row_with(html, "Proposition de la grille", decision).find("CCP non obtenu"), std::string::npos);
  EXPECT_NE(row_with(html, "Décision du jury", decision).find("CCP obtenu"), std::string::npos);
  const std::string just = row_with(html, "<th>Justification", decision);
  EXPECT_EQ(just.find(">Aucune<"), std::string::npos) << just;
  EXPECT_NE(just.find("Aucune justification écrite pour une décision différente de la proposition"), std::string::npos)
      << just;
}

TEST(ProcesVerbal, DecisionShowsJustificationConfirmationsLockAndReopenings) {
  Fixture f;
  const std::string html = f.render();
  const auto table = html.find("<table class=\"decision");
  ASSERT_NE(table, std::string::npos);
  EXPECT_NE(row_with(html, "Proposition de la grille", table).find("CCP non obtenu"), std::string::npos);
  EXPECT_NE(row_with(html, "Décision du jury", table).find("CCP non obtenu"), std::string::npos);
  EXPECT_NE(row_with(html, "<th>Justification", table).find(nb("Justification requise~: décision négative.")),
            std::string::npos);
  EXPECT_NE(row_with(html, "Décidée le", table).find(nb("18~mai~2026 à 15~h~45")), std::string::npos);
  EXPECT_NE(row_with(html, "Confirmée par", table).find("<td>Agnès Martin, Bruno Durand</td>"), std::string::npos);
  EXPECT_NE(row_with(html, "Verrouillée le", table).find(nb("18~mai~2026 à 15~h~55")), std::string::npos);
  EXPECT_NE(row_with(html, "Réouvertures", table)
                .find(nb("Le 18~mai~2026 à 15~h~50 par Agnès Martin~: Erreur de saisie sur CP-5")),
            std::string::npos);
  EXPECT_EQ(html.find("Décision non encore prise"), std::string::npos);
  EXPECT_EQ(html.find("non verrouillée"), std::string::npos);
}

TEST(ProcesVerbal, UndecidedRunSaysTheDecisionIsNotTaken) {
  Fixture f;
  auto& r = f.snap.runs[0];
  r.decision = {};
  r.competency_decisions.resize(2);
  const std::string html = f.render();
  EXPECT_NE(html.find(nb("Décision non encore prise (compétences décidées~: 2 sur 5)")), std::string::npos);
  EXPECT_NE(row_with(html, "Décision du jury", html.find("<table class=\"decision")).find("Décision non encore prise"),
            std::string::npos);
  EXPECT_NE(html.find("Compétence à décider"), std::string::npos);
  const auto summary = html.find("<h3>Résultats</h3>");
  EXPECT_NE(row_with(html, ">Zola<", summary).find("Décision à prendre"), std::string::npos);
}

TEST(ProcesVerbal, DecidedButUnlockedRunIsFlagged) {
  Fixture f;
  auto& r = f.snap.runs[0];
  r.decision.locked_at.reset();
  r.decision.confirmed_by = {"m1"};
  const std::string html = f.render();
  EXPECT_NE(html.find("Décision enregistrée mais non verrouillée"), std::string::npos);
  EXPECT_NE(row_with(html, "Confirmée par", html.find("<table class=\"decision")).find("<td>Agnès Martin</td>"),
            std::string::npos);
  EXPECT_NE(row_with(html, ">Zola<", html.find("<h3>Résultats</h3>")).find("non verrouillé"), std::string::npos);
}

TEST(ProcesVerbal, MissingPlanOrGridIsReportedNotFatal) {
  Fixture f;
  auto& r = f.snap.runs[0];
  r.plan_version = "9.9";
  r.grid_id = "ccp1-ancienne";
  const std::string html = f.render();
  EXPECT_NE(html.find(nb("Plan d’épreuve «~ccp1~» version 9.9 introuvable")), std::string::npos);
  EXPECT_NE(html.find(nb("Grille d’évaluation «~ccp1-ancienne~» version")), std::string::npos);
  EXPECT_EQ(html.find("<table class=\"stages\">"), std::string::npos);
  // The recorded facts are still there: raw events, competency decisions, the decision.
  EXPECT_NE(html.find("Alarme incendie"), std::string::npos);
  EXPECT_NE(row_with(html, ">CP-5<").find("Compétence non acquise"), std::string::npos);
  EXPECT_NE(html.find("Seconde ligne."), std::string::npos);
}

TEST(ProcesVerbal, RunOfAnUnknownCandidateIsStillShown) {
  Fixture f;
  auto r = f.decided_run();
  r.candidate_uuid = "gone";
  r.decision.justification = "Trace de l’épreuve orpheline";
  f.snap.runs.push_back(r);
  const std::string html = f.render();
  const auto at = html.find("<h2>Épreuves sans candidat connu</h2>");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(html.find("Trace de l’épreuve orpheline", at), std::string::npos);
  EXPECT_LT(html.find(nb("<h2>Candidat n°~10 — ")), at);
}

TEST(ProcesVerbal, RehearsalIsUnmistakableAndOfficialIsNot) {
  const std::string official = Fixture(SessionKind::Official).render();
  const std::string rehearsal = Fixture(SessionKind::Rehearsal).render();
  EXPECT_EQ(official.find("<div class=\"watermark\""), std::string::npos);
  EXPECT_EQ(official.find("JURY BLANC"), std::string::npos);
  EXPECT_EQ(official.find("Jury blanc"), std::string::npos);
  EXPECT_NE(official.find("Examen officiel"), std::string::npos);

  const auto mark = rehearsal.find("<div class=\"watermark\" aria-hidden=\"true\"><span>JURY BLANC</span></div>");
  const auto banner =
      rehearsal.find("<div class=\"banner\">JURY BLANC — document d’entraînement, sans valeur de certification</div>");
  ASSERT_NE(mark, std::string::npos);
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, rehearsal.find("<h1>"));  // at the top
  EXPECT_NE(rehearsal.find("position: fixed"), std::string::npos);  // repeated on every printed page
  EXPECT_NE(rehearsal.find("<title>JURY BLANC — "), std::string::npos);
}

TEST(ProcesVerbal, EachJuryMemberHasASignatureBox) {
  Fixture f;
  f.snap.jury.push_back({3, "m3", "Chantal Ortiz", JuryRole::Member});
  const std::string html = f.render();
  const auto sigs = html.find("<section class=\"signatures\">");
  ASSERT_NE(sigs, std::string::npos);
  EXPECT_EQ(count(html.substr(sigs), "<div class=\"sig\">"), 3u);
  EXPECT_NE(html.find(nb("<div class=\"sig\"><strong>Agnès Martin</strong><br>Président du jury<br>Signature~:"), sigs),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"sig\"><strong>Chantal Ortiz</strong><br>Membre du jury", sigs), std::string::npos);
  EXPECT_NE(html.find("Fait à ___", sigs), std::string::npos);
  EXPECT_NE(html.find(".sig .space { height: 25mm; }"), std::string::npos);
  // One visa line per candidate who sat an exam, one box per member.
  EXPECT_EQ(count(html, "<div class=\"visa\">"), 1u);
  EXPECT_EQ(count(html, "<div>Visa de "), 3u);
}

TEST(ProcesVerbal, JuryAndFooter) {
  Fixture f;
  std::string html = f.render();
  EXPECT_NE(row_with(html, "<td>Agnès Martin</td>").find("Président du jury"), std::string::npos);
  EXPECT_NE(row_with(html, "<td>Bruno Durand</td>").find("Membre du jury"), std::string::npos);
  EXPECT_NE(html.find(nb("Procès-verbal généré le 18~mai~2026 à 17~h~42 par jurymn 0.1.0.")), std::string::npos);
  EXPECT_EQ(html.find("Empreinte du journal"), std::string::npos);
  html = f.render("9f86d081884c7d65");
  EXPECT_NE(html.find(nb("Empreinte du journal~: <code>9f86d081884c7d65</code>")), std::string::npos);
  EXPECT_EQ(html.find("Journal d’audit"), std::string::npos);
  // The chain's state at printing: intact, or where it breaks, in red.
  AuditChainReport intact;
  intact.entries = 269;
  html = render_proces_verbal({f.snap, f.plans, f.grids, local_ms(17, 42), "jurymn 0.1.0", "ab", intact});
  EXPECT_NE(html.find(nb("Journal d’audit~: chaîne intacte~: 269 entrées.")), std::string::npos);
  AuditChainReport broken = intact;
  broken.broken = AuditBreak{57, local_ms(10, 5), "record_mark", "contenu modifié après coup"};
  html = render_proces_verbal({f.snap, f.plans, f.grids, local_ms(17, 42), "jurymn 0.1.0", "ab", broken});
  EXPECT_NE(html.find(nb("<strong class=\"undecided\">Journal d’audit~: chaîne rompue à l’entrée n°~57 (18~mai~2026 à "
                         "10~h~05, record_mark)~: contenu modifié après coup.")),
            std::string::npos)
      << html.substr(html.find("<footer"));
}

}  // namespace
}  // namespace jurymn

namespace jurymn {
namespace {

TEST(ProcesVerbal, ListsTheInterruptionsOfARun) {
  Fixture f;
  f.snap.runs[0].interruptions.push_back({f.t0 + minutes(20), f.t0 + minutes(47), InterruptionCause::Restart});
  f.snap.runs[0].interruptions.push_back({f.t0 + minutes(60), f.t0 + minutes(61), InterruptionCause::Sleep});
  const std::string html = f.render();
  EXPECT_NE(html.find("Reprises après interruption"), std::string::npos);
  EXPECT_NE(html.find(nb("arrêt de jurymn de 14~h~25 à 14~h~52 (27~min)")), std::string::npos);
  EXPECT_NE(html.find(nb("mise en veille de 15~h~05 à 15~h~06 (1~min)")), std::string::npos);
  // None: no such section.
  EXPECT_EQ(Fixture().render().find("Reprises après interruption"), std::string::npos);
}

}  // namespace
}  // namespace jurymn
