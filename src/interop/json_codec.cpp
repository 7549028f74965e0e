#include "interop/json_codec.hpp"

#include <set>

#include "interop/work_json.hpp"
#include "ops/work_ops.hpp"

namespace coalign::interop {
namespace {

using model::Position;

// Keeps the fields a type does not model as raw JSON text, so nothing is lost.
std::string ExtraOf(const Json& json, const std::set<std::string>& known) {
  Json extra = Json::object();
  for (auto it = json.begin(); it != json.end(); ++it)
    if (!known.count(it.key())) extra[it.key()] = it.value();
  return extra.empty() ? std::string() : extra.dump();
}

void MergeExtra(Json& json, const std::string& extra) {
  if (extra.empty()) return;
  auto parsed = Json::parse(extra, nullptr, false);
  if (!parsed.is_object()) return;
  for (auto it = parsed.begin(); it != parsed.end(); ++it)
    if (!json.contains(it.key())) json[it.key()] = it.value();
}

Error TypeError(const std::string& field, const char* expected) { return Error{field + " must be " + expected, field}; }

// Readers of one field each; they leave `out` alone when the field is absent.
std::optional<Error> ReadText(const Json& json, const char* field, std::string& out, bool required = false) {
  auto found = json.find(field);
  if (found == json.end() || found->is_null()) {
    if (required) return Error{std::string(field) + " is required", field};
    return std::nullopt;
  }
  if (!found->is_string()) return TypeError(field, "text");
  out = found->get<std::string>();
  return std::nullopt;
}

// An id may be given as text or as a whole number (CSV-born documents use numbers).
std::optional<Error> ReadId(const Json& json, const char* field, std::optional<std::string>& out) {
  auto found = json.find(field);
  if (found == json.end() || found->is_null()) return std::nullopt;
  if (found->is_string()) {
    if (!found->get<std::string>().empty()) out = found->get<std::string>();
    return std::nullopt;
  }
  if (found->is_number_integer()) {
    out = std::to_string(found->get<long long>());
    return std::nullopt;
  }
  return TypeError(field, "an id (text) or null");
}

std::optional<Error> ReadRequiredId(const Json& json, const char* field, std::string& out) {
  std::optional<std::string> id;
  if (auto error = ReadId(json, field, id)) return error;
  if (!id) return Error{std::string(field) + " is required", field};
  out = *id;
  return std::nullopt;
}

std::optional<Error> ReadNumber(const Json& json, const char* field, double& out) {
  auto found = json.find(field);
  if (found == json.end() || found->is_null()) return std::nullopt;
  if (!found->is_number()) return TypeError(field, "a number");
  out = found->get<double>();
  return std::nullopt;
}

Result<Position> PositionFromJson(const Json& json, const std::string& field) {
  if (!json.is_object() || !json.contains("x") || !json.contains("y") || !json["x"].is_number() ||
      !json["y"].is_number())
    return TypeError(field, "{\"x\": number, \"y\": number}");
  return Position{json["x"].get<double>(), json["y"].get<double>()};
}

Result<ops::FieldValue> FieldValueFromJson(const Json& json, const std::string& field) {
  if (json.is_null()) return ops::FieldValue{};
  if (json.is_string()) return ops::FieldValue{json.get<std::string>()};
  if (json.is_number()) return ops::FieldValue{json.get<double>()};
  if (json.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : json) {
      if (!item.is_string()) return TypeError(field, "a list of text");
      items.push_back(item.get<std::string>());
    }
    return ops::FieldValue{items};
  }
  if (json.is_object()) {
    auto position = PositionFromJson(json, field);
    if (!position) return position.error();
    return ops::FieldValue{*position};
  }
  return TypeError(field, "text, a number, a list, a position or null");
}

Result<ops::FieldSet> FieldSetFromJson(const Json& op) {
  auto found = op.find("set");
  if (found == op.end() || !found->is_object()) return Error{"\"set\" must be an object of fields", "set"};
  ops::FieldSet set;
  for (auto it = found->begin(); it != found->end(); ++it) {
    auto value = FieldValueFromJson(it.value(), it.key());
    if (!value) return value.error();
    set.emplace_back(it.key(), std::move(*value));
  }
  return set;
}

Json FieldSetToJson(const ops::FieldSet& set) {
  Json json = Json::object();
  for (const auto& [field, value] : set) json[field] = ToJson(value);
  return json;
}

std::optional<std::size_t> IndexOf(const Json& op) {
  auto found = op.find("index");
  if (found == op.end() || !found->is_number_unsigned()) return std::nullopt;
  return found->get<std::size_t>();
}

Result<const Json*> Member(const Json& op, const char* field) {
  auto found = op.find(field);
  if (found == op.end() || !found->is_object()) return Error{std::string("\"") + field + "\" must be an object", field};
  return &*found;
}

}  // namespace

