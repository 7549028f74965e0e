// Group commit as the map service uses it: a commit is stored, then waited for until it is
// durable, and only then heard of (listeners, the caller, readers of the map); and the
// wait happens after the coalition's lock is let go, so another commit of the same
// coalition can be stored meanwhile and share the disk sync. A store that records and
// delegates to the real SQLite store watches the calls.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/map_service.hpp"
#include "support/temp_database.hpp"

namespace coalign::service {
namespace {

using namespace store;

class RecordingStore final : public Store {
 public:
  explicit RecordingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  std::vector<std::string> Events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  void Record(std::string event) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(event));
  }
  // The first WaitDurable call blocks until Release() is called (or 5 s pass).
  void HoldFirstWait() { hold_ = true; }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  bool WaitingHeld() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return waiting_; });
  }

  CommitResult Commit(CoalitionId id, const CommitRequest& request) override {
    auto result = inner_->Commit(id, request);
    Record("commit r" + std::to_string(result.revision) + " t" + std::to_string(result.durable_ticket));
    return result;
  }
  void WaitDurable(std::uint64_t ticket) override {
    if (ticket == 0) return;  // nothing to wait for (e.g. a refusal before any commit)
    Record("wait t" + std::to_string(ticket));
    if (hold_.exchange(false)) {
      std::unique_lock lock(mutex_);
      waiting_ = true;
      changed_.notify_all();
      if (!changed_.wait_for(lock, std::chrono::seconds(5), [&] { return released_; }))
        events_.push_back("held wait timed out");  // no one could commit meanwhile
    }
    inner_->WaitDurable(ticket);
  }

  Result<CoalitionId> CreateCoalition(const model::CoalitionInfo& info, const std::vector<model::ExtraSection>& sections) override {
    return inner_->CreateCoalition(info, sections);
  }
  bool DeleteCoalition(CoalitionId id) override { return inner_->DeleteCoalition(id); }
  std::vector<CoalitionSummary> ListCoalitions() override { return inner_->ListCoalitions(); }
  std::optional<LoadedMap> LoadCoalition(CoalitionId id) override { return inner_->LoadCoalition(id); }
  std::optional<Revision> CurrentRevision(CoalitionId id) override { return inner_->CurrentRevision(id); }
  std::map<ops::Touch, Revision> FieldsChangedAfter(CoalitionId id, Revision after, const std::vector<ops::Touch>& fields) override {
    return inner_->FieldsChangedAfter(id, after, fields);
  }
  std::vector<ChangeRecord> Changes(CoalitionId id, Revision after, std::size_t limit) override {
    return inner_->Changes(id, after, limit);
  }
  std::vector<ChangeRecord> ChangesBefore(CoalitionId id, Revision before, std::size_t limit) override {
    return inner_->ChangesBefore(id, before, limit);
  }
  Revision RevisionAtTime(CoalitionId id, const std::string& iso_time) override { return inner_->RevisionAtTime(id, iso_time); }
  void PutCheckpoint(CoalitionId id, Revision revision, const std::string& document) override {
    inner_->PutCheckpoint(id, revision, document);
  }
  std::vector<Revision> CheckpointRevisions(CoalitionId id) override { return inner_->CheckpointRevisions(id); }
  std::optional<std::string> Checkpoint(CoalitionId id, Revision revision) override { return inner_->Checkpoint(id, revision); }
  Result<VersionRecord> AddVersion(CoalitionId id, Revision revision, const std::string& name, const std::string& author) override {
    return inner_->AddVersion(id, revision, name, author);
  }
  std::vector<VersionRecord> Versions(CoalitionId id) override { return inner_->Versions(id); }
  bool DeleteVersion(CoalitionId id, std::int64_t version_id) override { return inner_->DeleteVersion(id, version_id); }
  PublicationRecord AddPublication(const PublicationRecord& publication) override { return inner_->AddPublication(publication); }
  std::vector<PublicationRecord> Publications(CoalitionId id) override { return inner_->Publications(id); }
  bool RevokePublication(CoalitionId id, std::int64_t publication_id) override {
    return inner_->RevokePublication(id, publication_id);
  }
  std::optional<PublicationRecord> PublicationByToken(const std::string& token) override {
    return inner_->PublicationByToken(token);
  }

 private:
  std::unique_ptr<Store> inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> events_;
  std::atomic<bool> hold_{false};
  bool waiting_ = false;
  bool released_ = false;
};

