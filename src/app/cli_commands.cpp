// SPDX-License-Identifier: EUPL-1.2
#include "app/cli_commands.h"

#include <CLI/CLI.hpp>
#include <array>
#include <map>

#include "core/text.h"

namespace jurymn {

namespace {

const CLI::Validator kCandidateCount(
    [](std::string& value) -> std::string {
      try {
        std::size_t used = 0;
        long v = std::stol(value, &used);
        if (used == value.size() && v >= 1 && v <= 100000) return {};
      } catch (...) {
      }
      return "--candidates attend un nombre de candidats entre 1 et 100 000, pas " + guillemets(value) + ".";
    },
    "N");

// Which CCPs exist is the title's to say (the store refuses an unknown
// one); here only the form of the list is checked.
const CLI::Validator kCcpList(
    [](std::string& v) {
      return ccp_set_from_id(v) && !v.empty() ? std::string()
                                              : "liste d’identifiants de CCP séparés par des virgules (par exemple "
                                                "CCP1,CCP2) attendue";
    },
    "CCP,…");

constexpr const char* kDb = "Fichier de base de données";
constexpr const char* kCentreDb = "Base du centre d’examen";
constexpr const char* kSessionId = "Identifiant de la session (ou son début)";

void sessions_list_options(CLI::App& c, CommandArgs& a) { c.add_flag("--json", a.as_json, "Sortie JSON"); }

void sessions_create_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--title", a.new_session.title, "Intitulé")->type_name("TEXTE")->required();
  c.add_option("--date", a.new_session.date, "Date (AAAA-MM-JJ)")->type_name("DATE")->required();
  c.add_option("--centre", a.new_session.exam_centre, "Centre d’examen")->type_name("TEXTE")->required();
  c.add_option("--kind", a.kind, "official (examen officiel) ou rehearsal (jury blanc)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"official", "rehearsal"}))
      ->capture_default_str();
  c.add_option("--ccp", a.ccp,
               "CCP examinés, séparés par des virgules (CCP1, CCP2 ou CCP1,CCP2)\u00A0; par défaut le premier CCP "
               "du titre")
      ->type_name("CCP")
      ->check(kCcpList);
}

int sessions_create(CommandArgs& a) {
  a.new_session.kind = *session_kind_from_id(a.kind);  // both checked by the options' validators
  a.new_session.ccps = *ccp_set_from_id(a.ccp);
  return cmd_sessions_create(a.db, a.new_session);
}

void sessions_edit_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_option("--title", a.edit_title, "Nouvel intitulé")->type_name("TEXTE");
  c.add_option("--date", a.edit_date, "Nouvelle date (AAAA-MM-JJ)")->type_name("DATE");
  c.add_option("--centre", a.edit_centre, "Nouveau centre d’examen")->type_name("TEXTE");
  c.add_option("--kind", a.edit_kind, "official ou rehearsal (refusé s’il change)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"official", "rehearsal"}));
  c.add_option("--ccp", a.edit_ccp, "CCP examinés, séparés par des virgules (CCP1, CCP2 ou CCP1,CCP2)")
      ->type_name("CCP")
      ->check(kCcpList);
}

void candidates_list_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_flag("--json", a.as_json, "Sortie JSON");
}

void candidates_import_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_option("FICHIER.csv", a.file, "Fichier CSV des candidats")->required();
}

void titles_validate_options(CLI::App& c, CommandArgs& a) {
  c.add_option("FICHIER", a.title_path, "Fichier de titre (*.json)")->type_name("FICHIER");
}

void plans_validate_options(CLI::App& c, CommandArgs& a) {
  c.add_option("DIR", a.plans_dir, "Dossier des plans (*.json)")->type_name("DOSSIER");
}

void grids_validate_options(CLI::App& c, CommandArgs& a) {
  c.add_option("DIR", a.grids_dir, "Dossier des grilles (*.json)")->type_name("DOSSIER");
}

