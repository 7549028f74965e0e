// The comment ops of the write path (add, update, resolve, remove): their rules and
// inverses. BatchApplier (apply.cpp) hands comment ops to a CommentApplier.
//
// Rules: a comment's target must exist (a statement or link id, or "" for the coalition);
// a reply's parent must be a comment on the same target; the body is non-empty and at
// most model::kMaxCommentLength bytes; only a thread's root is resolved. Removing a
// comment removes its replies. Removing a statement or link leaves its comments where
// they are (hidden while the target is gone), so undoing the removal brings the
// discussion back exactly.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/map_state.hpp"
#include "ops/apply.hpp"

namespace coalign::ops {

class CommentApplier {
 public:
  // Whether a statement ("statement") or link ("link") with this id exists now.
  using TargetExists = std::function<bool(const std::string& kind, const std::string& id)>;

  CommentApplier(model::MapState& state, TargetExists target_exists);

  // Each applies one op, filling `applied` (inverse, touches, generated id), or returns
  // why it is refused, leaving the state as it was.
  std::optional<OpError> Apply(AddComment& op, AppliedOp& applied);
  std::optional<OpError> Apply(UpdateComment& op, AppliedOp& applied);
  std::optional<OpError> Apply(ResolveComment& op, AppliedOp& applied);
  std::optional<OpError> Apply(RemoveComment& op, AppliedOp& applied);

  bool reordered() const { return reordered_; }

 private:
  std::optional<std::size_t> Find(const std::string& id);
  std::optional<OpError> CheckBody(const std::string& body) const;

  model::MapState& state_;
  TargetExists target_exists_;
  std::unordered_map<std::string, std::size_t> index_;
  bool dirty_ = true;
  bool reordered_ = false;
};

// The comment ids of `root_id` and all its replies, in document order.
std::vector<std::string> CommentSubtree(const model::MapState& state, const std::string& root_id);

// The root of the thread holding a comment (itself when it is not a reply), or null.
const model::Comment* ThreadRoot(const model::MapState& state, const std::string& comment_id);

}  // namespace coalign::ops
