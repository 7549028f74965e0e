#include "ops/progress_ops.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "model/iso_time.hpp"

namespace coalign::ops {
namespace {

OpError Refusal(ErrorKind kind, std::string reason, std::string field) {
  return OpError{0, kind, std::move(reason), std::move(field)};
}

std::optional<OpError> CheckId(const std::string& id) {
  if (id.size() > model::kMaxIdLength)
    return Refusal(ErrorKind::invalid, "id is longer than " + std::to_string(model::kMaxIdLength) + " bytes", "id");
  for (unsigned char c : id)
    if (c < 0x20 || c == '/' || c == '?' || c == '#' || c == '@')
      return Refusal(ErrorKind::invalid, "id \"" + id + "\" contains a control character, '/', '?', '#' or '@'", "id");
  return std::nullopt;
}

std::optional<OpError> CheckShortText(const std::string& text, const char* field) {
  if (text.size() > model::kMaxTitleLength)
    return Refusal(ErrorKind::invalid, std::string(field) + " is longer than 500 bytes", field);
  for (unsigned char c : text)
    if (c < 0x20) return Refusal(ErrorKind::invalid, std::string(field) + " must be one line of text", field);
  return std::nullopt;
}

std::optional<OpError> CheckDatedValue(const model::DatedValue& dated, const std::string& field) {
  if (!model::IsIsoDate(dated.date))
    return Refusal(ErrorKind::invalid, field + " date \"" + dated.date + "\" is not a date written YYYY-MM-DD", field);
  if (!std::isfinite(dated.value)) return Refusal(ErrorKind::invalid, field + " value must be a finite number", field);
  return std::nullopt;
}

bool ByDate(const model::DataPoint& a, const model::DataPoint& b) { return a.date < b.date; }

}  // namespace


bool IsMeasureField(const std::string& field) {
  static const std::unordered_set<std::string> kFields = {"statement", "name",   "description", "kind",
                                                          "unit",      "direction", "baseline", "targets",
                                                          "period_days", "data_source", "weight", "group"};
  return kFields.count(field) > 0;
}

void CopyMeasureField(const std::string& field, const model::Measure& from, model::Measure& to) {
  if (field == "statement") to.statement = from.statement;
  else if (field == "name") to.name = from.name;
  else if (field == "description") to.description = from.description;
  else if (field == "kind") to.kind = from.kind;
  else if (field == "unit") to.unit = from.unit;
  else if (field == "direction") to.direction = from.direction;
  else if (field == "baseline") to.baseline = from.baseline;
  else if (field == "targets") to.targets = from.targets;
  else if (field == "period_days") to.period_days = from.period_days;
  else if (field == "data_source") to.data_source = from.data_source;
  else if (field == "weight") to.weight = from.weight;
  else if (field == "group") to.group = from.group;
}

ProgressApplier::ProgressApplier(model::MapState& state, StatementExists statement_exists)
    : state_(state), statement_exists_(std::move(statement_exists)) {}

std::optional<std::size_t> ProgressApplier::Find(const std::string& id) {
  if (dirty_) {
    index_.clear();
    for (std::size_t measure_idx = 0; measure_idx < state_.measures.size(); ++measure_idx)
      index_[state_.measures[measure_idx].id] = measure_idx;
    dirty_ = false;
  }
  auto found = index_.find(id);
  if (found == index_.end()) return std::nullopt;
  return found->second;
}

std::optional<OpError> ProgressApplier::CheckMeasure(const model::Measure& measure) const {
  if (measure.statement.empty() || !statement_exists_(measure.statement))
    return Refusal(ErrorKind::not_found, "no statement \"" + measure.statement + "\" to measure (it may have been removed)",
                   "statement");
  if (measure.name.find_first_not_of(" \t") == std::string::npos)
    return Refusal(ErrorKind::invalid, "a measure needs a name", "name");
  if (auto error = CheckShortText(measure.name, "name")) return error;
  if (measure.description.size() > model::kMaxTextLength)
    return Refusal(ErrorKind::invalid, "description is longer than 20000 bytes", "description");
  if (!model::IsMeasureKind(measure.kind))
    return Refusal(ErrorKind::invalid, "kind must be \"population\" or \"performance\"", "kind");
  if (!model::IsDirection(measure.direction))
    return Refusal(ErrorKind::invalid, "direction must be \"up\" (more is better) or \"down\" (less is better)",
                   "direction");
  if (auto error = CheckShortText(measure.unit, "unit")) return error;
  if (auto error = CheckShortText(measure.data_source, "data_source")) return error;
  if (auto error = CheckShortText(measure.group, "group")) return error;
  if (measure.baseline.date.empty())
    return Refusal(ErrorKind::invalid, "a measure needs a baseline (date and value)", "baseline");
  if (auto error = CheckDatedValue(measure.baseline, "baseline")) return error;
  std::unordered_set<std::string> target_dates;
  for (const auto& target : measure.targets) {
    if (auto error = CheckDatedValue(target, "targets")) return error;
    if (!target_dates.insert(target.date).second)
      return Refusal(ErrorKind::invalid, "two targets are dated " + target.date, "targets");
  }
  if (!std::isfinite(measure.period_days) || measure.period_days <= 0)
    return Refusal(ErrorKind::invalid, "period_days must be a number of days above 0", "period_days");
  if (!std::isfinite(measure.weight) || measure.weight < 0)
    return Refusal(ErrorKind::invalid, "weight must be a number of at least 0", "weight");
  return std::nullopt;
}

std::optional<OpError> ProgressApplier::Apply(AddMeasure& op, AppliedOp& applied) {
  auto& measure = op.measure;
  if (measure.id.empty()) {
    measure.id = GenerateId(ItemKind::measure, [this](const std::string& candidate) { return Find(candidate).has_value(); });
    applied.generated_id = measure.id;
  } else if (Find(measure.id)) {
    return Refusal(ErrorKind::invalid, "a measure with id \"" + measure.id + "\" already exists", "id");
  }
  if (auto error = CheckId(measure.id)) return error;
  if (auto error = CheckMeasure(measure)) return error;
  applied.inverse.push_back(RemoveMeasure{measure.id});
  applied.touches.push_back({ItemKind::measure, measure.id, ""});
  state_.data_points.erase(measure.id);  // (none: a removed measure takes its points along)
  if (op.index && *op.index < state_.measures.size()) {
    state_.measures.insert(state_.measures.begin() + static_cast<std::ptrdiff_t>(*op.index), measure);
    reordered_ = true;
    dirty_ = true;
  } else {
    state_.measures.push_back(measure);
    if (!dirty_) index_[measure.id] = state_.measures.size() - 1;
  }
  return std::nullopt;
}

std::optional<OpError> ProgressApplier::Apply(UpdateMeasure& op, AppliedOp& applied) {
  auto idx = Find(op.id);
  if (!idx) return Refusal(ErrorKind::not_found, "no measure \"" + op.id + "\" (it may have been removed)", "id");
  if (op.fields.empty()) return Refusal(ErrorKind::invalid, "update_measure needs fields in \"set\"", "set");
  auto& measure = state_.measures[*idx];
  model::Measure updated = measure;
  UpdateMeasure inverse{op.id, {}, {}};
  for (const auto& field : op.fields) {
    if (!IsMeasureField(field))
      return Refusal(ErrorKind::invalid, "measures have no field \"" + field + "\" that can be set", field);
    if (std::find(inverse.fields.begin(), inverse.fields.end(), field) == inverse.fields.end()) {
      inverse.fields.push_back(field);
      CopyMeasureField(field, measure, inverse.values);
    }
    CopyMeasureField(field, op.values, updated);
  }
  if (auto error = CheckMeasure(updated)) return error;
  for (const auto& field : inverse.fields) applied.touches.push_back({ItemKind::measure, op.id, field});
  applied.inverse.push_back(std::move(inverse));
  measure = std::move(updated);
  return std::nullopt;
}

std::optional<OpError> ProgressApplier::Apply(RemoveMeasure& op, AppliedOp& applied) {
  auto idx = Find(op.id);
  if (!idx) return Refusal(ErrorKind::not_found, "no measure \"" + op.id + "\" (it may have been removed)", "id");
  applied.inverse.push_back(AddMeasure{state_.measures[*idx], *idx});
  auto series = state_.data_points.find(op.id);
  if (series != state_.data_points.end()) {
    if (!series->second.empty()) applied.inverse.push_back(SetDataPoints{op.id, series->second.get()});
    state_.data_points.erase(series);
  }
  applied.touches.push_back({ItemKind::measure, op.id, ""});
  state_.measures.erase(state_.measures.begin() + static_cast<std::ptrdiff_t>(*idx));
  dirty_ = true;
  return std::nullopt;
}

std::optional<OpError> ProgressApplier::Apply(SetDataPoints& op, AppliedOp& applied) {
  if (!Find(op.measure))
    return Refusal(ErrorKind::not_found, "no measure \"" + op.measure + "\" (it may have been removed)", "measure");
  if (op.points.empty()) return Refusal(ErrorKind::invalid, "set_data_points needs at least one point", "points");
  for (const auto& point : op.points) {
    if (!model::IsIsoDate(point.date))
      return Refusal(ErrorKind::invalid, "data point date \"" + point.date + "\" is not a date written YYYY-MM-DD", "date");
    if (!std::isfinite(point.value))
      return Refusal(ErrorKind::invalid, "the value on " + point.date + " must be a finite number", "value");
    if (point.note.size() > model::kMaxTextLength)
      return Refusal(ErrorKind::invalid, "the note on " + point.date + " is longer than 20000 bytes", "note");
    if (point.entered_by.size() > model::kMaxTitleLength)
      return Refusal(ErrorKind::invalid, "entered_by is longer than 500 bytes", "entered_by");
  }
  std::vector<model::DataPoint> incoming = op.points;
  if (!std::is_sorted(incoming.begin(), incoming.end(), ByDate)) std::stable_sort(incoming.begin(), incoming.end(), ByDate);
  for (std::size_t point_idx = 1; point_idx < incoming.size(); ++point_idx)
    if (incoming[point_idx].date == incoming[point_idx - 1].date)
      return Refusal(ErrorKind::invalid, "two points of one op are dated " + incoming[point_idx].date, "date");

  auto& shared = state_.data_points[op.measure];
  const auto& series = shared.get();
  RemoveDataPoints added{op.measure, {}};
  SetDataPoints replaced{op.measure, {}};
  if (series.empty()) {
    added.dates.reserve(incoming.size());
    for (const auto& point : incoming) added.dates.push_back(point.date);
    shared = model::SharedSeries(std::move(incoming));
  } else {
    std::vector<model::DataPoint> merged;
    merged.reserve(series.size() + incoming.size());
    std::size_t old_idx = 0;
    for (auto& point : incoming) {
      while (old_idx < series.size() && series[old_idx].date < point.date) merged.push_back(series[old_idx++]);
      if (old_idx < series.size() && series[old_idx].date == point.date) {
        applied.touches.push_back({ItemKind::data_point, DataPointKey(op.measure, point.date), "value"});
        replaced.points.push_back(series[old_idx++]);
      } else {
        added.dates.push_back(point.date);
      }
      merged.push_back(std::move(point));
    }
    while (old_idx < series.size()) merged.push_back(series[old_idx++]);
    shared = model::SharedSeries(std::move(merged));
  }
  if (!added.dates.empty()) applied.inverse.push_back(std::move(added));
  if (!replaced.points.empty()) applied.inverse.push_back(std::move(replaced));
  return std::nullopt;
}

std::optional<OpError> ProgressApplier::Apply(RemoveDataPoints& op, AppliedOp& applied) {
  if (!Find(op.measure))
    return Refusal(ErrorKind::not_found, "no measure \"" + op.measure + "\" (it may have been removed)", "measure");
  if (op.dates.empty()) return Refusal(ErrorKind::invalid, "remove_data_points needs at least one date", "dates");
  auto found = state_.data_points.find(op.measure);
  if (found == state_.data_points.end())
    return Refusal(ErrorKind::not_found, "measure \"" + op.measure + "\" has no data point on " + op.dates.front(), "dates");
  const auto& series = found->second.get();
  std::vector<std::string> dates = op.dates;
  std::sort(dates.begin(), dates.end());
  for (std::size_t date_idx = 1; date_idx < dates.size(); ++date_idx)
    if (dates[date_idx] == dates[date_idx - 1])
      return Refusal(ErrorKind::invalid, "the date " + dates[date_idx] + " is given twice", "dates");
  SetDataPoints restore{op.measure, {}};
  std::vector<model::DataPoint> kept;
  kept.reserve(series.size() >= dates.size() ? series.size() - dates.size() : 0);
  std::size_t date_idx = 0;
  for (const auto& point : series) {
    if (date_idx < dates.size() && dates[date_idx] < point.date)
      return Refusal(ErrorKind::not_found, "measure \"" + op.measure + "\" has no data point on " + dates[date_idx], "dates");
    if (date_idx < dates.size() && dates[date_idx] == point.date) {
      ++date_idx;
      applied.touches.push_back({ItemKind::data_point, DataPointKey(op.measure, point.date), "value"});
      restore.points.push_back(point);
    } else {
      kept.push_back(point);
    }
  }
  if (date_idx < dates.size())
    return Refusal(ErrorKind::not_found, "measure \"" + op.measure + "\" has no data point on " + dates[date_idx], "dates");
  if (kept.empty()) state_.data_points.erase(found);
  else found->second = model::SharedSeries(std::move(kept));
  applied.inverse.push_back(std::move(restore));
  return std::nullopt;
}

std::optional<OpError> ProgressApplier::Apply(UpdateSettings& op, AppliedOp& applied) {
  if (op.set.empty()) return Refusal(ErrorKind::invalid, "update_settings needs on_track or at_risk in \"set\"", "set");
  model::ProgressSettings updated = state_.settings;
  UpdateSettings inverse;
  for (const auto& [field, value] : op.set) {
    double* target = field == "on_track" ? &updated.on_track : field == "at_risk" ? &updated.at_risk : nullptr;
    if (!target) return Refusal(ErrorKind::invalid, "settings have no field \"" + field + "\" (on_track, at_risk)", field);
    if (!std::isfinite(value)) return Refusal(ErrorKind::invalid, field + " must be a finite number", field);
    bool seen = std::any_of(inverse.set.begin(), inverse.set.end(), [&](const auto& entry) { return entry.first == field; });
    if (!seen) {
      inverse.set.emplace_back(field, field == "on_track" ? state_.settings.on_track : state_.settings.at_risk);
      applied.touches.push_back({ItemKind::settings, "", field});
    }
    *target = value;
  }
  if (!(0 <= updated.at_risk && updated.at_risk <= updated.on_track && updated.on_track <= 1.5))
    return Refusal(ErrorKind::invalid,
                   "thresholds must keep 0 <= at_risk <= on_track <= 1.5 (here at_risk " + std::to_string(updated.at_risk) +
                       ", on_track " + std::to_string(updated.on_track) + ")",
                   op.set.front().first);
  applied.inverse.push_back(std::move(inverse));
  state_.settings = updated;
  return std::nullopt;
}

}  // namespace coalign::ops
