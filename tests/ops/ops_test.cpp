// The edit ops of the one write path: every op kind applies, validates and inverts, so
// that a batch followed by its Inverse() restores the map exactly; every refusal names
// the op, the kind of error and the field; ids are generated or checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "ops/apply.hpp"

namespace coalign::ops {
namespace {

using model::Layer;
using model::Link;
using model::MapState;
using model::Position;
using model::Statement;
using model::Theme;

Statement MakeStatement(std::string id, std::string title, std::optional<std::string> parent = std::nullopt) {
  Statement statement;
  statement.id = std::move(id);
  statement.title = std::move(title);
  statement.parent = std::move(parent);
  return statement;
}

Link MakeLink(std::string id, std::string from, std::string to, int polarity = 1, double weight = 1.0) {
  Link link;
  link.id = std::move(id);
  link.from = std::move(from);
  link.to = std::move(to);
  link.polarity = polarity;
  link.weight = weight;
  return link;
}

// A small map with every feature: layers, themes (one unused), a containment tree
// A > {B > C, D}, E, F, and links within, across and out of the tree.
MapState SampleMap() {
  MapState map;
  map.info = {"Dementia network", "Better lives", R"({"region":"Calgary"})"};
  map.layers = {{"outcome", "Outcomes", ""}, {"strategy", "Strategies", R"({"hint":"middle"})"}, {"capacity", "Capacity", ""}};
  map.themes = {{"t1", "Prevent and delay", "#2a9d8f", "", ""}, {"t2", "Caregivers", "#e76f51", "Support", ""}};
  auto a = MakeStatement("A", "Quality of life is improved");
  a.layer = "outcome";
  a.theme = "t1";
  a.tags = {"top", "impact"};
  a.position = Position{10, 20};
  a.status = "agreed";
  a.extra = R"({"note":"kept"})";
  auto b = MakeStatement("B", "Early diagnosis", "A");
  b.layer = "strategy";
  auto c = MakeStatement("C", "Primary care training", "B");
  c.layer = "capacity";
  c.position = Position{1, 2};
  auto d = MakeStatement("D", "Respite options", "A");
  auto e = MakeStatement("E", "Caregiver wellbeing");
  e.theme = "t1";
  auto f = MakeStatement("F", "Community awareness");
  map.statements = {a, b, c, d, e, f};
  map.links = {MakeLink("l1", "A", "E"), MakeLink("l2", "B", "C", -1, 0.5), MakeLink("l3", "C", "E", 0, 0.25),
               MakeLink("l4", "E", "F"), MakeLink("l5", "D", "B"), MakeLink("l6", "F", "A", 1, 0.75)};
  map.links[0].assumption = "if people are well";
  map.links[1].evidence = "study 2019";
  return map;
}

// Applies ops to a copy of `original`, expects success, then applies the inverse and
// expects the original back exactly. Returns the state after the batch.
MapState ExpectRoundTrip(const MapState& original, std::vector<Op> ops) {
  MapState working = original;
  auto result = ApplyBatch(working, ops);
  EXPECT_TRUE(result.ok()) << (result.errors.empty() ? "" : result.errors.front().reason);
  EXPECT_EQ(result.applied.size(), ops.size());
  MapState after = working;
  auto inverse = result.Inverse();
  auto undo = ApplyBatch(working, inverse);
  EXPECT_TRUE(undo.ok()) << (undo.errors.empty() ? "" : undo.errors.front().reason);
  EXPECT_TRUE(working == original) << "the inverse did not restore the map";
  return after;
}

// Applies ops to a copy, expects exactly one refusal with this op index, kind and field.
OpError ExpectRefused(const MapState& original, std::vector<Op> ops, std::size_t op_index, ErrorKind kind,
                      const std::string& field) {
  MapState working = original;
  auto result = ApplyBatch(working, ops);
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.applied.empty()) << "a refused batch must report nothing applied";
  if (result.errors.empty()) return {};
  EXPECT_EQ(result.errors.size(), 1u) << result.errors.front().reason;
  const auto& error = result.errors.front();
  EXPECT_EQ(error.op_index, op_index) << error.reason;
  EXPECT_EQ(error.kind, kind) << error.reason;
  EXPECT_EQ(error.field, field) << error.reason;
  EXPECT_FALSE(error.reason.empty());
  return error;
}

const Statement* Find(const MapState& map, const std::string& id) {
  for (const auto& statement : map.statements)
    if (statement.id == id) return &statement;
  return nullptr;
}

std::vector<std::string> StatementIds(const MapState& map) {
  std::vector<std::string> ids;
  for (const auto& statement : map.statements) ids.push_back(statement.id);
  return ids;
}
std::vector<std::string> LinkIds(const MapState& map) {
  std::vector<std::string> ids;
  for (const auto& link : map.links) ids.push_back(link.id);
  return ids;
}

// --- apply and invert, per op kind ---------------------------------------------------------

TEST(OpsApply, AddStatementAppendsAndInverts) {
  auto statement = MakeStatement("G", "New objective", "D");
  statement.layer = "strategy";
  statement.theme = "t2";
  statement.tags = {"x"};
  auto after = ExpectRoundTrip(SampleMap(), {AddStatement{statement, std::nullopt}});
  ASSERT_EQ(after.statements.size(), 7u);
  EXPECT_EQ(after.statements.back(), statement);
}

TEST(OpsApply, AddStatementAtIndexInsertsAndReportsReorder) {
  MapState map = SampleMap();
  std::vector<Op> ops{AddStatement{MakeStatement("G", "Inserted"), 1}};
  auto result = ApplyBatch(map, ops);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.reordered);
  EXPECT_EQ(StatementIds(map), (std::vector<std::string>{"A", "G", "B", "C", "D", "E", "F"}));
  ExpectRoundTrip(SampleMap(), {AddStatement{MakeStatement("G", "Inserted"), 1}});
}