Json ToJson(const model::Statement& statement) {
  Json json;
  json["id"] = statement.id;
  json["title"] = statement.title;
  if (!statement.description.empty()) json["description"] = statement.description;
  json["parent"] = statement.parent ? Json(*statement.parent) : Json(nullptr);
  json["layer"] = statement.layer ? Json(*statement.layer) : Json(nullptr);
  json["theme"] = statement.theme ? Json(*statement.theme) : Json(nullptr);
  if (!statement.tags.empty()) json["tags"] = statement.tags;
  if (!statement.status.empty()) json["status"] = statement.status;
  if (statement.position) json["position"] = {{"x", statement.position->x}, {"y", statement.position->y}};
  MergeExtra(json, statement.extra);
  return json;
}

Json ToJson(const model::Link& link) {
  Json json;
  json["id"] = link.id;
  json["from"] = link.from;
  json["to"] = link.to;
  json["polarity"] = link.polarity;
  json["weight"] = link.weight;
  if (!link.assumption.empty()) json["assumption"] = link.assumption;
  if (!link.evidence.empty()) json["evidence"] = link.evidence;
  MergeExtra(json, link.extra);
  return json;
}

Json ToJson(const model::Theme& theme) {
  Json json;
  json["id"] = theme.id;
  json["name"] = theme.name;
  if (!theme.color.empty()) json["color"] = theme.color;
  if (!theme.description.empty()) json["description"] = theme.description;
  MergeExtra(json, theme.extra);
  return json;
}

Json ToJson(const model::Layer& layer) {
  Json json;
  json["id"] = layer.id;
  json["name"] = layer.name;
  MergeExtra(json, layer.extra);
  return json;
}

Json ToJson(const model::Comment& comment) {
  Json json;
  json["id"] = comment.id;
  json["target_kind"] = comment.target_kind;
  json["target_id"] = comment.target_id;
  json["parent"] = comment.parent ? Json(*comment.parent) : Json(nullptr);
  json["author_id"] = comment.author_id;
  json["author_name"] = comment.author_name;
  json["body"] = comment.body;
  json["created_at"] = comment.created_at;
  json["edited_at"] = comment.edited_at.empty() ? Json(nullptr) : Json(comment.edited_at);
  json["resolved"] = comment.resolved;
  json["mentions"] = comment.mentions;
  return json;
}

namespace {
std::optional<Error> ReadMentions(const Json& json, std::vector<std::int64_t>& out) {
  auto found = json.find("mentions");
  if (found == json.end() || found->is_null()) return std::nullopt;
  if (!found->is_array()) return TypeError("mentions", "a list of user ids");
  for (const auto& user : *found) {
    if (!user.is_number_integer()) return TypeError("mentions", "a list of user ids");
    out.push_back(user.get<std::int64_t>());
  }
  return std::nullopt;
}
}  // namespace

Result<model::Comment> CommentFromJson(const Json& json) {
  if (!json.is_object()) return Error{"a comment must be an object", "comment"};
  model::Comment comment;
  std::optional<std::string> id;
  if (auto error = ReadId(json, "id", id)) return *error;
  comment.id = id.value_or("");
  if (auto error = ReadText(json, "target_kind", comment.target_kind)) return *error;
  if (comment.target_kind.empty()) comment.target_kind = "coalition";
  std::optional<std::string> target;
  if (auto error = ReadId(json, "target_id", target)) return *error;
  comment.target_id = target.value_or("");
  if (auto error = ReadId(json, "parent", comment.parent)) return *error;
  if (auto found = json.find("author_id"); found != json.end() && !found->is_null()) {
    if (!found->is_number_integer()) return TypeError("author_id", "a user id");
    comment.author_id = found->get<std::int64_t>();
  }
  if (auto error = ReadText(json, "author_name", comment.author_name)) return *error;
  if (auto error = ReadText(json, "body", comment.body, true)) return *error;
  if (auto error = ReadText(json, "created_at", comment.created_at)) return *error;
  if (auto error = ReadText(json, "edited_at", comment.edited_at)) return *error;
  if (auto found = json.find("resolved"); found != json.end() && !found->is_null()) {
    if (!found->is_boolean()) return TypeError("resolved", "true or false");
    comment.resolved = found->get<bool>();
  }
  if (auto error = ReadMentions(json, comment.mentions)) return *error;
  return comment;
}

