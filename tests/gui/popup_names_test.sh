#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The popups the clipping test opens (tests/CMakeLists.txt) are every popup
# jurymn --popup knows (ui/frame.cpp), so that a new dialog is not left out.
# Usage: popup_names_test.sh JURYMN NAME...
set -uo pipefail
jurymn=$1
shift
source "$(dirname "$0")/scratch.sh"
# An unknown name: exit 2, and the list of names, before any display is needed.
"$jurymn" --db "$work/x.db" --popup ? --screenshot "$work/x.png" 2>"$work/err" >/dev/null
rc=$?
[ "$rc" = 2 ] || { echo "FAIL: --popup ? exits $rc, not 2"; cat "$work/err"; exit 1; }
known=$(sed -n 's/.*(fenêtres[^:]*: \(.*\))\.$/\1/p' "$work/err" | tr -d ' ' | tr ',' '\n' | sort)
[ -n "$known" ] || { echo "FAIL: no list of popups in: $(cat "$work/err")"; exit 1; }
tested=$(printf '%s\n' "$@" | sort)
if [ "$known" != "$tested" ]; then
  echo "FAIL: jurymn --popup knows:"; echo "$known"; echo "the clipping test opens:"; echo "$tested"
  exit 1
fi
# --popup needs --screenshot, and a popup opens on its own screen only.
"$jurymn" --db "$work/x.db" --popup pause >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL: --popup without --screenshot is accepted"; fail=1; }
"$jurymn" --db "$work/x.db" --popup pause --screen home --screenshot "$work/x.png" >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL: --popup pause --screen home is accepted"; fail=1; }
[ "$fail" = 0 ] && echo "ok: the clipping test opens every popup ($(echo $known | tr '\n' ' '))"
exit "$fail"
