#!/usr/bin/env bash
# Every test, as CI runs it: installs what is missing, then
#   1. the normal build and its whole test suite;
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. each libFuzzer target for FUZZ_SECONDS (default 60).
# Stops at the first part that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
bash packaging/install-deps.sh
echo "== 1/3 build and tests"
cmake --preset default
cmake --build --preset default -j"$jobs"
ctest --preset default -j"$jobs"
echo "== 2/3 ASan + UBSan build and tests"
cmake --preset asan
cmake --build --preset asan -j"$jobs"
ctest --preset asan -j"$jobs"
echo "== 3/3 fuzzing, ${FUZZ_SECONDS:-60} s per target"
bash tests/fuzz/run.sh "${FUZZ_SECONDS:-60}"
bash packaging/deb/test-install.sh  # the .deb: build, install, run, upgrade, remove (needs root or sudo)
