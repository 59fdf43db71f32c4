// SPDX-License-Identifier: EUPL-1.2
// A multi-line field wraps what is typed at its width (issue 26 item 18):
// soft breaks where a line must wrap, recomputed after each edit, never
// stored; the cursor stays where it was in the text.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/soft_wrap.h"

namespace jurymn {
namespace {

// Every character one unit wide: rooms are counted in characters.
float characters(std::string_view s) {
  float n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// The field's lines, soft breaks shown as « ⏎ » and the user's as « ¶ ».
std::string lines(const SoftWrapped& w) {
  std::string out;
  for (std::size_t i = 0; i < w.shown.size(); ++i) {
    if (w.shown[i] != '\n') out += w.shown[i];
    else if (std::find(w.soft.begin(), w.soft.end(), i) != w.soft.end()) out += "⏎";
    else out += "¶";
  }
  return out;
}

SoftWrapped wrap(std::string_view text, float room) { return soft_wrap(text, room, characters); }

// One key typed at `at` (a byte offset in the field), as ImGui edits its buffer.
SoftEdit type_at(const SoftWrapped& w, std::size_t at, std::string_view typed, float room) {
  std::string after = w.shown;
  after.insert(at, typed);
  return soft_wrap_edit(w, after, at + typed.size(), false, room, characters);
}

TEST(SoftWrap, BreaksAfterSpacesWhereALineIsFull) {
  const SoftWrapped w = wrap("Le candidat explique sa démarche.", 12);
  EXPECT_EQ(lines(w), "Le candidat ⏎explique sa ⏎démarche.");
  for (std::size_t at : w.soft) EXPECT_EQ(w.shown[at], '\n');
  EXPECT_EQ(w.text(), "Le candidat explique sa démarche.");
  // A line is full with its last word: the space after it is not counted.
  EXPECT_EQ(lines(wrap("abcd efgh", 4)), "abcd ⏎efgh");
  // Short enough: nothing added.
  EXPECT_EQ(lines(wrap("Vu.", 12)), "Vu.");
  EXPECT_TRUE(wrap("", 12).soft.empty());
}

TEST(SoftWrap, KeepsTheUsersParagraphsAndWrapsEachOnItsOwn) {
  const std::string typed = "Écart comblé à l’oral.\n\nVu par les deux membres du jury.\n";
  const SoftWrapped w = wrap(typed, 13);
  EXPECT_EQ(lines(w), "Écart comblé ⏎à l’oral.¶¶Vu par les ⏎deux membres ⏎du jury.¶");
  EXPECT_EQ(w.text(), typed);
}

TEST(SoftWrap, NeverBreaksAtANoBreakSpaceNorInsideACharacter) {
  // « acquise » and 10 h stay whole: the no-break spaces (U+00A0, U+202F) hold them.
  const std::string typed = "Jugée «\u00A0acquise\u00A0» à 10\u202Fh après discussion";
  const SoftWrapped w = wrap(typed, 12);
  EXPECT_EQ(lines(w), "Jugée ⏎«\u00A0acquise\u00A0» ⏎à 10\u202Fh après ⏎discussion");
  EXPECT_EQ(w.text(), typed);
  // A word longer than the line is cut between characters: « é » (2 bytes)
  // and « œ » stay whole.
  const SoftWrapped long_word = wrap("Lœwenbrück-Saint-Exupéryéééé", 6);
  EXPECT_EQ(lines(long_word), "Lœwenb⏎rück-⏎Saint-⏎Exupér⏎yéééé");
  EXPECT_EQ(long_word.text(), "Lœwenbrück-Saint-Exupéryéééé");
  // Not after the hyphen of « CP-1 » nor a dash between spaces.
  EXPECT_EQ(lines(wrap("voir CP-1 - CP-2", 7)), "voir ⏎CP-1 - ⏎CP-2");
}

TEST(SoftWrap, PlacesMapBetweenTheFieldAndTheText) {
  const SoftWrapped w = wrap("aa bb cc", 2);  // "aa ⏎bb ⏎cc"
  ASSERT_EQ(w.soft, (std::vector<std::size_t>{3, 7}));
  EXPECT_EQ(w.to_text(3), 3u);  // end of the first line
  EXPECT_EQ(w.to_text(4), 3u);  // start of the second: the same place in the text
  EXPECT_EQ(w.to_text(5), 4u);
  EXPECT_EQ(w.to_text(10), 8u);
  // A place where a soft break falls is shown at the start of the next line.
  EXPECT_EQ(w.to_shown(3), 4u);
  EXPECT_EQ(w.to_shown(2), 2u);
  EXPECT_EQ(w.to_shown(8), 10u);
  for (std::size_t t = 0; t <= 8; ++t) EXPECT_EQ(w.to_text(w.to_shown(t)), t);
}

TEST(SoftWrap, TypingRewrapsAndTheCursorFollowsTheLetters) {
  const float room = 10;
  SoftWrapped w = wrap("", room);
  std::size_t cursor = 0;
  // Typed one character at a time, as the keys come.
  const std::string sentence = "Le jury a entendu la candidate à l’oral.";
  for (std::size_t i = 0; i < sentence.size();) {
    std::size_t n = 1;
    while (i + n < sentence.size() && (static_cast<unsigned char>(sentence[i + n]) & 0xC0) == 0x80) ++n;
    const SoftEdit e = type_at(w, cursor, sentence.substr(i, n), room);
    w = e.wrapped;
    cursor = e.cursor;
    i += n;
    EXPECT_EQ(w.text(), sentence.substr(0, i));
    EXPECT_EQ(cursor, w.shown.size()) << "after « " << sentence.substr(0, i) << " »";
  }
  EXPECT_EQ(lines(w), "Le jury a ⏎entendu la ⏎candidate ⏎à l’oral.");
  // A word typed in the middle: the lines after it move, the cursor stays after it.
  const std::size_t after_jury = w.to_shown(std::string("Le jury").size());
  const SoftEdit e = type_at(w, after_jury, " blanc", room);
  EXPECT_EQ(e.wrapped.text(), "Le jury blanc a entendu la candidate à l’oral.");
  EXPECT_EQ(lines(e.wrapped), "Le jury ⏎blanc a ⏎entendu la ⏎candidate ⏎à l’oral.");
  EXPECT_EQ(e.wrapped.to_text(e.cursor), std::string("Le jury blanc").size());
}

TEST(SoftWrap, EnterBesideASoftBreakIsTheUsersLineBreak) {
  const SoftWrapped w = wrap("ab cd", 2);  // "ab ⏎cd"
  ASSERT_EQ(lines(w), "ab ⏎cd");
  // At the end of the first line and at the start of the second: the same
  // place in the text, one line break more, the cursor after it.
  for (std::size_t at : {std::size_t{3}, std::size_t{4}}) {
    const SoftEdit e = type_at(w, at, "\n", 2);
    EXPECT_EQ(e.wrapped.text(), "ab \ncd") << at;
    EXPECT_EQ(lines(e.wrapped), "ab ¶cd") << at;
    EXPECT_EQ(e.wrapped.to_text(e.cursor), 4u) << at;
  }
}

TEST(SoftWrap, DeletingASoftBreakDeletesTheCharacterBesideIt) {
  const SoftWrapped w = wrap("ab cd", 2);  // "ab ⏎cd"
  std::string after = w.shown;
  after.erase(3, 1);  // the soft break, as Backspace at the start of "cd" or Delete at the end of "ab " leave it
  const SoftEdit back = soft_wrap_edit(w, after, 3, false, 2, characters);
  EXPECT_EQ(back.wrapped.text(), "abcd");  // the space before it
  EXPECT_EQ(back.wrapped.to_text(back.cursor), 2u);
  const SoftEdit forward = soft_wrap_edit(w, after, 3, true, 2, characters);
  EXPECT_EQ(forward.wrapped.text(), "ab d");  // the letter after it
  EXPECT_EQ(forward.wrapped.to_text(forward.cursor), 3u);
  // Backspace over an accented letter at the start of a wrapped word: the
  // whole character goes.
  const SoftWrapped cut = wrap("éééé", 2);  // "éé⏎éé"
  std::string left = cut.shown;
  left.erase(4, 1);
  const SoftEdit e = soft_wrap_edit(cut, left, 4, false, 2, characters);
  EXPECT_EQ(e.wrapped.text(), "ééé");
}

TEST(SoftWrap, AStoredTextRoundTripsExactly) {
  // Whatever was typed, at any width: spaces at the ends of lines, runs of
  // spaces, blank lines, a line break at the end.
  const std::string texts[] = {"  deux espaces devant,  deux  au milieu  ",
                               "ligne\n\n\nune autre\n",
                               "Motif\u00A0: « erreur de saisie » sur CP-2 — corrigé.",
                               "mot-composé-très-long-sans-espace-du-tout"};
  for (const auto& t : texts)
    for (float room : {1.0f, 3.0f, 7.0f, 20.0f, 200.0f}) {
      const SoftWrapped w = wrap(t, room);
      EXPECT_EQ(w.text(), t) << room;
      for (std::size_t at : w.soft) EXPECT_EQ(w.shown[at], '\n');
      // Each line fits its room, but a character alone that is wider.
      std::size_t start = 0;
      for (std::size_t i = 0; i <= w.shown.size(); ++i)
        if (i == w.shown.size() || w.shown[i] == '\n') {
          std::string_view line(w.shown.data() + start, i - start);
          while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
          EXPECT_TRUE(characters(line) <= std::max(room, 1.0f)) << "« " << line << " » at " << room;
          start = i + 1;
        }
      // Wrapped again at another width, from the field's own text.
      EXPECT_EQ(wrap(w.text(), room + 5).text(), t);
    }
}

}  // namespace
}  // namespace jurymn
