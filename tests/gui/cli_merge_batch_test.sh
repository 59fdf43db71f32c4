#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A centre's batch merge (issue 30, item 11):
# - « merge lot2 lot1 », the older bundle of the same laptop after the newer
#   one: the older is reported as adding nothing, the rest is merged;
# - a key slipped into the centre's base with a SQL tool (no trust_key
#   entry), or a revocation undone, stops every merge and fails `audit
#   verify` (issue 30, item 7);
# - « merge --csv » onto a full disk: the table cannot be written, so the
#   merge is not committed either — the base is left as it was, and says so.
#   The full disk is real: a 1 MiB tmpfs, filled, in a user and mount
#   namespace of the test's own (no real root needed).
# Usage: cli_merge_batch_test.sh JURYMN
set -uo pipefail
jurymn=$1
if [ -z "${JURYMN_MERGE_BATCH_NS:-}" ]; then
  if ! why=$(unshare --user --map-root-user --mount true 2>&1); then
    echo "FAIL: unshare --user --map-root-user --mount is unavailable here: $why"
    exit 1
  fi
  JURYMN_MERGE_BATCH_NS=1 exec unshare --user --map-root-user --mount "$0" "$@"
fi
source "$(dirname "$0")/scratch.sh"
mnt=$work/plein
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
check() { if "$@" >/dev/null 2>&1; then echo "ok: $*"; else echo "FAIL: $*"; fail=1; fi; }
says() {  # TEXT EXPECTED_EXIT COMMAND...: the command's output holds TEXT
  local text=$1 expected=$2 out rc
  shift 2
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$expected" ] && grep -qF -- "$text" <<<"$out"; then echo "ok: « $text » (exit $rc)"
  else echo "FAIL: « $text », exit $expected expected: exit $rc: $out"; fail=1; fi
}

# One laptop, two exports of one session: lot1, then more work, then lot2.
lap=$work/lap.db
"$jurymn" demo --db "$lap" >/dev/null || { echo "FAIL: demo"; exit 1; }
session=$("$jurymn" sessions list --db "$lap" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
check "$jurymn" export --db "$lap" --session "$session" --out "$work/lot1"
printf 'numero;nom;prenom;ccp\nMN-900;Nouveau;Arrivé;CCP1\n' >"$work/plus.csv"
check "$jurymn" candidates import --db "$lap" --session "$session" "$work/plus.csv"
check "$jurymn" export --db "$lap" --session "$session" --out "$work/lot2"

# The newer first, then the older: one merged, the other reported.
centre=$work/centre.db
out=$("$jurymn" merge --into "$centre" --include-rehearsal --trust-new-key "$work/lot2" "$work/lot1" 2>&1); rc=$?
if [ "$rc" = 0 ] && grep -q "lot1.*ce lot est plus ancien" <<<"$out" && grep -q "^1 lot(s) importé(s)" <<<"$out"; then
  echo "ok: merge lot2 lot1: lot2 merged, lot1 reported as older"
else echo "FAIL: merge lot2 lot1 (exit $rc): $out"; fail=1; fi
listed=$("$jurymn" candidates list --db "$centre" --session "$session" 2>&1)
grep -q "MN-900" <<<"$listed" && echo "ok: the newer bundle's candidate is at the centre" ||
  { echo "FAIL: MN-900 not merged: $listed"; fail=1; }

# A full disk under --csv: nothing merged, the base unchanged.
centre2=$work/centre2.db
"$jurymn" keys trust "$work/lot1/public-key.pem" --name "PC jury" --db "$centre2" >/dev/null ||
  { echo "FAIL: keys trust"; fail=1; }
before=$(sha256sum "$centre2" | cut -d' ' -f1)
mkdir -p "$mnt"
mount -t tmpfs -o size=1m tmpfs "$mnt" || { echo "FAIL: tmpfs"; exit 1; }
dd if=/dev/zero of="$mnt/remplissage" bs=4k 2>/dev/null
says "aucun lot n’a été importé" 1 "$jurymn" merge --into "$centre2" --include-rehearsal --csv "$mnt/centre.csv" "$work/lot1"
check test ! -e "$mnt/centre.csv"
[ -z "$(find "$mnt" -name '.centre.csv*')" ] && echo "ok: nothing left on the full disk" ||
  { echo "FAIL: left on the full disk: $(ls -a "$mnt")"; fail=1; }
after=$(sha256sum "$centre2" | cut -d' ' -f1)
[ "$before" = "$after" ] && echo "ok: the centre's base is unchanged" || { echo "FAIL: the base changed"; fail=1; }
sessions=$("$jurymn" sessions list --db "$centre2" --json)
[ "$sessions" = "[]" ] && echo "ok: no session merged" || { echo "FAIL: merged anyway: $sessions"; fail=1; }
# Space freed: the same command merges and writes the table.
rm "$mnt/remplissage"
says "Tableau consolidé écrit" 0 "$jurymn" merge --into "$centre2" --include-rehearsal --csv "$mnt/centre.csv" "$work/lot1"
check test -s "$mnt/centre.csv"

# A stranger's key slipped into the centre's base with SQL, as someone with
# the file can: its bundle is not merged, nothing is, and audit verify says
# which row. A revocation undone the same way likewise.
"$jurymn" demo --db "$work/autre.db" >/dev/null
other=$("$jurymn" sessions list --db "$work/autre.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"][:8])')
XDG_CONFIG_HOME=$work/autre-config check "$jurymn" export --db "$work/autre.db" --session "$other" --out "$work/lot-autre"
key_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1] + "/results.json"))["key_fingerprint"])' "$1"; }
fp=$(key_of "$work/lot-autre")
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$@"; }
centre3=$work/centre3.db
cp "$centre" "$centre3"
sql "$centre3" "INSERT INTO trusted_key (fingerprint, name, enrolled_by, enrolled_at) VALUES ('$fp', 'glissée', 'x', 0)"
before=$(sha256sum "$centre3" | cut -d' ' -f1)
says "ne sont pas celles de son journal" 1 "$jurymn" merge --into "$centre3" --include-rehearsal "$work/lot-autre"
says "sans entrée trust_key" 1 "$jurymn" merge --into "$centre3" --include-rehearsal "$work/lot-autre"
[ "$before" = "$(sha256sum "$centre3" | cut -d' ' -f1)" ] && echo "ok: the centre's base is unchanged" ||
  { echo "FAIL: the base changed"; fail=1; }
says "sans entrée trust_key" 1 "$jurymn" audit verify --db "$centre3"
# Revoked with jurymn, then un-revoked with SQL.
centre4=$work/centre4.db
cp "$centre" "$centre4"
lap_fp=$(key_of "$work/lot1")
check "$jurymn" keys revoke "$lap_fp" --by "Anne Martin" --db "$centre4"
check "$jurymn" audit verify --db "$centre4"
sql "$centre4" "UPDATE trusted_key SET revoked_at = NULL, revoked_by = ''"
says "révoquée au journal" 1 "$jurymn" merge --into "$centre4" --include-rehearsal "$work/lot2"
says "révoquée au journal" 1 "$jurymn" audit verify --db "$centre4"
exit $fail
