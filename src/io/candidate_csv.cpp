// SPDX-License-Identifier: EUPL-1.2
#include "io/candidate_csv.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/candidate_fields.h"
#include "core/text.h"

namespace jurymn {
namespace {

// ------------------------------------------------------------ encodings

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) n = 3, lo = 0xA0;
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) n = 3, hi = 0x9F;
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) n = 4, hi = 0x8F;
  else return 0;
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr char32_t kReplacement = 0xFFFD;

// Windows-1252 0x80–0x9F; 0 marks the five undefined bytes.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88–8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98–9F
};

std::string hex_bytes(const std::vector<unsigned char>& bytes) {
  std::string s;
  for (unsigned char b : bytes) {
    if (!s.empty()) s += ", ";
    s += fmt::format("0x{:02X}", b);
  }
  return s;
}

// Decodes one line of Windows-1252; undefined bytes become U+FFFD and are
// listed in `bad`.
std::string decode_cp1252(std::string_view line, std::vector<unsigned char>& bad) {
  std::string out;
  out.reserve(line.size() + line.size() / 4);
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xA0) {
      char32_t cp = kCp1252High[c - 0x80];
      if (cp == 0) {
        if (std::find(bad.begin(), bad.end(), c) == bad.end()) bad.push_back(c);
        cp = kReplacement;
      }
      append_utf8(out, cp);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

// A multi-byte UTF-8 sequence in a Windows-1252 file (such as "Ã©") almost
// never occurs in French text: the line was pasted from a UTF-8 file.
bool has_utf8_sequence(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i)
    if (static_cast<unsigned char>(line[i]) >= 0x80 && utf8_sequence_length(line, i) > 1) return true;
  return false;
}

// Decodes UTF-8, replacing invalid bytes by U+FFFD; returns false if any.
bool decode_utf8_lossy(std::string_view line, std::string& out) {
  bool ok = true;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t n = utf8_sequence_length(line, i);
    if (n == 0) {
      append_utf8(out, kReplacement);
      ok = false;
      ++i;
    } else {
      out.append(line.substr(i, n));
      i += n;
    }
  }
  return ok;
}

// Next code point of valid UTF-8 (a stray byte is returned as itself).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  std::size_t n = utf8_sequence_length(s, i);
  auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
  char32_t cp;
  switch (n) {
    case 2: cp = ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F); break;
    case 3: cp = ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F); break;
    case 4:
      cp = ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
      break;
    default: cp = b(i); n = 1; break;
  }
  i += n;
  return cp;
}

// ------------------------------------------------------------ text helpers

// Lowercase ASCII letters and digits with accents removed, so that
// « Numéro de candidat », "NUMERO_CANDIDAT" and "numero-de-candidat"
// compare equal. Other characters become `sep` (or vanish if sep is 0).
std::string fold(std::string_view s, char sep = 0) {
  // Base letters of U+00C0–U+00FF; '?' marks the non-letters × and ÷.
  static constexpr std::string_view kLatin1 =
      "aaaaaaaceeeeiiiidnooooo?ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
  std::string out;
  auto separator = [&] {
    if (sep && (out.empty() || out.back() != sep)) out += sep;
  };
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
      else separator();
    } else if (cp == 0xC6 || cp == 0xE6) {
      out += "ae";
    } else if (cp == 0x152 || cp == 0x153) {
      out += "oe";
    } else if (cp == 0xDF) {
      out += "ss";
    } else if (cp == 0xDE || cp == 0xFE) {
      out += "th";
    } else if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '?') {
      out += kLatin1[cp - 0xC0];
    } else if (cp == 0xB0 || cp == 0xBA) {  // « N° », « Nº »
      out += 'o';
    } else {
      separator();
    }
  }
  return out;
}

// Trims, and turns a line break typed inside a cell (Alt+Entrée in Excel)
// into a space: a long title is one line of text for the app.
std::string clean_field(std::string_view raw) {
  std::string s;
  s.reserve(raw.size());
  bool in_break = false;
  for (char c : raw) {
    if (c == '\r' || c == '\n') {
      if (!in_break) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
        s += ' ';
      }
      in_break = true;
    } else if (in_break && (c == ' ' || c == '\t')) {
      continue;
    } else {
      in_break = false;
      s += c;
    }
  }
  return trimmed(s);
}

