// The CSV element/connection importer: the real files it must load unchanged, the header
// spellings and overrides it understands, and the broken files it must refuse clearly.
#include "interop/csv_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "interop/csv_table.hpp"
#include "interop/native_document.hpp"

namespace coalign::interop {
namespace {

std::string ReadSharedFile(const std::string& relative_path) {
  std::ifstream stream(std::string(COALIGN_SHARED_DIR) + "/" + relative_path, std::ios::binary);
  EXPECT_TRUE(stream.good()) << relative_path;
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

CsvFile SharedCsv(const std::string& relative_path) {
  return CsvFile{relative_path.substr(relative_path.rfind('/') + 1), ReadSharedFile(relative_path)};
}

std::vector<ImportProblem> Skipped(const ImportProblems& problems) {
  std::vector<ImportProblem> skipped;
  for (const auto& problem : problems)
    if (problem.skipped) skipped.push_back(problem);
  return skipped;
}

std::vector<std::string> Wheres(const std::vector<ImportProblem>& problems) {
  std::vector<std::string> wheres;
  for (const auto& problem : problems) wheres.push_back(problem.where);
  return wheres;
}

bool HasProblem(const ImportProblems& problems, const std::string& where, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(), [&](const ImportProblem& problem) {
    return problem.where == where && problem.message.find(text) != std::string::npos;
  });
}

const model::Statement* FindStatement(const model::MapState& map, const std::string& title) {
  for (const auto& statement : map.statements)
    if (statement.title == title) return &statement;
  return nullptr;
}

const model::Link* FindLink(const model::MapState& map, const std::string& from_title, const std::string& to_title) {
  auto* from = FindStatement(map, from_title);
  auto* to = FindStatement(map, to_title);
  if (!from || !to) return nullptr;
  for (const auto& link : map.links)
    if (link.from == from->id && link.to == to->id) return &link;
  return nullptr;
}

// Imports connections text alone (or with elements text) and expects success.
NativeDocument Import(const std::string& connections, const std::optional<std::string>& elements = std::nullopt,
                      const std::vector<ColumnOverride>& overrides = {}) {
  std::optional<CsvFile> elements_file;
  if (elements) elements_file = CsvFile{"nodes.csv", *elements};
  auto result = ReadElementConnectionCsv(elements_file, CsvFile{"edges.csv", connections}, overrides, "test");
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(result).value() : NativeDocument{};
}

Error ImportError(const std::string& connections, const std::optional<std::string>& elements = std::nullopt,
                  const std::vector<ColumnOverride>& overrides = {}) {
  std::optional<CsvFile> elements_file;
  if (elements) elements_file = CsvFile{"nodes.csv", *elements};
  auto result = ReadElementConnectionCsv(elements_file, CsvFile{"edges.csv", connections}, overrides, "test");
  EXPECT_FALSE(result.ok());
  return result.ok() ? Error{} : result.error();
}

// --- the real files ----------------------------------------------------------------------

TEST(CsvImportRealFiles, ForesightObesityMapWithClusterOverride) {
  auto nodes = SharedCsv("data/real/foresight-obesity-map/nodes.csv");
  auto edges = SharedCsv("data/real/foresight-obesity-map/edges.csv");
  auto result = ReadElementConnectionCsv(nodes, edges, {{"theme", "mapCluster"}}, "Foresight");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& map = result->map;
  EXPECT_EQ(map.info.name, "Foresight");
  EXPECT_EQ(map.statements.size(), 108u);
  EXPECT_EQ(map.links.size(), 296u);
  EXPECT_TRUE(Skipped(result->problems).empty());
  ASSERT_EQ(map.themes.size(), 10u);
  EXPECT_EQ(map.themes[0].name, "Media");  // first seen: node 1's cluster
  EXPECT_EQ(map.themes[1].name, "Psychological");
  std::set<std::string> colors, theme_ids;
  for (const auto& theme : map.themes) {
    colors.insert(theme.color);
    theme_ids.insert(theme.id);
    EXPECT_EQ(theme.color.size(), 7u);
  }
  EXPECT_EQ(colors.size(), 10u);
  for (const auto& statement : map.statements) {
    EXPECT_TRUE(statement.position.has_value()) << statement.id;
    ASSERT_TRUE(statement.theme.has_value()) << statement.id;
    EXPECT_TRUE(theme_ids.count(*statement.theme));
  }
  const auto& first = map.statements.front();
  EXPECT_EQ(first.id, "1");
  EXPECT_EQ(first.title, "Availability of Passive Entertainment Options");
  EXPECT_EQ(first.description,
            "Availability of recreational options that involve only limited physical exercise (tv, computer games)");
  EXPECT_EQ(first.position, (model::Position{985, 292.9}));
  EXPECT_NE(first.extra.find("\"atlasVariable\""), std::string::npos);
  EXPECT_NE(first.extra.find("\"atlasCluster\""), std::string::npos);
  EXPECT_EQ(first.extra.find("mapCluster"), std::string::npos);  // it became the theme

  EXPECT_EQ(map.links.front().id, "C001");
  EXPECT_EQ(map.links.front().from, "1");
  EXPECT_EQ(map.links.front().to, "49");
  EXPECT_EQ(map.links.front().polarity, -1);
  EXPECT_DOUBLE_EQ(map.links.front().weight, 1.0);
  for (const auto& link : map.links) EXPECT_TRUE(link.polarity == 1 || link.polarity == -1) << link.id;
  // Columns it does not model are reported once each and kept.
  EXPECT_TRUE(HasProblem(result->problems, "nodes.csv line 1", "\"atlasVariable\" is not understood"));
  EXPECT_TRUE(HasProblem(result->problems, "edges.csv line 1", "\"source_label\" is not understood"));
  EXPECT_NE(map.links.front().extra.find("\"source_label\""), std::string::npos);
  EXPECT_EQ(result->problems.size(), 4u);  // atlasVariable, atlasCluster, source_label, target_label
}

TEST(CsvImportRealFiles, ForesightWithoutOverrideKeepsClusterInExtra) {
  auto result = ReadElementConnectionCsv(SharedCsv("data/real/foresight-obesity-map/nodes.csv"),
                                         SharedCsv("data/real/foresight-obesity-map/edges.csv"), {}, "Foresight");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->map.themes.empty());
  EXPECT_TRUE(HasProblem(result->problems, "nodes.csv line 1", "\"mapCluster\" is not understood"));
  EXPECT_NE(result->map.statements.front().extra.find("\"mapCluster\":\"Media\""), std::string::npos);
}

TEST(CsvImportRealFiles, ChlfsPacificFoodCld) {
  auto nodes = SharedCsv("data/real/chlfs-pacific-food-cld/nodes.csv");
  auto edges = SharedCsv("data/real/chlfs-pacific-food-cld/edges.csv");
  auto result = ReadElementConnectionCsv(nodes, edges, {}, "CHL");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& map = result->map;
  EXPECT_EQ(map.statements.size(), 33u);
  EXPECT_EQ(map.links.size(), 65u);
  auto skipped = Skipped(result->problems);
  EXPECT_EQ(Wheres(skipped), (std::vector<std::string>{"edges.csv line 36", "edges.csv line 37", "edges.csv line 53",
                                                        "edges.csv line 54", "edges.csv line 71"}));
  for (const auto& problem : skipped) EXPECT_NE(problem.message.find("from is empty"), std::string::npos);
  EXPECT_EQ(result->problems.size(), 5u);  // every column understood
  EXPECT_EQ(std::count_if(map.links.begin(), map.links.end(), [](const model::Link& link) { return link.polarity == 0; }),
            5);
  ASSERT_EQ(map.layers.size(), 2u);
  EXPECT_EQ(map.layers[0].name, "module");
  EXPECT_EQ(map.layers[1].name, "aux");
  auto* food_cost = FindStatement(map, "Food Cost");
  ASSERT_NE(food_cost, nullptr);
  EXPECT_EQ(food_cost->id, "1");  // no id column: numbered in row order
  EXPECT_EQ(food_cost->layer, map.layers[0].id);
  EXPECT_EQ(food_cost->position, (model::Position{263.179, 491.5}));
  // Edges refer to labels, including one with commas inside quotes.
  auto* link = FindLink(map, "Resource Extraction Based Economy", "Environment, Climate Change, and Weather");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->polarity, 1);
  auto* unsigned_link = FindLink(map, "Food Storage and Distribution", "Food Cost");
  ASSERT_NE(unsigned_link, nullptr);
  EXPECT_EQ(unsigned_link->polarity, 0);
  EXPECT_EQ(map.links.front().id, "L1");
  EXPECT_EQ(map.links.back().id, "L65");
}

