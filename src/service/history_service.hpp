// The history of a coalition's map (DESIGN.md §2, Change and Version): the change log in
// sentences with filters; undo and redo of one's own changes as new changes through the
// one write path; the map as it was at any revision or time (rebuilt from the change log,
// with checkpoints every `checkpoint_interval` revisions so old revisions stay fast);
// named versions; and the difference between two revisions.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/result.hpp"
#include "service/history.hpp"
#include "service/map_service.hpp"

namespace coalign::service {

struct HistoryOptions {
  Revision checkpoint_interval = 100;  // 0: no checkpoints (rebuild from the current map)
  // Checkpoints written by a thread of their own (serve), so the commit that lands on the
  // interval does not wait while the whole map is written; otherwise by the committer.
  bool background_checkpoints = false;
};

struct HistoryQuery {
  std::optional<std::string> statement;  // changes mentioning it (or its links)
  std::optional<std::string> author;     // a label, its display name, or "id:N" for an account
  std::optional<std::string> from_time;  // ISO 8601 UTC bounds, inclusive
  std::optional<std::string> to_time;
  std::optional<Revision> before;        // newest first, below this revision
  std::size_t limit = 50;
};

struct HistoryEntry {
  Revision revision = 0;
  std::string author;
  std::optional<std::int64_t> author_id;
  std::string time;
  std::vector<std::string> sentences;
  std::optional<Revision> undo_of;
  std::optional<Revision> redo_of;
  std::optional<Revision> undone_by;  // a later change undid this one (and was not redone)
};

struct HistoryPage {
  std::vector<HistoryEntry> entries;
  std::optional<Revision> next_before;  // pass as `before` for the next page
};

// Who asks to undo or redo. A change is the caller's own when its author_id is theirs, or
// (changes stored without an account) when its author label is one of `labels`.
struct HistoryActor {
  std::optional<std::int64_t> user_id;
  std::vector<std::string> labels;  // the first is written as the new change's author
  bool steward = false;             // stewards may undo anyone's change, named by revision
};

enum class UndoStatus {
  committed,
  nothing,      // no change of the caller's to undo or redo (422)
  not_found,    // no such revision (404)
  forbidden,    // someone else's change (403)
  refused,      // it no longer applies: the map moved on (422)
  conflict,     // it would overwrite a later edit (409)
};

struct UndoOutcome {
  UndoStatus status = UndoStatus::committed;
  Revision revision = 0;  // the new change's revision, or the current one when refused
  Revision target = 0;    // the change undone, or the undo redone
  std::string message;
  std::vector<ops::OpError> errors;
};

struct MapAtRevision {
  std::shared_ptr<const model::MapState> map;
  Revision revision = 0;
  std::size_t steps = 0;  // changes applied to rebuild it (0: current map or a checkpoint)
};

class HistoryService {
 public:
  HistoryService(MapService& maps, HistoryOptions options = {});
  ~HistoryService();
  HistoryService(const HistoryService&) = delete;
  HistoryService& operator=(const HistoryService&) = delete;

  // The map as it was right after `revision` (0: before the first change).
  Result<MapAtRevision> MapAt(CoalitionId coalition, Revision revision);
  // The last revision committed at or before an ISO 8601 UTC time.
  Result<Revision> RevisionAtTime(CoalitionId coalition, const std::string& iso_time);

  Result<HistoryPage> History(CoalitionId coalition, const HistoryQuery& query);

  // Undoes `revision`, or the caller's last change not yet undone.
  UndoOutcome Undo(CoalitionId coalition, std::optional<Revision> revision, const HistoryActor& actor);
  // Redoes the undo `revision` (or the undo of change `revision`), or the caller's last
  // undo when they made no new change since.
  UndoOutcome Redo(CoalitionId coalition, std::optional<Revision> revision, const HistoryActor& actor);

  Result<store::VersionRecord> CreateVersion(CoalitionId coalition, const std::string& name,
                                             std::optional<Revision> revision, const std::string& author);
  Result<std::vector<store::VersionRecord>> Versions(CoalitionId coalition);
  Result<bool> DeleteVersion(CoalitionId coalition, std::int64_t version_id);

  Result<MapDifference> Diff(CoalitionId coalition, Revision from, Revision to);

  // Writes a checkpoint when a commit lands on the interval (registered on MapService).
  void OnCommitted(const CommittedChange& change);
  // Returns once the checkpoints handed to the background writer are written.
  void WaitForCheckpoints();

 private:
  struct Walk;
  Result<Revision> CurrentRevision(CoalitionId coalition);
  std::vector<store::ChangeRecord> ChangesAfter(CoalitionId coalition, Revision after);
  // The refusal of undoing (or redoing) `of` when a later change already did.
  std::optional<UndoOutcome> AlreadyDone(CoalitionId coalition, Revision of, bool undo, Revision current);
  // A refused undo (or redo) whose change another one undid (or redid) meanwhile says so.
  UndoOutcome SettleRace(UndoOutcome outcome, CoalitionId coalition, Revision of, bool undo);
  void MaybeCheckpoint(CoalitionId coalition, Revision revision, const model::MapState& map,
                       const std::vector<Revision>& existing);

  void WriteCheckpoints();  // the background writer's loop

  MapService& maps_;
  store::Store& store_;
  HistoryOptions options_;

  struct PendingCheckpoint {
    CoalitionId coalition = 0;
    Revision revision = 0;
    std::shared_ptr<const model::MapState> map;
  };
  std::mutex checkpoints_mutex_;
  std::condition_variable checkpoints_changed_;
  std::deque<PendingCheckpoint> pending_checkpoints_;
  bool writing_checkpoint_ = false;
  bool stopping_ = false;
  std::thread checkpoint_writer_;
};

// "2024-03-01" → end of that day; "2024-03-01T14:30" → end of that minute; full ISO
// times pass through. UTC. Nothing when the text is not such a time.
std::optional<std::string> TimeBound(const std::string& text, bool end_of_period);

}  // namespace coalign::service
