// Who does what (issue 5) below HTTP: the work ops' rules and inverses for every kind,
// refusals that change nothing and say where, resource totals against a hand
// computation (pledged vs received, units kept apart), line of sight, opportunities,
// contributor rights, redaction, and the demo files and native round trip.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "interop/native_document.hpp"
#include "interop/work_json.hpp"
#include "ops/apply.hpp"
#include "ops/work_ops.hpp"
#include "service/history.hpp"
#include "service/map_service.hpp"
#include "service/work_service.hpp"
#include "store/store.hpp"
#include "support/temp_database.hpp"

#include <random>

namespace coalign {
namespace {

using model::MapState;
using model::WorkItem;
using model::WorkKind;
using model::WorkValue;
using ops::AddWork;
using ops::RemoveWork;
using ops::UpdateWork;

WorkItem Item(std::string id, std::map<std::string, WorkValue> fields, std::vector<WorkItem> children = {}) {
  WorkItem item;
  item.id = std::move(id);
  item.fields = std::move(fields);
  item.children = std::move(children);
  return item;
}

using Strings = std::vector<std::string>;

model::Statement Statement(std::string id, std::string title, std::optional<std::string> parent, std::optional<std::string> theme,
                           std::optional<std::string> layer) {
  model::Statement statement;
  statement.id = std::move(id);
  statement.title = std::move(title);
  statement.parent = std::move(parent);
  statement.theme = std::move(theme);
  statement.layer = std::move(layer);
  return statement;
}

// A small coalition: A (outcome, theme t1) holds B (t2); C (t1) and D (no theme) sit at
// the top. Links C -> B -> A and D -> A: A is the one outcome (head).
MapState BaseMap() {
  MapState map;
  map.info.name = "Test coalition";
  map.layers = {{"outcome", "Outcomes", ""}, {"strategy", "Strategies", ""}};
  map.themes = {{"t1", "Prevent", "#2a9d8f", "", ""}, {"t2", "Support", "#e76f51", "", ""}};
  map.statements = {Statement("A", "Increase early diagnosis", std::nullopt, "t1", "outcome"),
                    Statement("B", "Train family doctors", "A", "t2", "strategy"),
                    Statement("C", "Fund memory clinics", std::nullopt, "t1", "strategy"),
                    Statement("D", "Raise awareness", std::nullopt, std::nullopt, "strategy")};
  map.links = {{"l1", "C", "B", 1, 1.0, "", "", ""}, {"l2", "B", "A", 1, 1.0, "", "", ""}, {"l3", "D", "A", 1, 1.0, "", "", ""}};
  return map;
}

std::vector<ops::Op> WorkOps() {
  std::vector<ops::Op> built;
  built.push_back(AddWork{WorkKind::organisation, "",
                          Item("o1", {{"name", std::string("Alzheimer Society")}, {"sector", std::string("non-profit")}},
                               {Item("g1", {{"text", std::string("Every family supported")}})}),
                          std::nullopt});
  built.push_back(AddWork{WorkKind::organisation, "", Item("o2", {{"name", std::string("City of Calgary")}}), std::nullopt});
  built.push_back(AddWork{WorkKind::person, "",
                          Item("p1", {{"name", std::string("Zelda Quarterman")}, {"account", 7.0}, {"organisations", Strings{"o1"}}}),
                          std::nullopt});
  built.push_back(AddWork{WorkKind::advocate, "", Item("a1", {{"statement", std::string("C")}, {"person", std::string("p1")}}), std::nullopt});
  built.push_back(AddWork{WorkKind::action_team, "",
                          Item("t1", {{"name", std::string("Clinic team")}, {"statement", std::string("C")},
                                      {"convenor", std::string("p1")}, {"members", Strings{"p1"}}}),
                          std::nullopt});
  built.push_back(AddWork{WorkKind::contribution, "",
                          Item("c12", {{"organisation", std::string("o1")}, {"statement", std::string("C")}, {"role", std::string("lead")},
                                       {"serves_goals", Strings{"g1"}}}),
                          std::nullopt});
  built.push_back(AddWork{WorkKind::initiative, "",
                          Item("i1", {{"name", std::string("Clinic pilot")}, {"lead", std::string("o1")}, {"statements", Strings{"C", "D"}},
                                      {"start", std::string("2026-01-01")}, {"end", std::string("2026-12-31")}},
                               {Item("m1", {{"name", std::string("First clinic open")}, {"due", std::string("2026-06-01")}})}),
                          std::nullopt});
  auto resource = [](std::string id, std::string kind, std::string organisation, double amount, std::string unit, std::string status,
                     std::optional<std::string> statement, std::optional<std::string> initiative) {
    std::map<std::string, WorkValue> fields{{"kind", kind}, {"organisation", organisation}, {"amount", amount}, {"unit", unit}, {"status", status}};
    if (statement) fields["statement"] = *statement;
    if (initiative) fields["initiative"] = *initiative;
    return ops::Op{AddWork{WorkKind::resource, "", Item(std::move(id), std::move(fields)), std::nullopt}};
  };
  built.push_back(resource("r1", "funding", "o1", 1000, "CAD", "pledged", "B", std::nullopt));
  built.push_back(resource("r2", "funding", "o1", 500, "CAD", "received", "C", std::nullopt));
  built.push_back(resource("r3", "funding", "o2", 200, "USD", "received", "B", std::nullopt));
  built.push_back(resource("r4", "volunteer_hours", "o2", 40, "hours", "pledged", "A", std::nullopt));
  built.push_back(resource("r5", "in_kind", "o1", 300, "CAD", "pledged", std::nullopt, "i1"));
  built.push_back(resource("r6", "funding", "o2", 50, "USD", "pledged", std::nullopt, std::nullopt));
  return built;
}

MapState FullMap() {
  auto map = BaseMap();
  auto built = WorkOps();
  auto result = ops::ApplyBatch(map, built);
  EXPECT_TRUE(result.ok()) << (result.errors.empty() ? "" : result.errors.front().reason);
  return map;
}

// Applies one op to a copy of `map`: the refusal, or nothing (and the map unchanged).
std::optional<ops::OpError> Refusal(const MapState& map, ops::Op op) {
  auto copy = map;
  std::vector<ops::Op> batch{std::move(op)};
  auto result = ops::ApplyBatch(copy, batch);
  if (result.ok()) return std::nullopt;
  return result.errors.front();
}

using Totals = std::map<std::string, std::pair<double, double>>;  // unit -> (pledged, received)
std::map<std::string, Totals> TotalsBy(const MapState& map, const std::string& by) {
  auto groups = service::ResourceTotals(map, by);
  EXPECT_TRUE(groups.ok());
  std::map<std::string, Totals> out;
  for (const auto& group : *groups) {
    auto& totals = out[group.key.value_or("(none)")];
    for (const auto& total : group.totals) {
      EXPECT_EQ(totals.count(total.unit), 0u) << "a unit appears once per group";
      totals[total.unit] = {total.pledged, total.received};
    }
  }
  return out;
}

TEST(WorkOps, BuildsEveryKindWithDefaults) {
  auto map = FullMap();
  EXPECT_EQ(map.work.Of(WorkKind::organisation).size(), 2u);
  EXPECT_EQ(map.work.Of(WorkKind::resource).size(), 6u);
  const auto* contribution = map.work.Find(WorkKind::contribution, "c12");
  ASSERT_NE(contribution, nullptr);
  EXPECT_EQ(contribution->Text("activity"), "");
  EXPECT_FALSE(contribution->Ref("since"));
  const auto* initiative = map.work.Find(WorkKind::initiative, "i1");
  ASSERT_NE(initiative, nullptr);
  EXPECT_EQ(initiative->Text("status"), "planned");
  EXPECT_EQ(initiative->Text("kind"), "project");
  EXPECT_EQ(initiative->children.at(0).Ref("done"), std::nullopt);
}

TEST(WorkOps, EveryKindAddUpdateRemoveUndoesExactly) {
  const auto start = FullMap();
  std::vector<std::vector<ops::Op>> batches = {
      {AddWork{WorkKind::organisation, "", Item("", {{"name", std::string("Funders' circle")}, {"sector", std::string("funder")}}), std::nullopt}},
      {UpdateWork{WorkKind::organisation, "", "o1", {{"mission", std::string("Dementia-friendly Calgary")}, {"sector", ops::FieldValue{}}}}},
      {AddWork{WorkKind::goal, "o2", Item("", {{"text", std::string("Age-friendly city")}}), std::nullopt}},
      {UpdateWork{WorkKind::goal, "o1", "g1", {{"text", std::string("Every family supported, early")}}}},
      {AddWork{WorkKind::person, "", Item("", {{"name", std::string("Ann")}, {"organisations", Strings{"o1", "o2"}}}), std::nullopt}},
      {UpdateWork{WorkKind::person, "", "p1", {{"email", std::string("zelda@example.org")}}}},
      {RemoveWork{WorkKind::advocate, "", "a1"}},
      {UpdateWork{WorkKind::action_team, "", "t1", {{"convenor", ops::FieldValue{}}, {"members", Strings{}}}}},
      {RemoveWork{WorkKind::action_team, "", "t1"}},
      {UpdateWork{WorkKind::contribution, "", "c12", {{"role", std::string("partner")}, {"since", std::string("2025-02-28")}}}},
      {RemoveWork{WorkKind::contribution, "", "c12"}},
      {UpdateWork{WorkKind::initiative, "", "i1", {{"status", std::string("active")}, {"links", Strings{"https://example.org"}}}}},
      {AddWork{WorkKind::milestone, "i1", Item("", {{"name", std::string("Evaluation")}, {"due", std::string("2026-11-01")}}), std::nullopt}},
      {UpdateWork{WorkKind::milestone, "i1", "m1", {{"done", std::string("2026-05-20")}}}},
      {RemoveWork{WorkKind::milestone, "i1", "m1"}},
      {UpdateWork{WorkKind::resource, "", "r1", {{"status", std::string("received")}, {"received_on", std::string("2026-03-01")}}}},
      {RemoveWork{WorkKind::resource, "", "r2"}},
      {RemoveWork{WorkKind::resource, "", "r5"}, RemoveWork{WorkKind::initiative, "", "i1"}},
      // The whole chain that names the person, then the person: undone in reverse.
      {RemoveWork{WorkKind::advocate, "", "a1"}, RemoveWork{WorkKind::action_team, "", "t1"}, RemoveWork{WorkKind::person, "", "p1"}},
      {AddWork{WorkKind::resource, "", Item("", {{"organisation", std::string("o2")}, {"amount", 12.5}, {"unit", std::string("EUR")}}), 0}},
  };
  for (std::size_t batch_idx = 0; batch_idx < batches.size(); ++batch_idx) {
    auto map = start;
    auto result = ops::ApplyBatch(map, batches[batch_idx]);
    ASSERT_TRUE(result.ok()) << "batch " << batch_idx << ": " << result.errors.front().reason;
    EXPECT_NE(map, start) << "batch " << batch_idx << " changed something";
    auto inverse = result.Inverse();
    auto undone = ops::ApplyBatch(map, inverse);
    ASSERT_TRUE(undone.ok()) << "batch " << batch_idx << " undo: " << undone.errors.front().reason;
    EXPECT_EQ(map, start) << "batch " << batch_idx << " is undone exactly";
    // Every op reads as a sentence in history.
    auto sentences = service::DescribeChange(start, batches[batch_idx]);
    EXPECT_FALSE(sentences.empty()) << batch_idx;
    for (const auto& sentence : sentences) EXPECT_FALSE(sentence.empty());
  }
}

TEST(WorkOps, BadInputIsRefusedNamingTheField) {
  const auto map = FullMap();
  auto missing_org = Refusal(map, AddWork{WorkKind::contribution, "",
                                          Item("", {{"organisation", std::string("nobody")}, {"statement", std::string("A")}}), std::nullopt});
  ASSERT_TRUE(missing_org);
  EXPECT_EQ(missing_org->kind, ops::ErrorKind::not_found);
  EXPECT_EQ(missing_org->field, "organisation");
  EXPECT_NE(missing_org->reason.find("nobody"), std::string::npos);

  auto negative = Refusal(map, UpdateWork{WorkKind::resource, "", "r1", {{"amount", -5.0}}});
  ASSERT_TRUE(negative);
  EXPECT_EQ(negative->field, "amount");
  EXPECT_NE(negative->reason.find("must not be negative (it is -5)"), std::string::npos) << negative->reason;

  auto missing_statement = Refusal(map, AddWork{WorkKind::advocate, "", Item("", {{"statement", std::string("Z")}, {"person", std::string("p1")}}), std::nullopt});
  ASSERT_TRUE(missing_statement);
  EXPECT_EQ(missing_statement->field, "statement");

  auto bad_date = Refusal(map, UpdateWork{WorkKind::contribution, "", "c12", {{"since", std::string("2026-02-30")}}});
  ASSERT_TRUE(bad_date);
  EXPECT_EQ(bad_date->field, "since");

  auto bad_choice = Refusal(map, UpdateWork{WorkKind::contribution, "", "c12", {{"role", std::string("owner")}}});
  ASSERT_TRUE(bad_choice);
  EXPECT_EQ(bad_choice->field, "role");

  auto other_goal = Refusal(map, AddWork{WorkKind::contribution, "",
                                         Item("", {{"organisation", std::string("o2")}, {"statement", std::string("A")}, {"serves_goals", Strings{"g1"}}}),
                                         std::nullopt});
  ASSERT_TRUE(other_goal) << "g1 is o1's goal, not o2's";
  EXPECT_EQ(other_goal->field, "serves_goals");

  auto ends_before = Refusal(map, UpdateWork{WorkKind::initiative, "", "i1", {{"end", std::string("2025-01-01")}}});
  ASSERT_TRUE(ends_before);
  EXPECT_EQ(ends_before->field, "end");

  auto same_account = Refusal(map, AddWork{WorkKind::person, "", Item("", {{"name", std::string("Twin")}, {"account", 7.0}}), std::nullopt});
  ASSERT_TRUE(same_account);
  EXPECT_EQ(same_account->field, "account");

  auto no_amount = Refusal(map, AddWork{WorkKind::resource, "", Item("", {{"organisation", std::string("o1")}, {"unit", std::string("CAD")}}), std::nullopt});
  ASSERT_TRUE(no_amount);
  EXPECT_EQ(no_amount->field, "amount");

  auto duplicate = Refusal(map, AddWork{WorkKind::organisation, "", Item("o1", {{"name", std::string("Again")}}), std::nullopt});
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->field, "id");

