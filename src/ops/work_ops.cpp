#include "ops/work_ops.hpp"

#include <charconv>
#include <cmath>
#include <random>
#include <set>

#include "model/iso_time.hpp"

namespace coalign::ops {
namespace {

// A number as a person wrote it: -5 stays "-5", 2.5 stays "2.5" (std::to_string would print "-5.000000").
std::string ShortestNumber(double number) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return error == std::errc{} ? std::string(buffer, end) : std::to_string(number);
}


using model::FieldSpec;
using model::FieldType;
using model::KindSpec;
using model::RefTarget;
using model::WorkItem;
using model::WorkKind;
using model::WorkValue;

constexpr std::size_t kMaxUrlLength = 2000;
constexpr double kMaxAmount = 1e15;

OpError Refusal(ErrorKind kind, std::string reason, std::string field) {
  return OpError{0, kind, std::move(reason), std::move(field)};
}

std::string Quote(const std::string& text) { return "'" + text + "'"; }

std::optional<OpError> CheckId(const std::string& id) {
  if (id.size() > model::kMaxIdLength)
    return Refusal(ErrorKind::invalid, "id is longer than " + std::to_string(model::kMaxIdLength) + " bytes", "id");
  for (unsigned char c : id)
    if (c < 0x20 || c == '/' || c == '?' || c == '#')
      return Refusal(ErrorKind::invalid, "id \"" + id + "\" contains a control character, '/', '?' or '#'", "id");
  return std::nullopt;
}

// Links are shown as links: only web addresses (no javascript: or data: URLs).
bool IsWebLink(const std::string& text) {
  if (text.size() > kMaxUrlLength) return false;
  for (unsigned char c : text)
    if (c <= 0x20 || c == 0x7F) return false;
  auto lower = text.substr(0, 8);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return (lower.rfind("https://", 0) == 0 && text.size() > 8) || (lower.rfind("http://", 0) == 0 && text.size() > 7);
}

bool HasControl(const std::string& text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

const char* TargetName(RefTarget target) {
  switch (target) {
    case RefTarget::statement: return "statement";
    case RefTarget::organisation: return "organisation";
    case RefTarget::person: return "person";
    case RefTarget::initiative: return "initiative";
    case RefTarget::goal: return "goal";
    case RefTarget::none: break;
  }
  return "item";
}

std::optional<WorkValue> ToWorkValue(const FieldValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return WorkValue{};
  if (auto* text = std::get_if<std::string>(&value)) return WorkValue{*text};
  if (auto* number = std::get_if<double>(&value)) return WorkValue{*number};
  if (auto* list = std::get_if<std::vector<std::string>>(&value)) return WorkValue{*list};
  return std::nullopt;  // a position
}

FieldValue ToFieldValue(const WorkValue& value) {
  if (auto* text = std::get_if<std::string>(&value)) return FieldValue{*text};
  if (auto* number = std::get_if<double>(&value)) return FieldValue{*number};
  if (auto* list = std::get_if<std::vector<std::string>>(&value)) return FieldValue{*list};
  return FieldValue{};
}

std::string NewId(const std::string& prefix, const std::function<bool(const std::string&)>& taken) {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  thread_local std::mt19937_64 random{std::random_device{}()};
  for (;;) {
    std::string id = prefix;
    for (int char_idx = 0; char_idx < 8; ++char_idx) id += kAlphabet[random() % (sizeof(kAlphabet) - 1)];
    if (!taken(id)) return id;
  }
}

std::string Label(WorkKind kind, const WorkItem& item) {
  auto label = item.Text(model::SpecOf(kind).label_field);
  return label.empty() ? item.id : label;
}

const char* const kOpNames[][3] = {
    {"add_organisation", "update_organisation", "remove_organisation"},
    {"add_person", "update_person", "remove_person"},
    {"add_advocate", "update_advocate", "remove_advocate"},
    {"add_action_team", "update_action_team", "remove_action_team"},
    {"add_contribution", "update_contribution", "remove_contribution"},
    {"add_initiative", "update_initiative", "remove_initiative"},
    {"add_resource", "update_resource", "remove_resource"},
    {"add_goal", "update_goal", "remove_goal"},
    {"add_milestone", "update_milestone", "remove_milestone"},
};

// Checks and applies the work ops against one map.
class WorkRules {
 public:
  WorkRules(model::MapState& state, const WorkApplier::StatementLookup& statement) : state_(state), statement_(statement) {}

  std::string StatementTitle(const std::string& id) const {
    const auto* statement = statement_(id);
    return Quote(statement ? statement->title : id);
  }
  std::string ItemLabel(WorkKind kind, const std::string& id) const {
    const auto* item = state_.work.Find(kind, id);
    return Quote(item ? Label(kind, *item) : id);
  }

  // The list holding items of `kind` (for a child kind, its owner's children), or an error.
  std::variant<std::vector<WorkItem>*, OpError> ListOf(WorkKind kind, const std::string& owner) {
    const auto& spec = model::SpecOf(kind);
    if (!spec.owner_kind) {
      if (!owner.empty()) return Refusal(ErrorKind::invalid, spec.name + "s have no owner", spec.owner_field);
      return &state_.work.Of(kind);
    }
    const auto& owner_spec = model::SpecOf(*spec.owner_kind);
    if (owner.empty()) return Refusal(ErrorKind::invalid, "a " + spec.name + " needs \"" + spec.owner_field + "\"", spec.owner_field);
    for (auto& item : state_.work.Of(*spec.owner_kind))
      if (item.id == owner) return &item.children;
    return Refusal(ErrorKind::not_found, "no " + owner_spec.name + " \"" + owner + "\" (it may have been removed)", spec.owner_field);
  }

  WorkItem* OwnerItem(WorkKind kind, const std::string& owner) {
    const auto& spec = model::SpecOf(kind);
    if (!spec.owner_kind) return nullptr;
    for (auto& item : state_.work.Of(*spec.owner_kind))
      if (item.id == owner) return &item;
    return nullptr;
  }

  bool RefExists(RefTarget target, const std::string& id, const WorkItem& holder) const {
    switch (target) {
      case RefTarget::statement: return statement_(id) != nullptr;
      case RefTarget::organisation: return state_.work.Find(WorkKind::organisation, id) != nullptr;
      case RefTarget::person: return state_.work.Find(WorkKind::person, id) != nullptr;
      case RefTarget::initiative: return state_.work.Find(WorkKind::initiative, id) != nullptr;
      case RefTarget::goal: {
        auto organisation = holder.Ref("organisation");
        const auto* owner = organisation ? state_.work.Find(WorkKind::organisation, *organisation) : nullptr;
        return owner && owner->Child(id);
      }
      case RefTarget::none: return true;
    }
    return false;
  }

  std::string MissingRef(RefTarget target, const std::string& id, const WorkItem& holder) const {
    if (target == RefTarget::goal) {
      auto organisation = holder.Ref("organisation");
      return "no goal \"" + id + "\" of " + (organisation ? ItemLabel(WorkKind::organisation, *organisation) : "its organisation") +
             " (a contribution serves only its own organisation's goals)";
    }
    return std::string("no ") + TargetName(target) + " \"" + id + "\" (it may have been removed)";
  }

  // Checks one value against its field's type (references: that they exist), and
  // normalises it ("" for a nullable reference or date is null).
  std::optional<OpError> CheckValue(const KindSpec& spec, const FieldSpec& field, WorkValue& value, const WorkItem& holder) {
    const std::string& name = field.name;
    auto is_null = std::holds_alternative<std::monostate>(value);
    auto* text = std::get_if<std::string>(&value);
    if (text && text->empty() && field.nullable && field.type != FieldType::text && field.type != FieldType::title) {
      value = std::monostate{};
      is_null = true;
      text = nullptr;
    }
    if (is_null) {
      if (field.type == FieldType::text || field.type == FieldType::url) {
        value = std::string();
        return std::nullopt;
      }
      if (field.required) return Refusal(ErrorKind::invalid, name + " is required", name);
      if (field.nullable) return std::nullopt;
      if (field.type == FieldType::refs || field.type == FieldType::urls) {
        value = std::vector<std::string>{};
        return std::nullopt;
      }
      if (field.type == FieldType::title) {
        value = std::string();
        return std::nullopt;
      }
      return Refusal(ErrorKind::invalid, name + " cannot be null", name);
    }
    switch (field.type) {
      case FieldType::title:
      case FieldType::text: {
        if (!text) return Refusal(ErrorKind::invalid, name + " must be text", name);
        auto limit = field.type == FieldType::title ? model::kMaxTitleLength : model::kMaxTextLength;
        if (text->size() > limit)
          return Refusal(ErrorKind::invalid, name + " is " + std::to_string(text->size()) + " bytes long; the limit is " + std::to_string(limit), name);
        if (field.type == FieldType::title) {
          bool blank = text->find_first_not_of(" \t") == std::string::npos;
          if (blank && field.required) return Refusal(ErrorKind::invalid, spec.name + " " + name + " must not be empty", name);
          if (HasControl(*text)) return Refusal(ErrorKind::invalid, name + " contains a control character; it is one line of plain text", name);
        }
        return std::nullopt;
      }
      case FieldType::url:
        if (!text) return Refusal(ErrorKind::invalid, name + " must be text", name);
        if (!text->empty() && !IsWebLink(*text))
          return Refusal(ErrorKind::invalid, name + " must be a web address starting with http:// or https://", name);
        return std::nullopt;
      case FieldType::date:
        if (!text || !model::IsIsoDate(*text))
          return Refusal(ErrorKind::invalid, name + " must be a date written YYYY-MM-DD, or null", name);
        return std::nullopt;
      case FieldType::choice: {
        std::string listed;
        for (const auto& choice : field.choices) listed += (listed.empty() ? "" : ", ") + choice;
        if (!text || std::find(field.choices.begin(), field.choices.end(), *text) == field.choices.end())
          return Refusal(ErrorKind::invalid, name + " must be one of " + listed + (field.nullable ? " (or null)" : ""), name);
        return std::nullopt;
      }
      case FieldType::number: {
        auto* number = std::get_if<double>(&value);
        if (!number || !std::isfinite(*number)) return Refusal(ErrorKind::invalid, name + " must be a number", name);
        if (*number < 0) return Refusal(ErrorKind::invalid, name + " must not be negative (it is " + ShortestNumber(*number) + ")", name);
        if (*number > kMaxAmount) return Refusal(ErrorKind::invalid, name + " is too large", name);
        return std::nullopt;
      }
      case FieldType::account: {
        auto* number = std::get_if<double>(&value);
        if (!number || *number < 1 || *number != std::floor(*number) || *number > 9e15)
          return Refusal(ErrorKind::invalid, name + " must be a user id (a whole number) or null", name);
        return std::nullopt;
      }
      case FieldType::ref: {
        if (!text) return Refusal(ErrorKind::invalid, name + " must be the id of a " + TargetName(field.target) + (field.nullable ? " or null" : ""), name);
        if (!RefExists(field.target, *text, holder)) return Refusal(ErrorKind::not_found, MissingRef(field.target, *text, holder), name);
        return std::nullopt;
      }
      case FieldType::refs:
      case FieldType::urls: {
        auto* list = std::get_if<std::vector<std::string>>(&value);
        if (!list) return Refusal(ErrorKind::invalid, name + " must be a list", name);
        std::set<std::string> seen;
        for (const auto& entry : *list) {
          if (!seen.insert(entry).second) return Refusal(ErrorKind::invalid, name + " lists \"" + entry + "\" twice", name);
          if (field.type == FieldType::urls) {
            if (!IsWebLink(entry))
              return Refusal(ErrorKind::invalid, name + " must be web addresses starting with http:// or https:// (at most 2000 characters)", name);
          } else if (!RefExists(field.target, entry, holder)) {
            return Refusal(ErrorKind::not_found, MissingRef(field.target, entry, holder), name);
          }
        }
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // Rules across fields of one item (a person's account is theirs alone: others checked).
  std::optional<OpError> CheckItem(WorkKind kind, const WorkItem& item) {
    if (kind == WorkKind::initiative) {
      auto start = item.Ref("start");
      auto end = item.Ref("end");
      if (start && end && *end < *start)
        return Refusal(ErrorKind::invalid, "the initiative ends (" + *end + ") before it starts (" + *start + ")", "end");
    }
    if (kind == WorkKind::person) {
      auto found = item.fields.find("account");
      if (found != item.fields.end() && std::holds_alternative<double>(found->second)) {
        for (const auto& other : state_.work.Of(WorkKind::person)) {
          if (other.id == item.id) continue;
          auto other_account = other.fields.find("account");
          if (other_account != other.fields.end() && other_account->second == found->second)
            return Refusal(ErrorKind::invalid,
                           "that account is already the person " + Quote(Label(WorkKind::person, other)) + " (" + other.id + ")", "account");
        }
      }
    }
    return std::nullopt;
  }

  // Warnings about an initiative's milestones outside its dates.
  void MilestoneWarnings(const WorkItem& initiative, const WorkItem& milestone, std::vector<std::string>& warnings) {
    auto start = initiative.Ref("start");
    auto end = initiative.Ref("end");
    for (const char* field : {"due", "done"}) {
      auto date = milestone.Ref(field);
      if (!date) continue;
      bool before = start && *date < *start;
      bool after = end && *date > *end;
      if (!before && !after) continue;
      warnings.push_back("milestone " + Quote(Label(WorkKind::milestone, milestone)) + " is " + std::string(field) +
                         " on " + *date + ", " + (before ? "before" : "after") + " its initiative " +
                         Quote(Label(WorkKind::initiative, initiative)) + (before ? " starts (" + *start + ")" : " ends (" + *end + ")"));
    }
  }

  // Fills absent fields with defaults (refusing absent required ones) and checks every
  // field and the item's own rules.
  std::optional<OpError> CheckNewItem(WorkKind kind, WorkItem& item) {
    const auto& spec = model::SpecOf(kind);
    for (const auto& [name, value] : item.fields)
      if (!spec.Field(name)) return Refusal(ErrorKind::invalid, spec.name + "s have no field \"" + name + "\"", name);
    // References to goals need the organisation first: check in schema order.
    for (const auto& field : spec.fields) {
      auto found = item.fields.find(field.name);
      if (found == item.fields.end()) {
        if (field.required) return Refusal(ErrorKind::invalid, field.name + " is required", field.name);
        item.fields[field.name] = model::DefaultValue(field);
        continue;
      }
      if (auto error = CheckValue(spec, field, found->second, item)) return error;
    }
    return CheckItem(kind, item);
  }

  std::optional<OpError> Add(AddWork& op, AppliedOp& applied) {
    const auto& spec = model::SpecOf(op.kind);
    auto list_or_error = ListOf(op.kind, op.owner);
    if (auto* error = std::get_if<OpError>(&list_or_error)) return *error;
    auto& list = *std::get<std::vector<WorkItem>*>(list_or_error);
    auto taken = [&list](const std::string& id) {
      return std::any_of(list.begin(), list.end(), [&id](const WorkItem& item) { return item.id == id; });
    };
    auto& item = op.item;
    if (item.id.empty()) {
      item.id = NewId(spec.id_prefix, taken);
      applied.generated_id = item.id;
    } else if (taken(item.id)) {
      return Refusal(ErrorKind::invalid, "a " + spec.name + " with id \"" + item.id + "\" already exists", "id");
    }
    if (auto error = CheckId(item.id)) return error;
    if (auto error = CheckNewItem(op.kind, item)) return error;
    if (!item.children.empty()) {
      if (!spec.child_kind) return Refusal(ErrorKind::invalid, spec.name + "s hold no " + spec.children_field, spec.children_field);
      std::set<std::string> child_ids;
      for (auto& child : item.children) {
        if (child.id.empty())
          child.id = NewId(model::SpecOf(*spec.child_kind).id_prefix, [&child_ids](const std::string& id) { return child_ids.count(id) > 0; });
        if (!child_ids.insert(child.id).second)
          return Refusal(ErrorKind::invalid, spec.children_field + " lists the id \"" + child.id + "\" twice", spec.children_field);
        if (auto error = CheckId(child.id)) return error;
        if (auto error = CheckNewItem(*spec.child_kind, child)) {
          error->reason = model::SpecOf(*spec.child_kind).name + " \"" + child.id + "\": " + error->reason;
          error->field = spec.children_field;
          return error;
        }
      }
      if (op.kind == WorkKind::initiative)
        for (const auto& child : item.children) MilestoneWarnings(item, child, applied.warnings);
    }
    if (op.kind == WorkKind::milestone)
      if (auto* owner = OwnerItem(op.kind, op.owner)) MilestoneWarnings(*owner, item, applied.warnings);
    applied.inverse.push_back(RemoveWork{op.kind, op.owner, item.id});
    applied.touches.push_back({ItemKind::work, WorkTouchId(op.kind, op.owner, item.id), ""});
    if (op.index && *op.index < list.size()) {
      list.insert(list.begin() + static_cast<std::ptrdiff_t>(*op.index), item);
    } else {
      list.push_back(item);
    }
    return std::nullopt;
  }

  std::optional<OpError> Update(UpdateWork& op, AppliedOp& applied) {
    const auto& spec = model::SpecOf(op.kind);
    auto list_or_error = ListOf(op.kind, op.owner);
    if (auto* error = std::get_if<OpError>(&list_or_error)) return *error;
    auto& list = *std::get<std::vector<WorkItem>*>(list_or_error);
    auto found = std::find_if(list.begin(), list.end(), [&op](const WorkItem& item) { return item.id == op.id; });
    if (found == list.end()) return Refusal(ErrorKind::not_found, "no " + spec.name + " \"" + op.id + "\" (it may have been removed)", "id");
    if (op.set.empty()) return Refusal(ErrorKind::invalid, "update_" + spec.name + " needs at least one field in \"set\"", "set");
    WorkItem updated = *found;
    FieldSet old_values;
    for (const auto& [name, value] : op.set) {
      if (name == "id") return Refusal(ErrorKind::invalid, "an id cannot change; remove the " + spec.name + " and add another", name);
      if (spec.child_kind && name == spec.children_field) {
        const auto& child = model::SpecOf(*spec.child_kind).name;
        return Refusal(ErrorKind::invalid, name + " change with add_" + child + ", update_" + child + " and remove_" + child, name);
      }
      const auto* field = spec.Field(name);
      if (!field) return Refusal(ErrorKind::invalid, spec.name + "s have no field \"" + name + "\" that can be set", name);
      auto converted = ToWorkValue(value);
      if (!converted) return Refusal(ErrorKind::invalid, name + " cannot be a position", name);
      bool recorded = false;
      for (const auto& old : old_values) recorded = recorded || old.first == name;
      if (!recorded) old_values.emplace_back(name, ToFieldValue(updated.fields[name]));
      updated.fields[name] = std::move(*converted);
      applied.touches.push_back({ItemKind::work, WorkTouchId(op.kind, op.owner, op.id), name});
    }
    // Every field again, in schema order: a changed organisation re-checks the goals
    // a contribution serves.
    for (const auto& field : spec.fields)
      if (auto error = CheckValue(spec, field, updated.fields[field.name], updated)) return error;
    if (auto error = CheckItem(op.kind, updated)) return error;
    if (op.kind == WorkKind::milestone)
      if (auto* owner = OwnerItem(op.kind, op.owner)) MilestoneWarnings(*owner, updated, applied.warnings);
    bool dates_changed = std::any_of(op.set.begin(), op.set.end(), [](const auto& entry) { return entry.first == "start" || entry.first == "end"; });
    if (op.kind == WorkKind::initiative && dates_changed)
      for (const auto& child : updated.children) MilestoneWarnings(updated, child, applied.warnings);
    *found = std::move(updated);
    applied.inverse.push_back(UpdateWork{op.kind, op.owner, op.id, std::move(old_values)});
    return std::nullopt;
  }

  // Sentences saying which items still name (kind, owner, id).
  std::vector<std::string> UsesOf(WorkKind kind, const std::string& owner, const std::string& id) const {
    std::vector<std::string> uses;
    RefTarget target = kind == WorkKind::organisation ? RefTarget::organisation
                       : kind == WorkKind::person     ? RefTarget::person
                       : kind == WorkKind::initiative ? RefTarget::initiative
                       : kind == WorkKind::goal       ? RefTarget::goal
                                                      : RefTarget::none;
    if (target == RefTarget::none) return uses;
    for (auto user_kind : model::WorkKindsInBuildOrder()) {
      const auto& user_spec = model::SpecOf(user_kind);
      for (const auto& user : state_.work.Of(user_kind)) {
        for (const auto& field : user_spec.fields) {
          if (field.target != target) continue;
          bool names = field.type == FieldType::ref ? user.Ref(field.name) == id : false;
          if (field.type == FieldType::refs) {
            auto list = user.List(field.name);
            names = std::find(list.begin(), list.end(), id) != list.end();
          }
          if (names && target == RefTarget::goal) names = user.Ref("organisation") == owner;
          if (names) uses.push_back(Phrase(user_kind, user, field.name));
        }
      }
    }
    return uses;
  }

  std::string Phrase(WorkKind user_kind, const WorkItem& user, const std::string& field) const {
    auto statement = user.Ref("statement");
    auto statement_title = statement ? StatementTitle(*statement) : std::string("a statement");
    switch (user_kind) {
      case WorkKind::contribution:
        if (field == "organisation") return "it still contributes to " + statement_title + " (contribution " + user.id + ")";
        return "contribution " + user.id + " to " + statement_title + " still serves it";
      case WorkKind::resource:
        if (field == "organisation") return "it still gives resource " + user.id + " (" + user.Text("unit") + ")";
        return "resource " + user.id + " is still for it";
      case WorkKind::person: return "the person " + Quote(Label(WorkKind::person, user)) + " (" + user.id + ") is still a member";
      case WorkKind::initiative:
        return std::string(field == "lead" ? "it still leads" : "it is still a partner in") + " the initiative " +
               Quote(Label(WorkKind::initiative, user)) + " (" + user.id + ")";
      case WorkKind::advocate: return "they still advocate for " + statement_title + " (advocate " + user.id + ")";
      case WorkKind::action_team:
        return std::string(field == "convenor" ? "they still convene" : "they are still in") + " the action team " +
               Quote(Label(WorkKind::action_team, user)) + " (" + user.id + ")";
      default: break;
    }
    return model::SpecOf(user_kind).name + " " + user.id + " still names it in " + field;
  }

  std::optional<OpError> Remove(RemoveWork& op, AppliedOp& applied) {
    const auto& spec = model::SpecOf(op.kind);
    auto list_or_error = ListOf(op.kind, op.owner);
    if (auto* error = std::get_if<OpError>(&list_or_error)) return *error;
    auto& list = *std::get<std::vector<WorkItem>*>(list_or_error);
    auto found = std::find_if(list.begin(), list.end(), [&op](const WorkItem& item) { return item.id == op.id; });
    if (found == list.end()) return Refusal(ErrorKind::not_found, "no " + spec.name + " \"" + op.id + "\" (it may have been removed)", "id");
    auto uses = UsesOf(op.kind, op.owner, op.id);
    if (op.kind == WorkKind::organisation)  // its goals go with it: what serves them?
      for (const auto& goal : found->children)
        for (auto& use : UsesOf(WorkKind::goal, op.id, goal.id)) uses.push_back(std::move(use));
    if (!uses.empty()) {
      std::string listed;
      for (std::size_t use_idx = 0; use_idx < uses.size() && use_idx < 3; ++use_idx) listed += (use_idx ? "; " : "") + uses[use_idx];
      if (uses.size() > 3) listed += "; and " + std::to_string(uses.size() - 3) + " more";
      return Refusal(ErrorKind::invalid, "cannot remove the " + spec.name + " " + Quote(Label(op.kind, *found)) + ": " + listed, "id");
    }
    auto position = static_cast<std::size_t>(found - list.begin());
    applied.inverse.push_back(AddWork{op.kind, op.owner, *found, position});
    applied.touches.push_back({ItemKind::work, WorkTouchId(op.kind, op.owner, op.id), ""});
    list.erase(found);
    return std::nullopt;
  }

 private:
  model::MapState& state_;
  const WorkApplier::StatementLookup& statement_;
};

}  // namespace

WorkApplier::WorkApplier(model::MapState& state, StatementLookup statement)
    : state_(state), statement_(std::move(statement)) {}

std::optional<OpError> WorkApplier::Apply(AddWork& op, AppliedOp& applied) {
  WorkRules rules(state_, statement_);
  auto error = rules.Add(op, applied);
  if (!error && op.owner.empty() && op.index && *op.index + 1 < state_.work.Of(op.kind).size()) reordered_ = true;
  return error;
}

std::optional<OpError> WorkApplier::Apply(UpdateWork& op, AppliedOp& applied) {
  return WorkRules(state_, statement_).Update(op, applied);
}

std::optional<OpError> WorkApplier::Apply(RemoveWork& op, AppliedOp& applied) {
  return WorkRules(state_, statement_).Remove(op, applied);
}

std::optional<std::string> WorkApplier::StatementsInUse(const std::vector<std::string>& statement_ids) const {
  std::set<std::string> removed(statement_ids.begin(), statement_ids.end());
  std::vector<std::string> uses;
  WorkRules rules(state_, statement_);
  // Contributions first: who works on it matters most.
  for (auto kind : {WorkKind::contribution, WorkKind::advocate, WorkKind::action_team, WorkKind::initiative, WorkKind::resource}) {
    const auto& spec = model::SpecOf(kind);
    for (const auto& item : state_.work.Of(kind)) {
      for (const auto& field : spec.fields) {
        if (field.target != RefTarget::statement) continue;
        std::vector<std::string> named = field.type == FieldType::refs ? item.List(field.name) : std::vector<std::string>{};
        if (field.type == FieldType::ref)
          if (auto ref = item.Ref(field.name)) named.push_back(*ref);
        for (const auto& statement_id : named) {
          if (!removed.count(statement_id)) continue;
          std::string title = rules.StatementTitle(statement_id);
          switch (kind) {
            case WorkKind::contribution:
              uses.push_back(rules.ItemLabel(WorkKind::organisation, item.Ref("organisation").value_or("")) + " still contributes to " +
                             title + " (contribution " + item.id + ")");
              break;
            case WorkKind::advocate: uses.push_back(title + " still has an advocate (" + item.id + ")"); break;
            case WorkKind::action_team:
              uses.push_back("the action team " + Quote(Label(kind, item)) + " (" + item.id + ") works towards " + title);
              break;
            case WorkKind::initiative:
              uses.push_back("the initiative " + Quote(Label(kind, item)) + " (" + item.id + ") advances " + title);
              break;
            default: uses.push_back(spec.name + " " + item.id + " is for " + title); break;
          }
        }
      }
    }
  }
  if (uses.empty()) return std::nullopt;
  std::string listed;
  for (std::size_t use_idx = 0; use_idx < uses.size() && use_idx < 3; ++use_idx) listed += (use_idx ? "; " : "") + uses[use_idx];
  if (uses.size() > 3) listed += "; and " + std::to_string(uses.size() - 3) + " more";
  return listed;
}

std::string WorkTouchId(WorkKind kind, const std::string& owner, const std::string& id) {
  const auto& spec = model::SpecOf(kind);
  if (spec.owner_kind) return model::SpecOf(*spec.owner_kind).name + ":" + owner + "/" + spec.name + ":" + id;
  return spec.name + ":" + id;
}

const char* WorkOpName(const Op& op) {
  if (auto* add = std::get_if<AddWork>(&op)) return kOpNames[static_cast<std::size_t>(add->kind)][0];
  if (auto* update = std::get_if<UpdateWork>(&op)) return kOpNames[static_cast<std::size_t>(update->kind)][1];
  if (auto* remove = std::get_if<RemoveWork>(&op)) return kOpNames[static_cast<std::size_t>(remove->kind)][2];
  return nullptr;
}

bool IsWorkOp(const Op& op) {
  return std::holds_alternative<AddWork>(op) || std::holds_alternative<UpdateWork>(op) || std::holds_alternative<RemoveWork>(op);
}

}  // namespace coalign::ops
