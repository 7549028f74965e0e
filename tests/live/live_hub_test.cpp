// The live hub without a network: catch-up from a revision, live changes in revision
// order with no gaps (also while others commit from many threads), pushes and their
// refusals in the REST problem's shape, roles, presence, and malformed messages.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/api.hpp"
#include "http/live_hub.hpp"
#include "interop/json_codec.hpp"
#include "service/map_service.hpp"
#include "support/server_process.hpp"

namespace coalign::http {
namespace {

using interop::Json;
using service::Role;

// A fake transport: records every message sent to one connection.
class Inbox {
 public:
  LiveSink Sink() {
    return LiveSink{[this](std::string text) {
      std::lock_guard lock(mutex_);
      texts_.push_back(std::move(text));
    }};
  }
  std::vector<Json> All() {
    std::lock_guard lock(mutex_);
    std::vector<Json> out;
    for (const auto& text : texts_) out.push_back(Json::parse(text));
    return out;
  }
  std::vector<Json> OfType(const std::string& type) {
    std::vector<Json> out;
    for (auto& message : All())
      if (message["type"] == type) out.push_back(message);
    return out;
  }
  std::vector<std::int64_t> Revisions() {
    std::vector<std::int64_t> out;
    for (auto& message : OfType("change")) out.push_back(message["revision"].get<std::int64_t>());
    return out;
  }
  void Clear() {
    std::lock_guard lock(mutex_);
    texts_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> texts_;
};

service::Actor Person(std::int64_t id, const std::string& name) {
  return service::Actor{id, name + "@example.org", name, false, false};
}

class LiveHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(dir_.File("live.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    maps_ = std::make_unique<service::MapService>(*store_);
    hub_ = std::make_unique<LiveHub>(*maps_, options_);
    auto created = maps_->CreateCoalition({"Live", "", ""});
    ASSERT_TRUE(created.ok());
    coalition_ = created.value();
    ASSERT_EQ(CommitJson(coalition_, 0, R"([{"op":"add_statement","statement":{"id":"A","title":"Alpha"}},
                                            {"op":"add_statement","statement":{"id":"B","title":"Beta"}}])"),
              1);
  }
  void TearDown() override { hub_.reset(); }

  // Commits ops given as JSON directly through the service (someone else's edit).
  std::int64_t CommitJson(service::CoalitionId coalition, std::int64_t base, const std::string& ops_json) {
    auto ops = interop::OpsFromJson(Json::parse(ops_json));
    EXPECT_TRUE(ops.ok());
    auto outcome = maps_->Commit(coalition, base, std::move(*ops), "someone");
    EXPECT_EQ(outcome.status, service::CommitStatus::committed);
    return outcome.revision;
  }
  std::int64_t Rename(const std::string& id, const std::string& title, std::int64_t base = -1) {
    if (base < 0) base = maps_->Current(coalition_)->revision;
    return CommitJson(coalition_, base,
                      R"([{"op":"update_statement","id":")" + id + R"(","set":{"title":")" + title + R"("}}])");
  }
  LiveVerdict Say(LiveConnection& connection, const Json& message) { return hub_->Receive(connection, message.dump()); }

