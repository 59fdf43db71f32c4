#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Shortcuts on a French keyboard, end to end (issue 26, item 9): under Xvfb
# with `setxkbmap fr`, xdotool presses keys through the X server's keyboard
# (XTEST, the window focused), as a jury's AZERTY keyboard would, on a running
# jurymn. What the app did is read back from its base and its settings:
#   - a fast Ctrl+N (no delay: Ctrl is up again before the next frame) opens
#     « Terminer l'étape » on a stage not yet over, and Ctrl+A on the key
#     marked A (where QWERTY has Q) selects the remark typed in it: the stage
#     ends with only what was typed after it;
#   - Ctrl with the main row's « - » (AZERTY's 6 key) zooms out, Ctrl+« + »
#     in (settings.json);
#   - in the multi-line reason of « Rouvrir le résultat », Return is a new
#     line and a fast Ctrl+Return reopens the result;
#   - 22 marking keys at the speed the README supports (1 ms between keys)
#     are all stored, in order.
# Usage: azerty_keys_test.sh JURYMN [OUTDIR]   (OUTDIR: the windows captured, to look at)
set -euo pipefail
jurymn=$1
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${JURYMN_XDOTOOL_INNER:-}" ]; then
  JURYMN_XDOTOOL_INNER=1 exec xvfb-run -a -s "-screen 0 1366x768x24 -noreset" bash "$0" "$@"
fi
source "$here/scratch.sh"
trap 'kill -9 "${app:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v setxkbmap >/dev/null || { echo "FAIL: setxkbmap missing (Debian package x11-xkb-utils)"; exit 1; }
setxkbmap fr
setxkbmap -query | grep -q '^layout: *fr$' || { echo "FAIL: the display did not take the French layout"; setxkbmap -query; exit 1; }
# « a » is on the key where QWERTY has Q (AD01) and « - » on the main row's
# 6 (AE06): the layout is AZERTY indeed (xkbcomp, from x11-xkb-utils too).
xkbcomp -xkb "$DISPLAY" - 2>/dev/null | tr -s ' \n' ' ' >"$work/keymap"
grep -q 'key <AD01> { type= "[A-Z_]*", symbols\[Group1\]= \[ a,' "$work/keymap" ||
  { echo "FAIL: the key AD01 (QWERTY's Q) does not type « a »"; exit 1; }
grep -q 'key <AE06> { type= "[A-Z_]*", symbols\[Group1\]= \[ minus,' "$work/keymap" ||
  { echo "FAIL: the key AE06 (the main row's 6) does not type « - »"; exit 1; }

out=${2:-$work}
mkdir -p "$out"
db=$work/j.db
"$jurymn" demo --db "$db" >/dev/null

source "$here/live_window.sh"
# The window's mean brightness: a modal dialog darkens everything behind it.
brightness() { import -window "$win" -colorspace Gray -format '%[fx:mean]' info: 2>/dev/null; }
# Waits (up to 15 s) until a dialog has dimmed the screen below $1 × 0.9.
wait_dialog() {
  for _ in $(seq 75); do
    python3 -c "import sys; sys.exit(0 if float('$(brightness)') < 0.9 * float('$1') else 1)" && return 0
    sleep 0.2
  done
  return 1
}
last_id() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT max(id) FROM audit_entry').fetchone()[0])" "$db"; }
# The payloads of ACTION entries after id FROM, one JSON object a line.
entries() {
  python3 -c "
import sqlite3, sys
for (p,) in sqlite3.connect(sys.argv[1]).execute(
    'SELECT payload FROM audit_entry WHERE id > ? AND action = ? ORDER BY id', (int(sys.argv[2]), sys.argv[3])):
    print(p)" "$db" "$1" "$2"
}
# Waits (up to 15 s) until the base holds N entries of ACTION after id FROM.
wait_entries() {
  for _ in $(seq 150); do [ "$(entries "$1" "$2" | wc -l)" -ge "$3" ] && return 0; sleep 0.1; done
  return 1
}

# 1. Exam screen, « Mise en situation » running (not over): Ctrl+N, then
#    « abc », Ctrl+A, « fin » in the dialog's remark, Return.
mkdir -p "$XDG_CONFIG_HOME/jurymn"
echo '{"ui_scale": 1.0}' >"$XDG_CONFIG_HOME/jurymn/settings.json"
start_app --screen exam --candidate MN-007
from=$(last_id)
plain=$(brightness)
xdotool key --delay 0 ctrl+n
if wait_dialog "$plain"; then
  import -window "$win" "$out/azerty_ctrl_n.png"
  xdotool type --delay 20 abc
  # Not in the frame of « c »: ImGui 1.86 drops the characters of a frame
  # with Ctrl down.
  sleep 0.3
  xdotool key --delay 0 ctrl+a
  xdotool type --delay 20 fin
  sleep 0.3
  xdotool key Return
  wait_entries "$from" next_stage 1 || true
  got=$(entries "$from" next_stage)
  echo "next_stage: ${got:-none}"
  python3 -c "import json,sys; sys.exit(0 if [json.loads(l)['reason'] for l in sys.argv[1].splitlines()] == ['fin'] else 1)" "$got" ||
    { echo "FAIL: Ctrl+A (the key marked A) did not select the remark: « fin » expected"; fail=1; }
