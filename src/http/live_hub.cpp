#include "http/live_hub.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>

namespace coalign::http {

using interop::Json;

// One person's connection to one coalition's feed. The coalition, actor and role are
// fixed when the router admits the upgrade: no message can name another coalition.
class LiveConnection {
 public:
  LiveConnection(service::CoalitionId coalition_in, service::Actor actor_in, service::Role role_in, LiveSink sink_in,
                 std::string session_in, std::string color_in)
      : coalition(coalition_in), actor(std::move(actor_in)), role(role_in), session(std::move(session_in)),
        color(std::move(color_in)), sink(std::move(sink_in)) {}

  const service::CoalitionId coalition;
  const service::Actor actor;
  const service::Role role;
  const std::string session;
  const std::string color;

  std::string Name() const {
    if (!actor.name.empty()) return actor.name;
    if (!actor.email.empty()) return actor.email;
    return "Guest";
  }
  void Send(const Json& message) { sink.send(message.dump(-1, ' ', false, Json::error_handler_t::replace)); }
  void SendText(const std::string& text) { sink.send(text); }
  void Close(const std::string& reason) {
    if (sink.close) sink.close(reason);
  }
  // The role the gatekeeper gives the connection's credentials now (the joined role when
  // the transport cannot ask).
  service::Role AdmittedRole() const { return sink.admitted_role ? sink.admitted_role() : role; }

  std::atomic<bool> ended{false};  // access ended (Recheck): nothing more in or out

  // The feed: guarded by feed_mutex. Changes go out in revision order, each once.
  std::mutex feed_mutex;
  bool following = false;
  service::Revision last_sent = 0;

  // Presence: guarded by the hub's mutex.
  bool present = false;  // said hello, not yet left
  std::vector<std::string> selection;
  std::string root = "top";

