// SPDX-License-Identifier: EUPL-1.2
// The exam centre's merge: two laptops of one jury combine per member, the
// same bundle twice changes nothing, different final decisions are a
// conflict with both kept, rehearsals need consent, and a refused bundle
// leaves the centre's database untouched. Only enrolled keys are merged;
// per key, a later trail supersedes an earlier one, a fork is refused and
// an older bundle changes nothing; a paper PV's code is checked against
// the merged trail.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <utility>
#include <variant>

#include "app/results_export.h"
#include "io/bundle.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "core/audit_payloads.h"
#include "core/spoken_codes.h"
#include "store/store.h"
#include "test_support.h"
#include "merge_laptop.h"

namespace jurymn {
namespace {

using test::Laptop;

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

  // `key`: the laptop's key folder; by default one per bundle.
  std::string export_of(Laptop& l, const std::string& name, const std::string& key = "") {
    const std::string out = dir.file(name);
    ExportOutcome o =
        export_session(*l.store, l.session, out, dir.file("key-" + (key.empty() ? name : key)), l.clock.now_ms());
    EXPECT_TRUE(o.ok) << o.summary;
    return out;
  }

  std::string fingerprint_of(const std::string& bundle_dir) { return verify_bundle(bundle_dir).fingerprint; }

  // The centre enrols the key that signed the bundle.
  void enrol(const std::string& bundle_dir, Store* at = nullptr) {
    Store& s = at ? *at : *centre;
    const std::string fp = fingerprint_of(bundle_dir);
    if (auto k = s.trusted_key(fp); k && k->active()) return;
    ApplyResult r = s.apply(action::TrustKey{fp, "PC " + bundle_dir.substr(bundle_dir.rfind('/') + 1), "Anne Martin",
                                             bundle_dir + "/public-key.pem", false},
                            "centre");
    EXPECT_TRUE(r) << r.error;
  }

  ApplyResult merge(const std::string& bundle_dir, bool include_rehearsal = false, bool enrolled = true,
                    Store* at = nullptr) {
    BundleCheck c = verify_bundle(bundle_dir);
    EXPECT_TRUE(c.ok()) << (c.problems.empty() ? "" : c.problems.front());
    if (!c.ok()) return {};
    if (enrolled) enrol(bundle_dir, at);
    return (at ? *at : *centre)
        .apply(action::MergeBundle{*c.bundle, c.results_digest, bundle_dir, include_rehearsal}, "centre");
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

  // Two laptops, two keys, both enrolled: one session.
  const std::string lot_a = export_of(a, "lot-a"), lot_b = export_of(b, "lot-b");
  ASSERT_NE(fingerprint_of(lot_a), fingerprint_of(lot_b));
  ApplyResult ra = merge(lot_a);
  ASSERT_TRUE(ra) << ra.error;
  EXPECT_TRUE(ra.notes.empty());
  ApplyResult rb = merge(lot_b);
  ASSERT_TRUE(rb) << rb.error;
  ASSERT_EQ(rb.notes.size(), 1u);
  EXPECT_EQ(rb.conflicts, 1);
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
  enrol(lot);
  const auto enrolled = centre->audit_entry_count();
  ApplyResult refused = merge(lot);
  EXPECT_FALSE(refused);
  EXPECT_NE(refused.error.find("jury blanc"), std::string::npos) << refused.error;
  EXPECT_TRUE(centre->sessions().empty());
  EXPECT_EQ(centre->audit_entry_count(), enrolled);
  ASSERT_TRUE(merge(lot, true));
  ASSERT_EQ(centre->sessions().size(), 1u);
  EXPECT_EQ(centre->sessions()[0].kind, SessionKind::Rehearsal);
}

TEST_F(Merge, AnOfficialAndARehearsalSessionNeverMix) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  ASSERT_TRUE(merge(export_of(a, "lot-a")));
  // A forged bundle: the same session uuid, declared a rehearsal.
  const std::string lot2 = export_of(a, "lot-a2");
  enrol(lot2);
  BundleCheck c = verify_bundle(lot2);
  ASSERT_TRUE(c.ok());
  c.bundle->snapshot.session.kind = SessionKind::Rehearsal;
  ApplyResult r = centre->apply(action::MergeBundle{*c.bundle, std::string(64, 'f'), "forgé", true}, "centre");
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find("autre nature"), std::string::npos) << r.error;
}


