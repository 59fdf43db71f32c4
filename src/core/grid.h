// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The scoring grid of one CCP (« grille d’évaluation »): its competencies, the
// observable criteria of each, the stages where the jury can observe them, the
// rating scale and the rule that turns ratings into a proposed decision.
// Grids are data (scoring_grids/*.json) because criteria and rule are for the
// certifier to confirm. The tool only *proposes*: the jury decides.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/enum_words.h"
#include "core/exam_plan.h"
#include "core/title.h"

namespace jurymn {

// Grid problems have the same shape as plan problems (file, JSON pointer into
// the grid format of scoring_grids/README.md, French message), so one piece of
// code can print both.
using GridProblem = PlanProblem;

// Criteria per competency, inclusive.
constexpr std::size_t kMinCriteriaPerCompetency = 3;
constexpr std::size_t kMaxCriteriaPerCompetency = 6;

// One level of the rating scale, e.g. « Acquis ».
struct RatingLevel {
  std::string id;         // stable ASCII id, stored with each rating
  std::string label;      // French, shown to the jury
  bool acquired = false;  // a criterion rated at this level is acquired
  bool evidence = true;   // false: « non observé », counts neither for nor against
};

struct Criterion {
  std::string id;                   // stable ASCII id, unique in the whole grid
  std::string text;                 // French, what the jury looks for
  std::vector<std::string> stages;  // ids of the exam-plan stages that give evidence
};

struct Competency {
  std::string id;     // "CP-1" … "CP-10"
  std::string title;  // official title
  std::vector<Criterion> criteria;
};

enum class DecisionKind { AllCompetenciesAcquired };
inline constexpr EnumWords<DecisionKind> kDecisionKindWords[] = {
    {DecisionKind::AllCompetenciesAcquired, "all_competencies_acquired", "CCP obtenu si toutes les compétences sont acquises",
     "toutes les compétences acquises", "Toutes acquises"},
};
static_assert(words_hold(kDecisionKindWords, DecisionKind::AllCompetenciesAcquired));
std::string_view to_id(DecisionKind);  // "all_competencies_acquired"
std::optional<DecisionKind> decision_kind_from_id(std::string_view);

// How competency statuses become a proposed CCP outcome, and when the jury
// must write a justification. Defaults: DOMAIN.md.
struct DecisionRule {
  DecisionKind kind = DecisionKind::AllCompetenciesAcquired;
  bool justify_negative = true;  // "negative": decision « non obtenu »
  bool justify_override = true;  // "override": decision other than the proposal
};

struct Grid {
  std::string id;       // stable ASCII id, e.g. "ccp1"
  std::string version;  // of the grid's content, recorded with the evaluation
  CcpId ccp;  // the title's CCP it is for
  std::string title;
  std::string note;
  std::vector<RatingLevel> rating_scale;  // in order, best first
  std::vector<Competency> competencies;
  DecisionRule decision_rule;

  const RatingLevel* level(std::string_view level_id) const;           // nullptr if none
  const Competency* competency(std::string_view competency_id) const;  // nullptr if none
  std::size_t criterion_count() const;
};

// The rules a grid must follow whatever its source: ids, titles, 3 to 6
// criteria per competency, a rating scale with an acquired level. With
// `ccp` (the title's CCP of the grid), also: the competencies of that CCP
// exactly. With `plan`, also: every stage a criterion names is a stage of
// that plan where the jury is present, and the plan is of the same CCP.
// Without `ccp` (the file's « ccp » is not one of the title's) the rules that
// depend on the CCP are skipped, so that one typo does not give five
// messages. Empty = valid.
std::vector<GridProblem> check_grid(const Grid& grid, const ExamPlan* plan, const TitleCcp* ccp);

// ---- Proposals (pure; the jury decides) ----

enum class CompetencyStatus { Undecided, Acquired, NotAcquired };
enum class CcpOutcome { Undecided, Obtained, NotObtained };
inline constexpr EnumWords<CompetencyStatus> kCompetencyStatusWords[] = {
    {CompetencyStatus::Undecided, "undecided", "Compétence à évaluer", "à évaluer", "À décider"},
    {CompetencyStatus::Acquired, "acquired", "Compétence acquise", "acquise", "Acquise"},
    {CompetencyStatus::NotAcquired, "not_acquired", "Compétence non acquise", "non acquise", "Non acquise"},
};
static_assert(words_hold(kCompetencyStatusWords, CompetencyStatus::NotAcquired));
inline constexpr EnumWords<CcpOutcome> kCcpOutcomeWords[] = {
    {CcpOutcome::Undecided, "undecided", "Décision à prendre", "à décider", "À décider"},
    {CcpOutcome::Obtained, "obtained", "CCP obtenu", "obtenu", "Obtenu"},
    {CcpOutcome::NotObtained, "not_obtained", "CCP non obtenu", "non obtenu", "Non obtenu"},
};
static_assert(words_hold(kCcpOutcomeWords, CcpOutcome::NotObtained));
std::string_view to_id(CompetencyStatus);  // "undecided", "acquired", "not_acquired"
std::string_view to_id(CcpOutcome);        // "undecided", "obtained", "not_obtained"
std::optional<CompetencyStatus> competency_status_from_id(std::string_view);
std::optional<CcpOutcome> ccp_outcome_from_id(std::string_view);
std::string_view french_label(CompetencyStatus);  // « Compétence acquise » …
std::string_view french_label(CcpOutcome);        // « CCP obtenu » …

struct CompetencyProposal {
  CompetencyStatus status = CompetencyStatus::Undecided;
  int acquired = 0;      // criteria at a level that counts as acquired
  int not_acquired = 0;  // criteria observed, at a level that does not
  int not_observed = 0;  // criteria at a level without evidence (« non observé »)
  int unrated = 0;       // criteria not rated yet, or at a level the scale lacks
};

// `ratings`: the level id given to each criterion of one competency, "" when
// not rated yet. The proposal is
//   - Undecided while a criterion is unrated (or rated at an unknown level);
//   - NotAcquired when a criterion was observed and is not acquired, or when
//     no criterion at all was observed (no evidence);
//   - Acquired otherwise: every observed criterion is acquired, at least one
//     was observed; « non observé » criteria count neither way (the counts let
//     the UI show them).
CompetencyProposal proposed_competency_status(const std::vector<RatingLevel>& scale,
                                              const std::vector<std::string>& ratings);

// all_competencies_acquired: Undecided while a competency is Undecided (or
// there is none), Obtained when all are Acquired, NotObtained otherwise.
CcpOutcome proposed_ccp_outcome(const std::vector<CompetencyStatus>& statuses, const DecisionRule& rule = {});

// Whether the jury's `decided` outcome (Obtained or NotObtained) needs a
// written justification under `rule`: negative decision, or decision that
// departs from `proposed`. While the grid proposes nothing (« Décision à
// prendre ») there is nothing to depart from: only a negative decision
// needs one then (the screen never says « différente de la proposition »
// of a proposal it does not show).
bool justification_required(const DecisionRule& rule, CcpOutcome proposed, CcpOutcome decided);

}  // namespace jurymn
