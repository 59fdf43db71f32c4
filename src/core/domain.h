// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Vocabulary of the exam. Stored identifiers are stable ASCII strings;
// French labels live in the UI.
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_words.h"

namespace jurymn {

enum class SessionKind { Official, Rehearsal };  // Rehearsal = « jury blanc »
enum class Attendance { Expected, Present, Absent, Withdrawn };
enum class JuryRole { President, Member };

inline constexpr EnumWords<SessionKind> kSessionKindWords[] = {
    {SessionKind::Official, "official", "Examen officiel", "officielle", "Officielle"},
    {SessionKind::Rehearsal, "rehearsal", "Jury blanc", "jury blanc", "Jury blanc"},
};
static_assert(words_hold(kSessionKindWords, SessionKind::Rehearsal));
inline constexpr EnumWords<Attendance> kAttendanceWords[] = {
    {Attendance::Expected, "expected", "Attendu", "attendu", "Attendu"},
    {Attendance::Present, "present", "Présent", "présent", "Présent"},
    {Attendance::Absent, "absent", "Absent", "absent", "Absent"},
    {Attendance::Withdrawn, "withdrawn", "Désisté", "désisté", "Désisté"},
};
static_assert(words_hold(kAttendanceWords, Attendance::Withdrawn));
inline constexpr EnumWords<JuryRole> kJuryRoleWords[] = {
    {JuryRole::President, "president", "Président du jury", "président du jury", "Président"},
    {JuryRole::Member, "member", "Membre du jury", "membre du jury", "Membre"},
};
static_assert(words_hold(kJuryRoleWords, JuryRole::Member));

std::string_view to_id(SessionKind);
std::string_view to_id(Attendance);
std::string_view to_id(JuryRole);

std::optional<SessionKind> session_kind_from_id(std::string_view);

// French labels, as screens and printed documents show them.
std::string_view french_label(SessionKind);  // « Examen officiel », « Jury blanc »
std::string_view french_label(Attendance);   // « Attendu », « Présent »…
std::string_view french_label(JuryRole);     // « Président du jury », « Membre du jury »
// As the member chose to be named: « Présidente du jury » when `feminine`.
std::string_view french_label(JuryRole, bool feminine);
std::optional<Attendance> attendance_from_id(std::string_view);
std::optional<JuryRole> jury_role_from_id(std::string_view);

// A CCP is named by the stable id the title declares ("CCP1"); which CCPs
// exist, in which order, with which competencies, is data (core/title.h).
using CcpId = std::string;

// True for an id a title may give a CCP: 1 to 16 of A–Z, 0–9, '-' or '_'.
bool is_ccp_id(std::string_view s);

// Which CCPs a session examines or a candidate takes: ids without
// duplicates, in the order added (the title's order, where it matters).
struct CcpSet {
  std::vector<CcpId> ids;
  CcpSet() = default;
  CcpSet(std::initializer_list<CcpId> list);
  bool has(std::string_view id) const;
  bool empty() const { return ids.empty(); }
  void add(std::string_view id);
  void remove(std::string_view id);
  // Equal as sets: the order ids were added in does not matter.
  bool operator==(const CcpSet& other) const;
};
std::string to_id(const CcpSet& s);  // "CCP1", "CCP1,CCP2" or ""
// Comma-separated CCP ids ("" is the empty set); nullopt for a malformed
// list (an empty or ill-formed id, a duplicate).
std::optional<CcpSet> ccp_set_from_id(std::string_view);
std::string french_label(const CcpSet& s);  // « CCP1 et CCP2 », « CCP1 », « — » for none

// A candidate's session sheets (« fiches séances »), as many as the title's
// draw is made between (Title::session_sheet_count); a title may also fix none.
// At most kMaxSessionSheets, so that a draw's index stays a small number.
inline constexpr int kMaxSessionSheets = 9;
using SessionSheetTitles = std::vector<std::string>;

}  // namespace jurymn
