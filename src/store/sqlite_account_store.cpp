// The SQLite implementation of AccountStore, on its own connection to the database file
// (WAL lets it work beside the map store's).
#include <mutex>

#include "store/account_store.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_migrations.hpp"

namespace coalign::store {
namespace {

UserRecord ReadUser(const SqliteStatement& query) {
  return UserRecord{query.Int(0), query.Text(1), query.Text(2), query.Text(3), query.Int(4) != 0, query.Text(5)};
}

constexpr const char* kUserColumns = "SELECT id, email, name, password_hash, admin, created_at FROM users ";

class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(const std::string& path) : db_(path) {
    db_.Exec("PRAGMA journal_mode=WAL");
    db_.Exec("PRAGMA synchronous=FULL");
    db_.Exec("PRAGMA foreign_keys=ON");
    RunMigrations(db_);
  }

  Result<UserId> AddUser(const UserRecord& user) override {
    std::lock_guard lock(mutex_);
    if (FindUser("WHERE email=?", user.email)) return Error{"there is already an account for " + user.email, "email"};
    SqliteStatement insert(db_.handle(), "INSERT INTO users(email, name, password_hash, admin, created_at) VALUES (?,?,?,?,?)");
    insert.Bind(1, user.email).Bind(2, user.name).Bind(3, user.password_hash).Bind(4, std::int64_t{user.admin}).Bind(5, NowIso8601()).Run();
    return sqlite3_last_insert_rowid(db_.handle());
  }

  std::optional<UserRecord> UserByEmail(const std::string& email) override {
    std::lock_guard lock(mutex_);
    return FindUser("WHERE email=?", email);
  }

