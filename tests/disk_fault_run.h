// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The exam run of the disk-fault tests (tests/unit/disk_fault_test.cpp and
// tests/disk_fault_child.cpp): a session with its jury and candidates, a
// CCP1 started, the sheet drawn, the first stage running, then marks and
// long observations, one action at a time. Every action Store::apply
// acknowledges goes into a ledger; after a fault, verify() checks that each
// acknowledged action is on disk and that nothing refused is.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/sheet_draw.h"
#include "core/stage_timer.h"
#include "store/store.h"

namespace jurymn::test {

class DiskFaultRun {
public:
  // Sets up the session and starts the run; "" or what went wrong.
  std::string start(Store& store) {
    store.set_random_source(&random_);  // for the draw of the sheet
    const Grid* grid = store.current_grid("CCP1");
    if (!store.current_plan("CCP1") || !grid) return "no CCP1 plan or grid loaded";
    for (const auto& comp : grid->competencies) {
      competencies_.push_back(comp.id);
      for (const auto& c : comp.criteria) criteria_.push_back(c.id);
    }
    for (const auto& l : grid->rating_scale) levels_.push_back(l.id);
    ApplyResult r = acknowledge(store, action::CreateSession{
                                           {"Session CCP1 — panne de disque", "2026-05-18", "Centre d’essai",
                                            SessionKind::Official, {"CCP1", "CCP2"}}});
    if (!r) return "create_session: " + r.error;
    session_ = r.created_uuid;
    const std::pair<const char*, JuryRole> jury[] = {{"Nadia Benali", JuryRole::President},
                                                     {"Thomas Lefèvre", JuryRole::Member}};
    for (const auto& [name, role] : jury) {
      // The interactive cost: the centre refuses cheaper keys in an official bundle.
      r = acknowledge(store, action::AddJuryMember{session_, {name, role},
                                                   new_member_pin(std::string("pin-") + name,
                                                                  PinCost::interactive()).record});
      if (!r) return "add_jury_member: " + r.error;
      members_.push_back(r.created_uuid);
    }
    std::string first;
    for (int i = 1; i <= 3; ++i) {
      CandidateInput c;
      c.number = "MN-" + std::to_string(i);
      c.last_name = "Dupré";
      c.first_name = "Éloïse";
      c.ccps = {"CCP1"};
      c.sheets = {"Créer son adresse e-mail", "Prendre rendez-vous en ligne", "Découvrir France Connect"};
      r = acknowledge(store, action::AddCandidate{session_, c});
      if (!r) return "add_candidate: " + r.error;
      if (first.empty()) first = r.created_uuid;
      r = acknowledge(store, action::SetAttendance{r.created_uuid, Attendance::Present});
      if (!r) return "set_attendance: " + r.error;
    }
    r = acknowledge(store, action::StartExam{first, "CCP1"});
    if (!r) return "start_exam: " + r.error;
    run_ = r.created_uuid;
    if (!(r = acknowledge(store, action::DrawSheet{run_, ""}))) return "draw_sheet: " + r.error;
    const ExamPlan& plan = *store.current_plan("CCP1");
    r = acknowledge(store, action::RecordTimerEvent{run_, TimerEventKind::Start, plan.stages[0].id, 0, ""});
    if (!r) return "start_stage: " + r.error;
    return {};
  }

  // The n-th action of the jury's work: a new mark on a criterion (always a
  // change), and every third one a long observation.
  Action next(int n) const {
    const std::string& member = members_[static_cast<std::size_t>(n) % members_.size()];
    if (n % 3 == 2) {
      const std::string& comp = competencies_[static_cast<std::size_t>(n / 3) % competencies_.size()];
      std::string text = "Observation " + std::to_string(n) + "\u00A0: ";
      while (text.size() < 1500) text += "reformule la demande, vérifie la compréhension de l’usager ; ";
      return action::SetObservation{run_, member, comp, text};
    }
    const std::string& criterion = criteria_[static_cast<std::size_t>(n / 2) % criteria_.size()];
    auto it = marks_.find(member + "|" + criterion);
    std::size_t level = 0;
    if (it != marks_.end())
      for (std::size_t i = 0; i < levels_.size(); ++i)
        if (levels_[i] == it->second) level = (i + 1) % levels_.size();
    return action::RecordMark{run_, member, criterion, levels_[level]};
  }

  // Applies one action; an acknowledged one goes into the ledger.
  ApplyResult acknowledge(Store& store, const Action& a) {
    ApplyResult r = store.apply(a, "jury");
    if (!r) return r;
    audit_ids_.insert(r.audit_id);
    // A creation writes the session's rules' declaration right after it, in
    // the same transaction (core/rules.h).
    if (std::holds_alternative<action::CreateSession>(a)) audit_ids_.insert(r.audit_id + 1);
    if (const auto* m = std::get_if<action::RecordMark>(&a)) marks_[m->member_uuid + "|" + m->criterion_id] = m->level_id;
    if (const auto* o = std::get_if<action::SetObservation>(&a))
      observations_[o->member_uuid + "|" + o->competency_id] = o->text;
    return r;
  }

  // "" when the store holds exactly the acknowledged actions: every audit
  // entry, mark and observation acknowledged, none refused; else what differs.
  std::string verify(const Store& store) const {
    if (auto check = store.integrity_check(); check != "ok") return "integrity_check: " + check;
    if (store.audit_entry_count() != static_cast<std::int64_t>(audit_ids_.size()))
      return "audit entries: " + std::to_string(store.audit_entry_count()) + " on disk, " +
             std::to_string(audit_ids_.size()) + " acknowledged";
    std::set<std::int64_t> on_disk;
    for (const auto& e : store.audit_entries(session_)) on_disk.insert(e.id);
    for (auto id : audit_ids_)
      if (!on_disk.count(id)) return "acknowledged audit entry " + std::to_string(id) + " is missing";
    auto run = store.exam_run(run_);
    if (!run) return "the run is missing";
    std::map<std::string, std::string> marks, observations;
    for (const auto& m : run->marks) marks[m.member_uuid + "|" + m.criterion_id] = m.level_id;
    for (const auto& o : run->observations) observations[o.member_uuid + "|" + o.competency_id] = o.text;
    if (marks != marks_) return "marks differ: " + std::to_string(marks.size()) + " on disk, " +
                                std::to_string(marks_.size()) + " acknowledged (or a level differs)";
    if (observations != observations_) return "observations differ from those acknowledged";
    return {};
  }

  // What the exam screen shows: the stage timer rebuilt from the stored
  // events at the clock's time.
  TimerState timer_state(const Store& store, TimeMs now) const {
    auto run = store.exam_run(run_);
    const ExamPlan* plan = run ? store.find_plan(run->plan_id, run->plan_version) : nullptr;
    return plan ? StageTimer(*plan, run->events).status(now).state : TimerState::NotStarted;
  }

  std::size_t acknowledged() const { return audit_ids_.size(); }
  std::size_t marks() const { return marks_.size(); }
  const std::string& run() const { return run_; }

private:
  SeededRandomSource random_{2026};
  std::string session_, run_;
  std::vector<std::string> members_, competencies_, criteria_, levels_;
  std::set<std::int64_t> audit_ids_;
  std::map<std::string, std::string> marks_, observations_;
};

}  // namespace jurymn::test
