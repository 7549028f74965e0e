#include "analysis/betweenness.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "analysis/central.hpp"

namespace coalign::analysis {
namespace {

// One worker's buffers, reused across its sources.
struct BrandesWorker {
  std::vector<double> centrality;
  std::vector<double> path_count;  // sigma
  std::vector<double> dependency;  // delta
  std::vector<std::int32_t> distance;
  std::vector<NodeIndex> order;  // nodes in the order BFS settled them

  explicit BrandesWorker(std::size_t node_count)
      : centrality(node_count, 0.0), path_count(node_count, 0.0), dependency(node_count, 0.0),
        distance(node_count, -1) {
    order.reserve(node_count);
  }

  void Accumulate(const MapGraph& graph, NodeIndex source) {
    order.clear();
    order.push_back(source);
    distance[source] = 0;
    path_count[source] = 1.0;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const NodeIndex node = order[head];
      const std::int32_t next_distance = distance[node] + 1;
      const double node_paths = path_count[node];
      for (std::uint32_t link = graph.out_offsets[node]; link < graph.out_offsets[node + 1]; ++link) {
        const NodeIndex target = graph.out_targets[link];
        if (distance[target] < 0) {
          distance[target] = next_distance;
          order.push_back(target);
        }
        if (distance[target] == next_distance) path_count[target] += node_paths;
      }
    }
    // Dependencies in reverse BFS order; predecessors are the in-neighbours one step nearer.
    for (std::size_t settled = order.size(); settled-- > 1;) {
      const NodeIndex node = order[settled];
      const double coefficient = (1.0 + dependency[node]) / path_count[node];
      const std::int32_t previous_distance = distance[node] - 1;
      for (std::uint32_t pos = graph.in_offsets[node]; pos < graph.in_offsets[node + 1]; ++pos) {
        const NodeIndex source_node = graph.in_sources[pos];
        if (distance[source_node] == previous_distance) dependency[source_node] += path_count[source_node] * coefficient;
      }
      centrality[node] += dependency[node];
    }
    for (NodeIndex node : order) {
      distance[node] = -1;
      path_count[node] = 0.0;
      dependency[node] = 0.0;
    }
  }
};

}  // namespace

std::vector<double> ComputeBetweenness(const MapGraph& graph, unsigned thread_count, bool round_to_6) {
  const std::size_t node_count = graph.NodeCount();
  if (thread_count == 0) thread_count = std::max(1u, std::thread::hardware_concurrency());
  if (node_count < 256) thread_count = 1;
  std::vector<BrandesWorker> workers;
  workers.reserve(thread_count);
  for (unsigned worker_idx = 0; worker_idx < thread_count; ++worker_idx) workers.emplace_back(node_count);
  // Sources handed out in small batches, so that threads finish together.
  std::atomic<std::size_t> next_source{0};
  constexpr std::size_t kBatch = 64;
  auto work = [&](BrandesWorker& worker) {
    for (;;) {
      const std::size_t first = next_source.fetch_add(kBatch);
      if (first >= node_count) return;
      const std::size_t last = std::min(node_count, first + kBatch);
      for (std::size_t source = first; source < last; ++source) worker.Accumulate(graph, static_cast<NodeIndex>(source));
    }
  };
  std::vector<std::thread> threads;
  for (unsigned worker_idx = 1; worker_idx < thread_count; ++worker_idx) threads.emplace_back(work, std::ref(workers[worker_idx]));
  work(workers[0]);
  for (auto& thread : threads) thread.join();

  std::vector<double> centrality(node_count, 0.0);
  for (const auto& worker : workers)
    for (std::size_t node = 0; node < node_count; ++node) centrality[node] += worker.centrality[node];
  if (node_count > 2) {
    const double scale = 1.0 / (static_cast<double>(node_count - 1) * static_cast<double>(node_count - 2));
    for (double& value : centrality) value *= scale;
  }
  if (round_to_6)
    for (double& value : centrality) value = RoundTo6Places(value);
  return centrality;
}

}  // namespace coalign::analysis
