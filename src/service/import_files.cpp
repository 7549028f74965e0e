#include "service/import_files.hpp"

#include "interop/csv_import.hpp"
#include "interop/native_document.hpp"

namespace coalign::service {
namespace {

bool LooksLikeJson(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

std::string BaseName(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.find('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

}  // namespace

Result<ImportOutcome> ImportFiles(MapService& maps, const ImportRequest& request) {
  if (request.files.empty()) return Error{"give one native document, or an elements and a connections file", "files"};
  if (request.files.size() > 2) return Error{"at most two files: elements and connections", "files"};
  for (const auto& file : request.files) {
    if (file.text.size() > kMaxImportBytes)
      return Error{file.name + " is larger than " + std::to_string(kMaxImportBytes / (1024 * 1024)) + " MB", "files"};
    if (file.text.find_first_not_of(" \t\r\n") == std::string::npos) return Error{file.name + " is empty", "files"};
  }

  if (request.files.size() == 1 && LooksLikeJson(request.files[0].text)) {
    if (!request.columns.empty()) return Error{"--column applies to CSV files, not to a native document", "column"};
    auto document = interop::ReadNativeDocument(request.files[0].text);
    if (!document) return Error{request.files[0].name + ": " + document.error().message, document.error().field};
    auto& map = document->map;
    if (!request.name.empty()) map.info.name = request.name;
    if (map.info.name.empty()) map.info.name = BaseName(request.files[0].name);
    return maps.ImportDocument(map, std::move(document->problems), request.strict, request.author);
  }
  for (const auto& file : request.files)
    if (LooksLikeJson(file.text)) return Error{file.name + " is JSON: import a native document on its own", "files"};

  std::vector<interop::ColumnOverride> overrides;
  for (const auto& [role, header] : request.columns) {
    auto parsed = interop::ParseColumnOverride(role + "=" + header);
    if (!parsed) return parsed.error();
    overrides.push_back(*parsed);
  }
  std::vector<interop::CsvFile> files;
  for (const auto& file : request.files) files.push_back({file.name, file.text});
  auto sorted = interop::SortElementConnectionFiles(std::move(files), overrides);
  if (!sorted) return sorted.error();
  std::string name = request.name.empty() ? BaseName(sorted->elements ? sorted->elements->name : sorted->connections.name)
                                          : request.name;
  auto document = interop::ReadElementConnectionCsv(sorted->elements, sorted->connections, overrides, name);
  if (!document) return document.error();
  return maps.ImportDocument(document->map, std::move(document->problems), request.strict, request.author);
}

}  // namespace coalign::service
