// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A results bundle carries its session's audit trail (results.json,
// "audit_trail"). This checks that trail against the head the bundle
// carries and the records against the trail: a bundle whose records were
// edited after the fact, or whose trail was, does not hold together.
#include <memory>
#include <string>
#include <vector>

#include "core/exam_plan.h"
#include "core/results_bundle.h"

namespace jurymn {

// Problems (file, JSON pointer, French message); none when the bundle holds
// together:
// - the trail's hash chain is intact and ends at the head (/audit);
// - no entry is a merge_bundle (not an action of a jury's session);
// - every run was started in the trail;
// - for every run: each mark, competency decision,
//   the CCP decision, whether it is locked and the number of draws are
//   what the trail's last entries say.
std::vector<PlanProblem> check_against_audit_trail(const ResultsBundle& bundle, const std::string& file_name);

// The same as the trail is read, one entry at a time in order: a trail of
// any length is checked without being held. `lines`: a format 5 bundle,
// whose problems name audit-trail.jsonl's and runs.jsonl's lines.
// `records` false: the chain alone, for a caller that replays the trail
// and compares every record with the replay (store/replay.h), which says
// all this account says and more; neither the payloads are read twice nor
// the trail's marks held.
class AuditTrailCheck {
public:
  AuditTrailCheck(std::string file_name, bool lines, bool records = true);
  ~AuditTrailCheck();
  void add(const AuditRecord& entry);
  // `bundle`: its head and records (its audit_trail is not read).
  std::vector<PlanProblem> finish(const ResultsBundle& bundle);

private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace jurymn
