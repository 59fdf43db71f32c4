// SPDX-License-Identifier: EUPL-1.2
#include "store/demo.h"

#include <algorithm>
#include <map>
#include <ctime>
#include <functional>

#include "core/deliberation.h"
#include "core/local_time.h"
#include "store/store.h"

namespace jurymn {

namespace {

// The demonstration is written for a title of two CCPs, the first with a
// session-sheet draw (TP-01336); `first` and `second` say which the
// candidate takes, `equivalence` that the first is held by equivalence.
struct DemoCandidate {
  const char* number;
  const char* last;
  const char* first;
  struct {
    bool first;
    bool second;
  } ccps;
  bool equivalence;
  SessionSheetTitles sheets;
  Attendance attendance;
};

constexpr TimeMs kMin = kMinuteMs;

// Applies actions as "demo" and keeps the first refusal; once refused,
// nothing more is applied.
struct Builder {
  Store& store;
  FakeClock& clock;
  std::string error;
  std::string apply(const Action& a) {
    if (!error.empty()) return {};
    ApplyResult r = store.apply(a, "demo");
    if (!r) error = r.error;
    return r.created_uuid;
  }
  void timer(const std::string& run, TimerEventKind kind, const std::string& stage = {}, TimeMs amount = 0,
             const std::string& reason = {}) {
    apply(action::RecordTimerEvent{run, kind, stage, amount, reason});
  }
  void wait(TimeMs ms) { clock.advance_ms(ms); }
  // The members' PIN keys, derived once: each confirmation is signed.
  std::map<std::string, MemberKey> keys = {};
  std::string add_member(const std::string& session, const JuryMemberInput& m, const std::string& pin) {
    // Generated data: the explicit fast cost (recorded with the member).
    NewMemberPin p = new_member_pin(pin, PinCost::fast_for_generated_data());
    std::string uuid = apply(action::AddJuryMember{session, m, p.record});
    if (!uuid.empty()) keys[uuid] = p.key;
    return uuid;
  }
  void confirm(const std::string& run, const std::string& member) {
    apply(action::ConfirmDecision{run, member, keys.at(member)});
  }
};

// The demo's CCP1 timeline, laid out from the plan so that it fits before
// `now` whatever the durations.
struct Timeline {
  int pause_stage = 0;     // « questionnement »: a 2-minute pause
  int extended_stage = 0;  // « mise en situation »: extended, then overrun; Kévin is in it
  TimeMs finished_span = 0;  // from Éloïse's StartExam to her last event
  TimeMs live_span = 0;      // from Kévin's StartExam to now
};

constexpr TimeMs kBeforeFirstRun = 10 * kMin;
constexpr TimeMs kPause = 2 * kMin;
constexpr TimeMs kExtension = 2 * kMin;
constexpr TimeMs kOverrun = kMin;
constexpr TimeMs kDeliberation = 15 * kMin;  // between one candidate and the next
constexpr TimeMs kLiveElapsed = 12 * kMin;  // Kévin's « mise en situation » so far

Timeline timeline(const ExamPlan& plan) {
  Timeline t;
  const int last = static_cast<int>(plan.stages.size()) - 1;
  t.pause_stage = std::max(0, plan.stage_index("questionnement"));
  t.extended_stage = plan.stage_index("mise_en_situation");
  if (t.extended_stage < 0) t.extended_stage = last;
  t.finished_span = 2 * kMin + kPause + kExtension + kOverrun;  // StartExam→draw→first stage, incidents
  for (const auto& st : plan.stages) t.finished_span += st.duration_ms;
  t.live_span = 3 * kMin + kLiveElapsed;
  for (int i = 0; i < t.extended_stage; ++i) t.live_span += plan.stages[static_cast<std::size_t>(i)].duration_ms;
  return t;
}

// Éloïse Dupré: a whole CCP1, long finished, with a pause, an extension and
// an overrun, each stage started by the jury in plan order.
std::string finished_ccp1(Builder& b, const ExamPlan& plan, const Timeline& t, const std::string& candidate) {
  const std::string run = b.apply(action::StartExam{candidate, plan.ccp});
  b.wait(kMin);
  b.apply(action::DrawSheet{run, {}});
  b.wait(kMin);
  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    const Stage& st = plan.stages[i];
    if (i == 0) b.timer(run, TimerEventKind::Start, st.id);
    else b.timer(run, TimerEventKind::Next);
    TimeMs left = st.duration_ms;  // of the stage's own time, pauses excluded
    if (static_cast<int>(i) == t.pause_stage) {
      const TimeMs at = std::min(12 * kMin, left / 2);
      b.wait(at);
      b.timer(run, TimerEventKind::Pause, {}, 0, "Vidéoprojecteur en panne");
      b.wait(kPause);
      b.timer(run, TimerEventKind::Resume);
      left -= at;
    }
    if (static_cast<int>(i) == t.extended_stage) {
      const TimeMs at = std::min(10 * kMin, left / 2);
      b.wait(at);
      b.timer(run, TimerEventKind::Extend, {}, kExtension, "Incident technique\u00A0: connexion perdue");
      left += kExtension + kOverrun - at;  // ends one minute past the extended time
    }
    b.wait(left);
  }
  b.timer(run, TimerEventKind::End);  // the last stage, on time
  return run;
}

// Kévin Hoarau: a CCP1 under way; the stage of Timeline::extended_stage
// started kLiveElapsed before now and is still running.
std::string live_ccp1(Builder& b, const ExamPlan& plan, const Timeline& t, const std::string& candidate) {
  const std::string run = b.apply(action::StartExam{candidate, plan.ccp});
  b.wait(kMin);
  b.apply(action::DrawSheet{run, {}});
  b.wait(2 * kMin);
  b.timer(run, TimerEventKind::Start, plan.stages[0].id);
  for (int i = 0; i < t.extended_stage; ++i) {
    b.wait(plan.stages[static_cast<std::size_t>(i)].duration_ms);
    b.timer(run, TimerEventKind::Next);
  }
  return run;
}

// Both members have rated what the first stage showed of CP-1 to CP-3, and
// disagree on one criterion; the marks are stamped in the past.
void first_marks(Builder& b, const Grid& grid, const std::string& run, const std::string& president,
                 const std::string& member) {
  const RatingLevel* good = nullptr;
  const RatingLevel* short_of = nullptr;
  for (const auto& l : grid.rating_scale) {
    if (l.acquired) good = &l;  // the last acquired level: « acquis », not the top
    if (!l.acquired && l.evidence && !short_of) short_of = &l;
  }
  if (!good || !short_of) return;
  bool disagreed = false;
  for (std::size_t k = 0; k < grid.competencies.size() && k < 3; ++k)
    for (const auto& c : grid.competencies[k].criteria) {
      b.apply(action::RecordMark{run, president, c.id, good->id});
      const bool differ = !disagreed && k == 1;
      b.apply(action::RecordMark{run, member, c.id, differ ? short_of->id : good->id});
      disagreed = disagreed || differ;
    }
  b.apply(action::SetObservation{run, president, grid.competencies[0].id,
                                 "Accueil chaleureux, reformule la demande avant de répondre."});
}

// A whole CCP1 without incident, stage after stage on time.
std::string plain_ccp1(Builder& b, const ExamPlan& plan, const std::string& candidate) {
  const std::string run = b.apply(action::StartExam{candidate, plan.ccp});
  b.wait(kMin);
  b.apply(action::DrawSheet{run, {}});
  b.wait(2 * kMin);
  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    b.timer(run, i == 0 ? TimerEventKind::Start : TimerEventKind::Next, i == 0 ? plan.stages[0].id : "");
    b.wait(plan.stages[i].duration_ms);
  }
  b.timer(run, TimerEventKind::End);
  return run;
}

