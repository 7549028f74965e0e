#include "interop/work_json.hpp"

#include <cmath>
#include <set>

#include "ops/work_ops.hpp"

namespace coalign::interop {
namespace {

using model::FieldType;
using model::WorkItem;
using model::WorkKind;
using model::WorkValue;

Json ValueToJson(const model::FieldSpec& field, const WorkValue& value) {
  if (auto* text = std::get_if<std::string>(&value)) return *text;
  if (auto* number = std::get_if<double>(&value)) {
    if (std::floor(*number) == *number && std::abs(*number) < 9e15) return static_cast<std::int64_t>(*number);
    return *number;
  }
  if (auto* list = std::get_if<std::vector<std::string>>(&value)) return *list;
  (void)field;
  return nullptr;
}

Error TypeError(const std::string& field, const char* expected) { return Error{field + " must be " + expected, field}; }

Result<WorkValue> ValueFromJson(const model::FieldSpec& field, const Json& json) {
  if (json.is_null()) return WorkValue{};
  switch (field.type) {
    case FieldType::title:
    case FieldType::text:
    case FieldType::url:
    case FieldType::date:
    case FieldType::choice:
      if (!json.is_string()) return TypeError(field.name, "text");
      return WorkValue{json.get<std::string>()};
    case FieldType::number:
    case FieldType::account:
      if (!json.is_number()) return TypeError(field.name, "a number");
      return WorkValue{json.get<double>()};
    case FieldType::ref:
      if (json.is_string()) return WorkValue{json.get<std::string>()};
      if (json.is_number_integer()) return WorkValue{std::to_string(json.get<long long>())};
      return TypeError(field.name, "an id (text) or null");
    case FieldType::refs:
    case FieldType::urls: {
      if (!json.is_array()) return TypeError(field.name, "a list of text");
      std::vector<std::string> list;
      for (const auto& entry : json) {
        if (entry.is_string()) list.push_back(entry.get<std::string>());
        else if (entry.is_number_integer() && field.type == FieldType::refs) list.push_back(std::to_string(entry.get<long long>()));
        else return TypeError(field.name, "a list of text");
      }
      return WorkValue{list};
    }
  }
  return TypeError(field.name, "a value");
}

Result<ops::FieldSet> SetFromJson(const Json& op) {
  auto found = op.find("set");
  if (found == op.end() || !found->is_object()) return Error{"\"set\" must be an object of fields", "set"};
  ops::FieldSet set;
  for (auto it = found->begin(); it != found->end(); ++it) {
    const auto& value = it.value();
    if (value.is_null()) set.emplace_back(it.key(), ops::FieldValue{});
    else if (value.is_string()) set.emplace_back(it.key(), ops::FieldValue{value.get<std::string>()});
    else if (value.is_number()) set.emplace_back(it.key(), ops::FieldValue{value.get<double>()});
    else if (value.is_array()) {
      std::vector<std::string> list;
      for (const auto& entry : value) {
        if (!entry.is_string()) return TypeError(it.key(), "a list of text");
        list.push_back(entry.get<std::string>());
      }
      set.emplace_back(it.key(), ops::FieldValue{list});
    } else {
      return TypeError(it.key(), "text, a number, a list or null");
    }
  }
  return set;
}

Result<std::string> RequiredText(const Json& json, const std::string& field) {
  auto found = json.find(field);
  if (found != json.end() && found->is_string() && !found->get<std::string>().empty()) return found->get<std::string>();
  if (found != json.end() && found->is_number_integer()) return std::to_string(found->get<long long>());
  return Error{field + " is required (an id)", field};
}

std::string Slug(const std::string& text) {
  std::string slug;
  for (unsigned char c : text) {
    if (std::isalnum(c)) slug += static_cast<char>(std::tolower(c));
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.substr(0, 60);
}

// A stable id for the item at `position` of a section that came without one.
std::string StableId(WorkKind kind, const WorkItem& item, std::size_t position, const std::set<std::string>& taken) {
  std::string base;
  if (kind == WorkKind::contribution) base = "c";
  else if (kind == WorkKind::action_team) base = Slug(item.Text("name"));
  std::string candidate;
  if (kind == WorkKind::action_team && !base.empty()) {
    candidate = base;
    for (std::size_t suffix = 2; taken.count(candidate); ++suffix) candidate = base + "-" + std::to_string(suffix);
    return candidate;
  }
  if (base.empty()) base = model::SpecOf(kind).id_prefix;
  std::size_t number = position + 1;
  do candidate = base + std::to_string(number++);
  while (taken.count(candidate));
  return candidate;
}

// Absent fields get their defaults (what the ops would give), so that reading a document
// twice gives the same map.
void FillDefaults(WorkKind kind, WorkItem& item) {
  const auto& spec = model::SpecOf(kind);
  for (const auto& field : spec.fields)
    if (!item.fields.count(field.name)) item.fields[field.name] = model::DefaultValue(field);
  if (spec.child_kind)
    for (auto& child : item.children) FillDefaults(*spec.child_kind, child);
}

void AssignIds(WorkKind kind, std::vector<WorkItem>& items) {
  std::set<std::string> taken;
  for (const auto& item : items) taken.insert(item.id);
  for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    if (!items[item_idx].id.empty()) continue;
    items[item_idx].id = StableId(kind, items[item_idx], item_idx, taken);
    taken.insert(items[item_idx].id);
  }
}

}  // namespace

Json WorkItemToJson(WorkKind kind, const WorkItem& item) {
  const auto& spec = model::SpecOf(kind);
  Json json;
  json["id"] = item.id;
  for (const auto& field : spec.fields) {
    auto found = item.fields.find(field.name);
    json[field.name] = ValueToJson(field, found == item.fields.end() ? model::DefaultValue(field) : found->second);
  }
  if (spec.child_kind) {
    Json children = Json::array();
    for (const auto& child : item.children) children.push_back(WorkItemToJson(*spec.child_kind, child));
    json[spec.children_field] = std::move(children);
  }
  if (!item.extra.empty()) {
    auto extra = Json::parse(item.extra, nullptr, false);
    if (extra.is_object())
      for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!json.contains(it.key())) json[it.key()] = it.value();
  }
  return json;
}

