#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Runs every benchmark and prints its figures. Not part of the tests.
# Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
here=$(dirname "$0")
cmake --build "$build" -j"$(nproc)" --target jurymn jurymn_bench_commit >/dev/null
"$build/bench/jurymn_bench_commit" 3000
bash "$here/idle.sh" "$build" home 20
bash "$here/idle.sh" "$build" session 20
bash "$here/idle.sh" "$build" exam 20
bash "$here/idle.sh" "$build" exam 20 --candidate-window
bash "$here/idle.sh" "$build" deliberation 20
bash "$here/export_merge.sh" "$build"
