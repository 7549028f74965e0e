// `coalign analyze` equals the reference on every real map that coalign imports (the
// CSV maps in shared/data/real/), each analysed as stored: import, export, analyse.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/json_files.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

// Equal JSON, with numbers equal within 1e-6 (the reference rounds to 6 places).
::testing::AssertionResult SameJson(const Json& ours, const Json& theirs, const std::string& where) {
  if (ours.is_number() && theirs.is_number()) {
    if (std::fabs(ours.get<double>() - theirs.get<double>()) <= 1e-6) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << where << ": " << ours << " vs " << theirs;
  }
  if (ours.type() != theirs.type()) return ::testing::AssertionFailure() << where << ": " << ours.dump().substr(0, 200) << " vs " << theirs.dump().substr(0, 200);
  if (ours.is_object()) {
    if (ours.size() != theirs.size()) return ::testing::AssertionFailure() << where << ": different keys";
    for (auto it = theirs.begin(); it != theirs.end(); ++it) {
      if (!ours.contains(it.key())) return ::testing::AssertionFailure() << where << ": missing " << it.key();
      auto same = SameJson(ours[it.key()], it.value(), where + "." + it.key());
      if (!same) return same;
    }
    return ::testing::AssertionSuccess();
  }
  if (ours.is_array()) {
    if (ours.size() != theirs.size()) return ::testing::AssertionFailure() << where << ": " << ours.size() << " vs " << theirs.size() << " items";
    for (std::size_t item_idx = 0; item_idx < ours.size(); ++item_idx) {
      auto same = SameJson(ours[item_idx], theirs[item_idx], where + "[" + std::to_string(item_idx) + "]");
      if (!same) return same;
    }
    return ::testing::AssertionSuccess();
  }
  if (ours == theirs) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << where << ": " << ours << " vs " << theirs;
}

struct RealMap {
  const char* name;
  std::vector<std::string> files;
  std::vector<std::string> extra_import_args;
};

class RealMapsAnalysis : public ::testing::TestWithParam<RealMap> {};

TEST_P(RealMapsAnalysis, CliEqualsReference) {
  if (RunCommand({"/usr/bin/python3", "-c", "import networkx"}).status != 0)
    GTEST_SKIP() << "python3-networkx is missing (apt-get install python3-networkx): the reference cannot run";
  const auto& map = GetParam();
  TempDir dir;
  std::vector<std::string> import = {COALIGN_BINARY, "import", "--db", dir.File("real.db")};
  import.insert(import.end(), map.extra_import_args.begin(), map.extra_import_args.end());
  for (const auto& file : map.files) import.push_back(Shared("data/real/" + file));
  auto imported = RunCommand(import);
  ASSERT_EQ(imported.status, 0) << imported.err;
  auto exported = RunCommand({COALIGN_BINARY, "export", "--db", dir.File("real.db"), "--coalition", "1"});
  ASSERT_EQ(exported.status, 0) << exported.err;
  auto path = dir.File("map.json");
  WriteText(path, exported.out);
  auto doc = Json::parse(exported.out);
  // Drive the what-if from the first two statements and zoom into the first.
  std::string drivers = doc["statements"][0]["id"].get<std::string>() + "," + doc["statements"][1]["id"].get<std::string>();
  for (const std::vector<std::string>& options :
       {std::vector<std::string>{}, {"--scenario", drivers, "--bands", "2", "--loop-max-length", "5", "--loop-list", "7"}}) {
    std::vector<std::string> ours = {COALIGN_BINARY, "analyze", path};
    std::vector<std::string> theirs = {"/usr/bin/python3", Shared("reference/analysis_reference.py"), path};
    ours.insert(ours.end(), options.begin(), options.end());
    theirs.insert(theirs.end(), options.begin(), options.end());
    auto our_run = RunCommand(ours);
    auto their_run = RunCommand(theirs);
    ASSERT_EQ(our_run.status, 0) << our_run.err;
    ASSERT_EQ(their_run.status, 0) << their_run.err;
    EXPECT_TRUE(SameJson(Json::parse(our_run.out), Json::parse(their_run.out), map.name));
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryImportableRealMap, RealMapsAnalysis,
    ::testing::Values(RealMap{"foresight", {"foresight-obesity-map/nodes.csv", "foresight-obesity-map/edges.csv"}, {"--column", "theme=mapCluster"}},
                      RealMap{"chlfs", {"chlfs-pacific-food-cld/nodes.csv", "chlfs-pacific-food-cld/edges.csv"}, {}},
                      RealMap{"fcm", {"overijsselse-vecht-fcm/fcm_edges.csv"}, {}}),
    [](const ::testing::TestParamInfo<RealMap>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace coalign::testing
