// The SQLite store: migrations, a map's round trip through Commit and LoadCoalition,
// the revision check, the change log, field revisions, deletion, and the database
// settings (WAL, foreign keys) as seen from outside on the file itself.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/temp_database.hpp"
#include "store/store.hpp"

namespace coalign::store {
namespace {

using model::MapState;
using model::Position;
using model::Statement;

using coalign::testing::TempDatabase;

std::unique_ptr<Store> Open(const std::string& path) {
  auto opened = OpenSqliteStore(path);
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
  if (!opened.ok()) return nullptr;
  return std::move(opened).value();
}

// Runs one query on the file through a separate connection; returns the rows as text.
std::vector<std::vector<std::string>> Query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::vector<std::string>> rows;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return rows;
  }
  char* error = nullptr;
  auto collect = [](void* out, int columns, char** values, char**) {
    auto& table = *static_cast<std::vector<std::vector<std::string>>*>(out);
    table.emplace_back();
    for (int column = 0; column < columns; ++column) table.back().push_back(values[column] ? values[column] : "NULL");
    return 0;
  };
  if (sqlite3_exec(db, sql.c_str(), collect, &rows, &error) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << (error ? error : "?");
    sqlite3_free(error);
  }
  sqlite3_close(db);
  return rows;
}

Statement MakeStatement(std::string id, std::string title, std::optional<std::string> parent = std::nullopt) {
  Statement statement;
  statement.id = std::move(id);
  statement.title = std::move(title);
  statement.parent = std::move(parent);
  return statement;
}

// A map that exercises every column: a child listed before its parent, null and set
// layers and themes, tags, positions (with a negative and a fractional value), extras.
MapState SampleMap() {
  MapState map;
  map.info = {"Dementia network", "Better lives", R"({"region":"Calgary"})"};
  map.layers = {{"outcome", "Outcomes", ""}, {"strategy", "Strategies", R"({"hint":"middle"})"}};
  map.themes = {{"t1", "Prevent", "#2a9d8f", "Delay onset", R"({"icon":"leaf"})"}, {"t2", "Care", "", "", ""}};
  auto child = MakeStatement("C", "Primary care training", "A");
  child.layer = "strategy";
  child.position = Position{-12.5, 3.25};
  auto top = MakeStatement("A", "Quality of life \xE2\x80\x94 improved");
  top.layer = "outcome";
  top.theme = "t1";
  top.tags = {"impact", "with \"quotes\""};
  top.status = "agreed";
  top.description = "Long text\nwith lines";
  top.extra = R"({"note":"kept","rank":3})";
  auto plain = MakeStatement("B", "Awareness");  // null layer, theme, position
  map.statements = {child, top, plain};
  model::Link first{"l1", "C", "A", -1, 0.25, "if trained", "study", R"({"label":"x"})"};
  model::Link second{"l0", "B", "A", 0, 1.0, "", "", ""};
  map.links = {first, second};
  map.extra_sections = {{"organisations", R"([{"id":"o1","name":"Org"}])"}, {"action_teams", "[]"}};
  return map;
}

Delta PutAll(const MapState& map) {
  Delta delta;
  delta.put_layers = map.layers;
  delta.put_themes = map.themes;
  delta.put_statements = map.statements;
  delta.put_links = map.links;
  return delta;
}

CommitRequest Request(Revision expected, Delta delta, std::string ops_json = "[]", std::vector<ops::Touch> touches = {}) {
  CommitRequest request;
  request.expected_revision = expected;
  request.delta = std::move(delta);
  request.change.author = "tester";
  request.change.ops_json = std::move(ops_json);
  request.change.inverse_json = "[\"inverse\"]";
  request.field_touches = std::move(touches);
  return request;
}

// A coalition holding SampleMap() at revision 1.
CoalitionId CreateSample(Store& store) {
  auto map = SampleMap();
  auto created = store.CreateCoalition(map.info, map.extra_sections);
  EXPECT_TRUE(created.ok());
  auto committed = store.Commit(*created, Request(0, PutAll(map)));
  EXPECT_EQ(committed.status, CommitStatus::committed);
  EXPECT_EQ(committed.revision, 1);
  return *created;
}

