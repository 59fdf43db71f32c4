#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every test, as CI runs it: installs what is missing, then
#   1. the normal build and its whole test suite;
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer,
#      less the screenshot matrix (the asan test preset: unit, click and CLI tests);
#   3. each libFuzzer target for FUZZ_SECONDS (default 30);
#   4. the Windows build (packaging/windows/build.sh: jurymn.exe, the setup,
#      the zip) and its tests under Wine on Xvfb (tests/windows/wine_test.sh);
#   5. the Debian package: built, installed, run, upgraded, removed
#      (packaging/deb/test-install.sh; needs root or sudo).
# Stops at the first part that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
bash packaging/install-deps.sh
echo "== 1/5 build and tests"
cmake --preset default
cmake --build --preset default -j"$jobs"
ctest --preset default -j"$jobs"
echo "== 2/5 ASan + UBSan build and tests"
cmake --preset asan
cmake --build --preset asan -j"$jobs"
ctest --preset asan -j"$jobs"
echo "== 3/5 fuzzing, ${FUZZ_SECONDS:-30} s per target"
bash tests/fuzz/run.sh "${FUZZ_SECONDS:-30}"
echo "== 4/5 Windows: cross build, setup and zip, tests under Wine"
windows_start=$(date +%s)
bash packaging/windows/build.sh
xvfb-run -a -s "-screen 0 1366x768x24" bash tests/windows/wine_test.sh build-win dist build/jurymn build/windows-tests
echo "== 4/5 Windows stage took $(( $(date +%s) - windows_start )) s"
echo "== 5/5 Debian package: build, install, run, upgrade, remove"
bash packaging/deb/test-install.sh  # the .deb: build, install, run, upgrade, remove (needs root or sudo)
