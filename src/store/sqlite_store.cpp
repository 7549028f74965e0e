// The SQLite implementation of Store: one database file in WAL mode, foreign keys on,
// versioned migrations at start-up, every acknowledged commit durable (group commit:
// see SqliteConnection::EnableGroupCommit).
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>

#include "store/sqlite_db.hpp"
#include "store/sqlite_migrations.hpp"
#include "store/sqlite_progress.hpp"
#include "store/sqlite_work.hpp"
#include "store/store.hpp"

namespace coalign::store {
namespace {

std::string TagsToText(const std::vector<std::string>& tags) { return nlohmann::json(tags).dump(); }

std::string MentionsToText(const std::vector<std::int64_t>& mentions) { return nlohmann::json(mentions).dump(); }

std::vector<std::int64_t> MentionsFromText(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::int64_t> mentions;
  if (parsed.is_array())
    for (const auto& user : parsed)
      if (user.is_number_integer()) mentions.push_back(user.get<std::int64_t>());
  return mentions;
}

std::vector<std::string> TagsFromText(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> tags;
  if (parsed.is_array())
    for (const auto& tag : parsed)
      if (tag.is_string()) tags.push_back(tag.get<std::string>());
  return tags;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : db_(path) {
    db_.Exec("PRAGMA journal_mode=WAL");
    db_.Exec("PRAGMA synchronous=FULL");
    db_.Exec("PRAGMA foreign_keys=ON");
    Migrate();
    db_.EnableGroupCommit();
  }

  Result<CoalitionId> CreateCoalition(const model::CoalitionInfo& info,
                                      const std::vector<model::ExtraSection>& sections) override {
    Locked lock(*this);
    SqliteTransaction transaction(db_);
    SqliteStatement insert(db_.handle(),
                           "INSERT INTO coalitions(name, purpose, extra, created_at) VALUES (?,?,?,?)");
    insert.Bind(1, info.name).Bind(2, info.purpose).Bind(3, info.extra).Bind(4, NowIso8601()).Run();
    CoalitionId id = sqlite3_last_insert_rowid(db_.handle());
    SqliteStatement section_insert(db_.handle(),
                                   "INSERT INTO coalition_sections(coalition_id, ord, key, value) VALUES (?,?,?,?)");
    for (std::size_t section_idx = 0; section_idx < sections.size(); ++section_idx) {
      section_insert.Bind(1, id)
          .Bind(2, static_cast<std::int64_t>(section_idx))
          .Bind(3, sections[section_idx].key)
          .Bind(4, sections[section_idx].json)
          .Run();
    }
    transaction.Commit();
    return id;
  }

  bool DeleteCoalition(CoalitionId id) override {
    Locked lock(*this);
    SqliteTransaction transaction(db_);
    db_.Exec("PRAGMA defer_foreign_keys=ON");
    SqliteStatement remove(db_.handle(), "DELETE FROM coalitions WHERE id=?");
    remove.Bind(1, id).Run();
    bool removed = sqlite3_changes(db_.handle()) > 0;
    transaction.Commit();
    return removed;
  }

  std::vector<CoalitionSummary> ListCoalitions() override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(),
                          "SELECT c.id, c.name, " + std::string(kRevisionOf) + ","
                          " (SELECT count(*) FROM statements s WHERE s.coalition_id = c.id),"
                          " (SELECT count(*) FROM links l WHERE l.coalition_id = c.id)"
                          " FROM coalitions c ORDER BY c.id");
    std::vector<CoalitionSummary> out;
    while (query.Step()) out.push_back({query.Int(0), query.Text(1), query.Int(2), query.Int(3), query.Int(4)});
    return out;
  }

  std::optional<Revision> CurrentRevision(CoalitionId id) override {
    Locked lock(*this);
    return RevisionLocked(id);
  }

  std::optional<LoadedMap> LoadCoalition(CoalitionId id) override {
    Locked lock(*this);
    // One read transaction, so the map and its revision agree.
    db_.Exec("BEGIN");
    try {
      auto loaded = LoadLocked(id);
      db_.Exec("COMMIT");
      return loaded;
    } catch (...) {
      db_.Exec("ROLLBACK");
      throw;
    }
  }

