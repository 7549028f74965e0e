// History in words and in differences: the sentences a person reads for one change
// ("renamed 'Early diagnosis' → 'Timely diagnosis'"), which items a change mentions (for
// "every change touching this statement"), and the difference between two maps (what
// was added, removed, moved, renamed, re-rated or otherwise changed). Pure functions over
// maps and ops: no store, no JSON.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/operation.hpp"

namespace coalign::service {

// The sentences of one change, without a subject ("renamed …", not "Ana renamed …"), from
// its ops and the map as it was just before it (for titles). A batch of many additions
// reads as one sentence ("imported 108 statements and 296 links").
std::vector<std::string> DescribeChange(const model::MapState& before, const std::vector<ops::Op>& ops);

// The person part of an author label: "Ana Ruiz <ana@example.org>" → "Ana Ruiz".
std::string AuthorDisplayName(const std::string& author);

// The statements and links a change names, in its ops or its inverse (a link added or
// removed names its ends too; an update of a link names only the link: callers that
// want its ends look them up).
struct Mentions {
  std::set<std::string> statements;
  std::set<std::string> links;
};
Mentions MentionsOf(const std::vector<ops::Op>& ops, const std::vector<ops::Op>& inverse);

// What changed between two maps, item by item, and the ids for the map to colour.
struct FieldDifference {
  std::string field;
  std::string before;  // a short text form ("0.5", "+", "'Old title'")
  std::string after;
};

struct ItemDifference {
  std::string kind;  // "statement" or "link"
  std::string id;
  std::string label;  // the statement's title, or "'A' → 'B'" for a link
  // One or more of: added, removed, moved, renamed, re-rated, changed.
  std::vector<std::string> changes;
  std::vector<FieldDifference> fields;
  std::string sentence;  // "renamed 'A' → 'B'; moved into 'C'"
};

struct MapDifference {
  std::vector<ItemDifference> items;  // statements first (document order), then links
  std::vector<std::string> added_statements, removed_statements, changed_statements;
  std::vector<std::string> added_links, removed_links, changed_links;
  std::size_t repositioned = 0;  // statements only moved on the canvas (not listed above)
};

MapDifference DiffMaps(const model::MapState& from, const model::MapState& to);

}  // namespace coalign::service
