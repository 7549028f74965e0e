// Measures on statements, their data points, and the coalition's progress thresholds
// (issue 4). Field names follow the native document (docs/progress-api.md), which is
// what shared/reference/progress_reference.py reads. Dates are "YYYY-MM-DD".
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace coalign::model {

struct DatedValue {
  std::string date;
  double value = 0;
  bool operator==(const DatedValue&) const = default;
};

struct Measure {
  std::string id;
  std::string statement;   // the statement it measures
  std::string name;
  std::string description;
  std::string kind = "population";  // "population" (indicator) | "performance" (measure of the work)
  std::string unit;
  std::string direction = "up";     // "up": more is better; "down": less is better
  DatedValue baseline;              // required
  std::vector<DatedValue> targets;  // dated, in the order given
  double period_days = 365;         // how often data is expected
  std::string data_source;
  double weight = 1;
  std::string group;                // disaggregation label (a locality), "" = none
  std::string extra;                // raw JSON object text of unmodelled fields
  bool operator==(const Measure&) const = default;
};

// One value of a measure; identified by (measure, date).
struct DataPoint {
  std::string date;
  double value = 0;
  std::string note;
  std::string entered_by;  // stamped by the server from the person who entered it
  bool operator==(const DataPoint&) const = default;
};

// A measure's data points, sorted by date (one per date).
using PointSeries = std::vector<DataPoint>;

// A PointSeries shared between copies of a map until one of them changes it (copy on
// write): the write path copies the whole map for every batch, and a coalition may hold
// millions of points. Reads go through get() (or the vector-like members); writes
// through Mutable(), which copies the points first when another map still shares them.
class SharedSeries {
 public:
  SharedSeries() : points_(std::make_shared<PointSeries>()) {}
  SharedSeries(PointSeries points) : points_(std::make_shared<PointSeries>(std::move(points))) {}  // NOLINT: implicit

  const PointSeries& get() const { return *points_; }
  PointSeries& Mutable() {
    if (points_.use_count() > 1) points_ = std::make_shared<PointSeries>(*points_);
    return *points_;
  }

  PointSeries::const_iterator begin() const { return points_->begin(); }
  PointSeries::const_iterator end() const { return points_->end(); }
  std::size_t size() const { return points_->size(); }
  bool empty() const { return points_->empty(); }
  const DataPoint& front() const { return points_->front(); }
  const DataPoint& back() const { return points_->back(); }
  const DataPoint& operator[](std::size_t index) const { return (*points_)[index]; }
  void push_back(DataPoint point) { Mutable().push_back(std::move(point)); }

  bool operator==(const SharedSeries& other) const { return points_ == other.points_ || *points_ == *other.points_; }

 private:
  std::shared_ptr<PointSeries> points_;
};

struct ProgressSettings {
  double on_track = 0.95;
  double at_risk = 0.75;
  bool operator==(const ProgressSettings&) const = default;
};

inline bool IsMeasureKind(const std::string& kind) { return kind == "population" || kind == "performance"; }
inline bool IsDirection(const std::string& direction) { return direction == "up" || direction == "down"; }

}  // namespace coalign::model
