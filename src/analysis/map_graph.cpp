#include "analysis/map_graph.hpp"

#include <algorithm>
#include <unordered_map>

namespace coalign::analysis {

std::optional<NodeIndex> MapGraph::IndexOf(std::string_view id) const {
  auto found = std::lower_bound(ids.begin(), ids.end(), id,
                                [](const std::string& candidate, std::string_view wanted) { return candidate < wanted; });
  if (found == ids.end() || *found != id) return std::nullopt;
  return static_cast<NodeIndex>(found - ids.begin());
}

namespace {

struct PendingLink {
  NodeIndex from;
  NodeIndex to;
  std::uint32_t document_position;  // decides which of repeated pairs wins: the first
};

// Counting sort of (key, payload) into CSR offsets; stable, so the order within a key is kept.
void FillOffsets(std::vector<std::uint32_t>& offsets, std::size_t node_count) {
  std::uint32_t running = 0;
  for (std::size_t node_idx = 0; node_idx <= node_count; ++node_idx) {
    std::uint32_t count = offsets[node_idx];
    offsets[node_idx] = running;
    running += count;
  }
}

}  // namespace

MapGraph BuildMapGraph(const model::MapState& map) {
  MapGraph graph;
  graph.ids.reserve(map.statements.size());
  for (const auto& statement : map.statements) graph.ids.push_back(statement.id);
  std::sort(graph.ids.begin(), graph.ids.end());
  graph.ids.erase(std::unique(graph.ids.begin(), graph.ids.end()), graph.ids.end());
  const std::size_t node_count = graph.ids.size();

  std::unordered_map<std::string_view, NodeIndex> index_of;
  index_of.reserve(node_count * 2);
  for (std::size_t node_idx = 0; node_idx < node_count; ++node_idx)
    index_of.emplace(graph.ids[node_idx], static_cast<NodeIndex>(node_idx));
  auto lookup = [&](const std::string& id) -> std::int64_t {
    auto found = index_of.find(id);
    return found == index_of.end() ? std::int64_t{-1} : std::int64_t{found->second};
  };

  // As the reference's dict of parents, a repeated statement id takes its last parent.
  graph.parent.assign(node_count, kNoParent);
  for (const auto& statement : map.statements) {
    std::int64_t parent_idx = statement.parent ? lookup(*statement.parent) : kNoParent;
    graph.parent[index_of[statement.id]] = parent_idx < 0 && statement.parent ? kUnknownParent
                                                                              : static_cast<std::int32_t>(parent_idx);
  }

  std::vector<PendingLink> pending;
  pending.reserve(map.links.size());
  for (std::size_t link_idx = 0; link_idx < map.links.size(); ++link_idx) {
    const auto& link = map.links[link_idx];
    std::int64_t from = lookup(link.from), to = lookup(link.to);
    if (from < 0 || to < 0 || from == to) continue;
    pending.push_back({static_cast<NodeIndex>(from), static_cast<NodeIndex>(to), static_cast<std::uint32_t>(link_idx)});
  }
  std::sort(pending.begin(), pending.end(), [](const PendingLink& left, const PendingLink& right) {
    if (left.from != right.from) return left.from < right.from;
    if (left.to != right.to) return left.to < right.to;
    return left.document_position < right.document_position;
  });
  pending.erase(std::unique(pending.begin(), pending.end(),
                            [](const PendingLink& left, const PendingLink& right) {
                              return left.from == right.from && left.to == right.to;
                            }),
                pending.end());

  const std::size_t link_count = pending.size();
  graph.out_offsets.assign(node_count + 1, 0);
  graph.out_targets.resize(link_count);
  graph.out_polarity.resize(link_count);
  graph.out_weight.resize(link_count);
  graph.out_document_position.resize(link_count);
  graph.in_offsets.assign(node_count + 1, 0);
  for (const auto& link : pending) {
    graph.out_offsets[link.from]++;
    graph.in_offsets[link.to]++;
  }
  FillOffsets(graph.out_offsets, node_count);
  FillOffsets(graph.in_offsets, node_count);
  for (std::size_t link_idx = 0; link_idx < link_count; ++link_idx) {
    const auto& source = map.links[pending[link_idx].document_position];
    graph.out_targets[link_idx] = pending[link_idx].to;
    graph.out_polarity[link_idx] = source.polarity >= 0 ? 1 : -1;
    graph.out_weight[link_idx] = source.weight;
    graph.out_document_position[link_idx] = pending[link_idx].document_position;
  }
  // Links are sorted by source, so filling the in-lists in this order keeps sources sorted.
  graph.in_sources.resize(link_count);
  graph.in_link.resize(link_count);
  std::vector<std::uint32_t> cursor(graph.in_offsets.begin(), graph.in_offsets.end() - 1);
  for (std::size_t link_idx = 0; link_idx < link_count; ++link_idx) {
    NodeIndex to = pending[link_idx].to;
    std::uint32_t slot = cursor[to]++;
    graph.in_sources[slot] = pending[link_idx].from;
    graph.in_link[slot] = static_cast<std::uint32_t>(link_idx);
  }

  graph.undirected_offsets.assign(node_count + 1, 0);
  graph.undirected_neighbours.reserve(2 * link_count);
  for (std::size_t node_idx = 0; node_idx < node_count; ++node_idx) {
    graph.undirected_offsets[node_idx] = static_cast<std::uint32_t>(graph.undirected_neighbours.size());
    auto out_it = graph.out_targets.begin() + graph.out_offsets[node_idx];
    auto out_end = graph.out_targets.begin() + graph.out_offsets[node_idx + 1];
    auto in_it = graph.in_sources.begin() + graph.in_offsets[node_idx];
    auto in_end = graph.in_sources.begin() + graph.in_offsets[node_idx + 1];
    std::set_union(out_it, out_end, in_it, in_end, std::back_inserter(graph.undirected_neighbours));
  }
  graph.undirected_offsets[node_count] = static_cast<std::uint32_t>(graph.undirected_neighbours.size());
  return graph;
}

std::optional<Error> FindContainmentCycle(const MapGraph& graph) {
  // 0 = not seen, 1 = on the current walk, 2 = known to end at the top.
  std::vector<std::uint8_t> state(graph.NodeCount(), 0);
  std::vector<NodeIndex> walk;
  for (std::size_t start = 0; start < graph.NodeCount(); ++start) {
    walk.clear();
    std::int32_t cursor = static_cast<std::int32_t>(start);
    while (cursor >= 0 && state[cursor] == 0) {
      state[cursor] = 1;
      walk.push_back(static_cast<NodeIndex>(cursor));
      cursor = graph.parent[cursor];
    }
    if (cursor >= 0 && state[cursor] == 1)
      return Error{"containment cycle: \"" + graph.ids[cursor] + "\" is inside itself", "parent"};
    for (NodeIndex node : walk) state[node] = 2;
  }
  return std::nullopt;
}

}  // namespace coalign::analysis