Result<WorkItem> WorkItemFromJson(WorkKind kind, const Json& json) {
  const auto& spec = model::SpecOf(kind);
  if (!json.is_object()) return Error{"a " + spec.name + " must be an object", spec.name};
  WorkItem item;
  if (auto found = json.find("id"); found != json.end() && !found->is_null()) {
    if (found->is_string()) item.id = found->get<std::string>();
    else if (found->is_number_integer()) item.id = std::to_string(found->get<long long>());
    else return TypeError("id", "text");
  }
  Json extra = Json::object();
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (it.key() == "id") continue;
    if (spec.child_kind && it.key() == spec.children_field) {
      if (it->is_null()) continue;
      if (!it->is_array()) return TypeError(spec.children_field, "a list");
      for (std::size_t child_idx = 0; child_idx < it->size(); ++child_idx) {
        auto child = WorkItemFromJson(*spec.child_kind, (*it)[child_idx]);
        if (!child) return Error{spec.children_field + "[" + std::to_string(child_idx) + "]: " + child.error().message, spec.children_field};
        item.children.push_back(std::move(*child));
      }
      continue;
    }
    const auto* field = spec.Field(it.key());
    if (!field) {
      extra[it.key()] = it.value();
      continue;
    }
    auto value = ValueFromJson(*field, it.value());
    if (!value) return value.error();
    item.fields[field->name] = std::move(*value);
  }
  if (spec.child_kind) AssignIds(*spec.child_kind, item.children);
  if (!extra.empty()) item.extra = extra.dump();
  return item;
}

Json WorkSectionsToJson(const model::WorkState& work) {
  Json json = Json::object();
  for (std::size_t kind_idx = 0; kind_idx < model::kTopWorkKinds; ++kind_idx) {
    auto kind = static_cast<WorkKind>(kind_idx);
    Json list = Json::array();
    for (const auto& item : work.Of(kind)) list.push_back(WorkItemToJson(kind, item));
    json[model::SpecOf(kind).section] = std::move(list);
  }
  return json;
}

bool IsWorkSection(const std::string& key) {
  for (std::size_t kind_idx = 0; kind_idx < model::kTopWorkKinds; ++kind_idx)
    if (model::SpecOf(static_cast<WorkKind>(kind_idx)).section == key) return true;
  return false;
}

