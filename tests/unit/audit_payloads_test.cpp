// SPDX-License-Identifier: EUPL-1.2
// One typed payload per action (core/audit_payloads.h, store/action_payloads.h):
// every payload goes to JSON and back unchanged, the text is byte for byte
// what earlier versions wrote (the chain hashes it), bad payloads are refused
// naming the key, and every action has its id and payload.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/audit_payloads.h"
#include "core/field_list.h"
#include "store/action_payloads.h"

namespace jurymn {
namespace {

// ---- one sample per payload, every field away from its default ----

payload::SessionFields session_fields() {
  return {"CCP1 Formateur", "2026-11-23", "Greta Lyon", SessionKind::Rehearsal, CcpSet{"CCP1", "CCP2"}};
}
payload::CandidateFields candidate_fields() {
  return {"2026-014", "Dupré", "Léa", CcpSet{"CCP2"}, CcpSet{"CCP1"}, {"Fiche A", "Fiche « B »", ""}};
}

payload::CreateSession sample(std::type_identity<payload::CreateSession>) { return {"s-1", session_fields()}; }
payload::EditSession sample(std::type_identity<payload::EditSession>) {
  return {"s-1", session_fields(), {"Ancien titre", "2026-11-22", "Greta", CcpSet{"CCP1"}}};
}
MemberPin pin_sample() { return {"00112233445566778899aabbccddeeff", "abababababababababababababababababababababababababababababababab", {2, 67108864}}; }
payload::AddJuryMember sample(std::type_identity<payload::AddJuryMember>) {
  return {"m-1", "Nadia Benali", JuryRole::President, pin_sample()};
}
payload::ResetMemberPin sample(std::type_identity<payload::ResetMemberPin>) {
  return {"m-2", "Thomas Lefèvre", "m-1", "Nadia Benali", pin_sample(), "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"};
}
payload::RemoveJuryMember sample(std::type_identity<payload::RemoveJuryMember>) { return {"m-2", "Thomas Lefèvre"}; }
payload::AddCandidate sample(std::type_identity<payload::AddCandidate>) { return {"c-1", candidate_fields()}; }
payload::EditCandidate sample(std::type_identity<payload::EditCandidate>) {
  payload::CandidateFields before = candidate_fields();
  before.last_name = "Dupre";
  before.ccps = CcpSet{"CCP1"};
  return {"c-1", before, candidate_fields()};
}
payload::SetAttendance sample(std::type_identity<payload::SetAttendance>) { return {"c-1", Attendance::Present, Attendance::Withdrawn}; }
payload::ImportCandidates sample(std::type_identity<payload::ImportCandidates>) {
  return {"/tmp/liste.csv", 2, {{"c-1", candidate_fields()}, {"c-2", payload::CandidateFields{"7", "Ba", "Ali", {}, {}, {"", "", ""}}}}};
}
payload::StartExam sample(std::type_identity<payload::StartExam>) {
  return {"r-1", "c-1", "CCP2", {"ccp2", "1.0"}, payload::StartExam::Version{"grid-ccp2", "2.1"}, Attendance::Expected};
}
payload::TimerEvent sample(std::type_identity<payload::TimerEvent>) {
  return {"r-1", TimerEventKind::Pause, "entretien", 0, "panne du vidéoprojecteur", 1'790'000'000'000};
}
payload::SheetDraw sample(std::type_identity<payload::SheetDraw>) {
  return {"r-1", {"A", "B", "C"}, 2, "C", DrawMethod::JuryChoice, "déjà présentée"};
}
payload::RecordMark sample(std::type_identity<payload::RecordMark>) {
  return {"r-1", "m-1", "Nadia Benali", "cp1-c3", "acquired", "partial"};
}
payload::SetObservation sample(std::type_identity<payload::SetObservation>) {
  return {"r-1", "m-1", "Nadia Benali", "CP-1", "Accueil chaleureux.\nReformule."};
}
payload::DecideCompetency sample(std::type_identity<payload::DecideCompetency>) {
  return {"r-1", "CP-2", CompetencyStatus::NotAcquired, CompetencyStatus::Acquired, CcpOutcome::Obtained};
}
payload::DecideCcp sample(std::type_identity<payload::DecideCcp>) {
  return {"r-1", CcpOutcome::NotObtained, CcpOutcome::Obtained, "vu l’entretien",
          {{"CP-1", CompetencyStatus::Acquired}, {"CP-2", CompetencyStatus::NotAcquired}}, CcpOutcome::Undecided};
}
payload::ConfirmDecision sample(std::type_identity<payload::ConfirmDecision>) {
  return {"r-1", "m-2", "Thomas Lefèvre", CcpOutcome::NotObtained, true, "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"};
}
payload::ReopenDecision sample(std::type_identity<payload::ReopenDecision>) {
  return {"r-1", "erreur de saisie", "m-1", "Nadia Benali", CcpOutcome::Obtained, 1'790'000'123'456};
}
payload::SetFeedback sample(std::type_identity<payload::SetFeedback>) { return {"r-1", "CP-3", "Clair", "Rythme"}; }
payload::SetFeedbackAdvice sample(std::type_identity<payload::SetFeedbackAdvice>) { return {"r-1", "Préparez l’accueil."}; }
payload::MergeBundle sample(std::type_identity<payload::MergeBundle>) {
  return {"ab12", "/media/cle/lot-1", "s-1", "0A1B 2C3D", 1'790'000'000'000, "ffee", 3, 4, 50, 2, 1,
          {{"2026-014", "CCP1", CcpOutcome::Obtained, CcpOutcome::NotObtained}}, "cd34", 7,
          {{"2026-015", "CCP2", CcpOutcome::Obtained, CcpOutcome::Undecided}}};
}
payload::TrustKey sample(std::type_identity<payload::TrustKey>) {
  return {"21FE 31DF A154 A261 626B F854 046F D227", "PC jury 3", "Anne Martin", "/media/cle/pc3.pem", true};
}
payload::RevokeKey sample(std::type_identity<payload::RevokeKey>) {
  return {"21FE 31DF A154 A261 626B F854 046F D227", "PC jury 3", "Bruno Petit"};
}
payload::ConfirmSessionKey sample(std::type_identity<payload::ConfirmSessionKey>) {
  return {"21FE 31DF A154 A261 626B F854 046F D227", "PC jury 3", "s-1", "Anne Martin"};
}
payload::CheckPvCode sample(std::type_identity<payload::CheckPvCode>) {
  return {"7KQ3 MZ2H 4TRA 9CXE", std::string(64, 'a'), "21FE 31DF", 40, 2, "Anne Martin"};
}
payload::RecordInterruption sample(std::type_identity<payload::RecordInterruption>) {
  return {"r-1", 1'790'000'000'000, 1'790'000'600'000, InterruptionCause::Sleep};
}
payload::ChainAuditTrail sample(std::type_identity<payload::ChainAuditTrail>) { return {12, "abcdef", 6}; }
payload::DeclareRules sample(std::type_identity<payload::DeclareRules>) { return {2}; }

template <class P>
P sample_of() {
  return sample(std::type_identity<P>{});
}

// The action each payload kind is read under in the tests below.
AuditAction some_action_of(const AuditPayload& p) {
  for (const auto& a : kAuditActions) {
    try {
      if (read_payload(a.action, payload_text(p)).index() == p.index()) return a.action;
    } catch (const PayloadError&) {
    }
  }
  ADD_FAILURE() << "no action reads payload kind " << p.index();
  return AuditAction::CreateSession;
}

template <std::size_t... I>
void round_trip_every_payload(std::index_sequence<I...>) {
  (
      [] {
        using P = std::variant_alternative_t<I, AuditPayload>;
        const P p = sample_of<P>();
        EXPECT_FALSE(p == P{}) << "sample " << I << " must differ from the default";
        const std::string text = payload_text(p);
        const AuditPayload back = read_payload(some_action_of(p), text);
        ASSERT_TRUE(std::holds_alternative<P>(back)) << text;
        EXPECT_EQ(std::get<P>(back), p) << text;
        EXPECT_EQ(payload_text(back), text);
      }(),
      ...);
}

TEST(AuditPayloads, EveryPayloadRoundTripsThroughJson) {
  round_trip_every_payload(std::make_index_sequence<std::variant_size_v<AuditPayload>>{});
}

template <std::size_t... I>
void every_action_has_its_entry(std::index_sequence<I...>) {
  (
      [] {
        using A = std::variant_alternative_t<I, Action>;
        using P = PayloadOf<A>;
        const AuditAction id = audit_action_of(A{});
        EXPECT_FALSE(audit_action_id(id).empty()) << I;
        EXPECT_EQ(audit_action_from_id(audit_action_id(id)), id);
        EXPECT_EQ(action_name(Action{A{}}), audit_action_id(id));
        // What the writer records for this action reads back as the same kind.
        const P p = sample_of<P>();
        const AuditPayload back = read_payload(id, payload_text(p));
        ASSERT_TRUE(std::holds_alternative<P>(back)) << audit_action_id(id);
        EXPECT_EQ(std::get<P>(back), p) << audit_action_id(id);
      }(),
      ...);
}

// The check store/action_payloads.h makes of Action: an alternative without
// its ActionEntry fails it, so the build stops there.
struct ActionWithoutEntry {};
static_assert(!kEveryActionAudited<std::variant<action::RecordMark, ActionWithoutEntry>>);
static_assert(kEveryActionAudited<std::variant<action::RecordMark, action::ReopenDecision>>);

TEST(AuditPayloads, EveryActionHasAnIdAndAPayloadThatRoundTrips) {
  every_action_has_its_entry(std::make_index_sequence<std::variant_size_v<Action>>{});
}

TEST(AuditPayloads, EveryAuditActionIsReadAndTheIdsAreStable) {
  // Every id of the table reads some payload.
  std::set<AuditAction> read;
  auto try_all = [&](const AuditPayload& p) {
    for (const auto& a : kAuditActions) try {
        if (read_payload(a.action, payload_text(p)).index() == p.index()) read.insert(a.action);
      } catch (const PayloadError&) {
      }
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (try_all(sample_of<std::variant_alternative_t<I, AuditPayload>>()), ...);
  }(std::make_index_sequence<std::variant_size_v<AuditPayload>>{});
  EXPECT_EQ(read.size(), kAuditActionCount);
  // Stored ids never change: databases and bundles hold them.
  EXPECT_EQ(audit_action_id(AuditAction::RecordMark), "record_mark");
  EXPECT_EQ(audit_action_id(AuditAction::ReopenDecision), "reopen_decision");
  EXPECT_EQ(audit_action_id(AuditAction::MergeBundle), "merge_bundle");
  EXPECT_EQ(audit_action_id(AuditAction::ChainAuditTrail), "chain_audit_trail");
  EXPECT_EQ(audit_action_id(AuditAction::PauseStage), "pause_stage");
  EXPECT_EQ(action_name(action::RecordTimerEvent{"r", TimerEventKind::Next, "", 0, ""}), "next_stage");
  EXPECT_EQ(audit_action_from_id("brand_new"), std::nullopt);
}

// ---- the text is today's, byte for byte ----

// Payloads as jurymn wrote them before the typed payloads (from a real
// database and bundle of that version): read, then written again, they must
// give the same bytes, or new entries would not read as old ones.
struct Written {
  AuditAction action;
  const char* text;
};

const Written kEarlierPayloads[] = {
    {AuditAction::CreateSession,
     R"({"ccps":"CCP1,CCP2","date":"2026-11-23","exam_centre":"Greta Lyon","kind":"rehearsal","title":"Jury blanc","uuid":"3f0e"})"},
    {AuditAction::EditSession,
     R"({"before":{"ccps":"CCP1","date":"2026-11-23","exam_centre":"Greta","title":"A"},"ccps":"CCP1,CCP2","date":"2026-11-24","exam_centre":"Greta Lyon","kind":"official","title":"B","uuid":"s"})"},
    {AuditAction::AddJuryMember, R"({"name":"Nadia Benali","role":"president","uuid":"m1"})"},
    {AuditAction::RemoveJuryMember, R"({"name":"Thomas","uuid":"m2"})"},
    {AuditAction::AddCandidate,
     R"({"ccp1_by_equivalence":false,"ccps":"CCP1","first_name":"Léa","last_name":"Dupré","number":"001","sheets":["A","B",""],"uuid":"c1"})"},
    {AuditAction::EditCandidate,
     R"({"after":{"ccp1_by_equivalence":true,"ccps":"CCP2","first_name":"Léa","last_name":"Dupré","number":"001","sheets":["A","B","C"]},"before":{"ccp1_by_equivalence":false,"ccps":"CCP1,CCP2","first_name":"Lea","last_name":"Dupre","number":"001","sheets":["","",""]},"uuid":"c1"})"},
    {AuditAction::SetAttendance, R"({"after":"absent","before":"expected","uuid":"c1"})"},
    {AuditAction::ImportCandidates,
     R"({"candidates":[{"ccp1_by_equivalence":false,"ccps":"CCP1","first_name":"A","last_name":"B","number":"1","sheets":["x","y","z"],"uuid":"u1"}],"count":1,"source":"liste.csv"})"},
    {AuditAction::StartExam,
     R"({"attendance_before":"expected","candidate":"c1","ccp":"CCP1","grid":"ccp1","grid_version":"1.0","plan":"ccp1","plan_version":"1.0","run":"r1"})"},
    {AuditAction::StartExam,
     R"({"attendance_before":"present","candidate":"c1","ccp":"CCP2","plan":"ccp2","plan_version":"1.0","run":"r2"})"},
    {AuditAction::StartStage, R"({"event":"start","run":"r1","stage":"preparation"})"},
    {AuditAction::ExtendStage, R"({"amount_ms":300000,"event":"extend","reason":"panne","run":"r1","stage":"entretien"})"},
    {AuditAction::EndStage, R"({"event":"end","reason":"fin anticipée","run":"r1","stage":"entretien"})"},
    {AuditAction::DrawSheet,
     R"({"chosen":1,"chosen_title":"B","method":"random","run":"r1","titles":["A","B","C"]})"},
    {AuditAction::ChooseSheet,
     R"({"chosen":0,"chosen_title":"A","method":"jury_choice","reason":"déjà vue","run":"r1","titles":["A","B","C"]})"},
    {AuditAction::RecordMark,
     R"({"before":"","criterion":"cp1-c1","level":"acquired","member":"m1","member_name":"Nadia Benali","run":"r1"})"},
    {AuditAction::SetObservation,
     R"({"competency":"CP-1","member":"m1","member_name":"Nadia Benali","run":"r1","text":"Bien.\nTrès bien."})"},
    {AuditAction::DecideCompetency, R"({"before":"undecided","competency":"CP-1","run":"r1","status":"acquired"})"},
    {AuditAction::DecideCcp,
     R"({"before":"undecided","competencies":{"CP-1":"acquired","CP-2":"not_acquired"},"decided":"not_obtained","justification":"","proposed":"not_obtained","run":"r1"})"},
    {AuditAction::ConfirmDecision,
     R"({"decided":"obtained","locked":true,"member":"m2","member_name":"Thomas Lefèvre","run":"r1"})"},
    {AuditAction::ReopenDecision,
     R"({"decided":"obtained","locked_at":1790000000000,"reason":"erreur de saisie","run":"r1"})"},
    {AuditAction::SetFeedback, R"({"competency":"CP-1","improvements":"","run":"r1","strengths":"Clair"})"},
    {AuditAction::SetFeedbackAdvice, R"({"advice":"Respirez.","run":"r1"})"},
    {AuditAction::MergeBundle,
     R"({"audit_digest":"ee","candidates_added":2,"conflicts":[{"bundle":"obtained","candidate":"001","ccp":"CCP1","held":"not_obtained"}],"decisions_added":1,"digest":"ab","exported_at":1790000000000,"key_fingerprint":"0A1B","marks_added":10,"marks_updated":0,"runs_added":2,"session":"s1","source":"/media/lot"})"},
    {AuditAction::RecordInterruption, R"({"cause":"restart","from_ms":1790000000000,"run":"r1","to_ms":1790000090000})"},
    {AuditAction::ChainAuditTrail, R"({"entries":2,"head":"9f86","schema_version":6})"},
    // Version 10 on: PINs (core/member_pin.h).
    {AuditAction::AddJuryMember,
     R"({"name":"Nadia Benali","pin":{"mem":67108864,"ops":2,"public_key":"abababababababababababababababababababababababababababababababab","salt":"00112233445566778899aabbccddeeff"},"role":"president","uuid":"m1"})"},
    {AuditAction::ConfirmDecision,
     R"({"decided":"obtained","locked":false,"member":"m1","member_name":"Nadia Benali","run":"r1","signature":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"})"},
    {AuditAction::ResetMemberPin,
     R"({"by":"m1","by_name":"Nadia Benali","name":"Thomas","pin":{"mem":8192,"ops":1,"public_key":"abababababababababababababababababababababababababababababababab","salt":"00112233445566778899aabbccddeeff"},"signature":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd","uuid":"m2"})"},
    {AuditAction::TrustKey,
     R"({"checked_by_phone":false,"enrolled_by":"Anne Martin","fingerprint":"21FE 31DF","name":"PC jury 3","source":"pc3.pem"})"},
    {AuditAction::RevokeKey, R"({"fingerprint":"21FE 31DF","name":"PC jury 3","revoked_by":"Anne Martin"})"},
    {AuditAction::CheckPvCode,
     R"({"checked_by":"Anne Martin","code":"7KQ3 MZ2H 4TRA 9CXE","entries_after":2,"entry":40,"head":"ab","key_fingerprint":"21FE"})"},
    // Schema 13 on: the rules' version (core/rules.h), and what a merged
    // bundle did not prove.
    {AuditAction::DeclareRules, R"({"rules":2})"},
    {AuditAction::MergeBundle,
     R"({"audit_digest":"ee","candidates_added":0,"conflicts":[],"decisions_added":0,"digest":"ab","exported_at":1790000000000,"key_fingerprint":"0A1B","marks_added":0,"marks_updated":0,"runs_added":0,"session":"s1","source":"/media/lot","unproven":["62 entrée(s) écrite(s) avant que le journal déclare ses règles"]})"},
    // Schema 15 on: a key confirmed for a session at the centre.
    {AuditAction::ConfirmSessionKey,
     R"({"confirmed_by":"Anne Martin","fingerprint":"21FE 31DF","name":"PC jury B","session":"s1"})"},
};

