// The analyses of a coalition's current map, as JSON in the reference's form, cached
// per (coalition, revision, options): a new change makes a new revision, so a cached
// answer is never stale.
#pragma once

#include <list>
#include <map>
#include <mutex>
#include <string>

#include "analysis/analysis_suite.hpp"
#include "service/map_service.hpp"

namespace coalign::service {

class AnalysisService {
 public:
  explicit AnalysisService(MapService& maps, std::size_t cache_entries = 64);

  // The report as `coalign analyze` prints it (without the trailing newline), and the
  // revision it was computed on.
  struct Answer {
    std::string json;
    Revision revision = 0;
    bool cached = false;
  };
  Result<Answer> Analyze(CoalitionId coalition, const analysis::AnalysisOptions& options);

 private:
  MapService& maps_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::string> order_;  // most recently used first
  std::map<std::string, std::pair<std::list<std::string>::iterator, std::string>> cache_;
};

}  // namespace coalign::service