else
  echo "FAIL: a fast Ctrl+N opened nothing (no dialog over the exam screen)"
  fail=1
fi

# 2. Zoom by the character on the key: « - » on AZERTY's 6, « + » (Shift
#    and the key right of « ) »), on the same window.
zoom() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['ui_scale'], 2))" "$XDG_CONFIG_HOME/jurymn/settings.json"; }
wait_zoom() {
  for _ in $(seq 100); do [ "$(zoom)" = "$1" ] && return 0; sleep 0.1; done
  return 1
}
sleep 0.5
xdotool key --delay 0 ctrl+minus
wait_zoom 0.9 || { echo "FAIL: Ctrl with the main row's « - » did not zoom out (ui_scale $(zoom), 0.9 expected)"; fail=1; }
xdotool key --delay 0 ctrl+minus
wait_zoom 0.8 || { echo "FAIL: a second Ctrl+« - » did not zoom out (ui_scale $(zoom), 0.8 expected)"; fail=1; }
xdotool key --delay 0 ctrl+plus
wait_zoom 0.9 || { echo "FAIL: Ctrl+« + » did not zoom in (ui_scale $(zoom), 0.9 expected)"; fail=1; }
echo "ui_scale after Ctrl+- Ctrl+- Ctrl++: $(zoom)"
import -window "$win" "$out/azerty_zoom_90.png"
stop_app

# 3. Deliberation of MN-001 (locked): « Rouvrir avec un motif… », a reason
#    on two lines (Return), then a fast Ctrl+Return.
start_app --screen deliberation --candidate MN-001 --zoom 100
size=$(xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: //p')
[ "$size" = 1366x708 ] || { echo "FAIL: window $size, 1366x708 expected (the button's place is for that size)"; exit 1; }
from=$(last_id)
plain=$(brightness)
xdotool mousemove 966 607 click 1
if wait_dialog "$plain"; then
  xdotool type --delay 20 Erreur
  xdotool key --delay 0 Return
  xdotool type --delay 20 'de saisie'
  sleep 0.3
  import -window "$win" "$out/azerty_reopen_reason.png"
  xdotool key --delay 0 ctrl+Return
  wait_entries "$from" reopen_decision 1 || true
  got=$(entries "$from" reopen_decision)
  [ -n "$got" ] || import -window "$win" "$out/azerty_reopen_failed.png"
  echo "reopen_decision: ${got:-none}"
  python3 -c "import json,sys; sys.exit(0 if [json.loads(l)['reason'] for l in sys.argv[1].splitlines()] == ['Erreur\nde saisie'] else 1)" "$got" ||
    { echo "FAIL: Ctrl+Return in the reason did not reopen with « Erreur⏎de saisie »"; fail=1; }
else
  echo "FAIL: « Rouvrir avec un motif… » opened no dialog"
  fail=1
fi
stop_app

# 4. Marking MN-007 (9 criteria unrated): 9 digits, 9 Backspaces, 4 digits,
#    1 ms apart (the README's « une touche par milliseconde au plus »).
start_app --screen marking --candidate MN-007 --zoom 100
from=$(last_id)
xdotool key --delay 1 1 2 3 4 1 2 3 4 1 \
  BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace 4 3 2 1
wait_entries "$from" record_mark 22 || true
sleep 0.5  # any mark beyond 22 would be a fault too
stop_app
entries "$from" record_mark >"$work/marks"
python3 - "$work/marks" <<'PY' || fail=1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"marking keys: 22 sent 1 ms apart, {len(rows)} stored")
assert len(rows) == 22, f"{len(rows)} of 22 keys stored"
levels = ["maitrise", "acquis", "en_cours", "non_observe"]
rated = rows[:9]
assert all(r["before"] == "" for r in rated), "a digit landed on a criterion already rated"
assert [r["level"] for r in rated] == [levels[int(d) - 1] for d in "123412341"], [r["level"] for r in rated]
crit = [r["criterion"] for r in rated]
assert len(set(crit)) == 9, f"two digits on one criterion: {crit}"
undone = rows[9:18]
assert [(r["criterion"], r["before"], r["level"]) for r in undone] == \
    [(r["criterion"], r["level"], "") for r in reversed(rated)], "Backspace did not undo the notes in reverse order"
again = rows[18:]
assert [(r["criterion"], r["level"]) for r in again] == list(zip(crit[:4], [levels[int(d) - 1] for d in "4321"])), again
print("ok: every key stored, in the order pressed")
PY

"$jurymn" audit verify --db "$db" >/dev/null || { echo "FAIL: audit verify refused the base"; fail=1; }
[ "$fail" = 0 ] && echo "ok: Ctrl+N, Ctrl+A, Ctrl -/+, Ctrl+Return and marking keys on AZERTY"
exit "$fail"
