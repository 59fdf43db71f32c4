// SPDX-License-Identifier: EUPL-1.2
#pragma once
// One session held in memory: its header, jury, candidates and runs (the
// record types of core/records.h), indexed by uuid, and the few facts the
// rules ask that no record carries (who has marked, who has confirmed).
//
// It answers each action as Store::apply does, without SQLite: it builds
// the action's slice from what it holds, runs the same rule
// (core/session_rules.h) and applies the change the rule returns. The
// replay of a trail (store/replay.h) is this, entry after entry; what comes
// out is compared with the records held, field by field.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/action_payloads.h"
#include "core/actions.h"
#include "core/audit_payloads.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"
#include "core/session_rules.h"
#include "core/title.h"

namespace jurymn {

class SessionState {
public:
  // The title, plans and grids every rule is judged with; kept by reference.
  SessionState(const Title& title, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids);

  // What an applied action records: its audit entry's action, payload and
  // candidate ("" when the entry is about no one candidate).
  struct Applied {
    AuditAction action = AuditAction::CreateSession;
    AuditPayload payload;
    std::string candidate_uuid;
    std::string created_uuid;
  };

  // Applies `a` under `rules` (core/rules.h): its rule, then its change.
  // Throws Refusal, having changed nothing. `started`: for a StartExam
  // replayed, the plan and grid its entry names (the run starts under
  // those, not today's; null when not here).
  // The centre's actions (MergeBundle, TrustKey, RevokeKey, CheckPvCode)
  // are no session's: refused.
  Applied apply(const Action& a, const RuleContext& ctx, int rules, const payload::StartExam* started = nullptr);

  bool created() const { return created_; }
  const SessionRecord& session() const { return session_; }
  // Presidents first, then by order of addition (as the store reads them).
  const std::vector<JuryMemberRecord>& jury() const { return jury_; }
  const CandidateRecord* candidate(const std::string& uuid) const;
  const RunRecord* run(const std::string& uuid) const;

  // Everything held, as Store::snapshot gives it: each run's proposal
  // derived from its decisions as they are now.
  SessionSnapshot snapshot() const;

private:
  struct RunIndex {
    std::unordered_map<std::string, std::size_t> marks;         // member/criterion → marks[i]
    std::unordered_map<std::string, std::size_t> observations;  // member/competency
    std::unordered_map<std::string, std::size_t> feedback;      // competency
  };

  const JuryMemberRecord* member(const std::string& uuid) const;
  JuryMemberRecord* member(const std::string& uuid);
  RunRecord& run_at(const std::string& uuid);
  RunSlice run_slice_of(const std::string& uuid, TimeMs now) const;
  const ExamPlan* find_plan(const std::string& id, const std::string& version) const;
  const Grid* find_grid(const std::string& id, const std::string& version) const;
  void add_candidate(const std::string& uuid, const payload::CandidateFields& f);
  CandidateInput ordered(const payload::CandidateFields& f) const;

  const Title& title_;
  const std::vector<ExamPlan>& plans_;
  const std::vector<Grid>& grids_;
  bool created_ = false;
  SessionRecord session_;
  std::vector<JuryMemberRecord> jury_;
  std::int64_t members_added_ = 0;  // the ids of members, in order of addition
  std::vector<CandidateRecord> candidates_;
  std::unordered_map<std::string, std::size_t> candidate_at_;
  // What the rules ask of every candidate, answered without walking them
  // all: the numbers taken (counted: a legacy trail may repeat one) and
  // each candidate's runs, by index in runs_.
  std::unordered_map<std::string, int> numbers_;
  std::unordered_map<std::string, std::vector<std::size_t>> runs_of_;
  std::vector<RunRecord> runs_;
  std::vector<RunIndex> run_indexes_;  // beside runs_
  std::unordered_map<std::string, std::size_t> run_at_;
  // Marks and observations held per member: a member who has any can no
  // longer be removed.
  std::unordered_map<std::string, int> evaluations_;
  // Members whose confirmation is in the trail, even reopened since.
  std::unordered_map<std::string, bool> confirmed_;
};

}  // namespace jurymn
