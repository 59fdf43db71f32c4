// SPDX-License-Identifier: EUPL-1.2
// A session in memory, changed by the rules of core/session_rules.h
// (core/session_state.h). Each change mirrors the rows Store::apply writes
// for it (store/apply.cpp), in the order the store reads them back.
#include "core/session_state.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace jurymn {

namespace {

std::string pair_key(const std::string& a, const std::string& b) { return a + '\x1f' + b; }

// SQLite's NOCASE: ASCII letters folded, every other byte as it is.
int nocase_compare(const std::string& a, const std::string& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; };
    const int x = fold(static_cast<unsigned char>(a[i])), y = fold(static_cast<unsigned char>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace

SessionState::SessionState(const Title& title, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids)
    : title_(title), plans_(plans), grids_(grids) {}

const CandidateRecord* SessionState::candidate(const std::string& uuid) const {
  auto it = candidate_at_.find(uuid);
  return it == candidate_at_.end() ? nullptr : &candidates_[it->second];
}

const RunRecord* SessionState::run(const std::string& uuid) const {
  auto it = run_at_.find(uuid);
  return it == run_at_.end() ? nullptr : &runs_[it->second];
}

const JuryMemberRecord* SessionState::member(const std::string& uuid) const {
  for (const auto& m : jury_)
    if (m.uuid == uuid) return &m;
  return nullptr;
}

JuryMemberRecord* SessionState::member(const std::string& uuid) {
  for (auto& m : jury_)
    if (m.uuid == uuid) return &m;
  return nullptr;
}

RunRecord& SessionState::run_at(const std::string& uuid) { return runs_[run_at_.at(uuid)]; }

const ExamPlan* SessionState::find_plan(const std::string& id, const std::string& version) const {
  for (const auto& p : plans_)
    if (p.id == id && p.version == version) return &p;
  return nullptr;
}

const Grid* SessionState::find_grid(const std::string& id, const std::string& version) const {
  for (const auto& g : grids_)
    if (g.id == id && g.version == version) return &g;
  return nullptr;
}

RunSlice SessionState::run_slice_of(const std::string& uuid, TimeMs now) const {
  const RunRecord* r = run(uuid);
  if (!r) refuse_run_not_found(uuid);
  return run_slice(*r, find_plan(r->plan_id, r->plan_version), now);
}

CandidateInput SessionState::ordered(const payload::CandidateFields& f) const {
  CandidateInput c = f;
  c.ccps = title_.ordered(f.ccps);
  c.by_equivalence = title_.ordered(f.by_equivalence);
  return c;
}

void SessionState::add_candidate(const std::string& uuid, const payload::CandidateFields& f) {
  CandidateRecord c;
  c.id = static_cast<std::int64_t>(candidates_.size()) + 1;
  c.uuid = uuid;
  c.data = ordered(f);
  candidate_at_[uuid] = candidates_.size();
  ++numbers_[c.data.number];
  candidates_.push_back(std::move(c));
}

SessionState::Applied SessionState::apply(const Action& action, const RuleContext& ctx, int rules,
                                          const payload::StartExam* started) {
  Applied out;
  const TimeMs now = ctx.now;
  auto about_run = [&](const RunRecord& r) { out.candidate_uuid = r.candidate_uuid; };
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, action::MergeBundle> || std::is_same_v<A, action::TrustKey> ||
                      std::is_same_v<A, action::RevokeKey> || std::is_same_v<A, action::CheckPvCode>) {
          throw Refusal{"Action du centre d’examen, hors de toute session\u00A0: elle ne se rejoue pas.", {}, {}};
        } else {
          out.action = audit_action_of(a);
        }
        // ---------------------------------------------------------- session
        if constexpr (std::is_same_v<A, action::CreateSession>) {
          auto p = rule(a, ctx);
          session_ = SessionRecord{};
          session_.id = 1;
          session_.uuid = p.uuid;
          session_.title = p.session.title;
          session_.date = p.session.date;
          session_.exam_centre = p.session.exam_centre;
          session_.kind = p.session.kind;
          session_.ccps = title_.ordered(p.session.ccps);
          session_.created_at = now;
          created_ = true;
          out.created_uuid = p.uuid;
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::EditSession>) {
          if (!created_ || a.session_uuid != session_.uuid) refuse_session_not_found(a.session_uuid);
          SessionSlice slice{&session_, {}};
          for (const auto& r : runs_) slice.ccps_with_runs.add(r.ccp);
          auto p = rule(a, slice, ctx);
          session_.title = p.session.title;
          session_.date = p.session.date;
          session_.exam_centre = p.session.exam_centre;
          session_.ccps = title_.ordered(p.session.ccps);
          out.payload = std::move(p);
          // ---------------------------------------------------------- jury
        } else if constexpr (std::is_same_v<A, action::AddJuryMember>) {
          if (!created_ || a.session_uuid != session_.uuid) refuse_session_not_found(a.session_uuid);
          auto p = rule(a, JurySlice{session_.kind, rules, &jury_}, ctx);
          JuryMemberRecord m;
          m.id = ++members_added_;
          m.uuid = p.uuid;
          m.name = p.name;
          m.role = p.role;
          m.pin = p.pin;
          m.feminine = p.feminine;
          // Presidents first, then by order of addition.
          auto at = m.role == JuryRole::Member
                        ? jury_.end()
                        : std::find_if(jury_.begin(), jury_.end(),
                                       [](const JuryMemberRecord& x) { return x.role == JuryRole::Member; });
          jury_.insert(at, std::move(m));
          out.created_uuid = p.uuid;
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::RemoveJuryMember>) {
          const JuryMemberRecord* m = member(a.member_uuid);
          if (!m) refuse_member_not_found(a.member_uuid);
          const auto e = evaluations_.find(a.member_uuid);
          MemberSlice slice{m, e != evaluations_.end() && e->second > 0, confirmed_.count(a.member_uuid) > 0, &jury_};
          auto p = rule(a, slice);
          jury_.erase(jury_.begin() + (m - jury_.data()));
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::ResetMemberPin>) {
          JuryMemberRecord* m = member(a.member_uuid);
          if (!m) refuse_member_not_found(a.member_uuid);
          auto p = rule(a, MemberSlice{m, false, false, &jury_}, ctx);
          m->pin = a.pin;
          out.payload = std::move(p);
          // ---------------------------------------------------------- candidates
        } else if constexpr (std::is_same_v<A, action::AddCandidate>) {
          if (!created_ || a.session_uuid != session_.uuid) refuse_session_not_found(a.session_uuid);
          CandidateSlice slice;
          slice.number_taken = [this](const std::string& number) { return numbers_.count(number) > 0; };
          auto p = rule(a, slice, ctx);
          add_candidate(p.uuid, p.candidate);
          out.candidate_uuid = out.created_uuid = p.uuid;
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::EditCandidate>) {
          auto it = candidate_at_.find(a.candidate_uuid);
          if (it == candidate_at_.end()) refuse_candidate_not_found(a.candidate_uuid);
          CandidateRecord& c = candidates_[it->second];
          CandidateSlice slice;
          slice.candidate = &c;
          // Taken by another candidate than this one.
          slice.number_taken = [this, &c](const std::string& number) {
            auto n = numbers_.find(number);
            return n != numbers_.end() && n->second > (number == c.data.number ? 1 : 0);
          };
          for (std::size_t i : runs_of_[c.uuid]) slice.run_ccps.push_back(runs_[i].ccp);
          auto p = rule(a, slice, ctx);
          if (auto n = numbers_.find(c.data.number); n != numbers_.end() && --n->second == 0) numbers_.erase(n);
          c.data = ordered(p.after);
          ++numbers_[c.data.number];
          out.candidate_uuid = c.uuid;
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::SetAttendance>) {
          auto it = candidate_at_.find(a.candidate_uuid);
          if (it == candidate_at_.end()) refuse_candidate_not_found(a.candidate_uuid);
          CandidateRecord& c = candidates_[it->second];
          CandidateSlice slice;
          slice.candidate = &c;
          slice.has_run = !runs_of_[c.uuid].empty();
          auto p = rule(a, slice);
          c.attendance = p.after;
          out.candidate_uuid = c.uuid;
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::ImportCandidates>) {
          if (!created_ || a.session_uuid != session_.uuid) refuse_session_not_found(a.session_uuid);
          std::set<std::string> numbers;
          for (const auto& c : candidates_) numbers.insert(c.data.number);
          auto p = rule(a, numbers, ctx);
          for (const auto& c : p.candidates) add_candidate(c.uuid, c.candidate);
          out.payload = std::move(p);
          // ---------------------------------------------------------- runs
        } else if constexpr (std::is_same_v<A, action::StartExam>) {
          auto it = candidate_at_.find(a.candidate_uuid);
          if (it == candidate_at_.end()) refuse_candidate_not_found(a.candidate_uuid);
          CandidateRecord& c = candidates_[it->second];
          StartSlice slice;
          slice.candidate = &c;
          slice.session_ccps = session_.ccps;
          for (std::size_t i : runs_of_[c.uuid]) slice.already_started = slice.already_started || runs_[i].ccp == a.ccp;
          // A replayed run starts under the plan and grid its entry names.
          if (started) {
            for (const auto& x : plans_)
              if (x.ccp == a.ccp && x.id == started->plan.id && x.version == started->plan.version) slice.plan = &x;
            for (const auto& x : grids_)
              if (started->grid && x.ccp == a.ccp && x.id == started->grid->id && x.version == started->grid->version)
                slice.grid = &x;
          } else {
            slice.plan = newest_for_ccp(plans_, a.ccp);
            slice.grid = newest_for_ccp(grids_, a.ccp);
          }
          auto p = rule(a, slice, ctx);
          RunRecord r;
          r.id = static_cast<std::int64_t>(runs_.size()) + 1;
          r.uuid = p.run;
          r.candidate_uuid = c.uuid;
          r.ccp = p.ccp;
          r.plan_id = p.plan.id;
          r.plan_version = p.plan.version;
          r.started_at = now;
          if (p.grid) {
            r.grid_id = p.grid->id;
            r.grid_version = p.grid->version;
          }
          r.rules = p.rules;
          c.attendance = Attendance::Present;
          run_at_[r.uuid] = runs_.size();
          runs_of_[c.uuid].push_back(runs_.size());
          runs_.push_back(std::move(r));
          run_indexes_.emplace_back();
          out.candidate_uuid = c.uuid;
          out.created_uuid = p.run;
          out.payload = std::move(p);
        } else if constexpr (std::is_same_v<A, action::RecordTimerEvent>) {
          auto change = rule(a, run_slice_of(a.run_uuid, now), ctx);
          RunRecord& r = run_at(a.run_uuid);
          r.events.push_back(std::move(change.event));
          if (change.finishes_run) r.finished_at = now;
          about_run(r);
          out.payload = std::move(change.payload);
        } else if constexpr (std::is_same_v<A, action::DrawSheet> || std::is_same_v<A, action::ChooseSheet>) {
          const RunSlice slice = run_slice_of(a.run_uuid, now);
          const CandidateRecord* c = candidate(slice.record->candidate_uuid);
          auto change = rule(a, slice, c->data.sheets, ctx);
          RunRecord& r = run_at(a.run_uuid);
          r.draws.push_back(std::move(change.draw));
          about_run(r);
          out.payload = std::move(change.payload);
          // ---------------------------------------------------------- marking
        } else if constexpr (std::is_same_v<A, action::RecordMark> || std::is_same_v<A, action::SetObservation>) {
          const RunSlice slice = run_slice_of(a.run_uuid, now);
          const RunRecord& held = *slice.record;
          const JuryMemberRecord* m = member(a.member_uuid);
          MarkingSlice marking = marking_slice(slice, find_grid(held.grid_id, held.grid_version),
                                               m ? &m->name : nullptr, held.decision.locked());
          RunRecord& r = run_at(a.run_uuid);
          RunIndex& index = run_indexes_[run_at_.at(a.run_uuid)];
          if constexpr (std::is_same_v<A, action::RecordMark>) {
            const std::string key = pair_key(a.member_uuid, a.criterion_id);
            auto it = index.marks.find(key);
            if (it != index.marks.end()) marking.previous_level = r.marks[it->second].level_id;
            auto p = rule(a, marking);
            if (a.level_id.empty()) {
              if (it != index.marks.end()) {
                // The last mark takes the place of the one withdrawn.
                const std::size_t i = it->second;
                index.marks.erase(it);
                if (i + 1 != r.marks.size()) {
                  r.marks[i] = std::move(r.marks.back());
                  index.marks[pair_key(r.marks[i].member_uuid, r.marks[i].criterion_id)] = i;
                }
                r.marks.pop_back();
                --evaluations_[a.member_uuid];
              }
            } else if (it != index.marks.end()) {
              r.marks[it->second].level_id = a.level_id;
              r.marks[it->second].at = now;
            } else {
              index.marks[key] = r.marks.size();
              r.marks.push_back({a.member_uuid, a.criterion_id, a.level_id, now});
              ++evaluations_[a.member_uuid];
            }
            out.payload = std::move(p);
          } else {
            auto p = rule(a, marking);
            const std::string key = pair_key(a.member_uuid, a.competency_id);
            auto it = index.observations.find(key);
            if (it != index.observations.end()) {
              r.observations[it->second].text = a.text;
              r.observations[it->second].at = now;
            } else {
              index.observations[key] = r.observations.size();
              r.observations.push_back({a.member_uuid, a.competency_id, a.text, now});
              ++evaluations_[a.member_uuid];
            }
            out.payload = std::move(p);
          }
          about_run(r);
          // ---------------------------------------------------------- decisions
        } else if constexpr (std::is_same_v<A, action::DecideCompetency> || std::is_same_v<A, action::DecideCcp> ||
                             std::is_same_v<A, action::ConfirmDecision>) {
          const RunSlice slice = run_slice_of(a.run_uuid, now);
          const RunRecord& held = *slice.record;
          DeliberationSlice d = deliberation_slice(slice, find_grid(held.grid_id, held.grid_version), jury_, session_.kind);
          d.rules = rules;
          RunRecord& r = run_at(a.run_uuid);
          CcpDecisionRecord& decision = r.decision;
          if constexpr (std::is_same_v<A, action::DecideCompetency>) {
            auto p = rule(a, d);
            auto it = std::find_if(r.competency_decisions.begin(), r.competency_decisions.end(),
                                   [&](const CompetencyDecisionRecord& c) { return c.competency_id == p.competency; });
            if (p.status == CompetencyStatus::Undecided) {
              if (it != r.competency_decisions.end()) r.competency_decisions.erase(it);
            } else if (it != r.competency_decisions.end()) {
              it->status = p.status;
              it->at = now;
              it->reason = p.reason;
            } else {
              r.competency_decisions.push_back({p.competency, p.status, now, p.reason});
            }
            // The CCP decision goes, its reopenings stay on record.
            if (p.cleared != CcpOutcome::Undecided) {
              std::vector<ReopeningRecord> reopenings = std::move(decision.reopenings);
              decision = CcpDecisionRecord{};
              decision.reopenings = std::move(reopenings);
            } else if (p.before != p.status) {
              decision.confirmed_by.clear();
            }
            out.payload = std::move(p);
          } else if constexpr (std::is_same_v<A, action::DecideCcp>) {
            auto p = rule(a, d);
            decision.proposed = p.proposed;
            decision.decided = p.decided;
            decision.justification = p.justification;
            decision.confirmed_by.clear();
            decision.decided_at = now;
            decision.locked_at.reset();
            out.payload = std::move(p);
          } else {
            auto p = rule(a, d, ctx);
            // The store updates the decision's row: none, nothing changes.
            if (decision.decided_at) {
              decision.confirmed_by.push_back(a.member_uuid);
              if (p.locked) decision.locked_at = now;
              else decision.locked_at.reset();
            }
            confirmed_[a.member_uuid] = true;
            out.payload = std::move(p);
          }
          about_run(r);
        } else if constexpr (std::is_same_v<A, action::ReopenDecision>) {
          auto change = rule(a, ReopeningSlice{run_slice_of(a.run_uuid, now), session_.kind, &jury_}, ctx);
          RunRecord& r = run_at(a.run_uuid);
          r.decision.confirmed_by.clear();
          r.decision.locked_at.reset();
          r.decision.reopenings.push_back({now, change.actor, change.payload.reason});
          about_run(r);
          out.payload = std::move(change.payload);
        } else if constexpr (std::is_same_v<A, action::RecordInterruption>) {
          auto p = rule(a, run_slice_of(a.run_uuid, now), ctx);
          RunRecord& r = run_at(a.run_uuid);
          r.interruptions.push_back({p.from_ms, p.to_ms, p.cause});
          about_run(r);
          out.payload = std::move(p);
          // ---------------------------------------------------------- feedback
        } else if constexpr (std::is_same_v<A, action::SetFeedback> || std::is_same_v<A, action::SetFeedbackAdvice>) {
          const RunSlice slice = run_slice_of(a.run_uuid, now);
          const RunRecord& held = *slice.record;
          const FeedbackSlice f = feedback_slice(slice, find_grid(held.grid_id, held.grid_version), session_.kind);
          RunRecord& r = run_at(a.run_uuid);
          if constexpr (std::is_same_v<A, action::SetFeedback>) {
            auto p = rule(a, f);
            RunIndex& index = run_indexes_[run_at_.at(a.run_uuid)];
            auto it = index.feedback.find(a.competency_id);
            if (it != index.feedback.end()) {
              r.feedback[it->second].strengths = a.strengths;
              r.feedback[it->second].improvements = a.improvements;
              r.feedback[it->second].at = now;
            } else {
              index.feedback[a.competency_id] = r.feedback.size();
              r.feedback.push_back({a.competency_id, a.strengths, a.improvements, now});
            }
            out.payload = std::move(p);
          } else {
            auto p = rule(a, f);
            r.advice = a.text;
            out.payload = std::move(p);
          }
          about_run(r);
        }
      },
      action);
  return out;
}

SessionSnapshot SessionState::snapshot() const {
  SessionSnapshot s;
  s.title = title_;
  s.session = session_;
  s.session.candidate_count = static_cast<int>(candidates_.size());
  s.session.jury_count = static_cast<int>(jury_.size());
  s.jury = jury_;
  s.candidates = candidates_;
  // In the store's order: by name, then number (Store::candidates).
  std::stable_sort(s.candidates.begin(), s.candidates.end(), [](const CandidateRecord& a, const CandidateRecord& b) {
    if (int c = nocase_compare(a.data.last_name, b.data.last_name)) return c < 0;
    if (int c = nocase_compare(a.data.first_name, b.data.first_name)) return c < 0;
    return a.data.number < b.data.number;
  });
  s.runs = runs_;
  // As the store reads them: the proposal of the decisions as they are now.
  for (auto& r : s.runs)
    if (const Grid* grid = find_grid(r.grid_id, r.grid_version)) r.decision.proposed = current_ccp_proposal(*grid, jury_, r);
  return s;
}

}  // namespace jurymn
