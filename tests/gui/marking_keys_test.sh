#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Marking by keyboard, through the window's key path (--press feeds the same
# queue as the GLFW key callback): on the demo's running exam, 1 2 3 4 rate
# four unrated criteria in turn, each on its own row and with its own level,
# Backspace withdraws the last one in one key, and Delete, two rows up,
# clears the highlighted note (not the last one keyed: issue 26 item 4).
# Usage: marking_keys_test.sh JURYMN OUTDIR
set -euo pipefail
jurymn=$1 out=$2
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
db=$work/j.db
"$jurymn" demo --db "$db" >/dev/null
before=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT max(id) FROM audit_entry').fetchone()[0])" "$db")
xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --screen marking --press 1,2,3,4,backspace,up,up,delete \
  --screenshot "$out/marking_keys.png"
python3 - "$db" "$before" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = [json.loads(p) for (p,) in c.execute(
    "SELECT payload FROM audit_entry WHERE id > ? AND action = 'record_mark' ORDER BY id", (int(sys.argv[2]),))]
got = [(r["criterion"], r["before"], r["level"]) for r in rows]
print("marks keyed:", got)
assert len(got) == 6, f"expected 6 record_mark entries, got {len(got)}"
levels = [g[2] for g in got[:4]]
assert levels == ["maitrise", "acquis", "en_cours", "non_observe"], levels
assert all(g[1] == "" for g in got[:4]), "a digit landed on a criterion already rated"
assert len({g[0] for g in got[:4]}) == 4, "two digits landed on the same row"
assert got[4] == (got[3][0], "non_observe", ""), f"Backspace did not undo the last rating: {got[4]}"
assert got[5] == (got[1][0], "acquis", ""), f"Delete did not clear the highlighted note: {got[5]}"
print("ok: four keys, four rows, one undo, one note cleared")
PY
