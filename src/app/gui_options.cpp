// SPDX-License-Identifier: EUPL-1.2
#include "app/gui_options.h"

#include <cstdio>

#include "app/settings.h"

namespace jurymn {

std::optional<CheckedGuiOptions> check_gui_options(const GuiOptions& opt) {
  CheckedGuiOptions out;
  const auto screen = ui::screen_from_name(opt.screen);
  if (!screen) {
    std::fprintf(stderr, "jurymn\u00A0: écran inconnu «\u00A0%s\u00A0» (écrans\u00A0: %s).\n", opt.screen.c_str(),
                 ui::screen_names().c_str());
    return std::nullopt;
  }
  out.screen = *screen;
  if (!opt.popup.empty()) {
    out.popup = ui::popup_from_name(opt.popup);
    if (!out.popup) {
      std::fprintf(stderr, "jurymn\u00A0: fenêtre inconnue «\u00A0%s\u00A0» (fenêtres\u00A0: %s).\n",
                   opt.popup.c_str(), ui::popup_names().c_str());
      return std::nullopt;
    }
    if (opt.screenshot.empty()) {
      std::fprintf(stderr, "jurymn\u00A0: --popup ne va pas sans --screenshot.\n");
      return std::nullopt;
    }
    // Its button's screen, unless another was asked for.
    const ui::Screen where = ui::popup_screen(*out.popup);
    if (!opt.screen_given) out.screen = where;
    else if (out.screen != where && !(out.screen == ui::Screen::Candidate && where == ui::Screen::Session)) {
      std::fprintf(stderr, "jurymn\u00A0: --popup %s s’ouvre sur l’écran %s, pas %s.\n", opt.popup.c_str(),
                   std::string(ui::screen_name(where)).c_str(), opt.screen.c_str());
      return std::nullopt;
    }
  }
  if (!opt.press.empty()) {
    if (opt.screenshot.empty()) {
      std::fprintf(stderr, "jurymn\u00A0: --press ne va pas sans --screenshot.\n");
      return std::nullopt;
    }
    auto parsed = parse_key_presses(opt.press);
    if (!parsed) {
      std::fprintf(stderr,
                   "jurymn\u00A0: --press «\u00A0%s\u00A0»\u00A0: touches séparées par des virgules (space, enter, tab, "
                   "backspace, escape, up, down, left, right, une lettre ou un chiffre, précédés ou non de ctrl+).\n",
                   opt.press.c_str());
      return std::nullopt;
    }
    out.presses = std::move(*parsed);
  }
  if (!opt.screenshot_size.empty()) {
    int w = 0, h = 0;
    char end = 0;
    if (std::sscanf(opt.screenshot_size.c_str(), "%dx%d%c", &w, &h, &end) != 2 || w < 200 || h < 150 || w > 8192 ||
        h > 8192) {
      std::fprintf(stderr, "jurymn : --screenshot-size « %s » : LARGEURxHAUTEUR attendu (800x450).\n",
                   opt.screenshot_size.c_str());
      return std::nullopt;
    }
    out.width = w;
    out.height = h;
  }
  if (opt.zoom_percent != 0) {
    const float asked = static_cast<float>(opt.zoom_percent) / 100.0f;
    if (asked < kMinScale - 0.001f || asked > kMaxScale + 0.001f) {
      std::fprintf(stderr, "jurymn : --zoom %d : entre %d et %d.\n", opt.zoom_percent,
                   static_cast<int>(kMinScale * 100 + 0.5f), static_cast<int>(kMaxScale * 100 + 0.5f));
      return std::nullopt;
    }
    out.scale = asked;
  }
  return out;
}

}  // namespace jurymn
