// libFuzzer target for the CSV element/connection importer (not built by default).
// The input is one connections file, or an elements file and a connections file split by
// the byte 0x1E. Any result must be an error or a map that keeps the map's rules and
// survives the native document unchanged.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
//     tests/fuzz/csv_import_fuzz.cpp src/interop/csv_import.cpp src/interop/csv_table.cpp \
//     src/interop/json_codec.cpp src/interop/native_document.cpp src/ops/*.cpp -lcsv -o csv_import_fuzz
//   ./csv_import_fuzz -max_len=4096 -max_total_time=60
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <utility>

#include "interop/csv_import.hpp"
#include "interop/json_codec.hpp"
#include "interop/native_document.hpp"

namespace {

void Require(bool condition, const char* what) {
  if (condition) return;
  std::cerr << "csv_import_fuzz: broken rule: " << what << "\n";
  std::abort();
}

void CheckMap(const coalign::model::MapState& map) {
  std::set<std::string> statement_ids, link_ids;
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& statement : map.statements) {
    Require(!statement.id.empty() && statement_ids.insert(statement.id).second, "statement ids unique");
    Require(!statement.title.empty(), "statement title not empty");
    if (!statement.extra.empty()) Require(coalign::interop::Json::parse(statement.extra).is_object(), "extra is an object");
  }
  for (const auto& statement : map.statements)
    if (statement.parent) Require(statement_ids.count(*statement.parent) > 0, "parent exists");
  for (const auto& link : map.links) {
    Require(!link.id.empty() && link_ids.insert(link.id).second, "link ids unique");
    Require(statement_ids.count(link.from) && statement_ids.count(link.to), "link ends exist");
    Require(link.from != link.to, "no self-links");
    Require(pairs.insert({link.from, link.to}).second, "no duplicate links");
    Require(link.polarity >= -1 && link.polarity <= 1, "polarity -1, 0 or 1");
    Require(link.weight >= 0 && link.weight <= 1, "weight 0..1");
    if (!link.extra.empty()) Require(coalign::interop::Json::parse(link.extra).is_object(), "extra is an object");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::optional<coalign::interop::CsvFile> elements;
  coalign::interop::CsvFile connections{"edges.csv", input};
  if (auto split = input.find('\x1e'); split != std::string::npos) {
    elements = coalign::interop::CsvFile{"nodes.csv", input.substr(0, split)};
    connections.text = input.substr(split + 1);
  }
  auto result = coalign::interop::ReadElementConnectionCsv(elements, connections, {}, "fuzz");
  if (!result.ok()) {
    Require(!result.error().message.empty(), "an error says what is wrong");
    return 0;
  }
  CheckMap(result->map);
  auto reread = coalign::interop::ReadNativeDocument(coalign::interop::WriteNativeDocument(result->map, false));
  Require(reread.ok() && reread->problems.empty() && reread->map == result->map, "native document round trip");
  return 0;
}
