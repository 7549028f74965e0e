#include "model/work.hpp"

#include <algorithm>

namespace coalign::model {
namespace {

FieldSpec Title(std::string name, bool required = true) { return {std::move(name), FieldType::title, false, required}; }
FieldSpec Text(std::string name) { return {std::move(name), FieldType::text}; }
FieldSpec Date(std::string name) { return {std::move(name), FieldType::date, true}; }
FieldSpec Choice(std::string name, std::vector<std::string> choices, std::string fallback, bool nullable = false) {
  FieldSpec spec{std::move(name), FieldType::choice, nullable};
  spec.choices = std::move(choices);
  spec.default_choice = std::move(fallback);
  return spec;
}
FieldSpec Ref(std::string name, RefTarget target, bool required) {
  FieldSpec spec{std::move(name), FieldType::ref, !required, required};
  spec.target = target;
  return spec;
}
FieldSpec Refs(std::string name, RefTarget target) {
  FieldSpec spec{std::move(name), FieldType::refs};
  spec.target = target;
  return spec;
}

std::vector<KindSpec> BuildSpecs() {
  std::vector<KindSpec> specs;
  specs.push_back({WorkKind::organisation, "organisation", "organisations", "name", "o-",
                   {Title("name"),
                    Choice("sector", {"public", "non-profit", "private", "community", "funder", "academic", "lived-experience"}, "", true),
                    Text("description"), {"website", FieldType::url}, Text("mission")},
                   WorkKind::goal, "goals", std::nullopt, ""});
  specs.push_back({WorkKind::person, "person", "people", "name", "p-",
                   {Title("name"), Text("email"), {"account", FieldType::account, true}, Refs("organisations", RefTarget::organisation)},
                   std::nullopt, "", std::nullopt, ""});
  specs.push_back({WorkKind::advocate, "advocate", "advocates", "person", "a-",
                   {Ref("statement", RefTarget::statement, true), Ref("person", RefTarget::person, true)},
                   std::nullopt, "", std::nullopt, ""});
  specs.push_back({WorkKind::action_team, "action_team", "action_teams", "name", "team-",
                   {Title("name"), Ref("statement", RefTarget::statement, true), Ref("convenor", RefTarget::person, false),
                    Refs("members", RefTarget::person), Text("activity")},
                   std::nullopt, "", std::nullopt, ""});
  specs.push_back({WorkKind::contribution, "contribution", "contributions", "activity", "c-",
                   {Ref("organisation", RefTarget::organisation, true), Ref("statement", RefTarget::statement, true),
                    Choice("role", {"lead", "partner", "funder", "supporter"}, "supporter"), Text("activity"),
                    Refs("serves_goals", RefTarget::goal), Date("since")},
                   std::nullopt, "", std::nullopt, ""});
  specs.push_back({WorkKind::initiative, "initiative", "initiatives", "name", "i-",
                   {Title("name"), Choice("kind", {"action", "pilot", "programme", "project"}, "project"), Text("description"),
                    Ref("lead", RefTarget::organisation, false), Refs("partners", RefTarget::organisation),
                    Refs("statements", RefTarget::statement), Date("start"), Date("end"),
                    Choice("status", {"planned", "active", "done", "paused", "stopped"}, "planned"),
                    {"links", FieldType::urls}},
                   WorkKind::milestone, "milestones", std::nullopt, ""});
  specs.push_back({WorkKind::resource, "resource", "resources", "description", "r-",
                   {Choice("kind", {"funding", "in_kind", "space", "volunteer_hours", "staff_time", "data"}, "funding"),
                    Ref("organisation", RefTarget::organisation, true), {"amount", FieldType::number, false, true},
                    Title("unit"), Choice("status", {"pledged", "received"}, "pledged"), Date("pledged_on"),
                    Date("received_on"), Ref("statement", RefTarget::statement, false),
                    Ref("initiative", RefTarget::initiative, false), Text("description")},
                   std::nullopt, "", std::nullopt, ""});
  specs.push_back({WorkKind::goal, "goal", "goals", "text", "g-", {Title("text")}, std::nullopt, "", WorkKind::organisation,
                   "organisation"});
  specs.push_back({WorkKind::milestone, "milestone", "milestones", "name", "m-", {Title("name"), Date("due"), Date("done")},
                   std::nullopt, "", WorkKind::initiative, "initiative"});
  return specs;
}

const std::vector<KindSpec>& Specs() {
  static const std::vector<KindSpec> specs = BuildSpecs();
  return specs;
}

}  // namespace

std::string WorkItem::Text(const std::string& field) const {
  auto found = fields.find(field);
  if (found == fields.end()) return "";
  const auto* text = std::get_if<std::string>(&found->second);
  return text ? *text : std::string();
}

std::optional<std::string> WorkItem::Ref(const std::string& field) const {
  auto found = fields.find(field);
  if (found == fields.end()) return std::nullopt;
  const auto* text = std::get_if<std::string>(&found->second);
  if (!text || text->empty()) return std::nullopt;
  return *text;
}

std::vector<std::string> WorkItem::List(const std::string& field) const {
  auto found = fields.find(field);
  if (found == fields.end()) return {};
  const auto* list = std::get_if<std::vector<std::string>>(&found->second);
  return list ? *list : std::vector<std::string>{};
}

double WorkItem::Number(const std::string& field) const {
  auto found = fields.find(field);
  if (found == fields.end()) return 0;
  const auto* number = std::get_if<double>(&found->second);
  return number ? *number : 0;
}

const WorkItem* WorkItem::Child(const std::string& child_id) const {
  for (const auto& child : children)
    if (child.id == child_id) return &child;
  return nullptr;
}

const WorkItem* WorkState::Find(WorkKind kind, const std::string& id) const {
  for (const auto& item : Of(kind))
    if (item.id == id) return &item;
  return nullptr;
}

bool WorkState::empty() const {
  return std::all_of(lists.begin(), lists.end(), [](const auto& list) { return list.empty(); });
}

const FieldSpec* KindSpec::Field(const std::string& field_name) const {
  for (const auto& field : fields)
    if (field.name == field_name) return &field;
  return nullptr;
}

const KindSpec& SpecOf(WorkKind kind) { return Specs()[static_cast<std::size_t>(kind)]; }

const std::vector<WorkKind>& WorkKindsInBuildOrder() {
  static const std::vector<WorkKind> order = {WorkKind::organisation, WorkKind::person,       WorkKind::initiative,
                                              WorkKind::advocate,     WorkKind::action_team, WorkKind::contribution,
                                              WorkKind::resource};
  return order;
}

std::optional<WorkKind> WorkKindNamed(std::string_view name) {
  for (const auto& spec : Specs())
    if (spec.name == name) return spec.kind;
  return std::nullopt;
}

WorkValue DefaultValue(const FieldSpec& field) {
  switch (field.type) {
    case FieldType::title:
    case FieldType::text:
    case FieldType::url: return std::string();
    case FieldType::choice:
      if (field.nullable) return std::monostate{};
      return field.default_choice;
    case FieldType::number: return 0.0;
    case FieldType::refs:
    case FieldType::urls: return std::vector<std::string>{};
    case FieldType::date:
    case FieldType::account:
    case FieldType::ref: return std::monostate{};
  }
  return std::monostate{};
}

}  // namespace coalign::model
