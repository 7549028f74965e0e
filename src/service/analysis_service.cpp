#include "service/analysis_service.hpp"

#include "interop/analysis_json.hpp"

namespace coalign::service {
namespace {

std::string CacheKey(CoalitionId coalition, Revision revision, const analysis::AnalysisOptions& options) {
  std::string key = std::to_string(coalition) + "@" + std::to_string(revision) + "|";
  if (options.only) {
    for (const auto& name : *options.only) key += name + ",";
  } else {
    key += "*";
  }
  key += "|" + std::to_string(options.bands) + "|" + std::to_string(options.loop_max_length) + "|" +
         std::to_string(options.loop_cap) + "|" + std::to_string(options.loop_list) + "|" + options.view_root + "|";
  for (const auto& driver : options.scenario_drivers) key += driver + ",";
  return key;
}

}  // namespace

AnalysisService::AnalysisService(MapService& maps, std::size_t cache_entries) : maps_(maps), capacity_(cache_entries) {}

Result<AnalysisService::Answer> AnalysisService::Analyze(CoalitionId coalition, const analysis::AnalysisOptions& options) {
  auto snapshot = maps_.Current(coalition);
  if (!snapshot) return snapshot.error();
  auto key = CacheKey(coalition, snapshot->revision, options);
  {
    std::lock_guard lock(mutex_);
    auto found = cache_.find(key);
    if (found != cache_.end()) {
      order_.splice(order_.begin(), order_, found->second.first);
      return Answer{found->second.second, snapshot->revision, true};
    }
  }
  // Computed outside the lock: other coalitions' requests need not wait for this one.
  auto report = analysis::RunAnalyses(*snapshot->map, options);
  if (!report) return report.error();
  auto json = interop::AnalysisReportToJson(*report);
  std::lock_guard lock(mutex_);
  if (!cache_.count(key)) {
    order_.push_front(key);
    cache_[key] = {order_.begin(), json};
    while (cache_.size() > capacity_) {
      cache_.erase(order_.back());
      order_.pop_back();
    }
  }
  return Answer{std::move(json), snapshot->revision, false};
}

}  // namespace coalign::service