  coalign::testing::TempDir dir_;
  LiveOptions options_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::MapService> maps_;
  std::unique_ptr<LiveHub> hub_;
  service::CoalitionId coalition_ = 0;
};

TEST_F(LiveHubTest, HelloCatchesUpFromARevisionThenFollowsLive) {
  Rename("A", "two");    // 2
  Rename("B", "three");  // 3
  Inbox inbox;
  auto connection = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, inbox.Sink());
  Rename("A", "four");  // 4: before hello, so it comes from the log
  EXPECT_TRUE(inbox.All().empty()) << "nothing is sent before hello";
  Say(*connection, {{"type", "hello"}, {"since", 1}});
  auto all = inbox.All();
  ASSERT_GE(all.size(), 4u);
  EXPECT_EQ(all[0]["type"], "welcome");
  EXPECT_EQ(all[0]["revision"], 4);
  EXPECT_EQ(all[0]["resync"], false);
  EXPECT_EQ(all[0]["you"]["name"], "Ann");
  EXPECT_EQ(all[0]["you"]["role"], "editor");
  EXPECT_EQ(inbox.Revisions(), (std::vector<std::int64_t>{2, 3, 4}));
  auto changes = inbox.OfType("change");
  EXPECT_EQ(changes[0]["author"], "someone");
  EXPECT_EQ(changes[0]["ops"][0]["op"], "update_statement");
  EXPECT_FALSE(changes[0].contains("id"));
  Rename("B", "five");
  EXPECT_EQ(inbox.Revisions(), (std::vector<std::int64_t>{2, 3, 4, 5}));
  // The person appears in the presence list once they said hello.
  auto presence = inbox.OfType("presence");
  ASSERT_FALSE(presence.empty());
  EXPECT_EQ(presence.back()["people"].size(), 1u);
  EXPECT_EQ(presence.back()["people"][0]["name"], "Ann");
}

TEST_F(LiveHubTest, HelloAtTheCurrentRevisionSendsNoChanges) {
  Inbox inbox;
  auto connection = hub_->Join(coalition_, Person(1, "Ann"), Role::viewer, inbox.Sink());
  Say(*connection, {{"type", "hello"}, {"since", 1}});
  EXPECT_TRUE(inbox.Revisions().empty());
  Say(*connection, {{"type", "hello"}, {"since", 0}});
  EXPECT_EQ(inbox.OfType("error").size(), 1u) << "a second hello is refused";
  EXPECT_TRUE(inbox.Revisions().empty());
}

TEST_F(LiveHubTest, TooFarBehindOrAheadAsksForAResync) {
  for (int step = 0; step < 5; ++step) Rename("A", "t" + std::to_string(step));  // 2..6
  hub_.reset();
  options_.max_catch_up = 3;
  hub_ = std::make_unique<LiveHub>(*maps_, options_);
  for (std::int64_t since : {std::int64_t{1}, std::int64_t{99}, std::int64_t{-1}}) {
    Inbox inbox;
    auto connection = hub_->Join(coalition_, Person(1, "Ann"), Role::viewer, inbox.Sink());
    Say(*connection, {{"type", "hello"}, {"since", since}});
    ASSERT_FALSE(inbox.All().empty());
    EXPECT_EQ(inbox.All()[0]["resync"], true) << since;
    EXPECT_TRUE(inbox.Revisions().empty()) << since;
    Rename("B", "x" + std::to_string(since));
    auto revisions = inbox.Revisions();
    ASSERT_EQ(revisions.size(), 1u) << "live changes follow the resync";
    hub_->Leave(*connection);
  }
  Inbox near;
  auto connection = hub_->Join(coalition_, Person(1, "Ann"), Role::viewer, near.Sink());
  Say(*connection, {{"type", "hello"}, {"since", 7}});
  EXPECT_EQ(near.All()[0]["resync"], false);
  EXPECT_EQ(near.Revisions(), (std::vector<std::int64_t>{8, 9}));
}

TEST_F(LiveHubTest, PushCommitsAndEveryoneSeesItStampedWithRevisionAndAuthor) {
  Inbox ann_inbox, bob_inbox;
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, ann_inbox.Sink());
  auto bob = hub_->Join(coalition_, Person(2, "Bob"), Role::viewer, bob_inbox.Sink());
  Say(*ann, {{"type", "hello"}, {"since", 1}});
  Say(*bob, {{"type", "hello"}, {"since", 1}});
  Say(*ann, Json::parse(R"({"type":"push","id":"c1","base_revision":1,
                            "ops":[{"op":"add_statement","statement":{"title":"New one"}}]})"));
  auto commits = ann_inbox.OfType("commit");
  ASSERT_EQ(commits.size(), 1u);
  EXPECT_EQ(commits[0]["id"], "c1");
  EXPECT_EQ(commits[0]["revision"], 2);
  ASSERT_TRUE(commits[0]["ids"][0].is_string()) << "the generated id comes back";
  auto own = ann_inbox.OfType("change");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["id"], "c1") << "the pusher's copy carries its id";
  EXPECT_EQ(own[0]["author"], "Ann <Ann@example.org>");
  EXPECT_EQ(own[0]["ops"][0]["statement"]["id"], commits[0]["ids"][0]) << "the change names the generated id";
  auto seen = bob_inbox.OfType("change");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["revision"], 2);
  EXPECT_EQ(seen[0]["author"], "Ann <Ann@example.org>");
  EXPECT_FALSE(seen[0].contains("id")) << "others do not see the pusher's id";
  EXPECT_TRUE(bob_inbox.OfType("commit").empty());
}

