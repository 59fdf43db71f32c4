// SPDX-License-Identifier: EUPL-1.2
#include "core/soft_wrap.h"

#include <algorithm>

namespace jurymn {

namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The end of the UTF-8 character that starts at `i`.
std::size_t next_char(std::string_view s, std::size_t i) {
  ++i;
  while (i < s.size() && continuation(s[i])) ++i;
  return i;
}

// The start of the UTF-8 character that ends at `i`.
std::size_t previous_char(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && continuation(s[i])) --i;
  return i;
}

// Where a line of `para` (no '\n' in it) may end: after a run of spaces, or
// after a hyphen between two letters of a word (not « CP-1 », not « - »).
std::vector<std::size_t> break_places(std::string_view para) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < para.size(); ++i) {
    if (para[i] == ' ') {
      while (i + 1 < para.size() && para[i + 1] == ' ') ++i;
      if (i + 1 < para.size()) out.push_back(i + 1);
    } else if (para[i] == '-' && i > 0 && para[i - 1] != ' ' && i + 1 < para.size() && para[i + 1] != ' ' &&
               !(para[i + 1] >= '0' && para[i + 1] <= '9')) {
      out.push_back(i + 1);
    }
  }
  out.push_back(para.size());
  return out;
}

// The width of a line: its trailing spaces are not drawn past the edge.
float line_width(std::string_view line, const TextWidth& width) {
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  return line.empty() ? 0.0f : width(line);
}

// One paragraph, appended to `out` with its soft breaks.
void wrap_paragraph(std::string_view para, float room, const TextWidth& width, SoftWrapped& out) {
  const std::vector<std::size_t> places = break_places(para);
  std::size_t start = 0;  // of the current line
  std::size_t p = 0;      // the next break place to try
  while (start < para.size()) {
    // The furthest break place whose line fits.
    std::size_t end = start;
    while (p < places.size() && line_width(para.substr(start, places[p] - start), width) <= room) end = places[p++];
    if (end == para.size()) {
      out.shown.append(para.substr(start));
      return;
    }
    if (end == start) {
      // Not even the first word fits: cut it where it must, a character at least.
      const std::size_t word_end = places[p];
      end = next_char(para, start);
      while (end < word_end) {
        const std::size_t further = next_char(para, end);
        if (line_width(para.substr(start, further - start), width) > room) break;
        end = further;
      }
      if (end >= word_end) {  // the rest of the word fits once its spaces are not counted
        end = word_end;
        ++p;
      }
    }
    out.shown.append(para.substr(start, end - start));
    if (end < para.size()) {
      out.soft.push_back(out.shown.size());
      out.shown.push_back('\n');
    }
    start = end;
  }
}

}  // namespace

std::string SoftWrapped::text() const {
  std::string out;
  out.reserve(shown.size());
  std::size_t from = 0;
  for (std::size_t at : soft) {
    out.append(shown, from, at - from);
    from = at + 1;
  }
  out.append(shown, from, std::string::npos);
  return out;
}

std::size_t SoftWrapped::to_text(std::size_t shown_offset) const {
  const auto before = std::lower_bound(soft.begin(), soft.end(), shown_offset) - soft.begin();
  return shown_offset - static_cast<std::size_t>(before);
}

std::size_t SoftWrapped::to_shown(std::size_t text_offset) const {
  std::size_t out = text_offset;
  for (std::size_t k = 0; k < soft.size(); ++k)
    if (soft[k] - k <= text_offset) ++out;  // a soft break's place in the text
    else break;
  return out;
}

SoftWrapped soft_wrap(std::string_view text, float room, const TextWidth& width) {
  SoftWrapped out;
  out.shown.reserve(text.size() + text.size() / 16);
  std::size_t from = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', from);
    wrap_paragraph(text.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from), room, width,
                   out);
    if (nl == std::string_view::npos) break;
    out.shown.push_back('\n');
    from = nl + 1;
  }
  return out;
}

SoftEdit soft_wrap_edit(const SoftWrapped& before, std::string_view after, std::size_t cursor, bool forward,
                        float room, const TextWidth& width) {
  const std::string_view old = before.shown;
  cursor = std::min(cursor, after.size());
  // What the edit left alone: the end after the cursor, then the start
  // before what changed. Taken in that order, a '\n' typed beside a soft
  // break is the one the edit put in, the cursor after it.
  std::size_t tail = 0;
  const std::size_t tail_limit = std::min(old.size(), after.size() - cursor);
  while (tail < tail_limit && old[old.size() - 1 - tail] == after[after.size() - 1 - tail]) ++tail;
  std::size_t head = 0;
  const std::size_t head_limit = std::min(old.size(), after.size()) - tail;
  while (head < head_limit && old[head] == after[head]) ++head;
  const std::size_t old_end = old.size() - tail;  // [head, old_end) of the old text was replaced
  const std::size_t new_end = after.size() - tail;  // by [head, new_end) of the new one

  // The soft breaks the edit did not touch, where they are now.
  std::vector<std::size_t> kept;
  std::size_t removed_soft = 0;
  for (std::size_t at : before.soft) {
    if (at < head) kept.push_back(at);
    else if (at >= old_end) kept.push_back(at - old.size() + after.size());
    else ++removed_soft;
  }
  std::string text;
  text.reserve(after.size());
  std::size_t from = 0;
  for (std::size_t at : kept) {
    text.append(after.substr(from, at - from));
    from = at + 1;
  }
  text.append(after.substr(from));
  std::size_t at = cursor - static_cast<std::size_t>(std::lower_bound(kept.begin(), kept.end(), cursor) - kept.begin());

  if (new_end == head && old_end > head && removed_soft == old_end - head) {
    // Only soft breaks went: the character beside them instead.
    const std::size_t place = head - static_cast<std::size_t>(
                                         std::lower_bound(kept.begin(), kept.end(), head) - kept.begin());
    if (forward && place < text.size()) {
      text.erase(place, next_char(text, place) - place);
      at = place;
    } else if (!forward && place > 0) {
      const std::size_t start = previous_char(text, place);
      text.erase(start, place - start);
      at = start;
    }
  }
  SoftEdit out;
  out.wrapped = soft_wrap(text, room, width);
  out.cursor = out.wrapped.to_shown(std::min(at, text.size()));
  return out;
}

}  // namespace jurymn
