// SPDX-License-Identifier: EUPL-1.2
// The generator of large, completed sessions (benchmarks): every candidate
// examined to the end, rated by both members, decided by the rules,
// confirmed and locked — all through Store::apply, deterministic per seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "core/deliberation.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/completed_session.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using test::TempDir;

constexpr TimeMs kNow = 1'780'000'000'000;

struct CompletedSessionTest : ::testing::Test {
  TempDir dir;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  FakeClock clock{kNow};

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    auto loaded = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336());
    ASSERT_TRUE(loaded.problems.empty());
    grids = loaded.grids;
    ASSERT_EQ(plans.size(), 2u);
    ASSERT_EQ(grids.size(), 2u);
  }

  std::unique_ptr<Store> open(const std::string& path) {
    auto r = Store::open(path, OpenMode::ReadOnly, clock);
    EXPECT_EQ(r.error, "");
    if (r.store) r.store->set_title(test::tp01336());
    return std::move(r.store);
  }

  const Grid& grid_of(const RunRecord& run) const {
    for (const auto& g : grids)
      if (g.id == run.grid_id && g.version == run.grid_version) return g;
    throw std::runtime_error("no grid " + run.grid_id);
  }
  const ExamPlan& plan_of(const RunRecord& run) const {
    for (const auto& p : plans)
      if (p.id == run.plan_id && p.version == run.plan_version) return p;
    throw std::runtime_error("no plan " + run.plan_id);
  }
};

// One generated session, kept for the tests that only read it.
struct Generated {
  std::string path;
  CompletedSessionResult result;
  std::unique_ptr<Store> store;
  SessionSnapshot snap;
};

Generated generate(CompletedSessionTest& t, const std::string& name, int candidates, std::uint64_t seed,
                   SessionKind kind = SessionKind::Official) {
  Generated g;
  g.path = t.dir.file(name);
  g.result = create_completed_session(g.path, jurymn::test::tp01336(), t.plans, t.grids, candidates, kind, seed, kNow);
  EXPECT_EQ(g.result.error, "");
  g.store = t.open(g.path);
  if (g.store) {
    auto snap = g.store->snapshot(g.result.session_uuid);
    EXPECT_TRUE(snap.has_value());
    if (snap) g.snap = std::move(*snap);
    // The store lists candidates by name; the generator numbers them in order.
    std::sort(g.snap.candidates.begin(), g.snap.candidates.end(),
              [](const CandidateRecord& a, const CandidateRecord& b) { return a.data.number < b.data.number; });
  }
  return g;
}

// A run with its decision unlocked, so the decision rules can be asked again.
RunRecord unlocked(RunRecord run) {
  run.decision.locked_at.reset();
  run.decision.confirmed_by.clear();
  return run;
}

