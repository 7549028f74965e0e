// What the server, not the client, decides about comments: who wrote one and when, whom
// its @mentions name, and whether the caller may edit or remove it. Runs inside
// MapService::Commit on batches from a person (not on undo, redo or import, which replay
// recorded comments as they were).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/apply.hpp"
#include "service/account_service.hpp"

namespace coalign::service {

struct CommentStamp {
  std::int64_t author_id = 0;  // 0: not a signed-in person (then no comment is "theirs")
  std::string author_name;
  std::string now;             // ISO 8601, UTC
  bool moderator = false;      // may remove anyone's comment
};

// Stamps author, times and mentions on the comment ops of `ops`, and refuses (kind
// invalid, for a 403) edits of someone else's comment and removals of it by a
// non-moderator. `before` is the map the batch applies to.
std::vector<ops::OpError> StampCommentOps(const model::MapState& before, std::vector<ops::Op>& ops,
                                          const CommentStamp& stamp,
                                          const std::function<std::vector<std::int64_t>(const std::string&)>& mentions);

// The members a body names with "@Name" or "@email" (case-insensitive, longest match
// wins), each once, in the order first named.
std::vector<std::int64_t> FindMentions(const std::string& body, const std::vector<Membership>& members);

// The current time as ISO 8601 UTC with milliseconds.
std::string NowUtc();

}  // namespace coalign::service