// One wording for who acted, from the action's one definition: the member
// the payload names, else « le jury » for what the jury decides as a body.
TEST(AuditPayloads, AuthorIsTheMemberElseTheJuryForItsDecisions) {
  payload::ReopenDecision by_nobody{"r-1", "erreur", "", "", CcpOutcome::Obtained, 1};
  EXPECT_EQ(audit_author(AuditAction::ReopenDecision, by_nobody), "le jury");
  payload::ReopenDecision by_nadia{"r-1", "erreur", "m-1", "Nadia Benali", CcpOutcome::Obtained, 1};
  EXPECT_EQ(audit_author(AuditAction::ReopenDecision, by_nadia), "Nadia Benali");
  EXPECT_EQ(audit_author(AuditAction::DecideCcp, payload::DecideCcp{}), "le jury");
  EXPECT_EQ(audit_author(AuditAction::ConfirmDecision, payload::ConfirmDecision{"r", "m-2", "Thomas Lefèvre"}),
            "Thomas Lefèvre");
  EXPECT_EQ(audit_author(AuditAction::AddCandidate, payload::AddCandidate{}), "") << "not the jury's decision";
  // The member who reopened is written, and read back; absent, the text is
  // what earlier versions wrote.
  EXPECT_NE(payload_text(by_nadia).find("\"member_name\":\"Nadia Benali\""), std::string::npos);
  EXPECT_EQ(payload_text(by_nobody).find("member"), std::string::npos);
  EXPECT_EQ(read_payload_as<payload::ReopenDecision>(AuditAction::ReopenDecision, payload_text(by_nadia)), by_nadia);
  // A member who chose « Présidente »: written only then.
  payload::AddJuryMember she{"m-1", "Nadia Benali", JuryRole::President, {}, true};
  EXPECT_NE(payload_text(she).find("\"feminine\":true"), std::string::npos);
  EXPECT_EQ(read_payload_as<payload::AddJuryMember>(AuditAction::AddJuryMember, payload_text(she)), she);
  EXPECT_EQ(payload_text(payload::AddJuryMember{"m-1", "Paul", JuryRole::President}).find("feminine"), std::string::npos);
}

