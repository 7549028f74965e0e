// The edit operations of the one write path. Every change to a map, from any source
// (editor, import, API, undo), is a batch of these values; see apply.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/map_state.hpp"

namespace coalign::ops {

// The value of one field in an update: null, text, number, list of text, or position.
using FieldValue =
    std::variant<std::monostate, std::string, double, std::vector<std::string>, model::Position>;

// Fields to set, in the order the client gave them.
using FieldSet = std::vector<std::pair<std::string, FieldValue>>;

enum class ItemKind { statement, link, theme, layer, comment, work };
const char* ItemKindName(ItemKind kind);

// `index` on the add ops re-inserts at a document position (used by inverses, so that
// undo restores exactly); without it the item is appended.
struct AddStatement {
  model::Statement statement;
  std::optional<std::size_t> index;
};
struct UpdateStatement {
  std::string id;
  FieldSet set;
};
struct MoveStatement {
  std::string id;
  std::optional<std::string> parent;
};
struct RemoveStatement {
  std::string id;
  bool cascade = false;  // false: refuse when it has sub-statements
};
struct AddLink {
  model::Link link;
  std::optional<std::size_t> index;
};
struct UpdateLink {
  std::string id;
  FieldSet set;
};
struct RemoveLink {
  std::string id;
};
struct PositionEntry {
  std::string id;
  std::optional<model::Position> position;
};
struct SetPositions {
  std::vector<PositionEntry> positions;
};
struct AddTheme {
  model::Theme theme;
  std::optional<std::size_t> index;
};
struct UpdateTheme {
  std::string id;
  FieldSet set;
};
struct RemoveTheme {
  std::string id;
};
struct AddLayer {
  model::Layer layer;
  std::optional<std::size_t> index;
};
struct UpdateLayer {
  std::string id;
  FieldSet set;  // "name", or "index" to reorder the bands
};
struct RemoveLayer {
  std::string id;
};
// Coalition-level fields (name, purpose).
struct UpdateCoalition {
  FieldSet set;
};

// Comments (see comment_ops.hpp). Author, times and mentions are stamped by the service
// on ops that come from a person; recorded ops (undo, redo, import) keep theirs.
struct AddComment {
  model::Comment comment;
  std::optional<std::size_t> index;
};
struct UpdateComment {
  std::string id;
  FieldSet set;                 // "body"
  std::string edited_at;        // stamped: when
  std::vector<std::int64_t> mentions;  // stamped: who the new body names
};
struct ResolveComment {
  std::string id;  // a thread's root
  bool resolved = true;
};
struct RemoveComment {
  std::string id;  // its replies go with it
};

// Who does what (ops/work_ops.hpp): one add/update/remove for every kind of work item
// (organisation, person, advocate, action_team, contribution, initiative, resource, and
// the goals and milestones inside organisations and initiatives, named by `owner`).
struct AddWork {
  model::WorkKind kind = model::WorkKind::organisation;
  std::string owner;  // the organisation of a goal, the initiative of a milestone
  model::WorkItem item;
  std::optional<std::size_t> index;  // position among its kind (or its owner's children)
};
struct UpdateWork {
  model::WorkKind kind = model::WorkKind::organisation;
  std::string owner;
  std::string id;
  FieldSet set;
};
struct RemoveWork {
  model::WorkKind kind = model::WorkKind::organisation;
  std::string owner;
  std::string id;
};

using Op = std::variant<AddStatement, UpdateStatement, MoveStatement, RemoveStatement, AddLink,
                        UpdateLink, RemoveLink, SetPositions, AddTheme, UpdateTheme, RemoveTheme,
                        AddLayer, UpdateLayer, RemoveLayer, UpdateCoalition, AddComment, UpdateComment,
                        ResolveComment, RemoveComment, AddWork, UpdateWork, RemoveWork>;

// The wire name of an op ("add_statement", ...).
const char* OpName(const Op& op);

}  // namespace coalign::ops