TEST_F(CompletedSessionTest, CompletedSessionEveryCandidateIsExaminedDecidedConfirmedAndLocked) {
  Generated g = generate(*this, "s.db", 25, 42);
  ASSERT_TRUE(g.store);
  const SessionSnapshot& s = g.snap;
  EXPECT_EQ(g.store->integrity_check(), "ok");
  EXPECT_EQ(s.session.kind, SessionKind::Official);
  EXPECT_EQ(s.session.ccps, (CcpSet{"CCP1", "CCP2"}));
  ASSERT_EQ(s.jury.size(), 2u);
  EXPECT_EQ(s.jury[0].role, JuryRole::President);
  EXPECT_EQ(s.jury[1].role, JuryRole::Member);
  ASSERT_EQ(s.candidates.size(), 25u);

  std::map<std::string, std::vector<const RunRecord*>> runs_of;
  for (const auto& r : s.runs) runs_of[r.candidate_uuid].push_back(&r);
  int ccp1_only = 0, ccp2_only = 0, both = 0, equivalence = 0;
  for (int i = 0; i < 25; ++i) {
    const CandidateRecord& c = s.candidates[static_cast<std::size_t>(i)];
    char number[16];
    std::snprintf(number, sizeof number, "C-%05d", i + 1);
    EXPECT_EQ(c.data.number, number);
    EXPECT_EQ(c.attendance, Attendance::Present) << c.data.number;
    EXPECT_EQ(sheet_count(c.data.sheets), kDefaultSessionSheets);
    EXPECT_EQ(std::set<std::string>(c.data.sheets.begin(), c.data.sheets.end()).size(), 3u);
    const auto& runs = runs_of[c.uuid];
    ASSERT_EQ(runs.size(), c.data.ccps.ids.size()) << c.data.number;
    for (const RunRecord* r : runs) EXPECT_TRUE(c.data.ccps.has(r->ccp));
    if (c.data.by_equivalence.has("CCP1")) ++equivalence;
    else if (c.data.ccps.has("CCP1") && c.data.ccps.has("CCP2")) ++both;
    else if (c.data.ccps.has("CCP1")) ++ccp1_only;
    else ++ccp2_only;
  }
  EXPECT_GT(both, 12);
  EXPECT_GT(ccp1_only, 0);
  EXPECT_GT(ccp2_only, 0);
  EXPECT_GT(equivalence, 0);

  std::set<std::string> member_uuids{s.jury[0].uuid, s.jury[1].uuid};
  for (const auto& run : s.runs) {
    SCOPED_TRACE(run.ccp + " " + run.uuid);
    const Grid& grid = grid_of(run);
    const ExamPlan& plan = plan_of(run);
    // The run went through every stage of its plan, in order, before now.
    ASSERT_TRUE(run.finished_at.has_value());
    EXPECT_LT(*run.finished_at, kNow);
    StageTimer timer(plan, run.events);
    EXPECT_TRUE(timer.skipped().empty());
    auto status = timer.status(kNow);
    EXPECT_EQ(status.state, TimerState::Finished);
    for (const auto& st : status.stages) EXPECT_TRUE(st.started && st.ended()) << st.stage_id;
    for (std::size_t e = 1; e < run.events.size(); ++e) EXPECT_LE(run.events[e - 1].at, run.events[e].at);
    EXPECT_EQ(run.draws.size(), plan.draw_stage_index() >= 0 ? 1u : 0u);
    // Both members rated every criterion, once.
    EXPECT_EQ(run.marks.size(), 2 * grid.criterion_count());
    std::set<std::pair<std::string, std::string>> rated;
    for (const auto& m : run.marks) {
      EXPECT_TRUE(member_uuids.count(m.member_uuid));
      EXPECT_NE(grid.level(m.level_id), nullptr);
      EXPECT_LT(m.at, kNow);
      rated.insert({m.member_uuid, m.criterion_id});
    }
    EXPECT_EQ(rated.size(), 2 * grid.criterion_count());
    // Every competency decided, the CCP decided, confirmed by both, locked.
    EXPECT_EQ(run.competency_decisions.size(), grid.competencies.size());
    EXPECT_NE(run.decision.decided, CcpOutcome::Undecided);
    EXPECT_TRUE(run.decision.locked());
    EXPECT_LT(run.decision.locked_at.value_or(kNow), kNow);
    EXPECT_EQ(std::set<std::string>(run.decision.confirmed_by.begin(), run.decision.confirmed_by.end()),
              member_uuids);
    EXPECT_TRUE(confirmation_complete(s.jury, run.decision.confirmed_by));
  }
}

// What the decisions of a session look like, each checked against the rules.
struct Outcomes {
  int obtained = 0, not_obtained = 0, departs = 0, justified = 0, splits = 0, disagreements = 0;
};

Outcomes check_decisions(const CompletedSessionTest& t, const SessionSnapshot& snap) {
  Outcomes o;
  for (const auto& stored : snap.runs) {
    SCOPED_TRACE(stored.ccp + " " + stored.uuid);
    const Grid& grid = t.grid_of(stored);
    const DecisionRule& rule = grid.decision_rule;
    const RunRecord run = unlocked(stored);
    Deliberation d = review_run(grid, snap.jury, run);
    EXPECT_TRUE(d.finished);
    EXPECT_TRUE(d.all_decided());
    // Each competency as the ratings propose; a split settled on one side.
    for (const auto& c : d.competencies) {
      EXPECT_NE(c.decided, CompetencyStatus::Undecided);
      if (c.members_split) {
        ++o.splits;
        EXPECT_TRUE(c.decided == c.by_member[0].status || c.decided == c.by_member[1].status);
      } else {
        EXPECT_EQ(c.decided, c.proposed) << c.competency->id;
      }
      o.disagreements += c.disagreements;
    }
    const CcpDecisionRecord& dec = stored.decision;
    EXPECT_EQ(dec.proposed, d.proposed);
    EXPECT_EQ(ccp_decision_refusal(d, rule, dec.decided, dec.justification), "");
    // A justification exactly where the rule asks for one.
    EXPECT_EQ(!dec.justification.empty(), justification_required(rule, dec.proposed, dec.decided))
        << to_id(dec.proposed) << " → " << to_id(dec.decided) << ": " << dec.justification;
    o.justified += !dec.justification.empty();
    o.departs += dec.decided != dec.proposed;
    (dec.decided == CcpOutcome::Obtained ? o.obtained : o.not_obtained)++;
  }
  std::printf("[          ] %zu runs: %d obtained, %d not, %d departing from the proposal, %d split competencies\n",
              snap.runs.size(), o.obtained, o.not_obtained, o.departs, o.splits);
  return o;
}

