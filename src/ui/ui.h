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

struct ImportOutcome {
  bool ok = false;
  std::string summary;                // one line, French
  std::vector<std::string> problems;  // one line per bad line of the file
  std::string written = {};           // the folder or file written, when one was
};

// A folder the results can be exported to, offered in the export dialog.
struct ExportPlace {
  std::string label;  // French: « Clé USB « KINGSTON » »
  std::string path;
  bool removable = false;  // a USB key or a card: carried to the centre
};

// The system's file dialog, open while the frames go on (the app's).
struct PathDialog {
  virtual ~PathDialog() = default;
  // nullopt while it is open; then the path chosen, "" when cancelled.
  virtual std::optional<std::string> answer() = 0;
};

// What screens ask of the app, because the UI does no file I/O.
struct Services {
  // Opens the system's dialog to choose a CSV file; null when none can open
  // here (the typed path is then the way).
  std::function<std::shared_ptr<PathDialog>(const std::string& title)> choose_csv_file;
  // Rows of the file that name no CCP take `ccps` (asked in the dialog).
  std::function<ImportOutcome(const std::string& session_uuid, const std::string& path, const CcpSet& ccps)>
      import_candidates;
  std::function<std::vector<std::string>()> find_candidate_files;
  std::function<void(const std::string& session_uuid)> session_opened;  // dated backup
  std::function<std::string()> create_demo;  // returns an error, or "" and opens it
  // Writes the session's procès-verbal and opens it; French outcome line.
  std::function<ImportOutcome(const std::string& session_uuid)> write_proces_verbal;
  // Writes the session's signed results bundle into a new folder (named
  // after the session) inside `folder`, then reads it back and checks it;
  // French outcome line naming the folder, which `written` holds.
  std::function<ImportOutcome(const std::string& session_uuid, const std::string& folder)> export_results;
  // Where the results can go, the best guess first: the folder used last
  // if it is there, the USB keys plugged in, jurymn's own folder.
  std::function<std::vector<ExportPlace>()> export_places;
  // The system's dialog to choose a folder; null when none can open here.
  std::function<std::shared_ptr<PathDialog>(const std::string& title, const std::string& start)> choose_folder;
  // Shows a folder in the system's file manager; false when none started.
  std::function<bool(const std::string& path)> show_folder;
  // Mock jury: writes the candidate's feedback sheet and opens it.
  std::function<ImportOutcome(const std::string& session_uuid, const std::string& candidate_uuid)> write_feedback_sheet;
  // Mock jury: « Imprimer toutes les fiches » (one document, a page per
  // candidate) and the group page, each written and opened in the browser.
  std::function<ImportOutcome(const std::string& session_uuid)> write_feedback_sheets;
  std::function<ImportOutcome(const std::string& session_uuid)> write_group_page;
  // This installation's signing key, "" before its first export (cached:
  // no file is read per frame).
  std::function<std::string()> key_fingerprint;
  // « Copier la base… »: a consistent copy of the open base to a new file;
  // ok and a French outcome line. The suggested file, in the home folder.
  std::function<ImportOutcome(const std::string& path)> copy_database;
  std::function<std::string()> default_copy_path;
};

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

struct SessionForm {
  bool open = false;
  SessionInput input;
  FieldErrors errors;
  std::string error;
};

struct CandidateForm {
  bool open = false;
  std::string editing_uuid;  // empty: a new candidate
  CandidateInput input;
  FieldErrors errors;
  std::string error;
};

struct JuryForm {
  JuryMemberInput input;
  std::string pin;        // typed, never kept once the member is added
  std::string pin_again;
  FieldErrors errors;
};

// « Code… » of a member: a first PIN, or a forgotten one replaced on the
// PIN of who may sign it (the president; for the president, another member).
struct PinResetForm {
  std::string member_uuid;  // empty: closed
  std::string pin;
  std::string pin_again;
  std::string signer_pin;
  std::string error;
  std::string signer_uuid = {};  // the president's reset: which member signs
};