std::string columns_word(std::size_t n) {
  return fmt::format("{} colonne{}", n, n > 1 ? "s" : "");
}

bool is_blank(std::string_view s) { return trimmed(s).empty(); }

// The separator is the candidate counted most often outside quotes in the
// header; ';' wins ties because it is what French Excel writes.
char detect_separator(std::string_view header) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool in_quotes = false;
  for (char c : header) {
    if (c == '"') in_quotes = !in_quotes;
    else if (in_quotes) continue;
    else if (c == ';') ++semicolons;
    else if (c == ',') ++commas;
    else if (c == '\t') ++tabs;
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  if (commas > semicolons) return ',';
  return ';';
}

// Excel honours a first line "sep=;" and some files carry one.
std::optional<char> separator_directive(std::string_view line) {
  std::string t = trimmed(line);
  if (t.size() == 5 && fold(t.substr(0, 3)) == "sep" && t[3] == '=' && t[4] != '"') return t[4];
  return std::nullopt;
}

// ------------------------------------------------------------ records

using Record = CsvRecord;

bool is_blank_record(const Record& r) {
  return std::all_of(r.fields.begin(), r.fields.end(),
                     [](const std::string& f) { return clean_field(f).empty(); });
}

// ------------------------------------------------------------ columns

// Text: a plain text field of kCandidateFields (core/candidate_fields.h).
// Sheet: one of the session sheets, as many as the title's draw is made between.
enum class Column { Text, Ccps, Equivalence, Sheet, Untitled, Unknown };

struct ColumnInfo {
  Column column;
  std::string label;  // French name used in messages
  std::vector<std::string> aliases;  // folded
  std::string CandidateInput::*text = nullptr;  // Column::Text: the field it fills
  bool required = false;
  int sheet = -1;  // Column::Sheet: which (0 for « Fiche 1 »)
};

// « Fiche 1, Fiche 2, Fiche 3 » for a title whose draw is made between three.
std::string sheet_column_names(const Title& title) {
  std::string out;
  for (int i = 1; i <= title.session_sheet_count(); ++i) out += (i > 1 ? ", Fiche " : "Fiche ") + std::to_string(i);
  return out;
}

// The equivalence column's names follow the title's equivalences: for
// « remn-ccp1 » granting CCP1, « Équivalence CCP1 », « CCP1 par
// équivalence », « CCP1 équivalence », « Équivalence REMN ».
std::vector<std::string> equivalence_aliases(const Title& title) {
  std::vector<std::string> out = {"equivalence"};
  const auto add = [&](std::string alias) {
    if (std::find(out.begin(), out.end(), alias) == out.end()) out.push_back(std::move(alias));
  };
  for (const auto& e : title.equivalences) {
    const std::string grants = fold(e.grants);
    add("equivalence" + grants);
    add(grants + "parequivalence");
    add(grants + "equivalence");
    add("equivalence" + fold(e.id));
    // Each word of the id that is not the CCP names where it comes from (« remn »).
    const std::string words = fold(e.id, ' ');
    for (std::size_t at = 0; at < words.size();) {
      std::size_t end = words.find(' ', at);
      if (end == std::string::npos) end = words.size();
      const std::string word = words.substr(at, end - at);
      if (!word.empty() && word != grants) add("equivalence" + word);
      at = end + 1;
    }
  }
  return out;
}

// « Équivalence CCP1 », or « Équivalence » for a title without equivalence.
std::string equivalence_column_example(const Title& title) {
  return title.equivalences.empty() ? std::string("Équivalence") : "Équivalence " + title.equivalences.front().grants;
}