// ---- trust at the centre (issue 18)

TEST_F(Merge, ABundleOfAKeyTheCentreDidNotEnrolIsRefusedNamingItsFingerprint) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  const std::string lot = export_of(a, "lot-a");
  ApplyResult r = merge(lot, false, /*enrolled=*/false);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find(fingerprint_of(lot)), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("keys trust"), std::string::npos) << r.error;
  EXPECT_TRUE(centre->sessions().empty());
  EXPECT_EQ(centre->audit_entry_count(), 0);
  // Enrolled, it merges; revoked, its next bundle is refused.
  ASSERT_TRUE(merge(lot));
  ASSERT_TRUE(centre->apply(action::RevokeKey{fingerprint_of(lot), "Anne Martin"}, "centre"));
  a.clock.advance_ms(60'000);
  a.run("C-2", false);
  const std::string later = export_of(a, "lot-a-later", "lot-a");
  ASSERT_EQ(fingerprint_of(later), fingerprint_of(lot));
  const auto audit = centre->audit_entry_count();
  ApplyResult revoked = merge(later, false, /*enrolled=*/false);
  EXPECT_FALSE(revoked);
  EXPECT_NE(revoked.error.find("révoquée"), std::string::npos) << revoked.error;
  EXPECT_EQ(centre->audit_entry_count(), audit);
}

// Row 1 of the issue: an attacker's own key, a real session (same date,
// centre and title), invented candidates with decisions. Today: merged.
TEST_F(Merge, ABundleSignedWithTheAttackersOwnKeyForARealSessionIsRefused) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::NotObtained, "Dossier incomplet.");
  ASSERT_TRUE(merge(export_of(a, "lot-a")));
  const auto before = *centre->snapshot(centre->sessions()[0].uuid);
  const auto audit = centre->audit_entry_count();

  Laptop x(dir.file("x.db"), plans, grids, 1'790'000'050'000);
  for (const char* n : {"X-1", "X-2", "X-3", "X-4", "X-5"}) {
    x.candidate[n] = x.apply(action::AddCandidate{x.session, test::candidate_input(n, "Inventé")});
    const std::string run = x.run(n, true);
    x.decide(run, CcpOutcome::Obtained, "");
  }
  const std::string forged = export_of(x, "lot-x");
  ApplyResult r = merge(forged, false, /*enrolled=*/false);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find(fingerprint_of(forged)), std::string::npos) << r.error;
  EXPECT_EQ(centre->audit_entry_count(), audit);
  ASSERT_EQ(centre->sessions().size(), 1u);
  const auto after = *centre->snapshot(centre->sessions()[0].uuid);
  EXPECT_EQ(after.candidates.size(), before.candidates.size());
  EXPECT_EQ(after.runs.size(), before.runs.size());
}

// Row 2: a real bundle, 15 marks moved an hour later, re-signed by a
// stranger (valid signature, another key). Today: merged, marks updated.
TEST_F(Merge, ABundleReSignedByAStrangerWithMarksMovedIsRefused) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string run = a.run("C-1", true);
  a.rate_all(run, a.nadia, 1);
  a.rate_all(run, a.thomas, 1);
  const std::string lot = export_of(a, "lot-a");
  ASSERT_TRUE(merge(lot));
  BundleCheck c = verify_bundle(lot);
  ASSERT_TRUE(c.ok());
  ResultsBundle moved = *c.bundle;
  int n = 0;
  for (auto& r : moved.snapshot.runs)
    for (auto& m : r.marks)
      if (n < 15) {
        m.at += 3'600'000;
        ++n;
      }
  ASSERT_EQ(n, 15);
  const SigningKey stranger = signing_key_from_seed({42, 42});
  const std::string out = dir.file("lot-stranger");
  ASSERT_EQ(write_bundle(out, make_bundle(moved, plans, stranger, "<p>PV</p>")), "");
  ASSERT_TRUE(verify_bundle(out).ok()) << "a valid signature, of another key";
  const auto audit = centre->audit_entry_count();
  ApplyResult r = merge(out, false, /*enrolled=*/false);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find(key_fingerprint(stranger.public_key)), std::string::npos) << r.error;
  EXPECT_EQ(centre->audit_entry_count(), audit);
  const auto snap = *centre->snapshot(centre->sessions()[0].uuid);
  const auto& held = c.bundle->snapshot.runs[0].marks;
  ASSERT_EQ(snap.runs[0].marks.size(), held.size());
  for (const auto& m : snap.runs[0].marks)
    for (const auto& h : held)
      if (h.member_uuid == m.member_uuid && h.criterion_id == m.criterion_id) {
        EXPECT_EQ(m.at, h.at) << m.criterion_id;
      }
}

