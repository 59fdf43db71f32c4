#!/usr/bin/env bash
# Old graphics drivers: Mesa made to offer only OpenGL 2.1, then only 1.4
# (as Remote Desktop or a basic display driver would). jurymn must still
# draw the exam screen (its big timer digits too) and say which renderer it
# took; with the real driver it says nothing and takes the OpenGL 3 one.
# Usage: old_gl_test.sh JURYMN OUTDIR
set -euo pipefail
jurymn=$1 out=$2
mkdir -p "$out"
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
"$jurymn" demo --db "$db" >/dev/null
shot() {  # GL version (or "") → PNG checked, stderr in $work/err
  local gl=$1 png=$out/old-gl-${1:-native}.png
  rm -f "$png"
  if [ -n "$gl" ]; then
    MESA_GL_VERSION_OVERRIDE=$gl xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --screen exam \
      --screenshot "$png" 2>"$work/err"
  else
    xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --screen exam --screenshot "$png" 2>"$work/err"
  fi
  [ -s "$png" ] || { echo "FAIL: GL ${gl:-native}: no PNG"; cat "$work/err"; exit 1; }
  local colours dark
  colours=$(convert "$png" -format '%k' info:)
  dark=$(convert "$png" -colorspace Gray -threshold 30% -negate -format '%[fx:mean*100]' info:)
  [ "$colours" -gt 8 ] && awk -v d="$dark" 'BEGIN { exit !(d > 0.3) }' ||
    { echo "FAIL: GL ${gl:-native}: $png blank ($colours colours, $dark% dark)"; exit 1; }
  echo "ok: GL ${gl:-native}: $png, $colours colours, $dark% text pixels; stderr: $(tr '\n' ' ' <"$work/err")"
}
shot 2.1
grep -q "rendu OpenGL 2 (sans shaders) sur OpenGL 2.1" "$work/err" || { echo "FAIL: GL 2.1: renderer not said"; exit 1; }
shot 1.4
grep -q "rendu OpenGL 2 (sans shaders) sur OpenGL 1.4" "$work/err" || { echo "FAIL: GL 1.4: renderer not said"; exit 1; }
shot ""
if grep -q "rendu" "$work/err"; then echo "FAIL: the usual renderer should go unsaid"; exit 1; fi
echo "ok: old OpenGL drivers"
