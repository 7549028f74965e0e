// `coalign analyze` against the executable definition of the analyses,
// shared/reference/analysis_reference.py: the demo maps, an edge-case map and 50
// generated maps of 50-3,000 statements with varied options, compared as parsed JSON
// (floats within 1e-6, lists in order). Also the Foresight obesity map's loops against
// the loops its publisher derived, and the command's refusals of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "analysis/analysis_suite.hpp"

namespace coalign::analysis {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

const std::string kShared = COALIGN_SHARED_DIR;
const std::string kPython = "/usr/bin/python3";
const std::string kReference = kShared + "/reference/analysis_reference.py";
const std::string kGenmap = kShared + "/bench/genmap.py";

std::string ReadText(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream stream(path, std::ios::binary);
  stream << text;
}

// Runs a shell command; returns its exit status (-1 if it did not exit normally).
int RunShell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

bool ReferenceAvailable() { return RunShell(kPython + " -c 'import networkx' >/dev/null 2>&1") == 0; }

// A scratch directory removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    char pattern[] = "/tmp/coalign-analysis-test-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Differences between two parsed JSON values: numbers within 1e-6, everything else equal.
void Compare(const Json& expected, const Json& actual, const std::string& where, std::vector<std::string>& diffs) {
  if (diffs.size() >= 8) return;
  if (expected.is_number() && actual.is_number()) {
    if (expected.is_number_float() || actual.is_number_float()) {
      if (std::fabs(expected.get<double>() - actual.get<double>()) > 1e-6)
        diffs.push_back(where + ": expected " + expected.dump() + ", got " + actual.dump());
    } else if (expected != actual) {
      diffs.push_back(where + ": expected " + expected.dump() + ", got " + actual.dump());
    }
    return;
  }
  if (expected.type() != actual.type()) {
    diffs.push_back(where + ": expected " + expected.dump().substr(0, 200) + ", got " + actual.dump().substr(0, 200));
    return;
  }
  if (expected.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) diffs.push_back(where + "." + it.key() + ": missing");
      else Compare(it.value(), actual[it.key()], where + "." + it.key(), diffs);
    }
    for (auto it = actual.begin(); it != actual.end(); ++it)
      if (!expected.contains(it.key())) diffs.push_back(where + "." + it.key() + ": not in the reference");
    return;
  }
  if (expected.is_array()) {
    if (expected.size() != actual.size())
      diffs.push_back(where + ": " + std::to_string(expected.size()) + " items expected, got " +
                      std::to_string(actual.size()));
    for (std::size_t idx = 0; idx < std::min(expected.size(), actual.size()); ++idx)
      Compare(expected[idx], actual[idx], where + "[" + std::to_string(idx) + "]", diffs);
    return;
  }
  if (expected != actual) diffs.push_back(where + ": expected " + expected.dump() + ", got " + actual.dump());
}

struct Case {
  std::string name;
  std::string map_path;
  std::vector<std::string> arguments;
  std::vector<std::string> genmap_arguments;  // when set, the map is generated first
};

