// SPDX-License-Identifier: EUPL-1.2
#include "store/completed_session.h"

#include "core/local_time.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "core/sheet_draw.h"
#include "store/store.h"

namespace jurymn {

namespace {

constexpr TimeMs kSec = 1000;
constexpr TimeMs kMin = kMinuteMs;
constexpr int kCandidatesPerCommit = 200;
constexpr const char* kActor = "demo";

// ---- timeline of one run (upper bounds give each candidate a fixed slot)

constexpr TimeMs kBeforeDraw = kMin;         // StartExam → draw
constexpr TimeMs kBeforeFirstStage = kMin;   // draw → first stage
constexpr TimeMs kMaxPause = 6 * kMin;
constexpr TimeMs kMaxExtension = 5 * kMin;
constexpr TimeMs kBeforeMarks = 2 * kMin;    // end of the run → first rating
constexpr TimeMs kMarkStep = 5 * kSec;
constexpr int kMaxObservations = 2;
constexpr TimeMs kObservationStep = 30 * kSec;
constexpr TimeMs kBeforeDecisions = kMin;
constexpr TimeMs kDecisionStep = 10 * kSec;
constexpr TimeMs kDecideCcp = 30 * kSec;
constexpr TimeMs kConfirmFirst = 30 * kSec;
constexpr TimeMs kConfirmSecond = 20 * kSec;
constexpr TimeMs kBetweenRuns = 10 * kMin;
constexpr TimeMs kBeforeCandidate = kMin;    // AddCandidate → first StartExam
constexpr TimeMs kSetup = 10 * kMin;         // session and jury → first candidate
constexpr TimeMs kMarginBeforeNow = kMin;

// ---- deterministic randomness (splitmix64: same numbers on every platform)

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

std::uint64_t finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t mix(std::uint64_t z) { return finalize(z + kGolden); }

class Rng {
public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  // A stream of its own for (seed, a, b): candidate i's data never depend on
  // what was drawn for the others.
  static Rng stream(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) {
    return Rng(mix(mix(seed) ^ mix(a * 0x100000001B3ull + b + 1)));
  }
  std::uint64_t next() { return finalize(state_ += kGolden); }
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

private:
  std::uint64_t state_;
};

// ---- French-looking data

constexpr std::array kFirstNames = {
    "Éloïse", "Noé",    "Anaïs",   "Gaëlle", "François", "Zoé",     "Inès",    "Jérôme",
    "Maëlle", "Kévin",  "Hélène",  "Loïc",   "Céline",   "Raphaël", "Chloé",   "Thaïs",
    "Agnès",  "Benoît", "Léa",     "Joël",   "Aurélie",  "Frédéric", "Solène", "Mathéo",
    "Noémie", "Jérémy", "Clément", "Océane", "Amélie",   "Stéphane", "Inês",   "Maïwenn"};

constexpr std::array kLastNames = {
    "Dupré",    "Lefèvre",  "N’Diaye",  "Gonçalves", "Œuvray",   "Hoarau",   "Belkacem", "Lefèbvre-Côté",
    "Martin",   "Bénard",   "Lemaître", "Rivière",   "Traoré",   "Da Silva", "Château",  "Perrière",
    "Nguyen",   "Désiré",   "Müller",   "Vasseur",   "Kéita",    "Benhamou", "Lacôte",   "D’Almeida",
    "Ferré",    "Mercier",  "Le Goff",  "Boucher",   "Fontaine", "Garnier",  "Aït-Ali",  "Périer"};

constexpr std::array kSheetTitles = {
    "Créer et sécuriser son adresse e-mail",
    "Prendre rendez-vous en ligne chez un médecin",
    "Découvrir France Connect",
    "Utiliser une messagerie instantanée en famille",
    "Repérer une arnaque par SMS",
    "Ranger ses photos sur son téléphone",
    "Découvrir l’ordinateur\u00A0: souris et clavier",
    "Créer son espace France Travail",
    "Visioconférence\u00A0: garder le lien avec ses proches",
    "Les bases du traitement de texte",
    "Mon espace santé\u00A0: premiers pas",
    "Scanner un document avec son smartphone",
    "Remplir un formulaire en ligne",
    "Choisir un mot de passe solide",
    "Payer en ligne en toute sécurité",
    "Vérifier une information\u00A0: «\u00A0fake news\u00A0» et sources",
    "Faire une démarche sur le site de l’Assurance retraite",
    "Déclarer ses revenus en ligne",
    "Sauvegarder ses documents dans le nuage",
    "Acheter un billet de train sur internet",
};

constexpr std::array kObservations = {
    "Reformule la demande avant d’agir\u00A0: très bonne écoute.",
    "Explications claires, rythme adapté à un public débutant.",
    "Manque d’exemples concrets tirés de sa pratique.",
    "Bonne connaissance des acteurs locaux de l’inclusion numérique.",
    "Supports de séance soignés, consignes écrites lisibles.",
    "Hésitations sur les règles de sécurité des mots de passe.",
    "Posture bienveillante\u00A0; laisse la personne manipuler elle-même.",
    "Analyse de sa pratique honnête, pistes d’amélioration précises.",
    "Questions ouvertes, temps de parole bien réparti.",
    "Orientation vers France Services pertinente et argumentée.",
};

constexpr std::array kPauseReasons = {
    "Vidéoprojecteur en panne",
    "Malaise passager du candidat",
    "Alarme incendie (exercice)",
    "Bruit dans le couloir\u00A0: interruption",
};

constexpr std::array kExtensionReasons = {
    "Incident technique\u00A0: connexion perdue",
    "Ordinateur du candidat redémarré",
    "Temps perdu à l’installation du diaporama",
};


// "5 000", as a French reader writes it.
std::string french_count(int n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00A0";
    out += digits[i];
  }
  return out;
}

std::string candidate_number(int index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "C-%05d", index + 1);
  return buf;
}