TEST(CsvImportRealFiles, OverijsselseVechtFcmEdgesAlone) {
  auto result = ReadElementConnectionCsv(std::nullopt, SharedCsv("data/real/overijsselse-vecht-fcm/fcm_edges.csv"),
                                         {}, "Vecht");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& map = result->map;
  EXPECT_EQ(map.statements.size(), 14u);
  EXPECT_EQ(map.links.size(), 22u);
  EXPECT_TRUE(result->problems.empty());
  EXPECT_EQ(map.statements[0].title, "change to new business models");
  EXPECT_EQ(map.statements[1].title, "current agricultural practices");
  EXPECT_EQ(map.statements[2].title, "growing of local economy");
  auto* negative = FindLink(map, "change to new business models", "current agricultural practices");
  ASSERT_NE(negative, nullptr);
  EXPECT_EQ(negative->polarity, -1);
  EXPECT_DOUBLE_EQ(negative->weight, 0.6);
  auto* strongest_negative = FindLink(map, "landscape value importance", "energy transition");
  ASSERT_NE(strongest_negative, nullptr);
  EXPECT_EQ(strongest_negative->polarity, -1);
  EXPECT_DOUBLE_EQ(strongest_negative->weight, 0.9);
  auto* positive = FindLink(map, "energy transition", "climate smart land use");
  ASSERT_NE(positive, nullptr);
  EXPECT_EQ(positive->polarity, 1);
  EXPECT_DOUBLE_EQ(positive->weight, 0.8);
  EXPECT_EQ(std::count_if(map.links.begin(), map.links.end(), [](const model::Link& link) { return link.polarity == -1; }),
            5);
}

