// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Written feedback for a mock jury (« jury blanc »): what the candidate takes
// home. The jury edits it freely; this proposes a first draft from the
// ratings and observations, and words the timings so a candidate
// understands them. Pure: the store keeps the edits, the screens show them.
#include <string>
#include <vector>

#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"
#include "core/stage_timer.h"

namespace jurymn {

// At most this many criteria in « Points forts » or « Axes de progrès »: the
// sheet must fit one page, and two are what a candidate remembers.
constexpr std::size_t kFeedbackItems = 2;

struct CompetencyFeedback {
  std::string competency_id;
  std::string strengths;     // « Points forts »
  std::string improvements;  // « Axes de progrès »
};

// The first draft for each competency of `grid`, from every jury member's
// ratings of `run`:
//   - strengths: the criteria every member who rated them rated at an
//     acquired level, best first (by the mean position of their ratings on
//     the scale, then grid order);
//   - areas to improve: the criteria some member rated observed but not
//     acquired, weakest first; when there are none and the competency has
//     criteria nobody could observe, those, as « à montrer »;
//   - each member's observations on the competency follow, in their words.
// One item per line, « – » first, addressed to the candidate (the lines
// below): the grid's criteria and the jury's observations are quoted.
// The criteria are the grid's words, in the third person: they are quoted as
// the grid's, and the sentence around them speaks to the candidate.
std::string strength_line(const std::string& criterion);     // « Vous avez satisfait à ce critère de la grille : « … » »
std::string improvement_line(const std::string& criterion);  // « Vous pouvez progresser sur ce critère … : « … » »
std::string unseen_line(const std::string& criterion);       // « Montrez davantage ce critère …, que le jury n’a pas pu observer : « … » »
std::string observation_line(const std::string& member, const std::string& text);  // « Nadia Benali a noté : « … » »

std::vector<CompetencyFeedback> draft_feedback(const Grid& grid, const std::vector<JuryMemberRecord>& members,
                                               const RunRecord& run);

// Why the jury cannot write feedback on `run` now, in French; "" when it
// can: a mock jury only (the PV is the record of an official session), once
// the jury has decided the CCP.
std::string feedback_refusal(SessionKind kind, const RunRecord& run);


// One sentence per stage the jury attended, in plan order, e.g.
//   « Mise en situation : 34 min 10 s pour 30 min prévues (4 min 10 s de dépassement). »
//   « Entretien technique : 15 min, dans le temps prévu. »
//   « Questionnement à partir de productions : 28 min 05 s pour 35 min prévues (fin anticipée). »
// A pause or an extension granted by the jury is said too; a stage not run
// says so.
std::vector<std::string> timing_sentences(const ExamPlan& plan, const std::vector<TimerEvent>& events, TimeMs now);

}  // namespace jurymn
