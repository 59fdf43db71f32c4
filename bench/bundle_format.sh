#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Export and verify of one session at several sizes: wall-clock seconds and
# peak memory (GNU time's maximum resident size), to see that the bundle's
# cost follows the session's records and its memory does not grow with the
# trail (format 5: a manifest and JSON lines files, written and read a line
# at a time). With a second binary (an earlier build), the same runs with it
# beside, and the ratio. Not part of the tests.
# Usage: bench/bundle_format.sh [BUILD_DIR] [SIZES] [BASES_DIR] [EARLIER_JURYMN]
#   SIZES: candidates, e.g. "500 5000 20000" (default "500 5000")
#   BASES_DIR: where the generated bases are kept between runs (default: a
#   temporary folder; generating 20,000 candidates takes minutes)
set -euo pipefail
build=$(realpath "${1:-build}")
sizes=${2:-"500 5000"}
bases=${3:-}
earlier=${4:-}
jurymn=$build/jurymn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$bases" ] || bases=$work/bases
mkdir -p "$bases"
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for the peak memory" >&2; exit 1; }

# "seconds KiB" of one command
measure() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
  end=$(date +%s.%N)
  printf '%.3f %s' "$(echo "$end - $start" | bc)" "$(cat "$work/rss")"
}

uuid_of() { "$jurymn" sessions list --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["uuid"])'; }

printf '%-10s %-8s %12s %12s' "candidates" "step" "seconds" "peak KiB"
[ -n "$earlier" ] && printf ' %12s %12s %8s' "before s" "before KiB" "ratio"
printf '\n'
for n in $sizes; do
  db=$bases/fmt-$n.db
  [ -f "$db" ] || "$jurymn" demo --db "$db" --completed --candidates "$n" >/dev/null
  session=$(uuid_of "$db")
  # A first export pays for pages the generator left to write back.
  "$jurymn" export --db "$db" --session "$session" --out "$work/warm" >/dev/null
  rm -rf "$work/lot" "$work/lot-before"
  read -r es ek <<<"$(measure "$jurymn" export --db "$db" --session "$session" --out "$work/lot")"
  read -r vs vk <<<"$(measure "$jurymn" verify "$work/lot")"
  if [ -n "$earlier" ]; then
    read -r bes bek <<<"$(measure "$earlier" export --db "$db" --session "$session" --out "$work/lot-before")"
    read -r bvs bvk <<<"$(measure "$earlier" verify "$work/lot-before")"
    printf '%-10s %-8s %12s %12s %12s %12s %8.2f\n' "$n" export "$es" "$ek" "$bes" "$bek" "$(echo "$es / $bes" | bc -l)"
    printf '%-10s %-8s %12s %12s %12s %12s %8.2f\n' "$n" verify "$vs" "$vk" "$bvs" "$bvk" "$(echo "$vs / $bvs" | bc -l)"
  else
    printf '%-10s %-8s %12s %12s\n' "$n" export "$es" "$ek"
    printf '%-10s %-8s %12s %12s\n' "$n" verify "$vs" "$vk"
  fi
  du -sh "$work/lot" | awk -v n="$n" '{print "  bundle of " n " candidates: " $1}'
done