TEST(SqliteStore, MigratesAnEmptyFileOnceOnly) {
  TempDatabase database;
  { auto store = Open(database.path()); }
  // Version 1 (the map and the change log) is there; later features may add versions.
  const std::string migrations_sql = "SELECT version, applied_at FROM schema_migrations ORDER BY version";
  auto rows = Query(database.path(), migrations_sql);
  ASSERT_GE(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "1");
  { auto store = Open(database.path()); }
  EXPECT_EQ(Query(database.path(), migrations_sql), rows) << "reopening must not run migrations again";
  auto tables = Query(database.path(), "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
  std::vector<std::string> names;
  for (const auto& row : tables) names.push_back(row[0]);
  for (const char* table : {"changes", "coalition_sections", "coalitions", "field_revisions", "layers", "links",
                            "statements", "themes"})
    EXPECT_NE(std::find(names.begin(), names.end(), table), names.end()) << table;
}

TEST(SqliteStore, DataSurvivesReopening) {
  TempDatabase database;
  CoalitionId id = 0;
  {
    auto store = Open(database.path());
    id = CreateSample(*store);
  }
  auto store = Open(database.path());
  auto loaded = store->LoadCoalition(id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->revision, 1);
  EXPECT_TRUE(loaded->map == SampleMap());
}

TEST(SqliteStore, RefusesADatabaseFromANewerSchema) {
  TempDatabase database;
  { auto store = Open(database.path()); }
  Query(database.path(), "INSERT INTO schema_migrations(version, applied_at) VALUES (999, 'future')");
  auto opened = OpenSqliteStore(database.path());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("newer"), std::string::npos) << opened.error().message;
  EXPECT_NE(opened.error().message.find("999"), std::string::npos) << opened.error().message;
  // And it left the file as it was.
  EXPECT_EQ(Query(database.path(), "SELECT max(version) FROM schema_migrations")[0][0], "999");
  EXPECT_TRUE(Query(database.path(), "SELECT name FROM sqlite_master WHERE name='coalitions'").size() == 1);
}

TEST(SqliteStore, WalModeAndForeignKeys) {
  TempDatabase database;
  auto store = Open(database.path());
  auto mode = Query(database.path(), "PRAGMA journal_mode");
  ASSERT_EQ(mode.size(), 1u);
  EXPECT_EQ(mode[0][0], "wal");
  auto keys = Query(database.path(), "PRAGMA foreign_key_list(statements)");
  EXPECT_GE(keys.size(), 4u);  // coalition, parent, layer, theme
  // Foreign keys are enforced on the store's own connection: a statement naming a layer
  // that does not exist cannot be committed, and nothing of it stays.
  auto created = store->CreateCoalition({"C", "", ""}, {});
  ASSERT_TRUE(created.ok());
  Delta delta;
  auto statement = MakeStatement("A", "x");
  statement.layer = "missing";
  delta.put_statements = {statement};
  EXPECT_ANY_THROW(store->Commit(*created, Request(0, delta)));
  EXPECT_EQ(store->CurrentRevision(*created), 0);
  EXPECT_TRUE(store->LoadCoalition(*created)->map.statements.empty());
  EXPECT_TRUE(store->Changes(*created, 0, 10).empty());
  // A link to a missing statement, likewise.
  Delta link_delta;
  link_delta.put_statements = {MakeStatement("A", "x")};
  link_delta.put_links = {{"l", "A", "gone", 1, 1, "", "", ""}};
  EXPECT_ANY_THROW(store->Commit(*created, Request(0, link_delta)));
  EXPECT_EQ(store->CurrentRevision(*created), 0);
  // The store still works afterwards.
  EXPECT_EQ(store->Commit(*created, Request(0, PutAll(SampleMap()))).status, CommitStatus::committed);
}

TEST(SqliteStore, RoundTripKeepsEverything) {
  TempDatabase database;
  auto store = Open(database.path());
  auto id = CreateSample(*store);
  auto loaded = store->LoadCoalition(id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->revision, 1);
  const auto expected = SampleMap();
  EXPECT_EQ(loaded->map.info, expected.info);
  EXPECT_EQ(loaded->map.layers, expected.layers);
  EXPECT_EQ(loaded->map.themes, expected.themes);
  EXPECT_EQ(loaded->map.statements, expected.statements);
  EXPECT_EQ(loaded->map.links, expected.links);
  EXPECT_EQ(loaded->map.extra_sections, expected.extra_sections);
  EXPECT_FALSE(loaded->map.statements[2].layer.has_value());
  EXPECT_FALSE(loaded->map.statements[2].theme.has_value());
  EXPECT_FALSE(loaded->map.statements[2].position.has_value());

  auto summaries = store->ListCoalitions();
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].id, id);
  EXPECT_EQ(summaries[0].name, "Dementia network");
  EXPECT_EQ(summaries[0].revision, 1);
  EXPECT_EQ(summaries[0].statements, 3);
  EXPECT_EQ(summaries[0].links, 2);
}

