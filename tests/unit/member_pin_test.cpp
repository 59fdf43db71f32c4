// SPDX-License-Identifier: EUPL-1.2
// Members prove their confirmations (issue 18, part 5): a PIN per member of
// an official jury, an Ed25519 key derived from it, each confirmation signed
// over the entry before it; verify checks every signature, and a forged
// confirmation fails naming its entry.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "app/commands.h"
#include "core/audit_payloads.h"
#include "core/audit_trail.h"
#include "core/decision_history.h"
#include "core/member_pin.h"
#include "io/bundle.h"
#include "io/confirmation_proof.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "io/proces_verbal.h"
#include "store/completed_session.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

using test::rechain;

TEST(MemberPin, SixDigitsOrAPassphrase) {
  EXPECT_NE(pin_problem(""), "");
  EXPECT_NE(pin_problem("12345"), "");
  EXPECT_EQ(pin_problem("123456"), "");
  EXPECT_NE(pin_problem("abc123"), "");
  EXPECT_EQ(pin_problem("le chat de Mémé"), "");
}

TEST(MemberPin, OnlyTheRightPinGivesTheKeyAndTheCacheKeepsItApart) {
  const NewMemberPin p = new_member_pin("482913", PinCost::fast_for_generated_data());
  EXPECT_TRUE(key_matches(derive_member_key("482913", p.record), p.record));
  EXPECT_FALSE(key_matches(derive_member_key("482914", p.record), p.record));
  // Another salt, another key for the same PIN.
  const NewMemberPin q = new_member_pin("482913", PinCost::fast_for_generated_data());
  EXPECT_NE(p.record.salt, q.record.salt);
  EXPECT_NE(p.record.public_key, q.record.public_key);
  MemberKeyCache cache;
  EXPECT_FALSE(cache.unlock("m", p.record, "000000"));
  ASSERT_TRUE(cache.unlock("m", p.record, "482913"));
  EXPECT_FALSE(cache.unlock("m", p.record, "000000")) << "a cached key is not given to a wrong PIN";
  EXPECT_TRUE(cache.unlock("m", p.record, "482913"));
  EXPECT_FALSE(cache.unlock("m", q.record, "000000")) << "a new salt (a reset) drops the cached key";
}

TEST(MemberPin, ProductionCostIsArgon2idInteractive) {
  EXPECT_EQ(PinCost::interactive().ops, 2u);
  EXPECT_EQ(PinCost::interactive().mem, 64u * 1024 * 1024);
  EXPECT_NE(PinCost::fast_for_generated_data(), PinCost::interactive());
}

class Confirming : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  std::vector<ExamPlan> plans;
  std::unique_ptr<Store> store;
  std::string session, nadia, thomas, candidate, run, other_run;
  const NewMemberPin nadia_pin = new_member_pin("111111", PinCost::interactive());
  const NewMemberPin thomas_pin = new_member_pin("222222", PinCost::interactive());

  void SetUp() override { open(SessionKind::Official, true); }

  void open(SessionKind kind, bool pins) {
    plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
    store = test::open_jury_store(dir.file("jury-" + std::string(to_id(kind)) + ".db"), clock, &seeded);
    session = apply(action::CreateSession{test::session_input(kind)});
    std::optional<MemberPin> np, tp;
    if (pins) np = nadia_pin.record, tp = thomas_pin.record;
    nadia = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, np});
    thomas = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, tp});
    candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = apply(action::StartExam{candidate, "CCP1"});
    test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
    for (const auto& c : store->current_grid("CCP1")->competencies)
      apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
    // A second candidate, decided the same way: a confirmation could be
    // moved to that decision.
    const std::string second = apply(action::AddCandidate{session, test::candidate_input("MN-2", "Ba", "Ali")});
    other_run = apply(action::StartExam{second, "CCP1"});
    test::finish_ccp1(*store, clock, other_run, [&](const Action& a) { apply(a); });
    for (const auto& c : store->current_grid("CCP1")->competencies)
      apply(action::DecideCompetency{other_run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{other_run, CcpOutcome::Obtained, ""});
  }

  std::string apply(const Action& a) {
    clock.advance_ms(1000);
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }
  std::string refused(const Action& a) {
    const auto before = store->audit_entry_count();
    ApplyResult r = store->apply(a, "jury");
    EXPECT_FALSE(r) << action_name(a);
    EXPECT_EQ(store->audit_entry_count(), before);
    return r.error;
  }

  ResultsBundle bundle() {
    ResultsBundle b;
    b.app_version = "jurymn test";
    b.exported_at = clock.now_ms();
    b.snapshot = *store->snapshot(session, &b.audit, &b.audit_trail);
    return b;
  }
  // The bundle written and signed (by whoever holds a laptop's key), then verified.
  BundleCheck verified(const ResultsBundle& b, const std::string& name = "lot") {
    const std::string out = dir.file(name);
    EXPECT_EQ(write_bundle(out, make_bundle(b, plans, signing_key_from_seed({9, 9}), "<!DOCTYPE html><p>PV</p>")), "");
    return verify_bundle(out);
  }
  static std::string problems(const BundleCheck& c) {
    std::string s;
    for (const auto& p : c.problems) s += p + "\n";
    return s;
  }
  static AuditRecord* entry(ResultsBundle& b, const std::string& action, int nth = 0) {
    for (auto& e : b.audit_trail)
      if (e.action == action && nth-- == 0) return &e;
    return nullptr;
  }
  static void edit_payload(AuditRecord& e, const std::function<void(nlohmann::json&)>& edit) {
    auto j = nlohmann::json::parse(e.payload);
    edit(j);
    e.payload = j.dump();
  }
};

