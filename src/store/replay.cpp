// SPDX-License-Identifier: EUPL-1.2
// Replays an audit trail in memory with the rules of core (store/replay.h).
#include "store/replay.h"

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include "core/candidate_fields.h"
#include "core/confirmation_proof.h"
#include "core/audit_payloads.h"
#include "core/overloaded.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/session_rules.h"
#include "core/session_state.h"
#include "store/action_payloads.h"
#include "store/store.h"

namespace jurymn {

namespace {

std::string entry_name(const AuditRecord& e) {
  return "entrée n°\u00A0" + std::to_string(e.id) + " (" + e.action + ")";
}

// The draw an entry recorded: the replay's source of randomness gives it back.
class RecordedDraw final : public RandomSource {
public:
  std::uint32_t next = 0;
  std::uint32_t uniform(std::uint32_t upper_exclusive) override {
    return next < upper_exclusive ? next : 0;
  }
};

CandidateInput candidate_input(const payload::CandidateFields& f) { return f; }

SessionInput session_input(const payload::SessionFields& f) { return {f.title, f.date, f.exam_centre, f.kind, f.ccps}; }

// Older entries read with the flag of their time are compared on what they mean.
void forget_legacy_shape(payload::CandidateFields& f) { f.legacy_equivalence_flag = false; }
void forget_legacy_shape(AuditPayload& p) {
  std::visit(overloaded{[](payload::AddCandidate& x) { forget_legacy_shape(x.candidate); },
                        [](payload::EditCandidate& x) {
                          forget_legacy_shape(x.before);
                          forget_legacy_shape(x.after);
                        },
                        [](payload::ImportCandidates& x) {
                          for (auto& c : x.candidates) forget_legacy_shape(c.candidate);
                        },
                        [](auto&) {}},
             p);
}

// The action an entry records, the uuids it created, the draw it made.
struct EntryAction {
  std::optional<Action> action;
  std::deque<std::string> uuids;
  std::uint32_t draw = 0;
  std::optional<payload::StartExam> start;  // the plan and grid the run started under
};

EntryAction action_of(const AuditPayload& p, AuditAction id, const std::string& session_uuid) {
  EntryAction out;
  std::visit(
      overloaded{
          [&](const payload::CreateSession& x) {
            out.action = action::CreateSession{session_input(x.session)};
            out.uuids = {x.uuid};
          },
          [&](const payload::EditSession& x) { out.action = action::EditSession{x.uuid, session_input(x.session)}; },
          [&](const payload::AddJuryMember& x) {
            out.action = action::AddJuryMember{session_uuid, {x.name, x.role, x.feminine}, x.pin};
            out.uuids = {x.uuid};
          },
          [&](const payload::RemoveJuryMember& x) { out.action = action::RemoveJuryMember{x.uuid}; },
          [&](const payload::AddCandidate& x) {
            out.action = action::AddCandidate{session_uuid, candidate_input(x.candidate)};
            out.uuids = {x.uuid};
          },
          [&](const payload::EditCandidate& x) {
            out.action = action::EditCandidate{x.uuid, candidate_input(x.after)};
          },
          [&](const payload::SetAttendance& x) { out.action = action::SetAttendance{x.uuid, x.after}; },
          [&](const payload::ImportCandidates& x) {
            action::ImportCandidates a{session_uuid, x.source, {}};
            int line = 2;
            for (const auto& c : x.candidates) {
              a.rows.push_back({line++, candidate_input(c.candidate)});
              out.uuids.push_back(c.uuid);
            }
            out.action = std::move(a);
          },
          [&](const payload::StartExam& x) {
            out.action = action::StartExam{x.candidate, x.ccp, x.rules};
            out.uuids = {x.run};
            out.start = x;
          },
          [&](const payload::TimerEvent& x) {
            out.action = action::RecordTimerEvent{x.run, x.event, x.stage, x.amount_ms, x.reason, x.pressed_at};
          },
          [&](const payload::SheetDraw& x) {
            if (id == AuditAction::ChooseSheet) {
              out.action = action::ChooseSheet{x.run, x.chosen, x.reason};
            } else {
              out.action = action::DrawSheet{x.run, x.reason};
              out.draw = static_cast<std::uint32_t>(x.chosen);
            }
          },
          [&](const payload::RecordMark& x) {
            out.action = action::RecordMark{x.run, x.member, x.criterion, x.level};
          },
          [&](const payload::SetObservation& x) {
            out.action = action::SetObservation{x.run, x.member, x.competency, x.text};
          },
          [&](const payload::DecideCompetency& x) {
            out.action = action::DecideCompetency{x.run, x.competency, x.status, x.reason};
          },
          [&](const payload::DecideCcp& x) { out.action = action::DecideCcp{x.run, x.decided, x.justification}; },
          [&](const payload::ConfirmDecision& x) {
            out.action = action::ConfirmDecision{x.run, x.member, {}, x.signature};
          },
          [&](const payload::ReopenDecision& x) {
            out.action = action::ReopenDecision{x.run, x.reason, x.member, {}, x.signature, x.signed_by};
          },
          [&](const payload::ResetMemberPin& x) {
            out.action = action::ResetMemberPin{x.uuid, x.pin, {}, x.signature, x.by};
          },
          [&](const payload::SetFeedback& x) {
            out.action = action::SetFeedback{x.run, x.competency, x.strengths, x.improvements};
          },
          [&](const payload::SetFeedbackAdvice& x) { out.action = action::SetFeedbackAdvice{x.run, x.advice}; },
          [&](const payload::RecordInterruption& x) {
            out.action = action::RecordInterruption{x.run, x.from_ms, x.to_ms, x.cause};
          },
          [](const payload::MergeBundle&) {},     // not an action of the jury's session
          [](const payload::ChainAuditTrail&) {}, // written by a schema upgrade: no effect on records
          [](const payload::DeclareRules&) {},    // read by the replay itself: the rules of what follows
          // The centre's own entries (its keys, its paper checks), in no session.
          [](const payload::TrustKey&) {},
          [](const payload::RevokeKey&) {},
          [](const payload::CheckPvCode&) {},
          [](const payload::ConfirmSessionKey&) {},
      },
      p);
  return out;
}

// The first key where two payloads differ, with both values.
std::string payload_difference(const std::string& replayed, const std::string& recorded) {
  const auto a = nlohmann::json::parse(replayed, nullptr, false);
  const auto b = nlohmann::json::parse(recorded, nullptr, false);
  if (a.is_object() && b.is_object()) {
    std::set<std::string> keys;
    for (auto it = a.begin(); it != a.end(); ++it) keys.insert(it.key());
    for (auto it = b.begin(); it != b.end(); ++it) keys.insert(it.key());
    for (const auto& k : keys) {
      const std::string va = a.contains(k) ? a[k].dump() : "(absent)";
      const std::string vb = b.contains(k) ? b[k].dump() : "(absent)";
      if (va != vb) return guillemets(k) + " vaut " + vb + " au journal, " + va + " au rejeu";
    }
  }
  return "le journal dit " + recorded + ", le rejeu " + replayed;
}

}  // namespace

struct TrailReplay::State {
  State(const Title& t, const std::vector<ExamPlan>& p, const std::vector<Grid>& g, ReplayReport& r)
      : title(t), plans(p), grids(g), report(r), state(t, p, g) {
    ctx.title = &title;
    ctx.replaying = true;
    ctx.random = &draw;
    ctx.new_uuid = [this]() -> std::string {
      if (uuids.empty()) return "rejeu-sans-identifiant";
      std::string u = std::move(uuids.front());
      uuids.pop_front();
      return u;
    };
    // A replay signs nothing: a signature is the trail's, taken as written.
    ctx.audit_head = [] { return std::string(); };
  }
  const Title& title;
  const std::vector<ExamPlan>& plans;
  const std::vector<Grid>& grids;
  ReplayReport& report;
  // The session in memory, changed by the same rules as the store's
  // (core/session_rules.h): no database is rebuilt.
  SessionState state;
  RecordedDraw draw;
  std::deque<std::string> uuids;
  RuleContext ctx;
  std::set<std::string> unproven_versions;
  int legacy_entries = 0, older_entries = 0;
  // The rules declared so far (0: none yet), and the entries replayed
  // before any declaration, under the earliest rules that accept them.
  int declared = 0, undeclared_entries = 0;
  std::set<int> undeclared_rules;
  std::string session_uuid;
  bool fed = false;
  // Candidate uuid → the last entry about them (id, action): named in the
  // comparison's messages without keeping the trail.
  std::map<std::string, std::pair<std::int64_t, std::string>> last_entry;

