// The map service, the one write path: commits at a base revision, field-level conflicts,
// refusals that change nothing, the change log and its listeners, and whole-document
// import (the demo map, export -> import -> export identity, refused items reported).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_database.hpp"
#include "interop/json_codec.hpp"
#include "interop/native_document.hpp"
#include "service/map_service.hpp"

namespace coalign::service {
namespace {

using model::MapState;
using model::Statement;
using ops::ErrorKind;
using ops::FieldSet;
using ops::Op;

using coalign::testing::TempDatabase;

std::string ReadFile(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  EXPECT_TRUE(stream.good()) << path;
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

Statement MakeStatement(std::string id, std::string title, std::optional<std::string> parent = std::nullopt) {
  Statement statement;
  statement.id = std::move(id);
  statement.title = std::move(title);
  statement.parent = std::move(parent);
  return statement;
}

model::Link MakeLink(std::string id, std::string from, std::string to) {
  model::Link link;
  link.id = std::move(id);
  link.from = std::move(from);
  link.to = std::move(to);
  return link;
}

class MapServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(database_.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    service_ = std::make_unique<MapService>(*store_);
  }

  // A coalition with A > B, C and links A->C, B->C, at revision 1.
  CoalitionId CreateSample() {
    auto created = service_->CreateCoalition({"Sample", "Purpose", ""});
    EXPECT_TRUE(created.ok());
    auto outcome = service_->Commit(*created, 0,
                                    {ops::AddLayer{{"outcome", "Outcomes", ""}, std::nullopt},
                                     ops::AddStatement{MakeStatement("A", "Alpha"), std::nullopt},
                                     ops::AddStatement{MakeStatement("B", "Beta", "A"), std::nullopt},
                                     ops::AddStatement{MakeStatement("C", "Gamma"), std::nullopt},
                                     ops::AddLink{MakeLink("l1", "A", "C"), std::nullopt},
                                     ops::AddLink{MakeLink("", "B", "C"), std::nullopt}},
                                    "setup");
    EXPECT_EQ(outcome.status, CommitStatus::committed);
    EXPECT_EQ(outcome.revision, 1);
    return *created;
  }

  MapState Map(CoalitionId coalition) {
    auto snapshot = service_->Current(coalition);
    EXPECT_TRUE(snapshot.ok());
    return snapshot.ok() ? *snapshot->map : MapState{};
  }
  Revision RevisionOf(CoalitionId coalition) { return service_->Current(coalition)->revision; }

  // What a fresh process would load from the database.
  MapState Reloaded(CoalitionId coalition) {
    MapService fresh(*store_);
    auto snapshot = fresh.Current(coalition);
    EXPECT_TRUE(snapshot.ok());
    return snapshot.ok() ? *snapshot->map : MapState{};
  }

  Result<ImportOutcome> Import(const std::string& text, bool strict = false) {
    auto document = interop::ReadNativeDocument(text);
    EXPECT_TRUE(document.ok()) << document.error().message;
    return service_->ImportDocument(document->map, document->problems, strict, "importer");
  }

  TempDatabase database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MapService> service_;
};

const Statement& Find(const MapState& map, const std::string& id) {
  for (const auto& statement : map.statements)
    if (statement.id == id) return statement;
  ADD_FAILURE() << "no statement " << id;
  static Statement none;
  return none;
}

TEST_F(MapServiceTest, CommitAtBaseRevision) {
  auto coalition = CreateSample();
  auto map = Map(coalition);
  ASSERT_EQ(map.statements.size(), 3u);
  ASSERT_EQ(map.links.size(), 2u);
  EXPECT_EQ(Find(map, "B").parent, std::optional<std::string>("A"));
  auto outcome = service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"title", std::string("Alpha 2")}}}}, "ann");
  EXPECT_EQ(outcome.status, CommitStatus::committed);
  EXPECT_EQ(outcome.revision, 2);
  EXPECT_TRUE(outcome.errors.empty());
  EXPECT_EQ(Find(Map(coalition), "A").title, "Alpha 2");
  EXPECT_EQ(RevisionOf(coalition), 2);
  EXPECT_TRUE(Reloaded(coalition) == Map(coalition));
}