TEST_F(Confirming, AWrongPinOrNoneIsRefusedAndNothingIsWritten) {
  const MemberKey wrong = derive_member_key("999999", thomas_pin.record);
  EXPECT_NE(refused(action::ConfirmDecision{run, thomas, wrong}).find("Code incorrect pour Thomas Lefèvre"),
            std::string::npos);
  EXPECT_NE(refused(action::ConfirmDecision{run, thomas}).find("Saisissez le code de Thomas Lefèvre"),
            std::string::npos);
  // Nadia's key is not Thomas's.
  EXPECT_NE(refused(action::ConfirmDecision{run, thomas, nadia_pin.key}).find("Code incorrect"), std::string::npos);
  EXPECT_TRUE(store->exam_run(run)->decision.confirmed_by.empty());
}

TEST_F(Confirming, AnOfficialMemberNeedsAPinAndAMalformedOneIsRefused) {
  EXPECT_NE(refused(action::AddJuryMember{session, {"Paul Roux", JuryRole::Member}}).find("session officielle"),
            std::string::npos);
  MemberPin bad = thomas_pin.record;
  bad.public_key = "zz";
  EXPECT_NE(refused(action::AddJuryMember{session, {"Paul Roux", JuryRole::Member}, bad}).find("clé publique"),
            std::string::npos);
}

TEST_F(Confirming, EachConfirmationIsSignedOverTheEntryBeforeItAndTheBundleVerifies) {
  apply(action::ConfirmDecision{run, nadia, nadia_pin.key});
  apply(action::ConfirmDecision{run, thomas, thomas_pin.key});
  ASSERT_TRUE(store->exam_run(run)->decision.locked());
  const auto trail = store->audit_entries(session);
  int checked = 0;
  for (std::size_t i = 1; i < trail.size(); ++i) {
    if (trail[i].action != "confirm_decision") continue;
    const auto p = read_payload_as<payload::ConfirmDecision>(AuditAction::ConfirmDecision, trail[i].payload);
    const MemberPin& pin = p.member == nadia ? nadia_pin.record : thomas_pin.record;
    EXPECT_TRUE(member_signature_holds(pin.public_key,
                                       confirmation_message(trail[i - 1].hash, run, p.member, "obtained"), p.signature));
    EXPECT_FALSE(member_signature_holds(pin.public_key,
                                        confirmation_message(trail[i - 1].hash, other_run, p.member, "obtained"),
                                        p.signature));
    ++checked;
  }
  EXPECT_EQ(checked, 2);
  // The PIN itself is nowhere in the database's trail.
  for (const auto& e : trail) EXPECT_EQ(e.payload.find("111111"), std::string::npos);

  const BundleCheck c = verified(bundle());
  EXPECT_TRUE(c.ok()) << problems(c);
  EXPECT_TRUE(c.notes.empty());
  const ConfirmationProofs proofs = check_confirmation_signatures(*c.bundle);
  EXPECT_EQ(proofs.signed_confirmations, 2);
  ASSERT_EQ(c.bundle->snapshot.jury.size(), 2u);
  EXPECT_EQ(c.bundle->snapshot.jury[0].pin, nadia_pin.record) << "the members' keys travel in results.json";
}