Json ToJson(const ops::FieldValue& value) {
  return std::visit(
      [](const auto& held) -> Json {
        using T = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
        else if constexpr (std::is_same_v<T, model::Position>) return Json{{"x", held.x}, {"y", held.y}};
        else return Json(held);
      },
      value);
}

Result<model::Statement> StatementFromJson(const Json& json) {
  if (!json.is_object()) return Error{"a statement must be an object", "statement"};
  model::Statement statement;
  std::optional<std::string> id;
  if (auto error = ReadId(json, "id", id)) return *error;
  statement.id = id.value_or("");
  if (auto error = ReadText(json, "title", statement.title, true)) return *error;
  if (auto error = ReadText(json, "description", statement.description)) return *error;
  if (auto error = ReadId(json, "parent", statement.parent)) return *error;
  if (auto error = ReadId(json, "layer", statement.layer)) return *error;
  if (auto error = ReadId(json, "theme", statement.theme)) return *error;
  if (auto error = ReadText(json, "status", statement.status)) return *error;
  if (auto found = json.find("tags"); found != json.end() && !found->is_null()) {
    if (!found->is_array()) return TypeError("tags", "a list of text");
    for (const auto& tag : *found) {
      if (!tag.is_string()) return TypeError("tags", "a list of text");
      statement.tags.push_back(tag.get<std::string>());
    }
  }
  if (auto found = json.find("position"); found != json.end() && !found->is_null()) {
    auto position = PositionFromJson(*found, "position");
    if (!position) return position.error();
    statement.position = *position;
  }
  statement.extra =
      ExtraOf(json, {"id", "title", "description", "parent", "layer", "theme", "tags", "status", "position"});
  return statement;
}

Result<model::Link> LinkFromJson(const Json& json) {
  if (!json.is_object()) return Error{"a link must be an object", "link"};
  model::Link link;
  std::optional<std::string> id;
  if (auto error = ReadId(json, "id", id)) return *error;
  link.id = id.value_or("");
  if (auto error = ReadRequiredId(json, "from", link.from)) return *error;
  if (auto error = ReadRequiredId(json, "to", link.to)) return *error;
  double polarity = 1;
  if (auto error = ReadNumber(json, "polarity", polarity)) return *error;
  if (polarity != 1 && polarity != -1 && polarity != 0) return Error{"polarity must be 1, -1 or 0", "polarity"};
  link.polarity = static_cast<int>(polarity);
  if (auto error = ReadNumber(json, "weight", link.weight)) return *error;
  if (auto error = ReadText(json, "assumption", link.assumption)) return *error;
  if (auto error = ReadText(json, "evidence", link.evidence)) return *error;
  link.extra = ExtraOf(json, {"id", "from", "to", "polarity", "weight", "assumption", "evidence"});
  return link;
}

Result<model::Theme> ThemeFromJson(const Json& json) {
  if (!json.is_object()) return Error{"a theme must be an object", "theme"};
  model::Theme theme;
  std::optional<std::string> id;
  if (auto error = ReadId(json, "id", id)) return *error;
  theme.id = id.value_or("");
  if (auto error = ReadText(json, "name", theme.name, true)) return *error;
  if (auto error = ReadText(json, "color", theme.color)) return *error;
  if (auto error = ReadText(json, "description", theme.description)) return *error;
  theme.extra = ExtraOf(json, {"id", "name", "color", "description"});
  return theme;
}

Result<model::Layer> LayerFromJson(const Json& json) {
  if (!json.is_object()) return Error{"a layer must be an object", "layer"};
  model::Layer layer;
  std::optional<std::string> id;
  if (auto error = ReadId(json, "id", id)) return *error;
  layer.id = id.value_or("");
  if (auto error = ReadText(json, "name", layer.name, true)) return *error;
  layer.extra = ExtraOf(json, {"id", "name"});
  return layer;
}

