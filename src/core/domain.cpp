#include "core/domain.h"

namespace jurymn {

std::string_view to_id(SessionKind k) { return k == SessionKind::Official ? "official" : "rehearsal"; }
std::string_view to_id(Ccp c) { return c == Ccp::Ccp1 ? "CCP1" : "CCP2"; }
std::string_view to_id(Attendance a) {
  switch (a) {
    case Attendance::Expected: return "expected";
    case Attendance::Present: return "present";
    case Attendance::Absent: return "absent";
    case Attendance::Withdrawn: return "withdrawn";
  }
  return "expected";
}
std::string_view to_id(JuryRole r) { return r == JuryRole::President ? "president" : "member"; }

std::optional<SessionKind> session_kind_from_id(std::string_view s) {
  if (s == "official") return SessionKind::Official;
  if (s == "rehearsal") return SessionKind::Rehearsal;
  return std::nullopt;
}
std::optional<Ccp> ccp_from_id(std::string_view s) {
  if (s == "CCP1") return Ccp::Ccp1;
  if (s == "CCP2") return Ccp::Ccp2;
  return std::nullopt;
}
std::optional<Attendance> attendance_from_id(std::string_view s) {
  for (auto a : {Attendance::Expected, Attendance::Present, Attendance::Absent, Attendance::Withdrawn})
    if (to_id(a) == s) return a;
  return std::nullopt;
}
std::optional<JuryRole> jury_role_from_id(std::string_view s) {
  if (s == "president") return JuryRole::President;
  if (s == "member") return JuryRole::Member;
  return std::nullopt;
}

std::string to_id(CcpSet s) {
  if (s.ccp1 && s.ccp2) return "CCP1,CCP2";
  if (s.ccp1) return "CCP1";
  if (s.ccp2) return "CCP2";
  return "";
}

std::optional<CcpSet> ccp_set_from_id(std::string_view s) {
  if (s == "CCP1,CCP2") return CcpSet{true, true};
  if (s == "CCP1") return CcpSet{true, false};
  if (s == "CCP2") return CcpSet{false, true};
  if (s.empty()) return CcpSet{};
  return std::nullopt;
}

std::string_view french_label(SessionKind k) { return k == SessionKind::Official ? "Examen officiel" : "Jury blanc"; }

std::string_view french_label(Attendance a) {
  switch (a) {
    case Attendance::Expected: return "Attendu";
    case Attendance::Present: return "Présent";
    case Attendance::Absent: return "Absent";
    case Attendance::Withdrawn: return "Désisté";
  }
  return "";
}

std::string french_label(CcpSet s) {
  if (s.ccp1 && s.ccp2) return "CCP1 et CCP2";
  if (s.ccp1) return "CCP1";
  if (s.ccp2) return "CCP2";
  return "—";
}

std::string_view french_label(JuryRole r) { return r == JuryRole::President ? "Président du jury" : "Membre du jury"; }

}  // namespace jurymn
