// MapGraph: the compact, integer-indexed form of a map that every analysis reads.
// Statements are numbered in byte-wise id order; links become CSR adjacency lists
// with targets in index (= id) order. Self-links, dangling links and repeated
// (from, to) pairs are dropped exactly as the reference's `load` drops them (the first
// of repeated pairs wins); polarity 0 counts as positive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/map_state.hpp"
#include "model/result.hpp"

namespace coalign::analysis {

using NodeIndex = std::uint32_t;
inline constexpr std::int32_t kNoParent = -1;       // a top-level statement
inline constexpr std::int32_t kUnknownParent = -2;  // its parent names no statement: outside every subtree

struct MapGraph {
  std::vector<std::string> ids;      // sorted byte-wise, unique
  std::vector<std::int32_t> parent;  // containment parent index, or kNoParent, or kUnknownParent

  // Outgoing links: targets of node v are out_targets[out_offsets[v] .. out_offsets[v+1]).
  std::vector<std::uint32_t> out_offsets;
  std::vector<NodeIndex> out_targets;
  std::vector<std::int8_t> out_polarity;  // +1 or -1
  std::vector<double> out_weight;
  std::vector<std::uint32_t> out_document_position;  // the link's position in MapState::links

  // Incoming links, sources in index order; in_link[k] is the position of that link in
  // the out_* arrays (for its polarity and weight).
  std::vector<std::uint32_t> in_offsets;
  std::vector<NodeIndex> in_sources;
  std::vector<std::uint32_t> in_link;

  // The undirected neighbours (union of in and out, each once), in index order.
  std::vector<std::uint32_t> undirected_offsets;
  std::vector<NodeIndex> undirected_neighbours;

  std::size_t NodeCount() const { return ids.size(); }
  std::size_t LinkCount() const { return out_targets.size(); }
  std::uint32_t OutDegree(NodeIndex node) const { return out_offsets[node + 1] - out_offsets[node]; }
  std::uint32_t InDegree(NodeIndex node) const { return in_offsets[node + 1] - in_offsets[node]; }
  std::optional<NodeIndex> IndexOf(std::string_view id) const;
};

MapGraph BuildMapGraph(const model::MapState& map);

// A statement whose chain of parents loops back on itself, if any (reported by id).
std::optional<Error> FindContainmentCycle(const MapGraph& graph);

}  // namespace coalign::analysis
