// Migration 7 (performance): a database left by an earlier release (schema 1-4, the
// coalition's revision kept in its row) opens with every change, field revision and
// revision intact; the rebuilt tables keep columns and indexes later migrations added;
// and a one-field edit writes at most four pages to the WAL.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <string>

#include "store/sqlite_db.hpp"
#include "store/sqlite_migrations.hpp"
#include "store/sqlite_perf_migration.hpp"
#include "store/store.hpp"
#include "support/temp_database.hpp"

namespace coalign::store {
namespace {

using coalign::testing::TempDatabase;

std::string One(SqliteConnection& db, const std::string& sql) {
  SqliteStatement query(db.handle(), sql);
  EXPECT_TRUE(query.Step()) << sql;
  return query.IsNull(0) ? "NULL" : query.Text(0);
}

TEST(PerfMigration, ADatabaseOfAnEarlierReleaseKeepsEverything) {
  TempDatabase database;
  {
    SqliteConnection db(database.path());
    db.Exec("PRAGMA journal_mode=WAL");
    db.Exec("PRAGMA foreign_keys=ON");
    RunMigrations(db, 4);
    EXPECT_EQ(One(db, "SELECT max(version) FROM schema_migrations"), "4");
    // As schema 4 stored them: the revision in the coalition's row, two changes.
    db.Exec("INSERT INTO coalitions(id, name, revision, created_at) VALUES (5, 'Old', 2, '2026-01-01T00:00:00.000Z')");
    db.Exec("INSERT INTO coalitions(id, name, revision, created_at) VALUES (6, 'Empty', 0, '2026-01-01T00:00:00.000Z')");
    db.Exec("INSERT INTO statements(coalition_id, id, ord, title) VALUES (5, 'A', 0, 'Second title')");
    db.Exec("INSERT INTO changes(coalition_id, revision, author, created_at, ops, inverse, author_id, undo_of, redo_of)"
            " VALUES (5, 1, 'Ana', '2026-01-02T00:00:00.000Z', '[\"add\"]', '[\"remove\"]', 3, NULL, NULL),"
            "        (5, 2, 'Ben', '2026-01-03T00:00:00.000Z', '[\"rename\"]', '[\"back\"]', NULL, 1, NULL)");
    db.Exec("INSERT INTO field_revisions(coalition_id, kind, item_id, field, revision) VALUES (5, 'statement', 'A', 'title', 2)");
  }
  auto opened = OpenSqliteStore(database.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& store = **opened;

  EXPECT_EQ(store.CurrentRevision(5), 2);
  EXPECT_EQ(store.CurrentRevision(6), 0);
  EXPECT_FALSE(store.CurrentRevision(7).has_value());
  auto listed = store.ListCoalitions();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].revision, 2);
  EXPECT_EQ(listed[1].revision, 0);
  auto loaded = store.LoadCoalition(5);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->revision, 2);
  ASSERT_EQ(loaded->map.statements.size(), 1u);
  EXPECT_EQ(loaded->map.statements[0].title, "Second title");

  auto changes = store.Changes(5, 0, 10);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].revision, 1);
  EXPECT_EQ(changes[0].author, "Ana");
  EXPECT_EQ(changes[0].ops_json, "[\"add\"]");
  EXPECT_EQ(changes[0].inverse_json, "[\"remove\"]");
  EXPECT_EQ(changes[0].author_id, 3);
  EXPECT_EQ(changes[1].undo_of, 1);
  EXPECT_EQ(store.RevisionAtTime(5, "2026-01-02T12:00:00.000Z"), 1);

  ops::Touch title{ops::ItemKind::statement, "A", "title"};
  auto changed = store.FieldsChangedAfter(5, 1, {title});
  ASSERT_EQ(changed.count(title), 1u);
  EXPECT_EQ(changed[title], 2);

  // The revision check still holds, and the next revision follows the log.
  CommitRequest stale;
  stale.expected_revision = 1;
  stale.change.author = "late";
  stale.change.ops_json = stale.change.inverse_json = "[]";
  EXPECT_EQ(store.Commit(5, stale).status, CommitStatus::revision_moved);
  CommitRequest next = stale;
  next.expected_revision = 2;
  auto committed = store.Commit(5, next);
  EXPECT_EQ(committed.status, CommitStatus::committed);
  EXPECT_EQ(committed.revision, 3);
  EXPECT_EQ(store.CurrentRevision(5), 3);
  EXPECT_EQ(store.Commit(6, next).status, CommitStatus::revision_moved);

  SqliteConnection db(database.path());
  EXPECT_EQ(One(db, "SELECT max(version) FROM schema_migrations"), "7");
  for (const char* table : {"changes", "field_revisions"})
    EXPECT_NE(One(db, std::string("SELECT sql FROM sqlite_master WHERE name='") + table + "'").find("WITHOUT ROWID"),
              std::string::npos)
        << table;
  EXPECT_EQ(One(db, "SELECT count(*) FROM pragma_table_info('coalitions') WHERE name='revision'"), "0");
  EXPECT_EQ(One(db, "SELECT count(*) FROM sqlite_master WHERE type='index' AND name='changes_created_at'"), "1");
  EXPECT_EQ(One(db, "PRAGMA integrity_check"), "ok");
  SqliteStatement violations(db.handle(), "PRAGMA foreign_key_check");
  EXPECT_FALSE(violations.Step());
}

