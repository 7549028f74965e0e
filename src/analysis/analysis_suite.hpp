// The analysis suite: runs the chosen analyses of the reference
// (shared/reference/analysis_reference.py) over one map, after checking the request.
// Used by `coalign analyze` and by the HTTP analysis endpoint.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/betweenness.hpp"
#include "analysis/central.hpp"
#include "analysis/loops.hpp"
#include "analysis/map_graph.hpp"
#include "analysis/reach.hpp"
#include "analysis/scenario.hpp"
#include "analysis/strong_components.hpp"
#include "analysis/structure.hpp"
#include "analysis/zoom_view.hpp"
#include "model/map_state.hpp"
#include "model/result.hpp"

namespace coalign::analysis {

// "a,b,,c" -> {"a", "b", "c"}: how --only and --scenario lists are written.
std::vector<std::string> SplitCommaList(const std::string& text);

// The analysis names, in the reference's order.
const std::vector<std::string>& AnalysisNames();

struct AnalysisOptions {
  std::optional<std::vector<std::string>> only;  // analysis names; nullopt = all (an empty list: none)
  int bands = 3;
  int loop_max_length = 6;
  long long loop_cap = 100000;
  long long loop_list = 100;
  std::string view_root = "top";               // "top" or a statement id
  std::vector<std::string> scenario_drivers;  // statement ids
  unsigned thread_count = 0;                   // for betweenness and reach; 0 = all cores
};

struct AnalysisReport {
  MapGraph graph;  // the lists and per-statement vectors below index into graph.ids
  std::optional<Structure> structure;
  std::optional<std::vector<std::uint32_t>> domain;
  std::optional<std::vector<double>> central;
  std::optional<ReachCounts> reach;  // upstream and downstream filled when "reach" was asked
  std::optional<std::vector<std::uint32_t>> potency;
  std::optional<std::vector<std::vector<NodeIndex>>> components;
  std::optional<LoopCensus> loops;
  std::optional<std::vector<double>> betweenness;
  std::optional<ZoomView> view;
  std::optional<ScenarioOutcome> scenario;
};

// Fails on an unknown analysis name, a negative option, a loop cap of 0, an unknown
// scenario driver or zoom root, or a containment cycle in the map.
Result<AnalysisReport> RunAnalyses(const model::MapState& map, const AnalysisOptions& options);

}  // namespace coalign::analysis
