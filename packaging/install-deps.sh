#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the Debian 12 packages jurymn needs to build, run and test.
#   bash packaging/install-deps.sh          everything: tests, sanitizers, fuzzing,
#                                           the Debian package, the Windows build
#   bash packaging/install-deps.sh --run    only what building and running the
#                                           application need (README, command 1)
# Idempotent: when every package is already there it installs nothing.
set -euo pipefail

run_only=0
case "${1:-}" in
  --run) run_only=1 ;;
  "") ;;
  *) echo "install-deps: option inconnue : $1 (--run, ou rien)" >&2; exit 2 ;;
esac

# Building and running the application.
packages=(
  build-essential cmake pkg-config
  libimgui-dev libstb-dev libglfw3-dev libgl-dev
  libsqlite3-dev nlohmann-json3-dev libsodium-dev libfmt-dev libcli11-dev libcsv-dev libutf8proc-dev
  fonts-dejavu-core
)
# The rest: tests, sanitizers, fuzzing, packages.
[ "$run_only" = 1 ] || packages+=(
  libgtest-dev googletest
  xvfb xauth imagemagick xdotool
  # setxkbmap: the French keyboard of tests/gui/azerty_keys_test.sh.
  x11-xkb-utils
  # The feedback sheets printed to PDF and their A4 pages counted (tests/gui/feedback_print_test.sh).
  chromium poppler-utils
  librsvg2-bin icoutils
  # A bundle checked without jurymn, as the README shows (tests/gui/cli_export_test.sh).
  openssl jq python3 python3-jsonschema
  clang libclang-rt-14-dev
  e2fsprogs util-linux
  fakeroot file lintian desktop-file-utils appstream
  # The Windows build (packaging/windows/build.sh) and its tests under Wine:
  # the cross compiler, the tools that build the dependencies from their
  # Debian sources (apt-get source, autotools, tclsh for SQLite), NSIS, zip.
  g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64
  dpkg-dev autoconf automake libtool tcl
  nsis zip unzip
  wine wine64
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
