#include "cli/commands.hpp"

#include <iostream>

namespace coalign::cli {

int Main(int argc, char** argv) {
  CLI::App app{"coalign: a shared, zoomable strategy map for coalitions"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "coalign 0.1.0");
  int exit_code = 0;
  AddServeCommand(app, exit_code);
  AddImportCommand(app, exit_code);
  AddExportCommand(app, exit_code);
  AddAnalyzeCommand(app, exit_code);
  AddUserCommand(app, exit_code);
  AddImportDataCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return exit_code;
}

}  // namespace coalign::cli
