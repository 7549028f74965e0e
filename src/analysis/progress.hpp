// Measure status and its roll-up up the zoom tree, as of a date: exactly the semantics
// of shared/reference/progress_reference.py (same arithmetic in the same order, scores
// rounded to 6 decimals as Python's round() does), so the API, the map colours and the
// scorecard agree with the reference to the last digit.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/map_state.hpp"

namespace coalign::analysis {

struct MeasureStatus {
  std::optional<double> score;  // rounded to 6 decimals; none without data
  std::string status;           // on_track | at_risk | off_track | no_data
  bool stale = false;           // the latest point is older than 1.5 reporting periods
  std::optional<double> value;  // the latest point on or before the date
  std::string date;             // its date ("" without data)
};

struct StatementStatus {
  std::optional<double> score;
  std::string status;
};

struct ProgressReport {
  std::string as_of;
  std::map<std::string, MeasureStatus> measures;      // by id (sorted, as the reference's sort_keys)
  std::map<std::string, StatementStatus> statements;  // every statement of the map
};

// Days since 1970-01-01 of a YYYY-MM-DD date (its first 10 characters).
long DayNumber(const std::string& date);

// Python's round(x, 6) on a double: correctly rounded, ties to even on the exact value.
double Round6(double value);

// `as_of` must be a YYYY-MM-DD date.
ProgressReport ComputeProgress(const model::MapState& map, const std::string& as_of);

}  // namespace coalign::analysis
