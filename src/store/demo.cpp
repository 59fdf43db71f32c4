#include "store/demo.h"

#include <ctime>

#include "store/store.h"

namespace jurymn {

namespace {
std::string today(const Clock& clock) {
  std::time_t t = static_cast<std::time_t>(clock.now_ms() / 1000);
  std::tm tm = *std::gmtime(&t);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

struct DemoCandidate {
  const char* number;
  const char* last;
  const char* first;
  CcpSet ccps;
  bool equivalence;
  SessionSheetTitles sheets;
  Attendance attendance;
};
}  // namespace

DemoResult create_demo_session(Store& store, const Clock& clock) {
  const char* actor = "demo";
  SessionInput s;
  s.title = "Jury blanc — démonstration";
  s.date = today(clock);
  s.exam_centre = "Centre de démonstration (fictif)";
  s.kind = SessionKind::Rehearsal;
  s.ccps = {true, true};
  ApplyResult r = store.apply(action::CreateSession{s}, actor);
  if (!r) return {{}, r.error};
  const std::string uuid = r.created_uuid;

  for (auto [name, role] : {std::pair{"Nadia Benali", JuryRole::President}, std::pair{"Thomas Lefèvre", JuryRole::Member}}) {
    if (auto m = store.apply(action::AddJuryMember{uuid, {name, role}}, actor); !m) return {{}, m.error};
  }

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
  for (const auto& p : people) {
    CandidateInput c;
    c.number = p.number;
    c.last_name = p.last;
    c.first_name = p.first;
    c.ccps = p.ccps;
    c.ccp1_by_equivalence = p.equivalence;
    c.sheets = p.sheets;
    ApplyResult a = store.apply(action::AddCandidate{uuid, c}, actor);
    if (!a) return {{}, a.error};
    if (p.attendance != Attendance::Expected)
      if (auto m = store.apply(action::SetAttendance{a.created_uuid, p.attendance}, actor); !m) return {{}, m.error};
  }
  return {uuid, {}};
}

}  // namespace jurymn
