// SPDX-License-Identifier: EUPL-1.2
// Fuzz target: the replay of an audit trail (store/replay.h), as `jurymn
// verify` and `jurymn audit verify` run it on a trail from outside. The input
// is a JSON array of entries {"at", "actor", "action", "payload"} (payload:
// the entry's JSON object, or its text); each goes through Store::apply in an
// in-memory SQLite, under the shipped title, plans and grids.
//
// Traps when the replay breaks its promises: not deterministic (the same
// trail twice gives other records), a replayed session whose records differ
// from themselves, a message that is not UTF-8.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/title_json.h"
#include "store/replay.h"

using namespace jurymn;
using fuzz::is_utf8;
using fuzz::require;

namespace {

// The shipped kit, read once (the replay needs the plans' stages and the
// grids' criteria, which no smaller stand-in would exercise).
const ExamKit& kit() {
  static const ExamKit k = load_exam_kit(JURYMN_ASSETS "/titles/tp-01336.json", JURYMN_ASSETS "/plans", JURYMN_GRIDS);
  return k;
}

std::vector<AuditRecord> trail_of(std::string_view text) {
  std::vector<AuditRecord> trail;
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_array()) return trail;
  std::int64_t id = 0;
  for (const auto& e : doc) {
    if (!e.is_object() || trail.size() >= 2000) break;
    AuditRecord r;
    r.id = ++id;
    if (auto at = e.find("at"); at != e.end() && at->is_number_integer()) r.at_ms = at->get<std::int64_t>();
    if (auto a = e.find("actor"); a != e.end() && a->is_string()) r.actor = a->get<std::string>();
    if (auto a = e.find("action"); a != e.end() && a->is_string()) r.action = a->get<std::string>();
    if (auto c = e.find("candidate"); c != e.end() && c->is_string()) r.candidate_uuid = c->get<std::string>();
    if (auto p = e.find("payload"); p != e.end()) r.payload = p->is_string() ? p->get<std::string>() : p->dump();
    trail.push_back(std::move(r));
  }
  return trail;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<AuditRecord> trail = trail_of(fuzz::as_text(data, size));
  ReplayReport first;
  const auto replayed = replay_trail(trail, kit().title, kit().plans, kit().grids, first);
  for (const auto& p : first.problems) require(is_utf8(p));
  for (const auto& p : first.unproven) require(is_utf8(p));
  if (!replayed) return 0;

  // The same trail again gives the same records, field for field.
  ReplayReport second;
  const auto again = replay_trail(trail, kit().title, kit().plans, kit().grids, second);
  require(again.has_value() && second.problems.size() == first.problems.size());
  ReplayReport same;
  compare_with_replay(*replayed, *again, trail, same, false);
  require(same.ok());

  // What a bundle of it carries is what the replay gives.
  ResultsBundle b;
  b.audit_trail = trail;
  b.snapshot = *replayed;
  const ReplayReport bundle = check_bundle_by_replay(b, kit().plans, kit().grids);
  require(bundle.problems.size() == first.problems.size());
  for (const auto& p : bundle.problems) require(is_utf8(p));
  return 0;
}
