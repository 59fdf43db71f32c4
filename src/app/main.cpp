// SPDX-License-Identifier: EUPL-1.2
// jurymn: the command line. Without a subcommand it opens the window.
#include <algorithm>
#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/commands.h"
#include "app/gui.h"
#include "platform/platform.h"
#include "app/session_services.h"
#include "core/local_time.h"
#include "core/text.h"
#include "ui/ui.h"

#ifndef JURYMN_VERSION
#define JURYMN_VERSION "0.0.0"
#endif

namespace {

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

// CLI11 speaks English; users read French.
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

const CLI::Validator kCandidateCount(
    [](std::string& value) -> std::string {
      try {
        std::size_t used = 0;
        long v = std::stol(value, &used);
        if (used == value.size() && v >= 1 && v <= 100000) return {};
      } catch (...) {
      }
      return "--candidates attend un nombre de candidats entre 1 et 100 000, pas " + jurymn::guillemets(value) + ".";
    },
    "N");

const CLI::Validator kPositiveSeconds(
    [](std::string& value) -> std::string {
      try {
        std::size_t used = 0;
        double v = std::stod(value, &used);
        if (used == value.size() && v > 0) return {};
      } catch (...) {
      }
      return "--exit-after attend un nombre de secondes positif, pas " + jurymn::guillemets(value) + ".";
    },
    "SECONDES");

}  // namespace

