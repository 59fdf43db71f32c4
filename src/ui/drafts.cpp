// SPDX-License-Identifier: EUPL-1.2
// Drafts of the free-text fields: what is typed reaches the disk within a
// second, without an action per keystroke (core/drafts.h says why).
#include <imgui.h>

#include <algorithm>

#include "ui/ui.h"
#include "ui/widgets.h"

namespace jurymn::ui {

void flush_draft(UiState& state, const Environment& env, bool now) {
  auto& d = state.drafts;
  if (!d.started_at) d.started_at = env.clock.now_ms();
  if (!d.due) return;
  if (now || env.clock.now_ms() >= d.due) {
    d.error = env.store.save_draft(d.run_uuid, d.field, d.text);
    d.due = 0;
    return;
  }
  state.window.wake_at = state.window.wake_at ? std::min(state.window.wake_at, d.due) : d.due;
}

void keep_draft(UiState& state, const Environment& env, const std::string& run_uuid, const std::string& field,
                const std::string& text) {
  if (!env.read_only_reason.empty()) return;
  auto& d = state.drafts;
  if (d.due && (d.run_uuid != run_uuid || d.field != field)) flush_draft(state, env, true);
  if (!d.due) d.due = env.clock.now_ms() + kDraftDelayMs;  // a second at most at risk, however fast one types
  d.run_uuid = run_uuid;
  d.field = field;
  d.text = text;
  flush_draft(state, env);
}

void settle_draft(UiState& state, const Environment& env, const std::string& run_uuid, const std::string& field) {
  auto& d = state.drafts;
  if (d.run_uuid == run_uuid && d.field == field) d.due = 0;
  // The action deleted the stored draft with it; when no action was needed
  // (the text is what was recorded), the draft goes here.
  env.store.discard_draft(run_uuid, field);
  state.view.drafts.erase(std::remove_if(state.view.drafts.begin(), state.view.drafts.end(),
                                         [&](const DraftRecord& r) { return r.run_uuid == run_uuid && r.field == field; }),
                          state.view.drafts.end());
}

const DraftRecord* recovered_draft(const UiState& state, const std::string& run_uuid, const std::string& field) {
  for (const auto& r : state.view.drafts)
    if (r.run_uuid == run_uuid && r.field == field) return &r;
  return nullptr;
}

void recovered_mark(const UiState& state, const DraftRecord& draft) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
  text_wrapped(draft.updated_at < state.drafts.started_at
                               ? "Brouillon récupéré après l’arrêt de jurymn\u00A0: quittez le champ (ou validez) pour l’enregistrer."
                               : "Brouillon non enregistré\u00A0: quittez le champ (ou validez) pour l’enregistrer.");
  ImGui::PopStyleColor();
}

}  // namespace jurymn::ui