 private:
  LiveSink sink;
};

namespace {

// The push being committed on this thread, so that the broadcast of its change can carry
// the client's id to the connection that pushed it (listeners run inside Commit).
struct PushInFlight {
  const LiveConnection* connection = nullptr;
  std::string id;
};
thread_local const PushInFlight* push_in_flight = nullptr;

const char* const kPalette[] = {"#d6336c", "#1c7ed6", "#2b8a3e", "#e8590c", "#7048e8", "#0c8599", "#c2255c", "#5c940d"};

const char* ErrorKindName(ops::ErrorKind kind) {
  switch (kind) {
    case ops::ErrorKind::invalid: return "invalid";
    case ops::ErrorKind::not_found: return "not_found";
    case ops::ErrorKind::conflict: return "conflict";
  }
  return "invalid";
}

Json ChangeMessage(service::Revision revision, const std::string& author, Json ops) {
  Json message;
  message["type"] = "change";
  message["revision"] = revision;
  message["author"] = author;
  message["ops"] = std::move(ops);
  return message;
}

Json Refused(const std::string& id, int status, const std::string& title, const std::string& detail) {
  Json message;
  message["type"] = "refused";
  message["id"] = id;
  message["status"] = status;
  message["title"] = title;
  message["detail"] = detail;
  message["errors"] = Json::array();
  return message;
}

void Log(const LiveConnection& connection, const std::string& what) {
  std::cerr << "coalign: live feed of coalition " << connection.coalition << ", " << connection.session << " ("
            << connection.Name() << "): " << what << "\n";
}

}  // namespace

std::optional<BatchEnvelopeProblem> CheckBatchEnvelope(const Json& batch) {
  auto base = batch.find("base_revision");
  if (base == batch.end() || !base->is_number_integer())
    return BatchEnvelopeProblem{"base_revision must be the revision you last saw (a whole number)", "base_revision"};
  auto ops = batch.find("ops");
  if (ops == batch.end() || !ops->is_array()) return BatchEnvelopeProblem{"ops must be a list of ops", "ops"};
  if (ops->empty()) return BatchEnvelopeProblem{"the batch has no ops: send at least one", "ops"};
  return std::nullopt;
}

Json CommitRefusalJson(const service::CommitOutcome& outcome, const std::vector<ops::Op>& ops) {
  Json body;
  switch (outcome.status) {
    case service::CommitStatus::conflict:
      body["title"] = "Conflicting change";
      body["status"] = 409;
      break;
    case service::CommitStatus::no_such_coalition:
      body["title"] = "No such coalition";
      body["status"] = 404;
      break;
    case service::CommitStatus::forbidden:
      body["title"] = "Not allowed";
      body["status"] = 403;
      break;
    default:
      body["title"] = "Change refused";
      body["status"] = 422;
      break;
  }
  Json errors = Json::array();
  for (const auto& error : outcome.errors) {
    Json item{{"op", error.op_index}, {"kind", ErrorKindName(error.kind)}, {"reason", error.reason}};
    if (error.op_index < ops.size()) item["op_name"] = ops::OpName(ops[error.op_index]);
    if (!error.field.empty()) item["field"] = error.field;
    errors.push_back(std::move(item));
  }
  std::string detail;
  if (!outcome.errors.empty()) {
    const auto& first = outcome.errors.front();
    detail = "op " + std::to_string(first.op_index) + " was refused: " + first.reason;
    if (outcome.errors.size() > 1) detail += " (and " + std::to_string(outcome.errors.size() - 1) + " more)";
    detail += "; nothing was changed";
  } else {
    detail = outcome.message;
  }
  body["detail"] = detail;
  body["revision"] = outcome.revision;
  body["errors"] = std::move(errors);
  if (outcome.status == service::CommitStatus::bad_request) body["field"] = "base_revision";
  return body;
}

std::optional<service::CoalitionId> LiveCoalitionOfPath(const std::string& path) {
  const std::string prefix = "/api/coalitions/";
  const std::string suffix = "/live";
  if (path.size() <= prefix.size() + suffix.size() || path.rfind(prefix, 0) != 0 ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return std::nullopt;
  std::string id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  service::CoalitionId value = 0;
  auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (error != std::errc() || end != id.data() + id.size() || value <= 0) return std::nullopt;
  return value;
}

void AddLiveRoute(Router& router) {
  router.Add("GET", kLivePattern, "The live feed of a coalition (WebSocket; see docs/live-protocol.md)", Access::viewer,
             [](HttpRequest&) {
               auto problem = Problem(426, "Upgrade required",
                                      "the live feed is a WebSocket: connect with an Upgrade: websocket request");
               problem.headers.emplace_back("Upgrade", "websocket");
               problem.headers.emplace_back("Connection", "Upgrade");
               return problem;
             });
}

LiveHub::LiveHub(service::MapService& maps, LiveOptions options)
    : maps_(maps), options_(options), self_(std::make_shared<std::atomic<LiveHub*>>(this)) {
  // Before the history's listener: a checkpoint (every 100 revisions, a write of its own)
  // must not delay delivery.
  maps_.OnCommitted(
      [self = self_](const service::CommittedChange& change) {
        if (auto* hub = self->load()) hub->Publish(change);
      },
      true);
}

LiveHub::~LiveHub() { self_->store(nullptr); }

std::shared_ptr<LiveConnection> LiveHub::Join(service::CoalitionId coalition, service::Actor actor, service::Role role,
                                              LiveSink sink) {
  std::lock_guard lock(mutex_);
  auto number = next_session_++;
  // Colours go round the palette per coalition, so people side by side differ.
  auto& list = connections_[coalition];
  std::size_t used[std::size(kPalette)] = {};
  for (const auto& other : list)
    for (std::size_t colour_idx = 0; colour_idx < std::size(kPalette); ++colour_idx)
      if (other->color == kPalette[colour_idx]) ++used[colour_idx];
  std::size_t colour_idx = std::min_element(std::begin(used), std::end(used)) - std::begin(used);
  auto connection = std::make_shared<LiveConnection>(coalition, std::move(actor), role, std::move(sink),
                                                     "s" + std::to_string(number), kPalette[colour_idx]);
  list.push_back(connection);
  return connection;
}

void LiveHub::Leave(LiveConnection& connection) {
  std::lock_guard lock(mutex_);
  auto found = connections_.find(connection.coalition);
  if (found == connections_.end()) return;
  auto& list = found->second;
  bool was_present = connection.present;
  connection.present = false;
  list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& other) { return other.get() == &connection; }),
             list.end());
  if (list.empty()) {
    connections_.erase(found);
    return;
  }
  if (was_present) BroadcastPresenceLocked(connection.coalition);
}

