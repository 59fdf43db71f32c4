#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The command line refuses bad input with one clear line and a non-zero exit.
# Usage: cli_errors_test.sh JURYMN
set -uo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
expect() {  # expect CODE PATTERN -- command...
  local code=$1 pattern=$2; shift 3
  local err; err=$("$@" 2>&1 >/dev/null); local rc=$?
  if [ "$rc" -ne "$code" ] || ! grep -q -- "$pattern" <<<"$err"; then
    echo "FAIL: $* -> exit $rc (want $code), stderr: $err"; fail=1
  else
    echo "ok: $* -> $rc: $(head -n1 <<<"$err")"
  fi
}
expect 2 "argument inattendu" -- "$jurymn" --no-such-option
expect 2 "précisez une commande" -- "$jurymn" sessions
expect 2 "secondes positif" -- "$jurymn" --exit-after -3
expect 2 "précisez une commande" -- "$jurymn" sessions frobnicate
expect 2 "--session est obligatoire" -- "$jurymn" candidates list --db "$work/a.db"
expect 2 "valeur manquante" -- "$jurymn" sessions list --db
expect 3 "aucun affichage" -- env -u DISPLAY -u WAYLAND_DISPLAY "$jurymn" --db "$work/a.db"
expect 2 "écran inconnu" -- env DISPLAY=:99 "$jurymn" --screen nowhere --db "$work/a.db"
echo "pas une base" > "$work/text.db"
expect 1 "n’est pas une base de données jurymn" -- "$jurymn" sessions list --db "$work/text.db"
grep -q "pas une base" "$work/text.db" || { echo "FAIL: text.db was modified"; fail=1; }
# A reading command never creates a base.
expect 1 "ce fichier n’existe pas" -- "$jurymn" candidates list --db "$work/b.db" --session deadbeef
[ ! -e "$work/b.db" ] || { echo "FAIL: b.db was created"; fail=1; }
"$jurymn" sessions create --db "$work/b.db" --title T --date 2026-05-18 --centre C >/dev/null
expect 1 "aucune session" -- "$jurymn" candidates list --db "$work/b.db" --session deadbeef
expect 1 "n’existe pas" -- "$jurymn" sessions list --db "$work/missing-dir/x.db"
expect 2 "ne va pas sans --completed" -- "$jurymn" demo --db "$work/g.db" --candidates 5
expect 2 "entre 1 et 100" -- "$jurymn" demo --db "$work/g.db" --completed --candidates 0
expect 2 "--out est obligatoire" -- "$jurymn" export --db "$work/g.db" --session x
expect 2 "--into est obligatoire" -- "$jurymn" merge "$work"
expect 2 "touches séparées par des virgules" -- "$jurymn" --press "ctrl+foo" --screen home --screenshot "$work/x.png"
expect 2 "ne va pas sans --screenshot" -- "$jurymn" --press space
expect 2 "précisez une commande" -- "$jurymn" audit
[ ! -e "$work/x.png" ] || { echo "FAIL: x.png was written"; fail=1; }
# --ccp: the list's form here, the title's CCPs in the store.
expect 2 "liste d’identifiants de CCP" -- "$jurymn" sessions create --db "$work/b.db" --title T --date 2026-05-18 --centre C --ccp "CCP1,,"
expect 1 "n’a pas de CCP3" -- "$jurymn" sessions create --db "$work/b.db" --title T --date 2026-05-18 --centre C --ccp CCP3
# --db before the command is honoured, never silently dropped for the default base.
"$jurymn" --db "$work/placed.db" sessions create --title Avant --date 2026-05-18 --centre C >/dev/null \
  || { echo "FAIL: --db before the command"; fail=1; }
"$jurymn" sessions list --db "$work/placed.db" | grep -q "Avant" || { echo "FAIL: --db before the command went elsewhere"; fail=1; }
"$jurymn" --db "$work/placed.db" sessions list | grep -q "Avant" || { echo "FAIL: --db before sessions list"; fail=1; }
[ ! -e "$work/data/jurymn/jurymn.db" ] || { echo "FAIL: the default base was used"; fail=1; }
expect 2 "deux bases différentes" -- "$jurymn" --db "$work/placed.db" sessions list --db "$work/b.db"
expect 2 "ne s’applique pas" -- "$jurymn" --db "$work/placed.db" verify "$work"
# --help and --version succeed and say what the tool is.
"$jurymn" --help | grep -q "Médiateur numérique" || { echo "FAIL: --help"; fail=1; }
"$jurymn" --version | grep -q "^jurymn " || { echo "FAIL: --version"; fail=1; }
exit $fail
