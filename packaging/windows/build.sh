#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Cross-builds jurymn for 64-bit Windows on Debian 12, then packages it:
#   dist/jurymn-setup-VERSION.exe          (NSIS, per-user, no administrator)
#   dist/jurymn-VERSION-windows-x64.zip    (portable: data and key beside the .exe)
# The libraries Debian has no mingw build of are built here, static, from
# their Debian 12 source packages (apt-get source: whatever version the
# archive ships today, security updates included), into a cache keyed by
# those versions: $JURYMN_WIN_DEPS (default ~/.cache/jurymn/mingw-w64).
# GoogleTest comes from /usr/src/googletest. Nothing else is downloaded.
#   bash packaging/windows/build.sh [--no-package] [--no-tests]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
jobs=${JOBS:-$(nproc)}
package=1 tests=ON
for a in "$@"; do
  case $a in
    --no-package) package=0 ;;
    --no-tests) tests=OFF ;;
    *) echo "build.sh: option inconnue : $a" >&2; exit 2 ;;
  esac
done
triple=x86_64-w64-mingw32
build=${JURYMN_WIN_BUILD:-$root/build-win}
version=$(sed -n 's/^project(jurymn VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
stage_start=0
stage() { stage_start=$(date +%s); echo "== windows: $*"; }
stage_done() { echo "== windows: $1 took $(( $(date +%s) - stage_start )) s"; }

# ---- the Debian source packages -------------------------------------------
# glfw3 sqlite3 libsodium imgui (+ libstb, which Debian's imgui links) fmtlib
# cli11 libcsv utf8proc nlohmann-json3.
sources=(glfw3 sqlite3 libsodium imgui libstb fmtlib cli11 libcsv utf8proc nlohmann-json3)
recipe=2  # bump when the way a dependency is built below changes (2: the OpenGL 2 renderer, libcsv's source kept)

# apt-get source needs a deb-src entry: add one mirroring the deb entries
# already there (same mirrors, suites, components) when there is none.
if ! apt-get source --print-uris glfw3 >/dev/null 2>&1; then
  echo "== windows: no deb-src entry, adding /etc/apt/sources.list.d/jurymn-deb-src.*"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types:.*$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/jurymn-deb-src.sources >/dev/null
  else
    grep -h '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | sed 's/^deb /deb-src /' |
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/jurymn-deb-src.list >/dev/null
  fi
  "${sudo_cmd[@]}" apt-get update -qq
fi

# The cache key: the exact source versions the archive offers now.
key=$( { echo "recipe $recipe"; apt-get source --print-uris "${sources[@]}" 2>/dev/null | grep -o "[^ ]*\.dsc" | sort; \
         dpkg-query -W -f='${Version}\n' googletest g++-mingw-w64-x86-64-posix; } | sha256sum | cut -c1-16)
deps_root=${JURYMN_WIN_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/jurymn/mingw-w64}
prefix=$deps_root/$key

build_deps() {
  local work=$deps_root/work-$key
  rm -rf "$work" "$prefix.partial"
  mkdir -p "$work/src" "$prefix.partial"/{lib/pkgconfig,include,bin}
  local p=$prefix.partial
  (cd "$work/src" && apt-get source --download-only "${sources[@]}" >/dev/null 2>&1 || apt-get source --download-only "${sources[@]}")
  for dsc in "$work"/src/*.dsc; do (cd "$work/src" && dpkg-source -q -x "$dsc" >/dev/null); done
  src() { ls -d "$work"/src/"$1"-[0-9]*/ | head -1; }
  local cc=$triple-gcc-posix cxx=$triple-g++-posix ar=$triple-gcc-ar-posix
  local cmake_cross=(-DCMAKE_TOOLCHAIN_FILE="$root/packaging/windows/mingw-w64.cmake" -DJURYMN_WIN_PREFIX="$p"
                     -DCMAKE_INSTALL_PREFIX="$p" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF)
  local t

  t=$(date +%s); echo "-- glfw3"
  cmake -S "$(src glfw3)" -B "$work/b-glfw" "${cmake_cross[@]}" -DGLFW_BUILD_EXAMPLES=OFF -DGLFW_BUILD_TESTS=OFF \
        -DGLFW_BUILD_DOCS=OFF >/dev/null
  cmake --build "$work/b-glfw" -j"$jobs" >/dev/null && cmake --install "$work/b-glfw" >/dev/null
  echo "   $(( $(date +%s) - t )) s"

  t=$(date +%s); echo "-- sqlite3 (amalgamation made by the native configure, then cross-compiled)"
  local s; s=$(src sqlite3)
  mkdir -p "$work/b-sqlite" && (cd "$work/b-sqlite" && "$s/configure" --disable-tcl >/dev/null && make -j"$jobs" sqlite3.c >/dev/null)
  # Debian's own options (debian/rules), less those Windows has no use for.
  $cc -O2 -c "$work/b-sqlite/sqlite3.c" -o "$work/b-sqlite/sqlite3.o" -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA \
      -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1 -DSQLITE_ENABLE_DBSTAT_VTAB \
      -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS -DSQLITE_THREADSAFE=1 -DSQLITE_USE_URI=1 \
      -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_OMIT_LOAD_EXTENSION
  $ar rcs "$p/lib/libsqlite3.a" "$work/b-sqlite/sqlite3.o"
  cp "$work/b-sqlite/sqlite3.h" "$s/src/sqlite3ext.h" "$p/include/" 2>/dev/null || cp "$work/b-sqlite/sqlite3.h" "$p/include/"
  echo "   $(( $(date +%s) - t )) s"

  t=$(date +%s); echo "-- libsodium"
  s=$(src libsodium)
  (cd "$s" && ./autogen.sh -s >/dev/null 2>&1 && ./configure --host=$triple --prefix="$p" --disable-shared --enable-static \
      CC=$cc >/dev/null && make -j"$jobs" >/dev/null && make install >/dev/null)
  # A static libsodium on Windows needs SODIUM_STATIC (no dllimport).
  sed -i 's/^Cflags: \(.*\)$/Cflags: \1 -DSODIUM_STATIC/' "$p/lib/pkgconfig/libsodium.pc"
  echo "   $(( $(date +%s) - t )) s"

  t=$(date +%s); echo "-- libstb, imgui (Debian's own Makefiles)"
  s=$(src libstb)
  # Only the parts jurymn and imgui use, built as Debian's Makefile does:
  # rect_pack and truetype together (stb_rect_pack_truetype.c), or truetype
  # would pack with its own private stand-in that imgui cannot share.
  local h objs=()
  for h in stb_image stb_image_write; do
    cp "$s/$h.h" "$work/$h.c"
    $cc -O2 -D"${h^^}"_IMPLEMENTATION -c "$work/$h.c" -I"$s" -o "$work/$h.o" && objs+=("$work/$h.o")
  done
  $cc -O2 -c "$s/stb_rect_pack_truetype.c" -I"$s" -o "$work/stb_rect_pack_truetype.o" && objs+=("$work/stb_rect_pack_truetype.o")
  $ar rcs "$p/lib/libstb.a" "${objs[@]}"
  make -C "$s" MULTIARCH=. PREFIX="$p" LIBDIR=lib install-header >/dev/null
  s=$(src imgui)
  local iv; iv=$(dpkg-parsechangelog -l "$s/debian/changelog" -S Version | sed 's/+.*//')
  # No freetype nor SDL: the Makefile's pkg-config probe finds none, as wanted.
  make -C "$s" -j"$jobs" CXX=$cxx AR=$ar MULTIARCH=. PREFIX="$p" LIBDIR=lib VERSION="$iv" PKG_CONFIG=false \
       SRCS="imgui.cpp imgui_demo.cpp imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp misc/cpp/imgui_stdlib.cpp backends/imgui_impl_glfw.cpp backends/imgui_impl_opengl3.cpp backends/imgui_impl_opengl2.cpp" \
       CPPFLAGS="-I. -I$p/include -I$p/include/stb -DIMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION -DIMGUI_STB_RECT_PACK_FILENAME=\"<stb/stb_rect_pack.h>\" -DIMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION -DIMGUI_STB_TRUETYPE_FILENAME=\"<stb/stb_truetype.h>\"" \
       install >/dev/null
  echo "   $(( $(date +%s) - t )) s"

  t=$(date +%s); echo "-- fmt, CLI11, nlohmann-json, GoogleTest"
  cmake -S "$(src fmtlib)" -B "$work/b-fmt" "${cmake_cross[@]}" -DFMT_TEST=OFF -DFMT_DOC=OFF >/dev/null
  cmake --build "$work/b-fmt" -j"$jobs" >/dev/null && cmake --install "$work/b-fmt" >/dev/null
  cmake -S "$(src cli11)" -B "$work/b-cli11" "${cmake_cross[@]}" -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF \
        -DCLI11_BUILD_DOCS=OFF >/dev/null
  cmake --install "$work/b-cli11" >/dev/null
  cmake -S "$(src nlohmann-json3)" -B "$work/b-json" "${cmake_cross[@]}" -DJSON_BuildTests=OFF >/dev/null
  cmake --install "$work/b-json" >/dev/null
  cmake -S /usr/src/googletest -B "$work/b-gtest" "${cmake_cross[@]}" -DBUILD_GMOCK=OFF -Dgtest_disable_pthreads=OFF >/dev/null
  cmake --build "$work/b-gtest" -j"$jobs" >/dev/null && cmake --install "$work/b-gtest" >/dev/null
  echo "   $(( $(date +%s) - t )) s"

  t=$(date +%s); echo "-- libcsv, utf8proc"
  s=$(src libcsv)
  $cc -O2 -c "$s/libcsv.c" -I"$s" -o "$work/libcsv.o" && $ar rcs "$p/lib/libcsv.a" "$work/libcsv.o" && cp "$s/csv.h" "$p/include/"
  # Its source as built ships with jurymn.exe (LGPL: licences/THIRD-PARTY-windows.txt).
  mkdir -p "$p/share/libcsv-source" && cp "$s/libcsv.c" "$s/csv.h" "$p/share/libcsv-source/"
  s=$(src utf8proc)
  $cc -O2 -DUTF8PROC_STATIC -c "$s/utf8proc.c" -I"$s" -o "$work/utf8proc.o" && $ar rcs "$p/lib/libutf8proc.a" "$work/utf8proc.o"
  cp "$s/utf8proc.h" "$p/include/"
  local uv; uv=$(dpkg-parsechangelog -l "$s/debian/changelog" -S Version | sed 's/-[^-]*$//')
  printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\n\nName: libutf8proc\nDescription: UTF8 processing\nVersion: %s\nLibs: -L${libdir} -lutf8proc\nCflags: -I${includedir} -DUTF8PROC_STATIC\n' \
    "$prefix" "$uv" >"$p/lib/pkgconfig/libutf8proc.pc"
  echo "   $(( $(date +%s) - t )) s"

  # The .pc and CMake files name the prefix they were built in: the final one.
  grep -rlF "$p" "$p" | xargs -r sed -i "s|$p|$prefix|g"
  mv "$p" "$prefix"
  rm -rf "$work"
}

