#include "analysis/central.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace coalign::analysis {

double RoundTo6Places(double value) {
  if (!std::isfinite(value)) return value;
  value += 0.0;  // as the reference's r6: -0.0 becomes 0.0 (other negatives keep their sign, even when rounded to zero)
  const double scaled = value * 1e6;
  if (std::fabs(scaled) < 1e15) {
    const double floor_scaled = std::floor(scaled);
    const double fraction = scaled - floor_scaled;
    // Away from a half-way point the rounded integer is certain; r / 1e6 is then the
    // double nearest that decimal, since both operands are exact.
    if (std::fabs(fraction - 0.5) > 1e-9 + std::fabs(scaled) * 1e-15) {
      const double rounded = fraction < 0.5 ? floor_scaled : floor_scaled + 1;
      return std::copysign(rounded / 1e6, value);
    }
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", value);  // exact, ties to even (glibc)
  return std::strtod(text, nullptr);
}

std::vector<double> ComputeCentral(const MapGraph& graph, int bands) {
  const std::size_t node_count = graph.NodeCount();
  std::vector<double> central(node_count, 0.0);
  if (bands < 1) return central;
  std::vector<std::uint32_t> visited_stamp(node_count, 0);
  std::vector<NodeIndex> frontier, next_frontier;
  for (NodeIndex source = 0; source < node_count; ++source) {
    const std::uint32_t stamp = source + 1;
    visited_stamp[source] = stamp;
    frontier.assign(1, source);
    double sum = 0.0;  // added in the reference's order: all of distance 1, then 2, ...
    for (int distance = 1; distance <= bands && !frontier.empty(); ++distance) {
      next_frontier.clear();
      for (NodeIndex node : frontier) {
        for (std::uint32_t pos = graph.undirected_offsets[node]; pos < graph.undirected_offsets[node + 1]; ++pos) {
          NodeIndex neighbour = graph.undirected_neighbours[pos];
          if (visited_stamp[neighbour] == stamp) continue;
          visited_stamp[neighbour] = stamp;
          next_frontier.push_back(neighbour);
        }
      }
      const double weight = 1.0 / distance;
      for (std::size_t count = 0; count < next_frontier.size(); ++count) sum += weight;
      frontier.swap(next_frontier);
    }
    central[source] = RoundTo6Places(sum);
  }
  return central;
}

}  // namespace coalign::analysis
