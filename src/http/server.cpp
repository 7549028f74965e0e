#include <utility>  // before asio's awaitable.hpp on g++ 12
#include "http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <chrono>
#include <deque>
#include <iostream>
#include <thread>
#include <vector>

#include "http/live_hub.hpp"

// g++ 12 at -O2 reports -Wmismatched-new-delete at the end of some coroutines: asio
// allocates their frames with awaitable_frame_base's own operator new and frees them
// with its matching operator delete (both through asio's recycling allocator), which the
// warning does not see through. A false positive; silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace coalign::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
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

// A browser sends cookies with a WebSocket upgrade from any page, so a page elsewhere
// must not open the live feed: the Origin's host must be ours. Clients that are not
// browsers send no Origin (and no ambient cookies), and are let through.
bool SameOrigin(const std::string& origin, const std::string& host) {
  if (origin.empty()) return true;
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string origin_host = origin.substr(scheme_end + 3);
  auto lower = [](std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  return !host.empty() && lower(origin_host) == lower(host);
}

// One live connection: the WebSocket, and the queue of messages waiting to be written.
// Everything here runs on the session's strand; the hub's sends are posted to it.
struct LiveState {
  explicit LiveState(beast::tcp_stream stream) : ws(std::move(stream)) {}
  websocket::stream<beast::tcp_stream> ws;
  std::deque<std::string> queue;
  std::size_t queued_bytes = 0;
  std::string in_flight;  // the message being written (out of the queue, which may be cleared)
  bool writing = false;   // a write or the close is under way
  bool closed = false;
  std::optional<websocket::close_reason> close_after_flush;
};

constexpr std::size_t kMaxQueuedBytes = 64u * 1024 * 1024;  // a client this far behind is dropped

// On the session's strand: writes the next queued message, unless a write is under way
// (its completion comes back here). A message posted by a commit goes out in the same
// handler that queues it: no timer or coroutine hop per connection.
void WriteNext(const std::shared_ptr<LiveState>& state) {
  if (state->writing || state->closed) return;
  if (state->queue.empty()) {
    if (!state->close_after_flush) return;
    state->writing = true;
    state->ws.async_close(*state->close_after_flush, [state](beast::error_code) { state->closed = true; });
    return;
  }
  state->in_flight = std::move(state->queue.front());
  state->queue.pop_front();
  state->queued_bytes -= state->in_flight.size();
  state->writing = true;
  state->ws.text(true);
  state->ws.async_write(asio::buffer(state->in_flight), [state](beast::error_code error, std::size_t) {
    state->writing = false;
    if (error) {
      state->closed = true;
      return;
    }
    WriteNext(state);
  });
}

}  // namespace