// A whole CCP2 without incident (no session-sheet draw in its plan).
std::string plain_ccp2(Builder& b, const ExamPlan& plan, const std::string& candidate) {
  const std::string run = b.apply(action::StartExam{candidate, plan.ccp});
  b.wait(3 * kMin);
  for (std::size_t i = 0; i < plan.stages.size(); ++i) {
    b.timer(run, i == 0 ? TimerEventKind::Start : TimerEventKind::Next, i == 0 ? plan.stages[0].id : "");
    b.wait(plan.stages[i].duration_ms);
  }
  b.timer(run, TimerEventKind::End);
  return run;
}

// Span of plain_ccp1 (or plain_ccp2), for the timeline.
TimeMs plain_span(const ExamPlan& plan) {
  TimeMs t = 3 * kMin;
  for (const auto& st : plan.stages) t += st.duration_ms;
  return t;
}

struct Levels {
  const RatingLevel* top = nullptr;       // « maîtrisé »
  const RatingLevel* good = nullptr;      // the last acquired level: « acquis »
  const RatingLevel* short_of = nullptr;  // « en cours d’acquisition »
  const RatingLevel* unseen = nullptr;    // « non observé »
};

Levels levels_of(const Grid& grid) {
  Levels l;
  for (const auto& r : grid.rating_scale) {
    if (r.acquired && !l.top) l.top = &r;
    if (r.acquired) l.good = &r;
    if (!r.acquired && r.evidence && !l.short_of) l.short_of = &r;
    if (!r.evidence && !l.unseen) l.unseen = &r;
  }
  return l;
}

