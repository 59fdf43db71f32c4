#!/usr/bin/env bash
# Idle cost of the window: runs jurymn on a screen for N seconds under Xvfb
# (startup included) and prints frames, CPU seconds and peak memory.
# Usage: bench/idle.sh [BUILD_DIR] [SCREEN] [SECONDS]
set -euo pipefail
build=${1:-build} screen=${2:-home} seconds=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
db=$work/jury.db
[ "$screen" = home ] || "$build/jurymn" demo --db "$db" >/dev/null
echo "idle on screen '$screen' for ${seconds}s under Xvfb:"
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/jurymn" --db "$db" --screen "$screen" \
  --exit-after "$seconds" --stats
