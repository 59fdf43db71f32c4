// SPDX-License-Identifier: EUPL-1.2
// Session d'examen: the jury, and the candidate list with search and
// attendance. Forms for a candidate and the CSV import are popups.
#include <imgui.h>

#include <algorithm>
#include <utility>
#include <imgui_stdlib.h>

#include "core/search.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

void open_pin_reset(UiState& state, const std::string& member_uuid) {
  state.nav.dialog = DialogRequest{Popup::PinReset, member_uuid};
}

namespace {

void session_header(UiState& state, SessionPanel& panel, const SessionRecord& s, const Environment& env) {
  ImGui::PushFont(env.fonts.heading);
  text(s.title.c_str());
  ImGui::PopFont();
  // The PV can be printed at any time; an early one says what is missing.
  if (env.services.write_proces_verbal && env.services.export_results) {
    const char* pv = "Procès-verbal de la session";
    const bool rehearsal = s.kind == SessionKind::Rehearsal;
    // A mock jury's export says what it is before anyone sends it on.
    const char* out = rehearsal ? "Exporter (jury blanc)" : "Exporter les résultats signés";
    const char* group = "Vue du groupe";
    const char* audit = "Journal d’audit";
    std::vector<std::string> labels;
    if (rehearsal) labels.push_back(group);
    labels.insert(labels.end(), {audit, pv, out});
    // No bundle from a centre's base: each comes from the laptop that held
    // the session (the export refuses it too).
    const bool centre = env.store.centre_base();
    std::vector<bool> disabled(labels.size(), false);
    disabled.back() = centre;
    int hovered = -1;
    const int pressed = right_buttons(labels, disabled, &hovered);
    const std::string chosen = pressed >= 0 ? labels[static_cast<std::size_t>(pressed)] : "";
    const std::string over = hovered >= 0 ? labels[static_cast<std::size_t>(hovered)] : "";
    if (chosen == group) state.screen = Screen::Group;
    if (chosen == audit) open_audit(state, "");
    if (chosen == pv) {
      ui::ImportOutcome o = env.services.write_proces_verbal(s.uuid);
      state.notice = Notice{o.summary, !o.ok, env.clock.now_ms()};
    }
    if (chosen == out) start_results_export(panel.export_panel, env);
    if (over == audit)
      ImGui::SetTooltip("Chaque saisie de la session, horodatée, et le contrôle de la chaîne du journal.");
    if (over == out && centre)
      ImGui::SetTooltip("Base d’un centre d’examen\u00A0: les lots viennent des ordinateurs des jurys, on n’en "
                        "exporte pas d’ici.");
    else if (over == out)
      ImGui::SetTooltip(rehearsal ? "Jury blanc\u00A0: une session d’entraînement, sans valeur de certification. Le "
                                    "dossier se termine par «\u00A0-jury-blanc\u00A0»\u00A0; le centre d’examen ne "
                                    "l’importe que s’il le demande expressément."
                                  : "Un dossier pour le centre d’examen\u00A0: résultats, signature, clé publique, "
                                    "tableau CSV et procès-verbal.");
  }
  text_muted(french_date(s.date) + "  ·  " + s.exam_centre + "  ·  " + label(s.kind) + "  ·  " + label(s.ccps));
  ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
  for (const auto& note : state.view.centre_notes) text_wrapped(note);
  ImGui::PopStyleColor();
}

// A PIN field: hidden as typed.
// Its hint is what to type (« au moins 6 chiffres »): when the field is too
// narrow for it (the jury panel), it is a line above the field, not a
// placeholder cut to « Code du membre (au moins 6 chi ».
bool pin_field(const char* id, const char* hint, std::string* pin) {
  const float room = ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().FramePadding.x;
  const bool fits = ImGui::CalcTextSize(hint).x <= room;
  if (!fits) text_muted(hint);
  ImGui::SetNextItemWidth(-1);
  return ImGui::InputTextWithHint(id, fits ? hint : "", pin,
                                  ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
}

// Checks the two PINs typed and derives the member's record (slow by
// design: Argon2id at the interactive cost); "" or the French problem.
std::string new_pin_from(const std::string& pin, const std::string& again, std::optional<NewMemberPin>& out) {
  if (std::string why = pin_problem(pin); !why.empty()) return why;
  if (pin != again) return "Les deux saisies du code diffèrent.";
  try {
    out = new_member_pin(pin, PinCost::interactive());
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

void pin_reset_popup(UiState& state, PinResetForm& f) {
  const JuryMemberRecord* who = nullptr;
  for (const auto& m : state.view.jury)
    if (m.uuid == f.member_uuid) who = &m;
  // Who may sign a forgotten PIN's reset: the president, or for the
  // president another member with a PIN (the jury picks which).
  std::vector<const JuryMemberRecord*> signers;
  if (who)
    for (const auto& m : state.view.jury)
      if (m.pin && may_sign_pin_reset(m.role, who->role, m.uuid == who->uuid)) signers.push_back(&m);
  const JuryMemberRecord* signer = signers.empty() ? nullptr : signers.front();
  for (const auto* m : signers)
    if (m->uuid == f.signer_uuid) signer = m;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
  // Recorded between frames (below), its member cleared: closed before it draws again.
  if (!who) close_dialog("Code du membre");
  Dialog dialog("Code du membre", who != nullptr, ImGuiWindowFlags_NoResize);
  if (!dialog) return;
  auto close = [&] {
    f = PinResetForm{};
    dialog.close();
  };
  if (!who) return close();
  const bool reset = who->pin.has_value();
  const bool president = who->role == JuryRole::President;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 29);
  if (reset)
    ImGui::TextWrapped("%s a oublié son code : le nouveau code n’est enregistré qu’avec celui %s, et la "
                       "réinitialisation reste au journal et sur le procès-verbal.",
                       who->name.c_str(), president ? "d’un autre membre du jury" : "du président du jury");
  else
    ImGui::TextWrapped("%s choisit son code (au moins 6 chiffres, ou une phrase de passe) : il le saisira pour "
                       "confirmer chaque décision.",
                       who->name.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool enter = pin_field("##new_pin", "Nouveau code", &f.pin);
  enter |= pin_field("##new_pin_again", "Nouveau code, une seconde fois", &f.pin_again);
  if (reset) {
    if (signers.size() > 1) {
      text("Code saisi par\u00A0:");
      for (const auto* m : signers)
        if (ImGui::RadioButton(m->name.c_str(), m == signer)) f.signer_uuid = m->uuid;
    }
    if (signer)
      enter |= pin_field("##signer_pin",
                         (signer->role == JuryRole::President ? "Code du président (" + signer->name + ")"
                                                               : "Code de " + signer->name)
                             .c_str(),
                         &f.signer_pin);
    else
      text_coloured(colour::error, president ? "Aucun autre membre n’a de code\u00A0: ce code ne peut pas être réinitialisé."
                                             : "Aucun président n’a de code\u00A0: ce code ne peut pas être réinitialisé.");
  }
  if (!f.error.empty()) text_coloured(colour::error, f.error);
  if (ImGui::Button("Enregistrer le code") || enter || dialog.validated()) {
    std::optional<NewMemberPin> fresh;
    f.error = new_pin_from(f.pin, f.pin_again, fresh);
    std::optional<MemberKey> signer_key;
    if (f.error.empty() && reset && signer) {
      signer_key = state.member_keys.unlock(signer->uuid, *signer->pin, f.signer_pin);
      if (!signer_key) f.error = "Code de " + signer->name + " incorrect.";
    }
    // Recorded after this frame, the signer's key moved into the action (it
    // lives no longer than the action): then the dialog closes (its member
    // cleared), or says why not.
    if (f.error.empty())
      emit(state,
           action::ResetMemberPin{who->uuid, fresh->record, std::move(signer_key), {},
                                  signer ? signer->uuid : std::string()},
           "Le code de " + who->name + " est enregistré.", [&f](const ApplyResult& r) {
             if (r.ok) f = PinResetForm{};
             else f.error = r.error;
           });
    f.pin.clear();
    f.pin_again.clear();
    f.signer_pin.clear();
  }
  ImGui::SameLine();
  if (dialog.cancel_button()) f = PinResetForm{};
}

void jury_panel(UiState& state, SessionPanel& panel, const Environment& env, bool writable) {
  const auto& v = state.view;
  const bool official = v.session && v.session->kind == SessionKind::Official;
  heading(env.fonts, "Jury");
  if (v.jury.empty()) text_muted("Aucun membre du jury pour l’instant.");
  for (const auto& m : v.jury) {
    ImGui::PushID(m.uuid.c_str());
    text(m.name);
    text_muted(std::string(label(m)) + (m.pin ? " · code défini" : (official ? " · sans code" : "")));
    ImGui::BeginDisabled(!writable);
    if (ImGui::SmallButton("Retirer")) emit(state, action::RemoveJuryMember{m.uuid}, m.name + " ne fait plus partie du jury.");
    ImGui::SameLine();
    if (ImGui::SmallButton(m.pin ? "Code oublié…" : "Code…")) panel.pin_reset = PinResetForm{m.uuid, {}, {}, {}, {}};
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  pin_reset_popup(state, panel.pin_reset);
  ImGui::Spacing();
  auto& form = panel.jury_form;
  ImGui::BeginDisabled(!writable);
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputTextWithHint("##member_name", "Prénom et nom", &form.input.name,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  field_error(form.errors, "name");
  // How the member is named, by their own choice (stored, printed on the PV).
  const bool president = form.input.role == JuryRole::President;
  // The three on one line when the panel is wide enough, else wrapped (the
  // last one fell off the narrow jury panel).
  const auto radio_width = [](const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
  };
  if (ImGui::RadioButton("Président", president && !form.input.feminine)) form.input = {form.input.name, JuryRole::President, false};
  same_line_if_fits(radio_width("Présidente"));
  if (ImGui::RadioButton("Présidente", president && form.input.feminine)) form.input = {form.input.name, JuryRole::President, true};
  same_line_if_fits(radio_width("Membre"));
  if (ImGui::RadioButton("Membre", !president)) form.input = {form.input.name, JuryRole::Member, false};
  // An official jury's members each choose a PIN; a mock jury may skip it.
  enter |= pin_field("##member_pin", official ? "Code du membre (au moins 6 chiffres)" : "Code (facultatif en jury blanc)",
                     &form.pin);
  if (!form.pin.empty() || official)
    enter |= pin_field("##member_pin_again", "Code, une seconde fois", &form.pin_again);
  field_error(form.errors, "pin");
  if (ImGui::Button("Ajouter au jury") || enter) {
    std::optional<NewMemberPin> fresh;
    std::string why;
    if (official || !form.pin.empty()) why = new_pin_from(form.pin, form.pin_again, fresh);
    form.pin.clear();
    form.pin_again.clear();
    if (!why.empty()) {
      form.errors = {{"pin", why}};
    } else {
      std::optional<MemberPin> record;
      if (fresh) record = fresh->record;
      // Added after this frame: then the form is emptied, or shows why not
      // under its fields.
      emit(state, action::AddJuryMember{state.session_uuid, form.input, record},
           form.input.name + " rejoint le jury (" +
               std::string(french_label(form.input.role, form.input.feminine)) + ").",
           [&form](const ApplyResult& r) {
             form.errors = r.field_errors;
             if (r.field_errors.empty() && !r.ok) form.errors.push_back({"name", r.error});
             if (r.ok) form = JuryForm{};
           });
    }
  }
  ImGui::EndDisabled();
}

void attendance_combo(UiState& state, const Environment&, const CandidateRecord& c, bool writable) {
  ImGui::SetNextItemWidth(-1);
  ImGui::BeginDisabled(!writable);
  if (ImGui::BeginCombo("##attendance", label(c.attendance))) {
    for (auto a : {Attendance::Expected, Attendance::Present, Attendance::Absent, Attendance::Withdrawn}) {
      if (ImGui::Selectable(label(a), a == c.attendance) && a != c.attendance) {
        std::string who = c.data.first_name + " " + c.data.last_name;
        emit(state, action::SetAttendance{c.uuid, a}, who + "\u00A0: " + label(a) + ".");
      }
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
}

// True when one of `ccps` is examined under a plan that draws a session sheet.
bool draws_a_sheet(const Store& store, const CcpSet& ccps) {
  for (const auto& id : ccps.ids)
    if (const ExamPlan* plan = store.current_plan(id); plan && plan->draw_stage_index() >= 0) return true;
  return false;
}

// The list's figures, derived again only when what they come from changed.
void refresh_list(CandidateList& l, const UiState& state) {
  const auto& v = state.view;
  const bool same_view = l.revision == v.revision && l.session_uuid == v.uuid;
  if (!same_view || l.runs_read != v.runs.data() || l.run_count != v.runs.size()) {
    l.runs_of.clear();
    for (int i = 0; i < static_cast<int>(v.runs.size()); ++i)
      l.runs_of[v.runs[static_cast<std::size_t>(i)].candidate_uuid].push_back(i);
    l.runs_read = v.runs.data();
    l.run_count = v.runs.size();
  }
  if (!same_view || l.font_size != ImGui::GetFontSize()) {
    l.widest_name = ImGui::CalcTextSize("Nom et prénom").x;
    for (const auto& c : v.candidates)
      l.widest_name = std::max(l.widest_name, ImGui::CalcTextSize((c.data.last_name + " " + c.data.first_name).c_str()).x);
    l.font_size = ImGui::GetFontSize();
  }
  if (!same_view || l.search != state.search) {
    l.shown.clear();
    l.shown.reserve(v.candidates.size());
    for (int i = 0; i < static_cast<int>(v.candidates.size()); ++i)
      if (search_matches(v.search_keys[static_cast<std::size_t>(i)], state.search)) l.shown.push_back(i);
    l.search = state.search;
  }
  l.revision = v.revision;
  l.session_uuid = v.uuid;
}

// Per CCP the candidate sits: start it, or open it on the exam screen.
void exam_buttons(UiState& state, const Environment& env, const CandidateList& list, const CandidateRecord& c,
                  bool writable) {
  bool first = true;
  const Title& title = env.store.title();
  for (const CcpId& id : c.data.by_equivalence.ids) {
    if (!first) ImGui::SameLine();
    ImGui::TextDisabled("%s équiv.", id.c_str());
    if (ImGui::IsItemHovered()) {
      const Equivalence* e = title.equivalence_for(id);
      ImGui::SetTooltip("%s acquis par équivalence%s\u00A0: il n’est pas examiné.", id.c_str(),
                        e ? (" (" + e->label + ")").c_str() : "");
    }
    first = false;
  }
  for (const CcpId& ccp : c.data.ccps.ids) {
    if (!state.view.session->ccps.has(ccp)) continue;
    // Beside the previous button when the cell has room, else under it.
    auto place = [&first](const std::string& label) {
      if (!first) same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
      first = false;
    };
    ImGui::PushID(ccp.c_str());
    const std::string& name = ccp;
    const RunRecord* run = nullptr;
    if (auto its = list.runs_of.find(c.uuid); its != list.runs_of.end())
      for (int i : its->second)
        if (const auto& r = state.view.runs[static_cast<std::size_t>(i)]; r.ccp == ccp) run = &r;
    if (run) {
      std::string label = name + (run->finished_at ? " ✓ terminé" : " ▶ en cours");
      if (run->finished_at) {
        const CcpDecisionRecord& d = run->decision;
        if (d.locked()) label = name + (d.decided == CcpOutcome::Obtained ? " ✓ obtenu" : " ✗ non obtenu");
        else label = name + " · à délibérer";
      }
      std::string stage;
      if (const ExamPlan* plan = env.store.find_plan(run->plan_id, run->plan_version); plan && !run->finished_at) {
        auto st = StageTimer(*plan, run->events).status(env.clock.now_ms());
        if (st.stage_index >= 0 && (st.state == TimerState::Running || st.state == TimerState::Paused))
          stage = plan->stages[static_cast<std::size_t>(st.stage_index)].label;
        else if (st.state == TimerState::NotStarted || st.state == TimerState::BetweenStages)
          label = name + " ▶ à suivre";
      }
      place(label);
      if (ImGui::SmallButton(label.c_str())) {
        open_exam(state, run->uuid);
        if (run->finished_at) state.screen = Screen::Deliberation;
      }
      if (run->decision.locked() && ImGui::IsItemHovered())
        ImGui::SetTooltip("Résultat verrouillé après confirmation par le jury");
      if (!stage.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("Étape en cours\u00A0: %s", stage.c_str());
    } else {
      const bool can = writable && c.attendance != Attendance::Absent && c.attendance != Attendance::Withdrawn;
      ImGui::BeginDisabled(!can);
      place("Commencer " + name);
      if (ImGui::SmallButton(("Commencer " + name).c_str())) {
        // Applied after this frame, which draws from the view the new run
        // joins: its exam opens then, by the run's uuid.
        emit(state, action::StartExam{c.uuid, ccp},
             "Épreuve " + name + " ouverte\u00A0: " + c.data.first_name + " " + c.data.last_name + " est présent(e).",
             [&state](const ApplyResult& r) {
               if (r.ok) open_exam(state, r.created_uuid);
             });
      }
      ImGui::EndDisabled();
    }
    ImGui::PopID();
  }
}

void candidates_panel(UiState& state, SessionPanel& own, const Environment& env, bool writable) {
  const auto& v = state.view;
  ImGui::PushFont(env.fonts.heading);
  ImGui::Text("Candidats (%zu)", v.candidates.size());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::BeginDisabled(!writable);
  if (ImGui::Button("Ajouter un candidat…")) start_candidate_form(own.candidate_form, state, {});
  ImGui::SameLine();
  if (ImGui::Button("Importer un fichier CSV…")) start_import(own.import, state, env);
  ImGui::EndDisabled();

  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  ImGui::InputTextWithHint("##search", "Rechercher (numéro, nom, prénom)…", &state.search);

  refresh_list(own.list, state);
  const std::vector<int>& shown = own.list.shown;
  if (!state.search.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%zu résultat(s)", shown.size());
  }
  if (v.candidates.empty()) {
    text_muted("Aucun candidat\u00A0: ajoutez-les un par un ou importez la liste (CSV).");
    return;
  }

  // Fixed widths and a horizontal scrollbar when zoomed in: nothing is ever
  // cut, the name column takes what is left.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float em = ImGui::GetFontSize();
  const int ccp_count = std::max<int>(1, static_cast<int>(v.session->ccps.ids.size()));
  // The widest label a CCP's button can take (exam_buttons), not only
  // « Commencer CCPn »: « CCP2 ✗ non obtenu » was cut to « non obten… ».
  float button = 0;
  for (const auto& id : v.session->ccps.ids)
    for (const char* state_label : {"Commencer ", " ✓ terminé", " ▶ en cours", " ▶ à suivre", " ✓ obtenu",
                                    " ✗ non obtenu", " · à délibérer"}) {
      const std::string label = state_label[0] == 'C' ? state_label + id : id + state_label;
      button = std::max(button, ImGui::CalcTextSize(label.c_str()).x + 2 * style.FramePadding.x);
    }
  // Side by side when the panel has room for them, else one under the other
  // (exam_buttons puts a button on the line only when it fits).
  const float side_by_side = ccp_count * button + (ccp_count - 1) * style.ItemSpacing.x;
  const float panel = ImGui::GetContentRegionAvail().x;
  const float widths[] = {em * 4.2f, 0, em * 3.5f, em * 6.2f,
                          panel > em * 24 + side_by_side + em * 12 ? side_by_side : button};
  float names = own.list.widest_name;
  float others = 0;
  for (float w : widths) others += w + 2 * style.CellPadding.x;
  // Long names wrap rather than push the exam buttons out of sight; the
  // horizontal scrollbar stays for what cannot shrink (the buttons).
  const float room = ImGui::GetContentRegionAvail().x - others - 2 * style.CellPadding.x - style.ScrollbarSize;
  names = std::max(std::min(names, std::max(room, em * 9)), room);
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("candidates", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("N°", ImGuiTableColumnFlags_WidthFixed, widths[0]);
  ImGui::TableSetupColumn("Nom et prénom", ImGuiTableColumnFlags_WidthFixed, names);
  ImGui::TableSetupColumn("Fiches", ImGuiTableColumnFlags_WidthFixed, widths[2]);
  ImGui::TableSetupColumn("Présence", ImGuiTableColumnFlags_WidthFixed, widths[3]);
  ImGui::TableSetupColumn("Épreuves", ImGuiTableColumnFlags_WidthFixed, widths[4]);
  headers_row();
  ImGuiListClipper clipper;  // thousands of candidates: draw only the visible rows
  clipper.Begin(static_cast<int>(shown.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto& c = v.candidates[static_cast<std::size_t>(shown[static_cast<std::size_t>(row)])];
      ImGui::PushID(c.uuid.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      text(c.data.number.c_str());
      ImGui::TableNextColumn();
      std::string name = wrap_lines(c.data.last_name + " " + c.data.first_name, names);
      ImGui::BeginDisabled(!writable);
      if (ImGui::Selectable(name.c_str())) start_candidate_form(own.candidate_form, state, c.uuid);
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Cliquez pour modifier le candidat et ses fiches séances.");
      ImGui::TableNextColumn();
      int sheets = sheet_count(c.data.sheets);
      if (!draws_a_sheet(env.store, c.data.ccps))
        text_muted("—");  // only a CCP whose plan has a draw needs session sheets
      else if (const int needed = env.store.title().session_sheet_count(); sheets >= needed)
        ImGui::TextColored(colour::ok, "✓ %d/%d", needed, needed);
      else
        ImGui::TextColored(colour::error, "%d/%d", sheets, needed);
      ImGui::TableNextColumn();
      attendance_combo(state, env, c, writable);
      ImGui::TableNextColumn();
      exam_buttons(state, env, own.list, c, writable);
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace

void session_screen(UiState& state, SessionPanel& panel, const Environment& env) {
  const auto& v = state.view;
  if (!v.session) return;
  const bool writable = env.read_only_reason.empty();
  session_header(state, panel, *v.session, env);
  ImGui::Spacing();
  float left = std::max(ImGui::GetFontSize() * 14, ImGui::GetContentRegionAvail().x * 0.22f);
  ImGui::BeginChild("##jury", ImVec2(left, 0), true);
  jury_panel(state, panel, env, writable);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##candidates", ImVec2(0, 0), true);
  candidates_panel(state, panel, env, writable);
  ImGui::EndChild();
}

}  // namespace jurymn::ui
