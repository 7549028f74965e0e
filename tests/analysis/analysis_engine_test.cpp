// The analysis engine on small hand-made maps whose answers can be worked out by hand,
// and the wrong uses it must refuse. The randomised comparison with the reference is in
// reference_comparison_test.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/analysis_suite.hpp"
#include "interop/analysis_json.hpp"

namespace coalign::analysis {
namespace {

struct LinkSpec {
  std::string from, to;
  int polarity = 1;
  double weight = 1.0;
};

model::MapState MakeMap(const std::vector<std::pair<std::string, std::string>>& statements_with_parent,
                        const std::vector<LinkSpec>& links) {
  model::MapState map;
  for (const auto& [id, parent] : statements_with_parent) {
    model::Statement statement;
    statement.id = id;
    statement.title = "Statement " + id;
    if (!parent.empty()) statement.parent = parent;
    map.statements.push_back(statement);
  }
  int link_number = 0;
  for (const auto& spec : links) {
    model::Link link;
    link.id = "l" + std::to_string(++link_number);
    link.from = spec.from;
    link.to = spec.to;
    link.polarity = spec.polarity;
    link.weight = spec.weight;
    map.links.push_back(link);
  }
  return map;
}

// a -> b (+), b -> c (-), c -> a (+), c -> d, f -> d, b -> a (polarity 0 = +); e alone.
// Also a self-link, a repeated pair with the other sign and a dangling link, all dropped.
model::MapState SmallLoopMap() {
  return MakeMap({{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}, {"e", ""}, {"f", ""}},
                 {{"a", "b", 1},
                  {"b", "c", -1},
                  {"c", "a", 1},
                  {"c", "d", 1},
                  {"f", "d", 1},
                  {"a", "a", 1},
                  {"a", "b", -1},
                  {"a", "zz", 1},
                  {"b", "a", 0}});
}

std::vector<std::string> IdsOf(const MapGraph& graph, const std::vector<NodeIndex>& nodes) {
  std::vector<std::string> ids;
  for (NodeIndex node : nodes) ids.push_back(graph.ids[node]);
  return ids;
}

TEST(MapGraphTest, DropsSelfDanglingAndRepeatedLinksAndSortsIds) {
  auto map = MakeMap({{"b", ""}, {"a", ""}, {"B", ""}, {"é", ""}}, {{"a", "b", -1}, {"a", "b", 1}, {"b", "b"}, {"a", "x"}});
  MapGraph graph = BuildMapGraph(map);
  EXPECT_EQ(graph.ids, (std::vector<std::string>{"B", "a", "b", "é"}));  // byte-wise order
  ASSERT_EQ(graph.LinkCount(), 1u);
  EXPECT_EQ(graph.out_polarity[0], -1);  // the first of the repeated pair wins
  EXPECT_EQ(graph.IndexOf("b"), std::optional<NodeIndex>(2));
  EXPECT_EQ(graph.IndexOf("zz"), std::nullopt);
}

TEST(MapGraphTest, FindsContainmentCycles) {
  auto fine = MakeMap({{"a", ""}, {"b", "a"}, {"c", "b"}, {"d", "unknown"}}, {});
  EXPECT_FALSE(FindContainmentCycle(BuildMapGraph(fine)).has_value());
  auto looped = MakeMap({{"a", "c"}, {"b", "a"}, {"c", "b"}, {"d", ""}}, {});
  auto cycle = FindContainmentCycle(BuildMapGraph(looped));
  ASSERT_TRUE(cycle.has_value());
  EXPECT_NE(cycle->message.find("containment cycle"), std::string::npos);
  auto self_parent = MakeMap({{"a", "a"}}, {});
  EXPECT_TRUE(FindContainmentCycle(BuildMapGraph(self_parent)).has_value());
}

TEST(StructureTest, HeadsTailsOrphansAndDomain) {
  MapGraph graph = BuildMapGraph(SmallLoopMap());
  Structure structure = ComputeStructure(graph);
  EXPECT_EQ(IdsOf(graph, structure.heads), std::vector<std::string>{"d"});
  EXPECT_EQ(IdsOf(graph, structure.tails), std::vector<std::string>{"f"});
  EXPECT_EQ(IdsOf(graph, structure.orphans), std::vector<std::string>{"e"});
  EXPECT_EQ(ComputeDomain(graph), (std::vector<std::uint32_t>{3, 3, 3, 2, 0, 1}));
}

TEST(CentralTest, SumsInverseDistancesOverBands) {
  MapGraph graph = BuildMapGraph(SmallLoopMap());
  EXPECT_EQ(ComputeCentral(graph, 1), (std::vector<double>{2, 2, 3, 2, 0, 1}));
  EXPECT_EQ(ComputeCentral(graph, 2), (std::vector<double>{2.5, 2.5, 3.5, 3, 0, 1.5}));
  EXPECT_DOUBLE_EQ(ComputeCentral(graph, 3)[5], 2.166667);
  EXPECT_EQ(ComputeCentral(graph, 0), std::vector<double>(6, 0.0));
}

TEST(CentralTest, RoundsAsPython) {
  EXPECT_EQ(RoundTo6Places(0.0000005), 0.0);  // just below the half in binary
  EXPECT_EQ(RoundTo6Places(1.0000005), 1.000001);
  EXPECT_EQ(RoundTo6Places(2.0000025), 2.000002);
  EXPECT_EQ(RoundTo6Places(0.1234565), 0.123456);
  EXPECT_EQ(RoundTo6Places(2.0 / 3.0), 0.666667);
  EXPECT_TRUE(std::signbit(RoundTo6Places(-0.0000001)));  // Python keeps the sign: -0.0
  EXPECT_FALSE(std::signbit(RoundTo6Places(-0.0)));        // r6 adds 0.0 first
}

TEST(ReachTest, CountsAncestorsDescendantsAndHeads) {
  MapGraph graph = BuildMapGraph(SmallLoopMap());
  StrongComponents components = ComputeStrongComponents(graph);
  ReachCounts counts = ComputeReach(graph, components, ReachRequest{});
  EXPECT_EQ(counts.downstream, (std::vector<std::uint32_t>{3, 3, 3, 0, 0, 1}));
  EXPECT_EQ(counts.upstream, (std::vector<std::uint32_t>{2, 2, 2, 4, 0, 0}));
  EXPECT_EQ(counts.potency, (std::vector<std::uint32_t>{1, 1, 1, 0, 0, 1}));
}

TEST(ReachTest, SmallMemoryBudgetGivesTheSameCounts) {
  // A chain of 300 with a back link, so that counting runs in many one-word chunks.
  std::vector<std::pair<std::string, std::string>> statements;
  std::vector<LinkSpec> links;
  for (int idx = 0; idx < 300; ++idx) {
    statements.push_back({"n" + std::to_string(1000 + idx), ""});
    if (idx) links.push_back({"n" + std::to_string(999 + idx), "n" + std::to_string(1000 + idx)});
  }
  links.push_back({"n1200", "n1100"});
  MapGraph graph = BuildMapGraph(MakeMap(statements, links));
  StrongComponents components = ComputeStrongComponents(graph);
  ReachRequest tiny;
  tiny.memory_budget_bytes = 1;
  ReachCounts chunked = ComputeReach(graph, components, tiny);
  ReachCounts whole = ComputeReach(graph, components, ReachRequest{});
  EXPECT_EQ(chunked.downstream, whole.downstream);
  EXPECT_EQ(chunked.upstream, whole.upstream);
  EXPECT_EQ(chunked.potency, whole.potency);
  EXPECT_EQ(whole.downstream[0], 299u);
  EXPECT_EQ(whole.upstream[299], 299u);
  EXPECT_EQ(whole.downstream[150], 199u);  // inside the loop 1100..1200: all of it and the chain to 1299
  EXPECT_EQ(whole.potency[0], 1u);
}

TEST(ComponentsTest, ListsFeedbackComponentsLargestFirst) {
  auto map = MakeMap({{"a", ""}, {"b", ""}, {"c", ""}, {"x", ""}, {"y", ""}, {"p", ""}, {"q", ""}, {"r", ""}},
                     {{"x", "y"}, {"y", "x"}, {"p", "q"}, {"q", "r"}, {"r", "p"}, {"a", "b"}, {"b", "a"}, {"c", "a"}});
  MapGraph graph = BuildMapGraph(map);
  auto listed = ListFeedbackComponents(ComputeStrongComponents(graph));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(IdsOf(graph, listed[0]), (std::vector<std::string>{"p", "q", "r"}));
  EXPECT_EQ(IdsOf(graph, listed[1]), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(IdsOf(graph, listed[2]), (std::vector<std::string>{"x", "y"}));
}

TEST(LoopsTest, FindsLoopsInOrderWithPolarity) {
  MapGraph graph = BuildMapGraph(SmallLoopMap());
  LoopCensus census = EnumerateLoops(graph, 6, 100000, 100);
  EXPECT_EQ(census.count, 2u);
  EXPECT_EQ(census.reinforcing, 1u);
  EXPECT_EQ(census.Balancing(), 1u);
  EXPECT_FALSE(census.truncated);
  ASSERT_EQ(census.listed.size(), 2u);
  EXPECT_EQ(IdsOf(graph, census.listed[0].nodes), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(census.listed[0].reinforcing);
  EXPECT_EQ(IdsOf(graph, census.listed[1].nodes), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_FALSE(census.listed[1].reinforcing);
}

TEST(LoopsTest, CapLengthAndListLimits) {
  MapGraph graph = BuildMapGraph(SmallLoopMap());
  LoopCensus capped = EnumerateLoops(graph, 6, 1, 100);
  EXPECT_EQ(capped.count, 1u);
  EXPECT_TRUE(capped.truncated);  // stops at the cap, as the reference does
  EXPECT_EQ(EnumerateLoops(graph, 2, 100000, 100).count, 1u);
  EXPECT_EQ(EnumerateLoops(graph, 1, 100000, 100).count, 0u);
  EXPECT_EQ(EnumerateLoops(graph, 0, 100000, 100).count, 0u);
  LoopCensus unlisted = EnumerateLoops(graph, 6, 100000, 0);
  EXPECT_EQ(unlisted.count, 2u);
  EXPECT_TRUE(unlisted.listed.empty());
}

TEST(LoopsTest, CompleteGraphCountsAllElementaryCycles) {
  // K5 has sum over k=2..5 of C(5,k)(k-1)! = 10 + 20 + 30 + 24 = 84 elementary cycles.
  std::vector<std::pair<std::string, std::string>> statements;
  std::vector<LinkSpec> links;
  for (char from = 'a'; from <= 'e'; ++from) {
    statements.push_back({std::string(1, from), ""});
    for (char to = 'a'; to <= 'e'; ++to)
      if (from != to) links.push_back({std::string(1, from), std::string(1, to), from == 'a' ? -1 : 1});
  }
  MapGraph graph = BuildMapGraph(MakeMap(statements, links));
  EXPECT_EQ(EnumerateLoops(graph, 5, 100000, 0).count, 84u);
  EXPECT_EQ(EnumerateLoops(graph, 3, 100000, 0).count, 30u);
  // Loops through "a" (one negative link each) balance; the 4 + ... others reinforce.
  LoopCensus census = EnumerateLoops(graph, 5, 100000, 0);
  EXPECT_EQ(census.Balancing(), 4u + 12u + 24u + 24u);  // cycles through a: C(4,k-1)(k-1)!
}

TEST(BetweennessTest, NormalisedAsNetworkX) {
  MapGraph graph = BuildMapGraph(SmallLoopMap());
  EXPECT_EQ(ComputeBetweenness(graph, 1), (std::vector<double>{0.05, 0.1, 0.1, 0, 0, 0}));
  EXPECT_EQ(ComputeBetweenness(graph, 3), ComputeBetweenness(graph, 1));
  MapGraph pair = BuildMapGraph(MakeMap({{"a", ""}, {"b", ""}}, {{"a", "b"}}));
  EXPECT_EQ(ComputeBetweenness(pair), (std::vector<double>{0, 0}));
}

TEST(ScenarioTest, ClampsDriversAndIteratesTanh) {
  auto map = MakeMap({{"x", ""}, {"y", ""}, {"z", ""}}, {{"x", "y", -1, 0.5}, {"y", "z", 1, 1.0}});
  MapGraph graph = BuildMapGraph(map);
  ScenarioOutcome outcome = RunScenario(graph, {0, 0});
  EXPECT_EQ(outcome.drivers, std::vector<NodeIndex>{0});
  // The same steps, written out.
  double x = 1, y = 0, z = 0;
  int iterations = 0;
  for (int step = 1; step <= 100; ++step) {
    iterations = step;
    double next_y = std::tanh(y + -0.5 * x), next_z = std::tanh(z + 1.0 * y);
    double moved = std::max(std::fabs(next_y - y), std::fabs(next_z - z));
    y = next_y;
    z = next_z;
    if (moved < 1e-5) break;
  }
  EXPECT_EQ(outcome.iterations, iterations);
  EXPECT_EQ(outcome.activation[0], 1.0);
  EXPECT_EQ(outcome.activation[1], RoundTo6Places(y));
  EXPECT_EQ(outcome.activation[2], RoundTo6Places(z));
  ScenarioOutcome idle = RunScenario(graph, {});
  EXPECT_EQ(idle.iterations, 1);
  EXPECT_EQ(idle.activation, std::vector<double>(3, 0.0));
}

TEST(ZoomViewTest, LiftsLinksToVisibleStatements) {
  auto map = MakeMap({{"g", ""}, {"h", ""}, {"g1", "g"}, {"g2", "g"}, {"h1", "h"}, {"g11", "g1"}},
                     {{"g11", "h1", 1}, {"g2", "h", -1}, {"g1", "g2"}, {"h1", "g"}});
  auto top = ComputeZoomView(map, "top");
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->visible, (std::vector<std::string>{"g", "h"}));
  ASSERT_EQ(top->links.size(), 2u);
  EXPECT_EQ(top->links[0].from, "g");
  EXPECT_EQ(top->links[0].count, 2);
  EXPECT_EQ(top->links[0].polarity, "mixed");
  EXPECT_EQ(top->links[0].link_ids, (std::vector<std::string>{"l1", "l2"}));
  EXPECT_EQ(top->links[1].from, "h");
  auto inside = ComputeZoomView(map, "g");
  ASSERT_TRUE(inside.ok());
  EXPECT_EQ(inside->visible, (std::vector<std::string>{"g1", "g2"}));
  EXPECT_EQ(inside->external["g1"].out, 1);  // g11 -> h1
  EXPECT_EQ(inside->external["g2"].out, 1);  // g2 -> h
  EXPECT_EQ(inside->links.size(), 1u);       // g1 -> g2
  EXPECT_FALSE(ComputeZoomView(map, "nowhere").ok());
}

TEST(AnalysisSuiteTest, RefusesWrongUsage) {
  auto map = SmallLoopMap();
  AnalysisOptions options;
  options.only = {"loops", "sideways", "central"};
  auto unknown = RunAnalyses(map, options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("unknown analyses: sideways"), std::string::npos);

  auto refused = [&](auto change) {
    AnalysisOptions bad;
    change(bad);
    return !RunAnalyses(map, bad).ok();
  };
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.loop_cap = 0; }));
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.loop_cap = -5; }));
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.bands = -1; }));
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.loop_max_length = -1; }));
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.loop_list = -1; }));
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.scenario_drivers = {"a", "ghost"}; }));
  EXPECT_TRUE(refused([](AnalysisOptions& bad) { bad.view_root = "ghost"; }));
  // An unknown driver does not matter when no scenario is asked for.
  AnalysisOptions no_scenario;
  no_scenario.only = {"structure"};
  no_scenario.scenario_drivers = {"ghost"};
  EXPECT_TRUE(RunAnalyses(map, no_scenario).ok());

  auto looped = MakeMap({{"a", "b"}, {"b", "a"}}, {});
  auto cycle = RunAnalyses(looped, AnalysisOptions{});
  ASSERT_FALSE(cycle.ok());
  EXPECT_NE(cycle.error().message.find("containment cycle"), std::string::npos);
}

