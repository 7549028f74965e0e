// Central score (reference `central`): statements at undirected distance k weigh 1/k,
// for k = 1..bands; rounded to 6 places as the reference rounds.
#pragma once

#include <vector>

#include "analysis/map_graph.hpp"

namespace coalign::analysis {

// `bands` < 1 gives all zeros (nothing lies within distance 0 but the statement itself).
std::vector<double> ComputeCentral(const MapGraph& graph, int bands);

// Python's round(x, 6) on a double: the decimal nearest to the exact binary value,
// ties to even, read back as the nearest double.
double RoundTo6Places(double value);

}  // namespace coalign::analysis
