// Who does what (issue 5) over HTTP against a real `coalign serve`: the demo files
// import as they are, bad input is refused and changes nothing, totals keep currencies
// apart, contributors record only their own organisations' work, and published views
// show nothing chosen private and stop working when revoked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/json_files.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

class WorkApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.File("work.db"));
    coalition_ = Import(ReadText(Shared("data/demo/dementia-network-calgary.coalign.json")));
  }

  int Import(const std::string& document) {
    auto imported = Post(Url("/api/coalitions/import"), document);
    EXPECT_EQ(imported.status, 201) << imported.body;
    auto body = Json::parse(imported.body);
    EXPECT_TRUE(body["problems"].empty()) << imported.body;
    return body["id"].get<int>();
  }
  std::string Url(const std::string& path) const { return server_->BaseUrl() + path; }
  std::string CoalitionUrl(const std::string& tail = "", int coalition = 0) const {
    return Url("/api/coalitions/" + std::to_string(coalition ? coalition : coalition_) + tail);
  }
  Json GetJson(const std::string& url) {
    auto response = Get(url);
    EXPECT_EQ(response.status, 200) << url << ": " << response.body;
    return Json::parse(response.body, nullptr, false);
  }
  int Revision() { return GetJson(CoalitionUrl())["revision"].get<int>(); }
  std::string Export(int coalition = 0) { return Get(CoalitionUrl("/export", coalition)).body; }
  HttpResult Change(const Json& ops) {
    return Post(CoalitionUrl("/changes"), Json{{"base_revision", Revision()}, {"ops", ops}}.dump());
  }
  // A refused batch: the status, the problem, and nothing changed.
  Json Refused(const Json& ops, long status, const std::string& field) {
    int before = Revision();
    auto exported = Export();
    auto response = Change(ops);
    EXPECT_EQ(response.status, status) << response.body;
    auto problem = Json::parse(response.body, nullptr, false);
    EXPECT_TRUE(problem.is_object() && !problem["errors"].empty()) << response.body;
    if (problem.is_object() && !problem["errors"].empty()) {
      EXPECT_EQ(problem["errors"][0].value("field", ""), field) << response.body;
    }
    EXPECT_EQ(Revision(), before);
    EXPECT_EQ(Export(), exported);
    return problem;
  }

  // A person with `role` in the coalition; their token and user id.
  std::pair<std::string, int> Member(const std::string& name, const std::string& role) {
    std::string email = name + "@work.test";
    auto added = RunCommand({COALIGN_BINARY, "user", "add", "--db", dir_.File("work.db"), email, "--name", name, "--password", "work-password-1"});
    EXPECT_EQ(added.status, 0) << added.err;
    auto token = RunCommand({COALIGN_BINARY, "user", "token", "--db", dir_.File("work.db"), email});
    std::string secret = token.out.substr(0, token.out.find_last_not_of("\r\n") + 1);
    int user_id = 0;
    for (const auto& user : GetJson(Url("/api/users")))
      if (user["email"] == email) user_id = user["id"].get<int>();
    auto set = HttpCall("PUT", CoalitionUrl("/members/" + std::to_string(user_id)), Json{{"role", role}}.dump());
    EXPECT_EQ(set.status, 200) << set.body;
    return {secret, user_id};
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  int coalition_ = 0;
};

