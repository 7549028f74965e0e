// The SQLite schema's versioned migrations, run at start-up. Each has a fixed version
// number; a database gets every version it lacks, in ascending order, each in its own
// transaction. Never edit a released migration: add one.
#pragma once

#include <cstdint>
#include <limits>

#include "store/sqlite_db.hpp"

namespace coalign::store {

// Throws SqliteError when the database was written by a newer coalign.
// `up_to` stops after that version (tests build databases as older releases left them).
void RunMigrations(SqliteConnection& db, std::int64_t up_to = std::numeric_limits<std::int64_t>::max());

}  // namespace coalign::store
