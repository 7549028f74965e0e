// Every route the router serves × every kind of caller → the status the route's access
// level specifies. The routes come from the router itself, so a new route cannot be
// forgotten: it is checked (and needs an expectation) the moment it exists.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "http/app_routes.hpp"
#include "store/account_store.hpp"
#include "support/http_client.hpp"
#include "support/json_files.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

struct Caller {
  std::string label;
  std::string token;          // "" = anonymous
  service::Role role_in_a;    // role in the coalition under test
  bool admin = false;
};

class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.File("matrix.db"));
    admin_token_ = server_->admin_token();
    auto a = Post(Url("/api/coalitions/import"), ReadText(Shared("data/demo/dementia-network-calgary.coalign.json")));
    ASSERT_EQ(a.status, 201) << a.body;
    coalition_a_ = Json::parse(a.body)["id"].get<int>();
    auto b = Post(Url("/api/coalitions"), R"({"name": "Another coalition"})");
    ASSERT_EQ(b.status, 201) << b.body;
    coalition_b_ = Json::parse(b.body)["id"].get<int>();

    callers_.push_back({"anonymous", "", service::Role::none});
    for (auto role : {service::Role::viewer, service::Role::contributor, service::Role::editor, service::Role::steward})
      callers_.push_back({service::RoleName(role), MakeMember(service::RoleName(role), coalition_a_, role), role});
    callers_.push_back({"member of another coalition", MakeMember("outsider", coalition_b_, service::Role::steward), service::Role::none});
    callers_.push_back({"instance admin", admin_token_, service::Role::steward, true});
  }

  std::string Url(const std::string& path) const { return server_->BaseUrl() + path; }

  // A person with `role` in `coalition`, returning their personal API token.
  std::string MakeMember(const std::string& name, int coalition, service::Role role) {
    std::string email = name + "@matrix.test";
    for (auto& c : email)
      if (c == ' ') c = '-';
    auto added = RunCommand({COALIGN_BINARY, "user", "add", "--db", dir_.File("matrix.db"), email, "--name", name,
                             "--password", "matrix-password-1"});
    EXPECT_EQ(added.status, 0) << added.err;
    auto token = RunCommand({COALIGN_BINARY, "user", "token", "--db", dir_.File("matrix.db"), email});
    EXPECT_EQ(token.status, 0) << token.err;
    std::string secret = token.out.substr(0, token.out.find_last_not_of("\r\n") + 1);
    auto users = Json::parse(Get(Url("/api/users")).body);
    int user_id = 0;
    for (const auto& user : users)
      if (user["email"] == email) user_id = user["id"].get<int>();
    auto set = HttpCall("PUT", Url("/api/coalitions/" + std::to_string(coalition) + "/members/" + std::to_string(user_id)),
                        Json{{"role", service::RoleName(role)}}.dump());
    EXPECT_EQ(set.status, 200) << set.body;
    return secret;
  }

  // The concrete path for a route pattern, aimed at coalition A.
  std::string Concrete(const std::string& pattern) const {
    std::string path = std::regex_replace(pattern, std::regex("\\{id\\}"), std::to_string(coalition_a_));
    path = std::regex_replace(path, std::regex("\\{user\\}"), "999999");
    path = std::regex_replace(path, std::regex("\\{token\\}"), "999999");
    path = std::regex_replace(path, std::regex("\\{version\\}"), "999999");
    path = std::regex_replace(path, std::regex("\\{publication\\}"), "999999");
    path = std::regex_replace(path, std::regex("\\{org\\}"), "no-such-org");
    path = std::regex_replace(path, std::regex("\\{code\\}"), "no-such-code");
    EXPECT_EQ(path.find('{'), std::string::npos) << "give the matrix a value for the parameter in " << pattern;
    return path;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_token_;
  int coalition_a_ = 0;
  int coalition_b_ = 0;
  std::vector<Caller> callers_;
};