TEST_F(MapServiceTest, GeneratedIdsAreReported) {
  auto created = service_->CreateCoalition({"Ids", "", ""});
  ASSERT_TRUE(created.ok());
  auto outcome = service_->Commit(*created, 0,
                                  {ops::AddStatement{MakeStatement("", "No id"), std::nullopt},
                                   ops::AddStatement{MakeStatement("mine", "Chosen"), std::nullopt}},
                                  "ann");
  ASSERT_EQ(outcome.status, CommitStatus::committed);
  ASSERT_EQ(outcome.generated_ids.size(), 2u);
  EXPECT_FALSE(outcome.generated_ids[0].empty());
  EXPECT_EQ(outcome.generated_ids[1], "");
  EXPECT_EQ(Map(*created).statements[0].id, outcome.generated_ids[0]);
}

TEST_F(MapServiceTest, EditsOfDifferentFieldsAtOneBaseBothWin) {
  auto coalition = CreateSample();
  auto first = service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"title", std::string("New title")}}}}, "ann");
  ASSERT_EQ(first.status, CommitStatus::committed);
  auto second =
      service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"description", std::string("New words")}}}}, "bob");
  ASSERT_EQ(second.status, CommitStatus::committed) << (second.errors.empty() ? second.message : second.errors[0].reason);
  EXPECT_EQ(second.revision, 3);
  const auto& a = Find(Map(coalition), "A");
  EXPECT_EQ(a.title, "New title");
  EXPECT_EQ(a.description, "New words");
  // Positions and a link's weight at the same stale base too.
  auto third = service_->Commit(coalition, 1, {ops::SetPositions{{{"C", model::Position{4, 5}}}},
                                               ops::UpdateLink{"l1", {{"weight", 0.5}}}},
                                "cy");
  EXPECT_EQ(third.status, CommitStatus::committed);
  EXPECT_TRUE(Reloaded(coalition) == Map(coalition));
}

TEST_F(MapServiceTest, SameFieldAtAStaleBaseIsAConflictAndChangesNothing) {
  auto coalition = CreateSample();
  ASSERT_EQ(service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"title", std::string("Ann's")}}}}, "ann").status,
            CommitStatus::committed);
  const auto before = Map(coalition);
  const auto changes_before = store_->Changes(coalition, 0, 100).size();
  auto outcome = service_->Commit(coalition, 1,
                                  {ops::UpdateStatement{"C", {{"description", std::string("fine")}}},
                                   ops::UpdateStatement{"A", {{"title", std::string("Bob's")}}}},
                                  "bob");
  EXPECT_EQ(outcome.status, CommitStatus::conflict);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].kind, ErrorKind::conflict);
  EXPECT_EQ(outcome.errors[0].op_index, 1u);
  EXPECT_EQ(outcome.errors[0].field, "title");
  EXPECT_NE(outcome.errors[0].reason.find("revision 2"), std::string::npos) << outcome.errors[0].reason;
  EXPECT_EQ(outcome.revision, 2);
  EXPECT_EQ(RevisionOf(coalition), 2);
  EXPECT_TRUE(Map(coalition) == before);
  EXPECT_TRUE(Reloaded(coalition) == before);
  EXPECT_EQ(store_->Changes(coalition, 0, 100).size(), changes_before);
  // At the current base the same edit goes through.
  EXPECT_EQ(service_->Commit(coalition, 2, {ops::UpdateStatement{"A", {{"title", std::string("Bob's")}}}}, "bob").status,
            CommitStatus::committed);
  // A move and a position count as fields too.
  ASSERT_EQ(service_->Commit(coalition, 3, {ops::MoveStatement{"B", std::nullopt}}, "ann").status, CommitStatus::committed);
  auto move = service_->Commit(coalition, 3, {ops::MoveStatement{"B", std::string("C")}}, "bob");
  EXPECT_EQ(move.status, CommitStatus::conflict);
  ASSERT_FALSE(move.errors.empty());
  EXPECT_EQ(move.errors[0].field, "parent");
}