// The laptop's key re-signs whatever its holder writes; the members' keys
// are not theirs to use.
TEST_F(Confirming, AForgedConfirmationFailsVerifyNamingItsEntry) {
  apply(action::ConfirmDecision{run, nadia, nadia_pin.key});
  const ResultsBundle good = bundle();
  ASSERT_TRUE(verified(good, "good").ok());
  const std::int64_t id = entry(const_cast<ResultsBundle&>(good), "confirm_decision")->id;
  const std::string named = "entrée n°\u00A0" + std::to_string(id) + " du journal (confirm_decision)";

  ResultsBundle b = good;  // the member edited: Thomas's confirmation, not Nadia's
  edit_payload(*entry(b, "confirm_decision"), [&](nlohmann::json& j) {
    j["member"] = thomas;
    j["member_name"] = "Thomas Lefèvre";
  });
  rechain(b);
  std::string p = problems(verified(b, "member"));
  EXPECT_NE(p.find(named), std::string::npos) << p;
  EXPECT_NE(p.find("Thomas Lefèvre ne porte pas la signature de son code"), std::string::npos) << p;

  b = good;  // the signature edited
  edit_payload(*entry(b, "confirm_decision"), [&](nlohmann::json& j) {
    std::string s = j["signature"];
    s[10] = s[10] == '0' ? '1' : '0';
    j["signature"] = s;
  });
  rechain(b);
  p = problems(verified(b, "signature"));
  EXPECT_NE(p.find(named), std::string::npos) << p;

  b = good;  // the signature removed
  edit_payload(*entry(b, "confirm_decision"), [&](nlohmann::json& j) { j.erase("signature"); });
  rechain(b);
  p = problems(verified(b, "unsigned"));
  EXPECT_NE(p.find(named + "\u00A0: la confirmation de Nadia Benali n’est pas signée"), std::string::npos) << p;

  b = good;  // moved to the other candidate's decision
  edit_payload(*entry(b, "confirm_decision"), [&](nlohmann::json& j) { j["run"] = other_run; });
  rechain(b);
  p = problems(verified(b, "moved"));
  EXPECT_NE(p.find(named), std::string::npos) << p;

  b = good;  // the member's key in results.json replaced by one the forger holds
  b.snapshot.jury[0].pin = new_member_pin("000000", PinCost::interactive()).record;
  p = problems(verified(b, "key"));
  EXPECT_NE(p.find("/jury/0/pin"), std::string::npos) << p;
}

TEST_F(Confirming, AForgottenPinIsResetWithThePresidentsPinAndRecorded) {
  const NewMemberPin fresh = new_member_pin("333333", PinCost::interactive());
  EXPECT_NE(refused(action::ResetMemberPin{thomas, fresh.record}).find("code du président"), std::string::npos);
  EXPECT_NE(refused(action::ResetMemberPin{thomas, fresh.record, derive_member_key("000000", nadia_pin.record)})
                .find("Code du président incorrect"),
            std::string::npos);
  EXPECT_NE(refused(action::ResetMemberPin{thomas, fresh.record, thomas_pin.key}).find("incorrect"), std::string::npos)
      << "only the president's PIN resets another's";
  apply(action::ResetMemberPin{thomas, fresh.record, nadia_pin.key});
  const auto trail = store->audit_entries(session);
  const AuditRecord& last = trail.back();
  ASSERT_EQ(last.action, "reset_member_pin");
  const auto p = read_payload_as<payload::ResetMemberPin>(AuditAction::ResetMemberPin, last.payload);
  EXPECT_EQ(p.by, nadia);
  EXPECT_EQ(p.name, "Thomas Lefèvre");
  EXPECT_EQ(p.pin, fresh.record);
  EXPECT_TRUE(member_signature_holds(nadia_pin.record.public_key,
                                     pin_reset_message(trail[trail.size() - 2].hash, thomas, fresh.record.public_key),
                                     p.signature));
  // The old PIN no longer confirms; the new one does.
  EXPECT_NE(refused(action::ConfirmDecision{run, thomas, thomas_pin.key}).find("Code incorrect"), std::string::npos);
  apply(action::ConfirmDecision{run, thomas, fresh.key});
  const BundleCheck c = verified(bundle());
  EXPECT_TRUE(c.ok()) << problems(c);

  ResultsBundle b = bundle();  // a reset slipped in without the president
  edit_payload(*entry(b, "reset_member_pin"), [&](nlohmann::json& j) { j["signature"] = std::string(128, '0'); });
  rechain(b);
  std::string pr = problems(verified(b, "reset"));
  EXPECT_NE(pr.find("(reset_member_pin)\u00A0: le nouveau code de Thomas Lefèvre ne porte pas la signature"),
            std::string::npos)
      << pr;
}