// A laptop exports, the result is reopened and decided again, it exports
// again: two bundles of one key, the second extending the first.
TEST_F(Merge, TheLatestBundleOfAKeyWinsAndShowsTheReopening) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string run = a.run("C-1", true);
  a.decide(run, CcpOutcome::Obtained, "");
  const std::string old_lot = export_of(a, "lot-1", "a");
  a.clock.advance_ms(600'000);
  a.apply(action::ReopenDecision{run, "Erreur de saisie sur CP-3.", {}, test::member_pin("Nadia Benali").key});
  a.decide(run, CcpOutcome::NotObtained, "CP-3 non démontrée.");
  const std::string new_lot = export_of(a, "lot-2", "a");

  // In order: the later bundle supersedes the earlier one.
  ASSERT_TRUE(merge(old_lot));
  ApplyResult r = merge(new_lot);
  ASSERT_TRUE(r) << r.error;
  EXPECT_EQ(r.conflicts, 0);
  std::string notes;
  for (const auto& n : r.notes) notes += n + "\n";
  EXPECT_NE(notes.find("Réouverture"), std::string::npos) << notes;
  EXPECT_NE(notes.find("Erreur de saisie sur CP-3."), std::string::npos) << notes;
  EXPECT_NE(notes.find("prolonge"), std::string::npos) << notes;
  const std::string session = centre->sessions()[0].uuid;
  auto snap = *centre->snapshot(session);
  EXPECT_EQ(snap.runs[0].decision.decided, CcpOutcome::NotObtained);
  EXPECT_TRUE(snap.runs[0].decision.locked());
  EXPECT_TRUE(centre->decision_conflicts(session).empty());
  // The merge entry says what it superseded.
  const auto trail = centre->audit_entries(session);
  const auto p = read_payload_as<payload::MergeBundle>(AuditAction::MergeBundle, trail.back().payload);
  EXPECT_FALSE(p.supersedes.empty());
  EXPECT_GT(p.entries_after, 0);
  ASSERT_EQ(p.redecided.size(), 1u);
  EXPECT_EQ(p.redecided[0].before, CcpOutcome::Obtained);
  EXPECT_EQ(p.redecided[0].after, CcpOutcome::NotObtained);
}

// Row 5: the old bundle merged after the corrected one. Today: the first
// merged wins and the correction is a « conflit ».
TEST_F(Merge, AnOldBundleMergedAfterTheCorrectedOneChangesNothingAndSaysSo) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string run = a.run("C-1", true);
  a.decide(run, CcpOutcome::Obtained, "");
  const std::string old_lot = export_of(a, "lot-1", "a");
  a.clock.advance_ms(600'000);
  a.apply(action::ReopenDecision{run, "Erreur de saisie sur CP-3.", {}, test::member_pin("Nadia Benali").key});
  a.decide(run, CcpOutcome::NotObtained, "CP-3 non démontrée.");
  const std::string new_lot = export_of(a, "lot-2", "a");

  ASSERT_TRUE(merge(new_lot));
  const auto audit = centre->audit_entry_count();
  ApplyResult r = merge(old_lot);
  EXPECT_FALSE(r);
  EXPECT_TRUE(r.unchanged);
  EXPECT_NE(r.error.find("plus ancien"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("rien n’a changé"), std::string::npos) << r.error;
  EXPECT_EQ(centre->audit_entry_count(), audit);
  const std::string session = centre->sessions()[0].uuid;
  EXPECT_EQ(centre->snapshot(session)->runs[0].decision.decided, CcpOutcome::NotObtained);
  EXPECT_TRUE(centre->decision_conflicts(session).empty());
}

TEST_F(Merge, ATrailThatForksFromTheSameKeysEarlierOneIsRefusedNamingTheEntry) {
  // Two databases signed with one key: what a rewritten trail looks like.
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'000'000);
  a.decide(a.run("C-1", true), CcpOutcome::Obtained, "");
  b.decide(b.run("C-1", true), CcpOutcome::NotObtained, "Dossier incomplet.");
  ASSERT_TRUE(merge(export_of(a, "lot-a", "k")));
  const auto audit = centre->audit_entry_count();
  ApplyResult r = merge(export_of(b, "lot-b", "k"));
  EXPECT_FALSE(r);
  EXPECT_FALSE(r.unchanged);
  EXPECT_NE(r.error.find("diverge"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("l’entrée n°\u00A01 (create_session"), std::string::npos) << r.error;
  EXPECT_EQ(centre->audit_entry_count(), audit);
  EXPECT_EQ(centre->snapshot(centre->sessions()[0].uuid)->runs[0].decision.decided, CcpOutcome::Obtained);
}

TEST_F(Merge, TheSameNumberWithAnotherNameIsReported) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'100'000);
  b.apply(action::EditCandidate{b.candidate["C-2"], test::candidate_input("C-2", "Autrenom")});
  ASSERT_TRUE(merge(export_of(a, "lot-a")));
  ApplyResult r = merge(export_of(b, "lot-b"));
  ASSERT_TRUE(r) << r.error;
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("C-2"), std::string::npos) << r.notes[0];
  EXPECT_NE(r.notes[0].find("Autrenom"), std::string::npos) << r.notes[0];
  EXPECT_EQ(r.conflicts, 0);
}

