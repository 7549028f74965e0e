// The HTTP API against a real `coalign serve` process and a real database file: the
// happy paths a client takes, and bad input that must change nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "http/api.hpp"
#include "http/app_routes.hpp"
#include "support/http_client.hpp"
#include "support/json_files.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.File("api.db"));
    auto imported = Post(Url("/api/coalitions/import"), ReadText(Shared("data/demo/dementia-network-calgary.coalign.json")));
    ASSERT_EQ(imported.status, 201) << imported.body;
    coalition_ = Json::parse(imported.body)["id"].get<int>();
  }

  std::string Url(const std::string& path) const { return server_->BaseUrl() + path; }
  std::string CoalitionUrl(const std::string& tail = "") const {
    return Url("/api/coalitions/" + std::to_string(coalition_) + tail);
  }
  Json GetJson(const std::string& url) {
    auto response = Get(url);
    EXPECT_EQ(response.status, 200) << url << ": " << response.body;
    return Json::parse(response.body);
  }
  int Revision() { return GetJson(CoalitionUrl())["revision"].get<int>(); }
  std::string Export() { return Get(CoalitionUrl("/export")).body; }
  HttpResult Change(int base, const Json& ops) {
    return Post(CoalitionUrl("/changes"), Json{{"base_revision", base}, {"ops", ops}}.dump());
  }

  // Sends a bad request and checks it was refused with a problem and changed nothing.
  Json ExpectRefusedUnchanged(const std::function<HttpResult()>& send, long status) {
    int revision_before = Revision();
    std::string export_before = Export();
    auto response = send();
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_NE(response.content_type.find("application/problem+json"), std::string::npos) << response.content_type;
    EXPECT_EQ(Revision(), revision_before);
    EXPECT_EQ(Export(), export_before);
    auto problem = Json::parse(response.body, nullptr, false);
    EXPECT_TRUE(problem.is_object()) << response.body;
    if (problem.is_object()) {
      EXPECT_FALSE(problem.value("detail", "").empty()) << response.body;
    }
    return problem;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  int coalition_ = 0;
};

TEST_F(ApiTest, ListsCoalitionsWithRevision) {
  auto list = GetJson(Url("/api/coalitions"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], coalition_);
  EXPECT_EQ(list[0]["revision"], 1);
  EXPECT_EQ(list[0]["statements"], 28);
  EXPECT_EQ(list[0]["links"], 17);
  EXPECT_EQ(list[0]["name"], "Dementia Network Calgary (demo, summarised)");
}

TEST_F(ApiTest, TopViewShowsBandsAndLiftedLinks) {
  auto view = GetJson(CoalitionUrl("/view?root=top"));
  EXPECT_EQ(view["layers"].size(), 4u);
  EXPECT_EQ(view["layers"][0]["id"], "impact");
  EXPECT_EQ(view["themes"].size(), 5u);
  // The capability areas are visible at the top and open into their outcomes.
  ASSERT_TRUE(view["statements"].contains("CAP1"));
  EXPECT_GT(view["statements"]["CAP1"]["child_count"].get<int>(), 0);
  // Links from sub-statements to top-level outcomes are lifted: CAP1's children lead to EO1.
  bool lifted = false;
  for (std::size_t link_idx = 0; link_idx < view["links"].size(); ++link_idx) {
    const auto& link = view["links"][link_idx];
    if (link["from"] == "CAP1" && link["to"] == "EO1") {
      lifted = true;
      EXPECT_EQ(link["count"].get<std::size_t>(), view["link_ids"][link_idx].size());
      for (const auto& link_id : view["link_ids"][link_idx]) EXPECT_TRUE(view["link_details"].contains(link_id));
    }
  }
  EXPECT_TRUE(lifted) << view["links"].dump();
  // The zoom into CAP1 shows its sub-map with a breadcrumb.
  auto inside = GetJson(CoalitionUrl("/view?root=CAP1"));
  EXPECT_EQ(inside["root"], "CAP1");
  ASSERT_EQ(inside["breadcrumb"].size(), 1u);
  EXPECT_EQ(inside["breadcrumb"][0]["id"], "CAP1");
  EXPECT_FALSE(inside["visible"].empty());
}