TEST_F(Confirming, ThePresidentsForgottenPinIsResetWithAnotherMembersPin) {
  // Without this, an official session whose president forgot the PIN could
  // confirm no decision that day.
  const NewMemberPin fresh = new_member_pin("555555", PinCost::interactive());
  EXPECT_NE(refused(action::ResetMemberPin{nadia, fresh.record}).find("code de Thomas Lefèvre"), std::string::npos);
  EXPECT_NE(refused(action::ResetMemberPin{nadia, fresh.record, nadia_pin.key, {}, nadia})
                .find("Le code de Nadia Benali ne peut être réinitialisé qu’avec celui d’un autre membre du jury."),
            std::string::npos)
      << "never on the president's own PIN";
  EXPECT_NE(refused(action::ResetMemberPin{nadia, fresh.record, derive_member_key("000000", thomas_pin.record)})
                .find("incorrect"),
            std::string::npos);
  apply(action::ResetMemberPin{nadia, fresh.record, thomas_pin.key});
  const auto trail = store->audit_entries(session);
  const auto p = read_payload_as<payload::ResetMemberPin>(AuditAction::ResetMemberPin, trail.back().payload);
  EXPECT_EQ(p.by, thomas);
  EXPECT_EQ(p.by_name, "Thomas Lefèvre");
  // The PV says it, with the jury whose members sign it.
  const std::vector<PinReset> resets = pin_resets(store->audit_entries(session));
  ASSERT_EQ(resets.size(), 1u);
  EXPECT_EQ(resets[0].member, "Nadia Benali");
  EXPECT_EQ(resets[0].by, "Thomas Lefèvre");
  const std::string pv = render_proces_verbal({*store->snapshot(session), store->exam_plans(), store->scoring_grids(),
                                               clock.now_ms(), "jurymn", "", std::nullopt, nullptr, resets});
  EXPECT_NE(pv.find("Code personnel de Nadia Benali réinitialisé le "), std::string::npos);
  EXPECT_NE(pv.find("avec le code de Thomas Lefèvre."), std::string::npos);
  // The new PIN confirms; the export proves it, and the replay agrees.
  apply(action::ConfirmDecision{run, nadia, fresh.key});
  BundleCheck c = verified(bundle());
  EXPECT_TRUE(c.ok()) << problems(c);

  // A member never resets another member's PIN: only the president's.
  const NewMemberPin paul = new_member_pin("444444", PinCost::interactive());
  const std::string roux = apply(action::AddJuryMember{session, {"Paul Roux", JuryRole::Member}, paul.record});
  EXPECT_NE(refused(action::ResetMemberPin{roux, fresh.record, thomas_pin.key, {}, thomas})
                .find("qu’avec celui du président du jury"),
            std::string::npos);
  EXPECT_FALSE(may_sign_pin_reset(JuryRole::Member, JuryRole::Member, false));
  EXPECT_FALSE(may_sign_pin_reset(JuryRole::President, JuryRole::President, true));

  // A bundle whose reset names the president as signer of the president's
  // own PIN (the signature made with the new PIN) is refused.
  ResultsBundle b = bundle();
  edit_payload(*entry(b, "reset_member_pin"), [&](nlohmann::json& j) {
    j["by"] = nadia;
    j["by_name"] = "Nadia Benali";
  });
  rechain(b);
  const std::string pr = problems(verified(b, "self-reset"));
  EXPECT_NE(pr.find("ne porte pas la signature du code d’un autre membre du jury"), std::string::npos) << pr;
}