TEST_F(Merge, EnrollingAndRevokingKeysRefuseBadInputs) {
  const std::string fp = "21FE 31DF A154 A261 626B F854 046F D227";
  auto refused = [&](const Action& a, const std::string& words) {
    ApplyResult r = centre->apply(a, "centre");
    EXPECT_FALSE(r) << words;
    EXPECT_NE(r.error.find(words), std::string::npos) << r.error;
  };
  refused(action::TrustKey{fp, "  ", "Anne", "k.pem"}, "est vide");
  refused(action::TrustKey{fp, "PC jury 3", "", "k.pem"}, "est vide");
  refused(action::TrustKey{"21FE 31DF", "PC jury 3", "Anne", "k.pem"}, "32 chiffres");
  refused(action::TrustKey{fp, "PC\u202Ejury", "Anne", "k.pem"}, "invisible");
  refused(action::RevokeKey{fp, "Anne"}, "Aucune clé enrôlée");
  EXPECT_EQ(centre->audit_entry_count(), 0);
  // Typed in lower case without spaces: the same key.
  ASSERT_TRUE(centre->apply(action::TrustKey{"21fe31dfa154a261626bf854046fd227", "PC jury 3", "Anne", "k.pem"}, "c"));
  refused(action::TrustKey{fp, "PC jury 4", "Anne", "k.pem"}, "déjà enrôlée");
  auto k = centre->trusted_key(fp);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->name, "PC jury 3");
  EXPECT_EQ(k->enrolled_by, "Anne");
  EXPECT_EQ(k->enrolled_at, centre_clock.now_ms());
  EXPECT_FALSE(k->checked_by_phone);
  ASSERT_TRUE(centre->apply(action::RevokeKey{fp, "Bruno"}, "c"));
  refused(action::RevokeKey{fp, "Bruno"}, "déjà révoquée");
  EXPECT_FALSE(centre->trusted_key(fp)->active());
  // Enrolled again, deliberately (a reason is required), by phone.
  refused(action::TrustKey{fp, "PC jury 3", "Anne", "lot", true}, "--again");
  ASSERT_TRUE(centre->apply(
      action::TrustKey{fp, "PC jury 3", "Anne", "lot", true, "Clé retrouvée, empreinte vérifiée par téléphone"}, "c"));
  EXPECT_TRUE(centre->trusted_key(fp)->active());
  EXPECT_TRUE(centre->trusted_key(fp)->checked_by_phone);
  // Each on record, in the base's own chain, intact.
  EXPECT_EQ(centre->audit_entry_count(), 3);
  EXPECT_TRUE(centre->verify_audit_chain().intact()) << centre->verify_audit_chain().summary();
}

