// SPDX-License-Identifier: EUPL-1.2
#include "io/audit_records.h"

#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/audit_payloads.h"
#include "core/audit_trail.h"
#include "core/overloaded.h"
#include "core/grid.h"
#include "core/text.h"

namespace jurymn {

namespace {

// What the trail says a run should hold, from its entries in order.
struct TrailRun {
  bool started = false;
  std::map<std::pair<std::string, std::string>, std::string> marks;  // (member, criterion) → level
  std::map<std::string, std::string> competencies;                   // competency → status
  std::string decided = "undecided";
  bool locked = false;
  std::size_t draws = 0;
};

}  // namespace

struct AuditTrailCheck::State {
  std::string file;
  bool lines = false;
  bool records = true;
  AuditChainWalk walk{false};
  std::int64_t index = 0;
  std::optional<std::int64_t> broken_index;
  std::vector<PlanProblem> problems;
  std::map<std::string, TrailRun> trail;
  // Where entry `i` (from 0) is: results.json's pointer, or format 5's line.
  PlanProblem place(std::int64_t i, const std::string& suffix, std::string message) const {
    if (lines) return {std::string(kTrailLines) + ", ligne " + std::to_string(i + 1), suffix, std::move(message)};
    return {file, "/audit_trail/" + std::to_string(i) + suffix, std::move(message)};
  }
  static constexpr const char* kTrailLines = "audit-trail.jsonl";
};

AuditTrailCheck::AuditTrailCheck(std::string file, bool lines, bool records) : s_(std::make_unique<State>()) {
  s_->file = std::move(file);
  s_->lines = lines;
  s_->records = records;
}
AuditTrailCheck::~AuditTrailCheck() = default;

void AuditTrailCheck::add(const AuditRecord& e) {
  State& st = *s_;
  const std::int64_t i = st.index++;
  st.walk.add(e);
  if (st.walk.broken()) {
    if (!st.broken_index) st.broken_index = i;
    return;  // nothing past the break can be trusted
  }
  if (!st.records) return;
  const std::optional<AuditAction> action = audit_action_from_id(e.action);
  if (!action) return;  // an action of a later version: nothing below rests on it
  AuditPayload payload;
  try {
    payload = read_payload(*action, e.payload);
  } catch (const PayloadError& x) {
    // The chain holds, so jurymn wrote it: a payload its action does not
    // write cannot vouch for the records.
    st.problems.push_back(st.place(i, "/payload", "l’entrée n°\u00A0" + std::to_string(e.id) + " (" + e.action +
                                                      ") ne se lit pas\u00A0: " + x.what() + "."));
    return;
  }
  auto& trail = st.trail;
  std::visit(overloaded{
                 // A laptop's trail holds its jury's actions: an import of a
                 // bundle there proves nothing and turns no check off.
                 [&](const payload::MergeBundle&) {
                   st.problems.push_back(st.place(i, "", "l’entrée n°\u00A0" + std::to_string(e.id) +
                                                             " (merge_bundle) n’est pas une action du jury de cette session."));
                 },
                 [&](const payload::StartExam& p) { trail[p.run].started = true; },
                 [&](const payload::RecordMark& p) { trail[p.run].marks[{p.member, p.criterion}] = p.level; },
                 [&](const payload::DecideCompetency& p) {
                   TrailRun& run = trail[p.run];
                   run.competencies[p.competency] = std::string(to_id(p.status));
                   if (p.cleared != CcpOutcome::Undecided) run.decided = std::string(to_id(CcpOutcome::Undecided));
                   run.locked = false;
                 },
                 [&](const payload::DecideCcp& p) {
                   TrailRun& run = trail[p.run];
                   run.decided = std::string(to_id(p.decided));
                   run.locked = false;
                 },
                 [&](const payload::ConfirmDecision& p) { trail[p.run].locked = p.locked; },
                 [&](const payload::ReopenDecision& p) { trail[p.run].locked = false; },
                 [&](const payload::SheetDraw& p) { ++trail[p.run].draws; },
                 [](const auto&) {},  // the rest says nothing of a run's records
             },
             payload);
}

std::vector<PlanProblem> AuditTrailCheck::finish(const ResultsBundle& b) {
  State& st = *s_;
  std::vector<PlanProblem> problems;
  auto problem = [&](std::string file, std::string pointer, std::string message) {
    problems.push_back(PlanProblem{std::move(file), std::move(pointer), std::move(message)});
  };
  st.walk.finish(b.audit);
  if (st.walk.broken()) {
    const AuditBreak& k = *st.walk.broken();
    if (k.id != 0)
      problems.push_back(st.place(st.broken_index.value_or(st.index), "",
                                  "journal d’audit rompu à l’entrée n°\u00A0" + std::to_string(k.id) + " (" + k.action +
                                      ")\u00A0: " + k.reason + "."));
    else
      problem(st.file, "/audit", "le journal d’audit ne finit pas sur la tête exportée\u00A0: " + k.reason + ".");
    return problems;  // nothing below can be trusted
  }
  problems = std::move(st.problems);
  if (!st.records) return problems;

  std::map<std::string, std::string> names;  // member uuid → name, for messages
  for (const auto& m : b.snapshot.jury) names[m.uuid] = m.name;
  auto member = [&](const std::string& uuid) {
    auto it = names.find(uuid);
    return it == names.end() ? "membre " + uuid : it->second;
  };
  const auto& trail = st.trail;
  for (std::size_t i = 0; i < b.snapshot.runs.size(); ++i) {
    const RunRecord& r = b.snapshot.runs[i];
    const std::string file = st.lines ? std::string("runs.jsonl, ligne ") + std::to_string(i + 1) : st.file;
    const std::string at = st.lines ? std::string() : "/runs/" + std::to_string(i);
    auto it = trail.find(r.uuid);
    if (it == trail.end() || !it->second.started) {
      problem(file, at, "l’épreuve " + guillemets(r.uuid) + " n’a pas de début dans le journal d’audit.");
      continue;
    }
    const TrailRun& t = it->second;
    std::map<std::pair<std::string, std::string>, std::string> marks;
    for (const auto& m : r.marks) marks[{m.member_uuid, m.criterion_id}] = m.level_id;
    for (const auto& [key, level] : t.marks) {
      auto m = marks.find(key);
      const std::string exported = m == marks.end() ? std::string() : m->second;
      if (exported != level)
        problem(file, at + "/marks", "la note du critère " + key.second + " (" + member(key.first) + ") vaut " +
                                   guillemets(exported.empty() ? "aucune" : exported) + ", le journal dit " +
                                   guillemets(level.empty() ? "aucune" : level) + ".");
    }
    for (const auto& [key, level] : marks)
      if (!t.marks.count(key))
        problem(file, at + "/marks", "la note du critère " + key.second + " (" + member(key.first) +
                                   ") n’est pas dans le journal d’audit.");
    std::map<std::string, std::string> competencies;
    for (const auto& c : r.competency_decisions)
      if (c.status != CompetencyStatus::Undecided) competencies[c.competency_id] = std::string(to_id(c.status));
    for (const auto& [id, status] : t.competencies) {
      auto c = competencies.find(id);
      const std::string exported = c == competencies.end() ? std::string(to_id(CompetencyStatus::Undecided)) : c->second;
      if (exported != status)
        problem(file, at + "/competency_decisions", "la décision sur " + id + " vaut " + guillemets(exported) +
                                                  ", le journal dit " + guillemets(status) + ".");
    }
    for (const auto& [id, status] : competencies)
      if (!t.competencies.count(id))
        problem(file, at + "/competency_decisions", "la décision sur " + id + " n’est pas dans le journal d’audit.");
    if (std::string(to_id(r.decision.decided)) != t.decided)
      problem(file, at + "/decision", "la décision du CCP vaut " + guillemets(std::string(to_id(r.decision.decided))) +
                                    ", le journal dit " + guillemets(t.decided) + ".");
    if (r.decision.locked() != t.locked)
      problem(file, at + "/decision", r.decision.locked() ? "le résultat est verrouillé sans confirmation complète au journal."
                                                    : "le journal verrouille le résultat, pas le fichier.");
    if (r.draws.size() != t.draws)
      problem(file, at + "/draws", std::to_string(r.draws.size()) + " tirage(s) exporté(s), " + std::to_string(t.draws) +
                                 " au journal d’audit.");
  }
  return problems;
}


std::vector<PlanProblem> check_against_audit_trail(const ResultsBundle& b, const std::string& file) {
  AuditTrailCheck check(file, false);
  for (const auto& e : b.audit_trail) check.add(e);
  return check.finish(b);
}

}  // namespace jurymn