TEST(OpsApply, UpdateStatementEveryFieldInverts) {
  FieldSet set{{"title", std::string("Renamed")},
               {"description", std::string("Longer words")},
               {"layer", std::monostate{}},
               {"theme", std::string("t2")},
               {"status", std::string("retired")},
               {"tags", std::vector<std::string>{"a", "b"}},
               {"position", Position{5, 6}}};
  auto after = ExpectRoundTrip(SampleMap(), {UpdateStatement{"A", set}});
  const auto* a = Find(after, "A");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->title, "Renamed");
  EXPECT_EQ(a->description, "Longer words");
  EXPECT_FALSE(a->layer.has_value());
  EXPECT_EQ(a->theme, std::optional<std::string>("t2"));
  EXPECT_EQ(a->status, "retired");
  EXPECT_EQ(a->tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(a->position, (Position{5, 6}));
  EXPECT_EQ(a->extra, R"({"note":"kept"})");
  // Clearing a position and setting a layer on a statement without one.
  ExpectRoundTrip(SampleMap(), {UpdateStatement{"C", {{"position", std::monostate{}}, {"layer", std::string("outcome")}}}});
}

TEST(OpsApply, UpdateStatementTouchesEachField) {
  MapState map = SampleMap();
  std::vector<Op> ops{UpdateStatement{"B", {{"title", std::string("T")}, {"status", std::string("agreed")}}}};
  auto result = ApplyBatch(map, ops);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.applied[0].touches,
            (std::vector<Touch>{{ItemKind::statement, "B", "title"}, {ItemKind::statement, "B", "status"}}));
}

TEST(OpsApply, SameFieldTwiceInOneUpdateStillInverts) {
  ExpectRoundTrip(SampleMap(), {UpdateStatement{"A", {{"title", std::string("First")}, {"title", std::string("Second")}}}});
  ExpectRoundTrip(SampleMap(), {UpdateLink{"l2", {{"weight", 0.1}, {"weight", 0.2}}}});
  ExpectRoundTrip(SampleMap(), {UpdateTheme{"t1", {{"name", std::string("X")}, {"name", std::string("Y")}}}});
  ExpectRoundTrip(SampleMap(), {UpdateLayer{"strategy", {{"name", std::string("X")}, {"name", std::string("Y")}}}});
  ExpectRoundTrip(SampleMap(), {UpdateCoalition{{{"name", std::string("X")}, {"name", std::string("Y")}}}});
}

TEST(OpsApply, MoveStatementInverts) {
  auto after = ExpectRoundTrip(SampleMap(), {MoveStatement{"C", std::string("E")}});
  EXPECT_EQ(Find(after, "C")->parent, std::optional<std::string>("E"));
  after = ExpectRoundTrip(SampleMap(), {MoveStatement{"B", std::nullopt}});
  EXPECT_FALSE(Find(after, "B")->parent.has_value());
  EXPECT_EQ(Find(after, "C")->parent, std::optional<std::string>("B"));  // the subtree moves along
}

TEST(OpsApply, RemoveLeafStatementRemovesItsLinksAndInverts) {
  auto after = ExpectRoundTrip(SampleMap(), {RemoveStatement{"E", false}});
  EXPECT_EQ(StatementIds(after), (std::vector<std::string>{"A", "B", "C", "D", "F"}));
  EXPECT_EQ(LinkIds(after), (std::vector<std::string>{"l2", "l5", "l6"}));
}

TEST(OpsApply, RemoveStatementCascadeRestoresDocumentOrder) {
  MapState map = SampleMap();
  std::vector<Op> ops{RemoveStatement{"B", true}};
  auto result = ApplyBatch(map, ops);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(StatementIds(map), (std::vector<std::string>{"A", "D", "E", "F"}));
  EXPECT_EQ(LinkIds(map), (std::vector<std::string>{"l1", "l4", "l6"}));
  auto touches = result.applied[0].touches;
  std::sort(touches.begin(), touches.end());
  EXPECT_EQ(touches, (std::vector<Touch>{{ItemKind::statement, "B", ""},
                                         {ItemKind::statement, "C", ""},
                                         {ItemKind::link, "l2", ""},
                                         {ItemKind::link, "l3", ""},
                                         {ItemKind::link, "l5", ""}}));
  // The whole tree from the top, with links in and out at several depths.
  ExpectRoundTrip(SampleMap(), {RemoveStatement{"A", true}});
  ExpectRoundTrip(SampleMap(), {RemoveStatement{"B", true}});
  // A child listed before its parent in the document still comes back in place.
  MapState reordered = SampleMap();
  std::swap(reordered.statements[0], reordered.statements[2]);  // C, B, A, D, E, F
  ExpectRoundTrip(reordered, {RemoveStatement{"A", true}});
}

TEST(OpsApply, RemoveLinkMidListRestoresPosition) {
  auto after = ExpectRoundTrip(SampleMap(), {RemoveLink{"l3"}});
  EXPECT_EQ(LinkIds(after), (std::vector<std::string>{"l1", "l2", "l4", "l5", "l6"}));
  ExpectRoundTrip(SampleMap(), {RemoveLink{"l1"}, RemoveLink{"l6"}, RemoveLink{"l4"}});
}