TEST(CsvImportRealFiles, RoundTripsThroughTheNativeDocument) {
  auto result = ReadElementConnectionCsv(SharedCsv("data/real/foresight-obesity-map/nodes.csv"),
                                         SharedCsv("data/real/foresight-obesity-map/edges.csv"),
                                         {{"theme", "mapCluster"}}, "Foresight");
  ASSERT_TRUE(result.ok());
  auto reread = ReadNativeDocument(WriteNativeDocument(result->map));
  ASSERT_TRUE(reread.ok()) << reread.error().message;
  EXPECT_TRUE(reread->problems.empty());
  EXPECT_EQ(reread->map, result->map);
}

// Found by the fuzzer: an extra key equal to one of the item's own fields was lost on export.
TEST(CsvImportRealFiles, ValuesKeptInExtraSurviveTheNativeDocument) {
  auto document = Import("from,to,polarity,weight,title\nA,B,maybe,,t\n",
                         "id,label,parent,title,position\nC/1,A,Nowhere,T,p\n2,B,,,\n");
  EXPECT_EQ(document.map.statements[0].extra,
            R"j({"title (csv)":"T","position (csv)":"p","id (csv)":"C/1","parent (csv)":"Nowhere"})j");
  auto reread = ReadNativeDocument(WriteNativeDocument(document.map));
  ASSERT_TRUE(reread.ok()) << reread.error().message;
  EXPECT_EQ(reread->map, document.map);
}

