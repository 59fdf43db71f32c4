#pragma once
// Every change of state is one of these named actions, applied by
// Store::apply together with its audit entry, or refused whole.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/domain.h"
#include "core/validation.h"

namespace jurymn {

namespace action {

struct CreateSession {
  SessionInput session;
};

struct AddJuryMember {
  std::string session_uuid;
  JuryMemberInput member;
};

// Only a member who has marked nothing can be removed.
struct RemoveJuryMember {
  std::string member_uuid;
};

struct AddCandidate {
  std::string session_uuid;
  CandidateInput candidate;
};

struct EditCandidate {
  std::string candidate_uuid;
  CandidateInput candidate;
};

struct SetAttendance {
  std::string candidate_uuid;
  Attendance attendance = Attendance::Expected;
};

// A candidate list read from a file: all rows or none.
struct ImportCandidates {
  std::string session_uuid;
  std::string source;  // file name, kept in the audit trail
  std::vector<CandidateRow> rows;
};

}  // namespace action

using Action = std::variant<action::CreateSession, action::AddJuryMember, action::RemoveJuryMember,
                            action::AddCandidate, action::EditCandidate, action::SetAttendance,
                            action::ImportCandidates>;

// Stable snake_case name, as written in the audit trail.
std::string_view action_name(const Action& a);

struct RowError {
  int line = 0;
  std::string message;
};

struct ApplyResult {
  bool ok = false;
  std::string error;               // French summary when refused
  FieldErrors field_errors;        // per-field problems of a form
  std::vector<RowError> row_errors;  // per-line problems of an import
  std::string created_uuid;        // the new session, member or candidate
  std::int64_t audit_id = 0;
  explicit operator bool() const { return ok; }
};

}  // namespace jurymn
