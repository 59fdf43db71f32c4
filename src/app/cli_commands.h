// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The command line's subcommands as one table: per command its path
// (« keys trust »), its French description, whether it takes --db, its
// options and what runs it. main() builds the parser from the table and
// dispatches through it; a command is added by adding a row.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "core/validation.h"

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace jurymn {

// The values the commands' options are parsed into. One struct for all:
// options that mean the same thing in several commands (--session, --by)
// land in the same member.
struct CommandArgs {
  std::string db;  // the command's own --db (main() merges it with the one before the command)
  std::string session;
  bool as_json = false;
  std::string file;  // candidates import
  SessionInput new_session;
  std::string kind = "official", ccp;  // sessions create; no --ccp: the title's first CCP (cmd_sessions_create)
  std::string edit_title, edit_date, edit_centre, edit_kind, edit_ccp;  // sessions edit
  std::string title_path, plans_dir, grids_dir;
  std::string pv_out;
  bool pv_jury_copy = false;
  std::string feedback_out, feedback_candidate;
  std::string export_out;
  std::string verify_dir;
  std::string merge_into, merge_csv;
  std::vector<std::string> merge_bundles;
  bool include_rehearsal = false;
  MergeTrust merge_trust;
  std::string key_file, key_name, key_by, key_fingerprint, key_out, key_again;
  std::string pv_code;
  int demo_candidates = 0;
  bool demo_completed = false, demo_rehearsal = false;
  std::uint64_t demo_seed = 1;
};

struct CliCommand {
  // Words from the program's name down, e.g. "keys trust"; a command's
  // parent ("keys") is a row of its own, earlier in the table.
  std::string_view path;
  const char* description;
  // The help text of the command's --db, first of its options; null: the
  // command takes no --db (and --db before it is refused).
  const char* db_help;
  // Registers the command's other options; null: none.
  void (*options)(CLI::App&, CommandArgs&);
  // Runs the command once parsed (its exit code); null for a parent,
  // which then requires one of its subcommands.
  int (*run)(CommandArgs&);
};

// Every command, parents before their subcommands, in the order --help
// lists them.
std::span<const CliCommand> cli_commands();

// Adds every row of the table to `app` (its values into `args`), and
// allows one command a line; the subcommand of each row, in table order.
std::vector<CLI::App*> add_cli_commands(CLI::App& app, CommandArgs& args);

// CLI11's help labels in French, on `app` (each subcommand gets them from
// add_cli_commands).
void frenchify(CLI::App& app);
// CLI11 speaks English; users read French.
std::string french_error(const CLI::ParseError& e);

}  // namespace jurymn