// One field edit is applied to the cached map itself when no reader holds it: a refused
// or conflicting one leaves it exactly as it was, and a reader's snapshot never changes.
TEST_F(MapServiceTest, OneFieldEditInPlaceIsTakenBackWhenRefusedAndNeverChangesAReadersSnapshot) {
  auto coalition = CreateSample();
  ASSERT_EQ(service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"title", std::string("Ann's")}}}}, "ann").status,
            CommitStatus::committed);
  ASSERT_EQ(service_->Commit(coalition, 2, {ops::UpdateLink{"l1", {{"weight", 0.25}}}}, "ann").status,
            CommitStatus::committed);
  const auto before = Map(coalition);

  // Same field at a stale base: refused after it was applied, then taken back.
  auto conflict = service_->Commit(coalition, 1,
                                   {ops::UpdateStatement{"A", {{"description", std::string("new words")},
                                                               {"title", std::string("Bob's")}}}},
                                   "bob");
  EXPECT_EQ(conflict.status, CommitStatus::conflict);
  auto link_conflict = service_->Commit(coalition, 2, {ops::UpdateLink{"l1", {{"weight", 0.75}}}}, "bob");
  EXPECT_EQ(link_conflict.status, CommitStatus::conflict);
  // Refused by the op's own rules: nothing was applied.
  auto empty_title = service_->Commit(coalition, 3, {ops::UpdateStatement{"B", {{"description", std::string("ok")},
                                                                                 {"title", std::string("  ")}}}},
                                      "bob");
  EXPECT_EQ(empty_title.status, CommitStatus::invalid);
  EXPECT_TRUE(Map(coalition) == before);
  EXPECT_TRUE(Reloaded(coalition) == before);
  EXPECT_EQ(RevisionOf(coalition), 3);

  // A reader holding the map (a view being written, say) keeps what it took.
  auto held = service_->Current(coalition);
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(service_->Commit(coalition, 3, {ops::UpdateStatement{"A", {{"title", std::string("Cy's")}}}}, "cy").status,
            CommitStatus::committed);
  EXPECT_TRUE(*held->map == before);
  EXPECT_EQ(held->revision, 3);
  EXPECT_EQ(Find(Map(coalition), "A").title, "Cy's");
  // And with no reader left, the next edit (in place) is what a fresh process loads.
  held = service_->Current(coalition);
  held = Error{"released", ""};
  ASSERT_EQ(service_->Commit(coalition, 4, {ops::UpdateLink{"l1", {{"weight", 0.5}}}}, "cy").status,
            CommitStatus::committed);
  EXPECT_TRUE(Reloaded(coalition) == Map(coalition));
  EXPECT_EQ(Map(coalition).links[0].weight, 0.5);
}

TEST_F(MapServiceTest, AnOpWhoseTargetWasRemovedMeanwhileIsRefused) {
  auto coalition = CreateSample();
  ASSERT_EQ(service_->Commit(coalition, 1, {ops::RemoveStatement{"C", false}}, "ann").status, CommitStatus::committed);
  const auto before = Map(coalition);
  auto outcome = service_->Commit(coalition, 1, {ops::UpdateStatement{"C", {{"title", std::string("late")}}}}, "bob");
  EXPECT_EQ(outcome.status, CommitStatus::invalid);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].kind, ErrorKind::not_found);
  EXPECT_EQ(outcome.errors[0].field, "id");
  EXPECT_EQ(RevisionOf(coalition), 2);
  EXPECT_TRUE(Map(coalition) == before);
  // The links went with it.
  auto link = service_->Commit(coalition, 1, {ops::UpdateLink{"l1", {{"weight", 0.1}}}}, "bob");
  EXPECT_EQ(link.status, CommitStatus::invalid);
  EXPECT_EQ(link.errors.at(0).kind, ErrorKind::not_found);
}

