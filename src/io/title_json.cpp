// SPDX-License-Identifier: EUPL-1.2
#include "io/title_json.h"
#include "platform/platform.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/exam_plan_json.h"
#include "core/text.h"
#include "io/file.h"
#include "io/grid_json.h"
#include "io/json_strict.h"

namespace jurymn {
namespace {

using nlohmann::json;
using namespace json_strict;

constexpr std::size_t kMaxTitleBytes = 1u << 20;

class TitleReader : public Reader {
public:
  using Reader::Reader;

  template <class T, class Read>
  std::vector<T> list(const json& obj, std::string_view key, const char* what, Read read) {
    std::vector<T> out;
    auto it = obj.find(key);
    if (it == obj.end()) return out;
    const std::string here = "/" + std::string(key);
    if (!it->is_array()) {
      problem(here, std::string("doit être une liste ") + what + " [ { … }, { … } ], pas " + type_name(*it) + ".");
      return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) out.push_back(read((*it)[i], here + "/" + std::to_string(i)));
    return out;
  }

  // How many session sheets the draw is made between: absent with a draw
  // means three (the files written before the count was data).
  int session_sheets(const json& ref, const std::string& at, bool draws) {
    auto it = ref.find("session_sheets");
    if (it == ref.end()) return draws ? kDefaultSessionSheets : 0;
    const std::string here = at + "/session_sheets";
    if (!draws) {
      problem(here, "un nombre de fiches séances sans tirage (« draw_before_stage » absent).");
      return 0;
    }
    if (!it->is_number_integer() || it->get<long long>() < 2 || it->get<long long>() > kMaxSessionSheets) {
      problem(here, "doit être le nombre de fiches séances entre lesquelles le jury tire, de 2 à " +
                        std::to_string(kMaxSessionSheets) + ", pas " + it->dump() + ".");
      return kDefaultSessionSheets;
    }
    return static_cast<int>(it->get<long long>());
  }

  TitleCcp ccp(const json& obj, const std::string& at) {
    TitleCcp c;
    if (!fields(obj, at, {"id", "label", "competencies", "plan", "grid", "reference"},
                {"id", "label", "competencies", "plan", "grid"}))
      return c;
    c.id = text(obj, at, "id");
    c.label = label(obj, at, "label");
    c.competencies = texts(obj, at, "competencies");
    c.plan = text(obj, at, "plan");
    c.grid = text(obj, at, "grid");
    if (auto it = obj.find("reference"); it != obj.end()) {
      const std::string here = at + "/reference";
      if (fields(*it, here, {"stages", "draw_before_stage", "session_sheets"}, {"stages"})) {
        c.reference.stages = texts(*it, here, "stages");
        c.reference.draw_before_stage = text(*it, here, "draw_before_stage");
        if (!c.reference.draw_before_stage.empty() &&
            std::find(c.reference.stages.begin(), c.reference.stages.end(), c.reference.draw_before_stage) ==
                c.reference.stages.end())
          problem(here + "/draw_before_stage", "l’étape " + guillemets(c.reference.draw_before_stage) +
                                                   " n’est pas une des étapes du référentiel.");
        c.reference.session_sheets = session_sheets(*it, here, !c.reference.draw_before_stage.empty());
      }
    }
    return c;
  }

  Equivalence equivalence(const json& obj, const std::string& at) {
    Equivalence e;
    if (!fields(obj, at, {"id", "label", "grants"}, {"id", "label", "grants"})) return e;
    e.id = text(obj, at, "id");
    e.label = label(obj, at, "label");
    e.grants = text(obj, at, "grants");
    return e;
  }

