// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Drafts: the text of a free-text field as it is typed, kept so that a
// crash loses at most a second of typing. A draft is scratch, not a record:
// the named action taken when the field is left or validated is the record
// (and deletes the draft). Fields are named within their run by a key.
#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace jurymn {

struct DraftRecord {
  std::string run_uuid;
  std::string field;  // a key of draft_field
  std::string text;
  TimeMs updated_at = 0;
};

namespace draft_field {
std::string observation(std::string_view member_uuid, std::string_view competency_id);
inline constexpr std::string_view kJustification = "justification";
std::string feedback_strengths(std::string_view competency_id);
std::string feedback_improvements(std::string_view competency_id);
inline constexpr std::string_view kAdvice = "advice";
inline constexpr std::string_view kPauseReason = "pause_reason";
inline constexpr std::string_view kExtendReason = "extend_reason";
inline constexpr std::string_view kEndReason = "end_reason";
inline constexpr std::string_view kReopenReason = "reopen_reason";
}  // namespace draft_field

// The field in French, for a message: « Observation de Nadia Benali sur
// CP-3 », « Justification de la décision »… `member_name` gives a member's
// name from its uuid.
std::string draft_field_label(std::string_view field,
                              const std::function<std::string(std::string_view member_uuid)>& member_name);

// Why a run cannot be locked while one of its drafts is pending, naming the
// field and what to do.
std::string pending_draft_refusal(std::string_view field, std::string_view field_label);

}  // namespace jurymn
