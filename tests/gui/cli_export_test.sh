#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A real export, checked by jurymn verify, by openssl and sha256sum (the
# README's commands) and against the JSON Schema; then one changed byte in a
# record, and one in the manifest, are refused.
# Usage: cli_export_test.sh JURYMN SCHEMA
set -uo pipefail
jurymn=$1
schema=$2
source "$(dirname "$0")/scratch.sh"
check() { if "$@" >/dev/null 2>&1; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
refuse() { if "$@" >/dev/null 2>&1; then echo "FAIL (accepted): $*"; fail=1; else echo "ok (refused): $*"; fi; }
db=$work/demo.db
"$jurymn" demo --db "$db" >/dev/null || { echo "FAIL: demo"; exit 1; }
session=$("$jurymn" sessions list --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
out=$work/lot
check "$jurymn" export --db "$db" --session "$session" --out "$out"
# The key was created on first use, readable by the user only.
check test -f "$work/config/jurymn/signing-key.pem"
check test "$(stat -c %a "$work/config/jurymn/signing-key.pem")" = 600
check "$jurymn" verify "$out"
"$jurymn" verify "$out" | grep -q "JURY BLANC" || { echo "FAIL: verify does not say rehearsal"; fail=1; }
# The README's independent checks: the manifest's signature, then the
# other files' digests it lists.
(cd "$out" && check openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in results.json -sigfile results.json.sig)
sums() { jq -r '.files | to_entries[] | "\(.value.sha256)  \(.key)"' results.json | sha256sum -c --strict; }
(cd "$out" && check sums)
# The real export against the published schema: the manifest, and each
# line of the JSON lines files against its definition.
check /usr/bin/python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2] + "/results.json", encoding="utf-8")))
for name, definition in (("candidates.jsonl", "candidate"), ("runs.jsonl", "run"), ("audit-trail.jsonl", "audit_entry")):
    one = dict(schema, **{"$ref": "#/$defs/" + definition})
    for k in ("required", "properties", "additionalProperties", "type"):
        one.pop(k, None)
    lines = open(sys.argv[2] + "/" + name, encoding="utf-8").read().split("\n")
    assert lines[-1] == "", name + ": the last line ends in a newline"
    assert lines[:-1], name + ": empty"
    for line in lines[:-1]:
        jsonschema.Draft202012Validator(one).validate(json.loads(line))
' "$schema" "$out"
# The same key signs the next export.
fp1=$("$jurymn" verify "$out" | sed -n 's/.*Clé de signature.: \([0-9A-F ]*\) .*/\1/p')
check "$jurymn" export --db "$db" --session "$session" --out "$work/lot2"
fp2=$("$jurymn" verify "$work/lot2" | sed -n 's/.*Clé de signature.: \([0-9A-F ]*\) .*/\1/p')
check test -n "$fp1" -a "$fp1" = "$fp2"
# One changed byte in a record: refused by jurymn and by the digests.
cp -r "$out" "$work/lot-record"
python3 - "$work/lot-record/runs.jsonl" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); i = b.index(b'"decided":"obtained"'); b[i + 11] ^= 0x20
open(p, 'wb').write(b)
PY
refuse "$jurymn" verify "$work/lot-record"
msg=$("$jurymn" verify "$work/lot-record" 2>&1)
grep -q "runs.jsonl.: le contenu ne correspond pas à l’empreinte signée" <<<"$msg" || { echo "FAIL: message: $msg"; fail=1; }
(cd "$work/lot-record" && refuse sums)
# One changed byte in the manifest: refused by jurymn and by openssl.
python3 - "$out/results.json" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); i = b.index(b'"kind":"rehearsal"'); b[i + 8] ^= 0x20
open(p, 'wb').write(b)
PY
refuse "$jurymn" verify "$out"
msg=$("$jurymn" verify "$out" 2>&1)
grep -q "la signature ne correspond pas" <<<"$msg" || { echo "FAIL: message: $msg"; fail=1; }
(cd "$out" && refuse openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in results.json -sigfile results.json.sig)
# The centre's side: merge the good bundle; the consolidated CSV holds
# every decision of results.json.
centre=$work/centre.db
refuse "$jurymn" merge --into "$centre" "$work/lot2"          # a rehearsal needs consent
check test ! -e "$centre"
refuse "$jurymn" merge --into "$centre" --include-rehearsal "$work/lot2" "$out"   # one bad bundle: none merged
check test ! -e "$centre"
# Only from a key the centre enrolled: the refusal names the key and the
# command that enrols it.
refuse "$jurymn" merge --into "$centre" --include-rehearsal "$work/lot2"
check test ! -e "$centre"
msg=$("$jurymn" merge --into "$centre" --include-rehearsal "$work/lot2" 2>&1)
grep -qF "$fp2" <<<"$msg" || { echo "FAIL: the refusal does not name the key: $msg"; fail=1; }
grep -qF "jurymn keys trust $work/lot2/public-key.pem" <<<"$msg" || { echo "FAIL: no enrolling command: $msg"; fail=1; }
check "$jurymn" keys trust "$work/lot2/public-key.pem" --name "PC jury 1" --db "$centre"
check "$jurymn" merge --into "$centre" --include-rehearsal --csv "$work/centre.csv" "$work/lot2"
check /usr/bin/python3 - "$work/lot2" "$work/centre.csv" <<'PY'
import csv, json, sys
lines = lambda name: [json.loads(l) for l in open(sys.argv[1] + "/" + name, encoding="utf-8")]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline=""), delimiter=";"))
number = {c["uuid"]: c["number"] for c in lines("candidates.jsonl")}
label = {"obtained": "CCP obtenu", "not_obtained": "CCP non obtenu"}
decided = [r for r in lines("runs.jsonl") if r["decision"]["decided"] != "undecided"]
assert decided, "the demo has a decided run"
for r in decided:
    row = [x for x in rows if x["N° candidat"] == number[r["candidate"]] and x["CCP"] == r["ccp"]]
    assert len(row) == 1, (number[r["candidate"]], r["ccp"])
    assert row[0]["Décision du jury"] == label[r["decision"]["decided"]], row[0]
    for d in r["competency_decisions"]:
        assert row[0][d["competency"]] == {"acquired": "acquise", "not_acquired": "non acquise"}[d["status"]]
PY
msg=$("$jurymn" merge --into "$centre" --include-rehearsal "$work/lot2" 2>&1)
grep -q "déjà importé" <<<"$msg" || { echo "FAIL: second merge: $msg"; fail=1; }
# Bad arguments.
refuse "$jurymn" export --db "$db" --session nope --out "$work/x"
check test ! -e "$work/x"
refuse "$jurymn" verify "$work/nowhere"
exit $fail