TEST_F(Merge, APaperPvCodeIsCheckedAgainstTheMergedTrail) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string run = a.run("C-1", true);
  a.decide(run, CcpOutcome::Obtained, "");
  const AuditHead printed = a.store->audit_head(a.session);  // the PV printed now
  a.run("C-2", false);  // after the printing
  const std::string lot = export_of(a, "lot-a");
  const std::string session = a.session;
  auto check = [&](const std::string& code) {
    return centre->apply(action::CheckPvCode{session, code, "Anne Martin"}, "centre");
  };
  ApplyResult none = check(pv_code(printed.digest));
  EXPECT_FALSE(none);
  EXPECT_NE(none.error.find("introuvable"), std::string::npos) << none.error;
  ASSERT_TRUE(merge(lot));
  EXPECT_TRUE(centre->pv_checks(session).empty());

  ApplyResult wrong = check("2345 6789 ABCD EFGH");
  EXPECT_FALSE(wrong);
  EXPECT_NE(wrong.error.find("ne correspond à aucune tête"), std::string::npos) << wrong.error;
  ApplyResult unreadable = check("0000 1111 OOOO IIII");
  EXPECT_FALSE(unreadable);
  EXPECT_NE(unreadable.error.find("illisible"), std::string::npos) << unreadable.error;
  EXPECT_FALSE(check("2345 6789"));
  EXPECT_TRUE(centre->pv_checks(session).empty());

  // Read aloud in lower case, without spaces: still the code.
  std::string spoken = pv_code(printed.digest);
  spoken.erase(std::remove(spoken.begin(), spoken.end(), ' '), spoken.end());
  for (auto& ch : spoken) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  ApplyResult ok = check(spoken);
  ASSERT_TRUE(ok) << ok.error;
  auto checks = centre->pv_checks(session);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].code, pv_code(printed.digest));
  EXPECT_EQ(checks[0].head, printed.digest);
  EXPECT_EQ(checks[0].entries_after, a.store->audit_head(session).entries - printed.entries)
      << "the run started after printing";
  EXPECT_GT(checks[0].entries_after, 0);
  EXPECT_EQ(checks[0].checked_by, "Anne Martin");
  const auto p = read_payload_as<payload::CheckPvCode>(AuditAction::CheckPvCode,
                                                        centre->audit_entries(session).back().payload);
  EXPECT_EQ(p.entry, printed.entries);
  EXPECT_EQ(p.key_fingerprint, fingerprint_of(lot));
}

// Bundles of the previous format (2) merge only from enrolled keys too.
TEST_F(Merge, AFormatTwoBundleMergesOnlyFromAnEnrolledKey) {
  const std::string lot = std::string(JURYMN_TEST_DATA) + "/bundles/demo-before-typed-payloads";
  ApplyResult r = merge(lot, true, /*enrolled=*/false);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error.find("6BCC D596 BF8B AD72 F2E9 3CF3 F296 529D"), std::string::npos) << r.error;
  EXPECT_TRUE(centre->sessions().empty());
  ApplyResult ok = merge(lot, true);
  ASSERT_TRUE(ok) << ok.error;
  EXPECT_EQ(centre->sessions().size(), 1u);
}

TEST(PvCode, FourGroupsOfFourWithoutAmbiguousCharacters) {
  const std::string head(64, 'f');
  const std::string code = pv_code("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  ASSERT_EQ(code.size(), 19u);
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i % 5 == 4) {
      EXPECT_EQ(code[i], ' ');
      continue;
    }
    EXPECT_NE(kPvCodeAlphabet.find(code[i]), std::string_view::npos) << code;
    for (char bad : {'0', '1', 'O', 'I'}) EXPECT_NE(code[i], bad);
  }
  EXPECT_NE(pv_code(head), code);
  EXPECT_EQ(pv_code(""), "");
  EXPECT_EQ(pv_code("xyz"), "");
  EXPECT_EQ(read_pv_code(code), code);
  EXPECT_FALSE(read_pv_code("ABCD"));
}


// Every action of the variant, default-built: the centre base's check comes
// before any validation, so what the action names does not matter.
template <std::size_t... I>
std::vector<Action> every_action(std::index_sequence<I...>) {
  return {Action{std::variant_alternative_t<I, Action>{}}...};
}

