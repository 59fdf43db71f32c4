// SPDX-License-Identifier: EUPL-1.2
#include "core/marking_keys.h"

#include <algorithm>

namespace jurymn {

namespace {
int index_of(const GridCursorView& g, const std::string& id) {
  auto it = std::find(g.criteria.begin(), g.criteria.end(), id);
  return it == g.criteria.end() ? -1 : static_cast<int>(it - g.criteria.begin());
}
bool unrated(const GridCursorView& g, std::size_t i) { return i >= g.ratings.size() || g.ratings[i].empty(); }
}  // namespace

std::string first_unrated(const GridCursorView& g) {
  for (std::size_t i = 0; i < g.criteria.size(); ++i)
    if (unrated(g, i)) return g.criteria[i];
  return g.criteria.empty() ? std::string() : g.criteria.front();
}

std::string next_unrated(const GridCursorView& g, const std::string& from) {
  const std::size_t n = g.criteria.size();
  const int start = index_of(g, from);
  for (std::size_t step = 1; step <= n; ++step) {
    const std::size_t i = (static_cast<std::size_t>(start < 0 ? -1 : start) + step) % n;
    if (unrated(g, i) && g.criteria[i] != from) return g.criteria[i];
  }
  return {};
}

std::string focus_after_rating(const GridCursorView& g, const std::string& criterion, const std::string& level) {
  const int at = index_of(g, criterion);
  if (at < 0) return first_unrated(g);
  const auto here = static_cast<std::size_t>(at);
  GridCursorView after = g;
  after.ratings.resize(g.criteria.size());
  after.ratings[here] = level;
  const std::string next = next_unrated(after, criterion);
  // All rated: on to the next row, so a run of digits still walks the grid.
  return !next.empty() ? next : g.criteria[std::min(here + 1, g.criteria.size() - 1)];
}

MarkingStep next_marking_step(const GridCursorView& g, const std::string& focus, const MarkingKey& key,
                              const std::vector<KeyedNote>& keyed) {
  MarkingStep s;
  int at = index_of(g, focus);
  if (at < 0) {
    s.focus = first_unrated(g);
    at = index_of(g, s.focus);
  } else {
    s.focus = focus;
  }
  if (at < 0) return s;
  const auto here = static_cast<std::size_t>(at);
  switch (key.kind) {
    case MarkingKey::Kind::Digit: {
      if (key.digit < 1 || static_cast<std::size_t>(key.digit) > g.scale.size()) return s;
      s.rate = true;
      s.criterion = g.criteria[here];
      s.level = g.scale[static_cast<std::size_t>(key.digit - 1)];
      s.keyed = KeyedNote{s.criterion, here < g.ratings.size() ? g.ratings[here] : std::string(), s.level};
      s.focus = focus_after_rating(g, s.criterion, s.level);
      return s;
    }
    case MarkingKey::Kind::Undo: {
      // The latest keyed note still in place; those a click changed since
      // are no longer the key's to take back.
      for (std::size_t n = keyed.size(); n > 0; --n) {
        const KeyedNote& k = keyed[n - 1];
        const int i = index_of(g, k.criterion);
        if (i < 0 || static_cast<std::size_t>(i) >= g.ratings.size() || g.ratings[static_cast<std::size_t>(i)] != k.given)
          continue;
        s.rate = true;
        s.criterion = s.focus = k.criterion;
        s.level = k.before;
        s.keyed_left = n - 1;
        return s;
      }
      s.nothing_to_undo = true;
      s.keyed_left = 0;
      return s;
    }
    case MarkingKey::Kind::Clear:
      s.rate = true;
      s.criterion = g.criteria[here];
      return s;
    case MarkingKey::Kind::Up: s.focus = g.criteria[here > 0 ? here - 1 : 0]; return s;
    case MarkingKey::Kind::Down: s.focus = g.criteria[std::min(here + 1, g.criteria.size() - 1)]; return s;
  }
  return s;
}

}  // namespace jurymn