TEST_F(CompletedSessionTest, CompletedSessionDecisionsFollowTheRules) {
  Generated g = generate(*this, "s.db", 25, 42);
  ASSERT_TRUE(g.store);
  Outcomes o = check_decisions(*this, g.snap);
  EXPECT_GT(o.obtained, 0);
  EXPECT_GT(o.not_obtained, 0);
  EXPECT_GT(o.justified, 0);
  EXPECT_GT(o.disagreements, 0);
}

TEST_F(CompletedSessionTest, CompletedSessionHasIncidentsObservationsAndEveryRatingLevel) {
  Generated g = generate(*this, "s.db", 25, 42);
  ASSERT_TRUE(g.store);
  std::set<TimerEventKind> kinds;
  std::set<std::string> levels;
  std::size_t observations = 0;
  for (const auto& run : g.snap.runs) {
    for (const auto& e : run.events) {
      kinds.insert(e.kind);
      if (e.kind == TimerEventKind::Pause || e.kind == TimerEventKind::Extend) {
        EXPECT_FALSE(e.reason.empty());
      }
    }
    for (const auto& m : run.marks) levels.insert(m.level_id);
    observations += run.observations.size();
    for (const auto& o : run.observations) EXPECT_FALSE(o.text.empty());
  }
  EXPECT_TRUE(kinds.count(TimerEventKind::Pause));
  EXPECT_TRUE(kinds.count(TimerEventKind::Resume));
  EXPECT_TRUE(kinds.count(TimerEventKind::Extend));
  EXPECT_GT(observations, 0u);
  for (const auto& grid : grids)
    for (const auto& l : grid.rating_scale) EXPECT_TRUE(levels.count(l.id)) << l.id;  // « en cours », « non observé »…
}

TEST_F(CompletedSessionTest, CompletedSessionAuditsEveryWriteInOrderBeforeNow) {
  Generated g = generate(*this, "s.db", 25, 42);
  ASSERT_TRUE(g.store);
  const SessionSnapshot& s = g.snap;
  // One write per stored fact: no rating or decision was ever overwritten.
  std::int64_t writes = 1 + static_cast<std::int64_t>(s.jury.size() + s.candidates.size());
  for (const auto& r : s.runs)
    writes += 1 + static_cast<std::int64_t>(r.events.size() + r.draws.size() + r.marks.size() + r.observations.size() +
                                            r.competency_decisions.size()) +
              1 + static_cast<std::int64_t>(r.decision.confirmed_by.size());
  EXPECT_EQ(g.result.actions, writes);
  // Plus the rules' declaration written with the session's creation.
  EXPECT_EQ(g.store->audit_entry_count(), writes + 1);
  auto audit = g.store->audit_entries(s.session.uuid);
  ASSERT_EQ(static_cast<std::int64_t>(audit.size()), writes + 1);
  std::map<std::string, int> by_action;
  for (std::size_t i = 0; i < audit.size(); ++i) {
    EXPECT_EQ(audit[i].actor, "demo");
    EXPECT_LT(audit[i].at_ms, kNow);
    if (i > 0) {
      EXPECT_LE(audit[i - 1].at_ms, audit[i].at_ms);
    }
    ++by_action[audit[i].action];
  }
  EXPECT_EQ(by_action["create_session"], 1);
  EXPECT_EQ(by_action["add_candidate"], 25);
  EXPECT_EQ(by_action["start_exam"], static_cast<int>(s.runs.size()));
  EXPECT_EQ(by_action["decide_ccp"], static_cast<int>(s.runs.size()));
  EXPECT_EQ(by_action["confirm_decision"], 2 * static_cast<int>(s.runs.size()));
  EXPECT_EQ(by_action["reopen_decision"], 0);
}

