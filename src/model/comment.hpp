// A comment in a threaded discussion on a statement, a link, or the coalition itself.
// A thread is a root comment (no parent) and its replies; `resolved` lives on the root.
// Author, time and mentions are set by the server when a comment is added or edited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coalign::model {

struct Comment {
  std::string id;
  std::string target_kind;  // "statement", "link" or "coalition"
  std::string target_id;    // "" for the coalition
  std::optional<std::string> parent;  // the comment this replies to
  std::int64_t author_id = 0;         // the author's account (0: not a signed-in person)
  std::string author_name;
  std::string body;
  std::string created_at;  // ISO 8601, UTC
  std::string edited_at;   // "" when never edited
  bool resolved = false;   // thread roots only
  std::vector<std::int64_t> mentions;  // accounts named with @ in the body
  bool operator==(const Comment&) const = default;
};

inline constexpr std::size_t kMaxCommentLength = 10000;

inline bool IsCommentTargetKind(const std::string& kind) {
  return kind == "statement" || kind == "link" || kind == "coalition";
}

}  // namespace coalign::model
