#include "service/history_service.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "interop/json_codec.hpp"
#include "interop/native_document.hpp"
#include "model/iso_time.hpp"

namespace coalign::service {
namespace {

constexpr std::size_t kScanPage = 500;

std::optional<std::vector<ops::Op>> DecodeOps(const std::string& text) {
  auto json = interop::Json::parse(text, nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  auto decoded = interop::OpsFromJson(json);
  if (!decoded) return std::nullopt;
  return std::move(*decoded);
}

Error ReplayError(Revision revision) {
  return Error{"the change log cannot be replayed at revision " + std::to_string(revision), "revision"};
}

bool IsOwn(const store::ChangeRecord& change, const HistoryActor& actor) {
  if (change.author_id) return actor.user_id && *change.author_id == *actor.user_id;
  return std::find(actor.labels.begin(), actor.labels.end(), change.author) != actor.labels.end();
}

bool MatchesAuthor(const store::ChangeRecord& change, const std::string& wanted) {
  if (wanted.rfind("id:", 0) == 0) return change.author_id && std::to_string(*change.author_id) == wanted.substr(3);
  return change.author == wanted || AuthorDisplayName(change.author) == wanted;
}

// The text of a refusal from the write path, reworded for an undo or a redo.
std::string RefusalText(const CommitOutcome& outcome) {
  if (outcome.errors.empty()) return outcome.message;
  std::string reason = outcome.errors.front().reason;
  if (auto cut = reason.find("; reload"); cut != std::string::npos) reason.resize(cut);
  if (auto cut = reason.find(", after your base revision"); cut != std::string::npos) reason.resize(cut);
  return reason;
}

}  // namespace

HistoryService::HistoryService(MapService& maps, HistoryOptions options)
    : maps_(maps), store_(maps.store()), options_(options) {
  if (options_.background_checkpoints && options_.checkpoint_interval > 0)
    checkpoint_writer_ = std::thread([this] { WriteCheckpoints(); });
}

HistoryService::~HistoryService() {
  {
    std::lock_guard lock(checkpoints_mutex_);
    stopping_ = true;  // what is still queued is written lazily by a later old read
  }
  checkpoints_changed_.notify_all();
  if (checkpoint_writer_.joinable()) checkpoint_writer_.join();
}

void HistoryService::WriteCheckpoints() {
  for (;;) {
    PendingCheckpoint next;
    {
      std::unique_lock lock(checkpoints_mutex_);
      checkpoints_changed_.wait(lock, [this] { return stopping_ || !pending_checkpoints_.empty(); });
      if (stopping_) return;
      next = std::move(pending_checkpoints_.front());
      pending_checkpoints_.pop_front();
      writing_checkpoint_ = true;
    }
    try {
      store_.PutCheckpoint(next.coalition, next.revision, interop::WriteNativeDocument(*next.map, false));
    } catch (const std::exception&) {
      // Only a shortcut is missing (say, the database was busy): the next read of an old
      // revision replays from elsewhere and writes the checkpoint then.
    }
    next.map.reset();
    {
      std::lock_guard lock(checkpoints_mutex_);
      writing_checkpoint_ = false;
    }
    checkpoints_changed_.notify_all();
  }
}

void HistoryService::WaitForCheckpoints() {
  std::unique_lock lock(checkpoints_mutex_);
  checkpoints_changed_.wait(lock, [this] { return stopping_ || (pending_checkpoints_.empty() && !writing_checkpoint_); });
}

Result<Revision> HistoryService::CurrentRevision(CoalitionId coalition) {
  auto revision = store_.CurrentRevision(coalition);
  if (!revision) return Error{"no coalition " + std::to_string(coalition), "id"};
  return *revision;
}

std::vector<store::ChangeRecord> HistoryService::ChangesAfter(CoalitionId coalition, Revision after) {
  std::vector<store::ChangeRecord> out;
  for (;;) {
    auto page = store_.Changes(coalition, after, kScanPage * 4);
    if (page.empty()) break;
    after = page.back().revision;
    for (auto& change : page) out.push_back(std::move(change));
  }
  return out;
}

void HistoryService::MaybeCheckpoint(CoalitionId coalition, Revision revision, const model::MapState& map,
                                     const std::vector<Revision>& existing) {
  const Revision interval = options_.checkpoint_interval;
  if (interval <= 0 || revision <= 0 || revision % interval != 0) return;
  if (std::binary_search(existing.begin(), existing.end(), revision)) return;
  store_.PutCheckpoint(coalition, revision, interop::WriteNativeDocument(map, false));
}

void HistoryService::OnCommitted(const CommittedChange& change) {
  const Revision interval = options_.checkpoint_interval;
  if (interval <= 0 || change.revision % interval != 0) return;
  auto current = maps_.Current(change.coalition);
  // A later commit got in first: the checkpoint is written lazily by the next old read.
  if (!current || current->revision != change.revision) return;
  if (!checkpoint_writer_.joinable()) {
    store_.PutCheckpoint(change.coalition, change.revision, interop::WriteNativeDocument(*current->map, false));
    return;
  }
  {
    std::lock_guard lock(checkpoints_mutex_);
    if (pending_checkpoints_.size() >= 4) return;  // far behind: left to the lazy path
    pending_checkpoints_.push_back({change.coalition, change.revision, current->map});
  }
  checkpoints_changed_.notify_all();
}

Result<MapAtRevision> HistoryService::MapAt(CoalitionId coalition, Revision target) {
  auto current = maps_.Current(coalition);
  if (!current) return current.error();
  const Revision now = current->revision;
  if (target < 0 || target > now)
    return Error{"revision " + std::to_string(target) + " is not a revision of this coalition (it is at " +
                     std::to_string(now) + ")",
                 "revision"};
  if (target == now) return MapAtRevision{current->map, now, 0};

  std::vector<Revision> checkpoints;
  if (options_.checkpoint_interval > 0) checkpoints = store_.CheckpointRevisions(coalition);
  std::optional<Revision> lower, upper;
  for (auto revision : checkpoints) {
    if (revision <= target) lower = revision;
    else if (revision <= now && !upper) upper = revision;
  }
  constexpr Revision kNever = std::numeric_limits<Revision>::max();
  const Revision cost_current = now - target;
  const Revision cost_lower = lower ? target - *lower : kNever;
  const Revision cost_upper = upper ? *upper - target : kNever;

  auto load_checkpoint = [&](Revision revision) -> std::optional<model::MapState> {
    auto text = store_.Checkpoint(coalition, revision);
    if (!text) return std::nullopt;
    auto document = interop::ReadNativeDocument(*text);
    if (!document || !document->problems.empty()) return std::nullopt;
    return std::move(document->map);
  };

  if (cost_lower <= cost_upper && cost_lower <= cost_current) {
    if (auto map = load_checkpoint(*lower)) {
      // Forwards: replay each change's ops on the checkpoint.
      auto changes = store_.Changes(coalition, *lower, static_cast<std::size_t>(target - *lower));
      for (const auto& change : changes) {
        auto ops = DecodeOps(change.ops_json);
        if (!ops) return ReplayError(change.revision);
        if (!ops::ApplyBatch(*map, *ops).ok()) return ReplayError(change.revision);
        MaybeCheckpoint(coalition, change.revision, *map, checkpoints);
      }
      return MapAtRevision{std::make_shared<const model::MapState>(std::move(*map)), target, changes.size()};
    }
  }
  // Backwards: undo each change from a later state (a checkpoint above, or the current map).
  Revision start = now;
  std::optional<model::MapState> map;
  if (cost_upper < cost_current) {
    map = load_checkpoint(*upper);
    if (map) start = *upper;
  }
  if (!map) map = *current->map;
  auto changes = store_.Changes(coalition, target, static_cast<std::size_t>(start - target));
  for (auto change_it = changes.rbegin(); change_it != changes.rend(); ++change_it) {
    auto inverse = DecodeOps(change_it->inverse_json);
    if (!inverse) return ReplayError(change_it->revision);
    if (!ops::ApplyBatch(*map, *inverse).ok()) return ReplayError(change_it->revision);
    MaybeCheckpoint(coalition, change_it->revision - 1, *map, checkpoints);
  }
  return MapAtRevision{std::make_shared<const model::MapState>(std::move(*map)), target, changes.size()};
}

Result<Revision> HistoryService::RevisionAtTime(CoalitionId coalition, const std::string& iso_time) {
  auto now = CurrentRevision(coalition);
  if (!now) return now.error();
  return store_.RevisionAtTime(coalition, iso_time);
}

Result<HistoryPage> HistoryService::History(CoalitionId coalition, const HistoryQuery& query) {
  auto current = maps_.Current(coalition);
  if (!current) return current.error();
  const Revision now = current->revision;
  const std::size_t limit = std::max<std::size_t>(1, query.limit);

  // Link ends, for "changes touching this statement" through one of its links: every link
  // of the current map, and every link a change added or removed (seen newest first, so an
  // update of a link is always read after the change that removed it, if any).
  std::unordered_map<std::string, std::pair<std::string, std::string>> link_ends;
  if (query.statement)
    for (const auto& link : current->map->links) link_ends[link.id] = {link.from, link.to};

  struct Match {
    store::ChangeRecord change;
    std::vector<ops::Op> ops;
  };
  std::vector<Match> matches;
  bool more = false;
  Revision cursor = std::min(query.before.value_or(now + 1), now + 1);
  while (!more) {
    auto page = store_.ChangesBefore(coalition, cursor, kScanPage);
    if (page.empty()) break;
    cursor = page.back().revision;
    bool past_range = false;
    for (auto& change : page) {
      if (query.from_time && change.created_at < *query.from_time) {
        past_range = true;
        break;
      }
      if (query.to_time && change.created_at > *query.to_time) continue;
      if (query.author && !MatchesAuthor(change, *query.author)) continue;
      std::optional<std::vector<ops::Op>> ops;
      if (query.statement) {
        ops = DecodeOps(change.ops_json);
        auto inverse = DecodeOps(change.inverse_json);
        if (!ops || !inverse) continue;
        auto mentions = MentionsOf(*ops, *inverse);
        for (const auto* list : {&*ops, &*inverse})
          for (const auto& op : *list)
            if (const auto* add = std::get_if<ops::AddLink>(&op)) link_ends[add->link.id] = {add->link.from, add->link.to};
        bool touches = mentions.statements.count(*query.statement) > 0;
        for (const auto& link_id : mentions.links) {
          auto found = link_ends.find(link_id);
          if (found != link_ends.end() && (found->second.first == *query.statement || found->second.second == *query.statement))
            touches = true;
        }
        if (!touches) continue;
      }
      if (matches.size() == limit) {
        more = true;
        break;
      }
      if (!ops) ops = DecodeOps(change.ops_json);
      if (!ops) return ReplayError(change.revision);
      matches.push_back({std::move(change), std::move(*ops)});
    }
    if (past_range) break;
  }

  HistoryPage result;
  if (more && !matches.empty()) result.next_before = matches.back().change.revision;
  if (matches.empty()) return result;

  // Which of these were undone (and not redone since).
  std::map<Revision, Revision> undone_by;
  {
    std::map<Revision, Revision> undo_target;  // undo revision -> what it undid
    std::set<Revision> redone;
    for (const auto& later : ChangesAfter(coalition, matches.back().change.revision)) {
      if (later.undo_of) undo_target[later.revision] = *later.undo_of;
      if (later.redo_of) redone.insert(*later.redo_of);
    }
    for (const auto& [undo, target] : undo_target)
      if (!redone.count(undo)) undone_by[target] = undo;
  }

  // Sentences need the map just before each change: walk backwards from the current map,
  // jumping (through checkpoints) over long gaps between matches.
  std::shared_ptr<const model::MapState> walk_map = current->map;
  Revision walk_revision = now;
  const Revision max_walk = std::max<Revision>(options_.checkpoint_interval, 200);
  for (auto& match : matches) {
    const Revision before = match.change.revision - 1;
    if (walk_revision - before > max_walk) {
      auto jumped = MapAt(coalition, before);
      if (!jumped) return jumped.error();
      walk_map = jumped->map;
      walk_revision = before;
    } else if (walk_revision > before) {
      model::MapState map = *walk_map;
      auto changes = store_.Changes(coalition, before, static_cast<std::size_t>(walk_revision - before));
      for (auto change_it = changes.rbegin(); change_it != changes.rend(); ++change_it) {
        auto inverse = DecodeOps(change_it->inverse_json);
        if (!inverse || !ops::ApplyBatch(map, *inverse).ok()) return ReplayError(change_it->revision);
      }
      walk_map = std::make_shared<const model::MapState>(std::move(map));
      walk_revision = before;
    }
    HistoryEntry entry;
    entry.revision = match.change.revision;
    entry.author = match.change.author;
    entry.author_id = match.change.author_id;
    entry.time = match.change.created_at;
    entry.undo_of = match.change.undo_of;
    entry.redo_of = match.change.redo_of;
    if (auto found = undone_by.find(entry.revision); found != undone_by.end()) entry.undone_by = found->second;
    entry.sentences = DescribeChange(*walk_map, match.ops);
    if (entry.undo_of && !entry.sentences.empty())
      entry.sentences.front() = "undid revision " + std::to_string(*entry.undo_of) + ": " + entry.sentences.front();
    if (entry.redo_of && !entry.sentences.empty())
      entry.sentences.front() = "redid: " + entry.sentences.front();
    result.entries.push_back(std::move(entry));
  }
  return result;
}

// Commits `ops` (an undo's inverse, or a redo's ops) against `base` unless they would
// remove or re-add an item that a change after `base` worked on.
struct HistoryService::Walk {
  static UndoOutcome CommitGuarded(MapService& maps, HistoryService& history, CoalitionId coalition, Revision base,
                                   std::vector<ops::Op> ops, const ChangeMeta& meta, const HistoryActor& actor,
                                   const std::string& verb) {
    UndoOutcome outcome;
    outcome.target = meta.undo_of ? *meta.undo_of : meta.redo_of ? *meta.redo_of : 0;
    auto current = maps.Current(coalition);
    if (!current) return {UndoStatus::not_found, 0, outcome.target, current.error().message, {}};
    outcome.revision = current->revision;
    model::MapState trial = *current->map;
    auto trial_ops = ops;
    auto applied = ops::ApplyBatch(trial, trial_ops);
    if (!applied.ok()) {
      outcome.status = UndoStatus::refused;
      outcome.message = "cannot " + verb + " revision " + std::to_string(outcome.target) +
                        ": it no longer applies (" + applied.errors.front().reason + ")";
      outcome.errors = applied.errors;
      return outcome;
    }
    std::set<std::pair<ops::ItemKind, std::string>> whole_items;
    for (const auto& op : applied.applied)
      for (const auto& touch : op.touches)
        if (touch.field.empty()) whole_items.insert({touch.kind, touch.id});
    if (!whole_items.empty()) {
      for (const auto& later : history.ChangesAfter(coalition, base)) {
        // Only others' edits are protected; one's own later edits are one's own to lose.
        if (IsOwn(later, actor)) continue;
        auto later_ops = DecodeOps(later.ops_json);
        auto later_inverse = DecodeOps(later.inverse_json);
        if (!later_ops || !later_inverse) continue;
        auto mentions = MentionsOf(*later_ops, *later_inverse);
        for (const auto& [kind, id] : whole_items) {
          bool mentioned = kind == ops::ItemKind::statement ? mentions.statements.count(id) > 0
                           : kind == ops::ItemKind::link    ? mentions.links.count(id) > 0
                                                            : false;
          if (!mentioned) continue;
          outcome.status = UndoStatus::conflict;
          outcome.message = "cannot " + verb + " revision " + std::to_string(outcome.target) + ": " +
                            ops::ItemKindName(kind) + " \"" + id + "\" was changed at revision " +
                            std::to_string(later.revision) + " by " + AuthorDisplayName(later.author) +
                            ", after it; " + verb + "ing would overwrite that edit";
          return outcome;
        }
      }
    }
    auto committed = maps.Commit(coalition, base, std::move(ops), meta);
    outcome.revision = committed.revision;
    outcome.errors = committed.errors;
    switch (committed.status) {
      case CommitStatus::committed: outcome.status = UndoStatus::committed; break;
      case CommitStatus::conflict:
        outcome.status = UndoStatus::conflict;
        outcome.message = "cannot " + verb + " revision " + std::to_string(outcome.target) + ": " + RefusalText(committed) +
                          "; " + verb + "ing would overwrite that edit";
        break;
      case CommitStatus::no_such_coalition: outcome.status = UndoStatus::not_found; outcome.message = committed.message; break;
      default:
        outcome.status = UndoStatus::refused;
        outcome.message = "cannot " + verb + " revision " + std::to_string(outcome.target) + ": " + RefusalText(committed);
    }
    return outcome;
  }
};

UndoOutcome HistoryService::Undo(CoalitionId coalition, std::optional<Revision> revision, const HistoryActor& actor) {
  auto now = CurrentRevision(coalition);
  if (!now) return {UndoStatus::not_found, 0, 0, now.error().message, {}};
  std::optional<store::ChangeRecord> target;
  if (revision) {
    auto found = *revision >= 1 ? store_.Changes(coalition, *revision - 1, 1) : std::vector<store::ChangeRecord>{};
    if (found.empty() || found.front().revision != *revision)
      return {UndoStatus::not_found, *now, *revision, "there is no revision " + std::to_string(*revision) + " to undo", {}};
    target = std::move(found.front());
  } else {
    std::set<Revision> undone;
    Revision cursor = *now + 1;
    while (!target) {
      auto page = store_.ChangesBefore(coalition, cursor, kScanPage);
      if (page.empty()) break;
      cursor = page.back().revision;
      for (auto& change : page) {
        if (change.undo_of) undone.insert(*change.undo_of);
        if (!IsOwn(change, actor) || change.undo_of || undone.count(change.revision)) continue;
        target = std::move(change);
        break;
      }
    }
    if (!target) return {UndoStatus::nothing, *now, 0, "you have no change left to undo", {}};
  }
  const Revision undone_revision = target->revision;
  if (target->undo_of)
    return {UndoStatus::refused, *now, undone_revision,
            "revision " + std::to_string(undone_revision) + " is itself an undo (of revision " +
                std::to_string(*target->undo_of) + "); redo that change instead",
            {}};
  if (!IsOwn(*target, actor) && !(revision && actor.steward))
    return {UndoStatus::forbidden, *now, undone_revision,
            "revision " + std::to_string(undone_revision) + " is " + AuthorDisplayName(target->author) +
                "'s change; only its author (or a steward) may undo it",
            {}};
  if (auto refused = AlreadyDone(coalition, undone_revision, true, *now)) return *refused;
  auto inverse = DecodeOps(target->inverse_json);
  if (!inverse) return {UndoStatus::refused, *now, undone_revision, ReplayError(undone_revision).message, {}};
  ChangeMeta meta{actor.labels.empty() ? std::string("anonymous") : actor.labels.front(), actor.user_id, undone_revision,
                  std::nullopt};
  return SettleRace(Walk::CommitGuarded(maps_, *this, coalition, undone_revision, std::move(*inverse), meta, actor, "undo"),
                    coalition, undone_revision, true);
}

std::optional<UndoOutcome> HistoryService::AlreadyDone(CoalitionId coalition, Revision of, bool undo, Revision current) {
  for (const auto& later : ChangesAfter(coalition, of))
    if ((undo ? later.undo_of : later.redo_of) == of)
      return UndoOutcome{UndoStatus::refused, current, of,
                         "revision " + std::to_string(of) + " was already " + (undo ? "undone" : "redone") +
                             " at revision " + std::to_string(later.revision),
                         {}};
  return std::nullopt;
}

UndoOutcome HistoryService::SettleRace(UndoOutcome outcome, CoalitionId coalition, Revision of, bool undo) {
  // Two undos (or redos) of one change at once: the one that lost says so, not which
  // edit it met.
  if (outcome.status == UndoStatus::conflict || outcome.status == UndoStatus::refused)
    if (auto refused = AlreadyDone(coalition, of, undo, outcome.revision)) return *refused;
  return outcome;
}

UndoOutcome HistoryService::Redo(CoalitionId coalition, std::optional<Revision> revision, const HistoryActor& actor) {
  auto now = CurrentRevision(coalition);
  if (!now) return {UndoStatus::not_found, 0, 0, now.error().message, {}};
  std::optional<store::ChangeRecord> undo;
  if (revision) {
    auto found = *revision >= 1 ? store_.Changes(coalition, *revision - 1, 1) : std::vector<store::ChangeRecord>{};
    if (found.empty() || found.front().revision != *revision)
      return {UndoStatus::not_found, *now, *revision, "there is no revision " + std::to_string(*revision), {}};
    if (found.front().undo_of) {
      undo = std::move(found.front());
    } else {
      // The revision of an undone change: redo its latest undo.
      for (auto& later : ChangesAfter(coalition, *revision))
        if (later.undo_of == *revision) undo = std::move(later);
      if (!undo)
        return {UndoStatus::nothing, *now, *revision, "revision " + std::to_string(*revision) + " has not been undone", {}};
    }
  } else {
    std::set<Revision> redone;
    Revision cursor = *now + 1;
    bool blocked = false;
    while (!undo && !blocked) {
      auto page = store_.ChangesBefore(coalition, cursor, kScanPage);
      if (page.empty()) break;
      cursor = page.back().revision;
      for (auto& change : page) {
        if (!IsOwn(change, actor)) continue;
        if (change.redo_of) {
          redone.insert(*change.redo_of);
          continue;
        }
        if (!change.undo_of) {
          blocked = true;  // a new change since the last undo ends what can be redone
          break;
        }
        if (redone.count(change.revision)) continue;
        undo = std::move(change);
        break;
      }
    }
    if (!undo) return {UndoStatus::nothing, *now, 0, "you have nothing to redo", {}};
  }
  const Revision undo_revision = undo->revision;
  if (!IsOwn(*undo, actor) && !(revision && actor.steward))
    return {UndoStatus::forbidden, *now, undo_revision,
            "revision " + std::to_string(undo_revision) + " is " + AuthorDisplayName(undo->author) +
                "'s undo; only its author (or a steward) may redo it",
            {}};
  if (auto refused = AlreadyDone(coalition, undo_revision, false, *now)) return *refused;
  auto original = store_.Changes(coalition, *undo->undo_of - 1, 1);
  if (original.empty() || original.front().revision != *undo->undo_of)
    return {UndoStatus::refused, *now, undo_revision, ReplayError(*undo->undo_of).message, {}};
  auto ops = DecodeOps(original.front().ops_json);
  if (!ops) return {UndoStatus::refused, *now, undo_revision, ReplayError(*undo->undo_of).message, {}};
  ChangeMeta meta{actor.labels.empty() ? std::string("anonymous") : actor.labels.front(), actor.user_id, std::nullopt,
                  undo_revision};
  return SettleRace(Walk::CommitGuarded(maps_, *this, coalition, undo_revision, std::move(*ops), meta, actor, "redo"),
                    coalition, undo_revision, false);
}

Result<store::VersionRecord> HistoryService::CreateVersion(CoalitionId coalition, const std::string& name,
                                                           std::optional<Revision> revision, const std::string& author) {
  auto now = CurrentRevision(coalition);
  if (!now) return now.error();
  auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Error{"a version needs a name", "name"};
  auto last = name.find_last_not_of(" \t\r\n");
  std::string trimmed = name.substr(first, last - first + 1);
  if (trimmed.size() > model::kMaxTitleLength) return Error{"the name is too long (500 bytes at most)", "name"};
  Revision at = revision.value_or(*now);
  if (at < 0 || at > *now)
    return Error{"revision " + std::to_string(at) + " is not a revision of this coalition (it is at " + std::to_string(*now) + ")",
                 "revision"};
  return store_.AddVersion(coalition, at, trimmed, author);
}

Result<std::vector<store::VersionRecord>> HistoryService::Versions(CoalitionId coalition) {
  auto now = CurrentRevision(coalition);
  if (!now) return now.error();
  return store_.Versions(coalition);
}

Result<bool> HistoryService::DeleteVersion(CoalitionId coalition, std::int64_t version_id) {
  auto now = CurrentRevision(coalition);
  if (!now) return now.error();
  return store_.DeleteVersion(coalition, version_id);
}

Result<MapDifference> HistoryService::Diff(CoalitionId coalition, Revision from, Revision to) {
  auto from_map = MapAt(coalition, from);
  if (!from_map) return Error{from_map.error().message, "from"};
  auto to_map = MapAt(coalition, to);
  if (!to_map) return Error{to_map.error().message, "to"};
  return DiffMaps(*from_map->map, *to_map->map);
}

std::optional<std::string> TimeBound(const std::string& text, bool end_of_period) {
  auto digits = [&](std::size_t at, std::size_t count) {
    if (at + count > text.size()) return false;
    for (std::size_t idx = at; idx < at + count; ++idx)
      if (!std::isdigit(static_cast<unsigned char>(text[idx]))) return false;
    return true;
  };
  // A real date and clock time, or nothing: "2026-13-45" or "T24:00" would otherwise
  // compare as text and quietly mean some other moment.
  auto below = [&](std::size_t at, int limit) { return (text[at] - '0') * 10 + (text[at + 1] - '0') < limit; };
  if (text.size() < 10 || !model::IsIsoDate(std::string_view(text).substr(0, 10))) return std::nullopt;
  std::string date = text.substr(0, 10);
  if (text.size() == 10) return date + (end_of_period ? "T23:59:59.999Z" : "T00:00:00.000Z");
  if ((text[10] != 'T' && text[10] != ' ') || !digits(11, 2) || text.size() < 16 || text[13] != ':' || !digits(14, 2) ||
      !below(11, 24) || !below(14, 60))
    return std::nullopt;
  std::string minute = date + "T" + text.substr(11, 5);
  std::string rest = text.substr(16);
  if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
  if (rest.empty()) return minute + (end_of_period ? ":59.999Z" : ":00.000Z");
  if (rest.size() < 3 || rest[0] != ':' || !digits(17, 2) || !below(17, 60)) return std::nullopt;
  std::string second = minute + rest.substr(0, 3);
  std::string fraction = rest.substr(3);
  if (fraction.empty()) return second + (end_of_period ? ".999Z" : ".000Z");
  if (fraction.size() != 4 || fraction[0] != '.' || !digits(20, 3)) return std::nullopt;
  return second + fraction + "Z";
}

}  // namespace coalign::service
