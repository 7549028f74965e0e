#include "service/account_service.hpp"

#include "model/iso_time.hpp"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace coalign::service {
namespace {

constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr std::size_t kMaxFailuresPerEmail = 5;
constexpr std::size_t kMaxFailuresPerClient = 20;
constexpr int kSessionDays = 14;

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string Trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool PlausibleEmail(const std::string& email) {
  auto at = email.find('@');
  return email.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < email.size() &&
         email.find(' ') == std::string::npos && email.find('@', at + 1) == std::string::npos;
}

std::string IsoAfter(std::chrono::seconds from_now) { return model::IsoTimeUtc(std::chrono::system_clock::now() + from_now); }

Result<std::string> HashPassword(const std::string& password) {
  if (password.size() < kMinPasswordLength)
    return Error{"a password needs at least " + std::to_string(kMinPasswordLength) + " characters", "password"};
  if (password.size() > 1024) return Error{"a password may have at most 1024 characters", "password"};
  EnsureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Error{"the server ran out of memory hashing the password", "password"};
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  return !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// Spends the time a real check takes, so that an unknown email is not told apart by speed.
void VerifyAgainstDummy(const std::string& password) {
  static const std::string dummy = HashPassword("not-a-real-password-0123456789").value();
  VerifyPassword(dummy, password);
}

}  // namespace

std::string HashSecret(const std::string& secret) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string RandomSecret(const std::string& prefix) {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char encoded[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return prefix + encoded;
}

AccountService::AccountService(store::AccountStore& accounts, store::Store& maps) : accounts_(accounts), maps_(maps) {}

Actor AccountService::ActorOf(const store::UserRecord& user) const {
  return Actor{user.id, user.email, user.name, user.admin, false};
}

Result<UserId> AccountService::AddUser(const std::string& email_in, const std::string& name_in, const std::string& password,
                                       bool admin) {
  auto email = Lower(Trim(email_in));
  auto name = Trim(name_in);
  if (!PlausibleEmail(email)) return Error{"\"" + email_in + "\" is not an email address", "email"};
  if (name.empty()) return Error{"a person needs a name", "name"};
  if (name.size() > 200) return Error{"the name is too long (200 characters at most)", "name"};
  std::string hash;
  if (!password.empty()) {
    auto hashed = HashPassword(password);
    if (!hashed) return hashed.error();
    hash = *hashed;
  }
  return accounts_.AddUser(store::UserRecord{0, email, name, hash, admin, ""});
}

std::optional<Actor> AccountService::UserByEmail(const std::string& email) {
  auto user = accounts_.UserByEmail(Lower(Trim(email)));
  if (!user) return std::nullopt;
  return ActorOf(*user);
}

std::vector<Actor> AccountService::Users() {
  std::vector<Actor> users;
  for (const auto& user : accounts_.Users()) users.push_back(ActorOf(user));
  return users;
}

bool AccountService::RateLimited(const std::string& key) {
  std::lock_guard lock(failures_mutex_);
  auto& times = failures_[key];
  auto now = std::chrono::steady_clock::now();
  while (!times.empty() && now - times.front() > kFailureWindow) times.pop_front();
  std::size_t limit = key.rfind("email:", 0) == 0 ? kMaxFailuresPerEmail : kMaxFailuresPerClient;
  return times.size() >= limit;
}

void AccountService::RecordFailure(const std::string& key) {
  std::lock_guard lock(failures_mutex_);
  failures_[key].push_back(std::chrono::steady_clock::now());
}

Result<SessionStart> AccountService::SignIn(const std::string& email_in, const std::string& password, const std::string& client) {
  auto email = Lower(Trim(email_in));
  const std::string email_key = "email:" + email;
  const std::string client_key = "client:" + client;
  if (RateLimited(email_key) || RateLimited(client_key))
    return Error{"too many failed sign-ins; wait 15 minutes, or ask for a reset link", "rate_limited"};
  auto user = accounts_.UserByEmail(email);
  bool good = false;
  if (user) good = VerifyPassword(user->password_hash, password);
  else VerifyAgainstDummy(password);
  if (!good) {
    RecordFailure(email_key);
    RecordFailure(client_key);
    return Error{"the email or the password is wrong", "password"};
  }
  SessionStart start{RandomSecret(), RandomSecret(), ActorOf(*user)};
  accounts_.AddSession({HashSecret(start.session_id), user->id, start.csrf_token,
                        IsoAfter(std::chrono::hours(24 * kSessionDays))});
  return start;
}

void AccountService::SignOut(const std::string& session_id) {
  auto hash = HashSecret(session_id);
  accounts_.DeleteSession(hash);
  session_cache_.Erase(hash);
}

std::optional<ResolvedSession> AccountService::ResolveSession(const std::string& session_id) {
  if (session_id.empty() || session_id.size() > 200) return std::nullopt;
  auto hash = HashSecret(session_id);
  if (auto cached = session_cache_.Get(hash)) return cached;
  auto session = accounts_.Session(hash);
  if (!session) return std::nullopt;
  auto user = accounts_.UserById(session->user_id);
  if (!user) return std::nullopt;
  ResolvedSession resolved{ActorOf(*user), session->csrf_token};
  session_cache_.Put(hash, resolved);
  return resolved;
}

std::optional<Actor> AccountService::ResolveToken(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto hash = HashSecret(token);
  if (auto cached = token_cache_.Get(hash)) return cached;
  auto user_id = accounts_.UserOfToken(hash);
  if (!user_id) return std::nullopt;
  auto user = accounts_.UserById(*user_id);
  if (!user) return std::nullopt;
  auto actor = ActorOf(*user);
  actor.via_token = true;
  token_cache_.Put(hash, actor);
  return actor;
}

Result<std::string> AccountService::IssueToken(UserId user, const std::string& name_in) {
  auto name = Trim(name_in);
  if (name.empty()) name = "personal token";
  if (name.size() > 200) return Error{"the token's name is too long", "name"};
  if (!accounts_.UserById(user)) return Error{"no such account", "user"};
  auto token = RandomSecret("coalign_");
  accounts_.AddToken(user, name, HashSecret(token));
  return token;
}

std::vector<store::TokenRecord> AccountService::Tokens(UserId user) { return accounts_.Tokens(user); }

bool AccountService::RevokeToken(UserId user, std::int64_t token_id) {
  bool revoked = accounts_.RevokeToken(user, token_id);
  token_cache_.Clear();  // the cache is keyed by secret, which is not known here
  return revoked;
}

Result<std::string> AccountService::ResetCode(const std::string& email) {
  auto user = accounts_.UserByEmail(Lower(Trim(email)));
  if (!user) return Error{"there is no account for " + email, "email"};
  auto code = RandomSecret();
  accounts_.AddResetCode(user->id, HashSecret(code), IsoAfter(std::chrono::hours(24)));
  return code;
}

Result<UserId> AccountService::ResetPassword(const std::string& code, const std::string& new_password) {
  auto hashed = HashPassword(new_password);
  if (!hashed) return hashed.error();
  auto user = accounts_.UseResetCode(HashSecret(code));
  if (!user) return Error{"this reset link is unknown, used or expired; ask for a new one", "code"};
  accounts_.SetPassword(*user, *hashed);
  accounts_.DeleteSessionsOf(*user);  // a reset signs out everywhere
  session_cache_.Clear();
  return *user;
}

Role AccountService::RoleIn(const Actor& actor, std::int64_t coalition) {
  if (!actor.signed_in()) return Role::none;
  // Cached with whether the coalition exists: asked on every request and live push, and
  // answered without a database read (a read transaction) while the entry lives.
  if (auto cached = role_cache_.Get({actor.user_id, coalition})) return *cached;
  Role role = Role::none;
  if (maps_.CurrentRevision(coalition)) {
    if (actor.admin) {
      role = Role::steward;
    } else {
      auto stored = accounts_.RoleIn(coalition, actor.user_id);
      role = stored ? ParseRole(*stored).value_or(Role::none) : Role::none;
    }
  }
  role_cache_.Put({actor.user_id, coalition}, role);
  return role;
}

std::vector<std::int64_t> AccountService::VisibleCoalitions(const Actor& actor) {
  if (!actor.signed_in()) return {};
  if (actor.admin) {
    std::vector<std::int64_t> all;
    for (const auto& summary : maps_.ListCoalitions()) all.push_back(summary.id);
    return all;
  }
  return accounts_.CoalitionsOf(actor.user_id);
}

std::vector<Membership> AccountService::Members(std::int64_t coalition) {
  std::vector<Membership> members;
  for (const auto& member : accounts_.Members(coalition))
    members.push_back({member.user_id, member.email, member.name, ParseRole(member.role).value_or(Role::none)});
  return members;
}

Result<Role> AccountService::SetRole(std::int64_t coalition, UserId user, Role role) {
  if (role == Role::none) return Error{"give a role: viewer, contributor, editor or steward", "role"};
  if (!accounts_.UserById(user)) return Error{"no such account", "user"};
  auto current = accounts_.RoleIn(coalition, user);
  if (current && *current == "steward" && role != Role::steward) {
    std::size_t stewards = 0;
    for (const auto& member : accounts_.Members(coalition)) stewards += member.role == "steward";
    if (stewards <= 1) return Error{"a coalition needs at least one steward; make someone else steward first", "role"};
  }
  accounts_.SetRole(coalition, user, RoleName(role));
  role_cache_.Clear();
  return role;
}

Result<bool> AccountService::RemoveMember(std::int64_t coalition, UserId user) {
  auto current = accounts_.RoleIn(coalition, user);
  if (!current) return Error{"that person is not a member", "user"};
  if (*current == "steward") {
    std::size_t stewards = 0;
    for (const auto& member : accounts_.Members(coalition)) stewards += member.role == "steward";
    if (stewards <= 1) return Error{"a coalition needs at least one steward; make someone else steward first", "user"};
  }
  bool removed = accounts_.RemoveMember(coalition, user);
  role_cache_.Clear();
  return removed;
}

void AccountService::MakeSteward(std::int64_t coalition, UserId user) {
  if (user > 0) accounts_.SetRole(coalition, user, "steward");
  role_cache_.Clear();
}

Result<std::string> AccountService::Invite(const Actor& by, std::int64_t coalition, const std::string& email_in, Role role) {
  auto email = Lower(Trim(email_in));
  if (!PlausibleEmail(email)) return Error{"\"" + email_in + "\" is not an email address", "email"};
  if (role == Role::none) return Error{"give a role: viewer, contributor, editor or steward", "role"};
  auto code = RandomSecret();
  accounts_.AddInvite({HashSecret(code), coalition, email, RoleName(role), by.user_id, IsoAfter(std::chrono::hours(24 * 14)), ""});
  return code;
}

std::optional<InviteInfo> AccountService::InviteDetails(const std::string& code) {
  auto invite = accounts_.Invite(HashSecret(code));
  if (!invite) return std::nullopt;
  InviteInfo info;
  info.coalition = invite->coalition_id;
  info.email = invite->email;
  info.role = ParseRole(invite->role).value_or(Role::none);
  for (const auto& summary : maps_.ListCoalitions())
    if (summary.id == invite->coalition_id) info.coalition_name = summary.name;
  info.usable = invite->accepted_at.empty() && invite->expires_at > IsoAfter(std::chrono::seconds(0));
  return info;
}

Result<std::int64_t> AccountService::AcceptInvite(const std::string& code, const Actor& actor) {
  if (!actor.signed_in()) return Error{"sign in (or create an account) to accept the invitation", "session"};
  auto invite = accounts_.Invite(HashSecret(code));
  if (!invite) return Error{"this invitation link is unknown", "code"};
  if (!invite->accepted_at.empty()) return Error{"this invitation was already used", "code"};
  if (invite->expires_at <= IsoAfter(std::chrono::seconds(0))) return Error{"this invitation has expired; ask for a new one", "code"};
  auto current = accounts_.RoleIn(invite->coalition_id, actor.user_id);
  auto offered = ParseRole(invite->role).value_or(Role::viewer);
  // Accepting never lowers a role someone already has.
  if (!current || ParseRole(*current).value_or(Role::none) < offered) accounts_.SetRole(invite->coalition_id, actor.user_id, invite->role);
  accounts_.MarkInviteAccepted(HashSecret(code));
  role_cache_.Clear();
  return invite->coalition_id;
}

}  // namespace coalign::service
