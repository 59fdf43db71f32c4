#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The centre's year and the trainer's cohort: export, verify, audit verify
# and merge of large sessions, each timed (wall-clock seconds) with its peak
# memory (GNU time's %M), by this build and — in the same run, since the
# machine is noisy — by an earlier one ("today's"), with the ratio and the
# goal of issue 31. Not part of the tests; a few minutes at 5,000
# candidates, more with 20,000.
# Usage: bench/scale.sh BUILD_DIR [BASELINE_BUILD_DIR] [SIZES…]
#   (under xvfb-run, or any display, it times the window's start too)
#   SIZES: candidates per session for the memory rows (default 500 5000 20000).
set -euo pipefail
build=$(realpath "$1")
baseline=${2:+$(realpath "$2")}
shift $(( $# < 2 ? $# : 2 ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(500 5000 20000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config HOME=$work
[ -x /usr/bin/time ] || { echo "bench/scale.sh: GNU time (/usr/bin/time, paquet time) est requis." >&2; exit 2; }

rows=$work/rows.tsv
: >"$rows"
# run WHO LABEL command… : one timed run; appends "label who seconds KiB".
run() {
  local who=$1 label=$2; shift 2
  if ! /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/out" 2>"$work/err"; then
    echo "  ($who) $label: la commande a échoué —" "$(tail -n 2 "$work/err")" >&2
    echo -e "$label\t$who\tfailed\t-" >>"$rows"
    return 0
  fi
  read -r secs kib <"$work/t"
  echo -e "$label\t$who\t$secs\t$kib" >>"$rows"
  printf '  %-8s %-48s %8s s %9s KiB\n' "$who" "$label" "$secs" "$kib"
}

uuid_of() { "$1" sessions list --db "$2" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["uuid"])'; }

# Every base is made once, by the oldest build at hand, so both builds read
# the same records (the newer one migrates its own copy on opening).
# JURYMN_BENCH_BASES: a folder where they are kept from one run to the next
# (bench/run.sh gives bench/gui.sh's, BUILD_DIR/bench/bases; a 5,000-candidate
# session takes minutes to generate). A base is moved there once whole.
maker=${baseline:-$build}
bases=${JURYMN_BENCH_BASES:-$work}
mkdir -p "$bases"
make_base() {  # make_base N → $work/base-N.db
  local kept=$bases/completed-$1.db
  if [ ! -f "$kept" ]; then
    echo "  generating a completed session of $1 candidates…"
    rm -f "$work/new.db"*
    "$maker/jurymn" demo --db "$work/new.db" --completed --candidates "$1" >/dev/null
    mv "$work/new.db" "$kept"
  fi
  cp "$kept" "$work/base-$1.db"
}

# The measures of one build on one size: export, verify, merge into a new
# centre, and (5,000 only: the table's row) audit verify of the base.
measure_size() {  # measure_size WHO BUILD N
  local who=$1 jurymn=$2/jurymn n=$3
  local db=$work/$who-$n.db lot=$work/$who-$n-lot
  cp "$work/base-$n.db" "$db"
  "$jurymn" sessions list --db "$db" >/dev/null  # migrations, if any, out of the timing
  local uuid
  uuid=$(uuid_of "$jurymn" "$db")
  # The first export pays for pages the generator left to write back.
  "$jurymn" export --db "$db" --session "$uuid" --out "$work/warm" >/dev/null && rm -rf "$work/warm"
  run "$who" "export, $n candidates" "$jurymn" export --db "$db" --session "$uuid" --out "$lot"
  run "$who" "verify, $n candidates" "$jurymn" verify "$lot"
  run "$who" "merge of that bundle, new centre, $n" "$jurymn" merge --into "$work/$who-$n-centre.db" --trust-new-key "$lot"
  [ "$n" = 5000 ] && run "$who" "audit verify, $n candidates" "$jurymn" audit verify --db "$db"
  # The window on that base, as a user opens it: process start → the
  # session screen drawn, settled and captured (a measure both builds have;
  # bench/gui.sh times the first frame itself). Under a display only.
  if [ -n "${DISPLAY:-}" ]; then
    "$jurymn" --db "$db" --screen session --screenshot "$work/warm.png" >/dev/null 2>&1 || true
    run "$who" "start → session screen captured, $n" "$jurymn" --db "$db" --screen session --screenshot "$work/shot.png"
  fi
  rm -rf "$lot" "$db" "$db-wal" "$db-shm" "$work/$who-$n-centre.db"*
}

for n in "${sizes[@]}"; do
  make_base "$n"
  measure_size now "$build" "$n"
  [ -z "$baseline" ] || measure_size today "$baseline" "$n"
  rm -f "$work/base-$n.db"*
done

# A centre's evening: 200 bundles of 25 candidates merged into a new centre.
bundles=${JURYMN_BENCH_BUNDLES:-200} per=${JURYMN_BENCH_PER_BUNDLE:-25}
echo "  generating $bundles sessions of $per candidates…"
for i in $(seq 1 "$bundles"); do
  "$maker/jurymn" demo --db "$work/lots.db" --completed --candidates "$per" --seed "$((1000 + i))" >/dev/null
done
export_lots() {  # export_lots BUILD DIR
  for s in $("$1/jurymn" sessions list --db "$work/lots.db" --json | python3 -c 'import json,sys; print(" ".join(x["uuid"] for x in json.load(sys.stdin)))'); do
    "$1/jurymn" export --db "$work/lots.db" --session "$s" --out "$2/$s" >/dev/null
  done
}
cp "$work/lots.db" "$work/lots-now.db"
export_lots "$build" "$work/lots-now"
run now "merge $bundles bundles × $per, new centre" "$build/jurymn" merge --into "$work/centre-now.db" --trust-new-key "$work"/lots-now/*
if [ -n "$baseline" ]; then
  export_lots "$baseline" "$work/lots-today"
  run today "merge $bundles bundles × $per, new centre" "$baseline/jurymn" merge --into "$work/centre-today.db" --trust-new-key "$work"/lots-today/*
fi

# The table: each measure by this build, by the earlier one, their ratio,
# and the goal (seconds, MB of peak memory) where issue 31 sets one.
python3 - "$rows" "${sizes[@]}" <<'EOF'
import sys
rows, sizes = sys.argv[1], sys.argv[2:]
data = {}
for line in open(rows, encoding="utf-8"):
    label, who, secs, kib = line.rstrip("\n").split("\t")
    data[(label, who)] = (secs, kib)
goals = {  # label → (seconds, MB) goal of issue 31
    "verify, 5000 candidates": (3, 150),
    "audit verify, 5000 candidates": (2, None),
    "export, 5000 candidates": (1.5, 100),
    "merge 200 bundles × 25, new centre": (3, None),
}
def fmt(v):
    if v is None: return "—"
    secs, kib = v
    if secs == "failed": return "échec"
    return f"{float(secs):7.2f} s {int(kib) / 1024:7.0f} MB"
print()
print(f"{'mesure':<44} {'ce build':>18} {'aujourd’hui':>18} {'ratio':>6}  objectif")
labels = []
for line in open(rows, encoding="utf-8"):
    l = line.split("\t")[0]
    if l not in labels: labels.append(l)
failed = False
for l in labels:
    now, today = data.get((l, "now")), data.get((l, "today"))
    ratio = "—"
    if now and today and "failed" not in (now[0], today[0]) and float(today[0]) > 0:
        ratio = f"{float(now[0]) / float(today[0]):.2f}"
    goal, verdict = goals.get(l), ""
    if goal and now and now[0] != "failed":
        ok = float(now[0]) <= goal[0] and (goal[1] is None or int(now[1]) / 1024 <= goal[1])
        verdict = ("≤ %g s" % goal[0]) + (f", ≤ {goal[1]} MB" if goal[1] else "") + ("  tenu" if ok else "  NON TENU")
    print(f"{l:<44} {fmt(now):>18} {fmt(today):>18} {ratio:>6}  {verdict}")
# Memory that does not grow with the session: the largest peak over the
# smallest, per measure, for this build (goal: within 20 %).
print()
for what in ("export", "verify", "merge of that bundle, new centre"):
    peaks = []
    for n in sizes:
        for l in labels:
            if l.startswith(what + ",") and l.endswith(f" {n} candidates") or l == f"{what}, {n}":
                v = data.get((l, "now"))
                if v and v[0] != "failed": peaks.append((n, int(v[1])))
    if len(peaks) > 1:
        lo, hi = min(p for _, p in peaks), max(p for _, p in peaks)
        shown = ", ".join(f"{n} : {p / 1024:.0f} MB" for n, p in peaks)
        print(f"mémoire maximale, {what} : {shown} — la plus grande vaut {hi / lo:.2f} fois la plus petite (objectif ≤ 1,20)")
EOF
