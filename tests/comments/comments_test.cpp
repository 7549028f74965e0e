// Comments: the ops' rules and exact inverses, the server stamping author/time/mentions
// and guarding others' comments, the store and native-document round trips, history
// sentences, and the HTTP routes against a real `coalign serve` (roles, counts, mentions).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "interop/json_codec.hpp"
#include "interop/native_document.hpp"
#include "ops/apply.hpp"
#include "service/comment_stamp.hpp"
#include "service/history.hpp"
#include "service/map_service.hpp"
#include "store/store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace coalign {
namespace {

model::MapState SmallMap() {
  model::MapState map;
  map.info.name = "Test";
  model::Statement a;
  a.id = "a";
  a.title = "Early diagnosis";
  model::Statement b;
  b.id = "b";
  b.title = "Caregiver respite";
  map.statements = {a, b};
  model::Link link;
  link.id = "l1";
  link.from = "a";
  link.to = "b";
  map.links = {link};
  return map;
}

model::Comment Comment(std::string id, std::string kind, std::string target, std::string body,
                       std::optional<std::string> parent = std::nullopt, std::int64_t author = 1) {
  model::Comment comment;
  comment.id = std::move(id);
  comment.target_kind = std::move(kind);
  comment.target_id = std::move(target);
  comment.body = std::move(body);
  comment.parent = std::move(parent);
  comment.author_id = author;
  comment.author_name = "Ana";
  comment.created_at = "2024-03-01T10:00:00.000Z";
  return comment;
}

ops::BatchResult Apply(model::MapState& map, std::vector<ops::Op> ops) { return ops::ApplyBatch(map, ops); }

ops::ErrorKind FirstError(model::MapState map, std::vector<ops::Op> ops, std::string* field = nullptr) {
  auto result = ops::ApplyBatch(map, ops);
  EXPECT_FALSE(result.ok());
  if (result.ok()) return ops::ErrorKind::invalid;
  if (field) *field = result.errors.front().field;
  return result.errors.front().kind;
}

TEST(CommentOps, AddRepliesAndGeneratedIds) {
  auto map = SmallMap();
  std::vector<ops::Op> batch{ops::AddComment{Comment("", "statement", "a", "Why?"), std::nullopt}};
  auto result = ops::ApplyBatch(map, batch);
  ASSERT_TRUE(result.ok());
  const auto id = result.applied[0].generated_id;
  EXPECT_EQ(id.rfind("c-", 0), 0u);
  ASSERT_TRUE(Apply(map, {ops::AddComment{Comment("r1", "statement", "a", "Because.", id), std::nullopt},
                          ops::AddComment{Comment("k", "coalition", "", "Welcome"), std::nullopt},
                          ops::AddComment{Comment("on-link", "link", "l1", "Weak link?"), std::nullopt}})
                  .ok());
  ASSERT_EQ(map.comments.size(), 4u);
  EXPECT_EQ(map.comments[1].parent, id);
}

TEST(CommentOps, RefusesWhatBreaksTheRules) {
  auto map = SmallMap();
  ASSERT_TRUE(Apply(map, {ops::AddComment{Comment("c1", "statement", "a", "Root"), std::nullopt},
                          ops::AddComment{Comment("c2", "statement", "a", "Reply", "c1"), std::nullopt}})
                  .ok());
  std::string field;
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "statement", "nope", "Hi"), std::nullopt}}, &field), ops::ErrorKind::not_found);
  EXPECT_EQ(field, "target_id");
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "link", "a", "Hi"), std::nullopt}}), ops::ErrorKind::not_found);
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "organisation", "a", "Hi"), std::nullopt}}, &field), ops::ErrorKind::invalid);
  EXPECT_EQ(field, "target_kind");
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "coalition", "a", "Hi"), std::nullopt}}), ops::ErrorKind::invalid);
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "statement", "a", "  \n "), std::nullopt}}, &field), ops::ErrorKind::invalid);
  EXPECT_EQ(field, "body");
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "statement", "a", std::string(10001, 'x')), std::nullopt}}, &field),
            ops::ErrorKind::invalid);
  EXPECT_EQ(field, "body");
  EXPECT_TRUE(Apply(map, {ops::AddComment{Comment("ok", "statement", "a", std::string(10000, 'x')), std::nullopt}}).ok());
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("c1", "statement", "a", "dup"), std::nullopt}}, &field), ops::ErrorKind::invalid);
  EXPECT_EQ(field, "id");
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "statement", "b", "wrong thread", "c1"), std::nullopt}}, &field),
            ops::ErrorKind::invalid);
  EXPECT_EQ(field, "parent");
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "statement", "a", "gone", "zz"), std::nullopt}}), ops::ErrorKind::not_found);
  EXPECT_EQ(FirstError(map, {ops::ResolveComment{"c2", true}}), ops::ErrorKind::invalid);  // a reply
  EXPECT_EQ(FirstError(map, {ops::ResolveComment{"zz", true}}), ops::ErrorKind::not_found);
  EXPECT_EQ(FirstError(map, {ops::UpdateComment{"c1", {{"target_id", std::string("b")}}, "", {}}}, &field), ops::ErrorKind::invalid);
  EXPECT_EQ(field, "target_id");
  EXPECT_EQ(FirstError(map, {ops::UpdateComment{"c1", {{"body", std::string("")}}, "", {}}}), ops::ErrorKind::invalid);
  EXPECT_EQ(FirstError(map, {ops::UpdateComment{"c1", {}, "", {}}}), ops::ErrorKind::invalid);
  EXPECT_EQ(FirstError(map, {ops::RemoveComment{"zz"}}), ops::ErrorKind::not_found);
}