TEST(AuditPayloads, TextIsByteForByteWhatEarlierVersionsWrote) {
  std::set<std::size_t> kinds;
  for (const auto& w : kEarlierPayloads) {
    const AuditPayload p = read_payload(w.action, w.text);
    kinds.insert(p.index());
    EXPECT_EQ(payload_text(p), w.text) << audit_action_id(w.action);
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<AuditPayload>) << "one earlier text for every kind of payload";
}

// ---- field lists: one key per name at each level ----

// A key a flattened sub-record writes beside its record's own counts as the
// record's: two of one name would overwrite each other in the text.
struct Place {
  std::string title;
  std::string date;
};
struct Visit {
  std::string uuid;
  std::string title;
  Place place;
};
constexpr auto kPlaceFields = std::tuple{field("title", &Place::title), field("date", &Place::date)};
static_assert(field_keys_distinct(kPlaceFields));
static_assert(field_keys_distinct(std::tuple{field("uuid", &Visit::uuid), flattened(&Visit::place, kPlaceFields)}));
static_assert(!field_keys_distinct(std::tuple{field("uuid", &Visit::uuid), field("title", &Visit::title),
                                              flattened(&Visit::place, kPlaceFields)}),
              "a flattened key beside the same key is refused");
static_assert(!field_keys_distinct(std::tuple{field("uuid", &Visit::uuid), field("uuid", &Visit::title)}));
// Under a key of its own, the sub-record's keys are a level of their own.
static_assert(field_keys_distinct(std::tuple{field("title", &Visit::title), object_field("place", &Visit::place, kPlaceFields)}));