TEST_F(LiveHubTest, AViewersPushIsRefused403AndChangesNothing) {
  Inbox inbox;
  auto viewer = hub_->Join(coalition_, Person(2, "Bob"), Role::contributor, inbox.Sink());
  Say(*viewer, {{"type", "hello"}, {"since", 1}});
  Say(*viewer, Json::parse(R"({"type":"push","id":"v1","base_revision":1,
                               "ops":[{"op":"remove_statement","id":"A","cascade":true}]})"));
  auto refused = inbox.OfType("refused");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]["id"], "v1");
  EXPECT_EQ(refused[0]["status"], 403);
  EXPECT_NE(refused[0]["detail"].get<std::string>().find("editor"), std::string::npos);
  EXPECT_EQ(maps_->Current(coalition_)->revision, 1);
  EXPECT_TRUE(inbox.Revisions().empty());
}

// The role is asked on every push, not only at connect: a steward's change while the
// connection is open counts from the next push on (up, down, or out of the coalition).
TEST_F(LiveHubTest, TheRoleIsCheckedOnEachPush) {
  std::atomic<Role> now{Role::editor};
  std::atomic<int> asked{0};
  hub_->SetRoleLookup([&](const service::Actor& actor, service::CoalitionId coalition) {
    EXPECT_EQ(actor.user_id, 1);
    EXPECT_EQ(coalition, coalition_);
    ++asked;
    return now.load();
  });
  Inbox inbox;
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, inbox.Sink());
  Say(*ann, {{"type", "hello"}, {"since", 1}});
  Say(*ann, {{"type", "presence"}, {"selection", {"A"}}});
  EXPECT_EQ(asked, 0) << "reading and presence do not look the role up";
  auto push = [&](const std::string& id) {
    Say(*ann, Json{{"type", "push"}, {"id", id}, {"base_revision", maps_->Current(coalition_)->revision},
                   {"ops", Json::parse(R"([{"op":"update_statement","id":"A","set":{"description":")" + id + R"("}}])")}});
  };
  push("e1");
  ASSERT_EQ(inbox.OfType("commit").size(), 1u);
  now = Role::viewer;  // revoked while connected
  push("v1");
  auto refused = inbox.OfType("refused");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]["id"], "v1");
  EXPECT_EQ(refused[0]["status"], 403);
  EXPECT_NE(refused[0]["detail"].get<std::string>().find("viewer"), std::string::npos);
  now = Role::none;  // removed from the coalition
  push("n1");
  refused = inbox.OfType("refused");
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(refused[1]["status"], 404);
  now = Role::editor;  // and made editor again
  push("e2");
  EXPECT_EQ(inbox.OfType("commit").size(), 2u);
  EXPECT_EQ(asked, 4);
  EXPECT_EQ(maps_->Current(coalition_)->revision, 3) << "only the two allowed pushes committed";
}

