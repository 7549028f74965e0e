// Who does what (issue 5): organisations (with their own goals), people, lead advocates,
// action teams, contributions, initiatives (with milestones) and resources. Seven kinds
// of item share ONE typed representation: a WorkItem is an id plus named field values,
// and a per-kind schema (KindSpec) says which fields exist, their types (text, date,
// choice, number >= 0, account, reference to a statement/organisation/person/initiative/
// goal, list of references) and defaults. The ops (ops/work_ops), the store
// (store/sqlite_work), the JSON codec (interop/work_json) and history all read the
// schema instead of repeating seven copies of the same code. Pure data, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace coalign::model {

// The first seven are top-level kinds (each a document section); goals live inside
// their organisation and milestones inside their initiative.
enum class WorkKind : std::uint8_t {
  organisation,
  person,
  advocate,
  action_team,
  contribution,
  initiative,
  resource,
  goal,
  milestone,
};
inline constexpr std::size_t kTopWorkKinds = 7;

// A field's value: null, text (also dates, choices, single references), a number
// (amounts, account ids), or a list of text (lists of references, links).
using WorkValue = std::variant<std::monostate, std::string, double, std::vector<std::string>>;

struct WorkItem {
  std::string id;
  std::map<std::string, WorkValue> fields;  // every schema field once the item is stored
  std::vector<WorkItem> children;           // an organisation's goals, an initiative's milestones
  std::string extra;                        // raw JSON object text of unmodelled fields
  bool operator==(const WorkItem&) const = default;

  // Typed reads (absent or other-typed fields read as empty).
  std::string Text(const std::string& field) const;
  std::optional<std::string> Ref(const std::string& field) const;
  std::vector<std::string> List(const std::string& field) const;
  double Number(const std::string& field) const;
  const WorkItem* Child(const std::string& child_id) const;
};

// The top-level items, one list per kind in document order.
struct WorkState {
  std::array<std::vector<WorkItem>, kTopWorkKinds> lists;
  std::vector<WorkItem>& Of(WorkKind kind) { return lists[static_cast<std::size_t>(kind)]; }
  const std::vector<WorkItem>& Of(WorkKind kind) const { return lists[static_cast<std::size_t>(kind)]; }
  const WorkItem* Find(WorkKind kind, const std::string& id) const;
  bool empty() const;
  bool operator==(const WorkState&) const = default;
};

// --- the schema -----------------------------------------------------------------------

enum class FieldType {
  title,    // one line of text, non-empty when required
  text,     // free text
  date,     // "YYYY-MM-DD"
  choice,   // one of `choices`
  number,   // a finite number >= 0
  account,  // a user id (whole number >= 1)
  ref,      // the id of a `target`
  refs,     // a list of ids of `target`, no repeats
  url,      // a link (http:// or https://), or ""
  urls,     // a list of links
};

enum class RefTarget { none, statement, organisation, person, initiative, goal };

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::text;
  bool nullable = false;  // null allowed (refs, dates, sector)
  bool required = false;  // must be given on add, cannot be cleared
  RefTarget target = RefTarget::none;
  std::vector<std::string> choices;
  std::string default_choice;  // for non-nullable choices
};

struct KindSpec {
  WorkKind kind;
  std::string name;         // "organisation", "action_team" (op names: add_<name>)
  std::string section;      // "organisations" (document section, GET /work key)
  std::string label_field;  // what names an item in sentences ("name", "text")
  std::string id_prefix;    // for generated ids
  std::vector<FieldSpec> fields;
  std::optional<WorkKind> child_kind;  // goal, milestone
  std::string children_field;          // "goals", "milestones"
  std::optional<WorkKind> owner_kind;  // for goal and milestone
  std::string owner_field;             // the op member naming the owner: "organisation", "initiative"
  const FieldSpec* Field(const std::string& field_name) const;
};

const KindSpec& SpecOf(WorkKind kind);
// Top-level kinds in the order an import builds them (what is referred to comes first).
const std::vector<WorkKind>& WorkKindsInBuildOrder();
std::optional<WorkKind> WorkKindNamed(std::string_view name);
// The value a field has when not given.
WorkValue DefaultValue(const FieldSpec& field);
// A real calendar date written YYYY-MM-DD.

}  // namespace coalign::model
