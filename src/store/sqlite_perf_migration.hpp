// Migration 7 (performance): fewer pages written per commit. The change log and the field
// revisions become WITHOUT ROWID tables (one b-tree each instead of a table plus the index
// of its primary key), and a coalition's revision is no longer a column updated on every
// commit but the last revision in its change log.
#pragma once

#include "store/sqlite_db.hpp"

namespace coalign::store {

// Runs inside the migration's transaction.
void MigrateFewerPagesPerCommit(SqliteConnection& db);

// Rebuilds `table` as a WITHOUT ROWID table with the same columns (whatever migrations
// added them), rows and indexes; does nothing when it already is one.
void RebuildWithoutRowid(SqliteConnection& db, const std::string& table);

}  // namespace coalign::store