  auto script_link = Refusal(map, UpdateWork{WorkKind::organisation, "", "o1", {{"website", std::string("javascript:alert(1)")}}});
  ASSERT_TRUE(script_link);
  EXPECT_EQ(script_link->field, "website");
  auto data_link = Refusal(map, UpdateWork{WorkKind::initiative, "", "i1", {{"links", Strings{"https://ok.example", "data:text/html,x"}}}});
  ASSERT_TRUE(data_link);
  EXPECT_EQ(data_link->field, "links");
  EXPECT_FALSE(Refusal(map, UpdateWork{WorkKind::organisation, "", "o1", {{"website", std::string("https://alzheimercalgary.ca")}}}));

  auto goals_by_update = Refusal(map, UpdateWork{WorkKind::organisation, "", "o1", {{"goals", Strings{}}}});
  ASSERT_TRUE(goals_by_update);
  EXPECT_EQ(goals_by_update->field, "goals");
}

TEST(WorkOps, RemovingWhatIsStillNamedIsRefusedSayingWhere) {
  const auto map = FullMap();
  auto organisation = Refusal(map, RemoveWork{WorkKind::organisation, "", "o1"});
  ASSERT_TRUE(organisation);
  EXPECT_NE(organisation->reason.find("it still contributes to 'Fund memory clinics' (contribution c12)"), std::string::npos)
      << organisation->reason;
  auto statement = Refusal(map, ops::RemoveStatement{"C", false});
  ASSERT_TRUE(statement);
  EXPECT_NE(statement->reason.find("'Alzheimer Society' still contributes to 'Fund memory clinics' (contribution c12)"), std::string::npos)
      << statement->reason;
  // A statement whose sub-statement has a resource: the cascade is refused too.
  auto cascade = Refusal(map, ops::RemoveStatement{"A", true});
  ASSERT_TRUE(cascade);
  EXPECT_NE(cascade->reason.find("resource"), std::string::npos) << cascade->reason;
  auto person = Refusal(map, RemoveWork{WorkKind::person, "", "p1"});
  ASSERT_TRUE(person);
  EXPECT_NE(person->reason.find("advocate"), std::string::npos) << person->reason;
  auto goal = Refusal(map, RemoveWork{WorkKind::goal, "o1", "g1"});
  ASSERT_TRUE(goal);
  EXPECT_NE(goal->reason.find("c12"), std::string::npos) << goal->reason;
  auto initiative = Refusal(map, RemoveWork{WorkKind::initiative, "", "i1"});
  ASSERT_TRUE(initiative);
  EXPECT_NE(initiative->reason.find("r5"), std::string::npos) << initiative->reason;
  // Once nothing names it, it goes.
  auto copy = map;
  std::vector<ops::Op> batch{RemoveWork{WorkKind::contribution, "", "c12"}, RemoveWork{WorkKind::goal, "o1", "g1"}};
  EXPECT_TRUE(ops::ApplyBatch(copy, batch).ok());
}

TEST(WorkOps, MilestoneOutsideItsInitiativeIsAcceptedWithAWarning) {
  auto map = FullMap();
  std::vector<ops::Op> batch{AddWork{WorkKind::milestone, "i1", Item("m9", {{"name", std::string("Report")}, {"due", std::string("2027-03-01")}}), std::nullopt},
                             UpdateWork{WorkKind::milestone, "i1", "m1", {{"done", std::string("2026-07-01")}}}};
  auto result = ops::ApplyBatch(map, batch);
  ASSERT_TRUE(result.ok());
  auto warnings = result.Warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("'Report' is due on 2027-03-01, after its initiative 'Clinic pilot' ends (2026-12-31)"), std::string::npos)
      << warnings[0];
  EXPECT_NE(map.work.Find(WorkKind::initiative, "i1")->Child("m9"), nullptr);
}

