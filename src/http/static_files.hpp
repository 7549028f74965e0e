// Serves the built web app: files under a root folder, and index.html for the app's
// own routes (a single-page app).
#pragma once

#include <string>

#include "http/http_types.hpp"

namespace coalign::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  HttpResponse Serve(const HttpRequest& request) const;

 private:
  std::string root_;
};

}  // namespace coalign::http
