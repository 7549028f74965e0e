#include "analysis/zoom_view.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace coalign::analysis {

Result<ZoomView> ComputeZoomView(const model::MapState& map, const std::string& root) {
  std::unordered_map<std::string, const model::Statement*> by_id;
  for (const auto& statement : map.statements) by_id.emplace(statement.id, &statement);
  const bool top = root == "top";
  if (!top && !by_id.count(root)) return Error{"no statement \"" + root + "\" to zoom into", "root"};

  ZoomView view;
  view.root = root;
  for (const auto& statement : map.statements)
    if (top ? !statement.parent.has_value() : (statement.parent && *statement.parent == root))
      view.visible.push_back(statement.id);
  std::sort(view.visible.begin(), view.visible.end());
  std::unordered_set<std::string> visible(view.visible.begin(), view.visible.end());
  for (const auto& id : view.visible) view.external[id] = ExternalCount{};

  // Which visible statement represents each statement ("" = outside the subtree);
  // memoised walk up the containment tree.
  std::unordered_map<std::string, std::string> representative;
  auto represent = [&](const std::string& id) -> Result<std::string> {
    std::vector<std::string> walked;
    std::string cursor = id;
    std::string found;
    for (std::size_t steps = 0;; ++steps) {
      if (steps > map.statements.size()) return Error{"containment cycle through \"" + id + "\"", "parent"};
      if (auto memo = representative.find(cursor); memo != representative.end()) {
        found = memo->second;
        break;
      }
      walked.push_back(cursor);
      if (visible.count(cursor)) {
        found = cursor;
        break;
      }
      const auto* statement = by_id.at(cursor);
      if (!statement->parent || !by_id.count(*statement->parent)) break;
      cursor = *statement->parent;
    }
    for (const auto& step : walked) representative[step] = found;
    return found;
  };

  struct Lifted {
    int count = 0;
    std::set<int> signs;
    std::vector<std::string> link_ids;
  };
  std::map<std::pair<std::string, std::string>, Lifted> lifted;
  std::set<std::pair<std::string, std::string>> seen_pairs;
  for (const auto& link : map.links) {
    if (link.from == link.to || !by_id.count(link.from) || !by_id.count(link.to)) continue;
    if (!seen_pairs.insert({link.from, link.to}).second) continue;
    auto from_rep = represent(link.from);
    if (!from_rep) return from_rep.error();
    auto to_rep = represent(link.to);
    if (!to_rep) return to_rep.error();
    const std::string& from = *from_rep;
    const std::string& to = *to_rep;
    if (!from.empty() && !to.empty()) {
      if (from == to) continue;
      auto& entry = lifted[{from, to}];
      entry.count += 1;
      entry.signs.insert(link.polarity >= 0 ? 1 : -1);
      entry.link_ids.push_back(link.id);
    } else if (!from.empty()) {
      view.external[from].out += 1;
    } else if (!to.empty()) {
      view.external[to].in += 1;
    }
  }
  for (auto& [ends, entry] : lifted) {
    std::string polarity = entry.signs.size() > 1 ? "mixed" : (entry.signs.count(1) ? "+" : "-");
    view.links.push_back({ends.first, ends.second, entry.count, polarity, std::move(entry.link_ids)});
  }
  return view;
}

}  // namespace coalign::analysis