// A document that is not JSON, or holds a number too large for a double, is an error to
// report (the import refuses it), never an exception out of the reader.
TEST(NativeDocument, RefusesTextThatIsNotJsonOrHasAnOverflowingNumber) {
  for (const char* text : {R"({"format": "coalign-map", "statements": [)",
                           R"({"format": "coalign-map", "statements": [{"id": "A", "title": "A", "x": 1e309}], "links": []})"}) {
    auto read = ReadNativeDocument(text);
    ASSERT_FALSE(read.ok()) << text;
    EXPECT_EQ(read.error().field, "document");
    EXPECT_NE(read.error().message.find("not valid JSON"), std::string::npos) << read.error().message;
  }
}

// --- which file is which -----------------------------------------------------------------

TEST(CsvImportSortFiles, FindsTheConnectionsFileInEitherOrder) {
  CsvFile nodes{"a.csv", "Label\nOne\n"};
  CsvFile edges{"b.csv", "Source,Target\nOne,Two\n"};
  for (auto files : {std::vector<CsvFile>{nodes, edges}, std::vector<CsvFile>{edges, nodes}}) {
    auto sorted = SortElementConnectionFiles(files, {});
    ASSERT_TRUE(sorted.ok()) << sorted.error().message;
    EXPECT_EQ(sorted->connections.name, "b.csv");
    ASSERT_TRUE(sorted->elements.has_value());
    EXPECT_EQ(sorted->elements->name, "a.csv");
  }
  auto alone = SortElementConnectionFiles({edges}, {});
  ASSERT_TRUE(alone.ok());
  EXPECT_FALSE(alone->elements.has_value());
}

TEST(CsvImportSortFiles, OverridesCanMakeAConnectionsFile) {
  CsvFile edges{"links.csv", "cause,effect\nA,B\n"};
  EXPECT_FALSE(SortElementConnectionFiles({edges}, {}).ok());
  auto sorted = SortElementConnectionFiles({edges}, {{"from", "cause"}, {"to", "effect"}});
  ASSERT_TRUE(sorted.ok()) << sorted.error().message;
  EXPECT_EQ(sorted->connections.name, "links.csv");
}

TEST(CsvImportSortFiles, RefusesWrongSets) {
  CsvFile nodes{"a.csv", "Label\nOne\n"};
  CsvFile edges{"b.csv", "From,To\nOne,Two\n"};
  EXPECT_FALSE(SortElementConnectionFiles({}, {}).ok());
  EXPECT_FALSE(SortElementConnectionFiles({nodes, edges, edges}, {}).ok());
  auto both = SortElementConnectionFiles({edges, edges}, {});
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().message.find("both"), std::string::npos);
  auto none = SortElementConnectionFiles({nodes, nodes}, {});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("no connections file"), std::string::npos);
  auto broken = SortElementConnectionFiles({nodes, CsvFile{"bad.csv", "From,To\n\"A,B\n"}}, {});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().field, "bad.csv line 2");
}

// --- header spellings and values ---------------------------------------------------------

TEST(CsvImportHeaders, KumuStyleWithBomCrlfAndQuotedLineBreaks) {
  std::string elements =
      "\xEF\xBB\xBF Label ,Description,Tags,Group,Layer\r\n"
      "\"Early diagnosis\",\"Find it early,\r\nin primary care\",a|b | c||a,Care,outcome\r\n"
      "Respite,,,Caregivers,strategy\r\n";
  std::string connections = "FROM,To,Sign,Strength\r\nRespite,early diagnosis,+,0.5\r\n";
  auto document = Import(connections, elements);
  const auto& map = document.map;
  ASSERT_EQ(map.statements.size(), 2u);
  EXPECT_EQ(map.statements[0].title, "Early diagnosis");
  EXPECT_EQ(map.statements[0].description, "Find it early,\r\nin primary care");
  EXPECT_EQ(map.statements[0].tags, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(map.themes.size(), 2u);
  EXPECT_EQ(map.themes[0].name, "Care");
  EXPECT_EQ(map.themes[0].id, "care");
  EXPECT_NE(map.themes[0].color, map.themes[1].color);
  ASSERT_EQ(map.layers.size(), 2u);
  EXPECT_EQ(map.layers[0].name, "outcome");
  ASSERT_EQ(map.links.size(), 1u);
  EXPECT_EQ(map.links[0].from, map.statements[1].id);
  EXPECT_EQ(map.links[0].to, map.statements[0].id);  // by label, ignoring case
  EXPECT_EQ(map.links[0].polarity, 1);
  EXPECT_DOUBLE_EQ(map.links[0].weight, 0.5);
  EXPECT_TRUE(document.problems.empty());
}

TEST(CsvImportHeaders, LineNumbersCountLinesInsideQuotedFields) {
  std::string connections =
      "from,to,note\n"
      "A,B,\"two\nlines\"\n"
      "\n"
      "C,,x\n";
  auto document = Import(connections);
  EXPECT_EQ(Wheres(Skipped(document.problems)), (std::vector<std::string>{"edges.csv line 5"}));
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 1", "\"note\" is not understood"));
  ASSERT_EQ(document.map.links.size(), 1u);
  EXPECT_EQ(document.map.links[0].extra, R"({"note":"two\nlines"})");
  EXPECT_EQ(document.map.statements.size(), 3u);  // C is named, so it is a statement
}