TEST(PerfMigration, RebuildKeepsAddedColumnsIndexesAndRows) {
  TempDatabase database;
  SqliteConnection db(database.path());
  db.Exec("CREATE TABLE log (a INTEGER NOT NULL, b INTEGER NOT NULL, c TEXT, PRIMARY KEY (a, b))");
  db.Exec("ALTER TABLE log ADD COLUMN d TEXT NOT NULL DEFAULT 'x'");
  db.Exec("CREATE INDEX log_c ON log(a, c)");
  db.Exec("INSERT INTO log(a, b, c, d) VALUES (1, 2, 'two', 'kept'), (1, 1, NULL, 'x')");
  db.Exec("BEGIN");
  RebuildWithoutRowid(db, "log");
  RebuildWithoutRowid(db, "log");  // already one: nothing happens
  db.Exec("COMMIT");
  EXPECT_NE(One(db, "SELECT sql FROM sqlite_master WHERE name='log'").find("WITHOUT ROWID"), std::string::npos);
  EXPECT_EQ(One(db, "SELECT count(*) FROM sqlite_master WHERE name='log_c'"), "1");
  EXPECT_EQ(One(db, "SELECT group_concat(a || ':' || b || ':' || coalesce(c, '-') || ':' || d, ' ') FROM log"),
            "1:1:-:x 1:2:two:kept");
  EXPECT_EQ(One(db, "PRAGMA integrity_check"), "ok");
}

// Frames in the WAL file (its 32-byte header, then 24 bytes + one page per frame).
long WalFrames(const std::string& path) {
  struct stat info{};
  if (stat((path + "-wal").c_str(), &info) != 0) return 0;
  return (static_cast<long>(info.st_size) - 32) / (24 + 4096);
}

TEST(PerfMigration, AOneFieldEditWritesAtMostFourPages) {
  TempDatabase database;
  auto opened = OpenSqliteStore(database.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& store = **opened;
  auto id = store.CreateCoalition({"Pages", "", ""}, {});
  ASSERT_TRUE(id.ok());
  CommitRequest build;
  build.change.author = "t";
  build.change.ops_json = build.change.inverse_json = "[]";
  for (int statement_idx = 0; statement_idx < 300; ++statement_idx) {
    model::Statement statement;
    statement.id = "S" + std::to_string(statement_idx);
    statement.title = "Statement " + std::to_string(statement_idx);
    if (statement_idx >= 10) statement.parent = "S" + std::to_string(statement_idx / 10);
    build.delta.put_statements.push_back(statement);
  }
  ASSERT_EQ(store.Commit(*id, build).status, CommitStatus::committed);
  Revision revision = 1;
  // Settle (page splits of the first rows), then empty the WAL and count one commit's frames.
  auto edit = [&](int edit_idx) {
    CommitRequest request;
    request.expected_revision = revision;
    request.change.author = "Demo Steward <steward@demo.coalign>";
    request.change.ops_json = R"([{"op":"update_statement","id":"S150","set":{"title":"edit )" + std::to_string(edit_idx) + "\"}}]";
    request.change.inverse_json = R"([{"op":"update_statement","id":"S150","set":{"title":"Statement 150"}}])";
    auto statement = build.delta.put_statements[150];
    statement.title = "edit " + std::to_string(edit_idx);
    request.delta.put_statements.push_back(statement);
    request.field_touches.push_back({ops::ItemKind::statement, "S150", "title"});
    auto committed = store.Commit(*id, request);
    ASSERT_EQ(committed.status, CommitStatus::committed);
    revision = committed.revision;
  };
  for (int edit_idx = 0; edit_idx < 5; ++edit_idx) edit(edit_idx);
  {
    SqliteConnection db(database.path());
    db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  ASSERT_EQ(WalFrames(database.path()), 0);
  edit(5);
  // The statement's row, the change log, its time index, the field revision: not the
  // coalition's row, the parent index or a primary-key index beside a table.
  EXPECT_LE(WalFrames(database.path()), 4);
}

}  // namespace
}  // namespace coalign::store