Result<ops::Op> OpFromJson(const Json& json) {
  if (!json.is_object()) return Error{"each op must be an object", "op"};
  auto name_it = json.find("op");
  if (name_it == json.end() || !name_it->is_string()) return Error{"each op needs \"op\": its name", "op"};
  const std::string name = name_it->get<std::string>();
  auto target_id = [&](std::string& out) { return ReadRequiredId(json, "id", out); };

  if (name == "add_statement") {
    auto member = Member(json, "statement");
    if (!member) return member.error();
    auto statement = StatementFromJson(**member);
    if (!statement) return statement.error();
    return ops::Op{ops::AddStatement{std::move(*statement), IndexOf(json)}};
  }
  if (name == "add_link") {
    auto member = Member(json, "link");
    if (!member) return member.error();
    auto link = LinkFromJson(**member);
    if (!link) return link.error();
    return ops::Op{ops::AddLink{std::move(*link), IndexOf(json)}};
  }
  if (name == "add_theme") {
    auto member = Member(json, "theme");
    if (!member) return member.error();
    auto theme = ThemeFromJson(**member);
    if (!theme) return theme.error();
    return ops::Op{ops::AddTheme{std::move(*theme), IndexOf(json)}};
  }
  if (name == "add_layer") {
    auto member = Member(json, "layer");
    if (!member) return member.error();
    auto layer = LayerFromJson(**member);
    if (!layer) return layer.error();
    return ops::Op{ops::AddLayer{std::move(*layer), IndexOf(json)}};
  }
  if (name == "add_comment") {
    auto member = Member(json, "comment");
    if (!member) return member.error();
    auto comment = CommentFromJson(**member);
    if (!comment) return comment.error();
    return ops::Op{ops::AddComment{std::move(*comment), IndexOf(json)}};
  }
  if (name == "update_comment") {
    ops::UpdateComment update;
    if (auto error = target_id(update.id)) return *error;
    auto set = FieldSetFromJson(json);
    if (!set) return set.error();
    update.set = std::move(*set);
    if (auto error = ReadText(json, "edited_at", update.edited_at)) return *error;
    if (auto error = ReadMentions(json, update.mentions)) return *error;
    return ops::Op{std::move(update)};
  }
  if (name == "resolve_comment") {
    ops::ResolveComment resolve;
    if (auto error = target_id(resolve.id)) return *error;
    if (auto found = json.find("resolved"); found != json.end() && !found->is_null()) {
      if (!found->is_boolean()) return TypeError("resolved", "true or false");
      resolve.resolved = found->get<bool>();
    }
    return ops::Op{resolve};
  }
  if (name == "remove_comment") {
    ops::RemoveComment remove;
    if (auto error = target_id(remove.id)) return *error;
    return ops::Op{remove};
  }
  if (name == "update_statement" || name == "update_link" || name == "update_theme" || name == "update_layer") {
    std::string id;
    if (auto error = target_id(id)) return *error;
    auto set = FieldSetFromJson(json);
    if (!set) return set.error();
    if (name == "update_statement") return ops::Op{ops::UpdateStatement{id, std::move(*set)}};
    if (name == "update_link") return ops::Op{ops::UpdateLink{id, std::move(*set)}};
    if (name == "update_theme") return ops::Op{ops::UpdateTheme{id, std::move(*set)}};
    return ops::Op{ops::UpdateLayer{id, std::move(*set)}};
  }
  if (name == "update_coalition") {
    auto set = FieldSetFromJson(json);
    if (!set) return set.error();
    return ops::Op{ops::UpdateCoalition{std::move(*set)}};
  }
  if (name == "move_statement") {
    ops::MoveStatement move;
    if (auto error = target_id(move.id)) return *error;
    if (!json.contains("parent")) return Error{"move_statement needs \"parent\" (an id, or null for the top level)", "parent"};
    if (auto error = ReadId(json, "parent", move.parent)) return *error;
    return ops::Op{move};
  }
  if (name == "remove_statement") {
    ops::RemoveStatement remove;
    if (auto error = target_id(remove.id)) return *error;
    if (auto found = json.find("cascade"); found != json.end() && !found->is_null()) {
      if (!found->is_boolean()) return TypeError("cascade", "true or false");
      remove.cascade = found->get<bool>();
    }
    return ops::Op{remove};
  }
  if (name == "remove_link" || name == "remove_theme" || name == "remove_layer") {
    std::string id;
    if (auto error = target_id(id)) return *error;
    if (name == "remove_link") return ops::Op{ops::RemoveLink{id}};
    if (name == "remove_theme") return ops::Op{ops::RemoveTheme{id}};
    return ops::Op{ops::RemoveLayer{id}};
  }
  if (name == "set_positions") {
    auto found = json.find("positions");
    if (found == json.end() || !found->is_array()) return Error{"\"positions\" must be a list of {id, x, y}", "positions"};
    ops::SetPositions set;
    for (const auto& entry : *found) {
      if (!entry.is_object()) return Error{"\"positions\" must be a list of {id, x, y}", "positions"};
      ops::PositionEntry position_entry;
      if (auto error = ReadRequiredId(entry, "id", position_entry.id)) return *error;
      bool cleared = (!entry.contains("x") || entry["x"].is_null()) && (!entry.contains("y") || entry["y"].is_null());
      if (!cleared) {
        auto position = PositionFromJson(entry, "positions");
        if (!position) return position.error();
        position_entry.position = *position;
      }
      set.positions.push_back(std::move(position_entry));
    }
    return ops::Op{std::move(set)};
  }
  if (auto work_op = WorkOpFromJson(name, json)) return std::move(*work_op);
  return Error{"unknown op \"" + name + "\"", "op"};
}

