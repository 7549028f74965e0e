#include "store/sqlite_perf_migration.hpp"

#include <vector>

namespace coalign::store {

void RebuildWithoutRowid(SqliteConnection& db, const std::string& table) {
  std::string create;
  {
    SqliteStatement query(db.handle(), "SELECT sql FROM sqlite_master WHERE type='table' AND name=?");
    query.Bind(1, table);
    if (!query.Step()) throw SqliteError("migration 7: there is no table " + table);
    create = query.Text(0);
  }
  auto trimmed_end = create.find_last_not_of(" \t\r\n;");
  create.resize(trimmed_end == std::string::npos ? 0 : trimmed_end + 1);
  auto ends_with = [&](const std::string& suffix) {
    if (create.size() < suffix.size()) return false;
    for (std::size_t char_idx = 0; char_idx < suffix.size(); ++char_idx)
      if (std::toupper(static_cast<unsigned char>(create[create.size() - suffix.size() + char_idx])) != suffix[char_idx])
        return false;
    return true;
  };
  if (ends_with("WITHOUT ROWID")) return;
  auto columns = create.find('(');
  if (columns == std::string::npos) throw SqliteError("migration 7: cannot read the definition of " + table);

  // Indexes other than the primary key's (which becomes the table itself).
  std::vector<std::string> indexes;
  {
    SqliteStatement query(db.handle(),
                          "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL");
    query.Bind(1, table);
    while (query.Step()) indexes.push_back(query.Text(0));
  }
  const std::string rebuilt = table + "_without_rowid";
  db.Exec("CREATE TABLE \"" + rebuilt + "\" " + create.substr(columns) + " WITHOUT ROWID");
  db.Exec("INSERT INTO \"" + rebuilt + "\" SELECT * FROM \"" + table + "\"");
  db.Exec("DROP TABLE \"" + table + "\"");
  db.Exec("ALTER TABLE \"" + rebuilt + "\" RENAME TO \"" + table + "\"");
  for (const auto& index : indexes) db.Exec(index);
}

void MigrateFewerPagesPerCommit(SqliteConnection& db) {
  RebuildWithoutRowid(db, "changes");
  RebuildWithoutRowid(db, "field_revisions");
  // The revision is max(changes.revision): one row fewer to rewrite on each commit.
  db.Exec("ALTER TABLE coalitions DROP COLUMN revision");
}

}  // namespace coalign::store