// Both members rate every criterion after the run. `member_level` gives
// Thomas's rating where it differs from Nadia's `level`.
struct Rating {
  const RatingLevel* president;
  const RatingLevel* member;
};

void full_marks(Builder& b, const Grid& grid, const std::string& run, const std::string& president,
                const std::string& member, const std::function<Rating(std::size_t comp, std::size_t crit)>& rating) {
  for (std::size_t k = 0; k < grid.competencies.size(); ++k)
    for (std::size_t i = 0; i < grid.competencies[k].criteria.size(); ++i) {
      const auto& c = grid.competencies[k].criteria[i];
      Rating r = rating(k, i);
      if (r.president) b.apply(action::RecordMark{run, president, c.id, r.president->id});
      b.wait(10'000);
      if (r.member) b.apply(action::RecordMark{run, member, c.id, r.member->id});
    }
}

// Éloïse: both members agree she acquired everything; the jury decides,
// each member confirms, and the result locks.
void decided_and_locked(Builder& b, const Grid& grid, const std::string& run, const std::string& president,
                        const std::string& member) {
  const Levels l = levels_of(grid);
  if (!l.top || !l.good || !l.unseen) return;
  full_marks(b, grid, run, president, member, [&](std::size_t k, std::size_t i) {
    const RatingLevel* level = (k + i) % 3 == 0 ? l.top : l.good;
    if (k == 2 && i == 3) return Rating{l.unseen, l.good};  // Nadia did not see it; Thomas did
    return Rating{level, level};
  });
  b.apply(action::SetObservation{run, president, grid.competencies[1].id,
                                 "Séance bien rythmée ; consignes claires, vérifie la compréhension."});
  b.apply(action::SetObservation{run, member, grid.competencies[4].id,
                                 "Bilan de séance honnête, pistes d’amélioration concrètes."});
  b.wait(4 * kMin);
  for (const auto& c : grid.competencies) b.apply(action::DecideCompetency{run, c.id, CompetencyStatus::Acquired});
  b.wait(kMin);
  b.apply(action::DecideCcp{run, CcpOutcome::Obtained, {}});
  b.confirm(run, president);
  b.confirm(run, member);
  // The trainers' written feedback for her, edited after the deliberation.
  b.wait(2 * kMin);
  b.apply(action::SetFeedback{run, grid.competencies[0].id,
                              "– Accueil chaleureux et reformulation systématique de la demande.\n"
                              "– Présente clairement ce que la structure peut faire, et ce qu’elle ne peut pas faire.",
                              "– Orienter plus tôt vers le bon interlocuteur quand la demande dépasse votre rôle."});
  b.apply(action::SetFeedbackAdvice{run, "Très bon niveau d’ensemble. Gardez le même rythme le jour de l’examen, "
                                         "et préparez deux exemples concrets d’orientation vers des partenaires."});
}

// Moussa: both members have rated everything; they disagree on one
// criterion of CP-4 and agree that one criterion of CP-5 is not acquired
// yet. The jury has not deliberated.
void waiting_for_deliberation(Builder& b, const Grid& grid, const std::string& run, const std::string& president,
                              const std::string& member) {
  const Levels l = levels_of(grid);
  if (!l.good || !l.short_of) return;
  full_marks(b, grid, run, president, member, [&](std::size_t k, std::size_t i) {
    if (k == 3 && i == 1) return Rating{l.good, l.short_of};
    if (k == 4 && i == 2) return Rating{l.short_of, l.short_of};
    return Rating{l.good, l.good};
  });
  if (grid.competencies.size() > 4) {
    b.apply(action::SetObservation{run, president, grid.competencies[3].id,
                                   "Présente le réseau local des aidants, mais sans orientation concrète."});
    b.apply(action::SetObservation{run, member, grid.competencies[3].id,
                                   "N’a pas su dire vers qui orienter une personne sans solution."});
    b.apply(action::SetObservation{run, member, grid.competencies[4].id,
                                   "Pas de bilan écrit de la séance : à travailler."});
  }
}

// The jury follows its members' ratings: each competency as they propose
// (not acquired where they disagree), the CCP as the grid's rule proposes,
// justified when the rule asks; both confirm, the result locks.
void deliberated(Builder& b, const Grid& grid, const std::string& session, const std::string& run,
                 const std::string& president, const std::string& member, const std::string& justification) {
  if (!b.error.empty()) return;
  auto record = b.store.exam_run(run);
  if (!record) return;
  Deliberation d = review_run(grid, b.store.jury_members(session), *record);
  b.wait(3 * kMin);
  for (const auto& c : d.competencies)
    b.apply(action::DecideCompetency{run, c.competency->id,
                                     c.proposed == CompetencyStatus::Acquired ? CompetencyStatus::Acquired
                                                                              : CompetencyStatus::NotAcquired});
  record = b.store.exam_run(run);
  d = review_run(grid, b.store.jury_members(session), *record);
  const bool needs = justification_required(grid.decision_rule, d.proposed, d.proposed);
  b.apply(action::DecideCcp{run, d.proposed, needs ? justification : std::string()});
  b.confirm(run, president);
  b.confirm(run, member);
}

}  // namespace

