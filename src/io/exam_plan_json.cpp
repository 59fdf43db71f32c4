#include "io/exam_plan_json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "io/file.h"

namespace jurymn {
namespace {

using nlohmann::json;

constexpr double kMaxMinutes = 24 * 60;  // a stage longer than a day is a typo
constexpr std::size_t kMaxPlanBytes = 1u << 20;

std::string guillemets(std::string_view s) { return "«\u00A0" + std::string(s) + "\u00A0»"; }

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
std::string syntax_message(std::string_view text, std::size_t byte) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return "le fichier est vide\u00A0: il doit contenir un plan d’épreuve au format JSON.";
  // `byte` is 1-based; size + 1 means the end of the input was reached.
  const std::size_t at = byte == 0 ? 0 : byte - 1;
  const std::string where = "JSON invalide " + place(text, at) + "\u00A0: ";
  if (at >= text.size())
    return where + "le fichier s’arrête avant la fin du plan — il est peut-être tronqué (accolade ou "
                   "crochet fermant manquant ?).";
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x20) return where + "caractère de contrôle inattendu (une chaîne est-elle restée ouverte ?).";
  if (c >= 0x80) return where + "caractère inattendu (guillemets droits \" attendus ?).";
  return where + "caractère inattendu " + guillemets(std::string(1, static_cast<char>(c))) +
         " (virgule en trop ou manquante, guillemets droits \" attendus ?).";
}

// nlohmann keeps the last of two equal keys silently; a repeated key in a
// hand-edited plan is almost always a mistake, so it is reported.
class DuplicateKeyWatch {
public:
  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: element(); frames_.push_back({false, {}, -1, {}}); break;
      case json::parse_event_t::array_start: element(); frames_.push_back({true, {}, -1, {}}); break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
      case json::parse_event_t::key:
        if (!frames_.empty() && parsed.is_string()) {
          Frame& f = frames_.back();
          f.key = parsed.get<std::string>();
          if (!f.keys.insert(f.key).second) duplicates.push_back(pointer());
        }
        break;
      case json::parse_event_t::value: element(); break;
    }
    return true;
  }
  std::vector<std::string> duplicates;  // pointers of repeated keys

private:
  struct Frame {
    bool array;
    std::string key;
    long index;
    std::set<std::string> keys;
  };
  void element() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::string pointer() const {
    std::string p;
    for (const auto& f : frames_) p += "/" + (f.array ? std::to_string(f.index) : pointer_token(f.key));
    return p;
  }
  std::vector<Frame> frames_;
};

class PlanReader {
public:
  explicit PlanReader(std::string file) : file_(std::move(file)) {}

  void problem(std::string pointer, std::string message) {
    problems.push_back({file_, std::move(pointer), std::move(message)});
  }

  // Unknown and missing fields of an object; true when it is an object.
  bool fields(const json& obj, const std::string& at, const std::vector<std::string_view>& allowed,
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

  std::string text(const json& obj, const std::string& at, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (!it->is_string()) {
      problem(at + "/" + std::string(key), "doit être un texte entre guillemets, pas " + type_name(*it) + ".");
      return {};
    }
    return it->get<std::string>();
  }

  bool boolean(const json& obj, const std::string& at, std::string_view key, bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_boolean()) {
      problem(at + "/" + std::string(key), "doit valoir true ou false, pas " + type_name(*it) + ".");
      return fallback;
    }
    return it->get<bool>();
  }

  // Minutes in the file, milliseconds in the plan. A value the plan rules
  // will refuse anyway (zero, negative) is passed on as 0 so that the message
  // comes from one place: check_plan.
  std::optional<TimeMs> minutes(const json& v, const std::string& at, const char* what) {
    if (!v.is_number()) {
      problem(at, std::string(what) + " doit être un nombre de minutes (par exemple 5 ou 0.5), pas " +
                      type_name(v) + ".");
      return std::nullopt;
    }
    const double m = v.get<double>();
    if (!(m > 0)) return 0;
    if (m > kMaxMinutes) {
      problem(at, std::string(what) + " dépasse 24 heures (1440 minutes)\u00A0: est-ce une faute de frappe\u00A0?");
      return std::nullopt;
    }
    return static_cast<TimeMs>(std::llround(m * static_cast<double>(kMinuteMs)));
  }

