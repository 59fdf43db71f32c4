// SPDX-License-Identifier: EUPL-1.2
#include "io/proces_verbal.h"

#include "core/spoken_codes.h"

#include "io/html.h"

#include <algorithm>
#include <map>
#include <cctype>
#include <ctime>
#include <optional>
#include <string_view>

#include "core/audit_payloads.h"
#include "core/deliberation.h"
#include "core/duration.h"
#include "core/local_time.h"
#include "core/text.h"
#include "core/validation.h"

namespace jurymn {

namespace {

// ---- Text ----

using html::kNbsp;

std::string esc(std::string_view text) { return html::text(text); }

// Escaped, line breaks kept (CR LF and lone CR count as one break).
std::string esc_lines(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "<br>\n";
    } else if (c == '\n') {
      out += "<br>\n";
    } else {
      out += esc(std::string_view(&text[i], 1));
    }
  }
  return out;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// ---- Dates and times (local time, as on the screens) ----



// Dates and times: french_date, french_clock, french_date_time (core/local_time.h).

// Durations: duration_text (core/duration.h), one rounding rule everywhere.

// ---- Labels ----

const char* kind_label(SessionKind k) { return french_label(k).data(); }
const char* attendance_label(Attendance a) { return french_label(a).data(); }
const char* role_label(const JuryMemberRecord& m) { return french_label(m.role, m.feminine).data(); }

std::string ccp_set_label(const CcpSet& s) { return french_label(s); }

std::string competency_decision_label(CompetencyStatus s) {
  if (s == CompetencyStatus::Undecided) return "Compétence à décider";
  return std::string(french_label(s));
}

// A member's marks give no status while some criterion is unrated.
std::string member_proposal_label(CompetencyStatus s) {
  return std::string(s == CompetencyStatus::Undecided ? "notation incomplète" : words_of(kCompetencyStatusWords, s).word);
}

std::string event_label(TimerEventKind k) { return std::string(words_of(kTimerEventKindWords, k).label); }

const char* outcome_class(CcpOutcome o) {
  switch (o) {
    case CcpOutcome::Obtained: return "ok";
    case CcpOutcome::NotObtained: return "ko";
    case CcpOutcome::Undecided: return "todo";
  }
  return "todo";
}

// ---- Lookups ----



std::string member_name(const SessionSnapshot& snap, std::string_view uuid) {
  for (const auto& m : snap.jury)
    if (m.uuid == uuid) return m.name;
  return "membre inconnu (" + std::string(uuid) + ")";
}

std::string candidate_name_html(const CandidateRecord& c) {
  return "<span class=\"last\">" + esc(c.data.last_name) + "</span> " + esc(c.data.first_name);
}

// ---- Style ----

// The page's own margin boxes (its number, an empty top-left) leave the
// browser no room for its header and footer (date, title, file path).
constexpr std::string_view kStyle = R"CSS(
@page { size: A4; margin: 15mm 15mm 17mm 15mm;
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt sans-serif; color: #555; }
  @top-left { content: ""; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 10.5pt; line-height: 1.35;
  color: #111; background: #fff; margin: 0 auto; padding: 8mm; max-width: 210mm; }
@media print { body { padding: 0; max-width: none; } }
h1, h2, h3, h4, th, .banner, .watermark, .foot, .sig, .note, .tag { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 13.5pt; margin: 0 0 2mm; border-bottom: 1.5pt solid #222; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; background: #e9edf2; padding: 1mm 2mm; border-left: 3pt solid #345; }
h4 { font-size: 10pt; margin: 3.5mm 0 1mm; break-after: avoid; }
p { margin: 1mm 0; }
.subtitle { font-size: 12pt; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 9.5pt; }
th, td { border: 0.6pt solid #444; padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #eef0f3; font-size: 8.5pt; font-weight: bold; hyphens: manual; }
td.text, table.text td, .text { overflow-wrap: anywhere; }
table.stages col.stage { width: 19%; }
table.stages col.short { width: 9%; }
table.stages col.dur { width: 13%; }
table.stages col.over { width: 11%; }
table.stages col.incidents { width: 30%; }
table.draws col.n { width: 6%; }
table.draws col.time { width: 9%; }
table.draws col.mode { width: 15%; }
table.draws col.sheets { width: 40%; }
table.competencies col.title { width: 44%; }
table.results td:nth-child(2) { overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.info { width: auto; min-width: 60%; }
table.info th { width: 38mm; }
table.decision th { width: 38mm; }
td.num, th.num { white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tfoot td { background: #f6f6f6; }
ul.items { margin: 0; padding-left: 4mm; }
ul.items li { margin: 0 0 0.5mm; }
ol.sheets { margin: 0; padding-left: 5mm; }
ol.sheets li.chosen { font-weight: bold; }
.small { font-size: 8.5pt; color: #333; }
.muted { color: #666; }
.last { text-transform: uppercase; }
table.episode { margin-bottom: 3mm; }
table.episode.current { border: 1.5pt solid #222; }
th.episode-head { background: #dfe5ec; font-size: 9.5pt; }
.tag.now { border-width: 1.2pt; font-weight: bold; }
.tag { display: inline-block; font-size: 7.5pt; border: 0.6pt solid #444; border-radius: 2pt; padding: 0 1mm;
  margin-left: 1mm; font-weight: normal; white-space: nowrap; }
.ok { color: #0a5a1f; font-weight: bold; }
.ko { color: #8a1010; font-weight: bold; }
.todo { color: #8a5a00; font-weight: bold; }
.note { border: 1pt solid #8a5a00; background: #fff6e0; padding: 1.5mm 2.5mm; margin: 2mm 0; break-inside: avoid; }
.note.alert { border: 1.5pt solid #8a1010; background: #fdeaea; font-weight: bold; font-size: 11pt; }
.banner { border: 2pt solid #8a1010; background: #fdeaea; color: #8a1010; font-weight: bold; font-size: 13pt;
  text-align: center; padding: 2.5mm; margin: 0 0 4mm; }
.watermark { position: fixed; top: 0; left: 0; right: 0; bottom: 0; z-index: 1000; pointer-events: none;
  overflow: hidden; }
@media print { .watermark { right: auto; bottom: auto; width: 180mm; height: 265mm; } }
.watermark span { position: absolute; top: 0; left: 0; right: 0; bottom: 0; display: flex; align-items: center;
  justify-content: center; transform: rotate(-55deg); font-size: 64pt; line-height: 1; font-weight: bold;
  color: #b00000; opacity: 0.12; white-space: nowrap; }
section { margin: 0 0 5mm; }
section.candidate.runs { break-before: page; }
section.candidate { border-top: 0.6pt solid #999; padding-top: 2mm; }
section.candidate.noruns { break-inside: avoid; }
.run { margin-bottom: 4mm; }
.keep { break-inside: avoid; }
.just { font-family: inherit; }
.visa { display: grid; grid-template-columns: repeat(auto-fit, minmax(55mm, 1fr)); gap: 4mm; margin: 3mm 1pt 0 0;
  break-inside: avoid; font-size: 9pt; }
.visa div { border: 0.6pt solid #444; height: 14mm; padding: 1mm 2mm; }
.sigs { display: grid; grid-template-columns: repeat(auto-fit, minmax(75mm, 1fr)); gap: 6mm; margin: 3mm 1pt 0 0; }
.sig { border: 0.8pt solid #222; padding: 2mm 3mm; break-inside: avoid; font-size: 9.5pt; }
.sig .space { height: 25mm; }
.signatures { break-inside: avoid; margin-top: 8mm; }
.pv-code { margin-top: 4mm; border: 1px solid #000; padding: 2mm 3mm; }
.pv-code strong { font-family: monospace; font-size: 14pt; letter-spacing: 0.08em; }
.place { margin: 4mm 0 2mm; font-size: 11pt; }
.foot { margin-top: 6mm; padding-top: 2mm; border-top: 0.6pt solid #999; font-size: 8.5pt; color: #333; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; overflow-wrap: anywhere; }
)CSS";

// ---- Sections ----

class Writer {
public:
  explicit Writer(const ProcesVerbalInput& in) : in_(in), snap_(in.snapshot) {
    // Thousands of candidates: find a candidate's runs without a scan.
    for (const auto& r : snap_.runs) runs_by_candidate_[r.candidate_uuid].push_back(&r);
  }
  std::string render();

private:
  const ProcesVerbalInput& in_;
  const SessionSnapshot& snap_;
  std::map<std::string, std::vector<const RunRecord*>> runs_by_candidate_;
  std::string out_;

  void put(std::string_view s) { out_ += s; }

  std::vector<CcpId> ccp_columns() const;
  std::vector<const RunRecord*> runs_of(const CandidateRecord& c) const;
  std::vector<const CandidateRecord*> candidates_in_order() const;
  std::string outcome_cell(const CandidateRecord& c, const CcpId& ccp) const;

  void header();
  void jury();
  void summary();
  void candidate(const CandidateRecord& c);
  void run(const RunRecord& r);
  void stages(const RunRecord& r, const ExamPlan& plan);
  void raw_events(const RunRecord& r);
  void draws(const RunRecord& r, const ExamPlan* plan);
  void competencies(const RunRecord& r, const Grid* grid, const Deliberation* d);
  void decision(const RunRecord& r, const Grid* grid, const Deliberation* d);
  void episode(const DecisionEpisode& ep, std::size_t n, std::size_t count, const Grid* grid);
  void visa();
  void orphan_runs();
  void signatures();
  void footer();
};

std::vector<CcpId> Writer::ccp_columns() const {
  CcpSet cols = snap_.session.ccps;
  for (const auto& r : snap_.runs) cols.add(r.ccp);
  if (cols.empty()) cols = snap_.title.all_ccps();
  return snap_.title.ordered(cols).ids;
}

std::vector<const RunRecord*> Writer::runs_of(const CandidateRecord& c) const {
  auto it = runs_by_candidate_.find(c.uuid);
  std::vector<const RunRecord*> out = it == runs_by_candidate_.end() ? std::vector<const RunRecord*>{} : it->second;
  // In the title's CCP order; for one CCP, in the order they were recorded.
  std::stable_sort(out.begin(), out.end(), [this](const RunRecord* a, const RunRecord* b) {
    return snap_.title.rank(a->ccp) < snap_.title.rank(b->ccp);
  });
  return out;
}

std::vector<const CandidateRecord*> Writer::candidates_in_order() const {
  std::vector<const CandidateRecord*> out;
  for (const auto& c : snap_.candidates) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const CandidateRecord* a, const CandidateRecord* b) {
    return candidate_number_less(a->data.number, b->data.number);
  });
  return out;
}

std::string Writer::outcome_cell(const CandidateRecord& c, const CcpId& ccp) const {
  if (c.data.by_equivalence.has(ccp)) return esc(ccp) + " par équivalence";
  const RunRecord* last = nullptr;
  for (const auto* r : runs_of(c))
    if (r->ccp == ccp) last = r;
  if (last) {
    const auto& dec = last->decision;
    std::string s = "<span class=\"" + std::string(outcome_class(dec.decided)) + "\">" +
                    std::string(french_label(dec.decided)) + "</span>";
    if (dec.decided != CcpOutcome::Undecided)
      s += dec.locked() ? "<br><span class=\"small\">verrouillé</span>"
                        : "<br><span class=\"small todo\">non verrouillé</span>";
    return s;
  }
  if (!c.data.ccps.has(ccp)) return "<span class=\"muted\">Non inscrit</span>";
  if (c.attendance == Attendance::Absent) return "Absent";
  if (c.attendance == Attendance::Withdrawn) return "Désisté";
  return "<span class=\"todo\">Épreuve non passée</span>";
}

void Writer::header() {
  const auto& s = snap_.session;
  if (s.kind == SessionKind::Rehearsal) {
    put("<div class=\"watermark\" aria-hidden=\"true\"><span>JURY BLANC</span></div>\n");
    put("<div class=\"banner\">JURY BLANC — document d’entraînement, sans valeur de certification</div>\n");
  }
  put("<header>\n<h1>Procès-verbal de session d’examen</h1>\n");
  put("<p class=\"subtitle\">Titre professionnel " + guillemets(snap_.title.display_name()) + "</p>\n");
  put("<table class=\"info text\">\n");
  put("<tr><th>Session</th><td>" + esc(s.title) + "</td></tr>\n");
  put("<tr><th>Date</th><td>" + esc(french_date(s.date)) + "</td></tr>\n");
  put("<tr><th>Centre d’examen</th><td>" + esc(s.exam_centre) + "</td></tr>\n");
  put("<tr><th>Nature</th><td>" + std::string(kind_label(s.kind)) + "</td></tr>\n");
  put("<tr><th>CCP examinés</th><td>" + ccp_set_label(s.ccps) + "</td></tr>\n");
  put("</table>\n</header>\n");
}

void Writer::jury() {
  put("<section class=\"jury keep\">\n<h3>Jury</h3>\n");
  if (snap_.jury.empty()) {
    put("<p class=\"note\">Aucun membre du jury n’est enregistré pour cette session.</p>\n</section>\n");
    return;
  }
  put("<table>\n<thead><tr><th>Nom</th><th>Rôle</th></tr></thead>\n<tbody>\n");
  for (const auto& m : snap_.jury)
    put("<tr><td>" + esc(m.name) + "</td><td>" + role_label(m) + "</td></tr>\n");
  put("</tbody>\n</table>\n");
  // Whoever allowed a reset could confirm in that member's name afterwards:
  // the members signing below see it.
  for (const auto& r : in_.pin_resets)
    put("<p class=\"small\">Code personnel de " + esc(r.member) + " réinitialisé le " + french_date_time(r.at) +
        ", avec le code de " + esc(r.by) + ".</p>\n");
  put("</section>\n");
}

void Writer::summary() {
  const auto cols = ccp_columns();
  put("<section class=\"summary\">\n<h3>Résultats</h3>\n");
  if (snap_.candidates.empty()) {
    put("<p class=\"note\">Aucun candidat n’est inscrit à cette session.</p>\n</section>\n");
    return;
  }
  put("<table class=\"results\">\n<thead><tr><th class=\"num\">N°</th><th class=\"text\">Candidat</th><th>Présence</th>");
  for (const CcpId& c : cols) put("<th>" + esc(c) + "</th>");
  put("</tr></thead>\n<tbody>\n");
  for (const auto* c : candidates_in_order()) {
    put("<tr><td class=\"num\">" + esc(c->data.number) + "</td><td>" + candidate_name_html(*c) + "</td><td>" +
        attendance_label(c->attendance) + "</td>");
    for (const CcpId& ccp : cols) put("<td>" + outcome_cell(*c, ccp) + "</td>");
    put("</tr>\n");
  }
  put("</tbody>\n</table>\n");
  put("<p class=\"small\">Seule la décision du jury fait foi. Un résultat non verrouillé peut encore changer.</p>\n");
  put("</section>\n");
}

void Writer::visa() {
  if (snap_.jury.empty()) return;
  put("<div class=\"visa\">");
  for (const auto& m : snap_.jury) put("<div>Visa de " + esc(m.name) + "</div>");
  put("</div>\n");
}

void Writer::candidate(const CandidateRecord& c) {
  const auto runs = runs_of(c);
  put(std::string("<section class=\"candidate ") + (runs.empty() ? "noruns" : "runs") + "\">\n");
  put("<h2>Candidat n°" + std::string(kNbsp) + esc(c.data.number) + " — " + candidate_name_html(c) + "</h2>\n");
  std::string line = "Présence" + std::string(kNbsp) + ": " + attendance_label(c.attendance) +
                     " · Inscrit à" + std::string(kNbsp) + ": " + ccp_set_label(c.data.ccps);
  for (const CcpId& id : c.data.by_equivalence.ids) {
    const Equivalence* e = snap_.title.equivalence_for(id);
    line += " · " + esc(id) + " acquis par équivalence" + (e ? " (" + esc(e->label) + ")" : std::string());
  }
  put("<p>" + line + "</p>\n");
  if (runs.empty()) {
    put("<p class=\"muted\">Aucune épreuve passée.</p>\n</section>\n");
    return;
  }
  for (const CcpId& ccp : snap_.title.ordered(c.data.ccps).ids) {
    if (std::none_of(runs.begin(), runs.end(), [&](const RunRecord* r) { return r->ccp == ccp; }))
      put("<p class=\"note\">" + esc(ccp) + std::string(kNbsp) +
          ": épreuve non passée.</p>\n");
  }
  for (const auto* r : runs) run(*r);
  visa();
  put("</section>\n");
}

void Writer::run(const RunRecord& r) {
  const ExamPlan* plan = plan_of_run(in_.plans, r);
  const Grid* grid = grid_of_run(in_.grids, r);
  const TitleCcp* ccp = snap_.title.ccp(r.ccp);
  put("<div class=\"run\">\n<h3>" + esc(r.ccp) + " — " + esc(ccp ? ccp->label : "") + "</h3>\n");
  put("<p class=\"small\">Plan d’épreuve" + std::string(kNbsp) + ": " + esc(r.plan_id) + ", version " +
      esc(r.plan_version) + " · Grille d’évaluation" + std::string(kNbsp) + ": " + esc(r.grid_id) + ", version " +
      esc(r.grid_version) + "<br>Épreuve commencée le " + french_date_time(r.started_at) +
      (r.finished_at ? ", terminée le " + french_date_time(*r.finished_at) : std::string(", non terminée")) + "</p>\n");

  put("<h4>Déroulement des étapes</h4>\n");
  if (plan) {
    stages(r, *plan);
  } else {
    put("<p class=\"note\">Plan d’épreuve " + guillemets(esc(r.plan_id)) + " version " + esc(r.plan_version) +
        " introuvable sur ce poste" + std::string(kNbsp) +
        ": les étapes ne peuvent pas être détaillées. Événements enregistrés" + std::string(kNbsp) + ":</p>\n");
    raw_events(r);
  }
  // Gaps of the laptop, not of the jury: the timer counted them.
  if (!r.interruptions.empty()) {
    put("<div class=\"note\">Reprises après interruption (le chronomètre a continué pendant l’écart)" +
        std::string(kNbsp) + ":<ul class=\"items\">");
    for (const auto& g : r.interruptions)
      put("<li>" + esc(std::string(french_label(g.cause))) + " de " + french_clock(g.from) + " à " +
          french_clock(g.to) + " (" + esc(duration_text(g.to - g.from)) + ")</li>");
    put("</ul></div>\n");
  }
  draws(r, plan);

  std::optional<Deliberation> d;
  if (grid) d = review_run(*grid, snap_.jury, r);
  competencies(r, grid, d ? &*d : nullptr);
  decision(r, grid, d ? &*d : nullptr);
  put("</div>\n");
}

void Writer::stages(const RunRecord& r, const ExamPlan& plan) {
  StageTimer timer(plan, r.events);
  const TimerStatus st = timer.status(in_.generated_at);
  put("<table class=\"stages\">\n<colgroup><col class=\"stage\"><col class=\"short\" span=\"3\"><col class=\"dur\">"
      "<col class=\"over\"><col class=\"incidents\"></colgroup>\n<thead><tr><th>Étape</th><th>Durée prévue</th><th>Début</th><th>Fin</th>"
      "<th>Durée réelle<br><span class=\"small\">pauses exclues</span></th><th>Dépas&shy;sement</th>"
      "<th>Prolongations, pauses, fin anticipée</th></tr></thead>\n<tbody>\n");
  TimeMs planned_total = 0, real_total = 0, planned_jury = 0, real_jury = 0;
  for (std::size_t i = 0; i < plan.stages.size() && i < st.stages.size(); ++i) {
    const Stage& stage = plan.stages[i];
    const StageRecord& rec = st.stages[i];
    planned_total += stage.duration_ms;
    if (stage.jury_present) planned_jury += stage.duration_ms;
    put("<tr><td>" + esc(stage.label) +
        (stage.jury_present ? std::string() : "<br><span class=\"small\">hors présence du jury</span>") +
        "</td><td>" + duration_text(stage.duration_ms) + "</td>");
    if (!rec.started) {
      put("<td>—</td><td>—</td><td>—</td><td>—</td><td class=\"muted\">Étape non commencée</td></tr>\n");
      continue;
    }
    real_total += rec.elapsed_ms;
    if (stage.jury_present) real_jury += rec.elapsed_ms;
    put("<td class=\"nowrap\">" + french_clock(rec.started_at) + "</td><td class=\"nowrap\">" +
        (rec.ended() ? french_clock(*rec.ended_at) : std::string("<span class=\"todo\">en cours</span>")) +
        "</td><td>" + duration_text(rec.elapsed_ms) + "</td><td>" +
        (rec.overrun_ms > 0 ? "<span class=\"ko\">+" + std::string(kNbsp) + duration_text(rec.overrun_ms) + "</span>"
                            : std::string("—")) +
        "</td><td class=\"text\">");
    std::vector<std::string> items;
    for (const auto& e : rec.extensions)
      items.push_back("Prolongation de " + duration_text(e.amount_ms) + " à " + french_clock(e.at) +
                      std::string(kNbsp) + ": " + esc(e.reason));
    for (const auto& p : rec.pauses) {
      std::string item = p.to ? "Pause de " + french_clock(p.from) + " à " + french_clock(*p.to) + " (" +
                                    duration_text(*p.to - p.from) + ")"
                              : "Pause depuis " + french_clock(p.from) + ", en cours";
      items.push_back(item + std::string(kNbsp) + ": " + esc(p.reason));
    }
    if (rec.ended_early()) {
      std::string item = "Fin anticipée (" + duration_text(rec.budget_ms - rec.elapsed_ms) + " avant le terme)";
      item += blank(rec.end_reason) ? std::string(", sans motif indiqué")
                                    : std::string(kNbsp) + ": " + esc(rec.end_reason);
      items.push_back(item);
    } else if (!blank(rec.end_reason)) {
      items.push_back("Motif de fin" + std::string(kNbsp) + ": " + esc(rec.end_reason));
    }
    if (items.empty()) {
      put("—");
    } else {
      put("<ul class=\"items\">");
      for (const auto& it : items) put("<li>" + it + "</li>");
      put("</ul>");
    }
    put("</td></tr>\n");
  }
  put("</tbody>\n<tfoot>\n<tr><td colspan=\"7\">Total" + std::string(kNbsp) + ": " +
      duration_text(planned_total) + " prévues, " + duration_text(real_total) + " réelles");
  if (planned_jury != planned_total)
    put(" · dont en présence du jury" + std::string(kNbsp) + ": " + duration_text(planned_jury) + " prévues, " +
        duration_text(real_jury) + " réelles");
  put("</td></tr>\n</tfoot>\n</table>\n");
  if (!timer.skipped().empty()) {
    put("<div class=\"note\">Événements du chronomètre enregistrés mais non pris en compte" + std::string(kNbsp) +
        ":<ul class=\"items\">");
    for (const auto& sk : timer.skipped())
      put("<li>" + std::string(event_label(sk.event.kind)) + " à " + french_clock(sk.event.at) + " — " +
          esc(sk.reason) + "</li>");
    put("</ul></div>\n");
  }
}

void Writer::raw_events(const RunRecord& r) {
  if (r.events.empty()) {
    put("<p class=\"muted\">Aucun événement enregistré.</p>\n");
    return;
  }
  put("<table>\n<thead><tr><th>Heure</th><th>Événement</th><th>Étape</th><th>Durée</th><th>Motif</th></tr>"
      "</thead>\n<tbody>\n");
  for (const auto& e : r.events)
    put("<tr><td class=\"nowrap\">" + french_clock(e.at) + "</td><td>" + event_label(e.kind) + "</td><td>" +
        esc(e.stage_id) + "</td><td class=\"nowrap\">" +
        (e.kind == TimerEventKind::Extend ? duration_text(e.amount) : std::string()) + "</td><td>" +
        esc(e.reason) + "</td></tr>\n");
  put("</tbody>\n</table>\n");
}

void Writer::draws(const RunRecord& r, const ExamPlan* plan) {
  const bool expected = plan && !plan->draw_before_stage.empty();
  if (r.draws.empty() && !expected) return;
  put("<div class=\"keep\">\n<h4>Fiche séance</h4>\n");
  if (r.draws.empty()) {
    put("<p class=\"note\">Aucun tirage ni choix de fiche séance n’est enregistré.</p>\n</div>\n");
    return;
  }
  put("<table class=\"draws\">\n<colgroup><col class=\"n\"><col class=\"time\"><col class=\"mode\">"
      "<col class=\"sheets\"><col></colgroup>\n<thead><tr><th class=\"num\">N°</th><th>Heure</th><th>Mode</th>"
      "<th>Fiches du candidat (retenue en gras)</th><th>Motif</th></tr></thead>\n<tbody>\n");
  for (std::size_t i = 0; i < r.draws.size(); ++i) {
    const SheetDraw& dr = r.draws[i];
    const bool in_force = i + 1 == r.draws.size();
    put("<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td class=\"nowrap\">" + french_clock(dr.at) +
        "</td><td>" + std::string(words_of(kDrawMethodWords, dr.method).label) +
        (in_force ? "<br><span class=\"tag\">en vigueur</span>" : std::string()) +
        "</td><td class=\"text\"><ol class=\"sheets\">");
    for (std::size_t k = 0; k < dr.titles.size(); ++k) {
      const bool chosen = static_cast<int>(k) == dr.chosen;
      const std::string& t = dr.titles[k];
      put(std::string(chosen ? "<li class=\"chosen\">" : "<li>") + (t.empty() ? "<span class=\"muted\">(sans titre)</span>" : esc(t)) +
          (chosen ? "<span class=\"tag\">retenue</span>" : "") + "</li>");
    }
    put("</ol></td><td class=\"text\">" + (blank(dr.reason) ? std::string(i == 0 ? "—" : "<span class=\"ko\">non indiqué</span>")
                                             : esc_lines(dr.reason)) +
        "</td></tr>\n");
  }
  put("</tbody>\n</table>\n</div>\n");
}

// The CCP decision's justification. A decision that departs from the
// grid's proposal never reads « Aucune »: missing, it is said to be.
std::string justification_cell(const std::string& justification, const std::string& why, CcpOutcome proposed,
                               CcpOutcome decided) {
  const bool departs = decided != CcpOutcome::Undecided && proposed != CcpOutcome::Undecided && decided != proposed;
  std::string just = !blank(justification) ? "<div class=\"just\">" + esc_lines(justification) + "</div>"
                     : departs ? std::string("<span class=\"todo\">Aucune justification écrite pour une décision "
                                             "différente de la proposition</span>")
                               : std::string("<span class=\"muted\">Aucune</span>");
  if (!why.empty()) just += "<span class=\"small\">Justification requise" + std::string(kNbsp) + ": " + why + ".</span>";
  return just;
}

void Writer::competencies(const RunRecord& r, const Grid* grid, const Deliberation* d) {
  put("<div class=\"keep\">\n<h4>Compétences</h4>\n");
  if (!grid || !d) {
    put("<p class=\"note\">Grille d’évaluation " + guillemets(esc(r.grid_id)) + " version " + esc(r.grid_version) +
        " introuvable sur ce poste" + std::string(kNbsp) +
        ": les intitulés et les notations ne peuvent pas être affichés.</p>\n");
    if (r.competency_decisions.empty()) {
      put("</div>\n");
      return;
    }
    put("<table>\n<thead><tr><th>Compétence</th><th>Décision du jury</th></tr></thead>\n<tbody>\n");
    for (const auto& cd : r.competency_decisions)
      put("<tr><td>" + esc(cd.competency_id) + "</td><td>" + competency_decision_label(cd.status) + "</td></tr>\n");
    put("</tbody>\n</table>\n</div>\n");
    return;
  }
  put("<table class=\"competencies\">\n<colgroup><col><col class=\"title\"><col><col></colgroup>\n<thead><tr><th class=\"num\">Comp.</th><th>Intitulé officiel</th>"
      "<th>Propositions issues des notations</th><th>Décision du jury</th></tr></thead>\n<tbody>\n");
  for (const auto& cr : d->competencies) {
    std::string props;
    for (std::size_t m = 0; m < cr.by_member.size() && m < snap_.jury.size(); ++m)
      props += (props.empty() ? "" : "<br>") + esc(snap_.jury[m].name) + std::string(kNbsp) + ": " +
               member_proposal_label(cr.by_member[m].status);
    if (cr.disagreements > 0)
      props += "<br><span class=\"todo\">Notations différentes sur " + std::to_string(cr.disagreements) +
               " critère" + (cr.disagreements > 1 ? "s" : "") + "</span>";
    if (props.empty()) props = "—";
    // What the marks propose for the competency, beside what the jury decided.
    props += "<br><strong>Proposition" + std::string(kNbsp) + ": " +
             (cr.members_split ? std::string("à trancher (notations divergentes)")
                               : std::string(member_proposal_label(cr.proposed))) +
             "</strong>";
    const char* cls = cr.decided == CompetencyStatus::Acquired      ? "ok"
                      : cr.decided == CompetencyStatus::NotAcquired ? "ko"
                                                                    : "todo";
    std::string decided = "<span class=\"" + std::string(cls) + "\">" + competency_decision_label(cr.decided) + "</span>";
    // Against the marks: the jury's reason, always shown with it.
    const bool against = cr.decided != CompetencyStatus::Undecided && cr.proposed != CompetencyStatus::Undecided &&
                         cr.decided != cr.proposed;
    if (against)
      decided += "<br><span class=\"small\">Différente de la proposition" + std::string(kNbsp) + ": " +
                 (blank(cr.reason) ? std::string(d->rules >= 2 ? "<span class=\"todo\">motif manquant</span>"
                                                               : "aucun motif (non exigé quand l’épreuve a commencé)")
                                   : "motif " + guillemets(esc_lines(cr.reason))) +
                 "</span>";
    put("<tr><td class=\"num\">" + esc(cr.competency->id) + "</td><td class=\"text\">" + esc(cr.competency->title) +
        "</td><td class=\"small text\">" + props + "</td><td>" + decided + "</td></tr>\n");
  }
  put("</tbody>\n</table>\n</div>\n");
}

// One decision of the history: what the jury decided, why, and what
// followed (confirmations, lock, reopening, clearing), in time order.
void Writer::episode(const DecisionEpisode& ep, std::size_t n, std::size_t count, const Grid* grid) {
  put("<table class=\"decision text episode" + std::string(ep.current ? " current" : "") + "\">\n");
  std::string tag = ep.current ? "<span class=\"tag now\">décision en vigueur</span>"
                               : "<span class=\"tag\">remplacée</span>";
  put("<tr><th colspan=\"2\" class=\"episode-head\">Décision " + std::to_string(n) + " sur " + std::to_string(count) +
      " — le " + french_date_time(ep.decided_at) + " " + tag + "</th></tr>\n");
  put("<tr><th>Proposition de la grille</th><td>" + std::string(french_label(ep.proposed)) + "</td></tr>\n");
  put("<tr><th>Décision du jury</th><td><span class=\"" + std::string(outcome_class(ep.decided)) + "\">" +
      std::string(french_label(ep.decided)) + "</span></td></tr>\n");
  std::string why;
  if (grid) why = justification_reason(grid->decision_rule, ep.proposed, ep.decided);
  put("<tr><th>Justification</th><td>" + justification_cell(ep.justification, why, ep.proposed, ep.decided) +
      "</td></tr>\n");
  std::string items;
  for (const auto& ev : ep.events) {
    const std::string when = "le " + french_date_time(ev.at);
    switch (ev.kind) {
      case DecisionEvent::Kind::Confirmed:
        items += "<li>Confirmée par " + esc(ev.who) + " " + when + "</li>";
        break;
      case DecisionEvent::Kind::Locked:
        items += "<li><strong>Verrouillée</strong> " + when + "</li>";
        break;
      case DecisionEvent::Kind::Reopened:
        items += "<li><strong>Rouverte</strong> " + when + " par " + esc(ev.who) + std::string(kNbsp) +
                 ": motif " + guillemets(esc_lines(ev.reason)) + "</li>";
        break;
      case DecisionEvent::Kind::Cleared:
        items += "<li><strong>Annulée</strong> " + when +
                 (ev.reason.empty() ? std::string(" par ") + esc(ev.who)
                                    : std::string(std::string(kNbsp) + ": la compétence " + esc(ev.reason) + " a changé")) +
                 "</li>";
        break;
    }
  }
  put("<tr><th>Suites</th><td>" +
      (items.empty() ? std::string("<span class=\"todo\">Aucune confirmation</span>") : "<ul class=\"items\">" + items + "</ul>") +
      "</td></tr>\n");
  put("</table>\n");
}

void Writer::decision(const RunRecord& r, const Grid* grid, const Deliberation* d) {
  const CcpDecisionRecord& dec = r.decision;
  const bool decided = dec.decided != CcpOutcome::Undecided;
  put("<div class=\"keep\">\n<h4>Décision sur le " + esc(r.ccp) + "</h4>\n");
  const std::vector<DecisionEpisode>* history = nullptr;
  if (in_.decision_histories)
    if (auto it = in_.decision_histories->find(r.uuid); it != in_.decision_histories->end() && !it->second.empty())
      history = &it->second;
  if (!decided) {
    std::string more;
    if (d)
      more = " (compétences décidées" + std::string(kNbsp) + ": " + std::to_string(d->decided_count) + " sur " +
             std::to_string(d->competencies.size()) + ")";
    put("<p class=\"note alert\">Décision non encore prise" + more +
        "." + " Ce procès-verbal est incomplet pour ce CCP.</p>\n");
  } else if (!dec.locked()) {
    put("<p class=\"note\">Décision enregistrée mais non verrouillée" + std::string(kNbsp) +
        ": toutes les confirmations du jury ne sont pas encore données.</p>\n");
  }
  if (history) {
    // Every decision in time order, the one in force last.
    if (history->size() > 1)
      put("<p class=\"small\">" + std::to_string(history->size()) +
          " décisions successives, dans l’ordre du temps\u00A0; la décision en vigueur est la dernière.</p>\n");
    for (std::size_t i = 0; i < history->size(); ++i) episode((*history)[i], i + 1, history->size(), grid);
    if (!decided && d)
      put("<p>Proposition actuelle de la grille" + std::string(kNbsp) + ": " + std::string(french_label(d->proposed)) +
          "</p>\n");
    put("</div>\n");
    return;
  }
  put("<table class=\"decision text\">\n");
  // The grid’s proposal from the competency decisions as they stand (a
  // change to one clears the CCP decision, so it is also the one decided on).
  if (decided)
    put("<tr><th>Proposition de la grille</th><td>" + std::string(french_label(dec.proposed)) + "</td></tr>\n");
  else if (d)
    put("<tr><th>Proposition actuelle de la grille</th><td>" + std::string(french_label(d->proposed)) +
        "</td></tr>\n");
  put("<tr><th>Décision du jury</th><td><span class=\"" + std::string(outcome_class(dec.decided)) + "\">" +
      (decided ? std::string(french_label(dec.decided)) : std::string("Décision non encore prise")) +
      "</span></td></tr>\n");
  std::string why;
  if (decided && grid) why = justification_reason(grid->decision_rule, dec.proposed, dec.decided);
  put("<tr><th>Justification</th><td>" + justification_cell(dec.justification, why, dec.proposed, dec.decided) +
      "</td></tr>\n");
  put("<tr><th>Décidée le</th><td>" + (dec.decided_at ? french_date_time(*dec.decided_at) : std::string("—")) +
      "</td></tr>\n");
  std::string confirmed;
  for (const auto& uuid : dec.confirmed_by) confirmed += (confirmed.empty() ? "" : ", ") + esc(member_name(snap_, uuid));
  put("<tr><th>Confirmée par</th><td>" + (confirmed.empty() ? std::string("—") : confirmed) + "</td></tr>\n");
  put("<tr><th>Verrouillée le</th><td>" +
      (dec.locked() ? french_date_time(*dec.locked_at) : std::string("<span class=\"todo\">Non verrouillée</span>")) +
      "</td></tr>\n");
  if (!dec.reopenings.empty()) {
    put("<tr><th>Réouvertures</th><td><ul class=\"items\">");
    for (const auto& ro : dec.reopenings) {
      // The actor is how it was done ("ui"), not who: a member when it is
      // one, else the jury (the one wording of core/audit_payloads.h).
      const bool member = std::any_of(snap_.jury.begin(), snap_.jury.end(),
                                      [&](const JuryMemberRecord& m) { return m.uuid == ro.actor; });
      const std::string who = " par " + (member ? esc(member_name(snap_, ro.actor)) : std::string(kJuryAuthor));
      put("<li>Le " + french_date_time(ro.at) + who + std::string(kNbsp) + ": " + esc_lines(ro.reason) + "</li>");
    }
    put("</ul></td></tr>\n");
  }
  put("</table>\n</div>\n");
}

void Writer::orphan_runs() {
  std::vector<const RunRecord*> orphans;
  for (const auto& r : snap_.runs)
    if (std::none_of(snap_.candidates.begin(), snap_.candidates.end(),
                     [&](const CandidateRecord& c) { return c.uuid == r.candidate_uuid; }))
      orphans.push_back(&r);
  if (orphans.empty()) return;
  put("<section class=\"candidate runs\">\n<h2>Épreuves sans candidat connu</h2>\n");
  put("<p class=\"note\">Ces épreuves sont enregistrées pour un candidat absent de la liste de la session.</p>\n");
  for (const auto* r : orphans) run(*r);
  put("</section>\n");
}

void Writer::signatures() {
  put("<section class=\"signatures\">\n<h2>Signatures du jury</h2>\n");
  put("<p>Les membres du jury attestent l’exactitude du présent procès-verbal.</p>\n");
  put("<p class=\"place\">Fait à ____________________________, le ____________________</p>\n");
  put("<div class=\"sigs\">\n");
  for (const auto& m : snap_.jury)
    put("<div class=\"sig\"><strong>" + esc(m.name) + "</strong><br>" + role_label(m) +
        "<br>Signature" + std::string(kNbsp) + ":<div class=\"space\"></div></div>\n");
  if (snap_.jury.empty())
    put("<div class=\"sig\">Nom" + std::string(kNbsp) + ": ____________________<br>Signature" +
        std::string(kNbsp) + ":<div class=\"space\"></div></div>\n");
  put("</div>\n");
  // The paper anchor: read aloud to the centre, which checks it against
  // the trail it merged (jurymn pv-code check). Beside the signatures, so
  // what is signed names the trail it comes from.
  if (const std::string code = pv_code(in_.audit_head); !code.empty())
    put("<p class=\"pv-code\">Code du journal à l’impression" + std::string(kNbsp) + ": <strong>" + code +
        "</strong><br><small>À lire au centre d’examen, qui le vérifie sur les résultats reçus" + std::string(kNbsp) +
        ": il atteste que ce procès-verbal signé vient du journal transmis.</small></p>\n");
  // Inside the block kept together, so the footer never sits alone on a page.
  footer();
  put("</section>\n");
}

void Writer::footer() {
  put("<footer class=\"foot\">\nProcès-verbal généré le " + french_date_time(in_.generated_at));
  if (!in_.app_version.empty()) put(" par " + esc(in_.app_version));
  put(".");
  if (snap_.session.kind == SessionKind::Rehearsal) put(" Jury blanc" + std::string(kNbsp) + ": sans valeur de certification.");
  if (in_.audit_chain) {
    if (in_.audit_chain->intact())
      put("<br>Journal d’audit" + std::string(kNbsp) + ": " + esc(in_.audit_chain->summary()) + ".");
    else
      put("<br><strong class=\"undecided\">Journal d’audit" + std::string(kNbsp) + ": " + esc(in_.audit_chain->summary()) +
          ". Ce qui suit ce point a pu être modifié hors de jurymn.</strong>");
  }
  if (!in_.audit_head.empty())
    put("<br>Empreinte du journal" + std::string(kNbsp) + ": <code>" + esc(in_.audit_head) + "</code>");
  put("\n</footer>\n");
}

std::string Writer::render() {
  const bool rehearsal = snap_.session.kind == SessionKind::Rehearsal;
  put("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
  put("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  put("<title>" + std::string(rehearsal ? "JURY BLANC — " : "") + "Procès-verbal — " + esc(snap_.session.title) +
      "</title>\n");
  put("<style>");
  put(kStyle);
  put("</style>\n</head>\n<body>\n");
  header();
  jury();
  summary();
  for (const auto* c : candidates_in_order()) candidate(*c);
  orphan_runs();
  signatures();
  put("</body>\n</html>\n");
  return std::move(out_);
}

}  // namespace

std::string render_proces_verbal(const ProcesVerbalInput& in) { return Writer(in).render(); }

}  // namespace jurymn