// ---- golden texts: every payload, every optional key set and all unset ----

// The exact text this version writes for each kind of payload, once with
// every optional key present and once with each one absent (its default).
// These bytes are hashed into the audit chain: a codec that writes them
// otherwise breaks every trail already written.
struct Golden {
  const char* name;
  AuditAction action;
  AuditPayload payload;
  std::string_view text;
};

const std::string kSig(128, 'c');

std::vector<Golden> golden_payloads() {
  const payload::CandidateFields full_candidate{"2026-014", "Dupré", "Léa \"Lili\"", CcpSet{"CCP1", "CCP2"}, CcpSet{"CCP1"},
                                      {"Fiche A", "Fiche « B »", "Fiche C"}, false};
  const payload::CandidateFields bare_candidate{"7", "Ba", "Ali", {}, {}, {"", "", ""}, false};
  // As read from an entry written before titles were data (a flag for the REMN's CCP1).
  const payload::CandidateFields legacy_candidate{"8", "Roy", "Zoé", CcpSet{"CCP2"}, CcpSet{"CCP1"}, {"", "", ""}, true};
  const payload::CandidateFields legacy_without{"9", "Roy", "Max", CcpSet{"CCP1"}, {}, {"", "", ""}, true};
  const payload::SessionFields session{"CCP1 « Formateur »", "2026-11-23", "Greta Lyon", SessionKind::Rehearsal, CcpSet{"CCP1", "CCP2"}};
  const payload::SessionFields bare_session{"t", "2026-01-01", "c", SessionKind::Official, {}};
  const MemberPin pin{"00112233445566778899aabbccddeeff", std::string(64, 'a'), {2, 67108864}};
  return {
      {"create_session full", AuditAction::CreateSession, payload::CreateSession{"s-1", session}, R"({"ccps":"CCP1,CCP2","date":"2026-11-23","exam_centre":"Greta Lyon","kind":"rehearsal","title":"CCP1 « Formateur »","uuid":"s-1"})"},
      {"create_session bare", AuditAction::CreateSession, payload::CreateSession{"s-2", bare_session}, R"({"ccps":"","date":"2026-01-01","exam_centre":"c","kind":"official","title":"t","uuid":"s-2"})"},
      {"edit_session full", AuditAction::EditSession,
       payload::EditSession{"s-1", session, {"Ancien titre", "2026-11-22", "Greta", CcpSet{"CCP1"}}}, R"({"before":{"ccps":"CCP1","date":"2026-11-22","exam_centre":"Greta","title":"Ancien titre"},"ccps":"CCP1,CCP2","date":"2026-11-23","exam_centre":"Greta Lyon","kind":"rehearsal","title":"CCP1 « Formateur »","uuid":"s-1"})"},
      {"edit_session bare", AuditAction::EditSession, payload::EditSession{"s-2", bare_session, {"", "", "", {}}},
       R"({"before":{"ccps":"","date":"","exam_centre":"","title":""},"ccps":"","date":"2026-01-01","exam_centre":"c","kind":"official","title":"t","uuid":"s-2"})"},
      {"add_jury_member full", AuditAction::AddJuryMember,
       payload::AddJuryMember{"m-1", "Nadia Benali", JuryRole::President, pin, true}, R"({"feminine":true,"name":"Nadia Benali","pin":{"mem":67108864,"ops":2,"public_key":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","salt":"00112233445566778899aabbccddeeff"},"role":"president","uuid":"m-1"})"},
      {"add_jury_member bare", AuditAction::AddJuryMember, payload::AddJuryMember{"m-2", "Paul", JuryRole::Member, std::nullopt, false},
       R"({"name":"Paul","role":"member","uuid":"m-2"})"},
      {"remove_jury_member", AuditAction::RemoveJuryMember, payload::RemoveJuryMember{"m-2", "Thomas Lefèvre"},
       R"({"name":"Thomas Lefèvre","uuid":"m-2"})"},
      {"add_candidate full", AuditAction::AddCandidate, payload::AddCandidate{"c-1", full_candidate}, R"({"by_equivalence":"CCP1","ccps":"CCP1,CCP2","first_name":"Léa \"Lili\"","last_name":"Dupré","number":"2026-014","sheets":["Fiche A","Fiche « B »","Fiche C"],"uuid":"c-1"})"},
      {"add_candidate bare", AuditAction::AddCandidate, payload::AddCandidate{"c-2", bare_candidate}, R"({"by_equivalence":"","ccps":"","first_name":"Ali","last_name":"Ba","number":"7","sheets":["","",""],"uuid":"c-2"})"},
      {"add_candidate legacy", AuditAction::AddCandidate, payload::AddCandidate{"c-3", legacy_candidate},
       R"({"ccp1_by_equivalence":true,"ccps":"CCP2","first_name":"Zoé","last_name":"Roy","number":"8","sheets":["","",""],"uuid":"c-3"})"},
      {"edit_candidate full", AuditAction::EditCandidate, payload::EditCandidate{"c-1", legacy_without, full_candidate},
       R"({"after":{"by_equivalence":"CCP1","ccps":"CCP1,CCP2","first_name":"Léa \"Lili\"","last_name":"Dupré","number":"2026-014","sheets":["Fiche A","Fiche « B »","Fiche C"]},"before":{"ccp1_by_equivalence":false,"ccps":"CCP1","first_name":"Max","last_name":"Roy","number":"9","sheets":["","",""]},"uuid":"c-1"})"},
      {"edit_candidate bare", AuditAction::EditCandidate, payload::EditCandidate{"c-2", bare_candidate, bare_candidate},
       R"({"after":{"by_equivalence":"","ccps":"","first_name":"Ali","last_name":"Ba","number":"7","sheets":["","",""]},"before":{"by_equivalence":"","ccps":"","first_name":"Ali","last_name":"Ba","number":"7","sheets":["","",""]},"uuid":"c-2"})"},
      {"set_attendance", AuditAction::SetAttendance, payload::SetAttendance{"c-1", Attendance::Present, Attendance::Withdrawn},
       R"({"after":"withdrawn","before":"present","uuid":"c-1"})"},
      {"set_attendance bare", AuditAction::SetAttendance, payload::SetAttendance{"c-1", Attendance::Expected, Attendance::Expected}, R"({"after":"expected","before":"expected","uuid":"c-1"})"},
      {"import_candidates full", AuditAction::ImportCandidates,
       payload::ImportCandidates{"/tmp/liste.csv", 3, {{"c-1", full_candidate}, {"c-2", bare_candidate}, {"c-3", legacy_candidate}}},
       R"({"candidates":[{"by_equivalence":"CCP1","ccps":"CCP1,CCP2","first_name":"Léa \"Lili\"","last_name":"Dupré","number":"2026-014","sheets":["Fiche A","Fiche « B »","Fiche C"],"uuid":"c-1"},{"by_equivalence":"","ccps":"","first_name":"Ali","last_name":"Ba","number":"7","sheets":["","",""],"uuid":"c-2"},{"ccp1_by_equivalence":true,"ccps":"CCP2","first_name":"Zoé","last_name":"Roy","number":"8","sheets":["","",""],"uuid":"c-3"}],"count":3,"source":"/tmp/liste.csv"})"},
      {"import_candidates bare", AuditAction::ImportCandidates, payload::ImportCandidates{"vide.csv", 0, {}},
       R"({"candidates":[],"count":0,"source":"vide.csv"})"},
      {"start_exam full", AuditAction::StartExam,
       payload::StartExam{"r-1", "c-1", "CCP2", {"ccp2", "1.0"}, payload::StartExam::Version{"grid-ccp2", "2.1"}, Attendance::Present, 2},
       R"({"attendance_before":"present","candidate":"c-1","ccp":"CCP2","grid":"grid-ccp2","grid_version":"2.1","plan":"ccp2","plan_version":"1.0","rules":2,"run":"r-1"})"},
      {"start_exam bare", AuditAction::StartExam, payload::StartExam{"r-2", "c-2", "CCP1", {"ccp1", "1.0"}, std::nullopt, Attendance::Expected, 1},
       R"({"attendance_before":"expected","candidate":"c-2","ccp":"CCP1","plan":"ccp1","plan_version":"1.0","run":"r-2"})"},
      {"timer_event full", AuditAction::ExtendStage,
       payload::TimerEvent{"r-1", TimerEventKind::Extend, "entretien", 300000, "panne du vidéoprojecteur", 1'790'000'000'000},
       R"({"amount_ms":300000,"event":"extend","pressed_at":1790000000000,"reason":"panne du vidéoprojecteur","run":"r-1","stage":"entretien"})"},
      {"timer_event bare", AuditAction::StartStage, payload::TimerEvent{"r-1", TimerEventKind::Start, "preparation", 0, "", 0},
       R"({"event":"start","run":"r-1","stage":"preparation"})"},
      {"sheet_draw full", AuditAction::ChooseSheet,
       payload::SheetDraw{"r-1", {"A", "B", "C"}, 2, "C", DrawMethod::JuryChoice, "déjà présentée"}, R"({"chosen":2,"chosen_title":"C","method":"jury_choice","reason":"déjà présentée","run":"r-1","titles":["A","B","C"]})"},
      {"sheet_draw bare", AuditAction::DrawSheet, payload::SheetDraw{"r-1", {"A", "B", "C"}, 0, "A", DrawMethod::Random, ""}, R"({"chosen":0,"chosen_title":"A","method":"random","run":"r-1","titles":["A","B","C"]})"},
      {"record_mark", AuditAction::RecordMark, payload::RecordMark{"r-1", "m-1", "Nadia Benali", "cp1-c3", "acquired", "partial"},
       R"({"before":"partial","criterion":"cp1-c3","level":"acquired","member":"m-1","member_name":"Nadia Benali","run":"r-1"})"},
      {"record_mark bare", AuditAction::RecordMark, payload::RecordMark{"r-1", "m-1", "N", "cp1-c3", "", ""},
       R"({"before":"","criterion":"cp1-c3","level":"","member":"m-1","member_name":"N","run":"r-1"})"},
      {"set_observation", AuditAction::SetObservation,
       payload::SetObservation{"r-1", "m-1", "Nadia Benali", "CP-1", "Accueil chaleureux.\nReformule\t« bien »."},
       R"({"competency":"CP-1","member":"m-1","member_name":"Nadia Benali","run":"r-1","text":"Accueil chaleureux.\nReformule\t« bien »."})"},
      {"decide_competency full", AuditAction::DecideCompetency,
       payload::DecideCompetency{"r-1", "CP-2", CompetencyStatus::NotAcquired, CompetencyStatus::Acquired, CcpOutcome::Obtained,
                        "vu la mise en situation"},
       R"({"before":"acquired","cleared":"obtained","competency":"CP-2","reason":"vu la mise en situation","run":"r-1","status":"not_acquired"})"},
      {"decide_competency bare", AuditAction::DecideCompetency, payload::DecideCompetency{"r-1", "CP-2", CompetencyStatus::Undecided, CompetencyStatus::Undecided, CcpOutcome::Undecided, ""},
       R"({"before":"undecided","competency":"CP-2","run":"r-1","status":"undecided"})"},
      {"decide_ccp full", AuditAction::DecideCcp,
       payload::DecideCcp{"r-1", CcpOutcome::NotObtained, CcpOutcome::Obtained, "vu l’entretien",
                 {{"CP-1", CompetencyStatus::Acquired}, {"CP-2", CompetencyStatus::NotAcquired},
                  {"CP-3", CompetencyStatus::Undecided}},
                 CcpOutcome::NotObtained},
       R"({"before":"not_obtained","competencies":{"CP-1":"acquired","CP-2":"not_acquired","CP-3":"undecided"},"decided":"obtained","justification":"vu l’entretien","proposed":"not_obtained","run":"r-1"})"},
      {"decide_ccp bare", AuditAction::DecideCcp, payload::DecideCcp{"r-1", CcpOutcome::Undecided, CcpOutcome::Undecided, "", {}, CcpOutcome::Undecided}, R"({"before":"undecided","competencies":{},"decided":"undecided","justification":"","proposed":"undecided","run":"r-1"})"},
      {"confirm_decision full", AuditAction::ConfirmDecision,
       payload::ConfirmDecision{"r-1", "m-2", "Thomas Lefèvre", CcpOutcome::NotObtained, true, kSig}, R"({"decided":"not_obtained","locked":true,"member":"m-2","member_name":"Thomas Lefèvre","run":"r-1","signature":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"})"},
      {"confirm_decision bare", AuditAction::ConfirmDecision, payload::ConfirmDecision{"r-1", "m-2", "T", CcpOutcome::Undecided, false, ""},
       R"({"decided":"undecided","locked":false,"member":"m-2","member_name":"T","run":"r-1"})"},
      {"reopen_decision full", AuditAction::ReopenDecision,
       payload::ReopenDecision{"r-1", "erreur de saisie", "m-1", "Nadia Benali", CcpOutcome::Obtained, 1'790'000'123'456, "m-1", kSig},
       R"({"decided":"obtained","locked_at":1790000123456,"member":"m-1","member_name":"Nadia Benali","reason":"erreur de saisie","run":"r-1","signature":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","signed_by":"m-1"})"},
      {"reopen_decision bare", AuditAction::ReopenDecision, payload::ReopenDecision{"r-1", "erreur", "", "", CcpOutcome::Undecided, 0, "", ""}, R"({"decided":"undecided","locked_at":0,"reason":"erreur","run":"r-1"})"},
      {"set_feedback", AuditAction::SetFeedback, payload::SetFeedback{"r-1", "CP-3", "Clair", "Rythme"}, R"({"competency":"CP-3","improvements":"Rythme","run":"r-1","strengths":"Clair"})"},
      {"set_feedback bare", AuditAction::SetFeedback, payload::SetFeedback{"r-1", "CP-3", "", ""}, R"({"competency":"CP-3","improvements":"","run":"r-1","strengths":""})"},
      {"set_feedback_advice", AuditAction::SetFeedbackAdvice, payload::SetFeedbackAdvice{"r-1", "Préparez l’accueil."},
       R"({"advice":"Préparez l’accueil.","run":"r-1"})"},
      {"merge_bundle full", AuditAction::MergeBundle,
       payload::MergeBundle{"ab12", "/media/cle/lot-1", "s-1", "0A1B 2C3D", 1'790'000'000'000, "ffee", 3, 4, 50, 2, 1,
                   {{"2026-014", "CCP1", CcpOutcome::Obtained, CcpOutcome::NotObtained},
                    {"2026-016", "CCP2", CcpOutcome::NotObtained, CcpOutcome::Undecided}},
                   "cd34", 7,
                   {{"2026-015", "CCP2", CcpOutcome::Obtained, CcpOutcome::Undecided}},
                   {"2 entrée(s) écrite(s) avant que le journal déclare ses règles", "une autre"}},
       R"({"audit_digest":"ffee","candidates_added":3,"conflicts":[{"bundle":"not_obtained","candidate":"2026-014","ccp":"CCP1","held":"obtained"},{"bundle":"undecided","candidate":"2026-016","ccp":"CCP2","held":"not_obtained"}],"decisions_added":1,"digest":"ab12","entries_after":7,"exported_at":1790000000000,"key_fingerprint":"0A1B 2C3D","marks_added":50,"marks_updated":2,"redecided":[{"after":"undecided","before":"obtained","candidate":"2026-015","ccp":"CCP2"}],"runs_added":4,"session":"s-1","source":"/media/cle/lot-1","supersedes":"cd34","unproven":["2 entrée(s) écrite(s) avant que le journal déclare ses règles","une autre"]})"},
      {"merge_bundle supersedes none after", AuditAction::MergeBundle,
       payload::MergeBundle{"ab", "lot", "s-1", "0A1B", 1, "ee", 0, 0, 0, 0, 0, {}, "cd34", 0, {}, {}}, R"({"audit_digest":"ee","candidates_added":0,"conflicts":[],"decisions_added":0,"digest":"ab","entries_after":0,"exported_at":1,"key_fingerprint":"0A1B","marks_added":0,"marks_updated":0,"runs_added":0,"session":"s-1","source":"lot","supersedes":"cd34"})"},
      {"merge_bundle bare", AuditAction::MergeBundle, payload::MergeBundle{"ab", "lot", "s-1", "0A1B", 0, "ee", 0, 0, 0, 0, 0, {}, "", 0, {}, {}},
       R"({"audit_digest":"ee","candidates_added":0,"conflicts":[],"decisions_added":0,"digest":"ab","exported_at":0,"key_fingerprint":"0A1B","marks_added":0,"marks_updated":0,"runs_added":0,"session":"s-1","source":"lot"})"},
      {"record_interruption", AuditAction::RecordInterruption,
       payload::RecordInterruption{"r-1", 1'790'000'000'000, 1'790'000'600'000, InterruptionCause::Sleep},
       R"({"cause":"sleep","from_ms":1790000000000,"run":"r-1","to_ms":1790000600000})"},
      {"record_interruption bare", AuditAction::RecordInterruption, payload::RecordInterruption{"r-1", 0, 0, InterruptionCause::Restart},
       R"({"cause":"restart","from_ms":0,"run":"r-1","to_ms":0})"},
      {"reset_member_pin", AuditAction::ResetMemberPin,
       payload::ResetMemberPin{"m-2", "Thomas Lefèvre", "m-1", "Nadia Benali", pin, kSig}, R"({"by":"m-1","by_name":"Nadia Benali","name":"Thomas Lefèvre","pin":{"mem":67108864,"ops":2,"public_key":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","salt":"00112233445566778899aabbccddeeff"},"signature":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","uuid":"m-2"})"},
      {"trust_key full", AuditAction::TrustKey,
       payload::TrustKey{"21FE 31DF A154 A261", "PC jury 3", "Anne Martin", "/media/cle/pc3.pem", true, "clé retrouvée"},
       R"({"again":"clé retrouvée","checked_by_phone":true,"enrolled_by":"Anne Martin","fingerprint":"21FE 31DF A154 A261","name":"PC jury 3","source":"/media/cle/pc3.pem"})"},
      {"trust_key bare", AuditAction::TrustKey, payload::TrustKey{"21FE", "PC", "Anne", "pc.pem", false, ""}, R"({"checked_by_phone":false,"enrolled_by":"Anne","fingerprint":"21FE","name":"PC","source":"pc.pem"})"},
      {"revoke_key", AuditAction::RevokeKey, payload::RevokeKey{"21FE 31DF", "PC jury 3", "Bruno Petit"}, R"({"fingerprint":"21FE 31DF","name":"PC jury 3","revoked_by":"Bruno Petit"})"},
      {"check_pv_code", AuditAction::CheckPvCode,
       payload::CheckPvCode{"7KQ3 MZ2H 4TRA 9CXE", std::string(64, 'a'), "21FE 31DF", 40, 2, "Anne Martin"},
       R"({"checked_by":"Anne Martin","code":"7KQ3 MZ2H 4TRA 9CXE","entries_after":2,"entry":40,"head":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","key_fingerprint":"21FE 31DF"})"},
      {"check_pv_code bare", AuditAction::CheckPvCode, payload::CheckPvCode{"7KQ3", "ab", "21FE", 0, 0, ""}, R"({"checked_by":"","code":"7KQ3","entries_after":0,"entry":0,"head":"ab","key_fingerprint":"21FE"})"},
      {"chain_audit_trail", AuditAction::ChainAuditTrail, payload::ChainAuditTrail{12, "abcdef", 6}, R"({"entries":12,"head":"abcdef","schema_version":6})"},
      {"declare_rules", AuditAction::DeclareRules, payload::DeclareRules{2}, R"({"rules":2})"},
      {"declare_rules bare", AuditAction::DeclareRules, payload::DeclareRules{0}, R"({"rules":0})"},
      {"confirm_session_key", AuditAction::ConfirmSessionKey,
       payload::ConfirmSessionKey{"21FE 31DF", "PC jury B", "s-1", "Anne Martin"}, R"({"confirmed_by":"Anne Martin","fingerprint":"21FE 31DF","name":"PC jury B","session":"s-1"})"},
  };
}