TEST(WorkTotals, EqualAHandComputation) {
  const auto map = FullMap();
  // by theme: t1 = A (r4: 40 hours pledged) + C (r2: CAD 500 received; r5 via i1: CAD 300 pledged)
  //           t2 = B (r1: CAD 1000 pledged; r3: USD 200 received)
  //           none = D (r5 via i1) and r6 (for nothing): CAD 300 pledged, USD 50 pledged
  auto by_theme = TotalsBy(map, "theme");
  EXPECT_EQ(by_theme["t1"], (Totals{{"CAD", {800, 500}}, {"hours", {40, 0}}}));
  EXPECT_EQ(by_theme["t2"], (Totals{{"CAD", {1000, 0}}, {"USD", {200, 200}}}));
  EXPECT_EQ(by_theme["(none)"], (Totals{{"CAD", {300, 0}}, {"USD", {50, 0}}}));
  EXPECT_EQ(by_theme.size(), 3u);
  // by organisation: o1 = r1 + r2 + r5 (CAD), o2 = r3 + r6 (USD) + r4 (hours)
  auto by_organisation = TotalsBy(map, "organisation");
  EXPECT_EQ(by_organisation["o1"], (Totals{{"CAD", {1800, 500}}}));
  EXPECT_EQ(by_organisation["o2"], (Totals{{"USD", {250, 200}}, {"hours", {40, 0}}}));
  EXPECT_EQ(by_organisation.size(), 2u);
  // by statement, rolled up: A holds B.
  auto by_statement = TotalsBy(map, "statement");
  EXPECT_EQ(by_statement["A"], (Totals{{"CAD", {1000, 0}}, {"USD", {200, 200}}, {"hours", {40, 0}}}));
  EXPECT_EQ(by_statement["B"], (Totals{{"CAD", {1000, 0}}, {"USD", {200, 200}}}));
  EXPECT_EQ(by_statement["C"], (Totals{{"CAD", {800, 500}}}));
  EXPECT_EQ(by_statement["D"], (Totals{{"CAD", {300, 0}}}));
  auto by_kind = TotalsBy(map, "kind");
  EXPECT_EQ(by_kind["funding"], (Totals{{"CAD", {1500, 500}}, {"USD", {250, 200}}}));
  EXPECT_EQ(by_kind["in_kind"], (Totals{{"CAD", {300, 0}}}));
  EXPECT_EQ(by_kind["volunteer_hours"], (Totals{{"hours", {40, 0}}}));
  auto by_layer = TotalsBy(map, "layer");
  EXPECT_EQ(by_layer["outcome"], (Totals{{"hours", {40, 0}}}));
  EXPECT_EQ(by_layer["strategy"], (Totals{{"CAD", {1800, 500}}, {"USD", {200, 200}}}));
  EXPECT_FALSE(service::ResourceTotals(map, "colour").ok());
}

