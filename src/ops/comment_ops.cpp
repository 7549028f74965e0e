#include "ops/comment_ops.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace coalign::ops {
namespace {

OpError Refusal(ErrorKind kind, std::string reason, std::string field) {
  return OpError{0, kind, std::move(reason), std::move(field)};
}

std::optional<OpError> CheckCommentId(const std::string& id) {
  if (id.size() > model::kMaxIdLength)
    return Refusal(ErrorKind::invalid, "id is longer than " + std::to_string(model::kMaxIdLength) + " bytes", "id");
  for (unsigned char c : id)
    if (c < 0x20 || c == '/' || c == '?' || c == '#')
      return Refusal(ErrorKind::invalid, "id \"" + id + "\" contains a control character, '/', '?' or '#'", "id");
  return std::nullopt;
}

}  // namespace

CommentApplier::CommentApplier(model::MapState& state, TargetExists target_exists)
    : state_(state), target_exists_(std::move(target_exists)) {}

std::optional<std::size_t> CommentApplier::Find(const std::string& id) {
  if (dirty_) {
    index_.clear();
    for (std::size_t comment_idx = 0; comment_idx < state_.comments.size(); ++comment_idx)
      index_[state_.comments[comment_idx].id] = comment_idx;
    dirty_ = false;
  }
  auto found = index_.find(id);
  if (found == index_.end()) return std::nullopt;
  return found->second;
}