TEST(CommentOps, InversesRestoreExactly) {
  auto map = SmallMap();
  ASSERT_TRUE(Apply(map, {ops::AddComment{Comment("c1", "statement", "a", "Root"), std::nullopt},
                          ops::AddComment{Comment("k1", "coalition", "", "Other"), std::nullopt},
                          ops::AddComment{Comment("c2", "statement", "a", "Reply", "c1"), std::nullopt},
                          ops::AddComment{Comment("c3", "statement", "a", "Reply to reply", "c2"), std::nullopt},
                          ops::AddComment{Comment("k2", "coalition", "", "Last"), std::nullopt}})
                  .ok());
  const auto before = map;
  std::vector<ops::Op> batch{ops::UpdateComment{"c2", {{"body", std::string("Edited")}}, "2024-03-02T00:00:00.000Z", {5}},
                             ops::ResolveComment{"c1", true},
                             ops::AddComment{Comment("c4", "link", "l1", "New"), std::nullopt},
                             ops::RemoveComment{"c1"}};
  auto result = ops::ApplyBatch(map, batch);
  ASSERT_TRUE(result.ok()) << result.errors.front().reason;
  EXPECT_EQ(map.comments.size(), 3u);  // c1 went with its replies c2, c3; c4 came
  auto inverse = result.Inverse();
  auto undone = ops::ApplyBatch(map, inverse);
  ASSERT_TRUE(undone.ok()) << undone.errors.front().reason;
  EXPECT_EQ(map, before);
}

TEST(CommentOps, RemovingAStatementKeepsItsCommentsForUndo) {
  auto map = SmallMap();
  ASSERT_TRUE(Apply(map, {ops::AddComment{Comment("c1", "statement", "a", "Root"), std::nullopt},
                          ops::AddComment{Comment("c2", "link", "l1", "On the link"), std::nullopt}})
                  .ok());
  const auto before = map;
  std::vector<ops::Op> batch{ops::RemoveStatement{"a", false}};
  auto result = ops::ApplyBatch(map, batch);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(map.comments.size(), 2u);  // kept, hidden while their items are gone
  // A reply to a comment whose statement is gone is refused.
  EXPECT_EQ(FirstError(map, {ops::AddComment{Comment("x", "statement", "a", "late", "c1"), std::nullopt}}), ops::ErrorKind::not_found);
  auto inverse = result.Inverse();
  ASSERT_TRUE(ops::ApplyBatch(map, inverse).ok());
  EXPECT_EQ(map, before);
}

TEST(CommentJson, OpsRoundTrip) {
  std::vector<ops::Op> batch{ops::AddComment{Comment("c1", "statement", "a", "Hi @Ana", std::string("c0")), 3},
                             ops::UpdateComment{"c1", {{"body", std::string("x")}}, "2024-01-01T00:00:00.000Z", {4, 5}},
                             ops::ResolveComment{"c1", false}, ops::RemoveComment{"c1"}};
  batch[0] = ops::AddComment{[] {
                               auto comment = Comment("c1", "statement", "a", "Hi @Ana", std::string("c0"));
                               comment.mentions = {4};
                               comment.edited_at = "2024-01-02T00:00:00.000Z";
                               return comment;
                             }(),
                             3};
  auto json = interop::OpsToJson(batch);
  auto decoded = interop::OpsFromJson(json);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(interop::OpsToJson(*decoded).dump(), json.dump());
  EXPECT_EQ(std::get<ops::AddComment>((*decoded)[0]).comment, std::get<ops::AddComment>(batch[0]).comment);
}

