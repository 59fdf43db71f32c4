// SPDX-License-Identifier: EUPL-1.2
#include "io/grid_json.h"
#include "platform/platform.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/file.h"
#include "io/json_strict.h"

namespace jurymn {
namespace {

using nlohmann::json;
using namespace json_strict;

constexpr std::size_t kMaxGridBytes = 1u << 20;

class GridReader : public Reader {
public:
  using Reader::Reader;

  // The objects of the list at obj[key], each read by `read`; a message for a
  // value that is not a list.
  template <class T, class Read>
  std::vector<T> list(const json& obj, const std::string& at, std::string_view key, const char* what, Read read) {
    std::vector<T> out;
    auto it = obj.find(key);
    if (it == obj.end()) return out;
    const std::string here = at + "/" + std::string(key);
    if (!it->is_array()) {
      problem(here, std::string("doit être une liste ") + what + " [ { … }, { … } ], pas " + type_name(*it) + ".");
      return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) out.push_back(read((*it)[i], here + "/" + std::to_string(i)));
    return out;
  }

  RatingLevel level(const json& obj, const std::string& at) {
    RatingLevel l;
    if (!fields(obj, at, {"id", "label", "acquired", "evidence"}, {"id", "label", "acquired"})) return l;
    l.id = text(obj, at, "id");
    l.label = label(obj, at, "label");
    l.acquired = boolean(obj, at, "acquired", false);
    l.evidence = boolean(obj, at, "evidence", true);
    return l;
  }

  Criterion criterion(const json& obj, const std::string& at) {
    Criterion c;
    if (!fields(obj, at, {"id", "text", "stages"}, {"id", "text", "stages"})) return c;
    c.id = text(obj, at, "id");
    c.text = label(obj, at, "text");
    c.stages = texts(obj, at, "stages");
    return c;
  }

  Competency competency(const json& obj, const std::string& at) {
    Competency c;
    if (!fields(obj, at, {"id", "title", "criteria"}, {"id", "title", "criteria"})) return c;
    c.id = text(obj, at, "id");
    c.title = label(obj, at, "title");
    c.criteria = list<Criterion>(obj, at, "criteria", "de critères",
                                 [this](const json& v, const std::string& p) { return criterion(v, p); });
    return c;
  }

  DecisionRule rule(const json& obj) {
    DecisionRule r;
    const std::string at = "/decision_rule";
    if (!fields(obj, at, {"kind", "justification_required_for"}, {"kind"})) return r;
    if (auto it = obj.find("kind"); it != obj.end() && it->is_string()) {
      if (auto k = decision_kind_from_id(it->get<std::string>())) r.kind = *k;
      else
        problem(at + "/kind", "règle de décision inconnue " + guillemets(it->get<std::string>()) +
                                  "\u00A0: la seule règle possible est «\u00A0all_competencies_acquired\u00A0» "
                                  "(CCP obtenu si toutes les compétences sont acquises).");
    } else if (it != obj.end()) {
      problem(at + "/kind", "doit être un texte entre guillemets, pas " + type_name(*it) + ".");
    }
    if (obj.contains("justification_required_for")) {
      r.justify_negative = r.justify_override = false;
      const std::string here = at + "/justification_required_for";
      const auto cases = texts(obj, at, "justification_required_for");
      for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& raw = obj["justification_required_for"][i];
        if (!raw.is_string()) continue;  // already reported
        const std::string p = here + "/" + std::to_string(i);
        bool& flag = cases[i] == "negative" ? r.justify_negative : r.justify_override;
        if (cases[i] != "negative" && cases[i] != "override")
          problem(p, "cas inconnu " + guillemets(cases[i]) + "\u00A0: indiquez «\u00A0negative\u00A0» (décision "
                     "«\u00A0non obtenu\u00A0») ou «\u00A0override\u00A0» (décision différente de la proposition).");
        else if (flag)
          problem(p, "le cas " + guillemets(cases[i]) + " est en double.");
        else
          flag = true;
      }
    }
    return r;
  }

