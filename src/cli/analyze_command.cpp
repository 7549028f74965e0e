// `coalign analyze MAP.json`: the analyses of DESIGN.md §5, printed as the reference
// (shared/reference/analysis_reference.py) prints them.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/analysis_suite.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "interop/analysis_json.hpp"
#include "interop/native_document.hpp"

namespace coalign::cli {
namespace {

struct AnalyzeArguments {
  std::string map_path;
  std::string db_path;
  std::int64_t coalition = 0;
  std::string only;
  bool only_given = false;  // as the reference: --only "" asks for no analysis at all
  int bands = 3;
  int loop_max_length = 6;
  long long loop_cap = 100000;
  long long loop_list = 100;
  std::string view = "top";
  std::string scenario;
};

Result<model::MapState> LoadMapFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{"cannot open " + path, "map"};
  std::ostringstream text;
  text << file.rdbuf();
  auto document = interop::ReadNativeDocument(text.str());
  if (!document) return Error{path + ": " + document.error().message, document.error().field};
  // Items left out change what the analyses see; notes on kept items do not matter here.
  for (const auto& problem : document->problems)
    if (problem.skipped)
      std::cerr << "coalign analyze: warning: " << path << ": " << problem.where << ": " << problem.message << "\n";
  return std::move(document->map);
}

// The current map of a coalition in a database (never creates the database).
Result<model::MapState> LoadCoalition(const std::string& db_path, std::int64_t coalition) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(db_path, error)) return Error{"no database at " + db_path, "db"};
  auto database = Open(db_path);
  if (!database) return database.error();
  auto snapshot = database->maps->Current(coalition);
  if (!snapshot) return snapshot.error();
  return *snapshot->map;
}

int RunAnalyze(const AnalyzeArguments& arguments) {
  const bool from_file = !arguments.map_path.empty(), from_db = !arguments.db_path.empty();
  if (from_file == from_db) {
    std::cerr << "coalign analyze: give either a map file or --db FILE --coalition ID\n";
    return 2;
  }
  auto map = from_file ? LoadMapFile(arguments.map_path) : LoadCoalition(arguments.db_path, arguments.coalition);
  if (!map) {
    std::cerr << "coalign analyze: " << map.error().message << "\n";
    return 1;
  }
  analysis::AnalysisOptions options;
  if (arguments.only_given) options.only = analysis::SplitCommaList(arguments.only);
  options.bands = arguments.bands;
  options.loop_max_length = arguments.loop_max_length;
  options.loop_cap = arguments.loop_cap;
  options.loop_list = arguments.loop_list;
  options.view_root = arguments.view;
  options.scenario_drivers = analysis::SplitCommaList(arguments.scenario);
  auto report = analysis::RunAnalyses(*map, options);
  if (!report) {
    std::cerr << "coalign analyze: " << report.error().message << "\n";
    return 1;
  }
  std::string json = interop::AnalysisReportToJson(*report);
  json += '\n';
  std::cout.write(json.data(), static_cast<std::streamsize>(json.size()));
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<AnalyzeArguments>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Analyse a map (structure, centrality, reach, loops, zoom view, scenario) and print JSON");
  command->add_option("map", arguments->map_path, "the map, a native coalign-map JSON document");
  auto* db = command->add_option("--db", arguments->db_path, "analyse a coalition of this database instead of a file");
  command->add_option("--coalition", arguments->coalition, "the coalition's id (with --db)")->needs(db);
  db->needs("--coalition");
  CLI::Option* only = command->add_option("--only", arguments->only,
                      "comma-separated analyses (default all): structure, domain, central, reach, potency, "
                      "components, loops, betweenness, view, scenario");
  command->add_option("--bands", arguments->bands, "distance bands of the central score")->capture_default_str();
  command->add_option("--loop-max-length", arguments->loop_max_length, "longest loop looked for, in links")
      ->capture_default_str();
  command->add_option("--loop-cap", arguments->loop_cap, "stop after this many loops")->capture_default_str();
  command->add_option("--loop-list", arguments->loop_list, "how many loops to list")->capture_default_str();
  command->add_option("--view", arguments->view, "zoom view root: a statement id, or top")->capture_default_str();
  command->add_option("--scenario", arguments->scenario, "comma-separated driver statement ids");
  command->callback([arguments, only, &exit_code] {
    arguments->only_given = only->count() > 0;
    exit_code = RunAnalyze(*arguments);
  });
}

}  // namespace coalign::cli
