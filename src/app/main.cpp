// SPDX-License-Identifier: EUPL-1.2
// jurymn: the program's entry. With a command (app/cli_commands.cpp, one table)
// it runs it; without one it opens the window.
#include <algorithm>
#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/cli_commands.h"
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

  CommandArgs args;
  const std::vector<CLI::App*> commands = add_cli_commands(app, args);

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

  // The command given: the one row whose subcommand was parsed and that runs.
  const CliCommand* command = nullptr;
  const auto table = cli_commands();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].run && commands[i]->parsed()) command = &table[i];

  // --db before the command is the same option as after it: a command must
  // never work on another base than the one named.
  if (command && !gui.db_path.empty()) {
    const bool takes_db = command->db_help != nullptr;
    if (!takes_db) {
      std::fprintf(stderr, "jurymn\u00A0: --db ne s’applique pas à cette commande (merge prend --into CENTRE.db).\n");
      return 2;
    }
    if (!args.db.empty() && args.db != gui.db_path) {
      std::fprintf(stderr, "jurymn\u00A0: deux bases différentes données par --db (%s et %s)\u00A0: indiquez-en une "
                           "seule.\n", gui.db_path.c_str(), args.db.c_str());
      return 2;
    }
    args.db = gui.db_path;
  }
  if (command) return command->run(args);
  gui.screen_given = screen_opt->count() > 0;
  return run_gui(gui);
}
