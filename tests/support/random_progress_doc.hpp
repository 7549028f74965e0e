// A random native document with a containment tree, measures (targets before and after
// their baselines, targets equal to the baseline, no targets, weights 0 and fractional,
// both directions) and data points, from a fixed seed: for comparing the progress
// engine and API with shared/reference/progress_reference.py.
#pragma once

#include <cstdio>
#include <random>
#include <set>
#include <string>

#include "model/map_state.hpp"

namespace coalign::testing {

inline std::string RandomDate(std::mt19937_64& random, int first_year = 2005, int last_year = 2030) {
  std::uniform_int_distribution<int> year(first_year, last_year), month(1, 12), day(1, 28);
  char buffer[16];
  int m = month(random);
  int d = day(random);
  if (random() % 10 == 0) d = m == 2 ? 28 : 30;  // month ends
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year(random), m, d);
  return buffer;
}

inline model::MapState RandomProgressDocument(std::uint64_t seed, std::size_t statements, std::size_t measures) {
  std::mt19937_64 random(seed);
  model::MapState map;
  map.info.name = "Random progress " + std::to_string(seed);
  for (std::size_t statement_idx = 0; statement_idx < statements; ++statement_idx) {
    model::Statement statement;
    statement.id = "S" + std::to_string(statement_idx);
    statement.title = "Statement " + std::to_string(statement_idx);
    if (statement_idx > 0 && random() % 5 != 0) statement.parent = "S" + std::to_string(random() % statement_idx);
    map.statements.push_back(std::move(statement));
  }
  auto value = [&random](double low, double high) {
    std::uniform_real_distribution<double> uniform(low, high);
    double v = uniform(random);
    switch (random() % 4) {
      case 0: return std::round(v);                 // whole numbers
      case 1: return std::round(v * 10) / 10;       // one decimal
      default: return v;                            // full precision
    }
  };
  for (std::size_t measure_idx = 0; measure_idx < measures; ++measure_idx) {
    model::Measure measure;
    measure.id = "m" + std::to_string(measure_idx);
    measure.statement = "S" + std::to_string(random() % statements);
    measure.name = "Measure " + std::to_string(measure_idx);
    measure.kind = random() % 2 ? "population" : "performance";
    measure.direction = random() % 2 ? "up" : "down";
    measure.baseline = {RandomDate(random, 2005, 2015), value(0, 100)};
    std::size_t targets = random() % 4;
    std::set<std::string> target_dates;
    for (std::size_t target_idx = 0; target_idx < targets; ++target_idx) {
      std::string date = RandomDate(random, 2003, 2032);
      if (!target_dates.insert(date).second) continue;
      double target = random() % 8 == 0 ? measure.baseline.value : value(0, 100);
      measure.targets.push_back({date, target});
    }
    measure.period_days = random() % 3 == 0 ? 90 : random() % 2 ? 365 : 30.5;
    measure.weight = random() % 6 == 0 ? 0 : random() % 3 == 0 ? value(0.1, 3) : 1;
    measure.group = random() % 3 == 0 ? "Group " + std::to_string(random() % 4) : "";
    std::size_t points = random() % 25;
    std::set<std::string> dates;
    for (std::size_t point_idx = 0; point_idx < points; ++point_idx) dates.insert(RandomDate(random, 2003, 2030));
    auto& series = map.data_points[measure.id];
    for (const auto& date : dates) {
      double v = random() % 10 == 0 ? measure.baseline.value : value(-20, 140);
      series.push_back({date, v, random() % 7 == 0 ? "checked" : "", "Generator"});
    }
    if (series.empty()) map.data_points.erase(measure.id);
    map.measures.push_back(std::move(measure));
  }
  std::uniform_real_distribution<double> at_risk(0.3, 0.9);
  double risk = std::round(at_risk(random) * 100) / 100;
  map.settings = {std::min(1.5, risk + 0.2), risk};
  return map;
}

}  // namespace coalign::testing
