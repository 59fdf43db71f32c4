// SPDX-License-Identifier: EUPL-1.2
// Adding or editing one candidate, and importing a list from CSV.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "platform/platform.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

void open_candidate_form(UiState& state, const CandidateRecord* candidate) {
  state.nav.dialog = DialogRequest{Popup::Candidate, candidate ? candidate->uuid : std::string()};
}

void start_candidate_form(CandidateForm& form, const UiState& state, const std::string& candidate_uuid) {
  form = CandidateForm{};
  const CandidateRecord* candidate = nullptr;
  for (const auto& c : state.view.candidates)
    if (!candidate_uuid.empty() && c.uuid == candidate_uuid) candidate = &c;
  if (candidate) {
    form.editing_uuid = candidate->uuid;
    form.input = candidate->data;
  } else if (state.view.session) {
    form.input.ccps = state.view.session->ccps;
  }
  form.open = true;
}

void candidate_form_popup(UiState& state, CandidateForm& form, const Environment& env) {
  const char* id = "Candidat";
  // Recorded between frames (below): closed before it draws again.
  if (!form.open) close_dialog(id);
  Dialog dialog(id, form.open);
  if (!dialog) return;
  auto& in = form.input;
  const float em = ImGui::GetFontSize();
  ImGui::PushFont(env.fonts.heading);
  text(form.editing_uuid.empty() ? "Nouveau candidat" : "Modifier le candidat");
  ImGui::PopFont();

  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  text("Numéro de candidat");
  ImGui::SetNextItemWidth(em * 10);
  ImGui::InputText("##number", &in.number);
  field_error(form.errors, "number");

  text("Nom");
  ImGui::SetNextItemWidth(em * 28);
  ImGui::InputText("##last", &in.last_name);
  field_error(form.errors, "last_name");
  text("Prénom");
  ImGui::SetNextItemWidth(em * 28);
  ImGui::InputText("##first", &in.first_name);
  field_error(form.errors, "first_name");

  const Title& title = env.store.title();
  text("Inscrit au");
  ccp_checkboxes(title, in.ccps, in.by_equivalence);
  // A CCP held by equivalence is not examined: ticking it unticks the CCP.
  for (const Equivalence& e : title.equivalences) {
    bool held = in.by_equivalence.has(e.grants);
    const std::string text = e.grants + " acquis par équivalence (" + e.label + ")";
    if (ImGui::Checkbox(text.c_str(), &held)) {
      if (held) {
        in.by_equivalence.add(e.grants);
        in.ccps.remove(e.grants);
      } else {
        in.by_equivalence.remove(e.grants);
      }
    }
  }
  if (!title.equivalences.empty()) {
    help_marker("Un candidat qui détient un CCP par équivalence n’est pas examiné sur ce CCP.");
  }
  field_error(form.errors, "ccps");

  const int sheets = title.session_sheet_count();
  if (in.sheets.size() < static_cast<std::size_t>(sheets)) in.sheets.resize(static_cast<std::size_t>(sheets));
  text("Titres des " + sheet_count_words(sheets) + " fiches séances (pour le tirage au sort)");
  for (int i = 0; i < sheets; ++i) {
    ImGui::PushID(i);
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d.", i + 1);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 28);
    ImGui::InputTextWithHint("##sheet", "Ex.\u00A0: Créer son adresse e-mail", &in.sheets[static_cast<std::size_t>(i)]);
    field_error(form.errors, "sheet" + std::to_string(i + 1));
    ImGui::PopID();
  }
  ImGui::Separator();
  bool submit = ImGui::Button(form.editing_uuid.empty() ? "Ajouter le candidat" : "Enregistrer les modifications") ||
                dialog.validated();
  // Recorded after this frame: then the form closes, or shows the store's
  // field errors under the fields and stays open.
  if (submit) {
    const std::string who = trimmed(in.first_name) + " " + trimmed(in.last_name);
    const auto then = [&form](const ApplyResult& r) {
      form.errors = r.field_errors;
      form.error = r.ok ? "" : r.error;
      if (r.ok) form.open = false;
    };
    if (form.editing_uuid.empty())
      emit(state, action::AddCandidate{state.session_uuid, in}, who + "\u00A0: inscription enregistrée.", then);
    else
      emit(state, action::EditCandidate{form.editing_uuid, in}, who + "\u00A0: modifications enregistrées.", then);
  }
  ImGui::SameLine();
  if (dialog.cancel_button()) form.open = false;
  if (!form.error.empty() && form.errors.empty()) text_coloured(colour::error, form.error.c_str());
}

void open_import(UiState& state, const Environment&) { state.nav.dialog = DialogRequest{Popup::Import}; }

