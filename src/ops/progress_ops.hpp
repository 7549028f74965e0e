// The measure, data-point and threshold ops of the write path (issue 4): their rules and
// inverses. BatchApplier (apply.cpp) hands these ops to a ProgressApplier.
//
// Rules: a measure's statement must exist; kind is population|performance, direction
// up|down; the baseline (date and value) is required; dates are YYYY-MM-DD calendar
// dates; numbers are finite; period_days > 0, weight >= 0. A data point is identified by
// (measure, date): set_data_points inserts or replaces, one point per date in an op.
// Thresholds keep 0 <= at_risk <= on_track <= 1.5. Removing a measure removes its data
// points; its inverse re-adds the measure at its place and then its points, exactly.
// Removing a statement leaves its measures (like its comments) so that undo restores
// everything; measures of a missing statement count for nothing in the roll-up.
//
// Touches: whole measures on add/remove, (measure, field) on update, (settings, field),
// and (data_point, "<measure>@<date>", "value") for each existing point an op replaces or
// removes; new points touch nothing (two people adding different dates never conflict).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/map_state.hpp"
#include "ops/apply.hpp"

namespace coalign::ops {

class ProgressApplier {
 public:
  using StatementExists = std::function<bool(const std::string& id)>;

  ProgressApplier(model::MapState& state, StatementExists statement_exists);

  std::optional<OpError> Apply(AddMeasure& op, AppliedOp& applied);
  std::optional<OpError> Apply(UpdateMeasure& op, AppliedOp& applied);
  std::optional<OpError> Apply(RemoveMeasure& op, AppliedOp& applied);
  std::optional<OpError> Apply(SetDataPoints& op, AppliedOp& applied);
  std::optional<OpError> Apply(RemoveDataPoints& op, AppliedOp& applied);
  std::optional<OpError> Apply(UpdateSettings& op, AppliedOp& applied);

  bool reordered() const { return reordered_; }

 private:
  std::optional<std::size_t> Find(const std::string& id);
  std::optional<OpError> CheckMeasure(const model::Measure& measure) const;

  model::MapState& state_;
  StatementExists statement_exists_;
  std::unordered_map<std::string, std::size_t> index_;
  bool dirty_ = true;
  bool reordered_ = false;
};

// The fields of a measure that update_measure may set.
bool IsMeasureField(const std::string& field);
// Copies one field from `from` to `to`.
void CopyMeasureField(const std::string& field, const model::Measure& from, model::Measure& to);

// The touch id of a data point.
inline std::string DataPointKey(const std::string& measure, const std::string& date) { return measure + "@" + date; }

}  // namespace coalign::ops