  void problem(const AuditRecord& e, const std::string& what) {
    report.problems.push_back("journal d’audit, " + entry_name(e) + "\u00A0: " + what + ".");
  }
  void feed(const AuditRecord& e);
};

TrailReplay::TrailReplay(const Title& title, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids,
                         ReplayReport& report)
    : s_(std::make_unique<State>(title, plans, grids, report)) {}
TrailReplay::~TrailReplay() = default;

void TrailReplay::feed(const AuditRecord& e) {
  s_->fed = true;
  if (!e.candidate_uuid.empty()) {
    auto& last = s_->last_entry[e.candidate_uuid];
    last.first = e.id;
    if (last.second != e.action) last.second = e.action;
  }
  s_->feed(e);
}

std::map<std::string, std::string> TrailReplay::last_entries() const {
  std::map<std::string, std::string> out;
  for (const auto& [candidate, entry] : s_->last_entry) {
    AuditRecord e;
    e.id = entry.first;
    e.action = entry.second;
    out.emplace(candidate, entry_name(e));
  }
  return out;
}

void TrailReplay::State::feed(const AuditRecord& e) {
  const std::optional<AuditAction> id = audit_action_from_id(e.action);
  if (!id) {
    problem(e, "action inconnue de cette version de jurymn\u00A0: elle ne peut pas être rejouée");
    return;
  }
  AuditPayload payload;
  try {
    payload = read_payload(*id, e.payload);
  } catch (const PayloadError& x) {
    problem(e, std::string("le contenu ne se lit pas (") + x.what() + ")");
    return;
  }
  if (*id == AuditAction::MergeBundle) {
    problem(e, "un import de lot n’est pas une action du jury de cette session\u00A0: il ne prouve rien");
    return;
  }
  if (const auto* d = std::get_if<payload::DeclareRules>(&payload)) {
    if (session_uuid.empty()) {
      problem(e, "le journal ne commence pas par la création de la session");
      return;
    }
    if (std::string why = rules_declaration_problem(declared, d->rules); !why.empty()) {
      problem(e, why);
      return;
    }
    declared = d->rules;
    ++report.entries_replayed;
    return;
  }
  if (*id == AuditAction::ChainAuditTrail) {
    report.unproven.push_back(entry_name(e) + "\u00A0: les entrées qui la précèdent ont été écrites avant le "
                                              "chaînage du journal.");
    return;
  }
  bool legacy = false;
  std::visit(overloaded{[&](const payload::AddCandidate& x) { legacy = x.candidate.legacy_equivalence_flag; },
                        [&](const payload::EditCandidate& x) { legacy = x.after.legacy_equivalence_flag; },
                        [&](const payload::ImportCandidates& x) {
                          for (const auto& c : x.candidates) legacy = legacy || c.candidate.legacy_equivalence_flag;
                        },
                        [](const auto&) {}},
             payload);
  // An entry written by an earlier version reads into a payload whose
  // text is not the entry's. Counted once per entry; `replayed_text`: the
  // replay's text, equal to the entry's when the entry is of this version
  // (the text of a payload reads back into it), which spares a second
  // writing of the entry.
  auto count_shape = [&](const std::string* replayed_text) {
    if (legacy) ++legacy_entries;
    else if (!(replayed_text && *replayed_text == e.payload) && payload_text(payload) != e.payload) ++older_entries;
  };
  if (session_uuid.empty() && *id != AuditAction::CreateSession) {
    count_shape(nullptr);
    problem(e, "le journal ne commence pas par la création de la session");
    return;
  }
  if (!session_uuid.empty() && *id == AuditAction::CreateSession) {
    count_shape(nullptr);
    problem(e, "une seconde création de session dans le même journal");
    return;
  }
  EntryAction a = action_of(payload, *id, session_uuid);
  if (!a.action) {
    count_shape(nullptr);
    return;
  }
  if (const auto* c = std::get_if<payload::CreateSession>(&payload)) session_uuid = c->uuid;
  draw.next = a.draw;
  ctx.now = e.at_ms;
  ctx.actor = e.actor;
  // A run starts under the plan and grid its entry names, if they are here.
  if (a.start) {
    bool plan_here = false, grid_here = !a.start->grid;
    for (const auto& x : plans) plan_here = plan_here || (x.id == a.start->plan.id && x.version == a.start->plan.version);
    for (const auto& x : grids)
      grid_here = grid_here || (a.start->grid && x.id == a.start->grid->id && x.version == a.start->grid->version);
    if (!plan_here) unproven_versions.insert("plan " + a.start->plan.id + " version " + a.start->plan.version);
    if (!grid_here) unproven_versions.insert("grille " + a.start->grid->id + " version " + a.start->grid->version);
  }
  // Under the rules declared before the entry; before any declaration,
  // under the earliest rules that accept it (creating a session has never
  // depended on them). A refused action leaves the state as it was.
  std::optional<SessionState::Applied> applied;
  std::string refusal;
  const int first = declared ? declared : kEarliestRules;
  const int last = declared ? declared : kCurrentRules;
  if (!declared && *id != AuditAction::CreateSession) ++undeclared_entries;
  for (int rules = first; rules <= last && !applied; ++rules) {
    uuids = a.uuids;
    try {
      applied = state.apply(*a.action, ctx, rules, a.start ? &*a.start : nullptr);
      if (!declared && *id != AuditAction::CreateSession) undeclared_rules.insert(rules);
    } catch (const Refusal& r) {
      refusal = r.error;
    }
  }
  ++report.entries_replayed;
  if (!applied) {
    count_shape(nullptr);
    problem(e, "refusée au rejeu (" + refusal + ")");
    return;
  }
  const std::string replayed_text = payload_text(applied->payload);
  count_shape(&replayed_text);
  // The entry the replay would write must be the one recorded: same
  // action, candidate and content (what it changed, what stood before).
  if (audit_action_id(applied->action) != e.action)
    problem(e, "le rejeu l’écrit comme " + guillemets(std::string(audit_action_id(applied->action))));
  if (applied->candidate_uuid != e.candidate_uuid)
    problem(e, "le candidat vaut " + guillemets(e.candidate_uuid) + " au journal, " +
                   guillemets(applied->candidate_uuid) + " au rejeu");
  if (replayed_text == e.payload) return;
  AuditPayload recorded = payload;
  AuditPayload replayed = read_payload(*id, replayed_text);
  forget_legacy_shape(recorded);
  forget_legacy_shape(replayed);
  if (!(recorded == replayed)) problem(e, payload_difference(payload_text(replayed), payload_text(recorded)));
}

std::optional<SessionSnapshot> TrailReplay::finish() {
  ReplayReport& report = s_->report;
  const int undeclared_entries = s_->undeclared_entries, legacy_entries = s_->legacy_entries,
            older_entries = s_->older_entries;
  const std::set<int>& undeclared_rules = s_->undeclared_rules;
  const std::set<std::string>& unproven_versions = s_->unproven_versions;
  if (undeclared_entries) {
    std::string versions;
    for (int v : undeclared_rules) versions += (versions.empty() ? "" : ", ") + std::to_string(v);
    report.unproven.push_back(
        std::to_string(undeclared_entries) +
        " entrée(s) écrite(s) avant que le journal déclare ses règles : rejouée(s) sous les plus anciennes qui les "
        "acceptent" + (versions.empty() ? std::string() : " (version " + versions + ")") +
        " ; seul le code du PV papier confirme qu’elles sont celles du jury.");
  }
  if (legacy_entries)
    report.unproven.push_back(std::to_string(legacy_entries) +
                              " entrée(s) écrite(s) avant que les titres soient des données\u00A0: l’équivalence n’y "
                              "est qu’un drapeau (CCP1 de l’ancien titre REMN).");
  if (older_entries)
    report.unproven.push_back(std::to_string(older_entries) +
                              " entrée(s) écrite(s) par une version antérieure de jurymn\u00A0: leur contenu ne dit "
                              "pas tout ce que le rejeu vérifie aujourd’hui.");
  for (const auto& v : unproven_versions)
    report.unproven.push_back(v + "\u00A0: absente de cet ordinateur, les épreuves qui l’utilisent ne sont rejouées "
                                  "qu’en partie.");
  if (s_->session_uuid.empty()) {
    if (s_->fed) report.problems.push_back("journal d’audit\u00A0: aucune création de session à rejouer.");
    return std::nullopt;
  }
  return s_->state.snapshot();
}

std::optional<SessionSnapshot> replay_trail(const std::vector<AuditRecord>& trail, const Title& title,
                                            const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids,
                                            ReplayReport& report) {
  TrailReplay replay(title, plans, grids, report);
  for (const AuditRecord& e : trail) replay.feed(e);
  return replay.finish();
}

// ------------------------------------------------------------ comparison

namespace {

struct Comparison {
  ReplayReport& report;
  bool bundle = false;  // a results bundle carries no feedback nor interruptions
  const std::map<std::string, std::string>& last_entry;  // candidate uuid → the last entry about them, named

