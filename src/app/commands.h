// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The command-line subcommands, for scripts and exam centres. Each one
// goes through Store::apply like the UI does.
#include <cstdint>
#include <string>
#include <vector>

#include "core/validation.h"
#include "store/store.h"

namespace jurymn {

int cmd_sessions_list(const std::string& db, bool json);
int cmd_sessions_create(const std::string& db, SessionInput input);
// Empty values keep what the session has.
int cmd_sessions_edit(const std::string& db, const std::string& session, const std::string& title,
                      const std::string& date, const std::string& centre, const std::string& kind,
                      const std::string& ccps);
int cmd_candidates_list(const std::string& db, const std::string& session, bool json);
int cmd_candidates_import(const std::string& db, const std::string& session, const std::string& file);
int cmd_demo(const std::string& db);
// A generated session of `candidates` candidates, all examined, decided and
// locked (official unless `rehearsal`): for benchmarks and trials.
int cmd_demo_completed(const std::string& db, int candidates, bool rehearsal, std::uint64_t seed);
// Writes the procès-verbal of a session as one printable HTML page.
int cmd_pv(const std::string& db, const std::string& session, const std::string& out);
// At the centre: the PV the jury's laptop joined to its latest bundle of the
// session, kept as it came, with a banner: « copie du jury, non prouvée ».
int cmd_pv_jury_copy(const std::string& db, const std::string& session, const std::string& out);
// Mock jury: the candidate's feedback sheet (HTML, A4), or with no
// candidate one sheet per deliberated candidate in the folder `out`.
int cmd_feedback(const std::string& db, const std::string& session, const std::string& candidate,
                 const std::string& out);
// Writes the signed results bundle of a session into a folder.
int cmd_export(const std::string& db, const std::string& session, const std::string& out_dir);
// Checks a results bundle: files, signature, format, digests.
int cmd_verify(const std::string& dir);
// The exam centre merges verified bundles into its own database; optionally
// writes the consolidated table.
// Only bundles signed by an enrolled key are merged; with trust_new_key an
// unknown key is enrolled first (its fingerprint checked by phone).
struct MergeTrust {
  bool trust_new_key = false;
  std::string key_name;  // for a key enrolled so; default from the folder
  std::string by;        // who merges; default the system user
  // Official decisions count only once their paper PV's code is checked
  // (pv-code check): until then the consolidated table holds them back.
  bool require_pv_code = false;
};
int cmd_merge(const std::string& into, const std::vector<std::string>& bundles, bool include_rehearsal,
              const std::string& csv_out, const MergeTrust& trust = {});
// The centre's signing keys (--by: who; default the system user).
int cmd_keys_trust(const std::string& db, const std::string& public_key_file, const std::string& name,
                   const std::string& by, const std::string& again, const std::string& session = {});
int cmd_keys_list(const std::string& db);
int cmd_keys_revoke(const std::string& db, const std::string& fingerprint, const std::string& by);
// On the laptop: writes this installation's public key for the centre.
int cmd_keys_export(const std::string& out);
// The code printed on the paper PV, against the session's merged trail.
int cmd_pv_code_check(const std::string& db, const std::string& session, const std::string& code,
                      const std::string& by);
// The checks made against `key`'s trail, every one in order: « vérifié le …
// par … (code …, N entrées après l’impression) ; de nouveau le … », or
// « non vérifié ». `when` writes the dates (screens' style, or ISO 8601 in CSV).
std::string paper_check_text(const std::vector<PvCheckRecord>& checks, const std::string& key,
                             std::string (*when)(TimeMs));
// « complètes », or « partielles » with what confirms them: the merged
// bundles' partial proofs stay flagged until a paper PV is checked.
std::string proofs_text(const std::vector<PartialProofRecord>& partial);
// Walks the hash chain of the audit trail (every session, or one): 0 when
// intact, 1 naming the first broken entry.
int cmd_audit_verify(const std::string& db, const std::string& session);
// Checks every plan file of `dir` (default: the shipped plans).
int cmd_plans_validate(const std::string& dir);
// Checks every scoring grid of `dir` (default: the shipped grids) against
// the shipped exam plans.
int cmd_grids_validate(const std::string& dir);
// The title file (default: the installed one) with the plans and grids it
// names; each problem names the file and the JSON pointer.
int cmd_titles_validate(const std::string& file);

}  // namespace jurymn
