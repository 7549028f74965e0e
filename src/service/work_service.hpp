// The reads of "who does what" (issue 5) over a coalition's map: resource totals,
// an organisation's line of sight to the coalition's outcomes, the opportunities
// (statements that need people, partners or resources), what a contributor may edit,
// and published read-only views (with what is hidden from them). Pure functions over a
// MapState, plus publications through the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "model/result.hpp"
#include "ops/apply.hpp"
#include "service/access.hpp"
#include "store/store.hpp"

namespace coalign::service {

// --- resource totals ------------------------------------------------------------------

// Amounts of one unit (a currency, "hours", ...). Units are never added together.
// `pledged` counts every resource (a received one was pledged too); `received` only
// those received.
struct UnitTotal {
  std::string unit;
  double pledged = 0;
  double received = 0;
};

struct TotalsGroup {
  std::optional<std::string> key;  // statement/theme/layer/organisation id or kind; null: none
  std::string label;
  std::vector<UnitTotal> totals;  // by unit, in byte order
};

// by: "statement" (rolled up the zoom tree: a statement's total holds its sub-statements'),
// "theme", "layer", "organisation" or "kind". A resource is for its statement, or else for
// the statements its initiative advances; within one group it counts once.
Result<std::vector<TotalsGroup>> ResourceTotals(const model::MapState& map, const std::string& by);

// --- line of sight --------------------------------------------------------------------

struct SightPath {
  std::optional<std::string> contribution;  // the contribution the path starts from, or
  std::optional<std::string> initiative;    // the initiative (led or partnered) it starts from
  std::string from;
  std::string to;                 // an outcome of the coalition
  std::vector<std::string> path;  // statement ids from `from` to `to`, along links (shortest)
  std::vector<std::string> goals;  // the organisation's own goals this work serves
};

struct LineOfSight {
  std::string organisation;
  std::vector<std::string> outcomes;            // the outcomes its work leads to (id order)
  std::vector<std::string> coalition_outcomes;  // every outcome of the map (analysis: heads)
  std::vector<SightPath> paths;
};

// The causal paths from what the organisation contributes to (and the statements its
// initiatives advance) to the map's outcomes: the heads of the analysis definition
// (statements with incoming but no outgoing links). Not found: an error.
Result<LineOfSight> LineOfSightOf(const model::MapState& map, const std::string& organisation);

// --- opportunities --------------------------------------------------------------------

struct Opportunity {
  std::string id;
  std::string title;
  std::vector<std::string> needs;  // "advocate", "contributors", "resources"
  std::uint32_t potency = 0;       // outcomes it leads to (analysis: potency)
  std::size_t advocates = 0;
  std::size_t contributors = 0;  // distinct organisations contributing
  std::size_t resources = 0;
  std::size_t teams = 0;
};

// Statements (not retired) that need a lead advocate, contributors or resources, by
// potency (highest first), then title.
std::vector<Opportunity> OpportunitiesOf(const model::MapState& map);

// --- what a contributor may change ----------------------------------------------------

// The organisations of the people linked to this account.
std::vector<std::string> OrganisationsOfAccount(const model::MapState& map, UserId user);

// A contributor may add, update and remove contributions and resources of their own
// organisations (before and after the op), and add, update and remove milestones of the
// initiatives those organisations lead or partner in. Everything else is refused.
std::vector<ops::OpError> ContributorRefusals(const model::MapState& map, const std::vector<ops::Op>& ops, UserId user);

// --- publishing -----------------------------------------------------------------------

struct PublicationOptions {
  bool show_people = false;
  bool show_organisations = true;
};

// The map as a published view shows it: without people's names (people, advocates'
// persons, teams' convenors and members, comments) unless show_people, and without
// organisations (and what names them) unless show_organisations.
model::MapState RedactedForPublic(const model::MapState& map, const PublicationOptions& options);

class PublicationService {
 public:
  explicit PublicationService(store::Store& store) : store_(store) {}
  store::PublicationRecord Publish(store::CoalitionId coalition, const PublicationOptions& options, std::optional<UserId> by);
  std::vector<store::PublicationRecord> List(store::CoalitionId coalition) { return store_.Publications(coalition); }
  bool Revoke(store::CoalitionId coalition, std::int64_t publication) { return store_.RevokePublication(coalition, publication); }
  std::optional<store::PublicationRecord> ByToken(const std::string& token);

 private:
  store::Store& store_;
};

}  // namespace coalign::service
