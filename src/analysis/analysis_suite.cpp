#include "analysis/analysis_suite.hpp"

#include <algorithm>

namespace coalign::analysis {

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

const std::vector<std::string>& AnalysisNames() {
  static const std::vector<std::string> names = {"structure", "domain",      "central", "reach", "potency",
                                                 "components", "loops", "betweenness", "view",  "scenario"};
  return names;
}

namespace {

std::optional<Error> CheckOptions(const AnalysisOptions& options) {
  std::vector<std::string> unknown;
  for (const auto& name : options.only.value_or(std::vector<std::string>{}))
    if (std::find(AnalysisNames().begin(), AnalysisNames().end(), name) == AnalysisNames().end() &&
        std::find(unknown.begin(), unknown.end(), name) == unknown.end())
      unknown.push_back(name);
  if (!unknown.empty()) {
    std::sort(unknown.begin(), unknown.end());
    std::string message = "unknown analyses: ";
    for (std::size_t idx = 0; idx < unknown.size(); ++idx) message += (idx ? ", " : "") + unknown[idx];
    std::string known;
    for (const auto& name : AnalysisNames()) known += (known.empty() ? "" : ", ") + name;
    return Error{message + " (known: " + known + ")", "only"};
  }
  if (options.bands < 0) return Error{"bands must be 0 or more", "bands"};
  if (options.loop_max_length < 0) return Error{"the loop length limit must be 0 or more", "loop_max_length"};
  if (options.loop_cap < 1) return Error{"the loop cap must be at least 1", "loop_cap"};
  if (options.loop_list < 0) return Error{"the number of loops to list must be 0 or more", "loop_list"};
  return std::nullopt;
}

}  // namespace

Result<AnalysisReport> RunAnalyses(const model::MapState& map, const AnalysisOptions& options) {
  if (auto error = CheckOptions(options)) return *error;
  auto wanted = [&](const char* name) {
    return !options.only || std::find(options.only->begin(), options.only->end(), name) != options.only->end();
  };
  AnalysisReport report;
  report.graph = BuildMapGraph(map);
  const MapGraph& graph = report.graph;
  if (auto cycle = FindContainmentCycle(graph)) return *cycle;

  std::vector<NodeIndex> drivers;
  if (wanted("scenario")) {
    std::vector<std::string> missing;
    for (const auto& id : options.scenario_drivers) {
      if (auto index = graph.IndexOf(id)) drivers.push_back(*index);
      else missing.push_back(id);
    }
    if (!missing.empty()) {
      std::string message = "unknown scenario drivers: ";
      for (std::size_t idx = 0; idx < missing.size(); ++idx) message += (idx ? ", " : "") + missing[idx];
      return Error{message, "scenario"};
    }
  }
  if (wanted("view")) {
    auto view = ComputeZoomView(map, graph, options.view_root);
    if (!view) return view.error();
    report.view = std::move(*view);
  }

  if (wanted("structure")) report.structure = ComputeStructure(graph);
  if (wanted("domain")) report.domain = ComputeDomain(graph);
  if (wanted("central")) report.central = ComputeCentral(graph, options.bands);
  const bool want_reach = wanted("reach"), want_potency = wanted("potency"), want_components = wanted("components");
  if (want_reach || want_potency || want_components) {
    StrongComponents components = ComputeStrongComponents(graph);
    if (want_components) report.components = ListFeedbackComponents(components);
    if (want_reach || want_potency) {
      ReachRequest request;
      request.upstream = want_reach;
      request.downstream = want_reach;
      request.potency = want_potency;
      ReachCounts counts = ComputeReach(graph, components, request);
      if (want_potency) report.potency = std::move(counts.potency);
      if (want_reach) report.reach = std::move(counts);
    }
  }
  if (wanted("loops"))
    report.loops = EnumerateLoops(graph, options.loop_max_length, static_cast<std::uint64_t>(options.loop_cap),
                                  static_cast<std::size_t>(options.loop_list));
  if (wanted("betweenness")) report.betweenness = ComputeBetweenness(graph, options.thread_count);
  if (wanted("scenario")) report.scenario = RunScenario(graph, std::move(drivers));
  return report;
}

}  // namespace coalign::analysis
