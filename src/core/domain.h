#pragma once
// Vocabulary of the exam. Stored identifiers are stable ASCII strings;
// French labels live in the UI.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace jurymn {

enum class SessionKind { Official, Rehearsal };  // Rehearsal = « jury blanc »
enum class Ccp { Ccp1, Ccp2 };
enum class Attendance { Expected, Present, Absent, Withdrawn };
enum class JuryRole { President, Member };

std::string_view to_id(SessionKind);
std::string_view to_id(Ccp);
std::string_view to_id(Attendance);
std::string_view to_id(JuryRole);

std::optional<SessionKind> session_kind_from_id(std::string_view);

// French labels, as screens and printed documents show them.
std::string_view french_label(SessionKind);  // « Examen officiel », « Jury blanc »
std::string_view french_label(Attendance);   // « Attendu », « Présent »…
std::string_view french_label(JuryRole);     // « Président du jury », « Membre du jury »
std::optional<Ccp> ccp_from_id(std::string_view);
std::optional<Attendance> attendance_from_id(std::string_view);
std::optional<JuryRole> jury_role_from_id(std::string_view);

// Which CCPs a session examines or a candidate takes.
struct CcpSet {
  bool ccp1 = false;
  bool ccp2 = false;
  bool has(Ccp c) const { return c == Ccp::Ccp1 ? ccp1 : ccp2; }
  bool empty() const { return !ccp1 && !ccp2; }
  bool operator==(const CcpSet&) const = default;
};
std::string to_id(CcpSet);                      // "CCP1", "CCP2", "CCP1,CCP2" or ""
std::optional<CcpSet> ccp_set_from_id(std::string_view);
std::string french_label(CcpSet);  // « CCP1 et CCP2 », « CCP1 », « — » for none

constexpr int kSessionSheetCount = 3;
using SessionSheetTitles = std::array<std::string, kSessionSheetCount>;

}  // namespace jurymn