// Runs the reference and coalign on each case (in parallel) and returns the failures.
std::vector<std::string> RunCases(const std::vector<Case>& cases, const ScratchDir& scratch) {
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t case_idx; (case_idx = next.fetch_add(1)) < cases.size();) {
      const Case& test_case = cases[case_idx];
      auto fail = [&](const std::string& message) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(test_case.name + ": " + message);
      };
      if (!test_case.genmap_arguments.empty()) {
        std::string command = kPython + " " + kGenmap;
        for (const auto& argument : test_case.genmap_arguments) command += " " + Quote(argument);
        if (RunShell(command + " > " + Quote(test_case.map_path)) != 0) {
          fail("genmap failed");
          continue;
        }
      }
      std::string arguments;
      for (const auto& argument : test_case.arguments) arguments += " " + Quote(argument);
      const std::string expected_path = scratch.File("expected-" + std::to_string(case_idx) + ".json");
      const std::string actual_path = scratch.File("actual-" + std::to_string(case_idx) + ".json");
      if (RunShell(kPython + " " + kReference + " " + Quote(test_case.map_path) + arguments + " > " + expected_path) != 0) {
        fail("the reference failed");
        continue;
      }
      const std::string errors_path = scratch.File("errors-" + std::to_string(case_idx) + ".txt");
      if (RunShell(std::string(COALIGN_BINARY) + " analyze " + Quote(test_case.map_path) + arguments + " > " +
              actual_path + " 2> " + errors_path) != 0) {
        fail("coalign analyze failed: " + ReadText(errors_path));
        continue;
      }
      Json expected = Json::parse(ReadText(expected_path), nullptr, false);
      Json actual = Json::parse(ReadText(actual_path), nullptr, false);
      if (actual.is_discarded()) {
        fail("coalign printed no JSON");
        continue;
      }
      std::vector<std::string> diffs;
      Compare(expected, actual, "", diffs);
      if (!diffs.empty()) {
        std::string message = "differs (" + arguments + "):";
        for (const auto& diff : diffs) message += "\n    " + diff;
        fail(message);
      }
      fs::remove(expected_path);
      fs::remove(actual_path);
    }
  };
  const unsigned thread_count = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (unsigned idx = 0; idx < thread_count; ++idx) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  return failures;
}

void ExpectNoFailures(const std::vector<std::string>& failures) {
  for (const auto& failure : failures) ADD_FAILURE() << failure;
}

// Statement ids of a native document, and those that hold sub-statements.
struct MapIds {
  std::vector<std::string> statements;
  std::vector<std::string> parents;
};

MapIds IdsOfDocument(const std::string& path) {
  MapIds ids;
  Json doc = Json::parse(ReadText(path));
  std::set<std::string> parents;
  for (const auto& statement : doc["statements"]) {
    ids.statements.push_back(statement["id"].get<std::string>());
    if (statement.contains("parent") && statement["parent"].is_string()) parents.insert(statement["parent"].get<std::string>());
  }
  for (const auto& id : ids.statements)
    if (parents.count(id)) ids.parents.push_back(id);
  return ids;
}

TEST(ReferenceComparisonTest, DemoMaps) {
  if (!ReferenceAvailable()) GTEST_SKIP() << "python3 with networkx is not installed (apt-get install python3-networkx)";
  ScratchDir scratch;
  std::vector<Case> cases;
  for (const char* name : {"dementia-network-calgary.coalign.json", "hope-starts-here-detroit.coalign.json"}) {
    const std::string path = kShared + "/data/demo/" + name;
    MapIds ids = IdsOfDocument(path);
    ASSERT_GE(ids.statements.size(), 2u) << name;
    cases.push_back({std::string(name) + " default", path, {}, {}});
    cases.push_back({std::string(name) + " scenario", path,
                     {"--scenario", ids.statements[0] + "," + ids.statements.back(), "--bands", "2", "--loop-list", "0"},
                     {}});
    for (const auto& root : ids.parents)
      cases.push_back({std::string(name) + " view " + root, path, {"--only", "view,structure", "--view", root}, {}});
  }
  ExpectNoFailures(RunCases(cases, scratch));
}

