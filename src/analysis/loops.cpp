#include "analysis/loops.hpp"

#include <limits>

namespace coalign::analysis {

LoopCensus EnumerateLoops(const MapGraph& graph, int max_length, std::uint64_t cap, std::size_t list_limit) {
  LoopCensus census;
  census.max_length = max_length;
  const std::size_t node_count = graph.NodeCount();
  if (max_length < 2 || node_count == 0) return census;
  const std::uint32_t length_limit = static_cast<std::uint32_t>(max_length);

  // distance_to_start[v]: fewest links from v back to the start through statements with
  // a larger id (a lower bound on what any path from v can do). A branch is followed
  // only if it can still close a loop in time, which skips dead subtrees without
  // changing the order in which loops are found.
  constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> distance_to_start(node_count, kFar);
  std::vector<NodeIndex> touched, frontier, next_frontier;
  std::vector<std::uint8_t> on_path(node_count, 0);

  struct Frame {
    NodeIndex node;
    std::uint32_t next_link;
    std::uint32_t negatives;  // negative links on the path up to this node
  };
  std::vector<Frame> stack;
  std::vector<NodeIndex> path;

  for (NodeIndex start = 0; start < node_count && !census.truncated; ++start) {
    if (graph.OutDegree(start) == 0 || graph.InDegree(start) == 0) continue;
    // Backward BFS from start, up to max_length - 1 links, over larger ids only.
    for (NodeIndex node : touched) distance_to_start[node] = kFar;
    touched.clear();
    frontier.assign(1, start);
    for (std::uint32_t distance = 1; distance < length_limit && !frontier.empty(); ++distance) {
      next_frontier.clear();
      for (NodeIndex node : frontier) {
        for (std::uint32_t pos = graph.in_offsets[node]; pos < graph.in_offsets[node + 1]; ++pos) {
          const NodeIndex source = graph.in_sources[pos];
          if (source <= start || distance_to_start[source] != kFar) continue;
          distance_to_start[source] = distance;
          touched.push_back(source);
          next_frontier.push_back(source);
        }
      }
      frontier.swap(next_frontier);
    }

    path.assign(1, start);
    on_path[start] = 1;
    stack.assign(1, Frame{start, graph.out_offsets[start], 0});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next_link == graph.out_offsets[frame.node + 1]) {
        on_path[frame.node] = 0;
        path.pop_back();
        stack.pop_back();
        continue;
      }
      const std::uint32_t link = frame.next_link++;
      const NodeIndex next = graph.out_targets[link];
      const std::uint32_t negatives = frame.negatives + (graph.out_polarity[link] < 0 ? 1 : 0);
      if (next == start) {
        census.count++;
        const bool reinforcing = negatives % 2 == 0;
        census.reinforcing += reinforcing;
        if (census.listed.size() < list_limit) census.listed.push_back({path, reinforcing});
        if (census.count >= cap) {
          census.truncated = true;
          break;
        }
        continue;
      }
      if (next < start || on_path[next] || path.size() >= length_limit) continue;
      // Closing from `next` takes distance_to_start[next] more links: the loop would
      // have path.size() + distance statements.
      if (distance_to_start[next] == kFar || path.size() + distance_to_start[next] > length_limit) continue;
      path.push_back(next);
      on_path[next] = 1;
      stack.push_back(Frame{next, graph.out_offsets[next], negatives});
    }
    for (NodeIndex node : path) on_path[node] = 0;
  }
  return census;
}

}  // namespace coalign::analysis
