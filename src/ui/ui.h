// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The screens of jurymn. Each frame is a plain function of the store's
// state and of UiState (what the user is typing, which screen is open);
// every change goes to Store::apply as a named action. No SQL, no files:
// what needs the file system is asked of the app through Services.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/grid.h"
#include "core/marking_keys.h"
#include "core/validation.h"
#include "store/store.h"
#include "ui/audit_screen.h"
#include "ui/deliberation_screen.h"
#include "ui/exam_screen.h"
#include "ui/feedback_screen.h"
#include "ui/home_screen.h"
#include "ui/marking_screen.h"
#include "ui/services.h"
#include "ui/session_screen.h"

struct ImFont;

namespace jurymn::ui {

// Candidate is the session screen with a candidate's form open;
// CandidateTimer is what the candidate-facing second window shows. Each has
// one row in kScreens (ui/screens.h), checked at compile time.
enum class Screen { Home, Session, Candidate, Exam, CandidateTimer, Marking, Deliberation, Feedback, Group, Audit };
std::optional<Screen> screen_from_name(std::string_view name);
std::string_view screen_name(Screen s);
// Every name --screen accepts, for error messages; with each French title,
// for --help.
std::string screen_names();
std::string screen_help();

// The dialogs the screens' buttons open, by name, for --popup (captures and
// the clipping test), each on the screen that shows its button.
enum class Popup {
  NewSession, Candidate, Import, PinReset, PinResetPresident, Export,
  Pause, Extend, End, EndThenNext, Redraw, Confirm, Reopen
};
std::optional<Popup> popup_from_name(std::string_view name);
std::string_view popup_name(Popup p);
Screen popup_screen(Popup p);
// Every name --popup accepts.
std::string popup_names();

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  ImFont* title = nullptr;
  ImFont* timer = nullptr;  // large digits, readable across a table
};

// Builds the font atlas from a TTF held in memory (the app reads the file)
// at `scale`, and sizes the style to match. Call between frames only.
Fonts build_fonts(const std::string& ttf_regular, const std::string& ttf_bold, float scale);
// Fonts of the candidate-facing window: a label font and huge digits.
Fonts build_display_fonts(const std::string& ttf_regular, const std::string& ttf_bold);
void apply_style(float scale);

struct Environment {
  Store& store;
  const Clock& clock;
  const Services& services;
  const Fonts& fonts;
  std::string read_only_reason;  // non-empty: why this window cannot write
  std::string plan_warning;      // problems found in the exam plans, if any
};

// Outcome of the last action, shown at the bottom of the window.
struct Notice {
  std::string text;
  bool error = false;
  TimeMs at = 0;
};

// An action a screen asks for while it draws: applied after the frame is
// drawn (apply_queued), never while a screen draws from the view it changes.
struct QueuedAction {
  std::vector<Action> actions;  // several: one change, all or none (Store::apply_together)
  std::string success;          // the notice once applied
  // The screen's own follow-up with the outcome (close its dialog, keep
  // its field errors…): it may hold the screen's panel, which outlives the
  // frame (Screens), never a reference into the view.
  std::function<void(const ApplyResult&)> then = {};
};
using ActionQueue = std::vector<QueuedAction>;


struct SessionView {
  std::uint64_t revision = UINT64_MAX;
  std::string uuid;
  std::optional<SessionRecord> session;
  std::vector<JuryMemberRecord> jury;
  std::vector<CandidateRecord> candidates;
  std::vector<std::string> search_keys;  // folded "number last first", per candidate
  // Summaries (Store::run_summaries: stages, draws, the CCP's decision),
  // what the lists and clocks show: a session of 5,000 candidates opens
  // without reading its hundreds of thousands of marks. Whole (marks,
  // observations, feedback…): the runs in `whole_runs`, the run on show
  // among them, or all of them when `all_whole` (the group's figures).
  std::vector<RunRecord> runs;
  std::vector<std::string> whole_runs;
  bool all_whole = false;
  std::vector<DraftRecord> drafts;  // of the session's runs, as on disk at this revision
  // At a centre: what its results still wait for (the paper PV's code), the
  // computers that served the session and what only an unconfirmed one
  // brought. French lines, read once a revision.
  std::vector<std::string> centre_notes;
};

// The draft being typed (core/drafts.h), written to the store at most
// kDraftDelayMs after the first keystroke not yet written: the frame loop
// wakes for it through window.wake_at, so it is written even without input.
struct DraftKeeper {
  TimeMs started_at = 0;  // this window's start: older drafts were recovered
  std::string run_uuid, field, text;
  TimeMs due = 0;  // 0: nothing pending
  std::string error;  // the disk refused the last one
};
inline constexpr TimeMs kDraftDelayMs = 1000;

