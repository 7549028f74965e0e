#include "store/sqlite_migrations.hpp"

#include <set>
#include <string>

namespace coalign::store {
namespace {

struct Migration {
  std::int64_t version;
  const char* name;
  const char* sql;
};

// Version numbers are reserved per feature: 1 maps and change log, 2 accounts and roles,
// 3 history (versions, checkpoints), 4 comments, 6 work items and publications.
const Migration kMigrations[] = {
    {1, "coalitions, their maps and the change log",
     R"sql(
    CREATE TABLE coalitions (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      purpose TEXT NOT NULL DEFAULT '',
      extra TEXT NOT NULL DEFAULT '',
      revision INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE TABLE coalition_sections (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (coalition_id, key)
    );
    CREATE TABLE layers (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      name TEXT NOT NULL,
      extra TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (coalition_id, id)
    );
    CREATE TABLE themes (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      name TEXT NOT NULL,
      color TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      extra TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (coalition_id, id)
    );
    CREATE TABLE statements (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      parent TEXT,
      layer TEXT,
      theme TEXT,
      tags TEXT NOT NULL DEFAULT '[]',
      status TEXT NOT NULL DEFAULT '',
      x REAL,
      y REAL,
      extra TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (coalition_id, id),
      FOREIGN KEY (coalition_id, parent) REFERENCES statements(coalition_id, id) DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (coalition_id, layer) REFERENCES layers(coalition_id, id) DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (coalition_id, theme) REFERENCES themes(coalition_id, id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX statements_parent ON statements(coalition_id, parent);
    CREATE TABLE links (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      from_id TEXT NOT NULL,
      to_id TEXT NOT NULL,
      polarity INTEGER NOT NULL CHECK (polarity IN (-1, 0, 1)),
      weight REAL NOT NULL CHECK (weight >= 0 AND weight <= 1),
      assumption TEXT NOT NULL DEFAULT '',
      evidence TEXT NOT NULL DEFAULT '',
      extra TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (coalition_id, id),
      UNIQUE (coalition_id, from_id, to_id),
      CHECK (from_id <> to_id),
      FOREIGN KEY (coalition_id, from_id) REFERENCES statements(coalition_id, id) DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (coalition_id, to_id) REFERENCES statements(coalition_id, id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE TABLE changes (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      author TEXT NOT NULL,
      created_at TEXT NOT NULL,
      ops TEXT NOT NULL,
      inverse TEXT NOT NULL,
      PRIMARY KEY (coalition_id, revision)
    );
    CREATE TABLE field_revisions (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      item_id TEXT NOT NULL,
      field TEXT NOT NULL,
      revision INTEGER NOT NULL,
      PRIMARY KEY (coalition_id, kind, item_id, field)
    );
    )sql"},
    {2, "accounts, sessions, tokens, memberships and invites",
     R"sql(
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      password_hash TEXT NOT NULL DEFAULT '',
      admin INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
      id_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE TABLE api_tokens (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      last_used_at TEXT NOT NULL DEFAULT '',
      revoked_at TEXT
    );
    CREATE TABLE password_resets (
      code_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at TEXT NOT NULL,
      used_at TEXT
    );
    CREATE TABLE memberships (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('viewer', 'contributor', 'editor', 'steward')),
      PRIMARY KEY (coalition_id, user_id)
    );
    CREATE TABLE invites (
      code_hash TEXT PRIMARY KEY,
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      email TEXT NOT NULL,
      role TEXT NOT NULL,
      invited_by INTEGER NOT NULL REFERENCES users(id),
      expires_at TEXT NOT NULL,
      accepted_at TEXT
    );
    )sql"},
    {3, "history: who wrote each change, undo/redo links, named versions, map checkpoints",
     R"sql(
    ALTER TABLE changes ADD COLUMN author_id INTEGER;
    ALTER TABLE changes ADD COLUMN undo_of INTEGER;
    ALTER TABLE changes ADD COLUMN redo_of INTEGER;
    CREATE INDEX changes_created_at ON changes(coalition_id, created_at);
    CREATE TABLE versions (
      id INTEGER PRIMARY KEY,
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      name TEXT NOT NULL,
      author TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (coalition_id, name)
    );
    CREATE TABLE checkpoints (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      document TEXT NOT NULL,
      PRIMARY KEY (coalition_id, revision)
    );
    )sql"},
    {4, "comments: threaded discussions on statements, links and the coalition",
     R"sql(
    CREATE TABLE comments (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      target_kind TEXT NOT NULL,
      target_id TEXT NOT NULL,
      parent TEXT,
      author_id INTEGER NOT NULL DEFAULT 0,
      author_name TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      edited_at TEXT NOT NULL DEFAULT '',
      resolved INTEGER NOT NULL DEFAULT 0,
      mentions TEXT NOT NULL DEFAULT '[]',
      PRIMARY KEY (coalition_id, id)
    );
    CREATE INDEX comments_target ON comments(coalition_id, target_kind, target_id);
    )sql"},
    {6, "who does what: work items (organisations, people, advocates, action teams, contributions, initiatives, resources) and publications",
     R"sql(
    CREATE TABLE work_items (
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (coalition_id, kind, id)
    );
    CREATE TABLE publications (
      id INTEGER PRIMARY KEY,
      coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
      token TEXT NOT NULL UNIQUE,
      show_people INTEGER NOT NULL DEFAULT 0,
      show_organisations INTEGER NOT NULL DEFAULT 1,
      created_by INTEGER,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    );
    CREATE INDEX publications_coalition ON publications(coalition_id);
    )sql"},
};

}  // namespace

void RunMigrations(SqliteConnection& db) {
  db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  std::set<std::int64_t> applied;
  {
    SqliteStatement query(db.handle(), "SELECT version FROM schema_migrations");
    while (query.Step()) applied.insert(query.Int(0));
  }
  std::set<std::int64_t> known;
  for (const auto& migration : kMigrations) known.insert(migration.version);
  for (auto version : applied)
    if (!known.count(version))
      throw SqliteError("this database was written by a newer coalign (it has schema version " + std::to_string(version) +
                        ", which this build does not know)");
  std::set<std::int64_t> versions(known);  // ascending
  for (auto version : versions) {
    if (applied.count(version)) continue;
    for (const auto& migration : kMigrations) {
      if (migration.version != version) continue;
      SqliteTransaction transaction(db);
      db.Exec(migration.sql);
      SqliteStatement record(db.handle(), "INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)");
      record.Bind(1, version).Bind(2, NowIso8601()).Run();
      transaction.Commit();
    }
  }
}

}  // namespace coalign::store