TEST_F(Confirming, AMemberIsReplacedOnlyBeforeConfirming) {
  const NewMemberPin paul = new_member_pin("444444", PinCost::interactive());
  const std::string roux = apply(action::AddJuryMember{session, {"Paul Roux", JuryRole::Member}, paul.record});
  apply(action::RemoveJuryMember{roux});  // before confirming: replaced freely
  apply(action::ConfirmDecision{run, thomas, thomas_pin.key});
  EXPECT_NE(refused(action::RemoveJuryMember{thomas}).find("déjà confirmé"), std::string::npos);
  // Even once the decision is reopened (its confirmations cleared).
  apply(action::ConfirmDecision{run, nadia, nadia_pin.key});
  apply(action::ReopenDecision{run, "erreur de saisie", {}, nadia_pin.key});
  EXPECT_NE(refused(action::RemoveJuryMember{thomas}).find("déjà confirmé"), std::string::npos);
}

TEST_F(Confirming, ARehearsalWorksWithoutPins) {
  open(SessionKind::Rehearsal, false);
  apply(action::ConfirmDecision{run, nadia});
  apply(action::ConfirmDecision{run, thomas});
  EXPECT_TRUE(store->exam_run(run)->decision.locked());
  const BundleCheck c = verified(bundle());
  EXPECT_TRUE(c.ok()) << problems(c);
  EXPECT_TRUE(c.notes.empty()) << "a mock jury's results certify nothing: nothing partial to say";
}

// An export from before PINs: members without keys, confirmations without
// signatures. It still verifies, said to prove less.
TEST_F(Confirming, AnOlderBundleWithoutMemberKeysVerifiesWithPartialProofs) {
  apply(action::ConfirmDecision{run, nadia, nadia_pin.key});
  apply(action::ConfirmDecision{run, thomas, thomas_pin.key});
  ResultsBundle b = bundle();
  for (auto& m : b.snapshot.jury) m.pin.reset();
  for (auto& e : b.audit_trail)
    if (e.action == "add_jury_member" || e.action == "confirm_decision")
      edit_payload(e, [](nlohmann::json& j) {
        j.erase("pin");
        j.erase("signature");
      });
  rechain(b);
  const BundleCheck c = verified(b);
  EXPECT_TRUE(c.ok()) << problems(c);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("preuves partielles\u00A0: 2 confirmations ne sont pas signées"), std::string::npos)
      << c.notes[0];
}

// The generator behind the benches gives its official jury PINs at the
// explicit fast cost, and signs every confirmation.
TEST(GeneratedSession, EveryConfirmationIsSignedByItsMember) {
  test::TempDir dir;
  const auto plans = load_exam_plans_dir(JURYMN_ASSETS "/plans").plans;
  const auto grids = load_grids_dir(JURYMN_GRIDS, plans, &test::tp01336()).grids;
  const auto g = create_completed_session(dir.file("gen.db"), test::tp01336(), plans, grids, 3, SessionKind::Official,
                                          5, 1'790'000'000'000);
  ASSERT_EQ(g.error, "");
  FakeClock clock{1'790'000'000'000};
  auto r = Store::open(dir.file("gen.db"), OpenMode::ReadOnly, clock);
  ASSERT_TRUE(r.store) << r.error;
  r.store->set_title(test::tp01336());
  ResultsBundle b;
  b.snapshot = *r.store->snapshot(g.session_uuid, &b.audit, &b.audit_trail);
  for (const auto& m : b.snapshot.jury) {
    ASSERT_TRUE(m.pin) << m.name;
    EXPECT_EQ(m.pin->cost, PinCost::interactive());
  }
  const ConfirmationProofs proofs = check_confirmation_signatures(b);
  EXPECT_TRUE(proofs.problems.empty()) << proofs.problems.front();
  EXPECT_GE(proofs.signed_confirmations, 6);
  EXPECT_EQ(proofs.unsigned_confirmations, 0);
  EXPECT_EQ(proofs.partial, "");
  EXPECT_TRUE(derive_member_key(kGeneratedMemberPin, *b.snapshot.jury[1].pin).public_key_hex() ==
              b.snapshot.jury[1].pin->public_key);
}

