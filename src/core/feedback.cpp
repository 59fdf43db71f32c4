// SPDX-License-Identifier: EUPL-1.2
#include "core/feedback.h"

#include "core/duration.h"
#include "core/text.h"

#include <algorithm>
#include <map>

namespace jurymn {

namespace {

// Position of a level on the scale (0 = best), or -1 when unknown.
int position(const Grid& grid, const std::string& level) {
  for (std::size_t i = 0; i < grid.rating_scale.size(); ++i)
    if (grid.rating_scale[i].id == level) return static_cast<int>(i);
  return -1;
}

struct Rated {
  const Criterion* criterion = nullptr;
  std::size_t order = 0;  // in the grid
  double mean = 0;        // mean position of the observed ratings
  bool all_acquired = true;
  bool some_short = false;  // observed, not acquired, by some member
  bool observed = false;
  bool unseen = false;  // rated « non observé » by someone
};

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + std::string("– ") + i;
  return out;
}

}  // namespace

std::string strength_line(const std::string& criterion) {
  return "Vous avez satisfait à ce critère de la grille\u00A0: " + guillemets(criterion);
}
std::string improvement_line(const std::string& criterion) {
  return "Vous pouvez progresser sur ce critère de la grille\u00A0: " + guillemets(criterion);
}
std::string unseen_line(const std::string& criterion) {
  return "Montrez davantage ce critère de la grille, que le jury n’a pas pu observer\u00A0: " + guillemets(criterion);
}
std::string observation_line(const std::string& member, const std::string& text) {
  return member + " a noté\u00A0: " + guillemets(text);
}

std::vector<CompetencyFeedback> draft_feedback(const Grid& grid, const std::vector<JuryMemberRecord>& members,
                                               const RunRecord& run) {
  std::map<std::string, std::map<std::string, std::string>> level;  // criterion -> member -> level
  for (const auto& m : run.marks) level[m.criterion_id][m.member_uuid] = m.level_id;
  std::vector<CompetencyFeedback> out;
  for (const auto& comp : grid.competencies) {
    std::vector<Rated> rated;
    for (std::size_t i = 0; i < comp.criteria.size(); ++i) {
      Rated r;
      r.criterion = &comp.criteria[i];
      r.order = i;
      int sum = 0, n = 0;
      for (const auto& member : members) {
        auto cit = level.find(comp.criteria[i].id);
        if (cit == level.end()) continue;
        auto mit = cit->second.find(member.uuid);
        if (mit == cit->second.end()) continue;
        const RatingLevel* l = grid.level(mit->second);
        if (!l) continue;
        if (!l->evidence) {
          r.unseen = true;
          continue;
        }
        r.observed = true;
        sum += position(grid, l->id);
        ++n;
        if (!l->acquired) {
          r.all_acquired = false;
          r.some_short = true;
        }
      }
      r.mean = n ? static_cast<double>(sum) / n : 0;
      rated.push_back(r);
    }
    auto by = [](bool best_first) {
      return [best_first](const Rated& a, const Rated& b) {
        if (a.mean != b.mean) return best_first ? a.mean < b.mean : a.mean > b.mean;
        return a.order < b.order;
      };
    };
    std::vector<Rated> strengths, short_of, unseen;
    for (const auto& r : rated) {
      if (r.observed && r.all_acquired) strengths.push_back(r);
      if (r.some_short) short_of.push_back(r);
      if (r.unseen && !r.observed) unseen.push_back(r);
    }
    std::stable_sort(strengths.begin(), strengths.end(), by(true));
    std::stable_sort(short_of.begin(), short_of.end(), by(false));
    std::vector<std::string> s, i;
    for (std::size_t k = 0; k < strengths.size() && k < kFeedbackItems; ++k) s.push_back(strength_line(strengths[k].criterion->text));
    for (std::size_t k = 0; k < short_of.size() && k < kFeedbackItems; ++k) i.push_back(improvement_line(short_of[k].criterion->text));
    if (i.empty())
      for (std::size_t k = 0; k < unseen.size() && k < kFeedbackItems; ++k)
        i.push_back(unseen_line(unseen[k].criterion->text));
    CompetencyFeedback f{comp.id, lines(s), lines(i)};
    // The jury's own words follow the criteria: with the areas to improve
    // when that member's ratings find the competency not acquired, else
    // with the strengths.
    for (const auto& member : members)
      for (const auto& o : run.observations) {
        if (o.member_uuid != member.uuid || o.competency_id != comp.id || o.text.empty()) continue;
        std::vector<std::string> own;
        for (const auto& c : comp.criteria) {
          std::string lv;
          if (auto cit = level.find(c.id); cit != level.end())
            if (auto mit = cit->second.find(member.uuid); mit != cit->second.end()) lv = mit->second;
          own.push_back(lv);
        }
        const bool short_of = proposed_competency_status(grid.rating_scale, own).status == CompetencyStatus::NotAcquired;
        std::string& field = short_of ? f.improvements : f.strengths;
        field += (field.empty() ? "" : "\n") + std::string("– ") + observation_line(member.name, o.text);
      }
    out.push_back(std::move(f));
  }
  return out;
}

std::string feedback_refusal(SessionKind kind, const RunRecord& run) {
  if (kind == SessionKind::Official)
    return "Le retour écrit est réservé au jury blanc\u00A0: en examen officiel, le procès-verbal fait foi.";
  if (run.decision.decided == CcpOutcome::Undecided)
    return "Le jury n’a pas encore décidé de ce CCP\u00A0: le retour écrit vient après la délibération.";
  return {};
}

std::vector<std::string> timing_sentences(const ExamPlan& plan, const std::vector<TimerEvent>& events, TimeMs now) {
  StageTimer timer(plan, events);
  const TimerStatus st = timer.status(now);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < plan.stages.size() && i < st.stages.size(); ++i) {
    const Stage& stage = plan.stages[i];
    const StageRecord& r = st.stages[i];
    std::string s = stage.label + "\u00A0: ";
    if (!r.started) {
      out.push_back(s + "étape non passée.");
      continue;
    }
    const std::string planned = duration_text(stage.duration_ms) + " prévues" +
                                (r.extension_ms > 0 ? ", plus " + duration_text(r.extension_ms) + " accordées" : "");
    const std::string took = duration_text(r.elapsed_ms);
    if (!r.ended()) s += took + " à ce stade, pour " + planned;
    else if (r.overrun_ms > 0) s += took + " pour " + planned + " (" + duration_text(r.overrun_ms) + " de dépassement)";
    else if (r.ended_early() && r.budget_ms - r.elapsed_ms >= 60'000) s += took + " pour " + planned + " (fin anticipée)";
    else if (r.extension_ms > 0) s += took + " pour " + planned + ", dans le temps";
    else s += took + ", dans le temps prévu";
    if (r.paused_ms > 0)
      s += std::string("\u00A0; ") + (r.pauses.size() > 1 ? "pauses" : "pause") + " de " + duration_text(r.paused_ms) +
           " non comptée" + (r.pauses.size() > 1 ? "s" : "");
    out.push_back(s + ".");
  }
  return out;
}

}  // namespace jurymn
