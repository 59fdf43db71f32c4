#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Renders assets/icons/jurymn.svg to the PNG sizes the window and the
# desktop use (assets/icons/jurymn-N.png) and to the Windows icon
# (packaging/icons/jurymn.ico). The outputs are committed, so the build
# does not need these tools; re-run after editing the SVG.
# Needs rsvg-convert (librsvg2-bin) and icotool (icoutils): see install-deps.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
svg="$root/assets/icons/jurymn.svg"
out="$root/assets/icons"
sizes=(16 24 32 48 64 128 256)
pngs=()
for s in "${sizes[@]}"; do
  rsvg-convert --width "$s" --height "$s" --format png "$svg" --output "$out/jurymn-$s.png"
  pngs+=("$out/jurymn-$s.png")
done
# 256 px stored as PNG inside the .ico (Vista and later), the others as BMP.
icotool --create --output "$root/packaging/icons/jurymn.ico" "${pngs[@]:0:6}" --raw "$out/jurymn-256.png"
echo "make-icons: ${#sizes[@]} PNG sizes and jurymn.ico written"
