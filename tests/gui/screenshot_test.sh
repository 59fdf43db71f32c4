#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Renders one screen under Xvfb and checks the PNG: 1366×768, not blank.
# Usage: screenshot_test.sh JURYMN SCREEN OUTDIR
set -euo pipefail
jurymn=$1 screen=$2 out=$3
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
if [ "$screen" != home ]; then
  "$jurymn" demo --db "$db" >/dev/null
fi
png=$out/$screen.png
rm -f "$png"
xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --screen "$screen" --screenshot "$png"
[ -s "$png" ] || { echo "FAIL: no PNG written for $screen"; exit 1; }
size=$(identify -format '%wx%h' "$png")
[ "$size" = "1366x768" ] || { echo "FAIL: $png is $size, expected 1366x768"; exit 1; }
colours=$(convert "$png" -format '%k' info:)
[ "$colours" -gt 8 ] || { echo "FAIL: $png has only $colours colours (blank screen?)"; exit 1; }
# Text must be drawn: dark pixels exist (the theme is light).
dark=$(convert "$png" -colorspace Gray -threshold 30% -negate -format '%[fx:mean*100]' info:)
awk -v d="$dark" 'BEGIN { exit !(d > 0.3) }' || { echo "FAIL: $png has almost no dark (text) pixels: $dark%"; exit 1; }
echo "ok: $png $size, $colours colours, ${dark}% text pixels"