void pv_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_option("--out", a.pv_out, "Fichier HTML à écrire (remplacé s’il existe)")->type_name("FICHIER.html")->required();
  c.add_flag("--copie-du-jury", a.pv_jury_copy,
             "Centre d’examen\u00A0: le PV joint par l’ordinateur du jury à son dernier lot, marqué «\u00A0copie du "
             "jury, non prouvée\u00A0» (sans cette option\u00A0: le PV établi des résultats prouvés)");
}

void feedback_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_option("--candidate", a.feedback_candidate, "Numéro du candidat (sans lui\u00A0: tous, dans un dossier)")
      ->type_name("NUMÉRO");
  c.add_option("--out", a.feedback_out, "Fichier HTML (avec --candidate) ou dossier à écrire")
      ->type_name("CHEMIN")
      ->required();
}

void export_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_option("--out", a.export_out, "Dossier à créer (ou lot précédent à remplacer)")->type_name("DOSSIER")->required();
}

void verify_options(CLI::App& c, CommandArgs& a) {
  c.add_option("DIR", a.verify_dir, "Dossier du lot")->type_name("DOSSIER")->required();
}

void audit_verify_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, "Seulement cette session (identifiant ou son début)")->type_name("ID");
}

void merge_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--into", a.merge_into, "Base du centre d’examen (créée si absente)")->type_name("FICHIER")->required();
  c.add_flag("--include-rehearsal", a.include_rehearsal, "Accepte aussi les lots de jury blanc");
  c.add_option("--csv", a.merge_csv, "Écrit aussi le tableau consolidé (CSV pour tableur)")->type_name("FICHIER.csv");
  c.add_option("BUNDLE", a.merge_bundles, "Dossiers des lots à importer")->type_name("DOSSIER")->required();
  c.add_flag("--trust-new-key", a.merge_trust.trust_new_key,
             "Enrôle d’abord la clé d’un lot qui ne l’est pas, après avoir vérifié son empreinte avec le jury "
             "par téléphone (noté ainsi)");
  c.add_option("--key-name", a.merge_trust.key_name, "Avec --trust-new-key\u00A0: nom de l’ordinateur (« PC jury 3 »)")
      ->type_name("NOM");
  c.add_option("--by", a.merge_trust.by, "Qui enrôle (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
  c.add_flag("--require-pv-code", a.merge_trust.require_pv_code,
             "Décisions officielles non comptées dans le tableau (--csv) tant que le code de leur PV papier n’est "
             "pas vérifié (jurymn pv-code check)");
}