std::size_t LiveHub::ConnectionCount(service::CoalitionId coalition) const {
  std::lock_guard lock(mutex_);
  auto found = connections_.find(coalition);
  return found == connections_.end() ? 0 : found->second.size();
}

std::size_t LiveHub::Recheck() {
  std::vector<std::shared_ptr<LiveConnection>> all;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [coalition, list] : connections_) all.insert(all.end(), list.begin(), list.end());
  }
  std::size_t ended = 0;
  for (const auto& connection : all) {
    if (connection->AdmittedRole() != service::Role::none) continue;
    connection->ended = true;
    {
      std::lock_guard feed(connection->feed_mutex);
      connection->following = false;  // not one more change
    }
    Leave(*connection);
    SendError(*connection, "access to this coalition ended (signed out, session expired, token revoked or "
                           "membership removed); sign in again to follow it");
    connection->Close("access ended");
    ++ended;
  }
  return ended;
}

bool MayEndLiveAccess(const std::string& method, const std::string& path) {
  if (method == "DELETE" && (path == "/api/session" || path.rfind("/api/tokens/", 0) == 0)) return true;
  if (method == "POST" && path == "/api/password-reset") return true;
  return (method == "PUT" || method == "DELETE") && path.rfind("/api/coalitions/", 0) == 0 &&
         path.find("/members/") != std::string::npos;
}

void LiveHub::SendError(LiveConnection& connection, const std::string& detail) {
  Log(connection, detail);
  connection.Send(Json{{"type", "error"}, {"detail", detail}});
}

LiveVerdict LiveHub::Receive(LiveConnection& connection, std::string_view text) {
  if (connection.ended) return LiveVerdict::keep;  // closing already
  if (text.size() > options_.max_message_bytes) {
    SendError(connection, "the message is " + std::to_string(text.size()) + " bytes, more than the " +
                              std::to_string(options_.max_message_bytes) + " allowed; closing the connection");
    return LiveVerdict::close_policy_violation;
  }
  Json message;
  try {
    message = Json::parse(text);
  } catch (const Json::exception& error) {  // bad syntax, or a number too large for a double (1e309)
    SendError(connection, std::string("the message is not valid JSON (") + error.what() + "); it was ignored");
    return LiveVerdict::keep;
  }
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    SendError(connection, "a message is a JSON object with a \"type\"; it was ignored");
    return LiveVerdict::keep;
  }
  auto type = message["type"].get<std::string>();
  try {
    if (type == "hello") {
      Hello(connection, message);
    } else if (type == "push") {
      Push(connection, message);
    } else if (type == "presence") {
      return Presence(connection, message);
    } else if (type == "ping") {
      connection.Send(Json{{"type", "pong"}});
    } else {
      SendError(connection, "unknown message type \"" + type.substr(0, 40) + "\"; it was ignored");
    }
  } catch (const std::exception& failure) {
    SendError(connection, std::string("the server could not handle this ") + type.substr(0, 40) + " message (" +
                              failure.what() + ")");
  }
  return LiveVerdict::keep;
}

