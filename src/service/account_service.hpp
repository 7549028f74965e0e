// Accounts and the security boundary: sign-in with email and password (argon2id hashes
// via libsodium), sessions, personal API tokens, password reset codes, and each
// person's role in each coalition (with invites). Secrets leave this class once, to
// their holder; only their hashes are stored.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "model/result.hpp"
#include "service/access.hpp"
#include "service/ttl_cache.hpp"
#include "store/account_store.hpp"
#include "store/store.hpp"

namespace coalign::service {

struct SessionStart {
  std::string session_id;  // goes to the browser in an HttpOnly cookie
  std::string csrf_token;  // the page sends it back in X-CSRF-Token
  Actor actor;
};

struct ResolvedSession {
  Actor actor;
  std::string csrf_token;
};

struct Membership {
  UserId user_id = 0;
  std::string email;
  std::string name;
  Role role = Role::none;
};

struct InviteInfo {
  std::int64_t coalition = 0;
  std::string coalition_name;
  std::string email;
  Role role = Role::none;
  bool usable = false;  // not expired and not yet accepted
};

inline constexpr std::size_t kMinPasswordLength = 10;

class AccountService {
 public:
  AccountService(store::AccountStore& accounts, store::Store& maps);

  // Password may be empty: the account then needs a reset link before signing in.
  Result<UserId> AddUser(const std::string& email, const std::string& name, const std::string& password, bool admin);
  std::optional<Actor> UserByEmail(const std::string& email);
  std::vector<Actor> Users();

  // Refused with field "rate_limited" after too many failures for the email or client.
  Result<SessionStart> SignIn(const std::string& email, const std::string& password, const std::string& client);
  void SignOut(const std::string& session_id);
  std::optional<ResolvedSession> ResolveSession(const std::string& session_id);
  std::optional<Actor> ResolveToken(const std::string& token);

  Result<std::string> IssueToken(UserId user, const std::string& name);
  std::vector<store::TokenRecord> Tokens(UserId user);
  bool RevokeToken(UserId user, std::int64_t token_id);

  // A one-time code, valid for a day, for setting a new password.
  Result<std::string> ResetCode(const std::string& email);
  Result<UserId> ResetPassword(const std::string& code, const std::string& new_password);

  Role RoleIn(const Actor& actor, std::int64_t coalition);
  std::vector<std::int64_t> VisibleCoalitions(const Actor& actor);
  std::vector<Membership> Members(std::int64_t coalition);
  // Sets someone's role (steward's act); refuses to leave a coalition with no steward.
  Result<Role> SetRole(std::int64_t coalition, UserId user, Role role);
  Result<bool> RemoveMember(std::int64_t coalition, UserId user);
  // The coalition's creator becomes its steward.
  void MakeSteward(std::int64_t coalition, UserId user);

  Result<std::string> Invite(const Actor& by, std::int64_t coalition, const std::string& email, Role role);
  std::optional<InviteInfo> InviteDetails(const std::string& code);
  // Joins `actor` (signed in; the invite's email need not match) to the invite's coalition.
  Result<std::int64_t> AcceptInvite(const std::string& code, const Actor& actor);

 private:
  bool RateLimited(const std::string& key);
  void RecordFailure(const std::string& key);
  Actor ActorOf(const store::UserRecord& user) const;

  store::AccountStore& accounts_;
  store::Store& maps_;
  // What every request asks, cached briefly (see ttl_cache.hpp); cleared by this
  // process's own writes.
  TtlCache<std::string, Actor> token_cache_{std::chrono::seconds(2)};
  TtlCache<std::string, ResolvedSession> session_cache_{std::chrono::seconds(2)};
  TtlCache<std::pair<UserId, std::int64_t>, Role> role_cache_{std::chrono::seconds(2)};
  std::mutex failures_mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
};

// Hex BLAKE2b of a secret, as stored.
std::string HashSecret(const std::string& secret);
// A fresh random secret, URL-safe base64 of 32 bytes, with an optional prefix.
std::string RandomSecret(const std::string& prefix = "");

}  // namespace coalign::service
