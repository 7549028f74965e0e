#include "analysis/scenario.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/central.hpp"

namespace coalign::analysis {

ScenarioOutcome RunScenario(const MapGraph& graph, std::vector<NodeIndex> drivers, int max_steps, double epsilon) {
  std::sort(drivers.begin(), drivers.end());
  drivers.erase(std::unique(drivers.begin(), drivers.end()), drivers.end());
  const std::size_t node_count = graph.NodeCount();
  std::vector<std::uint8_t> is_driver(node_count, 0);
  for (NodeIndex driver : drivers) is_driver[driver] = 1;
  // Signed weights in in-link order (sources by index), the order the reference sums in.
  std::vector<double> in_weight(graph.in_sources.size());
  for (std::size_t pos = 0; pos < in_weight.size(); ++pos) {
    const std::uint32_t link = graph.in_link[pos];
    in_weight[pos] = graph.out_polarity[link] * graph.out_weight[link];
  }
  // Only statements downstream of a driver ever move: everything else sits at
  // tanh(0 + 0) = 0 exactly, so the steps skip it without changing any value.
  std::vector<std::uint8_t> is_active(is_driver);
  std::vector<NodeIndex> active(drivers);
  for (std::size_t head = 0; head < active.size(); ++head) {
    const NodeIndex node = active[head];
    for (std::uint32_t link = graph.out_offsets[node]; link < graph.out_offsets[node + 1]; ++link) {
      const NodeIndex target = graph.out_targets[link];
      if (is_active[target]) continue;
      is_active[target] = 1;
      active.push_back(target);
    }
  }
  std::sort(active.begin(), active.end());
  std::vector<double> current(node_count, 0.0), next(node_count, 0.0);
  for (NodeIndex driver : drivers) current[driver] = 1.0;
  int iterations = 0;
  for (int step = 1; step <= max_steps; ++step) {
    iterations = step;
    double moved = 0.0;
    for (NodeIndex node : active) {
      if (is_driver[node]) {
        next[node] = 1.0;
      } else {
        double inflow = 0.0;
        for (std::uint32_t pos = graph.in_offsets[node]; pos < graph.in_offsets[node + 1]; ++pos)
          inflow += in_weight[pos] * current[graph.in_sources[pos]];
        next[node] = std::tanh(current[node] + inflow);
      }
      moved = std::max(moved, std::fabs(next[node] - current[node]));
    }
    current.swap(next);
    if (moved < epsilon) break;
  }
  ScenarioOutcome outcome;
  outcome.drivers = std::move(drivers);
  outcome.iterations = iterations;
  outcome.activation.resize(node_count);
  for (NodeIndex node = 0; node < node_count; ++node) outcome.activation[node] = RoundTo6Places(current[node]);
  return outcome;
}

}  // namespace coalign::analysis
