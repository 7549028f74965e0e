#include "interop/csv_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "interop/csv_table.hpp"
#include "interop/json_codec.hpp"

namespace coalign::interop {
namespace {

// --- column roles ------------------------------------------------------------------------

enum class Role { id, label, from, to, polarity, weight, theme, layer, description, parent, x, y, tags, assumption, evidence };
constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::evidence) + 1;

enum class TableKind { elements, connections };

struct RoleName {
  std::string_view name;  // a header name, normalised (lower case, '_' for spaces and '-')
  Role role;
};

// The canonical name of each role comes first; the rest are the spellings seen in files.
constexpr RoleName kRoleNames[] = {
    {"id", Role::id},
    {"label", Role::label},
    {"from", Role::from},
    {"to", Role::to},
    {"polarity", Role::polarity},
    {"weight", Role::weight},
    {"theme", Role::theme},
    {"layer", Role::layer},
    {"description", Role::description},
    {"parent", Role::parent},
    {"x", Role::x},
    {"y", Role::y},
    {"tags", Role::tags},
    {"assumption", Role::assumption},
    {"evidence", Role::evidence},
    {"name", Role::label},
    {"title", Role::label},
    {"source", Role::from},
    {"source_id", Role::from},
    {"to_id", Role::to},
    {"from_id", Role::from},
    {"target", Role::to},
    {"target_id", Role::to},
    {"sign", Role::polarity},
    {"type", Role::polarity},  // only when its values are signs (see PlanColumns)
    {"strength", Role::weight},
    {"cluster", Role::theme},
    {"group", Role::theme},
    {"kind", Role::layer},
    {"definition", Role::description},
    {"tag", Role::tags},
};

std::string_view RoleText(Role role) {
  for (const auto& entry : kRoleNames)
    if (entry.role == role) return entry.name;
  return "?";
}

bool RoleFits(Role role, TableKind kind) {
  switch (role) {
    case Role::id: return true;
    case Role::from:
    case Role::to:
    case Role::polarity:
    case Role::weight:
    case Role::assumption:
    case Role::evidence: return kind == TableKind::connections;
    default: return kind == TableKind::elements;
  }
}

std::string_view KindText(TableKind kind) { return kind == TableKind::elements ? "elements" : "connections"; }

std::string_view TrimView(std::string_view text) {
  auto is_space = [](char character) { return character == ' ' || character == '\t' || character == '\r' || character == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string LowerAscii(std::string_view text) {
  std::string lowered(text);
  for (char& character : lowered)
    if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
  return lowered;
}

// How labels are compared when the exact text does not match: trimmed, ASCII case folded.
std::string FoldLabel(std::string_view text) { return LowerAscii(TrimView(text)); }

std::string NormalizeHeader(std::string_view header) {
  std::string normalized = LowerAscii(TrimView(header));
  for (char& character : normalized)
    if (character == ' ' || character == '-') character = '_';
  return normalized;
}

std::optional<Role> RoleOfName(std::string_view name) {
  std::string normalized = NormalizeHeader(name);
  for (const auto& entry : kRoleNames)
    if (entry.name == normalized) return entry.role;
  return std::nullopt;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string HeaderList(const CsvTable& table) {
  std::string list;
  for (const auto& name : table.header) list += (list.empty() ? "" : ", ") + Quoted(name);
  return list.empty() ? "(none)" : list;
}

// --- values ------------------------------------------------------------------------------

std::optional<double> ParseNumber(std::string_view raw) {
  std::string text(TrimView(raw));
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.erase(0, 1);
  if (text.find(',') != std::string::npos && text.find('.') == std::string::npos)
    std::replace(text.begin(), text.end(), ',', '.');  // a decimal comma
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// +1, -1 or 0 (unspecified) from the ways people write a link's sign; nullopt if none.
std::optional<int> ParseSign(std::string_view raw) {
  std::string text = FoldLabel(raw);
  static const std::set<std::string, std::less<>> kPositive = {"+", "++", "positive", "pos", "plus", "same", "s"};
  static const std::set<std::string, std::less<>> kNegative = {"-",   "--",       "\xE2\x88\x92", "\xE2\x80\x93",
                                                               "neg", "negative", "minus",        "opposite", "o"};
  static const std::set<std::string, std::less<>> kUnspecified = {"", "?", "unknown", "unspecified", "none"};
  if (kPositive.count(text)) return 1;
  if (kNegative.count(text)) return -1;
  if (kUnspecified.count(text)) return 0;
  if (text.rfind("\xE2\x88\x92", 0) == 0) text = "-" + text.substr(3);  // U+2212 before a number
  if (auto number = ParseNumber(text)) {
    if (*number == 1) return 1;
    if (*number == -1) return -1;
    if (*number == 0) return 0;
  }
  return std::nullopt;
}

std::string Slug(std::string_view name, std::string_view fallback) {
  std::string slug;
  for (char character : LowerAscii(name)) {
    bool keep = (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9');
    if (keep) slug += character;
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 60) slug.resize(60);
  return slug.empty() ? std::string(fallback) : slug;
}

std::string UniqueId(std::string base, std::set<std::string>& used) {
  std::string candidate = base;
  for (int suffix = 2; used.count(candidate); ++suffix) candidate = base + "-" + std::to_string(suffix);
  used.insert(candidate);
  return candidate;
}

// Ids as the ops accept them (see ops/apply.cpp CheckId).
bool IsUsableId(std::string_view id) {
  if (id.empty() || id.size() > model::kMaxIdLength) return false;
  return std::none_of(id.begin(), id.end(), [](char character) {
    auto byte = static_cast<unsigned char>(character);
    return byte < 0x20 || character == '/' || character == '?' || character == '#';
  });
}

// Tableau 10, then its lighter companions: distinct, colour-blind tolerant, print-safe.
constexpr std::array<std::string_view, 20> kThemePalette = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e"};

// --- which column holds what -------------------------------------------------------------

struct ColumnPlan {
  std::array<std::optional<std::size_t>, kRoleCount> column_of{};
  std::vector<bool> has_role;          // per column
  std::vector<std::string> extra_key;  // per column: its key in an item's extra
  std::optional<std::size_t> Column(Role role) const { return column_of[static_cast<std::size_t>(role)]; }
};

// Finds a header by the name an override gives: exact (trimmed) first, then ignoring case.
std::optional<std::size_t> FindHeader(const CsvTable& table, std::string_view name) {
  std::string_view wanted = TrimView(name);
  for (std::size_t column = 0; column < table.header.size(); ++column)
    if (table.header[column] == wanted) return column;
  for (std::size_t column = 0; column < table.header.size(); ++column)
    if (NormalizeHeader(table.header[column]) == NormalizeHeader(wanted)) return column;
  return std::nullopt;
}

bool ColumnHoldsSigns(const CsvTable& table, std::size_t column) {
  return std::all_of(table.rows.begin(), table.rows.end(), [&](const CsvRow& row) {
    return column >= row.values.size() || ParseSign(row.values[column]).has_value();
  });
}

struct ResolvedOverride {
  Role role;
  std::size_t column;
};

// Lays out one table's columns: the overrides first, then the recognised header names; a
// column with no role is reported once and kept in each item's extra.
Result<ColumnPlan> PlanColumns(const CsvTable& table, TableKind kind, const std::vector<ResolvedOverride>& overrides,
                               ImportProblems& problems) {
  ColumnPlan plan;
  std::size_t column_count = table.header.size();
  plan.has_role.assign(column_count, false);
  auto& column_of = plan.column_of;
  std::string header_place = CsvPlace(table.file_name, 1);
  for (const auto& entry : overrides) {
    auto& slot = column_of[static_cast<std::size_t>(entry.role)];
    if (slot && *slot != entry.column)
      return Error{"--column gives " + std::string(RoleText(entry.role)) + " twice for " + table.file_name, "--column"};
    if (plan.has_role[entry.column] && slot != entry.column)
      return Error{"--column gives column " + Quoted(table.header[entry.column]) + " of " + table.file_name +
                       " two roles",
                   "--column"};
    slot = entry.column;
    plan.has_role[entry.column] = true;
  }
  std::vector<std::string> notes(column_count);
  for (std::size_t column = 0; column < column_count; ++column) {
    if (plan.has_role[column]) continue;
    auto role = RoleOfName(table.header[column]);
    if (!role || !RoleFits(*role, kind)) continue;
    auto& slot = column_of[static_cast<std::size_t>(*role)];
    if (slot) {
      notes[column] = " (it looks like the " + std::string(RoleText(*role)) + " column, but column " +
                      Quoted(table.header[*slot]) + " is that)";
      continue;
    }
    if (NormalizeHeader(table.header[column]) == "type" && !ColumnHoldsSigns(table, column)) {
      notes[column] = " (its values are not link signs)";
      continue;
    }
    slot = column;
    plan.has_role[column] = true;
  }
  // An extra key must not be one of the item's own fields, or export would shadow it.
  static const std::set<std::string, std::less<>> kStatementFields = {
      "id", "title", "description", "parent", "layer", "theme", "tags", "status", "position"};
  static const std::set<std::string, std::less<>> kLinkFields = {"id",     "from",       "to",      "polarity",
                                                                 "weight", "assumption", "evidence"};
  const auto& own_fields = kind == TableKind::elements ? kStatementFields : kLinkFields;
  std::set<std::string> keys;
  plan.extra_key.resize(column_count);
  for (std::size_t column = 0; column < column_count; ++column) {
    std::string key = table.header[column].empty() ? "column " + std::to_string(column + 1) : table.header[column];
    if (own_fields.count(key)) key += " (csv)";
    plan.extra_key[column] = UniqueId(key, keys);
    if (plan.has_role[column]) continue;
    bool any_value = std::any_of(table.rows.begin(), table.rows.end(), [&](const CsvRow& row) {
      return column < row.values.size() && !TrimView(row.values[column]).empty();
    });
    if (!any_value && table.header[column].empty()) continue;  // a trailing empty column
    std::string item = kind == TableKind::elements ? "statement's" : "link's";
    problems.push_back({header_place,
                        "column " + Quoted(table.header[column]) + " is not understood" + notes[column] +
                            ": its values are kept in each " + item + " extra",
                        false});
  }
  return plan;
}

// One row's values by role, plus the extra object of the columns without a role.
class RowReader {
 public:
  RowReader(const ColumnPlan& plan, const CsvRow& row) : plan_(plan), row_(row) {}
  bool Has(Role role) const { return plan_.Column(role).has_value(); }
  std::string Get(Role role) const {
    auto column = plan_.Column(role);
    if (!column || *column >= row_.values.size()) return "";
    return std::string(TrimView(row_.values[*column]));
  }
  // Keeps a value of a role column in extra under its header (for a value that could not be used).
  void KeepRaw(Json& extra, Role role) const {
    auto column = plan_.Column(role);
    if (column && *column < row_.values.size() && !row_.values[*column].empty())
      extra[plan_.extra_key[*column]] = row_.values[*column];
  }
  Json Extra() const {
    Json extra = Json::object();
    for (std::size_t column = 0; column < row_.values.size(); ++column) {
      if (column < plan_.has_role.size() && plan_.has_role[column]) continue;
      if (TrimView(row_.values[column]).empty()) continue;
      std::string key = column < plan_.extra_key.size() ? plan_.extra_key[column]
                                                        : "column " + std::to_string(column + 1);
      extra[key] = row_.values[column];
    }
    return extra;
  }

 private:
  const ColumnPlan& plan_;
  const CsvRow& row_;
};

std::string DumpExtra(const Json& extra) { return extra.empty() ? std::string() : extra.dump(); }

void ReportLongRows(const CsvTable& table, ImportProblems& problems) {
  std::size_t long_rows = 0, first_line = 0;
  for (const auto& row : table.rows) {
    if (row.values.size() <= table.header.size()) continue;
    if (long_rows++ == 0) first_line = row.line;
  }
  if (long_rows == 0) return;
  problems.push_back({CsvPlace(table.file_name, first_line),
                      std::to_string(long_rows) + " row(s) have more values than the header has columns (" +
                          std::to_string(table.header.size()) +
                          "): the values past the last column are kept in extra as \"column N\"",
                      false});
}

// --- statements and how connections find them -------------------------------------------

class StatementIndex {
 public:
  explicit StatementIndex(bool by_id) : by_id_enabled_(by_id) {}
  void Add(const std::string& id_value, const std::string& label, std::size_t statement_index) {
    if (by_id_enabled_ && !id_value.empty()) by_id_.emplace(id_value, statement_index);
    by_label_[label].push_back(statement_index);
    by_folded_label_[FoldLabel(label)].push_back(statement_index);
  }
  // The statements a reference could mean: its id, else its exact label, else its folded label.
  std::vector<std::size_t> Find(const std::string& reference) const {
    if (by_id_enabled_) {
      if (auto found = by_id_.find(reference); found != by_id_.end()) return {found->second};
    }
    if (auto found = by_label_.find(reference); found != by_label_.end()) return found->second;
    if (auto found = by_folded_label_.find(FoldLabel(reference)); found != by_folded_label_.end()) return found->second;
    return {};
  }

 private:
  bool by_id_enabled_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_label_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_folded_label_;
};

class MapBuilder {
 public:
  explicit MapBuilder(model::MapState& map) : map_(map) {}

  std::string ThemeIdFor(const std::string& name) {
    if (auto found = theme_by_name_.find(name); found != theme_by_name_.end()) return found->second;
    model::Theme theme;
    theme.id = UniqueId(Slug(name, "theme"), theme_ids_);
    theme.name = name;
    theme.color = std::string(kThemePalette[map_.themes.size() % kThemePalette.size()]);
    map_.themes.push_back(theme);
    return theme_by_name_[name] = theme.id;
  }
  std::string LayerIdFor(const std::string& name) {
    if (auto found = layer_by_name_.find(name); found != layer_by_name_.end()) return found->second;
    model::Layer layer;
    layer.id = UniqueId(Slug(name, "layer"), layer_ids_);
    layer.name = name;
    map_.layers.push_back(layer);
    return layer_by_name_[name] = layer.id;
  }

 private:
  model::MapState& map_;
  std::map<std::string, std::string> theme_by_name_, layer_by_name_;
  std::set<std::string> theme_ids_, layer_ids_;
};

// Gives statements without a usable id "1", "2", … in row order, skipping ids in use.
void AssignStatementIds(std::vector<model::Statement>& statements, std::set<std::string>& used_ids) {
  std::size_t next_number = 1;
  for (auto& statement : statements) {
    if (!statement.id.empty()) continue;
    while (used_ids.count(std::to_string(next_number))) ++next_number;
    statement.id = std::to_string(next_number++);
    used_ids.insert(statement.id);
  }
}

struct PendingParent {
  std::size_t statement_index;
  std::string reference;
  std::size_t line;
};

void SetExtraField(std::string& extra_text, const std::string& key, const std::string& value) {
  Json extra = extra_text.empty() ? Json::object() : Json::parse(extra_text);
  extra[key] = value;
  extra_text = extra.dump();
}

StatementIndex ReadElements(const CsvTable& table, const ColumnPlan& plan, model::MapState& map,
                            ImportProblems& problems) {
  MapBuilder builder(map);
  StatementIndex index(plan.Column(Role::id).has_value());
  std::map<std::string, std::size_t> line_of_id;
  std::set<std::string> used_ids;
  std::vector<PendingParent> pending_parents;
  std::vector<std::pair<std::string, std::string>> references;  // (id value, label) per statement
  for (const auto& row : table.rows) {
    RowReader reader(plan, row);
    std::string place = CsvPlace(table.file_name, row.line);
    model::Statement statement;
    statement.title = reader.Get(Role::label);
    Json extra = reader.Extra();
    if (statement.title.empty()) {
      bool blank = std::all_of(row.values.begin(), row.values.end(),
                               [](const std::string& value) { return TrimView(value).empty(); });
      if (!blank) problems.push_back({place, "the label is empty; row skipped"});
      continue;
    }
    if (statement.title.size() > model::kMaxTitleLength) {
      problems.push_back({place, "the label is " + std::to_string(statement.title.size()) +
                                     " bytes long (the limit is " + std::to_string(model::kMaxTitleLength) +
                                     "); row skipped"});
      continue;
    }
    std::string id_value = reader.Get(Role::id);
    if (!id_value.empty()) {
      if (auto seen = line_of_id.find(id_value); seen != line_of_id.end()) {
        problems.push_back({place, "id " + Quoted(id_value) + " is already used on line " +
                                       std::to_string(seen->second) + "; row skipped"});
        continue;
      }
      line_of_id[id_value] = row.line;
      if (IsUsableId(id_value)) {
        statement.id = id_value;
        used_ids.insert(id_value);
      } else {
        reader.KeepRaw(extra, Role::id);
        problems.push_back({place, "id " + Quoted(id_value) +
                                       " is too long or holds '/', '?', '#' or a control character: a new id is "
                                       "given and the original kept in extra (connections may still use it)",
                            false});
      }
    }
    statement.description = reader.Get(Role::description);
    if (statement.description.size() > model::kMaxTextLength) {
      problems.push_back({place, "the description is longer than " + std::to_string(model::kMaxTextLength) +
                                     " bytes; row skipped"});
      continue;
    }
    if (auto theme = reader.Get(Role::theme); !theme.empty()) statement.theme = builder.ThemeIdFor(theme);
    if (auto layer = reader.Get(Role::layer); !layer.empty()) statement.layer = builder.LayerIdFor(layer);
    if (auto tags = reader.Get(Role::tags); !tags.empty()) {
      std::string_view rest = tags;
      bool tags_fit = true;
      while (true) {
        auto bar = rest.find('|');
        auto tag = TrimView(rest.substr(0, bar));
        if (tag.size() > model::kMaxTitleLength) tags_fit = false;
        if (!tag.empty() && std::find(statement.tags.begin(), statement.tags.end(), tag) == statement.tags.end())
          statement.tags.emplace_back(tag);
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
      }
      if (!tags_fit) {
        statement.tags.clear();
        reader.KeepRaw(extra, Role::tags);
        problems.push_back({place, "a tag is longer than " + std::to_string(model::kMaxTitleLength) +
                                       " bytes: the tags are kept as text in extra",
                            false});
      }
    }
    std::string x_text = reader.Get(Role::x), y_text = reader.Get(Role::y);
    if (!x_text.empty() || !y_text.empty()) {
      auto x = ParseNumber(x_text), y = ParseNumber(y_text);
      if (x && y) {
        statement.position = model::Position{*x, *y};
      } else {
        reader.KeepRaw(extra, Role::x);
        reader.KeepRaw(extra, Role::y);
        problems.push_back({place, "the position (x " + Quoted(x_text) + ", y " + Quoted(y_text) +
                                       ") is not a pair of numbers: kept as text in extra",
                            false});
      }
    }
    statement.extra = DumpExtra(extra);
    if (auto parent = reader.Get(Role::parent); !parent.empty())
      pending_parents.push_back({map.statements.size(), parent, row.line});
    references.emplace_back(id_value, statement.title);
    map.statements.push_back(std::move(statement));
  }
  AssignStatementIds(map.statements, used_ids);
  for (std::size_t statement_index = 0; statement_index < map.statements.size(); ++statement_index)
    index.Add(references[statement_index].first, references[statement_index].second, statement_index);

  // Parents: by id or label like connections; one that is unknown, ambiguous or would
  // make a cycle is reported, and the statement stays at the top level.
  std::string parent_key = plan.Column(Role::parent) ? plan.extra_key[*plan.Column(Role::parent)] : "parent (csv)";
  std::unordered_map<std::string, std::size_t> index_of_id;
  for (std::size_t statement_index = 0; statement_index < map.statements.size(); ++statement_index)
    index_of_id.emplace(map.statements[statement_index].id, statement_index);
  for (const auto& pending : pending_parents) {
    auto& statement = map.statements[pending.statement_index];
    std::string place = CsvPlace(table.file_name, pending.line);
    auto matches = index.Find(pending.reference);
    std::string reason;
    if (matches.empty()) {
      reason = "is not the id or label of any element";
    } else if (matches.size() > 1) {
      reason = "matches " + std::to_string(matches.size()) + " elements' labels";
    } else {
      // Walk up from the candidate parent: reaching this statement means a cycle.
      std::size_t cursor = matches.front();
      bool cycle = false;
      for (std::size_t steps = 0; steps <= map.statements.size(); ++steps) {
        if (cursor == pending.statement_index) {
          cycle = true;
          break;
        }
        const auto& up = map.statements[cursor].parent;
        if (!up) break;
        cursor = index_of_id.at(*up);
      }
      if (cycle) reason = "would put the statement inside itself";
      else statement.parent = map.statements[matches.front()].id;
    }
    if (reason.empty()) continue;
    SetExtraField(statement.extra, parent_key, pending.reference);
    problems.push_back({place, "parent " + Quoted(pending.reference) + " " + reason +
                                   ": the statement stays at the top level, the parent is kept in extra",
                        false});
  }
  return index;
}

// A connections file alone: its statements are the labels it names, in first-seen order.
StatementIndex StatementsFromConnections(const CsvTable& table, const ColumnPlan& plan, model::MapState& map) {
  StatementIndex index(false);
  std::set<std::string> used_ids;
  for (const auto& row : table.rows) {
    RowReader reader(plan, row);
    for (Role role : {Role::from, Role::to}) {
      std::string label = reader.Get(role);
      if (label.empty() || label.size() > model::kMaxTitleLength || !index.Find(label).empty()) continue;
      model::Statement statement;
      statement.title = label;
      map.statements.push_back(std::move(statement));
      index.Add("", label, map.statements.size() - 1);
    }
  }
  AssignStatementIds(map.statements, used_ids);
  return index;
}

void ReadConnections(const CsvTable& table, const ColumnPlan& plan, const StatementIndex& index,
                     std::string_view elements_name, model::MapState& map, ImportProblems& problems) {
  bool has_sign_column = plan.Column(Role::polarity).has_value();
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> line_of_pair;
  std::map<std::string, std::size_t> line_of_id;
  std::set<std::string> used_ids;
  for (const auto& row : table.rows) {
    RowReader reader(plan, row);
    std::string place = CsvPlace(table.file_name, row.line);
    std::string from_text = reader.Get(Role::from), to_text = reader.Get(Role::to);
    if (from_text.empty() || to_text.empty()) {
      bool blank = std::all_of(row.values.begin(), row.values.end(),
                               [](const std::string& value) { return TrimView(value).empty(); });
      if (blank) continue;
      std::string which = from_text.empty() && to_text.empty() ? "from and to are" : from_text.empty() ? "from is" : "to is";
      problems.push_back({place, which + " empty; row skipped"});
      continue;
    }
    std::array<std::size_t, 2> ends{};
    std::string reason;
    for (int end = 0; end < 2 && reason.empty(); ++end) {
      const std::string& reference = end == 0 ? from_text : to_text;
      auto matches = index.Find(reference);
      std::string role = end == 0 ? "from " : "to ";
      if (matches.empty()) {
        reason = role + Quoted(reference) +
                 (elements_name.empty() ? std::string(" cannot be a statement (its label is too long)")
                                        : " is not the id or label of any element in " + std::string(elements_name));
      } else if (matches.size() > 1) {
        reason = role + Quoted(reference) + " matches " + std::to_string(matches.size()) + " elements' labels";
      } else {
        ends[end] = matches.front();
      }
    }
    if (!reason.empty()) {
      problems.push_back({place, reason + "; row skipped"});
      continue;
    }
    if (ends[0] == ends[1]) {
      problems.push_back({place, "a link from " + Quoted(from_text) + " to itself; row skipped"});
      continue;
    }
    if (auto seen = line_of_pair.find({ends[0], ends[1]}); seen != line_of_pair.end()) {
      problems.push_back({place, "repeats the link from " + Quoted(from_text) + " to " + Quoted(to_text) +
                                     " on line " + std::to_string(seen->second) + "; row skipped"});
      continue;
    }
    model::Link link;
    Json extra = reader.Extra();
    link.polarity = 0;  // unspecified unless the file says
    if (has_sign_column) {
      std::string sign_text = reader.Get(Role::polarity);
      if (auto sign = ParseSign(sign_text)) {
        link.polarity = *sign;
      } else {
        reader.KeepRaw(extra, Role::polarity);
        problems.push_back({place, "sign " + Quoted(sign_text) +
                                       " is not understood: the link is kept with no sign, the text in extra",
                            false});
      }
    }
    if (std::string weight_text = reader.Get(Role::weight); !weight_text.empty()) {
      auto weight = ParseNumber(weight_text);
      if (!weight) {
        problems.push_back({place, "weight " + Quoted(weight_text) + " is not a number; row skipped"});
        continue;
      }
      double value = *weight;
      if (!has_sign_column) {
        // The fuzzy cognitive map convention: a weight's sign is the link's polarity.
        if (value < 0 && value >= -1) {
          link.polarity = -1;
          value = -value;
        } else if (value > 0) {
          link.polarity = 1;
        }
      } else if (value < 0) {
        if (link.polarity == 1) {
          problems.push_back({place, "weight " + weight_text + " is negative but the sign is +; row skipped"});
          continue;
        }
        link.polarity = -1;
        value = -value;
      }
      if (value > 1 || value < 0) {
        problems.push_back({place, "weight " + weight_text + " is outside " +
                                       (has_sign_column ? "0..1" : "-1..1") + "; row skipped"});
        continue;
      }
      link.weight = value;
    }
    link.assumption = reader.Get(Role::assumption);
    link.evidence = reader.Get(Role::evidence);
    if (link.assumption.size() > model::kMaxTextLength || link.evidence.size() > model::kMaxTextLength) {
      problems.push_back({place, "the assumption or evidence is longer than " +
                                     std::to_string(model::kMaxTextLength) + " bytes; row skipped"});
      continue;
    }
    if (std::string id_value = reader.Get(Role::id); !id_value.empty()) {
      if (auto seen = line_of_id.find(id_value); seen != line_of_id.end()) {
        problems.push_back({place, "link id " + Quoted(id_value) + " is already used on line " +
                                       std::to_string(seen->second) + "; row skipped"});
        continue;
      }
      line_of_id[id_value] = row.line;
      if (IsUsableId(id_value)) {
        link.id = id_value;
        used_ids.insert(id_value);
      } else {
        reader.KeepRaw(extra, Role::id);
        problems.push_back({place, "link id " + Quoted(id_value) +
                                       " is too long or holds '/', '?', '#' or a control character: a new id is "
                                       "given and the original kept in extra",
                            false});
      }
    }
    line_of_pair[{ends[0], ends[1]}] = row.line;
    link.from = map.statements[ends[0]].id;
    link.to = map.statements[ends[1]].id;
    link.extra = DumpExtra(extra);
    map.links.push_back(std::move(link));
  }
  std::size_t next_number = 1;
  for (auto& link : map.links) {
    if (!link.id.empty()) continue;
    while (used_ids.count("L" + std::to_string(next_number))) ++next_number;
    link.id = "L" + std::to_string(next_number++);
  }
}

// Matches each override to the table(s) holding its header.
Result<std::pair<std::vector<ResolvedOverride>, std::vector<ResolvedOverride>>> ResolveOverrides(
    const std::vector<ColumnOverride>& overrides, const CsvTable* elements, const CsvTable& connections) {
  std::vector<ResolvedOverride> for_elements, for_connections;
  for (const auto& override_entry : overrides) {
    auto parsed = ParseColumnOverride(override_entry.role + "=" + override_entry.header);
    if (!parsed) return parsed.error();
    Role role = *RoleOfName(override_entry.role);
    std::string text = "--column " + override_entry.role + "=" + override_entry.header;
    auto in_elements = elements ? FindHeader(*elements, override_entry.header) : std::nullopt;
    auto in_connections = FindHeader(connections, override_entry.header);
    if (!in_elements && !in_connections) {
      std::string files = elements ? elements->file_name + " (" + HeaderList(*elements) + ") or " : "";
      files += connections.file_name + " (" + HeaderList(connections) + ")";
      return Error{text + ": no column " + Quoted(override_entry.header) + " in " + files, "--column"};
    }
    bool used = false;
    if (in_elements && RoleFits(role, TableKind::elements)) {
      for_elements.push_back({role, *in_elements});
      used = true;
    }
    if (in_connections && RoleFits(role, TableKind::connections)) {
      for_connections.push_back({role, *in_connections});
      used = true;
    }
    if (!used) {
      const CsvTable& holder = in_elements ? *elements : connections;
      TableKind holder_kind = in_elements ? TableKind::elements : TableKind::connections;
      return Error{text + ": " + Quoted(override_entry.header) + " is a column of " + holder.file_name + ", the " +
                       std::string(KindText(holder_kind)) + " file, but " + std::string(RoleText(role)) +
                       " belongs in the " +
                       std::string(KindText(holder_kind == TableKind::elements ? TableKind::connections
                                                                               : TableKind::elements)) +
                       " file",
                   "--column"};
    }
  }
  return std::make_pair(std::move(for_elements), std::move(for_connections));
}

bool LooksLikeConnections(const CsvTable& table, const std::vector<ColumnOverride>& overrides) {
  bool has_from = false, has_to = false;
  for (const auto& name : table.header) {
    auto role = RoleOfName(name);
    has_from = has_from || role == Role::from;
    has_to = has_to || role == Role::to;
  }
  for (const auto& override_entry : overrides) {
    auto role = RoleOfName(override_entry.role);
    if (!role || !FindHeader(table, override_entry.header)) continue;
    has_from = has_from || role == Role::from;
    has_to = has_to || role == Role::to;
  }
  return has_from && has_to;
}

Error MissingColumn(const CsvTable& table, std::string_view what, std::string_view example) {
  std::string place = CsvPlace(table.file_name, 1);
  return Error{place + ": no " + std::string(what) + " column in the header (" + HeaderList(table) + "); name it " +
                   std::string(example) + " or pass --column",
               place};
}

}  // namespace

Result<ColumnOverride> ParseColumnOverride(std::string_view text) {
  auto equals = text.find('=');
  if (equals == std::string_view::npos)
    return Error{"--column " + std::string(text) + ": write ROLE=HEADER, e.g. theme=mapCluster", "--column"};
  ColumnOverride parsed{std::string(TrimView(text.substr(0, equals))), std::string(TrimView(text.substr(equals + 1)))};
  if (parsed.role.empty() || parsed.header.empty())
    return Error{"--column " + std::string(text) + ": write ROLE=HEADER, e.g. theme=mapCluster", "--column"};
  if (!RoleOfName(parsed.role)) {
    std::string roles;
    for (std::size_t role_index = 0; role_index < kRoleCount; ++role_index)
      roles += (roles.empty() ? "" : ", ") + std::string(kRoleNames[role_index].name);
    return Error{"--column " + std::string(text) + ": unknown role " + Quoted(parsed.role) + " (roles: " + roles + ")",
                 "--column"};
  }
  return parsed;
}

Result<ElementConnectionFiles> SortElementConnectionFiles(std::vector<CsvFile> files,
                                                          const std::vector<ColumnOverride>& overrides) {
  if (files.empty() || files.size() > 2)
    return Error{"give one connections CSV file, or an elements and a connections CSV file", "files"};
  std::vector<bool> is_connections;
  for (const auto& file : files) {
    auto table = ReadCsvTable(file.name, file.text);
    if (!table) return table.error();
    is_connections.push_back(LooksLikeConnections(*table, overrides));
  }
  auto names = [&] { return files.size() == 1 ? files[0].name : files[0].name + " and " + files[1].name; };
  auto count = std::count(is_connections.begin(), is_connections.end(), true);
  if (count == 0)
    return Error{"no connections file: neither " + names() +
                     " has from and to columns (name them From and To, or pass --column from=HEADER --column to=HEADER)",
                 "files"};
  if (count == 2)
    return Error{"both " + names() + " have from and to columns: give one elements file (with a label column) "
                                     "and one connections file",
                 "files"};
  ElementConnectionFiles sorted;
  std::size_t connections_index = is_connections[0] ? 0 : 1;
  sorted.connections = std::move(files[connections_index]);
  if (files.size() == 2) sorted.elements = std::move(files[1 - connections_index]);
  return sorted;
}

Result<NativeDocument> ReadElementConnectionCsv(const std::optional<CsvFile>& elements, const CsvFile& connections,
                                                const std::vector<ColumnOverride>& overrides,
                                                const std::string& map_name) {
  NativeDocument document;
  auto& map = document.map;
  auto& problems = document.problems;
  map.info.name = map_name;

  std::optional<CsvTable> elements_table;
  if (elements) {
    auto table = ReadCsvTable(elements->name, elements->text);
    if (!table) return table.error();
    elements_table = std::move(*table);
  }
  auto connections_table = ReadCsvTable(connections.name, connections.text);
  if (!connections_table) return connections_table.error();
  for (const CsvTable* table : {elements_table ? &*elements_table : nullptr, &*connections_table})
    if (table && !table->note.empty()) problems.push_back({CsvPlace(table->file_name, 1), table->note, false});

  auto resolved = ResolveOverrides(overrides, elements_table ? &*elements_table : nullptr, *connections_table);
  if (!resolved) return resolved.error();

  std::optional<ColumnPlan> elements_plan;
  if (elements_table) {
    auto plan = PlanColumns(*elements_table, TableKind::elements, resolved->first, problems);
    if (!plan) return plan.error();
    if (!plan->Column(Role::label)) return MissingColumn(*elements_table, "label", "Label");
    elements_plan = std::move(*plan);
    ReportLongRows(*elements_table, problems);
  }
  auto connections_plan = PlanColumns(*connections_table, TableKind::connections, resolved->second, problems);
  if (!connections_plan) return connections_plan.error();
  if (!connections_plan->Column(Role::from)) return MissingColumn(*connections_table, "from", "From");
  if (!connections_plan->Column(Role::to)) return MissingColumn(*connections_table, "to", "To");
  ReportLongRows(*connections_table, problems);

  StatementIndex index = elements_table ? ReadElements(*elements_table, *elements_plan, map, problems)
                                        : StatementsFromConnections(*connections_table, *connections_plan, map);
  ReadConnections(*connections_table, *connections_plan, index, elements ? std::string_view(elements->name) : "", map,
                  problems);
  return document;
}

}  // namespace coalign::interop