TEST(OpsApply, AddAndUpdateLinkInvert) {
  auto link = MakeLink("l7", "D", "F", -1, 0.3);
  link.assumption = "maybe";
  auto after = ExpectRoundTrip(SampleMap(), {AddLink{link, std::nullopt}});
  EXPECT_EQ(after.links.back(), link);
  after = ExpectRoundTrip(SampleMap(), {UpdateLink{"l1", {{"polarity", -1.0},
                                                          {"weight", 0.0},
                                                          {"assumption", std::string("")},
                                                          {"evidence", std::string("trial")}}}});
  EXPECT_EQ(after.links[0].polarity, -1);
  EXPECT_EQ(after.links[0].weight, 0.0);
  EXPECT_EQ(after.links[0].evidence, "trial");
  // A link mid-list (as inverses insert).
  ExpectRoundTrip(SampleMap(), {AddLink{MakeLink("l7", "D", "F"), 2}});
}

TEST(OpsApply, SetPositionsInverts) {
  SetPositions set{{{"A", Position{100, 200}}, {"B", Position{-3, 4.5}}, {"C", std::nullopt}}};
  auto after = ExpectRoundTrip(SampleMap(), {set});
  EXPECT_EQ(Find(after, "A")->position, (Position{100, 200}));
  EXPECT_EQ(Find(after, "B")->position, (Position{-3, 4.5}));
  EXPECT_FALSE(Find(after, "C")->position.has_value());
}

TEST(OpsApply, SetPositionsSameStatementTwiceInverts) {
  // A client dragging one box may send it twice in one op; undo must still restore.
  SetPositions set{{{"A", Position{1, 1}}, {"A", Position{2, 2}}}};
  auto after = ExpectRoundTrip(SampleMap(), {set});
  EXPECT_EQ(Find(after, "A")->position, (Position{2, 2}));
}

TEST(OpsApply, ThemesInvert) {
  ExpectRoundTrip(SampleMap(), {AddTheme{{"t3", "Awareness", "#abc", "", ""}, std::nullopt}});
  ExpectRoundTrip(SampleMap(), {AddTheme{{"t3", "Awareness", "", "", ""}, 0}});
  ExpectRoundTrip(SampleMap(), {UpdateTheme{"t1", {{"name", std::string("N")}, {"color", std::string("#000000")},
                                                  {"description", std::string("d")}}}});
  auto after = ExpectRoundTrip(SampleMap(), {RemoveTheme{"t2"}});
  EXPECT_EQ(after.themes.size(), 1u);
  // Removing the first one restores it at the front.
  ExpectRoundTrip(SampleMap(), {UpdateStatement{"A", {{"theme", std::monostate{}}}},
                                UpdateStatement{"E", {{"theme", std::string("t2")}}}, RemoveTheme{"t1"}});
}

TEST(OpsApply, LayersInvertIncludingIndexReorder) {
  ExpectRoundTrip(SampleMap(), {AddLayer{{"vision", "Vision", ""}, 0}});
  ExpectRoundTrip(SampleMap(), {AddLayer{{"base", "Base", ""}, std::nullopt}});
  MapState map = SampleMap();
  std::vector<Op> ops{UpdateLayer{"outcome", {{"index", 2.0}, {"name", std::string("Results")}}}};
  auto result = ApplyBatch(map, ops);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.reordered);
  ASSERT_EQ(map.layers.size(), 3u);
  EXPECT_EQ(map.layers[0].id, "strategy");
  EXPECT_EQ(map.layers[1].id, "capacity");
  EXPECT_EQ(map.layers[2].id, "outcome");
  EXPECT_EQ(map.layers[2].name, "Results");
  ExpectRoundTrip(SampleMap(), {UpdateLayer{"outcome", {{"index", 2.0}, {"name", std::string("Results")}}}});
  ExpectRoundTrip(SampleMap(), {UpdateLayer{"capacity", {{"index", 0.0}}}});
  ExpectRoundTrip(SampleMap(), {UpdateLayer{"strategy", {{"index", 1.0}}}});  // stays put
  ExpectRoundTrip(SampleMap(), {UpdateStatement{"B", {{"layer", std::monostate{}}}}, RemoveLayer{"strategy"}});
}

TEST(OpsApply, UpdateCoalitionInverts) {
  auto after = ExpectRoundTrip(SampleMap(), {UpdateCoalition{{{"name", std::string("N")}, {"purpose", std::string("P")}}}});
  EXPECT_EQ(after.info.name, "N");
  EXPECT_EQ(after.info.purpose, "P");
  EXPECT_EQ(after.info.extra, R"({"region":"Calgary"})");
}

TEST(OpsApply, MixedBatchInverts) {
  std::vector<Op> ops{AddStatement{MakeStatement("G", "New"), std::nullopt},
                      AddLink{MakeLink("l7", "G", "A"), std::nullopt},
                      UpdateStatement{"G", {{"title", std::string("Newer")}}},
                      MoveStatement{"G", std::string("D")},
                      RemoveLink{"l2"},
                      RemoveStatement{"B", true},
                      SetPositions{{{"G", Position{3, 3}}}},
                      UpdateLayer{"capacity", {{"index", 0.0}}},
                      RemoveTheme{"t2"},
                      AddStatement{MakeStatement("H", "Other", "G"), 0}};
  ExpectRoundTrip(SampleMap(), ops);
}

