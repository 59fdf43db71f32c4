#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Cost of the window over N seconds under Xvfb (startup included): frames,
# CPU seconds and peak memory. Screens other than home use the demo, whose
# exam screen has a stage running.
# Usage: bench/idle.sh [BUILD_DIR] [SCREEN] [SECONDS] [EXTRA OPTIONS…]
set -euo pipefail
build=${1:-build} screen=${2:-home} seconds=${3:-20}
shift $(( $# < 3 ? $# : 3 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
db=$work/jury.db
[ "$screen" = home ] || "$build/jurymn" demo --db "$db" >/dev/null
echo "screen '$screen' $* for ${seconds}s under Xvfb:"
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/jurymn" --db "$db" --screen "$screen" \
  --exit-after "$seconds" --stats "$@"