ops::Op Rename(const std::string& id, const std::string& title) {
  return ops::UpdateStatement{id, {{"title", title}}};
}

class DurableCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = OpenSqliteStore(database_.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::make_unique<RecordingStore>(std::move(opened).value());
    maps_ = std::make_unique<MapService>(*store_);
    auto created = maps_->CreateCoalition({"Durable", "", ""});
    ASSERT_TRUE(created.ok());
    coalition_ = *created;
    model::Statement a, b;
    a.id = "A";
    a.title = "Alpha";
    b.id = "B";
    b.title = "Beta";
    auto outcome = maps_->Commit(coalition_, 0, {ops::AddStatement{a, std::nullopt}, ops::AddStatement{b, std::nullopt}}, "t");
    ASSERT_EQ(outcome.status, CommitStatus::committed);
  }

  coalign::testing::TempDatabase database_;
  std::unique_ptr<RecordingStore> store_;
  std::unique_ptr<MapService> maps_;
  CoalitionId coalition_ = 0;
};

TEST_F(DurableCommitTest, NoOneHearsOfACommitBeforeItIsDurable) {
  maps_->OnCommitted([&](const CommittedChange& change) { store_->Record("listener r" + std::to_string(change.revision)); });
  auto before = store_->Events().size();
  auto outcome = maps_->Commit(coalition_, 1, {Rename("A", "Timely")}, "t");
  ASSERT_EQ(outcome.status, CommitStatus::committed);
  store_->Record("returned");
  auto events = store_->Events();
  std::vector<std::string> these(events.begin() + static_cast<std::ptrdiff_t>(before), events.end());
  ASSERT_EQ(these.size(), 4u) << ::testing::PrintToString(these);
  EXPECT_EQ(these[0].rfind("commit r2 t", 0), 0u) << these[0];
  const std::string ticket = these[0].substr(these[0].find(" t") + 1);
  EXPECT_EQ(these[1], "wait " + ticket);
  EXPECT_EQ(these[2], "listener r2");
  EXPECT_EQ(these[3], "returned");

  // A reader of the map waits for the commit that made it.
  auto snapshot = maps_->Current(coalition_);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->revision, 2);
  EXPECT_EQ(store_->Events().back(), "wait " + ticket);
}

TEST_F(DurableCommitTest, AnotherCommitOfTheSameCoalitionIsStoredWhileOneWaits) {
  store_->HoldFirstWait();
  CommitOutcome first;
  std::thread waiting([&] { first = maps_->Commit(coalition_, 1, {Rename("A", "Timely")}, "ana"); });
  ASSERT_TRUE(store_->WaitingHeld());
  // The first commit is stored and waiting for the disk; the coalition is not locked.
  auto second = maps_->Commit(coalition_, 1, {Rename("B", "Better")}, "ben");
  store_->Release();
  waiting.join();
  EXPECT_EQ(first.status, CommitStatus::committed);
  EXPECT_EQ(first.revision, 2);
  EXPECT_EQ(second.status, CommitStatus::committed);
  EXPECT_EQ(second.revision, 3);
  auto events = store_->Events();
  EXPECT_EQ(std::count(events.begin(), events.end(), "held wait timed out"), 0) << ::testing::PrintToString(events);
  auto at = [&](const std::string& prefix) {
    for (std::size_t event_idx = 0; event_idx < events.size(); ++event_idx)
      if (events[event_idx].rfind(prefix, 0) == 0) return static_cast<int>(event_idx);
    return -1;
  };
  ASSERT_GE(at("commit r3"), 0) << ::testing::PrintToString(events);
  EXPECT_LT(at("commit r2"), at("commit r3"));
  auto snapshot = maps_->Current(coalition_);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->map->statements.size(), 2u);
  for (const auto& statement : snapshot->map->statements)
    EXPECT_EQ(statement.title, statement.id == "A" ? "Timely" : "Better");
}

}  // namespace
}  // namespace coalign::service
