// A thin RAII layer over the SQLite C API: a connection and prepared statements with
// typed binds and reads. Used only inside the SQLite store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
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

 private:
  sqlite3* db_ = nullptr;
};

// Rolls back unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection);
  ~SqliteTransaction();
  void Commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

}  // namespace coalign::store
