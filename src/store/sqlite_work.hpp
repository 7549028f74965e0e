// The SQLite rows of the work items and publications (migration 6), used by SqliteStore.
// Work items live in ONE table of typed rows, work_items(coalition, kind, id, ord, body):
// seven kinds whose fields the schema in model/work.hpp defines and the ops layer
// validates (the one write path), so a table per kind would repeat that schema in SQL
// for no query that needs it; every row still carries its coalition id (sharding) and
// its kind, and a row holds its nested goals or milestones, which change with it.
#pragma once

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace coalign::store {

void LoadWorkRows(SqliteConnection& db, CoalitionId coalition, model::WorkState& work);
void WriteWorkDelta(SqliteConnection& db, CoalitionId coalition, const Delta& delta);

PublicationRecord InsertPublication(SqliteConnection& db, const PublicationRecord& publication);
std::vector<PublicationRecord> SelectPublications(SqliteConnection& db, CoalitionId coalition);
bool MarkPublicationRevoked(SqliteConnection& db, CoalitionId coalition, std::int64_t publication_id);
std::optional<PublicationRecord> SelectPublicationByToken(SqliteConnection& db, const std::string& token);

}  // namespace coalign::store