// Requests from the screens to the window (the UI owns no window).
struct WindowRequests {
  TimeMs wake_at = 0;            // redraw then, even without input (0: no need)
  // Asks for a redraw by `at` (0: no need): the earliest of all asked wins.
  void wake_by(TimeMs at) {
    if (at > 0 && (wake_at == 0 || at < wake_at)) wake_at = at;
  }
  bool attention = false;        // a timer alert was just reached
  bool toggle_fullscreen = false;
  bool fullscreen = false;        // the window's answer: it covers the screen now
  bool candidate_window = false;  // the candidate-facing window should be open
  // What the candidate window must not cover when it opens on the same
  // screen: the exam screen's clock and stage buttons, its Étapes table
  // (window coordinates: x, y, width, height), drawn last frame.
  std::vector<std::array<float, 4>> keep_clear;
};

// The run the candidate-facing window shows: the one chosen on its exam
// screen (« Montrer cette épreuve au candidat »), until a stage of another
// run is started or resumed; never simply the exam the jury has open (a
// jury deliberating on B while A prepares alone must not change A's screen).
struct CandidateShown {
  std::string run_uuid;  // empty: none chosen
  TimeMs chosen_at = 0;
};

// A dialog or filter one screen (or --popup) asks of the screen that owns
// it. `uuid`: the member, candidate or run it is for ("" : none, or a new
// candidate); `at`: when it was asked (a pause counts from the press).
struct DialogRequest {
  Popup popup = Popup::NewSession;
  std::string uuid = {};
  TimeMs at = 0;
};
struct Navigation {
  std::optional<DialogRequest> dialog;
  // The audit trail to show filtered on a candidate (its uuid), or "" on none.
  std::optional<std::string> audit_candidate;
};

struct PendingPause {
  std::string run_uuid;  // empty: none
  TimeMs pressed_at = 0;
  std::string reason;    // as typed so far
};

// What the screens share: where the jury is (screen, session, run), the
// session's view, the notice, the drafts and what the window is asked. Each
// screen's own state (its panel) is declared beside its draw code
// (ui/*_screen.h), held in Screens below, and handed to that screen only.
struct UiState {
  Screen screen = Screen::Home;
  std::string session_uuid;  // the open session, if any
  ActionQueue actions;       // asked this frame, applied after it
  std::string run_uuid;      // the run on show (exam, marking, deliberation, feedback, audit), if any
  std::string search;        // the session screen's search, kept while the jury goes to an exam and back
  SessionView view;
  Notice notice;
  DraftKeeper drafts;
  // The members' PIN keys, derived once each in this run of jurymn (the
  // session screen sets codes, the deliberation signs with them).
  MemberKeyCache member_keys;
  // Why the exam on show was resumed (« reprise après interruption »), shown
  // on the exam screen until dismissed.
  std::string resume_banner;
  WindowRequests window;
  CandidateShown candidate_shown;
  // The screen drawn last frame: coming back home puts the keyboard on the
  // first session, so that Enter opens it.
  std::optional<Screen> last_drawn;

  // What one screen asks of another (navigation.h): the other screen's
  // state is its own, so a request, taken before that screen draws again.
  Navigation nav;
  // The pause pressed (Space) on the exam on show while its reason is
  // typed: the exam screen says so after each frame, and the candidate's
  // window shows the clock paused from the press, as the jury's does.
  PendingPause pending_pause;
};

// Each screen's own state, held by whoever draws the frames (the runner, the
// tests' driver) beside UiState; the table of screens (ui/screens.h) hands
// each screen its own panel, and nothing else reads it. One screen reaches
// another's only through a request in UiState::nav, taken by take_requests.
struct Screens {
  HomePanel home;
  SessionPanel session;  // the session screen's, and its dialogs'
  ExamPanel exam;
  MarkingPanel marking;
  DeliberationPanel deliberation;
  FeedbackPanel feedback;
  AuditPanel audit;
  // Gives each request of state.nav to the screen that owns it: at a
  // frame's start, and after the screen on show drew (its dialogs come after).
  void take_requests(UiState& state, const Environment& env);
};

// Draws one frame of the whole window. Reset state.window.wake_at before
// the frames of one wake-up: each screen on show lowers it.
void draw_frame(UiState& state, Screens& screens, const Environment& env);

