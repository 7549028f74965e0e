#include "analysis/betweenness.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "analysis/central.hpp"
#include "analysis/reach.hpp"
#include "analysis/strong_components.hpp"

namespace coalign::analysis {
namespace {

// The out-lists renumbered in breadth-first order over the undirected links, so that
// linked statements sit near each other in memory (ids in byte-wise order scatter
// them: "s1", "s10", "s100" ...). Brandes' inner loops then mostly hit the L1 cache.
struct LocalGraph {
  std::vector<NodeIndex> original_of;  // local number -> node index
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> targets;
};

LocalGraph Renumber(const MapGraph& graph) {
  const std::size_t node_count = graph.NodeCount();
  LocalGraph local;
  local.original_of.reserve(node_count);
  std::vector<std::uint32_t> local_of(node_count, UINT32_MAX);
  for (NodeIndex root = 0; root < node_count; ++root) {
    if (local_of[root] != UINT32_MAX) continue;
    local_of[root] = static_cast<std::uint32_t>(local.original_of.size());
    local.original_of.push_back(root);
    for (std::size_t head = local_of[root]; head < local.original_of.size(); ++head) {
      const NodeIndex node = local.original_of[head];
      for (std::uint32_t pos = graph.undirected_offsets[node]; pos < graph.undirected_offsets[node + 1]; ++pos) {
        const NodeIndex neighbour = graph.undirected_neighbours[pos];
        if (local_of[neighbour] != UINT32_MAX) continue;
        local_of[neighbour] = static_cast<std::uint32_t>(local.original_of.size());
        local.original_of.push_back(neighbour);
      }
    }
  }
  local.offsets.assign(node_count + 1, 0);
  local.targets.reserve(graph.LinkCount());
  for (std::size_t local_idx = 0; local_idx < node_count; ++local_idx) {
    const NodeIndex node = local.original_of[local_idx];
    local.offsets[local_idx] = static_cast<std::uint32_t>(local.targets.size());
    for (std::uint32_t link = graph.out_offsets[node]; link < graph.out_offsets[node + 1]; ++link)
      local.targets.push_back(local_of[graph.out_targets[link]]);
  }
  local.offsets[node_count] = static_cast<std::uint32_t>(local.targets.size());
  return local;
}

// One worker's buffers, reused across its sources.
struct BrandesWorker {
  struct NodeState {
    std::int32_t distance = -1;
    double path_count = 0.0;   // sigma
    double coefficient = 0.0;  // (1 + delta) / sigma, once the dependency delta is known
  };
  std::vector<double> centrality;
  std::vector<NodeState> state;
  std::vector<std::uint32_t> order;  // nodes in the order BFS settled them

  explicit BrandesWorker(std::size_t node_count) : centrality(node_count, 0.0), state(node_count) {
    order.reserve(node_count);
  }

