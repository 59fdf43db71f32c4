// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The window's options, checked before anything opens: a wrong one is a
// usage error (exit 2), said in French, whatever the display.
#include <optional>
#include <vector>

#include "app/capture.h"
#include "app/gui.h"
#include "ui/ui.h"

namespace jurymn {

struct CheckedGuiOptions {
  ui::Screen screen = ui::Screen::Home;
  std::optional<ui::Popup> popup;  // --popup: opened on its screen before the capture
  std::vector<KeyPress> presses;   // --press
  int width = 1366, height = 768;  // the window (--screenshot-size for a capture)
  std::optional<float> scale;      // --zoom, as a scale
};

// nullopt when an option is wrong; the message is on stderr.
std::optional<CheckedGuiOptions> check_gui_options(const GuiOptions& opt);

}  // namespace jurymn
