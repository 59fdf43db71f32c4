// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Generator of large, fully examined and decided sessions, for benchmarks
// (exports of thousands of candidates, merges of many bundles). Everything
// goes through Store::apply, so the result is a session the app could have
// recorded: every action validated and audited.
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/domain.h"
#include "core/exam_plan.h"
#include "core/grid.h"
#include "core/title.h"

namespace jurymn {

constexpr int kMaxGeneratedCandidates = 100'000;

// The generated jury's PINs (Hélène Marchand, president; Karim Benali),
// derived at PinCost::interactive(), as a real official jury's.
inline constexpr const char* kGeneratedPresidentPin = "314159";
inline constexpr const char* kGeneratedMemberPin = "271828";

struct CompletedSessionResult {
  std::string session_uuid;
  std::string error;          // French; empty on success
  std::int64_t actions = 0;   // actions applied and audited (committed ones on success)
};

// A session of `candidates` candidates (numbers "C-00001" …), every one
// examined to the end and decided, official or « jury blanc » per `kind`,
// with a jury of two (président + membre). Most candidates take CCP1 and
// CCP2, some one of them only, a few hold CCP1 by equivalence; each has
// three session sheets. Each run: the draw when the plan has one, every
// stage started and ended on plan time (a pause or an extension now and
// then), both members rating every criterion (a few disagreements, some
// « en cours d’acquisition », now and then « non observé »), an observation
// now and then, every competency decided from the ratings, the CCP decided
// (a French justification whenever the grid's rule requires one), confirmed
// by both members with their PINs' keys, locked.
//
// Uses the newest plan and grid of each CCP among `plans` and `grids`; both
// CCPs need one. Actions are stamped with a fake clock: each candidate has a
// fixed slot of time, one after the other, the last one ending before `now`.
// Names, CCPs, ratings, incidents and outcomes depend only on `seed` (uuids
// are random). Writes in bulk transactions of 200 candidates.
//
// Bad input (candidate count outside 1 … kMaxGeneratedCandidates, no plan
// or no grid for a CCP) is refused before the file is opened. If an action
// is refused, the current batch is rolled back and the refusal returned;
// batches committed before it stay: session_uuid then names that
// incomplete session (it is empty when nothing was committed).
CompletedSessionResult create_completed_session(const std::string& db_path, const Title& title,
                                                const std::vector<ExamPlan>& plans,
                                                const std::vector<Grid>& grids, int candidates, SessionKind kind,
                                                std::uint64_t seed, TimeMs now);

}  // namespace jurymn
