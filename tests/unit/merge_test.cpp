// The exam centre's merge: two laptops of one jury combine per member, the
// same bundle twice changes nothing, different final decisions are a
// conflict with both kept, rehearsals need consent, and a refused bundle
// leaves the centre's database untouched.
#include <gtest/gtest.h>

#include "app/results_export.h"
#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

struct Laptop {
  FakeClock clock;
  SeededRandomSource random{11};
  std::unique_ptr<Store> store;
  std::string session, nadia, thomas;
  std::map<std::string, std::string> candidate;  // number -> uuid

  Laptop(const std::string& path, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids, TimeMs start,
         SessionKind kind = SessionKind::Official)
      : clock(start) {
    auto r = Store::open(path, OpenMode::ReadWrite, clock);
    EXPECT_TRUE(r.store) << r.error;
    store = std::move(r.store);
    store->set_title(jurymn::test::tp01336());
    store->set_exam_plans(plans);
    store->set_scoring_grids(grids);
    store->set_random_source(&random);
    // Each laptop types the same session and imports the same list.
    session = apply(action::CreateSession{test::session_input(kind)});
    nadia = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    thomas = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    for (const char* n : {"C-1", "C-2"}) candidate[n] = apply(action::AddCandidate{session, test::candidate_input(n)});
  }

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }

  // Runs C-n's CCP1 to the end; with `timer` false only opens the run (a
  // laptop used for marking only).
  std::string run(const std::string& number, bool timer) {
    const std::string run = apply(action::StartExam{candidate[number], "CCP1"});
    if (timer) test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
    return run;
  }

  void rate_all(const std::string& run, const std::string& member, std::size_t level) {
    const Grid& g = *store->current_grid("CCP1");
    for (const auto& c : g.competencies)
      for (const auto& cr : c.criteria) apply(action::RecordMark{run, member, cr.id, g.rating_scale[level].id});
  }

  void decide(const std::string& run, CcpOutcome outcome, const std::string& why) {
    const Grid& g = *store->current_grid("CCP1");
    for (const auto& c : g.competencies) apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, outcome, why});
    apply(action::ConfirmDecision{run, nadia, test::member_pin("Nadia Benali").key});
    apply(action::ConfirmDecision{run, thomas, test::member_pin("Thomas Lefèvre").key});
  }
};

class Merge : public ::testing::Test {
protected:
  test::TempDir dir;
  std::vector<ExamPlan> plans;
  std::vector<Grid> grids;
  FakeClock centre_clock{1'790'100'000'000};
  std::unique_ptr<Store> centre;

  void SetUp() override {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    grids = load_grids_dir(JURYMN_GRIDS, plans, &jurymn::test::tp01336()).grids;
    auto r = Store::open(dir.file("centre.db"), OpenMode::ReadWrite, centre_clock);
    ASSERT_TRUE(r.store) << r.error;
    centre = std::move(r.store);
    centre->set_title(jurymn::test::tp01336());
  }

  std::string export_of(Laptop& l, const std::string& name) {
    const std::string out = dir.file(name);
    ExportOutcome o = export_session(*l.store, l.session, out, dir.file("key-" + name), l.clock.now_ms());
    EXPECT_TRUE(o.ok) << o.summary;
    return out;
  }

  ApplyResult merge(const std::string& bundle_dir, bool include_rehearsal = false) {
    BundleCheck c = verify_bundle(bundle_dir);
    EXPECT_TRUE(c.ok()) << (c.problems.empty() ? "" : c.problems.front());
    if (!c.ok()) return {};
    return centre->apply(action::MergeBundle{*c.bundle, c.results_digest, bundle_dir, include_rehearsal}, "centre");
  }

  const RunRecord* run_of(const std::vector<RunRecord>& runs, const SessionSnapshot& s, const std::string& number) {
    for (const auto& c : s.candidates)
      if (c.data.number == number)
        for (const auto& r : runs)
          if (r.candidate_uuid == c.uuid) return &r;
    return nullptr;
  }
};

