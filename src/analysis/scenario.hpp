// Fuzzy-cognitive-map what-if (reference `scenario`): drivers are clamped at 1, all
// else starts at 0; each step a_i <- tanh(a_i + sum over links j->i of polarity *
// weight * a_j), drivers put back to 1; stop when no value moves more than `epsilon`,
// or after `max_steps`.
#pragma once

#include <vector>

#include "analysis/map_graph.hpp"

namespace coalign::analysis {

struct ScenarioOutcome {
  std::vector<NodeIndex> drivers;  // sorted, each once
  int iterations = 0;
  std::vector<double> activation;  // by node index, rounded to 6 places
};

ScenarioOutcome RunScenario(const MapGraph& graph, std::vector<NodeIndex> drivers, int max_steps = 100,
                            double epsilon = 1e-5);

}  // namespace coalign::analysis
