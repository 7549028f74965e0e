// JSON forms of the work items (model/work.hpp) and their ops, driven by the schema:
// one reader and one writer for every kind. The native document's sections
// organisations, people, advocates, action_teams, contributions, initiatives and
// resources, GET /work, and the ops add_X / update_X / remove_X all use them.
#pragma once

#include <optional>
#include <string>

#include "interop/import_report.hpp"
#include "interop/json_codec.hpp"
#include "model/work.hpp"

namespace coalign::interop {

// The item in the contract's shape: id, every schema field in schema order (defaults for
// absent ones), nested goals/milestones, then unmodelled fields.
Json WorkItemToJson(model::WorkKind kind, const model::WorkItem& item);
// Reads the fields a JSON object gives (absent ones stay absent: the ops fill defaults);
// wrong types are refused naming the field; unknown fields are kept in `extra`.
Result<model::WorkItem> WorkItemFromJson(model::WorkKind kind, const Json& json);

// {"organisations": [...], "people": [...], ...}: every section, empty ones too.
Json WorkSectionsToJson(const model::WorkState& work);

// Reads the work sections of a native document. Items without an id get a stable one
// (the same file always gives the same ids): contributions c1, c2, ... in file order,
// action teams a slug of their name, others their kind's prefix and position.
void ReadWorkSections(const Json& document, model::WorkState& work, ImportProblems& problems);
// Writes the non-empty work sections into a native document.
void WriteWorkSections(const model::WorkState& work, Json& document);
bool IsWorkSection(const std::string& key);

// The work op named `name` read from `json`, or nothing when `name` is not a work op.
std::optional<Result<ops::Op>> WorkOpFromJson(const std::string& name, const Json& json);
// Fills `json` (which has "op") with a work op's members.
void WorkOpToJson(const ops::Op& op, Json& json);

}  // namespace coalign::interop
