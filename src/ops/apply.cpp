#include "ops/apply.hpp"

#include "ops/comment_ops.hpp"
#include "ops/progress_ops.hpp"
#include "ops/work_ops.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <unordered_map>
#include <unordered_set>

namespace coalign::ops {
namespace {

using model::Layer;
using model::Link;
using model::MapState;
using model::Position;
using model::Statement;
using model::Theme;

const std::set<std::string> kStatuses = {"", "proposed", "agreed", "retired"};

bool IsHexColor(const std::string& color) {
  if (color.empty()) return true;
  if (color.size() != 7 && color.size() != 4) return false;
  if (color[0] != '#') return false;
  return std::all_of(color.begin() + 1, color.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// Position of an item in its document vector, by id; indexed only once a batch looks up
// more than a few (most batches are one edit of one kind).
template <typename T>
class IdIndex {
 public:
  explicit IdIndex(const std::vector<T>& items) : items_(items) {}
  std::optional<std::size_t> Find(const std::string& id) {
    if (dirty_ && scans_left_ > 0) {
      // The first few lookups scan the list: cheaper than indexing thousands of ids for
      // the one or two that a typical batch looks up.
      --scans_left_;
      for (std::size_t item_idx = 0; item_idx < items_.size(); ++item_idx)
        if (items_[item_idx].id == id) return item_idx;
      return std::nullopt;
    }
    if (dirty_) Rebuild();
    auto found = index_.find(id);
    if (found == index_.end()) return std::nullopt;
    return found->second;
  }
  bool Contains(const std::string& id) { return Find(id).has_value(); }
  void Appended() {
    if (!dirty_) index_[items_.back().id] = items_.size() - 1;
  }
  void Invalidate() { dirty_ = true; }

 private:
  void Rebuild() {
    index_.clear();
    for (std::size_t item_idx = 0; item_idx < items_.size(); ++item_idx) index_[items_[item_idx].id] = item_idx;
    dirty_ = false;
  }
  const std::vector<T>& items_;
  std::unordered_map<std::string, std::size_t> index_;
  bool dirty_ = true;
  int scans_left_ = 4;
};

class BatchApplier {
 public:
  explicit BatchApplier(MapState& state)
      : state_(state), statements_(state.statements), links_(state.links), themes_(state.themes),
        layers_(state.layers),
        comments_(state, [this](const std::string& kind, const std::string& id) {
          return kind == "statement" ? statements_.Contains(id) : links_.Contains(id);
        }),
        progress_(state, [this](const std::string& id) { return statements_.Contains(id); }),
        work_(state, [this](const std::string& id) -> const Statement* {
          auto idx = statements_.Find(id);
          return idx ? &state_.statements[*idx] : nullptr;
        }) {}

  BatchResult Run(std::vector<Op>& ops) {
    BatchResult result;
    for (std::size_t op_idx = 0; op_idx < ops.size(); ++op_idx) {
      current_ = AppliedOp{};
      error_.reset();
      op_idx_ = op_idx;
      std::visit([this](auto& op) { Apply(op); }, ops[op_idx]);
      if (error_) {
        error_->op_index = op_idx;
        result.errors.push_back(*error_);
      }
      result.applied.push_back(std::move(current_));
    }
    CheckDeferredParents(result);
    result.reordered = reordered_ || comments_.reordered() || progress_.reordered() || work_.reordered();
    if (!result.ok()) result.applied.clear();
    return result;
  }

 private:
  void CheckDeferredParents(BatchResult& result) {
    for (const auto& [op_idx, id] : deferred_parents_) {
      auto idx = statements_.Find(id);
      if (!idx) continue;  // removed again later in the batch
      const auto& parent = state_.statements[*idx].parent;
      if (!parent) continue;
      if (!statements_.Contains(*parent)) {
        result.errors.push_back({op_idx, ErrorKind::not_found, "no statement \"" + *parent + "\" to be the parent", "parent"});
      } else if (WouldCycle(id, parent)) {
        result.errors.push_back({op_idx, ErrorKind::invalid, "\"" + id + "\" would be inside itself (containment cycle)", "parent"});
      }
    }
    std::sort(result.errors.begin(), result.errors.end(),
              [](const OpError& a, const OpError& b) { return a.op_index < b.op_index; });
  }

  void Fail(ErrorKind kind, std::string reason, std::string field = "") {
    if (!error_) error_ = OpError{0, kind, std::move(reason), std::move(field)};
  }
  void Touched(ItemKind kind, const std::string& id, const std::string& field) {
    current_.touches.push_back({kind, id, field});
  }

  // The same field may come twice in one op: undo restores the value from before the op.
  static void RecordOld(FieldSet& old_values, const std::string& field, FieldValue value) {
    for (const auto& recorded : old_values)
      if (recorded.first == field) return;
    old_values.emplace_back(field, std::move(value));
  }

  // --- field rules shared by add and update -------------------------------------------

  bool CheckTitle(const std::string& title, const char* what) {
    auto trimmed_empty = std::all_of(title.begin(), title.end(), [](unsigned char c) { return std::isspace(c); });
    if (trimmed_empty) {
      Fail(ErrorKind::invalid, std::string(what) + " must not be empty", "title");
      return false;
    }
    if (title.size() > model::kMaxTitleLength) {
      Fail(ErrorKind::invalid,
           std::string(what) + " is " + std::to_string(title.size()) + " bytes long; the limit is " +
               std::to_string(model::kMaxTitleLength),
           "title");
      return false;
    }
    if (auto bad = ForbiddenInTitle(title)) {
      Fail(ErrorKind::invalid, std::string(what) + " contains " + *bad + "; titles are one line of plain text", "title");
      return false;
    }
    return true;
  }
  // Control characters and bidirectional overrides (which can make "evil" display as
  // "live") have no place in a one-line title shown to everyone.
  static std::optional<std::string> ForbiddenInTitle(const std::string& title) {
    for (std::size_t byte_idx = 0; byte_idx < title.size(); ++byte_idx) {
      unsigned char c = static_cast<unsigned char>(title[byte_idx]);
      if (c < 0x20 || c == 0x7F) return std::string("a control character");
      // U+202A..U+202E (E2 80 AA..AE) and U+2066..U+2069 (E2 81 A6..A9)
      if (c == 0xE2 && byte_idx + 2 < title.size()) {
        unsigned char second = static_cast<unsigned char>(title[byte_idx + 1]);
        unsigned char third = static_cast<unsigned char>(title[byte_idx + 2]);
        if ((second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9))
          return std::string("a text-direction override");
      }
    }
    return std::nullopt;
  }
  bool CheckText(const std::string& text, const char* field) {
    if (text.size() > model::kMaxTextLength) {
      Fail(ErrorKind::invalid,
           std::string(field) + " is longer than " + std::to_string(model::kMaxTextLength) + " bytes", field);
      return false;
    }
    return true;
  }
  bool CheckId(const std::string& id) {
    if (id.size() > model::kMaxIdLength) {
      Fail(ErrorKind::invalid, "id is longer than " + std::to_string(model::kMaxIdLength) + " bytes", "id");
      return false;
    }
    for (unsigned char c : id) {
      if (c < 0x20 || c == '/' || c == '?' || c == '#') {
        Fail(ErrorKind::invalid, "id \"" + id + "\" contains a control character, '/', '?' or '#'", "id");
        return false;
      }
    }
    return true;
  }
  bool CheckRef(IdIndex<Layer>& index, const std::optional<std::string>& ref, const char* field) {
    if (ref && !index.Contains(*ref)) {
      Fail(ErrorKind::not_found, std::string("no layer \"") + *ref + "\"", field);
      return false;
    }
    return true;
  }
  bool CheckRef(IdIndex<Theme>& index, const std::optional<std::string>& ref, const char* field) {
    if (ref && !index.Contains(*ref)) {
      Fail(ErrorKind::not_found, std::string("no theme \"") + *ref + "\"", field);
      return false;
    }
    return true;
  }
  bool CheckPolarity(double polarity) {
    if (polarity != 1 && polarity != -1 && polarity != 0) {
      Fail(ErrorKind::invalid, "polarity must be 1, -1 or 0 (unspecified)", "polarity");
      return false;
    }
    return true;
  }
  bool CheckWeight(double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      Fail(ErrorKind::invalid, "weight must be within 0..1", "weight");
      return false;
    }
    return true;
  }
  bool CheckPosition(const Position& position) {
    if (!std::isfinite(position.x) || !std::isfinite(position.y) || std::abs(position.x) > 1e9 ||
        std::abs(position.y) > 1e9) {
      Fail(ErrorKind::invalid, "position must be finite numbers", "position");
      return false;
    }
    return true;
  }

  // Reads a field value of the expected type, or fails.
  const std::string* Text(const FieldValue& value, const std::string& field) {
    if (auto* text = std::get_if<std::string>(&value)) return text;
    Fail(ErrorKind::invalid, field + " must be text", field);
    return nullptr;
  }
  std::optional<std::optional<std::string>> OptionalRef(const FieldValue& value, const std::string& field) {
    if (std::holds_alternative<std::monostate>(value)) return std::optional<std::string>{};
    if (auto* text = std::get_if<std::string>(&value)) {
      if (text->empty()) return std::optional<std::string>{};
      return std::optional<std::string>{*text};
    }
    Fail(ErrorKind::invalid, field + " must be an id or null", field);
    return std::nullopt;
  }
  const double* Number(const FieldValue& value, const std::string& field) {
    if (auto* number = std::get_if<double>(&value)) return number;
    Fail(ErrorKind::invalid, field + " must be a number", field);
    return nullptr;
  }

  bool ValidateStatement(const Statement& statement) {
    return CheckId(statement.id) && CheckTitle(statement.title, "title") &&
           CheckText(statement.description, "description") && CheckRef(layers_, statement.layer, "layer") &&
           CheckRef(themes_, statement.theme, "theme") && CheckStatus(statement.status) &&
           CheckTags(statement.tags) && (!statement.position || CheckPosition(*statement.position));
  }
  bool CheckStatus(const std::string& status) {
    if (!kStatuses.count(status)) {
      Fail(ErrorKind::invalid, "status must be proposed, agreed or retired", "status");
      return false;
    }
    return true;
  }
  bool CheckTags(const std::vector<std::string>& tags) {
    for (const auto& tag : tags) {
      if (tag.empty() || tag.size() > model::kMaxTitleLength) {
        Fail(ErrorKind::invalid, "tags must be non-empty and at most 500 bytes", "tags");
        return false;
      }
    }
    return true;
  }

  // A statement cannot be moved under itself or its own descendant.
  bool WouldCycle(const std::string& id, const std::optional<std::string>& new_parent) {
    std::optional<std::string> cursor = new_parent;
    std::size_t steps = 0;
    while (cursor) {
      if (*cursor == id) return true;
      auto idx = statements_.Find(*cursor);
      if (!idx || ++steps > state_.statements.size()) return false;
      cursor = state_.statements[*idx].parent;
    }
    return false;
  }

  std::string NewId(ItemKind kind) {
    return GenerateId(kind, [this, kind](const std::string& candidate) {
      switch (kind) {
        case ItemKind::statement: return statements_.Contains(candidate);
        case ItemKind::link: return links_.Contains(candidate);
        case ItemKind::theme: return themes_.Contains(candidate);
        case ItemKind::layer: return layers_.Contains(candidate);
        case ItemKind::comment: return true;  // comment ids come from CommentApplier
        case ItemKind::measure:
        case ItemKind::data_point:
        case ItemKind::settings: return true;  // from ProgressApplier
        case ItemKind::work: return true;     // work ids come from WorkApplier
      }
      return true;
    });
  }

  template <typename T>
  void InsertAt(std::vector<T>& items, IdIndex<T>& index, T item, const std::optional<std::size_t>& at) {
    if (at && *at < items.size()) {
      items.insert(items.begin() + static_cast<std::ptrdiff_t>(*at), std::move(item));
      index.Invalidate();
      reordered_ = true;
    } else {
      items.push_back(std::move(item));
      index.Appended();
    }
  }

  // --- statements -----------------------------------------------------------------------

  void Apply(AddStatement& op) {
    auto& statement = op.statement;
    if (statement.id.empty()) {
      statement.id = NewId(ItemKind::statement);
      current_.generated_id = statement.id;
    } else if (statements_.Contains(statement.id)) {
      Fail(ErrorKind::invalid, "a statement with id \"" + statement.id + "\" already exists", "id");
      return;
    }
    if (!ValidateStatement(statement)) return;
    // The parent may come later in the same batch (documents list children before
    // parents at times): checked when the batch ends.
    if (statement.parent && !statements_.Contains(*statement.parent)) deferred_parents_.push_back({op_idx_, statement.id});
    if (statement.parent && *statement.parent == statement.id) {
      Fail(ErrorKind::invalid, "a statement cannot contain itself", "parent");
      return;
    }
    // Children added earlier in this batch, before this parent: the inverse lifts them to
    // the top first, so that this statement can be removed; their own inverses (which run
    // later) then remove them.
    for (const auto& [deferred_op_idx, child_id] : deferred_parents_) {
      auto child_idx = statements_.Find(child_id);
      if (child_idx && state_.statements[*child_idx].parent == statement.id)
        current_.inverse.push_back(MoveStatement{child_id, std::nullopt});
    }
    current_.inverse.push_back(RemoveStatement{statement.id, false});
    Touched(ItemKind::statement, statement.id, "");
    InsertAt(state_.statements, statements_, statement, op.index);
  }

  Statement* FindStatement(const std::string& id) {
    auto idx = statements_.Find(id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no statement \"" + id + "\" (it may have been removed)", "id");
      return nullptr;
    }
    return &state_.statements[*idx];
  }

  void Apply(UpdateStatement& op) {
    Statement* statement = FindStatement(op.id);
    if (!statement) return;
    if (op.set.empty()) {
      Fail(ErrorKind::invalid, "update_statement needs at least one field in \"set\"", "set");
      return;
    }
    Statement updated = *statement;
    FieldSet old_values;
    for (const auto& [field, value] : op.set) {
      if (field == "title") {
        auto* text = Text(value, field);
        if (!text || !CheckTitle(*text, "title")) return;
        RecordOld(old_values, field, updated.title);
        updated.title = *text;
      } else if (field == "description") {
        auto* text = Text(value, field);
        if (!text || !CheckText(*text, "description")) return;
        RecordOld(old_values, field, updated.description);
        updated.description = *text;
      } else if (field == "layer" || field == "theme") {
        auto ref = OptionalRef(value, field);
        if (!ref) return;
        if (field == "layer" && !CheckRef(layers_, *ref, "layer")) return;
        if (field == "theme" && !CheckRef(themes_, *ref, "theme")) return;
        auto& slot = field == "layer" ? updated.layer : updated.theme;
        RecordOld(old_values, field, slot ? FieldValue{*slot} : FieldValue{});
        slot = *ref;
      } else if (field == "status") {
        auto* text = Text(value, field);
        if (!text || !CheckStatus(*text)) return;
        RecordOld(old_values, field, updated.status);
        updated.status = *text;
      } else if (field == "tags") {
        auto* tags = std::get_if<std::vector<std::string>>(&value);
        if (!tags) {
          Fail(ErrorKind::invalid, "tags must be a list of text", field);
          return;
        }
        if (!CheckTags(*tags)) return;
        RecordOld(old_values, field, updated.tags);
        updated.tags = *tags;
      } else if (field == "position") {
        RecordOld(old_values, field, updated.position ? FieldValue{*updated.position} : FieldValue{});
        if (std::holds_alternative<std::monostate>(value)) {
          updated.position.reset();
        } else if (auto* position = std::get_if<Position>(&value)) {
          if (!CheckPosition(*position)) return;
          updated.position = *position;
        } else {
          Fail(ErrorKind::invalid, "position must be {x, y} or null", field);
          return;
        }
      } else if (field == "parent") {
        Fail(ErrorKind::invalid, "change the parent with move_statement", field);
        return;
      } else {
        Fail(ErrorKind::invalid, "statements have no field \"" + field + "\" that can be set", field);
        return;
      }
      Touched(ItemKind::statement, op.id, field);
    }
    *statement = std::move(updated);
    current_.inverse.push_back(UpdateStatement{op.id, std::move(old_values)});
  }

  void Apply(MoveStatement& op) {
    Statement* statement = FindStatement(op.id);
    if (!statement) return;
    if (op.parent && !statements_.Contains(*op.parent)) {
      Fail(ErrorKind::not_found, "no statement \"" + *op.parent + "\" to move into", "parent");
      return;
    }
    if (WouldCycle(op.id, op.parent)) {
      Fail(ErrorKind::invalid,
           "cannot move \"" + op.id + "\" under " + (*op.parent == op.id ? "itself" : "its own sub-statement \"" + *op.parent + "\""),
           "parent");
      return;
    }
    current_.inverse.push_back(MoveStatement{op.id, statement->parent});
    Touched(ItemKind::statement, op.id, "parent");
    statement->parent = op.parent;
  }

  void Apply(RemoveStatement& op) {
    if (!FindStatement(op.id)) return;
    auto subtree = Subtree(state_, op.id);
    if (subtree.size() > 1 && !op.cascade) {
      Fail(ErrorKind::invalid,
           "\"" + op.id + "\" holds " + std::to_string(subtree.size() - 1) +
               " sub-statement(s); remove them first or ask for cascade",
           "cascade");
      return;
    }
    if (auto in_use = work_.StatementsInUse(subtree)) {
      Fail(ErrorKind::invalid, "cannot remove " + std::string(subtree.size() > 1 ? "\"" + op.id + "\" and its sub-statements" : "\"" + op.id + "\"") + ": " + *in_use, "id");
      return;
    }
    std::unordered_set<std::string> removed(subtree.begin(), subtree.end());
    // Inverse: re-add statements then links at their original document positions,
    // ascending, which rebuilds the exact order.
    std::vector<Op> restore_statements;
    std::vector<Op> restore_links;
    std::vector<Statement> kept_statements;
    for (std::size_t statement_idx = 0; statement_idx < state_.statements.size(); ++statement_idx) {
      auto& statement = state_.statements[statement_idx];
      if (removed.count(statement.id)) {
        Touched(ItemKind::statement, statement.id, "");
        restore_statements.push_back(AddStatement{statement, statement_idx});
      } else {
        kept_statements.push_back(std::move(statement));
      }
    }
    std::vector<Link> kept_links;
    auto& pairs = Pairs();  // built before the loop below moves links out
    for (std::size_t link_idx = 0; link_idx < state_.links.size(); ++link_idx) {
      auto& link = state_.links[link_idx];
      if (removed.count(link.from) || removed.count(link.to)) {
        Touched(ItemKind::link, link.id, "");
        pairs.erase({link.from, link.to});
        restore_links.push_back(AddLink{link, link_idx});
      } else {
        kept_links.push_back(std::move(link));
      }
    }
    // Ascending original positions rebuild the exact order; a child listed before its
    // parent is fine, as parents are checked when the batch ends.
    current_.inverse = std::move(restore_statements);
    for (auto& link_op : restore_links) current_.inverse.push_back(std::move(link_op));
    state_.statements = std::move(kept_statements);
    state_.links = std::move(kept_links);
    statements_.Invalidate();
    links_.Invalidate();
  }

  // --- links ------------------------------------------------------------------------------

  void Apply(AddLink& op) {
    auto& link = op.link;
    if (link.id.empty()) {
      link.id = NewId(ItemKind::link);
      current_.generated_id = link.id;
    } else if (links_.Contains(link.id)) {
      Fail(ErrorKind::invalid, "a link with id \"" + link.id + "\" already exists", "id");
      return;
    }
    if (!CheckId(link.id)) return;
    if (!statements_.Contains(link.from)) {
      Fail(ErrorKind::not_found, "no statement \"" + link.from + "\" for the link to start from", "from");
      return;
    }
    if (!statements_.Contains(link.to)) {
      Fail(ErrorKind::not_found, "no statement \"" + link.to + "\" for the link to lead to", "to");
      return;
    }
    if (link.from == link.to) {
      Fail(ErrorKind::invalid, "a statement cannot lead to itself (self-link on \"" + link.from + "\")", "to");
      return;
    }
    if (Pairs().count({link.from, link.to})) {
      Fail(ErrorKind::invalid, "there is already a link from \"" + link.from + "\" to \"" + link.to + "\"", "to");
      return;
    }
    if (!CheckPolarity(link.polarity) || !CheckWeight(link.weight) || !CheckText(link.assumption, "assumption") ||
        !CheckText(link.evidence, "evidence"))
      return;
    current_.inverse.push_back(RemoveLink{link.id});
    Touched(ItemKind::link, link.id, "");
    Pairs().insert({link.from, link.to});
    InsertAt(state_.links, links_, link, op.index);
  }

  Link* FindLink(const std::string& id) {
    auto idx = links_.Find(id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no link \"" + id + "\" (it may have been removed)", "id");
      return nullptr;
    }
    return &state_.links[*idx];
  }

