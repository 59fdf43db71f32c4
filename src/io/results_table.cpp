// SPDX-License-Identifier: EUPL-1.2
#include "io/results_table.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "core/text.h"
#include "io/csv_records.h"
#include "io/json_strict.h"

namespace jurymn {
namespace {

struct Row {
  int line = 0;
  std::vector<std::string> fields;
};

struct Table {
  std::vector<Row> rows;  // the header first
  std::string error;      // French, names the line
};

// The table as jurymn writes it: UTF-8 with a BOM, ';', CRLF, fields quoted
// with "" inside; read as the candidate lists are (io/csv_records).
Table read_table(std::string_view bytes) {
  Table t;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::vector<std::string_view> split = split_csv_lines(bytes);
  const std::vector<std::string> lines(split.begin(), split.end());
  std::vector<CsvProblem> problems;
  bool lost = false;
  std::vector<CsvRecord> records = read_csv_records(lines, 0, ';', problems, lost);
  if (!problems.empty()) {
    t.error = "ligne " + std::to_string(problems.front().line) + "\u00A0: " + problems.front().message;
    return t;
  }
  for (auto& r : records) t.rows.push_back({r.first_line, std::move(r.fields)});
  return t;
}

std::optional<std::size_t> column(const Row& header, std::string_view name) {
  for (std::size_t i = 0; i < header.fields.size(); ++i)
    if (header.fields[i] == name) return i;
  return std::nullopt;
}

// A cell of the table in a message: it comes from the bundle, so it is
// shown, never acted on (escapes, bytes that are not UTF-8, a long cell cut).
std::string shown(const std::string& cell) {
  if (json_strict::bad_utf8(cell)) return "(octets qui ne sont pas du texte UTF-8)";
  constexpr std::size_t kLongest = 60;
  if (cell.size() <= kLongest) return terminal_safe(cell);
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(cell[cut]) & 0xC0) == 0x80) --cut;
  return terminal_safe(cell.substr(0, cut)) + "…";
}

// A decision cell by what it decides: the jury's two outcomes, or none (an
// empty cell, « Par équivalence » — written empty by earlier versions —,
// « Décision à prendre »).
int decided(const std::string& cell) {
  if (cell == french_label(CcpOutcome::Obtained)) return 1;
  if (cell == french_label(CcpOutcome::NotObtained)) return 2;
  return 0;
}

}  // namespace

std::vector<std::string> results_csv_contradictions(const ResultsBundle& bundle, std::string_view csv_bytes) {
  std::vector<std::string> out;
  const auto problem = [&](const std::string& what) { out.push_back("results.csv\u00A0: " + what); };
  const Table given = read_table(csv_bytes);
  if (!given.error.empty()) {
    problem(given.error);
    return out;
  }
  // What the records give, written by today's code: the same columns.
  const Table expected = read_table(results_csv(bundle));
  if (given.rows.empty()) {
    problem("le tableau est vide.");
    return out;
  }
  const Row& header = given.rows.front();
  const char* names[] = {"N° candidat", "CCP", "Décision du jury"};
  std::optional<std::size_t> at[3];
  for (int i = 0; i < 3; ++i)
    if (!(at[i] = column(header, names[i]))) {
      problem(std::string("ligne 1\u00A0: la colonne ") + guillemets(names[i]) + " manque.");
      return out;
    }
  const Row& expected_header = expected.rows.front();
  const std::size_t e_number = *column(expected_header, names[0]), e_ccp = *column(expected_header, names[1]),
                    e_decision = *column(expected_header, names[2]);
  using Key = std::pair<std::string, std::string>;  // candidate number, CCP
  std::map<Key, std::string> truth;
  for (std::size_t i = 1; i < expected.rows.size(); ++i) {
    const auto& f = expected.rows[i].fields;
    truth.emplace(Key{f.at(e_number), f.at(e_ccp)}, f.at(e_decision));
  }
  std::map<Key, int> seen;
  for (std::size_t i = 1; i < given.rows.size(); ++i) {
    const Row& row = given.rows[i];
    const std::string line = "ligne " + std::to_string(row.line) + "\u00A0: ";
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;  // a blank line
    const std::size_t needed = std::max({*at[0], *at[1], *at[2]});
    if (row.fields.size() <= needed) {
      problem(line + std::to_string(row.fields.size()) + " colonne(s), il en faut " + std::to_string(needed + 1) + ".");
      continue;
    }
    const Key key{row.fields[*at[0]], row.fields[*at[1]]};
    const std::string who = guillemets(shown(key.first)) + " (" + shown(key.second) + ")";
    if (auto [previous, fresh] = seen.emplace(key, row.line); !fresh) {
      problem(line + who + " figure déjà à la ligne " + std::to_string(previous->second) + ".");
      continue;
    }
    auto t = truth.find(key);
    if (t == truth.end()) {
      problem(line + who + " ne figure pas dans les résultats signés (results.json).");
      continue;
    }
    const std::string& decision = row.fields[*at[2]];
    if (decided(decision) != decided(t->second))
      problem(line + who + "\u00A0: décision " +
              guillemets(decision.empty() ? std::string("aucune") : shown(decision)) +
              ", alors que les résultats signés et prouvés disent " +
              guillemets(t->second.empty() ? std::string("aucune") : t->second) + ".");
  }
  for (const auto& [key, decision] : truth)
    if (!seen.count(key))
      problem("la ligne de " + guillemets(shown(key.first)) + " (" + shown(key.second) + ") manque" +
              (decision.empty() ? "." : " (décision " + guillemets(decision) + " dans les résultats signés)."));
  return out;
}

}  // namespace jurymn
