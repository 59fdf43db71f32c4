// SPDX-License-Identifier: EUPL-1.2
#include "io/exam_plan_json.h"
#include "platform/platform.h"

#include <algorithm>
#include <cctype>
#include <cmath>
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

constexpr double kMaxMinutes = 24 * 60;  // a stage longer than a day is a typo
constexpr std::size_t kMaxPlanBytes = 1u << 20;

class PlanReader : public Reader {
public:
  using Reader::Reader;
  const Title* title = nullptr;  // when known, the plan's CCP must be one of its

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

  Stage stage(const json& obj, const std::string& at) {
    Stage s;
    if (!fields(obj, at, {"id", "label", "duration_min", "jury_present", "jury_materials", "warnings_min", "note"},
                {"id", "label", "duration_min", "jury_present"}))
      return s;
    s.id = text(obj, at, "id");
    s.label = label(obj, at, "label");
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
    // The marker first: a file of another kind gets one clear message, not
    // a list of unknown fields.
    if (!format_header(doc, kExamPlanFormat, kExamPlanFormatVersion, "un plan d’épreuve", "le plan"))
      return std::nullopt;

    ExamPlan p;
    fields(doc, "", {"format", "format_version", "id", "version", "ccp", "title", "note", "draw_before_stage", "stages"},
           {"id", "version", "ccp", "title", "stages"});
    p.id = text(doc, "", "id");
    p.version = text(doc, "", "version");
    p.title = label(doc, "", "title");
    p.note = text(doc, "", "note");
    p.draw_before_stage = text(doc, "", "draw_before_stage");
    if (doc.contains("ccp")) {
      const std::string ccp = text(doc, "", "ccp");
      if (title && is_ccp_id(ccp) && !title->ccp(ccp))
        problem("/ccp", "CCP inconnu " + guillemets(ccp) + "\u00A0: le titre " + title->code + " compte " +
                            ccp_choice_text(*title) + ".");
      else if (is_ccp_id(ccp)) p.ccp = ccp;
      else if (doc["ccp"].is_string())
        problem("/ccp", "identifiant de CCP " + guillemets(ccp) + " mal formé\u00A0: indiquez celui que le titre déclare "
                        "(par exemple «\u00A0CCP1\u00A0»).");
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
    if (const TitleCcp* ccp = title ? title->ccp(p.ccp) : nullptr)
      for (auto& pb : check_plan_against(p, *ccp))
        if (!reported(pb.pointer)) problem(std::move(pb.pointer), std::move(pb.message));
    if (!problems.empty()) return std::nullopt;
    return p;
  }

};

}  // namespace

PlanLoad load_exam_plan(std::string_view json_text, std::string_view file_name, const Title* title) {
  PlanReader reader{std::string(file_name)};
  auto parsed = reader.parse(json_text, "un plan d’épreuve", "du plan");
  if (!parsed) return {std::nullopt, std::move(reader.problems)};
  const json& doc = *parsed;
  reader.title = title;
  auto plan = reader.plan(doc);
  if (!reader.problems.empty()) return {std::nullopt, std::move(reader.problems)};
  return {std::move(plan), {}};
}

PlanLoad load_exam_plan_file(const std::string& path, const Title* title) {
  FileBytes f = read_file(path, kMaxPlanBytes);
  if (!f.error.empty()) return {std::nullopt, {{{}, {}, f.error}}};  // read_file names the path
  return load_exam_plan(f.bytes, platform::path_text(platform::u8path(path).filename()), title);
}

PlanDirLoad load_exam_plans_dir(const std::string& dir, const Title* title) {
  namespace fs = std::filesystem;
  PlanDirLoad out;
  std::error_code ec;
  if (!fs::is_directory(platform::u8path(dir), ec)) {
    out.problems.push_back({dir, {}, "dossier des plans d’épreuve introuvable."});
    return out;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(platform::u8path(dir), ec)) {
    std::string ext = platform::path_text(entry.path().extension());
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".json" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  if (ec) out.problems.push_back({dir, {}, "lecture du dossier impossible (" + ec.message() + ")."});
  std::sort(files.begin(), files.end());
  if (files.empty() && !ec) out.problems.push_back({dir, {}, "aucun plan d’épreuve (fichier .json) dans ce dossier."});

  std::map<std::string, std::string> file_of_id;
  for (const auto& path : files) {
    PlanLoad load = load_exam_plan_file(platform::path_text(path), title);
    const std::string name = platform::path_text(path.filename());
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

std::vector<PlanProblem> validate_exam_plans_dir(const std::string& dir, const Title* title) {
  return load_exam_plans_dir(dir, title).problems;
}

}  // namespace jurymn