  void Apply(UpdateLink& op) {
    Link* link = FindLink(op.id);
    if (!link) return;
    if (op.set.empty()) {
      Fail(ErrorKind::invalid, "update_link needs at least one field in \"set\"", "set");
      return;
    }
    Link updated = *link;
    FieldSet old_values;
    for (const auto& [field, value] : op.set) {
      if (field == "polarity") {
        auto* number = Number(value, field);
        if (!number || !CheckPolarity(*number)) return;
        RecordOld(old_values, field, static_cast<double>(updated.polarity));
        updated.polarity = static_cast<int>(*number);
      } else if (field == "weight") {
        auto* number = Number(value, field);
        if (!number || !CheckWeight(*number)) return;
        RecordOld(old_values, field, updated.weight);
        updated.weight = *number;
      } else if (field == "assumption" || field == "evidence") {
        auto* text = Text(value, field);
        if (!text || !CheckText(*text, field.c_str())) return;
        auto& slot = field == "assumption" ? updated.assumption : updated.evidence;
        RecordOld(old_values, field, slot);
        slot = *text;
      } else if (field == "from" || field == "to") {
        Fail(ErrorKind::invalid, "a link's ends cannot change; remove it and add another", field);
        return;
      } else {
        Fail(ErrorKind::invalid, "links have no field \"" + field + "\" that can be set", field);
        return;
      }
      Touched(ItemKind::link, op.id, field);
    }
    *link = std::move(updated);
    current_.inverse.push_back(UpdateLink{op.id, std::move(old_values)});
  }