TEST(CsvImportHeaders, SignSpellings) {
  std::string connections =
      "source,target,polarity\n"
      "A,B,+\nA,C,-\nA,D,\xE2\x88\x92\nA,E,positive\nA,F,Negative\nA,G,+1\nA,H,-1\nA,I,1\nA,J,\nA,K,maybe\n";
  auto document = Import(connections);
  std::vector<int> polarities;
  for (const auto& link : document.map.links) polarities.push_back(link.polarity);
  EXPECT_EQ(polarities, (std::vector<int>{1, -1, -1, 1, -1, 1, -1, 1, 0, 0}));
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 11", "\"maybe\" is not understood"));
  EXPECT_TRUE(Skipped(document.problems).empty());
  EXPECT_EQ(document.map.links.back().extra, R"j({"polarity (csv)":"maybe"})j");
}

TEST(CsvImportHeaders, TypeColumnIsASignOnlyWhenItHoldsSigns) {
  auto signs = Import("from,to,type\nA,B,-\nB,A,+\n");
  EXPECT_EQ(signs.map.links[0].polarity, -1);
  auto kinds = Import("from,to,type\nA,B,influence\n");
  EXPECT_EQ(kinds.map.links[0].polarity, 0);
  EXPECT_EQ(kinds.map.links[0].extra, R"({"type":"influence"})");
}

TEST(CsvImportHeaders, WeightsFollowTheFuzzyCognitiveMapConvention) {
  auto document = Import("from,to,weight\nA,B,-0.25\nA,C,0.75\nA,D,1.5\nA,E,-2\nA,F,lots\nA,G,\nA,H,\"0,5\"\n");
  const auto& map = document.map;
  ASSERT_EQ(map.links.size(), 4u);
  EXPECT_EQ(map.links[0].polarity, -1);
  EXPECT_DOUBLE_EQ(map.links[0].weight, 0.25);
  EXPECT_EQ(map.links[1].polarity, 1);
  EXPECT_DOUBLE_EQ(map.links[1].weight, 0.75);
  EXPECT_EQ(map.links[2].polarity, 0);  // no weight, no sign: never guessed
  EXPECT_DOUBLE_EQ(map.links[2].weight, 1.0);
  EXPECT_DOUBLE_EQ(map.links[3].weight, 0.5);
  EXPECT_EQ(Wheres(Skipped(document.problems)),
            (std::vector<std::string>{"edges.csv line 4", "edges.csv line 5", "edges.csv line 6"}));
}

TEST(CsvImportHeaders, WeightWithASignColumn) {
  auto document = Import("from,to,sign,weight\nA,B,+,0.5\nA,C,-,-0.5\nA,D,+,-0.5\nA,E,-,3\n");
  ASSERT_EQ(document.map.links.size(), 2u);
  EXPECT_EQ(document.map.links[1].polarity, -1);
  EXPECT_DOUBLE_EQ(document.map.links[1].weight, 0.5);
  EXPECT_EQ(Wheres(Skipped(document.problems)), (std::vector<std::string>{"edges.csv line 4", "edges.csv line 5"}));
}