TEST_F(Merge, TwoLaptopsCombinePerMemberAndDifferentDecisionsAreAConflict) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'100'000);
  // Laptop A runs the timer and Nadia marks there; Thomas marks on B.
  const std::string a1 = a.run("C-1", true);
  const std::string b1 = b.run("C-1", false);
  a.rate_all(a1, a.nadia, 1);
  b.rate_all(b1, b.thomas, 0);
  a.decide(a1, CcpOutcome::Obtained, "");
  // C-2: each laptop recorded a final decision, and they differ.
  const std::string a2 = a.run("C-2", true);
  const std::string b2 = b.run("C-2", true);
  a.decide(a2, CcpOutcome::Obtained, "");
  b.decide(b2, CcpOutcome::NotObtained, "Dossier professionnel incomplet.");

  ApplyResult ra = merge(export_of(a, "lot-a"));
  ASSERT_TRUE(ra) << ra.error;
  EXPECT_TRUE(ra.notes.empty());
  ApplyResult rb = merge(export_of(b, "lot-b"));
  ASSERT_TRUE(rb) << rb.error;
  ASSERT_EQ(rb.notes.size(), 1u);
  EXPECT_NE(rb.notes[0].find("Conflit"), std::string::npos);
  EXPECT_NE(rb.notes[0].find("C-2"), std::string::npos) << rb.notes[0];

  auto sessions = centre->sessions();
  ASSERT_EQ(sessions.size(), 1u) << "the two laptops' sessions are one";
  auto snap = *centre->snapshot(sessions[0].uuid);
  EXPECT_EQ(snap.jury.size(), 2u);
  EXPECT_EQ(snap.candidates.size(), 2u);
  ASSERT_EQ(snap.runs.size(), 2u);
  const RunRecord* c1 = run_of(snap.runs, snap, "C-1");
  ASSERT_NE(c1, nullptr);
  // Both members' marks, each as that member gave them.
  const Grid& g = grids.front().ccp == "CCP1" ? grids.front() : grids.back();
  EXPECT_EQ(c1->marks.size(), 2 * g.criterion_count());
  std::string nadia, thomas;
  for (const auto& m : snap.jury) (m.name == "Nadia Benali" ? nadia : thomas) = m.uuid;
  for (const auto& m : c1->marks)
    EXPECT_EQ(m.level_id, g.rating_scale[m.member_uuid == nadia ? 1 : 0].id) << m.criterion_id;
  EXPECT_FALSE(c1->events.empty()) << "laptop A's timing";
  EXPECT_TRUE(c1->finished_at.has_value());
  EXPECT_TRUE(c1->decision.locked());

  // C-2: the centre keeps the first decision and the conflict holds the other.
  const RunRecord* c2 = run_of(snap.runs, snap, "C-2");
  ASSERT_NE(c2, nullptr);
  EXPECT_EQ(c2->decision.decided, CcpOutcome::Obtained);
  auto conflicts = centre->decision_conflicts(sessions[0].uuid);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].run_uuid, c2->uuid);
  EXPECT_EQ(conflicts[0].decided, CcpOutcome::NotObtained);
  EXPECT_EQ(conflicts[0].justification, "Dossier professionnel incomplet.");
  EXPECT_EQ(conflicts[0].confirmed_by.size(), 2u);
  for (const auto& who : conflicts[0].confirmed_by) EXPECT_TRUE(who == nadia || who == thomas) << who;
  EXPECT_EQ(centre->integrity_check(), "ok");
}

TEST_F(Merge, TheSameBundleTwiceChangesNothing) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  const std::string lot = export_of(a, "lot-a");
  ASSERT_TRUE(merge(lot));
  const auto audit = centre->audit_entry_count();
  const auto before = *centre->snapshot(centre->sessions()[0].uuid);
  ApplyResult again = merge(lot);
  EXPECT_FALSE(again);
  EXPECT_NE(again.error.find("déjà importé"), std::string::npos) << again.error;
  EXPECT_EQ(centre->audit_entry_count(), audit);
  const auto after = *centre->snapshot(centre->sessions()[0].uuid);
  EXPECT_EQ(after.runs.size(), before.runs.size());
  EXPECT_EQ(after.runs[0].marks.size(), before.runs[0].marks.size());
  EXPECT_EQ(after.runs[0].events.size(), before.runs[0].events.size());
  // A new export of the same, unchanged session is a different file that
  // brings nothing new: no duplicate anywhere.
  a.clock.advance_ms(60'000);
  ASSERT_TRUE(merge(export_of(a, "lot-a2")));
  const auto third = *centre->snapshot(centre->sessions()[0].uuid);
  EXPECT_EQ(third.runs[0].events.size(), before.runs[0].events.size());
  EXPECT_EQ(third.runs[0].draws.size(), before.runs[0].draws.size());
  EXPECT_EQ(third.candidates.size(), before.candidates.size());
  EXPECT_TRUE(centre->decision_conflicts(centre->sessions()[0].uuid).empty());
}

TEST_F(Merge, RehearsalBundlesNeedConsent) {
  Laptop r(dir.file("r.db"), plans, grids, 1'790'000'000'000, SessionKind::Rehearsal);
  const std::string lot = export_of(r, "lot-r");
  ApplyResult refused = merge(lot);
  EXPECT_FALSE(refused);
  EXPECT_NE(refused.error.find("jury blanc"), std::string::npos) << refused.error;
  EXPECT_TRUE(centre->sessions().empty());
  EXPECT_EQ(centre->audit_entry_count(), 0);
  ASSERT_TRUE(merge(lot, true));
  ASSERT_EQ(centre->sessions().size(), 1u);
  EXPECT_EQ(centre->sessions()[0].kind, SessionKind::Rehearsal);
}

TEST_F(Merge, AnOfficialAndARehearsalSessionNeverMix) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  ASSERT_TRUE(merge(export_of(a, "lot-a")));
  // A forged bundle: the same session uuid, declared a rehearsal.
  BundleCheck c = verify_bundle(export_of(a, "lot-a2"));
  ASSERT_TRUE(c.ok());
  c.bundle->snapshot.session.kind = SessionKind::Rehearsal;
  ApplyResult r = centre->apply(action::MergeBundle{*c.bundle, std::string(64, 'f'), "forgé", true}, "centre");
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find("autre nature"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace jurymn
