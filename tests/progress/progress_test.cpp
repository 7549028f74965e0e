// Measures and progress (issue 4) below the HTTP layer: the ops' rules and exact undo,
// the progress engine against shared/reference/progress_reference.py on random
// documents, the native document round trip, the store, and the CSV data import on
// every Stepping Stones file and on broken files.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/progress.hpp"
#include "interop/data_import.hpp"
#include "interop/native_document.hpp"
#include "interop/progress_json.hpp"
#include "ops/apply.hpp"
#include "service/map_service.hpp"
#include "service/progress_delta.hpp"
#include "store/store.hpp"
#include "support/json_files.hpp"
#include "support/random_progress_doc.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

model::MapState SmallMap() {
  model::MapState map;
  map.info.name = "Small";
  for (const char* id : {"A", "B"}) {
    model::Statement statement;
    statement.id = id;
    statement.title = std::string("Statement ") + id;
    map.statements.push_back(statement);
  }
  map.statements[1].parent = "A";
  return map;
}

model::Measure FosterCare() {
  model::Measure measure;
  measure.id = "m1";
  measure.statement = "B";
  measure.name = "Children in foster care";
  measure.unit = "per 1,000";
  measure.direction = "down";
  measure.baseline = {"2010-12-31", 5.2};
  measure.targets = {{"2025-12-31", 3.0}};
  return measure;
}

ops::BatchResult Apply(model::MapState& map, std::vector<ops::Op> batch) { return ops::ApplyBatch(map, batch); }

std::string FirstError(model::MapState map, std::vector<ops::Op> batch) {
  auto result = ops::ApplyBatch(map, batch);
  return result.ok() ? "" : result.errors.front().field + ": " + result.errors.front().reason;
}

TEST(ProgressOps, RefuseWhatBreaksTheRules) {
  auto map = SmallMap();
  auto measure = FosterCare();
  auto with = [&](auto change) {
    auto copy = measure;
    change(copy);
    return std::vector<ops::Op>{ops::AddMeasure{copy, std::nullopt}};
  };
  EXPECT_EQ(FirstError(map, with([](auto&) {})), "");
  EXPECT_NE(FirstError(map, with([](auto& m) { m.statement = "nope"; })).find("statement: no statement"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.direction = "sideways"; })).find("direction:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.kind = "vibes"; })).find("kind:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.baseline = {}; })).find("baseline: a measure needs a baseline"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.baseline.date = "2021-02-29"; })).find("baseline:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.baseline.value = std::nan(""); })).find("baseline:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.targets.push_back({"2025-12-31", 1}); })).find("targets:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.period_days = 0; })).find("period_days:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.weight = -1; })).find("weight:"), std::string::npos);
  EXPECT_NE(FirstError(map, with([](auto& m) { m.name = " "; })).find("name:"), std::string::npos);

  ASSERT_TRUE(Apply(map, {ops::AddMeasure{measure, std::nullopt}}).ok());
  EXPECT_NE(FirstError(map, {ops::AddMeasure{measure, std::nullopt}}).find("already exists"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::SetDataPoints{"m1", {{"2020-13-01", 1, "", ""}}}}).find("date:"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::SetDataPoints{"m1", {{"2020-12-31", INFINITY, "", ""}}}}).find("value:"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::SetDataPoints{"m1", {{"2020-12-31", 1, "", ""}, {"2020-12-31", 2, "", ""}}}}).find("two points"),
            std::string::npos);
  EXPECT_NE(FirstError(map, {ops::SetDataPoints{"m9", {{"2020-12-31", 1, "", ""}}}}).find("measure:"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::RemoveDataPoints{"m1", {"2020-12-31"}}}).find("no data point"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::UpdateSettings{{{"at_risk", 0.96}}}}).find("at_risk <= on_track"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::UpdateSettings{{{"on_track", 1.6}}}}).find("1.5"), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::UpdateSettings{{{"at_risk", -0.1}}}}).find("0 <="), std::string::npos);
  EXPECT_NE(FirstError(map, {ops::UpdateSettings{{{"green", 0.5}}}}).find("green"), std::string::npos);
  ops::UpdateMeasure bad_field{"m1", {"colour"}, {}};
  EXPECT_NE(FirstError(map, {bad_field}).find("colour"), std::string::npos);
  ops::UpdateMeasure to_missing{"m1", {"statement"}, {}};
  to_missing.values.statement = "Z";
  EXPECT_NE(FirstError(map, {to_missing}).find("statement:"), std::string::npos);
}