  void differ(const std::string& where, const std::string& held, const std::string& replayed,
              const std::string& candidate = {}) {
    std::string line = where + "\u00A0: " + guillemets(held) + (bundle ? " dans le lot, " : " dans la base, ") +
                       guillemets(replayed) + " au rejeu du journal";
    if (auto it = last_entry.find(candidate); !candidate.empty() && it != last_entry.end())
      line += " (dernière entrée du journal pour ce candidat\u00A0: " + it->second + ")";
    report.problems.push_back(line + ".");
  }
  template <class T>
  void field(const std::string& where, const T& held, const T& replayed, const std::string& candidate = {}) {
    if (!(held == replayed)) differ(where, text(held), text(replayed), candidate);
  }

  static std::string text(const std::string& s) { return s; }
  static std::string text(std::int64_t v) { return std::to_string(v); }
  static std::string text(int v) { return std::to_string(v); }
  static std::string text(bool v) { return v ? "oui" : "non"; }
  static std::string text(const std::optional<TimeMs>& v) { return v ? std::to_string(*v) : "aucune"; }
  static std::string text(const CcpSet& s) { return to_id(s); }
  // Session sheet titles and other lists of texts: « | » apart, since a
  // title may hold a comma.
  static std::string text(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " | ") + s;
    return out;
  }
  template <class E>
  static auto text(E e) -> decltype(std::string(to_id(e))) {
    return std::string(to_id(e));
  }
  static std::string text(InterruptionCause c) { return std::string(interruption_cause_id(c)); }
  static std::string text(const std::optional<MemberPin>& p) {
    if (!p) return "aucun code";
    return "code (sel " + p->salt.substr(0, 8) + "…, clé " + p->public_key.substr(0, 8) + "…, coût " +
           std::to_string(p->cost.ops) + "/" + std::to_string(p->cost.mem) + ")";
  }
};

template <class R, class Key>
std::map<std::string, const R*> by_key(const std::vector<R>& v, Key key) {
  std::map<std::string, const R*> m;
  for (const auto& x : v) m[key(x)] = &x;
  return m;
}

// Both sides keyed: a record on one side only is named too.
template <class R, class Key, class Each>
void keyed(Comparison& c, const std::string& where, const std::vector<R>& held, const std::vector<R>& replayed,
           Key key, const std::string& candidate, Each each) {
  auto h = by_key(held, key), r = by_key(replayed, key);
  for (const auto& [k, x] : h) {
    auto it = r.find(k);
    if (it == r.end()) c.differ(where + "/" + k, "présent", "absent", candidate);
    else each(where + "/" + k, *x, *it->second);
  }
  for (const auto& [k, x] : r)
    if (!h.count(k)) c.differ(where + "/" + k, "absent", "présent", candidate);
}

// In order: the n-th of one side against the n-th of the other.
template <class R, class Each>
void in_order(Comparison& c, const std::string& where, const std::vector<R>& held, const std::vector<R>& replayed,
              const std::string& candidate, Each each) {
  const std::size_t n = std::min(held.size(), replayed.size());
  for (std::size_t i = 0; i < n; ++i) each(where + "/" + std::to_string(i), held[i], replayed[i]);
  if (held.size() != replayed.size())
    c.differ(where, std::to_string(held.size()) + " élément(s)", std::to_string(replayed.size()) + " élément(s)",
             candidate);
}

void compare_runs(Comparison& c, const RunRecord& h, const RunRecord& r, const std::string& at) {
  const std::string& who = h.candidate_uuid;
  c.field(at + "/candidate", h.candidate_uuid, r.candidate_uuid, who);
  c.field(at + "/ccp", h.ccp, r.ccp, who);
  c.field(at + "/plan", h.plan_id + " " + h.plan_version, r.plan_id + " " + r.plan_version, who);
  c.field(at + "/grid", h.grid_id + " " + h.grid_version, r.grid_id + " " + r.grid_version, who);
  c.field(at + "/rules", h.rules, r.rules, who);  // the deliberation rules it started under
  c.field(at + "/started_at", h.started_at, r.started_at, who);
  c.field(at + "/finished_at", h.finished_at, r.finished_at, who);
  in_order(c, at + "/events", h.events, r.events, who, [&](const std::string& w, const TimerEvent& x, const TimerEvent& y) {
    c.field(w + "/kind", x.kind, y.kind, who);
    c.field(w + "/stage", x.stage_id, y.stage_id, who);
    c.field(w + "/at", x.at, y.at, who);
    c.field(w + "/amount_ms", x.amount, y.amount, who);
    c.field(w + "/reason", x.reason, y.reason, who);
  });
  in_order(c, at + "/draws", h.draws, r.draws, who, [&](const std::string& w, const SheetDraw& x, const SheetDraw& y) {
    c.field(w + "/titles", x.titles, y.titles, who);
    c.field(w + "/chosen", x.chosen, y.chosen, who);
    c.field(w + "/method", x.method, y.method, who);
    c.field(w + "/reason", x.reason, y.reason, who);
    c.field(w + "/at", x.at, y.at, who);
  });
  keyed(c, at + "/marks", h.marks, r.marks, [](const MarkRecord& m) { return m.member_uuid + "/" + m.criterion_id; },
        who, [&](const std::string& w, const MarkRecord& x, const MarkRecord& y) {
          c.field(w + "/level", x.level_id, y.level_id, who);
          c.field(w + "/at", x.at, y.at, who);
        });
  keyed(c, at + "/observations", h.observations, r.observations,
        [](const ObservationRecord& o) { return o.member_uuid + "/" + o.competency_id; }, who,
        [&](const std::string& w, const ObservationRecord& x, const ObservationRecord& y) {
          c.field(w + "/text", x.text, y.text, who);
          c.field(w + "/at", x.at, y.at, who);
        });
  keyed(c, at + "/competency_decisions", h.competency_decisions, r.competency_decisions,
        [](const CompetencyDecisionRecord& d) { return d.competency_id; }, who,
        [&](const std::string& w, const CompetencyDecisionRecord& x, const CompetencyDecisionRecord& y) {
          c.field(w + "/status", x.status, y.status, who);
          c.field(w + "/at", x.at, y.at, who);
          c.field(w + "/reason", x.reason, y.reason, who);
        });
  const CcpDecisionRecord& x = h.decision;
  const CcpDecisionRecord& y = r.decision;
  c.field(at + "/decision/proposed", x.proposed, y.proposed, who);
  c.field(at + "/decision/decided", x.decided, y.decided, who);
  c.field(at + "/decision/justification", x.justification, y.justification, who);
  c.field(at + "/decision/confirmed_by", x.confirmed_by, y.confirmed_by, who);
  c.field(at + "/decision/decided_at", x.decided_at, y.decided_at, who);
  c.field(at + "/decision/locked_at", x.locked_at, y.locked_at, who);
  in_order(c, at + "/decision/reopenings", x.reopenings, y.reopenings, who,
           [&](const std::string& w, const ReopeningRecord& a, const ReopeningRecord& b) {
             c.field(w + "/at", a.at, b.at, who);
             c.field(w + "/actor", a.actor, b.actor, who);
             c.field(w + "/reason", a.reason, b.reason, who);
           });
  if (c.bundle) return;
  keyed(c, at + "/feedback", h.feedback, r.feedback, [](const FeedbackRecord& f) { return f.competency_id; }, who,
        [&](const std::string& w, const FeedbackRecord& a, const FeedbackRecord& b) {
          c.field(w + "/strengths", a.strengths, b.strengths, who);
          c.field(w + "/improvements", a.improvements, b.improvements, who);
          c.field(w + "/at", a.at, b.at, who);
        });
  c.field(at + "/advice", h.advice, r.advice, who);
  in_order(c, at + "/interruptions", h.interruptions, r.interruptions, who,
           [&](const std::string& w, const InterruptionRecord& a, const InterruptionRecord& b) {
             c.field(w + "/from", a.from, b.from, who);
             c.field(w + "/to", a.to, b.to, who);
             c.field(w + "/cause", a.cause, b.cause, who);
           });
}

}  // namespace

