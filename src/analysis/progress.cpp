#include "analysis/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

namespace coalign::analysis {
namespace {

// The reference's expected_at(m, t).
double ExpectedAt(const model::Measure& measure, long t) {
  long b_date = DayNumber(measure.baseline.date);
  double b_val = measure.baseline.value;
  if (measure.targets.empty()) return b_val;
  // The first target (by date; the first given among equal dates) dated on or after t,
  // else the last by date: sorted(targets, key=date) as the reference does.
  const model::DatedValue* next = nullptr;  // earliest date >= t
  const model::DatedValue* last = nullptr;  // latest date (first given among equals)
  for (const auto& target : measure.targets) {
    if (!last || target.date > last->date) last = &target;
    if (DayNumber(target.date) >= t && (!next || target.date < next->date)) next = &target;
  }
  if (!next) next = last;
  long next_day = DayNumber(next->date);
  long span = next_day - b_date;
  if (span <= 0 || t >= next_day) return next->value;
  if (t <= b_date) return b_val;
  return b_val + (next->value - b_val) * static_cast<double>(t - b_date) / static_cast<double>(span);
}

std::string StatusOf(std::optional<double> score, const model::ProgressSettings& settings) {
  if (!score) return "no_data";
  return *score >= settings.on_track ? "on_track" : *score >= settings.at_risk ? "at_risk" : "off_track";
}

MeasureStatus MeasureAsOf(const model::Measure& measure, const model::PointSeries* series, const std::string& as_of,
                          long as_of_day, const model::ProgressSettings& settings) {
  MeasureStatus out;
  out.status = "no_data";
  if (!series || series->empty()) return out;
  // The series is sorted by date: the last point dated on or before as_of.
  auto after = std::upper_bound(series->begin(), series->end(), as_of,
                                [](const std::string& day, const model::DataPoint& point) { return day < point.date; });
  if (after == series->begin()) return out;
  const auto& latest = *(after - 1);
  long t = DayNumber(latest.date);
  double v = latest.value;
  double b = measure.baseline.value;
  double expected = ExpectedAt(measure, t);
  bool up = measure.direction != "down";
  double score;
  if (expected == b) score = (up ? v >= b : v <= b) ? 1.0 : 0.0;
  else score = (v - b) / (expected - b);
  score = std::max(0.0, std::min(1.5, score));
  out.stale = static_cast<double>(as_of_day - t) > 1.5 * measure.period_days;
  out.score = Round6(score);
  out.status = StatusOf(score, settings);  // from the unrounded score, as the reference
  out.value = v;
  out.date = latest.date.substr(0, 10);
  return out;
}

}  // namespace

long DayNumber(const std::string& date) {
  // Howard Hinnant's days_from_civil, on the digits of YYYY-MM-DD.
  auto digits = [&date](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t pos = from; pos < from + count && pos < date.size(); ++pos) value = value * 10 + (date[pos] - '0');
    return value;
  };
  int y = digits(0, 4);
  unsigned m = static_cast<unsigned>(digits(5, 2));
  unsigned d = static_cast<unsigned>(digits(8, 2));
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

double Round6(double value) {
  // glibc's printf rounds the exact binary value correctly (ties to even), as Python's
  // round() does through its correctly rounded dtoa; reading it back gives the same double.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  double rounded = std::strtod(buffer, nullptr);
  return rounded == 0 ? 0.0 : rounded;  // no "-0.0"
}

ProgressReport ComputeProgress(const model::MapState& map, const std::string& as_of) {
  ProgressReport report;
  report.as_of = as_of;
  const long as_of_day = DayNumber(as_of);
  const auto& settings = map.settings;
  // Measures in document order, grouped by statement (order kept: it is the order of the sums).
  std::unordered_map<std::string, std::vector<std::pair<double, std::optional<double>>>> by_statement;
  for (const auto& measure : map.measures) {
    auto series = map.data_points.find(measure.id);
    auto status = MeasureAsOf(measure, series == map.data_points.end() ? nullptr : &series->second.get(), as_of, as_of_day,
                              settings);
    by_statement[measure.statement].emplace_back(measure.weight, status.score);
    report.measures[measure.id] = std::move(status);
  }
  std::unordered_map<std::string, std::vector<std::size_t>> children;  // parent id -> statement indices
  std::vector<std::size_t> roots;
  for (std::size_t statement_idx = 0; statement_idx < map.statements.size(); ++statement_idx) {
    const auto& parent = map.statements[statement_idx].parent;
    if (parent) children[*parent].push_back(statement_idx);
  }
  std::vector<std::optional<double>> rolled(map.statements.size());
  std::vector<char> done(map.statements.size(), 0);  // 0 new, 1 on the path, 2 done
  // Post-order without recursion (deep trees): a statement after all its children.
  for (std::size_t start = 0; start < map.statements.size(); ++start) {
    if (done[start]) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};  // (statement, next child)
    done[start] = 1;
    while (!stack.empty()) {
      auto& [statement_idx, child_pos] = stack.back();
      const auto& statement = map.statements[statement_idx];
      auto kids = children.find(statement.id);
      if (kids != children.end() && child_pos < kids->second.size()) {
        std::size_t child = kids->second[child_pos++];
        if (!done[child]) {
          done[child] = 1;  // (a containment cycle, which the write path refuses, ends here)
          stack.push_back({child, 0});
        }
        continue;
      }
      std::vector<std::pair<double, double>> parts;
      if (auto own = by_statement.find(statement.id); own != by_statement.end())
        for (const auto& [weight, score] : own->second)
          if (score) parts.emplace_back(weight, *score);
      if (kids != children.end())
        for (auto child : kids->second)
          if (rolled[child]) parts.emplace_back(1.0, *rolled[child]);
      double total = 0, sum = 0;
      for (const auto& [weight, score] : parts) total += weight;
      for (const auto& [weight, score] : parts) sum += weight * score;
      if (!parts.empty() && total > 0) rolled[statement_idx] = Round6(sum / total);
      done[statement_idx] = 2;
      stack.pop_back();
    }
  }
  for (std::size_t statement_idx = 0; statement_idx < map.statements.size(); ++statement_idx)
    report.statements[map.statements[statement_idx].id] = {rolled[statement_idx], StatusOf(rolled[statement_idx], settings)};
  return report;
}

}  // namespace coalign::analysis
