// The work ops of the write path (add/update/remove of every kind in model/work.hpp),
// driven by the kind's schema: one validator for every field type, one reference check,
// one inverse, one set of touches. BatchApplier (apply.cpp) hands work ops to a
// WorkApplier, and asks it before removing statements whether work items still name them.
//
// Rules: fields have the schema's types (a negative amount, a bad date, an unknown choice
// are refused naming the field); references must exist (a contribution to a missing
// organisation is refused, field "organisation"); a contribution serves only goals of
// its own organisation; an initiative does not end before it starts; a person's account
// belongs to one person. Removing an item that others still name is refused saying where
// ("it still contributes to 'Increase early diagnosis' (contribution c12)"). A milestone
// due or done outside its initiative's start..end is accepted with a warning.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/apply.hpp"

namespace coalign::ops {

class WorkApplier {
 public:
  // The statement with this id now, or null.
  using StatementLookup = std::function<const model::Statement*(const std::string& id)>;

  WorkApplier(model::MapState& state, StatementLookup statement);

  std::optional<OpError> Apply(AddWork& op, AppliedOp& applied);
  std::optional<OpError> Apply(UpdateWork& op, AppliedOp& applied);
  std::optional<OpError> Apply(RemoveWork& op, AppliedOp& applied);

  // Why these statements cannot be removed (work items still name them), or nothing.
  std::optional<std::string> StatementsInUse(const std::vector<std::string>& statement_ids) const;

  bool reordered() const { return reordered_; }

 private:
  model::MapState& state_;
  StatementLookup statement_;
  bool reordered_ = false;
};

// The touch id of a work item: "organisation:asc", or for a goal or milestone
// "initiative:i1/milestone:m1" (the stored row is the part before '/').
std::string WorkTouchId(model::WorkKind kind, const std::string& owner, const std::string& id);
// The op's wire name ("add_contribution", "update_milestone"), or null for other ops.
const char* WorkOpName(const Op& op);
// Whether an op is a work op.
bool IsWorkOp(const Op& op);

}  // namespace coalign::ops