TEST(AuditPayloads, GoldenTextsOfEveryPayloadFullAndBare) {
  std::map<std::size_t, int> per_kind;
  for (const Golden& g : golden_payloads()) {
    ++per_kind[g.payload.index()];
    EXPECT_EQ(payload_text(g.payload), g.text) << g.name;
    const AuditPayload back = read_payload(g.action, g.text);
    EXPECT_EQ(back, g.payload) << g.name;
  }
  EXPECT_EQ(per_kind.size(), std::variant_size_v<AuditPayload>) << "every kind of payload has its golden texts";
}

// ---- bad payloads are refused, naming the key ----

std::string refusal(AuditAction a, const std::string& text);

TEST(AuditPayloads, AMalformedPinIsRefusedNamingItsKey) {
  EXPECT_NE(refusal(AuditAction::AddJuryMember,
                    R"({"name":"N","pin":{"mem":8192,"ops":1,"public_key":"xyz","salt":"00112233445566778899aabbccddeeff"},"role":"member","uuid":"m"})"),
            "accepted");
  EXPECT_NE(refusal(AuditAction::ResetMemberPin, R"({"by":"","by_name":"","name":"T","signature":"","uuid":"m2"})")
                .find("/pin"),
            std::string::npos);
}

TEST(AuditPayloads, AnInterruptionWithAnUnknownCauseOrNoTimesIsRefused) {
  EXPECT_NE(refusal(AuditAction::RecordInterruption, R"({"cause":"lunch","from_ms":1,"run":"r","to_ms":2})"), "accepted");
  EXPECT_NE(refusal(AuditAction::RecordInterruption, R"({"cause":"sleep","run":"r","to_ms":2})"), "accepted");
  EXPECT_NE(refusal(AuditAction::RecordInterruption, R"({"cause":"sleep","from_ms":"1","run":"r","to_ms":2})"), "accepted");
}

