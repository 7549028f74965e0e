// History: sentences for each change, time travel checked against snapshots taken while a
// known history was built (with and without checkpoints), undo that restores exactly and
// is refused when it would overwrite a later edit, redo, diffs, filters and versions.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "interop/native_document.hpp"
#include "service/history_service.hpp"
#include "support/server_process.hpp"

namespace coalign::service {
namespace {

using model::MapState;
using ops::FieldSet;
using ops::Op;

model::Statement MakeStatement(std::string id, std::string title, std::optional<std::string> parent = std::nullopt) {
  model::Statement statement;
  statement.id = std::move(id);
  statement.title = std::move(title);
  statement.parent = std::move(parent);
  return statement;
}

model::Link MakeLink(std::string id, std::string from, std::string to, double weight = 1.0, int polarity = 1) {
  model::Link link;
  link.id = std::move(id);
  link.from = std::move(from);
  link.to = std::move(to);
  link.weight = weight;
  link.polarity = polarity;
  return link;
}

Op Add(std::string id, std::string title, std::optional<std::string> parent = std::nullopt) {
  return ops::AddStatement{MakeStatement(std::move(id), std::move(title), std::move(parent)), std::nullopt};
}
Op Rename(std::string id, std::string title) { return ops::UpdateStatement{std::move(id), FieldSet{{"title", title}}}; }

const ChangeMeta kAna{"Ana Ruiz <ana@example.org>", 11, std::nullopt, std::nullopt};
const ChangeMeta kBen{"Ben Oku <ben@example.org>", 12, std::nullopt, std::nullopt};
const HistoryActor kAnaActor{11, {"Ana Ruiz <ana@example.org>"}, false};
const HistoryActor kBenActor{12, {"Ben Oku <ben@example.org>"}, false};

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(100); }

  void Open(Revision interval, bool background = false) {
    history_.reset();
    maps_.reset();
    store_.reset();
    auto opened = store::OpenSqliteStore(dir_.File("history" + std::to_string(++opened_) + ".db"));
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    maps_ = std::make_unique<MapService>(*store_);
    history_ = std::make_unique<HistoryService>(*maps_, HistoryOptions{interval, background});
    maps_->OnCommitted([this](const CommittedChange& change) { history_->OnCommitted(change); });
    auto created = maps_->CreateCoalition(model::CoalitionInfo{"Test coalition", "", ""});
    ASSERT_TRUE(created);
    coalition_ = *created;
  }

  Revision Commit(std::vector<Op> batch, const ChangeMeta& meta = kAna) {
    auto revision = maps_->Current(coalition_)->revision;
    auto outcome = maps_->Commit(coalition_, revision, std::move(batch), meta);
    EXPECT_EQ(outcome.status, CommitStatus::committed) << (outcome.errors.empty() ? outcome.message : outcome.errors.front().reason);
    return outcome.revision;
  }
  MapState Map() { return *maps_->Current(coalition_)->map; }
  MapState MapAt(Revision revision) {
    auto at = history_->MapAt(coalition_, revision);
    EXPECT_TRUE(at) << at.error().message;
    return at ? *at->map : MapState{};
  }
  std::vector<std::string> Sentences(Revision revision) {
    HistoryQuery query;
    query.before = revision + 1;
    query.limit = 1;
    auto page = history_->History(coalition_, query);
    EXPECT_TRUE(page) << page.error().message;
    if (!page || page->entries.empty()) return {};
    EXPECT_EQ(page->entries.front().revision, revision);
    return page->entries.front().sentences;
  }

  coalign::testing::TempDir dir_;
  int opened_ = 0;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MapService> maps_;
  std::unique_ptr<HistoryService> history_;
  CoalitionId coalition_ = 0;
};