// ---- what one CCP needs

struct Levels {
  const RatingLevel* top = nullptr;       // first acquired level: « maîtrisé »
  const RatingLevel* good = nullptr;      // last acquired level: « acquis »
  const RatingLevel* short_of = nullptr;  // observed, not acquired: « en cours d’acquisition »
  const RatingLevel* unseen = nullptr;    // no evidence: « non observé »
};

Levels levels_of(const Grid& grid) {
  Levels l;
  for (const auto& r : grid.rating_scale) {
    if (r.acquired && r.evidence && !l.top) l.top = &r;
    if (r.acquired && r.evidence) l.good = &r;
    if (!r.acquired && r.evidence && !l.short_of) l.short_of = &r;
    if (!r.evidence && !l.unseen) l.unseen = &r;
  }
  return l;
}

struct Kit {
  CcpId ccp;
  std::uint64_t stream = 0;  // the CCP's rank in the title + 1: its random stream
  const ExamPlan* plan = nullptr;
  const Grid* grid = nullptr;
  Levels levels;
  std::vector<const Criterion*> criteria;   // flattened, in grid order
  std::vector<std::size_t> competency_of;   // per flattened criterion
  std::vector<std::size_t> first_criterion;  // per competency, into `criteria`
  TimeMs run_bound = 0;                      // longest a run and its deliberation can take
};

Kit kit_of(const CcpId& ccp, const ExamPlan& plan, const Grid& grid) {
  Kit k;
  k.ccp = ccp;
  k.plan = &plan;
  k.grid = &grid;
  k.levels = levels_of(grid);
  for (std::size_t c = 0; c < grid.competencies.size(); ++c) {
    k.first_criterion.push_back(k.criteria.size());
    for (const auto& cr : grid.competencies[c].criteria) {
      k.criteria.push_back(&cr);
      k.competency_of.push_back(c);
    }
  }
  k.run_bound = kBeforeDraw + kBeforeFirstStage + plan.total_duration_ms() + kMaxPause + kMaxExtension +
                kBeforeMarks + static_cast<TimeMs>(2 * k.criteria.size()) * kMarkStep +
                kMaxObservations * kObservationStep + kBeforeDecisions +
                static_cast<TimeMs>(grid.competencies.size()) * kDecisionStep + kDecideCcp + kConfirmFirst +
                kConfirmSecond + kBetweenRuns;
  return k;
}

// ---- applying

struct Gen {
  Store& store;
  FakeClock& clock;
  std::string error;
  std::int64_t actions = 0;  // applied since the start, committed or not

  std::string apply(const Action& a) {
    if (!error.empty()) return {};
    ApplyResult r = store.apply(a, kActor);
    if (!r) {
      error = r.error;
      return {};
    }
    ++actions;
    return r.created_uuid;
  }
  bool ok() const { return error.empty(); }
  void wait(TimeMs ms) { clock.advance_ms(ms); }
  void timer(const std::string& run, TimerEventKind kind, const std::string& stage, TimeMs amount = 0,
             const std::string& reason = {}) {
    apply(action::RecordTimerEvent{run, kind, stage, amount, reason});
  }
};