TEST(CsvImportHeaders, SemicolonsAndWindows1252) {
  auto document = Import("From;To;Sign\nCaf\xE9;Th\xE9;-\n");
  ASSERT_EQ(document.map.statements.size(), 2u);
  EXPECT_EQ(document.map.statements[0].title, "Caf\xC3\xA9");
  EXPECT_EQ(document.map.links[0].polarity, -1);
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 1", "Windows-1252"));
}

// --- how connections find elements ------------------------------------------------------

TEST(CsvImportReferences, IdFirstThenLabelThenFoldedLabel) {
  std::string elements = "id,label\nS1,Alpha\nS2,Beta\nS3, S1 \n";
  auto document = Import("from,to\nS1,Beta\nalpha,S3\n s1 ,S2\n", elements);
  const auto& links = document.map.links;
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].from, "S1");
  EXPECT_EQ(links[0].to, "S2");
  EXPECT_EQ(links[1].from, "S1");  // "alpha": no id, no exact label, Alpha ignoring case
  EXPECT_EQ(links[1].to, "S3");
  EXPECT_EQ(links[2].from, "S3");  // " s1 ": ids match exactly, so it is the label "S1" of S3
  EXPECT_EQ(links[2].to, "S2");
  EXPECT_TRUE(document.problems.empty());
}

TEST(CsvImportReferences, UnknownDuplicateAndSelfLinksAreReported) {
  std::string elements = "label\nA\nB\nC\nc\n";
  auto document = Import("from,to\nA,B\nA,Z\nA,A\na,b\n,B\nB,\nA,C\n", elements);
  EXPECT_EQ(document.map.links.size(), 2u);
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 3", "\"Z\" is not the id or label of any element in nodes.csv"));
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 4", "to itself"));
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 5", "repeats the link from \"a\" to \"b\" on line 2"));
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 6", "from is empty"));
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 7", "to is empty"));
  EXPECT_EQ(Skipped(document.problems).size(), 5u);
  // "C" matches exactly; the folded label "c" would be ambiguous.
  auto ambiguous = Import("from,to\nA,C \nA, C\n", "label\nA\nC\nc\n");
  ASSERT_EQ(ambiguous.map.links.size(), 1u);
  auto ambiguous_folded = Import("from,to\nA,\" C \"\n", "label\nA\nC\nc\n");
  EXPECT_EQ(ambiguous_folded.map.links.size(), 1u);
  auto truly_ambiguous = Import("from,to\nA,C\n", "label\nA\nc\n\"c\"\n");
  EXPECT_TRUE(HasProblem(truly_ambiguous.problems, "edges.csv line 2", "matches 2 elements' labels"));
}

TEST(CsvImportReferences, GeneratedIdsAvoidGivenOnes) {
  auto document = Import("id,from,to\n,A,B\nL1,B,C\n,C,A\n", "id,label\n2,A\n,B\n,C\n");
  std::vector<std::string> statement_ids, link_ids;
  for (const auto& statement : document.map.statements) statement_ids.push_back(statement.id);
  for (const auto& link : document.map.links) link_ids.push_back(link.id);
  EXPECT_EQ(statement_ids, (std::vector<std::string>{"2", "1", "3"}));
  EXPECT_EQ(link_ids, (std::vector<std::string>{"L2", "L1", "L3"}));
}

