#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Keeps the man pages true to the program: every option and command that
# `jurymn --help` lists must appear in each page, and man must read the
# pages without a warning. Usage: check.sh JURYMN PAGE...
set -euo pipefail
jurymn="$1"; shift
help="$("$jurymn" --help)"
options="$(printf '%s\n' "$help" | sed -n '/^Options:/,/^$/p' | grep -o -- '--[a-z][a-z-]*' | sort -u)"
commands="$(printf '%s\n' "$help" | sed -n '/^Commandes:/,/^$/p' | sed -n 's/^  \([a-z]\+\) .*/\1/p')"
[ -n "$options" ] && [ -n "$commands" ] || { echo "check.sh: could not read the options and commands of --help" >&2; exit 1; }
status=0
for page in "$@"; do
  # The page as man renders it, so that roff escapes (\-) do not hide words.
  text="$(LC_ALL=C.UTF-8 MANWIDTH=250 man -E UTF-8 -l "$page" 2>/dev/null)"
  for o in $options; do
    grep -q -- "$o\b" <<<"$text" || { echo "$page: option $o (jurymn --help) is missing" >&2; status=1; }
  done
  for c in $commands; do
    grep -qw -- "$c" <<<"$text" || { echo "$page: command $c (jurymn --help) is missing" >&2; status=1; }
  done
  warnings="$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null || true)"
  [ -z "$warnings" ] || { echo "$page: man warns: $warnings" >&2; status=1; }
done
exit "$status"
