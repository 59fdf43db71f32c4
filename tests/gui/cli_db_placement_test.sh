#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Every command that takes a base honours --db placed before or after the
# command, on the base named and never on the default one; every command
# that takes none refuses --db before it.
# Usage: cli_db_placement_test.sh JURYMN
set -uo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
default_db=$work/data/jurymn/jurymn.db
check() {  # check NAME COMMAND…: succeeds, and the default base is never created
  local name=$1; shift
  if "$@" >"$work/out" 2>"$work/err"; then echo "ok: $name"; else echo "FAIL: $name: $(cat "$work/err")"; fail=1; fi
  [ ! -e "$default_db" ] || { echo "FAIL: $name used the default base"; fail=1; rm -f "$default_db"; }
}
for place in before after; do
  db=$work/$place.db
  run() {  # run COMMAND… with --db at this placement (COMMAND is one or two words)
    local n=1; [ "$1" = sessions ] || [ "$1" = candidates ] || [ "$1" = audit ] && n=2
    if [ "$place" = before ]; then "$jurymn" --db "$db" "${@:1:n}" "${@:n+1}"
    else "$jurymn" "${@:1:n}" --db "$db" "${@:n+1}"; fi
  }
  check "$place: sessions create" run sessions create --title "Session $place" --date 2026-05-18 --centre C --kind rehearsal --ccp CCP1,CCP2
  id=$("$jurymn" sessions list --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])')
  check "$place: sessions list" run sessions list
  grep -q "Session $place" "$work/out" || { echo "FAIL: $place: sessions list did not read $db"; fail=1; }
  check "$place: sessions edit" run sessions edit --session "$id" --title "Session $place modifiée"
  "$jurymn" sessions list --db "$db" | grep -q "Session $place modifiée" || { echo "FAIL: $place: edit went elsewhere"; fail=1; }
  printf 'Numéro;Nom;Prénom\nMN-1;Durand;Alice\n' >"$work/c.csv"
  check "$place: candidates import" run candidates import --session "$id" "$work/c.csv"
  check "$place: candidates list" run candidates list --session "$id"
  grep -q "Durand" "$work/out" || { echo "FAIL: $place: candidates list did not read $db"; fail=1; }
  # The listing speaks French, as on screen; the JSON keeps the stable codes.
  grep -q "Attendu$" "$work/out" && ! grep -q "expected" "$work/out" || { echo "FAIL: candidates list: $(cat "$work/out")"; fail=1; }
  run candidates list --session "$id" --json | grep -q '"attendance": "expected"' || { echo "FAIL: JSON attendance code"; fail=1; }
  check "$place: pv" run pv --session "$id" --out "$work/$place-pv.html"
  grep -q "Session $place modifiée" "$work/$place-pv.html" || { echo "FAIL: $place: pv of another base"; fail=1; }
  # Nobody deliberated on yet: refused, but by this base's session (the
  # default base has no such session, and does not exist).
  err=$(run feedback --session "$id" --out "$work/$place-fiches" 2>&1 >/dev/null)
  grep -q "aucun candidat n’a encore été délibéré" <<<"$err" && echo "ok: $place: feedback" \
    || { echo "FAIL: $place: feedback: $err"; fail=1; }
  [ ! -e "$default_db" ] || { echo "FAIL: $place: feedback used the default base"; fail=1; }
  check "$place: export" run export --session "$id" --out "$work/$place-lot"
  grep -q "Session $place modifiée" "$work/$place-lot/results.json" || { echo "FAIL: $place: export of another base"; fail=1; }
  check "$place: audit verify" run audit verify --session "$id"
  check "$place: demo" run demo
  [ "$("$jurymn" sessions list --db "$db" --json | grep -c '"uuid"')" = 2 ] || { echo "FAIL: $place: demo went elsewhere"; fail=1; }
done
# Commands without a base refuse --db before them, with a clear message.
for cmd in "verify $work/before-lot" "titles validate" "plans validate" "grids validate" \
           "merge --into $work/centre.db $work/before-lot"; do
  # shellcheck disable=SC2086
  err=$("$jurymn" --db "$work/before.db" $cmd 2>&1 >/dev/null); rc=$?
  if [ "$rc" -eq 2 ] && grep -q "ne s’applique pas" <<<"$err"; then echo "ok: --db refused before $cmd"
  else echo "FAIL: --db before $cmd -> $rc: $err"; fail=1; fi
done
[ ! -e "$work/centre.db" ] || { echo "FAIL: merge ran despite --db"; fail=1; }
exit $fail
