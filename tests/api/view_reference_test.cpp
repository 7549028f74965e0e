// The view endpoint equals the reference's `view` (shared/reference/analysis_reference.py)
// on every statement of the demo maps and of a generated map of 2,000 statements.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/json_files.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

bool ReferenceAvailable() {
  return std::filesystem::exists("/usr/bin/python3") &&
         RunCommand({"/usr/bin/python3", "-c", "import networkx"}).status == 0;
}

class ViewReferenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ReferenceAvailable())
      GTEST_SKIP() << "python3-networkx is missing (apt-get install python3-networkx): the reference cannot run";
    server_ = std::make_unique<ServerProcess>(dir_.File("views.db"));
  }

  // Imports `files` through the API, exports the stored document, runs the reference on
  // that export for every root, and compares each root's view with the endpoint's.
  void CheckEveryRoot(const std::string& import_body, const std::string& content_type = "application/json") {
    auto imported = Post(server_->BaseUrl() + "/api/coalitions/import", import_body, content_type);
    ASSERT_EQ(imported.status, 201) << imported.body;
    auto id = std::to_string(Json::parse(imported.body)["id"].get<int>());
    auto base = server_->BaseUrl() + "/api/coalitions/" + id;
    auto exported = Get(base + "/export");
    ASSERT_EQ(exported.status, 200);
    auto export_path = dir_.File("export-" + id + ".json");
    WriteText(export_path, exported.body);
    auto reference = RunCommand({"/usr/bin/python3", std::string(COALIGN_SOURCE_DIR) + "/tests/tools/reference_views.py",
                                 Shared("reference"), export_path});
    ASSERT_EQ(reference.status, 0) << reference.err;
    auto expected = Json::parse(reference.out);
    ASSERT_GT(expected.size(), 1u);
    std::size_t compared = 0;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      auto response = Get(base + "/view?root=" + it.key());
      ASSERT_EQ(response.status, 200) << it.key() << ": " << response.body;
      auto view = Json::parse(response.body);
      ASSERT_EQ(view["root"], it.key());
      ASSERT_EQ(view["visible"], (*it)["visible"]) << "root " << it.key();
      ASSERT_EQ(view["links"], (*it)["links"]) << "root " << it.key();
      ASSERT_EQ(view["external"], (*it)["external"]) << "root " << it.key();
      ++compared;
    }
    EXPECT_EQ(compared, expected.size());
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ViewReferenceTest, DementiaNetworkCalgary) {
  CheckEveryRoot(ReadText(Shared("data/demo/dementia-network-calgary.coalign.json")));
}

TEST_F(ViewReferenceTest, HopeStartsHereDetroit) {
  CheckEveryRoot(ReadText(Shared("data/demo/hope-starts-here-detroit.coalign.json")));
}

TEST_F(ViewReferenceTest, ForesightObesityMap) {
  Json upload{{"files", Json::array({{{"name", "nodes.csv"}, {"content", ReadText(Shared("data/real/foresight-obesity-map/nodes.csv"))}},
                                     {{"name", "edges.csv"}, {"content", ReadText(Shared("data/real/foresight-obesity-map/edges.csv"))}}})},
              {"columns", {{"theme", "mapCluster"}}}};
  CheckEveryRoot(upload.dump());
}

TEST_F(ViewReferenceTest, GeneratedMapOf2000) {
  auto generated = RunCommand({"/usr/bin/python3", Shared("bench/genmap.py"), "2000", "--seed", "3"});
  ASSERT_EQ(generated.status, 0) << generated.err;
  CheckEveryRoot(generated.out);
}

}  // namespace
}  // namespace coalign::testing
