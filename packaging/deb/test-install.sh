#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The Debian package as a centre's technician uses it, on this machine:
#   build dist/jurymn_VERSION_amd64.deb (packaging/deb/build.sh), install it
#   with apt-get; the installed /usr/bin/jurymn runs --version, demo, a
#   screenshot (data and fonts from /usr/share, the source tree hidden),
#   export then verify; a newer .deb installed over it keeps the jury's data,
#   key and settings; apt-get remove leaves them in place.
# The jury's folders are temporary (XDG_DATA_HOME, XDG_CONFIG_HOME) and the
# package is removed at the end, even on failure; the test refuses to run if
# apt-get would install anything besides jurymn. Needs root or sudo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

say() { echo "deb-test: $*"; }
fail() { echo "deb-test: FAILED: $*" >&2; exit 1; }
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
apt_get() { "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q "$@"; }
installed_version() { dpkg-query -W -f='${Status} ${Version}' jurymn 2>/dev/null | sed -n 's/^install ok installed //p'; }

if [ -n "$(installed_version)" ]; then
  fail "jurymn $(installed_version) is already installed here: this test would replace and then remove it"
fi

bash packaging/deb/build.sh
version="$(sed -n 's/^project(jurymn VERSION \([0-9.]*\) .*/\1/p' CMakeLists.txt)"
deb="$root/dist/jurymn_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb"

work="$(mktemp -d)"
cleanup() {
  local rc=$?
  set +e
  if [ -n "$(installed_version)" ]; then apt_get purge jurymn >/dev/null || rc=1; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

# apt-get must install jurymn alone (install-deps.sh already brings the
# libraries), so that removing it leaves the machine as it was.
would_install="$(apt_get install -s --no-install-recommends "$deb" | sed -n 's/^Inst \([^ ]*\).*/\1/p' | grep -vx jurymn || true)"
[ -z "$would_install" ] || fail "installing the package would also install: $would_install (run packaging/install-deps.sh)"

# The newer package of the upgrade test: the same build, a higher version.
newer_version="${version}+upgradetest1"
mkdir -p "$work/newer"
(cd "${JURYMN_DEB_BUILD:-build-deb}" && cpack -G DEB -D CPACK_PACKAGE_VERSION="$newer_version" -B "$work/newer" >/dev/null)
newer_deb="$work/newer/jurymn_${newer_version}_amd64.deb"
[ -f "$newer_deb" ] || fail "no $newer_deb"

say "install $deb"
apt_get install --no-install-recommends "$deb" >/dev/null
[ "$(installed_version)" = "$version" ] || fail "dpkg says jurymn '$(installed_version)', not $version"

# The installed layout.
app_id="$(dpkg -L jurymn | sed -n "s|^/usr/share/applications/\(.*\)\.desktop$|\1|p")"
[ -n "$app_id" ] || fail "the package has no desktop entry"
for f in /usr/bin/jurymn /usr/share/jurymn/assets/titles/tp-01336.json /usr/share/jurymn/scoring_grids/ccp1.json \
         "/usr/share/metainfo/$app_id.metainfo.xml" \
         /usr/share/icons/hicolor/{48x48,128x128,256x256}/apps/"$app_id.png" \
         "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
         /usr/share/man/man1/jurymn.1.gz /usr/share/man/fr/man1/jurymn.1.gz \
         /usr/share/doc/jurymn/copyright /usr/share/doc/jurymn/changelog.gz; do
  [ -f "$f" ] || fail "missing $f"
done
grep -qx "StartupWMClass=$app_id" "/usr/share/applications/$app_id.desktop" || fail "StartupWMClass is not $app_id"
# The binary does not know the tree it was built in.
if grep -aqF "$root" /usr/bin/jurymn; then fail "/usr/bin/jurymn contains the source path $root"; fi

# The jury's own folders, away from the real user's.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
cd "$work"
# Run the installed binary with the source tree hidden under an empty
# tmpfs, so that nothing can come from it (needs a mount namespace: root).
hide_tree=1
if ! "${sudo_cmd[@]}" unshare --mount true 2>/dev/null; then
  hide_tree=0
  say "no mount namespace here: the source tree stays visible (the binary holds no path to it)"
fi
installed() {
  if [ "$hide_tree" = 1 ] && [ "$(id -u)" -eq 0 ]; then
    unshare --mount sh -c 'mount -t tmpfs -o size=1m jurymn-test "$0" && exec "$@"' "$root" "$@"
  else
    "$@"
  fi
}

if [ "$hide_tree" = 1 ]; then
  installed test ! -e "$root/CMakeLists.txt" || fail "the source tree is not hidden"
fi

say "run the installed jurymn"
[ "$(installed /usr/bin/jurymn --version)" = "jurymn $version" ] || fail "--version is not 'jurymn $version'"
installed /usr/bin/jurymn titles validate | grep -q "TP-01336" || fail "titles validate"
installed /usr/bin/jurymn grids validate >/dev/null || fail "grids validate"
installed /usr/bin/jurymn demo >/dev/null
db="$XDG_DATA_HOME/jurymn/jurymn.db"
[ -f "$db" ] || fail "demo did not create $db"
session="$(installed /usr/bin/jurymn sessions list --json | sed -n 's/.*"uuid": "\([0-9a-f-]*\)".*/\1/p' | head -1)"
[ -n "$session" ] || fail "no session after demo"
installed xvfb-run -a -s "-screen 0 1366x768x24" /usr/bin/jurymn --screen session --screenshot "$work/session.png" \
  2>"$work/screenshot.err" || { cat "$work/screenshot.err" >&2; fail "screenshot"; }
[ ! -s "$work/screenshot.err" ] || { cat "$work/screenshot.err" >&2; fail "the screenshot complained"; }
[ "$(identify -format '%wx%h' "$work/session.png")" = "1366x768" ] || fail "screenshot size"
# Text drawn with DejaVu shows many shades (anti-aliasing); a screen without
# its font or data would be nearly flat.
colours="$(identify -format '%k' "$work/session.png")"
[ "$colours" -gt 200 ] || fail "the screenshot has only $colours colours"
if [ -n "${JURYMN_DEB_TEST_KEEP:-}" ]; then cp "$work/session.png" "$JURYMN_DEB_TEST_KEEP"; fi
installed /usr/bin/jurymn export --session "$session" --out "$work/lot1" >/dev/null
installed /usr/bin/jurymn verify "$work/lot1" >/dev/null || fail "verify of the exported bundle"
# A setting, as Ctrl + writes it.
printf '{\n  "ui_scale": 1.25\n}\n' > "$XDG_CONFIG_HOME/jurymn/settings.json"

# What must survive an upgrade and a removal: every file of the jury.
snapshot() {
  installed /usr/bin/jurymn sessions list --json
  installed /usr/bin/jurymn audit verify
  (cd "$XDG_CONFIG_HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}
snapshot > "$work/snapshot-1"
(cd "$XDG_DATA_HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$work/data-files-1"

say "upgrade to $newer_version"
apt_get install --no-install-recommends "$newer_deb" >/dev/null
[ "$(installed_version)" = "$newer_version" ] || fail "the upgrade left jurymn '$(installed_version)'"
snapshot > "$work/snapshot-2"
diff -u "$work/snapshot-1" "$work/snapshot-2" || fail "the upgrade changed the jury's data, key or settings"
installed /usr/bin/jurymn export --session "$session" --out "$work/lot2" >/dev/null
installed /usr/bin/jurymn verify "$work/lot2" >/dev/null || fail "verify after the upgrade"
cmp -s "$work/lot1/public-key.pem" "$work/lot2/public-key.pem" || fail "the upgrade changed the signing key"

say "apt-get remove"
(cd "$XDG_DATA_HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$work/data-files-2"
apt_get remove jurymn >/dev/null
[ -z "$(installed_version)" ] || fail "jurymn still installed after apt-get remove"
[ ! -e /usr/bin/jurymn ] && [ ! -e /usr/share/jurymn ] || fail "apt-get remove left /usr/bin/jurymn or /usr/share/jurymn"
(cd "$XDG_DATA_HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$work/data-files-3"
diff -u "$work/data-files-2" "$work/data-files-3" || fail "apt-get remove changed the jury's data"
(cd "$XDG_CONFIG_HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$work/config-files-3"
grep -q "signing-key.pem" "$work/config-files-3" && grep -q "settings.json" "$work/config-files-3" \
  || fail "apt-get remove took the key or the settings"
tail -n "$(wc -l < "$work/config-files-3")" "$work/snapshot-1" | diff -u - "$work/config-files-3" \
  || fail "apt-get remove changed the key or the settings"
say "passed ($(basename "$deb"), then $newer_version, removed; the jury's files kept)"
