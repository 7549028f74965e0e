#include "cli/cli_support.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "service/comment_stamp.hpp"

namespace coalign::cli {

Result<OpenDatabase> Open(const std::string& db_path) {
  if (db_path.empty()) return Error{"--db FILE is required", "db"};
  auto store = store::OpenSqliteStore(db_path);
  if (!store) return store.error();
  auto account_store = store::OpenSqliteAccountStore(db_path);
  if (!account_store) return account_store.error();
  OpenDatabase open;
  open.store = std::move(*store);
  open.account_store = std::move(*account_store);
  open.maps = std::make_unique<service::MapService>(*open.store);
  open.accounts = std::make_unique<service::AccountService>(*open.account_store, *open.store);
  open.maps->SetMentionResolver([accounts = open.accounts.get()](std::int64_t coalition, const std::string& body) {
    return service::FindMentions(body, accounts->Members(coalition));
  });
  return open;
}

Result<std::string> ReadWholeFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read " + path, "file"};
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::size_t>(in.tellg());
  if (size > max_bytes) return Error{path + " is larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MB", "file"};
  in.seekg(0);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string SharedDir() {
  if (const char* dir = std::getenv("COALIGN_SHARED_DIR"); dir && *dir) return dir;
  return COALIGN_SHARED_DIR;
}

void PrintProblems(const interop::ImportProblems& problems) {
  for (const auto& problem : problems)
    std::cerr << (problem.skipped ? "skipped: " : "note: ") << problem.where << ": " << problem.message << "\n";
}

}  // namespace coalign::cli