TEST_F(ApiTest, BatchAddsStatementAndLinkByClientIdsThenRenames) {
  Json ops = Json::array({
      {{"op", "add_statement"}, {"statement", {{"id", "new-1"}, {"title", "Increase early diagnosis"}, {"layer", "outcome"}}}},
      {{"op", "add_link"}, {"link", {{"from", "new-1"}, {"to", "SG"}, {"polarity", 1}, {"weight", 0.5}}}},
  });
  auto response = Change(1, ops);
  ASSERT_EQ(response.status, 200) << response.body;
  auto body = Json::parse(response.body);
  EXPECT_EQ(body["revision"], 2);
  ASSERT_EQ(body["ids"].size(), 2u);
  EXPECT_TRUE(body["ids"][0].is_null());        // the client chose the statement's id
  EXPECT_TRUE(body["ids"][1].is_string());      // the server made the link's
  auto renamed = Change(2, Json::array({{{"op", "update_statement"}, {"id", "new-1"}, {"set", {{"title", "Timely diagnosis"}}}}}));
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  // A new server process on the same file sees it all (durable, reloaded from disk).
  server_.reset();
  server_ = std::make_unique<ServerProcess>(dir_.File("api.db"));
  auto view = GetJson(CoalitionUrl("/view?root=top"));
  EXPECT_EQ(view["revision"], 3);
  ASSERT_TRUE(view["statements"].contains("new-1"));
  EXPECT_EQ(view["statements"]["new-1"]["title"], "Timely diagnosis");
  auto changes = GetJson(CoalitionUrl("/changes?after=1"));
  ASSERT_EQ(changes["changes"].size(), 2u);
  EXPECT_EQ(changes["changes"][0]["ops"][0]["op"], "add_statement");
  EXPECT_EQ(changes["changes"][1]["inverse"][0]["set"]["title"], "Increase early diagnosis");
}

TEST_F(ApiTest, NonCollidingEditsAtTheSameBaseBothStand) {
  auto first = Change(1, Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"title", "Quality of life is better"}}}}}));
  ASSERT_EQ(first.status, 200) << first.body;
  auto second = Change(1, Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"description", "As people say"}}}}}));
  ASSERT_EQ(second.status, 200) << second.body;
  auto view = GetJson(CoalitionUrl("/view?root=top"));
  EXPECT_EQ(view["statements"]["PI"]["title"], "Quality of life is better");
  EXPECT_EQ(view["statements"]["PI"]["description"], "As people say");
}

TEST_F(ApiTest, ConflictingUpdateIsRefusedWith409) {
  ASSERT_EQ(Change(1, Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"title", "Mine"}}}}})).status, 200);
  auto problem = ExpectRefusedUnchanged(
      [&] { return Change(1, Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"title", "Theirs"}}}}})); }, 409);
  ASSERT_EQ(problem["errors"].size(), 1u);
  EXPECT_EQ(problem["errors"][0]["op"], 0);
  EXPECT_EQ(problem["errors"][0]["kind"], "conflict");
  EXPECT_EQ(problem["errors"][0]["field"], "title");
}

