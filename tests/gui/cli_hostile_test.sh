#!/usr/bin/env bash
# Hostile names and paths on the command line: a --csv destination that
# cannot take the table stops the merge before anything is written, and text
# holding escape sequences or bidi controls is shown, never acted on.
# Usage: cli_hostile_test.sh JURYMN
set -uo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
check() { if "$@" >/dev/null 2>&1; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
refuse() { if "$@" >/dev/null 2>&1; then echo "FAIL (accepted): $*"; fail=1; else echo "ok (refused): $*"; fi; }
db=$work/demo.db
"$jurymn" demo --db "$db" >/dev/null || { echo "FAIL: demo"; exit 1; }
session=$("$jurymn" sessions list --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
check "$jurymn" export --db "$db" --session "$session" --out "$work/lot"

# --csv is checked first: a folder, a missing folder, a link, a device.
centre=$work/centre.db
mkdir -p "$work/dossier"
ln -s /dev/null "$work/lien.csv"
for bad in "$work/dossier" "$work/absent/centre.csv" "$work/lien.csv" /dev/full; do
  refuse "$jurymn" merge --into "$centre" --include-rehearsal --csv "$bad" "$work/lot"
  check test ! -e "$centre"
done
check test -L "$work/lien.csv"
msg=$("$jurymn" merge --into "$centre" --include-rehearsal --csv "$work/dossier" "$work/lot" 2>&1)
grep -q "c’est un dossier" <<<"$msg" || { echo "FAIL: message: $msg"; fail=1; }
check "$jurymn" merge --into "$centre" --include-rehearsal --csv "$work/centre.csv" "$work/lot"
check test -s "$work/centre.csv"

# A name changed behind jurymn's back to hold an escape sequence and a
# right-to-left override: printed as escapes, never raw.
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE candidate SET last_name = ? WHERE number = 'MN-001'", ("Dupr\x1b[31mé\u202eXY",))
c.commit()
PY
listing=$("$jurymn" candidates list --db "$db" --session "$session")
if grep -q $'\x1b' <<<"$listing" || grep -q $'\u202e' <<<"$listing"; then echo "FAIL: raw control in: $listing"; fail=1; else echo "ok: no raw control"; fi
grep -qF 'Dupr\x1B[31mé\u202EXY' <<<"$listing" || { echo "FAIL: escapes not shown: $listing"; fail=1; }
# The JSON listing stays valid JSON and reads back the same name.
"$jurymn" candidates list --db "$db" --session "$session" --json | python3 -c '
import json, sys
names = [c["last_name"] for c in json.load(sys.stdin)]
assert "Dupr\x1b[31mé\u202eXY" in names, names' && echo "ok: JSON" || { echo "FAIL: JSON"; fail=1; }
exit $fail