struct Jury {
  std::string president;
  std::string member;
  // Their PIN keys, derived once (fast cost: generated data).
  MemberKey president_key;
  MemberKey member_key;
};

// ---- one run

// Each member's level for every criterion (flattened), before anything is
// applied, so that the whole run follows from its random stream.
struct Ratings {
  std::array<std::vector<const RatingLevel*>, 2> by_member;  // 0: président, 1: membre
};

Ratings rate(const Kit& k, Rng& rng) {
  const Levels& l = k.levels;
  const std::size_t n = k.criteria.size();
  const std::size_t comps = k.first_criterion.size();
  std::vector<const RatingLevel*> base(n);
  for (auto& b : base) b = rng.chance(35) ? l.top : l.good;

  // A weak candidate: one or two competencies with a criterion (or two)
  // both members see as « en cours d’acquisition ».
  std::vector<bool> failing(comps, false);
  if (l.short_of && comps > 0 && rng.chance(22)) {
    const int count = rng.chance(75) ? 1 : 2;
    for (int f = 0; f < count; ++f) {
      const std::size_t c = rng.below(comps);
      failing[c] = true;
      const std::size_t first = k.first_criterion[c];
      const std::size_t size = k.grid->competencies[c].criteria.size();
      base[first + rng.below(size)] = l.short_of;
      if (rng.chance(40)) base[first + rng.below(size)] = l.short_of;
    }
  }
  Ratings r{{base, base}};
  auto acquired_both = [&](std::size_t j) {
    return r.by_member[0][j]->acquired && r.by_member[1][j]->acquired;
  };
  // A mild disagreement: « maîtrisé » against « acquis ».
  if (n > 0 && l.top != l.good && rng.chance(25)) {
    const std::size_t j = rng.below(n);
    if (acquired_both(j)) r.by_member[1][j] = base[j] == l.top ? l.good : l.top;
  }
  // A real one: the member sees a criterion as not acquired yet, and the two
  // propose different statuses for the competency; the jury settles it.
  if (n > 0 && l.short_of && rng.chance(10)) {
    const std::size_t j = rng.below(n);
    if (!failing[k.competency_of[j]] && acquired_both(j)) r.by_member[1][j] = l.short_of;
  }
  // One member did not observe a criterion; the others of its competency
  // were observed (a competency has at least three criteria).
  if (n > 0 && l.unseen && rng.chance(10)) {
    const std::size_t j = rng.below(n);
    if (acquired_both(j) && k.grid->competencies[k.competency_of[j]].criteria.size() >= 2)
      r.by_member[rng.below(2)][j] = l.unseen;
  }
  return r;
}

std::string joined_ids(const std::vector<std::string>& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
  return s;
}

std::string justification_for(CcpOutcome proposed, CcpOutcome decided, const std::vector<std::string>& not_acquired) {
  if (decided == CcpOutcome::NotObtained && proposed == CcpOutcome::NotObtained)
    return "Compétence(s) non acquise(s)\u00A0: " + joined_ids(not_acquired) +
           ". Le jury invite le candidat à retravailler ces points avant de se présenter de nouveau.";
  if (decided == CcpOutcome::NotObtained)
    return "Toutes les compétences sont jugées acquises, mais le jury relève en mise en situation un manquement à "
           "la confidentialité des données de la personne accompagnée\u00A0: le CCP n’est pas obtenu.";
  if (proposed == CcpOutcome::NotObtained)
    return "Le jury estime que la compétence " + joined_ids(not_acquired) +
           ", non acquise sur un seul point, est compensée par la maîtrise démontrée sur l’ensemble de l’épreuve.";
  return "Décision du jury après délibération.";
}