  std::map<ops::Touch, Revision> FieldsChangedAfter(CoalitionId id, Revision after,
                                                   const std::vector<ops::Touch>& fields) override {
    std::lock_guard lock(mutex_);  // part of a commit: its caller waits for durability
    std::map<ops::Touch, Revision> changed;
    SqliteStatement query(db_.handle(),
                          "SELECT revision FROM field_revisions WHERE coalition_id=? AND kind=? AND item_id=? AND "
                          "field=? AND revision > ?");
    for (const auto& touch : fields) {
      query.Bind(1, id).Bind(2, std::string(ops::ItemKindName(touch.kind))).Bind(3, touch.id).Bind(4, touch.field).Bind(5, after);
      if (query.Step()) changed[touch] = query.Int(0);
      query.Reset();
    }
    return changed;
  }

  CommitResult Commit(CoalitionId id, const CommitRequest& request) override {
    std::lock_guard lock(mutex_);  // the caller waits for durability
    SqliteTransaction transaction(db_);
    auto revision = RevisionLocked(id);
    if (!revision) return {CommitStatus::no_such_coalition, 0};
    if (*revision != request.expected_revision) return {CommitStatus::revision_moved, *revision};
    const Revision next = *revision + 1;
    WriteDelta(id, request.delta);
    SqliteStatement change(db_.handle(),
                           "INSERT INTO changes(coalition_id, revision, author, created_at, ops, inverse, author_id,"
                           " undo_of, redo_of) VALUES (?,?,?,?,?,?,?,?,?)");
    change.Bind(1, id)
        .Bind(2, next)
        .Bind(3, request.change.author)
        .Bind(4, request.change.created_at.empty() ? NowIso8601() : request.change.created_at)
        .Bind(5, request.change.ops_json)
        .Bind(6, request.change.inverse_json);
    BindOptional(change, 7, request.change.author_id);
    BindOptional(change, 8, request.change.undo_of);
    BindOptional(change, 9, request.change.redo_of);
    change.Run();
    SqliteStatement field(db_.handle(),
                          "INSERT INTO field_revisions(coalition_id, kind, item_id, field, revision) VALUES (?,?,?,?,?)"
                          " ON CONFLICT(coalition_id, kind, item_id, field) DO UPDATE SET revision=excluded.revision");
    for (const auto& touch : request.field_touches) {
      if (touch.field.empty()) continue;
      field.Bind(1, id).Bind(2, std::string(ops::ItemKindName(touch.kind))).Bind(3, touch.id).Bind(4, touch.field).Bind(5, next).Run();
    }
    auto ticket = transaction.Commit();
    return {CommitStatus::committed, next, ticket};
  }