std::vector<ColumnInfo> known_columns(const Title& title) {
  std::vector<ColumnInfo> c;
  for_each_field(kCandidateFields, [&](const auto& f) {
    constexpr CandidateFieldKind kind = candidate_kind<decltype(f)>;
    if constexpr (kind == CandidateFieldKind::Text || kind == CandidateFieldKind::OptionalText) {
      ColumnInfo info{Column::Text, std::string(f.label), {}, f.member, kind == CandidateFieldKind::Text};
      // « Numéro » heads a column where « numéro » follows a colon.
      if (!info.label.empty() && info.label[0] >= 'a' && info.label[0] <= 'z') info.label[0] -= 'a' - 'A';
      for_each_word(f.csv_names, [&](std::string_view w) { info.aliases.emplace_back(w); });
      c.push_back(std::move(info));
    }
  });
  c.push_back({Column::Ccps, "CCP", {"ccp", "ccps", "ccppasses", "ccpspasses", "ccppresentes", "ccpspresentes", "ccpinscrits"}});
  c.push_back({Column::Equivalence, "Équivalence", equivalence_aliases(title)});
  for (int i = 0; i < title.session_sheet_count(); ++i) {
    std::string n = std::to_string(i + 1);
    c.push_back({Column::Sheet, "Fiche " + n,
                 {"fiche" + n, "ficheno" + n, "ficheseance" + n, "ficheseanceno" + n, "fichesseance" + n,
                  "titrefiche" + n, "titreficheseance" + n, "sheet" + n, "sessionsheet" + n},
                 nullptr, false, i});
  }
  return c;
}

const ColumnInfo* column_for(std::string_view header, const std::vector<ColumnInfo>& columns) {
  std::string key = fold(header);
  for (const auto& info : columns)
    if (std::find(info.aliases.begin(), info.aliases.end(), key) != info.aliases.end()) return &info;
  return nullptr;
}

struct Header {
  std::vector<Column> columns;  // one per field of the header record
  std::vector<std::string CandidateInput::*> texts;  // one per field: the text it fills, or null
  std::vector<int> sheets;                            // one per field: the session sheet it fills, or -1
  std::vector<std::string> names;
  std::size_t width = 0;  // columns up to the last titled one
  bool usable = false;    // rows can be read
};

Header read_header(const Record& r, const Title& title, std::vector<CsvProblem>& problems) {
  const std::vector<ColumnInfo> columns = known_columns(title);
  Header h;
  const int line = r.first_line;
  std::map<std::string, std::size_t> seen;  // by label
  std::vector<std::string> unknown;
  bool duplicated = false;
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    std::string name = clean_field(r.fields[i]);
    h.names.push_back(name);
    h.texts.push_back(nullptr);
    h.sheets.push_back(-1);
    if (name.empty()) {
      h.columns.push_back(Column::Untitled);
      continue;
    }
    h.width = i + 1;
    const ColumnInfo* info = column_for(name, columns);
    if (!info) {
      h.columns.push_back(Column::Unknown);
      unknown.push_back(name);
      continue;
    }
    h.columns.push_back(info->column);
    h.texts.back() = info->text;
    h.sheets.back() = info->sheet;
    if (auto it = seen.find(info->label); it != seen.end()) {
      duplicated = true;
      problems.push_back({line, fmt::format("La colonne {} apparaît deux fois\u00A0: {} et {}.",
                                            guillemets(info->label), guillemets(h.names[it->second]), guillemets(name))});
    } else {
      seen[info->label] = i;
    }
  }

  std::string read_names;
  for (const auto& n : h.names) {
    if (n.empty()) continue;
    if (!read_names.empty()) read_names += ", ";
    read_names += guillemets(n);
  }
  if (seen.empty()) {
    problems.push_back({line, fmt::format("Aucun titre de colonne reconnu\u00A0: la première ligne doit nommer les "
                                          "colonnes, par exemple «\u00A0Numéro;Nom;Prénom;CCP\u00A0». Titres lus\u00A0: {}.",
                                          read_names)});
    return h;
  }
  std::string accepted;
  for (const auto& info : columns)
    accepted += (accepted.empty() ? "" : ", ") +
                (info.column == Column::Equivalence ? equivalence_column_example(title) : info.label);
  for (const auto& name : unknown)
    problems.push_back({line, fmt::format("Colonne {} inconnue\u00A0: renommez-la ou supprimez-la (colonnes "
                                          "acceptées\u00A0: {}).",
                                          guillemets(name), accepted)});
  bool missing = false;
  for (const auto& info : columns) {
    if (!info.required || seen.count(info.label)) continue;
    missing = true;
    problems.push_back({line, fmt::format("Colonne obligatoire {} absente (titres lus\u00A0: {}).",
                                          guillemets(info.label), read_names)});
  }
  // Unknown columns are reported but do not stop the rows from being checked.
  h.usable = !missing && !duplicated;
  return h;
}

// ------------------------------------------------------------ values

