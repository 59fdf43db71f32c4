#pragma once
// Small pieces shared by the screens: French labels, colours, banners.
#include <imgui.h>

#include <string>
#include <string_view>

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
// True on the frame the last item, a multi-line field, was left with
// Ctrl+Enter: there Enter is a new line and Ctrl+Enter validates the form.
bool left_with_ctrl_enter();

}  // namespace jurymn::ui
