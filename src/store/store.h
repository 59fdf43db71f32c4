// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The durable record of exam sessions. One Store per open database file;
// every write goes through apply().
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"
#include "core/drafts.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/title.h"
#include "core/sheet_draw.h"
#include "core/stage_timer.h"
#include "core/validation.h"
#include "core/audit_trail.h"
#include "core/records.h"
#include "core/results_bundle.h"
#include "store/actions.h"

struct sqlite3;

namespace jurymn {

// At the exam centre: a final decision from a merged bundle that differs
// from the one the centre holds for the run.
struct DecisionConflictRecord {
  std::string run_uuid;
  CcpOutcome decided = CcpOutcome::Undecided;
  std::string justification;
  std::vector<std::string> confirmed_by;  // member uuids
  std::optional<TimeMs> decided_at;
  std::optional<TimeMs> locked_at;
  std::string source;           // the bundle's folder
  std::string key_fingerprint;  // the laptop that signed it
};

// At the exam centre: a laptop's signing key it merges bundles from.
struct TrustedKeyRecord {
  std::string fingerprint;
  std::string name;
  std::string enrolled_by;
  TimeMs enrolled_at = 0;
  bool checked_by_phone = false;  // enrolled while merging (--trust-new-key)
  std::optional<TimeMs> revoked_at;
  std::string revoked_by;
  bool active() const { return !revoked_at; }
};

// A session a key's bundles were merged into.
struct KeySessionRecord {
  std::string session_uuid;
  std::string title;
  std::string date;
  std::string exam_centre;
  int bundles = 0;
  std::int64_t entries = 0;  // of the longest trail merged from the key
  int partial = 0;           // bundles merged with « preuves partielles »
};

// A key whose bundles were merged into a session: its first (the key of
// the session's first bundle) or confirmed for it by the centre (keys trust
// … --session); otherwise what only it carries is « ajouté par un autre
// ordinateur ».
struct SessionKeyRecord {
  std::string fingerprint;
  std::string name;  // as enrolled
  int bundles = 0;
  bool first = false;
  std::string confirmed_by;  // "" when not confirmed
  TimeMs confirmed_at = 0;
  bool trusted_for_session() const { return first || !confirmed_by.empty(); }
};

// A candidate of a merged session that only keys not trusted for it carried.
struct AddedElsewhereRecord {
  std::string candidate_uuid;
  std::string number;
  std::string name;                       // « Prénom Nom »
  std::vector<std::string> fingerprints;  // the keys that carried it
};

// A bundle merged with « preuves partielles » (store/replay.h): what its
// replay could not prove, and whether a paper PV of its session was checked
// since (pv-code check), which is what confirms its official results.
struct PartialProofRecord {
  std::string source;
  std::string key_fingerprint;
  TimeMs imported_at = 0;
  std::vector<std::string> unproven;
  bool paper_checked = false;
};

// A paper PV checked against the merged trail (core/spoken_codes.h).
struct PvCheckRecord {
  std::string code;
  std::string head;
  std::int64_t entries_after = 0;
  TimeMs at = 0;
  std::string checked_by;
  // The laptop key whose merged trail holds that head (read from the
  // check's audit entry): a PV is checked against one laptop's trail.
  std::string key_fingerprint;
};

enum class OpenMode { ReadWrite, ReadOnly };

class Store;
struct OpenResult {
  std::unique_ptr<Store> store;
  std::string error;  // French, names the file; empty on success
  bool needs_migration = false;  // refused read-only: an older schema to upgrade first
};

class Store {
public:
  // Creates the file when missing (ReadWrite), migrates an older schema,
  // refuses a corrupt, foreign or newer file without writing to it.
  // ReadOnly skips the full integrity scan (nothing will be written;
  // damage met while reading is reported then) so that reading a large
  // base starts at once.
  static OpenResult open(const std::string& path, OpenMode mode, const Clock& clock);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Validates, writes and audits one action in one transaction, or
  // returns why not and leaves the database as it was.
  ApplyResult apply(const Action& a, std::string_view actor);
  // Several actions as one change: each validated and audited as apply()
  // does, all written in one transaction, or none when one is refused (its
  // result is returned). What one click meaning several decisions uses.
  ApplyResult apply_together(const std::vector<Action>& actions, std::string_view actor);

