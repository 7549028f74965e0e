// `coalign user add|token|reset-link`: accounts from the command line (there is no mail
// server: links and tokens are printed for the operator to pass on).
#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"

namespace coalign::cli {

void AddUserCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db;
    std::string email;
    std::string name;
    std::string password;
    bool admin = false;
    std::string token_name = "command line";
    std::string base_url = "http://127.0.0.1:8080";
  };
  auto options = std::make_shared<Options>();
  auto* user = app.add_subcommand("user", "Manage accounts: add, token, reset-link");
  user->require_subcommand(1);

  auto open = [options, &exit_code]() -> std::optional<OpenDatabase> {
    auto database = Open(options->db);
    if (!database) {
      std::cerr << "coalign user: " << database.error().message << "\n";
      exit_code = 1;
      return std::nullopt;
    }
    return std::move(*database);
  };

  auto* add = user->add_subcommand("add", "Create an account");
  add->add_option("--db", options->db, "The database file")->required();
  add->add_option("email", options->email, "Their email address")->required();
  add->add_option("--name", options->name, "Their name")->required();
  add->add_option("--password", options->password,
                  "A password (10 characters or more); without one, a reset link to set it is printed");
  add->add_flag("--admin", options->admin, "An instance admin: administers everything and sees every coalition");
  add->callback([options, open, &exit_code] {
    auto database = open();
    if (!database) return;
    auto added = database->accounts->AddUser(options->email, options->name, options->password, options->admin);
    if (!added) {
      std::cerr << "coalign user add: " << added.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "added " << options->email << (options->admin ? " (admin)" : "") << " as user " << *added << "\n";
    if (options->password.empty()) {
      auto code = database->accounts->ResetCode(options->email);
      if (code) std::cout << "set a password at: " << options->base_url << "/#/reset/" << *code << "\n";
    }
  });

  auto* token = user->add_subcommand("token", "Print a new personal API token (use as: Authorization: Bearer TOKEN)");
  token->add_option("--db", options->db, "The database file")->required();
  token->add_option("email", options->email, "Whose token")->required();
  token->add_option("--name", options->token_name, "What the token is for")->capture_default_str();
  token->callback([options, open, &exit_code] {
    auto database = open();
    if (!database) return;
    auto person = database->accounts->UserByEmail(options->email);
    if (!person) {
      std::cerr << "coalign user token: there is no account for " << options->email << "\n";
      exit_code = 1;
      return;
    }
    auto issued = database->accounts->IssueToken(person->user_id, options->token_name);
    if (!issued) {
      std::cerr << "coalign user token: " << issued.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << *issued << std::endl;
  });

  auto* reset = user->add_subcommand("reset-link", "Print a one-time link to set a new password (valid for a day)");
  reset->add_option("--db", options->db, "The database file")->required();
  reset->add_option("email", options->email, "Whose password")->required();
  reset->add_option("--base-url", options->base_url, "Where the server is reached")->capture_default_str();
  reset->callback([options, open, &exit_code] {
    auto database = open();
    if (!database) return;
    auto code = database->accounts->ResetCode(options->email);
    if (!code) {
      std::cerr << "coalign user reset-link: " << code.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << options->base_url << "/#/reset/" << *code << std::endl;
  });
}

}  // namespace coalign::cli
