// The value types of one coalition's strategy map: layers, themes, statements, links.
// Pure data with no I/O; `extra` fields keep the raw JSON text of fields this version
// does not model, so that a document round-trips without loss.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/comment.hpp"
#include "model/work.hpp"

namespace coalign::model {

struct Position {
  double x = 0;
  double y = 0;
  bool operator==(const Position&) const = default;
};

struct Layer {
  std::string id;
  std::string name;
  std::string extra;  // raw JSON object text of unmodelled fields ("" = none)
  bool operator==(const Layer&) const = default;
};

struct Theme {
  std::string id;
  std::string name;
  std::string color;        // "#rrggbb" or ""
  std::string description;
  std::string extra;
  bool operator==(const Theme&) const = default;
};

struct Statement {
  std::string id;
  std::string title;
  std::string description;
  std::optional<std::string> parent;  // containment tree: nullopt = top level
  std::optional<std::string> layer;
  std::optional<std::string> theme;
  std::vector<std::string> tags;
  std::string status;  // "", "proposed", "agreed", "retired"
  std::optional<Position> position;  // on its parent's map
  std::string extra;
  bool operator==(const Statement&) const = default;
};

struct Link {
  std::string id;
  std::string from;
  std::string to;
  int polarity = 1;     // +1, -1, or 0 = unspecified
  double weight = 1.0;  // strength / confidence of the hypothesis, 0..1
  std::string assumption;
  std::string evidence;
  std::string extra;
  bool operator==(const Link&) const = default;
};

struct CoalitionInfo {
  std::string name;
  std::string purpose;
  std::string extra;  // raw JSON object text of other coalition fields
  bool operator==(const CoalitionInfo&) const = default;
};

// A top-level document section this version does not model (e.g. "organisations"),
// kept verbatim as JSON text in document order.
struct ExtraSection {
  std::string key;
  std::string json;
  bool operator==(const ExtraSection&) const = default;
};

// The whole map of one coalition. Vectors keep document order (which export preserves).
struct MapState {
  CoalitionInfo info;
  std::vector<Layer> layers;  // ordered: the first is the top band of the map
  std::vector<Theme> themes;
  std::vector<Statement> statements;
  std::vector<Link> links;
  std::vector<Comment> comments;  // in the order they were written
  WorkState work;                 // who does what: organisations, people, ... (model/work.hpp)
  std::vector<ExtraSection> extra_sections;
  bool operator==(const MapState&) const = default;
};

inline constexpr std::size_t kMaxTitleLength = 500;
inline constexpr std::size_t kMaxTextLength = 20000;
inline constexpr std::size_t kMaxIdLength = 200;

}  // namespace coalign::model