TEST(ProgressOps, InverseRestoresExactlyIncludingPointsRemovedWithTheirMeasure) {
  auto map = SmallMap();
  auto second = FosterCare();
  second.id = "m2";
  second.statement = "A";
  ASSERT_TRUE(Apply(map, {ops::AddMeasure{FosterCare(), std::nullopt}, ops::AddMeasure{second, std::nullopt},
                          ops::SetDataPoints{"m1", {{"2012-12-31", 5.0, "first", "Ana"}, {"2011-12-31", 5.1, "", "Ana"}}},
                          ops::SetDataPoints{"m2", {{"2012-12-31", 7.0, "", "Bo"}}}})
                  .ok());
  ASSERT_EQ(map.data_points["m1"].front().date, "2011-12-31");  // kept sorted
  const auto before = map;
  ops::UpdateMeasure targets{"m1", {"targets", "name"}, {}};
  targets.values.targets = {{"2030-12-31", 2.0}};
  targets.values.name = "Foster care";
  std::vector<ops::Op> batch = {
      targets,
      ops::SetDataPoints{"m1", {{"2012-12-31", 4.8, "revised", "Cy"}, {"2013-12-31", 4.5, "", "Cy"}}},
      ops::RemoveDataPoints{"m1", {"2011-12-31"}},
      ops::RemoveMeasure{"m2"},
      ops::UpdateSettings{{{"on_track", 0.9}, {"at_risk", 0.5}}},
      ops::AddMeasure{second, 0},  // re-added at the front: no points of the old one come back
  };
  auto result = ops::ApplyBatch(map, batch);
  ASSERT_TRUE(result.ok()) << result.errors.front().reason;
  EXPECT_EQ(map.measures.front().id, "m2");
  EXPECT_EQ(map.data_points.count("m2"), 0u);
  // The copy taken before shares its points until a batch writes them (copy on write):
  // the batch changed the working map only.
  EXPECT_NE(map, before);
  ASSERT_EQ(before.data_points.at("m1").size(), 2u);
  EXPECT_EQ(before.data_points.at("m1")[0].value, 5.1);
  EXPECT_EQ(before.data_points.at("m1")[1].value, 5.0);
  EXPECT_EQ(before.data_points.at("m2").size(), 1u);
  EXPECT_EQ(map.measures[1].name, "Foster care");
  EXPECT_EQ(map.data_points["m1"].size(), 2u);
  EXPECT_EQ(map.settings.at_risk, 0.5);
  // The overwritten point is a field touch (conflicts), new points touch nothing.
  const auto& touches = result.applied[1].touches;
  ASSERT_EQ(touches.size(), 1u);
  EXPECT_EQ(touches[0].id, "m1@2012-12-31");
  auto inverse = result.Inverse();
  auto undone = ops::ApplyBatch(map, inverse);
  ASSERT_TRUE(undone.ok()) << undone.errors.front().reason;
  EXPECT_EQ(map, before);
  // And the inverse's inverse redoes it.
  auto redo = undone.Inverse();
  ASSERT_TRUE(ops::ApplyBatch(map, redo).ok());
  auto again = before;
  auto batch_copy = batch;
  ASSERT_TRUE(ops::ApplyBatch(again, batch_copy).ok());
  EXPECT_EQ(map, again);
}

TEST(ProgressOps, TheJsonFormOfEveryOpRoundTrips) {
  auto measure = FosterCare();
  measure.extra = R"({"owner":"DSS"})";
  ops::UpdateMeasure update{"m1", {"baseline", "targets"}, {}};
  update.values.baseline = {"2011-12-31", 4.0};
  update.values.targets = {{"2020-12-31", 3.5}, {"2025-12-31", 3.0}};
  std::vector<ops::Op> batch = {ops::AddMeasure{measure, 2},
                                update,
                                ops::RemoveMeasure{"m1"},
                                ops::SetDataPoints{"m1", {{"2020-12-31", 4.1, "", "Ana"}, {"2021-12-31", 4.0, "late", "Bo"}}},
                                ops::RemoveDataPoints{"m1", {"2020-12-31"}},
                                ops::UpdateSettings{{{"on_track", 0.9}}}};
  auto json = interop::OpsToJson(batch);
  auto back = interop::OpsFromJson(interop::Json::parse(json.dump()));
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->size(), batch.size());
  EXPECT_EQ(interop::OpsToJson(*back).dump(), json.dump());
  EXPECT_EQ(std::get<ops::AddMeasure>((*back)[0]).measure, measure);
  EXPECT_EQ(std::get<ops::SetDataPoints>((*back)[3]).points, std::get<ops::SetDataPoints>(batch[3]).points);
  EXPECT_EQ(json[3]["entered_by"], "Ana");  // compact: once at the op level
  // The change log's text form (points as rows) reads back to the same ops.
  auto text = interop::OpsToJsonText(batch);
  EXPECT_EQ(interop::Json::parse(text)[3]["points"][1], interop::Json::parse(R"(["2021-12-31",4.0,"late","Bo"])"));
  auto from_text = interop::OpsFromJson(interop::Json::parse(text));
  ASSERT_TRUE(from_text) << from_text.error().message;
  EXPECT_EQ(interop::OpsToJson(*from_text).dump(), json.dump());
}

