// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The audit trail of a session is a hash chain. Each entry stores the hash
// of the entry before it in the same session ("" for the first) and its own:
//   hash_n = hex(SHA-256(hash_(n-1) "\n" line_n))
// where line_n is the entry's canonical line (id, time in ms, actor,
// action, candidate uuid or "", payload; tab-separated). Editing, removing
// or reordering any past entry breaks the chain from that entry on; the
// last hash is the session's head, which every export carries, signed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/records.h"
#include "core/results_bundle.h"

namespace jurymn {

std::string audit_line(const AuditRecord& e);
std::string audit_hash(std::string_view prev_hash, std::string_view line);

// The first entry where a chain stops holding.
struct AuditBreak {
  std::int64_t id = 0;  // the entry's number; 0 when the end of the trail is missing
  TimeMs at_ms = 0;
  std::string action;
  std::string reason;  // French, e.g. « contenu modifié après coup »
};

struct AuditChainReport {
  std::int64_t entries = 0;   // entries walked
  std::int64_t sessions = 0;  // chains walked
  std::optional<AuditBreak> broken;
  bool intact() const { return !broken; }
  // « chaîne intacte : 1 234 entrées » or « chaîne rompue à l’entrée n° 57
  // (lundi 23 novembre 2026 à 14 h 02, record_mark) : contenu modifié… »
  std::string summary() const;
};

// Walks one session's chain, entry by entry in id order. Only the first
// break is kept: what follows a break cannot be trusted either.
class AuditChainWalk {
public:
  // stored_links: the entries carry prev_hash (the database) and each must
  // name the entry before it; otherwise (a bundle carries hash alone) the
  // previous entry's hash is implied.
  explicit AuditChainWalk(bool stored_links) : stored_links_(stored_links) {}
  void add(const AuditRecord& e);
  // Compares the end of the chain with the head kept apart (the database's
  // audit_head row, or the head an export carries).
  void finish(const AuditHead& head);
  std::int64_t entries() const { return entries_; }
  const std::string& last_hash() const { return last_hash_; }
  const std::optional<AuditBreak>& broken() const { return broken_; }

private:
  void fail(const AuditRecord& e, std::string reason);
  bool stored_links_;
  std::int64_t entries_ = 0;
  std::int64_t last_id_ = 0;
  TimeMs last_at_ = 0;
  std::string last_action_;
  std::string last_hash_;
  std::optional<AuditBreak> broken_;
};

// One session's whole chain, held in memory with its stored links (an
// export, which has just read it), against its head.
AuditChainReport walk_audit_chain(const std::vector<AuditRecord>& entries, const AuditHead& head);

}  // namespace jurymn

// ---- Reading the trail (the audit screen) ----

namespace jurymn {

// French label of an action id: « Note attribuée » for "record_mark"; an
// unknown id is returned as it is.
std::string audit_action_label(std::string_view action);

// What lets a summary name things as the jury knows them: criteria numbered
// within their competency and levels by label (grids), stages by label
// (plans). Without them, the ids are shown as stored.
struct AuditVocabulary {
  const std::vector<Grid>* grids = nullptr;
  const std::vector<ExamPlan>* plans = nullptr;
};

// One readable French line of what the entry did, from its payload, e.g.
// « CP-1 · critère 1.3 : Acquis (avant : —) ». Free text (reasons,
// observations) is quoted on one line and shortened. Never throws: a payload
// that cannot be read gives its raw text, shortened.
std::string audit_entry_summary(const AuditRecord& e, const AuditVocabulary& words = {});

// Who acted: the jury member named in the payload (member_name), else a
// French word for the actor (« interface », « ligne de commande »,
// « démonstration », « jurymn »; any other actor as it is).
std::string audit_entry_member(const AuditRecord& e);

}  // namespace jurymn