TEST_F(WorkApiTest, DemoFilesImportAsTheyAreAndRoundTrip) {
  auto work = GetJson(CoalitionUrl("/work"));
  ASSERT_EQ(work["action_teams"].size(), 4u);
  EXPECT_EQ(work["action_teams"][0]["name"], "Awareness Action Team");
  EXPECT_EQ(work["action_teams"][0]["statement"], "CAP2b");
  EXPECT_EQ(work["organisations"].size(), 4u);
  // The action teams appear on their statements in the view (CAP2b sits under a capability area).
  auto view = GetJson(CoalitionUrl("/view?root=CAP2"));
  ASSERT_TRUE(view["statements"].contains("CAP2b")) << view["visible"].dump();
  EXPECT_EQ(view["statements"]["CAP2b"]["team_count"], 1);

  int detroit = Import(ReadText(Shared("data/demo/hope-starts-here-detroit.coalign.json")));
  auto detroit_work = GetJson(CoalitionUrl("/work", detroit));
  ASSERT_EQ(detroit_work["contributions"].size(), 8u);
  EXPECT_EQ(detroit_work["contributions"][0]["id"], "c1");
  EXPECT_EQ(detroit_work["contributions"][0]["role"], "lead");
  auto sight = GetJson(CoalitionUrl("/organisations/iff/line-of-sight", detroit));
  ASSERT_EQ(sight["paths"].size(), 1u);
  EXPECT_EQ(sight["paths"][0]["path"], Json::array({"I4", "G4"}));
  EXPECT_EQ(sight["outcomes"], Json::array({"G4"}));
  EXPECT_EQ(Get(CoalitionUrl("/organisations/nobody/line-of-sight", detroit)).status, 404);

  // export -> import -> export is identical.
  auto first = Export(detroit);
  int again = Import(first);
  EXPECT_EQ(Export(again), first);
}

TEST_F(WorkApiTest, BadInputIsRefusedAndChangesNothing) {
  ASSERT_EQ(Change(Json::array({{{"op", "add_organisation"}, {"organisation", {{"id", "clinic"}, {"name", "Memory Clinic"}}}},
                                {{"op", "add_contribution"}, {"contribution", {{"id", "c12"}, {"organisation", "clinic"}, {"statement", "CAP2b"}}}},
                                {{"op", "add_initiative"}, {"initiative", {{"id", "i1"}, {"name", "Pilot"}, {"start", "2026-01-01"}, {"end", "2026-06-30"}}}}}))
                .status,
            200);
  auto missing = Refused(Json::array({{{"op", "add_contribution"}, {"contribution", {{"organisation", "ghost"}, {"statement", "CAP2b"}}}}}), 422,
                         "organisation");
  EXPECT_EQ(missing["errors"][0]["kind"], "not_found");
  Refused(Json::array({{{"op", "add_resource"}, {"resource", {{"organisation", "clinic"}, {"amount", -100}, {"unit", "CAD"}}}}}), 422, "amount");
  auto still = Refused(Json::array({{{"op", "remove_organisation"}, {"id", "clinic"}}}), 422, "id");
  EXPECT_NE(still["errors"][0]["reason"].get<std::string>().find("it still contributes to"), std::string::npos) << still.dump();
  EXPECT_NE(still["errors"][0]["reason"].get<std::string>().find("(contribution c12)"), std::string::npos) << still.dump();
  Refused(Json::array({{{"op", "remove_statement"}, {"id", "CAP2b"}}}), 422, "id");
  // A whole batch is refused when one op is bad: the good first op does not land either.
  Refused(Json::array({{{"op", "add_organisation"}, {"organisation", {{"name", "Fine"}}}},
                       {{"op", "update_contribution"}, {"id", "c12"}, {"set", {{"role", "boss"}}}}}),
          422, "role");
  // A milestone outside its initiative's dates is accepted, with a warning.
  auto accepted = Change(Json::array({{{"op", "add_milestone"}, {"initiative", "i1"}, {"milestone", {{"name", "Report"}, {"due", "2026-09-01"}}}}}));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  auto warnings = Json::parse(accepted.body)["warnings"];
  ASSERT_EQ(warnings.size(), 1u) << accepted.body;
  EXPECT_NE(warnings[0].get<std::string>().find("after its initiative 'Pilot' ends"), std::string::npos) << accepted.body;
  // In history, and undoable.
  auto history = GetJson(CoalitionUrl("/history"));
  EXPECT_NE(history.dump().find("added the milestone 'Report' to 'Pilot'"), std::string::npos) << history.dump().substr(0, 600);
  auto undo = Post(CoalitionUrl("/undo"), Json{{"revision", Revision()}}.dump());
  EXPECT_EQ(undo.status, 200) << undo.body;
  EXPECT_TRUE(GetJson(CoalitionUrl("/work"))["initiatives"][0]["milestones"].empty());
}