  std::optional<UserRecord> UserById(UserId id) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(), std::string(kUserColumns) + "WHERE id=?");
    query.Bind(1, id);
    if (!query.Step()) return std::nullopt;
    return ReadUser(query);
  }

  std::vector<UserRecord> Users() override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(), std::string(kUserColumns) + "ORDER BY id");
    std::vector<UserRecord> users;
    while (query.Step()) users.push_back(ReadUser(query));
    return users;
  }

  void SetPassword(UserId id, const std::string& password_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement update(db_.handle(), "UPDATE users SET password_hash=? WHERE id=?");
    update.Bind(1, password_hash).Bind(2, id).Run();
  }

  void AddSession(const SessionRecord& session) override {
    std::lock_guard lock(mutex_);
    SqliteStatement insert(db_.handle(), "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)");
    insert.Bind(1, session.id_hash).Bind(2, session.user_id).Bind(3, session.csrf_token).Bind(4, NowIso8601()).Bind(5, session.expires_at).Run();
  }

  std::optional<SessionRecord> Session(const std::string& id_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(), "SELECT id_hash, user_id, csrf_token, expires_at FROM sessions WHERE id_hash=? AND expires_at > ?");
    query.Bind(1, id_hash).Bind(2, NowIso8601());
    if (!query.Step()) return std::nullopt;
    return SessionRecord{query.Text(0), query.Int(1), query.Text(2), query.Text(3)};
  }

  void DeleteSession(const std::string& id_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement remove(db_.handle(), "DELETE FROM sessions WHERE id_hash=?");
    remove.Bind(1, id_hash).Run();
  }

  void DeleteSessionsOf(UserId user) override {
    std::lock_guard lock(mutex_);
    SqliteStatement remove(db_.handle(), "DELETE FROM sessions WHERE user_id=?");
    remove.Bind(1, user).Run();
  }

  std::int64_t AddToken(UserId user, const std::string& name, const std::string& token_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement insert(db_.handle(), "INSERT INTO api_tokens(user_id, name, token_hash, created_at) VALUES (?,?,?,?)");
    insert.Bind(1, user).Bind(2, name).Bind(3, token_hash).Bind(4, NowIso8601()).Run();
    return sqlite3_last_insert_rowid(db_.handle());
  }

  std::optional<UserId> UserOfToken(const std::string& token_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(),
                          "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash=? AND revoked_at IS NULL");
    query.Bind(1, token_hash);
    if (!query.Step()) return std::nullopt;
    auto token_id = query.Int(0);
    auto user = query.Int(1);
    auto last_used = query.Text(2);
    query.Reset();
    // "Last used" to the minute: a durable write on every request would serialise the
    // server on fsync, so the mark moves at most once a minute.
    auto now = NowIso8601();
    if (last_used.compare(0, 16, now, 0, 16) != 0) {
      SqliteStatement touch(db_.handle(), "UPDATE api_tokens SET last_used_at=? WHERE id=?");
      touch.Bind(1, now).Bind(2, token_id).Run();
    }
    return user;
  }

  std::vector<TokenRecord> Tokens(UserId user) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(),
                          "SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id=? AND "
                          "revoked_at IS NULL ORDER BY id");
    query.Bind(1, user);
    std::vector<TokenRecord> tokens;
    while (query.Step()) tokens.push_back({query.Int(0), query.Int(1), query.Text(2), query.Text(3), query.Text(4)});
    return tokens;
  }

  bool RevokeToken(UserId user, std::int64_t token_id) override {
    std::lock_guard lock(mutex_);
    SqliteStatement update(db_.handle(), "UPDATE api_tokens SET revoked_at=? WHERE id=? AND user_id=? AND revoked_at IS NULL");
    update.Bind(1, NowIso8601()).Bind(2, token_id).Bind(3, user).Run();
    return sqlite3_changes(db_.handle()) > 0;
  }

  void AddResetCode(UserId user, const std::string& code_hash, const std::string& expires_at) override {
    std::lock_guard lock(mutex_);
    SqliteStatement insert(db_.handle(), "INSERT INTO password_resets(code_hash, user_id, expires_at) VALUES (?,?,?)");
    insert.Bind(1, code_hash).Bind(2, user).Bind(3, expires_at).Run();
  }

  std::optional<UserId> UseResetCode(const std::string& code_hash) override {
    std::lock_guard lock(mutex_);
    SqliteTransaction transaction(db_);
    SqliteStatement query(db_.handle(), "SELECT user_id FROM password_resets WHERE code_hash=? AND used_at IS NULL AND expires_at > ?");
    query.Bind(1, code_hash).Bind(2, NowIso8601());
    if (!query.Step()) return std::nullopt;
    auto user = query.Int(0);
    query.Reset();
    SqliteStatement use(db_.handle(), "UPDATE password_resets SET used_at=? WHERE code_hash=?");
    use.Bind(1, NowIso8601()).Bind(2, code_hash).Run();
    transaction.Commit();
    return user;
  }

  std::optional<std::string> RoleIn(std::int64_t coalition, UserId user) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(), "SELECT role FROM memberships WHERE coalition_id=? AND user_id=?");
    query.Bind(1, coalition).Bind(2, user);
    if (!query.Step()) return std::nullopt;
    return query.Text(0);
  }

  void SetRole(std::int64_t coalition, UserId user, const std::string& role) override {
    std::lock_guard lock(mutex_);
    SqliteStatement upsert(db_.handle(),
                           "INSERT INTO memberships(coalition_id, user_id, role) VALUES (?,?,?) "
                           "ON CONFLICT(coalition_id, user_id) DO UPDATE SET role=excluded.role");
    upsert.Bind(1, coalition).Bind(2, user).Bind(3, role).Run();
  }

  bool RemoveMember(std::int64_t coalition, UserId user) override {
    std::lock_guard lock(mutex_);
    SqliteStatement remove(db_.handle(), "DELETE FROM memberships WHERE coalition_id=? AND user_id=?");
    remove.Bind(1, coalition).Bind(2, user).Run();
    return sqlite3_changes(db_.handle()) > 0;
  }

  std::vector<MembershipRecord> Members(std::int64_t coalition) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(),
                          "SELECT m.coalition_id, m.user_id, m.role, u.email, u.name FROM memberships m JOIN users u ON "
                          "u.id = m.user_id WHERE m.coalition_id=? ORDER BY u.name, u.email");
    query.Bind(1, coalition);
    std::vector<MembershipRecord> members;
    while (query.Step()) members.push_back({query.Int(0), query.Int(1), query.Text(2), query.Text(3), query.Text(4)});
    return members;
  }

  std::vector<std::int64_t> CoalitionsOf(UserId user) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(), "SELECT coalition_id FROM memberships WHERE user_id=? ORDER BY coalition_id");
    query.Bind(1, user);
    std::vector<std::int64_t> ids;
    while (query.Step()) ids.push_back(query.Int(0));
    return ids;
  }

  void AddInvite(const InviteRecord& invite) override {
    std::lock_guard lock(mutex_);
    SqliteStatement insert(db_.handle(),
                           "INSERT INTO invites(code_hash, coalition_id, email, role, invited_by, expires_at) VALUES (?,?,?,?,?,?)");
    insert.Bind(1, invite.code_hash).Bind(2, invite.coalition_id).Bind(3, invite.email).Bind(4, invite.role);
    insert.Bind(5, invite.invited_by).Bind(6, invite.expires_at).Run();
  }

  std::optional<InviteRecord> Invite(const std::string& code_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement query(db_.handle(),
                          "SELECT code_hash, coalition_id, email, role, invited_by, expires_at, coalesce(accepted_at, '') "
                          "FROM invites WHERE code_hash=?");
    query.Bind(1, code_hash);
    if (!query.Step()) return std::nullopt;
    return InviteRecord{query.Text(0), query.Int(1), query.Text(2), query.Text(3), query.Int(4), query.Text(5), query.Text(6)};
  }

  void MarkInviteAccepted(const std::string& code_hash) override {
    std::lock_guard lock(mutex_);
    SqliteStatement update(db_.handle(), "UPDATE invites SET accepted_at=? WHERE code_hash=?");
    update.Bind(1, NowIso8601()).Bind(2, code_hash).Run();
  }

 private:
  std::optional<UserRecord> FindUser(const std::string& where, const std::string& value) {
    SqliteStatement query(db_.handle(), std::string(kUserColumns) + where);
    query.Bind(1, value);
    if (!query.Step()) return std::nullopt;
    return ReadUser(query);
  }

  std::mutex mutex_;
  SqliteConnection db_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> OpenSqliteAccountStore(const std::string& path) {
  try {
    return std::unique_ptr<AccountStore>(std::make_unique<SqliteAccountStore>(path));
  } catch (const SqliteError& error) {
    return Error{error.what(), "db"};
  }
}

}  // namespace coalign::store