void run_exam(Gen& g, const Kit& k, Rng& rng, const std::string& candidate, const Jury& jury) {
  const ExamPlan& plan = *k.plan;
  const Grid& grid = *k.grid;
  const std::string run = g.apply(action::StartExam{candidate, k.ccp});
  if (!g.ok()) return;
  g.wait(kBeforeDraw);
  if (plan.draw_stage_index() >= 0) g.apply(action::DrawSheet{run, {}});
  g.wait(kBeforeFirstStage);

  // Now and then a pause or an extension, in a stage with the jury present.
  std::vector<int> with_jury;
  for (std::size_t i = 0; i < plan.stages.size(); ++i)
    if (plan.stages[i].jury_present) with_jury.push_back(static_cast<int>(i));
  int pause_stage = -1, extended_stage = -1;
  if (!with_jury.empty()) {
    if (rng.chance(8)) pause_stage = with_jury[rng.below(with_jury.size())];
    else if (rng.chance(7)) extended_stage = with_jury[rng.below(with_jury.size())];
  }
  for (std::size_t i = 0; i < plan.stages.size() && g.ok(); ++i) {
    const Stage& st = plan.stages[i];
    g.timer(run, i == 0 ? TimerEventKind::Start : TimerEventKind::Next, st.id);
    TimeMs left = st.duration_ms;
    if (static_cast<int>(i) == pause_stage) {
      const TimeMs at = left / 2;
      g.wait(at);
      g.timer(run, TimerEventKind::Pause, st.id, 0, kPauseReasons[rng.below(kPauseReasons.size())]);
      g.wait(static_cast<TimeMs>(2 + rng.below(5)) * kMin);  // 2 to 6 minutes
      g.timer(run, TimerEventKind::Resume, st.id);
      left -= at;
    }
    if (static_cast<int>(i) == extended_stage) {
      const TimeMs at = left / 2;
      const TimeMs amount = static_cast<TimeMs>(2 + rng.below(4)) * kMin;  // 2 to 5 minutes
      g.wait(at);
      g.timer(run, TimerEventKind::Extend, st.id, amount, kExtensionReasons[rng.below(kExtensionReasons.size())]);
      left += amount - at;
    }
    g.wait(left);
  }
  g.timer(run, TimerEventKind::End, plan.stages.back().id);
  if (!g.ok()) return;

  // Deliberation: both members rate every criterion.
  const Ratings ratings = rate(k, rng);
  g.wait(kBeforeMarks);
  for (std::size_t j = 0; j < k.criteria.size() && g.ok(); ++j) {
    g.apply(action::RecordMark{run, jury.president, k.criteria[j]->id, ratings.by_member[0][j]->id});
    g.wait(kMarkStep);
    g.apply(action::RecordMark{run, jury.member, k.criteria[j]->id, ratings.by_member[1][j]->id});
    g.wait(kMarkStep);
  }
  if (rng.chance(30)) {
    const int count = rng.chance(70) ? 1 : kMaxObservations;
    for (int o = 0; o < count; ++o) {
      const std::string& who = rng.below(2) == 0 ? jury.president : jury.member;
      const std::string& competency = grid.competencies[rng.below(grid.competencies.size())].id;
      g.apply(action::SetObservation{run, who, competency, kObservations[rng.below(kObservations.size())]});
      g.wait(kObservationStep);
    }
  }

  // Each competency as the ratings propose; where the members' proposals
  // differ, the jury sides with one of them.
  g.wait(kBeforeDecisions);
  std::vector<CompetencyStatus> decided;
  std::vector<std::string> not_acquired;
  for (std::size_t c = 0; c < grid.competencies.size(); ++c) {
    std::array<CompetencyStatus, 2> proposed{};
    for (std::size_t m = 0; m < 2; ++m) {
      std::vector<std::string> ids;
      for (std::size_t j = k.first_criterion[c]; j < k.first_criterion[c] + grid.competencies[c].criteria.size(); ++j)
        ids.push_back(ratings.by_member[m][j]->id);
      proposed[m] = proposed_competency_status(grid.rating_scale, ids).status;
    }
    CompetencyStatus status = proposed[0] == proposed[1] ? proposed[0] : proposed[rng.below(2)];
    if (status == CompetencyStatus::Undecided) status = CompetencyStatus::NotAcquired;  // never with full ratings
    decided.push_back(status);
    if (status == CompetencyStatus::NotAcquired) not_acquired.push_back(grid.competencies[c].id);
    g.apply(action::DecideCompetency{run, grid.competencies[c].id, status});
    g.wait(kDecisionStep);
  }

  // The CCP as the grid's rule proposes, except now and then when the jury
  // departs from it; justified whenever the rule asks.
  const CcpOutcome proposed = proposed_ccp_outcome(decided, grid.decision_rule);
  CcpOutcome outcome = proposed;
  if (rng.chance(3)) outcome = proposed == CcpOutcome::Obtained ? CcpOutcome::NotObtained : CcpOutcome::Obtained;
  std::string justification;
  if (justification_required(grid.decision_rule, proposed, outcome))
    justification = justification_for(proposed, outcome, not_acquired);
  g.wait(kDecideCcp);
  g.apply(action::DecideCcp{run, outcome, justification});
  g.wait(kConfirmFirst);
  g.apply(action::ConfirmDecision{run, jury.president, jury.president_key});
  g.wait(kConfirmSecond);
  g.apply(action::ConfirmDecision{run, jury.member, jury.member_key});
  g.wait(kBetweenRuns);
}

