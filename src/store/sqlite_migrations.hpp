// The SQLite schema's versioned migrations, run at start-up. Each has a fixed version
// number; a database gets every version it lacks, in ascending order, each in its own
// transaction. Never edit a released migration: add one.
#pragma once

#include "store/sqlite_db.hpp"

namespace coalign::store {

// Throws SqliteError when the database was written by a newer coalign.
void RunMigrations(SqliteConnection& db);

}  // namespace coalign::store