TEST_F(WorkApiTest, TotalsKeepCurrenciesApart) {
  ASSERT_EQ(Change(Json::array({{{"op", "add_organisation"}, {"organisation", {{"id", "f"}, {"name", "Foundation"}}}},
                                {{"op", "add_resource"}, {"resource", {{"organisation", "f"}, {"amount", 1000}, {"unit", "CAD"}, {"statement", "CAP2b"}}}},
                                {{"op", "add_resource"}, {"resource", {{"organisation", "f"}, {"amount", 250.5}, {"unit", "CAD"}, {"status", "received"}, {"statement", "CAP2b"}}}},
                                {{"op", "add_resource"}, {"resource", {{"organisation", "f"}, {"amount", 80}, {"unit", "USD"}, {"status", "received"}, {"statement", "CAP2b"}}}}}))
                .status,
            200);
  auto by_organisation = GetJson(CoalitionUrl("/resources/totals?by=organisation"));
  ASSERT_EQ(by_organisation["groups"].size(), 1u);
  EXPECT_EQ(by_organisation["groups"][0]["totals"],
            Json::parse(R"([{"unit":"CAD","pledged":1250.5,"received":250.5},{"unit":"USD","pledged":80,"received":80}])"));
  // CAP2b's parent holds its total too (the zoom tree's roll-up).
  auto by_statement = GetJson(CoalitionUrl("/resources/totals?by=statement"));
  std::set<std::string> keys;
  for (const auto& group : by_statement["groups"]) keys.insert(group["key"].get<std::string>());
  EXPECT_TRUE(keys.count("CAP2b") && keys.count("CAP2")) << by_statement.dump();
  EXPECT_EQ(Get(CoalitionUrl("/resources/totals?by=colour")).status, 422);
}

TEST_F(WorkApiTest, ContributorsRecordOnlyTheirOwnOrganisationsWork) {
  auto [token, user_id] = Member("carla", "contributor");
  ASSERT_EQ(Change(Json::array({{{"op", "add_person"}, {"person", {{"id", "carla"}, {"name", "Carla"}, {"account", user_id}, {"organisations", {"asc"}}}}}}))
                .status,
            200);
  auto as_carla = HttpCall("GET", CoalitionUrl("/work"), "", "application/json", {}, &token);
  ASSERT_EQ(as_carla.status, 200) << as_carla.body;
  auto you = Json::parse(as_carla.body)["you"];
  EXPECT_EQ(you["people"], Json::array({"carla"}));
  EXPECT_EQ(you["organisations"], Json::array({"asc"}));
  EXPECT_EQ(you["role"], "contributor");
  auto own = HttpCall("POST", CoalitionUrl("/work"),
                      Json{{"ops", {{{"op", "add_contribution"}, {"contribution", {{"organisation", "asc"}, {"statement", "CAP2b"}, {"role", "lead"}}}},
                                    {{"op", "add_resource"}, {"resource", {{"organisation", "asc"}, {"amount", 20}, {"unit", "hours"}, {"kind", "volunteer_hours"}, {"statement", "CAP2b"}}}}}}}
                          .dump(),
                      "application/json", {}, &token);
  ASSERT_EQ(own.status, 200) << own.body;
  int before = Revision();
  auto other = HttpCall("POST", CoalitionUrl("/work"),
                        Json{{"ops", {{{"op", "add_contribution"}, {"contribution", {{"organisation", "city"}, {"statement", "CAP2b"}}}}}}}.dump(),
                        "application/json", {}, &token);
  EXPECT_EQ(other.status, 403) << other.body;
  auto map_edit = HttpCall("POST", CoalitionUrl("/changes"),
                           Json{{"base_revision", before}, {"ops", {{{"op", "remove_statement"}, {"id", "CAP2b"}}}}}.dump(), "application/json", {}, &token);
  EXPECT_EQ(map_edit.status, 403) << map_edit.body;
  EXPECT_EQ(Revision(), before);
  EXPECT_EQ(GetJson(CoalitionUrl("/work"))["contributions"].size(), 1u);
}

