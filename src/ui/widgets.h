// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Small pieces shared by the screens: French labels, colours, banners.
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/title.h"
#include "core/validation.h"
#include "ui/ui.h"

namespace jurymn::ui {

namespace colour {
inline const ImVec4 rehearsal{0.80f, 0.36f, 0.00f, 1.0f};   // orange: never looks official
inline const ImVec4 error{0.72f, 0.07f, 0.07f, 1.0f};
inline const ImVec4 ok{0.05f, 0.45f, 0.18f, 1.0f};
inline const ImVec4 muted{0.35f, 0.35f, 0.38f, 1.0f};
inline const ImVec4 accent{0.10f, 0.32f, 0.62f, 1.0f};
}  // namespace colour

const char* label(SessionKind k);
const char* label(Attendance a);
const char* label(JuryRole r);
const char* label(const JuryMemberRecord& m);  // « Présidente du jury » by the member's choice
std::string label(const CcpSet& s);  // "CCP1 et CCP2"
// One checkbox per CCP of the title, on one line, in its order; `locked`
// CCPs are shown unticked and disabled. True when `set` changed.
bool ccp_checkboxes(const Title& title, CcpSet& set, const CcpSet& locked = {});
// "2026-05-18" -> "18 mai 2026"; anything else unchanged.
std::string french_date(std::string_view iso);
// "2026-05-18" for a wall-clock time (local day).
std::string iso_day(TimeMs t);
// "14 h 05" for a wall-clock time (local time).
std::string clock_time(TimeMs t);

// The unmistakable « JURY BLANC » band shown on every screen of a rehearsal.
void rehearsal_banner();
// While the disk refuses writes (Store::unsaved_reason), a red band on every
// screen: when the last action failed, why, that it is not saved, what to
// do. Draws nothing once a write succeeds again.
void unsaved_banner(const Environment& env);
// Red text under a form field when `errors` has one for `field`.
void field_error(const FieldErrors& errors, std::string_view field);
void heading(const Fonts& fonts, const char* text);
// Sets the notice from an action's outcome; returns r.ok.
bool note_result(Notice& notice, const ApplyResult& r, std::string_view success, TimeMs now);
void help_marker(const char* text);
// Every dialog (modal popup) is one Dialog, so each behaves the same:
//
//   ImGui::SetNextWindowSize(...);             // when it has a fixed width
//   Dialog d("Titre", form.open);              // opens it when asked, centred
//   if (!d) return;                            // not shown
//   ... fields ...
//   if (ImGui::Button("Enregistrer") || d.validated()) { ... d.close(); }
//   if (d.cancel_button()) form = {};          // « Annuler » or Escape
//                                              // the popup ends with `d`
//
// `open`: the popup `id` is opened when this asks for it and it is not open
// yet (a dialog not asked for stays closed). validated() is Enter (main or
// keypad) — except while a multi-line field has the keyboard, where Enter
// is a new line and Ctrl+Enter validates —; cancelled() is Escape. Neither
// answers while a list opened from the dialog (a combo) has the keyboard.
// close() closes the popup when the dialog ends (after what this frame
// still draws in it); the caller clears its own state.
class Dialog {
 public:
  Dialog(const char* id, bool open, ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize);
  ~Dialog();
  Dialog(const Dialog&) = delete;
  Dialog& operator=(const Dialog&) = delete;
  explicit operator bool() const { return shown_; }
  bool validated() const;
  bool cancelled() const;
  void close() { closing_ = true; }
  // A button (« Annuler », « Fermer ») that, clicked or on Escape, closes
  // the dialog: true then, for the caller to clear what it typed.
  bool cancel_button(const char* label = "Annuler");

