// SPDX-License-Identifier: EUPL-1.2
// The command table (app/cli_commands.cpp) and the parser built from it
// agree: every row is a subcommand reached by its path, and no subcommand
// exists outside the table.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

#include "app/cli_commands.h"

namespace jurymn {
namespace {

// The words of `path`, split on spaces.
std::vector<std::string> words(std::string_view path) {
  std::vector<std::string> out;
  std::istringstream in{std::string(path)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Every subcommand under `app`, by its path from the program's name.
void walk(const CLI::App& app, const std::string& prefix, std::set<std::string>& paths) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string path = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    paths.insert(path);
    walk(*sub, path, paths);
  }
}

// Parses `args` (first word first) as main() does.
void parse(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());
  app.parse(args);
}

TEST(CliTable, NoSubcommandExistsOutsideTheTableAndEveryRowIsOne) {
  CLI::App app{"jurymn"};
  CommandArgs args;
  const auto added = add_cli_commands(app, args);
  const auto table = cli_commands();
  ASSERT_EQ(added.size(), table.size());
  std::set<std::string> in_table;
  for (const CliCommand& c : table) EXPECT_TRUE(in_table.insert(std::string(c.path)).second) << c.path;
  std::set<std::string> in_parser;
  walk(app, "", in_parser);
  EXPECT_EQ(in_parser, in_table);
  EXPECT_GE(table.size(), 28u);  // today's commands, parents included
}

TEST(CliTable, EachRowIsReachedByItsPathAndIsTheOneParsed) {
  for (std::size_t i = 0; i < cli_commands().size(); ++i) {
    const CliCommand& row = cli_commands()[i];
    SCOPED_TRACE(std::string(row.path));
    CLI::App app{"jurymn"};
    CommandArgs args;
    const auto added = add_cli_commands(app, args);
    std::vector<std::string> line = words(row.path);
    line.push_back("--help");
    EXPECT_THROW(parse(app, line), CLI::CallForHelp);
    for (std::size_t j = 0; j < added.size(); ++j) {
      const bool on_path = (std::string(row.path) + " ").rfind(std::string(cli_commands()[j].path) + " ", 0) == 0;
      EXPECT_EQ(added[j]->parsed(), on_path) << cli_commands()[j].path;
    }
    EXPECT_EQ(added[i]->get_description(), row.description);
    // A row that runs nothing has commands under it, and needs one.
    if (!row.run) {
      EXPECT_FALSE(added[i]->get_subcommands({}).empty());
      EXPECT_EQ(added[i]->get_require_subcommand_min(), 1u);
    } else {
      EXPECT_TRUE(added[i]->get_subcommands({}).empty());
    }
    // --db where the table says, and nowhere else.
    const CLI::Option* db = nullptr;
    try {
      db = added[i]->get_option("--db");
    } catch (const CLI::OptionNotFound&) {
    }
    EXPECT_EQ(db != nullptr, row.db_help != nullptr);
    if (db) {
      EXPECT_EQ(db->get_description(), row.db_help);
    }
  }
}

TEST(CliTable, ASecondCommandOnTheLineIsRefusedNotSilentlyDropped) {
  for (const std::vector<std::string>& line : {std::vector<std::string>{"verify", "lot", "demo"},
                                               std::vector<std::string>{"keys", "list", "sessions", "list"},
                                               std::vector<std::string>{"demo", "verify", "lot"}}) {
    CLI::App app{"jurymn"};
    CommandArgs args;
    add_cli_commands(app, args);
    try {
      parse(app, line);
      ADD_FAILURE() << line[0] << " … " << line.back() << " parsed";
    } catch (const CLI::ParseError& e) {
      EXPECT_EQ(french_error(e).rfind("argument inattendu\u00A0: ", 0), 0u) << french_error(e);
    }
  }
}

TEST(CliTable, TheValuesOfTheCommandParsedReachItsArguments) {
  CLI::App app{"jurymn"};
  CommandArgs args;
  const auto added = add_cli_commands(app, args);
  parse(app, {"keys", "trust", "--db", "c.db", "--name", "PC jury 3", "--session", "ab12", "lot/public-key.pem"});
  EXPECT_EQ(args.db, "c.db");
  EXPECT_EQ(args.key_name, "PC jury 3");
  EXPECT_EQ(args.session, "ab12");
  EXPECT_EQ(args.key_file, "lot/public-key.pem");
}

}  // namespace
}  // namespace jurymn
