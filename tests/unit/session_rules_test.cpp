// SPDX-License-Identifier: EUPL-1.2
// The session's rules in core (issue 29, « Rules in src/core »): refusals
// judged on a SessionState in memory, without SQLite; and a trail driven
// through every action kind of a jury's session replays, in memory, into
// exactly what the store holds.
#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <set>

#include "core/audit_payloads.h"
#include "core/session_rules.h"
#include "core/session_state.h"
#include "store/replay.h"
#include "store/store.h"
#include "test_support.h"

namespace jurymn {
namespace {

constexpr TimeMs kStart = 1'779'000'000'000;  // May 2026

const std::string kNadia = "Nadia Benali";
const std::string kThomas = "Thomas Lefèvre";

// A session in memory driven as the store's would be: each action through
// the same rules, at a clock the test moves.
class CoreSession {
public:
  const ExamKit& kit = test::shipped_kit();
  SessionState state{kit.title, kit.plans, kit.grids};
  TimeMs now = kStart;
  SeededRandomSource random{7};
  int rules = kCurrentRules;

  // The created uuid; the refusal's message as a test failure.
  std::string ok(const Action& a) {
    try {
      return state.apply(a, context(), rules).created_uuid;
    } catch (const Refusal& r) {
      ADD_FAILURE() << action_name_of(a) << " refusé : " << r.error;
      return {};
    }
  }
  // The refusal's message; "" (and a test failure) when accepted.
  std::string refused(const Action& a) {
    try {
      state.apply(a, context(), rules);
    } catch (const Refusal& r) {
      return r.error;
    }
    ADD_FAILURE() << action_name_of(a) << " accepté";
    return {};
  }

  RuleContext context() {
    RuleContext c;
    c.now = now;
    c.actor = "jury";
    c.title = &kit.title;
    c.new_uuid = [this] { return "uuid-" + std::to_string(++uuids_); };
    c.random = &random;
    c.audit_head = [] { return std::string(64, '0'); };
    return c;
  }

  static std::string action_name_of(const Action& a) {
    return std::string(audit_action_id(std::visit([](const auto& x) { return audit_action_of(x); }, a)));
  }

