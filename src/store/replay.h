// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Every record proved by replay: a session's audit trail is applied again,
// entry by entry, by the rules Store::apply runs (core/session_rules.h, the
// one definition of each action's effect) to a session held in memory
// (core/session_state.h), with each entry's own time, actor, uuids and draw;
// each entry must be the one the rule gives, and the records that come out
// must be the ones held — those of a results bundle, or those of a laptop's
// database. A difference is named: the entry, the field, both values.
//
// What replay cannot catch: a trail rewritten consistently from the start
// (records and entries together) and re-signed with the laptop's key replays
// into itself. The paper code of the PV and the members' PINs are what make
// such a rewrite show.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exam_plan.h"
#include "core/audit_trail.h"
#include "core/grid.h"
#include "core/records.h"
#include "core/results_bundle.h"
#include "core/title.h"

namespace jurymn {

struct ReplayReport {
  // French, one line each, naming the entry or field and both values.
  std::vector<std::string> problems;
  // What the trail could not prove (an older trail, a plan or grid version
  // not available here): « preuves partielles ». Not problems.
  std::vector<std::string> unproven;
  std::int64_t entries_replayed = 0;
  bool ok() const { return problems.empty(); }
  bool partial() const { return !unproven.empty(); }
};

// The records `trail` gives when replayed under `title`, `plans` and
// `grids` (the trail of one session, in order); problems of the replay
// itself (an entry refused, or whose replay records another payload) in
// `report`. Nothing when the trail does not create its session.
std::optional<SessionSnapshot> replay_trail(const std::vector<AuditRecord>& trail, const Title& title,
                                            const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids,
                                            ReplayReport& report);

// The same, one entry at a time as the trail is read: a trail of any
// length is proved in the memory of the session it builds. feed() each
// entry in order, then finish() once.
class TrailReplay {
public:
  TrailReplay(const Title& title, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids,
              ReplayReport& report);
  ~TrailReplay();
  TrailReplay(const TrailReplay&) = delete;
  TrailReplay& operator=(const TrailReplay&) = delete;
  void feed(const AuditRecord& entry);
  std::optional<SessionSnapshot> finish();
  // Candidate uuid → the last entry fed about them, named (« entrée n° 12
  // (rate_competency) »): compare_with_replay's messages.
  std::map<std::string, std::string> last_entries() const;

private:
  struct State;
  std::unique_ptr<State> s_;
};

// Every field of `held` against `replayed`; `trail` names the entry last
// about each candidate in the messages. `bundle`: `held` is what a results
// bundle carries (no mock-jury feedback, no interruptions).
void compare_with_replay(const SessionSnapshot& held, const SessionSnapshot& replayed,
                         const std::vector<AuditRecord>& trail, ReplayReport& report, bool bundle);
void compare_with_replay(const SessionSnapshot& held, const SessionSnapshot& replayed,
                         const std::map<std::string, std::string>& last_entries, ReplayReport& report, bool bundle);

// A bundle's records against the replay of its trail, under the bundle's
// own title and the plans and grids known here.
// Entries that are not actions of a jury's session (merge_bundle) are
// problems: they prove nothing and turn no check off.
ReplayReport check_bundle_by_replay(const ResultsBundle& bundle, const std::vector<ExamPlan>& plans,
                                    const std::vector<Grid>& grids);

// The same as the bundle is read: made from its head (title, format), fed
// each entry of its trail in order, finished with the records it holds.
// The trail is never held; the replayed session is.
class BundleReplay {
public:
  BundleReplay(const ResultsBundle& head, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids);
  void feed(const AuditRecord& entry);
  ReplayReport finish(const SessionSnapshot& held);

private:
  ReplayReport report_;
  Title title_;  // the head's is moved away once the bundle is read
  TrailReplay replay_;
  std::int64_t fed_ = 0;
};

class Store;
// A database's records against the replay of their trail (`audit verify`):
// one session, or every session. A session gathered at the centre from
// bundles (merge_bundle entries) is not replayed: it is listed as unproven.
ReplayReport check_store_by_replay(const Store& store, std::string_view session_uuid = {});

// What `audit verify` proves of a database, the trail read once and never
// held: every chain walked (Store::verify_audit_chain), and as each
// session's entries are read, its replay (check_store_by_replay's report)
// and its members' signatures (core/confirmation_proof.h; French problems,
// each naming the session). The replay and the signatures prove something
// only of an intact chain.
struct StoreProof {
  AuditChainReport chain;
  ReplayReport replay;
  std::vector<std::string> signature_problems;
};
StoreProof prove_store(const Store& store, std::string_view session_uuid = {});

// A centre's enrolled keys — and its merged bundles, its paper PV checks
// and its keys confirmed for a session — against its own trail: every row of
// `trusted_key` must be what its trust_key and revoke_key entries give, in
// order — a row inserted, edited or un-revoked with sqlite3 would let a
// stranger's bundle merge. French problems, each naming the key; empty when
// they agree. Cheap (the base's own entries only): merge runs it before it
// writes, `audit verify` of the whole base too.
std::vector<std::string> enrolled_keys_problems(const Store& store);

}  // namespace jurymn