  void Apply(RemoveLink& op) {
    auto idx = links_.Find(op.id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no link \"" + op.id + "\" (it may have been removed)", "id");
      return;
    }
    auto link = state_.links[*idx];
    current_.inverse.push_back(AddLink{link, *idx});
    Touched(ItemKind::link, op.id, "");
    Pairs().erase({link.from, link.to});
    state_.links.erase(state_.links.begin() + static_cast<std::ptrdiff_t>(*idx));
    links_.Invalidate();
  }

  void Apply(SetPositions& op) {
    if (op.positions.empty()) {
      Fail(ErrorKind::invalid, "set_positions needs at least one position", "positions");
      return;
    }
    SetPositions inverse;
    for (const auto& entry : op.positions) {
      Statement* statement = FindStatement(entry.id);
      if (!statement) return;
      if (entry.position && !CheckPosition(*entry.position)) return;
      inverse.positions.push_back({entry.id, statement->position});
      statement->position = entry.position;
      Touched(ItemKind::statement, entry.id, "position");
    }
    // Restored last entry first, so that a statement listed twice gets its first value back.
    std::reverse(inverse.positions.begin(), inverse.positions.end());
    current_.inverse.push_back(std::move(inverse));
  }

  // --- themes and layers ------------------------------------------------------------------

