// What the subcommands share: opening the database, reading files, printing problems.
#pragma once

#include <memory>
#include <string>

#include "model/result.hpp"
#include "service/account_service.hpp"
#include "service/map_service.hpp"
#include "store/account_store.hpp"
#include "store/store.hpp"

namespace coalign::cli {

// An open store with its map service, or an error message already printed.
struct OpenDatabase {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::AccountStore> account_store;
  std::unique_ptr<service::MapService> maps;
  std::unique_ptr<service::AccountService> accounts;
};
Result<OpenDatabase> Open(const std::string& db_path);

Result<std::string> ReadWholeFile(const std::string& path, std::size_t max_bytes);

// Where the shared demo and real data live: $COALIGN_SHARED_DIR, else the build's default.
std::string SharedDir();

void PrintProblems(const interop::ImportProblems& problems);

}  // namespace coalign::cli
