// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Internal: one function per screen, split by feature.
#include "ui/ui.h"

namespace jurymn::ui {

// `arrived`: the first frame of the home screen after another one (or at start).
void home_screen(UiState& state, const Environment& env, bool arrived);
void session_screen(UiState& state, const Environment& env);
void exam_screen(UiState& state, const Environment& env);
void marking_screen(UiState& state, const Environment& env);
void deliberation_screen(UiState& state, const Environment& env);
void feedback_screen(UiState& state, const Environment& env);
// Mock jury: what the whole group must still work on.
void group_screen(UiState& state, const Environment& env);
// The session's audit trail, readable and filtered, with its chain status.
void audit_screen(UiState& state, const Environment& env);
void session_form_popup(UiState& state, const Environment& env);
void candidate_form_popup(UiState& state, const Environment& env);
void import_popup(UiState& state, const Environment& env);
// « Exporter les résultats signés »: opened from the session screen.
void open_results_export(UiState& state, const Environment& env);
void results_export_popup(UiState& state, const Environment& env);
// What the buttons that open a dialog do (open_popup does the same).
void open_session_form(UiState& state, const Environment& env);
void open_import(UiState& state, const Environment& env);
void ask_pause(ExamPanel& ex, TimeMs pressed_at);
void ask_extend(ExamPanel& ex);
void ask_end(ExamPanel& ex, bool then_next);
void ask_redraw(ExamPanel& ex);

// The run on show (state.exam.run_uuid), its candidate and plan; null
// pointers for what is not found.
struct RunView {
  const RunRecord* run = nullptr;
  const CandidateRecord* candidate = nullptr;
  const ExamPlan* plan = nullptr;
};
RunView find_run(const UiState& state, const Environment& env);
RunView find_run(const UiState& state, const Environment& env, const std::string& run_uuid);

// Reloads the open session's view when the store has changed. Only between
// frames or at a frame's start (draw_frame): a screen holds references into
// the view while it draws, and an action it applies is seen from the next
// frame on (read the store itself for what must be known at once).
void refresh_session_view(UiState& state, const Environment& env);

}  // namespace jurymn::ui