// Joined as a viewer and made editor meanwhile: the push goes through.
TEST_F(LiveHubTest, AViewerMadeEditorMidSessionMayPush) {
  hub_->SetRoleLookup([](const service::Actor&, service::CoalitionId) { return Role::editor; });
  Inbox inbox;
  auto bob = hub_->Join(coalition_, Person(2, "Bob"), Role::viewer, inbox.Sink());
  Say(*bob, {{"type", "hello"}, {"since", 1}});
  Say(*bob, Json::parse(R"({"type":"push","id":"b1","base_revision":1,
                            "ops":[{"op":"update_statement","id":"B","set":{"title":"Bob's"}}]})"));
  EXPECT_EQ(inbox.OfType("commit").size(), 1u);
  EXPECT_EQ(maps_->Current(coalition_)->revision, 2);
}

TEST_F(LiveHubTest, RefusalsHaveTheProblemShape) {
  Inbox inbox;
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::steward, inbox.Sink());
  Say(*ann, {{"type", "hello"}, {"since", 1}});
  Rename("A", "theirs", 1);  // 2
  // A stale update of the same field: 409 with the op's reason and field.
  Say(*ann, Json::parse(R"({"type":"push","id":"c1","base_revision":1,
                            "ops":[{"op":"update_statement","id":"A","set":{"title":"mine"}}]})"));
  // A different field of the same statement goes through.
  Say(*ann, Json::parse(R"({"type":"push","id":"c2","base_revision":1,
                            "ops":[{"op":"update_statement","id":"A","set":{"description":"mine"}}]})"));
  // An op on a missing statement, and an op that does not decode: 422.
  Say(*ann, Json::parse(R"({"type":"push","id":"c3","base_revision":3,
                            "ops":[{"op":"update_statement","id":"nope","set":{"title":"x"}}]})"));
  Say(*ann, Json::parse(R"({"type":"push","id":"c4","base_revision":3,"ops":[{"op":"fly"}]})"));
  Say(*ann, Json::parse(R"({"type":"push","id":"c5","base_revision":"x","ops":[]})"));
  Say(*ann, Json::parse(R"({"type":"push","id":"c6","base_revision":99,
                            "ops":[{"op":"update_statement","id":"A","set":{"title":"x"}}]})"));
  auto refused = inbox.OfType("refused");
  ASSERT_EQ(refused.size(), 5u);
  EXPECT_EQ(refused[0]["id"], "c1");
  EXPECT_EQ(refused[0]["status"], 409);
  EXPECT_EQ(refused[0]["errors"][0]["op"], 0);
  EXPECT_EQ(refused[0]["errors"][0]["kind"], "conflict");
  EXPECT_EQ(refused[0]["errors"][0]["field"], "title");
  EXPECT_EQ(refused[0]["revision"], 2);
  EXPECT_EQ(refused[1]["id"], "c3");
  EXPECT_EQ(refused[1]["status"], 422);
  EXPECT_EQ(refused[1]["errors"][0]["kind"], "not_found");
  EXPECT_EQ(refused[2]["id"], "c4");
  EXPECT_EQ(refused[2]["status"], 422);
  EXPECT_EQ(refused[2]["errors"].size(), 1u);
  EXPECT_EQ(refused[3]["id"], "c5");
  EXPECT_EQ(refused[3]["field"], "base_revision");
  EXPECT_EQ(refused[4]["id"], "c6");
  EXPECT_EQ(refused[4]["status"], 422);
  auto commits = inbox.OfType("commit");
  ASSERT_EQ(commits.size(), 1u);
  EXPECT_EQ(commits[0]["id"], "c2");
  EXPECT_EQ(inbox.Revisions(), (std::vector<std::int64_t>{2, 3}));
  auto map = maps_->Current(coalition_)->map;
  EXPECT_EQ(map->statements[0].title, "theirs");
  EXPECT_EQ(map->statements[0].description, "mine");
}