// Issue 27 item 5: a base that holds merged bundles refuses every jury
// action with the reason and changes nothing, before and after reopening;
// the centre's own actions (keys, merge, PV code) go on; no bundle is
// exported from it.
TEST_F(Merge, ACentreBaseRefusesEveryJuryActionAndKeepsItsOwn) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string run = a.run("C-1", true);
  a.decide(run, CcpOutcome::NotObtained, "CP-3 non démontrée.");
  const AuditHead printed = a.store->audit_head(a.session);
  const std::string lot = export_of(a, "lot-a");
  EXPECT_FALSE(centre->centre_base()) << "no bundle merged yet";
  EXPECT_FALSE(a.store->centre_base());
  ASSERT_TRUE(merge(lot));
  EXPECT_TRUE(centre->centre_base());

  const std::string session = centre->sessions()[0].uuid;
  const RunRecord merged = centre->snapshot(session)->runs[0];
  const std::string president = centre->jury_members(session)[0].uuid;
  for (int reopened = 0; reopened < 2; ++reopened) {
    const auto entries = centre->audit_entry_count();
    std::vector<Action> jury = every_action(std::make_index_sequence<std::variant_size_v<Action>>{});
    // And what the issue did from the window, with real uuids: « Rouvrir »
    // then « CCP obtenu » on a merged result.
    jury.push_back(action::ReopenDecision{merged.uuid, "Erreur de saisie."});
    jury.push_back(action::DecideCcp{merged.uuid, CcpOutcome::Obtained, ""});
    jury.push_back(action::SetAttendance{merged.candidate_uuid, Attendance::Absent});
    jury.push_back(action::ConfirmDecision{merged.uuid, president, test::member_pin("Nadia Benali").key});
    int refused = 0;
    for (const Action& act : jury) {
      const std::string name(action_name(act));
      if (name == "merge_bundle" || name == "trust_key" || name == "revoke_key" || name == "check_pv_code" ||
          name == "confirm_session_key")
        continue;
      ApplyResult r = centre->apply(act, "ui");
      EXPECT_FALSE(r) << name;
      EXPECT_NE(r.error.find("centre d’examen"), std::string::npos) << name << ": " << r.error;
      EXPECT_NE(r.error.find(name), std::string::npos) << r.error;
      EXPECT_NE(r.error.find("Rien n’a été enregistré"), std::string::npos) << r.error;
      ++refused;
    }
    EXPECT_EQ(refused, static_cast<int>(std::variant_size_v<Action>) - 5 + 4)
        << "every jury action of the variant, and the four real ones";
    EXPECT_EQ(centre->audit_entry_count(), entries);
    EXPECT_EQ(centre->snapshot(session)->runs[0].decision.decided, CcpOutcome::NotObtained);
    // No bundle from the centre's base: it would sign what laptops recorded.
    ExportOutcome o = export_session(*centre, session, dir.file("lot-centre"), dir.file("key-centre"),
                                     centre_clock.now_ms());
    EXPECT_FALSE(o.ok);
    EXPECT_NE(o.summary.find("centre d’examen"), std::string::npos) << o.summary;
    EXPECT_FALSE(std::filesystem::exists(dir.file("lot-centre")));
    // Reopened from the file: it still knows it is a centre base.
    centre.reset();
    auto r = Store::open(dir.file("centre.db"), OpenMode::ReadWrite, centre_clock);
    ASSERT_TRUE(r.store) << r.error;
    centre = std::move(r.store);
    centre->set_title(jurymn::test::tp01336());
    EXPECT_TRUE(centre->centre_base());
  }

  // The centre's own actions go on.
  ApplyResult pv = centre->apply(action::CheckPvCode{session, pv_code(printed.digest), "Anne Martin"}, "centre");
  EXPECT_TRUE(pv) << pv.error;
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'100'000);
  b.decide(b.run("C-2", true), CcpOutcome::Obtained, "");
  ApplyResult second = merge(export_of(b, "lot-b"));
  EXPECT_TRUE(second) << second.error;
  ApplyResult revoke = centre->apply(action::RevokeKey{fingerprint_of(lot), "Anne Martin"}, "centre");
  EXPECT_TRUE(revoke) << revoke.error;
  EXPECT_TRUE(centre->verify_audit_chain().intact());
}