std::string refusal(AuditAction a, const std::string& text) {
  try {
    read_payload(a, text);
  } catch (const PayloadError& e) {
    return e.pointer() + " | " + e.what();
  }
  return "accepted";
}

TEST(AuditPayloads, AMissingKeyIsNamed) {
  const std::string r = refusal(AuditAction::RecordMark, R"({"before":"","criterion":"c","member":"m","member_name":"N","run":"r"})");
  EXPECT_EQ(r.substr(0, r.find(" | ")), "/level") << r;
  EXPECT_NE(r.find("clé absente"), std::string::npos) << r;
  EXPECT_EQ(refusal(AuditAction::EditSession,
                    R"({"before":{"ccps":"CCP1","date":"d","exam_centre":"c"},"ccps":"CCP1","date":"d","exam_centre":"c","kind":"official","title":"t","uuid":"s"})")
                .substr(0, 14),
            "/before/title ");
  // A grid without its version.
  EXPECT_EQ(refusal(AuditAction::StartExam,
                    R"({"attendance_before":"expected","candidate":"c","ccp":"CCP1","grid":"g","plan":"p","plan_version":"1","run":"r"})")
                .substr(0, 14),
            "/grid_version ");
}

TEST(AuditPayloads, AWrongTypeIsNamedWithWhatWasFound) {
  const std::string r =
      refusal(AuditAction::ConfirmDecision, R"({"decided":"obtained","locked":"yes","member":"m","member_name":"N","run":"r"})");
  EXPECT_EQ(r, "/locked | «\u00A0/locked\u00A0»\u00A0: un booléen attendu, trouvé un texte");
  EXPECT_EQ(refusal(AuditAction::DrawSheet, R"({"chosen":"1","chosen_title":"B","method":"random","run":"r","titles":["A","B","C"]})")
                .substr(0, 8),
            "/chosen ");
  EXPECT_EQ(refusal(AuditAction::DrawSheet, R"({"chosen":1,"chosen_title":"B","method":"random","run":"r","titles":["A",2,"C"]})")
                .substr(0, 10),
            "/titles/1 ");
  EXPECT_EQ(refusal(AuditAction::ImportCandidates,
                    R"({"candidates":[{"ccp1_by_equivalence":0,"ccps":"CCP1","first_name":"A","last_name":"B","number":"1","sheets":["","",""],"uuid":"u"}],"count":1,"source":"s"})")
                .substr(0, 35),
            "/candidates/0/ccp1_by_equivalence |");
}