// The specification: who may call each route. A route the router serves that is missing
// here fails the test, so every new route gets a deliberate decision.
const std::map<std::string, http::Access>& Specified() {
  using http::Access;
  static const std::map<std::string, Access> spec = {
      {"GET /api/openapi.json", Access::anyone},
      {"GET /api/session", Access::anyone},
      {"POST /api/session", Access::anyone},
      {"DELETE /api/session", Access::signed_in},
      {"POST /api/password-reset", Access::anyone},
      {"GET /api/tokens", Access::signed_in},
      {"POST /api/tokens", Access::signed_in},
      {"DELETE /api/tokens/{token}", Access::signed_in},
      {"GET /api/users", Access::admin},
      {"POST /api/users", Access::admin},
      {"GET /api/invites/{code}", Access::anyone},
      {"POST /api/invites/{code}/accept", Access::signed_in},
      {"POST /api/invites/{code}/register", Access::anyone},
      {"GET /api/coalitions", Access::signed_in},
      {"POST /api/coalitions", Access::signed_in},
      {"POST /api/coalitions/import", Access::signed_in},
      {"GET /api/coalitions/{id}", Access::viewer},
      {"GET /api/coalitions/{id}/export", Access::viewer},
      {"GET /api/coalitions/{id}/view", Access::viewer},
      {"GET /api/coalitions/{id}/changes", Access::viewer},
      {"POST /api/coalitions/{id}/changes", Access::editor},
      {"GET /api/coalitions/{id}/live", Access::viewer},
      {"GET /api/coalitions/{id}/members", Access::viewer},
      {"PUT /api/coalitions/{id}/members/{user}", Access::steward},
      {"DELETE /api/coalitions/{id}/members/{user}", Access::steward},
      {"POST /api/coalitions/{id}/invites", Access::steward},
      {"GET /api/coalitions/{id}/history", Access::viewer},
      {"POST /api/coalitions/{id}/undo", Access::editor},
      {"POST /api/coalitions/{id}/redo", Access::editor},
      {"GET /api/coalitions/{id}/versions", Access::viewer},
      {"POST /api/coalitions/{id}/versions", Access::editor},
      {"DELETE /api/coalitions/{id}/versions/{version}", Access::editor},
      {"GET /api/coalitions/{id}/diff", Access::viewer},
      {"POST /api/coalitions/{id}/comments", Access::contributor},
      {"GET /api/coalitions/{id}/comments", Access::viewer},
      {"GET /api/mentions", Access::signed_in},
      {"GET /api/coalitions/{id}/analysis", Access::viewer},
      // who does what (issue 5)
      {"GET /api/coalitions/{id}/work", Access::viewer},
      {"POST /api/coalitions/{id}/work", Access::contributor},
      {"GET /api/coalitions/{id}/resources/totals", Access::viewer},
      {"GET /api/coalitions/{id}/organisations/{org}/line-of-sight", Access::viewer},
      {"GET /api/coalitions/{id}/opportunities", Access::viewer},
      {"POST /api/coalitions/{id}/publications", Access::steward},
      {"GET /api/coalitions/{id}/publications", Access::steward},
      {"DELETE /api/coalitions/{id}/publications/{publication}", Access::steward},
      // public: anyone with a live token; an unknown one (as here) gets 404 "No such publication"
      {"GET /p/{token}", Access::anyone},
      {"GET /api/public/{token}/view", Access::anyone},
      {"GET /api/public/{token}/opportunities", Access::anyone},
      {"GET /api/public/{token}/work", Access::anyone},
  };
  return spec;
}

// What a caller must get from a route of the given access level: 401, 403, 404 (the
// coalition is invisible) or "admitted" (any answer the route itself gives).
enum class Expect { admitted, unauthorised, forbidden, invisible };

Expect Expected(http::Access access, const Caller& caller) {
  if (access == http::Access::anyone) return Expect::admitted;
  if (caller.token.empty()) return Expect::unauthorised;
  if (access == http::Access::signed_in) return Expect::admitted;
  if (access == http::Access::admin) return caller.admin ? Expect::admitted : Expect::forbidden;
  service::Role needed = access == http::Access::viewer        ? service::Role::viewer
                         : access == http::Access::contributor ? service::Role::contributor
                         : access == http::Access::editor      ? service::Role::editor
                                                               : service::Role::steward;
  if (caller.role_in_a == service::Role::none) return Expect::invisible;
  return caller.role_in_a >= needed ? Expect::admitted : Expect::forbidden;
}