// « Exporter les résultats signés »: where to, then the outcome.
struct ExportPanel {
  bool open = false;
  std::string folder;  // where the results folder is made: chosen, or typed
  std::vector<ExportPlace> places;
  std::shared_ptr<PathDialog> dialog;  // the system's, while open
  bool no_dialog = false;              // none could open: say to type the path
  bool focus_path = false;             // the system's dialog answered: keyboard to the path
  std::optional<ImportOutcome> outcome;
};

struct ImportPanel {
  bool open = false;
  std::string path;
  // The CCPs the file's candidates take when it names none (no CCP column,
  // or an empty cell): the session's, until the jury changes them.
  CcpSet ccps;
  std::shared_ptr<PathDialog> dialog;  // the system's, while open
  bool no_dialog = false;              // none could open: say to type the path
  std::vector<std::string> suggestions;
  std::optional<ImportOutcome> outcome;
};

// What the session screen shows, reloaded only when the store changes.
struct SessionView {
  std::uint64_t revision = UINT64_MAX;
  std::string uuid;
  std::optional<SessionRecord> session;
  std::vector<JuryMemberRecord> jury;
  std::vector<CandidateRecord> candidates;
  std::vector<std::string> search_keys;  // folded "number last first", per candidate
  std::vector<RunRecord> runs;
  std::vector<DraftRecord> drafts;  // of the session's runs, as on disk at this revision
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

// What the exam screen is typing or asking.
struct ExamPanel {
  std::string run_uuid;  // the run on screen
  bool pause_open = false;
  std::string pause_reason;
  TimeMs pause_pressed_at = 0;  // the pause starts when Space was pressed
  bool end_then_next = false;   // the end popup confirms an early Next (Ctrl+N)
  bool extend_open = false;
  int extend_minutes = 2;
  std::string extend_reason;
  bool end_open = false;
  std::string end_reason;
  bool redraw_open = false;
  std::string redraw_reason;
  int choose_index = -1;  // >= 0: confirming the jury's choice of this sheet
  WarningLevel last_warning = WarningLevel::None;
};

// Who is marking on this laptop, and observations being typed.
struct MarkingPanel {
  std::string member_uuid;
  std::string draft_key;  // run|member|competency of the observation being edited
  std::string draft;
  // Observations typed but not saved (the disk refused them, or the field
  // was left for another): key, text. Shown, marked, until saved.
  std::vector<std::pair<std::string, std::string>> unsaved;
  // The criterion the keys rate (highlighted), for this run and member.
  std::string focus;
  std::string focus_for;  // run|member the focus was placed for
  bool scroll_to_focus = false;
  // Frames the scroll to the focus is applied again: the grid's text wraps
  // anew as its scrollbar appears, moving the rows under a scroll set once.
  int scroll_settling = 0;
  // Notes given by keys on this run and member, oldest first: what
  // Backspace takes back, wherever the highlight went since.
  std::vector<KeyedNote> keyed;
  // Keys in the order pressed, filled by the app's key callback (ImGui 1.86
  // loses a press and release within one poll); one is taken per frame.
  MarkingKeyQueue keys;
};

// What the deliberation screen is typing or asking.
struct DeliberationPanel {
  std::string loaded_for;  // run|decided_at the draft below was taken from
  CcpOutcome outcome = CcpOutcome::Undecided;
  std::string justification;
  bool focus_justification = false;  // a choice was just clicked: type why next
  bool reopen_open = false;
  std::string reopen_reason;
  std::string reopen_member;  // who reopens: a member's uuid, or "" for the jury
  std::string confirming;  // member uuid being asked to confirm
  std::string pin;         // typed in the confirm dialog; cleared when it closes
  std::string pin_error;
  // A competency decided against its proposal: the dialog asking why.
  std::string departing_competency;  // "" when the dialog is closed
  CompetencyStatus departing_status = CompetencyStatus::Undecided;
  std::string departing_reason;
  std::string departing_error;
  // run|message: why the CCP decision was cleared (a competency changed).
  std::string stale_run;
  std::string stale_note;
  // The height the decision panel needed on the last frame, with its
  // justification field at its smallest: the table above gives it that much
  // (an estimate left « Enregistrer la décision » half cut at 100 %).
  float panel_needed = 0;
  float confirm_needed = 0;  // the same for the confirmation panel beside it
  // The competency table's rows as last drawn (its header first): its
  // height is cut between two rows, never through one (--check-text).
  std::vector<float> row_heights;
};

// The feedback field being edited (mock jury).
struct FeedbackPanel {
  std::string draft_key;  // run|competency|field of the text being edited
  std::string draft;
  bool focus = false;     // give the editor the keyboard on its first frame
};

// One entry of the trail as the audit screen keeps it, small enough for a
// few hundred thousand: strings interned, payloads packed in large blocks.
struct AuditRow {
  std::int64_t id = 0;
  TimeMs at_ms = 0;
  std::uint32_t payload_block = 0;  // in AuditPanel::payloads
  std::uint32_t payload_at = 0;
  std::uint32_t payload_size = 0;
  std::uint32_t actor = 0;   // in AuditPanel::names
  std::uint32_t action = 0;  // in AuditPanel::names
  std::int32_t candidate = -1;  // in state.view.candidates; -1: none; -2: not one of the session's
};

// The audit screen: the open session's trail and the check of its chain,
// read once per change of the store, and how the jury filters it.
struct AuditPanel {
  std::uint64_t revision = UINT64_MAX;  // store revision the trail was read at
  std::string loaded_for;               // session uuid
  std::vector<AuditRow> entries;        // in order
  std::vector<std::string> payloads;    // blocks of payloads, each filled to its capacity
  std::vector<std::string> names;  // actors and action ids
  AuditChainReport chain;
  int broken_index = -1;                   // the broken entry in `entries`, if it is there
  std::vector<int> entries_per_candidate;  // per candidate of state.view.candidates
  std::string single_day;                  // "2026-05-18" when every entry is of that local day
  // The filter, set for one session (--screen audit --candidate N sets it
  // from the run on show).
  std::string filter_for;
  std::string candidate_uuid;  // empty: every entry
  std::string action_text;     // words of the action's label
  // The rows shown (indices into `entries`), for the filter and trail above.
  std::vector<int> shown;
  std::string shown_candidate;
  std::string shown_text;
  std::uint64_t shown_revision = UINT64_MAX;
  int scroll_to_entry = -1;  // bring this entry into view on the next frame
};

// Requests from the screens to the window (the UI owns no window).
struct WindowRequests {
  TimeMs wake_at = 0;            // redraw then, even without input (0: no need)
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

struct UiState {
  Screen screen = Screen::Home;
  std::string session_uuid;  // the open session, if any
  std::string search;
  SessionForm session_form;
  CandidateForm candidate_form;
  JuryForm jury_form;
  PinResetForm pin_reset;
  // The members' PIN keys, derived once each in this run of jurymn.
  MemberKeyCache member_keys;
  ImportPanel import;
  ExportPanel export_panel;
  Notice notice;
  SessionView view;
  ExamPanel exam;
  MarkingPanel marking;
  DeliberationPanel deliberation;
  FeedbackPanel feedback;
  AuditPanel audit;
  DraftKeeper drafts;
  // Why the exam on show was resumed (« reprise après interruption »), shown
  // on the exam screen until dismissed.
  std::string resume_banner;
  WindowRequests window;
  CandidateShown candidate_shown;
  std::string copy_path;  // « Copier la base… », as typed
  std::optional<ImportOutcome> copy_outcome;
  std::uint64_t home_revision = UINT64_MAX;
  std::vector<SessionRecord> home_sessions;
  // The screen drawn last frame: coming back home puts the keyboard on the
  // first session, so that Enter opens it.
  std::optional<Screen> last_drawn;
};

// Draws one frame of the whole window. Reset state.window.wake_at before
// the frames of one wake-up: each screen on show lowers it.
void draw_frame(UiState& state, const Environment& env);

// Opens a session (by uuid) on the session screen; used by --screen too.
void open_session(UiState& state, const Environment& env, const std::string& uuid);
// Opens the form for a candidate of the open session, or a blank one.
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
// or on none.
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