  // An official session, its president and member with their PINs, one
  // candidate and a CCP1 run started.
  std::string session, president, member, candidate, run;
  void start(SessionKind kind = SessionKind::Official) {
    session = ok(action::CreateSession{test::session_input(kind)});
    president = ok(action::AddJuryMember{session, {kNadia, JuryRole::President}, test::member_pin(kNadia).record});
    member = ok(action::AddJuryMember{session, {kThomas, JuryRole::Member}, test::member_pin(kThomas).record});
    candidate = ok(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = ok(action::StartExam{candidate, "CCP1"});
  }
  // The draw, every stage on time, the end.
  void finish_run() {
    const ExamPlan& plan = *newest_for_ccp(kit.plans, "CCP1");
    ok(action::DrawSheet{run, ""});
    ok(action::RecordTimerEvent{run, TimerEventKind::Start, plan.stages[0].id, 0, ""});
    for (std::size_t i = 1; i < plan.stages.size(); ++i) {
      now += plan.stages[i - 1].duration_ms;
      ok(action::RecordTimerEvent{run, TimerEventKind::Next, "", 0, ""});
    }
    now += plan.stages.back().duration_ms;
    ok(action::RecordTimerEvent{run, TimerEventKind::End, "", 0, ""});
  }
  const Grid& grid() const { return *newest_for_ccp(kit.grids, "CCP1"); }
  void decide_and_lock() {
    for (const auto& c : grid().competencies) ok(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    ok(action::DecideCcp{run, CcpOutcome::Obtained, ""});
    ok(action::ConfirmDecision{run, president, test::member_pin(kNadia).key});
    ok(action::ConfirmDecision{run, member, test::member_pin(kThomas).key});
  }

private:
  int uuids_ = 0;
};

// ------------------------------------------------------------ refusals, without SQLite

TEST(SessionRules, AMarkOnALockedRunIsRefused) {
  CoreSession s;
  s.start();
  s.finish_run();
  const std::string criterion = s.grid().competencies[0].criteria[0].id;
  const std::string level = s.grid().rating_scale[0].id;
  s.ok(action::RecordMark{s.run, s.member, criterion, level});
  s.decide_and_lock();
  ASSERT_TRUE(s.state.run(s.run)->decision.locked());
  EXPECT_EQ(s.refused(action::RecordMark{s.run, s.member, criterion, ""}),
            "Le résultat de cette épreuve est verrouillé\u00A0: rouvrez-le pour modifier la notation.");
  // Nothing changed: the mark stands.
  ASSERT_EQ(s.state.run(s.run)->marks.size(), 1u);
  EXPECT_EQ(s.state.run(s.run)->marks[0].level_id, level);
}

TEST(SessionRules, AMarkByARemovedMemberIsRefused) {
  CoreSession s;
  s.start();
  const std::string assessor =
      s.ok(action::AddJuryMember{s.session, {"Claire Martin", JuryRole::Member}, test::member_pin("Claire Martin").record});
  s.ok(action::RemoveJuryMember{assessor});
  const std::string criterion = s.grid().competencies[0].criteria[0].id;
  EXPECT_EQ(s.refused(action::RecordMark{s.run, assessor, criterion, s.grid().rating_scale[0].id}),
            "Ce membre ne fait pas partie du jury de cette session.");
  // A member who has marked can no longer be removed.
  s.ok(action::RecordMark{s.run, s.member, criterion, s.grid().rating_scale[0].id});
  EXPECT_EQ(s.refused(action::RemoveJuryMember{s.member}),
            kThomas + " a déjà évalué des candidats\u00A0: ce membre ne peut plus être retiré du jury.");
  // Withdrawn, the mark no longer holds them.
  s.ok(action::RecordMark{s.run, s.member, criterion, ""});
  s.ok(action::RemoveJuryMember{s.member});
}

// A member added without a PIN (as before rules 2) confirms without one
// under rules 1, not under rules 2, in an official session.
TEST(SessionRules, AConfirmationWithoutPinIsRefusedUnderRules2ButAcceptedUnderRules1) {
  for (int rules : {1, 2}) {
    SCOPED_TRACE(rules);
    CoreSession s;
    s.rules = 1;  // the members are added without PINs, as rules 1 allowed
    s.session = s.ok(action::CreateSession{test::session_input(SessionKind::Official)});
    s.president = s.ok(action::AddJuryMember{s.session, {kNadia, JuryRole::President}});
    s.member = s.ok(action::AddJuryMember{s.session, {kThomas, JuryRole::Member}});
    s.candidate = s.ok(action::AddCandidate{s.session, test::candidate_input("MN-1")});
    s.run = s.ok(action::StartExam{s.candidate, "CCP1"});
    s.finish_run();
    for (const auto& c : s.grid().competencies) s.ok(action::DecideCompetency{s.run, c.id, CompetencyStatus::Acquired});
    s.ok(action::DecideCcp{s.run, CcpOutcome::Obtained, ""});
    s.rules = rules;
    if (rules == 1) {
      s.ok(action::ConfirmDecision{s.run, s.president});
      EXPECT_EQ(s.state.run(s.run)->decision.confirmed_by, std::vector<std::string>{s.president});
    } else {
      EXPECT_EQ(s.refused(action::ConfirmDecision{s.run, s.president}),
                kNadia + " n’a pas encore de code\u00A0: définissez-le (écran de session, «\u00A0Code…\u00A0») avant de "
                         "confirmer.");
      EXPECT_TRUE(s.state.run(s.run)->decision.confirmed_by.empty());
      // And no member joins an official jury without one.
      EXPECT_EQ(s.refused(action::AddJuryMember{s.session, {"Claire Martin", JuryRole::Member}}),
                "Dans une session officielle, chaque membre du jury choisit un code (au moins 6 chiffres) ou une "
                "phrase de passe\u00A0: il le saisira pour confirmer chaque décision.");
    }
  }
}

TEST(SessionRules, ATimerEventOutOfOrderIsRefused) {
  CoreSession s;
  s.start();
  // Nothing is under way: there is nothing to pause.
  const std::string why = s.refused(action::RecordTimerEvent{s.run, TimerEventKind::Pause, "", 0, "Pause"});
  EXPECT_FALSE(why.empty());
  // A pause pressed before the event it follows.
  s.ok(action::DrawSheet{s.run, ""});
  const ExamPlan& plan = *newest_for_ccp(s.kit.plans, "CCP1");
  s.ok(action::RecordTimerEvent{s.run, TimerEventKind::Start, plan.stages[0].id, 0, ""});
  s.now += 60'000;
  EXPECT_EQ(s.refused(action::RecordTimerEvent{s.run, TimerEventKind::Pause, "", 0, "Téléphone", s.now - 120'000}),
            "L’heure de la pause n’est plus valable : mettez en pause à nouveau.");
  EXPECT_EQ(s.state.run(s.run)->events.size(), 1u);
  // A clock set back before the run's start.
  s.now = kStart - 1;
  EXPECT_EQ(s.refused(action::RecordTimerEvent{s.run, TimerEventKind::End, "", 0, ""}),
            "L’horloge de cet ordinateur indique une heure antérieure au début de l’épreuve\u00A0: vérifiez la date "
            "et l’heure du système, puis recommencez.");
}

TEST(SessionRules, ASecondDrawNeedsAReason) {
  CoreSession s;
  s.start();
  s.ok(action::DrawSheet{s.run, ""});
  EXPECT_FALSE(s.refused(action::DrawSheet{s.run, ""}).empty());
  EXPECT_EQ(s.state.run(s.run)->draws.size(), 1u);
  s.ok(action::DrawSheet{s.run, "Fiche illisible"});
  EXPECT_EQ(s.state.run(s.run)->draws.size(), 2u);
}

// The numbers taken and each candidate's runs are kept as candidates come,
// change number and start: the rules that ask of them answer as before.
TEST(SessionRules, NumbersAndRunsFollowTheCandidates) {
  CoreSession s;
  s.start();
  const std::string other = s.ok(action::AddCandidate{s.session, test::candidate_input("MN-2", "Martin")});
  EXPECT_NE(s.refused(action::AddCandidate{s.session, test::candidate_input("MN-1", "Durand")}), "");
  // Its own number is not taken from it.
  s.ok(action::EditCandidate{other, test::candidate_input("MN-2", "Martin-Roy")});
  EXPECT_NE(s.refused(action::EditCandidate{other, test::candidate_input("MN-1", "Martin-Roy")}), "");
  s.ok(action::EditCandidate{other, test::candidate_input("MN-3", "Martin-Roy")});
  // MN-2 is free again, MN-3 taken.
  s.ok(action::AddCandidate{s.session, test::candidate_input("MN-2", "Petit")});
  EXPECT_NE(s.refused(action::AddCandidate{s.session, test::candidate_input("MN-3", "Leroy")}), "");
  // The candidate with a run cannot be marked absent, nor start CCP1 twice;
  // the one without a run can be marked absent, then expected, then start.
  EXPECT_NE(s.refused(action::SetAttendance{s.candidate, Attendance::Absent}), "");
  EXPECT_NE(s.refused(action::StartExam{s.candidate, "CCP1"}), "");
  s.ok(action::SetAttendance{other, Attendance::Absent});
  s.ok(action::SetAttendance{other, Attendance::Expected});
  s.ok(action::StartExam{other, "CCP1"});
  EXPECT_NE(s.refused(action::SetAttendance{other, Attendance::Absent}), "");
  EXPECT_NE(s.refused(action::StartExam{other, "CCP1"}), "");
}

TEST(SessionRules, AnUnknownRunOrCandidateIsNamed) {
  CoreSession s;
  s.start();
  EXPECT_EQ(s.refused(action::RecordMark{"nulle-part", s.member, "x", ""}), "Épreuve introuvable (nulle-part).");
  EXPECT_EQ(s.refused(action::SetAttendance{"personne", Attendance::Absent}), "Candidat introuvable (personne).");
  // A candidate whose exam has started cannot be declared absent.
  EXPECT_EQ(s.refused(action::SetAttendance{s.candidate, Attendance::Absent}),
            "Ce candidat a déjà commencé une épreuve\u00A0: il ne peut plus être déclaré absent.");
}

// ------------------------------------------------------------ replay equals store, every action

// The kinds of entry a jury's session writes: every kAuditActions entry but
// the centre's, the one no version writes and the upgrade's.
std::set<AuditAction> session_action_kinds() {
  std::set<AuditAction> out;
  for (const auto& a : kAuditActions)
    switch (a.action) {
      case AuditAction::TimerEvent:        // never written (an unknown timer kind)
      case AuditAction::MergeBundle:       // the centre's
      case AuditAction::TrustKey:
      case AuditAction::RevokeKey:
      case AuditAction::CheckPvCode:
      case AuditAction::ConfirmSessionKey:
      case AuditAction::ChainAuditTrail:  // written by a schema upgrade
        break;
      default:
        out.insert(a.action);
    }
  return out;
}

class EveryAction : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock{kStart};
  SeededRandomSource seeded{11};
  std::unique_ptr<Store> store = test::open_jury_store(dir.file("jury.db"), clock, &seeded);

  std::string apply(const Action& a) {
    clock.advance_ms(1'000);
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }

  // One session through every action a jury's session of `kind` takes.
  std::string drive(SessionKind kind) {
    const auto& nadia = test::member_pin(kNadia);
    const auto& thomas = test::member_pin(kThomas);
    const std::string session = apply(action::CreateSession{test::session_input(kind)});
    SessionInput edited = test::session_input(kind);
    edited.title += " (corrigée)";
    edited.ccps = {"CCP1"};
    apply(action::EditSession{session, edited});
    const std::string president = apply(action::AddJuryMember{session, {kNadia, JuryRole::President, true}, nadia.record});
    const std::string member = apply(action::AddJuryMember{session, {kThomas, JuryRole::Member}, thomas.record});
    const std::string extra = apply(action::AddJuryMember{session, {"Claire Martin", JuryRole::Member},
                                                          test::member_pin("Claire Martin").record});
    apply(action::RemoveJuryMember{extra});
    // Thomas forgot his PIN: the president signs the new one (the same
    // record again, so his key still confirms below).
    apply(action::ResetMemberPin{member, thomas.record, nadia.key});
    const std::string candidate = apply(action::AddCandidate{session, test::candidate_input("MN-2", "Abadie", "Léa")});
    CandidateInput fixed = test::candidate_input("MN-2", "Abadie", "Léna");
    apply(action::EditCandidate{candidate, fixed});
    action::ImportCandidates import{session, "liste.csv", {}};
    import.rows.push_back({2, test::candidate_input("MN-3", "Bernard", "Hugo")});
    import.rows.push_back({3, test::candidate_input("MN-4", "Colin", "Inès")});
    apply(import);
    const std::string absent = store->candidates(session).at(1).uuid;  // Bernard
    apply(action::SetAttendance{absent, Attendance::Absent});
    apply(action::SetAttendance{candidate, Attendance::Present});
    const std::string run = apply(action::StartExam{candidate, "CCP1"});

    const ExamPlan& plan = *store->current_plan("CCP1");
    const Grid& grid = *store->current_grid("CCP1");
    apply(action::DrawSheet{run, ""});
    apply(action::ChooseSheet{run, 2, "La candidate présente la fiche 3, préparée pour ce public"});
    apply(action::RecordTimerEvent{run, TimerEventKind::Start, plan.stages[0].id, 0, ""});
    const TimeMs gap_from = clock.now_ms() + 1'000;
    clock.advance_ms(60'000);
    apply(action::RecordInterruption{run, gap_from, gap_from + 30'000, InterruptionCause::Sleep});
    apply(action::RecordTimerEvent{run, TimerEventKind::Pause, "", 0, "Alarme incendie", clock.now_ms() + 500});
    clock.advance_ms(120'000);
    apply(action::RecordTimerEvent{run, TimerEventKind::Resume, "", 0, ""});
    apply(action::RecordTimerEvent{run, TimerEventKind::Extend, "", 120'000, "Temps de l’alarme rendu"});
    for (std::size_t i = 1; i < plan.stages.size(); ++i) {
      clock.advance_ms(plan.stages[i - 1].duration_ms);
      apply(action::RecordTimerEvent{run, TimerEventKind::Next, "", 0, ""});
    }
    clock.advance_ms(plan.stages.back().duration_ms);
    apply(action::RecordTimerEvent{run, TimerEventKind::End, "", 0, "Fin"});

    // Both mark every criterion at the top level; one changes his mind once
    // and withdraws a mark he then gives again.
    const std::string best = grid.rating_scale.front().id;
    for (const auto& c : grid.competencies)
      for (const auto& cr : c.criteria) {
        apply(action::RecordMark{run, president, cr.id, best});
        apply(action::RecordMark{run, member, cr.id, best});
      }
    const std::string first = grid.competencies[0].criteria[0].id;
    apply(action::RecordMark{run, member, first, grid.rating_scale.back().id});
    apply(action::RecordMark{run, member, first, ""});
    apply(action::RecordMark{run, member, first, best});
    apply(action::SetObservation{run, president, grid.competencies[0].id, "Accueil soigné."});
    apply(action::SetObservation{run, president, grid.competencies[0].id, "Accueil soigné, reformulation juste."});
    for (const auto& c : grid.competencies) apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
    apply(action::ConfirmDecision{run, president, nadia.key});
    apply(action::ConfirmDecision{run, member, thomas.key});
    apply(action::ReopenDecision{run, "Observation à compléter", president, nadia.key});
    // Undecided, then decided again: the CCP decision is cleared, then taken again.
    apply(action::DecideCompetency{run, grid.competencies[1].id, CompetencyStatus::Undecided});
    apply(action::DecideCompetency{run, grid.competencies[1].id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
    if (kind == SessionKind::Rehearsal) {
      apply(action::SetFeedback{run, grid.competencies[0].id, "Accueil chaleureux", "Reformuler davantage"});
      apply(action::SetFeedback{run, grid.competencies[0].id, "Accueil chaleureux", "Reformuler la demande"});
      apply(action::SetFeedbackAdvice{run, "Relire la fiche avant la mise en situation."});
    }
    apply(action::ConfirmDecision{run, president, nadia.key});
    apply(action::ConfirmDecision{run, member, thomas.key});
    return session;
  }

  // The trail of `session` replayed in memory and compared with the
  // store's records, field by field; the action kinds it holds.
  std::set<AuditAction> replays_into_the_store(const std::string& session) {
    const std::vector<AuditRecord> trail = store->audit_entries(session);
    ReplayReport report;
    const auto replayed = replay_trail(trail, store->title(), store->exam_plans(), store->scoring_grids(), report);
    EXPECT_TRUE(replayed);
    if (!replayed) return {};
    const auto held = store->snapshot(session);
    compare_with_replay(*held, *replayed, trail, report, false);
    std::string problems;
    for (const auto& p : report.problems) problems += p + "\n";
    EXPECT_TRUE(report.ok()) << problems;
    EXPECT_FALSE(report.partial()) << report.unproven.front();
    EXPECT_EQ(report.entries_replayed, static_cast<std::int64_t>(trail.size()));
    // The same records in the same order (the ids are the base's: this
    // one holds two sessions).
    EXPECT_EQ(held->jury.size(), replayed->jury.size());
    EXPECT_EQ(held->candidates.size(), replayed->candidates.size());
    for (std::size_t i = 0; i < held->candidates.size() && i < replayed->candidates.size(); ++i)
      EXPECT_EQ(held->candidates[i].uuid, replayed->candidates[i].uuid);
    for (std::size_t i = 0; i < held->jury.size() && i < replayed->jury.size(); ++i)
      EXPECT_EQ(held->jury[i].uuid, replayed->jury[i].uuid);
    std::set<AuditAction> kinds;
    for (const auto& e : trail) kinds.insert(*audit_action_from_id(e.action));
    return kinds;
  }
};

TEST_F(EveryAction, EveryKindOfActionReplaysInMemoryIntoWhatTheStoreHolds) {
  std::set<AuditAction> seen = replays_into_the_store(drive(SessionKind::Official));
  for (AuditAction a : replays_into_the_store(drive(SessionKind::Rehearsal))) seen.insert(a);
  // An action kind added to the title's sessions must be driven here too.
  for (AuditAction a : session_action_kinds())
    EXPECT_TRUE(seen.count(a)) << audit_action_id(a) << " n’est pas dans les journaux rejoués : ajoutez-la à drive().";
}

// A trail rewritten so that an entry no longer follows from the state
// before it is refused by the core rules, named by its entry.
TEST_F(EveryAction, AMarkRewrittenOntoALockedRunIsRefusedByTheReplay) {
  const std::string session = drive(SessionKind::Official);
  std::vector<AuditRecord> trail = store->audit_entries(session);
  AuditRecord mark;
  for (const auto& e : trail)
    if (e.action == "record_mark") mark = e;
  // The same mark again, after the final lock.
  mark.id = trail.back().id + 1;
  mark.at_ms = trail.back().at_ms + 1'000;
  trail.push_back(mark);
  ReplayReport report;
  ASSERT_TRUE(replay_trail(trail, store->title(), store->exam_plans(), store->scoring_grids(), report));
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].find("entrée n°\u00A0" + std::to_string(mark.id) + " (record_mark)"), std::string::npos)
      << report.problems[0];
  EXPECT_NE(report.problems[0].find("verrouillé"), std::string::npos) << report.problems[0];
}

}  // namespace
}  // namespace jurymn
