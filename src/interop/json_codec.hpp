// JSON forms of the map's values and of the edit ops: what the native document, the
// HTTP API and the change log share. Decoding reports the first problem with its field.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/map_state.hpp"
#include "model/result.hpp"
#include "ops/apply.hpp"
#include "ops/operation.hpp"

namespace coalign::interop {

using Json = nlohmann::ordered_json;

Json ToJson(const model::Statement& statement);
Json ToJson(const model::Link& link);
Json ToJson(const model::Theme& theme);
Json ToJson(const model::Layer& layer);
Json ToJson(const model::Comment& comment);
Json ToJson(const ops::FieldValue& value);
Json ToJson(const ops::Op& op);

Result<model::Statement> StatementFromJson(const Json& json);
Result<model::Link> LinkFromJson(const Json& json);
Result<model::Theme> ThemeFromJson(const Json& json);
Result<model::Layer> LayerFromJson(const Json& json);
// Reads every field, author and times included: callers acting for a person stamp them.
Result<model::Comment> CommentFromJson(const Json& json);
Result<ops::Op> OpFromJson(const Json& json);

Json OpsToJson(const std::vector<ops::Op>& ops);
// OpsToJson(ops).dump(), written faster for ops with many data points.
std::string OpsToJsonText(const std::vector<ops::Op>& ops);
Result<std::vector<ops::Op>> OpsFromJson(const Json& json);
// Reads every op of a list; each one that cannot be read is reported by its index (so a
// client hears of all its malformed ops at once).
std::vector<ops::Op> OpsFromJsonReportingEach(const Json& list, std::vector<ops::OpError>& errors);

}  // namespace coalign::interop
