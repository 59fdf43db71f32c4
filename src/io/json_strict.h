// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Strict reading of hand-edited JSON (exam plans, scoring grids): every
// problem is named by file and JSON pointer, in French, for the person who
// edits the file. Shared by the loaders so they report alike.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exam_plan.h"

namespace jurymn::json_strict {

using nlohmann::json;

// RFC 6901: '~' and '/' inside a key.
std::string pointer_token(std::string_view key);
// "un texte", "un nombre"… for messages.
std::string type_name(const json& v);
// "ligne 3, colonne 5 (octet 57)" for the 0-based offset `at`.
std::string place(std::string_view text, std::size_t at);
// Offset of the first byte that is not well-formed UTF-8, if any.
std::optional<std::size_t> bad_utf8(std::string_view s);
// Where a parse error is, for a person with a text editor. `content` names
// what the file holds ("un plan d’épreuve"), `end_of` its end ("du plan").
std::string syntax_message(std::string_view text, std::size_t byte, std::string_view content,
                           std::string_view end_of);
// A number beyond a double ("1e400", "-1e400"): where it is and what it is;
// `what` is the parser's exception text, which names the number.
std::string number_overflow_message(std::string_view text, std::string_view what);

// nlohmann keeps the last of two equal keys silently; a repeated key in a
// hand-edited file is almost always a mistake, so it is reported. Builds the
// document with nlohmann's own DOM builder, fed through SAX: its callback
// parser rescans the enclosing array at the end of every object, quadratic
// on a bundle's audit trail of hundreds of thousands of entries.
class DuplicateKeyWatch final : public nlohmann::json_sax<json> {
public:
  explicit DuplicateKeyWatch(json& doc) : dom_(doc, /*allow_exceptions=*/true) {}
  std::vector<std::string> duplicates;  // pointers of repeated keys

  bool null() override;
  bool boolean(bool v) override;
  bool number_integer(number_integer_t v) override;
  bool number_unsigned(number_unsigned_t v) override;
  bool number_float(number_float_t v, const string_t& text) override;
  bool string(string_t& v) override;
  bool binary(binary_t& v) override;
  bool start_object(std::size_t n) override;
  bool key(string_t& k) override;
  bool end_object() override;
  bool start_array(std::size_t n) override;
  bool end_array() override;
  bool parse_error(std::size_t at, const std::string& token, const nlohmann::detail::exception& e) override;

private:
  struct Frame {
    bool array;
    std::string key;
    long index;
    std::set<std::string> keys;
  };
  void element();
  std::string pointer() const;
  std::vector<Frame> frames_;
  nlohmann::detail::json_sax_dom_parser<json> dom_;
};

// Field readers that record a problem instead of throwing.
class Reader {
public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  void problem(std::string pointer, std::string message);
  // Unknown and missing fields of an object; true when it is an object.
  bool fields(const json& obj, const std::string& at, const std::vector<std::string_view>& allowed,
              const std::vector<std::string_view>& required);
  std::string text(const json& obj, const std::string& at, std::string_view key);
  // A text shown as it is to the jury (a label, a title): also refuses
  // control, bidirectional and zero-width characters (core/text.h).
  std::string label(const json& obj, const std::string& at, std::string_view key);
  bool boolean(const json& obj, const std::string& at, std::string_view key, bool fallback);
  // A list of texts; a bad element is reported and kept as "" so pointers stay right.
  std::vector<std::string> texts(const json& obj, const std::string& at, std::string_view key);

  // Parses strictly: not UTF-8, a syntax error → a problem and nothing;
  // repeated keys → a problem each, and the document still returned.
  std::optional<json> parse(std::string_view text, std::string_view content, std::string_view end_of);
  // The document is an object carrying "format": `format` and
  // "format_version": `version`; `kind` ("un plan d’épreuve") and `item`
  // ("le plan") word the messages.
  bool format_header(const json& doc, std::string_view format, int version, std::string_view kind,
                     std::string_view item);

  std::vector<PlanProblem> problems;

protected:
  std::string file_;
};

}  // namespace jurymn::json_strict