// Whoever holds the laptop, rewriting the trail with PINs of their own, or a
// build that derived the keys cheaply, gives keys a 6-digit PIN of which is
// found in seconds: the centre refuses them in an official bundle, at their
// entry (issue 30 item 3).
TEST_F(Confirming, AnOfficialBundleWhosePinKeysAreCheaperThanInteractiveIsRefused) {
  const NewMemberPin weak = new_member_pin("444444", PinCost::fast_for_generated_data());
  ASSERT_TRUE(weak.record.cost.below_interactive());
  ASSERT_FALSE(PinCost::interactive().below_interactive());
  EXPECT_TRUE((PinCost{PinCost::interactive().ops, PinCost::interactive().mem / 2}).below_interactive());
  EXPECT_TRUE(problems(verified(bundle(), "strong")).empty()) << problems(verified(bundle(), "strong"));

  apply(action::AddJuryMember{session, {"Paul Martin", JuryRole::Member}, weak.record});
  std::string p = problems(verified(bundle(), "weak-added"));
  EXPECT_NE(p.find("(add_jury_member)\u00A0: le code de Paul Martin est dérivé à un coût trop faible (Argon2id, 1 "
                   "passe et 8\u00A0Kio, au lieu d’au moins 2 passes et 64\u00A0Mio)"),
            std::string::npos)
      << p;
  EXPECT_EQ(p.find("Nadia Benali est dérivé"), std::string::npos) << p;

  // A reset to a cheap key, signed by the president as it must be.
  SetUp();
  apply(action::ResetMemberPin{thomas, weak.record, nadia_pin.key});
  p = problems(verified(bundle(), "weak-reset"));
  EXPECT_NE(p.find("(reset_member_pin)\u00A0: le code de Thomas Lefèvre est dérivé à un coût trop faible"),
            std::string::npos)
      << p;
}

TEST_F(Confirming, AMockJuryMayUseCheapPinKeys) {
  open(SessionKind::Rehearsal, false);
  apply(action::AddJuryMember{session, {"Paul Martin", JuryRole::Member},
                              new_member_pin("444444", PinCost::fast_for_generated_data()).record});
  EXPECT_EQ(problems(verified(bundle(), "rehearsal")), "");
}

// Issue 30 item 6: whoever holds the laptop rewrites a confirmation's
// signature in the base and recomputes the chain (it has no key): the replay
// takes recorded signatures as written, so audit verify checks them as
// verify checks a bundle's.
TEST_F(Confirming, AuditVerifyOfTheLaptopChecksTheMembersSignatures) {
  apply(action::ConfirmDecision{run, nadia, nadia_pin.key});
  apply(action::ConfirmDecision{run, thomas, thomas_pin.key});
  const std::string path = dir.file("jury-official.db");
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(cmd_audit_verify(path, ""), 0);
  testing::internal::GetCapturedStdout();
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");

  std::vector<AuditRecord> trail = store->audit_entries(session);
  const std::int64_t session_row = store->sessions()[0].id;
  store.reset();
  dir.tampered("the audit chain is broken on purpose");
  // Thomas's signature replaced by Nadia's (a replayed signature), the chain
  // recomputed from there as a forger's script would.
  std::string nadias;
  for (const auto& e : trail)
    if (e.action == "confirm_decision" && e.payload.find(nadia) != std::string::npos)
      nadias = nlohmann::json::parse(e.payload).at("signature");
  ASSERT_FALSE(nadias.empty());
  std::string prev;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_entry_no_update", nullptr, nullptr, nullptr), SQLITE_OK);
  std::int64_t forged = 0;
  for (auto& e : trail) {
    if (e.action == "confirm_decision" && e.payload.find(thomas) != std::string::npos) {
      nlohmann::json j = nlohmann::json::parse(e.payload);
      j["signature"] = nadias;
      e.payload = j.dump();
      forged = e.id;
    }
    e.prev_hash = prev;
    e.hash = audit_hash(prev, audit_line(e));
    prev = e.hash;
    sqlite3_stmt* u = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE audit_entry SET payload = ?, prev_hash = ?, hash = ? WHERE id = ?", -1, &u,
                                 nullptr),
              SQLITE_OK);
    sqlite3_bind_text(u, 1, e.payload.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(u, 2, e.prev_hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(u, 3, e.hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(u, 4, e.id);
    ASSERT_EQ(sqlite3_step(u), SQLITE_DONE);
    sqlite3_finalize(u);
  }
  ASSERT_NE(forged, 0);
  ASSERT_EQ(sqlite3_exec(db, ("UPDATE audit_head SET digest = '" + prev + "' WHERE session_id = " +
                              std::to_string(session_row)).c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(cmd_audit_verify(path, ""), 1);
  testing::internal::GetCapturedStdout();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("entrée n°\u00A0" + std::to_string(forged) + " du journal (confirm_decision)\u00A0: la "
                     "confirmation de Thomas Lefèvre ne porte pas la signature de son code"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("chaîne"), std::string::npos) << "the chain holds: only the signature tells\n" << err;
}

}  // namespace
}  // namespace jurymn
