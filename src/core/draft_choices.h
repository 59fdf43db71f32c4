#pragma once
// Drafts (core/drafts.h) of what the jury pressed rather than typed, written
// at the press: when Space paused a stage (before any reason is typed), and
// which outcome of the CCP was clicked before the decision is recorded.
// After a crash the pause still counts from the press (issue 26 item 5) and
// the deliberation comes back with its choice (item 12).
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/grid.h"

namespace jurymn {

namespace draft_field {
inline constexpr std::string_view kPausePressedAt = "pause_pressed_at";
inline constexpr std::string_view kCcpOutcome = "ccp_outcome";
}  // namespace draft_field

// The pressed time as that draft holds it (milliseconds since the epoch, in
// decimal), and back; nullopt for any other text.
std::string pause_press_text(TimeMs pressed_at);
std::optional<TimeMs> pause_press_from(std::string_view text);

}  // namespace jurymn