TEST(OpsApply, SubtreeListsParentsFirst) {
  EXPECT_EQ(Subtree(SampleMap(), "A"), (std::vector<std::string>{"A", "B", "D", "C"}));
  EXPECT_EQ(Subtree(SampleMap(), "E"), (std::vector<std::string>{"E"}));
}

// --- property: random batches on random maps ----------------------------------------------

class RandomOps {
 public:
  explicit RandomOps(unsigned seed) : random_(seed) {}

  MapState RandomMap() {
    MapState map;
    map.info.name = "Random " + std::to_string(Pick(1000));
    for (int layer_idx = 0, count = Pick(4); layer_idx < count; ++layer_idx)
      map.layers.push_back({"y" + std::to_string(layer_idx), "Layer " + std::to_string(layer_idx), ""});
    for (int theme_idx = 0, count = Pick(4); theme_idx < count; ++theme_idx)
      map.themes.push_back({"t" + std::to_string(theme_idx), "Theme " + std::to_string(theme_idx), "#123456", "", ""});
    int statements = 1 + Pick(12);
    for (int statement_idx = 0; statement_idx < statements; ++statement_idx) {
      auto statement = MakeStatement("s" + std::to_string(statement_idx), "Statement " + std::to_string(statement_idx));
      if (statement_idx > 0 && Chance(0.5)) statement.parent = "s" + std::to_string(Pick(statement_idx));
      if (!map.layers.empty() && Chance(0.6)) statement.layer = map.layers[Pick(map.layers.size())].id;
      if (!map.themes.empty() && Chance(0.4)) statement.theme = map.themes[Pick(map.themes.size())].id;
      if (Chance(0.3)) statement.tags = {"tag" + std::to_string(Pick(3))};
      if (Chance(0.5)) statement.position = Position{double(Pick(500)), double(Pick(500))};
      map.statements.push_back(statement);
    }
    // Documents sometimes list children before parents.
    if (Chance(0.3)) std::shuffle(map.statements.begin(), map.statements.end(), random_);
    int links = Pick(statements * 2);
    for (int link_idx = 0; link_idx < links; ++link_idx) {
      auto from = map.statements[Pick(map.statements.size())].id;
      auto to = map.statements[Pick(map.statements.size())].id;
      bool duplicate = std::any_of(map.links.begin(), map.links.end(),
                                   [&](const Link& link) { return link.from == from && link.to == to; });
      if (from == to || duplicate) continue;
      map.links.push_back(MakeLink("l" + std::to_string(link_idx), from, to, Pick(3) - 1, Pick(5) / 4.0));
    }
    return map;
  }

  // An op that may or may not fit `map` (the caller keeps those that do).
  Op RandomOp(const MapState& map) {
    auto statement_id = [&]() -> std::string {
      if (map.statements.empty() || Chance(0.03)) return "missing";
      return map.statements[Pick(map.statements.size())].id;
    };
    auto maybe_statement = [&]() -> std::optional<std::string> {
      if (Chance(0.3)) return std::nullopt;
      return statement_id();
    };
    auto link_id = [&]() -> std::string {
      if (map.links.empty()) return "missing";
      return map.links[Pick(map.links.size())].id;
    };
    auto maybe_index = [&](std::size_t size) -> std::optional<std::size_t> {
      if (Chance(0.6)) return std::nullopt;
      return Pick(size + 2);
    };
    auto new_id = [&](const char* prefix) -> std::string {
      if (Chance(0.4)) return "";  // generated
      return prefix + std::to_string(next_id_++);
    };
    auto maybe_ref = [&](const auto& items) -> FieldValue {
      if (items.empty() || Chance(0.3)) return std::monostate{};
      return items[Pick(items.size())].id;
    };
    auto position = [&]() -> Position { return {double(Pick(1000)) - 500, double(Pick(1000)) / 3}; };

    switch (Pick(15)) {
      case 0: {
        auto statement = MakeStatement(new_id("n"), "Added " + std::to_string(next_id_), maybe_statement());
        if (!map.layers.empty() && Chance(0.5)) statement.layer = map.layers[Pick(map.layers.size())].id;
        if (!map.themes.empty() && Chance(0.5)) statement.theme = map.themes[Pick(map.themes.size())].id;
        if (Chance(0.5)) statement.position = position();
        return AddStatement{statement, maybe_index(map.statements.size())};
      }
      case 1: {
        FieldSet set;
        for (int field_idx = 0, count = 1 + Pick(3); field_idx < count; ++field_idx) {
          switch (Pick(7)) {
            case 0: set.emplace_back("title", "Title " + std::to_string(Pick(100))); break;
            case 1: set.emplace_back("description", "Text " + std::to_string(Pick(100))); break;
            case 2: set.emplace_back("layer", maybe_ref(map.layers)); break;
            case 3: set.emplace_back("theme", maybe_ref(map.themes)); break;
            case 4: set.emplace_back("status", std::string(Chance(0.5) ? "agreed" : "")); break;
            case 5: set.emplace_back("tags", std::vector<std::string>{"t" + std::to_string(Pick(4))}); break;
            default:
              set.emplace_back("position", Chance(0.3) ? FieldValue{} : FieldValue{position()});
          }
        }
        return UpdateStatement{statement_id(), set};
      }
      case 2: return MoveStatement{statement_id(), maybe_statement()};
      case 3: return RemoveStatement{statement_id(), Chance(0.7)};
      case 4: {
        auto link = MakeLink(new_id("m"), statement_id(), statement_id(), Pick(3) - 1, Pick(5) / 4.0);
        return AddLink{link, maybe_index(map.links.size())};
      }
      case 5: {
        FieldSet set;
        for (int field_idx = 0, count = 1 + Pick(3); field_idx < count; ++field_idx) {
          switch (Pick(4)) {
            case 0: set.emplace_back("polarity", double(Pick(3)) - 1); break;
            case 1: set.emplace_back("weight", Pick(5) / 4.0); break;
            case 2: set.emplace_back("assumption", "A" + std::to_string(Pick(9))); break;
            default: set.emplace_back("evidence", "E" + std::to_string(Pick(9)));
          }
        }
        return UpdateLink{link_id(), set};
      }
      case 6: return RemoveLink{link_id()};
      case 7: {
        SetPositions set;
        for (int entry_idx = 0, count = 1 + Pick(4); entry_idx < count; ++entry_idx)
          set.positions.push_back({statement_id(), Chance(0.2) ? std::nullopt : std::optional<Position>(position())});
        return set;
      }
      case 8:
        return AddTheme{{new_id("th"), "Theme " + std::to_string(Pick(9)), Chance(0.5) ? "#abcdef" : "", "", ""},
                        maybe_index(map.themes.size())};
      case 9: {
        std::string id = map.themes.empty() ? "missing" : map.themes[Pick(map.themes.size())].id;
        return UpdateTheme{id, {{Chance(0.5) ? "name" : "color", std::string(Chance(0.5) ? "#fff" : "Named")}}};
      }
      case 10: return RemoveTheme{map.themes.empty() ? "missing" : map.themes[Pick(map.themes.size())].id};
      case 11: return AddLayer{{new_id("ly"), "Layer " + std::to_string(Pick(9)), ""}, maybe_index(map.layers.size())};
      case 12: {
        std::string id = map.layers.empty() ? "missing" : map.layers[Pick(map.layers.size())].id;
        FieldSet set;
        if (Chance(0.6)) set.emplace_back("index", double(Pick(map.layers.size() + 1)));
        if (set.empty() || Chance(0.5)) set.emplace_back("name", "Band " + std::to_string(Pick(9)));
        return UpdateLayer{id, set};
      }
      case 13: return RemoveLayer{map.layers.empty() ? "missing" : map.layers[Pick(map.layers.size())].id};
      default: return UpdateCoalition{{{Chance(0.5) ? "name" : "purpose", "Coalition " + std::to_string(Pick(9))}}};
    }
  }