TEST_F(LiveHubTest, MalformedMessagesAreAnsweredAndIgnored) {
  Inbox inbox;
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, inbox.Sink());
  EXPECT_EQ(hub_->Receive(*ann, "{not json"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, "[1,2]"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":42})"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":"subscribe","coalition":2})"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":"hello","since":"yesterday"})"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":"push","base_revision":1,"ops":[]})"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":"presence","selection":"A"})"), LiveVerdict::keep);
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":"presence","selection":[1]})"), LiveVerdict::keep);
  EXPECT_EQ(inbox.OfType("error").size(), 8u);
  EXPECT_EQ(inbox.All().size(), 8u) << "nothing but the errors";
  hub_->Receive(*ann, R"({"type":"ping"})");
  EXPECT_EQ(inbox.OfType("pong").size(), 1u);
  // Oversized: answered, then the transport closes the connection.
  std::string huge = R"({"type":"ping","pad":")" + std::string(options_.max_message_bytes, 'x') + "\"}";
  EXPECT_EQ(hub_->Receive(*ann, huge), LiveVerdict::close_policy_violation);
  EXPECT_EQ(inbox.OfType("error").size(), 9u);
  // A number too large for a double: answered like any other message that is not JSON.
  EXPECT_EQ(hub_->Receive(*ann, R"({"type":"push","id":"p4","base_revision":1,"ops":[],"n":1e309})"), LiveVerdict::keep);
  ASSERT_EQ(inbox.OfType("error").size(), 10u);
  EXPECT_NE(inbox.OfType("error").back()["detail"].get<std::string>().find("not valid JSON"), std::string::npos);
  // An empty batch names ops, as over REST.
  hub_->Receive(*ann, R"({"type":"push","id":"p5","base_revision":1,"ops":[]})");
  auto refused = inbox.OfType("refused");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0]["id"], "p5");
  EXPECT_EQ(refused[0]["field"], "ops");
  EXPECT_EQ(maps_->Current(coalition_)->revision, 1);
}

TEST_F(LiveHubTest, NoMessageReachesAnotherCoalition) {
  auto created = maps_->CreateCoalition({"Other", "", ""});
  ASSERT_TRUE(created.ok());
  auto other = created.value();
  CommitJson(other, 0, R"([{"op":"add_statement","statement":{"id":"X","title":"Elsewhere"}}])");
  Inbox inbox, other_inbox;
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, inbox.Sink());
  auto eve = hub_->Join(other, Person(3, "Eve"), Role::editor, other_inbox.Sink());
  Say(*ann, {{"type", "hello"}, {"since", 0}});
  Say(*eve, {{"type", "hello"}, {"since", 1}});
  Say(*ann, {{"type", "presence"}, {"selection", {"A"}}, {"root", "top"}});
  Rename("A", "here");
  // A push names no coalition: it goes to the connection's own.
  Say(*eve, Json::parse(R"({"type":"push","id":"e1","base_revision":1,"coalition":)" + std::to_string(coalition_) +
                        R"(,"ops":[{"op":"update_statement","id":"X","set":{"title":"mine"}}]})"));
  EXPECT_EQ(inbox.Revisions(), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(other_inbox.Revisions(), (std::vector<std::int64_t>{2}));
  for (auto& message : other_inbox.OfType("presence"))
    for (auto& person : message["people"]) EXPECT_EQ(person["name"], "Eve");
  EXPECT_EQ(maps_->Current(coalition_)->map->statements[0].title, "here");
}