TEST(Mentions, NamesAndEmailsOfMembers) {
  std::vector<service::Membership> members{{1, "ana@example.org", "Ana", service::Role::editor},
                                           {2, "ana.ruiz@example.org", "Ana Ruiz", service::Role::viewer},
                                           {3, "bo@example.org", "Bo", service::Role::contributor}};
  EXPECT_EQ(service::FindMentions("@Ana Ruiz, and @bo@example.org: see @ana", members), (std::vector<std::int64_t>{2, 3, 1}));
  EXPECT_TRUE(service::FindMentions("@Anabel and mail me at x@ana", members).empty());
  EXPECT_EQ(service::FindMentions("(@BO)", members), std::vector<std::int64_t>{3});
}

class CommentService : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::OpenSqliteStore(dir_.File("comments.db"));
    ASSERT_TRUE(store);
    store_ = std::move(*store);
    maps_ = std::make_unique<service::MapService>(*store_);
    maps_->SetMentionResolver([](std::int64_t, const std::string& body) {
      return service::FindMentions(body, {{7, "ana@example.org", "Ana", service::Role::editor},
                                          {8, "bo@example.org", "Bo", service::Role::contributor}});
    });
    auto imported = maps_->ImportDocument(SmallMap(), {}, true, "test");
    ASSERT_TRUE(imported);
    coalition_ = imported->coalition;
  }
  service::CommitOutcome Commit(std::vector<ops::Op> ops, std::int64_t user, const std::string& label, bool moderator = false) {
    auto revision = maps_->Current(coalition_)->revision;
    service::ChangeMeta meta{label, user, {}, {}};
    meta.moderator = moderator;
    return maps_->Commit(coalition_, revision, std::move(ops), meta);
  }
  const model::MapState& Map() {
    auto current = maps_->Current(coalition_);
    snapshot_ = *current;
    return *snapshot_.map;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::MapService> maps_;
  service::Snapshot snapshot_;
  std::int64_t coalition_ = 0;
};

TEST_F(CommentService, TheServerSetsAuthorTimeAndMentions) {
  auto forged = Comment("c1", "statement", "a", "What do you think, @Bo?");
  forged.author_id = 99;
  forged.author_name = "Mallory";
  forged.created_at = "1999-01-01T00:00:00.000Z";
  forged.resolved = true;
  forged.mentions = {99};
  auto outcome = Commit({ops::AddComment{forged, std::nullopt}}, 7, "Ana Ruiz <ana@example.org>");
  ASSERT_EQ(outcome.status, service::CommitStatus::committed);
  const auto& comment = Map().comments.at(0);
  EXPECT_EQ(comment.author_id, 7);
  EXPECT_EQ(comment.author_name, "Ana Ruiz");
  EXPECT_NE(comment.created_at, "1999-01-01T00:00:00.000Z");
  EXPECT_EQ(comment.created_at.size(), 24u);
  EXPECT_FALSE(comment.resolved);
  EXPECT_EQ(comment.mentions, std::vector<std::int64_t>{8});
  // The change log records the stamped comment, so history and the live feed agree.
  auto changes = store_->Changes(coalition_, 0, 10);
  EXPECT_NE(changes.back().ops_json.find("\"author_id\":7"), std::string::npos);

  // Someone else may reply and resolve, but not edit or remove it; a steward may remove it.
  EXPECT_EQ(Commit({ops::AddComment{Comment("", "statement", "a", "Reply from Bo", std::string("c1")), std::nullopt},
                    ops::ResolveComment{"c1", true}},
                   8, "Bo <bo@example.org>")
                .status,
            service::CommitStatus::committed);
  EXPECT_EQ(Commit({ops::UpdateComment{"c1", {{"body", std::string("hijack")}}, "", {}}}, 8, "Bo <bo@example.org>").status,
            service::CommitStatus::forbidden);
  EXPECT_EQ(Commit({ops::RemoveComment{"c1"}}, 8, "Bo <bo@example.org>").status, service::CommitStatus::forbidden);
  auto edited = Commit({ops::UpdateComment{"c1", {{"body", std::string("Now asking @Ana")}}, "", {}}}, 7, "Ana <ana@example.org>");
  ASSERT_EQ(edited.status, service::CommitStatus::committed);
  EXPECT_FALSE(Map().comments.at(0).edited_at.empty());
  EXPECT_EQ(Map().comments.at(0).mentions, std::vector<std::int64_t>{7});
  EXPECT_EQ(Commit({ops::RemoveComment{"c1"}}, 9, "Steward <s@example.org>", true).status, service::CommitStatus::committed);
  EXPECT_TRUE(Map().comments.empty());  // the reply went with it
}