 private:
  int Pick(std::size_t bound) { return static_cast<int>(std::uniform_int_distribution<std::size_t>(0, bound - 1)(random_)); }
  bool Chance(double probability) { return std::bernoulli_distribution(probability)(random_); }

  std::mt19937 random_;
  int next_id_ = 0;
};

TEST(OpsProperty, RandomBatchThenInverseRestoresTheMap) {
  std::size_t batches_with_ops = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RandomOps generator(seed);
    const MapState original = generator.RandomMap();
    // Build a valid batch by keeping each random op that fits the state so far.
    MapState scratch = original;
    std::vector<Op> batch;
    for (int attempt = 0; attempt < 40 && batch.size() < 15; ++attempt) {
      MapState trial = scratch;
      std::vector<Op> one{generator.RandomOp(scratch)};
      if (!ApplyBatch(trial, one).ok()) continue;  // ids it generated are now written into `one`
      batch.push_back(one.front());
      scratch = std::move(trial);
    }
    if (!batch.empty()) ++batches_with_ops;
    MapState working = original;
    auto result = ApplyBatch(working, batch);
    ASSERT_TRUE(result.ok()) << result.errors.front().op_index << ": " << result.errors.front().reason;
    ASSERT_TRUE(working == scratch) << "the batch gave another map than its ops one by one";
    auto inverse = result.Inverse();
    auto undo = ApplyBatch(working, inverse);
    ASSERT_TRUE(undo.ok()) << undo.errors.front().op_index << ": " << undo.errors.front().reason;
    ASSERT_TRUE(working == original) << "apply then inverse did not restore the map";
    // And the inverse of the inverse redoes the batch.
    auto redo = undo.Inverse();
    ASSERT_TRUE(ApplyBatch(working, redo).ok());
    ASSERT_TRUE(working == scratch) << "the inverse of the inverse did not redo the batch";
  }
  EXPECT_GT(batches_with_ops, 350u);
}

// --- refusals ----------------------------------------------------------------------------------

TEST(OpsRefuse, SelfLink) {
  ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "A", "A"), std::nullopt}}, 0, ErrorKind::invalid, "to");
}

TEST(OpsRefuse, DuplicateLink) {
  auto error = ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "A", "E"), std::nullopt}}, 0, ErrorKind::invalid, "to");
  EXPECT_NE(error.reason.find("already"), std::string::npos) << error.reason;
  // Also against a link added earlier in the same batch.
  ExpectRefused(SampleMap(),
                {AddLink{MakeLink("x", "D", "F"), std::nullopt}, AddLink{MakeLink("y", "D", "F"), std::nullopt}}, 1,
                ErrorKind::invalid, "to");
  // The opposite direction is another link, and removing then re-adding is fine.
  ExpectRoundTrip(SampleMap(), {AddLink{MakeLink("x", "E", "A"), std::nullopt}});
  ExpectRoundTrip(SampleMap(), {RemoveLink{"l1"}, AddLink{MakeLink("x", "A", "E"), std::nullopt}});
}