  std::vector<ChangeRecord> Changes(CoalitionId id, Revision after, std::size_t limit) override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(), std::string(kChangeColumns) +
                                            " WHERE coalition_id=? AND revision > ? ORDER BY revision LIMIT ?");
    query.Bind(1, id).Bind(2, after).Bind(3, static_cast<std::int64_t>(limit));
    std::vector<ChangeRecord> out;
    while (query.Step()) out.push_back(ChangeFromRow(query));
    return out;
  }

  // --- history -------------------------------------------------------------------------

  std::vector<ChangeRecord> ChangesBefore(CoalitionId id, Revision before, std::size_t limit) override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(), std::string(kChangeColumns) +
                                            " WHERE coalition_id=? AND revision < ? ORDER BY revision DESC LIMIT ?");
    query.Bind(1, id).Bind(2, before).Bind(3, static_cast<std::int64_t>(limit));
    std::vector<ChangeRecord> out;
    while (query.Step()) out.push_back(ChangeFromRow(query));
    return out;
  }

  Revision RevisionAtTime(CoalitionId id, const std::string& iso_time) override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(),
                          "SELECT coalesce(max(revision), 0) FROM changes WHERE coalition_id=? AND created_at <= ?");
    query.Bind(1, id).Bind(2, iso_time);
    query.Step();
    return query.Int(0);
  }

  void PutCheckpoint(CoalitionId id, Revision revision, const std::string& document) override {
    Locked lock(*this);
    SqliteStatement put(db_.handle(),
                        "INSERT OR REPLACE INTO checkpoints(coalition_id, revision, document) VALUES (?,?,?)");
    put.Bind(1, id).Bind(2, revision).Bind(3, document).Run();
  }

  std::vector<Revision> CheckpointRevisions(CoalitionId id) override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(), "SELECT revision FROM checkpoints WHERE coalition_id=? ORDER BY revision");
    query.Bind(1, id);
    std::vector<Revision> out;
    while (query.Step()) out.push_back(query.Int(0));
    return out;
  }

  std::optional<std::string> Checkpoint(CoalitionId id, Revision revision) override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(), "SELECT document FROM checkpoints WHERE coalition_id=? AND revision=?");
    query.Bind(1, id).Bind(2, revision);
    if (!query.Step()) return std::nullopt;
    return query.Text(0);
  }

  Result<VersionRecord> AddVersion(CoalitionId id, Revision revision, const std::string& name,
                                   const std::string& author) override {
    Locked lock(*this);
    {
      SqliteStatement taken(db_.handle(), "SELECT revision FROM versions WHERE coalition_id=? AND name=?");
      taken.Bind(1, id).Bind(2, name);
      if (taken.Step())
        return Error{"a version is already named \"" + name + "\" (revision " + std::to_string(taken.Int(0)) + ")", "name"};
    }
    VersionRecord version{0, revision, name, author, NowIso8601()};
    SqliteStatement insert(db_.handle(),
                           "INSERT INTO versions(coalition_id, revision, name, author, created_at) VALUES (?,?,?,?,?)");
    insert.Bind(1, id).Bind(2, revision).Bind(3, name).Bind(4, author).Bind(5, version.created_at).Run();
    version.id = sqlite3_last_insert_rowid(db_.handle());
    return version;
  }

  std::vector<VersionRecord> Versions(CoalitionId id) override {
    Locked lock(*this);
    SqliteStatement query(db_.handle(),
                          "SELECT id, revision, name, author, created_at FROM versions WHERE coalition_id=?"
                          " ORDER BY revision DESC, id DESC");
    query.Bind(1, id);
    std::vector<VersionRecord> out;
    while (query.Step()) out.push_back({query.Int(0), query.Int(1), query.Text(2), query.Text(3), query.Text(4)});
    return out;
  }

  bool DeleteVersion(CoalitionId id, std::int64_t version_id) override {
    Locked lock(*this);
    SqliteStatement remove(db_.handle(), "DELETE FROM versions WHERE coalition_id=? AND id=?");
    remove.Bind(1, id).Bind(2, version_id).Run();
    return sqlite3_changes(db_.handle()) > 0;
  }

  PublicationRecord AddPublication(const PublicationRecord& publication) override {
    Locked lock(*this);
    return InsertPublication(db_, publication);
  }
  std::vector<PublicationRecord> Publications(CoalitionId id) override {
    Locked lock(*this);
    return SelectPublications(db_, id);
  }
  bool RevokePublication(CoalitionId id, std::int64_t publication_id) override {
    Locked lock(*this);
    return MarkPublicationRevoked(db_, id, publication_id);
  }
  std::optional<PublicationRecord> PublicationByToken(const std::string& token) override {
    Locked lock(*this);
    return SelectPublicationByToken(db_, token);
  }

 private:
  void Migrate() { RunMigrations(db_); }

  // A coalition's revision is its last change's (migration 7); `c` is its coalitions row.
  static constexpr const char* kRevisionOf =
      "(SELECT coalesce(max(revision), 0) FROM changes WHERE coalition_id = c.id)";
  static constexpr const char* kChangeColumns =
      "SELECT revision, author, created_at, ops, inverse, author_id, undo_of, redo_of FROM changes";
  static ChangeRecord ChangeFromRow(const SqliteStatement& row) {
    ChangeRecord change{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
    if (!row.IsNull(5)) change.author_id = row.Int(5);
    if (!row.IsNull(6)) change.undo_of = row.Int(6);
    if (!row.IsNull(7)) change.redo_of = row.Int(7);
    return change;
  }
  static void BindOptional(SqliteStatement& statement, int index, const std::optional<std::int64_t>& value) {
    if (value) statement.Bind(index, *value);
    else statement.BindNull(index);
  }

  std::optional<Revision> RevisionLocked(CoalitionId id) {
    SqliteStatement query(db_.handle(), "SELECT " + std::string(kRevisionOf) + " FROM coalitions c WHERE c.id=?");
    query.Bind(1, id);
    if (!query.Step()) return std::nullopt;
    return query.Int(0);
  }

  std::optional<LoadedMap> LoadLocked(CoalitionId id) {
    LoadedMap loaded;
    auto& map = loaded.map;
    {
      SqliteStatement query(db_.handle(),
                            "SELECT name, purpose, extra, " + std::string(kRevisionOf) + " FROM coalitions c WHERE c.id=?");
      query.Bind(1, id);
      if (!query.Step()) return std::nullopt;
      map.info = {query.Text(0), query.Text(1), query.Text(2)};
      loaded.revision = query.Int(3);
    }
    {
      SqliteStatement query(db_.handle(), "SELECT key, value FROM coalition_sections WHERE coalition_id=? ORDER BY ord");
      query.Bind(1, id);
      while (query.Step()) map.extra_sections.push_back({query.Text(0), query.Text(1)});
    }
    {
      SqliteStatement query(db_.handle(), "SELECT id, name, extra FROM layers WHERE coalition_id=? ORDER BY ord");
      query.Bind(1, id);
      while (query.Step()) map.layers.push_back({query.Text(0), query.Text(1), query.Text(2)});
    }
    {
      SqliteStatement query(db_.handle(),
                            "SELECT id, name, color, description, extra FROM themes WHERE coalition_id=? ORDER BY ord");
      query.Bind(1, id);
      while (query.Step())
        map.themes.push_back({query.Text(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4)});
    }
    {
      SqliteStatement query(db_.handle(),
                            "SELECT id, title, description, parent, layer, theme, tags, status, x, y, extra FROM "
                            "statements WHERE coalition_id=? ORDER BY ord");
      query.Bind(1, id);
      while (query.Step()) {
        model::Statement statement;
        statement.id = query.Text(0);
        statement.title = query.Text(1);
        statement.description = query.Text(2);
        statement.parent = query.OptionalText(3);
        statement.layer = query.OptionalText(4);
        statement.theme = query.OptionalText(5);
        statement.tags = TagsFromText(query.Text(6));
        statement.status = query.Text(7);
        if (!query.IsNull(8) && !query.IsNull(9)) statement.position = model::Position{query.Double(8), query.Double(9)};
        statement.extra = query.Text(10);
        map.statements.push_back(std::move(statement));
      }
    }
    {
      SqliteStatement query(db_.handle(),
                            "SELECT id, from_id, to_id, polarity, weight, assumption, evidence, extra FROM links "
                            "WHERE coalition_id=? ORDER BY ord");
      query.Bind(1, id);
      while (query.Step()) {
        map.links.push_back({query.Text(0), query.Text(1), query.Text(2), static_cast<int>(query.Int(3)),
                             query.Double(4), query.Text(5), query.Text(6), query.Text(7)});
      }
    }
    {
      SqliteStatement query(db_.handle(),
                            "SELECT id, target_kind, target_id, parent, author_id, author_name, body, created_at,"
                            " edited_at, resolved, mentions FROM comments WHERE coalition_id=? ORDER BY ord");
      query.Bind(1, id);
      while (query.Step()) {
        model::Comment comment;
        comment.id = query.Text(0);
        comment.target_kind = query.Text(1);
        comment.target_id = query.Text(2);
        comment.parent = query.OptionalText(3);
        comment.author_id = query.Int(4);
        comment.author_name = query.Text(5);
        comment.body = query.Text(6);
        comment.created_at = query.Text(7);
        comment.edited_at = query.Text(8);
        comment.resolved = query.Int(9) != 0;
        comment.mentions = MentionsFromText(query.Text(10));
        map.comments.push_back(std::move(comment));
      }
    }
    LoadProgress(db_.handle(), id, map);
    LoadWorkRows(db_, id, map.work);
    return loaded;
  }

  // The next document position of a kind: after everything already there.
  std::int64_t NextOrd(const char* table, CoalitionId id) {
    SqliteStatement query(db_.handle(), std::string("SELECT coalesce(max(ord), -1) + 1 FROM ") + table + " WHERE coalition_id=?");
    query.Bind(1, id);
    query.Step();
    return query.Int(0);
  }

  void DeleteRows(const char* table, CoalitionId id, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    SqliteStatement remove(db_.handle(), std::string("DELETE FROM ") + table + " WHERE coalition_id=? AND id=?");
    for (const auto& item_id : ids) remove.Bind(1, id).Bind(2, item_id).Run();
  }

  void Reorder(const char* table, CoalitionId id, const std::optional<std::vector<std::string>>& order) {
    if (!order) return;
    SqliteStatement update(db_.handle(), std::string("UPDATE ") + table + " SET ord=? WHERE coalition_id=? AND id=?");
    for (std::size_t item_idx = 0; item_idx < order->size(); ++item_idx)
      update.Bind(1, static_cast<std::int64_t>(item_idx)).Bind(2, id).Bind(3, (*order)[item_idx]).Run();
  }

  void WriteDelta(CoalitionId id, const Delta& delta) {
    // Links first out, statements last out; the reverse on the way in. Foreign keys are
    // deferred, so order only matters for the UNIQUE(from, to) of links.
    DeleteRows("links", id, delta.delete_links);
    DeleteRows("statements", id, delta.delete_statements);
    DeleteRows("themes", id, delta.delete_themes);
    DeleteRows("layers", id, delta.delete_layers);
    DeleteRows("comments", id, delta.delete_comments);
    if (delta.info) {
      SqliteStatement update(db_.handle(), "UPDATE coalitions SET name=?, purpose=?, extra=? WHERE id=?");
      update.Bind(1, delta.info->name).Bind(2, delta.info->purpose).Bind(3, delta.info->extra).Bind(4, id).Run();
    }
    if (!delta.put_layers.empty()) {
      auto ord = NextOrd("layers", id);
      SqliteStatement put(db_.handle(),
                          "INSERT INTO layers(coalition_id, id, ord, name, extra) VALUES (?,?,?,?,?)"
                          " ON CONFLICT(coalition_id, id) DO UPDATE SET name=excluded.name, extra=excluded.extra");
      for (const auto& layer : delta.put_layers) put.Bind(1, id).Bind(2, layer.id).Bind(3, ord++).Bind(4, layer.name).Bind(5, layer.extra).Run();
    }
    if (!delta.put_themes.empty()) {
      auto ord = NextOrd("themes", id);
      SqliteStatement put(db_.handle(),
                          "INSERT INTO themes(coalition_id, id, ord, name, color, description, extra) VALUES (?,?,?,?,?,?,?)"
                          " ON CONFLICT(coalition_id, id) DO UPDATE SET name=excluded.name, color=excluded.color,"
                          " description=excluded.description, extra=excluded.extra");
      for (const auto& theme : delta.put_themes)
        put.Bind(1, id).Bind(2, theme.id).Bind(3, ord++).Bind(4, theme.name).Bind(5, theme.color).Bind(6, theme.description).Bind(7, theme.extra).Run();
    }
    if (!delta.put_statements.empty()) {
      std::int64_t ord = -1;  // found (a scan) only when a statement is new
      SqliteStatement put(db_.handle(),
                          "INSERT INTO statements(coalition_id, id, ord, title, description, parent, layer, theme, tags,"
                          " status, x, y, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                          " ON CONFLICT(coalition_id, id) DO UPDATE SET title=excluded.title,"
                          " description=excluded.description, parent=excluded.parent, layer=excluded.layer,"
                          " theme=excluded.theme, tags=excluded.tags, status=excluded.status, x=excluded.x,"
                          " y=excluded.y, extra=excluded.extra");
      // Most puts edit a statement in place without moving it: an UPDATE that leaves the
      // parent out of its SET list does not rewrite the parent index's page.
      SqliteStatement edit(db_.handle(),
                           "UPDATE statements SET title=?, description=?, layer=?, theme=?, tags=?, status=?, x=?, y=?,"
                           " extra=? WHERE coalition_id=? AND id=? AND parent IS ?");
      for (const auto& statement : delta.put_statements) {
        edit.Bind(1, statement.title).Bind(2, statement.description).Bind(3, statement.layer).Bind(4, statement.theme);
        edit.Bind(5, TagsToText(statement.tags)).Bind(6, statement.status);
        if (statement.position) {
          edit.Bind(7, statement.position->x).Bind(8, statement.position->y);
        } else {
          edit.BindNull(7).BindNull(8);
        }
        edit.Bind(9, statement.extra).Bind(10, id).Bind(11, statement.id).Bind(12, statement.parent).Run();
        if (sqlite3_changes(db_.handle()) > 0) continue;
        if (ord < 0) ord = NextOrd("statements", id);
        put.Bind(1, id).Bind(2, statement.id).Bind(3, ord++).Bind(4, statement.title).Bind(5, statement.description);
        put.Bind(6, statement.parent).Bind(7, statement.layer).Bind(8, statement.theme).Bind(9, TagsToText(statement.tags));
        put.Bind(10, statement.status);
        if (statement.position) {
          put.Bind(11, statement.position->x).Bind(12, statement.position->y);
        } else {
          put.BindNull(11).BindNull(12);
        }
        put.Bind(13, statement.extra).Run();
      }
    }
    if (!delta.put_links.empty()) {
      std::int64_t ord = -1;
      SqliteStatement put(db_.handle(),
                          "INSERT INTO links(coalition_id, id, ord, from_id, to_id, polarity, weight, assumption,"
                          " evidence, extra) VALUES (?,?,?,?,?,?,?,?,?,?)"
                          " ON CONFLICT(coalition_id, id) DO UPDATE SET polarity=excluded.polarity,"
                          " weight=excluded.weight, assumption=excluded.assumption, evidence=excluded.evidence,"
                          " extra=excluded.extra");
      // An edit in place first (a link's ends never change in place), so the next position
      // (a scan) is looked up only for a new link.
      SqliteStatement edit(db_.handle(),
                           "UPDATE links SET polarity=?, weight=?, assumption=?, evidence=?, extra=?"
                           " WHERE coalition_id=? AND id=?");
      for (const auto& link : delta.put_links) {
        edit.Bind(1, static_cast<std::int64_t>(link.polarity)).Bind(2, link.weight).Bind(3, link.assumption);
        edit.Bind(4, link.evidence).Bind(5, link.extra).Bind(6, id).Bind(7, link.id).Run();
        if (sqlite3_changes(db_.handle()) > 0) continue;
        if (ord < 0) ord = NextOrd("links", id);
        put.Bind(1, id).Bind(2, link.id).Bind(3, ord++).Bind(4, link.from).Bind(5, link.to);
        put.Bind(6, static_cast<std::int64_t>(link.polarity)).Bind(7, link.weight).Bind(8, link.assumption);
        put.Bind(9, link.evidence).Bind(10, link.extra).Run();
      }
    }
    if (!delta.put_comments.empty()) {
      std::int64_t ord = -1;
      SqliteStatement put(db_.handle(),
                          "INSERT INTO comments(coalition_id, id, ord, target_kind, target_id, parent, author_id,"
                          " author_name, body, created_at, edited_at, resolved, mentions)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                          " ON CONFLICT(coalition_id, id) DO UPDATE SET body=excluded.body,"
                          " edited_at=excluded.edited_at, resolved=excluded.resolved, mentions=excluded.mentions");
      SqliteStatement edit(db_.handle(),
                           "UPDATE comments SET body=?, edited_at=?, resolved=?, mentions=? WHERE coalition_id=? AND id=?");
      for (const auto& comment : delta.put_comments) {
        edit.Bind(1, comment.body).Bind(2, comment.edited_at).Bind(3, static_cast<std::int64_t>(comment.resolved));
        edit.Bind(4, MentionsToText(comment.mentions)).Bind(5, id).Bind(6, comment.id).Run();
        if (sqlite3_changes(db_.handle()) > 0) continue;
        if (ord < 0) ord = NextOrd("comments", id);
        put.Bind(1, id).Bind(2, comment.id).Bind(3, ord++).Bind(4, comment.target_kind).Bind(5, comment.target_id);
        put.Bind(6, comment.parent).Bind(7, comment.author_id).Bind(8, comment.author_name).Bind(9, comment.body);
        put.Bind(10, comment.created_at).Bind(11, comment.edited_at).Bind(12, static_cast<std::int64_t>(comment.resolved));
        put.Bind(13, MentionsToText(comment.mentions)).Run();
      }
    }
    Reorder("comments", id, delta.comment_order);
    Reorder("layers", id, delta.layer_order);
    Reorder("themes", id, delta.theme_order);
    Reorder("statements", id, delta.statement_order);
    Reorder("links", id, delta.link_order);
    WriteProgressDelta(db_.handle(), id, delta);
    WriteWorkDelta(db_, id, delta);
  }

  void WaitDurable(std::uint64_t ticket) override { db_.WaitDurable(ticket); }

  // Holds the connection; on the way out, after letting go of it, waits until every
  // commit written so far is durable: nothing not yet on disk is read or acknowledged.
  class Locked {
   public:
    explicit Locked(SqliteStore& store) : store_(store), lock_(store.mutex_) {}
    ~Locked() {
      auto ticket = store_.db_.CommitsWritten();
      lock_.unlock();
      store_.db_.WaitDurable(ticket);
    }
    Locked(const Locked&) = delete;
    Locked& operator=(const Locked&) = delete;

   private:
    SqliteStore& store_;
    std::unique_lock<std::mutex> lock_;
  };

  std::mutex mutex_;
  SqliteConnection db_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  try {
    return std::unique_ptr<Store>(std::make_unique<SqliteStore>(path));
  } catch (const SqliteError& error) {
    return Error{error.what(), "db"};
  }
}

}  // namespace coalign::store
