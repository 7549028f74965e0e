// The Store interface: where coalitions, their maps and their change logs live. The
// SQLite implementation is the embedded default; a PostgreSQL one will satisfy the same
// interface, so nothing above this layer speaks SQL.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "model/result.hpp"
#include "ops/apply.hpp"

namespace coalign::store {

using CoalitionId = std::int64_t;
using Revision = std::int64_t;

struct CoalitionSummary {
  CoalitionId id = 0;
  std::string name;
  Revision revision = 0;
  std::int64_t statements = 0;
  std::int64_t links = 0;
};

struct LoadedMap {
  model::MapState map;
  Revision revision = 0;
};

// The rows one accepted batch changes: items to write whole (insert or replace) and ids
// to delete, per kind. `*_order` is set when a kind's document order changed beyond
// appends; it then holds every id of that kind in the new order.
// A work item's row (model/work.hpp): its kind and the whole item, goals/milestones inside.
struct WorkRow {
  model::WorkKind kind = model::WorkKind::organisation;
  model::WorkItem item;
};
using WorkKey = std::pair<model::WorkKind, std::string>;

struct Delta {
  std::vector<model::Statement> put_statements;
  std::vector<std::string> delete_statements;
  std::vector<model::Link> put_links;
  std::vector<std::string> delete_links;
  std::vector<model::Theme> put_themes;
  std::vector<std::string> delete_themes;
  std::vector<model::Layer> put_layers;
  std::vector<std::string> delete_layers;
  std::vector<model::Comment> put_comments;
  std::vector<std::string> delete_comments;
  std::optional<model::CoalitionInfo> info;
  std::optional<std::vector<std::string>> statement_order;
  std::optional<std::vector<std::string>> link_order;
  std::optional<std::vector<std::string>> theme_order;
  std::optional<std::vector<std::string>> layer_order;
  std::optional<std::vector<std::string>> comment_order;
  // Progress (migration 5). Points are deleted first (all of `clear_points_of`, then
  // `delete_points`), then `put_points` written (insert or replace by (measure, date)).
  std::vector<model::Measure> put_measures;
  std::vector<std::string> delete_measures;
  std::optional<std::vector<std::string>> measure_order;
  std::vector<std::string> clear_points_of;
  std::vector<std::pair<std::string, std::string>> delete_points;  // (measure, date)
  struct PointRows {
    std::string measure;
    std::vector<model::DataPoint> points;
    // A whole series written as it is in the new map (no copy: the map outlives the
    // commit), used instead of `points` when set; its measure has no stored rows left
    // (new, or in clear_points_of), so these are plain inserts.
    const model::PointSeries* series = nullptr;
  };
  std::vector<PointRows> put_points;
  std::optional<model::ProgressSettings> settings;
  std::vector<WorkRow> put_work;
  std::vector<WorkKey> delete_work;
  std::optional<std::vector<WorkKey>> work_order;  // every work row, in document order per kind
};

// A published read-only view of a coalition (issue 5): who holds the token may read it.
struct PublicationRecord {
  std::int64_t id = 0;
  CoalitionId coalition = 0;
  std::string token;  // a capability meant to be shared: kept so that stewards can copy the link again
  bool show_people = false;
  bool show_organisations = true;
  std::optional<std::int64_t> created_by;
  std::string created_at;
  std::string revoked_at;  // "" while it works
};

struct ChangeRecord {
  Revision revision = 0;
  std::string author;
  std::string created_at;    // ISO 8601, UTC
  std::string ops_json;      // the batch as applied (with generated ids)
  std::string inverse_json;  // ops that undo it, in order
  std::optional<std::int64_t> author_id;  // the author's account, when known
  std::optional<Revision> undo_of;        // this change undid that revision
  std::optional<Revision> redo_of;        // this change redid that undo (a revision)
};

// A named revision ("After workshop 3").
struct VersionRecord {
  std::int64_t id = 0;
  Revision revision = 0;
  std::string name;
  std::string author;
  std::string created_at;
};

struct CommitRequest {
  Revision expected_revision = 0;  // the revision the batch was validated against
  Delta delta;
  ChangeRecord change;             // revision filled in by the store
  std::vector<ops::Touch> field_touches;
};

enum class CommitStatus { committed, revision_moved, no_such_coalition };

struct CommitResult {
  CommitStatus status = CommitStatus::committed;
  Revision revision = 0;
  std::uint64_t durable_ticket = 0;  // pass to WaitDurable before telling anyone
};

class Store {
 public:
  virtual ~Store() = default;

  virtual Result<CoalitionId> CreateCoalition(const model::CoalitionInfo& info,
                                              const std::vector<model::ExtraSection>& sections) = 0;
  virtual bool DeleteCoalition(CoalitionId id) = 0;
  virtual std::vector<CoalitionSummary> ListCoalitions() = 0;
  virtual std::optional<LoadedMap> LoadCoalition(CoalitionId id) = 0;
  virtual std::optional<Revision> CurrentRevision(CoalitionId id) = 0;

  // The last revision at which each of these (kind, id, field) was changed, for those
  // changed after `after`. Part of a commit: it does not wait for durability.
  virtual std::map<ops::Touch, Revision> FieldsChangedAfter(CoalitionId id, Revision after,
                                                           const std::vector<ops::Touch>& fields) = 0;

  // Writes the delta, the change record and the field revisions in one transaction, as
  // revision expected_revision + 1; refuses if the stored revision moved. The commit is
  // durable once WaitDurable(result.durable_ticket) returns, which the caller may do
  // after letting others commit (group commit: their commits then share one disk sync).
  // Every other call returns only once what it wrote or read is durable.
  virtual CommitResult Commit(CoalitionId id, const CommitRequest& request) = 0;
  virtual void WaitDurable(std::uint64_t ticket) = 0;

  virtual std::vector<ChangeRecord> Changes(CoalitionId id, Revision after, std::size_t limit) = 0;

  // --- history (versions, checkpoints; migration 3) ----------------------------------
  // Changes before `before` (exclusive), newest first.
  virtual std::vector<ChangeRecord> ChangesBefore(CoalitionId id, Revision before, std::size_t limit) = 0;
  // The last revision committed at or before an ISO 8601 UTC time (0 when none was).
  virtual Revision RevisionAtTime(CoalitionId id, const std::string& iso_time) = 0;
  // Full native-document snapshots of the map at some revisions, so old revisions
  // rebuild from a nearby one instead of from the current map.
  virtual void PutCheckpoint(CoalitionId id, Revision revision, const std::string& document) = 0;
  virtual std::vector<Revision> CheckpointRevisions(CoalitionId id) = 0;
  virtual std::optional<std::string> Checkpoint(CoalitionId id, Revision revision) = 0;
  virtual Result<VersionRecord> AddVersion(CoalitionId id, Revision revision, const std::string& name,
                                           const std::string& author) = 0;
  virtual std::vector<VersionRecord> Versions(CoalitionId id) = 0;
  virtual bool DeleteVersion(CoalitionId id, std::int64_t version_id) = 0;

  // --- publications (migration 6) -------------------------------------------------------
  virtual PublicationRecord AddPublication(const PublicationRecord& publication) = 0;
  virtual std::vector<PublicationRecord> Publications(CoalitionId id) = 0;
  // Marks a publication revoked; false when there is no such live publication.
  virtual bool RevokePublication(CoalitionId id, std::int64_t publication_id) = 0;
  // The live (not revoked) publication with this token.
  virtual std::optional<PublicationRecord> PublicationByToken(const std::string& token) = 0;
};

// Opens (creating if needed) a SQLite database file and runs its migrations.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace coalign::store
