// SPDX-License-Identifier: EUPL-1.2
#include "io/json_strict.h"

#include "core/text.h"

#include <stdexcept>

#include <algorithm>
#include <functional>

namespace jurymn::json_strict {

// RFC 6901: '~' and '/' inside a key.
std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "un booléen";
    case json::value_t::string: return "un texte";
    case json::value_t::array: return "une liste";
    case json::value_t::object: return "un objet";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "un nombre";
    default: return "une valeur d’un autre type";
  }
}

// "ligne 3, colonne 5 (octet 57)" for the 0-based offset `at`; columns count
// characters, not bytes, as a text editor does.
std::string place(std::string_view text, std::size_t at) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') { line++; col = 1; }
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return "ligne " + std::to_string(line) + ", colonne " + std::to_string(col) + " (octet " +
         std::to_string(at + 1) + ")";
}

// Offset of the first byte that is not well-formed UTF-8, if any. Checked
// before parsing because the parser reports such a byte only vaguely.
std::optional<std::size_t> bad_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return i;
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return i;
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += n + 1;
  }
  return std::nullopt;
}

// Where a parse error is, for a person with a text editor.
std::string syntax_message(std::string_view text, std::size_t byte, std::string_view content,
                           std::string_view end_of) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return "le fichier est vide\u00A0: il doit contenir " + std::string(content) + " au format JSON.";
  // `byte` is 1-based; size + 1 means the end of the input was reached.
  const std::size_t at = byte == 0 ? 0 : byte - 1;
  const std::string where = "JSON invalide " + place(text, at) + "\u00A0: ";
  if (at >= text.size())
    return where + "le fichier s’arrête avant la fin " + std::string(end_of) + " — il est peut-être tronqué (accolade ou "
                   "crochet fermant manquant ?).";
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x20) return where + "caractère de contrôle inattendu (une chaîne est-elle restée ouverte ?).";
  if (c >= 0x80) return where + "caractère inattendu (guillemets droits \" attendus ?).";
  return where + "caractère inattendu " + guillemets(std::string(1, static_cast<char>(c))) +
         " (virgule en trop ou manquante, guillemets droits \" attendus ?).";
}

// nlohmann's what() for a number out of range ends in "parsing '<number>'".
std::string number_overflow_message(std::string_view text, std::string_view what) {
  std::string number;
  if (const auto open = what.find("parsing '"); open != std::string_view::npos && what.size() > open + 10 &&
                                                what.back() == '\'')
    number = std::string(what.substr(open + 9, what.size() - open - 10));
  std::string where = "JSON invalide";
  if (const auto at = number.empty() ? std::string_view::npos : text.find(number); at != std::string_view::npos)
    where += " " + place(text, at);
  if (number.size() > 40) number = number.substr(0, 40) + "…";
  return where + "\u00A0: nombre hors limites" + (number.empty() ? std::string() : " " + guillemets(number)) +
         " (au-delà de ±1,8 × 10^308)\u00A0: est-ce une faute de frappe\u00A0?";
}

bool DuplicateKeyWatch::null() {
  element();
  return dom_.null();
}
bool DuplicateKeyWatch::boolean(bool v) {
  element();
  return dom_.boolean(v);
}
bool DuplicateKeyWatch::number_integer(number_integer_t v) {
  element();
  return dom_.number_integer(v);
}
bool DuplicateKeyWatch::number_unsigned(number_unsigned_t v) {
  element();
  return dom_.number_unsigned(v);
}
bool DuplicateKeyWatch::number_float(number_float_t v, const string_t& text) {
  element();
  return dom_.number_float(v, text);
}
bool DuplicateKeyWatch::string(string_t& v) {
  element();
  return dom_.string(v);
}
bool DuplicateKeyWatch::binary(binary_t& v) {
  element();
  return dom_.binary(v);
}
bool DuplicateKeyWatch::start_object(std::size_t n) {
  element();
  frames_.push_back({false, {}, -1, {}});
  return dom_.start_object(n);
}
bool DuplicateKeyWatch::key(string_t& k) {
  if (!frames_.empty()) {
    Frame& f = frames_.back();
    f.key = k;
    if (!f.keys.insert(k).second) duplicates.push_back(pointer());
  }
  return dom_.key(k);
}
bool DuplicateKeyWatch::end_object() {
  if (!frames_.empty()) frames_.pop_back();
  return dom_.end_object();
}
bool DuplicateKeyWatch::start_array(std::size_t n) {
  element();
  frames_.push_back({true, {}, -1, {}});
  return dom_.start_array(n);
}
bool DuplicateKeyWatch::end_array() {
  if (!frames_.empty()) frames_.pop_back();
  return dom_.end_array();
}
bool DuplicateKeyWatch::parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
  // Thrown as its own type, as json::parse would: the caller tells a syntax
  // error from a number out of range.
  if (const auto* p = dynamic_cast<const json::parse_error*>(&e)) throw *p;
  if (const auto* o = dynamic_cast<const json::out_of_range*>(&e)) throw *o;
  throw std::runtime_error(e.what());
}