TEST(OpsRefuse, DanglingIds) {
  ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "nope", "A"), std::nullopt}}, 0, ErrorKind::not_found, "from");
  ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "A", "nope"), std::nullopt}}, 0, ErrorKind::not_found, "to");
  ExpectRefused(SampleMap(), {UpdateStatement{"nope", {{"title", std::string("x")}}}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {UpdateLink{"nope", {{"weight", 0.5}}}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {UpdateTheme{"nope", {{"name", std::string("x")}}}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {UpdateLayer{"nope", {{"name", std::string("x")}}}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {RemoveStatement{"nope", false}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {RemoveLink{"nope"}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {RemoveTheme{"nope"}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {RemoveLayer{"nope"}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {MoveStatement{"nope", std::nullopt}}, 0, ErrorKind::not_found, "id");
  ExpectRefused(SampleMap(), {SetPositions{{{"A", Position{1, 1}}, {"nope", Position{1, 1}}}}}, 0,
                ErrorKind::not_found, "id");
  // Unknown parent: on add (checked when the batch ends) and on move.
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement("G", "Orphan", "nope"), std::nullopt}}, 0,
                ErrorKind::not_found, "parent");
  ExpectRefused(SampleMap(), {MoveStatement{"B", std::string("nope")}}, 0, ErrorKind::not_found, "parent");
  // Unknown layer / theme.
  auto statement = MakeStatement("G", "x");
  statement.layer = "nope";
  ExpectRefused(SampleMap(), {AddStatement{statement, std::nullopt}}, 0, ErrorKind::not_found, "layer");
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"theme", std::string("nope")}}}}, 0, ErrorKind::not_found, "theme");
  // A link to a statement removed earlier in the same batch.
  ExpectRefused(SampleMap(), {RemoveStatement{"F", false}, AddLink{MakeLink("x", "A", "F"), std::nullopt}}, 1,
                ErrorKind::not_found, "to");
}

TEST(OpsRefuse, ContainmentCycles) {
  auto error = ExpectRefused(SampleMap(), {MoveStatement{"B", std::string("B")}}, 0, ErrorKind::invalid, "parent");
  EXPECT_NE(error.reason.find("itself"), std::string::npos) << error.reason;
  error = ExpectRefused(SampleMap(), {MoveStatement{"A", std::string("C")}}, 0, ErrorKind::invalid, "parent");
  EXPECT_NE(error.reason.find("\"C\""), std::string::npos) << error.reason;
  ExpectRefused(SampleMap(), {MoveStatement{"B", std::string("C")}}, 0, ErrorKind::invalid, "parent");
  // Within one batch: two new statements, each the other's parent.
  ExpectRefused(SampleMap(),
                {AddStatement{MakeStatement("P", "p", "Q"), std::nullopt}, AddStatement{MakeStatement("Q", "q", "P"),
                                                                                       std::nullopt}},
                0, ErrorKind::invalid, "parent");
  // A new statement that contains itself.
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement("P", "p", "P"), std::nullopt}}, 0, ErrorKind::invalid, "parent");
  // An earlier move in the batch makes a later one cyclic.
  ExpectRefused(SampleMap(), {MoveStatement{"E", std::string("C")}, MoveStatement{"A", std::string("E")}}, 1,
                ErrorKind::invalid, "parent");
  // A child before its parent in one batch is fine.
  ExpectRoundTrip(SampleMap(), {AddStatement{MakeStatement("Q", "q", "P"), std::nullopt},
                                AddStatement{MakeStatement("P", "p", "A"), std::nullopt}});
}

TEST(OpsRefuse, Titles) {
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement("G", ""), std::nullopt}}, 0, ErrorKind::invalid, "title");
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement("G", " \t\n "), std::nullopt}}, 0, ErrorKind::invalid, "title");
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"title", std::string("   ")}}}}, 0, ErrorKind::invalid, "title");
  std::string long_title(501, 'x');
  auto error = ExpectRefused(SampleMap(), {AddStatement{MakeStatement("G", long_title), std::nullopt}}, 0,
                             ErrorKind::invalid, "title");
  EXPECT_NE(error.reason.find("501"), std::string::npos) << error.reason;
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"title", long_title}}}}, 0, ErrorKind::invalid, "title");
  // 500 bytes (multi-byte characters count as bytes) is the limit, and fits.
  std::string at_limit;
  while (at_limit.size() < 498) at_limit += "\xC3\xA9";  // é
  at_limit += "xx";
  ASSERT_EQ(at_limit.size(), 500u);
  ExpectRoundTrip(SampleMap(), {AddStatement{MakeStatement("G", at_limit), std::nullopt}});
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"title", at_limit + "\xC3\xA9"}}}}, 0, ErrorKind::invalid, "title");
  ExpectRefused(SampleMap(), {AddTheme{{"t9", "  ", "", "", ""}, std::nullopt}}, 0, ErrorKind::invalid, "title");
  ExpectRefused(SampleMap(), {AddLayer{{"y9", "", ""}, std::nullopt}}, 0, ErrorKind::invalid, "title");
}