void keys_trust_options(CLI::App& c, CommandArgs& a) {
  c.add_option("PUBLIC_KEY", a.key_file, "public-key.pem (écrit par «\u00A0jurymn keys export\u00A0», ou le dossier d’un lot)")
      ->type_name("FICHIER")
      ->required();
  c.add_option("--name", a.key_name, "Nom de l’ordinateur, par exemple «\u00A0PC jury 3\u00A0» (requis pour une clé nouvelle)")
      ->type_name("NOM");
  c.add_option("--session", a.session,
               "Confirme aussi la clé pour cette session (un second ordinateur du jury)\u00A0: ce qu’elle seule "
               "apporte n’est plus «\u00A0ajouté par un autre ordinateur\u00A0»")
      ->type_name("ID");
  c.add_option("--by", a.key_by, "Qui enrôle (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
  c.add_option("--again", a.key_again, "Enrôle de nouveau une clé révoquée, pour ce motif (noté au journal)")
      ->type_name("MOTIF");
}

void keys_revoke_options(CLI::App& c, CommandArgs& a) {
  c.add_option("FINGERPRINT", a.key_fingerprint, "Empreinte de la clé (8 groupes de 4, entre guillemets)")
      ->type_name("EMPREINTE")
      ->required();
  c.add_option("--by", a.key_by, "Qui révoque (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
}

void keys_export_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--out", a.key_out, "Fichier à écrire (public-key.pem)")->type_name("FICHIER")->required();
}

void pv_code_check_options(CLI::App& c, CommandArgs& a) {
  c.add_option("--session", a.session, kSessionId)->type_name("ID")->required();
  c.add_option("CODE", a.pv_code, "Code imprimé (4 groupes de 4, entre guillemets)")->type_name("CODE")->required();
  c.add_option("--by", a.key_by, "Qui vérifie (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
}

void demo_options(CLI::App& c, CommandArgs& a) {
  auto* n = c.add_option("--candidates", a.demo_candidates, "Avec --completed\u00A0: nombre de candidats (1 à 100 000)")
                ->type_name("N")
                ->check(kCandidateCount);
  auto* done = c.add_flag("--completed", a.demo_completed,
                          "Session générée (mesures)\u00A0: chaque candidat examiné, noté, décidé et verrouillé");
  done->needs(n);
  n->needs(done);
  c.add_flag("--rehearsal", a.demo_rehearsal, "Avec --completed\u00A0: session de jury blanc plutôt qu’officielle")
      ->needs(done);
  c.add_option("--seed", a.demo_seed, "Avec --completed\u00A0: graine des données générées")->type_name("N")->needs(done);
}

int demo(CommandArgs& a) {
  return a.demo_completed ? cmd_demo_completed(a.db, a.demo_candidates, a.demo_rehearsal, a.demo_seed) : cmd_demo(a.db);
}

constexpr auto kCommands = std::to_array<CliCommand>({
    {"sessions", "Sessions d’examen de la base", nullptr, nullptr, nullptr},
    {"sessions list", "Liste les sessions (identifiant, date, type, CCP)", kDb, sessions_list_options,
     [](CommandArgs& a) { return cmd_sessions_list(a.db, a.as_json); }},
    {"sessions create", "Crée une session et affiche son identifiant", kDb, sessions_create_options, sessions_create},
    {"sessions edit",
     "Corrige l’intitulé, la date, le centre ou les CCP d’une session (sa nature ne change jamais)", kDb,
     sessions_edit_options,
     [](CommandArgs& a) {
       return cmd_sessions_edit(a.db, a.session, a.edit_title, a.edit_date, a.edit_centre, a.edit_kind, a.edit_ccp);
     }},
    {"candidates", "Candidats d’une session", nullptr, nullptr, nullptr},
    {"candidates list", "Liste les candidats d’une session", kDb, candidates_list_options,
     [](CommandArgs& a) { return cmd_candidates_list(a.db, a.session, a.as_json); }},
    {"candidates import",
     "Importe des candidats depuis un CSV, tout ou rien.\nColonnes\u00A0: Numéro\u00A0; Nom\u00A0; Prénom, et au choix "
     "CCP, Équivalence CCP1, Fiche 1, Fiche 2, Fiche 3.\nSéparateur\u00A0; ou , — encodage UTF-8 ou Windows-1252 "
     "(Excel).",
     kDb, candidates_import_options, [](CommandArgs& a) { return cmd_candidates_import(a.db, a.session, a.file); }},
    {"titles", "Titre professionnel\u00A0: ses CCP, leurs compétences, plans et grilles", nullptr, nullptr, nullptr},
    {"titles validate",
     "Vérifie un fichier de titre (défaut\u00A0: celui livré) avec les plans et grilles qu’il nomme\u00A0; chaque "
     "problème nomme le fichier et le pointeur JSON",
     nullptr, titles_validate_options, [](CommandArgs& a) { return cmd_titles_validate(a.title_path); }},
    {"plans", "Plans d’épreuve (étapes et durées de chaque CCP)", nullptr, nullptr, nullptr},
    {"plans validate", "Vérifie les fichiers de plans d’un dossier (défaut\u00A0: ceux livrés)", nullptr,
     plans_validate_options, [](CommandArgs& a) { return cmd_plans_validate(a.plans_dir); }},
    {"grids", "Grilles d’évaluation des compétences de chaque CCP", nullptr, nullptr, nullptr},
    {"grids validate",
     "Vérifie les grilles d’un dossier (défaut\u00A0: celles livrées)\u00A0; chaque problème nomme le fichier et le "
     "pointeur JSON",
     nullptr, grids_validate_options, [](CommandArgs& a) { return cmd_grids_validate(a.grids_dir); }},
    {"pv", "Écrit le procès-verbal d’une session (page HTML à imprimer, format A4)", kDb, pv_options,
     [](CommandArgs& a) {
       return a.pv_jury_copy ? cmd_pv_jury_copy(a.db, a.session, a.pv_out) : cmd_pv(a.db, a.session, a.pv_out);
     }},
    {"feedback", "Jury blanc\u00A0: fiche de retour du candidat (page HTML à imprimer, A4), ou une par candidat", kDb,
     feedback_options,
     [](CommandArgs& a) { return cmd_feedback(a.db, a.session, a.feedback_candidate, a.feedback_out); }},
    {"export", "Exporte les résultats signés d’une session dans un dossier (lot pour le centre d’examen)", kDb,
     export_options, [](CommandArgs& a) { return cmd_export(a.db, a.session, a.export_out); }},
    {"verify", "Vérifie un lot de résultats\u00A0: fichiers, signature, format, empreintes, journal d’audit", nullptr,
     verify_options, [](CommandArgs& a) { return cmd_verify(a.verify_dir); }},
    {"audit", "Journal d’audit\u00A0: «\u00A0audit verify\u00A0» vérifie sa chaîne d’empreintes", nullptr, nullptr,
     nullptr},
    {"audit verify", "Vérifie la chaîne d’empreintes du journal d’audit et nomme la première entrée rompue", kDb,
     audit_verify_options, [](CommandArgs& a) { return cmd_audit_verify(a.db, a.session); }},
    {"merge",
     "Centre d’examen\u00A0: importe des lots de résultats vérifiés dans sa base (un lot déjà importé ne change rien\u00A0; "
     "deux décisions différentes sont signalées comme conflit, les deux gardées)",
     nullptr, merge_options,
     [](CommandArgs& a) {
       return cmd_merge(a.merge_into, a.merge_bundles, a.include_rehearsal, a.merge_csv, a.merge_trust);
     }},
    {"keys", "Clés de signature\u00A0: celles que le centre enrôle, celle de cet ordinateur", nullptr, nullptr, nullptr},
    {"keys trust",
     "Centre d’examen\u00A0: enrôle la clé publique d’un ordinateur de jury (ses lots pourront être fusionnés)",
     kCentreDb, keys_trust_options,
     [](CommandArgs& a) { return cmd_keys_trust(a.db, a.key_file, a.key_name, a.key_by, a.key_again, a.session); }},
    {"keys list", "Centre d’examen\u00A0: les clés enrôlées, leurs sessions et les PV papier vérifiés", kCentreDb,
     nullptr, [](CommandArgs& a) { return cmd_keys_list(a.db); }},
    {"keys revoke", "Centre d’examen\u00A0: révoque une clé (ses lots ne sont plus fusionnés)", kCentreDb,
     keys_revoke_options, [](CommandArgs& a) { return cmd_keys_revoke(a.db, a.key_fingerprint, a.key_by); }},
    {"keys export", "Ordinateur du jury\u00A0: écrit sa clé publique, à remettre au centre d’examen avant l’examen",
     nullptr, keys_export_options, [](CommandArgs& a) { return cmd_keys_export(a.key_out); }},
    {"pv-code", "Code du procès-verbal papier (la tête du journal à l’impression)", nullptr, nullptr, nullptr},
    {"pv-code check", "Centre d’examen\u00A0: vérifie que le code lu sur le PV papier est une tête du journal fusionné",
     kCentreDb, pv_code_check_options,
     [](CommandArgs& a) { return cmd_pv_code_check(a.db, a.session, a.pv_code, a.key_by); }},
    {"demo", "Crée une session «\u00A0jury blanc\u00A0» de démonstration, candidats fictifs", kDb, demo_options, demo},
});

// The table's shape, checked where it is written: a parent runs nothing
// and takes no option, a parent comes before its subcommands.
constexpr std::string_view parent_of(std::string_view path) {
  const auto space = path.rfind(' ');
  return space == std::string_view::npos ? std::string_view() : path.substr(0, space);
}
constexpr bool well_formed(const auto& table) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    const CliCommand& c = table[i];
    if (c.path.empty() || c.description == nullptr) return false;
    if (c.run == nullptr && (c.options != nullptr || c.db_help != nullptr)) return false;
    const std::string_view parent = parent_of(c.path);
    bool parent_before = parent.empty();
    for (std::size_t j = 0; j < i; ++j) {
      if (table[j].path == c.path) return false;
      if (table[j].path == parent) parent_before = table[j].run == nullptr;
    }
    if (!parent_before) return false;
  }
  return true;
}
static_assert(well_formed(kCommands), "cli_commands: a path twice, a parent after its subcommand, or a parent that runs");

}  // namespace

