// SPDX-License-Identifier: EUPL-1.2
// Accueil: what the tool is, what to do first, and the sessions on file.
#include <imgui.h>
#include <imgui_internal.h>  // SetFocusID: the keyboard starts on the sessions
#include <imgui_stdlib.h>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

namespace {

void sessions_table(UiState& state, const std::vector<SessionRecord>& sessions, const Environment& env, bool focus_first) {
  if (sessions.empty()) {
    text_muted("Aucune session d’examen pour l’instant.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("sessions", 5, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("30 septembre 2026").x);
  ImGui::TableSetupColumn("Intitulé", ImGuiTableColumnFlags_WidthStretch, 1);
  ImGui::TableSetupColumn("Centre d’examen", ImGuiTableColumnFlags_WidthStretch, 1);
  // « Examen officiel » wraps in two lines: the room goes to the names.
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Jury blanc").x);
  ImGui::TableSetupColumn("Candidats", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Candidats").x);
  headers_row();
  for (const auto& s : sessions) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(s.uuid.c_str());
    // The whole row is one selectable: a click or Enter opens the session.
    const bool clicked = ImGui::Selectable(french_date(s.date).c_str(), false,
                                           ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
    // ImGui 1.86 activates a focused item with Space only: Enter is ours.
    const bool entered = ImGui::IsItemFocused() && !ImGui::GetIO().WantTextInput &&
                         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
    if (clicked || entered) open_session(state, env, s.uuid);
    if (focus_first && &s == &sessions.front()) {
      // Arriving home, the keyboard is on the newest session, framed: Enter
      // opens it, the arrows move to the others (ImGui 1.86 has no public
      // call to focus a selectable).
      ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
      ImGui::GetCurrentContext()->NavDisableHighlight = false;
    }
    ImGui::TableNextColumn();
    text_wrapped(s.title.c_str());
    text_muted(label(s.ccps).c_str());
    ImGui::TableNextColumn();
    text_wrapped(s.exam_centre.c_str());
    ImGui::TableNextColumn();
    if (s.kind == SessionKind::Rehearsal)
      text_coloured(colour::rehearsal, label(s.kind));
    else
      text(label(s.kind));
    ImGui::TableNextColumn();
    ImGui::Text("%d", s.candidate_count);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void home_screen(UiState& state, HomePanel& home, const Environment& env, bool arrived) {
  if (home.revision != env.store.revision()) {
    home.sessions = env.store.sessions();
    home.revision = env.store.revision();
  }
  const bool writable = env.read_only_reason.empty();
  float left = ImGui::GetContentRegionAvail().x * 0.38f;

  ImGui::BeginChild("##intro", ImVec2(left, 0), false);
  heading(env.fonts, "Bienvenue");
  ImGui::TextWrapped(
      "Jury MN accompagne le jury des épreuves du titre professionnel «\u00A0Médiateur numérique\u00A0»\u00A0: "
      "sessions, jury et candidats, déroulé du CCP1 et du CCP2 étape par étape avec minutage, tirage au sort "
      "de la fiche séance, grilles d’évaluation %s notées par chaque membre du jury, délibération "
      "confirmée par chacun, procès-verbal à imprimer et export signé des résultats pour le centre d’examen.",
      competency_span_text(env.store.title()).c_str());
  ImGui::Spacing();
  ImGui::TextWrapped(
      "Chaque saisie est enregistrée à l’instant où elle est faite\u00A0: une panne, un couvercle fermé ou une "
      "batterie vide ne font rien perdre. Il n’y a pas de bouton «\u00A0Enregistrer\u00A0».");
  ImGui::Spacing();
  heading(env.fonts, "Pour commencer");
  text_wrapped("1. Créez la session d’examen du jour, officielle ou «\u00A0jury blanc\u00A0».");
  text_wrapped("2. Ajoutez les membres du jury et les candidats, à la main ou depuis un fichier CSV.");
  text_wrapped("3. Ouvrez la session et suivez les candidats un par un.");
  ImGui::Spacing();
  ImGui::BeginDisabled(!writable);
  if (ImGui::Button("Nouvelle session d’examen…")) start_session_form(home.session_form, env);
  ImGui::Spacing();
  if (ImGui::Button("Essayer avec une session de démonstration") && env.services.create_demo) {
    std::string err = env.services.create_demo();
    if (!err.empty()) state.notice = Notice{err, true, env.clock.now_ms()};
  }
  ImGui::EndDisabled();
  help_marker("Crée une session «\u00A0jury blanc\u00A0» avec des candidats fictifs, pour découvrir l’outil sans risque.");
  ImGui::Spacing();
  heading(env.fonts, "Copier la base");
  if (home.copy_path.empty() && env.services.default_copy_path) home.copy_path = env.services.default_copy_path();
  text_wrapped("Une copie complète et cohérente de toutes les sessions, à garder sur une clé USB par exemple.");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##copy", &home.copy_path);
  if (ImGui::Button("Copier la base…") && env.services.copy_database)
    home.copy_outcome = env.services.copy_database(home.copy_path);
  if (home.copy_outcome) {
    ImGui::PushStyleColor(ImGuiCol_Text, home.copy_outcome->ok ? colour::ok : colour::error);
    text_wrapped(home.copy_outcome->summary.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  heading(env.fonts, "Clé de signature de cet ordinateur");
  const std::string fingerprint = env.services.key_fingerprint ? env.services.key_fingerprint() : std::string();
  if (fingerprint.empty()) {
    text_wrapped("Elle sera créée au premier export des résultats.");
  } else {
    text(fingerprint.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    text_wrapped("Le centre d’examen peut vous la demander par téléphone pour vérifier vos envois.");
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("##sessions", ImVec2(0, 0), false);
  heading(env.fonts, "Sessions d’examen");
  text_muted("Cliquez sur une session (ou Entrée) pour l’ouvrir.");
  sessions_table(state, home.sessions, env, arrived);
  ImGui::EndChild();
}

void open_session_form(UiState& state, const Environment&) { state.nav.dialog = DialogRequest{Popup::NewSession}; }

void start_session_form(SessionForm& form, const Environment& env) {
  form = SessionForm{};
  form.input.date = iso_day(env.clock.now_ms());
  // As before titles were data: the first CCP ticked, the others on demand.
  if (!env.store.title().ccps.empty()) form.input.ccps = {env.store.title().ccps.front().id};
  form.open = true;
}

void session_form_popup(UiState& state, SessionForm& form, const Environment& env) {
  const char* id = "Nouvelle session d’examen";
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  // Created between frames (below): closed before it draws again.
  if (!form.open) close_dialog(id);
  Dialog dialog(id, form.open);
  if (!dialog) return;
  auto& in = form.input;
  float field = ImGui::GetFontSize() * 24;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  text("Intitulé");
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint("##title", "Ex.\u00A0: Session CCP1 — mai 2026", &in.title);
  field_error(form.errors, "title");
  text("Date (AAAA-MM-JJ)");
  ImGui::SetNextItemWidth(field);
  ImGui::InputText("##date", &in.date);
  field_error(form.errors, "date");
  text("Centre d’examen");
  ImGui::SetNextItemWidth(field);
  ImGui::InputTextWithHint("##centre", "Ex.\u00A0: GIE Francil’IN formations", &in.exam_centre);
  field_error(form.errors, "exam_centre");
  text("Type de session");
  if (ImGui::RadioButton("Examen officiel", in.kind == SessionKind::Official)) in.kind = SessionKind::Official;
  ImGui::SameLine();
  if (ImGui::RadioButton("Jury blanc (entraînement)", in.kind == SessionKind::Rehearsal))
    in.kind = SessionKind::Rehearsal;
  text("CCP examinés");
  ccp_checkboxes(env.store.title(), in.ccps);
  field_error(form.errors, "ccps");
  ImGui::Separator();
  // Created after this frame: then the session opens, or the form shows
  // the store's field errors under the fields and stays open.
  if (ImGui::Button("Créer la session") || dialog.validated())
    emit(state, action::CreateSession{in}, "Session créée.", [&state, &form, env](const ApplyResult& r) {
      form.errors = r.field_errors;
      form.error = r.ok ? "" : r.error;
      if (!r.ok) return;
      form.open = false;
      open_session(state, env, r.created_uuid);
    });
  ImGui::SameLine();
  if (dialog.cancel_button()) form.open = false;
  if (!form.error.empty() && form.errors.empty()) text_coloured(colour::error, form.error.c_str());
}

}  // namespace jurymn::ui
