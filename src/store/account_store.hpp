// Where people, their sessions, personal API tokens, coalition memberships and invites
// live. Secrets (session ids, tokens, reset and invite codes) are stored only as hashes;
// the service makes and hashes them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/result.hpp"

namespace coalign::store {

using UserId = std::int64_t;

struct UserRecord {
  UserId id = 0;
  std::string email;  // lower-cased
  std::string name;
  std::string password_hash;  // argon2id string, "" when no password set yet
  bool admin = false;
  std::string created_at;
};

struct SessionRecord {
  std::string id_hash;
  UserId user_id = 0;
  std::string csrf_token;
  std::string expires_at;  // ISO 8601 UTC
};

struct TokenRecord {
  std::int64_t id = 0;
  UserId user_id = 0;
  std::string name;
  std::string created_at;
  std::string last_used_at;
};

struct MembershipRecord {
  std::int64_t coalition_id = 0;
  UserId user_id = 0;
  std::string role;  // viewer, contributor, editor, steward
  std::string email;
  std::string name;
};

struct InviteRecord {
  std::string code_hash;
  std::int64_t coalition_id = 0;
  std::string email;
  std::string role;
  UserId invited_by = 0;
  std::string expires_at;
  std::string accepted_at;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  virtual Result<UserId> AddUser(const UserRecord& user) = 0;  // fails when the email is taken
  virtual std::optional<UserRecord> UserByEmail(const std::string& email) = 0;
  virtual std::optional<UserRecord> UserById(UserId id) = 0;
  virtual std::vector<UserRecord> Users() = 0;
  virtual void SetPassword(UserId id, const std::string& password_hash) = 0;

  virtual void AddSession(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> Session(const std::string& id_hash) = 0;  // unexpired only
  virtual void DeleteSession(const std::string& id_hash) = 0;
  virtual void DeleteSessionsOf(UserId user) = 0;

  virtual std::int64_t AddToken(UserId user, const std::string& name, const std::string& token_hash) = 0;
  virtual std::optional<UserId> UserOfToken(const std::string& token_hash) = 0;  // unrevoked only; marks use
  virtual std::vector<TokenRecord> Tokens(UserId user) = 0;
  virtual bool RevokeToken(UserId user, std::int64_t token_id) = 0;

  virtual void AddResetCode(UserId user, const std::string& code_hash, const std::string& expires_at) = 0;
  // The user of an unexpired, unused code, marking it used (one time).
  virtual std::optional<UserId> UseResetCode(const std::string& code_hash) = 0;

  virtual std::optional<std::string> RoleIn(std::int64_t coalition, UserId user) = 0;
  virtual void SetRole(std::int64_t coalition, UserId user, const std::string& role) = 0;
  virtual bool RemoveMember(std::int64_t coalition, UserId user) = 0;
  virtual std::vector<MembershipRecord> Members(std::int64_t coalition) = 0;
  virtual std::vector<std::int64_t> CoalitionsOf(UserId user) = 0;

  virtual void AddInvite(const InviteRecord& invite) = 0;
  virtual std::optional<InviteRecord> Invite(const std::string& code_hash) = 0;
  virtual void MarkInviteAccepted(const std::string& code_hash) = 0;
};

// Opens the account tables of a database that OpenSqliteStore has already migrated.
Result<std::unique_ptr<AccountStore>> OpenSqliteAccountStore(const std::string& path);

}  // namespace coalign::store
