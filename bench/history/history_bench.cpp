// Time travel on a long history (DESIGN.md §3 "one read path": reads at a past revision
// rebuild from the change log, with periodic checkpoints). Builds a 10,000-change history
// of renames, additions, links and re-ratings on a 300-statement map, then reads revision
// 1 and a middle revision with checkpoints (every 100 revisions) and without (replaying
// inverses back from the current map), and prints the times and their ratio.
//
//   history_bench [CHANGES] [DB_DIR]      (defaults: 10000, /dev/shm or /tmp)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <unistd.h>
#include <string>
#include <vector>

#include "service/history_service.hpp"

using namespace coalign;

namespace {

double MedianMs(const std::function<void()>& run, int repeats) {
  std::vector<double> times;
  for (int repeat = 0; repeat < repeats; ++repeat) {
    auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int changes = argc > 1 ? std::atoi(argv[1]) : 10000;
  std::string dir = argc > 2 ? argv[2] : (std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp");
  std::string path = dir + "/coalign-history-bench-" + std::to_string(::getpid()) + ".db";
  auto opened = store::OpenSqliteStore(path);
  if (!opened) {
    std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), opened.error().message.c_str());
    return 1;
  }
  service::MapService maps(**opened);
  service::HistoryService with(maps, service::HistoryOptions{100});
  service::HistoryService without(maps, service::HistoryOptions{0});
  maps.OnCommitted([&with](const service::CommittedChange& change) { with.OnCommitted(change); });
  auto coalition = maps.CreateCoalition(model::CoalitionInfo{"History bench", "", ""}).value();

  std::mt19937 random(42);
  std::vector<ops::Op> first;
  std::vector<std::string> ids;
  for (int statement_idx = 0; statement_idx < 300; ++statement_idx) {
    model::Statement statement;
    statement.id = "S" + std::to_string(statement_idx);
    statement.title = "Statement " + std::to_string(statement_idx);
    if (statement_idx >= 20) statement.parent = "S" + std::to_string(random() % 20);
    first.push_back(ops::AddStatement{statement, std::nullopt});
    ids.push_back(statement.id);
  }
  std::vector<std::string> links;
  auto build_start = std::chrono::steady_clock::now();
  service::Revision revision = maps.Commit(coalition, 0, first, "bench").revision;
  for (int change_idx = 1; change_idx < changes; ++change_idx) {
    std::vector<ops::Op> batch;
    const auto& pick = ids[random() % ids.size()];
    switch (change_idx % 4) {
      case 0: batch.push_back(ops::UpdateStatement{pick, {{"title", std::string("Title ") + std::to_string(change_idx)}}}); break;
      case 1: {
        model::Statement statement;
        statement.id = "N" + std::to_string(change_idx);
        statement.title = "New " + std::to_string(change_idx);
        statement.parent = pick;
        batch.push_back(ops::AddStatement{statement, std::nullopt});
        ids.push_back(statement.id);
        break;
      }
      case 2: {
        model::Link link;
        link.id = "L" + std::to_string(change_idx);
        link.from = pick;
        link.to = ids[random() % ids.size()];
        if (link.from == link.to) link.to = ids[(random() % (ids.size() - 1) + 1 + (&pick - ids.data())) % ids.size()];
        batch.push_back(ops::AddLink{link, std::nullopt});
        break;
      }
      default:
        if (!links.empty()) batch.push_back(ops::UpdateLink{links[random() % links.size()], {{"weight", (random() % 100) / 100.0}}});
        else batch.push_back(ops::UpdateStatement{pick, {{"description", std::string("note")}}});
    }
    auto outcome = maps.Commit(coalition, revision, batch, "bench");
    if (outcome.status != service::CommitStatus::committed) continue;  // a duplicate link pair: skip it
    if (change_idx % 4 == 2) links.push_back("L" + std::to_string(change_idx));
    revision = outcome.revision;
  }
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  const service::Revision middle = revision / 2;
  std::printf("history: %lld changes on %zu statements, %zu links (built in %.1f s)\n", static_cast<long long>(revision),
              ids.size(), links.size(), build_s);

  auto read = [&](service::HistoryService& history, service::Revision at) {
    return [&history, coalition, at] {
      auto map = history.MapAt(coalition, at);
      if (!map) std::fprintf(stderr, "read failed: %s\n", map.error().message.c_str());
    };
  };
  // Same answers first.
  if (!(*with.MapAt(coalition, 1)->map == *without.MapAt(coalition, 1)->map) ||
      !(*with.MapAt(coalition, middle)->map == *without.MapAt(coalition, middle)->map)) {
    std::fprintf(stderr, "checkpointed and replayed maps differ\n");
    return 1;
  }
  for (auto [label, at] : {std::pair{"revision 1", service::Revision{1}}, std::pair{"middle revision", middle}}) {
    double slow = MedianMs(read(without, at), 3);
    double fast = MedianMs(read(with, at), 7);
    std::printf("%-16s (r%lld): without checkpoints %8.1f ms, with checkpoints %6.1f ms, ratio %.0fx\n", label,
                static_cast<long long>(at), slow, fast, slow / fast);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