TEST_F(MapServiceTest, UnusableBatchesAreRefused) {
  auto coalition = CreateSample();
  const auto before = Map(coalition);
  auto future = service_->Commit(coalition, 2, {ops::UpdateStatement{"A", {{"title", std::string("x")}}}}, "ann");
  EXPECT_EQ(future.status, CommitStatus::bad_request);
  EXPECT_FALSE(future.message.empty());
  EXPECT_EQ(future.revision, 1);
  auto negative = service_->Commit(coalition, -1, {ops::UpdateStatement{"A", {{"title", std::string("x")}}}}, "ann");
  EXPECT_EQ(negative.status, CommitStatus::bad_request);
  auto empty = service_->Commit(coalition, 1, {}, "ann");
  EXPECT_EQ(empty.status, CommitStatus::bad_request);
  EXPECT_FALSE(empty.message.empty());
  auto missing = service_->Commit(coalition + 99, 0, {ops::RemoveLink{"l1"}}, "ann");
  EXPECT_EQ(missing.status, CommitStatus::no_such_coalition);
  auto invalid = service_->Commit(coalition, 1, {ops::AddLink{MakeLink("x", "A", "A"), std::nullopt}}, "ann");
  EXPECT_EQ(invalid.status, CommitStatus::invalid);
  EXPECT_EQ(RevisionOf(coalition), 1);
  EXPECT_TRUE(Map(coalition) == before);
  EXPECT_EQ(store_->Changes(coalition, 0, 100).size(), 1u);
}

TEST_F(MapServiceTest, ChangeLogHoldsOpsAndInverses) {
  auto coalition = CreateSample();
  const auto before = Map(coalition);
  auto outcome = service_->Commit(coalition, 1,
                                  {ops::AddStatement{MakeStatement("", "New"), std::nullopt},
                                   ops::UpdateStatement{"A", {{"title", std::string("Changed")}}},
                                   ops::RemoveStatement{"A", true}},
                                  "ann");
  ASSERT_EQ(outcome.status, CommitStatus::committed);
  auto changes = store_->Changes(coalition, 1, 10);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].revision, 2);
  EXPECT_EQ(changes[0].author, "ann");
  auto ops_json = interop::Json::parse(changes[0].ops_json);
  ASSERT_EQ(ops_json.size(), 3u);
  EXPECT_EQ(ops_json[0]["op"], "add_statement");
  EXPECT_EQ(ops_json[0]["statement"]["id"], outcome.generated_ids[0]) << "the log records the generated id";
  EXPECT_EQ(ops_json[1]["op"], "update_statement");
  EXPECT_EQ(ops_json[2]["op"], "remove_statement");
  EXPECT_EQ(ops_json[2]["cascade"], true);
  auto inverse_json = interop::Json::parse(changes[0].inverse_json);
  ASSERT_TRUE(inverse_json.is_array());
  EXPECT_EQ(inverse_json.front()["op"], "add_statement");  // the cascade's re-adds come first
  EXPECT_EQ(inverse_json.back()["op"], "remove_statement");
  EXPECT_EQ(inverse_json.back()["id"], outcome.generated_ids[0]);
  // Undo from the log, through the write path, restores the map before the change.
  auto inverse = interop::OpsFromJson(inverse_json);
  ASSERT_TRUE(inverse.ok()) << inverse.error().message;
  auto undo = service_->Commit(coalition, 2, std::move(*inverse), "ann");
  ASSERT_EQ(undo.status, CommitStatus::committed) << (undo.errors.empty() ? undo.message : undo.errors[0].reason);
  EXPECT_TRUE(Map(coalition) == before);
  EXPECT_TRUE(Reloaded(coalition) == before) << "the store must hold the restored document order";
}

