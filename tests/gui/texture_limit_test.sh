#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# A driver whose textures stop at 1024 px (Windows' software OpenGL 1.1, as
# Remote Desktop or a basic display driver give), played on Mesa with
# JURYMN_MAX_TEXTURE_SIZE (issue 28 item 4): the exam screen at 130 % and
# the candidate's clock (260 px digits) still draw their text and digits,
# and the log says what was given up to fit. Without the override nothing
# is said.
# Usage: texture_limit_test.sh JURYMN OUTDIR
set -euo pipefail
jurymn=$1 out=$2
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
"$jurymn" demo --db "$db" >/dev/null
shot() {  # NAME SCREEN [ENV…] → PNG checked, stderr in $work/err
  local name=$1 screen=$2 png=$out/texture-limit-$1.png
  shift 2
  rm -f "$png"
  env "$@" xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --screen "$screen" --zoom 130 \
    --screenshot "$png" 2>"$work/err"
  [ -s "$png" ] || { echo "FAIL: $name: no PNG"; cat "$work/err"; exit 1; }
  local colours dark
  colours=$(convert "$png" -format '%k' info:)
  dark=$(convert "$png" -colorspace Gray -threshold 30% -negate -format '%[fx:mean*100]' info:)
  [ "$colours" -gt 8 ] && awk -v d="$dark" 'BEGIN { exit !(d > 0.3) }' ||
    { echo "FAIL: $name: $png blank ($colours colours, $dark% dark)"; exit 1; }
  echo "ok: $name: $png, $colours colours, $dark% text pixels; stderr: $(tr '\n' ' ' <"$work/err")"
}
within_1024() {  # the atlas the log names is at most 1024 px a side
  local size
  size=$(grep -o "atlas de [0-9]*×[0-9]* px" "$work/err" | grep -o "[0-9]*×[0-9]*") ||
    { echo "FAIL: $1: the atlas's size is not said"; exit 1; }
  [ "${size%×*}" -le 1024 ] && [ "${size#*×}" -le 1024 ] || { echo "FAIL: $1: atlas $size beyond 1024 px"; exit 1; }
}
shot exam-1024 exam JURYMN_MAX_TEXTURE_SIZE=1024
grep -q "textures limitées à 1024 px.*polices sans suréchantillonnage" "$work/err" ||
  { echo "FAIL: exam at 1024 px: what was given up is not said"; exit 1; }
within_1024 "exam at 130 %"
shot candidate-1024 candidate-timer JURYMN_MAX_TEXTURE_SIZE=1024
grep -q "textures limitées à 1024 px.*grands chiffres ramenés à [0-9]* px" "$work/err" ||
  { echo "FAIL: candidate clock at 1024 px: the digits' new size is not said"; exit 1; }
within_1024 "candidate clock"
shot exam-native exam
if grep -q "textures limitées" "$work/err"; then echo "FAIL: the driver's own limit should need nothing"; exit 1; fi
echo "ok: texture limit"
