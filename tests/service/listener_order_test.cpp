// Commit listeners: those registered to come first (live delivery) are called before the
// others (history bookkeeping), whatever the order of registration.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/map_service.hpp"
#include "support/temp_database.hpp"

namespace coalign::service {
namespace {

TEST(MapServiceListeners, ThoseAskingToComeFirstAreCalledFirst) {
  coalign::testing::TempDatabase database;
  auto opened = store::OpenSqliteStore(database.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  MapService maps(**opened);
  std::vector<std::string> calls;
  maps.OnCommitted([&](const CommittedChange&) { calls.push_back("history"); });
  maps.OnCommitted([&](const CommittedChange&) { calls.push_back("other"); });
  maps.OnCommitted([&](const CommittedChange&) { calls.push_back("live"); }, true);
  maps.OnCommitted([&](const CommittedChange&) { calls.push_back("live 2"); }, true);
  auto created = maps.CreateCoalition({"Order", "", ""});
  ASSERT_TRUE(created.ok());
  model::Statement statement;
  statement.id = "A";
  statement.title = "Alpha";
  auto outcome = maps.Commit(*created, 0, {ops::AddStatement{statement, std::nullopt}}, "t");
  ASSERT_EQ(outcome.status, CommitStatus::committed);
  EXPECT_EQ(calls, (std::vector<std::string>{"live", "live 2", "history", "other"}));
}

}  // namespace
}  // namespace coalign::service
