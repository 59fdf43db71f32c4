// SPDX-License-Identifier: EUPL-1.2
#include "app/font_fit.h"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>

namespace jurymn {

namespace {
// A clock font holds a few glyphs (digits, colon, signs); a text font, hundreds.
bool is_digits_font(const ImFontConfig& c) {
  if (!c.GlyphRanges) return false;
  int glyphs = 0;
  for (const ImWchar* r = c.GlyphRanges; r[0] && r[1]; r += 2) glyphs += r[1] - r[0] + 1;
  return glyphs < 64;
}

float largest_digits(const ImFontAtlas& atlas) {
  float largest = 0;
  for (const ImFontConfig& c : atlas.ConfigData)
    if (is_digits_font(c)) largest = std::max(largest, c.SizePixels);
  return largest;
}

constexpr float kSmallestDigits = 40;
}  // namespace

FontFit fit_font_atlas(ImFontAtlas& atlas, int max_texture) {
  FontFit fit;
  if (max_texture <= 0 || atlas.ConfigData.empty()) return fit;
  if (!atlas.IsBuilt()) atlas.Build();
  auto fits = [&] { return atlas.TexWidth <= max_texture && atlas.TexHeight <= max_texture; };
  auto rebuild = [&] {
    atlas.ClearTexData();
    atlas.Build();
  };
  fit.largest_digits_px = largest_digits(atlas);
  if (fits()) return fit;
  // As wide as allowed: Dear ImGui picks the width from the glyphs' area,
  // and lets the height grow.
  atlas.TexDesiredWidth = max_texture;
  rebuild();
  for (bool digits_only : {true, false}) {
    if (fits()) break;
    for (ImFontConfig& c : atlas.ConfigData)
      if (!digits_only || is_digits_font(c)) c.OversampleH = 1;
    fit.oversampling_dropped = true;
    rebuild();
  }
  while (!fits()) {
    bool any = false;
    for (ImFontConfig& c : atlas.ConfigData)
      if (is_digits_font(c) && c.SizePixels > kSmallestDigits) {
        c.SizePixels = std::max(kSmallestDigits, c.SizePixels * 0.8f);
        any = true;
      }
    if (!any) break;  // only text left: smaller, it would not be read
    fit.digits_shrunk = true;
    rebuild();
  }
  fit.fits = fits();
  fit.largest_digits_px = largest_digits(atlas);
  std::string done;
  if (fit.oversampling_dropped) done = "polices sans suréchantillonnage";
  if (fit.digits_shrunk)
    done += (done.empty() ? "" : ", ") + std::string("grands chiffres ramenés à ") +
            std::to_string(static_cast<int>(fit.largest_digits_px)) + " px";
  fit.note = "textures limitées à " + std::to_string(max_texture) + " px\u00A0: ";
  if (!fit.fits)
    fit.note += "les polices ne tiennent pas dans une texture (" + std::to_string(atlas.TexWidth) + "\u00D7" +
                std::to_string(atlas.TexHeight) + " px), le texte risque de ne pas s’afficher";
  else
    fit.note += (done.empty() ? std::string("polices rangées autrement") : done) + " (atlas de " +
                std::to_string(atlas.TexWidth) + "\u00D7" + std::to_string(atlas.TexHeight) + " px)";
  return fit;
}

int texture_limit(int driver_max, const char* override_text) {
  if (!override_text || !*override_text) return driver_max;
  char* end = nullptr;
  const long wanted = std::strtol(override_text, &end, 10);
  if (*end != '\0' || wanted <= 0) return driver_max;
  if (driver_max > 0 && wanted >= driver_max) return driver_max;
  return static_cast<int>(wanted);
}

}  // namespace jurymn