void start_import(ImportPanel& imp, const UiState& state, const Environment& env) {
  imp = ImportPanel{};
  if (state.view.session) imp.ccps = state.view.session->ccps;
  if (env.services.find_candidate_files) imp.suggestions = env.services.find_candidate_files();
  imp.open = true;
}

void import_popup(UiState& state, ImportPanel& imp, const Environment& env) {
  const char* id = "Importer des candidats (CSV)";
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 46, em * 30), ImGuiCond_Appearing);
  Dialog dialog(id, imp.open, ImGuiWindowFlags_None);
  if (!dialog) return;
  ImGui::TextWrapped(
      "Fichier CSV avec une ligne d’en-tête\u00A0: Numéro\u00A0; Nom\u00A0; Prénom, et au choix CCP, Équivalence CCP1, "
      "Fiche 1, Fiche 2, Fiche 3. Séparateur «\u00A0;\u00A0» ou «\u00A0,\u00A0», encodage Excel (Windows-1252) ou UTF-8. "
      "Tout ou rien\u00A0: si une ligne est fausse, aucun candidat n’est importé.");
  if (env.services.choose_csv_file) ImGui::AlignTextToFramePadding();  // level with its button
  text("Chemin du fichier");
  if (env.services.choose_csv_file) {
    const char* choose = "Choisir le fichier…";
    same_line_if_fits(ImGui::CalcTextSize(choose).x + 2 * ImGui::GetStyle().FramePadding.x);
    ImGui::BeginDisabled(imp.dialog != nullptr);
    if (ImGui::Button(choose)) {
      imp.dialog = env.services.choose_csv_file("Liste des candidats (CSV)");
      imp.no_dialog = imp.dialog == nullptr;
    }
    ImGui::EndDisabled();
  }
  if (auto chosen = path_dialog_answer(imp.dialog, state, env, "Fenêtre de choix du fichier ouverte…"))
    if (!chosen->empty()) imp.path = *chosen;
  if (imp.no_dialog)
    text_muted("Aucune fenêtre de choix de fichier sur cet ordinateur (zenity ou kdialog)\u00A0: tapez le chemin.");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  // A path as this system writes them (C:\Users\… on Windows).
  static const std::string csv_example = platform::example_path("candidats.csv");
  bool enter = ImGui::InputTextWithHint("##path", csv_example.c_str(), &imp.path, ImGuiInputTextFlags_EnterReturnsTrue);
  if (!imp.suggestions.empty()) {
    text_muted("Fichiers CSV trouvés dans vos dossiers\u00A0:");
    ImGui::BeginChild("##found", ImVec2(0, em * 5), true);
    for (const auto& p : imp.suggestions)
      if (ImGui::Selectable(p.c_str(), p == imp.path)) imp.path = p;
    ImGui::EndChild();
  }
  // A list without a CCP column must not make everyone CCP1-only silently.
  const Title& title = env.store.title();
  if (title.ccps.size() > 1) {
    text_wrapped("Candidats pour qui le fichier n’indique pas de CCP (pas de colonne CCP, ou case vide)\u00A0: "
                 "inscrits au");
    CcpSet locked;
    if (state.view.session)
      for (const auto& c : title.ccps)
        if (!state.view.session->ccps.has(c.id)) locked.add(c.id);
    ccp_checkboxes(title, imp.ccps, locked);
  }
  const bool ccps_chosen = title.ccps.size() <= 1 || !imp.ccps.empty();
  if (!ccps_chosen) text_coloured(colour::error, "Cochez au moins un CCP.");
  ImGui::BeginDisabled(!ccps_chosen);
  const bool import = ImGui::Button("Importer") || ((enter || dialog.validated()) && ccps_chosen);
  ImGui::EndDisabled();
  if (import && env.services.import_candidates) {
    imp.outcome = env.services.import_candidates(state.session_uuid, imp.path, imp.ccps);
    state.notice = Notice{imp.outcome->summary, !imp.outcome->ok, env.clock.now_ms()};
  }
  ImGui::SameLine();
  if (dialog.cancel_button("Fermer")) {
    imp.open = false;
    imp.dialog.reset();
  }
  if (imp.outcome) {
    text_coloured(imp.outcome->ok ? colour::ok : colour::error, imp.outcome->summary.c_str());
    if (!imp.outcome->problems.empty()) {
      ImGui::BeginChild("##problems", ImVec2(0, 0), true);
      for (const auto& p : imp.outcome->problems) text_wrapped(p.c_str());
      ImGui::EndChild();
    }
  }
}

}  // namespace jurymn::ui
