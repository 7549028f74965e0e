// Group commit on a SQLite connection: commits are written without SQLite's own sync and
// made durable by WaitDurable, whose one fdatasync of the WAL covers every commit written
// before it. Checked here: the settings it runs with, that every kind of commit (a
// transaction, a single statement) gets a ticket, that WaitDurable never returns before
// a sync that started after the commit was written, that concurrent commits share syncs,
// and that a connection where it cannot apply (in memory) keeps synchronous=FULL.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite_db.hpp"
#include "support/temp_database.hpp"

namespace coalign::store {
namespace {

using coalign::testing::TempDatabase;

std::int64_t PragmaInt(SqliteConnection& db, const std::string& pragma) {
  SqliteStatement query(db.handle(), "PRAGMA " + pragma);
  EXPECT_TRUE(query.Step());
  return query.Int(0);
}

TEST(GroupCommit, RunsOnTheWalWithNormalSyncAndTicketsEveryCommit) {
  TempDatabase database;
  SqliteConnection db(database.path());
  db.Exec("PRAGMA journal_mode=WAL");
  db.Exec("PRAGMA synchronous=FULL");
  db.Exec("CREATE TABLE t (v INTEGER)");
  db.EnableGroupCommit();
  EXPECT_EQ(PragmaInt(db, "synchronous"), 1);  // NORMAL: COMMIT writes the WAL, WaitDurable syncs it
  EXPECT_EQ(db.CommitsWritten(), 0u);

  std::uint64_t first = 0;
  {
    SqliteTransaction transaction(db);
    SqliteStatement(db.handle(), "INSERT INTO t VALUES (1)").Run();
    first = transaction.Commit();
  }
  EXPECT_EQ(first, 1u);
  db.Exec("INSERT INTO t VALUES (2)");  // autocommit: a commit too
  EXPECT_EQ(db.CommitsWritten(), 2u);
  {
    SqliteTransaction rolled_back(db);  // not committed: no ticket
    SqliteStatement(db.handle(), "INSERT INTO t VALUES (3)").Run();
  }
  db.Exec("SELECT count(*) FROM t");  // a read: no ticket
  EXPECT_EQ(db.CommitsWritten(), 2u);

  EXPECT_EQ(db.SyncsDone(), 0u);
  db.WaitDurable(first);
  EXPECT_EQ(db.SyncsDone(), 1u);  // one sync covered both commits written before it ...
  db.WaitDurable(2);
  EXPECT_EQ(db.SyncsDone(), 1u);  // ... so the second waits for nothing
  db.WaitDurable(0);
  EXPECT_EQ(db.SyncsDone(), 1u);
  db.Exec("INSERT INTO t VALUES (4)");
  db.WaitDurable(db.CommitsWritten());
  EXPECT_EQ(db.SyncsDone(), 2u);  // a commit after the last sync needs a sync of its own
}

TEST(GroupCommit, AnInMemoryDatabaseKeepsFullSyncAndNeverWaits) {
  SqliteConnection db(":memory:");
  db.Exec("CREATE TABLE t (v INTEGER)");
  const auto before = PragmaInt(db, "synchronous");
  db.EnableGroupCommit();
  EXPECT_EQ(PragmaInt(db, "synchronous"), before);
  db.Exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(db.CommitsWritten(), 0u);
  db.WaitDurable(db.CommitsWritten());
  EXPECT_EQ(db.SyncsDone(), 0u);
}

// Eight writers share one connection the way the store does (a mutex around each
// transaction, the wait after letting go of it). Every wait returns only once a sync that
// began after the count taken just before its commit has finished (syncs finish in the
// order they began; none begun before the commit can cover it); the
// syncs are shared, and every row is in the file.
TEST(GroupCommit, ConcurrentCommitsShareSyncsAndAllLand) {
  TempDatabase database;
  constexpr int kThreads = 8;
  constexpr int kCommitsEach = 150;
  {
    SqliteConnection db(database.path());
    db.Exec("PRAGMA journal_mode=WAL");
    db.Exec("CREATE TABLE t (writer INTEGER, n INTEGER)");
    db.EnableGroupCommit();
    std::mutex connection;
    std::atomic<int> early{0};
    std::vector<std::thread> writers;
    for (int writer = 0; writer < kThreads; ++writer) {
      writers.emplace_back([&, writer] {
        for (int n = 0; n < kCommitsEach; ++n) {
          std::uint64_t ticket = 0;
          std::uint64_t begun_before = 0;
          {
            std::lock_guard lock(connection);
            SqliteTransaction transaction(db);
            SqliteStatement insert(db.handle(), "INSERT INTO t VALUES (?, ?)");
            insert.Bind(1, std::int64_t{writer}).Bind(2, std::int64_t{n}).Run();
            begun_before = db.SyncsStarted();  // before the commit is written: none of these covers it
            ticket = transaction.Commit();
          }
          db.WaitDurable(ticket);
          if (db.SyncsDone() <= begun_before) ++early;
        }
      });
    }
    for (auto& thread : writers) thread.join();
    EXPECT_EQ(early.load(), 0);
    EXPECT_EQ(db.CommitsWritten(), static_cast<std::uint64_t>(kThreads * kCommitsEach));
    EXPECT_LE(db.SyncsDone(), db.CommitsWritten());
    EXPECT_GE(db.SyncsDone(), 1u);
    std::cout << "[ info ] " << db.CommitsWritten() << " commits, " << db.SyncsDone() << " syncs\n";
  }
  SqliteConnection reopened(database.path());
  SqliteStatement count(reopened.handle(), "SELECT count(*), count(DISTINCT writer * 1000 + n) FROM t");
  ASSERT_TRUE(count.Step());
  EXPECT_EQ(count.Int(0), kThreads * kCommitsEach);
  EXPECT_EQ(count.Int(1), kThreads * kCommitsEach);
}

}  // namespace
}  // namespace coalign::store
