#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Trust at the exam centre, on the command line (issue 18): keys export,
# trust, list, revoke; merge refuses a bundle whose key the centre did not
# enrol — an attacker's own key for a real session, a real bundle re-signed
# by a stranger with marks moved — naming the fingerprint and the command
# that enrols it, and changes nothing; --trust-new-key; two laptops with two
# keys merge into one session; the paper PV's code is checked.
# Usage: cli_trust_test.sh JURYMN
set -uo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
check() { if "$@" >/dev/null 2>&1; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
refuse() { if "$@" >/dev/null 2>&1; then echo "FAIL (accepted): $*"; fail=1; else echo "ok (refused): $*"; fi; }
# says TEXT COMMAND…: the command's output (both streams) holds TEXT.
says() {
  local want=$1; shift
  local out; out=$("$@" 2>&1)
  if grep -qF -- "$want" <<<"$out"; then echo "ok: says «$want»"; else echo "FAIL: «$want» not said by $*: $out"; fail=1; fi
}
# The fingerprint of a public key, computed with openssl (the README's way).
fingerprint() {
  openssl pkey -pubin -in "$1" -outform DER | tail -c 32 | sha256sum | cut -c1-32 | tr a-f A-F |
    sed 's/..../& /g; s/ $//'
}
# A fingerprint of the centre's database state: every table's rows.
state() { sqlite3 "$1" "SELECT count(*) FROM audit_entry; SELECT count(*) FROM candidate; SELECT count(*) FROM mark;
                       SELECT count(*) FROM imported_bundle; SELECT count(*) FROM trusted_key;" | tr '\n' ' '; }
on() { local n=$1; shift; env XDG_CONFIG_HOME="$work/cfg$n" "$@"; }   # on laptop n (its own key)

centre=$work/centre.db
# Laptop 1: an official session, examined and decided; its key exported.
on 1 "$jurymn" demo --completed --candidates 3 --db "$work/lap1.db" >/dev/null || { echo "FAIL: demo"; exit 1; }
session=$("$jurymn" sessions list --db "$work/lap1.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
check on 1 "$jurymn" keys export --out "$work/pc1.pem"
check grep -q "BEGIN PUBLIC KEY" "$work/pc1.pem"
fp1=$(fingerprint "$work/pc1.pem")
says "$fp1" on 1 "$jurymn" keys export --out "$work/pc1-again.pem"
check cmp "$work/pc1.pem" "$work/pc1-again.pem"
refuse on 1 "$jurymn" --db "$work/lap1.db" keys export --out "$work/x.pem"   # no base to name

# Bad inputs: each refused clearly, the centre's base not even created.
printf 'bonjour\n' > "$work/pas-une-cle.pem"
refuse "$jurymn" keys trust "$work/pas-une-cle.pem" --name "PC jury 1" --db "$centre"
says "BEGIN PUBLIC KEY" "$jurymn" keys trust "$work/pas-une-cle.pem" --name "PC jury 1" --db "$centre"
refuse "$jurymn" keys trust "$work/cfg1/jurymn/signing-key.pem" --name "PC jury 1" --db "$centre"
says "clé privée" "$jurymn" keys trust "$work/cfg1/jurymn/signing-key.pem" --name "PC jury 1" --db "$centre"
refuse "$jurymn" keys trust "$work/absente.pem" --name "PC jury 1" --db "$centre"
check test ! -e "$centre"
refuse "$jurymn" keys trust "$work/pc1.pem" --name "  " --db "$centre"
says "est vide" "$jurymn" keys trust "$work/pc1.pem" --name "" --db "$centre"
refuse "$jurymn" keys trust "$work/pc1.pem" --db "$centre"   # --name is required

# Enrolled before exam day, --db before the command as well as after.
check "$jurymn" --db "$centre" keys trust "$work/pc1.pem" --name "PC jury 1" --by "Anne Martin"
says "déjà enrôlée" "$jurymn" keys trust "$work/pc1.pem" --name "PC jury 1" --db "$centre"
says "PC jury 1" "$jurymn" keys list --db "$centre"
says "par Anne Martin" "$jurymn" --db "$centre" keys list
says "$fp1" "$jurymn" keys list --db "$centre"

# The exam day: laptop 1 prints the PV, exports, the centre merges.
check "$jurymn" pv --db "$work/lap1.db" --session "$session" --out "$work/pv1.html"
code=$(sed -n 's/.*class="pv-code">[^<]*<strong>\([^<]*\)<.*/\1/p' "$work/pv1.html")
check test ${#code} -eq 19
check on 1 "$jurymn" export --db "$work/lap1.db" --session "$session" --out "$work/lot1"
check "$jurymn" merge --into "$centre" "$work/lot1"

# Row 1: an attacker's own key, for the same session (same date, centre and
# title), with candidates and decisions of his own. Refused, named, nothing changed.
on 9 "$jurymn" demo --completed --candidates 5 --seed 1 --db "$work/x.db" >/dev/null 2>&1
xs=$("$jurymn" sessions list --db "$work/x.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
check on 9 "$jurymn" export --db "$work/x.db" --session "$xs" --out "$work/lot-x"
fpx=$(fingerprint "$work/lot-x/public-key.pem")
before=$(state "$centre")
refuse "$jurymn" merge --into "$centre" "$work/lot-x"
says "$fpx" "$jurymn" merge --into "$centre" "$work/lot-x"
says "jurymn keys trust $work/lot-x/public-key.pem --name" "$jurymn" merge --into "$centre" "$work/lot-x"
says "--db $centre" "$jurymn" merge --into "$centre" "$work/lot-x"
check test "$(state "$centre")" = "$before"
# With a good bundle beside it: none merged.
refuse "$jurymn" merge --into "$centre" "$work/lot1" "$work/lot-x"
check test "$(state "$centre")" = "$before"

# Row 2: the real bundle, 15 marks moved an hour later, re-signed by a
# stranger (valid signature under his key). Refused, named, nothing changed.
cp -r "$work/lot1" "$work/lot-s"
openssl genpkey -algorithm ed25519 -out "$work/stranger.pem" 2>/dev/null
openssl pkey -in "$work/stranger.pem" -pubout -out "$work/lot-s/public-key.pem"
fps=$(fingerprint "$work/lot-s/public-key.pem")
python3 - "$work/lot-s" "$fps" <<'PY'
import hashlib, json, sys
d, fp = sys.argv[1], sys.argv[2]
runs = [json.loads(l) for l in open(d + "/runs.jsonl", encoding="utf-8")]
moved = 0
for run in runs:
    for m in run["marks"]:
        if moved < 15:
            m["at"] += 3600000
            moved += 1
assert moved == 15, moved
text = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in runs)
open(d + "/runs.jsonl", "w", encoding="utf-8").write(text)
doc = json.load(open(d + "/results.json", encoding="utf-8"))
doc["files"]["runs.jsonl"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
doc["key_fingerprint"] = fp
open(d + "/results.json", "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False) + "\n")
PY
(cd "$work/lot-s" && openssl pkeyutl -sign -inkey "$work/stranger.pem" -rawin -in results.json -out results.json.sig)
check openssl pkeyutl -verify -pubin -inkey "$work/lot-s/public-key.pem" -rawin -in "$work/lot-s/results.json" -sigfile "$work/lot-s/results.json.sig"
refuse "$jurymn" merge --into "$centre" "$work/lot-s"
says "$fps" "$jurymn" merge --into "$centre" "$work/lot-s"
check test "$(state "$centre")" = "$before"

# Parsing before trusting: a stranger's huge results.json is not even read
# (refused from public-key.pem alone, at once), and an enrolled key's bundle
# whose signature fails is not parsed (no JSON error, only the signature).
cp -r "$work/lot-x" "$work/lot-big"
head -c 300000000 /dev/zero | tr '\0' '[' > "$work/lot-big/results.json"
start=$(date +%s%N)
msg=$(timeout 60 "$jurymn" merge --into "$centre" "$work/lot-big" 2>&1); rc=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" -eq 1 ] && grep -qF "$fpx" <<<"$msg" && [ "$(grep -c "^  - " <<<"$msg")" -eq 0 ] && grep -q "pas été lu" <<<"$msg" \
  && echo "ok: stranger's bundle refused from its key in $took ms" || { echo "FAIL: big stranger: rc=$rc $msg"; fail=1; }
check test "$(state "$centre")" = "$before"
cp -r "$work/lot1" "$work/lot-garbage"
printf '{"format": [[[[' > "$work/lot-garbage/results.json"
msg=$("$jurymn" merge --into "$centre" "$work/lot-garbage" 2>&1); rc=$?
[ "$rc" -eq 1 ] && grep -q "la signature ne correspond pas" <<<"$msg" && [ "$(grep -c '^  - ' <<<"$msg")" -eq 1 ] \
  && echo "ok: enrolled key, bad signature: not parsed" || { echo "FAIL: garbage: rc=$rc $msg"; fail=1; }
check test "$(state "$centre")" = "$before"
rm -rf "$work/lot-big" "$work/lot-garbage"

# Two laptops of one jury, two keys, one session: laptop 2 enrolled by
# phone while merging (--trust-new-key), and recorded so.
on 2 "$jurymn" demo --completed --candidates 3 --db "$work/lap2.db" >/dev/null
s2=$("$jurymn" sessions list --db "$work/lap2.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
check on 2 "$jurymn" export --db "$work/lap2.db" --session "$s2" --out "$work/lot2"
fp2=$(fingerprint "$work/lot2/public-key.pem")
check test "$fp1" != "$fp2"
check "$jurymn" merge --into "$centre" --trust-new-key --key-name "PC jury 2" --by "Bruno Petit" "$work/lot2"
check test "$("$jurymn" sessions list --db "$centre" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1
says "vérifiée par téléphone" "$jurymn" keys list --db "$centre"
says "PC jury 2" "$jurymn" keys list --db "$centre"

# The paper PV: a wrong code refused, the printed one recorded.
cs=$("$jurymn" sessions list --db "$centre" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
says "PV papier non vérifié" "$jurymn" keys list --db "$centre"
refuse "$jurymn" pv-code check --db "$centre" --session "$cs" "2345 6789 ABCD EFGH"
says "ne correspond à aucune tête" "$jurymn" pv-code check --db "$centre" --session "$cs" "2345 6789 ABCD EFGH"
says "16 caractères" "$jurymn" pv-code check --db "$centre" --session "$cs" "2345"
check "$jurymn" pv-code check --db "$centre" --session "$cs" "$code" --by "Anne Martin"
says "PV papier vérifié le" "$jurymn" keys list --db "$centre"
check "$jurymn" merge --into "$centre" --csv "$work/centre.csv" "$work/lot1"   # already merged: the table still written
check /usr/bin/python3 - "$work/centre.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))
assert rows, "rows"
assert all(r["PV papier"].startswith("vérifié le") for r in rows), rows[0]["PV papier"]
PY

# A centre base (it holds merged bundles) refuses the jury's commands, with
# the reason, and changes nothing; the centre's own commands go on.
before=$(state "$centre")
printf 'Numéro;Nom;Prénom\nC-9;Roux;Zoé\n' > "$work/liste.csv"
for cmd in "demo" "demo --completed --candidates 2" \
           "sessions create --title Essai --date 2026-12-07 --centre Lyon" \
           "sessions edit --session $cs --title Autre" \
           "candidates import --session $cs $work/liste.csv" \
           "export --session $cs --out $work/lot-centre"; do
  # shellcheck disable=SC2086
  refuse "$jurymn" $cmd --db "$centre"
  # shellcheck disable=SC2086
  says "centre d’examen" "$jurymn" $cmd --db "$centre"
done
check test ! -e "$work/lot-centre"
check test "$(state "$centre")" = "$before"
check "$jurymn" pv-code check --db "$centre" --session "$cs" "$code" --by "Claire Noël"
check "$jurymn" merge --into "$centre" --csv "$work/centre2.csv" "$work/lot1"
says "PC jury 1" "$jurymn" keys list --db "$centre"

# Revoked: its next bundle is refused; unknown or unreadable fingerprints too.
check "$jurymn" keys revoke "$fp2" --db "$centre" --by "Anne Martin"
says "RÉVOQUÉE" "$jurymn" keys list --db "$centre"
says "révoquée" "$jurymn" merge --into "$centre" "$work/lot2"
says "Aucune clé enrôlée" "$jurymn" keys revoke "0000 0000 0000 0000 0000 0000 0000 0000" --db "$centre"
refuse "$jurymn" keys revoke "pas une empreinte" --db "$centre"
says "déjà révoquée" "$jurymn" keys revoke "$fp2" --db "$centre"
# A revoked key is not enrolled again silently: --again with a reason, on record.
refuse "$jurymn" keys trust "$work/lot2" --name "PC jury 2" --db "$centre"
says "--again" "$jurymn" keys trust "$work/lot2" --name "PC jury 2" --db "$centre"
says "RÉVOQUÉE" "$jurymn" keys list --db "$centre"
refuse "$jurymn" keys trust "$work/lot2" --name "PC jury 2" --again "   " --db "$centre"
refuse "$jurymn" keys trust "$work/lot-x" --name "PC inconnu" --again "pourquoi pas" --db "$centre"  # never enrolled
check "$jurymn" keys trust "$work/lot2" --name "PC jury 2" --again "clé retrouvée, empreinte vérifiée par téléphone" --by "Anne Martin" --db "$centre"
check sh -c "'$jurymn' keys list --db '$centre' | grep -q 'PC jury 2' && ! '$jurymn' keys list --db '$centre' | grep -q RÉVOQUÉE"
check sqlite3 "$centre" "SELECT 1 FROM audit_entry WHERE action = 'trust_key' AND payload LIKE '%clé retrouvée%'"
check test "$(sqlite3 "$centre" "SELECT count(*) FROM audit_entry WHERE action = 'trust_key' AND payload LIKE '%clé retrouvée%'")" = 1
check "$jurymn" audit verify --db "$centre"
exit $fail
