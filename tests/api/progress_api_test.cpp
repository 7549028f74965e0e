// The progress API (issue 4) on a real server: the Dementia Network Calgary demo with the
// Stepping Stones series attached as measures through the import endpoint, and a random
// document with hundreds of measures; /progress must equal progress_reference.py run on
// the coalition's own export, on several dates. Broken files store nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "interop/native_document.hpp"
#include "support/http_client.hpp"
#include "support/json_files.hpp"
#include "support/random_progress_doc.hpp"
#include "support/server_process.hpp"

namespace coalign::testing {
namespace {

using Json = nlohmann::json;

class ProgressApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.File("progress.db"));
    auto imported = Post(server_->BaseUrl() + "/api/coalitions/import",
                         ReadText(Shared("data/demo/dementia-network-calgary.coalign.json")));
    ASSERT_EQ(imported.status, 201) << imported.body;
    base_ = server_->BaseUrl() + "/api/coalitions/" + std::to_string(Json::parse(imported.body)["id"].get<int>());
  }
  int Revision() { return Json::parse(Get(base_ + "/measures").body)["revision"].get<int>(); }

  // /progress equals the reference on the coalition's export, on each date.
  void ExpectEqualsReference(const std::string& base, const std::vector<std::string>& dates) {
    auto exported = Get(base + "/export");
    ASSERT_EQ(exported.status, 200);
    auto path = dir_.File("export.json");
    WriteText(path, exported.body);
    for (const auto& as_of : dates) {
      auto reference = RunCommand({"/usr/bin/python3", Shared("reference/progress_reference.py"), path, "--as-of", as_of});
      ASSERT_EQ(reference.status, 0) << reference.err;
      auto api = Get(base + "/progress?as_of=" + as_of);
      ASSERT_EQ(api.status, 200) << api.body;
      EXPECT_EQ(Json::parse(api.body), Json::parse(reference.out)) << "as of " << as_of;
      EXPECT_EQ(api.body + "\n", reference.out) << "byte for byte, as of " << as_of;
    }
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::string base_;
};

struct SeriesFile {
  const char* name;
  const char* date_column;
  const char* value_column;
  const char* group_column;
  const char* statement;
  const char* direction;
};

