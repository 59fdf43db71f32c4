# SPDX-License-Identifier: EUPL-1.2
# Sourced by the tests that drive a running jurymn with xdotool under Xvfb
# (after scratch.sh; needs $jurymn and $db). start_app ARGS… starts it on
# $db, waits for its window ($win), gives it the keyboard and returns once
# it has drawn; stop_app ends it. The app's output is in $work/app.log.
start_app() {
  "$jurymn" --db "$db" "$@" >"$work/app.log" 2>&1 &
  app=$!
  win=
  for _ in $(seq 100); do
    win=$(xdotool search --pid "$app" --name 'Jury MN' 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || { echo "FAIL: no window"; cat "$work/app.log"; exit 1; }
  xdotool windowfocus --sync "$win" 2>/dev/null || true
  # Keys go in once the window has drawn (its pixels are no longer one
  # colour), however long a loaded machine or a sanitizer build takes.
  for _ in $(seq 600); do
    [ "$(import -window "$win" -format '%[fx:standard_deviation>0]' info: 2>/dev/null)" = 1 ] && break
    sleep 0.1
  done
  sleep 0.5  # a few frames more: the screen's keyboard focus is set
}
stop_app() {
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}