// A title's CCP as a list cell may name it: "CCP1", "ccp 1" or its number "1".
bool names_ccp(const std::string& word, const TitleCcp& c) {
  const std::string id = fold(c.id);
  if (word == id) return true;
  std::size_t digits = id.size();
  while (digits > 0 && id[digits - 1] >= '0' && id[digits - 1] <= '9') --digits;
  return digits < id.size() && word == id.substr(digits);
}

// "CCP1", "CCP2", "CCP1+CCP2", "CCP1, CCP2", "1 et 2", "les deux"…, against
// the title's CCPs, in the title's order.
std::optional<CcpSet> parse_ccps(std::string_view value, const Title& title) {
  std::string words = fold(value, ' ');
  std::string compact = fold(value);
  if (compact == "lesdeux" || compact == "deux" || compact == "both" || compact == "tous" ||
      compact == "lesdeuxccp" || compact == "touslesdeux" || compact == "touslesccp")
    return title.all_ccps();
  CcpSet set;
  bool any = false;
  std::size_t pos = 0;
  while (pos < words.size()) {
    std::size_t end = words.find(' ', pos);
    if (end == std::string::npos) end = words.size();
    std::string w = words.substr(pos, end - pos);
    pos = end + 1;
    if (w.empty() || w == "et" || w == "and" || w == "ccp" || w == "ccps") continue;
    auto it = std::find_if(title.ccps.begin(), title.ccps.end(), [&](const TitleCcp& c) { return names_ccp(w, c); });
    if (it == title.ccps.end()) return std::nullopt;
    set.add(it->id);
    any = true;
  }
  if (!any) return std::nullopt;
  return title.ordered(set);
}

// « «\u00A0CCP1\u00A0», «\u00A0CCP2\u00A0» ou «\u00A0CCP1+CCP2\u00A0» » for messages.
std::string ccp_values_text(const Title& title) {
  std::vector<std::string> values;
  for (const auto& c : title.ccps) values.push_back(guillemets(c.id));
  if (title.ccps.size() > 1) {
    std::string all;
    for (const auto& c : title.ccps) all += (all.empty() ? "" : "+") + c.id;
    values.push_back(guillemets(all));
  }
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i == 0 ? "" : i + 1 == values.size() ? " ou " : ", ") + values[i];
  return out;
}

std::optional<bool> parse_yes_no(std::string_view value) {
  std::string v = fold(value);
  static const std::set<std::string> yes = {"oui", "o", "x", "1", "vrai", "yes", "y", "true"};
  static const std::set<std::string> no = {"non", "n", "0", "faux", "no", "false"};
  if (v.empty() && trimmed(value).empty()) return false;
  if (yes.count(v)) return true;
  if (no.count(v)) return false;
  return std::nullopt;
}

// ------------------------------------------------------------ rows

struct RowReader {
  const Header& header;
  const Title& title;
  const CcpSet* default_ccps;  // for rows that name no CCP; null: the title's first
  int& rows_without_ccp;
  std::vector<CsvProblem>& problems;
  std::map<std::string, int> first_line_of_number;
  std::set<int> reported_lines;  // already bad (bytes, quotes): never a clean row

