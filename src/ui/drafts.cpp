// SPDX-License-Identifier: EUPL-1.2
// Drafts of the free-text fields: what is typed reaches the disk within a
// second, without an action per keystroke (core/drafts.h says why).
#include <imgui.h>

#include <algorithm>

#include "core/draft_choices.h"
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
  state.window.wake_by(d.due);
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

void keep_pause_press(UiState& state, const Environment& env, const std::string& run_uuid, TimeMs pressed_at) {
  if (!env.read_only_reason.empty()) return;
  if (std::string error = env.store.save_draft(run_uuid, draft_field::kPausePressedAt, pause_press_text(pressed_at));
      !error.empty())
    state.drafts.error = error;
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

std::string deliberation_left(const std::vector<DraftRecord>& drafts) {
  const DraftRecord* latest = nullptr;
  for (const auto& d : drafts)
    if (!latest || d.updated_at >= latest->updated_at) latest = &d;
  if (!latest) return {};
  if (latest->field == draft_field::kJustification || latest->field == draft_field::kCcpOutcome)
    return latest->run_uuid;
  return {};
}

bool open_deliberation_left(UiState& state, const Environment& env) {
  std::vector<DraftRecord> drafts;
  std::vector<std::string> session_of;
  for (const auto& s : env.store.sessions())
    for (auto& d : env.store.drafts(s.uuid)) {
      drafts.push_back(std::move(d));
      session_of.push_back(s.uuid);
    }
  const std::string run = deliberation_left(drafts);
  for (std::size_t i = 0; i < drafts.size() && !run.empty(); ++i)
    if (drafts[i].run_uuid == run) {
      open_session(state, env, session_of[i]);
      open_exam(state, run);
      state.screen = Screen::Deliberation;
      return true;
    }
  return false;
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
