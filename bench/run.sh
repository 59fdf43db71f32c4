#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs every benchmark and prints its figures. Not part of the tests.
# Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
here=$(dirname "$0")
cmake --build "$build" -j"$(nproc)" --target jurymn jurymn_bench_commit jurymn_bench_replay jurymn_bench_rating >/dev/null
"$build/bench/jurymn_bench_commit" 3000
# The replay's time per audit entry, on a generated session of 300 candidates.
replay_db=$(mktemp -d)/replay.db
"$build/jurymn" demo --completed --candidates 300 --db "$replay_db" >/dev/null
"$build/bench/jurymn_bench_replay" "$replay_db" 5
# One rating clicked on that base, frame by frame: applied between frames,
# its run reloaded (and, for comparison, the whole session as before).
"$build/bench/jurymn_bench_rating" "$replay_db" 40
rm -rf "$(dirname "$replay_db")"
bash "$here/idle.sh" "$build" home 20
bash "$here/idle.sh" "$build" session 20
bash "$here/idle.sh" "$build" exam 20
bash "$here/idle.sh" "$build" exam 20 --candidate-window
bash "$here/idle.sh" "$build" deliberation 20
bash "$here/export_merge.sh" "$build"
