// analysis_bench: times each step of the analysis suite on one map, in process, so
// that bench/analysis/run.sh can compare the computation alone with a peer's.
//
//   analysis_bench MAP.json [--only a,b,...] [--threads N] [--repeat R]
//
// Prints one line per step: "<step> <seconds>" (the best of R runs), then "total".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analysis_suite.hpp"
#include "interop/analysis_json.hpp"
#include "interop/native_document.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

double Best(int repeat, const std::function<void()>& step) {
  double best = 1e300;
  for (int run = 0; run < repeat; ++run) {
    auto started = Clock::now();
    step();
    best = std::min(best, Seconds(started));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: analysis_bench MAP.json [--only a,b,...] [--threads N] [--repeat R]\n";
    return 2;
  }
  std::string only = "structure,domain,central,reach,potency,components,loops,view,scenario";
  unsigned threads = 0;
  int repeat = 1;
  for (int arg = 2; arg + 1 < argc; arg += 2) {
    if (!std::strcmp(argv[arg], "--only")) only = argv[arg + 1];
    else if (!std::strcmp(argv[arg], "--threads")) threads = static_cast<unsigned>(std::stoul(argv[arg + 1]));
    else if (!std::strcmp(argv[arg], "--repeat")) repeat = std::max(1, std::stoi(argv[arg + 1]));
  }
  std::vector<std::string> wanted;
  std::stringstream list(only);
  for (std::string name; std::getline(list, name, ',');)
    if (!name.empty()) wanted.push_back(name);
  auto has = [&](const char* name) { return std::find(wanted.begin(), wanted.end(), name) != wanted.end(); };

  std::ifstream file(argv[1], std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  const std::string document_text = text.str();
  coalign::model::MapState map;
  double total = 0;
  auto report = [&](const char* step, double seconds) {
    total += seconds;
    std::printf("%-12s %.6f\n", step, seconds);
  };
  report("read", Best(repeat, [&] { map = coalign::interop::ReadNativeDocument(document_text)->map; }));
  using namespace coalign::analysis;
  MapGraph graph;
  report("graph", Best(repeat, [&] { graph = BuildMapGraph(map); }));
  if (has("structure")) report("structure", Best(repeat, [&] { (void)ComputeStructure(graph); }));
  if (has("domain")) report("domain", Best(repeat, [&] { (void)ComputeDomain(graph); }));
  if (has("central")) report("central", Best(repeat, [&] { (void)ComputeCentral(graph, 3); }));
  StrongComponents components;
  if (has("components") || has("reach") || has("potency"))
    report("components", Best(repeat, [&] {
             components = ComputeStrongComponents(graph);
             (void)ListFeedbackComponents(components);
           }));
  if (has("reach") || has("potency"))
    report("reach", Best(repeat, [&] { (void)ComputeReach(graph, components, ReachRequest{}); }));
  if (has("loops")) report("loops", Best(repeat, [&] { (void)EnumerateLoops(graph, 6, 100000, 100); }));
  if (has("betweenness")) report("betweenness", Best(repeat, [&] { (void)ComputeBetweenness(graph, threads); }));
  if (has("view")) report("view", Best(repeat, [&] { (void)ComputeZoomView(map, graph, "top"); }));
  if (has("scenario")) {
    std::vector<NodeIndex> drivers = {0};
    if (graph.NodeCount() > 1) drivers.push_back(1);
    if (graph.NodeCount() == 0) drivers.clear();
    report("scenario", Best(repeat, [&] { (void)RunScenario(graph, drivers); }));
  }
  AnalysisOptions options;
  options.only = wanted;
  options.thread_count = threads;
  auto suite = RunAnalyses(map, options);
  if (!suite) {
    std::cerr << suite.error().message << "\n";
    return 1;
  }
  report("json", Best(repeat, [&] { (void)coalign::interop::AnalysisReportToJson(*suite); }));
  std::printf("%-12s %.6f\n", "total", total);
  return 0;
}
