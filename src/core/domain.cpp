// SPDX-License-Identifier: EUPL-1.2
#include "core/domain.h"

#include <algorithm>

namespace jurymn {

std::string_view to_id(SessionKind k) { return words_of(kSessionKindWords, k).id; }
std::string_view to_id(Attendance a) { return words_of(kAttendanceWords, a).id; }
std::string_view to_id(JuryRole r) { return words_of(kJuryRoleWords, r).id; }

std::optional<SessionKind> session_kind_from_id(std::string_view s) { return value_of_id(kSessionKindWords, s); }
std::optional<Attendance> attendance_from_id(std::string_view s) { return value_of_id(kAttendanceWords, s); }
std::optional<JuryRole> jury_role_from_id(std::string_view s) { return value_of_id(kJuryRoleWords, s); }

bool is_ccp_id(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

CcpSet::CcpSet(std::initializer_list<CcpId> list) {
  for (const auto& id : list) add(id);
}

bool CcpSet::has(std::string_view id) const { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

void CcpSet::add(std::string_view id) {
  if (!has(id)) ids.emplace_back(id);
}

void CcpSet::remove(std::string_view id) {
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

bool CcpSet::operator==(const CcpSet& other) const {
  return ids.size() == other.ids.size() &&
         std::all_of(ids.begin(), ids.end(), [&](const CcpId& id) { return other.has(id); });
}

std::string to_id(const CcpSet& s) {
  std::string out;
  for (const auto& id : s.ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::optional<CcpSet> ccp_set_from_id(std::string_view s) {
  CcpSet set;
  if (s.empty()) return set;
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = s.find(',', pos);
    const std::string_view id = s.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!is_ccp_id(id) || set.has(id)) return std::nullopt;
    set.add(id);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return set;
}

std::string_view french_label(SessionKind k) { return words_of(kSessionKindWords, k).label; }
std::string_view french_label(Attendance a) { return words_of(kAttendanceWords, a).label; }

std::string french_label(const CcpSet& s) {
  if (s.empty()) return "—";
  std::string out;
  for (std::size_t i = 0; i < s.ids.size(); ++i)
    out += (i == 0 ? "" : i + 1 == s.ids.size() ? " et " : ", ") + s.ids[i];
  return out;
}

std::string_view french_label(JuryRole r) { return french_label(r, false); }
std::string_view french_label(JuryRole r, bool feminine) {
  return r == JuryRole::President && feminine ? "Présidente du jury" : words_of(kJuryRoleWords, r).label;
}

}  // namespace jurymn