TEST(WorkReads, LineOfSightAndOpportunities) {
  const auto map = FullMap();
  auto sight = service::LineOfSightOf(map, "o1");
  ASSERT_TRUE(sight.ok());
  EXPECT_EQ(sight->coalition_outcomes, Strings{"A"});
  EXPECT_EQ(sight->outcomes, Strings{"A"});
  ASSERT_FALSE(sight->paths.empty());
  EXPECT_EQ(sight->paths[0].contribution, std::optional<std::string>("c12"));
  EXPECT_EQ(sight->paths[0].path, (Strings{"C", "B", "A"}));
  EXPECT_EQ(sight->paths[0].goals, Strings{"g1"});
  // The initiative i1 (led by o1) advances C and D: paths from both.
  std::size_t from_initiative = 0;
  for (const auto& path : sight->paths) from_initiative += path.initiative == std::optional<std::string>("i1");
  EXPECT_EQ(from_initiative, 2u);
  EXPECT_FALSE(service::LineOfSightOf(map, "nobody").ok());

  auto opportunities = service::OpportunitiesOf(map);
  // C has an advocate, a contributor and resources: no need. B and D lead to A (potency 1);
  // A is the outcome itself (potency 0).
  std::vector<std::string> ids;
  for (const auto& opportunity : opportunities) ids.push_back(opportunity.id);
  EXPECT_EQ(ids, (Strings{"D", "B", "A"}));  // potency 1 by title ('Raise awareness' < 'Train family doctors'), then 0
  EXPECT_EQ(opportunities[0].potency, 1u);
  EXPECT_EQ(opportunities.back().potency, 0u);
  EXPECT_EQ(opportunities.back().needs, (Strings{"advocate", "contributors"}));
}