void compare_with_replay(const SessionSnapshot& held, const SessionSnapshot& replayed,
                         const std::vector<AuditRecord>& trail, ReplayReport& report, bool bundle) {
  std::map<std::string, std::string> last_entry;
  for (const auto& e : trail)
    if (!e.candidate_uuid.empty()) last_entry[e.candidate_uuid] = entry_name(e);
  compare_with_replay(held, replayed, last_entry, report, bundle);
}

void compare_with_replay(const SessionSnapshot& held, const SessionSnapshot& replayed,
                         const std::map<std::string, std::string>& last_entry, ReplayReport& report, bool bundle) {
  Comparison c{report, bundle, last_entry};
  const SessionRecord& s = held.session;
  const SessionRecord& t = replayed.session;
  c.field("/session/uuid", s.uuid, t.uuid);
  c.field("/session/kind", s.kind, t.kind);
  c.field("/session/title", s.title, t.title);
  c.field("/session/date", s.date, t.date);
  c.field("/session/exam_centre", s.exam_centre, t.exam_centre);
  c.field("/session/ccps", s.ccps, t.ccps);
  c.field("/session/created_at", s.created_at, t.created_at);
  keyed(c, "/jury", held.jury, replayed.jury, [](const JuryMemberRecord& m) { return m.uuid; }, {},
        [&](const std::string& w, const JuryMemberRecord& x, const JuryMemberRecord& y) {
          c.field(w + "/name", x.name, y.name);
          c.field(w + "/role", x.role, y.role);
          // « Présidente » on the signed PV, and the key each confirmation
          // is checked against: both from the trail, not from the table.
          c.field(w + "/feminine", x.feminine, y.feminine);
          c.field(w + "/pin", x.pin, y.pin);
        });
  keyed(c, "/candidates", held.candidates, replayed.candidates, [](const CandidateRecord& x) { return x.uuid; }, {},
        [&](const std::string& w, const CandidateRecord& x, const CandidateRecord& y) {
          const std::string& who = x.uuid;
          for_each_field(kCandidateFields, [&](const auto& f) {
            const std::string where = w + "/" + std::string(f.key) + " (" + std::string(f.label) + ")";
            c.field(where, f.of(x.data), f.of(y.data), who);
          });
          c.field(w + "/attendance", x.attendance, y.attendance, who);
        });
  keyed(c, "/runs", held.runs, replayed.runs, [](const RunRecord& r) { return r.uuid; }, {},
        [&](const std::string& w, const RunRecord& x, const RunRecord& y) { compare_runs(c, x, y, w); });
}

