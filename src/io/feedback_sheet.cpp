// SPDX-License-Identifier: EUPL-1.2
#include "io/feedback_sheet.h"

#include "io/html.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <ctime>
#include <string_view>

#include "core/feedback.h"
#include "core/local_time.h"
#include "core/text.h"
#include "core/validation.h"

namespace jurymn {

namespace {

using html::kNbsp;

std::string esc(std::string_view text) { return html::text(text); }

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// "Label : " with the no-break space French typography wants.
std::string colon(std::string_view label) { return std::string(label) + std::string(kNbsp) + ": "; }

// One paragraph per non-blank line of a feedback text, escaped; a line that
// starts with a dash gets a hanging indent, so that its wrapped lines align.
std::string lines_html(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (blank(line)) continue;
    const bool item = line.starts_with("–") || line.starts_with("-") || line.starts_with("•");
    out += std::string(item ? "<p class=\"li\">" : "<p>") + esc(line) + "</p>";
  }
  return out.empty() ? std::string("<p class=\"none\">—</p>") : out;
}

// ---- Dates (local time, as on the screens) ----


// ---- Lookups ----

bool deliberated(const RunRecord& r) { return r.decision.decided != CcpOutcome::Undecided; }

// The candidate's deliberated runs, in the title's CCP order, each CCP in the order run.
std::vector<const RunRecord*> deliberated_runs(const SessionSnapshot& snap, const CandidateRecord& c) {
  std::vector<const RunRecord*> out;
  for (const auto& r : snap.runs)
    if (r.candidate_uuid == c.uuid && deliberated(r)) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [&snap](const RunRecord* a, const RunRecord* b) {
    if (a->ccp != b->ccp) return snap.title.rank(a->ccp) < snap.title.rank(b->ccp);
    return a->started_at < b->started_at;
  });
  return out;
}

// ---- Style: compact, one A4 page for a typical candidate ----

constexpr std::string_view kWatermark =
    "<div class=\"watermark\" aria-hidden=\"true\"><span>JURY BLANC</span></div>\n";