TEST_F(AuthorizationMatrix, EveryRouteAndCaller) {
  TempDir listing;
  auto maps_store = store::OpenSqliteStore(listing.File("routes.db"));
  ASSERT_TRUE(maps_store);
  auto account_store = store::OpenSqliteAccountStore(listing.File("routes.db"));
  ASSERT_TRUE(account_store);
  service::MapService maps(**maps_store);
  service::AccountService accounts(**account_store, **maps_store);
  http::Router router;
  service::AnalysisService analyses(maps);
  http::AddAllRoutes(router, http::AppServices{maps, accounts, analyses});
  ASSERT_GT(router.routes().size(), 20u);

  std::size_t checked = 0;
  for (const auto& route : router.routes()) {
    auto specified = Specified().find(route.method + " " + route.pattern);
    ASSERT_NE(specified, Specified().end()) << route.method << " " << route.pattern
                                            << " has no entry in the authorisation specification: add one";
    EXPECT_EQ(http::AccessName(route.access), std::string(http::AccessName(specified->second)))
        << route.method << " " << route.pattern << " declares other access than specified";
    std::string path = Concrete(route.pattern);
    for (const auto& caller : callers_) {
      // A malformed body: admitted state-changing calls are then refused by the route
      // itself, so the matrix changes nothing it depends on.
      std::string body = route.method == "GET" ? "" : "{";
      auto response = HttpCall(route.method, Url(path), body, "application/json", {}, &caller.token);
      auto problem = Json::parse(response.body, nullptr, false);
      std::string title = problem.is_object() ? problem.value("title", "") : "";
      auto expect = Expected(specified->second, caller);
      std::string where = route.method + " " + route.pattern + " as " + caller.label + " → " +
                          std::to_string(response.status) + " " + response.body.substr(0, 160);
      switch (expect) {
        case Expect::unauthorised: EXPECT_EQ(response.status, 401) << where; break;
        case Expect::forbidden: EXPECT_EQ(response.status, 403) << where; break;
        case Expect::invisible:
          EXPECT_EQ(response.status, 404) << where;
          EXPECT_EQ(title, "No such coalition") << where;
          break;
        case Expect::admitted:
          EXPECT_NE(response.status, 401) << where;
          EXPECT_NE(response.status, 403) << where;
          EXPECT_NE(title, "No such coalition") << where;
          EXPECT_LT(response.status, 500) << where;
          break;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, router.routes().size() * callers_.size());
  // Nothing the matrix sent changed coalition A.
  auto summary = Json::parse(Get(Url("/api/coalitions/" + std::to_string(coalition_a_))).body);
  EXPECT_EQ(summary["revision"], 1);
}

TEST_F(AuthorizationMatrix, CookieSessionsNeedTheCsrfToken) {
  // Sign in with a password: the cookie alone may read but not change anything.
  std::string csrf;
  // libcurl here has no cookie jar: carry the cookie by hand, as a browser would.
  std::string cookie;
  {
    // The session id comes only in Set-Cookie, which HttpCall does not return.
    CURL* curl = curl_easy_init();
    std::string headers_seen;
    std::string body = R"({"email": "admin@test.coalign", "password": "test-admin-password"})";
    curl_easy_setopt(curl, CURLOPT_URL, Url("/api/session").c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    struct curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, +[](char* data, size_t size, size_t count, void* out) {
      static_cast<std::string*>(out)->append(data, size * count);
      return size * count;
    });
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &headers_seen);
    std::string response_body;
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t count, void* out) {
      static_cast<std::string*>(out)->append(data, size * count);
      return size * count;
    });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response_body);
    ASSERT_EQ(curl_easy_perform(curl), CURLE_OK);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    std::smatch found;
    ASSERT_TRUE(std::regex_search(headers_seen, found, std::regex("coalign_session=([^;\\r\\n]+)"))) << headers_seen;
    EXPECT_NE(headers_seen.find("HttpOnly"), std::string::npos);
    EXPECT_NE(headers_seen.find("SameSite=Lax"), std::string::npos);
    cookie = "Cookie: coalign_session=" + found[1].str();
    csrf = Json::parse(response_body)["csrf_token"].get<std::string>();
  }
  std::string none;
  std::string change = Json{{"base_revision", 1}, {"ops", Json::array({{{"op", "update_statement"}, {"id", "PI"}, {"set", {{"title", "Changed"}}}}})}}.dump();
  auto url = Url("/api/coalitions/" + std::to_string(coalition_a_) + "/changes");
  EXPECT_EQ(HttpCall("GET", Url("/api/coalitions"), "", "application/json", {cookie}, &none).status, 200);
  auto without = HttpCall("POST", url, change, "application/json", {cookie}, &none);
  EXPECT_EQ(without.status, 403) << without.body;
  auto wrong = HttpCall("POST", url, change, "application/json", {cookie, "X-CSRF-Token: forged"}, &none);
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  auto summary = Json::parse(Get(Url("/api/coalitions/" + std::to_string(coalition_a_))).body);
  EXPECT_EQ(summary["revision"], 1);
  auto with = HttpCall("POST", url, change, "application/json", {cookie, "X-CSRF-Token: " + csrf}, &none);
  EXPECT_EQ(with.status, 200) << with.body;
  // A forged or expired session is no session: 401 on what needs one.
  auto forged = HttpCall("GET", Url("/api/coalitions"), "", "application/json", {"Cookie: coalign_session=forged"}, &none);
  EXPECT_EQ(forged.status, 401);
  // A wrong or revoked token is refused outright.
  std::string bad_token = "coalign_not-a-token";
  EXPECT_EQ(HttpCall("GET", Url("/api/coalitions"), "", "application/json", {}, &bad_token).status, 401);
}

TEST_F(AuthorizationMatrix, SignInIsRateLimited) {
  std::string none;
  int last = 0;
  for (int attempt = 0; attempt < 7; ++attempt)
    last = static_cast<int>(HttpCall("POST", Url("/api/session"), R"({"email": "admin@test.coalign", "password": "wrong"})",
                                     "application/json", {}, &none).status);
  EXPECT_EQ(last, 429);
  // Even the right password waits now.
  auto right = HttpCall("POST", Url("/api/session"), R"({"email": "admin@test.coalign", "password": "test-admin-password"})",
                        "application/json", {}, &none);
  EXPECT_EQ(right.status, 429);
}

}  // namespace
}  // namespace coalign::testing