TEST_F(HistoryTest, SentencesSayWhatHappenedInWords) {
  auto added = Commit({Add("A", "Early diagnosis"), Add("B", "Fewer crises"), Add("Y", "Caregiver supports")});
  EXPECT_EQ(Sentences(added), (std::vector<std::string>{"added 'Early diagnosis'", "added 'Fewer crises'", "added 'Caregiver supports'"}));
  EXPECT_EQ(Sentences(Commit({Rename("A", "Timely diagnosis")})),
            std::vector<std::string>{"renamed 'Early diagnosis' → 'Timely diagnosis'"});
  EXPECT_EQ(Sentences(Commit({Add("X", "Respite options", "Y")})), std::vector<std::string>{"added 'Respite options' under 'Caregiver supports'"});
  EXPECT_EQ(Sentences(Commit({ops::AddLink{MakeLink("L1", "A", "B", 0.5), std::nullopt}})),
            std::vector<std::string>{"linked 'Timely diagnosis' → 'Fewer crises' (+)"});
  EXPECT_EQ(Sentences(Commit({ops::UpdateLink{"L1", FieldSet{{"weight", 0.8}}}})),
            std::vector<std::string>{"re-rated the link 'Timely diagnosis' → 'Fewer crises' from 0.5 to 0.8"});
  EXPECT_EQ(Sentences(Commit({ops::UpdateLink{"L1", FieldSet{{"polarity", -1.0}}}})),
            std::vector<std::string>{"changed the link 'Timely diagnosis' → 'Fewer crises' from + to −"});
  EXPECT_EQ(Sentences(Commit({ops::MoveStatement{"X", std::string("A")}})), std::vector<std::string>{"moved 'Respite options' into 'Timely diagnosis'"});
  Commit({Add("Y1", "Day programs", "Y"), Add("Y2", "In-home respite", "Y"), Add("Y3", "Peer groups", "Y")});
  EXPECT_EQ(Sentences(Commit({ops::RemoveStatement{"Y", true}})), std::vector<std::string>{"removed 'Caregiver supports' and its 3 sub-statements"});
  EXPECT_EQ(Sentences(Commit({ops::RemoveLink{"L1"}})), std::vector<std::string>{"removed the link 'Timely diagnosis' → 'Fewer crises'"});
  EXPECT_EQ(Sentences(Commit({ops::UpdateStatement{"A", FieldSet{{"status", std::string("agreed")}}}})),
            std::vector<std::string>{"marked 'Timely diagnosis' as agreed"});

  std::vector<Op> bulk;
  for (int statement_idx = 0; statement_idx < 108; ++statement_idx)
    bulk.push_back(Add("I" + std::to_string(statement_idx), "Imported " + std::to_string(statement_idx)));
  for (int link_idx = 0; link_idx < 107; ++link_idx)
    bulk.push_back(ops::AddLink{MakeLink("IL" + std::to_string(link_idx), "I" + std::to_string(link_idx), "I" + std::to_string(link_idx + 1)), std::nullopt});
  EXPECT_EQ(Sentences(Commit(std::move(bulk))), std::vector<std::string>{"imported 108 statements and 107 links"});
}

TEST_F(HistoryTest, EntriesCarryAuthorTimeAndNewestFirst) {
  Commit({Add("A", "One")}, kAna);
  Commit({Add("B", "Two")}, kBen);
  auto page = history_->History(coalition_, HistoryQuery{});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->entries.size(), 2u);
  EXPECT_EQ(page->entries[0].revision, 2);
  EXPECT_EQ(page->entries[0].author, kBen.author);
  EXPECT_EQ(page->entries[0].author_id, 12);
  EXPECT_EQ(page->entries[0].time.size(), 24u);  // 2024-03-01T14:30:00.000Z
  EXPECT_EQ(AuthorDisplayName(page->entries[0].author), "Ben Oku");
  EXPECT_FALSE(page->next_before);
}

TEST_F(HistoryTest, FiltersByStatementPersonDateAndPages) {
  Commit({Add("A", "Alpha"), Add("B", "Beta")});                                  // 1
  Commit({Rename("B", "Beta 2")}, kBen);                                          // 2
  Commit({ops::AddLink{MakeLink("L", "A", "B", 0.5), std::nullopt}});              // 3
  Commit({ops::UpdateLink{"L", FieldSet{{"weight", 0.9}}}}, kBen);                // 4 (names only the link)
  Commit({ops::RemoveLink{"L"}});                                                 // 5
  Commit({Rename("A", "Alpha 2")}, kBen);                                         // 6
  auto revisions = [&](HistoryQuery query) {
    std::vector<Revision> out;
    auto page = history_->History(coalition_, query);
    EXPECT_TRUE(page);
    if (page)
      for (const auto& entry : page->entries) out.push_back(entry.revision);
    return out;
  };
  HistoryQuery by_b;
  by_b.statement = "B";
  EXPECT_EQ(revisions(by_b), (std::vector<Revision>{5, 4, 3, 2, 1}));
  HistoryQuery by_ben;
  by_ben.author = "Ben Oku";
  EXPECT_EQ(revisions(by_ben), (std::vector<Revision>{6, 4, 2}));
  by_ben.author = "id:12";
  EXPECT_EQ(revisions(by_ben), (std::vector<Revision>{6, 4, 2}));
  HistoryQuery future;
  future.from_time = "2999-01-01T00:00:00.000Z";
  EXPECT_TRUE(revisions(future).empty());
  HistoryQuery past;
  past.to_time = "2000-01-01T00:00:00.000Z";
  EXPECT_TRUE(revisions(past).empty());
  HistoryQuery paged;
  paged.limit = 4;
  auto first = history_->History(coalition_, paged);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->entries.size(), 4u);
  ASSERT_TRUE(first->next_before);
  paged.before = *first->next_before;
  EXPECT_EQ(revisions(paged), (std::vector<Revision>{2, 1}));
}

