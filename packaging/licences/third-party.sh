#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Writes the third-party licences shipped with a jurymn package, from the
# Debian copyright files of this machine (/usr/share/doc/PACKAGE/copyright:
# the libraries' own licence texts, as Debian 12 ships them).
#   bash packaging/licences/third-party.sh deb|windows OUT.txt
# The committed THIRD-PARTY-deb.txt and THIRD-PARTY-windows.txt are its
# output; run it again when a library or its version changes.
set -euo pipefail
kind=${1:?deb ou windows} out=${2:?fichier de sortie}
# component | Debian package holding its copyright file | licence | how it is in the package
components=(
  "Dear ImGui|libimgui-dev|MIT (Expat)|linked statically into jurymn"
  "GLFW|libglfw3|zlib|DEB:shared library, Debian package libglfw3|WIN:linked statically into jurymn.exe"
  "SQLite|libsqlite3-0|public domain|DEB:shared library, Debian package libsqlite3-0|WIN:linked statically into jurymn.exe"
  "libsodium|libsodium23|ISC|DEB:shared library, Debian package libsodium23|WIN:linked statically into jurymn.exe"
  "libcsv|libcsv3|LGPL-2.1-or-later|DEB:shared library, Debian package libcsv3|WIN:linked statically into jurymn.exe (see the LGPL note below)"
  "fmt|libfmt9|MIT (Expat, with its embedded exception)|DEB:shared library, Debian package libfmt9|WIN:linked statically into jurymn.exe"
  "CLI11|libcli11-dev|BSD-3-Clause|header-only, compiled into jurymn"
  "nlohmann-json|nlohmann-json3-dev|MIT (Expat)|header-only, compiled into jurymn"
  "utf8proc|libutf8proc2|MIT (Expat) and Unicode data licence|DEB:shared library, Debian package libutf8proc2|WIN:linked statically into jurymn.exe"
  "DejaVu fonts|fonts-dejavu-core|Bitstream Vera licence (and public domain changes)|DEB:not shipped: the Debian package fonts-dejavu-core, a dependency, provides them|WIN:DejaVuSans.ttf and DejaVuSans-Bold.ttf in assets\\fonts"
)
{
  echo "Jury MN (jurymn) — third-party components and their licences ($kind package)"
  echo
  echo "jurymn itself is licensed under the European Union Public Licence v. 1.2"
  echo "(EUPL-1.2, file LICENSE). It ships or uses the following components, each"
  echo "under its own licence, whose text follows as Debian 12 records it"
  echo "(/usr/share/doc/PACKAGE/copyright)."
  echo
  for c in "${components[@]}"; do
    IFS='|' read -r name pkg licence how1 how2 <<<"$c"
    how=$how1
    for h in "$how1" "$how2"; do
      case $h in DEB:*) [ "$kind" = deb ] && how=${h#DEB:} ;; WIN:*) [ "$kind" = windows ] && how=${h#WIN:} ;; esac
    done
    printf -- '- %s — %s — %s\n' "$name" "$licence" "$how"
  done
  if [ "$kind" = windows ]; then
    cat <<'NOTE'

LGPL note (libcsv, LGPL-2.1-or-later, linked statically into jurymn.exe).
The LGPL lets a program be linked with the library provided that its users can
replace the library with a modified version. jurymn.exe meets this as follows:
- the library's complete source, as built (libcsv.c, csv.h, from the Debian 12
  source package libcsv), is shipped beside this file, in libcsv-source/;
- jurymn's own complete source is available under the EUPL-1.2 (whoever
  distributes this build must provide it, as the EUPL requires), with the
  script that makes this very build (packaging/windows/build.sh): building it
  with a modified libcsv gives a jurymn.exe linked with that library;
- the LGPL-2.1 text follows the libcsv entry below.
No object files are shipped separately: relinking is done from source.
NOTE
  fi
  for c in "${components[@]}"; do
    IFS='|' read -r name pkg _ <<<"$c"
    echo
    echo "==============================================================================="
    echo "$name — /usr/share/doc/$pkg/copyright"
    echo "==============================================================================="
    cat "/usr/share/doc/$pkg/copyright"
    if [ "$name" = libcsv ]; then
      echo
      echo "----- GNU Lesser General Public License, version 2.1 (/usr/share/common-licenses/LGPL-2.1)"
      cat /usr/share/common-licenses/LGPL-2.1
    fi
  done
} >"$out"
