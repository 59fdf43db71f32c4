#!/usr/bin/env bash
# A dialog opened by a click is drawn whole without the mouse moving again
# (issue 26, item 18: « Ajouter un candidat… » opened as a blank box until
# the mouse moved — ImGui lays a new popup out over the frames after the
# click, and the loop slept before them). Under Xvfb, xdotool clicks the
# button of a running jurymn, the mouse then stays still; the window is
# captured 1.5 s later and the dialog's area must hold about as much text
# as the same dialog drawn by --popup (which draws every frame).
# Usage: dialog_settle_test.sh JURYMN
set -euo pipefail
jurymn=$1
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${JURYMN_XDOTOOL_INNER:-}" ]; then
  JURYMN_XDOTOOL_INNER=1 exec xvfb-run -a -s "-screen 0 1366x768x24 -noreset" bash "$0" "$@"
fi
source "$here/scratch.sh"
trap 'kill -9 "${app:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
"$jurymn" demo --db "$work/j.db" >/dev/null
"$jurymn" --db "$work/j.db" --screen session --zoom 100 >"$work/app.log" 2>&1 &
app=$!
win=
for _ in $(seq 100); do
  win=$(xdotool search --pid "$app" --name 'Jury MN' 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
# The share of dark (text) pixels inside the dialog's place.
dark() { convert "$1" -crop 540x480+410+120 +repage -colorspace Gray -threshold 50% -negate -format '%[fx:mean]' info:; }
"$jurymn" --db "$work/j.db" --popup candidate-form --zoom 100 --screenshot-size 1366x708 --screenshot "$work/ref.png"
ref=$(dark "$work/ref.png")
# Timed by what the window shows, not by the clock (a busy machine draws
# late): the session screen first, drawn whole (its text under the dialog's
# place), then the click.
shot() { import -window root -crop 1366x708+0+0 +repage "$1"; }
drawn=0
for _ in $(seq 100); do
  shot "$work/before.png"
  python3 -c "import sys; sys.exit(0 if float('$(dark "$work/before.png")') > 0.005 else 1)" && { drawn=1; break; }
  sleep 0.2
done
[ "$drawn" = 1 ] || { echo "FAIL: the session screen was never drawn"; exit 1; }
size=$(xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: //p')
# « Ajouter un candidat… » at 100 % in a 1366×708 window (the window Xvfb
# gives without a window manager), as --screenshot-size draws it.
[ "$size" = 1366x708 ] || { echo "FAIL: window $size, 1366x708 expected (the button's place is for that size)"; exit 1; }
xdotool mousemove 575 203
sleep 0.3
xdotool click 1
# The mouse stays still from here: the dialog must come whole by itself.
# Without the frames that let it settle it stays blank however long one
# waits (nothing else wakes the session screen); a slow machine only takes
# longer, so the window is read again for up to 15 s.
live=0
for _ in $(seq 60); do
  sleep 0.25
  shot "$work/live.png"
  live=$(dark "$work/live.png")
  python3 -c "import sys; sys.exit(0 if float('$live') >= 0.8 * float('$ref') else 1)" && break
done
kill "$app"
echo "text pixels in the dialog: live $live, drawn whole $ref"
python3 -c "import sys; sys.exit(0 if float('$live') >= 0.8 * float('$ref') and float('$ref') > 0.01 else 1)" ||
  { echo "FAIL: the dialog opened by the click is not drawn whole without the mouse moving"; exit 1; }
echo "ok: « Ajouter un candidat… » opens drawn whole, the mouse still"
