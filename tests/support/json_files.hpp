// Reading test inputs: whole files, and where the shared data lives.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace coalign::testing {

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string Shared(const std::string& relative) { return std::string(COALIGN_SHARED_DIR) + "/" + relative; }

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace coalign::testing