TEST(ProgressOps, AnImportsInverseIsJustRemovingItsMeasures) {
  auto map = SmallMap();
  std::vector<model::DataPoint> points;
  for (int year = 2000; year < 2020; ++year) points.push_back({std::to_string(year) + "-12-31", year * 0.5, "", "Ana"});
  auto measure = FosterCare();
  std::vector<ops::Op> batch = {ops::AddMeasure{measure, std::nullopt}, ops::SetDataPoints{"m1", points}};
  const auto before = map;
  auto result = ops::ApplyBatch(map, batch);
  ASSERT_TRUE(result.ok());
  auto pruned = service::PruneProgressInverse(result.Inverse());
  ASSERT_EQ(pruned.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ops::RemoveMeasure>(pruned[0]));
  ASSERT_TRUE(ops::ApplyBatch(map, pruned).ok());
  EXPECT_EQ(map, before);
  // Ops on a measure that stays are kept.
  auto kept = service::PruneProgressInverse({ops::RemoveDataPoints{"m1", {"2001-12-31"}}, ops::RemoveMeasure{"m2"}});
  EXPECT_EQ(kept.size(), 2u);
}

// The engine equals the reference, parsed number for number, on random documents.
TEST(ProgressEngine, EqualsTheReferenceOnRandomDocuments) {
  TempDir dir;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    auto map = RandomProgressDocument(seed, 120, 300);
    auto path = dir.File("doc" + std::to_string(seed) + ".json");
    WriteText(path, interop::WriteNativeDocument(map));
    for (const char* as_of : {"2004-01-01", "2012-06-30", "2016-02-29", "2021-12-31", "2031-01-01"}) {
      auto reference = RunCommand({"/usr/bin/python3", Shared("reference/progress_reference.py"), path, "--as-of", as_of});
      ASSERT_EQ(reference.status, 0) << reference.err;
      auto ours = interop::ProgressReportToJson(analysis::ComputeProgress(map, as_of));
      ASSERT_EQ(Json::parse(ours), Json::parse(reference.out)) << "seed " << seed << " as of " << as_of << ": " << Json::diff(Json::parse(reference.out), Json::parse(ours)).dump().substr(0, 300);
      EXPECT_EQ(ours + "\n", reference.out) << "byte for byte: seed " << seed << " as of " << as_of;
      // Not a vacuous comparison: every status occurs.
      auto parsed = Json::parse(ours);
      if (std::string(as_of) == "2021-12-31") {
        std::set<std::string> seen;
        for (auto& [id, status] : parsed["measures"].items()) seen.insert(status["status"].get<std::string>());
        EXPECT_EQ(seen.size(), 4u) << parsed["measures"].dump().substr(0, 400);
      }
    }
  }
}

TEST(ProgressEngine, Round6IsPythonsRound) {
  // Python rounds the exact binary value (0.1234565 is 0.12345649999... → 0.123456).
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> uniform(-2, 2);
  std::vector<double> values = {0.1234565, 0.0000005, 1.4999995, 2.0 / 3.0, 0.0000015, -0.0000004};
  for (int value_idx = 0; value_idx < 3000; ++value_idx) {
    double value = uniform(random);
    if (value_idx % 3 == 0) value = std::round(value * 1e7) / 1e7 + (value_idx % 2 ? 5e-7 : -5e-7);  // near ties
    values.push_back(value);
  }
  std::string input;
  char buffer[64];
  for (double value : values) {
    std::snprintf(buffer, sizeof buffer, "%.17g\n", value);
    input += buffer;
  }
  TempDir dir;
  WriteText(dir.File("values.txt"), input);
  auto python = RunCommand({"/usr/bin/python3", "-c",
                            "import sys\nfor line in open(sys.argv[1]): print(repr(round(float(line), 6)))",
                            dir.File("values.txt")});
  ASSERT_EQ(python.status, 0) << python.err;
  std::istringstream lines(python.out);
  std::string line;
  std::size_t checked = 0;
  for (double value : values) {
    ASSERT_TRUE(std::getline(lines, line));
    EXPECT_EQ(analysis::Round6(value), std::strtod(line.c_str(), nullptr)) << "round(" << value << ", 6)";
    ++checked;
  }
  EXPECT_EQ(checked, values.size());
}