TEST(CsvImportReferences, ElementRowsThatCannotBeStatements) {
  std::string elements = "id,label,x,y\nA,First,1,2\nA,Again,,\nB,,3,4\nC/1,Slashed,x,5\n";
  auto document = Import("from,to\nC/1,A\n", elements);
  const auto& map = document.map;
  ASSERT_EQ(map.statements.size(), 2u);
  EXPECT_TRUE(HasProblem(document.problems, "nodes.csv line 3", "already used on line 2"));
  EXPECT_TRUE(HasProblem(document.problems, "nodes.csv line 4", "label is empty"));
  EXPECT_TRUE(HasProblem(document.problems, "nodes.csv line 5", "new id is given"));
  EXPECT_TRUE(HasProblem(document.problems, "nodes.csv line 5", "not a pair of numbers"));
  EXPECT_EQ(map.statements[1].id, "1");
  EXPECT_EQ(map.statements[1].extra, R"j({"id (csv)":"C/1","x":"x","y":"5"})j");
  EXPECT_FALSE(map.statements[1].position.has_value());
  ASSERT_EQ(map.links.size(), 1u);  // the original id still finds it
  EXPECT_EQ(map.links[0].from, "1");
}

TEST(CsvImportReferences, ParentsFormTheContainmentTree) {
  std::string elements = "id,label,parent\n1,Top,\n2,Child,Top\n3,Grandchild,2\n4,Lost,Nowhere\n5,Loop,6\n6,Pool,5\n";
  auto document = Import("from,to\n2,3\n", elements);
  const auto& statements = document.map.statements;
  EXPECT_EQ(statements[0].parent, std::nullopt);
  EXPECT_EQ(statements[1].parent, "1");
  EXPECT_EQ(statements[2].parent, "2");
  EXPECT_EQ(statements[3].parent, std::nullopt);
  EXPECT_EQ(statements[3].extra, R"j({"parent (csv)":"Nowhere"})j");
  EXPECT_EQ(statements[4].parent, "6");
  EXPECT_EQ(statements[5].parent, std::nullopt);  // would close the loop 5 -> 6 -> 5
  EXPECT_TRUE(HasProblem(document.problems, "nodes.csv line 5", "\"Nowhere\" is not the id or label"));
  EXPECT_TRUE(HasProblem(document.problems, "nodes.csv line 7", "inside itself"));
}

TEST(CsvImportReferences, RowsLongerThanTheHeaderKeepTheirValues) {
  auto document = Import("from,to\nA,B,surprise\n");
  ASSERT_EQ(document.map.links.size(), 1u);
  EXPECT_EQ(document.map.links[0].extra, R"({"column 3":"surprise"})");
  EXPECT_TRUE(HasProblem(document.problems, "edges.csv line 2", "more values than the header"));
}

// --- overrides ---------------------------------------------------------------------------

TEST(CsvImportOverrides, NameAnyHeader) {
  std::string elements = "Key,Concept,Sector\nk1,Alpha,Health\nk2,Beta,Housing\n";
  std::string connections = "cause,effect,Effect Sign\nk1,k2,-\n";
  auto document = Import(connections, elements,
                         {{"id", "Key"}, {"label", "concept"}, {"cluster", "Sector"}, {"from", "cause"},
                          {"to", "effect"}, {"sign", "Effect Sign"}});
  EXPECT_TRUE(document.problems.empty());
  ASSERT_EQ(document.map.links.size(), 1u);
  EXPECT_EQ(document.map.links[0].from, "k1");
  EXPECT_EQ(document.map.links[0].polarity, -1);
  EXPECT_EQ(document.map.themes.size(), 2u);
}

TEST(CsvImportOverrides, OverrideWinsOverARecognisedHeader) {
  auto document = Import("from,to\nA,B\n", "label,name\nshort A,A\nshort B,B\n", {{"label", "name"}});
  ASSERT_EQ(document.map.links.size(), 1u);
  EXPECT_EQ(document.map.statements[0].title, "A");
  EXPECT_EQ(document.map.statements[0].extra, R"({"label":"short A"})");
}