  // Adds `weight` times the dependencies of `source` (weight: how many sources share this BFS).
  void Accumulate(const LocalGraph& graph, std::uint32_t source, double weight) {
    const std::uint32_t* offsets = graph.offsets.data();
    const std::uint32_t* targets = graph.targets.data();
    NodeState* nodes = state.data();
    order.clear();
    order.push_back(source);
    nodes[source].distance = 0;
    nodes[source].path_count = 1.0;
    for (std::size_t head = 0; head < order.size(); ++head) {
      const std::uint32_t node = order[head];
      const std::int32_t next_distance = nodes[node].distance + 1;
      const double node_paths = nodes[node].path_count;
      for (std::uint32_t link = offsets[node]; link < offsets[node + 1]; ++link) {
        NodeState& target = nodes[targets[link]];
        if (target.distance < 0) {
          target.distance = next_distance;
          order.push_back(targets[link]);
        }
        if (target.distance == next_distance) target.path_count += node_paths;
      }
    }
    // Dependencies in reverse BFS order, pulled from the successors one step further
    // (the same sums as pushing to predecessors, read from the out-lists the forward
    // pass just used): delta[v] = sigma[v] * sum over those w of (1 + delta[w]) / sigma[w].
    for (std::size_t settled = order.size(); settled-- > 0;) {
      const std::uint32_t node = order[settled];
      const std::int32_t next_distance = nodes[node].distance + 1;
      double pulled = 0.0;
      for (std::uint32_t link = offsets[node]; link < offsets[node + 1]; ++link) {
        const NodeState& target = nodes[targets[link]];
        if (target.distance == next_distance) pulled += target.coefficient;
      }
      const double dependency = nodes[node].path_count * pulled;
      nodes[node].coefficient = (1.0 + dependency) / nodes[node].path_count;
      if (settled > 0) centrality[node] += weight * dependency;
    }
    for (std::uint32_t node : order) nodes[node] = NodeState{};
  }
};

}  // namespace

std::vector<double> ComputeBetweenness(const MapGraph& graph, unsigned thread_count, bool round_to_6) {
  const std::size_t node_count = graph.NodeCount();
  if (thread_count == 0) thread_count = std::max(1u, std::thread::hardware_concurrency());
  if (node_count < 256) thread_count = 1;
  const LocalGraph local = Renumber(graph);

  // Folding: a statement s with a single outgoing link s -> u into another strongly
  // connected component (so u cannot reach s) has exactly u's shortest paths, one link
  // longer. Its dependencies are u's, plus |descendants of u| on u itself. So s needs no
  // search of its own: u's search counts for both (weight), and u gets the extra
  // dependency here. Chains fold from the far end (higher component numbers first).
  StrongComponents components = ComputeStrongComponents(graph);
  ReachRequest downstream_only;
  downstream_only.upstream = false;
  downstream_only.potency = false;
  const std::vector<std::uint32_t> descendants = ComputeReach(graph, components, downstream_only).downstream;
  std::vector<double> source_weight(node_count, 1.0);
  std::vector<double> folded_dependency(node_count, 0.0);  // by node index
  std::vector<std::uint8_t> folded(node_count, 0);
  for (std::size_t pos = components.members.size(); pos-- > 0;) {
    const NodeIndex node = components.members[pos];  // component numbers descending
    if (graph.OutDegree(node) != 1) continue;
    const NodeIndex target = graph.out_targets[graph.out_offsets[node]];
    if (components.component_of[target] == components.component_of[node]) continue;
    folded[node] = 1;
    source_weight[target] += source_weight[node];
    folded_dependency[target] += source_weight[node] * descendants[target];
  }
  std::vector<std::uint32_t> sources;  // local numbers of the searches to run
  std::vector<double> local_weight(node_count);
  for (std::uint32_t local_idx = 0; local_idx < node_count; ++local_idx) {
    const NodeIndex node = local.original_of[local_idx];
    local_weight[local_idx] = source_weight[node];
    if (!folded[node] && graph.OutDegree(node) > 0) sources.push_back(local_idx);
  }

  std::vector<BrandesWorker> workers;
  workers.reserve(thread_count);
  for (unsigned worker_idx = 0; worker_idx < thread_count; ++worker_idx) workers.emplace_back(node_count);
  // Sources handed out in small batches, so that threads finish together.
  std::atomic<std::size_t> next_source{0};
  constexpr std::size_t kBatch = 64;
  auto work = [&](BrandesWorker& worker) {
    for (;;) {
      const std::size_t first = next_source.fetch_add(kBatch);
      if (first >= sources.size()) return;
      const std::size_t last = std::min(sources.size(), first + kBatch);
      for (std::size_t source_idx = first; source_idx < last; ++source_idx)
        worker.Accumulate(local, sources[source_idx], local_weight[sources[source_idx]]);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned worker_idx = 1; worker_idx < thread_count; ++worker_idx)
    threads.emplace_back(work, std::ref(workers[worker_idx]));
  work(workers[0]);
  for (auto& thread : threads) thread.join();

  std::vector<double> centrality(folded_dependency);
  for (const auto& worker : workers)
    for (std::size_t local_idx = 0; local_idx < node_count; ++local_idx)
      centrality[local.original_of[local_idx]] += worker.centrality[local_idx];
  if (node_count > 2) {
    const double scale = 1.0 / (static_cast<double>(node_count - 1) * static_cast<double>(node_count - 2));
    for (double& value : centrality) value *= scale;
  }
  if (round_to_6)
    for (double& value : centrality) value = RoundTo6Places(value);
  return centrality;
}

}  // namespace coalign::analysis
