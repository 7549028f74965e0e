// The use cases of the map: create and list coalitions, read a coalition's current map,
// commit a batch of ops (the one write path), and import a whole document. Keeps each
// coalition's current map in memory, checked against the store's revision.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "interop/import_report.hpp"
#include "model/map_state.hpp"
#include "ops/apply.hpp"
#include "store/store.hpp"

namespace coalign::service {

using store::CoalitionId;
using store::Revision;

struct Snapshot {
  std::shared_ptr<const model::MapState> map;
  Revision revision = 0;
};

enum class CommitStatus {
  committed,
  invalid,         // some op broke a rule or named a missing item (422)
  conflict,        // some op would overwrite a field changed after base_revision (409)
  bad_request,     // the batch itself is unusable: empty, base revision in the future (422)
  no_such_coalition,  // (404)
  forbidden,       // some op edits or removes someone else's comment (403)
};

struct CommitOutcome {
  CommitStatus status = CommitStatus::committed;
  Revision revision = 0;                  // the new revision, or the current one when refused
  std::vector<std::string> generated_ids;  // per op: the id given to a new item, or ""
  std::vector<ops::OpError> errors;
  std::string message;                     // for bad_request and no_such_coalition
  std::vector<std::string> warnings;       // committed, but worth saying (a milestone outside its initiative's dates)
};

// A committed change as the live feed and history see it.
struct CommittedChange {
  CoalitionId coalition = 0;
  Revision revision = 0;
  std::string author;
  const std::vector<ops::Op>* ops = nullptr;
};

struct ImportOutcome {
  CoalitionId coalition = 0;
  Revision revision = 0;
  std::size_t statements = 0;
  std::size_t links = 0;
  interop::ImportProblems problems;  // everything left out, and why
};

// Who made a change and, for undo and redo, which change it answers; stored with it.
struct ChangeMeta {
  std::string author;                     // the label the change log shows
  std::optional<std::int64_t> author_id;  // the author's account, when signed in
  std::optional<Revision> undo_of;
  std::optional<Revision> redo_of;
  // Comments. Ops from a person get their comment authors, times and @mentions stamped
  // here (what a client sends for them is ignored), and may edit only the caller's own
  // comments. Recorded ops (undo, redo, an imported document) keep what they carry.
  bool moderator = false;  // may remove anyone's comment (stewards)
  bool recorded = false;   // replaying recorded ops: no stamping, no author checks
  // An extra permission check of the ops against the map they apply to, run under the
  // coalition's lock (e.g. a contributor may edit only their organisation's work items);
  // refusals make the commit `forbidden`.
  std::function<std::vector<ops::OpError>(const model::MapState&, const std::vector<ops::Op>&)> gate;
};

class MapService {
 public:
  explicit MapService(store::Store& store);

  std::vector<store::CoalitionSummary> ListCoalitions();
  Result<CoalitionId> CreateCoalition(const model::CoalitionInfo& info);
  // The current map of a coalition, or an error when there is none with that id.
  Result<Snapshot> Current(CoalitionId coalition);

  CommitOutcome Commit(CoalitionId coalition, Revision base_revision, std::vector<ops::Op> ops,
                       const std::string& author);
  CommitOutcome Commit(CoalitionId coalition, Revision base_revision, std::vector<ops::Op> ops,
                       const ChangeMeta& meta);

  // Creates a coalition holding `document` (its layers, themes, statements and links
  // committed as revision 1 through the write path). Items the write path refuses are
  // left out and reported, unless `strict`, when the whole import is refused.
  Result<ImportOutcome> ImportDocument(const model::MapState& document, interop::ImportProblems reader_problems,
                                       bool strict, const std::string& author);

  // Finds the members a comment body @mentions (the account service knows them).
  using MentionResolver = std::function<std::vector<std::int64_t>(CoalitionId, const std::string& body)>;
  void SetMentionResolver(MentionResolver resolver) { mention_resolver_ = std::move(resolver); }

  // Called after each commit, outside the coalition's lock (the live hub subscribes).
  // `before_others`: called before the listeners without it (delivery to live followers
  // must not wait for bookkeeping such as history checkpoints).
  void OnCommitted(std::function<void(const CommittedChange&)> listener, bool before_others = false);

  store::Store& store() { return store_; }

 private:
  struct Entry {
    std::mutex mutex;  // serialises commits of one coalition
    // Handed out as shared_ptr<const>; changed in place only while no one else holds it.
    std::shared_ptr<model::MapState> map;
    Revision revision = -1;
    // The store's durability ticket of the commit that made `map`: whoever reads the map
    // waits for it (after letting go of the mutex), so no one sees a change not yet on disk.
    std::uint64_t ticket = 0;
  };
  // Waits, on leaving a scope (after the locks declared after it), for `ticket`.
  struct DurableOnExit {
    store::Store& store;
    std::uint64_t ticket = 0;
    ~DurableOnExit() { store.WaitDurable(ticket); }
  };
  std::shared_ptr<Entry> EntryFor(CoalitionId coalition);
  // Brings the cached map up to the store's revision; false when the coalition is gone.
  bool Refresh(CoalitionId coalition, Entry& entry);

  store::Store& store_;
  std::mutex entries_mutex_;
  std::map<CoalitionId, std::shared_ptr<Entry>> entries_;
  std::vector<std::function<void(const CommittedChange&)>> listeners_;
  std::size_t first_listeners_ = 0;  // how many of listeners_ asked to come first
  MentionResolver mention_resolver_;
};

// The ops that build `document` from an empty map: layers, themes, statements, links.
std::vector<ops::Op> OpsToBuild(const model::MapState& document);

}  // namespace coalign::service