  std::optional<CandidateInput> read(const Record& r) {
    const int line = r.first_line;
    const std::size_t before = problems.size();
    auto problem = [&](std::string message) { problems.push_back({line, std::move(message)}); };

    std::vector<std::string> f;
    for (const auto& raw : r.fields) f.push_back(clean_field(raw));
    const std::size_t n = f.size(), m = header.width;
    // Extra empty cells are harmless (Excel adds them after formatted cells).
    bool extra_data = n > m && std::any_of(f.begin() + static_cast<std::ptrdiff_t>(m), f.end(),
                                           [](const std::string& s) { return !s.empty(); });
    if (n < m || extra_data) {
      std::string hint = r.last_line > r.first_line
                             ? fmt::format(" Cet enregistrement va de la ligne {} à la ligne {}\u00A0: vérifiez les "
                                           "guillemets.",
                                           r.first_line, r.last_line)
                             : " Vérifiez le séparateur et les guillemets.";
      problem(fmt::format("{} au lieu de {}.{}", columns_word(n), m, hint));
      return std::nullopt;
    }

    CandidateInput in;
    in.sheets.resize(static_cast<std::size_t>(title.session_sheet_count()));
    std::string ccp_value, equivalence_value, ccp_header, equivalence_header;
    for (std::size_t i = 0; i < m; ++i) {
      std::string& v = f[i];
      switch (header.columns[i]) {
        case Column::Text: in.*header.texts[i] = v; break;
        case Column::Ccps: ccp_value = v; ccp_header = header.names[i]; break;
        case Column::Equivalence: equivalence_value = v; equivalence_header = header.names[i]; break;
        case Column::Sheet: in.sheets[static_cast<std::size_t>(header.sheets[i])] = v; break;
        case Column::Untitled:
          if (!v.empty())
            problem(fmt::format("Valeur {} dans la colonne {}, qui n’a pas de titre.", guillemets(v), i + 1));
          break;
        case Column::Unknown: break;  // already reported on the header line
      }
    }

    if (!equivalence_value.empty()) {
      // « oui » names the title's only equivalence; with several, the cell
      // names the CCPs held.
      auto yes = parse_yes_no(equivalence_value);
      auto named = yes ? std::nullopt : parse_ccps(equivalence_value, title);
      if (yes && *yes && title.equivalences.size() == 1) {
        in.by_equivalence.add(title.equivalences.front().grants);
      } else if (yes && !*yes) {
      } else if (named && std::all_of(named->ids.begin(), named->ids.end(),
                                      [&](const CcpId& id) { return title.equivalence_for(id) != nullptr; })) {
        in.by_equivalence = *named;
      } else {
        std::string granted;
        for (const auto& e : title.equivalences) granted += (granted.empty() ? "" : ", ") + guillemets(e.grants);
        problem(title.equivalences.empty()
                    ? fmt::format("Colonne {}\u00A0: le titre {} ne prévoit aucune équivalence.",
                                  guillemets(equivalence_header), title.code)
                    : fmt::format("Valeur {} non comprise dans la colonne {}\u00A0: indiquez «\u00A0oui\u00A0» ou "
                                  "«\u00A0non\u00A0»{}.",
                                  guillemets(equivalence_value), guillemets(equivalence_header),
                                  title.equivalences.size() > 1 ? ", ou le CCP acquis (" + granted + ")" : ""));
      }
    }
    // By default the title's first CCP the candidate does not already hold;
    // also after an unreadable cell, reported once below, not again by validate().
    auto set_default = [&] {
      for (const auto& c : title.ccps)
        if (!in.by_equivalence.has(c.id)) {
          in.ccps.add(c.id);
          break;
        }
    };
    if (ccp_value.empty()) {
      ++rows_without_ccp;
      if (default_ccps)
        for (const auto& id : default_ccps->ids)
          if (!in.by_equivalence.has(id) && title.ccp(id)) in.ccps.add(id);
      if (in.ccps.empty()) set_default();
      in.ccps = title.ordered(in.ccps);
    } else if (auto set = parse_ccps(ccp_value, title)) {
      in.ccps = *set;
      for (const auto& id : in.by_equivalence.ids)
        if (set->has(id)) {
          std::string others;
          for (const auto& c : title.ccps)
            if (c.id != id) others += (others.empty() ? "" : " ou ") + guillemets(c.id);
          problem(fmt::format("Le candidat passe le {} alors qu’il l’a par équivalence\u00A0: indiquez {} "
                              "dans la colonne {} ou «\u00A0non\u00A0» dans la colonne {}.",
                              id, others, guillemets(ccp_header), guillemets(equivalence_header)));
          in.ccps.remove(id);  // reported here: validate() must not repeat it
        }
    } else {
      problem(fmt::format("Valeur {} non comprise dans la colonne {}\u00A0: indiquez {}.", guillemets(ccp_value),
                          guillemets(ccp_header), ccp_values_text(title)));
      set_default();
    }

    for (auto& e : validate(in)) problem(std::move(e.message));

    if (!in.number.empty()) {
      auto [it, inserted] = first_line_of_number.emplace(in.number, line);
      if (!inserted)
        problem(fmt::format("Le numéro de candidat {} figure déjà à la ligne {}.", guillemets(in.number),
                            it->second));
    }
    if (problems.size() != before) return std::nullopt;
    if (reported_lines.lower_bound(r.first_line) != reported_lines.upper_bound(r.last_line))
      return std::nullopt;
    return in;
  }
};