TEST_F(LiveHubTest, PresenceFollowsJoinsSelectionsAndLeaves) {
  Inbox ann_inbox, bob_inbox;
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, ann_inbox.Sink());
  auto bob = hub_->Join(coalition_, Person(2, "Bob"), Role::viewer, bob_inbox.Sink());
  Say(*ann, {{"type", "hello"}, {"since", 1}});
  Say(*bob, {{"type", "hello"}, {"since", 1}});
  Say(*bob, {{"type", "presence"}, {"selection", {"A", "B"}}, {"root", "top"}});
  auto last = ann_inbox.OfType("presence").back()["people"];
  ASSERT_EQ(last.size(), 2u);
  EXPECT_EQ(last[1]["name"], "Bob");
  EXPECT_EQ(last[1]["selection"], Json::parse(R"(["A","B"])"));
  EXPECT_EQ(last[1]["root"], "top");
  EXPECT_NE(last[0]["color"], last[1]["color"]) << "people side by side get different colours";
  EXPECT_NE(last[0]["session"], last[1]["session"]);
  hub_->Leave(*bob);
  last = ann_inbox.OfType("presence").back()["people"];
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0]["name"], "Ann");
  EXPECT_EQ(hub_->ConnectionCount(coalition_), 1u);
  hub_->Leave(*ann);
  EXPECT_EQ(hub_->ConnectionCount(coalition_), 0u);
}

TEST_F(LiveHubTest, RecheckEndsTheFeedsWhoseAccessEndedAndOnlyThose) {
  Inbox ann_inbox, bob_inbox;
  std::atomic<Role> bob_role{Role::viewer};
  std::vector<std::string> bob_closed;
  auto ann_sink = ann_inbox.Sink();
  ann_sink.admitted_role = [] { return Role::editor; };
  auto bob_sink = bob_inbox.Sink();
  bob_sink.admitted_role = [&bob_role] { return bob_role.load(); };
  bob_sink.close = [&bob_closed](std::string reason) { bob_closed.push_back(std::move(reason)); };
  auto ann = hub_->Join(coalition_, Person(1, "Ann"), Role::editor, ann_sink);
  auto bob = hub_->Join(coalition_, Person(2, "Bob"), Role::viewer, bob_sink);
  Say(*ann, {{"type", "hello"}, {"since", 1}});
  Say(*bob, {{"type", "hello"}, {"since", 1}});
  EXPECT_EQ(hub_->Recheck(), 0u) << "both still admitted";
  EXPECT_TRUE(bob_closed.empty());

  bob_role = Role::none;  // Bob signed out, or was removed
  EXPECT_EQ(hub_->Recheck(), 1u);
  ASSERT_EQ(bob_closed.size(), 1u);
  auto errors = bob_inbox.OfType("error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0]["detail"].get<std::string>().find("access to this coalition ended"), std::string::npos);
  EXPECT_EQ(hub_->ConnectionCount(coalition_), 1u);
  EXPECT_EQ(ann_inbox.OfType("presence").back()["people"].size(), 1u) << "the others see Bob leave";

  Rename("A", "after");  // 2
  EXPECT_EQ(ann_inbox.Revisions(), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(bob_inbox.Revisions().empty()) << "not one change after access ended";
  bob_inbox.Clear();
  Say(*bob, {{"type", "hello"}, {"since", 0}});  // whatever still arrives is ignored
  EXPECT_TRUE(bob_inbox.All().empty());
  hub_->Leave(*bob);  // the transport's own leave afterwards is harmless
  EXPECT_EQ(hub_->ConnectionCount(coalition_), 1u);
  EXPECT_EQ(hub_->Recheck(), 0u);
}

// Many writers commit while readers connect at different moments: every reader gets
// each revision after its hello exactly once, in order, with no gap.
TEST_F(LiveHubTest, ChangesArriveInOrderWithoutGapsUnderConcurrentCommits) {
  constexpr int kWriters = 4, kCommitsEach = 40, kReaders = 6;
  std::vector<std::unique_ptr<Inbox>> inboxes;
  std::vector<std::shared_ptr<LiveConnection>> readers;
  std::vector<std::int64_t> since(kReaders);
  std::atomic<bool> go{false};
  std::vector<std::thread> writers;
  for (int writer_idx = 0; writer_idx < kWriters; ++writer_idx) {
    writers.emplace_back([&, writer_idx] {
      while (!go) std::this_thread::yield();
      for (int commit_idx = 0; commit_idx < kCommitsEach; ++commit_idx) {
        // Each writer edits its own field, so commits at a stale base still go through.
        const char* field = writer_idx % 2 ? "description" : "title";
        std::string id = writer_idx < 2 ? "A" : "B";
        auto ops = interop::OpsFromJson(Json::parse(R"([{"op":"update_statement","id":")" + id + R"(","set":{")" +
                                                    field + R"(":"v)" + std::to_string(commit_idx) + R"("}}])"));
        maps_->Commit(coalition_, maps_->Current(coalition_)->revision, std::move(*ops), "w");
      }
    });
  }
  go = true;
  for (int reader_idx = 0; reader_idx < kReaders; ++reader_idx) {
    inboxes.push_back(std::make_unique<Inbox>());
    readers.push_back(hub_->Join(coalition_, Person(10 + reader_idx, "R"), Role::viewer, inboxes.back()->Sink()));
    since[reader_idx] = std::max<std::int64_t>(0, maps_->Current(coalition_)->revision - 3);
    Say(*readers.back(), {{"type", "hello"}, {"since", since[reader_idx]}});
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  for (auto& writer : writers) writer.join();
  auto final_revision = maps_->Current(coalition_)->revision;
  ASSERT_GT(final_revision, 20);
  for (int reader_idx = 0; reader_idx < kReaders; ++reader_idx) {
    auto revisions = inboxes[reader_idx]->Revisions();
    std::vector<std::int64_t> expected;
    for (auto revision = since[reader_idx] + 1; revision <= final_revision; ++revision) expected.push_back(revision);
    EXPECT_EQ(revisions, expected) << "reader " << reader_idx;
  }
}