  // Bulk writing, for generators of large sessions (benchmarks) where one
  // disk sync per action would dominate: between begin_bulk() and
  // end_bulk(), apply() still validates and audits each action on its own
  // (a refused one leaves no trace) but commits nothing until end_bulk(),
  // which commits them all, or, with keep = false, none. The screens never
  // use this. Both return "" or a French error.
  std::string begin_bulk();
  std::string end_bulk(bool keep = true);

  // The title sessions certify (core/title.h): which CCPs exist, their
  // competencies and equivalences. Actions naming a CCP it does not declare
  // are refused; reads list CCPs in its order.
  void set_title(Title title) { title_ = std::move(title); }
  const Title& title() const { return title_; }
  // The title, plans and grids at once, as loaded by io/title_json.
  template <class Kit>
  void set_exam_kit(const Kit& kit) {
    set_title(kit.title);
    set_exam_plans(kit.plans);
    set_scoring_grids(kit.grids);
  }
  // Exam plans the runs use, by id and version; the newest version of a
  // CCP's plan is the one a new run starts under.
  void set_exam_plans(std::vector<ExamPlan> plans) { plans_ = std::move(plans); }
  const std::vector<ExamPlan>& exam_plans() const { return plans_; }
  const ExamPlan* find_plan(std::string_view id, std::string_view version) const;
  const ExamPlan* current_plan(std::string_view ccp) const;
  // Scoring grids, likewise: a run is marked with the newest grid of its
  // CCP at the time it starts, and keeps it.
  void set_scoring_grids(std::vector<Grid> grids) { grids_ = std::move(grids); }
  const std::vector<Grid>& scoring_grids() const { return grids_; }
  const Grid* find_grid(std::string_view id, std::string_view version) const;
  const Grid* current_grid(std::string_view ccp) const;
  // The draw of session sheets needs a source the jury cannot predict.
  void set_random_source(RandomSource* random) { random_ = random; }

  bool read_only() const { return read_only_; }
  // An exam centre's base: it holds merged bundles (jurymn merge). The jury's
  // actions are refused on it, with the reason; the centre's own (merge,
  // keys, PV code check) go on. Until the centre has its own view, the
  // window opens such a base read-only.
  bool centre_base() const { return centre_base_; }
  // Why the last write the disk refused was not saved (French, says that
  // what was already recorded is safe and what to do), and when; empty
  // once a later write succeeds. Screens show it until then.
  const std::string& unsaved_reason() const { return unsaved_reason_; }
  TimeMs unsaved_at() const { return unsaved_at_; }
  const std::string& path() const { return path_; }
  // Grows by one with every committed action: screens reload on change.
  std::uint64_t revision() const { return revision_; }
  // Another connection of this process wrote (the demo): screens reload.
  void note_external_change() { ++revision_; }