TEST(ReferenceComparisonTest, EdgeCaseMap) {
  if (!ReferenceAvailable()) GTEST_SKIP() << "python3 with networkx is not installed (apt-get install python3-networkx)";
  ScratchDir scratch;
  // Non-ASCII ids (byte-wise order), polarity 0, missing weights, self-links,
  // repeated pairs, dangling links, nesting, and a parent that is not in the map.
  const std::string map = R"({"format":"coalign-map","version":1,"statements":[
    {"id":"Zeta","title":"Z"},{"id":"alpha","title":"a"},{"id":"Ärger","title":"Ä"},{"id":"b","title":"b","parent":"alpha"},
    {"id":"c","title":"c","parent":"b"},{"id":"d","title":"d","parent":"alpha"},{"id":"e","title":"e","parent":"nowhere"},
    {"id":"日本","title":"j"},{"id":"lonely","title":"l"}],
   "links":[{"from":"c","to":"Zeta","polarity":-1,"weight":0.5},{"from":"Zeta","to":"d","polarity":0},
    {"from":"d","to":"c","polarity":1,"weight":0.25},{"from":"c","to":"c"},{"from":"d","to":"c","polarity":-1},
    {"from":"Ärger","to":"日本","polarity":-1,"weight":0.75},{"from":"日本","to":"Ärger","polarity":-1},
    {"from":"e","to":"alpha"},{"from":"alpha","to":"ghost"},{"from":"b","to":"d","polarity":-1},{"from":"d","to":"b"}]})";
  const std::string path = scratch.File("edge.json");
  WriteText(path, map);
  std::vector<Case> cases = {
      {"edge default", path, {}, {}},
      {"edge scenario", path, {"--scenario", "Zeta,日本", "--view", "alpha"}, {}},
      {"edge view b", path, {"--view", "b", "--bands", "1", "--loop-cap", "1"}, {}},
      {"edge view nowhere-child", path, {"--view", "e", "--only", "view"}, {}},
      {"edge short loops", path, {"--loop-max-length", "2", "--loop-list", "1", "--bands", "0"}, {}},
      {"edge no analyses", path, {"--only", ""}, {}},
  };
  ExpectNoFailures(RunCases(cases, scratch));
}

TEST(ReferenceComparisonTest, GeneratedMaps) {
  if (!ReferenceAvailable()) GTEST_SKIP() << "python3 with networkx is not installed (apt-get install python3-networkx)";
  ScratchDir scratch;
  std::mt19937 random(20261203);
  auto uniform = [&](double low, double high) { return std::uniform_real_distribution<double>(low, high)(random); };
  auto pick = [&](int count) { return std::uniform_int_distribution<int>(0, count - 1)(random); };
  std::vector<Case> cases;
  constexpr int kMapCount = 50;
  for (int map_idx = 0; map_idx < kMapCount; ++map_idx) {
    // Sizes from 50 to 3,000, most of them small (the reference is slow on big ones);
    // the largest first, so that the two workers finish together.
    const double spread = 1.0 - static_cast<double>(map_idx) / (kMapCount - 1);
    const int statements = 50 + static_cast<int>(2950 * spread * spread * spread * spread);
    char links_per[16], back[16], negative[16];
    std::snprintf(links_per, sizeof links_per, "%.2f", uniform(1.0, 3.0));
    std::snprintf(back, sizeof back, "%.2f", uniform(0.0, 0.25));
    std::snprintf(negative, sizeof negative, "%.2f", uniform(0.0, 0.5));
    Case test_case;
    test_case.map_path = scratch.File("genmap-" + std::to_string(map_idx) + ".json");
    test_case.genmap_arguments = {std::to_string(statements), "--seed", std::to_string(7000 + map_idx), "--links-per",
                                  links_per, "--back", back, "--negative", negative};
    // genmap's ids are s0..s{n-1}; the first max(1, n/40)*6 can hold sub-statements.
    const int parent_pool = std::min(statements, std::max(1, statements / 40) * 6);
    const int length = 2 + pick(7);  // 2..8
    const int caps[] = {1, 7, 100, 5000, 100000};
    const int lists[] = {0, 3, 100, 1000};
    const int cap = length > 6 ? caps[pick(4)] : caps[pick(5)];
    std::string drivers;
    for (int driver = 1 + pick(3); driver > 0; --driver) drivers += (drivers.empty() ? "s" : ",s") + std::to_string(pick(statements));
    test_case.arguments = {"--bands", std::to_string(1 + pick(4)), "--loop-max-length", std::to_string(length),
                           "--loop-cap", std::to_string(cap), "--loop-list", std::to_string(lists[pick(4)]),
                           "--view", pick(4) == 0 ? std::string("top") : "s" + std::to_string(pick(parent_pool)),
                           "--scenario", drivers};
    test_case.name = "genmap";
    for (const auto& argument : test_case.genmap_arguments) test_case.name += " " + argument;
    cases.push_back(test_case);
  }
  ExpectNoFailures(RunCases(cases, scratch));
}