TEST_F(CommentService, StoreRoundTripAndHistorySentences) {
  ASSERT_EQ(Commit({ops::AddComment{Comment("c1", "statement", "a", "Root @Ana"), std::nullopt},
                    ops::AddComment{Comment("c2", "statement", "a", "Reply", std::string("c1")), std::nullopt},
                    ops::AddComment{Comment("c3", "link", "l1", "Link"), std::nullopt},
                    ops::AddComment{Comment("c4", "coalition", "", "All"), std::nullopt}},
                   7, "Ana <ana@example.org>")
                .status,
            service::CommitStatus::committed);
  ASSERT_EQ(Commit({ops::ResolveComment{"c1", true}, ops::UpdateComment{"c3", {{"body", std::string("Edited")}}, "", {}}}, 7,
                   "Ana <ana@example.org>")
                .status,
            service::CommitStatus::committed);
  // Undo of a removal re-inserts mid-list: the store must keep the order.
  auto before_removal = Map();
  auto removal = Commit({ops::RemoveComment{"c1"}}, 7, "Ana <ana@example.org>");
  ASSERT_EQ(removal.status, service::CommitStatus::committed);
  auto change = store_->Changes(coalition_, removal.revision - 1, 1).at(0);
  auto inverse = interop::OpsFromJson(interop::Json::parse(change.inverse_json));
  ASSERT_TRUE(inverse);
  service::ChangeMeta undo{"Ana <ana@example.org>", 7, removal.revision, {}};
  ASSERT_EQ(maps_->Commit(coalition_, removal.revision, *inverse, undo).status, service::CommitStatus::committed);
  EXPECT_EQ(Map().comments, before_removal.comments);

  auto memory = Map();
  auto reopened = store::OpenSqliteStore(dir_.File("comments.db"));
  ASSERT_TRUE(reopened);
  auto loaded = (*reopened)->LoadCoalition(coalition_);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->map.comments, memory.comments);
  ASSERT_EQ(memory.comments.size(), 4u);
  EXPECT_TRUE(memory.comments[0].resolved);
  EXPECT_EQ(memory.comments[0].mentions, std::vector<std::int64_t>{7});

  auto base = SmallMap();
  EXPECT_EQ(service::DescribeChange(base, {ops::AddComment{Comment("x", "statement", "a", "Hi"), std::nullopt}}),
            std::vector<std::string>{"commented on 'Early diagnosis'"});
  EXPECT_EQ(service::DescribeChange(memory, {ops::ResolveComment{"c1", true}}),
            std::vector<std::string>{"resolved a comment on 'Early diagnosis'"});
  EXPECT_EQ(service::DescribeChange(memory, {ops::ResolveComment{"c1", false}, ops::RemoveComment{"c3"}}),
            (std::vector<std::string>{"reopened a comment on 'Early diagnosis'",
                                      "removed a comment on the link 'Early diagnosis' → 'Caregiver respite'"}));
  EXPECT_EQ(service::DescribeChange(memory, {ops::AddComment{Comment("y", "coalition", "", "Hi", std::string("c4")), std::nullopt}}),
            std::vector<std::string>{"replied to a comment on the coalition"});
}

