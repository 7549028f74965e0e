// JSON forms of measures, data points, thresholds and their ops (issue 4), in the field
// names of docs/progress-api.md (which shared/reference/progress_reference.py reads).
#pragma once

#include <optional>
#include <string>

#include "analysis/progress.hpp"
#include "interop/import_report.hpp"
#include "interop/json_codec.hpp"
#include "model/map_state.hpp"
#include "model/result.hpp"
#include "ops/operation.hpp"

namespace coalign::interop {

Json ToJson(const model::Measure& measure);
Json ToJson(const model::ProgressSettings& settings);
// A data point as the document and the reads carry it (with its measure when given).
Json DataPointToJson(const model::DataPoint& point, const std::string* measure = nullptr);

Result<model::Measure> MeasureFromJson(const Json& json);
Result<model::DataPoint> DataPointFromJson(const Json& json);

// The op named `name` when it is a progress op (its result may be an error), else null.
std::optional<Result<ops::Op>> ProgressOpFromJson(const std::string& name, const Json& json);
// Writes the members of a progress op (besides "op") into `json`; false if not one.
bool ProgressOpToJson(const ops::Op& op, Json& json);

// Appends the JSON text of a set_data_points or remove_data_points op (the same JSON as
// ToJson(op).dump(), written without building a tree: imports carry a million points);
// false for other ops.
bool AppendBulkOpJsonText(const ops::Op& op, std::string& out);

// The "measures", "data_points" and "settings" sections of a native document.
void ReadProgressSections(const Json& doc, model::MapState& map, ImportProblems& problems);
// Writes them when the map has measures or thresholds other than the defaults.
void WriteProgressSections(const model::MapState& map, Json& doc);

// The /progress read: the reference's output, keys sorted as its sort_keys, compact.
std::string ProgressReportToJson(const analysis::ProgressReport& report);

}  // namespace coalign::interop
