// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Text into the printable HTML documents (PV, feedback sheet, group page).
#include <string>
#include <string_view>

namespace jurymn::html {

inline constexpr std::string_view kNbsp = "\u00A0";

// Escaped for HTML (and SVG), with French typography: a plain space before
// : ; ? ! and » and after « becomes a no-break space (grid texts and what
// the jury types often have plain ones).
std::string text(std::string_view s);

// The base of the compact one-page A4 documents (feedback sheet, group
// page): page, body, the « JURY BLANC » band and watermark, title lines.
// Each document adds its own rules after it. The page has no margin, so the
// browser has no room for its header and footer (date, title, file path);
// the body's padding, repeated on every page, is the margin instead.
inline constexpr std::string_view kA4Style = R"CSS(
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 8.6pt; line-height: 1.2; color: #111;
  background: #fff; margin: 0 auto; padding: 8mm; max-width: 210mm; }
@media print { body { padding: 12mm; max-width: none; box-decoration-break: clone;
  -webkit-box-decoration-break: clone; } }
p { margin: 0; }
.band { border: 1.5pt solid #8a1010; background: #fdeaea; color: #8a1010; font-weight: bold; font-size: 10.5pt;
  text-align: center; padding: 1.2mm; margin: 0 0 2mm; }
.watermark { position: fixed; top: 0; left: 0; right: 0; bottom: 0; z-index: 1000; pointer-events: none;
  overflow: hidden; }
@media print { .watermark { right: auto; bottom: auto; width: 210mm; height: 297mm; } }
.watermark span { position: absolute; top: 0; left: 0; right: 0; bottom: 0; display: flex; align-items: center;
  justify-content: center; transform: rotate(-55deg); font-size: 80pt; line-height: 1; font-weight: bold;
  color: #b00000; opacity: 0.10; white-space: nowrap; }
h1 { font-size: 13pt; margin: 0; }
.sub { font-size: 8.6pt; color: #333; margin: 0 0 1.5mm; }
)CSS";

}  // namespace jurymn::html