void LiveHub::Hello(LiveConnection& connection, const Json& message) {
  service::Revision since = -1;
  if (message.contains("since") && !message["since"].is_null()) {
    if (!message["since"].is_number_integer()) {
      SendError(connection, "hello: since must be the last revision you saw (a whole number)");
      return;
    }
    since = message["since"].get<service::Revision>();
  }
  {
    std::lock_guard feed(connection.feed_mutex);
    if (connection.following) {
      SendError(connection, "hello was already said on this connection; it was ignored");
      return;
    }
    auto current = maps_.store().CurrentRevision(connection.coalition);
    if (!current) {
      SendError(connection, "coalition " + std::to_string(connection.coalition) + " no longer exists");
      return;
    }
    // Too far behind (or ahead, after a restore): the client reloads instead of replaying.
    bool resync = since < 0 || since > *current ||
                  static_cast<std::size_t>(*current - since) > options_.max_catch_up;
    Json welcome;
    welcome["type"] = "welcome";
    welcome["revision"] = *current;
    welcome["since"] = since;
    welcome["resync"] = resync;
    welcome["you"] = {{"session", connection.session},
                      {"name", connection.Name()},
                      {"color", connection.color},
                      {"role", service::RoleName(connection.role)}};
    connection.Send(welcome);
    // Changes committed from here on reach Publish, which waits for feed_mutex and then
    // skips what this replay already sent.
    service::Revision sent = resync ? *current : since;
    while (sent < *current) {
      auto page = maps_.store().Changes(connection.coalition, sent, std::min<std::size_t>(200, *current - sent));
      if (page.empty()) break;
      for (const auto& record : page) {
        connection.Send(ChangeMessage(record.revision, record.author, Json::parse(record.ops_json)));
        sent = record.revision;
      }
    }
    connection.last_sent = sent;
    connection.following = true;
  }
  std::lock_guard lock(mutex_);
  connection.present = true;
  BroadcastPresenceLocked(connection.coalition);
}

void LiveHub::Publish(const service::CommittedChange& change) {
  // Runs inside MapService::Commit after the change is stored: a failure here must not
  // turn an acknowledged commit into an error for its author.
  try {
    PublishUnguarded(change);
  } catch (const std::exception& failure) {
    std::cerr << "coalign: live feed of coalition " << change.coalition << ": revision " << change.revision
              << " was not broadcast: " << failure.what() << "\n";
  }
}

void LiveHub::PublishUnguarded(const service::CommittedChange& change) {
  std::vector<std::shared_ptr<LiveConnection>> targets;
  {
    std::lock_guard lock(mutex_);
    auto found = connections_.find(change.coalition);
    if (found == connections_.end()) return;
    targets = found->second;
  }
  Json message = ChangeMessage(change.revision, change.author, change.ops ? interop::OpsToJson(*change.ops) : Json::array());
  std::string text = message.dump(-1, ' ', false, Json::error_handler_t::replace);
  for (const auto& connection : targets) {
    std::lock_guard feed(connection->feed_mutex);
    if (!connection->following || change.revision <= connection->last_sent) continue;
    // Listeners of two commits can run out of order: fill any gap from the change log
    // (those revisions are committed already), and the late one is skipped above.
    while (connection->last_sent + 1 < change.revision) {
      auto page = maps_.store().Changes(change.coalition, connection->last_sent,
                                        std::min<service::Revision>(200, change.revision - 1 - connection->last_sent));
      if (page.empty()) break;
      for (const auto& record : page) {
        if (record.revision >= change.revision) break;
        connection->Send(ChangeMessage(record.revision, record.author, Json::parse(record.ops_json)));
        connection->last_sent = record.revision;
      }
    }
    if (push_in_flight && push_in_flight->connection == connection.get()) {
      Json own = message;
      own["id"] = push_in_flight->id;
      connection->Send(own);
    } else {
      connection->SendText(text);  // one serialisation per change, however many follow
    }
    connection->last_sent = change.revision;
  }
}