TEST(ProgressDocument, MeasuresPointsAndSettingsRoundTripThroughTheNativeDocument) {
  auto map = RandomProgressDocument(7, 30, 40);
  auto text = interop::WriteNativeDocument(map);
  auto parsed = Json::parse(text);
  ASSERT_TRUE(parsed.contains("measures"));
  EXPECT_EQ(parsed["measures"][0].contains("baseline"), true);
  EXPECT_EQ(parsed["data_points"][0].contains("entered_by"), true);
  auto read = interop::ReadNativeDocument(text);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->problems.empty());
  EXPECT_EQ(read->map.measures, map.measures);
  EXPECT_EQ(read->map.data_points, map.data_points);
  EXPECT_EQ(read->map.settings, map.settings);
  // A map without measures is written as before (no new sections).
  EXPECT_FALSE(Json::parse(interop::WriteNativeDocument(SmallMap())).contains("measures"));
}

TEST(ProgressStore, CommitsLoadBackAndImportsKeepEverything) {
  TempDir dir;
  auto store = store::OpenSqliteStore(dir.File("p.db"));
  ASSERT_TRUE(store);
  service::MapService maps(**store);
  auto document = RandomProgressDocument(11, 50, 60);
  auto imported = maps.ImportDocument(document, {}, true, "test");
  ASSERT_TRUE(imported) << imported.error().message;
  // A second process reads the same rows back.
  auto again = store::OpenSqliteStore(dir.File("p.db"));
  service::MapService fresh(**again);
  auto loaded = fresh.Current(imported->coalition);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->map->measures, document.measures);
  EXPECT_EQ(loaded->map->data_points, document.data_points);
  EXPECT_EQ(loaded->map->settings, document.settings);
  // Edits, then undo through the store: rows follow the map exactly.
  auto before = *loaded->map;
  ops::UpdateMeasure rename{"m3", {"name"}, {}};
  rename.values.name = "Renamed";
  std::vector<ops::Op> batch = {ops::RemoveMeasure{"m0"}, rename,
                                ops::SetDataPoints{"m5", {{"2040-01-01", 1, "", ""}}},
                                ops::UpdateSettings{{{"on_track", 1.2}}}};
  auto outcome = fresh.Commit(imported->coalition, loaded->revision, batch, "Ana <ana@example.org>");
  ASSERT_EQ(outcome.status, service::CommitStatus::committed);
  auto after = fresh.Current(imported->coalition);
  EXPECT_EQ(after->map->data_points.at("m5").back().entered_by, "Ana");  // stamped
  auto reread = store::OpenSqliteStore(dir.File("p.db"));
  service::MapService third(**reread);
  EXPECT_EQ(*third.Current(imported->coalition)->map, *after->map);
}

// --- CSV data import ---------------------------------------------------------------------

struct SteppingStonesFile {
  const char* name;
  const char* date_column;
  const char* value_column;
  const char* group_column;
};

const SteppingStonesFile kFiles[] = {
    {"foster_care", "year", "fc_rate", "locality"},
    {"child_welfare_reports", "year", "cps_rate", "locality"},
    {"child_pov", "year", "pct_child_pov", "county_fips"},
    {"infant_mortality", "year", "rate_3yr", "locality"},
    {"pitcount_homeless", "date_of_count", "count", "type"},
    {"pals_kindergarten_updated", "school_year", "percent", "location"},
    {"graduation_rates", "cohort_year", "graduation_rate", "division_name"},
    {"rent_burdened", "year", "percent_over_30", "NAME"},
};