// Everything a seed decides, uuids and the member ids aside.
std::string fingerprint(const SessionSnapshot& s) {
  std::map<std::string, std::string> member;
  for (const auto& m : s.jury) member[m.uuid] = std::string(to_id(m.role)) + ":" + m.name;
  std::map<std::string, std::string> number;
  std::string out = s.session.title + "|" + s.session.date + "\n";
  for (const auto& c : s.candidates) {
    number[c.uuid] = c.data.number;
    out += c.data.number + " " + c.data.first_name + " " + c.data.last_name + " " + to_id(c.data.ccps) +
           (c.data.by_equivalence.has("CCP1") ? " équivalence" : "") + " [" + c.data.sheets[0] + "; " + c.data.sheets[1] +
           "; " + c.data.sheets[2] + "]\n";
  }
  for (const auto& r : s.runs) {
    out += number[r.candidate_uuid] + " " + r.ccp + " @" + std::to_string(r.started_at) + "\n";
    for (const auto& e : r.events)
      out += "  " + std::string(to_id(e.kind)) + " " + e.stage_id + " " + std::to_string(e.at) + " " +
             std::to_string(e.amount) + " " + e.reason + "\n";
    for (const auto& d : r.draws) out += "  draw " + std::to_string(d.chosen) + "\n";
    for (const auto& m : r.marks)
      out += "  " + member[m.member_uuid] + " " + m.criterion_id + "=" + m.level_id + " " + std::to_string(m.at) + "\n";
    for (const auto& o : r.observations) out += "  " + member[o.member_uuid] + " " + o.competency_id + ": " + o.text + "\n";
    for (const auto& c : r.competency_decisions) out += "  " + c.competency_id + " " + std::string(to_id(c.status)) + "\n";
    out += "  " + std::string(to_id(r.decision.proposed)) + " → " + std::string(to_id(r.decision.decided)) + " " +
           r.decision.justification + "\n";
  }
  return out;
}

TEST_F(CompletedSessionTest, CompletedSessionIsDeterministicForASeed) {
  Generated a = generate(*this, "a.db", 25, 7);
  Generated b = generate(*this, "b.db", 25, 7);
  Generated c = generate(*this, "c.db", 25, 8);
  ASSERT_TRUE(a.store && b.store && c.store);
  EXPECT_NE(a.result.session_uuid, b.result.session_uuid);  // uuids stay random
  const std::string fa = fingerprint(a.snap);
  EXPECT_EQ(fa, fingerprint(b.snap));
  EXPECT_NE(fa, fingerprint(c.snap));
  // Names come from the lists, accents and all.
  std::set<std::string> names;
  for (const auto& cand : a.snap.candidates) names.insert(cand.data.first_name + " " + cand.data.last_name);
  EXPECT_GT(names.size(), 15u);
}

TEST_F(CompletedSessionTest, CompletedSessionRehearsalKindAndSeveralCommits) {
  // 201 candidates: two bulk transactions, one committed mid-way.
  Generated g = generate(*this, "r.db", 201, 3, SessionKind::Rehearsal);
  ASSERT_TRUE(g.store);
  EXPECT_EQ(g.snap.session.kind, SessionKind::Rehearsal);
  EXPECT_EQ(g.snap.candidates.size(), 201u);
  EXPECT_EQ(g.snap.candidates.back().data.number, "C-00201");
  std::size_t locked = 0;
  for (const auto& r : g.snap.runs) locked += r.decision.locked();
  EXPECT_EQ(locked, g.snap.runs.size());
  EXPECT_EQ(g.store->audit_entry_count(), g.result.actions + 1) << "and the rules' declaration";
  EXPECT_EQ(g.store->integrity_check(), "ok");
  EXPECT_EQ(g.store->sessions().size(), 1u);
  // Enough runs for the rarer cases: a split competency, a decision departing
  // from the grid's proposal (justified).
  Outcomes o = check_decisions(*this, g.snap);
  EXPECT_GT(o.splits, 0);
  EXPECT_GT(o.departs, 0);
  EXPECT_GT(o.not_obtained, 0);
}

TEST_F(CompletedSessionTest, CompletedSessionAddsToAnExistingDatabase) {
  Generated first = generate(*this, "s.db", 2, 1);
  first.store.reset();
  Generated second = generate(*this, "s.db", 3, 2);
  ASSERT_TRUE(second.store);
  EXPECT_EQ(second.store->sessions().size(), 2u);
  EXPECT_EQ(second.snap.candidates.size(), 3u);
}