// The Foresight obesity system map, read here from its own JSON (nodes; connections
// with sourceId, targetId, sign), against the 193 loops of length <= 6 its publisher
// derived: 115 reinforcing, 78 balancing.
TEST(ForesightLoopsTest, MatchesThePublishedLoops) {
  const std::string folder = kShared + "/data/real/foresight-obesity-map/";
  Json source = Json::parse(ReadText(folder + "foresight_obesity_map.json"));
  model::MapState map;
  for (const auto& node : source["nodes"]) {
    model::Statement statement;
    statement.id = std::to_string(node["id"].get<int>());
    statement.title = node["label"].get<std::string>();
    map.statements.push_back(statement);
  }
  for (const auto& connection : source["connections"]) {
    model::Link link;
    link.id = connection["id"].get<std::string>();
    link.from = std::to_string(connection["sourceId"].get<int>());
    link.to = std::to_string(connection["targetId"].get<int>());
    link.polarity = connection["sign"].get<int>() < 0 ? -1 : 1;
    map.links.push_back(link);
  }
  MapGraph graph = BuildMapGraph(map);
  EXPECT_EQ(graph.NodeCount(), 108u);
  LoopCensus census = EnumerateLoops(graph, 6, 100000, 100000);
  EXPECT_EQ(census.count, 193u);
  EXPECT_EQ(census.reinforcing, 115u);
  EXPECT_EQ(census.Balancing(), 78u);
  EXPECT_FALSE(census.truncated);

  // The same loops, each written from its smallest member, with the same polarity.
  auto canonical = [](std::vector<std::string> ids) {
    auto smallest = std::min_element(ids.begin(), ids.end());
    std::rotate(ids.begin(), smallest, ids.end());
    return ids;
  };
  std::map<std::vector<std::string>, std::string> published, ours;
  Json loops = Json::parse(ReadText(folder + "loops.json"));
  for (const auto& loop : loops["loops"]) {
    std::vector<std::string> ids;
    for (const auto& node : loop["nodeIds"]) ids.push_back(std::to_string(node.get<int>()));
    published[canonical(ids)] = loop["type"].get<std::string>();
  }
  for (const auto& loop : census.listed) {
    std::vector<std::string> ids;
    for (NodeIndex node : loop.nodes) ids.push_back(graph.ids[node]);
    ours[canonical(ids)] = loop.reinforcing ? "reinforcing" : "balancing";
  }
  EXPECT_EQ(published.size(), 193u);
  EXPECT_TRUE(ours == published) << "the loops found differ from loops.json";
}

struct CommandOutcome {
  int status;
  std::string stdout_text, stderr_text;
};

CommandOutcome Analyze(const ScratchDir& scratch, const std::string& arguments) {
  const std::string out = scratch.File("out.txt"), err = scratch.File("err.txt");
  CommandOutcome outcome;
  outcome.status = RunShell(std::string(COALIGN_BINARY) + " analyze " + arguments + " > " + out + " 2> " + err);
  outcome.stdout_text = ReadText(out);
  outcome.stderr_text = ReadText(err);
  return outcome;
}