// Rows with a value, and rows without, per group, counted by Python's csv module.
Json PythonCounts(const std::string& path, const SteppingStonesFile& file) {
  std::string script =
      "import csv,json,sys\n"
      "rows=list(csv.DictReader(open(sys.argv[1],newline='')))\n"
      "out={}\n"
      "for r in rows:\n"
      "  g=r[sys.argv[3]]; v=r[sys.argv[2]].strip()\n"
      "  c=out.setdefault(g,[0,0]); c[0 if v not in ('','NA') else 1]+=1\n"
      "print(json.dumps(out))\n";
  auto result = RunCommand({"/usr/bin/python3", "-c", script, path, file.value_column, file.group_column});
  EXPECT_EQ(result.status, 0) << result.err;
  return Json::parse(result.out);
}

TEST(DataImport, EverySteppingStonesFileImportsWithTheRightCountsPerLocality) {
  for (const auto& file : kFiles) {
    auto path = Shared(std::string("data/real/stepping-stones-indicators/") + file.name + ".csv");
    auto table = interop::ReadDataTable(path, ReadText(path));
    ASSERT_TRUE(table) << table.error().message;
    auto data = interop::ReadDataPoints(*table, {file.date_column, file.value_column, file.group_column, false, {}});
    ASSERT_TRUE(data.errors.empty()) << file.name << ": line " << data.errors.front().line << " " << data.errors.front().reason;
    auto expected = PythonCounts(path, file);
    ASSERT_EQ(data.series.size(), expected.size()) << file.name;
    std::size_t skipped = 0;
    for (auto& [group, counts] : expected.items()) {
      auto series = std::find_if(data.series.begin(), data.series.end(), [&](const auto& s) { return s.group == group; });
      ASSERT_NE(series, data.series.end()) << file.name << " " << group;
      EXPECT_EQ(series->points.size(), counts[0].get<std::size_t>()) << file.name << " " << group;
      skipped += counts[1].get<std::size_t>();
      for (std::size_t point_idx = 1; point_idx < series->points.size(); ++point_idx)
        EXPECT_LT(series->points[point_idx - 1].date, series->points[point_idx].date);
    }
    EXPECT_EQ(data.skipped.size(), skipped) << file.name << ": no silent drops";
    for (const auto& issue : data.skipped) EXPECT_GT(issue.line, 1u);
    EXPECT_EQ(data.rows, table->rows.size());
  }
}

TEST(DataImport, DatesFromYearsSchoolYearsAndTimestamps) {
  EXPECT_EQ(interop::ParseDateCell("2018", false), "2018-12-31");
  EXPECT_EQ(interop::ParseDateCell("2018", true), "2018-01-01");
  EXPECT_EQ(interop::ParseDateCell("2018-2019", false), "2019-06-30");
  EXPECT_EQ(interop::ParseDateCell("2018-2019", true), "2018-07-01");
  EXPECT_EQ(interop::ParseDateCell("AY 2002-03", false), "2003-06-30");
  EXPECT_EQ(interop::ParseDateCell("1999-00", false), "2000-06-30");
  EXPECT_EQ(interop::ParseDateCell("2022-01-26T00:00:00Z", false), "2022-01-26");
  EXPECT_EQ(interop::ParseDateCell("2020-02", false), "2020-02-29");
  EXPECT_EQ(interop::ParseDateCell("2018-2020", false), std::nullopt);
  EXPECT_EQ(interop::ParseDateCell("2021-02-29", false), std::nullopt);
  EXPECT_EQ(interop::ParseDateCell("soon", false), std::nullopt);
}

interop::DataImport ImportText(const std::string& text, const std::string& group = "locality") {
  auto table = interop::ReadDataTable("t.csv", text);
  if (!table) {
    interop::DataImport failed;
    failed.errors.push_back({0, "", table.error().message});
    return failed;
  }
  return interop::ReadDataPoints(*table, {"year", "rate", group, false, {}});
}