void DuplicateKeyWatch::element() {
  if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
}

std::string DuplicateKeyWatch::pointer() const {
  std::string p;
  for (const auto& f : frames_) p += "/" + (f.array ? std::to_string(f.index) : pointer_token(f.key));
  return p;
}

void Reader::problem(std::string pointer, std::string message) {
  problems.push_back({file_, std::move(pointer), std::move(message)});
}

bool Reader::fields(const json& obj, const std::string& at, const std::vector<std::string_view>& allowed,
            const std::vector<std::string_view>& required) {
  if (!obj.is_object()) {
    problem(at, "doit être un objet { … }, pas " + type_name(obj) + ".");
    return false;
  }
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    problem(at + "/" + pointer_token(key),
            "champ inconnu " + guillemets(key) + " (faute de frappe ?)\u00A0; champs possibles ici\u00A0: " + list + ".");
  }
  for (auto r : required)
    if (!obj.contains(r)) problem(at + "/" + std::string(r), "champ obligatoire manquant.");
  return true;
}

std::string Reader::text(const json& obj, const std::string& at, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (!it->is_string()) {
    problem(at + "/" + std::string(key), "doit être un texte entre guillemets, pas " + type_name(*it) + ".");
    return {};
  }
  return it->get<std::string>();
}

std::string Reader::label(const json& obj, const std::string& at, std::string_view key) {
  std::string v = text(obj, at, key);
  if (auto hidden = hidden_character(v))
    problem(at + "/" + std::string(key), "contient un caractère invisible ou de contrôle (" + *hidden +
                                             ")\u00A0: un libellé s’affiche tel quel au jury, retirez-le.");
  return v;
}

bool Reader::boolean(const json& obj, const std::string& at, std::string_view key, bool fallback) {
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_boolean()) {
    problem(at + "/" + std::string(key), "doit valoir true ou false, pas " + type_name(*it) + ".");
    return fallback;
  }
  return it->get<bool>();
}

std::vector<std::string> Reader::texts(const json& obj, const std::string& at, std::string_view key) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end()) return out;
  const std::string here = at + "/" + std::string(key);
  if (!it->is_array()) {
    problem(here, "doit être une liste de textes [\"…\", \"…\"], pas " + type_name(*it) + ".");
    return out;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    if (e.is_string()) out.push_back(e.get<std::string>());
    else {
      problem(here + "/" + std::to_string(i), "doit être un texte entre guillemets, pas " + type_name(e) + ".");
      out.emplace_back();  // kept in place: pointers stay right
    }
  }
  return out;
}

std::optional<json> Reader::parse(std::string_view text, std::string_view content, std::string_view end_of) {
  if (auto bad = bad_utf8(text)) {
    problem({}, "caractère mal encodé " + place(text, *bad) + "\u00A0: enregistrez le fichier en UTF-8.");
    return std::nullopt;
  }
  json doc;
  DuplicateKeyWatch watch(doc);
  try {
    json::sax_parse(text.begin(), text.end(), &watch);
  } catch (const json::parse_error& e) {
    problem({}, syntax_message(text, e.byte, content, end_of));
    return std::nullopt;
  } catch (const json::out_of_range& e) {
    // 406: a number beyond a double ("1e400"), which the parser reports with
    // the number but not its place.
    problem({}, number_overflow_message(text, e.what()));
    return std::nullopt;
  } catch (const std::exception& e) {
    problem({}, std::string("JSON illisible\u00A0: ") + e.what() + ".");
    return std::nullopt;
  }
  for (const auto& at : watch.duplicates)
    problem(at, "ce champ apparaît deux fois dans le même objet\u00A0: gardez-en un seul.");
  return doc;
}

bool Reader::format_header(const json& doc, std::string_view format, int version, std::string_view kind,
                           std::string_view item) {
  if (!doc.is_object()) {
    problem({}, "le fichier doit contenir un objet JSON { … }, pas " + type_name(doc) + ".");
    return false;
  }
  auto f = doc.find("format");
  if (f == doc.end() || !f->is_string() || f->get<std::string>() != format) {
    problem("/format", "ce fichier n’est pas " + std::string(kind) +
                           " jurymn\u00A0: le champ «\u00A0format\u00A0» doit valoir " + guillemets(format) + ".");
    return false;
  }
  auto v = doc.find("format_version");
  if (v == doc.end()) {
    problem("/format_version",
            "champ obligatoire manquant (version du format, " + std::to_string(version) + " pour cette version de jurymn).");
    return false;
  }
  if (!v->is_number_integer()) {
    problem("/format_version", "doit être un nombre entier, pas " + type_name(*v) + ".");
    return false;
  }
  if (v->get<long long>() != version) {
    problem("/format_version", "version de format " + v->dump() +
                                   " non prise en charge\u00A0: cette version de jurymn lit la version " +
                                   std::to_string(version) + " (mettez jurymn à jour, ou procurez-vous " +
                                   std::string(item) + " dans la bonne version).");
    return false;
  }
  return true;
}

}  // namespace jurymn::json_strict
