#include "analysis/zoom_view.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace coalign::analysis {

Result<ZoomView> ComputeZoomView(const model::MapState& map, const std::string& root) {
  return ComputeZoomView(map, BuildMapGraph(map), root);
}

Result<ZoomView> ComputeZoomView(const model::MapState& map, const MapGraph& graph, const std::string& root) {
  const std::size_t statement_count = graph.NodeCount();
  const bool top = root == "top";
  std::int32_t root_index = kNoParent;
  if (!top) {
    auto found = graph.IndexOf(root);
    if (!found) return Error{"no statement \"" + root + "\" to zoom into", "root"};
    root_index = static_cast<std::int32_t>(*found);
  }

  ZoomView view;
  view.root = root;
  std::vector<std::uint8_t> is_visible(statement_count, 0);
  for (std::size_t idx = 0; idx < statement_count; ++idx) {
    if (graph.parent[idx] != root_index) continue;
    is_visible[idx] = 1;
    view.visible.push_back(graph.ids[idx]);
    view.external.emplace_hint(view.external.end(), graph.ids[idx], ExternalCount{});
  }

  // Which visible statement represents each statement (kOutside: none); found by a
  // memoised walk up the containment tree, only for statements that links touch, so
  // that a containment cycle elsewhere does not stop the view (as in the reference).
  constexpr std::int32_t kOutside = -1, kNotYet = -2;
  std::vector<std::int32_t> representative(statement_count, kNotYet);
  std::vector<std::int32_t> walked;
  auto represent = [&](std::int32_t start) -> Result<std::int32_t> {
    walked.clear();
    std::int32_t cursor = start;
    std::int32_t found = kOutside;
    for (std::size_t steps = 0;; ++steps) {
      if (steps > statement_count) return Error{"containment cycle through \"" + graph.ids[start] + "\"", "parent"};
      if (representative[cursor] != kNotYet) {
        found = representative[cursor];
        break;
      }
      walked.push_back(cursor);
      if (is_visible[cursor]) {
        found = cursor;
        break;
      }
      if (graph.parent[cursor] < 0) break;  // the top, or a parent that is not in the map
      cursor = graph.parent[cursor];
    }
    for (std::int32_t step : walked) representative[step] = found;
    return found;
  };

  struct Lifted {
    std::int32_t from, to;
    int count = 0;
    bool positive = false, negative = false;
    std::vector<std::uint32_t> document_positions;
  };
  std::vector<Lifted> lifted;
  std::unordered_map<std::uint64_t, std::size_t> lifted_slot;
  std::vector<int> external_in(statement_count, 0), external_out(statement_count, 0);
  for (NodeIndex from = 0; from < statement_count; ++from) {
    for (std::uint32_t link = graph.out_offsets[from]; link < graph.out_offsets[from + 1]; ++link) {
      auto from_rep = represent(static_cast<std::int32_t>(from));
      if (!from_rep) return from_rep.error();
      auto to_rep = represent(static_cast<std::int32_t>(graph.out_targets[link]));
      if (!to_rep) return to_rep.error();
      if (*from_rep != kOutside && *to_rep != kOutside) {
        if (*from_rep == *to_rep) continue;
        const std::uint64_t key = (static_cast<std::uint64_t>(*from_rep) << 32) | static_cast<std::uint32_t>(*to_rep);
        auto [slot, inserted] = lifted_slot.emplace(key, lifted.size());
        if (inserted) lifted.push_back(Lifted{*from_rep, *to_rep});
        Lifted& entry = lifted[slot->second];
        entry.count += 1;
        (graph.out_polarity[link] > 0 ? entry.positive : entry.negative) = true;
        entry.document_positions.push_back(graph.out_document_position[link]);
      } else if (*from_rep != kOutside) {
        external_out[*from_rep] += 1;
      } else if (*to_rep != kOutside) {
        external_in[*to_rep] += 1;
      }
    }
  }
  for (auto& [id, counts] : view.external) {
    const NodeIndex idx = *graph.IndexOf(id);
    counts.in = external_in[idx];
    counts.out = external_out[idx];
  }
  // Indices follow id order, so this orders the lifted links by (from, to) ids.
  std::sort(lifted.begin(), lifted.end(), [](const Lifted& left, const Lifted& right) {
    return left.from != right.from ? left.from < right.from : left.to < right.to;
  });
  view.links.reserve(lifted.size());
  for (auto& entry : lifted) {
    std::string polarity = entry.positive && entry.negative ? "mixed" : (entry.positive ? "+" : "-");
    std::sort(entry.document_positions.begin(), entry.document_positions.end());
    std::vector<std::string> link_ids;
    link_ids.reserve(entry.document_positions.size());
    for (std::uint32_t position : entry.document_positions) link_ids.push_back(map.links[position].id);
    view.links.push_back({graph.ids[entry.from], graph.ids[entry.to], entry.count, std::move(polarity), std::move(link_ids)});
  }
  return view;
}

}  // namespace coalign::analysis