constexpr std::string_view kStyle = R"CSS(
section.sheet + section.sheet { break-before: page; }
table.info { border-collapse: collapse; width: 100%; margin: 0 0 2mm; font-size: 8.6pt; }
table.info th, table.info td { border: 0.6pt solid #888; padding: 0.5mm 1.5mm; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
table.info th { background: #eef0f3; font-weight: bold; white-space: nowrap; width: 1%; }
.last { text-transform: uppercase; }
section.run { margin: 0 0 3mm; }
h2 { font-size: 10pt; margin: 0 0 1.2mm; border-bottom: 1.2pt solid #222; padding-bottom: 0.4mm; }
h2 .ccp { white-space: nowrap; }
.result { border: 1pt solid #444; padding: 0.8mm 2.5mm; margin: 0 0 1.5mm; font-size: 9.5pt; break-inside: avoid; }
.result.ok { border-color: #0a5a1f; background: #eaf6ee; }
.result.ko { border-color: #8a1010; background: #fdeaea; }
.result .small { font-size: 8pt; font-weight: normal; color: #333; }
.comp { border: 0.6pt solid #999; margin: 0 0 1.2mm; break-inside: avoid; }
.comp-head { display: flex; gap: 2mm; align-items: baseline; background: #e9edf2; padding: 0.4mm 2mm;
  border-bottom: 0.6pt solid #999; }
.comp-head .cp { font-weight: bold; white-space: nowrap; }
.comp-head .title { flex: 1; font-weight: bold; }
.status { white-space: nowrap; font-size: 8pt; font-weight: bold; }
.ok { color: #0a5a1f; }
.ko { color: #8a1010; }
.todo { color: #8a5a00; }
.cols { display: grid; grid-template-columns: 1fr 1fr; }
.cols > div { padding: 0.5mm 2mm 0.7mm; overflow-wrap: anywhere; }
.cols > div + div { border-left: 0.6pt solid #bbb; }
h4 { font-size: 7.5pt; margin: 0 0 0.2mm; text-transform: uppercase; letter-spacing: 0.03em; color: #345; }
.li { padding-left: 1em; text-indent: -1em; }
.none { color: #777; }
.after { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm; margin-top: 1.5mm; break-inside: avoid; }
.after.single { grid-template-columns: 1fr; }
.after > div { border: 0.6pt solid #999; padding: 0.7mm 2mm; overflow-wrap: anywhere; }
h3 { font-size: 9pt; margin: 0 0 0.4mm; }
ul.timing { margin: 0; padding-left: 4mm; }
ul.timing li { margin: 0 0 0.2mm; }
.note { border: 1pt solid #8a5a00; background: #fff6e0; padding: 1mm 2mm; margin: 1mm 0; }
.foot { margin-top: 2mm; padding-top: 1mm; border-top: 0.6pt solid #999; font-size: 8pt; color: #333; }
)CSS";

class Writer {
public:
  explicit Writer(const FeedbackSheetInput& in) : in_(in), snap_(in.snapshot) {}
  std::string render();
  std::string body();  // the sheet without the page around it

private:
  const FeedbackSheetInput& in_;
  const SessionSnapshot& snap_;
  std::string out_;
  // Lines of body text the sheet takes, estimated as it is written, so that
  // it is scaled to one A4 page (see fit_zoom).
  // A block of the sheet: fixed lines, and texts side by side (the longer
  // counts) wrapped at `chars` characters a line at full size.
  struct Block {
    double fixed = 0;
    std::vector<std::string> texts;
    double chars = 50;
  };
  std::vector<Block> blocks_;
  void count(double lines) { blocks_.push_back({lines, {}, 50}); }
  void count(double lines, std::vector<std::string> texts, double chars) {
    blocks_.push_back({lines, std::move(texts), chars});
  }
  // Lines the sheet takes at `zoom` (a smaller text wraps less), in lines
  // of the full size.
  double lines_at(double zoom) const;
  static double wrapped_lines(std::string_view text, double chars_per_line);

  void put(std::string_view s) { out_ += s; }
  void header();
  void run(const RunRecord& r);
  void competency(std::string_view id, std::string_view title, CompetencyStatus status, std::string_view strengths,
                  std::string_view improvements);
  void after(const RunRecord& r, const ExamPlan* plan);
};

void Writer::header() {
  const auto& s = snap_.session;
  const auto& c = in_.candidate;
  put("<div class=\"band\">Jury blanc — document d’entraînement, sans valeur de certification</div>\n");
  put("<header>\n<h1>Fiche de retour du jury blanc</h1>\n");
  put("<p class=\"sub\">Titre professionnel " + guillemets(esc(snap_.title.name)) + " (" + esc(snap_.title.code) +
      ")</p>\n");
  std::string jury;
  for (const auto& m : snap_.jury) {
    std::string role(french_label(m.role, m.feminine));
    if (!role.empty()) role[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(role[0])));
    jury += (jury.empty() ? "" : ", ") + esc(m.name) + " (" + role + ")";
  }
  if (jury.empty()) jury = "—";
  put("<table class=\"info\">\n");
  put("<tr><th>Candidat</th><td><span class=\"last\">" + esc(c.data.last_name) + "</span> " + esc(c.data.first_name) +
      " — n°" + std::string(kNbsp) + esc(c.data.number) + "</td><th>Date</th><td>" + esc(french_date(s.date)) +
      "</td></tr>\n");
  put("<tr><th>Session</th><td>" + esc(s.title) + "</td><th>Centre d’examen</th><td>" + esc(s.exam_centre) +
      "</td></tr>\n");
  put("<tr><th>Jury</th><td colspan=\"3\">" + jury + "</td></tr>\n");
  put("</table>\n</header>\n");
  count(11);  // band, title, subtitle, the three rows of the table (the jury's may take two)
}

double Writer::lines_at(double zoom) const {
  double lines = 0;
  for (const Block& b : blocks_) {
    double longest = 0;
    for (const auto& t : b.texts) longest = std::max(longest, wrapped_lines(t, b.chars / zoom));
    lines += b.fixed + longest;
  }
  return lines * zoom;
}

// Lines `text` takes in a box of `chars_per_line` characters (UTF-8 counted
// by code point), each of its own lines wrapped apart; « — » when empty.
double Writer::wrapped_lines(std::string_view text, double chars_per_line) {
  double lines = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (blank(line)) continue;
    std::size_t chars = 0;
    for (unsigned char ch : line) chars += (ch & 0xC0) != 0x80;
    lines += std::ceil(static_cast<double>(chars) / chars_per_line);
  }
  return std::max(lines, 1.0);
}

void Writer::competency(std::string_view id, std::string_view title, CompetencyStatus status,
                        std::string_view strengths, std::string_view improvements) {
  const char* cls = status == CompetencyStatus::Acquired      ? "ok"
                    : status == CompetencyStatus::NotAcquired ? "ko"
                                                              : "todo";
  const std::string label =
      status == CompetencyStatus::Undecided ? std::string("Non décidée") : std::string(french_label(status));
  put("<div class=\"comp\">\n<div class=\"comp-head\"><span class=\"cp\">" + esc(id) + "</span><span class=\"title\">" +
      esc(title) + "</span><span class=\"status " + cls + "\">" + label + "</span></div>\n");
  // Head, the two small headings, then the longer of the two columns
  // (about 54 characters a line at 8.6 pt in half the page).
  count(1.6 + 0.9 + 0.4 + std::ceil(static_cast<double>(title.size()) / 110),
        {std::string(strengths), std::string(improvements)}, 54);
  put("<div class=\"cols\"><div><h4>Points forts</h4>" + lines_html(strengths) +
      "</div><div><h4>Axes de progrès</h4>" + lines_html(improvements) + "</div></div>\n</div>\n");
}

void Writer::run(const RunRecord& r) {
  const ExamPlan* plan = plan_of_run(in_.plans, r);
  const Grid* grid = grid_of_run(in_.grids, r);
  const auto& dec = r.decision;
  const TitleCcp* ccp = snap_.title.ccp(r.ccp);
  put("<section class=\"run\">\n<h2><span class=\"ccp\">" + esc(r.ccp) + " —</span> " + esc(ccp ? ccp->label : "") +
      "</h2>\n");
  put(std::string("<div class=\"result ") + (dec.decided == CcpOutcome::Obtained ? "ok" : "ko") + "\"><strong>" +
      colon("Résultat indicatif") + std::string(french_label(dec.decided)) +
      "</strong> <span class=\"small\">— décision du jury blanc, sans valeur officielle" +
      (dec.locked() ? "" : " (non encore confirmée par tout le jury)") + "</span></div>\n");
  count(5);  // its heading (two lines at most) and the result

  auto status_of = [&](std::string_view id) {
    for (const auto& cd : r.competency_decisions)
      if (cd.competency_id == id) return cd.status;
    return CompetencyStatus::Undecided;
  };
  auto edited = [&](std::string_view id) -> const FeedbackRecord* {
    for (const auto& f : r.feedback)
      if (f.competency_id == id) return &f;
    return nullptr;
  };

  if (grid) {
    const auto drafts = draft_feedback(*grid, snap_.jury, r);
    for (std::size_t i = 0; i < grid->competencies.size(); ++i) {
      const Competency& comp = grid->competencies[i];
      std::string strengths, improvements;
      if (const FeedbackRecord* f = edited(comp.id)) {
        strengths = f->strengths;
        improvements = f->improvements;
      } else if (i < drafts.size()) {
        strengths = drafts[i].strengths;
        improvements = drafts[i].improvements;
      }
      competency(comp.id, comp.title, status_of(comp.id), strengths, improvements);
    }
  } else {
    put("<p class=\"note\">Grille d’évaluation " + guillemets(esc(r.grid_id)) + " version " + esc(r.grid_version) +
        " introuvable sur ce poste" + std::string(kNbsp) +
        ": seuls les décisions et les retours rédigés par le jury sont repris.</p>\n");
    std::vector<std::string> ids;
    for (const auto& cd : r.competency_decisions) ids.push_back(cd.competency_id);
    for (const auto& f : r.feedback)
      if (std::find(ids.begin(), ids.end(), f.competency_id) == ids.end()) ids.push_back(f.competency_id);
    for (const auto& id : ids) {
      const FeedbackRecord* f = edited(id);
      competency(id, "", status_of(id), f ? f->strengths : "", f ? f->improvements : "");
    }
  }
  after(r, plan);
  put("</section>\n");
}

void Writer::after(const RunRecord& r, const ExamPlan* plan) {
  const bool advice = !blank(r.advice);
  put(std::string("<div class=\"after") + (advice ? "" : " single") + "\">\n<div><h3>Votre gestion du temps</h3>");
  if (plan) {
    const auto sentences = timing_sentences(*plan, r.events, in_.generated_at);
    put("<ul class=\"timing\">");
    for (const auto& s : sentences) put("<li>" + esc(s) + "</li>");
    put("</ul>");
    if (sentences.empty()) put("<p class=\"none\">—</p>");
  } else {
    put("<p class=\"none\">Plan d’épreuve " + guillemets(esc(r.plan_id)) + " version " + esc(r.plan_version) +
        " introuvable sur ce poste" + std::string(kNbsp) + ": minutage indisponible.</p>");
  }
  put("</div>\n");
  if (advice) put("<div><h3>Conseils du jury</h3>" + lines_html(r.advice) + "</div>\n");
  put("</div>\n");
  std::string timing = "…";
  if (plan)
    for (const auto& t : timing_sentences(*plan, r.events, in_.generated_at)) timing += "\n" + t;
  count(2.5, {timing, advice ? r.advice : std::string()}, 52);
}

std::string Writer::render() {
  const auto& c = in_.candidate;
  put("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
  put("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  put("<title>JURY BLANC — Fiche de retour — " + esc(c.data.last_name) + " " + esc(c.data.first_name) +
      "</title>\n<style>");
  put(html::kA4Style);
  put(kStyle);
  put("</style>\n</head>\n<body>\n");
  put(kWatermark);
  put(body());
  put("</body>\n</html>\n");
  return std::move(out_);
}

std::string Writer::body() {
  std::string page_around = std::move(out_);
  out_.clear();
  blocks_.clear();
  header();
  for (const RunRecord* r : deliberated_runs(snap_, in_.candidate)) run(*r);
  put("<footer class=\"foot\">Fiche générée le " + french_date_time(in_.generated_at) +
      ". Document qui vous est remis à l’issue du jury blanc.</footer>\n");
  count(3);
  // One A4 page per candidate: a sheet longer than the page is scaled down
  // to it (Chromium printed its footer alone on a second page), down to
  // 60 % — the smallest text still read without a magnifier.
  constexpr double kPageLines = 72;  // 273 mm of 8.6 pt lines (75), less a margin for rounding
  double zoom = 1.0;
  while (zoom > 0.6 && lines_at(zoom) > kPageLines) zoom -= 0.02;
  std::string sheet = std::move(out_);
  if (zoom < 1.0) sheet = "<div class=\"fit\" style=\"zoom: " + std::to_string(zoom) + "\">\n" + sheet + "</div>\n";
  out_ = std::move(page_around);
  return sheet;
}

}  // namespace

std::string feedback_sheet_refusal(const SessionSnapshot& snapshot, const CandidateRecord& candidate) {
  if (snapshot.session.kind != SessionKind::Rehearsal)
    return "En examen officiel, le procès-verbal fait foi\u00A0: pas de fiche de retour.";
  const bool any = std::any_of(snapshot.runs.begin(), snapshot.runs.end(),
                               [&](const RunRecord& r) { return r.candidate_uuid == candidate.uuid; });
  if (!any) return "Ce candidat n’a passé aucune épreuve\u00A0: pas de fiche de retour.";
  if (deliberated_runs(snapshot, candidate).empty())
    return "Le jury n’a encore décidé d’aucun CCP pour ce candidat\u00A0: la fiche de retour suit la délibération.";
  return "";
}

std::string render_feedback_sheet(const FeedbackSheetInput& in) {
  if (!feedback_sheet_refusal(in.snapshot, in.candidate).empty()) return "";
  return Writer(in).render();
}

std::string render_feedback_sheets(const SessionSnapshot& snapshot, const std::vector<ExamPlan>& plans,
                                   const std::vector<Grid>& grids, TimeMs generated_at) {
  std::string sheets;
  int count = 0;
  for (const auto& c : snapshot.candidates) {
    if (!feedback_sheet_refusal(snapshot, c).empty()) continue;
    sheets += "<section class=\"sheet\">\n" + Writer({snapshot, c, plans, grids, generated_at}).body() + "</section>\n";
    ++count;
  }
  if (count == 0) return "";
  std::string out = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>JURY BLANC — Fiches de retour — " + esc(snapshot.session.title) + "</title>\n<style>";
  out += html::kA4Style;
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  out += kWatermark;
  out += sheets;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace jurymn