  std::vector<SessionRecord> sessions() const;
  // By full uuid, or by a prefix that names exactly one session.
  std::optional<SessionRecord> find_session(std::string_view uuid_or_prefix) const;
  std::vector<JuryMemberRecord> jury_members(std::string_view session_uuid) const;
  std::vector<CandidateRecord> candidates(std::string_view session_uuid) const;
  std::optional<CandidateRecord> candidate(std::string_view candidate_uuid) const;
  std::vector<std::string> candidate_numbers(std::string_view session_uuid) const;
  std::vector<RunRecord> exam_runs(std::string_view session_uuid) const;
  // `whole`: with its events, draws, marks, decisions…; else its header
  // only (uuid, candidate, CCP, plan, grid, times), which is cheap.
  std::optional<RunRecord> exam_run(std::string_view run_uuid, bool whole = true) const;
  // What the lists and clocks show of runs, cheap at thousands of runs:
  // the header, stage events, draws, interruptions and the CCP's decision
  // as stored; no marks, observations, competency decisions nor feedback
  // (and the decision's proposal is the stored one, not derived).
  std::vector<RunRecord> run_summaries(std::string_view session_uuid) const;
  std::optional<RunRecord> run_summary(std::string_view run_uuid) const;
  std::vector<AuditRecord> audit_entries(std::string_view session_uuid) const;
  // The head of the session's audit trail (store/audit_chain.h): empty
  // digest for an unknown session.
  AuditHead audit_head(std::string_view session_uuid) const;
  // Walks the hash chain of every session (or of one) and says where it
  // first breaks (core/audit_trail.h).
  AuditChainReport verify_audit_chain(std::string_view session_uuid = {}) const;
  // The same, reading the trail once: each entry, once walked, goes on to
  // `read` with its session's uuid ("" for the base's own entries), then
  // `read` is called once more without an entry after each session's last.
  // All in one read transaction: what `read` reads of the store (a
  // session's records) is of the same moment as the trail.
  using ChainEntryReader = std::function<void(const std::string& session_uuid, const AuditRecord* entry)>;
  AuditChainReport verify_audit_chain(std::string_view session_uuid, const ChainEntryReader& read) const;
  // The same, one at a time, without holding them all.
  void each_audit_entry(std::string_view session_uuid, const std::function<void(const AuditRecord&)>& f) const;
  // Only the entries of the given actions (ids, e.g. "merge_bundle").
  void each_audit_entry(std::string_view session_uuid, const std::vector<std::string_view>& actions,
                        const std::function<void(const AuditRecord&)>& f) const;
  // The base's own entries, in no session (a centre's keys enrolled and
  // revoked), in order.
  void each_own_audit_entry(const std::function<void(const AuditRecord&)>& f) const;
  // Several reads as of one moment: `f` runs inside a read transaction, so
  // a writer (another window, another process) cannot slip in between them;
  // inside a transaction already, that one. An export reads the session and
  // its head, then walks its trail up to that head.
  void read_together(const std::function<void()>& f) const;
  // Everything of one session, read in one transaction so the parts agree.
  // With `head` and `trail`, the session's audit head and entries too, from
  // the same transaction (an export).
  std::optional<SessionSnapshot> snapshot(std::string_view session_uuid_or_prefix, AuditHead* head = nullptr,
                                          std::vector<AuditRecord>* trail = nullptr) const;
  std::int64_t audit_entry_count() const;
  // The exam centre's side.
  std::vector<DecisionConflictRecord> decision_conflicts(std::string_view session_uuid) const;
  // The folder a bundle (by the SHA-256 of its results.json) was merged
  // from, if it was.
  std::optional<std::string> imported_bundle_source(std::string_view digest) const;
  // The results.json digests of every bundle merged here.
  std::set<std::string> imported_bundle_digests() const;
  // Signing keys enrolled (revoked ones too), by enrolment time.
  std::vector<TrustedKeyRecord> trusted_keys() const;
  std::optional<TrustedKeyRecord> trusted_key(std::string_view fingerprint) const;
  // The sessions a key's bundles were merged into.
  std::vector<KeySessionRecord> key_sessions(std::string_view fingerprint) const;
  // The session's bundles merged with partial proofs, in merge order.
  std::vector<PartialProofRecord> partial_proofs(std::string_view session_uuid) const;
  // The paper PVs of a session checked against its merged trail, in order:
  // every check kept, each with the key whose trail it matched.
  std::vector<PvCheckRecord> pv_checks(std::string_view session_uuid) const;
  // Run uuid → the key of the merged bundle the centre's decision on that
  // run came from (runs whose decision came from no bundle are absent).
  std::map<std::string, std::string> decision_keys(std::string_view session_uuid) const;
  // Every confirmation of a key for a session (keys trust --session), as
  // the base holds it: {session uuid, fingerprint, by, at}.
  struct SessionKeyConfirmation {
    std::string session_uuid, fingerprint, by;
    TimeMs at = 0;
    auto operator<=>(const SessionKeyConfirmation&) const = default;
  };
  std::vector<SessionKeyConfirmation> session_key_confirmations() const;
  // Every merged bundle as the base holds it: {digest, source, key, exported at}.
  struct ImportedBundleRow {
    std::string digest, source, key_fingerprint;
    TimeMs exported_at = 0;
    auto operator<=>(const ImportedBundleRow&) const = default;
  };
  std::vector<ImportedBundleRow> imported_bundle_rows() const;
  // The bundles merged here, in merge order, with their signed files when
  // kept (bundle_copy; empty for bundles merged by an earlier version).
  struct KeptBundle {
    std::string digest, source, session_uuid, key_fingerprint;
    std::vector<std::string> unproven;
    std::string results_json, proces_verbal;
    bool kept() const { return !results_json.empty(); }
  };
  void each_merged_bundle(const std::function<void(const KeptBundle&)>& f) const;
  // Every key whose bundles were merged into the session, the first first.
  std::vector<SessionKeyRecord> session_keys(std::string_view session_uuid) const;
  // Its candidates that only keys not trusted for it carried, by number.
  std::vector<AddedElsewhereRecord> added_by_other_keys(std::string_view session_uuid) const;

