#include "store/sqlite_progress.hpp"

#include <nlohmann/json.hpp>

#include "store/sqlite_db.hpp"

namespace coalign::store {
namespace {

std::string TargetsToText(const std::vector<model::DatedValue>& targets) {
  nlohmann::json json = nlohmann::json::array();
  for (const auto& target : targets) json.push_back({{"date", target.date}, {"value", target.value}});
  return json.dump();
}

std::vector<model::DatedValue> TargetsFromText(const std::string& text) {
  std::vector<model::DatedValue> targets;
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_array())
    for (const auto& item : parsed)
      if (item.is_object() && item.contains("date") && item["date"].is_string() && item.contains("value") &&
          item["value"].is_number())
        targets.push_back({item["date"].get<std::string>(), item["value"].get<double>()});
  return targets;
}

// A raw prepared statement for the bulk path: text bound without copying.
class BulkStatement {
 public:
  BulkStatement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw SqliteError(std::string("preparing SQL failed: ") + sqlite3_errmsg(db));
  }
  ~BulkStatement() { sqlite3_finalize(stmt_); }
  BulkStatement(const BulkStatement&) = delete;
  BulkStatement& operator=(const BulkStatement&) = delete;
  void Text(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void Int(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Double(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
  void Run() {
    int status = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    if (status != SQLITE_DONE) throw SqliteError(std::string("writing data points failed: ") + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

void LoadProgress(sqlite3* db, CoalitionId id, model::MapState& map) {
  {
    SqliteStatement query(db,
                          "SELECT id, statement, name, description, kind, unit, direction, baseline_date, baseline_value,"
                          " targets, period_days, data_source, weight, grp, extra FROM measures WHERE coalition_id=?"
                          " ORDER BY ord");
    query.Bind(1, id);
    while (query.Step()) {
      model::Measure measure;
      measure.id = query.Text(0);
      measure.statement = query.Text(1);
      measure.name = query.Text(2);
      measure.description = query.Text(3);
      measure.kind = query.Text(4);
      measure.unit = query.Text(5);
      measure.direction = query.Text(6);
      measure.baseline = {query.Text(7), query.Double(8)};
      measure.targets = TargetsFromText(query.Text(9));
      measure.period_days = query.Double(10);
      measure.data_source = query.Text(11);
      measure.weight = query.Double(12);
      measure.group = query.Text(13);
      measure.extra = query.Text(14);
      map.measures.push_back(std::move(measure));
    }
  }
  {
    SqliteStatement query(db,
                          "SELECT measure, date, value, note, entered_by FROM data_points WHERE coalition_id=?"
                          " ORDER BY measure, date");
    query.Bind(1, id);
    model::PointSeries series;
    std::string current;
    auto flush = [&] {
      if (!series.empty()) map.data_points[current] = model::SharedSeries(std::move(series));
      series = {};
    };
    while (query.Step()) {
      std::string measure = query.Text(0);
      if (measure != current) {
        flush();
        current = std::move(measure);
      }
      series.push_back({query.Text(1), query.Double(2), query.Text(3), query.Text(4)});
    }
    flush();
  }
  {
    SqliteStatement query(db, "SELECT on_track, at_risk FROM progress_settings WHERE coalition_id=?");
    query.Bind(1, id);
    if (query.Step()) map.settings = {query.Double(0), query.Double(1)};
  }
}

void WriteProgressDelta(sqlite3* db, CoalitionId id, const Delta& delta) {
  if (!delta.delete_measures.empty() || !delta.clear_points_of.empty()) {
    SqliteStatement remove(db, "DELETE FROM measures WHERE coalition_id=? AND id=?");
    SqliteStatement clear(db, "DELETE FROM data_points WHERE coalition_id=? AND measure=?");
    for (const auto& measure : delta.delete_measures) {
      remove.Bind(1, id).Bind(2, measure).Run();
      clear.Bind(1, id).Bind(2, measure).Run();
    }
    for (const auto& measure : delta.clear_points_of) clear.Bind(1, id).Bind(2, measure).Run();
  }
  if (!delta.delete_points.empty()) {
    BulkStatement remove(db, "DELETE FROM data_points WHERE coalition_id=? AND measure=? AND date=?");
    for (const auto& [measure, date] : delta.delete_points) {
      remove.Int(1, id);
      remove.Text(2, measure);
      remove.Text(3, date);
      remove.Run();
    }
  }
  if (!delta.put_measures.empty()) {
    SqliteStatement next(db, "SELECT coalesce(max(ord), -1) + 1 FROM measures WHERE coalition_id=?");
    next.Bind(1, id);
    next.Step();
    std::int64_t ord = next.Int(0);
    next.Reset();
    SqliteStatement put(db,
                        "INSERT INTO measures(coalition_id, id, ord, statement, name, description, kind, unit, direction,"
                        " baseline_date, baseline_value, targets, period_days, data_source, weight, grp, extra)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                        " ON CONFLICT(coalition_id, id) DO UPDATE SET statement=excluded.statement, name=excluded.name,"
                        " description=excluded.description, kind=excluded.kind, unit=excluded.unit,"
                        " direction=excluded.direction, baseline_date=excluded.baseline_date,"
                        " baseline_value=excluded.baseline_value, targets=excluded.targets,"
                        " period_days=excluded.period_days, data_source=excluded.data_source, weight=excluded.weight,"
                        " grp=excluded.grp, extra=excluded.extra");
    for (const auto& measure : delta.put_measures) {
      put.Bind(1, id).Bind(2, measure.id).Bind(3, ord++).Bind(4, measure.statement).Bind(5, measure.name);
      put.Bind(6, measure.description).Bind(7, measure.kind).Bind(8, measure.unit).Bind(9, measure.direction);
      put.Bind(10, measure.baseline.date).Bind(11, measure.baseline.value).Bind(12, TargetsToText(measure.targets));
      put.Bind(13, measure.period_days).Bind(14, measure.data_source).Bind(15, measure.weight).Bind(16, measure.group);
      put.Bind(17, measure.extra).Run();
    }
  }
  if (delta.measure_order) {
    SqliteStatement update(db, "UPDATE measures SET ord=? WHERE coalition_id=? AND id=?");
    for (std::size_t item_idx = 0; item_idx < delta.measure_order->size(); ++item_idx)
      update.Bind(1, static_cast<std::int64_t>(item_idx)).Bind(2, id).Bind(3, (*delta.measure_order)[item_idx]).Run();
  }
  if (!delta.put_points.empty()) {
    // Whole series go where no row of theirs is left (a new measure, or one cleared above):
    // plain inserts, in key order. Single points may replace a stored one.
    BulkStatement insert(db, "INSERT INTO data_points(coalition_id, measure, date, value, note, entered_by) VALUES (?,?,?,?,?,?)");
    BulkStatement upsert(db,
                         "INSERT INTO data_points(coalition_id, measure, date, value, note, entered_by) VALUES (?,?,?,?,?,?)"
                         " ON CONFLICT(coalition_id, measure, date) DO UPDATE SET value=excluded.value,"
                         " note=excluded.note, entered_by=excluded.entered_by");
    for (const auto& rows : delta.put_points) {
      BulkStatement& put = rows.series ? insert : upsert;
      for (const auto& point : rows.series ? *rows.series : rows.points) {
        put.Int(1, id);
        put.Text(2, rows.measure);
        put.Text(3, point.date);
        put.Double(4, point.value);
        put.Text(5, point.note);
        put.Text(6, point.entered_by);
        put.Run();
      }
    }
  }
  if (delta.settings) {
    SqliteStatement put(db,
                        "INSERT INTO progress_settings(coalition_id, on_track, at_risk) VALUES (?,?,?)"
                        " ON CONFLICT(coalition_id) DO UPDATE SET on_track=excluded.on_track, at_risk=excluded.at_risk");
    put.Bind(1, id).Bind(2, delta.settings->on_track).Bind(3, delta.settings->at_risk).Run();
  }
}

}  // namespace coalign::store
