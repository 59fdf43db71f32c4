#!/usr/bin/env bash
# The mock jury's feedback sheets print on exactly one A4 page per trainee
# in Chromium (issue 26, item 19: two trainees' sheets took two pages, the
# second holding only the footer and the watermark; « Toutes les fiches »
# gave 5 pages for 3 trainees). The unit test FeedbackSheet.FullestSheetsForThePrintCheck
# writes the fullest sheet a trainer fills (both CCPs, every competency's
# feedback as two points each side, long names) and the three trainees'
# « Toutes les fiches »; Chromium headless prints them; pdfinfo counts.
# Chromium and poppler-utils are Debian 12 packages (packaging/install-deps.sh).
# The demo session's own sheets (jurymn feedback) are printed too, one page each.
# Usage: feedback_print_test.sh JURYMN_TESTS JURYMN OUTDIR
set -euo pipefail
tests=$1 jurymn=$2 out=$3
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
for tool in chromium pdfinfo; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (bash packaging/install-deps.sh)"; exit 1; }
done
JURYMN_FEEDBACK_PRINT_DIR=$work "$tests" --gtest_filter='FeedbackSheet.FullestSheetsForThePrintCheck' >"$work/gtest" 2>&1 ||
  { cat "$work/gtest"; echo "FAIL: the unit test that writes the sheets failed"; exit 1; }
"$jurymn" demo --db "$work/demo.db" >/dev/null
"$jurymn" feedback --db "$work/demo.db" --session "$("$jurymn" sessions list --db "$work/demo.db" --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])')" --out "$work/demo" >/dev/null
cases="fullest:1 all-3:3"
for f in "$work"/demo/retour-*.html; do
  cp "$f" "$work/demo-$(basename "$f")"
  cases="$cases demo-$(basename "$f" .html):1"
done
fail=0
for case in $cases; do
  name=${case%%:*} want=${case#*:}
  [ -s "$work/$name.html" ] || { echo "FAIL: $name.html not written"; exit 1; }
  # A profile of its own, nothing fetched: the sheet is a file, offline.
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile-$name" \
    --print-to-pdf="$out/$name.pdf" "file://$work/$name.html" >"$work/chromium-$name" 2>&1 || true
  [ -s "$out/$name.pdf" ] || { cat "$work/chromium-$name"; echo "FAIL: Chromium wrote no PDF for $name"; fail=1; continue; }
  pages=$(pdfinfo "$out/$name.pdf" | sed -n 's/^Pages: *//p')
  size=$(pdfinfo "$out/$name.pdf" | sed -n 's/^Page size: *//p')
  case $size in *"(A4)"*) ;; *) echo "FAIL: $name is not printed on A4 ($size)"; fail=1 ;; esac
  if [ "$pages" != "$want" ]; then
    echo "FAIL: $name prints on $pages page(s), $want wanted (see $out/$name.pdf)"
    fail=1
  else
    echo "ok: $name prints on $pages A4 page(s)"
  fi
done
exit "$fail"
