#include "service/progress_delta.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace coalign::service {

void AddProgressDelta(const model::MapState& before, const model::MapState& after, const std::vector<ops::Op>& ops,
                      bool reordered, store::Delta& delta) {
  std::set<std::string> touched_measures;  // added, updated or removed
  std::set<std::string> whole;             // added or removed: all their points are rewritten
  std::map<std::string, std::vector<std::string>> dates;  // points set or removed, by measure
  bool settings = false;
  for (const auto& op : ops) {
    if (auto* add = std::get_if<ops::AddMeasure>(&op)) {
      touched_measures.insert(add->measure.id);
      whole.insert(add->measure.id);
    } else if (auto* update = std::get_if<ops::UpdateMeasure>(&op)) {
      touched_measures.insert(update->id);
    } else if (auto* remove = std::get_if<ops::RemoveMeasure>(&op)) {
      touched_measures.insert(remove->id);
      whole.insert(remove->id);
    } else if (auto* set = std::get_if<ops::SetDataPoints>(&op)) {
      auto& list = dates[set->measure];
      for (const auto& point : set->points) list.push_back(point.date);
    } else if (auto* remove_points = std::get_if<ops::RemoveDataPoints>(&op)) {
      auto& list = dates[remove_points->measure];
      list.insert(list.end(), remove_points->dates.begin(), remove_points->dates.end());
    } else if (std::holds_alternative<ops::UpdateSettings>(op)) {
      settings = true;
    }
  }
  if (touched_measures.empty() && dates.empty() && !settings) return;

  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t measure_idx = 0; measure_idx < after.measures.size(); ++measure_idx)
    index[after.measures[measure_idx].id] = measure_idx;
  std::unordered_set<std::string> existed;
  for (const auto& measure : before.measures) existed.insert(measure.id);
  std::vector<std::size_t> present;
  for (const auto& id : touched_measures) {
    auto found = index.find(id);
    if (found == index.end()) {
      if (existed.count(id)) delta.delete_measures.push_back(id);
      continue;
    }
    if (existed.count(id) && whole.count(id)) delta.delete_measures.push_back(id);  // removed and added again
    present.push_back(found->second);
  }
  std::sort(present.begin(), present.end());
  for (auto measure_idx : present) delta.put_measures.push_back(after.measures[measure_idx]);
  if (reordered) {
    std::vector<std::string> order;
    for (const auto& measure : after.measures) order.push_back(measure.id);
    delta.measure_order = std::move(order);
  }

  for (const auto& id : whole) {
    if (existed.count(id)) delta.clear_points_of.push_back(id);
    auto series = after.data_points.find(id);
    if (series != after.data_points.end() && !series->second.empty())
      delta.put_points.push_back({id, {}, &series->second.get()});
  }
  for (auto& [measure, list] : dates) {
    if (whole.count(measure)) continue;
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    auto series = after.data_points.find(measure);
    store::Delta::PointRows rows{measure, {}};
    for (const auto& date : list) {
      const model::DataPoint* point = nullptr;
      if (series != after.data_points.end()) {
        auto at = std::lower_bound(series->second.begin(), series->second.end(), date,
                                   [](const model::DataPoint& p, const std::string& d) { return p.date < d; });
        if (at != series->second.end() && at->date == date) point = &*at;
      }
      if (point) rows.points.push_back(*point);
      else delta.delete_points.emplace_back(measure, date);
    }
    if (!rows.points.empty()) delta.put_points.push_back(std::move(rows));
  }
  if (settings) delta.settings = after.settings;
}

void StampDataPoints(std::vector<ops::Op>& ops, const std::string& entered_by) {
  for (auto& op : ops)
    if (auto* set = std::get_if<ops::SetDataPoints>(&op))
      for (auto& point : set->points) point.entered_by = entered_by;
}

void AppendProgressBuildOps(const model::MapState& document, std::vector<ops::Op>& ops) {
  for (const auto& measure : document.measures) {
    ops.push_back(ops::AddMeasure{measure, std::nullopt});
    auto series = document.data_points.find(measure.id);
    if (series != document.data_points.end() && !series->second.empty())
      ops.push_back(ops::SetDataPoints{measure.id, series->second.get()});
  }
  if (!(document.settings == model::ProgressSettings{})) {
    ops.push_back(ops::UpdateSettings{{{"at_risk", document.settings.at_risk}, {"on_track", document.settings.on_track}}});
  }
}

std::vector<ops::Op> PruneProgressInverse(std::vector<ops::Op> inverse) {
  auto measure_of = [](const ops::Op& op) -> const std::string* {
    if (auto* set = std::get_if<ops::SetDataPoints>(&op)) return &set->measure;
    if (auto* remove = std::get_if<ops::RemoveDataPoints>(&op)) return &remove->measure;
    if (auto* update = std::get_if<ops::UpdateMeasure>(&op)) return &update->id;
    return nullptr;
  };
  std::vector<bool> drop(inverse.size(), false);
  std::unordered_map<std::string, std::vector<std::size_t>> pending;  // ops on a measure since it was (re)added
  for (std::size_t op_idx = 0; op_idx < inverse.size(); ++op_idx) {
    const auto& op = inverse[op_idx];
    if (auto* add = std::get_if<ops::AddMeasure>(&op)) {
      pending.erase(add->measure.id);
    } else if (auto* remove = std::get_if<ops::RemoveMeasure>(&op)) {
      for (auto dropped : pending[remove->id]) drop[dropped] = true;
      pending.erase(remove->id);
    } else if (auto* measure = measure_of(op)) {
      pending[*measure].push_back(op_idx);
    }
  }
  if (std::find(drop.begin(), drop.end(), true) == drop.end()) return inverse;
  std::vector<ops::Op> kept;
  for (std::size_t op_idx = 0; op_idx < inverse.size(); ++op_idx)
    if (!drop[op_idx]) kept.push_back(std::move(inverse[op_idx]));
  return kept;
}

bool ProgressOpOverwrites(const ops::Op& op) {
  return std::holds_alternative<ops::UpdateMeasure>(op) || std::holds_alternative<ops::SetDataPoints>(op) ||
         std::holds_alternative<ops::RemoveDataPoints>(op) || std::holds_alternative<ops::UpdateSettings>(op);
}

}  // namespace coalign::service