TEST(AuditPayloads, UnknownValuesAndShapesAreRefused) {
  EXPECT_EQ(refusal(AuditAction::DecideCcp,
                    R"({"before":"undecided","competencies":{},"decided":"maybe","justification":"","proposed":"obtained","run":"r"})")
                .substr(0, 9),
            "/decided ");
  EXPECT_EQ(refusal(AuditAction::StartExam,
                    R"({"attendance_before":"expected","candidate":"c","ccp":"ccp 9","plan":"p","plan_version":"1","run":"r"})")
                .substr(0, 5),
            "/ccp ");
  EXPECT_EQ(refusal(AuditAction::DrawSheet, R"({"chosen":3,"chosen_title":"B","method":"random","run":"r","titles":["A","B","C"]})")
                .substr(0, 8),
            "/chosen ");
  EXPECT_EQ(refusal(AuditAction::MergeBundle, R"([])").substr(0, 3), " | ");
  EXPECT_NE(refusal(AuditAction::RecordMark, "{not json"), "accepted");
  EXPECT_NE(refusal(AuditAction::ChainAuditTrail, R"({"entries":-1,"head":"h","schema_version":6})"), "accepted");
  EXPECT_NE(refusal(AuditAction::DeclareRules, R"({"rules":-1})"), "accepted");
  EXPECT_NE(refusal(AuditAction::DeclareRules, R"({"rules":4294967298})"), "accepted") << "never wraps to version 2";
  EXPECT_NE(refusal(AuditAction::DeclareRules, R"({"rules":"2"})"), "accepted");
  // Keys a newer version may add are left alone.
  EXPECT_EQ(refusal(AuditAction::SetFeedbackAdvice, R"({"advice":"a","run":"r","since":"v9"})"), "accepted");
}

TEST(AuditPayloads, ReadAsOneKindRefusesAnother) {
  EXPECT_THROW(read_payload_as<payload::RecordMark>(AuditAction::SetFeedbackAdvice, R"({"advice":"a","run":"r"})"),
               PayloadError);
  EXPECT_EQ(read_payload_as<payload::SetFeedbackAdvice>(AuditAction::SetFeedbackAdvice, R"({"advice":"a","run":"r"})").advice,
            "a");
}

}  // namespace
}  // namespace jurymn