BundleReplay::BundleReplay(const ResultsBundle& head, const std::vector<ExamPlan>& plans,
                           const std::vector<Grid>& grids)
    : title_(head.snapshot.title), replay_(title_, plans, grids, report_) {
  if (head.format_version == 2)
    report_.unproven.push_back("format 2\u00A0: le lot ne porte pas son titre\u00A0; celui de son époque (" +
                               head.snapshot.title.code + ") est supposé pour le rejeu.");
}

void BundleReplay::feed(const AuditRecord& entry) {
  ++fed_;
  replay_.feed(entry);
}

ReplayReport BundleReplay::finish(const SessionSnapshot& held) {
  std::optional<SessionSnapshot> replayed = replay_.finish();
  if (!replayed) {
    if (fed_ == 0) report_.problems.push_back("journal d’audit vide\u00A0: aucun résultat du lot n’est prouvé.");
    return std::move(report_);
  }
  compare_with_replay(held, *replayed, replay_.last_entries(), report_, true);
  return std::move(report_);
}

ReplayReport check_bundle_by_replay(const ResultsBundle& bundle, const std::vector<ExamPlan>& plans,
                                    const std::vector<Grid>& grids) {
  BundleReplay replay(bundle, plans, grids);
  for (const auto& e : bundle.audit_trail) replay.feed(e);
  return replay.finish(bundle.snapshot);
}

