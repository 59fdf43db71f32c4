// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Internal: one function per screen, split by feature.
#include <iterator>

#include "ui/ui.h"

namespace jurymn::ui {

// `arrived`: the first frame of the home screen after another one (or at start).
// Each screen gets its own panel only (Screens holds them).
void home_screen(UiState& state, HomePanel& panel, const Environment& env, bool arrived);
void session_screen(UiState& state, SessionPanel& panel, const Environment& env);
void exam_screen(UiState& state, ExamPanel& panel, const Environment& env);
void marking_screen(UiState& state, MarkingPanel& panel, const Environment& env);
void deliberation_screen(UiState& state, DeliberationPanel& panel, const Environment& env);
void feedback_screen(UiState& state, FeedbackPanel& panel, const Environment& env);
// Mock jury: what the whole group must still work on.
void group_screen(UiState& state, const Environment& env);
// The session's audit trail, readable and filtered, with its chain status.
void audit_screen(UiState& state, AuditPanel& panel, const Environment& env);
void session_form_popup(UiState& state, SessionForm& form, const Environment& env);
void candidate_form_popup(UiState& state, CandidateForm& form, const Environment& env);
void import_popup(UiState& state, ImportPanel& imp, const Environment& env);
// « Exporter les résultats signés »: opened from the session screen.
void open_results_export(UiState& state, const Environment& env);
void results_export_popup(UiState& state, ExportPanel& p, const Environment& env);
// What the buttons that open a dialog do (open_popup does the same): a
// request to the screen that owns the dialog (UiState::nav).
void open_session_form(UiState& state, const Environment& env);
void open_import(UiState& state, const Environment& env);
// The owners' side: the dialog opened in its own panel.
void start_session_form(SessionForm& form, const Environment& env);
void start_candidate_form(CandidateForm& form, const UiState& state, const std::string& candidate_uuid);
void start_import(ImportPanel& imp, const UiState& state, const Environment& env);
void start_results_export(ExportPanel& p, const Environment& env);
void ask_pause(ExamPanel& ex, TimeMs pressed_at);
void ask_extend(ExamPanel& ex);
void ask_end(ExamPanel& ex, bool then_next);
void ask_redraw(ExamPanel& ex);
// « Code… » / « Code oublié… » of a member.
void open_pin_reset(UiState& state, const std::string& member_uuid);
// The deliberation's « Je confirme » dialog for a member, and « Rouvrir ».
void ask_confirmation(DeliberationPanel& p, const std::string& member_uuid);
void ask_reopen(DeliberationPanel& p);
// The exam screen's state for a run newly on show.
ExamPanel fresh_exam_panel(const std::string& run_uuid);
// What the exam screen's pause dialog shows of a pause not yet recorded.
PendingPause pending_pause_of(const ExamPanel& ex);

// ---- The table of screens ----
// Every Screen once, in enum order (checked below at compile time): the
// name --screen takes, its French title (--help), how it is drawn. Adding a
// screen is one enum value and one row here.
enum class ScreenWindow {
  Framed,  // inside the jury's window: top bar, status bar, dialogs
  Whole,   // the whole window, nothing around it (the candidate-facing timer)
};
struct ScreenEntry {
  Screen screen;
  std::string_view name;
  std::string_view title;
  ScreenWindow window;
  // `arrived`: the first frame of this screen after another one (or at start).
  void (*draw)(UiState& state, Screens& screens, const Environment& env, bool arrived);
};
inline constexpr ScreenEntry kScreens[] = {
    {Screen::Home, "home", "accueil", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool arrived) { home_screen(s, p.home, e, arrived); }},
    {Screen::Session, "session", "session et jury", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { session_screen(s, p.session, e); }},
    // The session screen, with a candidate's form open over it.
    {Screen::Candidate, "candidate", "fiche d’un candidat", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { session_screen(s, p.session, e); }},
    {Screen::Exam, "exam", "épreuve et chronomètre", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { exam_screen(s, p.exam, e); }},
    {Screen::CandidateTimer, "candidate-timer", "écran du candidat", ScreenWindow::Whole,
     [](UiState& s, Screens&, const Environment& e, bool) { draw_candidate_timer(s, e); }},
    {Screen::Marking, "marking", "grille d’évaluation", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { marking_screen(s, p.marking, e); }},
    {Screen::Deliberation, "deliberation", "délibération", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { deliberation_screen(s, p.deliberation, e); }},
    {Screen::Feedback, "feedback", "retours écrits, jury blanc", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { feedback_screen(s, p.feedback, e); }},
    {Screen::Group, "group", "bilan du groupe, jury blanc", ScreenWindow::Framed,
     [](UiState& s, Screens&, const Environment& e, bool) { group_screen(s, e); }},
    {Screen::Audit, "audit", "journal d’audit", ScreenWindow::Framed,
     [](UiState& s, Screens& p, const Environment& e, bool) { audit_screen(s, p.audit, e); }},
};
constexpr bool screen_table_holds() {
  for (std::size_t i = 0; i < std::size(kScreens); ++i) {
    // Not `draw` itself: a lambda's pointer is no constant under the
    // sanitizers' build (ScreenTable.* draws every row instead).
    if (static_cast<std::size_t>(kScreens[i].screen) != i || kScreens[i].name.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (kScreens[j].name == kScreens[i].name) return false;
  }
  return static_cast<std::size_t>(Screen::Audit) + 1 == std::size(kScreens);
}
static_assert(screen_table_holds(), "kScreens: one row per Screen, in enum order, each named");
constexpr const ScreenEntry& screen_entry(Screen s) { return kScreens[static_cast<std::size_t>(s)]; }

// The run on show (state.run_uuid), its candidate and plan; null
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
// At a centre, what the session screen says under its header: official
// results provisional until their paper PV's code is checked, the computers
// that served the session, what only an unconfirmed one brought (French).
std::vector<std::string> centre_notes(const Store& store, const SessionRecord& s);

}  // namespace jurymn::ui