TEST(DataImport, BrokenFilesAreRefusedWithLineColumnAndReason) {
  auto text_in_number = ImportText("year,locality,rate\n2019,A,1.5\n2020,A,about two\n");
  ASSERT_EQ(text_in_number.errors.size(), 1u);
  EXPECT_EQ(text_in_number.errors[0].line, 3u);
  EXPECT_EQ(text_in_number.errors[0].column, "rate");
  EXPECT_NE(text_in_number.errors[0].reason.find("not a number"), std::string::npos);

  auto missing_date = ImportText("year,locality,rate\n2019,A,1.5\n,A,2\n");
  ASSERT_EQ(missing_date.errors.size(), 1u);
  EXPECT_EQ(missing_date.errors[0].line, 3u);
  EXPECT_EQ(missing_date.errors[0].column, "year");
  EXPECT_NE(missing_date.errors[0].reason.find("missing"), std::string::npos);

  auto duplicate = ImportText("year,locality,rate\n2019,A,1.5\n2019,B,1\n2020,A,2\n2019,A,3\n");
  ASSERT_EQ(duplicate.errors.size(), 1u);
  EXPECT_EQ(duplicate.errors[0].line, 5u);
  EXPECT_NE(duplicate.errors[0].reason.find("line 2"), std::string::npos);

  EXPECT_FALSE(ImportText("").errors.empty());
  auto header_only = ImportText("year,locality,rate\n");
  ASSERT_FALSE(header_only.errors.empty());
  EXPECT_NE(header_only.errors[0].reason.find("no data rows"), std::string::npos);
  EXPECT_FALSE(ImportText("year,locality,rate\n2019,A,1\n", "region").errors.empty());

  // NA is not an error: skipped and reported with its line.
  auto with_na = ImportText("year,locality,rate\n2019,A,1.5\n2020,A,NA\n2021,A,\n");
  EXPECT_TRUE(with_na.errors.empty());
  ASSERT_EQ(with_na.skipped.size(), 2u);
  EXPECT_EQ(with_na.skipped[0].line, 3u);
  EXPECT_EQ(with_na.skipped[1].line, 4u);
}

TEST(DataImport, GuessesTheColumnsOfTheRealFiles) {
  auto path = Shared("data/real/stepping-stones-indicators/foster_care.csv");
  auto table = interop::ReadDataTable(path, ReadText(path));
  ASSERT_TRUE(table);
  auto guess = interop::GuessColumns(*table);
  EXPECT_EQ(guess.date_column, "year");
  EXPECT_EQ(guess.value_column, "fc_rate");
  EXPECT_EQ(guess.group_column, "locality");
}

}  // namespace
}  // namespace coalign::testing

namespace coalign::testing {
namespace {

TEST(ImportDataCommand, PreviewsCommitsOneBatchAndRefusesBrokenFilesStoringNothing) {
  TempDir dir;
  auto db = dir.File("cli.db");
  auto imported = RunCommand({COALIGN_BINARY, "import", "--db", db, Shared("data/demo/dementia-network-calgary.coalign.json")});
  ASSERT_EQ(imported.status, 0) << imported.err;
  auto file = Shared("data/real/stepping-stones-indicators/infant_mortality.csv");
  std::vector<std::string> base = {COALIGN_BINARY, "import-data", file, "--db", db, "--coalition", "1", "--statement", "IM1a",
                                   "--date-column", "year", "--value-column", "rate_3yr", "--group-column", "locality",
                                   "--direction", "down"};
  auto dry = base;
  dry.push_back("--dry-run");
  auto preview = RunCommand(dry);
  ASSERT_EQ(preview.status, 0) << preview.err;
  EXPECT_NE(preview.err.find("preview: 62 rows"), std::string::npos) << preview.err;
  EXPECT_NE(preview.err.find("skipped line 2: no value (\"NA\")"), std::string::npos) << preview.err;
  EXPECT_NE(preview.out.find("nothing stored"), std::string::npos);
  auto committed = RunCommand(base);
  ASSERT_EQ(committed.status, 0) << committed.err;
  EXPECT_NE(committed.out.find("imported 56 data points into 3 measure(s); 6 row(s) skipped; revision 2"), std::string::npos)
      << committed.out;
  // A broken file: refused with its line, nothing stored (the revision stays 2).
  WriteText(dir.File("broken.csv"), "year,locality,rate_3yr\n2019,A,1\n2020,A,n/a?\n");
  auto broken = base;
  broken[2] = dir.File("broken.csv");
  auto refused = RunCommand(broken);
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("line 3 column rate_3yr: \"n/a?\" is not a number"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was stored"), std::string::npos);
  auto xlsx = base;
  xlsx[2] = dir.File("sheet.xlsx");
  auto said = RunCommand(xlsx);
  EXPECT_EQ(said.status, 2);
  EXPECT_NE(said.err.find("CSV only"), std::string::npos) << said.err;
  auto exported = RunCommand({COALIGN_BINARY, "export", "--db", db, "--coalition", "1"});
  ASSERT_EQ(exported.status, 0);
  auto document = nlohmann::json::parse(exported.out);
  EXPECT_EQ(document["measures"].size(), 3u);
  EXPECT_EQ(document["data_points"].size(), 56u);
  EXPECT_EQ(document["data_points"][0]["entered_by"], "import");
}

}  // namespace
}  // namespace coalign::testing