  std::optional<Title> title(const json& doc) {
    if (!format_header(doc, kTitleFormat, kTitleFormatVersion, "une description de titre", "la description"))
      return std::nullopt;
    Title t;
    fields(doc, "", {"format", "format_version", "code", "name", "version", "note", "ccps", "equivalences"},
           {"code", "name", "version", "ccps"});
    t.code = label(doc, "", "code");
    t.name = label(doc, "", "name");
    t.version = text(doc, "", "version");
    t.ccps = list<TitleCcp>(doc, "ccps", "de CCP", [this](const json& v, const std::string& p) { return ccp(v, p); });
    t.equivalences = list<Equivalence>(doc, "equivalences", "d’équivalences",
                                       [this](const json& v, const std::string& p) { return equivalence(v, p); });
    // The title's rules, except where the file already has a problem.
    std::vector<std::string> seen;
    for (const auto& pb : problems) seen.push_back(pb.pointer);
    auto reported = [&](const std::string& at) {
      return std::any_of(seen.begin(), seen.end(), [&](const std::string& s) {
        return at == s || (at.size() > s.size() && at.compare(0, s.size(), s) == 0 && at[s.size()] == '/');
      });
    };
    for (auto& pb : check_title(t))
      if (!reported(pb.pointer)) problem(std::move(pb.pointer), std::move(pb.message));
    if (!problems.empty()) return std::nullopt;
    return t;
  }
};

}  // namespace

TitleLoad load_title(std::string_view json_text, std::string_view file_name) {
  TitleReader reader{std::string(file_name)};
  auto parsed = reader.parse(json_text, "une description de titre", "de la description");
  if (!parsed) return {std::nullopt, std::move(reader.problems)};
  auto title = reader.title(*parsed);
  if (!reader.problems.empty()) return {std::nullopt, std::move(reader.problems)};
  return {std::move(title), {}};
}

TitleLoad load_title_file(const std::string& path) {
  FileBytes f = read_file(path, kMaxTitleBytes);
  if (!f.error.empty()) return {std::nullopt, {{{}, {}, f.error}}};  // read_file names the path
  return load_title(f.bytes, platform::path_text(platform::u8path(path).filename()));
}

ExamKit load_exam_kit(const std::string& title_path, const std::string& plans_dir, const std::string& grids_dir) {
  ExamKit kit;
  TitleLoad t = load_title_file(title_path);
  if (!t.ok()) {
    kit.problems = std::move(t.problems);
    return kit;
  }
  kit.title = std::move(*t.title);
  kit.title_ok = true;
  PlanDirLoad plans = load_exam_plans_dir(plans_dir, &kit.title);
  kit.problems.insert(kit.problems.end(), plans.problems.begin(), plans.problems.end());
  GridDirLoad grids = load_grids_dir(grids_dir, plans.plans, &kit.title);
  kit.problems.insert(kit.problems.end(), grids.problems.begin(), grids.problems.end());
  kit.plans = std::move(plans.plans);
  kit.grids = std::move(grids.grids);

  // Each CCP names its plan and grid: they must be here, and of that CCP.
  const std::string file = platform::path_text(platform::u8path(title_path).filename());
  for (std::size_t i = 0; i < kit.title.ccps.size(); ++i) {
    const TitleCcp& c = kit.title.ccps[i];
    const std::string at = "/ccps/" + std::to_string(i);
    auto plan = std::find_if(kit.plans.begin(), kit.plans.end(), [&](const ExamPlan& p) { return p.id == c.plan; });
    if (plan == kit.plans.end())
      kit.problems.push_back({file, at + "/plan", "aucun plan d’épreuve valide n’a l’identifiant " + guillemets(c.plan) +
                                                      " dans " + plans_dir + "."});
    else if (plan->ccp != c.id)
      kit.problems.push_back({file, at + "/plan", "le plan d’épreuve " + guillemets(c.plan) + " est celui du " +
                                                      plan->ccp + ", pas du " + c.id + "."});
    auto grid = std::find_if(kit.grids.begin(), kit.grids.end(), [&](const Grid& g) { return g.id == c.grid; });
    if (grid == kit.grids.end())
      kit.problems.push_back({file, at + "/grid", "aucune grille d’évaluation valide n’a l’identifiant " +
                                                      guillemets(c.grid) + " dans " + grids_dir + "."});
    else if (grid->ccp != c.id)
      kit.problems.push_back({file, at + "/grid", "la grille " + guillemets(c.grid) + " est celle du " + grid->ccp +
                                                      ", pas du " + c.id + "."});
  }
  return kit;
}

}  // namespace jurymn
