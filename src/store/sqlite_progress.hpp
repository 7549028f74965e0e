// Measures, data points and thresholds in SQLite (migration 5): loading them into a map
// and writing a commit's progress rows. Used only inside the SQLite store.
#pragma once

#include <sqlite3.h>

#include "model/map_state.hpp"
#include "store/store.hpp"

namespace coalign::store {

void LoadProgress(sqlite3* db, CoalitionId id, model::MapState& map);
void WriteProgressDelta(sqlite3* db, CoalitionId id, const Delta& delta);

}  // namespace coalign::store
