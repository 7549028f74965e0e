// Who is acting, and what they may do in a coalition. Roles rise in power:
// viewer (reads) < contributor (comments; edits items they are attached to) < editor
// (edits the map) < steward (manages members and settings). An instance admin acts as a
// steward everywhere. A person with no role in a coalition cannot see it at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coalign::service {

enum class Role { none = 0, viewer = 1, contributor = 2, editor = 3, steward = 4 };

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

using UserId = std::int64_t;

struct Actor {
  UserId user_id = 0;  // 0: anonymous
  std::string email;
  std::string name;
  bool admin = false;
  bool via_token = false;  // authenticated by a personal API token (no CSRF needed)
  bool signed_in() const { return user_id != 0; }
  // How the change log names the author.
  std::string AuthorLabel() const { return signed_in() ? name + " <" + email + ">" : "anonymous"; }
};

}  // namespace coalign::service
