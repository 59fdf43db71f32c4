// SPDX-License-Identifier: EUPL-1.2
// The rules of the session's actions (core/session_rules.h). The messages
// are the jury's: they are what the store has always said.
#include "core/session_rules.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/drafts.h"
#include "core/feedback.h"
#include "core/sheet_draw.h"
#include "core/text.h"
#include "core/validation.h"

namespace jurymn {

namespace {

payload::SessionFields session_fields(const SessionInput& s) {
  return {s.title, s.date, s.exam_centre, s.kind, s.ccps};
}

payload::CandidateFields candidate_fields(const CandidateInput& c) { return {c}; }

void refuse_if_invalid(FieldErrors errs) {
  if (errs.empty()) return;
  std::string summary = errs.front().message;
  if (errs.size() > 1) summary += " (et " + std::to_string(errs.size() - 1) + " autre(s) problème(s))";
  throw Refusal{summary, std::move(errs), {}};
}

void refuse_unknown_ccps(const Title& title, const CcpSet& ccps, const CcpSet& by_equivalence = {}) {
  std::string problem = unknown_ccp_problem(title, ccps, by_equivalence);
  if (!problem.empty()) throw Refusal{problem, {{"ccps", problem}}, {}};
}

void refuse_malformed_pin(const MemberPin& pin) {
  if (std::string why = member_pin_problem(pin); !why.empty())
    throw Refusal{"Code du membre inutilisable : " + why + ".", {{"pin", why}}, {}};
}

void refuse_number_taken(const CandidateSlice& s, const std::string& number) {
  if (s.number_taken && s.number_taken(number))
    throw Refusal{"Le numéro de candidat " + number + " est déjà utilisé dans cette session.",
                  {{"number", "Ce numéro est déjà utilisé dans cette session."}}, {}};
}

std::string member_name(const std::vector<JuryMemberRecord>& jury, const std::string& uuid) {
  for (const auto& m : jury)
    if (m.uuid == uuid) return m.name;
  return uuid;
}

DrawChange recorded(const RunSlice& run, const DrawResult& r) {
  if (!r) throw Refusal{r.refusal, {}, {}};
  const SheetDraw& d = *r.draw;
  return {{run.record->uuid, d.titles, d.chosen, d.chosen_title(), d.method, d.reason}, d};
}

// A plan without a draw point (CCP2) has no session sheet to draw or choose.
void refuse_if_plan_has_no_draw(const RunSlice& run) {
  if (std::string why = sheet_change_refusal(*run.record); !why.empty()) throw Refusal{why, {}, {}};
  if (run.plan->draw_stage_index() >= 0) return;
  throw Refusal{"L’épreuve du " + run.record->ccp + " ne prévoit pas de tirage de fiche séance (plan " +
                    run.plan->id + " version " + run.plan->version + ").",
                {}, {}};
}

void refuse_if_locked(const DeliberationSlice& d) {
  if (d.run.record->decision.locked())
    throw Refusal{"Le résultat est verrouillé\u00A0: rouvrez-le, avec un motif, pour le modifier.", {}, {}};
}

constexpr std::size_t kMaxFeedback = 4000;

void refuse_if_too_long(const std::string& text, const char* what) {
  if (text.size() > kMaxFeedback)
    throw Refusal{std::string(what) + " dépasse " + std::to_string(kMaxFeedback) + " octets\u00A0: résumez.", {}, {}};
}

std::vector<int> version_parts(const std::string& v) {
  std::vector<int> out;
  std::size_t pos = 0;
  while (pos <= v.size()) {
    std::size_t dot = v.find('.', pos);
    if (dot == std::string::npos) dot = v.size();
    out.push_back(std::atoi(v.substr(pos, dot - pos).c_str()));
    pos = dot + 1;
  }
  return out;
}

template <class T>
const T* newest_for(const std::vector<T>& items, std::string_view ccp) {
  const T* best = nullptr;
  for (const auto& x : items)
    if (x.ccp == ccp && (!best || version_parts(x.version) > version_parts(best->version))) best = &x;
  return best;
}

}  // namespace

const ExamPlan* newest_for_ccp(const std::vector<ExamPlan>& plans, std::string_view ccp) {
  return newest_for(plans, ccp);
}
const Grid* newest_for_ccp(const std::vector<Grid>& grids, std::string_view ccp) { return newest_for(grids, ccp); }

std::string unknown_ccp_problem(const Title& title, const CcpSet& ccps, const CcpSet& by_equivalence) {
  for (const auto& id : ccps.ids)
    if (!title.ccp(id))
      return "Le titre " + title.code + " n’a pas de " + id + " (ses CCP\u00A0: " + ccp_choice_text(title) + ").";
  for (const auto& id : by_equivalence.ids)
    if (!title.equivalence_for(id)) return "Aucune équivalence du titre " + title.code + " n’accorde le " + id + ".";
  return "";
}

void refuse_session_not_found(const std::string& uuid) {
  throw Refusal{"Session d’examen introuvable (" + uuid + ").", {}, {}};
}
void refuse_candidate_not_found(const std::string& uuid) {
  throw Refusal{"Candidat introuvable (" + uuid + ").", {}, {}};
}
void refuse_member_not_found(const std::string& uuid) {
  throw Refusal{"Membre du jury introuvable (" + uuid + ").", {}, {}};
}
void refuse_run_not_found(const std::string& uuid) { throw Refusal{"Épreuve introuvable (" + uuid + ").", {}, {}}; }
void refuse_member_not_in_jury() { throw Refusal{"Ce membre ne fait pas partie du jury de cette session.", {}, {}}; }

void order_jury(std::vector<JuryMemberRecord>& jury) {
  std::stable_partition(jury.begin(), jury.end(), [](const JuryMemberRecord& m) { return m.role != JuryRole::Member; });
}

// ------------------------------------------------------------ slices

RunSlice run_slice(const RunRecord& record, const ExamPlan* plan, TimeMs now) {
  // Events are wall-clock stamped: a clock set back would write a record
  // that contradicts itself.
  if (now < record.started_at)
    throw Refusal{"L’horloge de cet ordinateur indique une heure antérieure au début de l’épreuve\u00A0: "
                  "vérifiez la date et l’heure du système, puis recommencez.",
                  {}, {}};
  if (!plan)
    throw Refusal{"Le plan d’épreuve " + record.plan_id + " version " + record.plan_version +
                      " n’est plus disponible\u00A0: réinstallez-le pour poursuivre cette épreuve.",
                  {}, {}};
  return {&record, plan};
}

MarkingSlice marking_slice(RunSlice run, const Grid* grid, const std::string* member_name, bool locked) {
  if (!grid)
    throw Refusal{run.record->grid_id.empty()
                      ? "Aucune grille d’évaluation n’était chargée au début de cette épreuve\u00A0: elle ne peut pas être notée."
                      : "La grille " + run.record->grid_id + " version " + run.record->grid_version +
                            " n’est plus disponible\u00A0: réinstallez-la pour noter cette épreuve.",
                  {}, {}};
  if (!member_name) refuse_member_not_in_jury();
  if (locked)
    throw Refusal{"Le résultat de cette épreuve est verrouillé\u00A0: rouvrez-le pour modifier la notation.", {}, {}};
  return {run, grid, *member_name, {}};
}

DeliberationSlice deliberation_slice(RunSlice run, const Grid* grid, const std::vector<JuryMemberRecord>& jury,
                                     SessionKind kind) {
  if (!grid)
    throw Refusal{"La grille " + run.record->grid_id + " version " + run.record->grid_version +
                      " n’est pas disponible\u00A0: la décision ne peut pas être prise sans elle.",
                  {}, {}};
  DeliberationSlice d;
  d.run = run;
  d.grid = grid;
  d.jury = &jury;
  d.kind = kind;
  d.review = review_run(*grid, jury, *run.record);
  return d;
}

FeedbackSlice feedback_slice(RunSlice run, const Grid* grid, SessionKind kind) {
  if (std::string why = feedback_refusal(kind, *run.record); !why.empty()) throw Refusal{why, {}, {}};
  return {run, grid};
}

// ------------------------------------------------------------ session, jury, candidates

payload::CreateSession rule(const action::CreateSession& a, const RuleContext& ctx) {
  SessionInput in = a.session;
  refuse_if_invalid(validate(in));
  refuse_unknown_ccps(*ctx.title, in.ccps);
  in.ccps = ctx.title->ordered(in.ccps);
  return {ctx.new_uuid(), session_fields(in)};
}

payload::EditSession rule(const action::EditSession& a, const SessionSlice& s, const RuleContext& ctx) {
  SessionInput in = a.session;
  refuse_if_invalid(validate(in));
  const SessionRecord& before = *s.session;
  if (in.kind != before.kind)
    throw Refusal{before.kind == SessionKind::Rehearsal
                      ? "Une session de jury blanc ne peut pas devenir officielle\u00A0: ses résultats sont "
                        "d’entraînement. Créez une session officielle pour l’examen."
                      : "Une session officielle ne peut pas devenir un jury blanc\u00A0: ses résultats restent "
                        "officiels.",
                  {{"kind", "La nature d’une session ne change pas."}}, {}};
  refuse_unknown_ccps(*ctx.title, in.ccps);
  for (const CcpId& ccp : before.ccps.ids)
    if (!in.ccps.has(ccp) && s.ccps_with_runs.has(ccp))
      throw Refusal{"Le " + ccp + " a déjà des épreuves dans cette session\u00A0: il reste examiné.",
                    {{"ccps", "Un CCP déjà commencé reste."}}, {}};
  return {a.session_uuid, session_fields(in), {before.title, before.date, before.exam_centre, before.ccps}};
}

payload::AddJuryMember rule(const action::AddJuryMember& a, const JurySlice& s, const RuleContext& ctx) {
  JuryMemberInput in = a.member;
  refuse_if_invalid(validate(in));
  for (const auto& m : *s.jury)
    if (m.name == in.name)
      throw Refusal{"«\u00A0" + in.name + "\u00A0» fait déjà partie du jury de cette session.",
                    {{"name", "Ce nom est déjà dans le jury."}}, {}};
  // Each member of an official jury proves their confirmations with a PIN.
  if (!a.pin && member_pin_required(s.rules, s.kind))
    throw Refusal{"Dans une session officielle, chaque membre du jury choisit un code (au moins 6 chiffres) ou une "
                  "phrase de passe\u00A0: il le saisira pour confirmer chaque décision.",
                  {{"pin", "Choisissez un code d’au moins 6 chiffres."}}, {}};
  if (a.pin) refuse_malformed_pin(*a.pin);
  return {ctx.new_uuid(), in.name, in.role, a.pin, in.feminine};
}

payload::RemoveJuryMember rule(const action::RemoveJuryMember& a, const MemberSlice& s) {
  const std::string& name = s.member->name;
  if (s.has_evaluated)
    throw Refusal{name + " a déjà évalué des candidats\u00A0: ce membre ne peut plus être retiré du jury.", {}, {}};
  // A confirmation stays on record even once reopened: its member stays.
  if (s.ever_confirmed)
    throw Refusal{name + " a déjà confirmé une décision\u00A0: ce membre ne peut plus être retiré ni remplacé.", {}, {}};
  return {a.member_uuid, name};
}

payload::ResetMemberPin rule(const action::ResetMemberPin& a, const MemberSlice& s, const RuleContext& ctx) {
  payload::ResetMemberPin p;
  p.uuid = a.member_uuid;
  p.name = s.member->name;
  const bool had_pin = s.member->pin.has_value();
  refuse_malformed_pin(a.pin);
  p.pin = a.pin;
  // A forgotten PIN is replaced only on the PIN of who may sign it (the
  // president; for the president, another member), which signs it.
  if (!had_pin) return p;
  const std::vector<JuryMemberRecord>& jury = *s.jury;
  const JuryMemberRecord* member = nullptr;
  for (const auto& m : jury)
    if (m.uuid == a.member_uuid) member = &m;
  const JuryMemberRecord* signer = nullptr;
  for (const auto& m : jury) {
    if (!m.pin || !member || !may_sign_pin_reset(m.role, member->role, m.uuid == member->uuid)) continue;
    if (a.signer_uuid.empty() ? (!signer && (m.role == JuryRole::President || member->role == JuryRole::President))
                              : m.uuid == a.signer_uuid)
      signer = &m;
  }
  const bool president = member && member->role == JuryRole::President;
  const std::string only = "le code de " + p.name + " ne peut être réinitialisé qu’avec celui " +
                           (president ? "d’un autre membre du jury." : "du président du jury.");
  if (!signer && !a.signer_uuid.empty()) {
    std::string why = only;
    why[0] = 'L';
    throw Refusal{why, {}, {}};
  }
  if (!signer)
    throw Refusal{(president ? "Aucun autre membre du jury n’a de code\u00A0: " : "Aucun président du jury n’a de code\u00A0: ") + only,
                  {}, {}};
  p.by = signer->uuid;
  p.by_name = signer->name;
  if (!a.signer_key && ctx.replaying && !a.recorded_signature.empty()) {
    p.signature = a.recorded_signature;
    return p;
  }
  const std::string whose = (president ? "de " : "du président (") + signer->name + (president ? "" : ")");
  if (!a.signer_key)
    throw Refusal{"Saisissez le code " + whose + " pour réinitialiser celui de " + p.name + ".",
                  {{"signer_pin", "Code de " + signer->name + " requis."}}, {}};
  if (!key_matches(*a.signer_key, *signer->pin))
    throw Refusal{"Code " + (president ? "de " + signer->name : std::string("du président")) +
                      " incorrect\u00A0: le code de " + p.name + " n’est pas changé.",
                  {{"signer_pin", "Code incorrect."}}, {}};
  p.signature = sign_with_member_key(*a.signer_key, pin_reset_message(ctx.audit_head(), a.member_uuid, a.pin.public_key));
  return p;
}

// The candidate's session sheets, as many as the title's draw is made
// between: a missing one is empty (filled before the draw); one beyond the
// count is a problem, in French, naming its field.
static std::optional<FieldError> fit_sheets(CandidateInput& in, const Title& title) {
  const auto count = static_cast<std::size_t>(title.session_sheet_count());
  for (std::size_t i = count; i < in.sheets.size(); ++i)
    if (!trimmed(in.sheets[i]).empty())
      return FieldError{"sheet" + std::to_string(i + 1),
                        "Le titre " + title.display_name() + " prévoit " + sheet_count_words(static_cast<int>(count)) +
                            " fiches séances, pas " + sheet_count_words(static_cast<int>(i + 1)) + "."};
  in.sheets.resize(count);
  return std::nullopt;
}

payload::AddCandidate rule(const action::AddCandidate& a, const CandidateSlice& s, const RuleContext& ctx) {
  CandidateInput in = a.candidate;
  if (auto e = fit_sheets(in, *ctx.title)) refuse_if_invalid({*e});
  refuse_if_invalid(validate(in));
  refuse_unknown_ccps(*ctx.title, in.ccps, in.by_equivalence);
  refuse_number_taken(s, in.number);
  return {ctx.new_uuid(), candidate_fields(in)};
}

payload::EditCandidate rule(const action::EditCandidate& a, const CandidateSlice& s, const RuleContext& ctx) {
  CandidateInput in = a.candidate;
  if (auto e = fit_sheets(in, *ctx.title)) refuse_if_invalid({*e});
  refuse_if_invalid(validate(in));
  refuse_unknown_ccps(*ctx.title, in.ccps, in.by_equivalence);
  refuse_number_taken(s, in.number);
  // A CCP already under way stays on the candidate: its record must hold.
  for (const CcpId& ccp : s.run_ccps)
    if (!in.ccps.has(ccp))
      throw Refusal{"L’épreuve " + ccp + " de ce candidat est commencée\u00A0: il doit rester inscrit au " + ccp + ".",
                    {{"ccps", "Le " + ccp + " est déjà commencé."}}, {}};
  return {a.candidate_uuid, candidate_fields(s.candidate->data), candidate_fields(in)};
}

payload::SetAttendance rule(const action::SetAttendance& a, const CandidateSlice& s) {
  if ((a.attendance == Attendance::Absent || a.attendance == Attendance::Expected) && s.has_run)
    throw Refusal{a.attendance == Attendance::Absent
                      ? "Ce candidat a déjà commencé une épreuve\u00A0: il ne peut plus être déclaré absent."
                      : "Ce candidat a déjà commencé une épreuve\u00A0: sa présence ne peut plus être annulée.",
                  {}, {}};
  return {a.candidate_uuid, s.candidate->attendance, a.attendance};
}

payload::ImportCandidates rule(const action::ImportCandidates& a, const std::set<std::string>& existing,
                               const RuleContext& ctx) {
  if (a.rows.empty()) throw Refusal{a.source + "\u00A0: le fichier ne contient aucun candidat.", {}, {}};
  std::vector<RowError> problems;
  std::vector<CandidateInput> clean;
  std::map<std::string, int> seen;  // number -> first line
  for (const auto& row : a.rows) {
    CandidateInput in = row.candidate;
    if (auto e = fit_sheets(in, *ctx.title)) problems.push_back({row.line, e->message});
    for (const auto& f : validate(in)) problems.push_back({row.line, f.message});
    if (auto p = unknown_ccp_problem(*ctx.title, in.ccps, in.by_equivalence); !p.empty())
      problems.push_back({row.line, p});
    if (!in.number.empty()) {
      if (existing.count(in.number))
        problems.push_back({row.line, "le numéro " + in.number + " est déjà utilisé dans cette session."});
      auto [it, inserted] = seen.emplace(in.number, row.line);
      if (!inserted)
        problems.push_back({row.line, "le numéro " + in.number + " figure déjà à la ligne " +
                                          std::to_string(it->second) + "."});
    }
    clean.push_back(std::move(in));
  }
  if (!problems.empty())
    throw Refusal{a.source + "\u00A0: " + std::to_string(problems.size()) +
                      " problème(s)\u00A0; aucun candidat n’a été importé.",
                  {}, std::move(problems)};
  payload::ImportCandidates p;
  p.source = a.source;
  p.count = clean.size();
  for (const auto& in : clean) p.candidates.push_back({ctx.new_uuid(), candidate_fields(in)});
  return p;
}

// ------------------------------------------------------------ exam runs

payload::StartExam rule(const action::StartExam& a, const StartSlice& s, const RuleContext& ctx) {
  const CandidateRecord& cand = *s.candidate;
  const std::string who = cand.data.first_name + " " + cand.data.last_name;
  const std::string& ccp = a.ccp;
  if (!s.session_ccps.has(ccp)) throw Refusal{"Cette session n’examine pas le " + ccp + ".", {}, {}};
  if (cand.data.by_equivalence.has(ccp))
    throw Refusal{who + " détient le " + ccp + " par équivalence\u00A0: il n’est pas examiné.", {}, {}};
  if (!cand.data.ccps.has(ccp)) throw Refusal{who + " n’est pas inscrit(e) au " + ccp + ".", {}, {}};
  if (cand.attendance == Attendance::Absent || cand.attendance == Attendance::Withdrawn)
    throw Refusal{who + " est déclaré(e) " + (cand.attendance == Attendance::Absent ? "absent(e)" : "désisté(e)") +
                      "\u00A0: l’épreuve ne peut pas commencer. Corrigez sa présence s’il ou elle est là.",
                  {}, {}};
  if (s.already_started) throw Refusal{"L’épreuve " + ccp + " de " + who + " est déjà commencée.", {}, {}};
  if (!s.plan) throw Refusal{"Aucun plan d’épreuve pour le " + ccp + " n’est chargé.", {}, {}};
  payload::StartExam p{ctx.new_uuid(), a.candidate_uuid, ccp, {s.plan->id, s.plan->version}, std::nullopt,
                       cand.attendance};
  // The grid is fixed for the run now: a later grid never alters it.
  if (s.grid) p.grid = payload::StartExam::Version{s.grid->id, s.grid->version};
  // A new run starts under today's rules; a replayed one under its entry's.
  p.rules = ctx.replaying && a.rules > 0 ? a.rules : kDeliberationRules;
  return p;
}

TimerChange rule(const action::RecordTimerEvent& a, const RunSlice& run, const RuleContext& ctx) {
  const RunRecord& record = *run.record;
  StageTimer timer(*run.plan, record.events);
  // Only an extension has an amount; anything else sent with one is noise.
  TimerEvent ev{a.kind, trimmed(a.stage_id), ctx.now, a.kind == TimerEventKind::Extend ? a.amount_ms : 0,
                trimmed(a.reason)};
  // A pause starts when Space was pressed, not when its reason was typed;
  // never in the future, never before the event it follows.
  TimeMs pressed_at = 0;
  if (a.kind == TimerEventKind::Pause && a.pressed_at > 0) {
    if (a.pressed_at > ctx.now || ctx.now - a.pressed_at > action::kMaxPressDelayMs ||
        (!record.events.empty() && a.pressed_at < record.events.back().at))
      throw Refusal{"L’heure de la pause n’est plus valable : mettez en pause à nouveau.", {}, {}};
    ev.at = pressed_at = a.pressed_at;
  }
  // The jury sees the stage it acts on; when none is named, the event is
  // about the current one (or the next, for Next).
  int starting = timer.stage_to_start(ev);
  if (starting >= 0) {
    std::string need = draw_needed_refusal(*run.plan, starting, !record.draws.empty());
    if (!need.empty()) throw Refusal{need, {}, {}};
  }
  if (auto ok = timer.validate_next(ev); !ok) throw Refusal{ok.reason, {}, {}};
  timer.append(ev);
  if (ev.stage_id.empty()) {
    auto st = timer.status(ctx.now);
    if (st.stage_index >= 0) ev.stage_id = run.plan->stages[static_cast<std::size_t>(st.stage_index)].id;
  }
  TimerChange c;
  c.finishes_run = timer.status(ctx.now).state == TimerState::Finished;
  c.payload = {a.run_uuid, ev.kind, ev.stage_id, ev.amount, ev.reason, pressed_at};
  c.event = std::move(ev);
  return c;
}

static int session_sheets_of(const RunSlice& run, const RuleContext& ctx) {
  return session_sheets_for(ctx.title, run.record->ccp);
}

DrawChange rule(const action::DrawSheet& a, const RunSlice& run, const SessionSheetTitles& sheets,
                const RuleContext& ctx) {
  refuse_if_plan_has_no_draw(run);
  if (!ctx.random) throw Refusal{"Aucune source de hasard n’est disponible\u00A0: le tirage est impossible.", {}, {}};
  return recorded(run, draw_sheet(sheets, session_sheets_of(run, ctx), run.record->draws, a.reason, ctx.now, *ctx.random));
}

DrawChange rule(const action::ChooseSheet& a, const RunSlice& run, const SessionSheetTitles& sheets,
                const RuleContext& ctx) {
  refuse_if_plan_has_no_draw(run);
  return recorded(run, choose_sheet(sheets, session_sheets_of(run, ctx), run.record->draws, a.index, a.reason, ctx.now));
}

// ------------------------------------------------------------ marking

payload::RecordMark rule(const action::RecordMark& a, const MarkingSlice& m) {
  bool known = false;
  for (const auto& c : m.grid->competencies)
    for (const auto& cr : c.criteria) known = known || cr.id == a.criterion_id;
  if (!known) throw Refusal{"Critère inconnu de la grille " + m.grid->id + "\u00A0: " + a.criterion_id + ".", {}, {}};
  if (!a.level_id.empty() && !m.grid->level(a.level_id))
    throw Refusal{"Niveau inconnu de la grille " + m.grid->id + "\u00A0: " + a.level_id + ".", {}, {}};
  return {a.run_uuid, a.member_uuid, m.member_name, a.criterion_id, a.level_id, m.previous_level};
}

payload::SetObservation rule(const action::SetObservation& a, const MarkingSlice& m) {
  if (!m.grid->competency(a.competency_id))
    throw Refusal{"Compétence inconnue de la grille " + m.grid->id + "\u00A0: " + a.competency_id + ".", {}, {}};
  constexpr std::size_t kMaxObservation = 4000;
  if (a.text.size() > kMaxObservation)
    throw Refusal{"Les observations dépassent " + std::to_string(kMaxObservation) + " octets\u00A0: résumez-les.", {}, {}};
  return {a.run_uuid, a.member_uuid, m.member_name, a.competency_id, a.text};
}

// ------------------------------------------------------------ decisions

payload::DecideCompetency rule(const action::DecideCompetency& a, const DeliberationSlice& d) {
  refuse_if_locked(d);
  const RunRecord& run = *d.run.record;
  if (!d.grid->competency(a.competency_id))
    throw Refusal{"Compétence inconnue de la grille " + d.grid->id + "\u00A0: " + a.competency_id + ".", {}, {}};
  CompetencyStatus before = CompetencyStatus::Undecided;
  for (const auto& c : run.competency_decisions)
    if (c.competency_id == a.competency_id) before = c.status;
  const std::string reason = a.status == CompetencyStatus::Undecided ? std::string() : trimmed(a.reason);
  for (const auto& c : d.review.competencies)
    if (c.competency->id == a.competency_id)
      if (std::string why = competency_decision_refusal(c, a.status, reason, d.review.rules); !why.empty())
        throw Refusal{why, {{"reason", "Motif requis."}}, {}};
  constexpr std::size_t kMaxReason = 4000;
  if (reason.size() > kMaxReason)
    throw Refusal{"Le motif dépasse " + std::to_string(kMaxReason) + " octets\u00A0: résumez-le.", {}, {}};
  // The CCP decision stood on the old status: it is cleared, with its
  // confirmations, and the jury decides again (never a stale proposal).
  // `cleared` says so; otherwise a change clears the confirmations only.
  CcpOutcome cleared = CcpOutcome::Undecided;
  if (before != a.status && run.decision.decided != CcpOutcome::Undecided) cleared = run.decision.decided;
  return {a.run_uuid, a.competency_id, a.status, before, cleared, reason};
}

payload::DecideCcp rule(const action::DecideCcp& a, const DeliberationSlice& d) {
  const std::string justification = trimmed(a.justification);
  if (std::string why = ccp_decision_refusal(d.review, d.grid->decision_rule, a.outcome, justification); !why.empty())
    throw Refusal{why, {}, {}};
  constexpr std::size_t kMaxJustification = 8000;
  if (justification.size() > kMaxJustification)
    throw Refusal{"La justification dépasse " + std::to_string(kMaxJustification) + " octets\u00A0: résumez-la.", {}, {}};
  payload::DecideCcp p{a.run_uuid, d.review.proposed, a.outcome, justification, {}, d.run.record->decision.decided};
  for (const auto& c : d.review.competencies) p.competencies[c.competency->id] = c.decided;
  return p;
}

payload::ConfirmDecision rule(const action::ConfirmDecision& a, const DeliberationSlice& d, const RuleContext& ctx) {
  const std::vector<JuryMemberRecord>& jury = *d.jury;
  if (std::string why = confirmation_refusal(d.review, d.grid->decision_rule, jury, a.member_uuid, d.kind); !why.empty())
    throw Refusal{why, {}, {}};
  const RunRecord& run = *d.run.record;
  // The member proves the confirmation with the key of their PIN.
  std::string signature;
  for (const auto& m : jury) {
    if (m.uuid != a.member_uuid) continue;
    if (!m.pin) {
      if (member_pin_required(d.rules, d.kind))
        throw Refusal{m.name + " n’a pas encore de code\u00A0: définissez-le (écran de session, «\u00A0Code…\u00A0») "
                               "avant de confirmer.",
                      {}, {}};
      break;
    }
    if (!a.key && ctx.replaying && !a.recorded_signature.empty()) {
      signature = a.recorded_signature;
      break;
    }
    if (!a.key) throw Refusal{"Saisissez le code de " + m.name + " pour confirmer.", {{"pin", "Code requis."}}, {}};
    if (!key_matches(*a.key, *m.pin))
      throw Refusal{"Code incorrect pour " + m.name + "\u00A0: la confirmation n’est pas enregistrée.",
                    {{"pin", "Code incorrect."}}, {}};
    signature = sign_with_member_key(
        *a.key, confirmation_message(ctx.audit_head(), a.run_uuid, a.member_uuid, to_id(run.decision.decided)));
  }
  std::vector<std::string> confirmed = run.decision.confirmed_by;
  confirmed.push_back(a.member_uuid);
  const bool lock = confirmation_complete(jury, confirmed);
  // Locking freezes the run: text still being typed for it would be lost.
  if (lock && !d.pending_draft.empty()) {
    auto name = [&](std::string_view uuid) { return member_name(jury, std::string(uuid)); };
    throw Refusal{pending_draft_refusal(d.pending_draft, draft_field_label(d.pending_draft, name)), {}, {}};
  }
  return {a.run_uuid, a.member_uuid, member_name(jury, a.member_uuid), run.decision.decided, lock, signature};
}

// A reopening in an official session is signed with a PIN: the named
// member's, or the president's for « le jury ». Entries written before
// (no signature) replay as written, except in runs started under rules 2
// (core/deliberation.h), which were always signed.
ReopenChange rule(const action::ReopenDecision& a, const ReopeningSlice& r, const RuleContext& ctx) {
  const RunRecord& run = *r.run.record;
  const std::vector<JuryMemberRecord>& jury = *r.jury;
  const std::string reason = trimmed(a.reason);
  if (std::string why = reopening_refusal(run.decision, reason); !why.empty()) throw Refusal{why, {}, {}};
  std::string by;
  if (!a.member_uuid.empty()) {
    const JuryMemberRecord* m = nullptr;
    for (const auto& x : jury)
      if (x.uuid == a.member_uuid) m = &x;
    if (!m) refuse_member_not_in_jury();
    by = m->name;
  }
  std::string signer_uuid, signature;
  if (r.kind == SessionKind::Official) {
    const JuryMemberRecord* signer = nullptr;
    for (const auto& m : jury)
      if (a.member_uuid.empty() ? m.role == JuryRole::President : m.uuid == a.member_uuid) signer = &m;
    bool taken_as_written = false;
    if (ctx.replaying && !a.key) {
      if (!a.recorded_signature.empty()) {
        signer_uuid = a.recorded_signer;
        signature = a.recorded_signature;
        taken_as_written = true;
      } else if (run.rules < 2) {
        taken_as_written = true;
      }
    }
    if (!taken_as_written) {
      if (!signer) throw Refusal{"Aucun président dans ce jury\u00A0: nommez le membre qui rouvre, avec son code.", {}, {}};
      const std::string who =
          a.member_uuid.empty() ? "de la présidence du jury (" + signer->name + ")" : "de " + signer->name;
      if (!signer->pin)
        throw Refusal{signer->name + " n’a pas de code\u00A0: définissez-le (écran de session, «\u00A0Code…\u00A0») "
                                     "avant de rouvrir en son nom.",
                      {}, {}};
      if (!a.key) throw Refusal{"Saisissez le code " + who + " pour rouvrir.", {{"pin", "Code requis."}}, {}};
      if (!key_matches(*a.key, *signer->pin))
        throw Refusal{"Code incorrect\u00A0: c’est le code " + who + " qui rouvre. Rien n’est rouvert.",
                      {{"pin", "Code incorrect."}}, {}};
      signer_uuid = signer->uuid;
      signature = sign_with_member_key(
          *a.key, reopening_message(ctx.audit_head(), a.run_uuid, a.member_uuid, signer->uuid, reason));
    }
  }
  ReopenChange c;
  c.payload = {a.run_uuid, reason, by.empty() ? std::string() : a.member_uuid, by, run.decision.decided,
               *run.decision.locked_at, signer_uuid, signature};
  // Its actor: the member who reopened, when named (the PV prints the name).
  c.actor = by.empty() ? std::string(ctx.actor) : a.member_uuid;
  return c;
}

payload::RecordInterruption rule(const action::RecordInterruption& a, const RunSlice& run, const RuleContext& ctx) {
  if (a.from_ms <= 0 || a.to_ms <= a.from_ms || a.to_ms > ctx.now)
    throw Refusal{"Interruption incohérente\u00A0: sa fin doit suivre son début, sans dépasser l’heure actuelle.", {}, {}};
  if (a.from_ms < run.record->started_at || run.record->finished_at)
    throw Refusal{"Une interruption ne se note que pendant l’épreuve.", {}, {}};
  return {a.run_uuid, a.from_ms, a.to_ms, a.cause};
}

payload::SetFeedback rule(const action::SetFeedback& a, const FeedbackSlice& f) {
  if (!f.grid || !f.grid->competency(a.competency_id))
    throw Refusal{"Compétence inconnue de la grille de cette épreuve\u00A0: " + a.competency_id + ".", {}, {}};
  refuse_if_too_long(a.strengths, "«\u00A0Points forts\u00A0»");
  refuse_if_too_long(a.improvements, "«\u00A0Axes de progrès\u00A0»");
  return {a.run_uuid, a.competency_id, a.strengths, a.improvements};
}

payload::SetFeedbackAdvice rule(const action::SetFeedbackAdvice& a, const FeedbackSlice&) {
  refuse_if_too_long(a.text, "Le conseil");
  return {a.run_uuid, a.text};
}

}  // namespace jurymn
