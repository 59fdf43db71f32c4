#!/bin/sh
# How the files of this folder were made (run once, by hand; the tests only
# read them). Each comes from an earlier build of jurymn, checked out and
# built from git history, never from today's sources:
#
#   official-before-pins/  commit 906de52 (main just before the members'
#                          PINs were merged, 0f18bd9): schema 9,
#                          results.json format 3, rules version 1.
#
# Usage: sh tests/data/earlier-builds/make.sh   (from the repository root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/src" 906de52
cmake -S "$work/src" -B "$work/src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$work/src/build" --target jurymn -j"$(nproc)"
old="$work/src/build/jurymn"
export XDG_CONFIG_HOME="$work/cfg" XDG_DATA_HOME="$work/data"
out="$here/official-before-pins"
rm -rf "$out" && mkdir -p "$out"
# One candidate examined, decided, confirmed by both members, locked
# (official session: no PIN then).
"$old" demo --db "$out/jury.db" --completed --candidates 1
session=$("$old" sessions list --db "$out/jury.db" | awk 'NR == 2 { print $1 }')
"$old" export --db "$out/jury.db" --session "$session" --out "$out/lot"
rm -f "$out/jury.db-shm" "$out/jury.db-wal" "$out/jury.db.lock"