TEST(SqliteStore, UpdatesDeletesAppendsAndReorders) {
  TempDatabase database;
  auto store = Open(database.path());
  auto id = CreateSample(*store);
  MapState map = SampleMap();

  // Update one statement, delete a link, append a statement and a link, change the info.
  map.statements[1].title = "Renamed";
  map.statements[1].position = Position{1, 2};
  map.statements[1].tags.clear();
  map.links.erase(map.links.begin());
  map.statements.push_back(MakeStatement("D", "Appended", "B"));
  map.links.push_back({"l2", "D", "C", 1, 0.5, "", "", ""});
  map.info.name = "Renamed network";
  Delta delta;
  delta.put_statements = {map.statements[1], map.statements[3]};
  delta.delete_links = {"l1"};
  delta.put_links = {map.links.back()};
  delta.info = map.info;
  ASSERT_EQ(store->Commit(id, Request(1, delta)).status, CommitStatus::committed);
  EXPECT_TRUE(store->LoadCoalition(id)->map == map);

  // Reorder: statements and layers in a new document order.
  std::swap(map.statements[0], map.statements[3]);
  std::swap(map.layers[0], map.layers[1]);
  Delta reorder;
  reorder.statement_order = std::vector<std::string>{"D", "A", "B", "C"};
  reorder.layer_order = std::vector<std::string>{"strategy", "outcome"};
  ASSERT_EQ(store->Commit(id, Request(2, reorder)).status, CommitStatus::committed);
  auto loaded = store->LoadCoalition(id);
  EXPECT_TRUE(loaded->map == map);
  EXPECT_EQ(loaded->revision, 3);

  // Delete a statement with its links, and a theme; then append after the reordered ones.
  map.statements.erase(map.statements.begin());  // D
  map.links.pop_back();                          // l2 D->C
  map.themes.pop_back();                         // t2
  map.statements.push_back(MakeStatement("E", "Last"));
  Delta removal;
  removal.delete_links = {"l2"};
  removal.delete_statements = {"D"};
  removal.delete_themes = {"t2"};
  removal.put_statements = {map.statements.back()};
  ASSERT_EQ(store->Commit(id, Request(3, removal)).status, CommitStatus::committed);
  EXPECT_TRUE(store->LoadCoalition(id)->map == map);

  // Removing and re-adding one id in one delta gives the new row, at the end.
  auto again = MakeStatement("A", "Back again");
  map.statements.erase(map.statements.begin());  // A (first now)
  map.links.erase(map.links.begin());            // l0 B->A
  map.statements.push_back(again);
  Delta readd;
  readd.delete_links = {"l0"};
  readd.delete_statements = {"A"};
  readd.put_statements = {again};
  ASSERT_EQ(store->Commit(id, Request(4, readd)).status, CommitStatus::committed);
  EXPECT_TRUE(store->LoadCoalition(id)->map == map);
}

TEST(SqliteStore, StaleExpectedRevisionIsRefusedAndChangesNothing) {
  TempDatabase database;
  auto store = Open(database.path());
  auto id = CreateSample(*store);
  Delta delta;
  delta.put_statements = {MakeStatement("Z", "Late")};
  auto result = store->Commit(id, Request(0, delta, "[\"late\"]", {{ops::ItemKind::statement, "A", "title"}}));
  EXPECT_EQ(result.status, CommitStatus::revision_moved);
  EXPECT_EQ(result.revision, 1);
  EXPECT_EQ(store->CurrentRevision(id), 1);
  EXPECT_TRUE(store->LoadCoalition(id)->map == SampleMap());
  EXPECT_EQ(store->Changes(id, 0, 100).size(), 1u);
  EXPECT_TRUE(store->FieldsChangedAfter(id, 0, {{ops::ItemKind::statement, "A", "title"}}).empty());
  // A future expected revision is refused too.
  EXPECT_EQ(store->Commit(id, Request(5, delta)).status, CommitStatus::revision_moved);
  // And an unknown coalition.
  EXPECT_EQ(store->Commit(id + 100, Request(0, delta)).status, CommitStatus::no_such_coalition);
  EXPECT_FALSE(store->CurrentRevision(id + 100).has_value());
  EXPECT_FALSE(store->LoadCoalition(id + 100).has_value());
}