  std::vector<std::string> texts(const json& obj, const std::string& at, std::string_view key) {
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
      else problem(here + "/" + std::to_string(i), "doit être un texte entre guillemets, pas " + type_name(e) + ".");
    }
    return out;
  }

  Stage stage(const json& obj, const std::string& at) {
    Stage s;
    if (!fields(obj, at, {"id", "label", "duration_min", "jury_present", "jury_materials", "warnings_min", "note"},
                {"id", "label", "duration_min", "jury_present"}))
      return s;
    s.id = text(obj, at, "id");
    s.label = text(obj, at, "label");
    s.note = text(obj, at, "note");
    s.jury_present = boolean(obj, at, "jury_present", true);
    s.jury_materials = texts(obj, at, "jury_materials");
    if (auto it = obj.find("duration_min"); it != obj.end())
      s.duration_ms = minutes(*it, at + "/duration_min", "la durée").value_or(0);
    if (auto it = obj.find("warnings_min"); it != obj.end()) {
      const std::string here = at + "/warnings_min";
      s.warnings_ms.clear();
      if (!it->is_array()) {
        problem(here, "doit être une liste de minutes avant la fin, par exemple [5, 1], pas " + type_name(*it) + ".");
      } else {
        for (std::size_t i = 0; i < it->size(); ++i)  // kept in place: pointers stay right
          s.warnings_ms.push_back(minutes((*it)[i], here + "/" + std::to_string(i), "l’alerte").value_or(0));
      }
    }
    return s;
  }

  std::optional<ExamPlan> plan(const json& doc) {
    if (!doc.is_object()) {
      problem({}, "le fichier doit contenir un objet JSON { … }, pas " + type_name(doc) + ".");
      return std::nullopt;
    }
    // The marker first: a file of another kind gets one clear message, not
    // a list of unknown fields.
    auto format = doc.find("format");
    if (format == doc.end() || !format->is_string() || format->get<std::string>() != kExamPlanFormat) {
      problem("/format", "ce fichier n’est pas un plan d’épreuve jurymn\u00A0: le champ «\u00A0format\u00A0» doit valoir «\u00A0" +
                             std::string(kExamPlanFormat) + "\u00A0».");
      return std::nullopt;
    }
    auto version = doc.find("format_version");
    if (version == doc.end()) {
      problem("/format_version", "champ obligatoire manquant (version du format, " +
                                     std::to_string(kExamPlanFormatVersion) + " pour cette version de jurymn).");
      return std::nullopt;
    }
    if (!version->is_number_integer()) {
      problem("/format_version", "doit être un nombre entier, pas " + type_name(*version) + ".");
      return std::nullopt;
    }
    if (version->get<long long>() != kExamPlanFormatVersion) {
      problem("/format_version", "version de format " + version->dump() +
                                     " non prise en charge\u00A0: cette version de jurymn lit la version " +
                                     std::to_string(kExamPlanFormatVersion) +
                                     " (mettez jurymn à jour, ou procurez-vous le plan dans la bonne version).");
      return std::nullopt;
    }

    ExamPlan p;
    fields(doc, "", {"format", "format_version", "id", "version", "ccp", "title", "note", "draw_before_stage", "stages"},
           {"id", "version", "ccp", "title", "stages"});
    p.id = text(doc, "", "id");
    p.version = text(doc, "", "version");
    p.title = text(doc, "", "title");
    p.note = text(doc, "", "note");
    p.draw_before_stage = text(doc, "", "draw_before_stage");
    if (doc.contains("ccp")) {
      const std::string ccp = text(doc, "", "ccp");
      if (auto c = ccp_from_id(ccp)) p.ccp = *c;
      else if (doc["ccp"].is_string())
        problem("/ccp", "CCP inconnu " + guillemets(ccp) + "\u00A0: indiquez «\u00A0CCP1\u00A0» ou «\u00A0CCP2\u00A0».");
    }
    if (auto it = doc.find("stages"); it != doc.end()) {
      if (!it->is_array()) {
        problem("/stages", "doit être une liste d’étapes [ { … }, { … } ], pas " + type_name(*it) + ".");
      } else {
        for (std::size_t i = 0; i < it->size(); ++i) p.stages.push_back(stage((*it)[i], "/stages/" + std::to_string(i)));
      }
    }
    // The plan rules, except at or under a place the file already has a
    // problem (a missing duration would otherwise also be "not positive").
    std::vector<std::string> seen;
    for (const auto& pb : problems) seen.push_back(pb.pointer);
    auto reported = [&](const std::string& at) {
      return std::any_of(seen.begin(), seen.end(), [&](const std::string& s) {
        return at == s || (at.size() > s.size() && at.compare(0, s.size(), s) == 0 && at[s.size()] == '/');
      });
    };
    for (auto& pb : check_plan(p))
      if (!reported(pb.pointer)) problem(std::move(pb.pointer), std::move(pb.message));
    if (!problems.empty()) return std::nullopt;
    return p;
  }

  std::vector<PlanProblem> problems;

