#!/bin/sh
# How the files of this folder were made (run once, by hand; the tests only
# read them). Each comes from an earlier build of jurymn, checked out and
# built from git history, never from today's sources:
#
#   official-before-pins/  commit 906de52 (main just before the members'
#                          PINs were merged, 0f18bd9): schema 9,
#                          results.json format 3, rules version 1.
#   official-format-2/     commit 3c8fb23 (the last whose export wrote
#                          results.json format 2; f04aa33 made it 3): schema
#                          6, no PINs, the title not yet data.
#
# Usage: sh tests/data/earlier-builds/make.sh [FOLDER…]   (from the repository
# root; without a folder, all of them). The files are committed once and
# never made again: a folder made anew differs (keys, identifiers, dates).
# With ccache (CCACHE_BASEDIR=/work …) and TMPDIR=/work/wt the old build reuses
# the shared cache.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# make_official COMMIT FOLDER: an official session made by that commit's
# build (`demo --completed --candidates 1`: two members, one candidate
# examined, decided, confirmed by both, locked) and its exported bundle.
make_official() {
  commit=$1 out="$here/$2"
  git worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work/src" "$work/cfg" "$work/data"
  git worktree add --detach "$work/src" "$commit"
  cmake -S "$work/src" -B "$work/src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$work/src/build" --target jurymn -j"$(nproc)"
  old="$work/src/build/jurymn"
  rm -rf "$out" && mkdir -p "$out"
  XDG_CONFIG_HOME="$work/cfg" XDG_DATA_HOME="$work/data" "$old" demo --db "$out/jury.db" --completed --candidates 1
  session=$("$old" sessions list --db "$out/jury.db" | awk 'NR == 2 { print $1 }')
  XDG_CONFIG_HOME="$work/cfg" XDG_DATA_HOME="$work/data" "$old" export --db "$out/jury.db" --session "$session" --out "$out/lot"
  rm -f "$out/jury.db-shm" "$out/jury.db-wal" "$out/jury.db.lock"
}

[ $# -gt 0 ] || set -- official-before-pins official-format-2
for folder in "$@"; do
  case "$folder" in
    official-before-pins) make_official 906de52 official-before-pins ;;
    official-format-2) make_official 3c8fb23 official-format-2 ;;
    *) echo "make.sh: unknown folder $folder" >&2; exit 2 ;;
  esac
done
