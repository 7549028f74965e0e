#include <utility>  // before asio's awaitable.hpp on g++ 12
#include "http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

namespace coalign::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

HttpRequest ToRequest(const bhttp::request<bhttp::string_body>& message) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  std::string target(message.target());
  auto question = target.find('?');
  request.path = UrlDecode(target.substr(0, question), false);
  if (question != std::string::npos) request.query = ParseQuery(target.substr(question + 1));
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[name] = std::string(field.value());
  }
  request.body = message.body();
  return request;
}

bhttp::response<bhttp::string_body> ToMessage(HttpResponse response, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  message.set(bhttp::field::server, "coalign");
  message.set(bhttp::field::content_type, response.content_type);
  message.set("X-Content-Type-Options", "nosniff");
  message.set("Referrer-Policy", "same-origin");
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.keep_alive(keep_alive);
  auto size = response.body.size();
  if (!head) message.body() = std::move(response.body);
  message.content_length(size);
  return message;
}

std::string ProblemJson(int status, const std::string& title, const std::string& detail) {
  auto problem = Problem(status, title, detail);
  return problem.body;
}

}  // namespace

struct Server::Impl {
  const Router& router;
  ServerOptions options;
  asio::io_context io{};
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};

  Impl(const Router& router_in, ServerOptions options_in) : router(router_in), options(std::move(options_in)) {}

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    beast::error_code error;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(options.max_body_bytes);
      parser.header_limit(64 * 1024);
      stream.expires_after(std::chrono::seconds(120));
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
      if (error == bhttp::error::end_of_stream) break;
      if (error == bhttp::error::body_limit || error == bhttp::error::header_limit) {
        bool body = error == bhttp::error::body_limit;
        HttpResponse too_large{413, "application/problem+json",
                               ProblemJson(413, "Too large",
                                           body ? "the request body is larger than " +
                                                      std::to_string(options.max_body_bytes / (1024 * 1024)) +
                                                      " MB; nothing was changed"
                                                : "the request headers are too large"),
                               {}};
        auto message = ToMessage(std::move(too_large), 11, false, false);
        co_await bhttp::async_write(stream, message, asio::redirect_error(asio::use_awaitable, error));
        // Let the client finish sending, so that it reads the answer rather than a reset.
        stream.socket().shutdown(tcp::socket::shutdown_send, error);
        char sink[65536];
        stream.expires_after(std::chrono::seconds(10));
        std::size_t drained = 0;
        while (drained < 256u * 1024 * 1024) {
          auto read = co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, error));
          if (error) break;
          drained += read;
        }
        co_return;
      }
      if (error) {
        if (error != beast::error::timeout && error != asio::error::operation_aborted &&
            error != asio::error::connection_reset && error != asio::error::eof) {
          HttpResponse bad{400, "application/problem+json", ProblemJson(400, "Bad request", error.message()), {}};
          auto message = ToMessage(std::move(bad), 11, false, false);
          co_await bhttp::async_write(stream, message, asio::redirect_error(asio::use_awaitable, error));
        }
        break;
      }
      auto incoming = parser.release();
      bool keep_alive = incoming.keep_alive();
      bool head = incoming.method() == bhttp::verb::head;
      HttpResponse response;
      try {
        auto request = ToRequest(incoming);
        request.remote = stream.socket().remote_endpoint(error).address().to_string();
        if (head) request.method = "GET";
        response = router.Dispatch(request);
      } catch (const std::exception& failure) {
        std::cerr << "coalign: request failed: " << failure.what() << "\n";
        response = Problem(500, "Internal error", "the server could not complete this request; nothing was changed");
      }
      auto message = ToMessage(std::move(response), incoming.version(), keep_alive, head);
      co_await bhttp::async_write(stream, message, asio::redirect_error(asio::use_awaitable, error));
      if (error || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      beast::error_code error;
      auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, error));
      if (error) {
        if (error == asio::error::operation_aborted) co_return;
        continue;
      }
      asio::co_spawn(acceptor.get_executor(), Session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(const Router& router, ServerOptions options) : impl_(std::make_unique<Impl>(router, std::move(options))) {}
Server::~Server() = default;

std::uint16_t Server::Bind() {
  tcp::endpoint endpoint{asio::ip::make_address(impl_->options.host), impl_->options.port};
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  return impl_->acceptor.local_endpoint().port();
}

void Server::Run() {
  impl_->signals.async_wait([this](const beast::error_code&, int) { Stop(); });
  asio::co_spawn(impl_->io, impl_->Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int thread_idx = 1; thread_idx < impl_->options.threads; ++thread_idx) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& thread : threads) thread.join();
}

void Server::Stop() { impl_->io.stop(); }

}  // namespace coalign::http