TEST(CsvImportOverrides, WrongUsages) {
  auto missing = ImportError("from,to\nA,B\n", "label\nA\n", {{"theme", "mapCluster"}});
  EXPECT_NE(missing.message.find("no column \"mapCluster\""), std::string::npos);
  EXPECT_EQ(missing.field, "--column");
  auto unknown_role = ImportError("from,to\nA,B\n", std::nullopt, {{"colour", "to"}});
  EXPECT_NE(unknown_role.message.find("unknown role \"colour\""), std::string::npos);
  auto wrong_file = ImportError("from,to\nA,B\n", "label,cause\nA,x\n", {{"from", "cause"}});
  EXPECT_NE(wrong_file.message.find("nodes.csv, the elements file"), std::string::npos);
  auto twice = ImportError("from,to,a,b\nA,B,1,2\n", std::nullopt, {{"weight", "a"}, {"strength", "b"}});
  EXPECT_NE(twice.message.find("twice"), std::string::npos);
  EXPECT_FALSE(ParseColumnOverride("theme").ok());
  EXPECT_FALSE(ParseColumnOverride("=x").ok());
  EXPECT_FALSE(ParseColumnOverride("theme=").ok());
  auto parsed = ParseColumnOverride(" theme = mapCluster ");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->role, "theme");
  EXPECT_EQ(parsed->header, "mapCluster");
}

// --- broken files ------------------------------------------------------------------------

TEST(CsvImportBroken, ClearErrorsNamingFileAndLine) {
  auto unterminated = ImportError("from,to\nA,B\nC,\"D\nE,F\n");
  EXPECT_EQ(unterminated.field, "edges.csv line 3");
  EXPECT_NE(unterminated.message.find("never closed"), std::string::npos);
  auto stray_quote = ImportError("from,to\nA,B\nC,D\"x\"\n");
  EXPECT_EQ(stray_quote.field, "edges.csv line 3");
  auto after_quote = ImportError("from,to\n\"A\"B,C\n");
  EXPECT_EQ(after_quote.field, "edges.csv line 2");
  auto empty = ImportError("");
  EXPECT_NE(empty.message.find("edges.csv line 1: the file is empty"), std::string::npos);
  EXPECT_NE(ImportError(" \r\n\n").message.find("empty"), std::string::npos);
  auto no_header = ImportError("Tourism,Food Cost,+\nA,B,-\n");
  EXPECT_NE(no_header.message.find("no from column"), std::string::npos);
  EXPECT_NE(no_header.message.find("\"Tourism\""), std::string::npos);
  EXPECT_NE(ImportError("from,goal\nA,B\n").message.find("no to column"), std::string::npos);
  auto no_label = ImportError("from,to\nA,B\n", "id,colour\n1,red\n");
  EXPECT_EQ(no_label.field, "nodes.csv line 1");
  EXPECT_NE(no_label.message.find("no label column"), std::string::npos);
  auto binary = ImportError(std::string("from,to\nA,B\n\x89PNG\x1a\n\0\0", 20));
  EXPECT_EQ(binary.field, "edges.csv line 3");
  EXPECT_NE(binary.message.find("not a CSV text file"), std::string::npos);
  auto utf16 = ImportError(std::string("\xFF\xFE" "f\0r\0", 6));
  EXPECT_NE(utf16.message.find("UTF-16"), std::string::npos);
  auto broken_elements = ImportError("from,to\nA,B\n", "label\n\"A\n");
  EXPECT_EQ(broken_elements.field, "nodes.csv line 2");
}

TEST(CsvTable, RowsKnowTheirLines) {
  auto table = ReadCsvTable("t.csv", "a,b\r\n\r\n1,\"x\r\ny\"\r\n2,z\r3,w");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].line, 3u);
  EXPECT_EQ(table->rows[0].values[1], "x\r\ny");
  EXPECT_EQ(table->rows[1].line, 5u);
  EXPECT_EQ(table->rows[2].line, 6u);
  EXPECT_EQ(table->rows[2].values, (std::vector<std::string>{"3", "w"}));
}

TEST(CsvTable, TabsAndQuotedDelimiters) {
  auto table = ReadCsvTable("t.tsv", "label\tnote\n\"a\tb\"\t\"say \"\"hi\"\"\"\n");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->delimiter, '\t');
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].values, (std::vector<std::string>{"a\tb", "say \"hi\""}));
}

}  // namespace
}  // namespace coalign::interop
