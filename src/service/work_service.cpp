#include "service/work_service.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/map_graph.hpp"
#include "analysis/reach.hpp"
#include "analysis/strong_components.hpp"
#include "analysis/structure.hpp"
#include "ops/work_ops.hpp"
#include "service/account_service.hpp"

namespace coalign::service {
namespace {

using model::WorkItem;
using model::WorkKind;

// The statements a resource is for: its own, or else those its initiative advances.
std::vector<std::string> StatementsOfResource(const model::MapState& map, const WorkItem& resource) {
  if (auto statement = resource.Ref("statement")) return {*statement};
  if (auto initiative_id = resource.Ref("initiative"))
    if (const auto* initiative = map.work.Find(WorkKind::initiative, *initiative_id)) return initiative->List("statements");
  return {};
}

void AddAmount(std::map<std::string, UnitTotal>& totals, const WorkItem& resource) {
  auto unit = resource.Text("unit");
  auto& total = totals[unit];
  total.unit = unit;
  total.pledged += resource.Number("amount");
  if (resource.Text("status") == "received") total.received += resource.Number("amount");
}

std::vector<UnitTotal> Flatten(const std::map<std::string, UnitTotal>& totals) {
  std::vector<UnitTotal> out;
  for (const auto& [unit, total] : totals) out.push_back(total);
  return out;
}

std::string KindLabel(const std::string& kind) {
  static const std::map<std::string, std::string> kLabels = {
      {"funding", "Funding"}, {"in_kind", "In-kind goods"}, {"space", "Space"}, {"volunteer_hours", "Volunteer hours"},
      {"staff_time", "Staff time"}, {"data", "Data"}};
  auto found = kLabels.find(kind);
  return found == kLabels.end() ? kind : found->second;
}

}  // namespace

Result<std::vector<TotalsGroup>> ResourceTotals(const model::MapState& map, const std::string& by) {
  const auto& resources = map.work.Of(WorkKind::resource);
  std::vector<TotalsGroup> groups;
  if (by == "organisation" || by == "kind") {
    std::vector<std::string> keys;
    std::map<std::string, std::string> labels;
    if (by == "organisation") {
      for (const auto& organisation : map.work.Of(WorkKind::organisation)) {
        keys.push_back(organisation.id);
        labels[organisation.id] = organisation.Text("name");
      }
    } else {
      for (const auto& choice : model::SpecOf(WorkKind::resource).Field("kind")->choices) {
        keys.push_back(choice);
        labels[choice] = KindLabel(choice);
      }
    }
    for (const auto& key : keys) {
      std::map<std::string, UnitTotal> totals;
      for (const auto& resource : resources)
        if (resource.Text(by) == key) AddAmount(totals, resource);
      if (!totals.empty()) groups.push_back({key, labels[key], Flatten(totals)});
    }
    return groups;
  }
  if (by != "statement" && by != "theme" && by != "layer")
    return Error{"by must be statement, theme, layer, organisation or kind", "by"};

  std::unordered_map<std::string, const model::Statement*> statements;
  for (const auto& statement : map.statements) statements[statement.id] = &statement;
  // Which resources (by position) each group holds; a set, so each counts once.
  std::map<std::optional<std::string>, std::set<std::size_t>> held;
  if (by == "statement") {
    for (std::size_t resource_idx = 0; resource_idx < resources.size(); ++resource_idx) {
      for (const auto& statement_id : StatementsOfResource(map, resources[resource_idx])) {
        // The statement and every ancestor (the zoom tree's roll-up).
        std::optional<std::string> cursor = statement_id;
        for (std::size_t steps = 0; cursor && steps <= map.statements.size(); ++steps) {
          auto found = statements.find(*cursor);
          if (found == statements.end()) break;
          held[*cursor].insert(resource_idx);
          cursor = found->second->parent;
        }
      }
    }
    for (const auto& statement : map.statements) {
      auto found = held.find(statement.id);
      if (found == held.end()) continue;
      std::map<std::string, UnitTotal> totals;
      for (auto resource_idx : found->second) AddAmount(totals, resources[resource_idx]);
      groups.push_back({statement.id, statement.title, Flatten(totals)});
    }
    return groups;
  }
  const bool by_theme = by == "theme";
  for (std::size_t resource_idx = 0; resource_idx < resources.size(); ++resource_idx) {
    auto statement_ids = StatementsOfResource(map, resources[resource_idx]);
    if (statement_ids.empty()) held[std::nullopt].insert(resource_idx);
    for (const auto& statement_id : statement_ids) {
      auto found = statements.find(statement_id);
      if (found == statements.end()) continue;
      held[by_theme ? found->second->theme : found->second->layer].insert(resource_idx);
    }
  }
  auto add_group = [&](const std::optional<std::string>& key, const std::string& label) {
    auto found = held.find(key);
    if (found == held.end()) return;
    std::map<std::string, UnitTotal> totals;
    for (auto resource_idx : found->second) AddAmount(totals, resources[resource_idx]);
    groups.push_back({key, label, Flatten(totals)});
  };
  if (by_theme) {
    for (const auto& theme : map.themes) add_group(theme.id, theme.name);
    add_group(std::nullopt, "No theme");
  } else {
    for (const auto& layer : map.layers) add_group(layer.id, layer.name);
    add_group(std::nullopt, "No layer");
  }
  return groups;
}

Result<LineOfSight> LineOfSightOf(const model::MapState& map, const std::string& organisation) {
  const auto* org = map.work.Find(WorkKind::organisation, organisation);
  if (!org) return Error{"no organisation \"" + organisation + "\"", "organisation"};
  auto graph = analysis::BuildMapGraph(map);
  auto structure = analysis::ComputeStructure(graph);
  std::vector<bool> is_head(graph.NodeCount(), false);
  LineOfSight sight;
  sight.organisation = organisation;
  for (auto head : structure.heads) {
    is_head[head] = true;
    sight.coalition_outcomes.push_back(graph.ids[head]);
  }
  std::set<analysis::NodeIndex> reached;
  auto paths_from = [&](const std::string& from, SightPath base) {
    auto start = graph.IndexOf(from);
    if (!start) return;
    // Breadth first along links, targets in id order: the shortest path to each head.
    std::vector<std::int64_t> previous(graph.NodeCount(), -2);
    previous[*start] = -1;
    std::deque<analysis::NodeIndex> queue{*start};
    std::vector<analysis::NodeIndex> heads_found;
    while (!queue.empty()) {
      auto node = queue.front();
      queue.pop_front();
      if (is_head[node]) heads_found.push_back(node);
      for (auto edge = graph.out_offsets[node]; edge < graph.out_offsets[node + 1]; ++edge) {
        auto target = graph.out_targets[edge];
        if (previous[target] != -2) continue;
        previous[target] = node;
        queue.push_back(target);
      }
    }
    std::sort(heads_found.begin(), heads_found.end());
    for (auto head : heads_found) {
      SightPath path = base;
      path.from = from;
      path.to = graph.ids[head];
      for (std::int64_t cursor = head; cursor >= 0; cursor = previous[cursor]) path.path.push_back(graph.ids[cursor]);
      std::reverse(path.path.begin(), path.path.end());
      reached.insert(head);
      sight.paths.push_back(std::move(path));
    }
  };
  for (const auto& contribution : map.work.Of(WorkKind::contribution)) {
    if (contribution.Ref("organisation") != organisation) continue;
    auto statement = contribution.Ref("statement");
    if (!statement) continue;
    SightPath base;
    base.contribution = contribution.id;
    base.goals = contribution.List("serves_goals");
    paths_from(*statement, base);
  }
  for (const auto& initiative : map.work.Of(WorkKind::initiative)) {
    auto partners = initiative.List("partners");
    bool takes_part = initiative.Ref("lead") == organisation ||
                      std::find(partners.begin(), partners.end(), organisation) != partners.end();
    if (!takes_part) continue;
    for (const auto& statement : initiative.List("statements")) {
      SightPath base;
      base.initiative = initiative.id;
      paths_from(statement, base);
    }
  }
  for (auto head : reached) sight.outcomes.push_back(graph.ids[head]);
  return sight;
}

std::vector<Opportunity> OpportunitiesOf(const model::MapState& map) {
  auto graph = analysis::BuildMapGraph(map);
  auto components = analysis::ComputeStrongComponents(graph);
  analysis::ReachRequest request;
  request.upstream = false;
  request.downstream = true;
  request.potency = true;
  auto reach = analysis::ComputeReach(graph, components, request);
  std::unordered_map<std::string, std::size_t> advocates, teams, resources;
  std::unordered_map<std::string, std::set<std::string>> contributors;
  for (const auto& advocate : map.work.Of(WorkKind::advocate))
    if (auto statement = advocate.Ref("statement")) ++advocates[*statement];
  for (const auto& team : map.work.Of(WorkKind::action_team))
    if (auto statement = team.Ref("statement")) ++teams[*statement];
  for (const auto& contribution : map.work.Of(WorkKind::contribution))
    if (auto statement = contribution.Ref("statement")) contributors[*statement].insert(contribution.Ref("organisation").value_or(""));
  for (const auto& resource : map.work.Of(WorkKind::resource))
    for (const auto& statement : StatementsOfResource(map, resource)) ++resources[statement];
  auto count = [](const auto& counts, const std::string& id) -> std::size_t {
    auto found = counts.find(id);
    return found == counts.end() ? 0 : found->second;
  };
  std::vector<Opportunity> out;
  for (const auto& statement : map.statements) {
    if (statement.status == "retired") continue;
    Opportunity opportunity;
    opportunity.id = statement.id;
    opportunity.title = statement.title;
    opportunity.advocates = count(advocates, statement.id);
    opportunity.teams = count(teams, statement.id);
    opportunity.resources = count(resources, statement.id);
    auto found = contributors.find(statement.id);
    opportunity.contributors = found == contributors.end() ? 0 : found->second.size();
    if (opportunity.advocates == 0) opportunity.needs.push_back("advocate");
    if (opportunity.contributors == 0) opportunity.needs.push_back("contributors");
    if (opportunity.resources == 0) opportunity.needs.push_back("resources");
    if (opportunity.needs.empty()) continue;
    if (auto node = graph.IndexOf(statement.id)) opportunity.potency = reach.potency[*node];
    out.push_back(std::move(opportunity));
  }
  std::stable_sort(out.begin(), out.end(), [](const Opportunity& a, const Opportunity& b) {
    if (a.potency != b.potency) return a.potency > b.potency;
    if (a.title != b.title) return a.title < b.title;
    return a.id < b.id;
  });
  return out;
}

std::vector<std::string> OrganisationsOfAccount(const model::MapState& map, UserId user) {
  std::vector<std::string> organisations;
  for (const auto& person : map.work.Of(WorkKind::person)) {
    auto account = person.fields.find("account");
    if (account == person.fields.end()) continue;
    const auto* id = std::get_if<double>(&account->second);
    if (!id || static_cast<UserId>(*id) != user) continue;
    for (const auto& organisation : person.List("organisations"))
      if (std::find(organisations.begin(), organisations.end(), organisation) == organisations.end())
        organisations.push_back(organisation);
  }
  return organisations;
}

std::vector<ops::OpError> ContributorRefusals(const model::MapState& map, const std::vector<ops::Op>& ops, UserId user) {
  auto mine = OrganisationsOfAccount(map, user);
  auto is_mine = [&mine](const std::optional<std::string>& organisation) {
    return organisation && std::find(mine.begin(), mine.end(), *organisation) != mine.end();
  };
  // Items added earlier in the batch, so that a later op may change them.
  std::map<std::pair<WorkKind, std::string>, std::optional<std::string>> added;
  auto organisation_of = [&](WorkKind kind, const std::string& id) -> std::optional<std::string> {
    auto found = added.find({kind, id});
    if (found != added.end()) return found->second;
    const auto* item = map.work.Find(kind, id);
    return item ? item->Ref("organisation") : std::nullopt;
  };
  auto initiative_is_mine = [&](const std::string& initiative_id) {
    const auto* initiative = map.work.Find(WorkKind::initiative, initiative_id);
    if (!initiative) return false;
    if (is_mine(initiative->Ref("lead"))) return true;
    for (const auto& partner : initiative->List("partners"))
      if (is_mine(partner)) return true;
    return false;
  };
  const std::string scope =
      "a contributor may record contributions and resources of their own organisations and the milestones of their "
      "organisations' initiatives";
  std::string whose = mine.empty() ? " (no organisation is linked to your account: ask a steward to add you as a person)" : "";
  std::vector<ops::OpError> refusals;
  for (std::size_t op_idx = 0; op_idx < ops.size(); ++op_idx) {
    const auto& op = ops[op_idx];
    auto refuse = [&](const std::string& reason, const std::string& field) {
      refusals.push_back({op_idx, ops::ErrorKind::invalid, reason, field});
    };
    if (!ops::IsWorkOp(op)) {
      refuse(std::string(ops::OpName(op)) + " needs the editor role; " + scope, "op");
      continue;
    }
    WorkKind kind = std::visit([](const auto& typed) -> WorkKind {
      if constexpr (requires { typed.kind; }) return typed.kind;
      else return WorkKind::organisation;
    }, op);
    if (kind == WorkKind::milestone) {
      std::string owner = std::visit([](const auto& typed) -> std::string {
        if constexpr (requires { typed.owner; }) return typed.owner;
        else return "";
      }, op);
      if (!initiative_is_mine(owner))
        refuse("your organisations neither lead nor partner in the initiative \"" + owner + "\"; " + scope + whose, "initiative");
      continue;
    }
    if (kind != WorkKind::contribution && kind != WorkKind::resource) {
      refuse(std::string(ops::OpName(op)) + " needs the editor role; " + scope, "op");
      continue;
    }
    if (const auto* add = std::get_if<ops::AddWork>(&op)) {
      auto organisation = add->item.Ref("organisation");
      if (!is_mine(organisation)) {
        refuse("the organisation \"" + organisation.value_or("") + "\" is not one of yours; " + scope + whose, "organisation");
        continue;
      }
      if (!add->item.id.empty()) added[{kind, add->item.id}] = organisation;
    } else if (const auto* update = std::get_if<ops::UpdateWork>(&op)) {
      if (!is_mine(organisation_of(kind, update->id))) {
        refuse("\"" + update->id + "\" is not your organisations' to change; " + scope + whose, "id");
        continue;
      }
      for (const auto& [field, value] : update->set) {
        const auto* text = std::get_if<std::string>(&value);
        if (field == "organisation" && !(text && is_mine(*text)))
          refuse("the organisation must stay one of yours; " + scope, "organisation");
      }
    } else if (const auto* remove = std::get_if<ops::RemoveWork>(&op)) {
      if (!is_mine(organisation_of(kind, remove->id)))
        refuse("\"" + remove->id + "\" is not your organisations' to remove; " + scope + whose, "id");
    }
  }
  return refusals;
}

model::MapState RedactedForPublic(const model::MapState& map, const PublicationOptions& options) {
  model::MapState redacted = map;
  redacted.comments.clear();  // written by people, signed with their names
  auto& work = redacted.work;
  if (!options.show_people) {
    work.Of(WorkKind::person).clear();
    for (auto& advocate : work.Of(WorkKind::advocate)) advocate.fields["person"] = std::monostate{};
    for (auto& team : work.Of(WorkKind::action_team)) {
      team.fields["convenor"] = std::monostate{};
      team.fields["members"] = std::vector<std::string>{};
    }
  }
  if (!options.show_organisations) {
    work.Of(WorkKind::organisation).clear();
    for (auto kind : {WorkKind::contribution, WorkKind::resource}) {
      for (auto& item : work.Of(kind)) {
        item.fields["organisation"] = std::monostate{};
        if (kind == WorkKind::contribution) item.fields["serves_goals"] = std::vector<std::string>{};
      }
    }
    for (auto& initiative : work.Of(WorkKind::initiative)) {
      initiative.fields["lead"] = std::monostate{};
      initiative.fields["partners"] = std::vector<std::string>{};
    }
    for (auto& person : work.Of(WorkKind::person)) person.fields["organisations"] = std::vector<std::string>{};
  }
  // Accounts and emails are never public.
  for (auto& person : work.Of(WorkKind::person)) {
    person.fields["account"] = std::monostate{};
    person.fields["email"] = std::string();
  }
  return redacted;
}

store::PublicationRecord PublicationService::Publish(store::CoalitionId coalition, const PublicationOptions& options,
                                                     std::optional<UserId> by) {
  store::PublicationRecord publication;
  publication.coalition = coalition;
  publication.token = RandomSecret("pub");
  publication.show_people = options.show_people;
  publication.show_organisations = options.show_organisations;
  publication.created_by = by;
  return store_.AddPublication(publication);
}

std::optional<store::PublicationRecord> PublicationService::ByToken(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  return store_.PublicationByToken(token);
}

}  // namespace coalign::service
