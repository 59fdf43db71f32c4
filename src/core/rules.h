#pragma once
// The rules' versions: which rules an audit entry was written under.
//
// A session's trail declares the rules in force (a `declare_rules` entry at
// its creation, and one when its database is upgraded to a build whose rules
// are newer); versions only go up within a trail, and the replay applies
// each entry under the version declared before it (store/replay.h). What
// differs between versions is decided by the small pure functions below,
// each taking the version as a parameter, so an old trail replays under the
// rules it was written under and a new one under today's.
//
//   1  the rules before members' PINs (databases up to schema 9, bundles of
//      format 2 and the first of format 3): a member of an official jury
//      needs no PIN and confirms without a signature.
//   2  each member of an official jury has a PIN and proves each
//      confirmation with it (schema 10 onwards).
#include "core/domain.h"

namespace jurymn {

inline constexpr int kEarliestRules = 1;
// The rules this build applies to what it records. One place: raise it with
// every change of what an action may do, and say above what changed.
inline constexpr int kCurrentRules = 2;

constexpr bool known_rules(int rules) { return rules >= kEarliestRules && rules <= kCurrentRules; }

// Must a member of a jury of `kind` have a PIN, to be added and to confirm?
constexpr bool member_pin_required(int rules, SessionKind kind) {
  return rules >= 2 && kind == SessionKind::Official;
}

// Why a trail may not declare `declared` after `in_force` (0: none so far),
// in French, or "".
std::string rules_declaration_problem(int in_force, int declared);

}  // namespace jurymn