TEST(AnalyzeCommandTest, RefusesBadInputClearly) {
  ScratchDir scratch;
  const std::string good = scratch.File("good.json");
  WriteText(good, R"({"statements":[{"id":"a","title":"A"},{"id":"b","title":"B","parent":"a"}],
                      "links":[{"from":"a","to":"b"}]})");
  CommandOutcome fine = Analyze(scratch, good + " --only structure,domain");
  EXPECT_EQ(fine.status, 0) << fine.stderr_text;
  EXPECT_EQ(fine.stdout_text,
            "{\"domain\":{\"a\":1,\"b\":1},\"links\":1,\"statements\":2,\"structure\":{\"heads\":[\"b\"],"
            "\"orphans\":[],\"tails\":[\"a\"]}}\n");

  auto expect_refused = [&](const std::string& arguments, const std::string& message_part) {
    CommandOutcome outcome = Analyze(scratch, arguments);
    EXPECT_NE(outcome.status, 0) << arguments;
    EXPECT_NE(outcome.stderr_text.find(message_part), std::string::npos)
        << arguments << " said: " << outcome.stderr_text;
    EXPECT_TRUE(outcome.stdout_text.empty()) << arguments;
  };
  expect_refused(good + " --only structure,wibble", "unknown analyses: wibble");
  expect_refused(good + " --scenario a,ghost", "unknown scenario drivers: ghost");
  expect_refused(good + " --loop-cap 0", "loop cap");
  expect_refused(good + " --loop-cap -3", "loop cap");
  expect_refused(good + " --bands -1", "bands");
  expect_refused(good + " --loop-list -1", "loops to list");
  expect_refused(good + " --loop-max-length -2", "loop length");
  expect_refused(good + " --view ghost", "ghost");
  expect_refused(good + " --bands many", "many");
  expect_refused(scratch.File("missing.json"), "cannot open");

  const std::string not_json = scratch.File("not.json");
  WriteText(not_json, "statements: a, b");
  expect_refused(not_json, "not valid JSON");
  const std::string no_statements = scratch.File("empty.json");
  WriteText(no_statements, R"({"links": []})");
  expect_refused(no_statements, "statements");
  const std::string cycle = scratch.File("cycle.json");
  WriteText(cycle, R"({"statements":[{"id":"a","title":"A","parent":"c"},{"id":"b","title":"B","parent":"a"},
                       {"id":"c","title":"C","parent":"b"},{"id":"d","title":"D"}],"links":[]})");
  expect_refused(cycle + " --only structure", "containment cycle");
}

TEST(AnalyzeCommandTest, ReadsACoalitionFromADatabase) {
  if (!ReferenceAvailable()) GTEST_SKIP() << "python3 with networkx is not installed (apt-get install python3-networkx)";
  ScratchDir scratch;
  const std::string map = kShared + "/data/demo/dementia-network-calgary.coalign.json";
  const std::string db = scratch.File("maps.db");
  ASSERT_EQ(RunShell(std::string(COALIGN_BINARY) + " import --db " + db + " " + map + " > /dev/null 2>&1"), 0);
  const std::string expected_path = scratch.File("expected.json");
  ASSERT_EQ(RunShell(kPython + " " + kReference + " " + map + " > " + expected_path), 0);
  CommandOutcome from_db = Analyze(scratch, "--db " + db + " --coalition 1");
  EXPECT_EQ(from_db.status, 0) << from_db.stderr_text;
  std::vector<std::string> diffs;
  Compare(Json::parse(ReadText(expected_path)), Json::parse(from_db.stdout_text, nullptr, false), "", diffs);
  for (const auto& diff : diffs) ADD_FAILURE() << diff;

  auto expect_refused = [&](const std::string& arguments, const std::string& message_part) {
    CommandOutcome outcome = Analyze(scratch, arguments);
    EXPECT_NE(outcome.status, 0) << arguments;
    EXPECT_NE(outcome.stderr_text.find(message_part), std::string::npos) << arguments << " said: " << outcome.stderr_text;
  };
  expect_refused("--db " + db + " --coalition 99", "99");
  expect_refused("--db " + scratch.File("none.db") + " --coalition 1", "no database");
  EXPECT_FALSE(fs::exists(scratch.File("none.db")));  // analyze never creates a database
  expect_refused("--db " + db, "--coalition");
  expect_refused("", "either a map file or --db");
  expect_refused(map + " --db " + db + " --coalition 1", "either a map file or --db");
}

}  // namespace
}  // namespace coalign::analysis