// Issue 27 item 6: the same laptop reopens a result and decides the same
// again; the merge says so with the reason, and the centre holds the later
// decision. Another laptop of the jury that reopens after the decision the
// centre holds and decides otherwise: its later decision is the centre's,
// said with the reason, not a conflict.
TEST_F(Merge, AReopeningIsSaidWithItsReasonAndTheLaterDecisionHeld) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string run = a.run("C-1", true);
  a.decide(run, CcpOutcome::NotObtained, "CP-3 non démontrée.");
  const std::string old_lot = export_of(a, "lot-1", "a");
  a.clock.advance_ms(600'000);
  a.apply(action::ReopenDecision{run, "Justification à compléter.", {}, test::member_pin("Nadia Benali").key});
  a.decide(run, CcpOutcome::NotObtained, "CP-3 non démontrée : reformulation absente.");
  ASSERT_TRUE(merge(old_lot));
  ApplyResult r = merge(export_of(a, "lot-2", "a"));
  ASSERT_TRUE(r) << r.error;
  std::string notes;
  for (const auto& n : r.notes) notes += n + "\n";
  EXPECT_NE(notes.find("Réouverture"), std::string::npos) << notes;
  EXPECT_NE(notes.find("Justification à compléter."), std::string::npos) << notes;
  EXPECT_NE(notes.find("décidé de nouveau"), std::string::npos) << notes;
  EXPECT_EQ(r.conflicts, 0);
  const std::string session = centre->sessions()[0].uuid;
  EXPECT_EQ(centre->snapshot(session)->runs[0].decision.justification, "CP-3 non démontrée : reformulation absente.");

  // B agreed at first; then the jury reopened on B and decided otherwise.
  Laptop b(dir.file("b.db"), plans, grids, 1'790'000'000'000);
  const std::string brun = b.run("C-1", true);
  b.decide(brun, CcpOutcome::NotObtained, "CP-3 non démontrée.");
  ApplyResult first = merge(export_of(b, "lot-b1", "b"));
  ASSERT_TRUE(first) << first.error;
  EXPECT_EQ(first.conflicts, 0);
  b.clock.advance_ms(3'600'000);
  b.apply(action::ReopenDecision{brun, "Erreur de saisie sur CP-3.", {}, test::member_pin("Nadia Benali").key});
  b.decide(brun, CcpOutcome::Obtained, "");
  ApplyResult later = merge(export_of(b, "lot-b2", "b"));
  ASSERT_TRUE(later) << later.error;
  notes.clear();
  for (const auto& n : later.notes) notes += n + "\n";
  EXPECT_EQ(later.conflicts, 0) << notes;
  EXPECT_NE(notes.find("Erreur de saisie sur CP-3."), std::string::npos) << notes;
  EXPECT_NE(notes.find("décision désormais"), std::string::npos) << notes;
  auto snap = *centre->snapshot(session);
  EXPECT_EQ(snap.runs[0].decision.decided, CcpOutcome::Obtained) << "the session screen shows the latest decision";
  EXPECT_TRUE(snap.runs[0].decision.locked());
  EXPECT_TRUE(centre->decision_conflicts(session).empty());
}

// A member named in the feminine (« Présidente du jury », « Membre du jury »
// as she chose) stays so at the centre: its PV and views are printed from
// the merged records, which once lost the choice (results.json did not
// carry it). Checked against the replay like every other field.
TEST_F(Merge, AMemberNamedInTheFeminineStaysSoAtTheCentre) {
  Laptop a(dir.file("a.db"), plans, grids, 1'790'000'000'000);
  const std::string claire = a.apply(action::AddJuryMember{
      a.session, {"Claire Noël", JuryRole::Member, /*feminine=*/true}, test::member_pin("Claire Noël").record});
  const std::string lot = export_of(a, "lot-a");
  const std::string json = test::slurp(lot + "/results.json");
  EXPECT_EQ(json.find("\"feminine\":true"), json.rfind("\"feminine\":true")) << "once: Claire only";
  ASSERT_NE(json.find("\"feminine\":true"), std::string::npos);
  ApplyResult r = merge(lot);
  ASSERT_TRUE(r) << r.error;
  const auto snap = *centre->snapshot(centre->sessions()[0].uuid);
  int seen = 0;
  for (const auto& m : snap.jury) {
    EXPECT_EQ(m.feminine, m.uuid == claire) << m.name;
    seen += m.uuid == claire;
  }
  EXPECT_EQ(seen, 1);
}

}  // namespace
}  // namespace jurymn
