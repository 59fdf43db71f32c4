#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# `jurymn audit verify` passes on every database jurymn writes, and names the
# first broken entry of one changed behind its back; a bundle exported from
# a database whose records were changed behind the trail's back is refused
# by `jurymn verify`.
# Usage: cli_audit_test.sh JURYMN
set -uo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
nb=$'\xc2\xa0'  # the no-break space French puts before « : »
check() { if "$@"; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
# sqlite3 through Python: what someone with the file and a SQL tool can do.
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$1" "$2"; }

db=$work/demo.db
"$jurymn" demo --db "$db" >/dev/null || { echo "FAIL: demo"; exit 1; }
"$jurymn" audit verify --db "$db" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 0
check grep -q "chaîne intacte${nb}: [0-9]* entrées" "$work/out"
gen=$work/gen.db
"$jurymn" demo --db "$gen" --completed --candidates 20 >/dev/null || { echo "FAIL: demo --completed"; exit 1; }
check "$jurymn" audit verify --db "$gen"
session=$("$jurymn" sessions list --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
check "$jurymn" audit verify --db "$db" --session "$session"

# An exported bundle holds together, then one from records changed behind
# the trail's back does not.
check "$jurymn" export --db "$db" --session "$session" --out "$work/lot"
check "$jurymn" verify "$work/lot"
cp "$db" "$work/marks.db"
sql "$work/marks.db" "UPDATE mark SET rating = CASE rating WHEN '1' THEN '2' ELSE '1' END WHERE rowid = (SELECT min(rowid) FROM mark);"
# The chain itself is untouched, but replaying it gives another mark.
"$jurymn" audit verify --db "$work/marks.db" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 1
check grep -q "rejeu du journal d’audit" "$work/out"
check grep -q "/marks/.*/level${nb}: «${nb}1${nb}» dans la base, «${nb}acquis${nb}» au rejeu" "$work/out"
"$jurymn" export --db "$work/marks.db" --session "$session" --out "$work/lot2" >/dev/null
"$jurymn" verify "$work/lot2" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 1
# The record's file and its pointer, what the bundle says and what the replay gives.
check grep -q "runs.jsonl, /runs/.*/marks/.*/level${nb}: «${nb}1${nb}» dans le lot, «${nb}acquis${nb}» au rejeu" "$work/out"

# An entry edited in the trail: found at that entry, by number, time and action.
cp "$db" "$work/edited.db"
sql "$work/edited.db" "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET payload = payload || ' ' WHERE id = (SELECT min(id) FROM audit_entry WHERE action = 'record_mark');"
id=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT min(id) FROM audit_entry WHERE action = '"'"'record_mark'"'"'").fetchone()[0])' "$work/edited.db")
"$jurymn" audit verify --db "$work/edited.db" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 1
check grep -q "chaîne rompue à l’entrée n°${nb}$id (.*, record_mark)${nb}: contenu modifié" "$work/out"
# ... and no bundle is exported from it: the centre would refuse it.
"$jurymn" export --db "$work/edited.db" --session "$session" --out "$work/lot3" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 1
check test ! -e "$work/lot3/results.json"
check grep -q "n’ont pas été exportés${nb}: le journal d’audit a été modifié hors de jurymn — chaîne rompue à l’entrée n°${nb}$id" "$work/out"
# The PV still prints, and says where the chain breaks.
check "$jurymn" pv --db "$work/edited.db" --session "$session" --out "$work/pv.html"
check grep -q "chaîne rompue à l’entrée n°${nb}$id" "$work/pv.html"

# A deleted entry: found at the next one.
cp "$db" "$work/deleted.db"
sql "$work/deleted.db" "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE id = 5;"
"$jurymn" audit verify --db "$work/deleted.db" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 1
check grep -q "chaîne rompue à l’entrée n°${nb}6 .*supprimée" "$work/out"

# Bad arguments change nothing and say why.
"$jurymn" audit >"$work/out" 2>&1; rc=$?
check test "$rc" -eq 2
"$jurymn" audit verify --db "$work/absent.db" >"$work/out" 2>&1; rc=$?
cat "$work/out"
check test "$rc" -eq 1
check test ! -e "$work/absent.db"
"$jurymn" audit verify --db "$db" --session zzzz >"$work/out" 2>&1; rc=$?
check test "$rc" -eq 1
check grep -q "aucune session ne correspond" "$work/out"
exit $fail
