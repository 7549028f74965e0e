#include "service/comment_stamp.hpp"

#include "model/iso_time.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <unordered_map>

namespace coalign::service {
namespace {

bool StartsWithNoCase(const std::string& text, std::size_t at, const std::string& prefix) {
  if (prefix.empty() || at + prefix.size() > text.size()) return false;
  for (std::size_t char_idx = 0; char_idx < prefix.size(); ++char_idx)
    if (std::tolower(static_cast<unsigned char>(text[at + char_idx])) != std::tolower(static_cast<unsigned char>(prefix[char_idx])))
      return false;
  return true;
}

// A mention ends where a word does: "@Ana," names Ana, "@Anabel" does not.
bool EndsWord(const std::string& text, std::size_t at) {
  if (at >= text.size()) return true;
  unsigned char next = static_cast<unsigned char>(text[at]);
  return !(std::isalnum(next) || next == '_' || next == '-' || next >= 0x80);
}

}  // namespace

std::vector<std::int64_t> FindMentions(const std::string& body, const std::vector<Membership>& members) {
  std::vector<std::int64_t> found;
  for (std::size_t at = 0; at < body.size(); ++at) {
    if (body[at] != '@') continue;
    if (at > 0) {
      unsigned char before = static_cast<unsigned char>(body[at - 1]);
      if (std::isalnum(before) || before == '.' || before == '_') continue;  // an email address in passing
    }
    std::size_t best_length = 0;
    std::int64_t best_user = 0;
    for (const auto& member : members) {
      for (const auto* candidate : {&member.email, &member.name}) {
        if (candidate->size() > best_length && StartsWithNoCase(body, at + 1, *candidate) &&
            EndsWord(body, at + 1 + candidate->size())) {
          best_length = candidate->size();
          best_user = member.user_id;
        }
      }
    }
    if (best_user && std::find(found.begin(), found.end(), best_user) == found.end()) found.push_back(best_user);
  }
  return found;
}

std::string NowUtc() { return model::NowIsoUtc(); }

std::vector<ops::OpError> StampCommentOps(const model::MapState& before, std::vector<ops::Op>& ops,
                                          const CommentStamp& stamp,
                                          const std::function<std::vector<std::int64_t>(const std::string&)>& mentions) {
  std::unordered_map<std::string, const model::Comment*> existing;
  for (const auto& comment : before.comments) existing[comment.id] = &comment;
  auto own = [&](const model::Comment& comment) { return stamp.author_id != 0 && comment.author_id == stamp.author_id; };
  std::vector<ops::OpError> refused;
  for (std::size_t op_idx = 0; op_idx < ops.size(); ++op_idx) {
    auto& op = ops[op_idx];
    if (auto* add = std::get_if<ops::AddComment>(&op)) {
      add->comment.author_id = stamp.author_id;
      add->comment.author_name = stamp.author_name;
      add->comment.created_at = stamp.now;
      add->comment.edited_at.clear();
      add->comment.resolved = false;
      add->comment.mentions = mentions(add->comment.body);
      add->index.reset();
    } else if (auto* update = std::get_if<ops::UpdateComment>(&op)) {
      auto found = existing.find(update->id);
      if (found != existing.end() && !own(*found->second)) {
        refused.push_back({op_idx, ops::ErrorKind::invalid, "only its author may edit a comment", "id"});
        continue;
      }
      update->edited_at = stamp.now;
      update->mentions.clear();
      for (const auto& [field, value] : update->set)
        if (auto* body = std::get_if<std::string>(&value); body && field == "body") update->mentions = mentions(*body);
    } else if (auto* remove = std::get_if<ops::RemoveComment>(&op)) {
      auto found = existing.find(remove->id);
      if (found != existing.end() && !own(*found->second) && !stamp.moderator)
        refused.push_back({op_idx, ops::ErrorKind::invalid, "only its author or a steward may remove a comment", "id"});
    }
  }
  return refused;
}

}  // namespace coalign::service