void sort_problems(CandidateCsv& csv) {
  std::stable_sort(csv.problems.begin(), csv.problems.end(),
                   [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; });
}

// Refuses what is clearly not a CSV text before trying to decode it.
std::optional<std::string> not_a_text_file(std::string_view bytes) {
  if (bytes.starts_with("PK\x03\x04"))
    return "Ce fichier est un classeur (.xlsx ou .ods), pas un fichier CSV\u00A0: dans le tableur, choisissez "
           "«\u00A0Enregistrer sous\u00A0» puis le type «\u00A0CSV UTF-8\u00A0» ou «\u00A0CSV (séparateur: point-virgule)\u00A0».";
  if (bytes.starts_with("\xD0\xCF\x11\xE0"))
    return "Ce fichier est un classeur Excel (.xls), pas un fichier CSV\u00A0: dans Excel, choisissez "
           "«\u00A0Enregistrer sous\u00A0» puis le type «\u00A0CSV UTF-8\u00A0».";
  if (bytes.find('\0') != std::string_view::npos)
    return "Ce fichier n’est pas un fichier texte CSV (il contient des octets nuls).";
  return std::nullopt;
}

}  // namespace

CandidateCsv parse_candidate_csv(std::string_view bytes, const Title& title, const CcpSet* default_ccps) {
  CandidateCsv out;
  auto whole_file = [&](std::string message) { out.problems.push_back({1, std::move(message)}); };

  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    out.encoding = "UTF-16";
    whole_file("Ce fichier est en UTF-16 («\u00A0Texte Unicode\u00A0»)\u00A0: enregistrez-le au format «\u00A0CSV UTF-8\u00A0» ou "
               "«\u00A0CSV (séparateur: point-virgule)\u00A0».");
    return out;
  }
  if (auto refusal = not_a_text_file(bytes)) {
    whole_file(std::move(*refusal));
    return out;
  }

  // Decoding, line by line so that a bad byte is reported where it is.
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  if (bom) bytes.remove_prefix(3);
  const bool utf8 = bom || is_valid_utf8(bytes);
  out.encoding = bom ? "UTF-8 avec BOM" : utf8 ? "UTF-8" : "Windows-1252";
  const std::vector<std::string_view> lines = split_csv_lines(bytes);
  std::vector<std::string> text;
  text.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    std::string decoded;
    if (utf8) {
      if (!decode_utf8_lossy(lines[i], decoded))
        out.problems.push_back({line, "Octets illisibles\u00A0: le fichier est annoncé en UTF-8 mais cette ligne "
                                      "n’en est pas. Enregistrez le fichier au format «\u00A0CSV UTF-8\u00A0»."});
    } else {
      std::vector<unsigned char> bad;
      decoded = decode_cp1252(lines[i], bad);
      if (!bad.empty())
        out.problems.push_back(
            {line, fmt::format("Octets illisibles ({})\u00A0: le fichier n’est ni en UTF-8 ni en Windows-1252. "
                               "Enregistrez-le au format «\u00A0CSV UTF-8\u00A0».",
                               hex_bytes(bad))});
      else if (has_utf8_sequence(lines[i]))
        out.problems.push_back({line, "Encodages mélangés\u00A0: cette ligne est en UTF-8 alors que le reste du "
                                      "fichier est en Windows-1252. Enregistrez le fichier au format "
                                      "«\u00A0CSV UTF-8\u00A0»."});
    }
    text.push_back(std::move(decoded));
  }

  // Separator, from the first line that holds something.
  std::size_t first = 0;
  while (first < text.size() && is_blank(text[first])) ++first;
  if (first == text.size()) {
    whole_file("Le fichier est vide.");
    sort_problems(out);
    return out;
  }
  if (auto sep = separator_directive(text[first])) {
    out.separator = *sep;
    ++first;
  } else {
    out.separator = detect_separator(text[first]);
  }

  bool lost_records = false;
  std::vector<Record> records = read_csv_records(text, first, out.separator, out.problems, lost_records);
  std::erase_if(records, is_blank_record);
  if (records.empty()) {
    if (!lost_records) whole_file("Le fichier est vide.");
    sort_problems(out);
    return out;
  }

  const Header header = read_header(records.front(), title, out.problems);
  if (header.usable) {
    RowReader reader{header, title, default_ccps, out.rows_without_ccp, out.problems, {}, {}};
    for (const auto& p : out.problems) reader.reported_lines.insert(p.line);
    for (std::size_t i = 1; i < records.size(); ++i)
      if (auto candidate = reader.read(records[i])) out.rows.push_back({records[i].first_line, *candidate});
    if (records.size() == 1 && !lost_records)
      out.problems.push_back({records.front().first_line,
                              "Le fichier ne contient aucun candidat\u00A0: il n’a que la ligne des titres."});
  }
  sort_problems(out);
  return out;
}