  std::optional<Grid> grid(const json& doc, const ExamPlan* plan, const Title* title) {
    if (!format_header(doc, kGridFormat, kGridFormatVersion, "une grille d’évaluation", "la grille"))
      return std::nullopt;

    Grid g;
    fields(doc, "",
           {"format", "format_version", "id", "version", "ccp", "title", "note", "rating_scale", "competencies",
            "decision_rule"},
           {"id", "version", "ccp", "title", "rating_scale", "competencies"});
    g.id = text(doc, "", "id");
    g.version = text(doc, "", "version");
    g.title = label(doc, "", "title");
    g.note = text(doc, "", "note");
    const TitleCcp* title_ccp = nullptr;
    if (doc.contains("ccp")) {
      const std::string ccp = text(doc, "", "ccp");
      if (title && (title_ccp = title->ccp(ccp)) != nullptr)
        g.ccp = ccp;
      else if (!title && is_ccp_id(ccp))
        g.ccp = ccp;
      else if (doc["ccp"].is_string())
        problem("/ccp", title ? "CCP inconnu " + guillemets(ccp) + "\u00A0: le titre " + title->code + " compte " +
                                    ccp_choice_text(*title) + "."
                              : "identifiant de CCP " + guillemets(ccp) + " mal formé\u00A0: indiquez celui que le "
                                                                           "titre déclare (par exemple «\u00A0CCP1\u00A0»).");
    }
    g.rating_scale = list<RatingLevel>(doc, "", "rating_scale", "de niveaux",
                                       [this](const json& v, const std::string& p) { return level(v, p); });
    g.competencies = list<Competency>(doc, "", "competencies", "de compétences",
                                      [this](const json& v, const std::string& p) { return competency(v, p); });
    if (auto it = doc.find("decision_rule"); it != doc.end()) g.decision_rule = rule(*it);

    // The grid rules, except at or under a place the file already has a
    // problem (a missing list would otherwise also be "empty").
    std::vector<std::string> seen;
    for (const auto& pb : problems) seen.push_back(pb.pointer);
    auto reported = [&](const std::string& at) {
      return std::any_of(seen.begin(), seen.end(), [&](const std::string& s) {
        return at == s || (at.size() > s.size() && at.compare(0, s.size(), s) == 0 && at[s.size()] == '/');
      });
    };
    for (auto& pb : check_grid(g, plan, title_ccp))
      if (!reported(pb.pointer)) problem(std::move(pb.pointer), std::move(pb.message));
    if (!problems.empty()) return std::nullopt;
    return g;
  }

};

}  // namespace

GridLoad load_grid(std::string_view json_text, std::string_view file_name, const ExamPlan* plan,
                   const Title* title) {
  GridReader reader{std::string(file_name)};
  auto parsed = reader.parse(json_text, "une grille d’évaluation", "de la grille");
  if (!parsed) return {std::nullopt, std::move(reader.problems)};
  const json& doc = *parsed;
  auto grid = reader.grid(doc, plan, title);
  if (!reader.problems.empty()) return {std::nullopt, std::move(reader.problems)};
  return {std::move(grid), {}};
}

GridLoad load_grid_file(const std::string& path, const ExamPlan* plan, const Title* title) {
  FileBytes f = read_file(path, kMaxGridBytes);
  if (!f.error.empty()) return {std::nullopt, {{{}, {}, f.error}}};  // read_file names the path
  return load_grid(f.bytes, platform::path_text(platform::u8path(path).filename()), plan, title);
}

GridDirLoad load_grids_dir(const std::string& dir, const std::vector<ExamPlan>& plans, const Title* title) {
  namespace fs = std::filesystem;
  GridDirLoad out;
  std::error_code ec;
  if (!fs::is_directory(platform::u8path(dir), ec)) {
    out.problems.push_back({dir, {}, "dossier des grilles d’évaluation introuvable."});
    return out;
  }
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(platform::u8path(dir), ec)) {
    const std::string name = lower(platform::path_text(entry.path().filename()));
    const std::string schema = ".schema.json";
    if (name.size() >= schema.size() && name.compare(name.size() - schema.size(), schema.size(), schema) == 0) continue;
    if (lower(platform::path_text(entry.path().extension())) == ".json" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  if (ec) out.problems.push_back({dir, {}, "lecture du dossier impossible (" + ec.message() + ")."});
  std::sort(files.begin(), files.end());
  if (files.empty() && !ec)
    out.problems.push_back({dir, {}, "aucune grille d’évaluation (fichier .json) dans ce dossier."});

  std::map<std::string, std::string> file_of_id;
  for (const auto& path : files) {
    GridLoad load = load_grid_file(platform::path_text(path), nullptr, title);
    const std::string name = platform::path_text(path.filename());
    if (!load.ok()) {
      out.problems.insert(out.problems.end(), load.problems.begin(), load.problems.end());
      continue;
    }
    // Against each plan of the same CCP; the grid alone is already valid, so
    // only the plan-dependent problems come back.
    std::vector<GridProblem> against;
    for (const auto& plan : plans) {
      if (plan.ccp != load.grid->ccp) continue;
      for (auto& pb : check_grid(*load.grid, &plan, title ? title->ccp(load.grid->ccp) : nullptr)) {
        pb.file = name;
        if (std::none_of(against.begin(), against.end(), [&](const GridProblem& a) { return a.text() == pb.text(); }))
          against.push_back(std::move(pb));
      }
    }
    if (!against.empty()) {
      out.problems.insert(out.problems.end(), against.begin(), against.end());
      continue;
    }
    auto [it, fresh] = file_of_id.emplace(load.grid->id, name);
    if (!fresh) {
      out.problems.push_back({name, "/id", "l’identifiant de grille " + guillemets(load.grid->id) + " est déjà celui de " +
                                               it->second + "\u00A0: chaque grille doit avoir le sien."});
      continue;
    }
    out.grids.push_back(std::move(*load.grid));
  }
  return out;
}

std::vector<GridProblem> validate_grids_dir(const std::string& dir, const std::vector<ExamPlan>& plans,
                                           const Title* title) {
  return load_grids_dir(dir, plans, title).problems;
}

}  // namespace jurymn
