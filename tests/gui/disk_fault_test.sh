#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A full disk under the window, for real: in a user and mount namespace of
# its own (no real root needed), a 16 MiB tmpfs holds the demo base; it is
# filled, then jurymn is captured on the marking screen after pressing the
# keys that record a mark, and on the exam screen (stage running) after
# Ctrl+N (next stage) and Enter (its confirmation, the stage being early). Both actions must be refused: the red banner is on
# the capture, jurymn exits 0, the base is intact and unchanged. Once space
# is freed, the same keys record the mark and the banner is gone.
# Usage: disk_fault_test.sh JURYMN OUTDIR   (captures: OUTDIR/disk_fault_*.png)
set -euo pipefail
jurymn=$1 out=$2

if [ -z "${JURYMN_DISK_FAULT_NS:-}" ]; then
  if ! why=$(unshare --user --map-root-user --mount true 2>&1); then
    echo "FAIL: unshare --user --map-root-user --mount is unavailable here, so the disk-full capture cannot run: $why"
    echo "      (needs user namespaces: sysctl user.max_user_namespaces > 0, a container that allows unshare)"
    exit 1
  fi
  JURYMN_DISK_FAULT_NS=1 exec unshare --user --map-root-user --mount "$0" "$@"
fi

mkdir -p "$out"
work=$(mktemp -d)
mnt=$work/mnt
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
mkdir -p "$mnt"
mount -t tmpfs -o size=16m tmpfs "$mnt"
db=$mnt/j.db
"$jurymn" demo --db "$db" >/dev/null
echo "step: demo base on a 16 MiB tmpfs ($(stat -f -c '%a blocks of %S bytes free' "$mnt"))"

# integrity_check, audit entries, marks, stage events: what must not change.
# (A read-write connection: closing it removes the -wal and -shm files.)
state() {
  python3 - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
q = lambda sql: c.execute(sql).fetchone()[0]
print(q("PRAGMA integrity_check"), q("SELECT count(*) FROM audit_entry"), q("SELECT count(*) FROM mark"),
      q("SELECT count(*) FROM stage_event"))
EOF
}
before=$(state "$db")
echo "step: base before (integrity audit_entries marks stage_events): $before"
[ "${before%% *}" = ok ] || { echo "FAIL: integrity_check: $before"; exit 1; }

# Fill the file system, then free 40 KiB: room for SQLite's 32 KiB shared
# memory file at opening, not for an action (several 4 KiB pages).
cat /dev/zero >"$mnt/filler" 2>/dev/null || true
truncate -s -40K "$mnt/filler"
echo "step: filled the tmpfs, then freed 40 KiB ($(stat -f -c '%a blocks free' "$mnt"))"

# Pixels of the banner's red (colour::error, #B81212).
banner_pixels() {
  convert "$1" -fill black +opaque '#B81212' -fill white -opaque '#B81212' -format '%[fx:int(mean*w*h)]' info:
}
# Marking screen: the grid's focus starts on the first unrated criterion
# (the first criterion when all are rated), and 1 rates it "Maîtrisé".
marking_keys=1

shoot() {  # NAME SCREEN KEYS
  local png=$out/disk_fault_$1.png rc=0
  rm -f "$png"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --screen "$2" --screenshot "$png" --press "$3" \
    || rc=$?
  [ "$rc" = 0 ] || { echo "FAIL: jurymn --screen $2 --press $3 exited $rc"; exit 1; }
  [ -s "$png" ] || { echo "FAIL: no PNG written for $1"; exit 1; }
  local size
  size=$(identify -format '%wx%h' "$png")
  [ "$size" = 1366x768 ] || { echo "FAIL: $png is $size, expected 1366x768"; exit 1; }
  echo "step: captured $png after keys $3 (exit 0, $size, $(banner_pixels "$png") banner pixels)"
}

shoot marking_full marking "$marking_keys"
# Ctrl+N before the stage's planned end asks to confirm; Enter confirms;
# Escape closes the refused dialog, whose dimming would hide the banner's red.
shoot exam_full exam ctrl+n,enter,escape
for png in marking_full exam_full; do
  px=$(banner_pixels "$out/disk_fault_$png.png")
  [ "$px" -gt 40000 ] || { echo "FAIL: $png: no banner on the capture ($px red pixels)"; exit 1; }
done
rm -f "$mnt/filler"
after=$(state "$db")
echo "step: space freed; base after the refused actions: $after"
[ "$after" = "$before" ] || { echo "FAIL: the base changed although both actions were refused: $before -> $after"; exit 1; }
"$jurymn" sessions list --db "$db" >/dev/null
echo "step: jurymn sessions list reads the base"

# With space again, the same keys record the mark: no banner, one more entry.
shoot marking_freed marking "$marking_keys"
px=$(banner_pixels "$out/disk_fault_marking_freed.png")
[ "$px" -lt 1000 ] || { echo "FAIL: banner still shown once the disk has space ($px red pixels)"; exit 1; }
written=$(state "$db")
read -r ok audits marks events <<<"$written"
read -r _ audits0 marks0 events0 <<<"$before"
[ "$ok" = ok ] && [ "$audits" = $((audits0 + 1)) ] && [ "$events" = "$events0" ] \
  || { echo "FAIL: expected one more audit entry once space is back: $before -> $written"; exit 1; }
echo "step: with space again the same keys are written: $written (audit entries $audits0 -> $audits, marks $marks0 -> $marks: a level changed)"
echo "ok: disk full shown and nothing lost; captures in $out/disk_fault_{marking_full,exam_full,marking_freed}.png"