namespace {

// The replay of the session being read, on the second core, while this one
// reads the trail, hashes its chain and checks its signatures. Entries go
// over in batches, at most a few ahead: memory stays that of a few batches
// whatever the trail's length.
class ReplayAlongside {
public:
  ReplayAlongside() : thread_([this] { run(); }) {}
  ~ReplayAlongside() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  ReplayAlongside(const ReplayAlongside&) = delete;
  ReplayAlongside& operator=(const ReplayAlongside&) = delete;
  // The replay the next entries go to; only once wait() has returned.
  void start(TrailReplay& replay) { replay_ = &replay; }
  void feed(const AuditRecord& e) {
    batch_.push_back(e);
    if (batch_.size() == kBatch) send();
  }
  // Until every entry fed is replayed; what the replay threw, thrown here.
  void wait() {
    send();
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

private:
  static constexpr std::size_t kBatch = 256, kAhead = 8;
  void send() {
    if (batch_.empty()) return;
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return queue_.size() < kAhead; });
    queue_.push_back(std::move(batch_));
    batch_.clear();
    cv_.notify_all();
  }
  void run() {
    std::unique_lock lock(m_);
    for (;;) {
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      std::vector<AuditRecord> batch = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      const bool failed = error_ != nullptr;
      lock.unlock();
      std::exception_ptr error;
      try {
        if (!failed)
          for (const auto& e : batch) replay_->feed(e);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      if (error) error_ = error;
      busy_ = false;
      cv_.notify_all();
    }
  }
  TrailReplay* replay_ = nullptr;
  std::vector<AuditRecord> batch_;  // this thread's, until sent
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::vector<AuditRecord>> queue_;
  bool busy_ = false, stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once the rest is ready
};

// One session of the base as its trail is read (prove_store).
struct SessionProof {
  SessionProof(const SessionRecord& s, const Title& title, const std::vector<ExamPlan>& plans,
               const std::vector<Grid>& grids)
      : replay(title, plans, grids, report),
        signatures({"session " + s.uuid.substr(0, 8), /*refuse_cheap_keys=*/false}, s.kind) {}
  ReplayReport report;
  TrailReplay replay;
  ConfirmationWalk signatures;
  std::int64_t first_merge = 0;  // the id of its first merge_bundle entry
  bool created_here = false, fed = false;
};

}  // namespace

