// SPDX-License-Identifier: EUPL-1.2
// Nothing typed is lost and an interrupted exam resumes: drafts survive a
// SIGKILL, block the lock while pending and are cleared by their action;
// a restart or a wall-clock jump records one « reprise après interruption »;
// the WAL is folded into the main file at quiet moments; « Copier la base ».
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/interruption.h"
#include "core/draft_choices.h"
#include "io/exam_plan_json.h"
#include "io/grid_json.h"
#include "store/backup.h"
#include "store/life_signs.h"
#include "store/store.h"
#include "test_support.h"

extern char** environ;

namespace jurymn {
namespace {

namespace fs = std::filesystem;

class Resume : public ::testing::Test {
protected:
  test::TempDir dir;
  FakeClock clock;
  SeededRandomSource seeded{7};
  std::unique_ptr<Store> store;
  std::string session, president, member, candidate, run;

  void SetUp() override {
    store = opened(dir.file("jury.db"));
    session = apply(action::CreateSession{test::session_input(SessionKind::Official)});
    president = apply(action::AddJuryMember{session, {"Nadia Benali", JuryRole::President}, test::member_pin("Nadia Benali").record});
    member = apply(action::AddJuryMember{session, {"Thomas Lefèvre", JuryRole::Member}, test::member_pin("Thomas Lefèvre").record});
    candidate = apply(action::AddCandidate{session, test::candidate_input("MN-1")});
    run = apply(action::StartExam{candidate, "CCP1"});
  }

  std::unique_ptr<Store> opened(const std::string& path) { return test::open_jury_store(path, clock, &seeded); }

  std::string apply(const Action& a) {
    ApplyResult r = store->apply(a, "jury");
    EXPECT_TRUE(r) << action_name(a) << ": " << r.error;
    return r.created_uuid;
  }

  void start_first_stage() {
    apply(action::DrawSheet{run, ""});
    apply(action::RecordTimerEvent{run, TimerEventKind::Start, store->current_plan("CCP1")->stages[0].id, 0, ""});
  }

  // The run finished and decided, every member but the last confirmed.
  void decide_all_but_last_confirmation() {
    test::finish_ccp1(*store, clock, run, [&](const Action& a) { apply(a); });
    for (const auto& c : store->current_grid("CCP1")->competencies)
      apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
    apply(action::DecideCcp{run, CcpOutcome::Obtained, ""});
    apply(action::ConfirmDecision{run, president, test::member_pin("Nadia Benali").key});
  }

  std::size_t interruptions() { return store->exam_run(run)->interruptions.size(); }
};

// ---- drafts ----

TEST_F(Resume, ADraftTypedThenSigkilledIsThereAfterReopening) {
  const std::string field = draft_field::observation(president, "CP-3");
  store.reset();  // the child writes alone, as the app would
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  std::string child = JURYMN_CRASH_CHILD, db = dir.file("jury.db"), text = "Accueil chaleureux, reformule…";
  std::vector<char*> argv = {child.data(), db.data(), run.data(), const_cast<char*>(field.c_str()), text.data(),
                             nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, child.c_str(), &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  std::string said;
  char buf[64];
  for (ssize_t n; said.find('\n') == std::string::npos && (n = read(out[0], buf, sizeof buf)) > 0;)
    said.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  ASSERT_EQ(said, "drafted\n");
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  store = opened(db);
  const auto drafts = store->drafts(session);
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0].run_uuid, run);
  EXPECT_EQ(drafts[0].field, field);
  EXPECT_EQ(drafts[0].text, text);
}

TEST_F(Resume, WritingADraftIsNotAnActionNorAnAuditEntry) {
  const auto entries = store->audit_entry_count();
  const auto revision = store->revision();
  EXPECT_EQ(store->save_draft(run, draft_field::kJustification, "vu l’entretien"), "");
  EXPECT_EQ(store->save_draft(run, draft_field::kJustification, "vu l’entretien technique"), "");
  EXPECT_EQ(store->audit_entry_count(), entries);
  EXPECT_EQ(store->revision(), revision);
  ASSERT_EQ(store->drafts(session).size(), 1u);
  EXPECT_EQ(store->drafts(session)[0].text, "vu l’entretien technique");
  EXPECT_EQ(store->discard_draft(run, draft_field::kJustification), "");
  EXPECT_TRUE(store->drafts(session).empty());
}

TEST_F(Resume, ApplyingTheActionOfAFieldClearsItsDraftAndNoOther) {
  start_first_stage();
  const std::string obs = draft_field::observation(president, "CP-1");
  store->save_draft(run, obs, "Bien.");
  store->save_draft(run, draft_field::observation(member, "CP-1"), "Très bien.");
  store->save_draft(run, draft_field::kPauseReason, "malaise");
  apply(action::SetObservation{run, president, "CP-1", "Bien."});
  auto left = store->drafts(session);
  ASSERT_EQ(left.size(), 2u);
  for (const auto& d : left) EXPECT_NE(d.field, obs);
  apply(action::RecordTimerEvent{run, TimerEventKind::Pause, {}, 0, "malaise"});
  left = store->drafts(session);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].field, draft_field::observation(member, "CP-1"));
}

