#include "service/map_service.hpp"

#include <atomic>
#include <cstring>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "interop/json_codec.hpp"
#include "service/comment_stamp.hpp"
#include "service/history.hpp"
#include "service/progress_delta.hpp"
#include "service/work_changes.hpp"

namespace coalign::service {
namespace {

// Which rows a batch changed, from its touches: items still in the new map are written
// whole, the others deleted.
store::Delta DeltaOf(const model::MapState& before, const model::MapState& after, const ops::BatchResult& result) {
  std::set<std::pair<ops::ItemKind, std::string>> touched;
  bool info_changed = !(before.info == after.info);
  for (const auto& applied : result.applied)
    for (const auto& touch : applied.touches) touched.insert({touch.kind, touch.id});

  store::Delta delta;
  std::set<std::pair<ops::ItemKind, std::string>> replaced;  // removed and added again
  for (const auto& applied : result.applied)
    for (const auto& touch : applied.touches)
      if (touch.field.empty()) replaced.insert({touch.kind, touch.id});
  auto collect = [&](ops::ItemKind kind, const auto& before_items, const auto& items, auto& puts, auto& deletes) {
    std::vector<const std::string*> ids;
    for (const auto& [touched_kind, id] : touched)
      if (touched_kind == kind) ids.push_back(&id);
    if (ids.empty()) return;  // most batches touch one kind: the others are not indexed
    // Where each touched id is now (and whether it was there before): a scan for a few
    // ids, an index for many.
    auto locate = [&ids](const auto& list) {
      std::unordered_map<std::string, std::size_t> at;
      if (ids.size() <= 8) {
        for (std::size_t item_idx = 0; item_idx < list.size(); ++item_idx)
          for (const auto* id : ids)
            if (list[item_idx].id == *id) at.emplace(*id, item_idx);
      } else {
        std::unordered_set<std::string> wanted;
        for (const auto* id : ids) wanted.insert(*id);
        for (std::size_t item_idx = 0; item_idx < list.size(); ++item_idx)
          if (wanted.count(list[item_idx].id)) at.emplace(list[item_idx].id, item_idx);
      }
      return at;
    };
    auto index = locate(items);
    // An edit made in place has the same list before and after: located once.
    auto existed = static_cast<const void*>(&before_items) == static_cast<const void*>(&items) ? index : locate(before_items);
    std::vector<std::pair<std::size_t, std::string>> present;
    for (const auto* id : ids) {
      auto found = index.find(*id);
      if (found == index.end()) {
        deletes.push_back(*id);
        continue;
      }
      // An item that was there before, removed and added again in this batch: its old row
      // goes, so the new one is written whole (a link's ends too) at its new position.
      if (existed.count(*id) && replaced.count({kind, *id})) deletes.push_back(*id);
      present.emplace_back(found->second, *id);
    }
    std::sort(present.begin(), present.end());  // new rows are stored in document order
    for (const auto& [item_idx, id] : present) puts.push_back(items[item_idx]);
  };
  collect(ops::ItemKind::statement, before.statements, after.statements, delta.put_statements, delta.delete_statements);
  collect(ops::ItemKind::link, before.links, after.links, delta.put_links, delta.delete_links);
  collect(ops::ItemKind::theme, before.themes, after.themes, delta.put_themes, delta.delete_themes);
  collect(ops::ItemKind::layer, before.layers, after.layers, delta.put_layers, delta.delete_layers);
  collect(ops::ItemKind::comment, before.comments, after.comments, delta.put_comments, delta.delete_comments);
  AddWorkDelta(before, after, result, delta);
  if (info_changed) delta.info = after.info;
  if (result.reordered) {
    auto ids = [](const auto& items) {
      std::vector<std::string> out;
      for (const auto& item : items) out.push_back(item.id);
      return out;
    };
    delta.statement_order = ids(after.statements);
    delta.link_order = ids(after.links);
    delta.theme_order = ids(after.themes);
    delta.layer_order = ids(after.layers);
    delta.comment_order = ids(after.comments);
  }
  return delta;
}

// The fields an op overwrites, for conflict detection (adds and removes overwrite none).
bool OverwritesFields(const ops::Op& op) {
  return std::holds_alternative<ops::UpdateStatement>(op) || std::holds_alternative<ops::UpdateLink>(op) ||
         std::holds_alternative<ops::UpdateTheme>(op) || std::holds_alternative<ops::UpdateLayer>(op) ||
         std::holds_alternative<ops::MoveStatement>(op) || std::holds_alternative<ops::SetPositions>(op) ||
         std::holds_alternative<ops::UpdateComment>(op) || std::holds_alternative<ops::ResolveComment>(op) ||
         ProgressOpOverwrites(op) || std::holds_alternative<ops::UpdateWork>(op);
}

// One field edit of one statement or link (a rename, a description, a re-rating): the
// usual co-editing change. Such an op changes nothing when it is refused, and its inverse
// undoes it exactly, so it may be applied to the cached map itself rather than a copy.
bool EditsOneItem(const std::vector<ops::Op>& ops) {
  return ops.size() == 1 &&
         (std::holds_alternative<ops::UpdateStatement>(ops[0]) || std::holds_alternative<ops::UpdateLink>(ops[0]));
}

// Names an op's item for an import report.
std::string Describe(const ops::Op& op) {
  if (auto* add = std::get_if<ops::AddStatement>(&op))
    return "statement \"" + add->statement.id + "\" (" + add->statement.title.substr(0, 60) + ")";
  if (auto* add = std::get_if<ops::AddLink>(&op))
    return "link " + (add->link.id.empty() ? "" : "\"" + add->link.id + "\" ") + "from \"" + add->link.from + "\" to \"" + add->link.to + "\"";
  if (auto* add = std::get_if<ops::AddTheme>(&op)) return "theme \"" + add->theme.id + "\"";
  if (auto* add = std::get_if<ops::AddLayer>(&op)) return "layer \"" + add->layer.id + "\"";
  if (auto* add = std::get_if<ops::AddComment>(&op)) return "comment \"" + add->comment.id + "\"";
  if (auto work = DescribeWorkOp(op); !work.empty()) return work;
  if (auto* add = std::get_if<ops::AddMeasure>(&op)) return "measure \"" + add->measure.id + "\" (" + add->measure.name.substr(0, 60) + ")";
  if (auto* set = std::get_if<ops::SetDataPoints>(&op)) return "data points of measure \"" + set->measure + "\"";
  return ops::OpName(op);
}

}  // namespace

std::vector<ops::Op> OpsToBuild(const model::MapState& document) {
  std::vector<ops::Op> ops;
  ops.reserve(document.layers.size() + document.themes.size() + document.statements.size() + document.links.size());
  for (const auto& layer : document.layers) ops.push_back(ops::AddLayer{layer, std::nullopt});
  for (const auto& theme : document.themes) ops.push_back(ops::AddTheme{theme, std::nullopt});
  for (const auto& statement : document.statements) ops.push_back(ops::AddStatement{statement, std::nullopt});
  for (const auto& link : document.links) ops.push_back(ops::AddLink{link, std::nullopt});
  for (const auto& comment : document.comments) ops.push_back(ops::AddComment{comment, std::nullopt});
  AppendProgressBuildOps(document, ops);
  AppendWorkOpsToBuild(document, ops);
  return ops;
}

MapService::MapService(store::Store& store) : store_(store) {}

std::vector<store::CoalitionSummary> MapService::ListCoalitions() { return store_.ListCoalitions(); }

Result<CoalitionId> MapService::CreateCoalition(const model::CoalitionInfo& info) {
  auto trimmed = info.name.find_first_not_of(" \t\r\n");
  if (trimmed == std::string::npos) return Error{"a coalition needs a name", "name"};
  if (info.name.size() > model::kMaxTitleLength) return Error{"the name is too long (500 bytes at most)", "name"};
  return store_.CreateCoalition(info, {});
}

std::shared_ptr<MapService::Entry> MapService::EntryFor(CoalitionId coalition) {
  std::lock_guard lock(entries_mutex_);
  auto& entry = entries_[coalition];
  if (!entry) entry = std::make_shared<Entry>();
  return entry;
}

bool MapService::Refresh(CoalitionId coalition, Entry& entry) {
  auto revision = store_.CurrentRevision(coalition);
  if (!revision) return false;
  if (entry.map && *revision == entry.revision) return true;
  auto loaded = store_.LoadCoalition(coalition);
  if (!loaded) return false;
  entry.map = std::make_shared<model::MapState>(std::move(loaded->map));
  entry.revision = loaded->revision;
  return true;
}

Result<Snapshot> MapService::Current(CoalitionId coalition) {
  auto entry = EntryFor(coalition);
  DurableOnExit durable{store_};
  std::lock_guard lock(entry->mutex);
  if (!Refresh(coalition, *entry)) return Error{"no coalition " + std::to_string(coalition), "id"};
  durable.ticket = entry->ticket;
  return Snapshot{entry->map, entry->revision};
}

CommitOutcome MapService::Commit(CoalitionId coalition, Revision base_revision, std::vector<ops::Op> ops,
                                 const std::string& author) {
  return Commit(coalition, base_revision, std::move(ops), ChangeMeta{author, std::nullopt, std::nullopt, std::nullopt});
}

CommitOutcome MapService::Commit(CoalitionId coalition, Revision base_revision, std::vector<ops::Op> ops,
                                 const ChangeMeta& meta) {
  const std::string& author = meta.author;
  CommitOutcome outcome;
  auto entry = EntryFor(coalition);
  DurableOnExit durable{store_};  // a refusal, too, names only a revision that is on disk
  std::unique_lock lock(entry->mutex);
  durable.ticket = entry->ticket;
  // A cached map is not checked against the store here (a query per commit): the store
  // checks the revision inside the commit's own transaction, and if another process moved
  // it, the map is reloaded and the batch validated again from the start, once.
  std::optional<std::vector<ops::Op>> retry;
  if (entry->map) retry = ops;
  else if (!Refresh(coalition, *entry)) {
    outcome.status = CommitStatus::no_such_coalition;
    outcome.message = "no coalition " + std::to_string(coalition);
    return outcome;
  }
  for (;;) {
    outcome = CommitOutcome{};
    outcome.revision = entry->revision;
    if (ops.empty()) {
      outcome.status = CommitStatus::bad_request;
      outcome.message = "the batch has no ops";
      return outcome;
    }
    if (base_revision < 0 || base_revision > entry->revision) {
      outcome.status = CommitStatus::bad_request;
      outcome.message = "base_revision " + std::to_string(base_revision) + " is not a revision of this coalition (it is at " +
                        std::to_string(entry->revision) + ")";
      return outcome;
    }

    if (!meta.recorded && !meta.undo_of && !meta.redo_of) {
      CommentStamp stamp{meta.author_id.value_or(0), AuthorDisplayName(author), NowUtc(), meta.moderator};
      auto mentions = [this, coalition](const std::string& body) {
        return mention_resolver_ ? mention_resolver_(coalition, body) : std::vector<std::int64_t>{};
      };
      StampDataPoints(ops, stamp.author_name);
      auto refused = StampCommentOps(*entry->map, ops, stamp, mentions);
      if (!refused.empty()) {
        outcome.status = CommitStatus::forbidden;
        outcome.errors = std::move(refused);
        return outcome;
      }
    }

    if (meta.gate) {
      auto refused = meta.gate(*entry->map, ops);
      if (!refused.empty()) {
        outcome.status = CommitStatus::forbidden;
        outcome.errors = std::move(refused);
        return outcome;
      }
    }

    // Without a copy of the whole map when no reader holds it (readers take it under
    // this entry's mutex, so none can start now) and the batch is one field edit.
    const bool in_place = EditsOneItem(ops) && entry->map.use_count() == 1;
    if (in_place) std::atomic_thread_fence(std::memory_order_acquire);  // after the last reader's release
    std::optional<model::MapState> copy;
    if (!in_place) copy.emplace(*entry->map);
    model::MapState& working = in_place ? *entry->map : *copy;
    const model::MapState& before = in_place ? working : *entry->map;  // one edit: the same items
    auto result = ops::ApplyBatch(working, ops);
    if (!result.ok()) {
      outcome.status = CommitStatus::invalid;
      outcome.errors = std::move(result.errors);
      return outcome;  // a refused edit changed nothing, in place or not
    }
    // An edit made in place that is not stored after all is taken back: by its exact
    // inverse when refused, by dropping the cached map if anything throws on the way.
    struct InPlaceGuard {
      Entry& entry;
      bool armed;
      ~InPlaceGuard() {
        if (armed) entry.map.reset();
      }
    } guard{*entry, in_place};
    auto take_back = [&] {
      if (!in_place) return;
      auto inverse = result.Inverse();
      if (!ops::ApplyBatch(working, inverse).ok()) return;  // the guard drops the map instead
      guard.armed = false;
    };

    // No one overwrites an edit they never saw: fields this batch sets that someone else
    // changed after base_revision are conflicts.
    if (base_revision < entry->revision) {
      std::vector<ops::Touch> overwritten;
      std::vector<std::size_t> owner;
      for (std::size_t op_idx = 0; op_idx < ops.size(); ++op_idx) {
        if (!OverwritesFields(ops[op_idx])) continue;
        for (const auto& touch : result.applied[op_idx].touches) {
          overwritten.push_back(touch);
          owner.push_back(op_idx);
        }
      }
      auto changed = store_.FieldsChangedAfter(coalition, base_revision, overwritten);
      for (std::size_t touch_idx = 0; touch_idx < overwritten.size(); ++touch_idx) {
        auto found = changed.find(overwritten[touch_idx]);
        if (found == changed.end()) continue;
        const auto& touch = overwritten[touch_idx];
        outcome.errors.push_back({owner[touch_idx], ops::ErrorKind::conflict,
                                  std::string(ops::ItemKindName(touch.kind)) + " \"" + touch.id + "\": " + touch.field +
                                      " was changed at revision " + std::to_string(found->second) +
                                      ", after your base revision " + std::to_string(base_revision) +
                                      "; reload to see it, then try again",
                                  touch.field});
      }
      if (!outcome.errors.empty()) {
        outcome.status = CommitStatus::conflict;
        take_back();
        return outcome;
      }
    }

    store::CommitRequest request;
    request.expected_revision = entry->revision;
    request.delta = DeltaOf(before, working, result);
    AddProgressDelta(before, working, ops, result.reordered, request.delta);
    request.change.author = author;
    request.change.author_id = meta.author_id;
    request.change.undo_of = meta.undo_of;
    request.change.redo_of = meta.redo_of;
    request.change.ops_json = interop::OpsToJsonText(ops);
    request.change.inverse_json = interop::OpsToJsonText(PruneProgressInverse(result.Inverse()));
    for (const auto& applied : result.applied)
      for (const auto& touch : applied.touches)
        if (!touch.field.empty()) request.field_touches.push_back(touch);
    auto committed = store_.Commit(coalition, request);
    if (committed.status == store::CommitStatus::revision_moved && retry) {
      guard.armed = false;
      entry->map.reset();
      if (!Refresh(coalition, *entry)) {
        outcome.status = CommitStatus::no_such_coalition;
        outcome.message = "no coalition " + std::to_string(coalition);
        return outcome;
      }
      ops = std::move(*retry);
      retry.reset();
      continue;
    }
    if (committed.status != store::CommitStatus::committed) {
      // Another process wrote meanwhile (shared database): drop the cache; the client retries.
      guard.armed = false;
      entry->map.reset();
      outcome.status = committed.status == store::CommitStatus::no_such_coalition ? CommitStatus::no_such_coalition
                                                                                  : CommitStatus::bad_request;
      outcome.message = "the coalition changed while this batch was being stored; send it again";
      return outcome;
    }
    guard.armed = false;
    if (!in_place) entry->map = std::make_shared<model::MapState>(std::move(*copy));
    entry->revision = committed.revision;
    entry->ticket = committed.durable_ticket;
    outcome.revision = committed.revision;
    for (const auto& applied : result.applied) outcome.generated_ids.push_back(applied.generated_id);
    outcome.warnings = result.Warnings();
    lock.unlock();
    // Group commit: other commits of this coalition go ahead while this one waits for
    // the disk, and share its sync. No one hears of it before it is durable.
    store_.WaitDurable(committed.durable_ticket);
    durable.ticket = 0;  // waited for already

    CommittedChange change{coalition, committed.revision, author, &ops};
    for (const auto& listener : listeners_) listener(change);
    return outcome;
  }
}

Result<ImportOutcome> MapService::ImportDocument(const model::MapState& document, interop::ImportProblems reader_problems,
                                                 bool strict, const std::string& author) {
  if (strict) {
    // Notes (a column kept in `extra`) do not refuse an import; anything left out does.
    std::vector<const interop::ImportProblem*> skipped;
    for (const auto& problem : reader_problems)
      if (problem.skipped) skipped.push_back(&problem);
    if (!skipped.empty()) {
      std::string message = skipped.front()->message;
      for (const char* suffix : {"; row skipped", "; left out"})
        if (auto at = message.rfind(suffix); at != std::string::npos && at + std::strlen(suffix) == message.size())
          message.resize(at);
      return Error{"refused (--strict): " + skipped.front()->where + ": " + message +
                       (skipped.size() > 1 ? " (and " + std::to_string(skipped.size() - 1) + " more problem(s))" : ""),
                   "file"};
    }
  }
  ImportOutcome outcome;
  outcome.problems = std::move(reader_problems);
  auto ops = OpsToBuild(document);

  // Leave out what the write path refuses, report it, and try again: a refused statement
  // makes its links fail in the next round, and so on; each round drops at least one op.
  model::MapState built;
  for (;;) {
    built = model::MapState{};
    built.info = document.info;
    auto attempt = ops;
    auto result = ops::ApplyBatch(built, attempt);
    if (result.ok()) break;
    if (strict) {
      const auto& first = result.errors.front();
      return Error{"refused (--strict): " + Describe(ops[first.op_index]) + ": " + first.reason +
                       (result.errors.size() > 1 ? " (and " + std::to_string(result.errors.size() - 1) + " more)" : ""),
                   first.field};
    }
    std::unordered_set<std::size_t> refused;
    for (const auto& error : result.errors) {
      if (!refused.insert(error.op_index).second) continue;
      outcome.problems.push_back({Describe(ops[error.op_index]), error.reason + "; left out", true});
    }
    std::vector<ops::Op> kept;
    for (std::size_t op_idx = 0; op_idx < ops.size(); ++op_idx)
      if (!refused.count(op_idx)) kept.push_back(std::move(ops[op_idx]));
    ops = std::move(kept);
  }

  auto created = store_.CreateCoalition(document.info, document.extra_sections);
  if (!created) return created.error();
  outcome.coalition = *created;
  if (!ops.empty()) {
    auto committed = Commit(*created, 0, std::move(ops), ChangeMeta{author, std::nullopt, std::nullopt, std::nullopt, false, true});
    if (committed.status != CommitStatus::committed) {
      store_.DeleteCoalition(*created);
      std::string reason = committed.errors.empty() ? committed.message : committed.errors.front().reason;
      return Error{"the import could not be stored: " + reason, "file"};
    }
    outcome.revision = committed.revision;
  }
  auto snapshot = Current(*created);
  if (snapshot) {
    outcome.statements = snapshot->map->statements.size();
    outcome.links = snapshot->map->links.size();
  }
  return outcome;
}

void MapService::OnCommitted(std::function<void(const CommittedChange&)> listener, bool before_others) {
  if (!before_others) {
    listeners_.push_back(std::move(listener));
    return;
  }
  listeners_.insert(listeners_.begin() + static_cast<std::ptrdiff_t>(first_listeners_), std::move(listener));
  ++first_listeners_;
}

}  // namespace coalign::service