TEST_F(MapServiceTest, StoredMapMatchesTheCachedOneAfterReordersAndReAdds) {
  auto coalition = CreateSample();
  // Inserted mid-document, layers reordered.
  ASSERT_EQ(service_->Commit(coalition, 1,
                             {ops::AddLayer{{"vision", "Vision", ""}, std::nullopt},
                              ops::UpdateLayer{"vision", {{"index", 0.0}}},
                              ops::AddStatement{MakeStatement("M", "Middle"), 1},
                              ops::AddLink{MakeLink("l0", "M", "A"), 0}},
                             "ann")
                .status,
            CommitStatus::committed);
  EXPECT_TRUE(Reloaded(coalition) == Map(coalition));
  // A link removed and added again with the same id but other ends, in one batch.
  ASSERT_EQ(service_->Commit(coalition, 2, {ops::RemoveLink{"l1"}, ops::AddLink{MakeLink("l1", "C", "M"), std::nullopt}},
                             "ann")
                .status,
            CommitStatus::committed);
  auto map = Map(coalition);
  ASSERT_EQ(map.links.back().id, "l1");
  EXPECT_EQ(map.links.back().from, "C");
  EXPECT_EQ(map.links.back().to, "M");
  EXPECT_EQ(Reloaded(coalition).links, map.links);
  // A statement removed and added again with the same id: it is now last in the document.
  ASSERT_EQ(service_->Commit(coalition, 3, {ops::RemoveStatement{"A", true}, ops::AddStatement{MakeStatement("A", "Alpha again"), std::nullopt}},
                             "ann")
                .status,
            CommitStatus::committed);
  map = Map(coalition);
  EXPECT_EQ(map.statements.back().id, "A");
  EXPECT_EQ(Reloaded(coalition).statements, map.statements);
  EXPECT_TRUE(Reloaded(coalition) == map);
}

TEST_F(MapServiceTest, OnCommittedIsCalledOncePerCommit) {
  std::vector<std::pair<CoalitionId, Revision>> calls;
  std::vector<std::size_t> op_counts;
  service_->OnCommitted([&](const CommittedChange& change) {
    calls.emplace_back(change.coalition, change.revision);
    op_counts.push_back(change.ops ? change.ops->size() : 0);
    EXPECT_EQ(change.author, change.revision == 1 ? "setup" : "ann");
  });
  auto coalition = CreateSample();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0], std::make_pair(coalition, Revision{1}));
  EXPECT_EQ(op_counts[0], 6u);
  service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"title", std::string("x")}}}}, "ann");
  service_->Commit(coalition, 2, {ops::RemoveLink{"l1"}, ops::RemoveStatement{"B", false}}, "ann");
  // Refused commits publish nothing.
  service_->Commit(coalition, 3, {}, "ann");
  service_->Commit(coalition, 3, {ops::RemoveLink{"nope"}}, "ann");
  service_->Commit(coalition, 1, {ops::UpdateStatement{"A", {{"title", std::string("stale")}}}}, "ann");
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[1].second, 2);
  EXPECT_EQ(calls[2].second, 3);
  EXPECT_EQ(op_counts[2], 2u);
}

TEST_F(MapServiceTest, ImportsTheDementiaDemoAndExportsItIdentically) {
  const std::string text = ReadFile(std::string(COALIGN_SHARED_DIR) + "/data/demo/dementia-network-calgary.coalign.json");
  auto imported = Import(text);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported->statements, 28u);
  EXPECT_EQ(imported->links, 17u);
  EXPECT_EQ(imported->revision, 1);
  for (const auto& problem : imported->problems) ADD_FAILURE() << problem.where << ": " << problem.message;
  auto map = Map(imported->coalition);
  EXPECT_EQ(map.statements.size(), 28u);
  EXPECT_EQ(map.links.size(), 17u);
  EXPECT_FALSE(map.info.name.empty());
  // organisations and action teams are modelled now (model/work.hpp), not kept as raw sections
  EXPECT_EQ(map.work.Of(model::WorkKind::organisation).size(), 4u);
  EXPECT_EQ(map.work.Of(model::WorkKind::action_team).size(), 4u);

  const std::string exported = interop::WriteNativeDocument(map);
  auto again = Import(exported);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->problems.empty());
  const std::string exported_again = interop::WriteNativeDocument(Map(again->coalition));
  EXPECT_EQ(exported, exported_again);
  // What the store holds exports the same, too.
  EXPECT_EQ(interop::WriteNativeDocument(Reloaded(again->coalition)), exported);
  EXPECT_EQ(service_->ListCoalitions().size(), 2u);
}