TEST_F(ProgressApiTest, SteppingStonesOnTheDementiaMapEqualTheReferenceOnSeveralDates) {
  const SeriesFile files[] = {
      {"foster_care", "year", "fc_rate", "locality", "IM1a", "down"},
      {"child_welfare_reports", "year", "cps_rate", "locality", "IM1b", "down"},
      {"child_pov", "year", "pct_child_pov", "county_fips", "IM1c", "down"},
      {"infant_mortality", "year", "rate_3yr", "locality", "IM2a", "down"},
      {"pitcount_homeless", "date_of_count", "count", "type", "IM2b", "down"},
      {"pals_kindergarten_updated", "school_year", "percent", "location", "IM2", "down"},
      {"graduation_rates", "cohort_year", "graduation_rate", "division_name", "IM1", "up"},
      {"rent_burdened", "year", "percent_over_30", "NAME", "PI", "down"},
  };
  std::size_t total_points = 0;
  std::vector<std::string> measure_ids;
  for (const auto& file : files) {
    auto content = ReadText(Shared(std::string("data/real/stepping-stones-indicators/") + file.name + ".csv"));
    // Without columns: the columns and a guess.
    auto columns = Post(base_ + "/imports/data-points", Json{{"format", "csv"}, {"content", content}}.dump());
    ASSERT_EQ(columns.status, 200) << columns.body;
    EXPECT_FALSE(Json::parse(columns.body)["columns"].empty());
    Json request{{"format", "csv"},         {"content", content},       {"date_column", file.date_column},
                 {"value_column", file.value_column}, {"group_column", file.group_column}, {"statement", file.statement},
                 {"measure", {{"name", file.name}, {"direction", file.direction}, {"unit", "rate"}}}, {"commit", false}};
    auto preview = Post(base_ + "/imports/data-points", request.dump());
    ASSERT_EQ(preview.status, 200) << preview.body;
    auto previewed = Json::parse(preview.body);
    EXPECT_EQ(previewed["measures"].size(), 3u) << file.name;
    int revision = Revision();
    request["commit"] = true;
    request["base_revision"] = revision;
    auto committed = Post(base_ + "/imports/data-points", request.dump());
    ASSERT_EQ(committed.status, 200) << committed.body;
    auto answer = Json::parse(committed.body);
    EXPECT_EQ(answer["revision"], revision + 1);  // one batch
    EXPECT_EQ(answer["points"], previewed["points"]);
    total_points += answer["points"].get<std::size_t>();
    for (const auto& id : answer["measures"]) measure_ids.push_back(id.get<std::string>());
  }
  // Targets: each series is to improve 20% on its baseline by 2025 (half of them also in 2015).
  auto measures = Json::parse(Get(base_ + "/measures").body);
  ASSERT_EQ(measures["measures"].size(), measure_ids.size());
  Json ops = Json::array();
  std::size_t stored_points = 0;
  for (std::size_t measure_idx = 0; measure_idx < measures["measures"].size(); ++measure_idx) {
    const auto& measure = measures["measures"][measure_idx];
    stored_points += measure["points"].size();
    double baseline = measure["baseline"]["value"].get<double>();
    double better = measure["direction"] == "up" ? baseline * 1.2 : baseline * 0.8;
    Json targets = Json::array({{{"date", "2025-12-31"}, {"value", better}}});
    if (measure_idx % 2) targets.push_back({{"date", "2015-12-31"}, {"value", (baseline + better) / 2}});
    ops.push_back({{"op", "update_measure"}, {"id", measure["id"]}, {"set", {{"targets", targets}, {"period_days", 365}}}});
  }
  EXPECT_EQ(stored_points, total_points);
  ops.push_back({{"op", "update_settings"}, {"set", {{"on_track", 0.9}, {"at_risk", 0.6}}}});
  auto changed = Post(base_ + "/changes", Json{{"base_revision", Revision()}, {"ops", ops}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  ExpectEqualsReference(base_, {"2005-01-01", "2010-06-30", "2014-12-31", "2018-03-01", "2021-12-31", "2026-06-30"});

  // Something to compare: on 2018-03-01 more than one status shows, and statements roll up.
  auto progress = Json::parse(Get(base_ + "/progress?as_of=2018-03-01").body);
  std::set<std::string> statuses;
  for (auto& [id, status] : progress["measures"].items()) statuses.insert(status["status"].get<std::string>());
  EXPECT_GE(statuses.size(), 2u);
  EXPECT_FALSE(progress["statements"]["IM1"]["score"].is_null());

  // The CSV has a row per point; history speaks of the entries and the targets.
  auto csv = Get(base_ + "/data-points.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.body.begin(), csv.body.end(), '\n')), total_points + 1);
  auto history = Get(base_ + "/history?limit=20").body;
  EXPECT_NE(history.find("entered 17 data points for 'foster_care'"), std::string::npos) << history.substr(0, 600);
  EXPECT_NE(history.find("changed the reporting period and targets of 'foster_care'"), std::string::npos);
}

TEST_F(ProgressApiTest, BrokenFilesAreRefusedWithLinesAndStoreNothing) {
  int revision = Revision();
  struct Case {
    const char* content;
    std::size_t line;
    const char* reason;
  };
  const Case cases[] = {
      {"year,locality,rate\n2019,A,1\n2020,A,lots\n", 3, "not a number"},
      {"year,locality,rate\n2019,A,1\n,A,2\n", 3, "date is missing"},
      {"year,locality,rate\n2019,A,1\n2019,A,2\n", 3, "a second row"},
      {"year,locality,rate\n", 0, "no data rows"},
      {"", 0, "empty"},
  };
  for (const auto& broken : cases) {
    Json request{{"format", "csv"}, {"content", broken.content}, {"date_column", "year"}, {"value_column", "rate"},
                 {"group_column", "locality"}, {"statement", "IM1"}, {"commit", true}};
    auto answer = Post(base_ + "/imports/data-points", request.dump());
    if (std::string(broken.content).empty()) {
      EXPECT_EQ(answer.status, 422) << answer.body;
      EXPECT_NE(answer.body.find(broken.reason), std::string::npos) << answer.body;
      continue;
    }
    ASSERT_EQ(answer.status, 422) << broken.content << answer.body;
    auto problem = Json::parse(answer.body);
    ASSERT_FALSE(problem["errors"].empty());
    EXPECT_EQ(problem["errors"][0]["line"], broken.line) << answer.body;
    EXPECT_NE(problem["errors"][0]["reason"].get<std::string>().find(broken.reason), std::string::npos) << answer.body;
  }
  auto xlsx = Post(base_ + "/imports/data-points", Json{{"format", "xlsx"}, {"content", "UEsDBA=="}}.dump());
  EXPECT_EQ(xlsx.status, 415);
  EXPECT_EQ(Revision(), revision);
  EXPECT_TRUE(Json::parse(Get(base_ + "/measures").body)["measures"].empty());
}

TEST_F(ProgressApiTest, ARandomDocumentWithHundredsOfMeasuresEqualsTheReference) {
  for (std::uint64_t seed : {21u, 22u}) {
    auto document = RandomProgressDocument(seed, 250, 600);
    auto imported = Post(server_->BaseUrl() + "/api/coalitions/import", interop::WriteNativeDocument(document));
    ASSERT_EQ(imported.status, 201) << imported.body.substr(0, 400);
    auto base = server_->BaseUrl() + "/api/coalitions/" + std::to_string(Json::parse(imported.body)["id"].get<int>());
    ASSERT_EQ(Json::parse(Get(base + "/measures").body)["measures"].size(), 600u);
    ExpectEqualsReference(base, {"2006-07-01", "2013-01-01", "2019-12-31", "2028-02-29"});
  }
}

TEST_F(ProgressApiTest, EditsThroughChangesAreLiveUndoableAndStamped) {
  Json add{{"op", "add_measure"},
           {"measure", {{"statement", "IM1a"}, {"name", "Families served"}, {"kind", "performance"},
                        {"baseline", {{"date", "2021-01-01"}, {"value", 10}}}, {"targets", {{{"date", "2023-01-01"}, {"value", 30}}}}}}};
  auto added = Post(base_ + "/changes", Json{{"base_revision", Revision()}, {"ops", {add}}}.dump());
  ASSERT_EQ(added.status, 200) << added.body;
  std::string id = Json::parse(added.body)["ids"][0].get<std::string>();
  Json points{{"op", "set_data_points"},
              {"measure", id},
              {"points", {{{"date", "2022-01-01"}, {"value", 20}, {"entered_by", "Mallory"}}}}};
  ASSERT_EQ(Post(base_ + "/changes", Json{{"base_revision", Revision()}, {"ops", {points}}}.dump()).status, 200);
  auto measures = Json::parse(Get(base_ + "/measures").body);
  EXPECT_EQ(measures["measures"][0]["points"][0]["entered_by"], "Test Admin");  // stamped, not as sent
  auto progress = Json::parse(Get(base_ + "/progress?as_of=2022-06-01").body);
  EXPECT_EQ(progress["measures"][id]["score"], 1.0);  // 20 is on the line from 10 to 30
  EXPECT_EQ(progress["measures"][id]["status"], "on_track");
  // Remove the measure, then undo: the point comes back exactly.
  ASSERT_EQ(Post(base_ + "/changes", Json{{"base_revision", Revision()}, {"ops", {{{"op", "remove_measure"}, {"id", id}}}}}.dump()).status, 200);
  EXPECT_TRUE(Json::parse(Get(base_ + "/measures").body)["measures"].empty());
  auto undo = Post(base_ + "/undo", Json{{"revision", Revision()}}.dump());
  ASSERT_EQ(undo.status, 200) << undo.body;
  EXPECT_EQ(Json::parse(Get(base_ + "/measures").body)["measures"], measures["measures"]);
  // Bad values are refused with the field.
  auto refused = Post(base_ + "/changes", Json{{"base_revision", Revision()},
                                               {"ops", {{{"op", "update_settings"}, {"set", {{"at_risk", 1.2}}}}}}}.dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("at_risk"), std::string::npos);
  EXPECT_EQ(Get(base_ + "/progress?as_of=2021-13-01").status, 422);
}

}  // namespace
}  // namespace coalign::testing