// Issue 26 item 5: Space at 03:26:13, the reason typed, kill -9: the press
// is on disk with the draft, and the pause recorded after the restart counts
// from it, not from its recording.
TEST_F(Resume, ThePausePressedBeforeACrashCountsFromThePress) {
  start_first_stage();
  clock.advance_ms(60'000);
  const TimeMs pressed = clock.now_ms();
  EXPECT_EQ(store->save_draft(run, draft_field::kPausePressedAt, pause_press_text(pressed)), "");
  clock.advance_ms(2'000);
  EXPECT_EQ(store->save_draft(run, draft_field::kPauseReason, "malaise"), "");
  store.reset();  // kill -9: what is on disk is all there is
  clock.advance_ms(40'000);
  store = opened(dir.file("jury.db"));
  resume_interrupted_runs(*store, clock.now_ms());
  std::optional<TimeMs> at;
  std::string reason;
  for (const auto& d : store->drafts(session)) {
    if (d.field == draft_field::kPausePressedAt) at = pause_press_from(d.text);
    if (d.field == draft_field::kPauseReason) reason = d.text;
  }
  ASSERT_TRUE(at);
  EXPECT_EQ(*at, pressed);
  EXPECT_EQ(reason, "malaise");
  apply(action::RecordTimerEvent{run, TimerEventKind::Pause, {}, 0, reason, *at});
  const auto events = store->exam_run(run)->events;
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, TimerEventKind::Pause);
  EXPECT_EQ(events.back().at, pressed);
  // The pause took both drafts with it.
  EXPECT_TRUE(store->drafts(session).empty());
}

TEST(PausePress, ReadBackExactlyAndNothingElse) {
  EXPECT_EQ(pause_press_from(pause_press_text(1'780'000'012'345)), 1'780'000'012'345);
  for (const char* bad : {"", "0", "-5", "12a", " 12", "1e9", "99999999999999999999"})
    EXPECT_FALSE(pause_press_from(bad)) << bad;
}

TEST_F(Resume, ARefusedActionKeepsItsDraft) {
  store->save_draft(run, draft_field::kReopenReason, "erreur");
  // Nothing is locked: the reopening is refused, the draft stays.
  EXPECT_FALSE(store->apply(action::ReopenDecision{run, "erreur"}, "jury"));
  EXPECT_EQ(store->drafts(session).size(), 1u);
}

TEST_F(Resume, APendingDraftBlocksTheLockNamingTheField) {
  decide_all_but_last_confirmation();
  store->save_draft(run, draft_field::observation(member, "CP-3"), "Séquence claire");
  ApplyResult r = store->apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key}, "jury");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error.find("Observation de Thomas Lefèvre sur CP-3 non enregistrée"), std::string::npos) << r.error;
  EXPECT_FALSE(store->exam_run(run)->decision.locked());
  // Recorded, the draft is gone and the lock goes through.
  apply(action::SetObservation{run, member, "CP-3", "Séquence claire"});
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  EXPECT_TRUE(store->exam_run(run)->decision.locked());
}