int main(int argc, char** argv) {
  using namespace jurymn;
  // Before anything is printed: French text reads right in cmd.exe too.
  const platform::ConsoleText console_text;
  set_local_time_conversion(&platform::local_calendar_time);  // before any thread starts
  CLI::App app{
      "Jury MN " JURYMN_VERSION " — outil hors ligne du jury du titre professionnel «\u00A0Médiateur numérique\u00A0» "
      "(TP-01336).\nSans commande, ouvre la fenêtre. Chaque saisie est enregistrée immédiatement dans la base "
      "SQLite\n(par défaut " + default_db_path() + ").",
      "jurymn"};
  // The same options on every system: CLI11 would take /x for an option on
  // Windows (and a path /tmp/lot under Wine with it); subcommands inherit this.
  app.allow_windows_style_options(false);
  app.set_help_flag("-h,--help", "Affiche cette aide et quitte");
  app.set_version_flag("--version", "jurymn " JURYMN_VERSION, "Affiche la version et quitte");
  frenchify(app);
  app.footer(
      "Exemples\u00A0:\n"
      "  jurymn                                   ouvre la fenêtre sur la base par défaut\n"
      "  jurymn demo && jurymn --screen session   essaie l’outil sur une session fictive\n"
      "  xvfb-run -a -s '-screen 0 1920x1080x24' jurymn --screen home --screenshot accueil.png\n"
      "Ctrl + / Ctrl − / Ctrl 0 changent la taille du texte, de 70\u00A0% à 130\u00A0% (mémorisée dans\n"
      "$XDG_CONFIG_HOME/jurymn/).\n"
      "Codes de sortie\u00A0: 0 succès, 1 erreur, 2 mauvaise utilisation, 3 aucun affichage.");

  GuiOptions gui;
  app.add_option("--db", gui.db_path, "Fichier de base de données (créé s’il n’existe pas)")->type_name("FICHIER");
  auto* screen_opt = app.add_option("--screen", gui.screen, "Écran à ouvrir\u00A0: " + ui::screen_help())
                        ->type_name("ÉCRAN")
                        ->capture_default_str();
  app.add_option("--session", gui.session, "Session à ouvrir (identifiant ou son début\u00A0; défaut\u00A0: la plus récente)")->type_name("ID");
  app.add_option("--candidate", gui.candidate,
                 "Candidat (numéro) dont les écrans exam, marking, deliberation et feedback montrent l’épreuve")
      ->type_name("NUMÉRO");
  app.add_option("--screenshot", gui.screenshot, "Dessine l’écran en 1366×768, l’écrit en PNG et quitte")->type_name("FICHIER.png");
  // Tests only (hidden), with --screenshot: keys pressed before the capture,
  // e.g. "down,space,1" (see GuiOptions::press).
  app.add_option("--press", gui.press, "Touches simulées avant la capture (tests)")->type_name("TOUCHES")->group("");
  app.add_option("--zoom", gui.zoom_percent, "Taille du texte en %, non mémorisée (captures, tests)")
      ->type_name("POURCENT")
      ->group("");
  app.add_option("--screenshot-size", gui.screenshot_size, "Taille de la capture, LARGEURxHAUTEUR (tests)")
      ->type_name("LxH")
      ->group("");
  app.add_flag("--check-text", gui.check_text, "Avec --screenshot : liste les textes coupés, code 4 (tests)")->group("");
  app.add_option("--popup", gui.popup, "Avec --screenshot\u00A0: ouvre cette fenêtre de dialogue (tests)")
      ->type_name("FENÊTRE")
      ->group("");
  app.add_option("--exit-after", gui.exit_after, "Quitte après ce nombre de secondes (scripts, mesures)")
      ->check(kPositiveSeconds)
      ->type_name("SECONDES");
  app.add_flag("--candidate-window", gui.candidate_window,
               "Ouvre aussi la fenêtre tournée vers le candidat (sur le second écran s’il existe)");
  app.add_flag("--stats", gui.stats, "À la sortie, affiche images dessinées, secondes CPU, mémoire maximale et écran affiché");

  std::string db;
  bool as_json = false;
  std::string session, file;

  auto* sessions = app.add_subcommand("sessions", "Sessions d’examen de la base");
  sessions->group("Commandes");
  sessions->require_subcommand(1);
  auto* sessions_list = sessions->add_subcommand("list", "Liste les sessions (identifiant, date, type, CCP)");
  sessions_list->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  sessions_list->add_flag("--json", as_json, "Sortie JSON");

  SessionInput new_session;
  std::string kind = "official", ccp;  // no --ccp: the title's first CCP (cmd_sessions_create)
  auto* sessions_create = sessions->add_subcommand("create", "Crée une session et affiche son identifiant");
  sessions_create->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  sessions_create->add_option("--title", new_session.title, "Intitulé")->type_name("TEXTE")->required();
  sessions_create->add_option("--date", new_session.date, "Date (AAAA-MM-JJ)")->type_name("DATE")->required();
  sessions_create->add_option("--centre", new_session.exam_centre, "Centre d’examen")->type_name("TEXTE")->required();
  sessions_create->add_option("--kind", kind, "official (examen officiel) ou rehearsal (jury blanc)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"official", "rehearsal"}))
      ->capture_default_str();
  // Which CCPs exist is the title's to say (the store refuses an unknown
  // one); here only the form of the list is checked.
  const CLI::Validator ccp_list(
      [](std::string& v) {
        return ccp_set_from_id(v) && !v.empty() ? std::string()
                                                : "liste d’identifiants de CCP séparés par des virgules (par exemple "
                                                  "CCP1,CCP2) attendue";
      },
      "CCP,…");
  sessions_create
      ->add_option("--ccp", ccp,
                   "CCP examinés, séparés par des virgules (CCP1, CCP2 ou CCP1,CCP2)\u00A0; par défaut le premier CCP "
                   "du titre")
      ->type_name("CCP")
      ->check(ccp_list);

  std::string edit_title, edit_date, edit_centre, edit_kind, edit_ccp;
  auto* sessions_edit = sessions->add_subcommand(
      "edit", "Corrige l’intitulé, la date, le centre ou les CCP d’une session (sa nature ne change jamais)");
  sessions_edit->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  sessions_edit->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  sessions_edit->add_option("--title", edit_title, "Nouvel intitulé")->type_name("TEXTE");
  sessions_edit->add_option("--date", edit_date, "Nouvelle date (AAAA-MM-JJ)")->type_name("DATE");
  sessions_edit->add_option("--centre", edit_centre, "Nouveau centre d’examen")->type_name("TEXTE");
  sessions_edit->add_option("--kind", edit_kind, "official ou rehearsal (refusé s’il change)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"official", "rehearsal"}));
  sessions_edit->add_option("--ccp", edit_ccp, "CCP examinés, séparés par des virgules (CCP1, CCP2 ou CCP1,CCP2)")
      ->type_name("CCP")
      ->check(ccp_list);

  auto* candidates = app.add_subcommand("candidates", "Candidats d’une session");
  candidates->group("Commandes");
  candidates->require_subcommand(1);
  auto* cand_list = candidates->add_subcommand("list", "Liste les candidats d’une session");
  cand_list->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  cand_list->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  cand_list->add_flag("--json", as_json, "Sortie JSON");
  auto* cand_import = candidates->add_subcommand(
      "import",
      "Importe des candidats depuis un CSV, tout ou rien.\nColonnes\u00A0: Numéro\u00A0; Nom\u00A0; Prénom, et au choix CCP, "
      "Équivalence CCP1, Fiche 1, Fiche 2, Fiche 3.\nSéparateur\u00A0; ou , — encodage UTF-8 ou Windows-1252 (Excel).");
  cand_import->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  cand_import->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  cand_import->add_option("FICHIER.csv", file, "Fichier CSV des candidats")->required();

  std::string plans_dir;
  std::string title_path;
  auto* titles = app.add_subcommand("titles", "Titre professionnel\u00A0: ses CCP, leurs compétences, plans et grilles");
  titles->group("Commandes");
  titles->require_subcommand(1);
  auto* titles_validate = titles->add_subcommand(
      "validate", "Vérifie un fichier de titre (défaut\u00A0: celui livré) avec les plans et grilles qu’il nomme\u00A0; "
                  "chaque problème nomme le fichier et le pointeur JSON");
  titles_validate->add_option("FICHIER", title_path, "Fichier de titre (*.json)")->type_name("FICHIER");

  auto* plans = app.add_subcommand("plans", "Plans d’épreuve (étapes et durées de chaque CCP)");
  plans->group("Commandes");
  plans->require_subcommand(1);
  auto* plans_validate = plans->add_subcommand("validate", "Vérifie les fichiers de plans d’un dossier (défaut\u00A0: ceux livrés)");
  plans_validate->add_option("DIR", plans_dir, "Dossier des plans (*.json)")->type_name("DOSSIER");

  std::string grids_dir;
  auto* grids = app.add_subcommand("grids", "Grilles d’évaluation des compétences de chaque CCP");
  grids->group("Commandes");
  grids->require_subcommand(1);
  auto* grids_validate = grids->add_subcommand(
      "validate", "Vérifie les grilles d’un dossier (défaut\u00A0: celles livrées)\u00A0; chaque problème nomme le "
                  "fichier et le pointeur JSON");
  grids_validate->add_option("DIR", grids_dir, "Dossier des grilles (*.json)")->type_name("DOSSIER");

  std::string pv_out;
  auto* pv = app.add_subcommand("pv", "Écrit le procès-verbal d’une session (page HTML à imprimer, format A4)");
  pv->group("Commandes");
  pv->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  pv->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  pv->add_option("--out", pv_out, "Fichier HTML à écrire (remplacé s’il existe)")->type_name("FICHIER.html")->required();
  bool pv_jury_copy = false;
  pv->add_flag("--copie-du-jury", pv_jury_copy,
               "Centre d’examen\u00A0: le PV joint par l’ordinateur du jury à son dernier lot, marqué «\u00A0copie du "
               "jury, non prouvée\u00A0» (sans cette option\u00A0: le PV établi des résultats prouvés)");
  std::string feedback_out, feedback_candidate;
  auto* fbk = app.add_subcommand(
      "feedback", "Jury blanc\u00A0: fiche de retour du candidat (page HTML à imprimer, A4), ou une par candidat");
  fbk->group("Commandes");
  fbk->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  fbk->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  fbk->add_option("--candidate", feedback_candidate, "Numéro du candidat (sans lui\u00A0: tous, dans un dossier)")
      ->type_name("NUMÉRO");
  fbk->add_option("--out", feedback_out, "Fichier HTML (avec --candidate) ou dossier à écrire")
      ->type_name("CHEMIN")
      ->required();
  std::string export_out;
  auto* exp = app.add_subcommand("export", "Exporte les résultats signés d’une session dans un dossier (lot pour le centre d’examen)");
  exp->group("Commandes");
  exp->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  exp->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  exp->add_option("--out", export_out, "Dossier à créer (ou lot précédent à remplacer)")->type_name("DOSSIER")->required();
  std::string verify_dir;
  auto* verify = app.add_subcommand("verify", "Vérifie un lot de résultats : fichiers, signature, format, empreintes, journal d’audit");
  verify->group("Commandes");
  verify->add_option("DIR", verify_dir, "Dossier du lot")->type_name("DOSSIER")->required();
  auto* audit = app.add_subcommand("audit", "Journal d’audit\u00A0: «\u00A0audit verify\u00A0» vérifie sa chaîne d’empreintes");
  audit->group("Commandes");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand(
      "verify", "Vérifie la chaîne d’empreintes du journal d’audit et nomme la première entrée rompue");
  audit_verify->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  audit_verify->add_option("--session", session, "Seulement cette session (identifiant ou son début)")->type_name("ID");
  std::string merge_into, merge_csv;
  std::vector<std::string> merge_bundles;
  bool include_rehearsal = false;
  auto* merge = app.add_subcommand(
      "merge", "Centre d’examen : importe des lots de résultats vérifiés dans sa base (un lot déjà importé ne change "
               "rien ; deux décisions différentes sont signalées comme conflit, les deux gardées)");
  merge->group("Commandes");
  merge->add_option("--into", merge_into, "Base du centre d’examen (créée si absente)")->type_name("FICHIER")->required();
  merge->add_flag("--include-rehearsal", include_rehearsal, "Accepte aussi les lots de jury blanc");
  merge->add_option("--csv", merge_csv, "Écrit aussi le tableau consolidé (CSV pour tableur)")->type_name("FICHIER.csv");
  merge->add_option("BUNDLE", merge_bundles, "Dossiers des lots à importer")->type_name("DOSSIER")->required();
  MergeTrust merge_trust;
  merge->add_flag("--trust-new-key", merge_trust.trust_new_key,
                  "Enrôle d’abord la clé d’un lot qui ne l’est pas, après avoir vérifié son empreinte avec le jury "
                  "par téléphone (noté ainsi)");
  merge->add_option("--key-name", merge_trust.key_name, "Avec --trust-new-key\u00A0: nom de l’ordinateur (« PC jury 3 »)")
      ->type_name("NOM");
  merge->add_option("--by", merge_trust.by, "Qui enrôle (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
  merge->add_flag("--require-pv-code", merge_trust.require_pv_code,
                  "Décisions officielles non comptées dans le tableau (--csv) tant que le code de leur PV papier n’est "
                  "pas vérifié (jurymn pv-code check)");

  std::string key_file, key_name, key_by, key_fingerprint_arg, key_out, key_again;
  auto* keys = app.add_subcommand("keys", "Clés de signature\u00A0: celles que le centre enrôle, celle de cet ordinateur");
  keys->group("Commandes");
  keys->require_subcommand(1);
  auto* keys_trust = keys->add_subcommand(
      "trust", "Centre d’examen\u00A0: enrôle la clé publique d’un ordinateur de jury (ses lots pourront être fusionnés)");
  keys_trust->add_option("--db", db, "Base du centre d’examen")->type_name("FICHIER");
  keys_trust->add_option("PUBLIC_KEY", key_file, "public-key.pem (écrit par «\u00A0jurymn keys export\u00A0», ou le dossier d’un lot)")
      ->type_name("FICHIER")
      ->required();
  keys_trust->add_option("--name", key_name, "Nom de l’ordinateur, par exemple «\u00A0PC jury 3\u00A0» (requis pour une clé nouvelle)")
      ->type_name("NOM");
  keys_trust->add_option("--session", session,
                         "Confirme aussi la clé pour cette session (un second ordinateur du jury)\u00A0: ce qu’elle seule "
                         "apporte n’est plus «\u00A0ajouté par un autre ordinateur\u00A0»")
      ->type_name("ID");
  keys_trust->add_option("--by", key_by, "Qui enrôle (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
  keys_trust->add_option("--again", key_again, "Enrôle de nouveau une clé révoquée, pour ce motif (noté au journal)")
      ->type_name("MOTIF");
  auto* keys_list = keys->add_subcommand("list", "Centre d’examen\u00A0: les clés enrôlées, leurs sessions et les PV papier vérifiés");
  keys_list->add_option("--db", db, "Base du centre d’examen")->type_name("FICHIER");
  auto* keys_revoke = keys->add_subcommand("revoke", "Centre d’examen\u00A0: révoque une clé (ses lots ne sont plus fusionnés)");
  keys_revoke->add_option("--db", db, "Base du centre d’examen")->type_name("FICHIER");
  keys_revoke->add_option("FINGERPRINT", key_fingerprint_arg, "Empreinte de la clé (8 groupes de 4, entre guillemets)")
      ->type_name("EMPREINTE")
      ->required();
  keys_revoke->add_option("--by", key_by, "Qui révoque (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
  auto* keys_export = keys->add_subcommand(
      "export", "Ordinateur du jury\u00A0: écrit sa clé publique, à remettre au centre d’examen avant l’examen");
  keys_export->add_option("--out", key_out, "Fichier à écrire (public-key.pem)")->type_name("FICHIER")->required();

  std::string pv_code_arg;
  auto* pv_code_cmd = app.add_subcommand("pv-code", "Code du procès-verbal papier (la tête du journal à l’impression)");
  pv_code_cmd->group("Commandes");
  pv_code_cmd->require_subcommand(1);
  auto* pv_code_check = pv_code_cmd->add_subcommand(
      "check", "Centre d’examen\u00A0: vérifie que le code lu sur le PV papier est une tête du journal fusionné");
  pv_code_check->add_option("--db", db, "Base du centre d’examen")->type_name("FICHIER");
  pv_code_check->add_option("--session", session, "Identifiant de la session (ou son début)")->type_name("ID")->required();
  pv_code_check->add_option("CODE", pv_code_arg, "Code imprimé (4 groupes de 4, entre guillemets)")->type_name("CODE")->required();
  pv_code_check->add_option("--by", key_by, "Qui vérifie (défaut\u00A0: l’utilisateur du système)")->type_name("NOM");
  auto* demo = app.add_subcommand("demo", "Crée une session «\u00A0jury blanc\u00A0» de démonstration, candidats fictifs");
  demo->group("Commandes");
  demo->add_option("--db", db, "Fichier de base de données")->type_name("FICHIER");
  int demo_candidates = 0;
  bool demo_completed = false, demo_rehearsal = false;
  std::uint64_t demo_seed = 1;
  auto* demo_n = demo->add_option("--candidates", demo_candidates, "Avec --completed : nombre de candidats (1 à 100 000)")
                     ->type_name("N")
                     ->check(kCandidateCount);
  auto* demo_done = demo->add_flag("--completed", demo_completed,
                                   "Session générée (mesures) : chaque candidat examiné, noté, décidé et verrouillé");
  demo_done->needs(demo_n);
  demo_n->needs(demo_done);
  demo->add_flag("--rehearsal", demo_rehearsal, "Avec --completed : session de jury blanc plutôt qu’officielle")
      ->needs(demo_done);
  demo->add_option("--seed", demo_seed, "Avec --completed : graine des données générées")->type_name("N")->needs(demo_done);

  for (auto* sub : {sessions, sessions_list, sessions_create, sessions_edit, candidates, cand_list, cand_import, titles,
                    titles_validate, plans, plans_validate, grids, grids_validate, pv, fbk, exp, verify, audit,
                    audit_verify, merge, demo, keys, keys_trust, keys_list, keys_revoke, keys_export, pv_code_cmd,
                    pv_code_check}) {
    sub->set_help_flag("-h,--help", "Affiche cette aide et quitte");
    sub->footer("");
    frenchify(*sub);
  }

  try {
    // In UTF-8 on every system (Windows hands argv in its ANSI code page).
    std::vector<std::string> args = platform::arguments(argc, argv);
    if (!args.empty()) args.erase(args.begin());
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "jurymn\u00A0: %s\n", french_error(e).c_str());
    std::fprintf(stderr, "Utilisation\u00A0: jurymn [OPTIONS] [COMMANDE] — voir jurymn --help\n");
    return 2;
  }

  // --db before the command is the same option as after it: a command must
  // never work on another base than the one named.
  if (!gui.db_path.empty()) {
    const bool takes_db = sessions_list->parsed() || sessions_create->parsed() || sessions_edit->parsed() ||
                          cand_list->parsed() || cand_import->parsed() || pv->parsed() || fbk->parsed() ||
                          exp->parsed() || audit_verify->parsed() || demo->parsed() || keys_trust->parsed() ||
                          keys_list->parsed() || keys_revoke->parsed() || pv_code_check->parsed();
    const bool a_command = takes_db || verify->parsed() || merge->parsed() || titles_validate->parsed() ||
                           plans_validate->parsed() || grids_validate->parsed() || keys_export->parsed();
    if (a_command && !takes_db) {
      std::fprintf(stderr, "jurymn\u00A0: --db ne s’applique pas à cette commande (merge prend --into CENTRE.db).\n");
      return 2;
    }
    if (takes_db && !db.empty() && db != gui.db_path) {
      std::fprintf(stderr, "jurymn\u00A0: deux bases différentes données par --db (%s et %s)\u00A0: indiquez-en une "
                           "seule.\n", gui.db_path.c_str(), db.c_str());
      return 2;
    }
    if (takes_db) db = gui.db_path;
  }
  if (sessions_list->parsed()) return cmd_sessions_list(db, as_json);
  if (sessions_edit->parsed())
    return cmd_sessions_edit(db, session, edit_title, edit_date, edit_centre, edit_kind, edit_ccp);
  if (sessions_create->parsed()) {
    new_session.kind = *session_kind_from_id(kind);
    new_session.ccps = *ccp_set_from_id(ccp);
    return cmd_sessions_create(db, new_session);
  }
  if (cand_list->parsed()) return cmd_candidates_list(db, session, as_json);
  if (cand_import->parsed()) return cmd_candidates_import(db, session, file);
  if (demo->parsed() && demo_completed) return cmd_demo_completed(db, demo_candidates, demo_rehearsal, demo_seed);
  if (demo->parsed()) return cmd_demo(db);
  if (pv->parsed()) return pv_jury_copy ? cmd_pv_jury_copy(db, session, pv_out) : cmd_pv(db, session, pv_out);
  if (exp->parsed()) return cmd_export(db, session, export_out);
  if (fbk->parsed()) return cmd_feedback(db, session, feedback_candidate, feedback_out);
  if (verify->parsed()) return cmd_verify(verify_dir);
  if (audit_verify->parsed()) return cmd_audit_verify(db, session);
  if (merge->parsed()) return cmd_merge(merge_into, merge_bundles, include_rehearsal, merge_csv, merge_trust);
  if (keys_trust->parsed()) return cmd_keys_trust(db, key_file, key_name, key_by, key_again, session);
  if (keys_list->parsed()) return cmd_keys_list(db);
  if (keys_revoke->parsed()) return cmd_keys_revoke(db, key_fingerprint_arg, key_by);
  if (keys_export->parsed()) return cmd_keys_export(key_out);
  if (pv_code_check->parsed()) return cmd_pv_code_check(db, session, pv_code_arg, key_by);
  if (titles_validate->parsed()) return cmd_titles_validate(title_path);
  if (plans_validate->parsed()) return cmd_plans_validate(plans_dir);
  if (grids_validate->parsed()) return cmd_grids_validate(grids_dir);
  gui.screen_given = screen_opt->count() > 0;
  return run_gui(gui);
}