 private:
  bool shown_ = false;
  bool closing_ = false;
};
// Closes the dialog `id` (as Dialog names it, from the same place) before
// this frame draws it: its answer was recorded between frames (emit), and
// it must not show one more frame, empty.
void close_dialog(const char* id);
// True on the frame the last item, a multi-line field, was left with
// Ctrl+Enter: there Enter is a new line and Ctrl+Enter validates the form.
bool left_with_ctrl_enter();

// ---- Text that must fit: measured, and overflow recorded for the tests ----
//
// Debian's ImGui has no test-engine hooks, so the check lives here. Two
// sources feed one recorder: the helpers below (labels placed by hand, where
// one text could run over another without any clip rect noticing), and
// check_drawn_text(), which reads the frame's draw lists after Render() and
// finds every glyph cut by the rect it was clipped to (a table column, a
// child, a popup, a button): wherever a text came from, if it did not fit
// its room, it is recorded. Off (free) unless a test turns it on.
struct TextOverflow {
  std::string where;  // window, or the helper's label
  std::string text;   // the text (or the glyphs of its line that were drawn)
  float width = 0;    // what it needed
  float room = 0;     // what it had
};
void record_text_overflow(bool on);
bool recording_text_overflow();
const std::vector<TextOverflow>& text_overflows();
void clear_text_overflows();
void note_overflow(std::string where, std::string text, float width, float room);
// After ImGui::Render(): records glyphs drawn outside their clip rect, and
// every line of text drawn (drawn_lines), for tests that read the screen.
void check_drawn_text();
const std::vector<std::string>& drawn_lines();

// After ImGui::Render(): true while the frame just drawn left layout to
// settle on the next ones — a popup opened but not yet drawn, a window still
// hidden while it measures itself or fitting its size, a table fitting its
// columns (« Étapes » one letter wide on its first frame), or any window
// placed, sized, filled or scrolled otherwise than on the frame before: an
// auto-sized dialog measures its text wrapped at width 0 on its hidden
// first frame and shrinks over the next ones (« Ajouter un candidat… » was
// left a tall blank box, scrolled past its fields, when the loop slept
// halfway). The loop draws again rather than wait for input; a layout that
// never settles stops counting after kMaxSettlingFrames in a row, so that it
// cannot keep a laptop on battery awake.
class LayoutWatch {
public:
  static constexpr int kMaxSettlingFrames = 30;
  bool settling();

private:
  struct Shape {
    ImGuiID id;
    float x, y, w, h, content_w, content_h, scroll_x, scroll_y;
    bool operator==(const Shape&) const = default;
  };
  std::vector<Shape> last_;  // the active windows of the frame before
  int in_a_row_ = 0;
};

// A multi-line text field that wraps its lines at its width as they are
// typed and shown (Dear ImGui 1.86's does not): the field holds the text
// with soft breaks (core/soft_wrap.h), `text` only what was typed, its own
// line breaks kept. ImGui draws it in a child window of its own, where a
// long text scrolls: the check leaves that window's extent alone (and
// checks every other child window); its glyphs are still checked.
bool text_field_multiline(const char* label, std::string* text, const ImVec2& size);

// One line of text that must fit the room left on its line; wraps instead of
// running on when it does not (labels never clip).
void text(std::string_view s);
void text_muted(std::string_view s);
void text_coloured(const ImVec4& c, std::string_view s);
// Wrapped at the room left (or at `wrap_width` when > 0).
void text_wrapped(std::string_view s, float wrap_width = 0);
// `s` with line breaks where it must wrap at `room` (after spaces and the
// hyphens of compound names), for labels ImGui does not wrap (Selectable).
std::string wrap_lines(std::string_view s, float room);
// A line of text placed at the right edge of the room, after what is already
// on the line; on a line of its own when both do not fit. `used` is the
// width already taken on the line (from its start).
void text_at_right(std::string_view s, float used, bool muted = true);
// Puts the next item on the current line when `width` fits after the last
// one, else starts a new line. True when it stayed on the line.
bool same_line_if_fits(float width);

// The system's file or folder dialog, polled each frame while it is open
// (the loop wakes a few times a second for it; the running timer keeps
// drawing), `still_open` shown meanwhile. Its answer once, "" for a cancel,
// and the dialog is then dropped; nullopt while open or when there is none.
std::optional<std::string> path_dialog_answer(std::shared_ptr<PathDialog>& dialog, UiState& state,
                                              const Environment& env, std::string_view still_open);
// A screen's title (heading font, wraps) and pieces of muted or coloured
// text after it, each on the same line when it fits, else on the next.
struct TitlePiece {
  std::string text;
  ImVec4 colour;
};
void title_line(const Fonts& fonts, const std::string& title, const std::vector<TitlePiece>& pieces);
// Buttons at the right end of the current line, after what is on it; on the
// next line when they do not fit there, and over several lines when they
// do not fit one. The index of the button pressed, or -1. `disabled[i]`
// greys button i (may be shorter than labels).
int right_buttons(const std::vector<std::string>& labels, const std::vector<bool>& disabled = {},
                  int* hovered = nullptr);
// A table's header row whose names wrap instead of being shortened with
// « … » (a member's long name is a column's header).
void headers_row();
// The largest font scale (<= 1) at which `s` in the current font fits
// `room` (width and height); what the big clock uses.
float fit_scale(std::string_view s, ImVec2 room);

}  // namespace jurymn::ui
