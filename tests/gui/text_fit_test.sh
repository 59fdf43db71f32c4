#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Nothing clips: one screen at 100 % and at the largest text size, for the
# demo and for a session of long names (« Marie-Thérèse
# Lœwenbrück-Saint-Exupéry » as every candidate and member), in 1366×768.
# jurymn --check-text lists every text wider than the room it was given (a
# glyph cut by its clip rect, a window's or a column's content past its
# edge, a word too long for its line; see ui/widgets.h) and exits 4.
# TARGET popup:NAME opens that dialog (jurymn --popup NAME, on the screen of
# its button) over its screen and checks both.
# Usage: text_fit_test.sh JURYMN TARGET OUTDIR   (TARGET: a screen, or popup:NAME)
set -euo pipefail
jurymn=$1 target=$2 out=$3
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
screen=$target popup= title= shown_with=(--screen "$target")
if [ "${target#popup:}" != "$target" ]; then
  popup=${target#popup:}
  shown_with=(--popup "$popup")
  # The popup's title, a line of its own on screen: the check must have
  # read the dialog, not the screen under it alone.
  case $popup in
    new-session) screen=home title='Nouvelle session d’examen' ;;
    candidate-form) screen=session title='Candidat' ;;
    import) screen=session title='Importer des candidats (CSV)' ;;
    pin-reset | pin-reset-president) screen=session title='Code du membre' ;;
    export) screen=session title='Exporter les résultats signés' ;;
    pause) screen=exam title='Mettre en pause' ;;
    extend) screen=exam title='Prolonger l’étape' ;;
    end | end-next) screen=exam title='Terminer l’étape' ;;
    redraw) screen=exam title='Nouveau tirage' ;;
    confirm) screen=deliberation title='Confirmer la décision' ;;
    reopen) screen=deliberation title='Rouvrir le résultat' ;;
    *) echo "FAIL: no title known for the popup $popup (add it here)"; exit 1 ;;
  esac
fi
# jurymn --check-text joins a line's pieces with spaces where ImGui split it
# (« d ’examen »): lines are compared without spaces, whole.
has_line() { sed -n 's/^texte[^:]*: //p' "$1" | tr -d ' ' | grep -qxF "$(printf %s "$2" | tr -d ' ')"; }
# The largest size, as --help states it (« de 70 % à 130 % »).
max=$("$jurymn" --help | sed -n 's/.*taille du texte, de [0-9]*.% à \([0-9]*\).%.*/\1/p')
[ -n "$max" ] || { echo "FAIL: --help does not state the text size range"; exit 1; }
"$jurymn" demo --db "$work/demo.db" >/dev/null
cp "$work/demo.db" "$work/long.db"
if [ -n "$popup" ]; then
  # Without the popup, its title is nowhere on the screen under it.
  xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$work/demo.db" --screen "$screen" --check-text \
    --screenshot "$work/bare.png" >"$work/bare" 2>/dev/null || true
  [ "$(wc -l <"$work/bare")" -gt 3 ] || { echo "FAIL: $screen shows almost no text without the popup"; exit 1; }
  ! has_line "$work/bare" "$title" || { echo "FAIL: « $title » is on $screen without the popup"; exit 1; }
fi
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
variants=(demo long)
# An official session's jury panel asks for each member's code (« Code du
# membre (au moins 6 chiffres) », cut in the narrow panel at 100 %).
if [ "$target" = session ]; then
  "$jurymn" sessions create --db "$work/official.db" --title "Session officielle" --date 2026-12-07 \
    --centre "Centre d’examen" --kind official --ccp CCP1,CCP2 >/dev/null
  variants+=(official)
fi
# A line cut by the top or bottom edge of a table, a panel or a scrolling
# area (« ligne coupée par le bord haut/bas ») is reported on every screen.
# It fails the test on the screens laid out for it; these are not yet, and
# stay listed until they are (issue 26 item 18): there such a line is said,
# not failed. Any other cut text fails everywhere.
edge_cuts_pending=" home session candidate exam marking feedback group audit popup:new-session popup:candidate-form
  popup:import popup:pin-reset popup:pin-reset-president popup:export popup:pause popup:extend popup:end popup:end-next
  popup:redraw popup:reopen "
edge_cuts_pending=" $(echo $edge_cuts_pending) "  # one space between names, at both ends
# (xvfb-run exits 5 when it cannot remove its folder after the app exited:
# the app's lines are still all there is to judge.)
only_edge_cuts() {
  grep -q '^texte coupé' "$1" &&
    ! grep -v '^xvfb-run: error: problem while cleaning up temporary directory' "$1" |
      grep -qv '^texte coupé \[.* (ligne coupée par le bord \(haut\|bas\))\]'
}
for names in "${variants[@]}"; do
  for zoom in 100 "$max"; do
    png=$out/${target/:/-}-$names-$zoom.png
    rc=0
    xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$work/$names.db" "${shown_with[@]}" --zoom "$zoom" \
      --check-text --screenshot "$png" >"$work/shown" 2>"$work/err" || rc=$?
    if [ "$rc" != 0 ]; then
      if [[ $rc == [45] ]] && [[ $edge_cuts_pending == *" $target "* ]] && only_edge_cuts "$work/err"; then
        sed 's/^/pending (edge of a scrolling area): /' "$work/err"
      else
        cat "$work/err"
        echo "FAIL: $target at $zoom % ($names) cuts a text (see $png)"
        fail=1
        continue
      fi
    fi
    [ -s "$png" ] || { echo "FAIL: no PNG for $target at $zoom % ($names)"; fail=1; }
    # The check read a screen with text on it, and the dialog asked for.
    [ "$(wc -l <"$work/shown")" -gt "$few" ] || { echo "FAIL: $target at $zoom % ($names): almost no text drawn"; fail=1; }
    if [ -n "$popup" ] && ! has_line "$work/shown" "$title"; then
      echo "FAIL: $target at $zoom % ($names): the dialog « $title » is not on screen"
      fail=1
    fi
    if [ "$names" = long ] && [ "$screen" != home ] && [ "$screen" != candidate-timer ] && [ "$screen" != audit ]; then
      grep -q 'Lœwenbrück' "$work/shown" || { echo "FAIL: $target ($names) shows no long name"; fail=1; }
    fi
  done
done
[ "$fail" = 0 ] && echo "ok: $target fits at 100 % and $max %, demo and long names"
exit "$fail"
