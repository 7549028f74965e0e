// A thin RAII layer over the SQLite C API: a connection and prepared statements with
// typed binds and reads. Used only inside the SQLite store.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

namespace coalign::store {

// The current time as ISO 8601 in UTC with milliseconds ("2026-12-03T16:18:12.345Z").
std::string NowIso8601();

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const std::string& sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& Bind(int index, std::int64_t value);
  SqliteStatement& Bind(int index, double value);
  SqliteStatement& Bind(int index, const std::string& value);
  SqliteStatement& Bind(int index, const std::optional<std::string>& value);
  SqliteStatement& BindNull(int index);

  bool Step();  // true while a row is available
  void Run();   // steps to the end, then resets for reuse
  void Reset();

  std::int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::optional<std::string> OptionalText(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteConnection {
 public:
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void Exec(const std::string& sql);
  sqlite3* handle() { return db_; }

  // Group commit, for a connection in WAL mode that several threads write through.
  // SQLite's COMMIT then only writes the WAL (synchronous=NORMAL keeps the database
  // consistent across a crash), and a commit is durable once WaitDurable(its ticket)
  // returns: one fdatasync of the WAL makes every commit written before it durable, so
  // commits that arrive while one sync runs share the next. Without it (the default),
  // synchronous=FULL syncs inside every COMMIT and WaitDurable returns at once.
  void EnableGroupCommit();
  // The ticket of the last commit written on this connection. Take it while still
  // holding whatever serialises the connection's use, right after the COMMIT.
  std::uint64_t CommitsWritten() const { return written_.load(std::memory_order_acquire); }
  // Returns once commit `ticket` (and every one before it) is on disk. If the disk
  // refuses the sync, what was acknowledged can no longer be vouched for: the server
  // stops, and restarting recovers the last durable state (what PostgreSQL does).
  void WaitDurable(std::uint64_t ticket);
  // How many syncs WaitDurable has begun, and finished (fewer than commits when shared).
  // One runs at a time, so they finish in the order they began.
  std::uint64_t SyncsStarted() const { return syncs_started_.load(std::memory_order_acquire); }
  std::uint64_t SyncsDone() const { return syncs_.load(std::memory_order_acquire); }

 private:
  sqlite3* db_ = nullptr;
  int wal_fd_ = -1;  // the WAL file, opened by us only to fdatasync it; -1 without group commit
  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> synced_{0};
  std::atomic<std::uint64_t> syncs_started_{0};
  std::atomic<std::uint64_t> syncs_{0};
  std::mutex sync_mutex_;
  std::condition_variable sync_done_;
  bool syncing_ = false;
};

// Rolls back unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection);
  ~SqliteTransaction();
  // Returns the commit's durability ticket (see SqliteConnection::WaitDurable).
  std::uint64_t Commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

}  // namespace coalign::store