  // Connection settings as SQLite reports them, e.g. "journal_mode=wal
  // synchronous=2 foreign_keys=1": for diagnostics and tests.
  std::string connection_settings() const;
  // "ok", or what PRAGMA integrity_check reports.
  std::string integrity_check() const;
  // Online copy with SQLite's backup API; empty string on success.
  std::string backup_to(const std::string& dest_path) const;
  // Folds the WAL into the main file and empties it (TRUNCATE), so that the
  // file jurymn.db alone holds everything, at quiet moments (a stage ended,
  // a result locked, the app closing). TRUNCATE rather than PASSIVE: a
  // PASSIVE checkpoint may stop short while a reader is active, and the
  // point is a complete main file. Empty string, or why not.
  std::string checkpoint();

  // Drafts (core/drafts.h): text being typed, saved as typed. Not actions
  // and not audited: scratch text, of which the named action taken when
  // the field is left or validated is the record (it deletes the draft in
  // its transaction). An empty string, or why the disk refused.
  std::string save_draft(std::string_view run_uuid, std::string_view field, std::string_view text);
  std::string discard_draft(std::string_view run_uuid, std::string_view field);
  // The drafts of a session's runs.
  std::vector<DraftRecord> drafts(std::string_view session_uuid) const;

  // Heartbeats: the last sign of life of a run under way, every
  // kHeartbeatMs, outside the audit trail (a timestamp, not an action).
  std::string record_heartbeat(std::string_view run_uuid, TimeMs at);
  // Runs with a stage under way (running or paused), in every session.
  std::vector<std::string> runs_under_way() const;
  // The latest heartbeat, draft or action written (any run), and the run's
  // last timer event and last recorded interruption.
  TimeMs last_sign_of_life(std::string_view run_uuid) const;

private:
  Store(sqlite3* db, std::string path, bool read_only, const Clock& clock);
  sqlite3* db_;
  std::string path_;
  bool read_only_;
  const Clock& clock_;
  std::uint64_t revision_ = 0;
  bool bulk_ = false;
  std::string unsaved_reason_;
  TimeMs unsaved_at_ = 0;
  Title title_;
  std::vector<ExamPlan> plans_;
  std::vector<Grid> grids_;
  RandomSource* random_ = nullptr;
  bool centre_base_ = false;
};

}  // namespace jurymn
