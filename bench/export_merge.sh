#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Export of a 5,000-candidate session and merge of 200 bundles at the
# centre, and the walk of a large audit chain: wall-clock seconds and peak
# memory. Targets on this machine: export ≤ 1 s, merge ≤ 2 s, audit verify
# ≤ 2 s — not met at 5,000 candidates since audit verify, verify and merge
# replay the whole trail (about 60 µs an entry). Not part of the tests.
# Usage: bench/export_merge.sh [BUILD_DIR] [CANDIDATES] [BUNDLES] [CANDIDATES_PER_BUNDLE]
set -euo pipefail
build=$(realpath "${1:-build}")
candidates=${2:-5000}
bundles=${3:-200}
jurymn=$build/jurymn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work

# seconds and peak resident memory of one command, via GNU time when present
measure() {  # measure LABEL command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
  else
    "$@" >/dev/null; echo "?" >"$work/rss"
  fi
  end=$(date +%s.%N)
  printf '%-44s %8.3f s   peak %s KiB\n' "$label" "$(echo "$end - $start" | bc)" "$(cat "$work/rss")"
}

uuid_of() { "$jurymn" sessions list --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["uuid"])'; }

measure "generate $candidates completed candidates" "$jurymn" demo --db "$work/big.db" --completed --candidates "$candidates"
big=$(uuid_of "$work/big.db")
measure "audit verify of that base (whole chain)" "$jurymn" audit verify --db "$work/big.db"
echo "  audit entries: $(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM audit_entry").fetchone()[0])' "$work/big.db")"
# Five exports: the first pays for pages the generator left to write back.
for i in 1 2 3 4 5; do
  rm -rf "$work/big-lot"
  measure "export $candidates candidates (run $i)" "$jurymn" export --db "$work/big.db" --session "$big" --out "$work/big-lot"
done
du -sh "$work/big-lot" | awk '{print "  bundle size: " $1}'
measure "verify that bundle" "$jurymn" verify "$work/big-lot"

per=${4:-25}  # a jury day is 6 to 8 candidates; 25 is a heavy bundle
for i in $(seq 1 "$bundles"); do
  "$jurymn" demo --db "$work/lots.db" --completed --candidates "$per" --seed "$((1000 + i))" >/dev/null
done
for s in $("$jurymn" sessions list --db "$work/lots.db" --json | python3 -c 'import json,sys; print(" ".join(x["uuid"] for x in json.load(sys.stdin)))'); do
  "$jurymn" export --db "$work/lots.db" --session "$s" --out "$work/lots/$s" >/dev/null
done
measure "merge $bundles bundles of $per candidates" "$jurymn" merge --into "$work/centre.db" --trust-new-key --csv "$work/centre.csv" "$work"/lots/*
echo "  consolidated rows: $(($(wc -l <"$work/centre.csv") - 1))"
measure "merge the same $bundles again (no change)" "$jurymn" merge --into "$work/centre.db" "$work"/lots/*