TEST(WorkRights, ContributorsChangeOnlyTheirOrganisationsWork) {
  const auto map = FullMap();
  const service::UserId zelda = 7;  // person p1, member of o1
  EXPECT_EQ(service::OrganisationsOfAccount(map, zelda), Strings{"o1"});
  std::vector<ops::Op> allowed{
      AddWork{WorkKind::contribution, "", Item("c20", {{"organisation", std::string("o1")}, {"statement", std::string("D")}}), std::nullopt},
      UpdateWork{WorkKind::contribution, "", "c20", {{"activity", std::string("Leaflets")}}},
      AddWork{WorkKind::resource, "", Item("", {{"organisation", std::string("o1")}, {"amount", 10.0}, {"unit", std::string("hours")}}), std::nullopt},
      UpdateWork{WorkKind::milestone, "i1", "m1", {{"done", std::string("2026-05-01")}}}};
  EXPECT_TRUE(service::ContributorRefusals(map, allowed, zelda).empty());
  std::vector<ops::Op> refused{
      AddWork{WorkKind::contribution, "", Item("", {{"organisation", std::string("o2")}, {"statement", std::string("D")}}), std::nullopt},
      UpdateWork{WorkKind::resource, "", "r3", {{"amount", 1.0}}},
      UpdateWork{WorkKind::resource, "", "r1", {{"organisation", std::string("o2")}}},
      AddWork{WorkKind::organisation, "", Item("", {{"name", std::string("Mine now")}}), std::nullopt},
      ops::UpdateStatement{"A", {{"title", std::string("x")}}}};
  auto refusals = service::ContributorRefusals(map, refused, zelda);
  ASSERT_EQ(refusals.size(), 5u);
  for (std::size_t op_idx = 0; op_idx < refusals.size(); ++op_idx) EXPECT_EQ(refusals[op_idx].op_index, op_idx);
  EXPECT_EQ(service::ContributorRefusals(map, allowed, 99).size(), allowed.size()) << "an account with no person has no organisation";
}

