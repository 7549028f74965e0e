#include "service/work_changes.hpp"

#include <algorithm>
#include <set>

#include "ops/work_ops.hpp"

namespace coalign::service {

void AddWorkDelta(const model::MapState& before, const model::MapState& after, const ops::BatchResult& result,
                  store::Delta& delta) {
  std::set<store::WorkKey> rows;      // rows to write or delete
  std::set<store::WorkKey> replaced;  // top-level items removed or added whole in this batch
  for (const auto& applied : result.applied) {
    for (const auto& touch : applied.touches) {
      if (touch.kind != ops::ItemKind::work) continue;
      auto row_id = touch.id.substr(0, touch.id.find('/'));
      auto colon = row_id.find(':');
      if (colon == std::string::npos) continue;
      auto kind = model::WorkKindNamed(row_id.substr(0, colon));
      if (!kind) continue;
      store::WorkKey key{*kind, row_id.substr(colon + 1)};
      rows.insert(key);
      if (touch.field.empty() && touch.id.find('/') == std::string::npos) replaced.insert(key);
    }
  }
  // New rows are stored in document order (each goes after what is there).
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, store::WorkKey>> present;
  for (const auto& key : rows) {
    const auto& list = after.work.Of(key.first);
    auto found = std::find_if(list.begin(), list.end(), [&key](const model::WorkItem& item) { return item.id == key.second; });
    if (found == list.end()) {
      delta.delete_work.push_back(key);
      continue;
    }
    // Removed and added again: its old row goes, the new one is written whole.
    if (replaced.count(key) && before.work.Find(key.first, key.second)) delta.delete_work.push_back(key);
    present.push_back({{static_cast<std::size_t>(key.first), static_cast<std::size_t>(found - list.begin())}, key});
  }
  std::sort(present.begin(), present.end());
  for (const auto& [position, key] : present) delta.put_work.push_back({key.first, *after.work.Find(key.first, key.second)});
  if (result.reordered) {
    std::vector<store::WorkKey> order;
    for (std::size_t kind_idx = 0; kind_idx < model::kTopWorkKinds; ++kind_idx) {
      auto kind = static_cast<model::WorkKind>(kind_idx);
      for (const auto& item : after.work.Of(kind)) order.push_back({kind, item.id});
    }
    delta.work_order = std::move(order);
  }
}

void AppendWorkOpsToBuild(const model::MapState& document, std::vector<ops::Op>& ops) {
  for (auto kind : model::WorkKindsInBuildOrder())
    for (const auto& item : document.work.Of(kind)) ops.push_back(ops::AddWork{kind, "", item, std::nullopt});
}

std::string DescribeWorkOp(const ops::Op& op) {
  if (const auto* add = std::get_if<ops::AddWork>(&op)) {
    const auto& spec = model::SpecOf(add->kind);
    auto label = add->item.Text(spec.label_field);
    return spec.name + " \"" + add->item.id + "\"" + (label.empty() ? "" : " (" + label.substr(0, 60) + ")");
  }
  return "";
}

}  // namespace coalign::service
