// The subcommands of the coalign program. Each lives in its own file and adds itself to
// the CLI11 app through an Add...Command function listed in commands.cpp.
#pragma once

#include <CLI/CLI.hpp>

namespace coalign::cli {

int Main(int argc, char** argv);

// Each registers one subcommand; its callback sets the exit status through `exit_code`.
void AddServeCommand(CLI::App& app, int& exit_code);
void AddImportCommand(CLI::App& app, int& exit_code);
void AddExportCommand(CLI::App& app, int& exit_code);
void AddAnalyzeCommand(CLI::App& app, int& exit_code);
void AddUserCommand(CLI::App& app, int& exit_code);
void AddImportDataCommand(CLI::App& app, int& exit_code);

}  // namespace coalign::cli
