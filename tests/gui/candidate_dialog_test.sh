#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# --screen candidate --candidate NUMÉRO opens that candidate's edit dialog
# (issue 27 item 9: it opened the first candidate's), and an unknown number
# is said on stderr.
# Usage: candidate_dialog_test.sh JURYMN OUTDIR
set -uo pipefail
jurymn=$1 out=$2
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
"$jurymn" demo --completed --candidates 9 --db "$db" >/dev/null || { echo "FAIL: demo --completed"; exit 1; }
session=$("$jurymn" sessions list --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])')
# name NUMBER: « Prénom Nom » of the candidate, as the list gives it.
name() {
  "$jurymn" candidates list --db "$db" --session "$session" --json |
    python3 -c 'import json,sys; n=sys.argv[1]; print(next(c["last_name"] for c in json.load(sys.stdin) if c["number"]==n))' "$1"
}
first=$(name C-00001) eighth=$(name C-00008)
[ -n "$eighth" ] && [ "$first" != "$eighth" ] || { echo "FAIL: generated names ($first, $eighth)"; exit 1; }
shown=$(xvfb-run -a -s "-screen 0 1366x768x24" "$jurymn" --db "$db" --screen candidate --candidate C-00008 \
          --check-text --screenshot "$out/candidate-dialog-C-00008.png" 2>"$work/err")
# The dialog is drawn after the session's list: its lines follow its title.
dialog=$(sed -n '/Modifier le candidat/,$p' <<<"$shown")
[ -n "$dialog" ] || { echo "FAIL: no « Modifier le candidat » dialog:"; echo "$shown"; fail=1; }
# Lines are read back from the drawn glyphs, spaced as drawn: compared
# without spaces.
flat=$(tr -d ' ' <<<"$dialog")
grep -qF "${eighth// /}" <<<"$flat" || { echo "FAIL: the dialog does not show C-00008's name « $eighth »:"; echo "$dialog"; fail=1; }
grep -qF "C-00008" <<<"$flat" || { echo "FAIL: the dialog does not show C-00008:"; echo "$dialog"; fail=1; }
if grep -qF "${first// /}" <<<"$flat"; then echo "FAIL: the dialog shows C-00001's name « $first »"; echo "$dialog"; fail=1; fi
xvfb-run -a -s "-screen 0 1366x768x24" "$jurymn" --db "$db" --screen candidate --candidate C-99999 \
  --screenshot "$work/none.png" >/dev/null 2>"$work/err"
grep -q "aucun candidat n°.*C-99999" "$work/err" || { echo "FAIL: an unknown number is not said:"; cat "$work/err"; fail=1; }
[ "$fail" = 0 ] && echo "ok: --candidate C-00008 opens C-00008 ($eighth)"
exit "$fail"