StoreProof prove_store(const Store& store, std::string_view session_uuid) {
  StoreProof out;
  const Title& title = store.title();
  const std::vector<ExamPlan> plans = store.exam_plans();
  const std::vector<Grid> grids = store.scoring_grids();
  std::vector<SessionRecord> sessions;
  for (SessionRecord& s : store.sessions())
    if (session_uuid.empty() || s.uuid == session_uuid) sessions.push_back(std::move(s));
  // Per session, in the order of sessions(): what its replay found, and its
  // signatures' problems.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < sessions.size(); ++i) index.emplace(sessions[i].uuid, i);
  std::vector<ReplayReport> replays(sessions.size());
  std::vector<std::vector<std::string>> signatures(sessions.size());
  std::vector<bool> done(sessions.size());
  const std::string merge_id(audit_action_id(AuditAction::MergeBundle));
  const std::string create_id(audit_action_id(AuditAction::CreateSession));
  std::unique_ptr<SessionProof> current;
  std::size_t at = 0;
  ReplayAlongside alongside;  // after `current`: stopped before the replay it feeds goes
  // At the end of a session's trail (or with none): its records against
  // the replay, its jury's keys against the signatures.
  auto close = [&](std::size_t i, SessionProof& p) {
    done[i] = true;
    const SessionRecord& s = sessions[i];
    auto held = store.snapshot(s.uuid);
    if (!held) return;
    for (auto& x : p.signatures.finish(held->jury).problems) signatures[i].push_back(std::move(x));
    ReplayReport& one = replays[i];
    // A session created on this computer is never merged into: a
    // merge_bundle entry in its trail would switch its replay off, so it
    // is a problem, not a reason to skip.
    if (p.first_merge && p.created_here) {
      one.problems.push_back("session " + s.uuid.substr(0, 8) + ", entrée n° " + std::to_string(p.first_merge) +
                             " (merge_bundle)\u00A0: une fusion de lot dans le journal d’une session créée sur cet "
                             "ordinateur\u00A0; seul un centre d’examen fusionne des lots, et ses sessions naissent "
                             "d’une fusion. Entrée ajoutée au journal hors de jurymn.");
      return;
    }
    if (p.first_merge) {
      one.unproven.push_back("session " + s.uuid.substr(0, 8) +
                             "\u00A0: rassemblée au centre depuis des lots, chacun vérifié à son import\u00A0; "
                             "elle n’est pas rejouée ici.");
      return;
    }
    auto replayed = p.replay.finish();
    if (replayed) compare_with_replay(*held, *replayed, p.replay.last_entries(), p.report, false);
    else if (!p.fed) p.report.problems.push_back("aucune entrée au journal d’audit\u00A0: rien de cette session n’est prouvé.");
    const std::string prefix = "session " + s.uuid.substr(0, 8) + ", ";
    for (auto& x : p.report.problems) one.problems.push_back(prefix + x);
    for (auto& x : p.report.unproven) one.unproven.push_back(prefix + x);
    one.entries_replayed = p.report.entries_replayed;
  };
  out.chain = store.verify_audit_chain(session_uuid, [&](const std::string& uuid, const AuditRecord* e) {
    if (!e) {
      if (!current) return;
      alongside.wait();
      close(at, *current);
      current.reset();
      return;
    }
    if (!current) {
      auto i = index.find(uuid);
      if (i == index.end()) return;  // the base's own entries, or a session no longer listed
      at = i->second;
      current = std::make_unique<SessionProof>(sessions[at], title, plans, grids);
      alongside.start(current->replay);
    }
    SessionProof& p = *current;
    p.fed = true;
    if (!p.first_merge && e->action == merge_id) p.first_merge = e->id;
    p.created_here = p.created_here || e->action == create_id;
    // A session merged at the centre is not replayed: once one of its
    // entries says so, the rest only goes to the signatures.
    if (!p.first_merge) alongside.feed(*e);
    p.signatures.feed(*e);
  });
  // Sessions without any entry.
  for (std::size_t i = 0; i < sessions.size(); ++i)
    if (!done[i]) {
      SessionProof p(sessions[i], title, plans, grids);
      close(i, p);
    }
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    for (auto& x : replays[i].problems) out.replay.problems.push_back(std::move(x));
    for (auto& x : replays[i].unproven) out.replay.unproven.push_back(std::move(x));
    out.replay.entries_replayed += replays[i].entries_replayed;
    for (auto& x : signatures[i]) out.signature_problems.push_back(std::move(x));
  }
  // The whole base: a centre's keys too.
  if (session_uuid.empty())
    for (auto& p : enrolled_keys_problems(store)) out.replay.problems.push_back("journal du centre, " + std::move(p));
  return out;
}

ReplayReport check_store_by_replay(const Store& store, std::string_view session_uuid) {
  return prove_store(store, session_uuid).replay;
}