// ---- one candidate

// In every block of 16 candidates: 2 take the title's first CCP only, 2 its
// second only, 1 holds the first by equivalence (when the title has one) and
// takes the second, the others take them all.
void set_profile(CandidateInput& c, const Title& title, int index, std::uint64_t seed) {
  const CcpId first = title.ccps.empty() ? CcpId() : title.ccps[0].id;
  const CcpId second = title.ccps.size() > 1 ? title.ccps[1].id : first;
  switch ((static_cast<std::uint64_t>(index) + mix(seed)) % 16) {
    case 0:
    case 1: c.ccps = {first}; break;
    case 2:
    case 3: c.ccps = {second}; break;
    case 4:
      c.ccps = {second};
      if (second != first && title.equivalence_for(first)) c.by_equivalence = {first};
      break;
    default: c.ccps = title.all_ccps();
  }
}

CandidateInput candidate_input(const Title& title, int index, std::uint64_t seed) {
  Rng rng = Rng::stream(seed, static_cast<std::uint64_t>(index), 0);
  CandidateInput c;
  c.number = candidate_number(index);
  c.first_name = kFirstNames[rng.below(kFirstNames.size())];
  c.last_name = kLastNames[rng.below(kLastNames.size())];
  set_profile(c, title, index, seed);
  // As many different sheets as the title's draw is made between.
  const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(title.session_sheet_count()), kSheetTitles.size());
  std::vector<std::size_t> picked;
  for (std::size_t s = 0; s < count; ++s) {
    std::size_t t;
    do t = rng.below(kSheetTitles.size());
    while (std::find(picked.begin(), picked.end(), t) != picked.end());
    picked.push_back(t);
    c.sheets.push_back(kSheetTitles[t]);
  }
  return c;
}

std::string input_refusal(const Title& title, const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids,
                          int candidates) {
  if (candidates < 1 || candidates > kMaxGeneratedCandidates)
    return "Le nombre de candidats doit être compris entre 1 et " + french_count(kMaxGeneratedCandidates) +
           " (demandé\u00A0: " + std::to_string(candidates) + ")\u00A0; rien n’a été écrit.";
  if (title.ccps.empty()) return "Aucun titre chargé\u00A0: la session ne peut pas être générée\u00A0; rien n’a été écrit.";
  for (const auto& c : title.ccps) {
    const CcpId& ccp = c.id;
    const std::string& name = ccp;
    if (std::none_of(plans.begin(), plans.end(), [&](const ExamPlan& p) { return p.ccp == ccp; }))
      return "Aucun plan d’épreuve pour le " + name + "\u00A0: la session ne peut pas être générée\u00A0; rien n’a été écrit.";
    if (std::none_of(grids.begin(), grids.end(), [&](const Grid& g) { return g.ccp == ccp; }))
      return "Aucune grille d’évaluation pour le " + name +
             "\u00A0: la session ne peut pas être générée\u00A0; rien n’a été écrit.";
  }
  return {};
}

// The plan and grid the store will use must allow a complete run.
std::string kit_refusal(const Kit& k) {
  const std::string& name = k.ccp;
  if (k.plan->stages.empty())
    return "Le plan d’épreuve " + k.plan->id + " version " + k.plan->version + " du " + name +
           " n’a aucune étape\u00A0: la session ne peut pas être générée.";
  if (!k.levels.top || k.grid->competencies.empty() || k.criteria.empty())
    return "La grille " + k.grid->id + " version " + k.grid->version + " du " + name +
           " n’a pas de niveau «\u00A0acquis\u00A0» ou pas de critère\u00A0: la session ne peut pas être générée.";
  return {};
}

}  // namespace