void LiveHub::Push(LiveConnection& connection, const Json& message) {
  if (!message.contains("id") || !message["id"].is_string() || message["id"].get<std::string>().empty() ||
      message["id"].get<std::string>().size() > 100) {
    SendError(connection, "push: id must be a short string naming this push (1 to 100 characters); it was ignored");
    return;
  }
  auto id = message["id"].get<std::string>();
  // The role now, not at connect: a steward may have changed or revoked it meanwhile.
  auto role = role_lookup_ ? role_lookup_(connection.actor, connection.coalition) : connection.role;
  if (role == service::Role::none) {
    connection.Send(Refused(id, 404, "No such coalition",
                            "there is no coalition " + std::to_string(connection.coalition) + " that you can see"));
    return;
  }
  if (role < service::Role::editor) {
    connection.Send(Refused(id, 403, "Not allowed",
                            std::string("changing the map needs the editor role in this coalition; you are ") +
                                service::RoleName(role)));
    return;
  }
  if (auto problem = CheckBatchEnvelope(message)) {
    auto refused = Refused(id, 422, "Invalid batch", problem->detail);
    refused["field"] = problem->field;
    connection.Send(refused);
    return;
  }
  auto base = message.find("base_revision");
  auto ops_json = message.find("ops");
  service::CommitOutcome decode_failure;
  decode_failure.status = service::CommitStatus::invalid;
  auto ops = interop::OpsFromJsonReportingEach(*ops_json, decode_failure.errors);
  if (!decode_failure.errors.empty()) {
    if (auto current = maps_.store().CurrentRevision(connection.coalition)) decode_failure.revision = *current;
    auto body = CommitRefusalJson(decode_failure, {});
    body["type"] = "refused";
    body["id"] = id;
    connection.Send(body);
    return;
  }
  auto kept_ops = ops;  // Commit takes the batch; the refusal names ops by kind
  PushInFlight in_flight{&connection, id};
  struct InFlightScope {
    explicit InFlightScope(const PushInFlight* push) { push_in_flight = push; }
    ~InFlightScope() { push_in_flight = nullptr; }
  };
  service::CommitOutcome outcome;
  {
    InFlightScope scope(&in_flight);
    service::ChangeMeta meta{connection.actor.AuthorLabel(), connection.actor.user_id, {}, {}};
    meta.moderator = connection.actor.admin || role >= service::Role::steward;
    outcome = maps_.Commit(connection.coalition, base->get<service::Revision>(), std::move(ops), meta);
  }
  if (outcome.status == service::CommitStatus::committed) {
    Json ids = Json::array();
    for (const auto& generated : outcome.generated_ids) ids.push_back(generated.empty() ? Json(nullptr) : Json(generated));
    Json commit{{"type", "commit"}, {"id", id}, {"revision", outcome.revision}, {"ids", std::move(ids)}};
    if (!outcome.warnings.empty()) commit["warnings"] = outcome.warnings;
    connection.Send(commit);
    return;
  }
  auto body = CommitRefusalJson(outcome, kept_ops);
  Json refused;
  refused["type"] = "refused";
  refused["id"] = id;
  refused.update(body);
  connection.Send(refused);
}

LiveVerdict LiveHub::Presence(LiveConnection& connection, const Json& message) {
  std::vector<std::string> selection;
  if (message.contains("selection")) {
    const auto& list = message["selection"];
    if (!list.is_array() || list.size() > options_.max_selection) {
      SendError(connection, "presence: selection must be a list of at most " + std::to_string(options_.max_selection) +
                                " statement ids; it was ignored");
      return LiveVerdict::keep;
    }
    for (const auto& item : list) {
      if (!item.is_string() || item.get<std::string>().size() > 200) {
        SendError(connection, "presence: each selected id must be a string (200 characters at most); it was ignored");
        return LiveVerdict::keep;
      }
      selection.push_back(item.get<std::string>());
    }
  }
  std::optional<std::string> root;
  if (message.contains("root")) {
    if (!message["root"].is_string() || message["root"].get<std::string>().size() > 200) {
      SendError(connection, "presence: root must be \"top\" or a statement id; it was ignored");
      return LiveVerdict::keep;
    }
    root = message["root"].get<std::string>();
  }
  std::lock_guard lock(mutex_);
  connection.selection = std::move(selection);
  if (root) connection.root = *root;
  if (connection.present) BroadcastPresenceLocked(connection.coalition);
  return LiveVerdict::keep;
}

void LiveHub::BroadcastPresenceLocked(service::CoalitionId coalition) {
  auto found = connections_.find(coalition);
  if (found == connections_.end()) return;
  Json people = Json::array();
  for (const auto& connection : found->second) {
    if (!connection->present) continue;
    people.push_back({{"session", connection->session},
                      {"name", connection->Name()},
                      {"color", connection->color},
                      {"selection", connection->selection},
                      {"root", connection->root}});
  }
  Json message{{"type", "presence"}, {"people", std::move(people)}};
  for (const auto& connection : found->second)
    if (connection->present) connection->Send(message);
}

}  // namespace coalign::http
