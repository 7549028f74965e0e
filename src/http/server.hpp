// The HTTP server (Boost.Beast, C++20 coroutines): accepts connections on one address,
// parses requests with size limits, and hands each to a Router. The only file that
// includes Beast, because Beast is slow to compile.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace coalign::http {
class LiveHub;
}

namespace coalign::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port
  std::size_t max_body_bytes = 40 * 1024 * 1024;
  int threads = 4;
};

class Server {
 public:
  // With a hub, WebSocket upgrades of /api/coalitions/{id}/live join its live feed.
  Server(const Router& router, ServerOptions options, LiveHub* live = nullptr);
  ~Server();
  // Binds the socket; returns the port bound (useful with port 0) or throws.
  std::uint16_t Bind();
  // Serves until Stop() or SIGINT/SIGTERM.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coalign::http
