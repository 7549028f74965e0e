#include "service/access.hpp"

namespace coalign::service {

const char* RoleName(Role role) {
  switch (role) {
    case Role::none: return "none";
    case Role::viewer: return "viewer";
    case Role::contributor: return "contributor";
    case Role::editor: return "editor";
    case Role::steward: return "steward";
  }
  return "none";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "viewer") return Role::viewer;
  if (name == "contributor") return Role::contributor;
  if (name == "editor") return Role::editor;
  if (name == "steward") return Role::steward;
  return std::nullopt;
}

}  // namespace coalign::service
