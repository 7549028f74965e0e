// The live hub: who is connected to each coalition's live feed, and what they are told.
// It follows MapService::OnCommitted and sends every committed change, stamped with its
// revision and author, to that coalition's connections; it takes pushes (op batches)
// through MapService::Commit, and keeps each person's presence (selection, zoom level).
// Pure C++ and JSON: the WebSocket itself lives in server.cpp, which hands the hub the
// text of each message and a non-blocking `send` per connection. Full protocol:
// docs/live-protocol.md.
//
// client -> server (one JSON object per WebSocket text message, at most 1 MB)
//   {"type":"hello","since":N}        start following: the changes after N, in order,
//                                     then each new one live (since -1/absent: from now)
//   {"type":"push","id":"c1","base_revision":N,"ops":[...]}
//                                     commit a batch (needs the editor role, checked
//                                     on each push)
//   {"type":"presence","selection":["statementId",...],"root":"top|ID"}
//   {"type":"ping"}
// server -> client
//   {"type":"welcome","revision":R,"since":N,"resync":bool,"you":{session,name,color,role}}
//   {"type":"change","revision":R,"author":"...","ops":[...],"id":"c1"?}
//                                     revisions arrive in order with no gaps; "id" is
//                                     there when it was this connection's own push
//   {"type":"commit","id":"c1","revision":R,"ids":[...]}
//   {"type":"refused","id":"c1","status":409|422|403|404,"title":"...","detail":"...",
//    "revision":R,"errors":[{"op":i,"op_name":"...","kind":"...","reason":"...","field":"..."}]}
//   {"type":"presence","people":[{"session","name","color","selection","root"}]}
//   {"type":"error","detail":"..."}    a malformed message, ignored (oversized: then closed)
//   {"type":"pong"}
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"
#include "interop/json_codec.hpp"
#include "service/access.hpp"
#include "service/map_service.hpp"

namespace coalign::http {

struct LiveOptions {
  std::size_t max_message_bytes = 1024 * 1024;  // a larger message closes the connection
  std::size_t max_catch_up = 1000;   // more missed changes than this: "resync" (reload)
  std::size_t max_selection = 500;   // ids in one presence selection
};

// What the transport gives the hub for one connection. `send` queues a text message and
// returns at once; it is called from any thread (under the hub's locks, so it must not
// call back into the hub).
struct LiveSink {
  std::function<void(std::string text)> send;
  // Sends what is queued, then closes the WebSocket (policy violation) saying `reason`.
  std::function<void(std::string reason)> close;
  // Asks the gatekeeper again, with the credentials the connection was opened with
  // (cookie or token): the role it would give now, service::Role::none once the session
  // ended (signed out, expired), the token was revoked or the membership removed.
  std::function<service::Role()> admitted_role;
};

// What the transport should do after a message.
enum class LiveVerdict { keep, close_policy_violation };

// A person's role in a coalition now (service::Role::none: none, or no such coalition).
using LiveRoleLookup = std::function<service::Role(const service::Actor&, service::CoalitionId)>;

class LiveConnection;

class LiveHub {
 public:
  explicit LiveHub(service::MapService& maps, LiveOptions options = {});
  ~LiveHub();
  LiveHub(const LiveHub&) = delete;
  LiveHub& operator=(const LiveHub&) = delete;

  // Registers a connection the router admitted (viewer or better) to `coalition`. It
  // hears nothing until its hello.
  std::shared_ptr<LiveConnection> Join(service::CoalitionId coalition, service::Actor actor, service::Role role,
                                       LiveSink sink);
  // Handles one text message of that connection (one at a time per connection).
  LiveVerdict Receive(LiveConnection& connection, std::string_view text);
  // Forgets a connection (and tells the others it left).
  void Leave(LiveConnection& connection);

  // Asked on every push (never for reading), so that a role changed or revoked while the
  // connection is open counts at once; without it, the role given to Join stands. Set it
  // before the first connection joins.
  void SetRoleLookup(LiveRoleLookup lookup) { role_lookup_ = std::move(lookup); }

  // Asks every connection's admitted_role again and ends those no longer admitted: they
  // hear nothing more, are told why and closed. Called after a sign-out, a token revoked
  // or a membership changed, and every few seconds (sessions expire; the `coalign user`
  // commands change accounts from another process). Returns how many were ended.
  std::size_t Recheck();

  std::size_t ConnectionCount(service::CoalitionId coalition) const;
  const LiveOptions& options() const { return options_; }

 private:
  void Publish(const service::CommittedChange& change);
  void PublishUnguarded(const service::CommittedChange& change);
  void Hello(LiveConnection& connection, const interop::Json& message);
  void Push(LiveConnection& connection, const interop::Json& message);
  LiveVerdict Presence(LiveConnection& connection, const interop::Json& message);
  // Sends the coalition's people to everyone following it; caller holds mutex_.
  void BroadcastPresenceLocked(service::CoalitionId coalition);
  void SendError(LiveConnection& connection, const std::string& detail);

  service::MapService& maps_;
  LiveOptions options_;
  LiveRoleLookup role_lookup_;
  mutable std::mutex mutex_;  // guards connections_ and every connection's presence
  std::map<service::CoalitionId, std::vector<std::shared_ptr<LiveConnection>>> connections_;
  std::uint64_t next_session_ = 1;
  // Cleared by the destructor: a MapService that outlives the hub then calls nothing.
  std::shared_ptr<std::atomic<LiveHub*>> self_;
};

// The coalition id in "/api/coalitions/{id}/live", or nothing for any other path.
std::optional<service::CoalitionId> LiveCoalitionOfPath(const std::string& path);

// The route of the live feed ("GET /api/coalitions/{id}/live", viewer): without a
// WebSocket upgrade it answers 426. The server upgrades matching requests itself.
void AddLiveRoute(Router& router);
// Whether a successful request may have taken live access away from someone (sign-out,
// password reset, token revoked, membership changed or removed): Recheck after it.
bool MayEndLiveAccess(const std::string& method, const std::string& path);
inline constexpr const char* kLivePattern = "/api/coalitions/{id}/live";

// The refusal of a batch as a JSON object (title, status, detail, revision, errors): the
// body of the REST problem and of the live "refused" message.
interop::Json CommitRefusalJson(const service::CommitOutcome& outcome, const std::vector<ops::Op>& ops);

// What is wrong with a batch's envelope, {"base_revision": N, "ops": [...]}, in the same
// words over REST and the live feed; nothing when both are there, of the right kind,
// and the batch has at least one op.
struct BatchEnvelopeProblem {
  std::string detail;
  std::string field;
};
std::optional<BatchEnvelopeProblem> CheckBatchEnvelope(const interop::Json& batch);

}  // namespace coalign::http
