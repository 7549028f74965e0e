#include "store/sqlite_db.hpp"

#include "model/iso_time.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <unordered_map>

namespace coalign::store {

std::string NowIso8601() { return model::NowIsoUtc(); }

namespace {

// Prepared statements are kept per connection and SQL text, and reused: preparing costs
// more than running most of our queries. Each connection's stores serialise their use
// of it, so a statement is never shared while in use.
std::mutex statement_cache_mutex;
std::unordered_map<sqlite3*, std::unordered_multimap<std::string, sqlite3_stmt*>>& StatementCache() {
  static std::unordered_map<sqlite3*, std::unordered_multimap<std::string, sqlite3_stmt*>> cache;
  return cache;
}

}  // namespace

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& sql) : db_(db), sql_(sql) {
  {
    std::lock_guard lock(statement_cache_mutex);
    auto& free = StatementCache()[db];
    auto found = free.find(sql);
    if (found != free.end()) {
      stmt_ = found->second;
      free.erase(found);
      return;
    }
  }
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    throw SqliteError(std::string("preparing SQL failed: ") + sqlite3_errmsg(db) + " in: " + sql);
}

SqliteStatement::~SqliteStatement() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  std::lock_guard lock(statement_cache_mutex);
  StatementCache()[db_].emplace(sql_, stmt_);
}

SqliteStatement& SqliteStatement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
SqliteStatement& SqliteStatement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
SqliteStatement& SqliteStatement::Bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}
SqliteStatement& SqliteStatement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}
SqliteStatement& SqliteStatement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool SqliteStatement::Step() {
  int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw SqliteError("SQLite: " + message);
}

void SqliteStatement::Run() {
  while (Step()) {
  }
  Reset();
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double SqliteStatement::Double(int column) const { return sqlite3_column_double(stmt_, column); }
std::string SqliteStatement::Text(int column) const {
  auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
std::optional<std::string> SqliteStatement::OptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}
bool SqliteStatement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

SqliteConnection::SqliteConnection(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("cannot open database " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
}

SqliteConnection::~SqliteConnection() {
  {
    std::lock_guard lock(statement_cache_mutex);
    auto found = StatementCache().find(db_);
    if (found != StatementCache().end()) {
      for (auto& [sql, stmt] : found->second) sqlite3_finalize(stmt);
      StatementCache().erase(found);
    }
  }
  sqlite3_close(db_);
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void SqliteConnection::EnableGroupCommit() {
  SqliteStatement mode(db_, "PRAGMA journal_mode");
  if (!mode.Step() || mode.Text(0) != "wal") return;  // an in-memory database, say: FULL stays
  const char* file = sqlite3_db_filename(db_, "main");
  if (!file || !*file) return;
  // The WAL exists from the first read in WAL mode, and stays while this connection is
  // open (only the last connection to close may remove it).
  Exec("SELECT count(*) FROM sqlite_schema");
  int fd = ::open((std::string(file) + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // stay with synchronous=FULL
  Exec("PRAGMA synchronous=NORMAL");
  wal_fd_ = fd;
  // Called after each commit on this connection is in the WAL (autocommit statements
  // too), so a ticket never runs ahead of what a sync started after it would cover.
  // Setting it replaces SQLite's automatic checkpoint, which it therefore does itself.
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3* db, const char* schema, int pages) {
        static_cast<SqliteConnection*>(self)->written_.fetch_add(1, std::memory_order_acq_rel);
        if (pages >= 1000) sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
      },
      this);
}

void SqliteConnection::WaitDurable(std::uint64_t ticket) {
  if (wal_fd_ < 0 || synced_.load(std::memory_order_acquire) >= ticket) return;
  std::unique_lock lock(sync_mutex_);
  while (synced_.load(std::memory_order_acquire) < ticket) {
    if (syncing_) {
      sync_done_.wait(lock);
      continue;
    }
    syncing_ = true;
    const std::uint64_t covers = written_.load(std::memory_order_acquire);  // all written before the sync starts
    syncs_started_.fetch_add(1, std::memory_order_acq_rel);
    lock.unlock();
    int failed = ::fdatasync(wal_fd_);
    int error = errno;
    syncs_.fetch_add(1, std::memory_order_acq_rel);
    lock.lock();
    syncing_ = false;
    if (failed != 0) {
      std::cerr << "coalign: the disk refused to make the database's log durable (fdatasync: " << std::strerror(error)
                << "); stopping, so that nothing unsaved is acknowledged. Restart to continue from what is on disk.\n";
      std::abort();
    }
    if (covers > synced_.load(std::memory_order_relaxed)) synced_.store(covers, std::memory_order_release);
    sync_done_.notify_all();
  }
}

void SqliteConnection::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw SqliteError("SQLite: " + message);
  }
}

// BEGIN, COMMIT and ROLLBACK are prepared once per connection, like every statement
// (sqlite3_exec would parse them again on every commit).
SqliteTransaction::SqliteTransaction(SqliteConnection& connection) : connection_(connection) {
  SqliteStatement(connection_.handle(), "BEGIN IMMEDIATE").Run();
}

SqliteTransaction::~SqliteTransaction() {
  if (!done_) {
    try {
      SqliteStatement(connection_.handle(), "ROLLBACK").Run();
    } catch (...) {
      // the transaction is already gone (e.g. the commit itself failed)
    }
  }
}

std::uint64_t SqliteTransaction::Commit() {
  SqliteStatement(connection_.handle(), "COMMIT").Run();
  done_ = true;
  return connection_.CommitsWritten();
}

}  // namespace coalign::store