TEST(AnalysisSuiteTest, RunsOnlyWhatIsAskedAndEncodesAsTheReference) {
  AnalysisOptions options;
  options.only = {"structure", "loops"};
  options.loop_list = 1;
  auto report = RunAnalyses(SmallLoopMap(), options);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->central.has_value());
  EXPECT_EQ(interop::AnalysisReportToJson(*report),
            "{\"links\":6,\"loops\":{\"balancing\":1,\"count\":2,\"listed\":[{\"ids\":[\"a\",\"b\"],\"polarity\":"
            "\"reinforcing\"}],\"max_length\":6,\"reinforcing\":1,\"truncated\":false},\"statements\":6,"
            "\"structure\":{\"heads\":[\"d\"],\"orphans\":[\"e\"],\"tails\":[\"f\"]}}");
}

TEST(AnalysisSuiteTest, EmptyMap) {
  auto report = RunAnalyses(model::MapState{}, AnalysisOptions{});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(interop::AnalysisReportToJson(*report),
            "{\"betweenness\":{},\"central\":{},\"components\":[],\"domain\":{},\"links\":0,\"loops\":{"
            "\"balancing\":0,\"count\":0,\"listed\":[],\"max_length\":6,\"reinforcing\":0,\"truncated\":false},"
            "\"potency\":{},\"reach\":{},\"scenario\":{\"activation\":{},\"drivers\":[],\"iterations\":1},"
            "\"statements\":0,\"structure\":{\"heads\":[],\"orphans\":[],\"tails\":[]},\"view\":{\"external\":{},"
            "\"links\":[],\"root\":\"top\",\"visible\":[]}}");
}

TEST(AnalysisJsonTest, FloatsAndStringsAsPython) {
  auto text = [](double value) {
    std::string out;
    interop::AppendPythonFloat(out, value);
    return out;
  };
  EXPECT_EQ(text(1e-05), "1e-05");
  EXPECT_EQ(text(0.0001), "0.0001");
  EXPECT_EQ(text(1.0), "1.0");
  EXPECT_EQ(text(0.0), "0.0");
  EXPECT_EQ(text(-0.0), "-0.0");
  EXPECT_EQ(text(123456789012345680.0), "1.2345678901234568e+17");
  EXPECT_EQ(text(1e16), "1e+16");
  EXPECT_EQ(text(1e15), "1000000000000000.0");
  EXPECT_EQ(text(0.1), "0.1");
  EXPECT_EQ(text(-0.5), "-0.5");
  EXPECT_EQ(text(1.5e-07), "1.5e-07");
  EXPECT_EQ(text(3e300), "3e+300");
  EXPECT_EQ(text(0.666667), "0.666667");
  std::string out;
  interop::AppendJsonString(out, "a\"b\\c\n\x01 é 😀");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001 \\u00e9 \\ud83d\\ude00\"");
}

}  // namespace
}  // namespace coalign::analysis