  void Apply(AddTheme& op) {
    auto& theme = op.theme;
    if (theme.id.empty()) {
      theme.id = NewId(ItemKind::theme);
      current_.generated_id = theme.id;
    } else if (themes_.Contains(theme.id)) {
      Fail(ErrorKind::invalid, "a theme with id \"" + theme.id + "\" already exists", "id");
      return;
    }
    if (!CheckId(theme.id) || !CheckTitle(theme.name, "theme name") || !CheckText(theme.description, "description"))
      return;
    if (!IsHexColor(theme.color)) {
      Fail(ErrorKind::invalid, "color must look like #2a9d8f", "color");
      return;
    }
    current_.inverse.push_back(RemoveTheme{theme.id});
    Touched(ItemKind::theme, theme.id, "");
    InsertAt(state_.themes, themes_, theme, op.index);
  }

  void Apply(UpdateTheme& op) {
    auto idx = themes_.Find(op.id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no theme \"" + op.id + "\"", "id");
      return;
    }
    Theme updated = state_.themes[*idx];
    FieldSet old_values;
    for (const auto& [field, value] : op.set) {
      auto* text = Text(value, field);
      if (!text) return;
      if (field == "name") {
        if (!CheckTitle(*text, "theme name")) return;
        RecordOld(old_values, field, updated.name);
        updated.name = *text;
      } else if (field == "color") {
        if (!IsHexColor(*text)) {
          Fail(ErrorKind::invalid, "color must look like #2a9d8f", "color");
          return;
        }
        RecordOld(old_values, field, updated.color);
        updated.color = *text;
      } else if (field == "description") {
        if (!CheckText(*text, "description")) return;
        RecordOld(old_values, field, updated.description);
        updated.description = *text;
      } else {
        Fail(ErrorKind::invalid, "themes have no field \"" + field + "\" that can be set", field);
        return;
      }
      Touched(ItemKind::theme, op.id, field);
    }
    if (op.set.empty()) {
      Fail(ErrorKind::invalid, "update_theme needs at least one field in \"set\"", "set");
      return;
    }
    state_.themes[*idx] = std::move(updated);
    current_.inverse.push_back(UpdateTheme{op.id, std::move(old_values)});
  }

  // Which statements still use a theme or layer, to say where in a refusal.
  std::string UsersOf(bool layer, const std::string& id) {
    std::vector<std::string> users;
    for (const auto& statement : state_.statements) {
      const auto& ref = layer ? statement.layer : statement.theme;
      if (ref && *ref == id) users.push_back(statement.id);
    }
    if (users.empty()) return "";
    std::string listed;
    for (std::size_t user_idx = 0; user_idx < users.size() && user_idx < 5; ++user_idx)
      listed += (user_idx ? ", " : "") + ("\"" + users[user_idx] + "\"");
    if (users.size() > 5) listed += " and " + std::to_string(users.size() - 5) + " more";
    return std::to_string(users.size()) + " statement(s) still use it: " + listed;
  }

  void Apply(RemoveTheme& op) {
    auto idx = themes_.Find(op.id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no theme \"" + op.id + "\"", "id");
      return;
    }
    if (auto users = UsersOf(false, op.id); !users.empty()) {
      Fail(ErrorKind::invalid, "cannot remove theme \"" + op.id + "\": " + users, "id");
      return;
    }
    current_.inverse.push_back(AddTheme{state_.themes[*idx], *idx});
    Touched(ItemKind::theme, op.id, "");
    state_.themes.erase(state_.themes.begin() + static_cast<std::ptrdiff_t>(*idx));
    themes_.Invalidate();
  }

  void Apply(AddLayer& op) {
    auto& layer = op.layer;
    if (layer.id.empty()) {
      layer.id = NewId(ItemKind::layer);
      current_.generated_id = layer.id;
    } else if (layers_.Contains(layer.id)) {
      Fail(ErrorKind::invalid, "a layer with id \"" + layer.id + "\" already exists", "id");
      return;
    }
    if (!CheckId(layer.id) || !CheckTitle(layer.name, "layer name")) return;
    current_.inverse.push_back(RemoveLayer{layer.id});
    Touched(ItemKind::layer, layer.id, "");
    InsertAt(state_.layers, layers_, layer, op.index);
  }

  void Apply(UpdateLayer& op) {
    auto idx = layers_.Find(op.id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no layer \"" + op.id + "\"", "id");
      return;
    }
    if (op.set.empty()) {
      Fail(ErrorKind::invalid, "update_layer needs at least one field in \"set\"", "set");
      return;
    }
    FieldSet old_values;
    Layer updated = state_.layers[*idx];
    std::optional<std::size_t> new_index;
    for (const auto& [field, value] : op.set) {
      if (field == "name") {
        auto* text = Text(value, field);
        if (!text || !CheckTitle(*text, "layer name")) return;
        RecordOld(old_values, field, updated.name);
        updated.name = *text;
      } else if (field == "index") {
        auto* number = Number(value, field);
        if (!number) return;
        if (*number < 0 || *number >= static_cast<double>(state_.layers.size()) || *number != std::floor(*number)) {
          Fail(ErrorKind::invalid, "index must be a whole number from 0 to " + std::to_string(state_.layers.size() - 1), field);
          return;
        }
        RecordOld(old_values, field, static_cast<double>(*idx));
        new_index = static_cast<std::size_t>(*number);
      } else {
        Fail(ErrorKind::invalid, "layers have no field \"" + field + "\" that can be set", field);
        return;
      }
      Touched(ItemKind::layer, op.id, field);
    }
    state_.layers[*idx] = std::move(updated);
    if (new_index && *new_index != *idx) {
      Layer moving = std::move(state_.layers[*idx]);
      state_.layers.erase(state_.layers.begin() + static_cast<std::ptrdiff_t>(*idx));
      state_.layers.insert(state_.layers.begin() + static_cast<std::ptrdiff_t>(*new_index), std::move(moving));
      layers_.Invalidate();
      reordered_ = true;
    }
    current_.inverse.push_back(UpdateLayer{op.id, std::move(old_values)});
  }

  void Apply(RemoveLayer& op) {
    auto idx = layers_.Find(op.id);
    if (!idx) {
      Fail(ErrorKind::not_found, "no layer \"" + op.id + "\"", "id");
      return;
    }
    if (auto users = UsersOf(true, op.id); !users.empty()) {
      Fail(ErrorKind::invalid, "cannot remove layer \"" + op.id + "\": " + users, "id");
      return;
    }
    current_.inverse.push_back(AddLayer{state_.layers[*idx], *idx});
    Touched(ItemKind::layer, op.id, "");
    state_.layers.erase(state_.layers.begin() + static_cast<std::ptrdiff_t>(*idx));
    layers_.Invalidate();
  }

  void Apply(UpdateCoalition& op) {
    if (op.set.empty()) {
      Fail(ErrorKind::invalid, "update_coalition needs at least one field in \"set\"", "set");
      return;
    }
    auto updated = state_.info;
    FieldSet old_values;
    for (const auto& [field, value] : op.set) {
      auto* text = Text(value, field);
      if (!text) return;
      if (field == "name") {
        if (!CheckTitle(*text, "coalition name")) return;
        RecordOld(old_values, field, updated.name);
        updated.name = *text;
      } else if (field == "purpose") {
        if (!CheckText(*text, "purpose")) return;
        RecordOld(old_values, field, updated.purpose);
        updated.purpose = *text;
      } else {
        Fail(ErrorKind::invalid, "a coalition has no field \"" + field + "\" that can be set", field);
        return;
      }
    }
    state_.info = std::move(updated);
    current_.inverse.push_back(UpdateCoalition{std::move(old_values)});
  }

  // --- comments (comment_ops.cpp) --------------------------------------------------------

  template <typename CommentOp>
  void ApplyComment(CommentOp& op) {
    if (auto error = comments_.Apply(op, current_)) Fail(error->kind, error->reason, error->field);
  }
  void Apply(AddComment& op) { ApplyComment(op); }
  void Apply(UpdateComment& op) { ApplyComment(op); }
  void Apply(ResolveComment& op) { ApplyComment(op); }
  void Apply(RemoveComment& op) { ApplyComment(op); }

  // --- measures and data points (progress_ops.cpp) ---------------------------------------

  template <typename ProgressOp>
  void ApplyProgress(ProgressOp& op) {
    if (auto error = progress_.Apply(op, current_)) Fail(error->kind, error->reason, error->field);
  }
  void Apply(AddMeasure& op) { ApplyProgress(op); }
  void Apply(UpdateMeasure& op) { ApplyProgress(op); }
  void Apply(RemoveMeasure& op) { ApplyProgress(op); }
  void Apply(SetDataPoints& op) { ApplyProgress(op); }
  void Apply(RemoveDataPoints& op) { ApplyProgress(op); }
  void Apply(UpdateSettings& op) { ApplyProgress(op); }
  // --- who does what (work_ops.cpp) --------------------------------------------------------

  template <typename WorkOp>
  void ApplyWork(WorkOp& op) {
    if (auto error = work_.Apply(op, current_)) Fail(error->kind, error->reason, error->field);
  }
  void Apply(AddWork& op) { ApplyWork(op); }
  void Apply(UpdateWork& op) { ApplyWork(op); }
  void Apply(RemoveWork& op) { ApplyWork(op); }

  MapState& state_;
  IdIndex<Statement> statements_;
  IdIndex<Link> links_;
  IdIndex<Theme> themes_;
  IdIndex<Layer> layers_;
  CommentApplier comments_;
  ProgressApplier progress_;
  WorkApplier work_;
  // Which statements a link already joins (one link per pair), built on first use.
  std::set<std::pair<std::string, std::string>>& Pairs() {
    if (!pairs_) {
      pairs_.emplace();
      for (const auto& link : state_.links) pairs_->insert({link.from, link.to});
    }
    return *pairs_;
  }
  std::optional<std::set<std::pair<std::string, std::string>>> pairs_;
  AppliedOp current_;
  std::optional<OpError> error_;
  bool reordered_ = false;
  std::size_t op_idx_ = 0;
  std::vector<std::pair<std::size_t, std::string>> deferred_parents_;
};

}  // namespace

