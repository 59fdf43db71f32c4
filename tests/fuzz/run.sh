#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Fuzzes every reader of outside input for a while (tests/fuzz/README.md).
#
#   bash tests/fuzz/run.sh [SECONDS] [BUILD_DIR]     (defaults: 60, build-fuzz)
#
# Configures and builds the clang libFuzzer build in BUILD_DIR if needed, then
# runs each target for SECONDS, two at a time (two cores), from a work corpus
# in BUILD_DIR/fuzz-work/<target>/corpus (seeded from tests/fuzz/corpus, kept
# between runs: the repository's corpus is never written). Prints one line per
# target; exits 1 if any target found a crash, leak, timeout or out-of-memory
# (the input is in BUILD_DIR/fuzz-work/<target>/artifacts/), 2 if it could not
# build or run.
set -uo pipefail

seconds="${1:-60}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${2:-build-fuzz}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
targets=(candidate_csv exam_plan scoring_grid results_bundle trail_replay)
parallel=2

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [SECONDS] [BUILD_DIR]" >&2
  exit 2
fi

# ---------------------------------------------------------------- build
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJURYMN_FUZZ=ON -DJURYMN_BUILD_TESTS=OFF \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2
    echo "fuzz: configuring $build failed" >&2
    exit 2
  }
  rm -f "$build.configure.log"
elif ! grep -q '^JURYMN_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  echo "fuzz: $build is not a JURYMN_FUZZ=ON build; give another BUILD_DIR" >&2
  exit 2
fi
if ! cmake --build "$build" -j"$parallel" --target "${targets[@]/%/_fuzz}" >"$build/fuzz-build.log" 2>&1; then
  tail -n 40 "$build/fuzz-build.log" >&2
  echo "fuzz: building the targets failed (log: $build/fuzz-build.log)" >&2
  exit 2
fi

# ---------------------------------------------------------------- run
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

run_one() {
  local name="$1" work="$build/fuzz-work/$1"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp "$here/corpus/$name/"* "$work/corpus/"
  "$build/tests/fuzz/${name}_fuzz" "$work/corpus" -dict="$here/$name.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" >"$work/fuzz.log" 2>&1
  echo $? >"$work/status"
}

for name in "${targets[@]}"; do rm -f "$build/fuzz-work/$name/status"; done
pids=()
for name in "${targets[@]}"; do
  run_one "$name" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$parallel" ]; then
    wait "${pids[0]}"
    pids=("${pids[@]:1}")
  fi
done
wait

# ---------------------------------------------------------------- report
failed=0
for name in "${targets[@]}"; do
  work="$build/fuzz-work/$name"
  log="$work/fuzz.log"
  status="$(cat "$work/status" 2>/dev/null || echo '?')"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  if [ -z "$runs" ]; then  # no final stats: the last status line
    runs="$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^#.* exec\/s: \([0-9]*\).*/\1/p' "$log" | tail -n 1)"
  fi
  corpus="$(find "$work/corpus" -type f | wc -l)"
  artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
  line="$(printf '%-15s %10s runs  %7s exec/s  corpus %5s' "$name" "${runs:-?}" "${rate:-?}" "$corpus")"
  if [ "$status" = 0 ] && [ -z "$artifact" ]; then
    echo "$line  ok"
  else
    failed=1
    kind="$(grep -o -m1 -E 'runtime error: .*|terminate called .*|ParseDictionaryFile: .*' "$log" ||
      grep -o -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [A-Za-z -]+' "$log" ||
      echo "exit status $status")"
    echo "$line  FAILED: $kind"
    echo "    artifact: ${artifact:-none written}  (log: $log)"
  fi
done
exit "$failed"