TEST_F(CompletedSessionTest, CompletedSessionRefusesBadInputAndWritesNothing) {
  auto refused = [&](const std::string& name, const std::vector<ExamPlan>& p, const std::vector<Grid>& gr, int n,
                     const std::string& words) {
    const std::string path = dir.file(name);
    auto r = create_completed_session(path, jurymn::test::tp01336(), p, gr, n, SessionKind::Official, 1, kNow);
    EXPECT_EQ(r.session_uuid, "") << name;
    EXPECT_NE(r.error.find(words), std::string::npos) << name << ": " << r.error;
    EXPECT_EQ(r.actions, 0);
    EXPECT_FALSE(std::filesystem::exists(path)) << name;
  };
  refused("zero.db", plans, grids, 0, "entre 1 et 100\u00A0000");
  refused("negative.db", plans, grids, -3, "entre 1 et 100\u00A0000");
  refused("too-many.db", plans, grids, kMaxGeneratedCandidates + 1, "entre 1 et 100\u00A0000");
  refused("no-grid.db", plans, {}, 5, "Aucune grille d’évaluation pour le CCP1");
  std::vector<Grid> ccp1_only;
  for (const auto& gr : grids)
    if (gr.ccp == "CCP1") ccp1_only.push_back(gr);
  refused("no-ccp2-grid.db", plans, ccp1_only, 5, "Aucune grille d’évaluation pour le CCP2");
  std::vector<ExamPlan> ccp2_plan;
  for (const auto& p : plans)
    if (p.ccp == "CCP2") ccp2_plan.push_back(p);
  refused("no-ccp1-plan.db", ccp2_plan, grids, 5, "Aucun plan d’épreuve pour le CCP1");

  // An existing database is left as it was.
  Generated g = generate(*this, "kept.db", 1, 1);
  const auto before = g.store->audit_entry_count();
  g.store.reset();
  auto r = create_completed_session(g.path, jurymn::test::tp01336(), plans, {}, 5, SessionKind::Official, 1, kNow);
  EXPECT_NE(r.error, "");
  auto again = open(g.path);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->audit_entry_count(), before);
  EXPECT_EQ(again->sessions().size(), 1u);
}

// For a timing figure: ./jurymn_tests --gtest_also_run_disabled_tests
//   --gtest_filter='*DISABLED_CompletedSessionTiming*'
TEST_F(CompletedSessionTest, DISABLED_CompletedSessionTiming5000) {
  const std::string path = dir.file("big.db");
  const auto t0 = std::chrono::steady_clock::now();
  auto r = create_completed_session(path, jurymn::test::tp01336(), plans, grids, 5000, SessionKind::Official, 42, kNow);
  const auto t1 = std::chrono::steady_clock::now();
  ASSERT_EQ(r.error, "");
  std::uintmax_t wal = 0;
  std::error_code ec;
  if (std::filesystem::exists(path + "-wal")) wal = std::filesystem::file_size(path + "-wal", ec);
  std::printf("[          ] 5000 candidates: %.2f s, %lld actions, %.1f MB (+ WAL %.1f MB)\n",
              std::chrono::duration<double>(t1 - t0).count(), static_cast<long long>(r.actions),
              static_cast<double>(std::filesystem::file_size(path)) / 1e6, static_cast<double>(wal) / 1e6);
  auto store = open(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->audit_entry_count(), r.actions + 1) << "and the rules' declaration";
}

// Issue 27 item 4: a tester reopening and confirming a generated session's
// result needs its members' codes; the README says them, as it does the
// demo session's.
TEST(CompletedSession, TheReadmeSaysTheGeneratedSessionsCodes) {
  const std::string readme = test::slurp(std::string(JURYMN_TEST_DATA) + "/../../README.md");
  const auto generated = readme.find("demo --completed");
  ASSERT_NE(generated, std::string::npos);
  const std::string president = std::string(kGeneratedPresidentPin) + " pour Hélène Marchand";
  const std::string member = std::string(kGeneratedMemberPin) + " pour Karim Benali";
  EXPECT_NE(readme.find(president), std::string::npos) << president;
  EXPECT_NE(readme.find(member), std::string::npos) << member;
}

}  // namespace
}  // namespace jurymn