struct Server::Impl {
  const Router& router;
  ServerOptions options;
  LiveHub* live = nullptr;
  asio::io_context io{};
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};

  Impl(const Router& router_in, ServerOptions options_in, LiveHub* live_in)
      : router(router_in), options(std::move(options_in)), live(live_in) {}

  // Admits an upgrade of /api/coalitions/{id}/live like any route (the same gatekeeper,
  // viewer or better), then follows the coalition's feed until either side closes.
  asio::awaitable<void> LiveSession(beast::tcp_stream stream, bhttp::request<bhttp::string_body> incoming,
                                    service::CoalitionId coalition) {
    beast::error_code error;
    auto request = ToRequest(incoming);
    request.params["id"] = std::to_string(coalition);
    std::optional<HttpResponse> refusal;
    if (!SameOrigin(request.Header("origin"), request.Header("host")))
      refusal = Problem(403, "Not allowed", "the live feed only accepts pages served by this server (Origin " +
                                                request.Header("origin").substr(0, 200) + ")");
    if (!refusal) {
      try {
        refusal = router.Admit(request, Access::viewer);
      } catch (const std::exception& failure) {
        std::cerr << "coalign: live feed admission failed: " << failure.what() << "\n";
        refusal = Problem(500, "Internal error", "the server could not open the live feed");
      }
    }
    if (refusal) {
      auto message = ToMessage(std::move(*refusal), incoming.version(), false, false);
      co_await bhttp::async_write(stream, message, asio::redirect_error(asio::use_awaitable, error));
      stream.socket().shutdown(tcp::socket::shutdown_send, error);
      co_return;
    }

    stream.expires_never();  // the WebSocket's own timeouts and pings take over
    auto state = std::make_shared<LiveState>(std::move(stream));
    state->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    state->ws.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& response) { response.set(bhttp::field::server, "coalign"); }));
    state->ws.read_message_max(live->options().max_message_bytes + 64 * 1024);
    co_await state->ws.async_accept(incoming, asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return;

    auto executor = co_await asio::this_coro::executor;
    std::weak_ptr<LiveState> weak = state;
    using Strand = asio::strand<asio::io_context::executor_type>;
    std::optional<Strand> strand;  // a copy: sends may come after this coroutine has ended
    if (auto* target = executor.target<Strand>()) strand = *target;
    auto connection = live->Join(coalition, request.actor, request.role, LiveSink{[weak, executor, strand](std::string text) {
      auto enqueue = [weak, text = std::move(text)]() mutable {
        auto state = weak.lock();
        if (!state || state->closed || state->close_after_flush) return;
        if (state->queued_bytes + text.size() > kMaxQueuedBytes) {
          // Too slow to keep up: close; it reconnects and catches up from its revision.
          state->queue.clear();
          state->queued_bytes = 0;
          state->close_after_flush = websocket::close_reason(websocket::close_code::try_again_later, "too far behind");
        } else {
          state->queued_bytes += text.size();
          state->queue.push_back(std::move(text));
        }
        WriteNext(state);
      };
      // From a commit on another connection (a worker thread): dispatch, which writes at
      // once on this thread when this connection's strand is idle (nothing queued before
      // it, so order holds) and queues behind its handlers otherwise. From this
      // connection's own strand: post, behind what other commits queued already.
      if (strand && !strand->running_in_this_thread()) asio::dispatch(*strand, std::move(enqueue));
      else asio::post(executor, std::move(enqueue));
    }, [weak, executor](std::string reason) {
      asio::post(executor, [weak, reason = std::move(reason)] {
        auto state = weak.lock();
        if (!state || state->closed || state->close_after_flush) return;
        state->close_after_flush = websocket::close_reason(websocket::close_code::policy_error, reason);
        WriteNext(state);
      });
    }, [this, credentials = request]() {
      // The upgrade request again, as if it came now: its cookie or token, this coalition.
      auto again = credentials;
      again.actor = {};
      again.role = service::Role::none;
      if (router.Admit(again, Access::viewer)) return service::Role::none;
      return again.role;
    }});

    beast::flat_buffer buffer;
    for (;;) {
      buffer.clear();
      co_await state->ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, error));
      if (error) break;
      if (state->close_after_flush) continue;  // closing: ignore what still comes in
      LiveVerdict verdict = LiveVerdict::keep;
      try {
        verdict = live->Receive(*connection, beast::buffers_to_string(buffer.data()));
      } catch (const std::exception& failure) {
        std::cerr << "coalign: live message failed: " << failure.what() << "\n";
      }
      if (verdict == LiveVerdict::close_policy_violation) {
        // After the error message that says why has gone out.
        asio::post(executor, [state] {
          state->close_after_flush = websocket::close_reason(websocket::close_code::policy_error, "message refused");
          WriteNext(state);
        });
      }
    }
    if (error == websocket::error::message_too_big)
      std::cerr << "coalign: live feed of coalition " << coalition << ": a message over the size limit; closed\n";
    live->Leave(*connection);
    state->closed = true;
  }

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
      if (live && websocket::is_upgrade(incoming)) {
        std::string target(incoming.target());
        auto coalition = LiveCoalitionOfPath(UrlDecode(target.substr(0, target.find('?')), false));
        if (coalition) {
          co_await LiveSession(std::move(stream), std::move(incoming), *coalition);
          co_return;
        }
      }
      bool keep_alive = incoming.keep_alive();
      bool head = incoming.method() == bhttp::verb::head;
      HttpResponse response;
      try {
        auto request = ToRequest(incoming);
        request.remote = stream.socket().remote_endpoint(error).address().to_string();
        if (head) request.method = "GET";
        response = router.Dispatch(request);
        // A sign-out, a revoked token or a removed member: their open live feeds end now.
        if (live && response.status < 400 && MayEndLiveAccess(request.method, request.path)) live->Recheck();
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

  // Every few seconds: sessions expire, and `coalign user` changes accounts from another
  // process; a live feed whose access ended is closed.
  asio::awaitable<void> RecheckLive() {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
      timer.expires_after(std::chrono::seconds(10));
      beast::error_code error;
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (error) co_return;
      try {
        live->Recheck();
      } catch (const std::exception& failure) {
        std::cerr << "coalign: checking live feeds' access failed: " << failure.what() << "\n";
      }
    }
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      beast::error_code error;
      // Each session on its own strand: a live session's reader, writer and the sends
      // posted by other threads' commits never run at once.
      auto socket = co_await acceptor.async_accept(asio::make_strand(io), asio::redirect_error(asio::use_awaitable, error));
      if (error) {
        if (error == asio::error::operation_aborted) co_return;
        continue;
      }
      // Small messages (a live change, then its commit) must not wait for delayed ACKs.
      socket.set_option(tcp::no_delay(true), error);
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(const Router& router, ServerOptions options, LiveHub* live)
    : impl_(std::make_unique<Impl>(router, std::move(options), live)) {}
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
  if (impl_->live) asio::co_spawn(asio::make_strand(impl_->io), impl_->RecheckLive(), asio::detached);
  std::vector<std::thread> threads;
  for (int thread_idx = 1; thread_idx < impl_->options.threads; ++thread_idx) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& thread : threads) thread.join();
}

void Server::Stop() { impl_->io.stop(); }

}  // namespace coalign::http
