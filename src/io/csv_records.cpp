// SPDX-License-Identifier: EUPL-1.2
#include "io/csv_records.h"

#include <csv.h>

#include <fmt/format.h>

namespace jurymn {

std::vector<std::string_view> split_csv_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n' && s[i] != '\r') continue;
    lines.push_back(s.substr(start, i - start));
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

namespace {

struct RecordReader {
  std::vector<CsvRecord> records;
  std::vector<std::string> fields;
  int start_line = 0;
  int current_line = 0;
};

void on_field(void* s, std::size_t len, void* data) {
  auto* r = static_cast<RecordReader*>(data);
  r->fields.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}

void on_record(int, void* data) {
  auto* r = static_cast<RecordReader*>(data);
  r->records.push_back({r->start_line, r->current_line, std::move(r->fields)});
  r->fields.clear();
}

// libcsv's pstate value for "no record under way" (ROW_NOT_BEGUN).
constexpr int kRowNotBegun = 0;
constexpr unsigned char kCsvOptions = CSV_STRICT | CSV_STRICT_FINI;

class CsvParser {
 public:
  explicit CsvParser(char separator) : separator_(separator) { init(); }
  ~CsvParser() { csv_free(&p_); }
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;

  // Restarts after a strict-mode error, dropping the record under way.
  void reset() {
    csv_free(&p_);
    init();
  }
  csv_parser* get() { return &p_; }

 private:
  void init() {
    csv_init(&p_, kCsvOptions);
    csv_set_delim(&p_, static_cast<unsigned char>(separator_));
  }
  csv_parser p_{};
  char separator_;
};

}  // namespace

// Feeds libcsv one physical line at a time so that each record knows the
// line it starts on; quoting errors become problems.
std::vector<CsvRecord> read_csv_records(const std::vector<std::string>& text, std::size_t first, char separator,
                                        std::vector<CsvProblem>& problems, bool& lost_records) {
  RecordReader reader;
  CsvParser parser(separator);
  for (std::size_t i = first; i < text.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    if (parser.get()->pstate == kRowNotBegun) reader.start_line = line;
    reader.current_line = line;
    std::string chunk = text[i] + "\n";
    std::size_t used = csv_parse(parser.get(), chunk.data(), chunk.size(), on_field, on_record, &reader);
    if (used == chunk.size()) continue;
    lost_records = true;
    if (reader.start_line == line) {
      problems.push_back({line,
                          "Guillemet mal placé\u00A0: un champ qui contient des guillemets doit être entièrement "
                          "entre guillemets, et chaque guillemet intérieur doublé (\"\")."});
    } else {
      problems.push_back(
          {reader.start_line,
           fmt::format("Guillemet mal placé à la ligne {}\u00A0: le champ entre guillemets ouvert à la ligne {} "
                       "n’est sans doute pas fermé, et les lignes {} à {} n’ont pas pu être lues.",
                       line, reader.start_line, reader.start_line, line)});
    }
    reader.fields.clear();
    parser.reset();
  }
  reader.current_line = static_cast<int>(text.size());
  if (csv_fini(parser.get(), on_field, on_record, &reader) != 0) {
    lost_records = true;
    problems.push_back({reader.start_line,
                        "Guillemet non fermé\u00A0: le champ entre guillemets commencé à cette ligne continue "
                        "jusqu’à la fin du fichier."});
  }
  return std::move(reader.records);
}

}  // namespace jurymn
