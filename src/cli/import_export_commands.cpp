// `coalign import` and `coalign export`.
#include <filesystem>
#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "interop/native_document.hpp"
#include "service/import_files.hpp"

namespace coalign::cli {

void AddImportCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db;
    std::string name;
    std::vector<std::string> columns;
    bool strict = false;
    std::vector<std::string> files;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "import", "Import a map as a new coalition: one native document, or an elements file and a connections file (CSV)");
  command->add_option("--db", options->db, "The database file")->required();
  command->add_option("--name", options->name, "The new coalition's name");
  // One ROLE=HEADER per --column (repeatable), so that the files may follow it directly.
  command->add_option("--column", options->columns, "ROLE=HEADER: read column HEADER as ROLE (e.g. theme=mapCluster)")
      ->allow_extra_args(false);
  command->add_flag("--strict", options->strict, "Refuse the whole import if any row or item is refused");
  command->add_option("files", options->files, "The files")->required();
  command->callback([options, &exit_code] {
    service::ImportRequest request;
    request.name = options->name;
    request.strict = options->strict;
    request.author = "import";
    for (const auto& column : options->columns) {
      auto equals = column.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == column.size()) {
        std::cerr << "coalign import: --column takes ROLE=HEADER, not \"" << column << "\"\n";
        exit_code = 2;
        return;
      }
      request.columns.emplace_back(column.substr(0, equals), column.substr(equals + 1));
    }
    for (const auto& path : options->files) {
      auto text = ReadWholeFile(path, service::kMaxImportBytes);
      if (!text) {
        std::cerr << "coalign import: " << text.error().message << "\n";
        exit_code = 1;
        return;
      }
      request.files.push_back({path, std::move(*text)});
    }
    auto database = Open(options->db);
    if (!database) {
      std::cerr << "coalign import: " << database.error().message << "\n";
      exit_code = 1;
      return;
    }
    auto outcome = service::ImportFiles(*database->maps, request);
    if (!outcome) {
      std::cerr << "coalign import: " << outcome.error().message << "\nnothing was imported\n";
      exit_code = 1;
      return;
    }
    PrintProblems(outcome->problems);
    std::cout << "imported " << outcome->statements << " statements and " << outcome->links << " links";
    if (!outcome->problems.empty()) std::cout << " (" << outcome->problems.size() << " problem(s) reported)";
    std::cout << "\n" << outcome->coalition << std::endl;
  });
}

void AddExportCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db;
    std::int64_t coalition = 0;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("export", "Print a coalition as a native JSON document");
  command->add_option("--db", options->db, "The database file")->required();
  command->add_option("--coalition", options->coalition, "The coalition's id")->required();
  command->callback([options, &exit_code] {
    std::error_code missing;
    if (!std::filesystem::is_regular_file(options->db, missing)) {
      std::cerr << "coalign export: no database at " << options->db << "\n";
      exit_code = 1;
      return;
    }
    auto database = Open(options->db);
    if (!database) {
      std::cerr << "coalign export: " << database.error().message << "\n";
      exit_code = 1;
      return;
    }
    auto snapshot = database->maps->Current(options->coalition);
    if (!snapshot) {
      std::cerr << "coalign export: " << snapshot.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << interop::WriteNativeDocument(*snapshot->map);
  });
}

}  // namespace coalign::cli