Json ToJson(const ops::Op& op) {
  Json json;
  json["op"] = ops::OpName(op);
  if (ops::IsWorkOp(op)) {
    WorkOpToJson(op, json);
    return json;
  }
  std::visit(
      [&json](const auto& held) {
        using T = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<T, ops::AddStatement>) {
          json["statement"] = ToJson(held.statement);
          if (held.index) json["index"] = *held.index;
        } else if constexpr (std::is_same_v<T, ops::AddLink>) {
          json["link"] = ToJson(held.link);
          if (held.index) json["index"] = *held.index;
        } else if constexpr (std::is_same_v<T, ops::AddTheme>) {
          json["theme"] = ToJson(held.theme);
          if (held.index) json["index"] = *held.index;
        } else if constexpr (std::is_same_v<T, ops::AddLayer>) {
          json["layer"] = ToJson(held.layer);
          if (held.index) json["index"] = *held.index;
        } else if constexpr (std::is_same_v<T, ops::UpdateStatement> || std::is_same_v<T, ops::UpdateLink> ||
                             std::is_same_v<T, ops::UpdateTheme> || std::is_same_v<T, ops::UpdateLayer>) {
          json["id"] = held.id;
          json["set"] = FieldSetToJson(held.set);
        } else if constexpr (std::is_same_v<T, ops::AddComment>) {
          json["comment"] = ToJson(held.comment);
          if (held.index) json["index"] = *held.index;
        } else if constexpr (std::is_same_v<T, ops::UpdateComment>) {
          json["id"] = held.id;
          json["set"] = FieldSetToJson(held.set);
          json["edited_at"] = held.edited_at;
          json["mentions"] = held.mentions;
        } else if constexpr (std::is_same_v<T, ops::ResolveComment>) {
          json["id"] = held.id;
          json["resolved"] = held.resolved;
        } else if constexpr (std::is_same_v<T, ops::UpdateCoalition>) {
          json["set"] = FieldSetToJson(held.set);
        } else if constexpr (std::is_same_v<T, ops::MoveStatement>) {
          json["id"] = held.id;
          json["parent"] = held.parent ? Json(*held.parent) : Json(nullptr);
        } else if constexpr (std::is_same_v<T, ops::RemoveStatement>) {
          json["id"] = held.id;
          json["cascade"] = held.cascade;
        } else if constexpr (std::is_same_v<T, ops::SetPositions>) {
          Json positions = Json::array();
          for (const auto& entry : held.positions) {
            Json item{{"id", entry.id}};
            item["x"] = entry.position ? Json(entry.position->x) : Json(nullptr);
            item["y"] = entry.position ? Json(entry.position->y) : Json(nullptr);
            positions.push_back(std::move(item));
          }
          json["positions"] = std::move(positions);
        } else if constexpr (std::is_same_v<T, ops::AddWork> || std::is_same_v<T, ops::UpdateWork> ||
                             std::is_same_v<T, ops::RemoveWork>) {
          // written by WorkOpToJson above
        } else {
          json["id"] = held.id;  // the remove ops
        }
      },
      op);
  return json;
}

Json OpsToJson(const std::vector<ops::Op>& ops) {
  Json json = Json::array();
  for (const auto& op : ops) json.push_back(ToJson(op));
  return json;
}

std::vector<ops::Op> OpsFromJsonReportingEach(const Json& list, std::vector<ops::OpError>& errors) {
  std::vector<ops::Op> ops;
  ops.reserve(list.size());
  for (std::size_t op_idx = 0; op_idx < list.size(); ++op_idx) {
    auto op = OpFromJson(list[op_idx]);
    if (!op) {
      errors.push_back({op_idx, ops::ErrorKind::invalid, op.error().message, op.error().field});
      continue;
    }
    ops.push_back(std::move(*op));
  }
  return ops;
}

Result<std::vector<ops::Op>> OpsFromJson(const Json& json) {
  if (!json.is_array()) return Error{"\"ops\" must be a list", "ops"};
  std::vector<ops::Op> ops;
  ops.reserve(json.size());
  for (std::size_t op_idx = 0; op_idx < json.size(); ++op_idx) {
    auto op = OpFromJson(json[op_idx]);
    if (!op) return Error{"op " + std::to_string(op_idx) + ": " + op.error().message, op.error().field};
    ops.push_back(std::move(*op));
  }
  return ops;
}

}  // namespace coalign::interop
