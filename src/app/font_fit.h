// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The font atlas is one texture, and a graphics driver takes textures up to
// GL_MAX_TEXTURE_SIZE on a side (1024 for Windows' software OpenGL 1.1, 2048
// on old chips): an atlas larger than that shows no text at all. What to
// give up so that it fits is decided here, from the atlas and the limit
// alone: Dear ImGui builds the atlas on the CPU, so no OpenGL is needed and
// tests can try small limits.
#include <string>

struct ImFontAtlas;

namespace jurymn {

struct FontFit {
  bool fits = true;                 // the atlas is within the limit now
  bool oversampling_dropped = false;  // glyphs rasterised once, not twice across
  bool digits_shrunk = false;       // the clock's digits made smaller
  float largest_digits_px = 0;      // the clock fonts' largest size afterwards (0: none)
  // French, for the log: what was given up, or that the text does not fit;
  // empty when nothing had to change.
  std::string note;
};

// Fits `atlas` (fonts added, built or not) in max_texture × max_texture,
// giving up the least visible first: the atlas as wide as the limit; then
// horizontal oversampling, on the clock's digits (fonts of a few glyphs,
// where it shows least) then on every font; then the digits shrunk by a
// fifth at a time, down to 40 px. The text fonts keep their size.
// max_texture ≤ 0 (unknown): nothing is done.
FontFit fit_font_atlas(ImFontAtlas& atlas, int max_texture);

// The largest texture to plan for: the driver's, or less when
// `override_text` (JURYMN_MAX_TEXTURE_SIZE, to see on a large driver what
// an old one shows) is a positive number below it.
int texture_limit(int driver_max, const char* override_text);

}  // namespace jurymn