TEST(OpsRefuse, PolarityAndWeight) {
  ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "D", "F", 2), std::nullopt}}, 0, ErrorKind::invalid, "polarity");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"polarity", 2.0}}}}, 0, ErrorKind::invalid, "polarity");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"polarity", 0.5}}}}, 0, ErrorKind::invalid, "polarity");
  ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "D", "F", 1, 1.5), std::nullopt}}, 0, ErrorKind::invalid, "weight");
  ExpectRefused(SampleMap(), {AddLink{MakeLink("x", "D", "F", 1, -0.1), std::nullopt}}, 0, ErrorKind::invalid, "weight");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"weight", 1.5}}}}, 0, ErrorKind::invalid, "weight");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"weight", -0.1}}}}, 0, ErrorKind::invalid, "weight");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"weight", std::nan("")}}}}, 0, ErrorKind::invalid, "weight");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"weight", std::string("high")}}}}, 0, ErrorKind::invalid, "weight");
}

TEST(OpsRefuse, RemoveWithChildrenNeedsCascade) {
  auto error = ExpectRefused(SampleMap(), {RemoveStatement{"A", false}}, 0, ErrorKind::invalid, "cascade");
  EXPECT_NE(error.reason.find("3 sub-statement"), std::string::npos) << error.reason;
}

TEST(OpsRefuse, RemoveThemeOrLayerInUseNamesTheStatements) {
  auto error = ExpectRefused(SampleMap(), {RemoveTheme{"t1"}}, 0, ErrorKind::invalid, "id");
  EXPECT_NE(error.reason.find("\"A\""), std::string::npos) << error.reason;
  EXPECT_NE(error.reason.find("\"E\""), std::string::npos) << error.reason;
  error = ExpectRefused(SampleMap(), {RemoveLayer{"strategy"}}, 0, ErrorKind::invalid, "id");
  EXPECT_NE(error.reason.find("\"B\""), std::string::npos) << error.reason;
  EXPECT_EQ(error.reason.find("\"C\""), std::string::npos) << error.reason;
}

TEST(OpsRefuse, UnknownOrFixedFields) {
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"colour", std::string("red")}}}}, 0, ErrorKind::invalid, "colour");
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"parent", std::string("E")}}}}, 0, ErrorKind::invalid, "parent");
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"id", std::string("Z")}}}}, 0, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"from", std::string("B")}}}}, 0, ErrorKind::invalid, "from");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"to", std::string("B")}}}}, 0, ErrorKind::invalid, "to");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {{"label", std::string("x")}}}}, 0, ErrorKind::invalid, "label");
  ExpectRefused(SampleMap(), {UpdateTheme{"t1", {{"icon", std::string("x")}}}}, 0, ErrorKind::invalid, "icon");
  ExpectRefused(SampleMap(), {UpdateLayer{"outcome", {{"color", std::string("x")}}}}, 0, ErrorKind::invalid, "color");
  ExpectRefused(SampleMap(), {UpdateCoalition{{{"owner", std::string("x")}}}}, 0, ErrorKind::invalid, "owner");
  // Wrong types and empty sets.
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"title", 3.0}}}}, 0, ErrorKind::invalid, "title");
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {{"status", std::string("done")}}}}, 0, ErrorKind::invalid, "status");
  ExpectRefused(SampleMap(), {UpdateStatement{"A", {}}}, 0, ErrorKind::invalid, "set");
  ExpectRefused(SampleMap(), {UpdateLink{"l1", {}}}, 0, ErrorKind::invalid, "set");
  ExpectRefused(SampleMap(), {UpdateTheme{"t1", {}}}, 0, ErrorKind::invalid, "set");
  ExpectRefused(SampleMap(), {UpdateLayer{"outcome", {}}}, 0, ErrorKind::invalid, "set");
  ExpectRefused(SampleMap(), {UpdateCoalition{{}}}, 0, ErrorKind::invalid, "set");
  ExpectRefused(SampleMap(), {SetPositions{}}, 0, ErrorKind::invalid, "positions");
  ExpectRefused(SampleMap(), {UpdateLayer{"outcome", {{"index", 3.0}}}}, 0, ErrorKind::invalid, "index");
  ExpectRefused(SampleMap(), {UpdateLayer{"outcome", {{"index", 0.5}}}}, 0, ErrorKind::invalid, "index");
  ExpectRefused(SampleMap(), {UpdateLayer{"outcome", {{"index", -1.0}}}}, 0, ErrorKind::invalid, "index");
  ExpectRefused(SampleMap(), {SetPositions{{{"A", Position{std::nan(""), 0}}}}}, 0, ErrorKind::invalid, "position");
  ExpectRefused(SampleMap(), {AddTheme{{"t9", "x", "red", "", ""}, std::nullopt}}, 0, ErrorKind::invalid, "color");
}

TEST(OpsRefuse, TheErrorNamesTheRightOpInALongerBatch) {
  MapState map = SampleMap();
  const MapState original = map;
  std::vector<Op> ops{UpdateStatement{"A", {{"title", std::string("ok")}}}, AddStatement{MakeStatement("G", "fine"), std::nullopt},
                      AddLink{MakeLink("x", "G", "G"), std::nullopt}, RemoveLink{"l1"}};
  MapState copy = map;
  auto result = ApplyBatch(copy, ops);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].op_index, 2u);
  EXPECT_EQ(result.errors[0].field, "to");
  EXPECT_TRUE(result.applied.empty());
  EXPECT_TRUE(result.Inverse().empty());
  EXPECT_TRUE(map == original) << "the caller's map must be untouched when it applied to a copy";
}

TEST(OpsRefuse, SeveralErrorsAreReportedInOpOrder) {
  MapState map = SampleMap();
  std::vector<Op> ops{AddStatement{MakeStatement("G", "orphan", "nowhere"), std::nullopt}, RemoveLink{"nope"},
                      UpdateLink{"l1", {{"weight", 2.0}}}};
  auto result = ApplyBatch(map, ops);
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].op_index, 0u);
  EXPECT_EQ(result.errors[0].field, "parent");
  EXPECT_EQ(result.errors[1].op_index, 1u);
  EXPECT_EQ(result.errors[2].op_index, 2u);
  EXPECT_EQ(result.errors[2].field, "weight");
}