// A history of known edits of every kind; the map at each revision must equal the map
// the service held right after that commit.
std::vector<std::vector<Op>> KnownHistory() {
  std::vector<std::vector<Op>> batches;
  batches.push_back({ops::AddLayer{model::Layer{"outcome", "Outcome", ""}, std::nullopt},
                     ops::AddTheme{model::Theme{"care", "Care", "#336699", "", ""}, std::nullopt}});
  for (int statement_idx = 0; statement_idx < 12; ++statement_idx)
    batches.push_back({Add("S" + std::to_string(statement_idx), "Statement " + std::to_string(statement_idx),
                           statement_idx >= 4 ? std::optional<std::string>("S" + std::to_string(statement_idx % 4)) : std::nullopt)});
  for (int link_idx = 0; link_idx < 8; ++link_idx)
    batches.push_back({ops::AddLink{MakeLink("L" + std::to_string(link_idx), "S" + std::to_string(link_idx), "S" + std::to_string(link_idx + 3), 0.5), std::nullopt}});
  batches.push_back({Rename("S1", "Renamed one"), ops::UpdateStatement{"S2", FieldSet{{"layer", std::string("outcome")}, {"theme", std::string("care")}}}});
  batches.push_back({ops::UpdateLink{"L2", FieldSet{{"weight", 0.25}, {"polarity", -1.0}}}});
  batches.push_back({ops::MoveStatement{"S5", std::string("S3")}});
  batches.push_back({ops::SetPositions{{{"S0", model::Position{10, 20}}, {"S1", model::Position{30, 40}}}}});
  batches.push_back({ops::RemoveStatement{"S0", true}});
  batches.push_back({ops::RemoveLink{"L3"}});
  batches.push_back({ops::UpdateCoalition{FieldSet{{"name", std::string("Renamed coalition")}}}});
  batches.push_back({Add("S0", "Statement zero again"), ops::UpdateTheme{"care", FieldSet{{"name", std::string("Caring")}}}});
  batches.push_back({ops::UpdateStatement{"S2", FieldSet{{"theme", std::monostate{}}}}, ops::RemoveTheme{"care"}});
  return batches;
}

TEST_F(HistoryTest, MapAtEveryRevisionEqualsTheSnapshotTakenThen) {
  for (Revision interval : {Revision{0}, Revision{4}, Revision{7}}) {
    Open(interval);
    std::vector<MapState> snapshots{Map()};
    for (auto& batch : KnownHistory()) {
      Commit(batch);
      snapshots.push_back(Map());
    }
    for (int pass = 0; pass < 2; ++pass) {  // the second pass reads the lazily written checkpoints too
      for (Revision revision = 0; revision < static_cast<Revision>(snapshots.size()); ++revision) {
        EXPECT_EQ(MapAt(revision), snapshots[revision]) << "revision " << revision << ", interval " << interval;
      }
    }
    if (interval > 0) {
      EXPECT_FALSE(store_->CheckpointRevisions(coalition_).empty());
    }
    auto out_of_range = history_->MapAt(coalition_, static_cast<Revision>(snapshots.size()));
    EXPECT_FALSE(out_of_range);
    EXPECT_FALSE(history_->MapAt(coalition_, -1));
  }
}

