// SPDX-License-Identifier: EUPL-1.2
#include "core/group_view.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "core/stage_timer.h"
#include "core/text.h"

namespace jurymn {

namespace {

// Position of a competency in the title, for ordering; unknown ones go last.
std::size_t competency_rank(const Title& title, std::string_view id) {
  std::size_t n = 0;
  for (const auto& ccp : title.ccps)
    for (const auto& c : ccp.competencies) {
      if (c == id) return n;
      ++n;
    }
  return n;
}



// One run per candidate and CCP: the latest started (then the latest stored).
std::vector<const RunRecord*> counted_runs(const std::vector<RunRecord>& runs) {
  std::map<std::pair<std::string, std::string>, const RunRecord*> latest;
  for (const auto& r : runs) {
    const RunRecord*& slot = latest[{r.candidate_uuid, r.ccp}];
    if (!slot || std::tie(r.started_at, r.id) > std::tie(slot->started_at, slot->id)) slot = &r;
  }
  std::vector<const RunRecord*> out;
  out.reserve(latest.size());
  for (const auto& [key, run] : latest) out.push_back(run);
  return out;
}

const CandidateCcpOutcome kNotRegistered{};

}  // namespace

const CandidateCcpOutcome& CandidateOutcomes::on(std::string_view ccp) const {
  for (const auto& [id, o] : outcomes)
    if (id == ccp) return o;
  return kNotRegistered;
}

int CompetencyFigures::percent() const {
  if (decided <= 0) return 0;
  return static_cast<int>((200LL * acquired + decided) / (2LL * decided));  // half up, exact
}

GroupBand CompetencyFigures::band() const {
  if (decided <= 0) return GroupBand::None;
  const int p = percent();
  return p >= 80 ? GroupBand::Strong : p >= 50 ? GroupBand::Fair : GroupBand::Weak;
}

GroupFigures group_figures(const SessionSnapshot& snapshot, const std::vector<ExamPlan>& plans,
                           const std::vector<Grid>& grids, TimeMs now) {
  GroupFigures out;
  const std::vector<const RunRecord*> runs = counted_runs(snapshot.runs);
  out.runs = static_cast<int>(runs.size());
  const Title& title = snapshot.title;
  CcpSet ccps = snapshot.session.ccps;
  for (const RunRecord* r : runs) ccps.add(r->ccp);
  out.ccps = title.ordered(ccps);

  // Competencies, in the title's order.
  for (const CcpId& ccp : out.ccps.ids) {
    const TitleCcp* declared = title.ccp(ccp);
    const Grid* grid = nullptr;
    for (const RunRecord* r : runs)
      if (!grid && r->ccp == ccp) grid = grid_of_run(grids, *r);
    for (const auto& g : grids)
      if (!grid && g.ccp == ccp) grid = &g;
    std::vector<std::string> ids;
    if (declared) ids = declared->competencies;
    else if (grid)
      for (const auto& c : grid->competencies) ids.push_back(c.id);
    for (const std::string& id : ids) {
      CompetencyFigures f;
      f.competency_id = id;
      f.ccp = ccp;
      if (grid)
        if (const Competency* c = grid->competency(id)) f.title = c->title;
      for (const RunRecord* r : runs) {
        if (r->ccp != ccp) continue;
        for (const auto& d : r->competency_decisions) {
          if (d.competency_id != id || d.status == CompetencyStatus::Undecided) continue;
          ++f.decided;
          if (d.status == CompetencyStatus::Acquired) ++f.acquired;
          break;  // one decision per competency and run
        }
      }
      out.competencies.push_back(std::move(f));
    }
  }

  // Stages where the jury is present, in plan order first, of the plans the runs use.
  std::vector<const ExamPlan*> used;
  for (const RunRecord* r : runs) {
    const ExamPlan* p = plan_of_run(plans, *r);
    if (!p) {
      ++out.runs_without_plan;
      continue;
    }
    if (std::find(used.begin(), used.end(), p) == used.end()) used.push_back(p);
  }
  std::stable_sort(used.begin(), used.end(), [&title](const ExamPlan* a, const ExamPlan* b) {
    return std::make_tuple(title.rank(a->ccp), a->ccp, a->id, a->version) <
           std::make_tuple(title.rank(b->ccp), b->ccp, b->id, b->version);
  });
  auto stage_entry = [&out](const ExamPlan& p, const Stage& s) -> StageFigures* {
    for (auto& f : out.stages)
      if (f.plan_id == p.id && f.stage_id == s.id) return &f;
    return nullptr;
  };
  for (const ExamPlan* p : used)
    for (const Stage& s : p->stages)
      if (!stage_entry(*p, s)) out.stages.push_back({p->ccp, p->id, s.id, s.label, 0, 0});
  for (const RunRecord* r : runs) {
    const ExamPlan* p = plan_of_run(plans, *r);
    if (!p) continue;
    const TimerStatus status = StageTimer(*p, r->events).status(now);
    for (std::size_t i = 0; i < p->stages.size() && i < status.stages.size(); ++i) {
      if (!status.stages[i].started) continue;
      StageFigures* f = stage_entry(*p, p->stages[i]);
      ++f->run;
      if (status.stages[i].overrun_ms > 0) ++f->overrun;
    }
  }
  std::stable_sort(out.stages.begin(), out.stages.end(),
                   [](const StageFigures& a, const StageFigures& b) { return a.overrun > b.overrun; });

  // Candidates and their outcomes.
  for (const auto& c : snapshot.candidates) {
    CandidateOutcomes o;
    o.uuid = c.uuid;
    o.number = c.data.number;
    o.last_name = c.data.last_name;
    o.first_name = c.data.first_name;
    o.attendance = c.attendance;
    for (const CcpId& ccp : out.ccps.ids) {
      CandidateCcpOutcome on;
      on.registered = c.data.ccps.has(ccp);
      on.by_equivalence = c.data.by_equivalence.has(ccp);  // held, whether or not "registered"
      o.outcomes.emplace_back(ccp, on);
    }
    std::vector<std::pair<std::size_t, std::string>> not_acquired;
    for (const RunRecord* r : runs) {
      if (r->candidate_uuid != c.uuid) continue;
      auto slot = std::find_if(o.outcomes.begin(), o.outcomes.end(), [&](const auto& p) { return p.first == r->ccp; });
      CandidateCcpOutcome& on = slot->second;  // every run's CCP is in out.ccps
      on.has_run = true;
      on.finished = r->finished_at.has_value();
      on.locked = r->decision.locked();
      on.outcome = r->decision.decided;
      for (const auto& d : r->competency_decisions)
        if (d.status == CompetencyStatus::NotAcquired)
          not_acquired.emplace_back(competency_rank(title, d.competency_id), d.competency_id);
    }
    std::sort(not_acquired.begin(), not_acquired.end());
    not_acquired.erase(std::unique(not_acquired.begin(), not_acquired.end()), not_acquired.end());
    for (auto& [rank, id] : not_acquired) o.not_acquired.push_back(std::move(id));
    out.candidates.push_back(std::move(o));
  }
  std::stable_sort(out.candidates.begin(), out.candidates.end(),
                   [](const CandidateOutcomes& a, const CandidateOutcomes& b) {
                     return candidate_number_less(a.number, b.number);
                   });
  return out;
}

}  // namespace jurymn