TEST_F(CommentService, NativeDocumentRoundTripKeepsAuthors) {
  ASSERT_EQ(Commit({ops::AddComment{Comment("c1", "statement", "a", "Root @Bo"), std::nullopt},
                    ops::AddComment{Comment("c2", "statement", "a", "Reply", std::string("c1")), std::nullopt}},
                   7, "Ana <ana@example.org>")
                .status,
            service::CommitStatus::committed);
  auto original = Map();
  auto text = interop::WriteNativeDocument(original);
  auto read = interop::ReadNativeDocument(text);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->problems.empty());
  EXPECT_TRUE(read->map.extra_sections.empty());  // "comments" is a known section now
  EXPECT_EQ(read->map.comments, original.comments);
  auto imported = maps_->ImportDocument(read->map, {}, true, "someone else");
  ASSERT_TRUE(imported);
  auto current = maps_->Current(imported->coalition);
  auto copy = *current;
  EXPECT_EQ(copy.map->comments, original.comments);  // authors and times as recorded
  EXPECT_EQ(interop::WriteNativeDocument(*copy.map), text);
  // A map without comments exports as before: no "comments" section.
  EXPECT_EQ(interop::WriteNativeDocument(SmallMap()).find("\"comments\""), std::string::npos);
}

// --- the HTTP routes -------------------------------------------------------------------

using Json = nlohmann::json;

class CommentsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<testing::ServerProcess>(dir_.File("api.db"));
    auto created = testing::Post(Url("/api/coalitions"), R"({"name": "Comments"})");
    ASSERT_EQ(created.status, 201) << created.body;
    coalition_ = Json::parse(created.body)["id"].get<int>();
    auto batch = Json{{"base_revision", 0},
                      {"ops", {{{"op", "add_statement"}, {"statement", {{"id", "a"}, {"title", "Early diagnosis"}}}},
                               {{"op", "add_statement"}, {"statement", {{"id", "b"}, {"title", "Respite"}}}},
                               {{"op", "add_link"}, {"link", {{"id", "l1"}, {"from", "a"}, {"to", "b"}}}}}}};
    ASSERT_EQ(testing::Post(CoalitionUrl("/changes"), batch.dump()).status, 200);
    contributor_ = Person("cora@example.org", "Cora", "contributor");
    viewer_ = Person("vic@example.org", "Vic", "viewer");
    editor_ = Person("eddie@example.org", "Eddie", "editor");
  }
  std::string Url(const std::string& path) const { return server_->BaseUrl() + path; }
  std::string CoalitionUrl(const std::string& tail) const { return Url("/api/coalitions/" + std::to_string(coalition_) + tail); }
  // A new account with a role in the coalition; returns its API token.
  std::string Person(const std::string& email, const std::string& name, const std::string& role) {
    auto added = testing::Post(Url("/api/users"), Json{{"email", email}, {"name", name}, {"password", "long enough password"}}.dump());
    EXPECT_EQ(added.status, 201) << added.body;
    auto id = Json::parse(added.body)["id"].get<int>();
    ids_[email] = id;
    auto set = testing::HttpCall("PUT", CoalitionUrl("/members/" + std::to_string(id)), Json{{"role", role}}.dump());
    EXPECT_EQ(set.status, 200) << set.body;
    auto token = testing::RunCommand({COALIGN_BINARY, "user", "token", "--db", dir_.File("api.db"), email});
    EXPECT_EQ(token.status, 0) << token.err;
    return token.out.substr(0, token.out.find_last_not_of("\r\n") + 1);
  }
  testing::HttpResult As(const std::string& token, const std::string& method, const std::string& url, const std::string& body = "") {
    return testing::HttpCall(method, url, body, "application/json", {}, &token);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::ServerProcess> server_;
  int coalition_ = 0;
  std::string contributor_, viewer_, editor_;
  std::map<std::string, int> ids_;
};

