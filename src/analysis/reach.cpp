#include "analysis/reach.hpp"

#include <algorithm>
#include <bit>
#include <thread>

namespace coalign::analysis {
namespace {

struct ComponentDag {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> neighbours;
};

// The condensation's links, one direction: downstream follows out-links (to lower
// component numbers), upstream follows in-links (to higher ones).
ComponentDag BuildComponentDag(const MapGraph& graph, const StrongComponents& components, bool follow_out_links) {
  const std::size_t component_count = components.ComponentCount();
  ComponentDag dag;
  dag.offsets.assign(component_count + 1, 0);
  std::vector<std::uint32_t> last_seen(component_count, UINT32_MAX);
  for (std::uint32_t component = 0; component < component_count; ++component) {
    dag.offsets[component] = static_cast<std::uint32_t>(dag.neighbours.size());
    for (std::uint32_t pos = components.member_offsets[component]; pos < components.member_offsets[component + 1];
         ++pos) {
      const NodeIndex node = components.members[pos];
      const auto& offsets = follow_out_links ? graph.out_offsets : graph.in_offsets;
      const auto& ends = follow_out_links ? graph.out_targets : graph.in_sources;
      for (std::uint32_t link = offsets[node]; link < offsets[node + 1]; ++link) {
        const std::uint32_t other = components.component_of[ends[link]];
        if (other == component || last_seen[other] == component) continue;
        last_seen[other] = component;
        dag.neighbours.push_back(other);
      }
    }
  }
  dag.offsets[component_count] = static_cast<std::uint32_t>(dag.neighbours.size());
  return dag;
}

// For every component, how many statements (bit positions = positions in
// components.members) it reaches, itself included, and how many of those are marked in
// `head_bits` (nullptr: not wanted).
void CountReachable(const StrongComponents& components, const ComponentDag& dag, bool downstream,
                    const std::vector<std::uint64_t>* head_bits, std::size_t memory_budget_bytes,
                    std::vector<std::uint32_t>& reached, std::vector<std::uint32_t>* heads_reached) {
  const std::size_t component_count = components.ComponentCount();
  const std::size_t position_count = components.members.size();
  reached.assign(component_count, 0);
  if (heads_reached) heads_reached->assign(component_count, 0);
  if (component_count == 0) return;
  const std::size_t total_words = (position_count + 63) / 64;
  const std::size_t chunk_words =
      std::clamp<std::size_t>(memory_budget_bytes / 8 / component_count, 1, total_words);

  std::vector<std::uint64_t> rows(component_count * chunk_words);
  // Each row's nonzero words lie in [row_begin, row_end) (chunk-relative); empty if begin >= end.
  std::vector<std::uint32_t> row_begin(component_count), row_end(component_count);

  for (std::size_t chunk_first_word = 0; chunk_first_word < total_words; chunk_first_word += chunk_words) {
    const std::size_t chunk_begin = chunk_first_word * 64;
    const std::size_t chunk_end = std::min(position_count, (chunk_first_word + chunk_words) * 64);
    const std::uint32_t first_component = components.component_of[components.members[chunk_begin]];
    const std::uint32_t last_component = components.component_of[components.members[chunk_end - 1]];
    // Downstream: only components numbered >= first_component can reach the chunk, and
    // they are processed upwards; upstream: only those <= last_component, downwards.
    const std::int64_t begin = downstream ? first_component : last_component;
    const std::int64_t end = downstream ? static_cast<std::int64_t>(component_count) : -1;
    const std::int64_t step = downstream ? 1 : -1;
    for (std::int64_t component = begin; component != end; component += step) {
      const auto row_of = [&](std::int64_t which) {
        return rows.data() + (downstream ? which - first_component : which) * chunk_words;
      };
      std::uint32_t word_begin = UINT32_MAX, word_end = 0;
      const std::size_t self_begin = std::max<std::size_t>(components.member_offsets[component], chunk_begin);
      const std::size_t self_end = std::min<std::size_t>(components.member_offsets[component + 1], chunk_end);
      if (self_begin < self_end) {
        word_begin = static_cast<std::uint32_t>((self_begin - chunk_begin) / 64);
        word_end = static_cast<std::uint32_t>((self_end - 1 - chunk_begin) / 64 + 1);
      }
      const std::uint32_t* neighbour_begin = dag.neighbours.data() + dag.offsets[component];
      const std::uint32_t* neighbour_end = dag.neighbours.data() + dag.offsets[component + 1];
      const auto relevant = [&](std::uint32_t other) {
        return downstream ? other >= first_component : other <= last_component;
      };
      for (const std::uint32_t* other = neighbour_begin; other != neighbour_end; ++other) {
        if (!relevant(*other) || row_begin[*other] >= row_end[*other]) continue;
        word_begin = std::min(word_begin, row_begin[*other]);
        word_end = std::max(word_end, row_end[*other]);
      }
      row_begin[component] = word_begin;
      row_end[component] = word_end;
      if (word_begin >= word_end) continue;
      std::uint64_t* row = row_of(component);
      std::fill(row + word_begin, row + word_end, 0);
      for (std::size_t pos = self_begin; pos < self_end; ++pos)
        row[(pos - chunk_begin) / 64] |= std::uint64_t{1} << ((pos - chunk_begin) % 64);
      for (const std::uint32_t* other = neighbour_begin; other != neighbour_end; ++other) {
        if (!relevant(*other) || row_begin[*other] >= row_end[*other]) continue;
        const std::uint64_t* other_row = row_of(*other);
        for (std::uint32_t word = row_begin[*other]; word < row_end[*other]; ++word) row[word] |= other_row[word];
      }
      std::uint32_t count = 0, heads = 0;
      for (std::uint32_t word = word_begin; word < word_end; ++word) {
        count += std::popcount(row[word]);
        if (head_bits) heads += std::popcount(row[word] & (*head_bits)[chunk_first_word + word]);
      }
      reached[component] += count;
      if (heads_reached) (*heads_reached)[component] += heads;
    }
    // Rows outside this chunk's relevant range were never written; mark them empty
    // for the next chunk (which starts from a fresh range).
    std::fill(row_begin.begin(), row_begin.end(), 0);
    std::fill(row_end.begin(), row_end.end(), 0);
  }
}

}  // namespace

ReachCounts ComputeReach(const MapGraph& graph, const StrongComponents& components, const ReachRequest& request) {
  ReachCounts counts;
  const std::size_t node_count = graph.NodeCount();
  const bool want_down = request.downstream || request.potency;
  const bool want_up = request.upstream;
  std::vector<std::uint64_t> head_bits;
  std::vector<std::uint8_t> is_head(node_count, 0);
  if (request.potency) {
    head_bits.assign((node_count + 63) / 64, 0);
    for (std::size_t pos = 0; pos < node_count; ++pos) {
      const NodeIndex node = components.members[pos];
      if (graph.OutDegree(node) == 0 && graph.InDegree(node) > 0) {
        is_head[node] = 1;
        head_bits[pos / 64] |= std::uint64_t{1} << (pos % 64);
      }
    }
  }
  const std::size_t budget = want_down && want_up ? request.memory_budget_bytes / 2 : request.memory_budget_bytes;
  std::vector<std::uint32_t> down_reached, down_heads, up_reached;
  auto run_down = [&] {
    ComponentDag dag = BuildComponentDag(graph, components, true);
    CountReachable(components, dag, true, request.potency ? &head_bits : nullptr, budget, down_reached,
                   request.potency ? &down_heads : nullptr);
  };
  auto run_up = [&] {
    ComponentDag dag = BuildComponentDag(graph, components, false);
    CountReachable(components, dag, false, nullptr, budget, up_reached, nullptr);
  };
  if (want_down && want_up && node_count > 4096 && std::thread::hardware_concurrency() > 1) {
    std::thread upstream_thread(run_up);
    run_down();
    upstream_thread.join();
  } else {
    if (want_down) run_down();
    if (want_up) run_up();
  }
  // Counts include the statement itself (its own bit); the reference's ancestors and
  // descendants do not.
  if (request.downstream) {
    counts.downstream.resize(node_count);
    for (NodeIndex node = 0; node < node_count; ++node)
      counts.downstream[node] = down_reached[components.component_of[node]] - 1;
  }
  if (request.potency) {
    counts.potency.resize(node_count);
    for (NodeIndex node = 0; node < node_count; ++node)
      counts.potency[node] = down_heads[components.component_of[node]] - is_head[node];
  }
  if (request.upstream) {
    counts.upstream.resize(node_count);
    for (NodeIndex node = 0; node < node_count; ++node)
      counts.upstream[node] = up_reached[components.component_of[node]] - 1;
  }
  return counts;
}

}  // namespace coalign::analysis