TEST(SqliteStore, ChangesComeInRevisionOrder) {
  TempDatabase database;
  auto store = Open(database.path());
  auto id = CreateSample(*store);
  for (Revision revision = 1; revision <= 4; ++revision) {
    auto request = Request(revision, Delta{}, "[" + std::to_string(revision + 1) + "]");
    request.change.author = "author" + std::to_string(revision + 1);
    if (revision == 4) request.change.created_at = "2024-03-01T10:00:00.000Z";
    ASSERT_EQ(store->Commit(id, request).status, CommitStatus::committed);
  }
  auto changes = store->Changes(id, 0, 100);
  ASSERT_EQ(changes.size(), 5u);
  for (std::size_t change_idx = 0; change_idx < changes.size(); ++change_idx) {
    EXPECT_EQ(changes[change_idx].revision, static_cast<Revision>(change_idx + 1));
    EXPECT_EQ(changes[change_idx].inverse_json, "[\"inverse\"]");
    EXPECT_EQ(changes[change_idx].created_at.size(), 24u) << changes[change_idx].created_at;
    EXPECT_EQ(changes[change_idx].created_at.back(), 'Z');
  }
  EXPECT_EQ(changes[0].ops_json, "[]");
  EXPECT_EQ(changes[2].ops_json, "[3]");
  EXPECT_EQ(changes[2].author, "author3");
  EXPECT_EQ(changes[4].created_at, "2024-03-01T10:00:00.000Z");
  auto page = store->Changes(id, 2, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].revision, 3);
  EXPECT_EQ(page[1].revision, 4);
  EXPECT_TRUE(store->Changes(id, 5, 10).empty());
  EXPECT_TRUE(store->Changes(id + 1, 0, 10).empty());
}

TEST(SqliteStore, FieldsChangedAfter) {
  TempDatabase database;
  auto store = Open(database.path());
  auto id = CreateSample(*store);
  using ops::ItemKind;
  const ops::Touch title{ItemKind::statement, "A", "title"};
  const ops::Touch description{ItemKind::statement, "A", "description"};
  const ops::Touch status{ItemKind::statement, "A", "status"};
  const ops::Touch weight{ItemKind::link, "l1", "weight"};
  const ops::Touch whole{ItemKind::statement, "B", ""};
  ASSERT_EQ(store->Commit(id, Request(1, Delta{}, "[]", {title, whole})).status, CommitStatus::committed);  // 2
  ASSERT_EQ(store->Commit(id, Request(2, Delta{}, "[]", {description, weight})).status, CommitStatus::committed);  // 3
  ASSERT_EQ(store->Commit(id, Request(3, Delta{}, "[]", {title})).status, CommitStatus::committed);  // 4

  auto changed = store->FieldsChangedAfter(id, 1, {title, description, status, weight, whole});
  EXPECT_EQ(changed, (std::map<ops::Touch, Revision>{{title, 4}, {description, 3}, {weight, 3}}));
  changed = store->FieldsChangedAfter(id, 3, {title, description, status, weight});
  EXPECT_EQ(changed, (std::map<ops::Touch, Revision>{{title, 4}}));
  EXPECT_TRUE(store->FieldsChangedAfter(id, 4, {title, description}).empty());
  // The kind is part of the key: a theme "A" is another item.
  EXPECT_TRUE(store->FieldsChangedAfter(id, 0, {{ItemKind::theme, "A", "title"}}).empty());
  EXPECT_TRUE(store->FieldsChangedAfter(id + 1, 0, {title}).empty());
}

TEST(SqliteStore, DeleteCoalitionRemovesEverythingOfItOnly) {
  TempDatabase database;
  auto store = Open(database.path());
  auto kept = CreateSample(*store);
  auto removed = CreateSample(*store);
  ASSERT_NE(kept, removed);
  ASSERT_EQ(store->Commit(removed, Request(1, Delta{}, "[]", {{ops::ItemKind::statement, "A", "title"}})).status,
            CommitStatus::committed);
  EXPECT_TRUE(store->DeleteCoalition(removed));
  EXPECT_FALSE(store->DeleteCoalition(removed));
  EXPECT_FALSE(store->LoadCoalition(removed).has_value());
  EXPECT_TRUE(store->Changes(removed, 0, 10).empty());
  auto summaries = store->ListCoalitions();
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].id, kept);
  EXPECT_TRUE(store->LoadCoalition(kept)->map == SampleMap());
  const std::string where = " WHERE coalition_id=" + std::to_string(removed);
  for (const char* table : {"statements", "links", "layers", "themes", "changes", "field_revisions", "coalition_sections"})
    EXPECT_EQ(Query(database.path(), std::string("SELECT count(*) FROM ") + table + where)[0][0], "0") << table;
  EXPECT_FALSE(store->DeleteCoalition(12345));
}

}  // namespace
}  // namespace coalign::store