void ReadWorkSections(const Json& document, model::WorkState& work, ImportProblems& problems) {
  for (std::size_t kind_idx = 0; kind_idx < model::kTopWorkKinds; ++kind_idx) {
    auto kind = static_cast<WorkKind>(kind_idx);
    const auto& section = model::SpecOf(kind).section;
    auto found = document.find(section);
    if (found == document.end() || found->is_null()) continue;
    if (!found->is_array()) {
      problems.push_back({section, "\"" + section + "\" must be a list; it was left out"});
      continue;
    }
    auto& list = work.Of(kind);
    for (std::size_t item_idx = 0; item_idx < found->size(); ++item_idx) {
      auto item = WorkItemFromJson(kind, (*found)[item_idx]);
      if (item) list.push_back(std::move(*item));
      else problems.push_back({section + "[" + std::to_string(item_idx) + "]", item.error().message + "; left out"});
    }
    AssignIds(kind, list);
    for (auto& item : list) FillDefaults(kind, item);
  }
}

void WriteWorkSections(const model::WorkState& work, Json& document) {
  for (std::size_t kind_idx = 0; kind_idx < model::kTopWorkKinds; ++kind_idx) {
    auto kind = static_cast<WorkKind>(kind_idx);
    if (work.Of(kind).empty()) continue;
    Json list = Json::array();
    for (const auto& item : work.Of(kind)) list.push_back(WorkItemToJson(kind, item));
    document[model::SpecOf(kind).section] = std::move(list);
  }
}

std::optional<Result<ops::Op>> WorkOpFromJson(const std::string& name, const Json& json) {
  auto underscore = name.find('_');
  if (underscore == std::string::npos) return std::nullopt;
  std::string verb = name.substr(0, underscore);
  auto kind = model::WorkKindNamed(name.substr(underscore + 1));
  if (!kind || (verb != "add" && verb != "update" && verb != "remove")) return std::nullopt;
  const auto& spec = model::SpecOf(*kind);
  std::string owner;
  if (spec.owner_kind) {
    auto owner_id = RequiredText(json, spec.owner_field);
    if (!owner_id) return Result<ops::Op>(owner_id.error());
    owner = *owner_id;
  }
  if (verb == "add") {
    auto found = json.find(spec.name);
    if (found == json.end() || !found->is_object())
      return Result<ops::Op>(Error{"\"" + spec.name + "\" must be an object", spec.name});
    auto item = WorkItemFromJson(*kind, *found);
    if (!item) return Result<ops::Op>(item.error());
    std::optional<std::size_t> index;
    if (auto at = json.find("index"); at != json.end() && at->is_number_unsigned()) index = at->get<std::size_t>();
    return Result<ops::Op>(ops::Op{ops::AddWork{*kind, owner, std::move(*item), index}});
  }
  auto id = RequiredText(json, "id");
  if (!id) return Result<ops::Op>(id.error());
  if (verb == "remove") return Result<ops::Op>(ops::Op{ops::RemoveWork{*kind, owner, *id}});
  auto set = SetFromJson(json);
  if (!set) return Result<ops::Op>(set.error());
  return Result<ops::Op>(ops::Op{ops::UpdateWork{*kind, owner, *id, std::move(*set)}});
}

void WorkOpToJson(const ops::Op& op, Json& json) {
  auto owner_member = [&json](WorkKind kind, const std::string& owner) {
    const auto& spec = model::SpecOf(kind);
    if (spec.owner_kind) json[spec.owner_field] = owner;
  };
  if (auto* add = std::get_if<ops::AddWork>(&op)) {
    owner_member(add->kind, add->owner);
    json[model::SpecOf(add->kind).name] = WorkItemToJson(add->kind, add->item);
    if (add->index) json["index"] = *add->index;
  } else if (auto* update = std::get_if<ops::UpdateWork>(&op)) {
    owner_member(update->kind, update->owner);
    json["id"] = update->id;
    Json set = Json::object();
    for (const auto& [field, value] : update->set) set[field] = ToJson(value);
    json["set"] = std::move(set);
  } else if (auto* remove = std::get_if<ops::RemoveWork>(&op)) {
    owner_member(remove->kind, remove->owner);
    json["id"] = remove->id;
  }
}

}  // namespace coalign::interop
