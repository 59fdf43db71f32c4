// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Rules on what a session, a jury member and a candidate must hold,
// checked before anything is written. Messages are French: users read them.
#include <string>
#include <vector>

#include "core/domain.h"

namespace jurymn {

struct FieldError {
  std::string field;    // stable field id, e.g. "number", "last_name"
  std::string message;  // French, for the user
};
using FieldErrors = std::vector<FieldError>;

struct SessionInput {
  std::string title;
  std::string date;  // YYYY-MM-DD
  std::string exam_centre;
  SessionKind kind = SessionKind::Official;
  CcpSet ccps;  // the CCPs the session examines
};

struct JuryMemberInput {
  std::string name;
  JuryRole role = JuryRole::Member;
  bool feminine = false;  // the member's choice: « Présidente » rather than « Président »
};

struct CandidateInput {
  std::string number;  // candidate number, unique within the session
  std::string last_name;
  std::string first_name;
  CcpSet ccps;            // CCPs the candidate is registered for: examined
  CcpSet by_equivalence;  // CCPs held through an equivalence of the title: not examined
  SessionSheetTitles sheets;         // « fiches séances »; may be incomplete until the draw
  // Every field is in kCandidateFields (core/candidate_fields.h): add one there too.
  bool operator==(const CandidateInput&) const = default;
};

// A candidate read from a file, with the line it started on.
struct CandidateRow {
  int line = 0;
  CandidateInput candidate;
};

// Trims spaces, tabs and line breaks at both ends.
std::string trimmed(std::string_view s);
// True for "YYYY-MM-DD" naming a real calendar day.
bool is_iso_date(std::string_view s);
// Number of filled session-sheet titles.
int sheet_count(const SessionSheetTitles& sheets);

// Each returns the input normalised (trimmed) through the out-parameter
// and every problem found; an empty result means valid.
FieldErrors validate(SessionInput& in);
FieldErrors validate(JuryMemberInput& in);
FieldErrors validate(CandidateInput& in);

}  // namespace jurymn