std::vector<std::string> enrolled_keys_problems(const Store& store) {
  std::vector<std::string> out;
  std::map<std::string, TrustedKeyRecord> given;  // what the trail gives, by fingerprint
  std::set<Store::SessionKeyConfirmation> confirmed;  // likewise
  store.each_own_audit_entry([&](const AuditRecord& e) {
    try {
      if (e.action == audit_action_id(AuditAction::ConfirmSessionKey)) {
        const auto p = read_payload_as<payload::ConfirmSessionKey>(AuditAction::ConfirmSessionKey, e.payload);
        confirmed.insert({p.session, p.fingerprint, p.confirmed_by, e.at_ms});
      }
      if (e.action == audit_action_id(AuditAction::TrustKey)) {
        const auto p = read_payload_as<payload::TrustKey>(AuditAction::TrustKey, e.payload);
        given[p.fingerprint] = {p.fingerprint, p.name, p.enrolled_by, e.at_ms, p.checked_by_phone, std::nullopt, ""};
      } else if (e.action == audit_action_id(AuditAction::RevokeKey)) {
        const auto p = read_payload_as<payload::RevokeKey>(AuditAction::RevokeKey, e.payload);
        auto k = given.find(p.fingerprint);
        if (k == given.end())
          out.push_back("entrée n° " + std::to_string(e.id) + " (revoke_key)\u00A0: elle révoque la clé " +
                        p.fingerprint + ", que le journal n’a jamais enrôlée.");
        else
          k->second.revoked_at = e.at_ms, k->second.revoked_by = p.revoked_by;
      }
    } catch (const PayloadError& err) {
      out.push_back("entrée n° " + std::to_string(e.id) + " (" + e.action + ")\u00A0: contenu illisible (" +
                    err.what() + ").");
    }
  });
  std::set<std::string> seen;
  for (const TrustedKeyRecord& k : store.trusted_keys()) {
    seen.insert(k.fingerprint);
    auto g = given.find(k.fingerprint);
    const std::string key = "clé " + k.fingerprint + " (" + guillemets(k.name) + ")";
    if (g == given.end()) {
      out.push_back(key + "\u00A0: enrôlée dans la base sans entrée trust_key au journal du centre (ajoutée hors de "
                    "jurymn)\u00A0; ses lots ne sont pas fusionnés.");
      continue;
    }
    const TrustedKeyRecord& t = g->second;
    if (k.name != t.name || k.enrolled_by != t.enrolled_by || k.enrolled_at != t.enrolled_at ||
        k.checked_by_phone != t.checked_by_phone)
      out.push_back(key + "\u00A0: son enrôlement dans la base n’est pas celui du journal (nom, auteur, date ou "
                    "vérification par téléphone modifiés hors de jurymn).");
    if (k.revoked_at != t.revoked_at || k.revoked_by != t.revoked_by)
      out.push_back(key + (t.revoked_at ? "\u00A0: révoquée au journal, mais pas (ou autrement) dans la base"
                                         : "\u00A0: révoquée dans la base sans entrée revoke_key au journal") +
                    " (modifiée hors de jurymn).");
  }
  for (const auto& [fp, t] : given)
    if (!seen.count(fp))
      out.push_back("clé " + fp + " (" + guillemets(t.name) + ")\u00A0: enrôlée au journal du centre, absente de la "
                    "base (supprimée hors de jurymn).");
  // A key confirmed for a session with sqlite3 would make what a stranger's
  // laptop added to it pass for the jury's.
  for (const auto& c : store.session_key_confirmations())
    if (!confirmed.erase(c))
      out.push_back("clé " + c.fingerprint + "\u00A0: confirmée pour la session " + c.session_uuid.substr(0, 8) +
                    " dans la base sans entrée confirm_session_key au journal du centre (ou autrement\u00A0: auteur, "
                    "date), ajoutée hors de jurymn.");
  for (const auto& c : confirmed)
    out.push_back("clé " + c.fingerprint + "\u00A0: confirmée pour la session " + c.session_uuid.substr(0, 8) +
                  " au journal du centre, absente de la base (supprimée hors de jurymn).");
  // The bundles merged and the paper PVs checked: each row is its entry's
  // (an imported_bundle row slipped in makes a bundle « déjà importé »; a
  // pv_check row, official results no longer provisional).
  std::multiset<Store::ImportedBundleRow> merges;
  for (const auto& s : store.sessions()) {
    std::multiset<std::tuple<std::string, std::string, std::int64_t, TimeMs, std::string>> checks;
    store.each_audit_entry(s.uuid, {audit_action_id(AuditAction::MergeBundle), audit_action_id(AuditAction::CheckPvCode)},
                           [&](const AuditRecord& e) {
      try {
        if (e.action == audit_action_id(AuditAction::MergeBundle)) {
          const auto p = read_payload_as<payload::MergeBundle>(AuditAction::MergeBundle, e.payload);
          merges.insert({p.digest, p.source, p.key_fingerprint, p.exported_at});
        } else if (e.action == audit_action_id(AuditAction::CheckPvCode)) {
          const auto p = read_payload_as<payload::CheckPvCode>(AuditAction::CheckPvCode, e.payload);
          checks.insert({p.code, p.head, p.entries_after, e.at_ms, p.checked_by});
        }
      } catch (const PayloadError&) {
      }
    });
    for (const auto& c : store.pv_checks(s.uuid))
      if (auto it = checks.find({c.code, c.head, c.entries_after, c.at, c.checked_by}); it != checks.end())
        checks.erase(it);
      else
        out.push_back("session " + s.uuid.substr(0, 8) + "\u00A0: PV papier «\u00A0" + c.code + "\u00A0» vérifié dans la "
                      "base sans entrée check_pv_code au journal (ou autrement\u00A0: tête, auteur, date), ajouté hors "
                      "de jurymn.");
    for (const auto& c : checks)
      out.push_back("session " + s.uuid.substr(0, 8) + "\u00A0: PV papier «\u00A0" + std::get<0>(c) +
                    "\u00A0» vérifié au journal, absent de la base (supprimé hors de jurymn).");
  }
  for (const auto& b : store.imported_bundle_rows())
    if (auto it = merges.find(b); it != merges.end())
      merges.erase(it);
    else
      out.push_back("lot " + b.source + " (clé " + b.key_fingerprint + ")\u00A0: importé dans la base sans entrée "
                    "merge_bundle au journal (ou autrement), ajouté hors de jurymn.");
  for (const auto& b : merges)
    out.push_back("lot " + b.source + " (clé " + b.key_fingerprint + ")\u00A0: fusionné au journal, absent de la base "
                  "(supprimé hors de jurymn).");
  return out;
}

}  // namespace jurymn
