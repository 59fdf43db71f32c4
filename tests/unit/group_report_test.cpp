// SPDX-License-Identifier: EUPL-1.2
// The trainer's group page of a mock jury as printable HTML: an inline SVG
// bar per competency, the stages most often overrun, each candidate's outcome.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/group_report.h"
#include "group_session.h"

namespace jurymn {
namespace {

using test::kBase;
using test::kMin;

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

// The SVG group of one competency's bar.
std::string row_of(const std::string& html, const std::string& cp) {
  const std::size_t start = html.find("data-competency=\"" + cp + "\"");
  if (start == std::string::npos) return "";
  const std::size_t end = html.find("</g>", start);
  return html.substr(start, end - start);
}

// The value of `attr` in the first element starting with `tag` in `text`.
std::string attribute(const std::string& text, const std::string& tag, const std::string& attr) {
  const std::size_t at = text.find(tag);
  if (at == std::string::npos) return "";
  const std::size_t close = text.find('>', at);
  const std::size_t a = text.find(" " + attr + "=\"", at);
  if (a == std::string::npos || a > close) return "";
  const std::size_t v = a + attr.size() + 3;
  return text.substr(v, text.find('"', v) - v);
}

double number(const std::string& s) { return s.empty() ? -1.0 : std::stod(s); }

struct GroupReport : test::GroupSession {
  // As in group_view_test.cpp, entered out of order:
  //  « 10 » Absent, no run;
  //  « 2 »  every competency acquired, CCP obtained and locked;
  //  « 9 »  CP-3 not acquired, CCP not obtained; CP-5 `cp5` (acquired by default);
  //  « 1 »  run under way: CP-1 acquired, CP-3 and CP-4 not acquired.
  // Figures: CP-1 3/3, CP-2 2/2, CP-3 1/3, CP-4 2/3, CP-5 2/2 (1/2 if « 9 » lacks it).
  // Overruns: mise en situation 3 of 3, questionnement 2 of 3, entretien 0 of 2.
  TimeMs build_group(CompetencyStatus cp5 = CompetencyStatus::Acquired) {
    snap.runs.reserve(8);
    candidate("c-abs", "10", "Absente", Attendance::Absent);
    candidate("c-all", "2", "Tous");
    candidate("c-cp3", "9", "Neuf");
    candidate("c-und", "1", "Encours");

    RunRecord& all = run("c-all", kBase);
    stages(all, {36, 46, 77});
    all.events.push_back(TimerEvent::end(all.started_at + 90 * kMin));
    all.finished_at = all.started_at + 90 * kMin;
    for (const char* cp : {"CP-1", "CP-2", "CP-3", "CP-4", "CP-5"}) decide(all, cp, CompetencyStatus::Acquired);
    all.decision.proposed = all.decision.decided = CcpOutcome::Obtained;
    all.decision.decided_at = all.started_at + 100 * kMin;
    all.decision.locked_at = all.started_at + 101 * kMin;

    RunRecord& cp3 = run("c-cp3", kBase + 2 * 60 * kMin);
    stages(cp3, {35, 50, 82});
    cp3.events.push_back(TimerEvent::extend(cp3.started_at + 90 * kMin, 5 * kMin, "Coupure réseau"));
    cp3.events.push_back(TimerEvent::end(cp3.started_at + 100 * kMin));
    cp3.finished_at = cp3.started_at + 100 * kMin;
    for (const char* cp : {"CP-1", "CP-2", "CP-4"}) decide(cp3, cp, CompetencyStatus::Acquired);
    decide(cp3, "CP-3", CompetencyStatus::NotAcquired);
    decide(cp3, "CP-5", cp5);
    cp3.decision.proposed = cp3.decision.decided = CcpOutcome::NotObtained;
    cp3.decision.decided_at = cp3.started_at + 100 * kMin;

    RunRecord& und = run("c-und", kBase + 4 * 60 * kMin);
    stages(und, {40, 50});
    decide(und, "CP-1", CompetencyStatus::Acquired);
    decide(und, "CP-3", CompetencyStatus::NotAcquired);
    decide(und, "CP-4", CompetencyStatus::NotAcquired);
    return und.started_at + 85 * kMin;
  }

