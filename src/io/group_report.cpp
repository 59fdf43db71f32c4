// SPDX-License-Identifier: EUPL-1.2
#include "io/group_report.h"

#include "io/html.h"

#include <charconv>
#include <cmath>
#include <ctime>
#include <string_view>

#include "core/group_view.h"
#include "core/local_time.h"
#include "core/text.h"
#include "core/validation.h"

namespace jurymn {

namespace {

using html::kNbsp;

std::string esc(std::string_view text) { return html::text(text); }

// « 58 % » with the no-break space French puts before %.
std::string percent_text(int p) { return std::to_string(p) + std::string(kNbsp) + "%"; }

// « 3 dépassements »
std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + std::string(kNbsp) + (n > 1 ? many : one);
}

// An SVG length: at most two decimals, no trailing zeros, whatever the locale.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100, std::chars_format::fixed, 2);
  std::string s(buf, r.ptr);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

// ---- Dates (local time, as on the screens) ----


// ---- Competency labels: at most two lines, cut on a word with « … » ----

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// `s` cut to at most `max` code points (the last one being « … »).
std::string cut(std::string_view s, std::size_t max) {
  if (code_points(s) <= max) return std::string(s);
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && ++n > max - 1) break;
    out += s[i];
  }
  // Back to the last word boundary when there is one not too far back.
  const std::size_t space = out.rfind(' ');
  if (space != std::string::npos && space > out.size() / 2) out.resize(space);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out + "…";
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && code_points(line) + 1 + code_points(word) > width) {
      if (lines.size() + 1 == max_lines) {  // the last line takes the rest, cut
        line += ' ';
        line += text.substr(pos - word.size() - 1);
        break;
      }
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) lines.push_back(cut(line, width));
  return lines;
}

// ---- Bands ----

struct BandStyle {
  const char* cls;
  const char* fill;  // the bar
  const char* ink;   // the figures
};

BandStyle band_style(GroupBand b) {
  switch (b) {
    case GroupBand::Strong: return {"strong", "#2e8b46", "#1b6430"};
    case GroupBand::Fair: return {"fair", "#e08a00", "#9a5600"};
    case GroupBand::Weak: return {"weak", "#c62828", "#a01818"};
    case GroupBand::None: break;
  }
  return {"none", "#9e9e9e", "#6e6e6e"};
}

// ---- Style: compact, A4 ----