std::span<const CliCommand> cli_commands() { return kCommands; }

std::vector<CLI::App*> add_cli_commands(CLI::App& app, CommandArgs& args) {
  std::vector<CLI::App*> added;
  std::map<std::string_view, CLI::App*> by_path{{std::string_view(), &app}};
  for (const CliCommand& c : kCommands) {
    const std::string_view path = c.path;
    const std::string_view parent = parent_of(path);
    const std::string name(parent.empty() ? path : path.substr(parent.size() + 1));
    CLI::App* sub = by_path.at(parent)->add_subcommand(name, c.description);
    if (parent.empty()) sub->group("Commandes");
    if (c.run == nullptr) sub->require_subcommand(1);
    if (c.db_help) sub->add_option("--db", args.db, c.db_help)->type_name("FICHIER");
    if (c.options) c.options(*sub, args);
    by_path[path] = sub;
    added.push_back(sub);
  }
  // One command a line: CLI11 would parse a second one too (« jurymn
  // verify LOT demo »), and only one of them would run.
  app.require_subcommand(0, 1);
  // After the options: CLI11 lists the help flag where it is set, last.
  for (CLI::App* sub : added) {
    sub->set_help_flag("-h,--help", "Affiche cette aide et quitte");
    sub->footer("");
    frenchify(*sub);
  }
  return added;
}

