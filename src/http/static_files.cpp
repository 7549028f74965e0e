#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "http/router.hpp"

namespace coalign::http {
namespace {

std::string ContentTypeOf(const std::filesystem::path& path) {
  auto extension = path.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json" || extension == ".map") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  namespace fs = std::filesystem;
  std::error_code error;
  auto root = fs::weakly_canonical(fs::path(root_), error);
  // Resolve the path inside the root; anything escaping it ("..") is not served.
  auto relative = request.path.empty() || request.path == "/" ? std::string("index.html") : request.path.substr(1);
  auto candidate = fs::weakly_canonical(root / relative, error);
  auto root_text = root.string();
  bool inside = !error && candidate.string().rfind(root_text, 0) == 0;
  bool is_asset = relative.find('.') != std::string::npos && relative.rfind("assets/", 0) == 0;
  if (inside && fs::is_regular_file(candidate)) {
    auto body = ReadFile(candidate);
    if (body) {
      HttpResponse response{200, ContentTypeOf(candidate), std::move(*body), {}};
      // Built assets carry a content hash in their names: cache them for long.
      response.headers.emplace_back("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
      return response;
    }
  }
  if (is_asset || !inside) return Problem(404, "Not found", "there is no file " + request.path);
  auto index = ReadFile(root / "index.html");
  if (!index) {
    return HttpResponse{503, "text/html; charset=utf-8",
                        "<!doctype html><title>coalign</title><h1>coalign</h1><p>The web app is not built: run "
                        "<code>scripts/build.sh</code> (or <code>npm run build</code> in <code>web/</code>). The API "
                        "is at <a href=\"/api/coalitions\">/api/coalitions</a>.</p>",
                        {}};
  }
  HttpResponse response{200, "text/html; charset=utf-8", std::move(*index), {}};
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace coalign::http
