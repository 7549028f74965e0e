// What an importer could not take from a file: each problem with where it was, so that
// nothing is dropped silently.
#pragma once

#include <string>
#include <vector>

namespace coalign::interop {

struct ImportProblem {
  std::string where;    // "edges.csv line 12", "statements[3]"
  std::string message;  // what was wrong and what was done about it
  bool skipped = true;  // the row or item was left out (false: kept, with a note)
};

using ImportProblems = std::vector<ImportProblem>;

}  // namespace coalign::interop