void frenchify(CLI::App& app) {
  auto f = app.get_formatter();
  f->label("Usage", "Utilisation");
  f->label("OPTIONS", "OPTIONS");
  f->label("SUBCOMMAND", "COMMANDE");
  f->label("SUBCOMMANDS", "COMMANDES");
  f->label("Positionals", "Arguments");
  f->label("REQUIRED", "OBLIGATOIRE");
  f->label("TEXT", "TEXTE");
  f->label("FLOAT", "NOMBRE");
  f->label("Excludes", "Exclut");
  f->label("Needs", "Requiert");
  f->column_width(34);
}

std::string french_error(const CLI::ParseError& e) {
  std::string what = e.what();
  auto after_colon = [&] {
    auto pos = what.find(": ");
    return pos == std::string::npos ? what : what.substr(pos + 2);
  };
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return "argument inattendu\u00A0: " + after_colon();
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what.find("subcommand") != std::string::npos) return "précisez une commande (voir --help).";
    auto pos = what.find(" is required");
    return "l’option " + what.substr(0, pos) + " est obligatoire.";
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
    return "valeur manquante pour l’option " + what.substr(0, what.find(':')) + ".";
  if (dynamic_cast<const CLI::RequiresError*>(&e)) {
    // "--a requires --b"
    auto pos = what.find(" requires ");
    if (pos != std::string::npos)
      return "l’option " + what.substr(0, pos) + " ne va pas sans " + what.substr(pos + 10) + ".";
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e)) return after_colon();
  if (dynamic_cast<const CLI::ConversionError*>(&e)) return "valeur refusée\u00A0: " + what;
  return what;
}

}  // namespace jurymn
