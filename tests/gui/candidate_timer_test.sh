#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The candidate-facing window shows the stage and the time only: a pause is
# « En pause », never its reason (which the jury's exam screen does show),
# and nothing is cut, from a small window to a whole second screen.
# Usage: candidate_timer_test.sh JURYMN OUTDIR
set -euo pipefail
jurymn=$1 out=$2
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
"$jurymn" demo --db "$db" >/dev/null
shot() { xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --check-text "$@"; }
# Space pauses the running stage; the reason is typed, Enter records it.
shot --screen exam --press space,s,e,c,r,e,t,enter --screenshot "$out/candidate-timer-jury.png" >/dev/null
jury=$(shot --screen exam --screenshot "$out/candidate-timer-jury.png")
grep -q 'secret' <<<"$jury" || { echo "FAIL: the jury's screen does not show the pause reason (no pause recorded?)"; exit 1; }
for size in 800x450 1366x768 1920x1080; do
  png=$out/candidate-timer-paused-$size.png
  if ! shown=$(shot --screen candidate-timer --screenshot-size "$size" --screenshot "$png" 2>"$work/err"); then
    cat "$work/err"; echo "FAIL: candidate window at $size cuts a text"; exit 1
  fi
  grep -q 'En pause' <<<"$shown" || { echo "FAIL: « En pause » not shown at $size:"; echo "$shown"; exit 1; }
  if grep -qi 'secret' <<<"$shown"; then echo "FAIL: the pause reason is shown to the candidate at $size"; exit 1; fi
  grep -Eq '[0-9]{2} ?: ?[0-9]{2}' <<<"$shown" || { echo "FAIL: no time shown at $size:"; echo "$shown"; exit 1; }
done
echo "ok: the candidate sees « En pause » and the time, not the reason"