if [ -f "$prefix/.complete" ]; then
  echo "== windows: dependencies already built in $prefix"
else
  stage "dependencies from Debian sources into $prefix"
  build_deps
  touch "$prefix/.complete"
  stage_done "dependencies"
fi

# ---- jurymn.exe and the unit tests ----------------------------------------
stage "jurymn.exe"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE="$root/packaging/windows/mingw-w64.cmake" -DJURYMN_WIN_PREFIX="$prefix" \
      -DCMAKE_BUILD_TYPE=Release -DJURYMN_BUILD_TESTS=$tests "${launcher[@]}" >/dev/null
targets=(jurymn jurymn_console)
if [ "$tests" = ON ]; then targets+=(jurymn_tests); fi
cmake --build "$build" -j"$jobs" --target "${targets[@]}"
$triple-strip "$build/jurymn.exe" "$build/jurymn.com"
stage_done "jurymn.exe"
echo "== windows: jurymn.exe $(stat -c %s "$build/jurymn.exe") bytes, imports: $($triple-objdump -p "$build/jurymn.exe" | sed -n 's/^\s*DLL Name: //p' | tr '\n' ' ')"

[ "$package" = 1 ] || exit 0

# ---- the portable folder, the zip and the installer ------------------------
stage "setup and zip"
stagedir=$build/stage
rm -rf "$stagedir" && mkdir -p "$stagedir"
cp "$build/jurymn.exe" "$build/jurymn.com" "$stagedir/"
cp -r assets scoring_grids "$stagedir/"
mkdir -p "$stagedir/assets/fonts"
# DejaVu fonts (their licence allows redistribution) so the text looks as on Linux.
# (assets\fonts: where find_font looks first.)
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf "$stagedir/assets/fonts/"
cp /usr/share/doc/fonts-dejavu-core/copyright "$stagedir/assets/fonts/LICENCE-DejaVu.txt"
# jurymn's licence (EUPL-1.2), the third-party licences, libcsv's source (LGPL).
mkdir -p "$stagedir/licences"
cp LICENSE "$stagedir/LICENSE.txt"
cp packaging/licences/THIRD-PARTY-windows.txt "$stagedir/licences/THIRD-PARTY.txt"
if [ ! -d "$prefix/share/libcsv-source" ]; then
  # A cache built before the source was kept: the same version's source,
  # fetched again (the cache key names the exact source versions).
  csv_tmp=$(mktemp -d)
  (cd "$csv_tmp" && apt-get source -qq libcsv >/dev/null 2>&1) || { echo "windows: apt-get source libcsv failed" >&2; exit 1; }
  csv_src=$(ls -d "$csv_tmp"/libcsv-[0-9]*/ | head -1)
  mkdir -p "$prefix/share/libcsv-source" && cp "$csv_src/libcsv.c" "$csv_src/csv.h" "$prefix/share/libcsv-source/"
  rm -rf "$csv_tmp"
fi
cp -r "$prefix/share/libcsv-source" "$stagedir/licences/libcsv-source"
mkdir -p dist
rm -f "dist/jurymn-$version-windows-x64.zip"
portable=$build/portable/jurymn-$version
rm -rf "$build/portable" && mkdir -p "$portable" && cp -r "$stagedir"/. "$portable/"
printf 'Ce fichier rend jurymn portable : la base et la clé de signature restent dans ce dossier (donnees\\).\r\n' >"$portable/portable"
(cd "$build/portable" && zip -qr9 "$root/dist/jurymn-$version-windows-x64.zip" "jurymn-$version")
makensis -V2 -DVERSION="$version" -DSTAGE="$stagedir" -DOUTFILE="$root/dist/jurymn-setup-$version.exe" \
         -DICON="$root/packaging/icons/jurymn.ico" packaging/windows/jurymn.nsi
stage_done "setup and zip"
ls -l dist/
