#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# `jurymn pv` writes the procès-verbal of a real session, and refuses bad
# arguments without writing anything.
# Usage: cli_pv_test.sh JURYMN
set -uo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
check() { if "$@"; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
db=$work/demo.db
"$jurymn" demo --db "$db" >/dev/null || { echo "FAIL: demo"; exit 1; }
session=$("$jurymn" sessions list --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
out=$work/pv/proces-verbal.html
check "$jurymn" pv --db "$db" --session "$session" --out "$out"
check test -s "$out"
check grep -q "Procès-verbal" "$out"
check grep -q "JURY BLANC" "$out"          # a rehearsal is never mistaken for official
check grep -q "Dupré" "$out"                # the locked candidate
check grep -q "N’Diaye" "$out"              # the one waiting for deliberation
check grep -q "Nadia Benali" "$out"
check grep -q "size: A4" "$out"
# The mock jury's feedback sheet: for a deliberated candidate only.
check "$jurymn" feedback --db "$db" --session "$session" --candidate MN-001 --out "$work/retour.html"
check grep -q "document d’entraînement, sans valeur de certification" "$work/retour.html"
check grep -q "Points forts" "$work/retour.html"
"$jurymn" feedback --db "$db" --session "$session" --candidate MN-002 --out "$work/retour2.html" 2>"$work/err"; rc=$?
check test "$rc" -eq 1
check grep -q "délibération" "$work/err"
check test ! -e "$work/retour2.html"
check "$jurymn" feedback --db "$db" --session "$session" --out "$work/retours"
check test -f "$work/retours/retour-MN-001.html"
check grep -q "<svg" "$work/retours/groupe.html"
check grep -q "Vue du groupe" "$work/retours/groupe.html"
official=$("$jurymn" sessions create --db "$db" --title "Session officielle" --date 2026-05-18 --centre "Centre" --kind official | grep -o '[0-9a-f]\{8\}-[0-9a-f-]*' | head -1)
"$jurymn" feedback --db "$db" --session "${official:0:8}" --out "$work/none" 2>"$work/err"; rc=$?
check test "$rc" -eq 1
check grep -q "procès-verbal fait foi" "$work/err"
# A mock jury never becomes an official session.
"$jurymn" sessions edit --db "$db" --session "$session" --kind official 2>"$work/err"; rc=$?
check test "$rc" -eq 1
check grep -q "ne peut pas devenir officielle" "$work/err"
"$jurymn" sessions list --db "$db" | grep -q "jury blanc" || { echo "FAIL: still a rehearsal"; fail=1; }
# Bad arguments: exit code, message, and no file written.
"$jurymn" pv --db "$db" --session nope --out "$work/none.html" 2>"$work/err"; rc=$?
check test "$rc" -eq 1
check grep -q "aucune session" "$work/err"
check test ! -e "$work/none.html"
"$jurymn" pv --db "$db" --session "$session" 2>"$work/err"; rc=$?
check test "$rc" -eq 2
check grep -q -- "--out est obligatoire" "$work/err"
"$jurymn" pv --db "$db" --session "$session" --out "$work/not-a-dir/../../../proc/x/pv.html" 2>"$work/err"; rc=$?
check test "$rc" -eq 1
exit $fail
