#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# End to end through the command line: a session, an import that is refused
# whole (nothing changes), good imports in each format, the listings, and a
# second writer refused while the database is locked.
# Usage: cli_import_test.sh JURYMN CSV_DIR
set -uo pipefail
jurymn=$1 csv=$2
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

"$jurymn" demo --db "$db" >/dev/null || { echo "FAIL: demo"; exit 1; }
id=$("$jurymn" sessions list --db "$db" | awk 'NR==2 {print $1}')
check "sessions list shows the demo session id" '[ ${#id} -eq 8 ]'
check "sessions list --json has the full uuid" '"$jurymn" sessions list --db "$db" --json | grep -q "\"uuid\": \"$id"'
before=$("$jurymn" candidates list --db "$db" --session "$id" --json)
count_before=$(grep -c '"number"' <<<"$before")

# A file with one bad line: refused whole, every bad line named, nothing imported.
printf 'Numéro;Nom;Prénom\n100;Durand;Léa\n101;;Hugo\n102;Roux;"Zoé\n' > "$work/bad.csv"
err=$("$jurymn" candidates import --db "$db" --session "$id" "$work/bad.csv" 2>&1 >/dev/null); rc=$?
check "bad CSV exits 1" '[ $rc -eq 1 ]'
check "bad CSV names line 3" 'grep -q "bad.csv.*ligne 3" <<<"$err"'
check "bad CSV names line 4 (unclosed quote)" 'grep -q "ligne 4.*uillemet" <<<"$err"'
check "bad CSV imported nothing" '[ "$("$jurymn" candidates list --db "$db" --session "$id" --json)" = "$before" ]'

# A number already in the session is refused too.
printf 'Numéro;Nom;Prénom\nMN-001;Autre;Personne\n' > "$work/dup.csv"
err=$("$jurymn" candidates import --db "$db" --session "$id" "$work/dup.csv" 2>&1 >/dev/null); rc=$?
check "duplicate of an existing candidate refused" '[ $rc -eq 1 ] && grep -q "MN-001" <<<"$err"'

# The demo already has MN-001…MN-003: the Excel file clashes with it.
err=$("$jurymn" candidates import --db "$db" --session "$id" "$csv/excel_windows1252.csv" 2>&1 >/dev/null); rc=$?
check "clash with the demo's numbers refused" '[ $rc -eq 1 ] && grep -q "ligne 4.*MN-003" <<<"$err"'

# A fresh session takes every format.
err=$("$jurymn" sessions create --db "$db" --title "" --date 2026-02-30 --centre X 2>&1 >/dev/null); rc=$?
check "invalid session refused with its fields" '[ $rc -eq 1 ] && grep -q -- "--date" <<<"$err" && grep -q -- "--title" <<<"$err"'
id=$("$jurymn" sessions create --db "$db" --title "Session CCP1 — mai" --date 2026-05-18 --centre "GIE Francil’IN") || fail=1
id=${id:0:8}
count_before=0
for f in excel_windows1252.csv excel_utf8_bom.csv libreoffice_comma.csv; do
  out=$("$jurymn" candidates import --db "$db" --session "$id" "$csv/$f" 2>&1); rc=$?
  check "import $f ($out)" '[ $rc -eq 0 ]'
done
after=$("$jurymn" candidates list --db "$db" --session "$id")
check "Windows-1252 names decoded" 'grep -q "Œ\|œ\|’" <<<"$after"'
check "LibreOffice quotes kept" 'grep -q "Jean \"Jojo\"" <<<"$after"'
count_after=$(grep -c '"number"' <<<"$("$jurymn" candidates list --db "$db" --session "$id" --json)")
check "9 candidates added ($count_before -> $count_after)" '[ $((count_after - count_before)) -eq 9 ]'

# Exam plans: the shipped ones pass; a folder with bad files names each.
check "shipped plans validate" '"$jurymn" plans validate >/dev/null'
err=$("$jurymn" plans validate "$csv/../plans/mixed" 2>&1 >/dev/null); rc=$?
check "bad plans refused, each file named" '[ $rc -eq 1 ] && grep -q "c_truncated.json" <<<"$err" && grep -q "d_typo.json" <<<"$err"'
err=$("$jurymn" plans validate "$work/nothing-here" 2>&1 >/dev/null); rc=$?
check "missing plan folder refused" '[ $rc -eq 1 ]'

# Scoring grids: the shipped ones pass; bad files are each named with a pointer.
check "shipped grids validate" '"$jurymn" grids validate >/dev/null'
err=$("$jurymn" grids validate "$csv/../grids/mixed" 2>&1 >/dev/null); rc=$?
check "bad grids refused, each file named" '[ $rc -eq 1 ] && grep -q "c_truncated.json" <<<"$err" && grep -q "d_unknown_stage.json.*/competencies/" <<<"$err"'

# While another jurymn holds the database, writing commands refuse and reading still works.
# The lock is taken by this shell itself, so it is held before the first
# command runs however slow the machine (no sleep to guess), and released below.
exec {held}>>"$db.lock"
flock -n "$held" || { echo "FAIL: could not take $db.lock"; exit 1; }
err=$("$jurymn" candidates import --db "$db" --session "$id" "$csv/libreoffice_comma.csv" 2>&1 >/dev/null); rc=$?
check "locked database: import refused plainly" '[ $rc -eq 1 ] && grep -q "déjà ouverte par un autre jurymn" <<<"$err"'
check "locked database: listing still works read-only" '"$jurymn" sessions list --db "$db" | grep -q "$id"'
exec {held}>&-
exit $fail
