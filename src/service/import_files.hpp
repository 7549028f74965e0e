// Import of the files people have: one native document, or an elements file and a
// connections file (CSV, Kumu's convention), or a connections file alone. Used by the
// CLI's `import` and the API's upload alike.
#pragma once

#include <string>
#include <vector>

#include "service/map_service.hpp"

namespace coalign::service {

struct NamedFile {
  std::string name;  // as the user gave it, for messages
  std::string text;
};

struct ImportRequest {
  std::vector<NamedFile> files;
  std::string name;  // the coalition's name; default: the document's or the file's
  std::vector<std::pair<std::string, std::string>> columns;  // --column ROLE=HEADER
  bool strict = false;
  std::string author;
};

inline constexpr std::size_t kMaxImportBytes = 32 * 1024 * 1024;

Result<ImportOutcome> ImportFiles(MapService& maps, const ImportRequest& request);

}  // namespace coalign::service