// As serve runs it: checkpoints written by their own thread hold the map as it was at
// their revision, however the map moved on meanwhile.
TEST_F(HistoryTest, CheckpointsWrittenInTheBackgroundAreTheMapsAsTheyWere) {
  Open(5, true);
  std::vector<MapState> snapshots{Map()};
  for (auto& batch : KnownHistory()) {
    Commit(batch);
    snapshots.push_back(Map());
  }
  for (int rename_idx = 0; rename_idx < 12; ++rename_idx) {
    Commit({Rename(snapshots.back().statements.front().id, "Renamed " + std::to_string(rename_idx))});
    snapshots.push_back(Map());
  }
  history_->WaitForCheckpoints();
  auto written = store_->CheckpointRevisions(coalition_);
  ASSERT_GE(written.size(), 2u);
  for (auto revision : written) {
    EXPECT_EQ(revision % 5, 0) << revision;
    auto document = store_->Checkpoint(coalition_, revision);
    ASSERT_TRUE(document);
    auto read = interop::ReadNativeDocument(*document);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->map.statements, snapshots[revision].statements) << "checkpoint at " << revision;
  }
  for (Revision revision = 0; revision < static_cast<Revision>(snapshots.size()); ++revision)
    EXPECT_EQ(MapAt(revision), snapshots[revision]) << "revision " << revision;
}

TEST_F(HistoryTest, CheckpointsGiveTheSameAnswersAndFewerSteps) {
  Open(10);
  std::mt19937 random(7);
  std::vector<std::string> ids{"R0"};
  Commit({Add("R0", "Root")});
  for (int change_idx = 1; change_idx < 95; ++change_idx) {
    const auto& existing = ids[random() % ids.size()];
    if (change_idx % 3 == 0) {
      Commit({Rename(existing, "Title " + std::to_string(change_idx))});
    } else {
      Commit({Add("R" + std::to_string(change_idx), "Item " + std::to_string(change_idx), existing)});
      ids.push_back("R" + std::to_string(change_idx));
    }
  }
  auto with = history_->MapAt(coalition_, 3);
  ASSERT_TRUE(with);
  EXPECT_LE(with->steps, 10u);
  HistoryService without(*maps_, HistoryOptions{0});
  for (Revision revision : {1, 3, 47, 50, 89, 94}) {
    auto slow = without.MapAt(coalition_, revision);
    auto fast = history_->MapAt(coalition_, revision);
    ASSERT_TRUE(slow && fast);
    EXPECT_EQ(*slow->map, *fast->map) << revision;
    EXPECT_EQ(slow->steps, static_cast<std::size_t>(95 - revision));
    EXPECT_LE(fast->steps, 9u) << revision;  // no checkpoint at 0: revision 1 replays back from 10
  }
}

TEST_F(HistoryTest, CheckpointDocumentRoundTripsTheDemoMap) {
  std::ifstream stream(std::string(COALIGN_SOURCE_DIR) + "/../shared/data/demo/dementia-network-calgary.coalign.json");
  ASSERT_TRUE(stream.good());
  std::string json((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  auto document = interop::ReadNativeDocument(json);
  ASSERT_TRUE(document);
  auto again = interop::ReadNativeDocument(interop::WriteNativeDocument(document->map, false));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->map, document->map);
}

TEST_F(HistoryTest, UndoRestoresExactlyAndRedoPutsItBack) {
  Commit({Add("A", "Alpha"), Add("B", "Beta", "A"), Add("C", "Gamma", "A"), ops::AddLink{MakeLink("L", "B", "C"), std::nullopt}});
  Commit({Add("D", "Delta")}, kBen);
  auto before = Map();
  auto removed = Commit({ops::RemoveStatement{"A", true}});
  auto after = Map();
  auto undo = history_->Undo(coalition_, std::nullopt, kAnaActor);
  ASSERT_EQ(undo.status, UndoStatus::committed) << undo.message;
  EXPECT_EQ(undo.target, removed);
  EXPECT_EQ(Map(), before);  // document order, links and all
  auto redo = history_->Redo(coalition_, std::nullopt, kAnaActor);
  ASSERT_EQ(redo.status, UndoStatus::committed) << redo.message;
  EXPECT_EQ(redo.target, undo.revision);
  EXPECT_EQ(Map(), after);
  EXPECT_EQ(history_->Redo(coalition_, std::nullopt, kAnaActor).status, UndoStatus::nothing);

  // Undo again: the redo is now Ana's last change; then her first change (Ben's is not hers).
  ASSERT_EQ(history_->Undo(coalition_, std::nullopt, kAnaActor).status, UndoStatus::committed);
  EXPECT_EQ(Map(), before);
  auto first = history_->Undo(coalition_, std::nullopt, kAnaActor);
  ASSERT_EQ(first.status, UndoStatus::committed) << first.message;
  EXPECT_EQ(first.target, 1);
  EXPECT_EQ(Map().statements.size(), 1u);  // Ben's Delta stays
  EXPECT_EQ(Map().statements[0].id, "D");
  EXPECT_EQ(history_->Undo(coalition_, std::nullopt, kAnaActor).status, UndoStatus::nothing);

  auto page = history_->History(coalition_, HistoryQuery{});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->entries.front().undo_of, 1);
  EXPECT_EQ(page->entries.front().sentences.front().rfind("undid revision 1: ", 0), 0u) << page->entries.front().sentences.front();
  EXPECT_EQ(page->entries.back().undone_by, first.revision);
}

