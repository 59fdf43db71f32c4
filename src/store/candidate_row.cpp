// SPDX-License-Identifier: EUPL-1.2
#include "store/candidate_row.h"

#include "core/candidate_fields.h"
#include "core/title.h"
#include "store/sheet_columns.h"

namespace jurymn::store {

namespace {

// The candidate table's own columns, as the list gives them.
std::vector<std::string> own_columns() {
  std::vector<std::string> out;
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    // The session sheets are one column, a JSON list (store/sheet_columns.h).
    if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText ||
                  kind == CandidateFieldKind::Sheets) {
      out.emplace_back(f.key);
    }
    // CCPs are rows of candidate_ccp.
  });
  return out;
}

std::string joined(const std::vector<std::string>& v, const std::string& each_suffix) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s + each_suffix;
  return out;
}

void write_ccps(sqlite3* db, std::int64_t id, const CandidateInput& c) {
  Statement del(db, "DELETE FROM candidate_ccp WHERE candidate_id = ?");
  del.bind(1, id);
  del.run();
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    if constexpr (kind == CandidateFieldKind::Ccps || kind == CandidateFieldKind::Equivalences) {
      for (const auto& ccp : f.of(c).ids) {
        Statement s(db, "INSERT INTO candidate_ccp (candidate_id, ccp, held_by_equivalence) VALUES (?, ?, ?)");
        s.bind(1, id).bind(2, ccp).bind(3, kind == CandidateFieldKind::Equivalences);
        s.run();
      }
    }
  });
}

// Binds the own columns' values from `first`; returns the next parameter.
int bind_own_columns(Statement& s, int first, const CandidateInput& c) {
  int i = first;
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText) {
      s.bind(i++, f.of(c));
    } else if constexpr (kind == CandidateFieldKind::Sheets) {
      s.bind(i++, sheets_column(f.of(c)));
    }
  });
  return i;
}

}  // namespace

const std::string& candidate_select_columns() {
  static const std::string columns = [] {
    std::string out;
    for_each_field(kCandidateFields, [&](const auto& f) {
      constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
      auto add = [&](const std::string& e) { out += (out.empty() ? "" : ", ") + e; };
      if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText) {
        add("c." + std::string(f.key));
      } else if constexpr (kind == CandidateFieldKind::Ccps || kind == CandidateFieldKind::Equivalences) {
        add(std::string("(SELECT ifnull(group_concat(ccp), '') FROM candidate_ccp WHERE candidate_id = c.id"
                        " AND held_by_equivalence = ") +
            (kind == CandidateFieldKind::Equivalences ? "1" : "0") + ")");
      } else if constexpr (kind == CandidateFieldKind::Sheets) {
        add("c." + std::string(f.key));
      }
    });
    return out;
  }();
  return columns;
}

int read_candidate_fields(const Statement& s, int first, CandidateInput& c, const Title& title) {
  int col = first;
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText) {
      f.of(c) = s.text(col++);
    } else if constexpr (kind == CandidateFieldKind::Ccps || kind == CandidateFieldKind::Equivalences) {
      f.of(c) = title.ordered(ccp_set_from_id(s.text(col++)).value_or(CcpSet{}));
    } else if constexpr (kind == CandidateFieldKind::Sheets) {
      f.of(c) = sheets_from_column(s.text(col++));
    }
  });
  return col;
}

std::int64_t write_candidate_row(sqlite3* db, std::int64_t row_id, const CandidateInput& c,
                                 const NewCandidateRow& place) {
  static const std::vector<std::string> columns = own_columns();
  if (row_id == 0) {
    static const std::string insert = "INSERT INTO candidate (" + joined(columns, "") +
                                      ", uuid, session_id, attendance) VALUES (" +
                                      joined(std::vector<std::string>(columns.size() + 3, "?"), "") + ")";
    Statement s(db, insert);
    const int next = bind_own_columns(s, 1, c);
    s.bind(next, place.uuid).bind(next + 1, place.session_id).bind(next + 2, to_id(place.attendance));
    s.run();
    row_id = sqlite3_last_insert_rowid(db);
  } else {
    static const std::string update = "UPDATE candidate SET " + joined(columns, " = ?") + " WHERE id = ?";
    Statement s(db, update);
    s.bind(bind_own_columns(s, 1, c), row_id);
    s.run();
  }
  write_ccps(db, row_id, c);
  return row_id;
}

}  // namespace jurymn::store
