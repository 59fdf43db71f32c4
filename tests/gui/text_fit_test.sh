#!/usr/bin/env bash
# Nothing clips: one screen at 100 % and at the largest text size, for the
# demo and for a session of long names (« Marie-Thérèse
# Lœwenbrück-Saint-Exupéry » as every candidate and member), in 1366×768.
# jurymn --check-text lists every text wider than the room it was given (a
# glyph cut by its clip rect, a window's or a column's content past its
# edge, a word too long for its line; see ui/widgets.h) and exits 4.
# Usage: text_fit_test.sh JURYMN SCREEN OUTDIR
set -euo pipefail
jurymn=$1 screen=$2 out=$3
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
# The largest size, as --help states it (« de 70 % à 130 % »).
max=$("$jurymn" --help | sed -n 's/.*taille du texte, de [0-9]*.% à \([0-9]*\).%.*/\1/p')
[ -n "$max" ] || { echo "FAIL: --help does not state the text size range"; exit 1; }
"$jurymn" demo --db "$work/demo.db" >/dev/null
cp "$work/demo.db" "$work/long.db"
# Names only, straight in the tables (the audit trail keeps the demo's own).
python3 - "$work/long.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE candidate SET first_name = 'Marie-Thérèse', last_name = 'Lœwenbrück-Saint-Exupéry'")
db.execute("""UPDATE jury_member SET name = CASE role WHEN 'president' THEN 'Marie-Thérèse Lœwenbrück-Saint-Exupéry'
              ELSE 'Jean-Baptiste Lœwenbrück-Saint-Exupéry' END""")
db.commit()
PY
few=3
[ "$screen" = candidate-timer ] && few=1  # a stage and its time
for names in demo long; do
  for zoom in 100 "$max"; do
    png=$out/$screen-$names-$zoom.png
    if ! xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$work/$names.db" --screen "$screen" --zoom "$zoom" \
         --check-text --screenshot "$png" >"$work/shown" 2>"$work/err"; then
      cat "$work/err"
      echo "FAIL: $screen at $zoom % ($names) cuts a text (see $png)"
      fail=1
      continue
    fi
    [ -s "$png" ] || { echo "FAIL: no PNG for $screen at $zoom % ($names)"; fail=1; }
    # The check read a screen with text on it.
    [ "$(wc -l <"$work/shown")" -gt "$few" ] || { echo "FAIL: $screen at $zoom % ($names): almost no text drawn"; fail=1; }
    if [ "$names" = long ] && [ "$screen" != home ] && [ "$screen" != candidate-timer ] && [ "$screen" != audit ]; then
      grep -q 'Lœwenbrück' "$work/shown" || { echo "FAIL: $screen ($names) shows no long name"; fail=1; }
    fi
  done
done
[ "$fail" = 0 ] && echo "ok: $screen fits at 100 % and $max %, demo and long names"
exit "$fail"