DemoResult create_demo_session(const std::string& db_path, const Title& title, const std::vector<ExamPlan>& plans,
                               const std::vector<Grid>& grids, RandomSource& random, TimeMs now) {
  FakeClock clock(now - 3 * 60 * kMin);
  OpenResult opened = Store::open(db_path, OpenMode::ReadWrite, clock);
  if (!opened.store) return {{}, opened.error};
  Store& store = *opened.store;
  store.set_title(title);
  store.set_exam_plans(plans);
  store.set_scoring_grids(grids);
  store.set_random_source(&random);
  Builder b{store, clock, {}};

  const CcpId first_ccp = title.ccps.size() > 0 ? title.ccps[0].id : CcpId();
  const CcpId second_ccp = title.ccps.size() > 1 ? title.ccps[1].id : CcpId();
  const ExamPlan* ccp1 = store.current_plan(first_ccp);
  if (ccp1 && ccp1->stages.empty()) ccp1 = nullptr;
  const ExamPlan* ccp2 = store.current_plan(second_ccp);
  if (ccp2 && ccp2->stages.empty()) ccp2 = nullptr;
  Timeline t;
  if (ccp1) {
    // Three hours ago, or earlier if the plan's stages need more room.
    t = timeline(*ccp1);
    const TimeMs morning = ccp2 ? 2 * (plain_span(*ccp2) + kDeliberation) : 0;
    const TimeMs needed = kBeforeFirstRun + morning + t.finished_span + kDeliberation + plain_span(*ccp1) +
                          kDeliberation + t.live_span;
    clock.set_ms(now - std::max(3 * 60 * kMin, needed));
  } else {
    clock.set_ms(now);
  }

  SessionInput s;
  s.title = "Jury blanc — démonstration";
  s.date = local_iso_day(now);
  s.exam_centre = "Centre de démonstration (fictif)";
  s.kind = SessionKind::Rehearsal;
  s.ccps = title.all_ccps();
  const std::string uuid = b.apply(action::CreateSession{s});
  // The demo's PINs (README): 111111 for Nadia, 222222 for Thomas.
  const std::string president = b.add_member(uuid, {"Nadia Benali", JuryRole::President}, kDemoPresidentPin);
  const std::string member = b.add_member(uuid, {"Thomas Lefèvre", JuryRole::Member}, kDemoMemberPin);

  const DemoCandidate people[] = {
      {"MN-001", "Dupré", "Éloïse", {true, false}, false,
       {"Créer et sécuriser son adresse e-mail", "Prendre rendez-vous en ligne chez un médecin",
        "Découvrir France Connect"}, Attendance::Expected},
      {"MN-002", "N’Diaye", "Moussa", {true, true}, false,
       {"Utiliser une messagerie instantanée en famille", "Repérer une arnaque par SMS",
        "Ranger ses photos sur son téléphone"}, Attendance::Expected},
      {"MN-003", "Lefèbvre-Côté", "Anaïs", {false, true}, false, {"", "", ""}, Attendance::Expected},
      {"MN-004", "Œuvray", "Jérôme", {false, true}, true,
       {"Faire une démarche sur le site de l’Assurance retraite", "Payer en ligne en toute sécurité",
        "Vérifier une information\u00A0: «\u00A0fake news\u00A0» et sources"}, Attendance::Expected},
      {"MN-005", "Gonçalves", "Inês", {true, false}, false,
       {"Découvrir l’ordinateur\u00A0: souris et clavier", "Créer son espace France Travail", ""},
       Attendance::Expected},
      {"MN-006", "Martin", "Zoé", {true, false}, false,
       {"Visioconférence\u00A0: garder le lien avec ses proches", "Les bases du traitement de texte",
        "Mon espace santé\u00A0: premiers pas"}, Attendance::Absent},
      {"MN-007", "Hoarau", "Kévin", {true, true}, false,
       {"Scanner un document avec son smartphone", "Remplir un formulaire en ligne",
        "Choisir un mot de passe solide"}, Attendance::Expected},
      {"MN-008", "Belkacem", "Maëlle", {false, true}, false, {"", "", ""}, Attendance::Withdrawn},
  };
  std::string dupre, ndiaye, hoarau, lefebvre, oeuvray;
  for (const auto& p : people) {
    CandidateInput c;
    c.number = p.number;
    c.last_name = p.last;
    c.first_name = p.first;
    if (p.ccps.first && !first_ccp.empty()) c.ccps.add(first_ccp);
    if (p.ccps.second && !second_ccp.empty()) c.ccps.add(second_ccp);
    if (p.equivalence && title.equivalence_for(first_ccp)) c.by_equivalence.add(first_ccp);
    c.sheets = p.sheets;
    std::string id = b.apply(action::AddCandidate{uuid, c});
    if (p.attendance != Attendance::Expected) b.apply(action::SetAttendance{id, p.attendance});
    if (std::string_view(p.number) == "MN-001") dupre = id;
    if (std::string_view(p.number) == "MN-002") ndiaye = id;
    if (std::string_view(p.number) == "MN-007") hoarau = id;
    if (std::string_view(p.number) == "MN-003") lefebvre = id;
    if (std::string_view(p.number) == "MN-004") oeuvray = id;
  }

  if (ccp1) {
    const Grid* grid = store.current_grid(first_ccp);
    b.wait(kBeforeFirstRun);
    // The morning: two CCP2, deliberated and locked — Anaïs short of one
    // criterion of CP-8, Jérôme acquiring everything.
    const Grid* grid2 = store.current_grid(second_ccp);
    const Levels l2 = grid2 ? levels_of(*grid2) : Levels{};
    if (ccp2 && grid2 && l2.good && l2.short_of && grid2->competencies.size() > 2) {
      for (const auto& [candidate, short_of] : {std::pair{lefebvre, true}, std::pair{oeuvray, false}}) {
        const bool short_of_cp8 = short_of;  // clang 14 (the fuzz build) captures no structured binding
        const std::string run = plain_ccp2(b, *ccp2, candidate);
        const TimeMs next = clock.now_ms() + kDeliberation;
        full_marks(b, *grid2, run, president, member, [&](std::size_t k, std::size_t i) {
          if (short_of_cp8 && k == 2 && i == 0) return Rating{l2.short_of, l2.short_of};
          return Rating{l2.good, l2.good};
        });
        deliberated(b, *grid2, uuid, run, president, member,
                    "CP-8 non acquise\u00A0: la démarche d’«\u00A0aller vers\u00A0» n’est pas encore construite.");
        clock.set_ms(std::max(clock.now_ms(), next));
      }
    }
    const std::string first = finished_ccp1(b, *ccp1, t, dupre);
    const TimeMs deliberated = clock.now_ms() + kDeliberation;
    if (grid && b.error.empty()) decided_and_locked(b, *grid, first, president, member);
    clock.set_ms(std::max(clock.now_ms(), deliberated));
    const std::string second = plain_ccp1(b, *ccp1, ndiaye);
    if (grid && b.error.empty()) waiting_for_deliberation(b, *grid, second, president, member);
    // Kévin's run is placed backwards from now: its last event is exactly
    // kLiveElapsed before now, never after.
    clock.set_ms(std::max(clock.now_ms(), now - t.live_span));
    const std::string live = live_ccp1(b, *ccp1, t, hoarau);
    // Kévin's stage is running as the demo opens: a sign of life now, so
    // that opening it is not taken for a restart after a crash.
    if (b.error.empty()) store.record_heartbeat(live, now);
    if (grid && b.error.empty()) first_marks(b, *grid, live, president, member);
  }
  if (!b.error.empty()) return {{}, b.error};
  return {uuid, {}};
}

}  // namespace jurymn