TEST_F(ApiTest, BadOpsAreRefusedWholeAndChangeNothing) {
  // A good op followed by a self-link: the whole batch is refused, the good op too.
  auto problem = ExpectRefusedUnchanged(
      [&] {
        return Change(1, Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"title", "Fine"}}}},
                                      {{"op", "add_link"}, {"link", {{"from", "SG"}, {"to", "SG"}}}}}));
      },
      422);
  ASSERT_EQ(problem["errors"].size(), 1u);
  EXPECT_EQ(problem["errors"][0]["op"], 1);
  EXPECT_NE(problem["errors"][0]["reason"].get<std::string>().find("itself"), std::string::npos);

  auto unknown = ExpectRefusedUnchanged(
      [&] { return Change(1, Json::array({{{"op", "update_statement"}, {"id", "nope"}, {"set", {{"title", "x"}}}}})); }, 422);
  EXPECT_EQ(unknown["errors"][0]["kind"], "not_found");

  auto dangling = ExpectRefusedUnchanged(
      [&] { return Change(1, Json::array({{{"op", "add_link"}, {"link", {{"from", "PI"}, {"to", "ghost"}}}}})); }, 422);
  EXPECT_EQ(dangling["errors"][0]["field"], "to");

  // CAP1 holds CAP1a: moving CAP1 under CAP1a would put it inside itself.
  auto cycle = ExpectRefusedUnchanged(
      [&] { return Change(1, Json::array({{{"op", "move_statement"}, {"id", "CAP1"}, {"parent", "CAP1a"}}})); }, 422);
  EXPECT_NE(cycle["errors"][0]["reason"].get<std::string>().find("own sub-statement"), std::string::npos);

  auto duplicate = ExpectRefusedUnchanged(
      [&] { return Change(1, Json::array({{{"op", "add_link"}, {"link", {{"from", "EO1"}, {"to", "SG"}}}}})); }, 422);
  EXPECT_NE(duplicate["errors"][0]["reason"].get<std::string>().find("already a link"), std::string::npos);

  ExpectRefusedUnchanged([&] { return Change(1, Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"title", "  "}}}}})); }, 422);
  ExpectRefusedUnchanged([&] { return Change(1, Json::array({{{"op", "add_link"}, {"link", {{"from", "PI"}, {"to", "SG"}, {"polarity", 2}}}}})); }, 422);
  ExpectRefusedUnchanged([&] { return Change(1, Json::array({{{"op", "add_link"}, {"link", {{"from", "PI"}, {"to", "SG"}, {"weight", 1.5}}}}})); }, 422);
  ExpectRefusedUnchanged([&] { return Change(1, Json::array({{{"op", "remove_statement"}, {"id", "CAP1"}}})); }, 422);
  ExpectRefusedUnchanged([&] { return Change(1, Json::array({{{"op", "frobnicate"}}})); }, 422);
  ExpectRefusedUnchanged([&] { return Change(99, Json::array({{{"op", "remove_link"}, {"id", "x"}}})); }, 422);
  ExpectRefusedUnchanged([&] { return Change(1, Json::array()); }, 422);
  // Bytes that are not UTF-8 inside a JSON string: a clear 400, not a server error.
  ExpectRefusedUnchanged([&] {
    return Post(CoalitionUrl("/changes"),
                "{\"base_revision\": 1, \"ops\": [{\"op\": \"update_statement\", \"id\": \"PI\", \"set\": {\"title\": \"\xff\xfe\"}}]}");
  }, 400);
  ExpectRefusedUnchanged([&] { return Post(CoalitionUrl("/changes"), "{\"base_revision\": 1, \"ops\": [");  }, 400);
  ExpectRefusedUnchanged([&] { return Post(CoalitionUrl("/changes"), "{\"ops\": []}"); }, 422);
  // A number too large for a double, anywhere in the body: a clear 400, not a server error.
  for (const char* body : {R"({"base_revision": 1e309, "ops": []})",
                           R"({"base_revision": 1, "junk": 1e999, "ops": [{"op": "update_statement", "id": "PI", "set": {"title": "Big"}}]})",
                           R"({"base_revision": 1, "ops": [{"op": "update_statement", "id": "PI", "set": {"x": -1e309}}]})"}) {
    auto problem = ExpectRefusedUnchanged([&] { return Post(CoalitionUrl("/changes"), body); }, 400);
    EXPECT_EQ(problem["field"], "body") << body;
  }
  auto empty = ExpectRefusedUnchanged([&] { return Change(1, Json::array()); }, 422);
  EXPECT_EQ(empty["field"], "ops");
}

TEST_F(ApiTest, CascadeRemovesTheSubMapAndItsLinks) {
  // An action team works towards CAP1c: a statement still named by work items is not
  // removed (issue 5), so the team goes first, in the same batch.
  auto refused = Change(1, Json::array({{{"op", "remove_statement"}, {"id", "CAP1"}, {"cascade", true}}}));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("Community Living Action Team"), std::string::npos) << refused.body;
  auto response = Change(1, Json::array({{{"op", "remove_action_team"}, {"id", "community-living-action-team"}},
                                         {{"op", "remove_statement"}, {"id", "CAP1"}, {"cascade", true}}}));
  ASSERT_EQ(response.status, 200) << response.body;
  auto exported = Json::parse(Export());
  for (const auto& statement : exported["statements"]) {
    EXPECT_NE(statement["id"], "CAP1");
    EXPECT_NE(statement.value("parent", Json()).dump(), "\"CAP1\"");
  }
  for (const auto& link : exported["links"]) EXPECT_EQ(link["from"].get<std::string>().rfind("CAP1", 0), std::string::npos);
}

TEST_F(ApiTest, OversizedAndMalformedUploadsAreRefused) {
  auto count_before = GetJson(Url("/api/coalitions")).size();
  std::string fifty_megabytes(50u * 1024 * 1024, 'a');
  auto too_large = ExpectRefusedUnchanged([&] { return Post(Url("/api/coalitions/import"), fifty_megabytes); }, 413);
  EXPECT_NE(too_large["detail"].get<std::string>().find("larger than"), std::string::npos);
  ExpectRefusedUnchanged([&] { return Post(Url("/api/coalitions/import"), "{\"format\": \"coalign-map\", \"statements\": ["); }, 400);
  ExpectRefusedUnchanged([&] { return Post(Url("/api/coalitions/import"), "{\"format\": \"other\", \"statements\": []}"); }, 422);
  ExpectRefusedUnchanged([&] { return Post(Url("/api/coalitions/import"), "{\"statements\": 3}"); }, 422);
  // Malformed CSV: an unterminated quote, and a table without from/to columns.
  auto csv = ExpectRefusedUnchanged(
      [&] { return Post(Url("/api/coalitions/import?filename=edges.csv"), "from,to\n\"A,B\n", "text/csv"); }, 422);
  EXPECT_NE(csv["detail"].get<std::string>().find("edges.csv"), std::string::npos) << csv.dump();
  ExpectRefusedUnchanged([&] { return Post(Url("/api/coalitions/import?filename=x.csv"), "a,b\n1,2\n", "text/csv"); }, 422);
  // --strict through the upload: a connections file with an empty "from" is refused whole.
  Json strict_upload{{"files", Json::array({{{"name", "edges.csv"}, {"content", "from,to\nA,B\n,C\n"}}})}, {"strict", true}};
  ExpectRefusedUnchanged([&] { return Post(Url("/api/coalitions/import"), strict_upload.dump()); }, 422);
  EXPECT_EQ(GetJson(Url("/api/coalitions")).size(), count_before);
}

