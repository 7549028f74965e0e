// Validates and applies a batch of ops to a map, producing for each op its inverse and
// the fields it touched. A batch is all or nothing: the caller applies to a copy and
// keeps it only when `errors` is empty.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "model/map_state.hpp"
#include "ops/operation.hpp"

namespace coalign::ops {

enum class ErrorKind {
  invalid,    // the op breaks a rule of the map (422)
  not_found,  // it names an item that does not exist, or no longer does (422)
  conflict,   // it overwrites a field changed after the client's base revision (409)
};

struct OpError {
  std::size_t op_index = 0;
  ErrorKind kind = ErrorKind::invalid;
  std::string reason;
  std::string field;  // the offending field, when one is to blame
};

// One field of one item that an op changed: what conflict detection and the store need.
struct Touch {
  ItemKind kind;
  std::string id;
  std::string field;  // "" for the whole item (added or removed)
  auto operator<=>(const Touch&) const = default;
};

struct AppliedOp {
  std::vector<Op> inverse;   // applying these, in order, undoes the op
  std::vector<Touch> touches;
  std::string generated_id;  // the id given to a new item that came without one
  std::vector<std::string> warnings;  // accepted, but worth saying (a milestone outside its initiative's dates)
};

struct BatchResult {
  std::vector<AppliedOp> applied;  // parallel to the ops, when no error
  std::vector<OpError> errors;
  bool reordered = false;  // an item was inserted mid-document (the store renumbers order)
  bool ok() const { return errors.empty(); }
  // The inverse of the whole batch: each op's inverse, last op first.
  std::vector<Op> Inverse() const;
  std::vector<std::string> Warnings() const;
};

// Makes a fresh id for a new item of the given kind, unique within `taken`.
std::string GenerateId(ItemKind kind, const std::function<bool(const std::string&)>& taken);

// Applies `ops` to `state` in order, each validated against the state the earlier ones
// left. Ops that come without an id get one, written back into `ops` so that the change
// log records concrete ids. On error `state` is left part-applied: apply to a copy.
BatchResult ApplyBatch(model::MapState& state, std::vector<Op>& ops);

// The statement ids in the subtree under `root_id` (root included), parents first.
std::vector<std::string> Subtree(const model::MapState& state, const std::string& root_id);

}  // namespace coalign::ops
