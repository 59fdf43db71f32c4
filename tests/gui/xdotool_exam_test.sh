#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The window driven as a user drives it, through the X server: xdotool types
# on a running jurymn under Xvfb (real X key events, GLFW's callbacks,
# ImGui), then kill -9 and a restart. Checks that
#   - Enter on the home screen opens the framed session;
#   - digits keyed on the marking screen each rate their own criterion, and
#     every one is on disk after kill -9 (nothing the jury saw is lost);
#   - the base is whole after the kill, and the app starts again on it.
# Usage: xdotool_exam_test.sh JURYMN
set -euo pipefail
jurymn=$1
here=$(cd "$(dirname "$0")" && pwd)
# A display of our own: the script runs itself again under xvfb-run.
if [ -z "${JURYMN_XDOTOOL_INNER:-}" ]; then
  JURYMN_XDOTOOL_INNER=1 exec xvfb-run -a -s "-screen 0 1366x768x24 -noreset" bash "$0" "$@"
fi
source "$here/scratch.sh"
trap 'kill -9 "${app:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/j.db
"$jurymn" demo --db "$db" >/dev/null

source "$here/live_window.sh"
# Waits (up to 60 s) until the base holds N record_mark entries.
wait_marks() {
  for _ in $(seq 600); do [ "$(marks)" -ge "$1" ] && return 0; sleep 0.1; done
  return 1
}
marks() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
    \"SELECT count(*) FROM audit_entry WHERE action = 'record_mark'\").fetchone()[0])" "$db"
}

# 1. Home: Enter opens the session the keyboard is on (the screen is told
#    on exit by --stats).
# --exit-after counts from the start: 20 s leave room for a slow start.
start_app --screen home --stats --exit-after 20
xdotool key --delay 0 --window "$win" Return
wait "$app" || true
grep -q 'screen=session' "$work/app.log" || { echo "FAIL: Enter on the home screen did not open the session"; cat "$work/app.log"; fail=1; }

# 2. Marking: four digits, as fast as a jury types them, then kill -9.
before=$(marks)
start_app --screen marking
for k in 1 2 3 4; do xdotool key --window "$win" "$k"; sleep 0.05; done
# Killed once the four are written (the base says so, not a guessed delay).
wait_marks $((before + 4)) || echo "FAIL: the four marks were not written within 60 s"
kill -9 "$app"; wait "$app" 2>/dev/null || true
after=$(marks)
echo "record_mark entries: $before before, $after after kill -9"
[ "$after" -eq $((before + 4)) ] || { echo "FAIL: 4 digits keyed, $((after - before)) marks on disk"; fail=1; }
python3 - "$db" <<'PY' || fail=1
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed"
rows = [json.loads(p) for (p,) in c.execute(
    "SELECT payload FROM audit_entry WHERE action = 'record_mark' ORDER BY id DESC LIMIT 4")]
rows.reverse()
crit = [r["criterion"] for r in rows]
assert len(set(crit)) == 4, f"two digits landed on the same criterion: {crit}"
assert all(r["before"] == "" for r in rows), "a digit landed on a criterion already rated"
print("ok: four keys, four criteria, on disk after kill -9")
PY

# 3. The app opens again on the killed base, and the chain is whole.
"$jurymn" audit verify --db "$db" >/dev/null || { echo "FAIL: audit chain broken after kill -9"; fail=1; }
start_app --stats --exit-after 2
wait "$app" || { echo "FAIL: the app did not restart on the killed base"; cat "$work/app.log"; fail=1; }

# 4. The candidate's window opens without taking the keyboard (issue 26
#    item 11): once both windows are up, the X focus is still the jury's.
"$jurymn" --db "$db" --screen exam --candidate-window >"$work/app.log" 2>&1 &
app=$!
main='' shown=''
for _ in $(seq 100); do
  main=$(xdotool search --pid "$app" --name '^Jury MN$' 2>/dev/null | head -1 || true)
  shown=$(xdotool search --pid "$app" --name 'temps de' 2>/dev/null | head -1 || true)
  [ -n "$main" ] && [ -n "$shown" ] && break
  sleep 0.1
done
[ -n "$main" ] && [ -n "$shown" ] || { echo "FAIL: the two windows did not open"; cat "$work/app.log"; exit 1; }
sleep 1.0
focus=$(xdotool getwindowfocus 2>/dev/null || true)
if [ "$focus" != "$main" ]; then
  echo "FAIL: the candidate window took the keyboard (focus $focus, jury's window $main)"
  fail=1
fi
kill "$app"; wait "$app" 2>/dev/null || true
exit "$fail"
