// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A multi-line field that wraps what is typed at its width. Dear ImGui 1.86's
// multi-line field breaks a line only at '\n' (a long justification ran off
// to the right): the field is handed the text with soft breaks, '\n' put
// where a line must wrap, recomputed from the width after every edit and
// taken out again before the text leaves the field. What is stored is what
// was typed, its own line breaks (paragraphs) kept, byte for byte.
//
// Pure: the caller measures text (the field's font) and passes the room.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jurymn {

// The width of a piece of one line of text, in the unit of the room.
using TextWidth = std::function<float(std::string_view)>;

// A text as a wrapping field holds it.
struct SoftWrapped {
  std::string shown;              // the text with its soft breaks
  std::vector<std::size_t> soft;  // where they are in `shown` (byte offsets, ascending)

  // What was typed: `shown` without its soft breaks.
  std::string text() const;
  // A place in `shown` as a place in the text (the soft breaks before it dropped).
  std::size_t to_text(std::size_t shown_offset) const;
  // A place in the text as a place in `shown`; where a soft break falls
  // exactly there, after it: at the start of the next line, where the
  // letters that follow are drawn.
  std::size_t to_shown(std::size_t text_offset) const;
  bool operator==(const SoftWrapped&) const = default;
};

// `text` with a soft break wherever a line would be wider than `room`: after
// a space (the spaces stay at the end of their line and do not count in its
// width), after the hyphen inside a compound word (« Saint-|Exupéry »), and
// inside a word wider than a line on its own, between two characters (never
// inside one). A no-break space (« mot », « 10 h ») is no place to break.
SoftWrapped soft_wrap(std::string_view text, float room, const TextWidth& width);

// The field after one edit of `before.shown` left `after` in it with the
// cursor at `cursor` (a byte offset in `after`): the text typed, wrapped
// again, and the cursor at the same place in that text. The soft breaks the
// edit did not touch are known by their place and dropped; a '\n' the edit
// put in is the user's. A soft break deleted alone (Backspace at the start
// of a wrapped line, Delete at its end, `forward`) deletes the character
// typed before it (after it, for Delete), as a line break the user cannot
// see cannot be what they meant to delete.
struct SoftEdit {
  SoftWrapped wrapped;
  std::size_t cursor = 0;  // in wrapped.shown
};
SoftEdit soft_wrap_edit(const SoftWrapped& before, std::string_view after, std::size_t cursor, bool forward,
                        float room, const TextWidth& width);

}  // namespace jurymn
