#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs every benchmark and prints its figures. Not part of the tests.
# The scale figures (bench/scale.sh) are printed beside those of an earlier
# build, made here from BASELINE (a commit; default: main before issue 31's
# work), in the same run: machines are noisy, a ratio is not. "none" skips it.
# Usage: bench/run.sh [BUILD_DIR] [BASELINE] [SIZES…]
set -euo pipefail
build=${1:-build}
baseline=${2:-48f69e6}
shift $(( $# < 2 ? $# : 2 ))
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

# The earlier build: its sources as committed, in a folder beside this
# build's (build-baseline-COMMIT), built in its own build/ — the same layout,
# so that ccache serves every file the two share.
baseline_build=
if [ "$baseline" != none ]; then
  baseline_src=$(realpath "$build")-baseline-$baseline
  baseline_build=$baseline_src/build
  if [ ! -x "$baseline_build/jurymn" ]; then
    rm -rf "$baseline_src" && mkdir -p "$baseline_src"
    git -C "$here/.." archive "$baseline" | tar -x -C "$baseline_src"
    cmake -S "$baseline_src" -B "$baseline_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJURYMN_BUILD_TESTS=OFF >/dev/null
    cmake --build "$baseline_build" -j"$(nproc)" --target jurymn >/dev/null
  fi
fi
bash "$here/gui.sh" "$build"
JURYMN_BENCH_BASES=$build/bench/bases xvfb-run -a -s "-screen 0 1920x1080x24" bash "$here/scale.sh" "$build" "$baseline_build" "$@"