CompletedSessionResult create_completed_session(const std::string& db_path, const Title& title,
                                                const std::vector<ExamPlan>& plans, const std::vector<Grid>& grids,
                                                int candidates, SessionKind kind, std::uint64_t seed, TimeMs now) {
  CompletedSessionResult result;
  if (std::string why = input_refusal(title, plans, grids, candidates); !why.empty()) {
    result.error = why;
    return result;
  }

  FakeClock clock(now);
  OpenResult opened = Store::open(db_path, OpenMode::ReadWrite, clock);
  if (!opened.store) {
    result.error = opened.error;
    return result;
  }
  Store& store = *opened.store;
  store.set_title(title);
  store.set_exam_plans(plans);
  store.set_scoring_grids(grids);
  SeededRandomSource random(static_cast<std::uint32_t>(mix(seed ^ 0x5EED5EEDull)));
  store.set_random_source(&random);

  std::vector<Kit> kits;
  for (const auto& c : title.ccps) {
    const ExamPlan* plan = store.current_plan(c.id);
    const Grid* grid = store.current_grid(c.id);
    if (!plan || !grid) {  // checked above; kept for safety
      result.error = "Plan ou grille manquant pour le " + c.id + ".";
      return result;
    }
    Kit& k = kits.emplace_back(kit_of(c.id, *plan, *grid));
    k.stream = kits.size();
    if (std::string why = kit_refusal(k); !why.empty()) {
      result.error = why;
      return result;
    }
  }

  // Each candidate has a fixed slot, long enough for both runs whatever
  // their incidents; the last slot ends before `now`.
  TimeMs slot = kBeforeCandidate;
  for (const Kit& k : kits) slot += k.run_bound;
  const TimeMs first_slot = now - kMarginBeforeNow - static_cast<TimeMs>(candidates) * slot;
  const TimeMs start = first_slot - kSetup;
  clock.set_ms(start);

  Gen g{store, clock, {}, 0};
  std::int64_t committed = 0;
  bool session_committed = false;
  auto fail = [&](std::string error) {
    store.end_bulk(false);
    result.error = std::move(error);
    result.actions = committed;
    if (!session_committed) result.session_uuid.clear();
    return result;
  };
  if (std::string e = store.begin_bulk(); !e.empty()) {
    result.error = e;
    return result;
  }

  SessionInput s;
  const std::string count = french_count(candidates);
  // The seed names the session: generated sessions stay distinct at the
  // centre, which recognises a session by date, centre and title.
  s.title = (kind == SessionKind::Rehearsal ? "Jury blanc généré — " : "Session générée — ") + count +
            " candidats (graine " + std::to_string(seed) + ")";
  s.date = local_iso_day(first_slot);
  s.exam_centre = "Centre d’examen fictif (données générées)";
  s.kind = kind;
  s.ccps = title.all_ccps();
  result.session_uuid = g.apply(action::CreateSession{s});
  g.wait(kMin);
  Jury jury;
  // The interactive cost, as a real jury's: the centre refuses an official
  // bundle with cheaper PIN keys (two derivations, a quarter of a second).
  const NewMemberPin president_pin = new_member_pin(kGeneratedPresidentPin, PinCost::interactive());
  const NewMemberPin member_pin = new_member_pin(kGeneratedMemberPin, PinCost::interactive());
  jury.president_key = president_pin.key;
  jury.member_key = member_pin.key;
  jury.president = g.apply(
      action::AddJuryMember{result.session_uuid, {"Hélène Marchand", JuryRole::President}, president_pin.record});
  jury.member =
      g.apply(action::AddJuryMember{result.session_uuid, {"Karim Benali", JuryRole::Member}, member_pin.record});
  if (!g.ok()) return fail("Création de la session générée\u00A0: " + g.error);

  for (int i = 0; i < candidates; ++i) {
    if (i > 0 && i % kCandidatesPerCommit == 0) {
      if (std::string e = store.end_bulk(true); !e.empty()) {
        result.error = e;
        result.actions = committed;
        if (!session_committed) result.session_uuid.clear();
        return result;
      }
      committed = g.actions;
      session_committed = true;
      if (std::string e = store.begin_bulk(); !e.empty()) {
        result.error = e;
        result.actions = committed;
        return result;
      }
    }
    clock.set_ms(first_slot + static_cast<TimeMs>(i) * slot);
    const CandidateInput c = candidate_input(title, i, seed);
    const std::string uuid = g.apply(action::AddCandidate{result.session_uuid, c});
    g.wait(kBeforeCandidate);
    for (const Kit& k : kits) {
      if (!g.ok() || !c.ccps.has(k.ccp)) continue;
      Rng rng = Rng::stream(seed, static_cast<std::uint64_t>(i), k.stream);
      run_exam(g, k, rng, uuid, jury);
    }
    if (!g.ok()) return fail("Candidat " + c.number + "\u00A0: " + g.error);
  }
  if (std::string e = store.end_bulk(true); !e.empty()) {
    result.error = e;
    result.actions = committed;
    if (!session_committed) result.session_uuid.clear();
    return result;
  }
  result.actions = g.actions;
  return result;
}

}  // namespace jurymn