constexpr std::string_view kStyle = R"CSS(
table.info { border-collapse: collapse; width: 100%; margin: 0 0 2.5mm; font-size: 8.6pt; }
table.info th, table.info td { border: 0.6pt solid #888; padding: 0.5mm 1.5mm; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
table.info th { background: #eef0f3; font-weight: bold; white-space: nowrap; width: 1%; }
section { margin: 0 0 3mm; }
h2 { font-size: 10pt; margin: 0 0 1.2mm; border-bottom: 1.2pt solid #222; padding-bottom: 0.4mm; }
h2 .count { font-size: 8pt; font-weight: normal; color: #333; }
.legend { display: flex; flex-wrap: wrap; gap: 1mm 4mm; font-size: 7.8pt; color: #333; margin: 0 0 1mm; }
.legend .sq { display: inline-block; width: 2.6mm; height: 2.6mm; border-radius: 0.4mm; vertical-align: -0.3mm;
  margin-right: 1mm; }
.chart { break-inside: avoid; }
.chart svg { display: block; width: 100%; height: auto; }
ul.stages { margin: 0; padding: 0; list-style: none; columns: 2; column-gap: 6mm; }
ul.stages li { margin: 0 0 0.4mm; break-inside: avoid; padding-left: 1.1em; text-indent: -1.1em; }
.mark { display: inline-block; width: 1.1em; text-indent: 0; }
.mark.weak { color: #a01818; }
.mark.fair { color: #9a5600; }
.mark.none { color: #999; }
table.cands { border-collapse: collapse; width: 100%; font-size: 8.4pt; }
table.cands th, table.cands td { border: 0.6pt solid #999; padding: 0.6mm 1.5mm; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
table.cands thead th { background: #e9edf2; }
table.cands tbody tr:nth-child(even) td { background: #f6f7f9; }
table.cands tr { break-inside: avoid; }
table.cands .num { width: 9%; white-space: nowrap; }
table.cands .ccp { width: 19%; }
.last { text-transform: uppercase; }
.ok { color: #1b6430; font-weight: bold; }
.ko { color: #a01818; font-weight: bold; }
.todo { color: #1a4f8a; font-weight: bold; }
.muted { color: #6e6e6e; }
.small { font-size: 7.5pt; color: #555; }
.gaps { color: #a01818; }
.note { font-size: 7.8pt; color: #444; margin: 0.8mm 0 0; }
.warn { border: 1pt solid #8a5a00; background: #fff6e0; padding: 1mm 2mm; margin: 1mm 0; }
.foot { margin-top: 2mm; padding-top: 1mm; border-top: 0.6pt solid #999; font-size: 8pt; color: #333; }
)CSS";

// The chart's geometry, in SVG user units (the SVG spans the page's width).
constexpr double kChartW = 640;
constexpr double kTrackX = 320;
constexpr double kTrackW = 230;
constexpr double kRowH = 24;
constexpr double kTop = 14;   // room for the scale above the first row
constexpr double kBarH = 12;
constexpr std::size_t kLabelChars = 50;  // per line of a competency's title

class Writer {
public:
  Writer(const GroupReportInput& in, GroupFigures g) : in_(in), g_(std::move(g)) {}
  std::string render();

private:
  const GroupReportInput& in_;
  const GroupFigures g_;
  std::string out_;

  void put(std::string_view s) { out_ += s; }
  void header();
  void chart();
  void bar_row(const CompetencyFigures& c, double y);
  void stages();
  void candidates();
  std::string outcome_cell(const CandidateOutcomes& c, std::string_view ccp) const;
};

void Writer::header() {
  const auto& s = in_.snapshot.session;
  put("<div class=\"watermark\" aria-hidden=\"true\"><span>JURY BLANC</span></div>\n");
  put("<div class=\"band\">Jury blanc — document d’entraînement, sans valeur de certification</div>\n");
  put("<header>\n<h1>Vue du groupe — jury blanc</h1>\n");
  put("<p class=\"sub\">Titre professionnel " + guillemets(esc(in_.snapshot.title.name)) + " (" +
      esc(in_.snapshot.title.code) + ") — ce que le groupe doit encore travailler</p>\n");
  put("<table class=\"info\">\n");
  put("<tr><th>Session</th><td>" + esc(s.title) + "</td><th>Date</th><td>" + esc(french_date(s.date)) + "</td></tr>\n");
  put("<tr><th>Centre d’examen</th><td>" + esc(s.exam_centre) + "</td><th>Épreuves</th><td>" +
      french_label(g_.ccps) + " · " + plural(g_.runs, "épreuve comptée", "épreuves comptées") + "</td></tr>\n");
  put("</table>\n</header>\n");
}

void Writer::bar_row(const CompetencyFigures& c, double y) {
  const BandStyle st = band_style(c.band());
  const double mid = y + kRowH / 2;
  std::string tip = c.competency_id + (c.title.empty() ? "" : " — " + c.title) + " : ";
  if (c.decided == 0)
    tip += "le jury n’a encore décidé cette compétence pour aucun candidat.";
  else
    tip += "acquise pour " + std::to_string(c.acquired) + " candidat" + (c.acquired > 1 ? "s" : "") + " sur " +
           std::to_string(c.decided) + " décidé" + (c.decided > 1 ? "s" : "") + " (" + percent_text(c.percent()) + ").";
  put("<g class=\"row " + std::string(st.cls) + "\" data-competency=\"" + esc(c.competency_id) + "\">\n<title>" +
      esc(tip) + "</title>\n");

  // Label: the id in bold, the title on one or two lines beside it.
  const auto lines = wrap(c.title, kLabelChars, 2);
  const double first = lines.size() > 1 ? mid - 2.2 : mid + 3.3;
  put("<text x=\"0\" y=\"" + num(first) + "\" class=\"cp\">" + esc(c.competency_id) + "</text>");
  for (std::size_t i = 0; i < lines.size(); ++i)
    put("<text x=\"34\" y=\"" + num(first + 11 * static_cast<double>(i)) + "\">" + esc(lines[i]) + "</text>");
  put("\n");

  const double by = mid - kBarH / 2;
  put("<rect class=\"track\" x=\"" + num(kTrackX) + "\" y=\"" + num(by) + "\" width=\"" + num(kTrackW) +
      "\" height=\"" + num(kBarH) + "\" rx=\"2\" fill=\"#e4e6ea\"/>");
  put("<rect class=\"bar " + std::string(st.cls) + "\" x=\"" + num(kTrackX) + "\" y=\"" + num(by) + "\" width=\"" +
      num(kTrackW * c.share()) + "\" height=\"" + num(kBarH) + "\" rx=\"2\" fill=\"" + st.fill + "\"/>\n");

  const std::string figures = c.decided == 0 ? std::string("—")
                                             : std::to_string(c.acquired) + "/" + std::to_string(c.decided) + " · " +
                                                   percent_text(c.percent());
  put("<text class=\"fig\" x=\"" + num(kChartW) + "\" y=\"" + num(mid + 3.3) + "\" text-anchor=\"end\" fill=\"" +
      st.ink + "\">" + figures + "</text>\n</g>\n");
}

void Writer::chart() {
  put("<section class=\"chart\">\n<h2>Compétences acquises <span class=\"count\">— part des candidats décidés "
      "chez qui le jury l’a trouvée acquise</span></h2>\n");
  if (g_.competencies.empty()) {
    put("<p class=\"muted\">Cette session n’examine aucun CCP.</p>\n</section>\n");
    return;
  }
  put("<div class=\"legend\">");
  const std::pair<GroupBand, const char*> legend[] = {{GroupBand::Strong, "80\u00A0% et plus"},
                                                      {GroupBand::Fair, "50 à 79\u00A0%"},
                                                      {GroupBand::Weak, "moins de 50\u00A0%\u00A0: à retravailler"},
                                                      {GroupBand::None, "aucun candidat décidé"}};
  for (const auto& [band, text] : legend)
    put(std::string("<span><span class=\"sq\" style=\"background:") + band_style(band).fill + "\"></span>" + text +
        "</span>");
  put("</div>\n");

  const double height = kTop + kRowH * static_cast<double>(g_.competencies.size()) + 2;
  put("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kChartW) + " " + num(height) +
      "\" role=\"img\" aria-labelledby=\"chart-title\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" "
      "font-size=\"9.5\" fill=\"#111\">\n");
  put("<title id=\"chart-title\">Compétences acquises par le groupe, en part des candidats décidés</title>\n");
  put("<style>.cp { font-weight: bold; } .fig { font-weight: bold; } .scale { font-size: 7.5px; fill: #555; }"
      "</style>\n");
  // Alternate row shading, then the rows, then the 50 % and 80 % marks over the bars.
  for (std::size_t i = 1; i < g_.competencies.size(); i += 2)
    put("<rect x=\"0\" y=\"" + num(kTop + kRowH * static_cast<double>(i)) + "\" width=\"" + num(kChartW) +
        "\" height=\"" + num(kRowH) + "\" fill=\"#f4f5f7\"/>\n");
  for (std::size_t i = 0; i < g_.competencies.size(); ++i)
    bar_row(g_.competencies[i], kTop + kRowH * static_cast<double>(i));
  for (const auto& [t, text] : {std::pair{0.0, "0\u00A0%"}, std::pair{0.5, "50\u00A0%"}, std::pair{0.8, "80\u00A0%"},
                                std::pair{1.0, "100\u00A0%"}}) {
    const double x = kTrackX + kTrackW * t;
    put("<text class=\"scale\" x=\"" + num(x) + "\" y=\"9\" text-anchor=\"middle\">" + text + "</text>");
    if (t > 0 && t < 1)
      put("<line x1=\"" + num(x) + "\" y1=\"" + num(kTop - 2) + "\" x2=\"" + num(x) + "\" y2=\"" + num(height) +
          "\" stroke=\"#555\" stroke-width=\"0.6\" stroke-dasharray=\"2 2\"/>");
    put("\n");
  }
  put("</svg>\n</section>\n");
}

void Writer::stages() {
  put("<section class=\"overruns\">\n<h2>Étapes le plus souvent dépassées</h2>\n");
  const bool several = g_.ccps.ids.size() > 1;
  std::string items;
  for (const auto& s : g_.stages) {
    if (s.run == 0) continue;
    const char* cls = s.overrun == 0 ? "none" : s.share() >= 0.5 ? "weak" : "fair";
    const std::string what = (several ? esc(s.ccp) + " · " : std::string()) + esc(s.label);
    const std::string figures =
        s.overrun == 0 ? "aucun\u00A0dépassement\u00A0sur\u00A0" + std::to_string(s.run)
                       : plural(s.overrun, "dépassement", "dépassements") + "\u00A0sur\u00A0" + std::to_string(s.run);
    items += std::string("<li><span class=\"mark ") + cls + "\">" + (s.overrun == 0 ? "○" : "●") + "</span>" + what +
             std::string(kNbsp) + ": " + (s.overrun == 0 ? "<span class=\"muted\">" + figures + "</span>"
                                                        : "<strong>" + figures + "</strong>") +
             "</li>\n";
  }
  if (items.empty()) {
    put("<p class=\"muted\">Aucune étape avec le jury n’a encore été passée.</p>\n");
  } else {
    put("<ul class=\"stages\">\n" + items + "</ul>\n");
    put("<p class=\"note\">Temps accordé par le jury compris. Quand un candidat a passé plusieurs fois un CCP, seule "
        "sa dernière épreuve compte.</p>\n");
  }
  if (g_.runs_without_plan > 0)
    put("<p class=\"warn\">" + plural(g_.runs_without_plan, "épreuve", "épreuves") + " sans son déroulé chargé" +
        std::string(kNbsp) + ": non comptée" + (g_.runs_without_plan > 1 ? "s" : "") + " ici.</p>\n");
  put("</section>\n");
}

std::string Writer::outcome_cell(const CandidateOutcomes& c, std::string_view ccp) const {
  const CandidateCcpOutcome& o = c.on(ccp);
  if (o.by_equivalence) return "<span class=\"muted\">Par équivalence</span>";
  if (!o.registered) return "<span class=\"muted\">—</span>";
  if (!o.has_run) {
    if (c.attendance == Attendance::Absent || c.attendance == Attendance::Withdrawn)
      return "<span class=\"muted\">" + std::string(french_label(c.attendance)) + "</span>";
    return "<span class=\"muted\">Pas encore passé</span>";
  }
  std::string out;
  switch (o.outcome) {
    case CcpOutcome::Obtained: out = "<span class=\"ok\">✓ Obtenu</span>"; break;
    case CcpOutcome::NotObtained: out = "<span class=\"ko\">✗ Non obtenu</span>"; break;
    case CcpOutcome::Undecided:
      return o.finished ? "<span class=\"todo\">À délibérer</span>" : "<span class=\"todo\">En cours</span>";
  }
  if (!o.locked) out += " <span class=\"small\">(non verrouillé)</span>";
  return out;
}

void Writer::candidates() {
  put("<section class=\"candidates\">\n<h2>Candidats (" + std::to_string(g_.candidates.size()) + ")");
  std::string summary;
  for (const CcpId& ccp : g_.ccps.ids) {
    int obtained = 0, not_obtained = 0, pending = 0;
    for (const auto& c : g_.candidates) {
      const auto& o = c.on(ccp);
      if (!o.has_run) continue;
      (o.outcome == CcpOutcome::Obtained ? obtained : o.outcome == CcpOutcome::NotObtained ? not_obtained : pending)++;
    }
    summary += (summary.empty() ? " — " : " · ") + esc(ccp) + std::string(kNbsp) + ": " +
               std::to_string(obtained) + " obtenu" + (obtained > 1 ? "s" : "") + ", " +
               std::to_string(not_obtained) + " non obtenu" + (not_obtained > 1 ? "s" : "") + ", " +
               std::to_string(pending) + " à décider";
  }
  put(" <span class=\"count\">" + summary + "</span></h2>\n");
  if (g_.candidates.empty()) {
    put("<p class=\"muted\">Aucun candidat dans cette session.</p>\n</section>\n");
    return;
  }
  put("<table class=\"cands\">\n<thead><tr><th class=\"num\">N°</th><th>Candidat</th>");
  for (const CcpId& ccp : g_.ccps.ids) put("<th class=\"ccp\">" + esc(ccp) + "</th>");
  put("<th>Compétences non acquises</th></tr></thead>\n<tbody>\n");
  for (const auto& c : g_.candidates) {
    put("<tr><td class=\"num\">" + esc(c.number) + "</td><td><span class=\"last\">" + esc(c.last_name) + "</span> " +
        esc(c.first_name) + "</td>");
    for (const CcpId& ccp : g_.ccps.ids) put("<td>" + outcome_cell(c, ccp) + "</td>");
    std::string list;
    for (const auto& id : c.not_acquired) list += (list.empty() ? "" : ", ") + esc(id);
    put(list.empty() ? std::string("<td><span class=\"muted\">—</span></td>")
                     : "<td class=\"gaps\">" + list + "</td>");
    put("</tr>\n");
  }
  put("</tbody>\n</table>\n</section>\n");
}

std::string Writer::render() {
  put("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
  put("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  put("<title>JURY BLANC — Vue du groupe — " + esc(in_.snapshot.session.title) + "</title>\n<style>");
  put(html::kA4Style);
  put(kStyle);
  put("</style>\n</head>\n<body>\n");
  header();
  chart();
  stages();
  candidates();
  put("<footer class=\"foot\">Page générée le " + french_date_time(in_.generated_at) +
      ". Document de travail du formateur, à partir des décisions du jury blanc.</footer>\n");
  put("</body>\n</html>\n");
  return std::move(out_);
}

}  // namespace

std::string group_report_refusal(const SessionSnapshot& snapshot) {
  if (snapshot.session.kind != SessionKind::Rehearsal)
    return "La vue du groupe est réservée aux jurys blancs. Cette session est un examen officiel\u00A0: ses "
           "résultats se lisent candidat par candidat, dans la délibération et le procès-verbal, et ne servent pas "
           "à comparer un groupe.";
  return "";
}

std::string render_group_report(const GroupReportInput& in) {
  if (!group_report_refusal(in.snapshot).empty()) return "";
  return Writer(in, group_figures(in.snapshot, in.plans, in.grids, in.generated_at)).render();
}

}  // namespace jurymn