TEST_F(HistoryTest, UndoRefusedWhenItWouldOverwriteALaterEdit) {
  Commit({Add("A", "Alpha"), Add("B", "Beta")});
  auto renamed = Commit({Rename("A", "Alpha by Ana")});
  Commit({Rename("A", "Alpha by Ben")}, kBen);
  auto map = Map();
  auto undo = history_->Undo(coalition_, renamed, kAnaActor);
  EXPECT_EQ(undo.status, UndoStatus::conflict) << undo.message;
  EXPECT_NE(undo.message.find("title"), std::string::npos) << undo.message;
  EXPECT_EQ(Map(), map);

  // Another field of the same statement changed later: the undo goes through.
  auto described = Commit({ops::UpdateStatement{"B", FieldSet{{"title", std::string("Beta by Ana")}}}});
  Commit({ops::UpdateStatement{"B", FieldSet{{"description", std::string("Ben's note")}}}}, kBen);
  auto ok = history_->Undo(coalition_, described, kAnaActor);
  ASSERT_EQ(ok.status, UndoStatus::committed) << ok.message;
  EXPECT_EQ(Map().statements[1].title, "Beta");
  EXPECT_EQ(Map().statements[1].description, "Ben's note");
}

TEST_F(HistoryTest, UndoRefusedWhenTheStatementIsGoneOrWasUsedSince) {
  Commit({Add("A", "Alpha"), Add("B", "Beta")});
  auto renamed = Commit({Rename("A", "Alpha 2")});
  Commit({ops::RemoveStatement{"A", false}}, kBen);
  auto gone = history_->Undo(coalition_, renamed, kAnaActor);
  EXPECT_EQ(gone.status, UndoStatus::refused) << gone.message;
  EXPECT_NE(gone.message.find("no longer applies"), std::string::npos) << gone.message;

  auto added = Commit({Add("C", "Gamma")});
  Commit({ops::AddLink{MakeLink("L", "B", "C"), std::nullopt}}, kBen);
  auto used = history_->Undo(coalition_, added, kAnaActor);
  EXPECT_EQ(used.status, UndoStatus::conflict) << used.message;
  EXPECT_NE(used.message.find("Ben Oku"), std::string::npos) << used.message;
  EXPECT_EQ(Map().links.size(), 1u);
}

TEST_F(HistoryTest, OnlyTheAuthorOrAStewardUndoes) {
  auto bens = Commit({Add("A", "Alpha")}, kBen);
  EXPECT_EQ(history_->Undo(coalition_, bens, kAnaActor).status, UndoStatus::forbidden);
  EXPECT_EQ(history_->Undo(coalition_, std::nullopt, kAnaActor).status, UndoStatus::nothing);
  EXPECT_EQ(history_->Undo(coalition_, 99, kAnaActor).status, UndoStatus::not_found);
  HistoryActor steward = kAnaActor;
  steward.steward = true;
  EXPECT_EQ(history_->Undo(coalition_, bens, steward).status, UndoStatus::committed);
  EXPECT_EQ(history_->Undo(coalition_, bens, steward).status, UndoStatus::refused);  // already undone
}

