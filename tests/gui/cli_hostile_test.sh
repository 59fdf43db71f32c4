#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
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
check "$jurymn" merge --into "$centre" --include-rehearsal --trust-new-key --csv "$work/centre.csv" "$work/lot"
check test -s "$work/centre.csv"

# Files jurymn reads are regular files of bounded size, opened once: a link to
# /dev/zero or a FIFO in a bundle, or given as a candidate list, is refused
# at once (timeout: a hang fails the test).
cp -r "$work/lot" "$work/lot-zero"
rm "$work/lot-zero/results.csv"
ln -s /dev/zero "$work/lot-zero/results.csv"
refuse timeout 20 "$jurymn" verify "$work/lot-zero"
msg=$(timeout 20 "$jurymn" verify "$work/lot-zero" 2>&1)
grep -q "lien symbolique" <<<"$msg" || { echo "FAIL: verify message: $msg"; fail=1; }
cp -r "$work/lot" "$work/lot-fifo"
rm "$work/lot-fifo/results.csv"
mkfifo "$work/lot-fifo/results.csv"
refuse timeout 20 "$jurymn" verify "$work/lot-fifo"
refuse timeout 20 "$jurymn" merge --into "$work/c3.db" --include-rehearsal "$work/lot-fifo"
check test ! -e "$work/c3.db"
mkfifo "$work/liste.csv"
refuse timeout 20 "$jurymn" candidates import --db "$db" --session "$session" "$work/liste.csv"
refuse timeout 20 "$jurymn" sessions list --db "$work/liste.csv"
refuse timeout 20 "$jurymn" candidates import --db "$db" --session "$session" /dev/zero
msg=$(timeout 20 "$jurymn" candidates import --db "$db" --session "$session" /dev/zero 2>&1)
grep -q "périphérique" <<<"$msg" || { echo "FAIL: import message: $msg"; fail=1; }

# Files jurymn writes never replace a device or follow a planted link, and a
# failure says why.
refuse "$jurymn" pv --db "$db" --session "$session" --out /dev/full
check test -c /dev/full
echo "à garder" > "$work/cible.txt"
ln -s "$work/cible.txt" "$work/pv.html.tmp"
check "$jurymn" pv --db "$db" --session "$session" --out "$work/pv.html"
check test "$(cat "$work/cible.txt")" = "à garder"
check test -L "$work/pv.html.tmp"
ln -s "$work/cible.txt" "$work/lien.html"
refuse "$jurymn" pv --db "$db" --session "$session" --out "$work/lien.html"
check test "$(cat "$work/cible.txt")" = "à garder"
refuse "$jurymn" pv --db "$db" --session "$session" --out "$work/cible.txt/pv.html"
msg=$("$jurymn" pv --db "$db" --session "$session" --out "$work/cible.txt/pv.html" 2>&1)
grep -q "n’est pas un dossier" <<<"$msg" && ! grep -q "Success" <<<"$msg" || { echo "FAIL: write message: $msg"; fail=1; }

# Exports killed at any moment: the bundle folder always verifies (the
# previous bundle or the new one, whole) and the next export goes through.
# The kill is placed by the export's own progress, seen in the folder it
# fills beside the bundle (.lot.en-cours-*), never by a guessed delay: at
# once, once that folder exists, then once it holds 1, 2, 3 files.
files_in_progress() {
  local n=-1 d
  for d in "$work"/.lot.en-cours-*; do [ -d "$d" ] && n=$(find "$d" -type f | wc -l); done
  echo "$n"
}
for point in start -1 0 1 2 3; do
  "$jurymn" export --db "$db" --session "$session" --out "$work/lot" >/dev/null 2>&1 &
  exporter=$!
  if [ "$point" != start ]; then
    for _ in $(seq 3000); do
      kill -0 "$exporter" 2>/dev/null || break
      [ "$(files_in_progress)" -gt "$point" ] && break
      sleep 0.01
    done
  fi
  kill -9 "$exporter" 2>/dev/null; wait "$exporter" 2>/dev/null
  if ! "$jurymn" verify "$work/lot" >/dev/null 2>&1; then echo "FAIL: bundle broken after a kill at point $point"; fail=1; fi
done
check "$jurymn" export --db "$db" --session "$session" --out "$work/lot"
check "$jurymn" verify "$work/lot"

# A signing key others can read is refused, with what to do.
chmod 644 "$work/config/jurymn/signing-key.pem"
refuse "$jurymn" export --db "$db" --session "$session" --out "$work/lot"
msg=$("$jurymn" export --db "$db" --session "$session" --out "$work/lot" 2>&1)
grep -q "chmod 600" <<<"$msg" || { echo "FAIL: key message: $msg"; fail=1; }
chmod 600 "$work/config/jurymn/signing-key.pem"
check "$jurymn" export --db "$db" --session "$session" --out "$work/lot"
# A key that is a folder, or a link to a device or to nothing, is said to be
# what it is (not « readable by others »), and nothing is signed or replaced.
keyfile="$work/config/jurymn/signing-key.pem"
mv "$keyfile" "$work/cle-gardee.pem"
for kind in dossier périphérique absent; do
  case $kind in
    dossier) mkdir "$keyfile" ;;
    périphérique) ln -s /dev/zero "$keyfile" ;;
    absent) ln -s "$work/nulle-part.pem" "$keyfile" ;;
  esac
  msg=$("$jurymn" export --db "$db" --session "$session" --out "$work/lot-$kind" 2>&1); rc=$?
  if [ "$rc" -ne 0 ] && grep -q "$kind" <<<"$msg" && ! grep -q "lisible par" <<<"$msg"; then echo "ok (refused): key is a $kind"
  else echo "FAIL: key is a $kind: rc=$rc $msg"; fail=1; fi
  check test ! -e "$work/lot-$kind/results.json"
  rm -rf "$keyfile"