std::optional<OpError> CommentApplier::CheckBody(const std::string& body) const {
  bool blank = std::all_of(body.begin(), body.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return Refusal(ErrorKind::invalid, "a comment must say something (its body is empty)", "body");
  if (body.size() > model::kMaxCommentLength)
    return Refusal(ErrorKind::invalid,
                   "the comment is " + std::to_string(body.size()) + " bytes long; the limit is " +
                       std::to_string(model::kMaxCommentLength),
                   "body");
  return std::nullopt;
}

std::optional<OpError> CommentApplier::Apply(AddComment& op, AppliedOp& applied) {
  auto& comment = op.comment;
  if (comment.id.empty()) {
    comment.id = GenerateId(ItemKind::comment, [this](const std::string& candidate) { return Find(candidate).has_value(); });
    applied.generated_id = comment.id;
  } else if (Find(comment.id)) {
    return Refusal(ErrorKind::invalid, "a comment with id \"" + comment.id + "\" already exists", "id");
  }
  if (auto error = CheckCommentId(comment.id)) return error;
  if (!model::IsCommentTargetKind(comment.target_kind))
    return Refusal(ErrorKind::invalid, "target_kind must be statement, link or coalition", "target_kind");
  if (comment.target_kind == "coalition") {
    if (!comment.target_id.empty())
      return Refusal(ErrorKind::invalid, "a comment on the coalition has no target_id", "target_id");
  } else if (comment.target_id.empty() || !target_exists_(comment.target_kind, comment.target_id)) {
    return Refusal(ErrorKind::not_found,
                   "no " + comment.target_kind + " \"" + comment.target_id + "\" to comment on (it may have been removed)",
                   "target_id");
  }
  if (comment.parent) {
    auto parent_idx = Find(*comment.parent);
    if (!parent_idx)
      return Refusal(ErrorKind::not_found, "no comment \"" + *comment.parent + "\" to reply to (it may have been removed)",
                     "parent");
    const auto& parent = state_.comments[*parent_idx];
    if (parent.target_kind != comment.target_kind || parent.target_id != comment.target_id)
      return Refusal(ErrorKind::invalid, "a reply must be on the same item as the comment it answers", "parent");
    if (comment.resolved) return Refusal(ErrorKind::invalid, "only a thread's first comment is resolved", "resolved");
  }
  if (auto error = CheckBody(comment.body)) return error;
  applied.inverse.push_back(RemoveComment{comment.id});
  applied.touches.push_back({ItemKind::comment, comment.id, ""});
  if (op.index && *op.index < state_.comments.size()) {
    state_.comments.insert(state_.comments.begin() + static_cast<std::ptrdiff_t>(*op.index), comment);
    reordered_ = true;
    dirty_ = true;
  } else {
    state_.comments.push_back(comment);
    if (!dirty_) index_[comment.id] = state_.comments.size() - 1;
  }
  return std::nullopt;
}

std::optional<OpError> CommentApplier::Apply(UpdateComment& op, AppliedOp& applied) {
  auto idx = Find(op.id);
  if (!idx) return Refusal(ErrorKind::not_found, "no comment \"" + op.id + "\" (it may have been removed)", "id");
  if (op.set.empty()) return Refusal(ErrorKind::invalid, "update_comment needs \"body\" in \"set\"", "set");
  auto& comment = state_.comments[*idx];
  std::string body = comment.body;
  for (const auto& [field, value] : op.set) {
    if (field != "body")
      return Refusal(ErrorKind::invalid, "comments have no field \"" + field + "\" that can be set (only body)", field);
    auto* text = std::get_if<std::string>(&value);
    if (!text) return Refusal(ErrorKind::invalid, "body must be text", "body");
    if (auto error = CheckBody(*text)) return error;
    body = *text;
  }
  applied.inverse.push_back(UpdateComment{op.id, {{"body", comment.body}}, comment.edited_at, comment.mentions});
  applied.touches.push_back({ItemKind::comment, op.id, "body"});
  comment.body = std::move(body);
  comment.edited_at = op.edited_at;
  comment.mentions = op.mentions;
  return std::nullopt;
}

std::optional<OpError> CommentApplier::Apply(ResolveComment& op, AppliedOp& applied) {
  auto idx = Find(op.id);
  if (!idx) return Refusal(ErrorKind::not_found, "no comment \"" + op.id + "\" (it may have been removed)", "id");
  auto& comment = state_.comments[*idx];
  if (comment.parent)
    return Refusal(ErrorKind::invalid,
                   "\"" + op.id + "\" is a reply; resolve or reopen its thread's first comment \"" +
                       (ThreadRoot(state_, op.id) ? ThreadRoot(state_, op.id)->id : *comment.parent) + "\"",
                   "id");
  applied.inverse.push_back(ResolveComment{op.id, comment.resolved});
  applied.touches.push_back({ItemKind::comment, op.id, "resolved"});
  comment.resolved = op.resolved;
  return std::nullopt;
}

std::optional<OpError> CommentApplier::Apply(RemoveComment& op, AppliedOp& applied) {
  if (!Find(op.id)) return Refusal(ErrorKind::not_found, "no comment \"" + op.id + "\" (it may have been removed)", "id");
  auto subtree = CommentSubtree(state_, op.id);
  std::unordered_set<std::string> removed(subtree.begin(), subtree.end());
  std::vector<model::Comment> kept;
  kept.reserve(state_.comments.size());
  // Re-adding at the original positions, ascending, rebuilds the exact order (a reply
  // always comes after the comment it answers).
  for (std::size_t comment_idx = 0; comment_idx < state_.comments.size(); ++comment_idx) {
    auto& comment = state_.comments[comment_idx];
    if (removed.count(comment.id)) {
      applied.touches.push_back({ItemKind::comment, comment.id, ""});
      applied.inverse.push_back(AddComment{comment, comment_idx});
    } else {
      kept.push_back(std::move(comment));
    }
  }
  state_.comments = std::move(kept);
  dirty_ = true;
  return std::nullopt;
}

std::vector<std::string> CommentSubtree(const model::MapState& state, const std::string& root_id) {
  std::unordered_set<std::string> inside{root_id};
  std::vector<std::string> out;
  // Replies come after what they answer, so one pass in document order finds them all.
  for (const auto& comment : state.comments) {
    if (comment.id == root_id) {
      out.push_back(comment.id);
    } else if (comment.parent && inside.count(*comment.parent)) {
      inside.insert(comment.id);
      out.push_back(comment.id);
    }
  }
  return out;
}

const model::Comment* ThreadRoot(const model::MapState& state, const std::string& comment_id) {
  std::unordered_map<std::string, const model::Comment*> by_id;
  for (const auto& comment : state.comments) by_id[comment.id] = &comment;
  auto found = by_id.find(comment_id);
  const model::Comment* cursor = found == by_id.end() ? nullptr : found->second;
  for (std::size_t steps = 0; cursor && cursor->parent && steps <= state.comments.size(); ++steps) {
    auto parent = by_id.find(*cursor->parent);
    if (parent == by_id.end()) break;
    cursor = parent->second;
  }
  return cursor;
}

}  // namespace coalign::ops