TEST_F(WorkApiTest, PublishedViewsHideWhatIsPrivateAndStopWhenRevoked) {
  ASSERT_EQ(Change(Json::array({{{"op", "add_person"}, {"person", {{"id", "p1"}, {"name", "Zelda Quarterman"}, {"email", "zq@example.org"}, {"organisations", {"asc"}}}}},
                                {{"op", "add_advocate"}, {"advocate", {{"statement", "CAP2b"}, {"person", "p1"}}}},
                                {{"op", "update_action_team"}, {"id", "awareness-action-team"}, {"set", {{"convenor", "p1"}, {"members", {"p1"}}}}}}))
                .status,
            200);
  auto created = Post(CoalitionUrl("/publications"), R"({"show_people": false})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto hidden = Json::parse(created.body);
  std::string token = hidden["token"].get<std::string>();
  EXPECT_EQ(hidden["url"], "/p/" + token);
  auto open = Json::parse(Post(CoalitionUrl("/publications"), R"({"show_people": true})").body);

  std::string anonymous;
  auto public_get = [&](const std::string& path) { return HttpCall("GET", Url(path), "", "application/json", {}, &anonymous); };
  const std::vector<std::string> routes = {"/api/public/" + token + "/work", "/api/public/" + token + "/view",
                                           "/api/public/" + token + "/view?root=CAP2", "/api/public/" + token + "/opportunities",
                                           "/p/" + token};
  for (const auto& route : routes) {
    auto response = public_get(route);
    EXPECT_NE(response.status, 404) << route;
    EXPECT_EQ(response.body.find("Zelda"), std::string::npos) << route;
    EXPECT_EQ(response.body.find("Quarterman"), std::string::npos) << route;
    EXPECT_EQ(response.body.find("zq@example.org"), std::string::npos) << route;
  }
  auto public_work = Json::parse(public_get("/api/public/" + token + "/work").body);
  EXPECT_TRUE(public_work["people"].empty());
  EXPECT_TRUE(public_work["advocates"][0]["person"].is_null());
  EXPECT_EQ(public_work["organisations"].size(), 4u);
  auto opportunities = Json::parse(public_get("/api/public/" + token + "/opportunities").body);
  EXPECT_FALSE(opportunities["statements"].empty());
  // The same with people shown: the name is there (but never the email).
  auto shown = public_get("/api/public/" + open["token"].get<std::string>() + "/work");
  EXPECT_NE(shown.body.find("Zelda Quarterman"), std::string::npos);
  EXPECT_EQ(shown.body.find("zq@example.org"), std::string::npos);
  // The steward lists them; revoking one ends its link (the other keeps working).
  EXPECT_EQ(GetJson(CoalitionUrl("/publications"))["publications"].size(), 2u);
  EXPECT_EQ(HttpCall("DELETE", CoalitionUrl("/publications/" + std::to_string(hidden["id"].get<int>()))).status, 200);
  for (const auto& route : routes) EXPECT_EQ(public_get(route).status, 404) << route;
  EXPECT_EQ(public_get("/api/public/" + open["token"].get<std::string>() + "/work").status, 200);
  EXPECT_EQ(public_get("/api/public/not-a-token/work").status, 404);
  EXPECT_EQ(HttpCall("DELETE", CoalitionUrl("/publications/" + std::to_string(hidden["id"].get<int>()))).status, 404);
}

}  // namespace
}  // namespace coalign::testing