// Queues an action (or several as one change) for after this frame; the
// notice says `success`, or the store's refusal.
void emit(UiState& state, Action a, std::string success, std::function<void(const ApplyResult&)> then = {});
void emit_together(UiState& state, std::vector<Action> actions, std::string success,
                   std::function<void(const ApplyResult&)> then = {});
// Between frames: applies what the screens queued, in order, each outcome
// in the notice, and reloads only the part of the session view each
// changed (ApplyResult::changed). True when something was applied.
bool apply_queued(UiState& state, const Environment& env);
// Reloads in `view` what `changed` names (a run, a candidate, the jury, the
// header); false when only a whole reload will do (a record not in view).
bool reload_changed(SessionView& view, const Store& store, const Changed& changed);
// Every run of the open session read whole in the view (what the group's
// figures and the choice of a feedback to open read), until it is reloaded.
void read_runs_whole(UiState& state, const Environment& env);

// Opens a session (by uuid) on the session screen; used by --screen too.
void open_session(UiState& state, const Environment& env, const std::string& uuid);
// The grid's keys, in the order pressed: filled by the app's key callback,
// taken by the marking screen one a frame, dropped on any other screen.
MarkingKeyQueue& marking_keys(Screens& screens);
// Opens the form for a candidate of the open session, or a blank one (a
// request to the session screen, which owns the form).
void open_candidate_form(UiState& state, const CandidateRecord* candidate);
// Shows a run on the exam screen.
void open_exam(UiState& state, const std::string& run_uuid);
// The run to show by default: one with a stage under way, else the latest.
std::string default_run(const SessionView& view, const Environment& env);
// The exam screen's full-screen button says what a click does now.
inline const char* fullscreen_button_label(bool fullscreen) {
  return fullscreen ? "Quitter le plein écran (F11)" : "Plein écran (F11)";
}
// The run to deliberate on by default: a finished one not locked yet, else
// the latest finished, else default_run.
std::string default_deliberation_run(const SessionView& view, const Environment& env);
// The run to write feedback on by default: a decided one, preferably with
// feedback already written.
std::string default_feedback_run(const SessionView& view);

// Opens `p` as its button does, on its screen (already open). When the run
// on show offers no such button (reopening an unlocked result), the dialog
// opens on a run that does. "" or why it cannot open here (French).
std::string open_popup(UiState& state, const Environment& env, Popup p);

// Shows the open session's audit trail, filtered on one candidate (by uuid)
// or on none (a request to the audit screen, which owns its filter).
void open_audit(UiState& state, const std::string& candidate_uuid);

// Drafts: call keep_draft when a free-text field is edited; settle_draft
// when its action is taken (or not needed), so no stale draft is written
// after it. recovered_draft: a draft of this field left by an earlier run of
// jurymn (a crash), to put back in the field, marked.
void keep_draft(UiState& state, const Environment& env, const std::string& run_uuid, const std::string& field,
                const std::string& text);
void settle_draft(UiState& state, const Environment& env, const std::string& run_uuid, const std::string& field);
const DraftRecord* recovered_draft(const UiState& state, const std::string& run_uuid, const std::string& field);
// Space pressed to pause `run_uuid` at `pressed_at`: written at once (the
// draft kPausePressedAt), so that after a crash the pause counts from the
// press, not from its recording.
void keep_pause_press(UiState& state, const Environment& env, const std::string& run_uuid, TimeMs pressed_at);
// Writes the pending draft once due, and asks the loop to wake for it.
void flush_draft(UiState& state, const Environment& env, bool now = false);
// The run whose deliberation the jury was typing or choosing when jurymn
// stopped: the latest of `drafts` (any session's) is its justification or
// its outcome clicked. Empty otherwise (the restart opens the exam under way).
std::string deliberation_left(const std::vector<DraftRecord>& drafts);
// On restart: opens the deliberation screen of that run, in its session;
// false when there is none.
bool open_deliberation_left(UiState& state, const Environment& env);
// « brouillon récupéré », under a field holding a draft from the store.
void recovered_mark(const UiState& state, const DraftRecord& draft);

// The candidate-facing window: stage and time only, no names, no marks.
void draw_candidate_timer(UiState& state, const Environment& env);
// The run the candidate window shows: of `runs`, the one whose stage was
// started or resumed last, unless `chosen` was chosen at or after that.
std::string run_for_candidate(const std::vector<RunRecord>& runs, const CandidateShown& chosen);

}  // namespace jurymn::ui