const char* ItemKindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::statement: return "statement";
    case ItemKind::link: return "link";
    case ItemKind::theme: return "theme";
    case ItemKind::layer: return "layer";
    case ItemKind::comment: return "comment";
    case ItemKind::measure: return "measure";
    case ItemKind::data_point: return "data_point";
    case ItemKind::settings: return "settings";
    case ItemKind::work: return "work";
  }
  return "?";
}

const char* OpName(const Op& op) {
  if (const char* work_name = WorkOpName(op)) return work_name;
  static constexpr const char* kNames[] = {
      "add_statement", "update_statement", "move_statement", "remove_statement", "add_link",
      "update_link",   "remove_link",      "set_positions",  "add_theme",        "update_theme",
      "remove_theme",  "add_layer",        "update_layer",   "remove_layer",     "update_coalition",
      "add_comment",   "update_comment",   "resolve_comment", "remove_comment", "add_measure",
      "update_measure", "remove_measure",  "set_data_points", "remove_data_points", "update_settings", "add_work", "update_work", "remove_work"};
  static_assert(std::size(kNames) == std::variant_size_v<Op>);
  return kNames[op.index()];
}

std::vector<Op> BatchResult::Inverse() const {
  std::vector<Op> inverse;
  for (auto applied_it = applied.rbegin(); applied_it != applied.rend(); ++applied_it)
    for (const auto& op : applied_it->inverse) inverse.push_back(op);
  return inverse;
}