TEST(WorkPublishing, RedactionHidesPeopleAndOptionallyOrganisations) {
  const auto map = FullMap();
  auto hidden = service::RedactedForPublic(map, {false, true});
  auto text = interop::WriteNativeDocument(hidden);
  EXPECT_EQ(text.find("Zelda"), std::string::npos);
  EXPECT_NE(text.find("Alzheimer Society"), std::string::npos);
  auto no_orgs = interop::WriteNativeDocument(service::RedactedForPublic(map, {true, false}));
  EXPECT_EQ(no_orgs.find("Alzheimer Society"), std::string::npos);
  EXPECT_NE(no_orgs.find("Zelda"), std::string::npos);
}

std::string ReadFile(const std::string& path) {
  std::ifstream stream(path);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

TEST(WorkDocuments, DemoFilesImportAsTheyAreAndRoundTrip) {
  for (const char* name : {"dementia-network-calgary", "hope-starts-here-detroit"}) {
    auto text = ReadFile(std::string(COALIGN_SHARED_DIR) + "/data/demo/" + name + ".coalign.json");
    ASSERT_FALSE(text.empty()) << name;
    auto document = interop::ReadNativeDocument(text);
    ASSERT_TRUE(document.ok()) << name;
    for (const auto& problem : document->problems) ADD_FAILURE() << name << ": " << problem.where << ": " << problem.message;
    // Built through the write path, every item is accepted.
    MapState built;
    built.info = document->map.info;
    std::vector<ops::Op> build;
    for (const auto& layer : document->map.layers) build.push_back(ops::AddLayer{layer, std::nullopt});
    for (const auto& theme : document->map.themes) build.push_back(ops::AddTheme{theme, std::nullopt});
    for (const auto& statement : document->map.statements) build.push_back(ops::AddStatement{statement, std::nullopt});
    for (const auto& link : document->map.links) build.push_back(ops::AddLink{link, std::nullopt});
    for (auto kind : model::WorkKindsInBuildOrder())
      for (const auto& item : document->map.work.Of(kind)) build.push_back(AddWork{kind, "", item, std::nullopt});
    auto result = ops::ApplyBatch(built, build);
    ASSERT_TRUE(result.ok()) << name << ": " << result.errors.front().reason;
    auto exported = interop::WriteNativeDocument(built);
    auto again = interop::ReadNativeDocument(exported);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(interop::WriteNativeDocument(again->map), exported) << name;
  }
  auto detroit = interop::ReadNativeDocument(ReadFile(std::string(COALIGN_SHARED_DIR) + "/data/demo/hope-starts-here-detroit.coalign.json"));
  const auto& contributions = detroit->map.work.Of(WorkKind::contribution);
  ASSERT_EQ(contributions.size(), 8u);
  EXPECT_EQ(contributions[0].id, "c1");
  EXPECT_EQ(contributions[7].id, "c8");
  auto dementia = interop::ReadNativeDocument(ReadFile(std::string(COALIGN_SHARED_DIR) + "/data/demo/dementia-network-calgary.coalign.json"));
  const auto& teams = dementia->map.work.Of(WorkKind::action_team);
  ASSERT_EQ(teams.size(), 4u);
  EXPECT_EQ(teams[0].id, "awareness-action-team");
  EXPECT_EQ(teams[0].Ref("statement"), std::optional<std::string>("CAP2b"));
}

TEST(WorkDocuments, EveryKindRoundTripsThroughTheNativeDocument) {
  auto map = FullMap();
  auto first = interop::WriteNativeDocument(map);
  auto read = interop::ReadNativeDocument(first);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->map.work, map.work);
  EXPECT_EQ(interop::WriteNativeDocument(read->map), first);
  // And every op through its JSON form.
  for (const auto& op : WorkOps()) {
    auto json = interop::ToJson(op);
    auto back = interop::OpFromJson(json);
    ASSERT_TRUE(back.ok()) << json.dump();
    EXPECT_EQ(interop::ToJson(*back), json);
  }
}