done
check test ! -e "$work/nulle-part.pem"
mv "$work/cle-gardee.pem" "$keyfile"
check "$jurymn" export --db "$db" --session "$session" --out "$work/lot"

# One writer per base, however the path to it is spelled: through a link
# or with « .. », a second writer is refused while the first holds it.
mkdir -p "$work/sous"
ln -s "$db" "$work/alias.db"
# The window holds the base until killed below; the refusals start once it
# has taken the lock (asked of the lock itself, however slow the start).
xvfb-run -a bash -c 'echo $$ >"$2.pid"; exec "$1" --db "$2" --exit-after 120' _ "$jurymn" "$db" >/dev/null 2>&1 &
holder=$!
for i in $(seq 600); do ! flock -n "$db.lock" true 2>/dev/null && break; sleep 0.1; done
flock -n "$db.lock" true 2>/dev/null && { echo "FAIL: the window did not take $db.lock within 60 s"; fail=1; }
refuse "$jurymn" demo --db "$work/alias.db"
refuse "$jurymn" demo --db "$work/sous/../demo.db"
msg=$("$jurymn" demo --db "$work/alias.db" 2>&1)
grep -q "déjà ouverte" <<<"$msg" || { echo "FAIL: lock message: $msg"; fail=1; }
kill "$(cat "$db.pid")" 2>/dev/null; wait $holder 2>/dev/null

# A base on a read-only volume (a write-protected USB key) opens for every
# reading command. Needs a mount namespace (root); said and skipped elsewhere.
if unshare -m true 2>/dev/null; then
  ro=$work/ro
  mkdir -p "$ro"
  "$jurymn" sessions list --db "$db" >/dev/null  # nothing pending in a -wal file
  out=$(unshare -m bash -c '
    set -u
    j=$1 db=$2 ro=$3 session=$4 work=$5
    mount -t tmpfs tmpfs "$ro" && cp "$db" "$ro/base.db" && mount -o remount,ro "$ro" || { echo "SKIP mount"; exit 0; }
    for cmd in "sessions list" "candidates list --session $session" "audit verify"; do
      $j $cmd --db "$ro/base.db" >/dev/null 2>&1 && echo "ok: $cmd" || echo "FAIL: $cmd on a read-only volume"
    done
    $j pv --db "$ro/base.db" --session "$session" --out "$work/pv-ro.html" >/dev/null 2>&1 && echo "ok: pv" || echo "FAIL: pv on a read-only volume"
    $j export --db "$ro/base.db" --session "$session" --out "$work/lot-ro" >/dev/null 2>&1 && echo "ok: export" || echo "FAIL: export on a read-only volume"
    $j demo --db "$ro/base.db" >/dev/null 2>&1 && echo "FAIL: wrote on a read-only volume" || echo "ok (refused): demo"
  ' _ "$jurymn" "$db" "$ro" "$session" "$work")
  echo "$out"
  grep -q FAIL <<<"$out" && fail=1
  grep -q "SKIP" <<<"$out" || check "$jurymn" verify "$work/lot-ro"
else
  echo "skip: read-only volume (no mount namespace here)"
fi

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

# Names written to disk are derived from data safely: a candidate number made
# of separators and « .. » (or a legitimate « 2026/001 ») names a file inside
# the folder asked for, never outside it.
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE candidate SET number = 'x/../../../escaped' WHERE number = 'MN-001'")
c.commit()
PY
mkdir -p "$work/fiches/a/b"
check "$jurymn" feedback --db "$db" --session "$session" --out "$work/fiches/a/b"
check test -f "$work/fiches/a/b/retour-x_.._.._.._escaped.html"
escaped=$(find "$work" -name '*escaped*' | grep -v "^$work/fiches/a/b/" || true)
[ -z "$escaped" ] && echo "ok: nothing written outside the folder" || { echo "FAIL: written outside: $escaped"; fail=1; }
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE candidate SET number = '2026/001' WHERE number = 'x/../../../escaped'")
c.commit()
PY
check "$jurymn" feedback --db "$db" --session "$session" --out "$work/fiches2"
check test -f "$work/fiches2/retour-2026_001.html"

# A base with two names (hard links) would have two locks and two pairs of
# -wal/-shm files: refused, named, nothing opened or written.
cp "$db" "$work/nom1.db"
ln "$work/nom1.db" "$work/nom2.db"
before=$(sha256sum < "$work/nom1.db")
for cmd in "sessions list" "candidates import --session $session $work/liste-ok.csv" "audit verify"; do
  printf 'Numéro;Nom;Prénom;CCP\nMN-900;Lien;Léa;CCP1\n' > "$work/liste-ok.csv"
  msg=$($jurymn $cmd --db "$work/nom2.db" 2>&1); rc=$?
  [ "$rc" -ne 0 ] && grep -q "liens physiques" <<<"$msg" && echo "ok (refused): $cmd on a hard link" \
    || { echo "FAIL: $cmd on a hard link: rc=$rc $msg"; fail=1; }
done
check test "$(sha256sum < "$work/nom1.db")" = "$before"
check test ! -e "$work/nom1.db-wal"
check test ! -e "$work/nom2.db-wal"
rm "$work/nom2.db"
check "$jurymn" sessions list --db "$work/nom1.db"
exit $fail