std::vector<std::string> BatchResult::Warnings() const {
  std::vector<std::string> warnings;
  for (const auto& op : applied) warnings.insert(warnings.end(), op.warnings.begin(), op.warnings.end());
  return warnings;
}

std::string GenerateId(ItemKind kind, const std::function<bool(const std::string&)>& taken) {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  thread_local std::mt19937_64 random{std::random_device{}()};
  const char* prefix = kind == ItemKind::statement ? "s-"
                       : kind == ItemKind::link    ? "l-"
                       : kind == ItemKind::theme   ? "t-"
                       : kind == ItemKind::comment ? "c-"
                       : kind == ItemKind::measure ? "m-"
                                                   : "y-";
  for (;;) {
    std::string id = prefix;
    for (int char_idx = 0; char_idx < 8; ++char_idx) id += kAlphabet[random() % (sizeof(kAlphabet) - 1)];
    if (!taken(id)) return id;
  }
}

std::vector<std::string> Subtree(const MapState& state, const std::string& root_id) {
  std::unordered_map<std::string, std::vector<std::string>> children;
  for (const auto& statement : state.statements)
    if (statement.parent) children[*statement.parent].push_back(statement.id);
  std::vector<std::string> out{root_id};
  std::unordered_set<std::string> seen{root_id};
  for (std::size_t cursor = 0; cursor < out.size(); ++cursor) {
    auto found = children.find(out[cursor]);
    if (found == children.end()) continue;
    for (const auto& child : found->second)
      if (seen.insert(child).second) out.push_back(child);
  }
  return out;
}

BatchResult ApplyBatch(MapState& state, std::vector<Op>& ops) { return BatchApplier(state).Run(ops); }

}  // namespace coalign::ops