// Through the service and SQLite: what is committed is what a fresh process loads, after
// updates, removals, re-insertions mid-list (undo) and child changes.
TEST(WorkStore, CommittedWorkIsWhatAFreshStoreLoads) {
  testing::TempDatabase database;
  store::CoalitionId coalition = 0;
  model::MapState expected;
  {
    auto opened = store::OpenSqliteStore(database.path());
    ASSERT_TRUE(opened.ok());
    service::MapService maps(**opened);
    auto base = BaseMap();
    auto created = maps.ImportDocument(base, {}, true, "test");
    ASSERT_TRUE(created.ok()) << created.error().message;
    coalition = created->coalition;
    auto commit = [&](std::vector<ops::Op> batch) {
      auto revision = maps.Current(coalition)->revision;
      auto outcome = maps.Commit(coalition, revision, std::move(batch), "test");
      ASSERT_EQ(outcome.status, service::CommitStatus::committed) << (outcome.errors.empty() ? outcome.message : outcome.errors[0].reason);
    };
    commit(WorkOps());
    commit({UpdateWork{WorkKind::milestone, "i1", "m1", {{"done", std::string("2026-05-01")}}},
            AddWork{WorkKind::goal, "o2", Item("g7", {{"text", std::string("Age-friendly")}}), std::nullopt},
            UpdateWork{WorkKind::resource, "", "r2", {{"amount", 750.25}}}});
    // Remove the middle resource, then put it back where it was (as undo does).
    auto before = *maps.Current(coalition)->map;
    const auto removed = *before.work.Find(WorkKind::resource, "r3");
    commit({RemoveWork{WorkKind::resource, "", "r3"}});
    commit({AddWork{WorkKind::resource, "", removed, 2}});
    commit({RemoveWork{WorkKind::resource, "", "r6"}});
    expected = *maps.Current(coalition)->map;
    EXPECT_EQ(expected.work.Of(WorkKind::resource)[2].id, "r3");
  }
  auto reopened = store::OpenSqliteStore(database.path());
  ASSERT_TRUE(reopened.ok());
  auto loaded = (*reopened)->LoadCoalition(coalition);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->map.work, expected.work);
  EXPECT_EQ(loaded->map, expected);
}