// --- ids ----------------------------------------------------------------------------------------

TEST(OpsIds, MissingIdsAreGeneratedAndWrittenBack) {
  MapState map = SampleMap();
  std::vector<Op> ops{AddStatement{MakeStatement("", "No id"), std::nullopt},
                      AddLink{MakeLink("", "A", "F"), std::nullopt},
                      AddTheme{{"", "Theme", "", "", ""}, std::nullopt},
                      AddLayer{{"", "Layer", ""}, std::nullopt}};
  auto result = ApplyBatch(map, ops);
  ASSERT_TRUE(result.ok());
  const auto& statement_id = std::get<AddStatement>(ops[0]).statement.id;
  const auto& link_id = std::get<AddLink>(ops[1]).link.id;
  const auto& theme_id = std::get<AddTheme>(ops[2]).theme.id;
  const auto& layer_id = std::get<AddLayer>(ops[3]).layer.id;
  EXPECT_EQ(statement_id.rfind("s-", 0), 0u) << statement_id;
  EXPECT_EQ(link_id.rfind("l-", 0), 0u) << link_id;
  EXPECT_EQ(theme_id.rfind("t-", 0), 0u) << theme_id;
  EXPECT_EQ(layer_id.rfind("y-", 0), 0u) << layer_id;
  EXPECT_EQ(result.applied[0].generated_id, statement_id);
  EXPECT_EQ(result.applied[1].generated_id, link_id);
  EXPECT_EQ(result.applied[2].generated_id, theme_id);
  EXPECT_EQ(result.applied[3].generated_id, layer_id);
  EXPECT_EQ(map.statements.back().id, statement_id);
  EXPECT_EQ(map.links.back().id, link_id);
  // Client-chosen ids are not "generated".
  MapState other = SampleMap();
  std::vector<Op> chosen{AddStatement{MakeStatement("mine", "Chosen"), std::nullopt}};
  auto chosen_result = ApplyBatch(other, chosen);
  ASSERT_TRUE(chosen_result.ok());
  EXPECT_EQ(chosen_result.applied[0].generated_id, "");
}

TEST(OpsIds, GeneratedIdsAreUniqueWithinABatch) {
  MapState map;
  std::vector<Op> ops;
  for (int statement_idx = 0; statement_idx < 200; ++statement_idx)
    ops.push_back(AddStatement{MakeStatement("", "S" + std::to_string(statement_idx)), std::nullopt});
  ASSERT_TRUE(ApplyBatch(map, ops).ok());
  std::vector<std::string> ids = StatementIds(map);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
}

TEST(OpsIds, DuplicateClientIdIsRefused) {
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement("A", "Again"), std::nullopt}}, 0, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(),
                {AddStatement{MakeStatement("G", "One"), std::nullopt}, AddStatement{MakeStatement("G", "Two"), std::nullopt}},
                1, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(), {AddLink{MakeLink("l1", "D", "F"), std::nullopt}}, 0, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(), {AddTheme{{"t1", "Again", "", "", ""}, std::nullopt}}, 0, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(), {AddLayer{{"outcome", "Again", ""}, std::nullopt}}, 0, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement("a/b", "Slash"), std::nullopt}}, 0, ErrorKind::invalid, "id");
  ExpectRefused(SampleMap(), {AddStatement{MakeStatement(std::string(201, 'x'), "Long"), std::nullopt}}, 0,
                ErrorKind::invalid, "id");
}

TEST(OpsIds, ABatchMayLinkToAStatementItAdds) {
  auto after = ExpectRoundTrip(SampleMap(), {AddStatement{MakeStatement("new-1", "First"), std::nullopt},
                                             AddStatement{MakeStatement("new-2", "Second", "new-1"), std::nullopt},
                                             AddLink{MakeLink("", "new-1", "new-2"), std::nullopt},
                                             AddLink{MakeLink("", "new-2", "A", -1), std::nullopt}});
  ASSERT_EQ(after.links.size(), 8u);
  EXPECT_EQ(after.links[6].from, "new-1");
  EXPECT_EQ(after.links[7].to, "A");
}

}  // namespace
}  // namespace coalign::ops

namespace coalign::ops {
namespace {

// Titles are one line of plain text: control characters and bidi overrides are refused.
TEST(TitleRules, ControlCharactersAndDirectionOverridesAreRefused) {
  for (const std::string& title : {std::string("a\nb"), std::string("a") + '\0' + "b", std::string("tab\there"),
                                   std::string("\xE2\x80\xAE" "evil"), std::string("x\xE2\x81\xA6y")}) {
    model::MapState state;
    std::vector<Op> ops = {AddStatement{model::Statement{"s1", title}, std::nullopt}};
    auto result = ApplyBatch(state, ops);
    ASSERT_EQ(result.errors.size(), 1u) << title;
    EXPECT_EQ(result.errors[0].field, "title");
  }
  model::MapState state;
  std::vector<Op> ops = {AddStatement{model::Statement{"s1", "Früherkennung fördern — 早期诊断 🙂"}, std::nullopt}};
  EXPECT_TRUE(ApplyBatch(state, ops).ok());
}

}  // namespace
}  // namespace coalign::ops