  std::string render(TimeMs now) { return render_group_report({snap, plans, grids, now}); }
};

TEST_F(GroupReport, IsASelfContainedFrenchPageMarkedJuryBlanc) {
  const std::string html = render(build_group());
  ASSERT_FALSE(html.empty());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4; margin: 0; }"), std::string::npos) << "no browser header and footer";
  EXPECT_NE(html.find("<div class=\"band\">Jury blanc — document d’entraînement, sans valeur de certification</div>"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"watermark\" aria-hidden=\"true\"><span>JURY BLANC</span></div>"),
            std::string::npos);
  EXPECT_NE(html.find("transform: rotate(-55deg)"), std::string::npos);
  EXPECT_NE(html.find("<h1>Vue du groupe — jury blanc</h1>"), std::string::npos);
  EXPECT_NE(html.find("Jury blanc — promotion de mars"), std::string::npos);
  EXPECT_NE(html.find("18\u00A0mai\u00A02026"), std::string::npos);
  EXPECT_NE(html.find("GRETA de Lyon"), std::string::npos);
  for (const char* external : {"<script", "<img", "<link", "src=", "href=", "url(", "@import"})
    EXPECT_EQ(html.find(external), std::string::npos) << external;
}

TEST_F(GroupReport, DrawsOneBarPerCompetencyOfTheExaminedCcps) {
  const std::string html = render(build_group());
  EXPECT_EQ(count(html, "<svg"), 1);
  EXPECT_EQ(count(html, "<rect class=\"bar "), 5) << "CCP1 only";
  EXPECT_EQ(count(html, "<rect class=\"track\""), 5);
  EXPECT_EQ(count(html, "<title"), 1 + 1 + 5) << "the page's, the chart's and one per bar";
  EXPECT_EQ(row_of(html, "CP-6"), "") << "CCP2 is not examined";

  struct Expected {
    const char* cp;
    double share;
    const char* figures;
    const char* cls;
    const char* fill;
  };
  for (const Expected& e : {Expected{"CP-1", 1.0, "3/3 · 100\u00A0%", "strong", "#2e8b46"},
                            Expected{"CP-2", 1.0, "2/2 · 100\u00A0%", "strong", "#2e8b46"},
                            Expected{"CP-3", 1.0 / 3, "1/3 · 33\u00A0%", "weak", "#c62828"},
                            Expected{"CP-4", 2.0 / 3, "2/3 · 67\u00A0%", "fair", "#e08a00"},
                            Expected{"CP-5", 1.0, "2/2 · 100\u00A0%", "strong", "#2e8b46"}}) {
    SCOPED_TRACE(e.cp);
    const std::string row = row_of(html, e.cp);
    ASSERT_FALSE(row.empty());
    const double track = number(attribute(row, "<rect class=\"track\"", "width"));
    const double bar = number(attribute(row, "<rect class=\"bar ", "width"));
    ASSERT_GT(track, 0);
    EXPECT_NEAR(bar / track, e.share, 0.001);
    EXPECT_EQ(attribute(row, "<rect class=\"bar ", "x"), attribute(row, "<rect class=\"track\"", "x"));
    EXPECT_EQ(attribute(row, "<rect class=\"bar ", "class"), std::string("bar ") + e.cls);
    EXPECT_EQ(attribute(row, "<rect class=\"bar ", "fill"), e.fill);
    EXPECT_NE(row.find(std::string(">") + e.figures + "</text>"), std::string::npos);
    EXPECT_NE(row.find("<title>" + std::string(e.cp) + " — "), std::string::npos) << "an accessible name";
    EXPECT_NE(row.find(">" + std::string(e.cp) + "</text>"), std::string::npos) << "the label";
  }
  // The full title of CP-3 in its <title>; the visible label is cut to fit.
  EXPECT_NE(row_of(html, "CP-3").find(grid->competency("CP-3")->title.substr(0, 30)), std::string::npos);
  EXPECT_NE(row_of(html, "CP-3").find("acquise pour 1 candidat sur 3 décidés (33\u00A0%)"), std::string::npos);
}

TEST_F(GroupReport, BarOfHalfTheCandidatesIsHalfTheTrack) {
  const std::string html = render(build_group(CompetencyStatus::NotAcquired));
  const std::string row = row_of(html, "CP-5");
  ASSERT_FALSE(row.empty());
  const double track = number(attribute(row, "<rect class=\"track\"", "width"));
  EXPECT_DOUBLE_EQ(number(attribute(row, "<rect class=\"bar ", "width")) * 2, track);
  EXPECT_NE(row.find(">1/2 · 50\u00A0%</text>"), std::string::npos);
  EXPECT_EQ(attribute(row, "<rect class=\"bar ", "fill"), "#e08a00") << "50 % is fair, not weak";
}

TEST_F(GroupReport, CompetencyNobodyWasDecidedOnIsGreyWithADash) {
  build_group();
  snap.session.ccps = {"CCP1", "CCP2"};
  const std::string html = render(kBase + 24 * 60 * kMin);
  EXPECT_EQ(count(html, "<rect class=\"bar "), 10);
  for (const char* cp : {"CP-6", "CP-10"}) {
    SCOPED_TRACE(cp);
    const std::string row = row_of(html, cp);
    ASSERT_FALSE(row.empty());
    EXPECT_EQ(number(attribute(row, "<rect class=\"bar ", "width")), 0.0);
    EXPECT_EQ(attribute(row, "<rect class=\"bar ", "fill"), "#9e9e9e");
    EXPECT_NE(row.find(">—</text>"), std::string::npos);
    EXPECT_NE(row.find("aucun candidat"), std::string::npos);
  }
  EXPECT_NE(html.find("<th class=\"ccp\">CCP2</th>"), std::string::npos);
}

TEST_F(GroupReport, ListsTheStagesMostOftenOverrunFirst) {
  const std::string html = render(build_group());
  const std::size_t section = html.find("<h2>Étapes le plus souvent dépassées</h2>");
  ASSERT_NE(section, std::string::npos);
  const std::size_t mise = html.find("Mise en situation\u00A0: <strong>3\u00A0dépassements\u00A0sur\u00A03</strong>");
  const std::size_t quest = html.find("\u00A0: <strong>2\u00A0dépassements\u00A0sur\u00A03</strong>");
  const std::size_t entretien = html.find("aucun\u00A0dépassement\u00A0sur\u00A02");
  ASSERT_NE(mise, std::string::npos);
  ASSERT_NE(quest, std::string::npos);
  ASSERT_NE(entretien, std::string::npos);
  EXPECT_LT(section, mise);
  EXPECT_LT(mise, quest);
  EXPECT_LT(quest, entretien);
  EXPECT_EQ(count(html.substr(section, html.find("</ul>", section) - section), "<li>"), 4)
      << "the préparation, run without the jury, counts too";
  const std::size_t prep = html.find("\u00A0: <strong>1\u00A0dépassement\u00A0sur\u00A03</strong>");
  ASSERT_NE(prep, std::string::npos);
  EXPECT_LT(quest, prep);
  EXPECT_LT(prep, entretien);
  EXPECT_NE(html.find("Temps accordé par le jury compris."), std::string::npos);
}

TEST_F(GroupReport, ListsCandidatesInNumberOrderWithOutcomes) {
  const std::string html = render(build_group());
  EXPECT_NE(html.find("Candidats (4)"), std::string::npos);
  EXPECT_NE(html.find("CCP1\u00A0: 1 obtenu, 1 non obtenu, 1 à décider"), std::string::npos);
  std::vector<std::size_t> at;
  for (const char* n : {"1", "2", "9", "10"}) {
    at.push_back(html.find(std::string("<tr><td class=\"num\">") + n + "</td>"));
    ASSERT_NE(at.back(), std::string::npos) << n;
  }
  for (std::size_t i = 1; i < at.size(); ++i) EXPECT_LT(at[i - 1], at[i]);

  auto row = [&](std::size_t i) { return html.substr(at[i], html.find("</tr>", at[i]) - at[i]); };
  EXPECT_NE(row(0).find("<span class=\"last\">Encours</span> Prénom"), std::string::npos);
  EXPECT_NE(row(0).find("En cours"), std::string::npos);
  EXPECT_NE(row(0).find("<td class=\"gaps\">CP-3, CP-4</td>"), std::string::npos);
  EXPECT_NE(row(1).find("✓ Obtenu"), std::string::npos);
  EXPECT_EQ(row(1).find("non verrouillé"), std::string::npos);
  EXPECT_NE(row(1).find("<span class=\"muted\">—</span>"), std::string::npos) << "nothing not acquired";
  EXPECT_NE(row(2).find("✗ Non obtenu</span> <span class=\"small\">(non verrouillé)</span>"), std::string::npos);
  EXPECT_NE(row(2).find("<td class=\"gaps\">CP-3</td>"), std::string::npos);
  EXPECT_NE(row(3).find("Absent"), std::string::npos);
  EXPECT_EQ(html.find("<th class=\"ccp\">CCP2</th>"), std::string::npos) << "CCP2 is not examined";
}

TEST_F(GroupReport, EscapesWhatTheUserTyped) {
  build_group();
  snap.candidates[1].data.last_name = "<b>Dupont & fils</b>";
  snap.session.title = "Promo <mars> & \"avril\"";
  const std::string html = render(kBase + 24 * 60 * kMin);
  EXPECT_NE(html.find("&lt;b&gt;Dupont &amp; fils&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>Dupont"), std::string::npos);
  EXPECT_NE(html.find("Promo &lt;mars&gt; &amp; &quot;avril&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<mars>"), std::string::npos);
}

TEST_F(GroupReport, RefusesAnOfficialSession) {
  build_group();
  EXPECT_EQ(group_report_refusal(snap), "");
  snap.session.kind = SessionKind::Official;
  const std::string refusal = group_report_refusal(snap);
  EXPECT_NE(refusal.find("examen officiel"), std::string::npos);
  EXPECT_NE(refusal.find("jurys blancs"), std::string::npos);
  EXPECT_EQ(render(kBase + 24 * 60 * kMin), "");
}

}  // namespace
}  // namespace jurymn