void check_against_existing(CandidateCsv& csv, const std::vector<std::string>& existing_numbers) {
  std::set<std::string> existing;
  for (const auto& n : existing_numbers) existing.insert(trimmed(n));
  std::erase_if(csv.rows, [&](const CandidateRow& row) {
    if (!existing.count(row.candidate.number)) return false;
    csv.problems.push_back({row.line, fmt::format("Le numéro de candidat {} est déjà utilisé dans cette session.",
                                                  guillemets(row.candidate.number))});
    return true;
  });
  sort_problems(csv);
}

std::string format_problems(const CandidateCsv& csv, std::string_view file_name) {
  std::string out;
  for (const auto& p : csv.problems) out += fmt::format("{}, ligne {}\u00A0: {}\n", file_name, p.line, p.message);
  return out;
}

std::string candidate_csv_columns_help(const Title& title) {
  std::string ccps, default_text;
  for (const auto& c : title.ccps) ccps += (ccps.empty() ? "" : ", ") + guillemets(c.id);
  std::string all;
  for (const auto& c : title.ccps) all += (all.empty() ? "" : "+") + c.id;
  std::string equivalences, equivalence_names;
  for (const auto& e : title.equivalences) equivalences += (equivalences.empty() ? "" : "\u00A0; ") + e.label + " → " + e.grants;
  for (const auto& e : title.equivalences)
    equivalence_names += (equivalence_names.empty() ? "" : ", ") + guillemets("Équivalence " + e.grants) + ", " +
                         guillemets(e.grants + " par équivalence");
  return "Fichier CSV des candidats\u00A0: la première ligne donne les titres des colonnes, dans n’importe quel "
         "ordre (majuscules, accents, espaces, «\u00A0_\u00A0» et «\u00A0-\u00A0» indifférents). Séparateur «\u00A0;\u00A0» ou «\u00A0,\u00A0». "
         "Encodage UTF-8 (avec ou sans BOM) ou Windows-1252, comme le «\u00A0CSV (séparateur: point-virgule)\u00A0» "
         "d’Excel.\n"
         "  Numéro            obligatoire\u00A0; aussi «\u00A0N°\u00A0», «\u00A0Numéro candidat\u00A0», «\u00A0number\u00A0». Unique dans le "
         "fichier et dans la session.\n"
         "  Nom               obligatoire\u00A0; aussi «\u00A0Nom de famille\u00A0», «\u00A0last_name\u00A0».\n"
         "  Prénom            obligatoire\u00A0; aussi «\u00A0first_name\u00A0».\n"
         "  CCP               facultatif\u00A0; aussi «\u00A0CCP passés\u00A0». Valeurs\u00A0: les CCP du titre " + title.code + " (" +
         ccps + "), seuls ou à plusieurs (" + guillemets(all) +
         ", «\u00A01 et 2\u00A0», «\u00A0tous\u00A0»). Vide\u00A0: le premier CCP "
         "du titre que le candidat n’a pas par équivalence.\n"
         "  Équivalence       facultatif" + (equivalence_names.empty() ? "" : "\u00A0; aussi " + equivalence_names) +
         ". Valeurs\u00A0: "
         "oui/non, o/n, x, 1/0, vrai/faux (ou le CCP acquis, quand le titre prévoit plusieurs équivalences). "
         "Vide\u00A0: non. Équivalences du titre\u00A0: " + (equivalences.empty() ? std::string("aucune") : equivalences) + ".\n"
         "  " + sheet_column_names(title) + "   facultatifs\u00A0; aussi «\u00A0Fiche séance 1\u00A0»… Titres des fiches séances.\n"
         "Les lignes vides sont ignorées. Au moindre problème, rien n’est importé\u00A0: chaque ligne fautive est "
         "signalée avec son numéro.\n";
}

}  // namespace jurymn
