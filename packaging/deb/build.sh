#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Builds dist/jurymn_VERSION_amd64.deb for Debian 12, then checks it with
# lintian, desktop-file-validate and appstreamcli (any error fails).
#
# CPack rather than dpkg-buildpackage: the package's content is exactly the
# CMake install rules (packaging/install.cmake), which `cmake --install` also
# uses, so there is one description of the layout and no debian/ folder to
# keep in step with it. CPack still computes the library dependencies with
# dpkg-shlibdeps, and the compiler gets Debian's own flags (dpkg-buildflags).
#
# Environment: JURYMN_DEB_BUILD (build folder, default build-deb).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
build="${JURYMN_DEB_BUILD:-build-deb}"
mkdir -p dist

# Debian's hardening and reproducibility flags, as a package built by
# dpkg-buildpackage gets them (bindnow included).
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cppflags="$(dpkg-buildflags --get CPPFLAGS)"
cflags="$(dpkg-buildflags --get CFLAGS) $cppflags"
cxxflags="$(dpkg-buildflags --get CXXFLAGS) $cppflags"
ldflags="$(dpkg-buildflags --get LDFLAGS)"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

echo "== deb: configure and build ($build)"
# JURYMN_DATA_FROM_SOURCE=OFF: the packaged binary finds its data in
# /usr/share/jurymn only, never in this source tree.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJURYMN_BUILD_TESTS=OFF -DJURYMN_DATA_FROM_SOURCE=OFF \
  -DCMAKE_C_FLAGS="$cflags" -DCMAKE_CXX_FLAGS="$cxxflags" \
  -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_STRIP="$root/packaging/deb/strip.sh" \
  "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target jurymn

echo "== deb: package (CPack)"
# Files dated from the changelog's latest entry: the same sources give the
# same .deb.
SOURCE_DATE_EPOCH="$(dpkg-parsechangelog -l packaging/deb/changelog -STimestamp)"
export SOURCE_DATE_EPOCH
rm -f "$build"/jurymn_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
debs=("$build"/jurymn_*.deb)
[ -f "${debs[0]}" ] || { echo "deb: CPack wrote no jurymn_*.deb in $build" >&2; exit 1; }
deb="dist/$(basename "${debs[0]}")"
mv -f "${debs[0]}" "$deb"

echo "== deb: checks"
check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
dpkg-deb -x "$deb" "$check"
desktop-file-validate "$check"/usr/share/applications/*.desktop
appstreamcli validate --no-net --pedantic "$check"/usr/share/metainfo/*.metainfo.xml
# As root lintian says it is not recommended; CI runs as root.
lintian --fail-on error --display-level '>=pedantic' "$deb" || {
  echo "deb: lintian found errors in $deb" >&2; exit 1; }

echo "== deb: $deb"
echo "size: $(stat -c %s "$deb") bytes; installed: $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
