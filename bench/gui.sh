#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The screens' figures at 8, 500 and 5,000 candidates, each beside its goal
# (issue 31): process start → first frame of a screen (bench/first_frame.cpp,
# the base opened as the window opens it, the frame built by Dear ImGui), and
# a rating clicked → the frame that shows it (bench/rating_click.cpp).
# The bases are generated once (jurymn demo --completed), kept in
# BUILD_DIR/bench/bases; the rating bench writes to a copy.
# Usage: bench/gui.sh [BUILD_DIR] [SIZES…]   (sizes: 8 500 5000 by default)
set -euo pipefail
build=${1:-build}
shift $(( $# > 0 ? 1 : 0 ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(8 500 5000)
starts=5   # processes started per screen and size
clicks=40  # ratings clicked per size
cmake --build "$build" -j2 --target jurymn jurymn_bench_first_frame jurymn_bench_rating >/dev/null
bases=$build/bench/bases
mkdir -p "$bases"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Nothing of the user's: settings, keys and data go to a scratch folder.
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
for n in "${sizes[@]}"; do
  base=$bases/completed-$n.db
  if [ ! -f "$base" ]; then
    echo "(generating a base of $n candidates, once: $base)" >&2
    rm -f "$work/new.db"*
    "$build/jurymn" demo --completed --candidates "$n" --db "$work/new.db" >/dev/null
    mv "$work/new.db" "$base"
  fi
done

# median and worst of numbers, one a line
stats() { sort -g | awk '{v[NR]=$1} END {printf "%s %s\n", v[int((NR+1)/2)], v[NR]}'; }

for n in "${sizes[@]}"; do
  base=$bases/completed-$n.db
  for screen in session home exam deliberation; do
    for _ in $(seq "$starts"); do
      "$build/bench/jurymn_bench_first_frame" "$base" "$screen" 1
    done >"$work/out"
    read -r median worst < <(sed -n 's/.* \([0-9.]*\) s from process start.*/\1/p' "$work/out" | stats)
    goal=""
    [ "$screen" = session ] && goal="  (goal ≤ 0.3 s)"
    printf '%-52s %s s median, %s s worst%s\n' "first frame, $screen screen, $n candidates" "$median" "$worst" "$goal"
    # Where the last start's time went (base opened, fonts, data read, frame).
    if [ "$screen" = session ]; then grep 'first run:' "$work/out" | tail -1 | sed 's/^ */    /'; fi
  done
  cp "$base" "$work/click.db"
  line=$("$build/bench/jurymn_bench_rating" "$work/click.db" "$clicks" after-only | grep 'its run only')
  median=$(sed -n 's/.*median \([0-9.]*\) ms, worst.*/\1/p' <<<"$line")
  worst=$(sed -n 's/.*worst \([0-9.]*\) ms.*/\1/p' <<<"$line")
  printf '%-52s %s ms median, %s ms worst  (goal ≤ 5 ms)\n' "rating click → frame, $n candidates" "$median" "$worst"
  rm -f "$work/click.db"*
done