// Random batches of work ops, each undone by its inverse exactly (or refused whole).
TEST(WorkOps, RandomBatchesUndoExactly) {
  std::mt19937 random(20261203);
  const auto start = FullMap();
  auto pick = [&](const std::vector<std::string>& options) { return options[random() % options.size()]; };
  const Strings organisations = {"o1", "o2", "o9"}, statements = {"A", "B", "C", "D", "Z"}, people = {"p1", "p9"};
  std::size_t accepted = 0;
  for (int round = 0; round < 300; ++round) {
    auto map = start;
    std::vector<ops::Op> batch;
    int size = 1 + static_cast<int>(random() % 4);
    for (int op_idx = 0; op_idx < size; ++op_idx) {
      switch (random() % 9) {
        case 0: batch.push_back(AddWork{WorkKind::contribution, "", Item("", {{"organisation", pick(organisations)}, {"statement", pick(statements)}}), std::nullopt}); break;
        case 1: batch.push_back(UpdateWork{WorkKind::resource, "", pick({"r1", "r2", "r3", "r9"}), {{"amount", static_cast<double>(static_cast<int>(random() % 300) - 50)}}}); break;
        case 2: batch.push_back(RemoveWork{WorkKind::organisation, "", pick(organisations)}); break;
        case 3: batch.push_back(RemoveWork{pick({"advocate", "action_team"}) == "advocate" ? WorkKind::advocate : WorkKind::action_team, "", pick({"a1", "t1"})}); break;
        case 4: batch.push_back(AddWork{WorkKind::advocate, "", Item("", {{"statement", pick(statements)}, {"person", pick(people)}}), random() % 2 ? std::optional<std::size_t>(0) : std::nullopt}); break;
        case 5: batch.push_back(UpdateWork{WorkKind::milestone, "i1", "m1", {{"done", pick({"2026-05-01", "2027-01-01", "bad"})}}}); break;
        case 6: batch.push_back(RemoveWork{WorkKind::resource, "", pick({"r1", "r4", "r6", "r9"})}); break;
        case 7: batch.push_back(ops::RemoveStatement{pick(statements), true}); break;
        default: batch.push_back(RemoveWork{WorkKind::contribution, "", pick({"c12", "c99"})}); break;
      }
    }
    auto result = ops::ApplyBatch(map, batch);
    if (!result.ok()) continue;
    ++accepted;
    auto inverse = result.Inverse();
    ASSERT_TRUE(ops::ApplyBatch(map, inverse).ok()) << "round " << round;
    EXPECT_EQ(map, start) << "round " << round;
  }
  EXPECT_GT(accepted, 30u);  // many batches hold a refused op on purpose
}

}  // namespace
}  // namespace coalign
