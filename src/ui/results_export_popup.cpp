// SPDX-License-Identifier: EUPL-1.2
// « Exporter les résultats signés »: the jury chooses where the results
// folder goes (the USB key carried to the centre, a shared folder, jurymn's
// own folder), by the system's folder dialog or a typed path, and is told
// what was written and checked there.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace jurymn::ui {

void open_results_export(UiState& state, const Environment&) { state.nav.dialog = DialogRequest{Popup::Export}; }

void start_results_export(ExportPanel& p, const Environment& env) {
  p = ExportPanel{};
  if (env.services.export_places) p.places = env.services.export_places();
  if (!p.places.empty()) p.folder = p.places.front().path;
  p.open = true;
}

void results_export_popup(UiState& state, ExportPanel& p, const Environment& env) {
  if (!state.view.session) p.open = false;
  const char* id = "Exporter les résultats signés";
  const float em = ImGui::GetFontSize();
  const ImVec2 screen = ImGui::GetMainViewport()->WorkSize;
  // As wide as the text needs at any zoom, as tall as its content (the
  // outcome adds lines): the width is fixed so wrapped text cannot grow it.
  ImGui::SetNextWindowSize(ImVec2(std::min(em * 44, screen.x * 0.95f), 0));  // 0: the height of its content
  Dialog dialog(id, p.open, ImGuiWindowFlags_NoResize);
  if (!dialog) return;
  if (!state.view.session) return dialog.close();  // the session is no longer on show: nothing to export
  const SessionRecord& session = *state.view.session;
  const bool rehearsal = session.kind == SessionKind::Rehearsal;
  if (rehearsal)
    text_coloured(colour::rehearsal,
                  "Jury blanc\u00A0: sans valeur de certification. Le dossier se termine par «\u00A0-jury-blanc\u00A0».");
  text_wrapped("Un dossier «\u00A0resultats-" + session.date +
               "-…\u00A0» est créé dans le dossier choisi\u00A0: résultats signés, clé publique de cet ordinateur, "
               "tableau CSV et procès-verbal. Il est relu et vérifié aussitôt écrit.");
  ImGui::Spacing();
  text("Dossier de destination");
  // The places found when the dialog opened; a USB key plugged in later
  // shows after « Actualiser ».
  for (std::size_t i = 0; i < p.places.size(); ++i) {
    const ExportPlace& place = p.places[i];
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::RadioButton(place.label.c_str(), p.folder == place.path)) {
      p.folder = place.path;
      p.outcome.reset();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", place.path.c_str());
    ImGui::PopID();
  }
  if (std::none_of(p.places.begin(), p.places.end(), [](const ExportPlace& x) { return x.removable; }))
    text_muted("Aucune clé USB détectée\u00A0: branchez-en une puis «\u00A0Actualiser\u00A0», ou choisissez un dossier.");

  const char* refresh = "Actualiser";
  const char* choose = "Choisir un dossier…";
  if (ImGui::Button(refresh) && env.services.export_places) {
    p.places = env.services.export_places();
    p.outcome.reset();
  }
  if (env.services.choose_folder) {
    ImGui::SameLine();
    ImGui::BeginDisabled(p.dialog != nullptr);
    if (ImGui::Button(choose)) {
      p.dialog = env.services.choose_folder("Où exporter les résultats\u00A0?", p.folder);
      p.no_dialog = p.dialog == nullptr;
    }
    ImGui::EndDisabled();
  }
  if (auto chosen = path_dialog_answer(p.dialog, state, env, "Fenêtre de choix du dossier ouverte…")) {
    if (!chosen->empty()) {
      p.folder = *chosen;
      p.outcome.reset();
    }
    p.focus_path = true;  // Enter now exports there
  }
  if (p.no_dialog)
    text_muted("Aucune fenêtre de choix de dossier sur cet ordinateur (zenity ou kdialog)\u00A0: tapez le chemin.");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing() || p.focus_path) ImGui::SetKeyboardFocusHere();
  p.focus_path = false;
  const bool enter =
      ImGui::InputTextWithHint("##folder", "/media/…/CLE_USB", &p.folder, ImGuiInputTextFlags_EnterReturnsTrue);

  ImGui::Spacing();
  // Exporting only reads the base: a read-only window may export too.
  const bool can_export = !p.folder.empty() && env.services.export_results;
  ImGui::BeginDisabled(!can_export);
  const bool go = ImGui::Button(rehearsal ? "Exporter (jury blanc)" : "Exporter") || ((enter || dialog.validated()) && can_export);
  ImGui::EndDisabled();
  if (go) {
    p.outcome = env.services.export_results(session.uuid, p.folder);
    state.notice = Notice{p.outcome->summary, !p.outcome->ok, env.clock.now_ms()};
  }
  ImGui::SameLine();
  if (p.outcome && p.outcome->ok && !p.outcome->written.empty() && env.services.show_folder) {
    if (ImGui::Button("Ouvrir le dossier")) env.services.show_folder(p.outcome->written);
    ImGui::SameLine();
  }
  if (dialog.cancel_button("Fermer")) {
    p.open = false;
    p.dialog.reset();
  }
  if (p.outcome) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, p.outcome->ok ? colour::ok : colour::error);
    text_wrapped(p.outcome->summary);
    ImGui::PopStyleColor();
    for (const auto& problem : p.outcome->problems) text_wrapped(problem);
  }
}

}  // namespace jurymn::ui