TEST_F(HistoryTest, DiffNamesWhatChanged) {
  Commit({Add("A", "Alpha"), Add("B", "Beta"), Add("C", "Gamma"), ops::AddLink{MakeLink("L", "A", "B", 0.5), std::nullopt}});
  Commit({Rename("A", "Alpha 2"), ops::MoveStatement{"C", std::string("B")}, ops::UpdateLink{"L", FieldSet{{"weight", 0.8}}},
          Add("D", "Delta"), ops::RemoveStatement{"B", true}});
  auto diff = history_->Diff(coalition_, 1, 2);
  ASSERT_TRUE(diff) << diff.error().message;
  EXPECT_EQ(diff->changed_statements, std::vector<std::string>{"A"});
  EXPECT_EQ(diff->added_statements, std::vector<std::string>{"D"});
  EXPECT_EQ(diff->removed_statements, (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(diff->removed_links, std::vector<std::string>{"L"});
  ASSERT_FALSE(diff->items.empty());
  EXPECT_EQ(diff->items[0].sentence, "renamed 'Alpha' → 'Alpha 2'");

  Commit({ops::AddLink{MakeLink("L2", "A", "D", 0.5), std::nullopt}});
  Commit({ops::UpdateLink{"L2", FieldSet{{"weight", 0.8}}}, ops::MoveStatement{"D", std::string("A")}});
  auto later = history_->Diff(coalition_, 3, 4);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->changed_links, std::vector<std::string>{"L2"});
  EXPECT_EQ(later->changed_statements, std::vector<std::string>{"D"});
  bool rerated = false, moved = false;
  for (const auto& item : later->items) {
    if (item.id == "L2") rerated = item.changes == std::vector<std::string>{"re-rated"} && item.sentence == "re-rated the link 'Alpha 2' → 'Delta' from 0.5 to 0.8";
    if (item.id == "D") moved = item.changes == std::vector<std::string>{"moved"};
  }
  EXPECT_TRUE(rerated);
  EXPECT_TRUE(moved);
  EXPECT_TRUE(history_->Diff(coalition_, 4, 4)->items.empty());
  EXPECT_FALSE(history_->Diff(coalition_, 0, 9));
}

TEST_F(HistoryTest, VersionsNameRevisions) {
  Commit({Add("A", "Alpha")});
  auto version = history_->CreateVersion(coalition_, "  After workshop 3 ", std::nullopt, kAna.author);
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(version->name, "After workshop 3");
  EXPECT_EQ(version->revision, 1);
  EXPECT_FALSE(history_->CreateVersion(coalition_, "After workshop 3", 0, kAna.author));
  EXPECT_FALSE(history_->CreateVersion(coalition_, " ", 0, kAna.author));
  EXPECT_FALSE(history_->CreateVersion(coalition_, "Future", 5, kAna.author));
  ASSERT_TRUE(history_->CreateVersion(coalition_, "Start", 0, kAna.author));
  auto versions = history_->Versions(coalition_);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].name, "After workshop 3");
  EXPECT_TRUE(history_->DeleteVersion(coalition_, version->id).value());
  EXPECT_FALSE(history_->DeleteVersion(coalition_, version->id).value());
  EXPECT_EQ(history_->Versions(coalition_)->size(), 1u);
  EXPECT_FALSE(history_->Versions(coalition_ + 100));
}

TEST(TimeBound, ReadsDatesAndTimes) {
  EXPECT_EQ(TimeBound("2024-03-01", true), "2024-03-01T23:59:59.999Z");
  EXPECT_EQ(TimeBound("2024-03-01", false), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(TimeBound("2024-03-01T14:30", true), "2024-03-01T14:30:59.999Z");
  EXPECT_EQ(TimeBound("2024-03-01T14:30:05Z", false), "2024-03-01T14:30:05.000Z");
  EXPECT_EQ(TimeBound("2024-03-01T14:30:05.123Z", true), "2024-03-01T14:30:05.123Z");
  EXPECT_EQ(TimeBound("2024-02-29", true), "2024-02-29T23:59:59.999Z");  // a leap day
  EXPECT_EQ(TimeBound("2024-03-01T23:59:59", true), "2024-03-01T23:59:59.999Z");
  for (const char* bad : {"", "yesterday", "2024-3-1", "2024-03-01T1430", "2024-03-01T14:30:5", "12",
                          // shaped right, but no such day or time
                          "2026-13-45", "2026-02-30", "2023-02-29", "2026-00-10", "0000-00-00", "2026-11-31",
                          "2026-12-04T24:00", "2026-12-04T99:99", "2026-12-04T12:60", "2026-12-04T12:30:60"})
    EXPECT_FALSE(TimeBound(bad, true)) << bad;
}

}  // namespace
}  // namespace coalign::service