// The route is listed (and described in the OpenAPI document); a plain GET without the
// WebSocket upgrade is told to upgrade, after the same admission as any route.
TEST(LiveRoute, IsDescribedAndAsksForAnUpgrade) {
  Router router;
  AddLiveRoute(router);
  auto doc = Json::parse(OpenApiDocument());
  ASSERT_TRUE(doc["paths"].contains(kLivePattern));
  EXPECT_TRUE(doc["paths"][kLivePattern].contains("get"));
  router.SetGatekeeper(Gatekeeper{[](HttpRequest& request) -> std::optional<HttpResponse> {
                                    if (request.Header("authorization") == "Bearer ok")
                                      request.actor = service::Actor{7, "v@example.org", "V", false, true};
                                    return std::nullopt;
                                  },
                                  [](const service::Actor&, std::int64_t coalition) {
                                    return coalition == 5 ? Role::viewer : Role::none;
                                  }});
  auto get = [](const std::string& path, bool token) {
    HttpRequest request;
    request.method = "GET";
    request.path = path;
    if (token) request.headers["authorization"] = "Bearer ok";
    return request;
  };
  auto anonymous = get("/api/coalitions/5/live", false);
  EXPECT_EQ(router.Dispatch(anonymous).status, 401);
  auto viewer = get("/api/coalitions/5/live", true);
  auto response = router.Dispatch(viewer);
  EXPECT_EQ(response.status, 426);
  EXPECT_EQ(Json::parse(response.body)["status"], 426);
  auto elsewhere = get("/api/coalitions/6/live", true);
  EXPECT_EQ(router.Dispatch(elsewhere).status, 404);
  EXPECT_EQ(LiveCoalitionOfPath("/api/coalitions/5/live"), 5);
  EXPECT_FALSE(LiveCoalitionOfPath("/api/coalitions/5/view"));
  EXPECT_FALSE(LiveCoalitionOfPath("/api/coalitions/x5/live"));
  EXPECT_FALSE(LiveCoalitionOfPath("/api/coalitions//live"));
}

}  // namespace
}  // namespace coalign::http