TEST_F(ApiTest, UnknownCoalitionAndStatementAre404Problems) {
  auto missing = Get(Url("/api/coalitions/999/view"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.content_type.find("problem+json"), std::string::npos);
  EXPECT_EQ(Get(Url("/api/coalitions/abc/export")).status, 404);
  EXPECT_EQ(Get(CoalitionUrl("/view?root=ghost")).status, 404);
  EXPECT_EQ(Get(Url("/api/nothing-here")).status, 404);
  EXPECT_EQ(HttpCall("DELETE", Url("/api/coalitions")).status, 405);
}

TEST_F(ApiTest, ExportImportExportIsIdentical) {
  std::string first = Export();
  auto again = Post(Url("/api/coalitions/import"), first);
  ASSERT_EQ(again.status, 201) << again.body;
  auto id = Json::parse(again.body)["id"].get<int>();
  EXPECT_EQ(Get(Url("/api/coalitions/" + std::to_string(id) + "/export")).body, first);
}

TEST_F(ApiTest, CreateEmptyCoalitionThenBuildIt) {
  auto created = Post(Url("/api/coalitions"), R"({"name": "Family justice reform"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(Json::parse(created.body)["id"].get<int>());
  auto response = Post(Url("/api/coalitions/" + id + "/changes"), Json{{"base_revision", 0}, {"ops", Json::array({
      {{"op", "add_layer"}, {"layer", {{"id", "outcome"}, {"name", "Outcomes"}}}},
      {{"op", "add_theme"}, {"theme", {{"name", "Courts"}, {"color", "#336699"}}}},
      {{"op", "add_statement"}, {"statement", {{"title", "Fewer contested hearings"}, {"layer", "outcome"}}}}})}}.dump());
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Post(Url("/api/coalitions"), R"({"name": ""})").status, 422);
  EXPECT_EQ(Post(Url("/api/coalitions"), R"(not json)").status, 400);
}

// Every route the router serves is described in the OpenAPI document.
TEST(OpenApi, DescribesEveryRoute) {
  http::Router router;
  auto doc = Json::parse(http::OpenApiDocument());
  ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  // The routes need a service only to run, not to be listed.
  auto temp = TempDir();
  auto opened = store::OpenSqliteStore(temp.File("routes.db"));
  ASSERT_TRUE(opened);
  auto accounts_store = store::OpenSqliteAccountStore(temp.File("routes.db"));
  ASSERT_TRUE(accounts_store);
  service::MapService maps(**opened);
  service::AccountService accounts(**accounts_store, **opened);
  service::AnalysisService analyses(maps);
  http::AddAllRoutes(router, http::AppServices{maps, accounts, analyses});
  ASSERT_FALSE(router.routes().empty());
  for (const auto& route : router.routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern << " is not in the OpenAPI document";
    EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace coalign::testing

namespace coalign::testing {
namespace {

// The README's own import line: --column directly followed by the files.
TEST(CliImport, ColumnOptionDoesNotSwallowTheFiles) {
  TempDir dir;
  auto imported = RunCommand({COALIGN_BINARY, "import", "--db", dir.File("cli.db"), "--name", "Foresight obesity map",
                              "--column", "theme=mapCluster", Shared("data/real/foresight-obesity-map/nodes.csv"),
                              Shared("data/real/foresight-obesity-map/edges.csv")});
  ASSERT_EQ(imported.status, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported 108 statements and 296 links"), std::string::npos) << imported.out;
  auto exported = RunCommand({COALIGN_BINARY, "export", "--db", dir.File("cli.db"), "--coalition", "1"});
  ASSERT_EQ(exported.status, 0) << exported.err;
  EXPECT_EQ(nlohmann::json::parse(exported.out)["themes"].size(), 10u);
  // Exporting from a database that does not exist fails and creates nothing.
  auto missing = RunCommand({COALIGN_BINARY, "export", "--db", dir.File("none.db"), "--coalition", "1"});
  EXPECT_NE(missing.status, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.File("none.db")));
}

}  // namespace
}  // namespace coalign::testing
