// Two processes on one database file (two stores, two map services): a commit against a
// cached map that another process has since moved is validated again against the stored
// map (its changes kept, its conflicts and removals seen), never written over it.
#include <gtest/gtest.h>

#include <string>

#include "service/map_service.hpp"
#include "support/temp_database.hpp"

namespace coalign::service {
namespace {

using coalign::testing::TempDatabase;

model::Statement Named(std::string id, std::string title) {
  model::Statement statement;
  statement.id = std::move(id);
  statement.title = std::move(title);
  return statement;
}

ops::UpdateStatement Rename(const std::string& id, const std::string& title) {
  return ops::UpdateStatement{id, {{"title", title}}};
}

std::string TitleOf(const model::MapState& map, const std::string& id) {
  for (const auto& statement : map.statements)
    if (statement.id == id) return statement.title;
  return "(none)";
}

class SharedDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto* store : {&store_a_, &store_b_}) {
      auto opened = store::OpenSqliteStore(database_.path());
      ASSERT_TRUE(opened.ok()) << opened.error().message;
      *store = std::move(opened).value();
    }
    a_ = std::make_unique<MapService>(*store_a_);
    b_ = std::make_unique<MapService>(*store_b_);
    auto created = a_->CreateCoalition({"Shared", "", ""});
    ASSERT_TRUE(created.ok());
    coalition_ = *created;
    auto built = a_->Commit(coalition_, 0,
                            {ops::AddStatement{Named("A", "Alpha"), std::nullopt},
                             ops::AddStatement{Named("B", "Beta"), std::nullopt},
                             ops::AddStatement{Named("C", "Gamma"), std::nullopt}},
                            "setup");
    ASSERT_EQ(built.status, CommitStatus::committed);
    ASSERT_EQ(a_->Current(coalition_)->revision, 1);  // a has the map cached at 1
    // The other process: renames B, removes C (revisions 2 and 3).
    ASSERT_EQ(b_->Commit(coalition_, 1, {Rename("B", "Beta from b")}, "b").status, CommitStatus::committed);
    ASSERT_EQ(b_->Commit(coalition_, 2, {ops::RemoveStatement{"C", false}}, "b").status, CommitStatus::committed);
  }

  TempDatabase database_;
  std::unique_ptr<store::Store> store_a_, store_b_;
  std::unique_ptr<MapService> a_, b_;
  CoalitionId coalition_ = 0;
};

TEST_F(SharedDatabaseTest, AnEditElsewhereIsKeptAndTheCommitFollowsIt) {
  auto outcome = a_->Commit(coalition_, 1, {Rename("A", "Alpha from a")}, "a");
  ASSERT_EQ(outcome.status, CommitStatus::committed) << outcome.message;
  EXPECT_EQ(outcome.revision, 4);
  for (auto* service : {a_.get(), b_.get()}) {
    auto current = service->Current(coalition_);
    ASSERT_TRUE(current.ok());
    EXPECT_EQ(current->revision, 4);
    EXPECT_EQ(TitleOf(*current->map, "A"), "Alpha from a");
    EXPECT_EQ(TitleOf(*current->map, "B"), "Beta from b");
    EXPECT_EQ(TitleOf(*current->map, "C"), "(none)");
  }
}

TEST_F(SharedDatabaseTest, AFieldChangedElsewhereIsAConflict) {
  auto outcome = a_->Commit(coalition_, 1, {Rename("B", "Beta from a")}, "a");
  EXPECT_EQ(outcome.status, CommitStatus::conflict);
  EXPECT_EQ(outcome.revision, 3);
  EXPECT_EQ(TitleOf(*b_->Current(coalition_)->map, "B"), "Beta from b");
}

TEST_F(SharedDatabaseTest, AnItemRemovedElsewhereIsNotFound) {
  auto outcome = a_->Commit(coalition_, 1, {Rename("C", "Gamma from a")}, "a");
  ASSERT_EQ(outcome.status, CommitStatus::invalid);
  ASSERT_FALSE(outcome.errors.empty());
  EXPECT_EQ(outcome.errors[0].kind, ops::ErrorKind::not_found);
  EXPECT_EQ(b_->Current(coalition_)->revision, 3);
}

}  // namespace
}  // namespace coalign::service
