// `coalign serve`: the web app and the API over one database.
#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <filesystem>
#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "http/app_routes.hpp"
#include "http/live_hub.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "service/import_files.hpp"

namespace coalign::cli {
namespace {

struct DemoMap {
  const char* label;
  std::vector<std::string> files;  // relative to the shared folder
  std::vector<std::pair<std::string, std::string>> columns;
  const char* name;
};

constexpr const char* kDemoEmail = "steward@demo.coalign";

// Loads the demo coalitions into an empty database, with a demo steward account whose
// credentials it prints; leaves a used database alone.
bool LoadDemo(service::MapService& maps, service::AccountService& accounts) {
  if (!maps.ListCoalitions().empty()) {
    std::cout << "demo: the database already holds coalitions; nothing loaded" << std::endl;
    if (accounts.UserByEmail(kDemoEmail))
      std::cout << "demo: sign in as " << kDemoEmail << " (the password printed when the demo was first loaded, or "
                << "`coalign user reset-link " << kDemoEmail << "`)" << std::endl;
    return true;
  }
  const char* fixed_password = std::getenv("COALIGN_DEMO_PASSWORD");
  std::string password = fixed_password && *fixed_password ? fixed_password : service::RandomSecret().substr(0, 16);
  auto steward = accounts.AddUser(kDemoEmail, "Demo Steward", password, false);
  if (!steward) {
    std::cerr << "demo: " << steward.error().message << "\n";
    return false;
  }
  const std::string shared = SharedDir();
  const std::vector<DemoMap> demos = {
      {"Dementia Network Calgary", {"data/demo/dementia-network-calgary.coalign.json"}, {}, ""},
      {"Foresight obesity map",
       {"data/real/foresight-obesity-map/nodes.csv", "data/real/foresight-obesity-map/edges.csv"},
       {{"theme", "mapCluster"}},
       "Foresight obesity system map (UK, 2007)"},
      {"Hope Starts Here Detroit", {"data/demo/hope-starts-here-detroit.coalign.json"}, {}, ""},
  };
  for (const auto& demo : demos) {
    service::ImportRequest request;
    request.author = "demo";
    request.columns = demo.columns;
    request.name = demo.name;
    for (const auto& relative : demo.files) {
      auto text = ReadWholeFile(shared + "/" + relative, service::kMaxImportBytes);
      if (!text) {
        std::cerr << "demo: " << text.error().message << " (set COALIGN_SHARED_DIR to the shared folder)\n";
        return false;
      }
      request.files.push_back({relative, std::move(*text)});
    }
    auto outcome = service::ImportFiles(maps, request);
    if (!outcome) {
      std::cerr << "demo: " << demo.label << ": " << outcome.error().message << "\n";
      return false;
    }
    accounts.MakeSteward(outcome->coalition, *steward);
    std::cout << "demo: loaded " << demo.label << " (" << outcome->statements << " statements, " << outcome->links
              << " links) as coalition " << outcome->coalition << std::endl;
  }
  std::cout << "demo: sign in as " << kDemoEmail << " with password " << password << std::endl;
  return true;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string db;
    std::uint16_t port = 8080;
    std::string host = "127.0.0.1";
    bool demo = false;
    std::string web = COALIGN_WEB_DIR;
    int threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("serve", "Serve the web app and the API");
  command->add_option("--db", options->db, "The database file (created if missing)")->required();
  command->add_option("--port", options->port, "The port (0: any free port)")->capture_default_str();
  command->add_option("--host", options->host, "The address to listen on")->capture_default_str();
  command->add_flag("--demo", options->demo, "Load the demo coalitions into an empty database");
  command->add_option("--web", options->web, "The built web app's folder")->capture_default_str();
  command->add_option("--threads", options->threads, "Worker threads")->check(CLI::Range(1, 64))->capture_default_str();
  command->callback([options, &exit_code] {
    // Responses of a few hundred kB are made and freed on every request: keep freed heap
    // memory instead of returning it to the kernel (and faulting it back in) each time.
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    auto database = Open(options->db);
    if (!database) {
      std::cerr << "coalign serve: " << database.error().message << "\n";
      exit_code = 1;
      return;
    }
    if (options->demo && !LoadDemo(*database->maps, *database->accounts)) {
      exit_code = 1;
      return;
    }
    http::Router router;
    service::AnalysisService analyses(*database->maps);
    http::StaticFiles files(options->web);
    auto app_page = [&files](http::HttpRequest& request) {
      http::HttpRequest index = request;
      index.path = "/";
      return files.Serve(index);
    };
    http::AddAllRoutes(router, http::AppServices{*database->maps, *database->accounts, analyses, app_page});
    http::LiveHub live(*database->maps);  // the live feed (WebSocket) of each coalition
    // Admission checks the role at connect; each push asks again (a role may be revoked).
    live.SetRoleLookup([accounts = database->accounts.get()](const service::Actor& actor, service::CoalitionId coalition) {
      return accounts->RoleIn(actor, coalition);
    });
    router.SetFallback([&files](http::HttpRequest& request) { return files.Serve(request); });
    if (!std::filesystem::exists(std::filesystem::path(options->web) / "index.html"))
      std::cerr << "coalign serve: no web app in " << options->web << " (build it with scripts/build.sh); the API works\n";
    http::Server server(router, http::ServerOptions{options->host, options->port, 40u * 1024 * 1024, options->threads}, &live);
    std::uint16_t port = 0;
    try {
      port = server.Bind();
    } catch (const std::exception& error) {
      std::cerr << "coalign serve: cannot listen on " << options->host << ":" << options->port << ": " << error.what() << "\n";
      exit_code = 1;
      return;
    }
    std::string shown_host = options->host == "0.0.0.0" ? "127.0.0.1" : options->host;
    std::cout << "coalign is serving " << options->db << "\nOpen http://" << shown_host << ":" << port << "/" << std::endl;
    server.Run();
  });
}

}  // namespace coalign::cli
