// GET /api/coalitions/{id}/analysis gives what `coalign analyze` and the reference give,
// on the current revision, and a new change invalidates the cached answer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/json_files.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

class AnalysisApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.File("analysis.db"));
    auto imported = Post(server_->BaseUrl() + "/api/coalitions/import",
                         ReadText(Shared("data/demo/dementia-network-calgary.coalign.json")));
    ASSERT_EQ(imported.status, 201) << imported.body;
    base_ = server_->BaseUrl() + "/api/coalitions/" + std::to_string(Json::parse(imported.body)["id"].get<int>());
  }
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string base_;
};

TEST_F(AnalysisApiTest, EqualsTheCliAndTheReferenceOnTheStoredMap) {
  auto exported = Get(base_ + "/export");
  ASSERT_EQ(exported.status, 200);
  auto path = dir_.File("stored.json");
  WriteText(path, exported.body);
  const std::vector<std::string> flags = {"--scenario", "CAP1a,CAP2a", "--view", "CAP1", "--bands", "2"};
  auto cli = RunCommand({COALIGN_BINARY, "analyze", path, flags[0], flags[1], flags[2], flags[3], flags[4], flags[5]});
  ASSERT_EQ(cli.status, 0) << cli.err;
  auto api = Get(base_ + "/analysis?scenario=CAP1a,CAP2a&view=CAP1&bands=2");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.body + "\n", cli.out);  // byte for byte
  if (RunCommand({"/usr/bin/python3", "-c", "import networkx"}).status != 0)
    GTEST_SKIP() << "python3-networkx is missing: compared with the CLI only";
  auto reference = RunCommand({"/usr/bin/python3", Shared("reference/analysis_reference.py"), path, flags[0], flags[1],
                               flags[2], flags[3], flags[4], flags[5]});
  ASSERT_EQ(reference.status, 0) << reference.err;
  EXPECT_EQ(Json::parse(api.body), Json::parse(reference.out));
}

TEST_F(AnalysisApiTest, CachedPerRevisionAndInvalidatedByAChange) {
  auto first = Get(base_ + "/analysis?only=structure,potency");
  ASSERT_EQ(first.status, 200);
  auto again = Get(base_ + "/analysis?only=structure,potency");
  EXPECT_EQ(again.body, first.body);
  // A new top-level outcome fed by SG changes the heads.
  Json ops = Json::array({{{"op", "add_statement"}, {"statement", {{"id", "NEW"}, {"title", "A new outcome"}}}},
                          {{"op", "add_link"}, {"link", {{"from", "PI"}, {"to", "NEW"}}}}});
  ASSERT_EQ(Post(base_ + "/changes", Json{{"base_revision", 1}, {"ops", ops}}.dump()).status, 200);
  auto after = Json::parse(Get(base_ + "/analysis?only=structure").body);
  auto heads = after["structure"]["heads"];
  EXPECT_NE(std::find(heads.begin(), heads.end(), "NEW"), heads.end()) << heads.dump();
  EXPECT_EQ(std::find(heads.begin(), heads.end(), "PI"), heads.end()) << heads.dump();
}

TEST_F(AnalysisApiTest, BadOptionsAreClearErrors) {
  EXPECT_EQ(Get(base_ + "/analysis?only=astrology").status, 422);
  EXPECT_EQ(Get(base_ + "/analysis?scenario=nobody").status, 422);
  EXPECT_EQ(Get(base_ + "/analysis?loop-cap=0").status, 422);
  EXPECT_EQ(Get(base_ + "/analysis?bands=three").status, 422);
  EXPECT_EQ(Get(base_ + "/analysis?view=ghost").status, 422);
}

}  // namespace
}  // namespace coalign::testing