TEST_F(Resume, ADraftOfAnotherRunDoesNotBlockTheLock) {
  decide_all_but_last_confirmation();
  store->save_draft("another-run", draft_field::kJustification, "…");
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  EXPECT_TRUE(store->exam_run(run)->decision.locked());
}

TEST(DraftLabels, NameTheFieldInFrenchWithTheRightAgreement) {
  auto name = [](std::string_view uuid) { return uuid == "m1" ? std::string("Nadia Benali") : std::string("?"); };
  EXPECT_EQ(draft_field_label(draft_field::observation("m1", "CP-3"), name), "Observation de Nadia Benali sur CP-3");
  EXPECT_EQ(draft_field_label(draft_field::feedback_strengths("CP-2"), name), "Points forts sur CP-2");
  EXPECT_EQ(draft_field_label("pause_reason", name), "Motif de la pause");
  EXPECT_EQ(draft_field_label("something", name), "Champ «\u00A0something\u00A0»");
  EXPECT_EQ(pending_draft_refusal("advice", "Conseil au candidat").rfind("Conseil au candidat non enregistré\u00A0:", 0), 0u);
}

// ---- interruptions ----

TEST(InterruptionGaps, AreDecidedFromTimesAlone) {
  EXPECT_EQ(gap_on_restart(1'000, 91'000), (InterruptionGap{1'000, 91'000}));
  EXPECT_FALSE(gap_on_restart(91'000, 91'000));
  // Every restart counts, even a quick one; the same second does not.
  EXPECT_EQ(gap_on_restart(81'000, 91'000), (InterruptionGap{81'000, 91'000}));
  EXPECT_FALSE(gap_on_restart(90'000, 91'000));
  EXPECT_EQ(gap_on_restart(89'999, 91'000), (InterruptionGap{89'999, 91'000}));
  EXPECT_FALSE(gap_on_restart(0, 91'000));        // no sign of life known
  EXPECT_FALSE(gap_on_restart(95'000, 91'000));   // clock set back
  EXPECT_FALSE(gap_between_frames(1'000, 61'000));  // exactly the threshold: no
  EXPECT_EQ(gap_between_frames(1'000, 61'001), (InterruptionGap{1'000, 61'001}));
  EXPECT_FALSE(gap_between_frames(0, 500'000));   // no frame before
  EXPECT_FALSE(gap_between_frames(5'000, 1'000));  // backwards
}

TEST_F(Resume, ARestartRecordsTheGapSinceTheLastHeartbeatOnce) {
  start_first_stage();
  clock.advance_ms(40'000);
  LifeSigns signs;
  EXPECT_EQ(signs.on_frame(*store, clock.now_ms()), clock.now_ms() + kHeartbeatMs);
  const TimeMs last_beat = clock.now_ms();
  EXPECT_EQ(store->last_sign_of_life(run), last_beat);
  // Killed; started again 10 minutes later.
  store.reset();
  clock.advance_ms(600'000);
  store = opened(dir.file("jury.db"));
  Resumption r = resume_interrupted_runs(*store, clock.now_ms());
  ASSERT_EQ(r.runs, std::vector<std::string>{run});
  EXPECT_TRUE(r.errors.empty());
  const auto rec = store->exam_run(run)->interruptions;
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].from, last_beat);
  EXPECT_EQ(rec[0].to, clock.now_ms());
  EXPECT_EQ(rec[0].cause, InterruptionCause::Restart);
  const auto trail = store->audit_entries(session);
  EXPECT_EQ(trail.back().action, "record_interruption");
  EXPECT_TRUE(store->verify_audit_chain().intact());
  // A second restart at once: nothing more.
  store.reset();
  store = opened(dir.file("jury.db"));
  resume_interrupted_runs(*store, clock.now_ms());
  EXPECT_EQ(interruptions(), 1u);
}

// Issue 26 item 13: 20 s were recorded for about 9 s of outage, a draft
// having been saved 1 s before the kill. Every sign of life counts.
TEST_F(Resume, TheGapStartsAtTheLastDraftSavedOrActionWrittenOfAnyRun) {
  start_first_stage();
  const TimeMs t0 = clock.now_ms();
  clock.advance_ms(10'000);
  ASSERT_EQ(store->record_heartbeat(run, clock.now_ms()), "");  // t0 + 10 s
  clock.advance_ms(9'000);
  ASSERT_EQ(store->save_draft(run, draft_field::kPauseReason, "mal"), "");  // t0 + 19 s
  clock.advance_ms(1'000);  // killed at t0 + 20 s
  store.reset();
  clock.advance_ms(9'000);
  store = opened(dir.file("jury.db"));
  resume_interrupted_runs(*store, clock.now_ms());
  ASSERT_EQ(interruptions(), 1u);
  EXPECT_EQ(store->exam_run(run)->interruptions[0].from, t0 + 19'000);
  EXPECT_EQ(store->exam_run(run)->interruptions[0].to, t0 + 29'000);

  // Then an action about another candidate, and a draft of another run:
  // each is a sign that jurymn was running.
  clock.advance_ms(5'000);
  ASSERT_EQ(store->record_heartbeat(run, clock.now_ms()), "");  // t0 + 34 s
  const std::string other = apply(action::AddCandidate{session, test::candidate_input("MN-2", "Roux", "Léa")});
  clock.advance_ms(6'000);
  apply(action::SetAttendance{other, Attendance::Present});  // t0 + 40 s
  clock.advance_ms(2'000);
  store.reset();
  clock.advance_ms(7'000);
  store = opened(dir.file("jury.db"));
  resume_interrupted_runs(*store, clock.now_ms());
  ASSERT_EQ(interruptions(), 2u);
  EXPECT_EQ(store->exam_run(run)->interruptions[1].from, t0 + 40'000);
  EXPECT_EQ(store->exam_run(run)->interruptions[1].to, t0 + 49'000);
}

TEST_F(Resume, AfterACleanExitTheGapStartsAtTheExit) {
  start_first_stage();
  clock.advance_ms(45'000);
  LifeSigns().on_exit(*store, clock.now_ms());
  const TimeMs closed = clock.now_ms();
  clock.advance_ms(120'000);
  resume_interrupted_runs(*store, clock.now_ms());
  ASSERT_EQ(interruptions(), 1u);
  EXPECT_EQ(store->exam_run(run)->interruptions[0].from, closed);
}

TEST_F(Resume, WithoutAHeartbeatTheLastTimerEventIsTheLastSignOfLife) {
  start_first_stage();
  const TimeMs started = clock.now_ms();
  clock.advance_ms(90'000);
  resume_interrupted_runs(*store, clock.now_ms());
  ASSERT_EQ(interruptions(), 1u);
  EXPECT_EQ(store->exam_run(run)->interruptions[0].from, started);
}

TEST_F(Resume, NoRunUnderWayNothingRecorded) {
  clock.advance_ms(600'000);
  EXPECT_TRUE(resume_interrupted_runs(*store, clock.now_ms()).runs.empty());
  LifeSigns signs;
  EXPECT_EQ(signs.on_frame(*store, clock.now_ms()), 0);  // no wake needed
  EXPECT_EQ(interruptions(), 0u);
}

TEST_F(Resume, AWallClockJumpBetweenFramesIsRecordedAsSleep) {
  start_first_stage();
  LifeSigns signs;
  signs.on_frame(*store, clock.now_ms());
  clock.advance_ms(30'000);
  signs.on_frame(*store, clock.now_ms());  // a heartbeat wake: no gap
  EXPECT_EQ(interruptions(), 0u);
  const TimeMs lid_closed = clock.now_ms();
  clock.advance_ms(20 * 60'000);
  signs.on_frame(*store, clock.now_ms());
  const auto rec = store->exam_run(run)->interruptions;
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].cause, InterruptionCause::Sleep);
  EXPECT_EQ(rec[0].from, lid_closed);
  EXPECT_EQ(rec[0].to, clock.now_ms());
  // The timer counted the gap, as a wall clock does.
  const auto st = StageTimer(*store->current_plan("CCP1"), store->exam_run(run)->events).status(clock.now_ms());
  EXPECT_EQ(st.elapsed_ms, 30'000 + 20 * 60'000);
  clock.advance_ms(1'000);
  signs.on_frame(*store, clock.now_ms());
  EXPECT_EQ(interruptions(), 1u);
}

TEST_F(Resume, AnIncoherentInterruptionIsRefused) {
  start_first_stage();
  clock.advance_ms(10'000);
  const TimeMs now = clock.now_ms();
  EXPECT_FALSE(store->apply(action::RecordInterruption{run, now, now - 1, InterruptionCause::Sleep}, "jurymn"));
  EXPECT_FALSE(store->apply(action::RecordInterruption{run, now - 5'000, now + 60'000, InterruptionCause::Sleep}, "jurymn"));
  EXPECT_FALSE(store->apply(action::RecordInterruption{"nope", now - 5'000, now, InterruptionCause::Sleep}, "jurymn"));
  EXPECT_EQ(interruptions(), 0u);
}

// ---- the main file is complete at quiet moments ----

TEST_F(Resume, AfterAStageEndAndALockTheMainFileAloneHoldsTheSession) {
  decide_all_but_last_confirmation();
  apply(action::ConfirmDecision{run, member, test::member_pin("Thomas Lefèvre").key});
  // Copy jurymn.db alone, without its -wal, while the store is open.
  const std::string copy = dir.file("alone.db");
  fs::copy_file(dir.file("jury.db"), copy);
  auto other = opened(copy);
  ASSERT_TRUE(other);
  ASSERT_EQ(other->sessions().size(), 1u);
  EXPECT_EQ(other->sessions()[0].uuid, session);
  ASSERT_TRUE(other->exam_run(run));
  EXPECT_TRUE(other->exam_run(run)->decision.locked());
}

// ---- « Copier la base… » ----

TEST_F(Resume, ACopyOpensAndHoldsTheData) {
  start_first_stage();
  const std::string dest = dir.file("copie.db");
  BackupResult b = copy_database(*store, dest);
  ASSERT_TRUE(b.error.empty()) << b.error;
  EXPECT_EQ(b.path, dest);
  auto other = opened(dest);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->exam_runs(session).size(), 1u);
  EXPECT_TRUE(other->verify_audit_chain().intact());
}

TEST_F(Resume, ACopyToABadPlaceSaysWhyInFrenchAndWritesNothing) {
  BackupResult b = copy_database(*store, dir.file("pas-de-dossier/copie.db"));
  EXPECT_NE(b.error.find("n’existe pas"), std::string::npos) << b.error;
  EXPECT_FALSE(fs::exists(dir.file("pas-de-dossier")));
  b = copy_database(*store, "");
  EXPECT_FALSE(b.error.empty());
  // Never over an existing file, nor over the base itself.
  std::ofstream(dir.file("deja.db")) << "précieux";
  b = copy_database(*store, dir.file("deja.db"));
  EXPECT_NE(b.error.find("existe déjà"), std::string::npos) << b.error;
  std::ifstream in(dir.file("deja.db"));
  std::string kept;
  std::getline(in, kept);
  EXPECT_EQ(kept, "précieux");
  EXPECT_FALSE(copy_database(*store, dir.file("jury.db")).error.empty());
  // A directory as destination.
  EXPECT_FALSE(copy_database(*store, dir.path().string()).error.empty());
}

}  // namespace
}  // namespace jurymn