TEST_F(CommentsApi, RolesCountsListsAndMentions) {
  auto add = Json{{"op", "add_comment"},
                  {"comment", {{"target_kind", "statement"}, {"target_id", "a"}, {"body", "Evidence, @Vic?"}, {"author_name", "Forged"}}}};
  auto posted = As(contributor_, "POST", CoalitionUrl("/comments"), add.dump());
  ASSERT_EQ(posted.status, 200) << posted.body;
  auto result = Json::parse(posted.body);
  const auto root = result["ids"][0].get<std::string>();
  EXPECT_EQ(result["comments"][0]["author_name"], "Cora");
  EXPECT_EQ(result["comments"][0]["author_id"], ids_["cora@example.org"]);
  EXPECT_EQ(result["comments"][0]["mentions"], Json::array({ids_["vic@example.org"]}));

  // Viewers read but may not comment; map edits do not go through /comments.
  EXPECT_EQ(As(viewer_, "POST", CoalitionUrl("/comments"), add.dump()).status, 403);
  auto map_edit = Json{{"op", "update_statement"}, {"id", "a"}, {"set", {{"title", "x"}}}};
  EXPECT_EQ(As(contributor_, "POST", CoalitionUrl("/comments"), map_edit.dump()).status, 422);
  EXPECT_EQ(As(contributor_, "POST", CoalitionUrl("/comments"), "{not json").status, 400);
  auto empty = Json{{"op", "add_comment"}, {"comment", {{"target_kind", "statement"}, {"target_id", "a"}, {"body", " "}}}};
  auto refused = As(contributor_, "POST", CoalitionUrl("/comments"), empty.dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(Json::parse(refused.body)["errors"][0]["field"], "body");

  // A reply by the editor; the editor may not edit Cora's comment, Cora may.
  auto reply = Json{{"op", "add_comment"}, {"comment", {{"target_kind", "statement"}, {"target_id", "a"}, {"parent", root}, {"body", "Yes"}}}};
  ASSERT_EQ(As(editor_, "POST", CoalitionUrl("/comments"), reply.dump()).status, 200);
  auto edit = Json{{"op", "update_comment"}, {"id", root}, {"set", {{"body", "Evidence, anyone?"}}}};
  EXPECT_EQ(As(editor_, "POST", CoalitionUrl("/comments"), edit.dump()).status, 403);
  EXPECT_EQ(As(editor_, "POST", CoalitionUrl("/changes"), Json{{"base_revision", 2}, {"ops", {edit}}}.dump()).status, 403);
  EXPECT_EQ(As(contributor_, "POST", CoalitionUrl("/comments"), edit.dump()).status, 200);

  auto view = Json::parse(As(viewer_, "GET", CoalitionUrl("/view?root=top")).body);
  EXPECT_EQ(view["statements"]["a"]["comment_count"], 2);
  EXPECT_EQ(view["statements"]["b"]["comment_count"], 0);
  EXPECT_EQ(view["link_details"]["l1"]["comment_count"], 0);

  auto listed = Json::parse(As(viewer_, "GET", CoalitionUrl("/comments?target_kind=statement&target_id=a")).body);
  ASSERT_EQ(listed["comments"].size(), 2u);
  EXPECT_EQ(listed["comments"][0]["body"], "Evidence, anyone?");
  EXPECT_FALSE(listed["comments"][0]["edited_at"].is_null());
  EXPECT_EQ(As(viewer_, "GET", CoalitionUrl("/comments?target_kind=planet")).status, 422);

  // Resolving empties the count; the history says so.
  ASSERT_EQ(As(contributor_, "POST", CoalitionUrl("/comments"), Json{{"op", "resolve_comment"}, {"id", root}, {"resolved", true}}.dump()).status, 200);
  view = Json::parse(As(viewer_, "GET", CoalitionUrl("/view?root=top")).body);
  EXPECT_EQ(view["statements"]["a"]["comment_count"], 0);
  auto history = Json::parse(testing::Get(CoalitionUrl("/history")).body);
  EXPECT_EQ(history["entries"][0]["sentences"][0], "resolved a comment on 'Early diagnosis'");

  // Vic sees the mention (the edit removed it from the body: it no longer names Vic).
  auto mentions = Json::parse(As(viewer_, "GET", Url("/api/mentions")).body);
  EXPECT_TRUE(mentions["mentions"].empty()) << mentions;
  auto again = Json{{"op", "add_comment"}, {"comment", {{"target_kind", "coalition"}, {"body", "@vic@example.org have a look"}}}};
  ASSERT_EQ(As(editor_, "POST", CoalitionUrl("/comments"), again.dump()).status, 200);
  mentions = Json::parse(As(viewer_, "GET", Url("/api/mentions")).body);
  ASSERT_EQ(mentions["mentions"].size(), 1u);
  EXPECT_EQ(mentions["mentions"][0]["comment"]["author_name"], "Eddie");

  // Only its author or a steward removes a comment (the admin created the coalition: steward).
  auto remove = Json{{"op", "remove_comment"}, {"id", root}};
  EXPECT_EQ(As(editor_, "POST", CoalitionUrl("/comments"), remove.dump()).status, 403);
  ASSERT_EQ(testing::Post(CoalitionUrl("/comments"), remove.dump()).status, 200);
  listed = Json::parse(As(viewer_, "GET", CoalitionUrl("/comments?target_kind=statement&target_id=a")).body);
  EXPECT_TRUE(listed["comments"].empty());
}

}  // namespace
}  // namespace coalign