private:
  std::string file_;
};

}  // namespace

PlanLoad load_exam_plan(std::string_view json_text, std::string_view file_name) {
  PlanReader reader{std::string(file_name)};
  DuplicateKeyWatch watch;
  if (auto bad = bad_utf8(json_text)) {
    reader.problem({}, "caractère mal encodé " + place(json_text, *bad) + "\u00A0: enregistrez le fichier en UTF-8.");
    return {std::nullopt, std::move(reader.problems)};
  }
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end(), std::ref(watch));
  } catch (const json::parse_error& e) {
    reader.problem({}, syntax_message(json_text, e.byte));
    return {std::nullopt, std::move(reader.problems)};
  }
  for (const auto& at : watch.duplicates)
    reader.problem(at, "ce champ apparaît deux fois dans le même objet\u00A0: gardez-en un seul.");
  auto plan = reader.plan(doc);
  if (!reader.problems.empty()) return {std::nullopt, std::move(reader.problems)};
  return {std::move(plan), {}};
}

PlanLoad load_exam_plan_file(const std::string& path) {
  FileBytes f = read_file(path, kMaxPlanBytes);
  if (!f.error.empty()) return {std::nullopt, {{{}, {}, f.error}}};  // read_file names the path
  return load_exam_plan(f.bytes, std::filesystem::path(path).filename().string());
}

PlanDirLoad load_exam_plans_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  PlanDirLoad out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out.problems.push_back({dir, {}, "dossier des plans d’épreuve introuvable."});
    return out;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".json" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  if (ec) out.problems.push_back({dir, {}, "lecture du dossier impossible (" + ec.message() + ")."});
  std::sort(files.begin(), files.end());
  if (files.empty() && !ec) out.problems.push_back({dir, {}, "aucun plan d’épreuve (fichier .json) dans ce dossier."});

  std::map<std::string, std::string> file_of_id;
  for (const auto& path : files) {
    PlanLoad load = load_exam_plan_file(path.string());
    const std::string name = path.filename().string();
    if (!load.ok()) {
      out.problems.insert(out.problems.end(), load.problems.begin(), load.problems.end());
      continue;
    }
    auto [it, fresh] = file_of_id.emplace(load.plan->id, name);
    if (!fresh) {
      out.problems.push_back({name, "/id", "l’identifiant de plan " + guillemets(load.plan->id) + " est déjà celui de " +
                                               it->second + "\u00A0: chaque plan doit avoir le sien."});
      continue;
    }
    out.plans.push_back(std::move(*load.plan));
  }
  return out;
}

std::vector<PlanProblem> validate_exam_plans_dir(const std::string& dir) {
  return load_exam_plans_dir(dir).problems;
}

}  // namespace jurymn
