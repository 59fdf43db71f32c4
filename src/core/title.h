// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The professional title a session certifies, as data
// (assets/titles/*.json): its CCPs, their competencies, the exam plan and
// scoring grid of each, and the equivalences that exempt a candidate from a
// CCP. The code loops over what the title declares; nothing names a CCP.
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/exam_plan.h"

namespace jurymn {

// What the reference documents fix of a CCP's exam, whatever plan the
// centre loads: its stages in order and where the session sheet is drawn.
// Empty: nothing fixed.
struct ExamReference {
  std::vector<std::string> stages;  // stage ids, in order
  std::string draw_before_stage;    // "" = no draw
  // How many session sheets the candidate brings for the draw (the 2025
  // reference: three). A title file that names a draw but not this count
  // was written when three was the only count: kDefaultSessionSheets.
  int session_sheets = 0;
  bool operator==(const ExamReference&) const = default;
};

// Before titles said how many session sheets a draw is made between, it
// was three: a title file (or a results file of format 3 or older) that
// names a draw without a count means three.
inline constexpr int kDefaultSessionSheets = 3;

// One competency block, certified on its own.
struct TitleCcp {
  CcpId id;                               // "CCP1": stored with every run
  std::string label;                      // its official wording, in French
  std::vector<std::string> competencies;  // "CP-1" … in the reference's order
  std::string plan;                       // id of its exam plan (assets/plans)
  std::string grid;                       // id of its scoring grid (scoring_grids)
  ExamReference reference;                // what any plan of this CCP must keep
  bool operator==(const TitleCcp&) const = default;
};

// A certificate held from elsewhere (the former REMN's CCP1) that grants a
// CCP of this title: the candidate holds it and is not examined on it.
struct Equivalence {
  std::string id;     // stable ASCII id, e.g. "remn-ccp1"
  std::string label;  // « CCP1 du titre REMN »
  CcpId grants;       // the CCP of this title it gives
  bool operator==(const Equivalence&) const = default;
};

struct Title {
  std::string code;     // « TP-01336 »
  std::string name;     // « Médiateur numérique »
  std::string version;  // of this description, recorded with the results
  std::vector<TitleCcp> ccps;
  std::vector<Equivalence> equivalences;

  const TitleCcp* ccp(std::string_view id) const;
  // Position of the CCP in the title; CCPs the title does not know come last.
  std::size_t rank(std::string_view id) const;
  // The equivalence that grants this CCP, or nullptr: it may be held
  // without being examined.
  const Equivalence* equivalence_for(std::string_view ccp_id) const;
  // The CCP a competency belongs to, or nullptr.
  const TitleCcp* ccp_of_competency(std::string_view competency_id) const;
  // « Médiateur numérique (TP-01336) »
  std::string display_name() const;
  // How many session sheets a candidate of this title brings: the most any
  // CCP's draw is made between (three when the title fixes no draw).
  int session_sheet_count() const;
  // The CCP ids of the title, in its order.
  CcpSet all_ccps() const;
  // The ids of `s`, in the title's order (unknown ones last, as they were).
  CcpSet ordered(const CcpSet& s) const;
  bool operator==(const Title&) const = default;
};

// How many session sheets a draw of `ccp` is made between: its reference's
// count, or three when the title fixes none (no title, a CCP it does not
// know or whose reference names no draw, while its plan draws).
int session_sheets_for(const Title* title, std::string_view ccp);

// The title's own rules: ids well formed and unique, each competency in one
// CCP only, each equivalence granting a CCP of the title. Pointers are those
// of the file format (assets/titles/README.md). Empty = valid.
std::vector<PlanProblem> check_title(const Title& title);

// What `plan` breaks of its CCP's reference (a stage missing, added or
// moved; the draw elsewhere); pointers into the plan's file. Empty = kept.
std::vector<PlanProblem> check_plan_against(const ExamPlan& plan, const TitleCcp& ccp);

// Records written before titles were data (results.json format 2, audit
// entries of schema 6 and older) knew one equivalence, as a flag under this
// key: it grants this CCP. Only the readers of those old formats use it.
inline constexpr std::string_view kLegacyEquivalenceKey = "ccp1_by_equivalence";
inline constexpr std::string_view kLegacyEquivalenceCcp = "CCP1";

// The CCPs a plan or grid may be of, for messages: « CCP1 ou CCP2 ».
std::string ccp_choice_text(const Title& title);

// The title's competencies from its first to its last, as a summary names
// them: « CP-1 à CP-10 »; « CP-1 » when there is one, "" when none.
std::string competency_span_text(const Title& title);

}  // namespace jurymn