const char* kBrokenDocument = R"({
  "format": "coalign-map", "version": 1,
  "coalition": {"name": "Broken"},
  "statements": [
    {"id": "A", "title": "Alpha"},
    {"id": "B", "title": "Beta", "parent": "A"},
    {"id": "C", "title": "Gamma"}
  ],
  "links": [
    {"id": "ok1", "from": "A", "to": "C"},
    {"id": "self", "from": "B", "to": "B"},
    {"id": "dup", "from": "A", "to": "C"},
    {"id": "ghost", "from": "C", "to": "nowhere"},
    {"id": "ok2", "from": "C", "to": "B", "polarity": -1}
  ]
})";

TEST_F(MapServiceTest, ImportLeavesOutAndReportsRefusedItems) {
  auto imported = Import(kBrokenDocument);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported->statements, 3u);
  EXPECT_EQ(imported->links, 2u);
  ASSERT_EQ(imported->problems.size(), 3u);
  std::vector<std::string> wheres;
  for (const auto& problem : imported->problems) {
    EXPECT_TRUE(problem.skipped);
    EXPECT_NE(problem.message.find("left out"), std::string::npos) << problem.message;
    wheres.push_back(problem.where);
  }
  EXPECT_NE(wheres[0].find("\"self\""), std::string::npos) << wheres[0];
  EXPECT_NE(wheres[1].find("\"dup\""), std::string::npos) << wheres[1];
  EXPECT_NE(wheres[2].find("\"ghost\""), std::string::npos) << wheres[2];
  auto map = Map(imported->coalition);
  ASSERT_EQ(map.links.size(), 2u);
  EXPECT_EQ(map.links[0].id, "ok1");
  EXPECT_EQ(map.links[1].id, "ok2");
}

TEST_F(MapServiceTest, StrictImportRefusesTheWholeDocument) {
  auto imported = Import(kBrokenDocument, /*strict=*/true);
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(imported.error().message.find("strict"), std::string::npos) << imported.error().message;
  EXPECT_NE(imported.error().message.find("self"), std::string::npos) << imported.error().message;
  EXPECT_TRUE(service_->ListCoalitions().empty()) << "a refused import creates no coalition";
  EXPECT_TRUE(store_->ListCoalitions().empty());
}

TEST_F(MapServiceTest, ImportedDocumentWithChildBeforeParentCanBeUndone) {
  auto imported = Import(R"({"format":"coalign-map","version":1,"coalition":{"name":"Order"},
    "statements":[{"id":"B","title":"Child","parent":"A"},{"id":"A","title":"Parent"}],"links":[]})");
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_TRUE(imported->problems.empty());
  auto changes = store_->Changes(imported->coalition, 0, 10);
  ASSERT_EQ(changes.size(), 1u);
  auto inverse = interop::OpsFromJson(interop::Json::parse(changes[0].inverse_json));
  ASSERT_TRUE(inverse.ok());
  auto undo = service_->Commit(imported->coalition, 1, std::move(*inverse), "ann");
  EXPECT_EQ(undo.status, CommitStatus::committed) << (undo.errors.empty() ? undo.message : undo.errors[0].reason);
  EXPECT_TRUE(Map(imported->coalition).statements.empty());
}

}  // namespace
}  // namespace coalign::service
