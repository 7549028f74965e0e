#include "interop/analysis_json.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace coalign::interop {

void AppendPythonFloat(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  (void)error;  // 64 characters always suffice for a double
  const char* cursor = buffer;
  if (*cursor == '-') {
    out += '-';
    ++cursor;
  }
  // Shortest digits d.ddd and the exponent: value = 0.dddd * 10^decimal_point.
  char digits[32];
  int digit_count = 0;
  while (cursor < end && *cursor != 'e') {
    if (*cursor != '.') digits[digit_count++] = *cursor;
    ++cursor;
  }
  int exponent = 0;
  std::from_chars(cursor + 1 + (cursor[1] == '+' ? 1 : 0), end, exponent);
  if (exponent >= -4 && exponent < 16) {
    const int decimal_point = exponent + 1;
    if (decimal_point <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decimal_point), '0');
      out.append(digits, digit_count);
    } else if (decimal_point >= digit_count) {
      out.append(digits, digit_count);
      out.append(static_cast<std::size_t>(decimal_point - digit_count), '0');
      out += ".0";
    } else {
      out.append(digits, decimal_point);
      out += '.';
      out.append(digits + decimal_point, digit_count - decimal_point);
    }
    return;
  }
  out += digits[0];
  if (digit_count > 1) {
    out += '.';
    out.append(digits + 1, digit_count - 1);
  }
  out += exponent < 0 ? "e-" : "e+";
  const int magnitude = exponent < 0 ? -exponent : exponent;
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
}

namespace {

void AppendUnicodeEscape(std::string& out, unsigned code_unit) {
  static const char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code_unit >> shift) & 0xF];
}

}  // namespace

void AppendJsonString(std::string& out, const std::string& text) {
  out += '"';
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  for (std::size_t pos = 0; pos < size;) {
    const unsigned char byte = bytes[pos];
    if (byte < 0x80) {
      switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (byte < 0x20) AppendUnicodeEscape(out, byte);
          else out += static_cast<char>(byte);
      }
      ++pos;
      continue;
    }
    // A UTF-8 sequence; anything malformed becomes U+FFFD.
    unsigned code_point = 0xFFFD;
    std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (length > 1 && pos + length <= size) {
      unsigned decoded = byte & (0x3F >> (length - 1));
      bool well_formed = true;
      for (std::size_t extra = 1; extra < length; ++extra) {
        if ((bytes[pos + extra] & 0xC0) != 0x80) well_formed = false;
        decoded = (decoded << 6) | (bytes[pos + extra] & 0x3F);
      }
      if (well_formed) code_point = decoded;
      else length = 1;
    } else {
      length = 1;
    }
    if (code_point >= 0x10000) {
      code_point -= 0x10000;
      AppendUnicodeEscape(out, 0xD800 + (code_point >> 10));
      AppendUnicodeEscape(out, 0xDC00 + (code_point & 0x3FF));
    } else {
      AppendUnicodeEscape(out, code_point);
    }
    pos += length;
  }
  out += '"';
}

namespace {

using analysis::AnalysisReport;
using analysis::NodeIndex;

// Writes one JSON object's members in the order they are added; callers add them in
// sorted key order, as json.dump(sort_keys=True) does.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  std::string& Key(const std::string& key) {
    if (!first_) out_ += ',';
    first_ = false;
    AppendJsonString(out_, key);
    out_ += ':';
    return out_;
  }
  void Close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

void AppendUnsigned(std::string& out, std::uint64_t value) {
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)error;
  out.append(buffer, end);
}

void AppendIdList(std::string& out, const analysis::MapGraph& graph, const std::vector<NodeIndex>& nodes) {
  out += '[';
  for (std::size_t idx = 0; idx < nodes.size(); ++idx) {
    if (idx) out += ',';
    AppendJsonString(out, graph.ids[nodes[idx]]);
  }
  out += ']';
}

void AppendStringList(std::string& out, const std::vector<std::string>& texts) {
  out += '[';
  for (std::size_t idx = 0; idx < texts.size(); ++idx) {
    if (idx) out += ',';
    AppendJsonString(out, texts[idx]);
  }
  out += ']';
}

// {id: value} over all statements, in id order.
template <typename Vector, typename AppendValue>
void AppendPerStatement(std::string& out, const analysis::MapGraph& graph, const Vector& values, AppendValue append) {
  ObjectWriter object(out);
  for (std::size_t node = 0; node < graph.NodeCount(); ++node) append(object.Key(graph.ids[node]), values[node]);
  object.Close();
}

void AppendFloats(std::string& out, const analysis::MapGraph& graph, const std::vector<double>& values) {
  AppendPerStatement(out, graph, values, [](std::string& target, double value) { AppendPythonFloat(target, value); });
}

void AppendCounts(std::string& out, const analysis::MapGraph& graph, const std::vector<std::uint32_t>& values) {
  AppendPerStatement(out, graph, values, [](std::string& target, std::uint32_t value) { AppendUnsigned(target, value); });
}

}  // namespace

std::string AnalysisReportToJson(const AnalysisReport& report) {
  const auto& graph = report.graph;
  std::string out;
  out.reserve(64 + graph.NodeCount() * 160);
  ObjectWriter top(out);
  if (report.betweenness) AppendFloats(top.Key("betweenness"), graph, *report.betweenness);
  if (report.central) AppendFloats(top.Key("central"), graph, *report.central);
  if (report.components) {
    std::string& target = top.Key("components");
    target += '[';
    for (std::size_t idx = 0; idx < report.components->size(); ++idx) {
      if (idx) target += ',';
      AppendIdList(target, graph, (*report.components)[idx]);
    }
    target += ']';
  }
  if (report.domain) AppendCounts(top.Key("domain"), graph, *report.domain);
  AppendUnsigned(top.Key("links"), graph.LinkCount());
  if (report.loops) {
    const auto& loops = *report.loops;
    ObjectWriter section(top.Key("loops"));
    AppendUnsigned(section.Key("balancing"), loops.Balancing());
    AppendUnsigned(section.Key("count"), loops.count);
    std::string& listed = section.Key("listed");
    listed += '[';
    for (std::size_t idx = 0; idx < loops.listed.size(); ++idx) {
      if (idx) listed += ',';
      ObjectWriter loop(listed);
      AppendIdList(loop.Key("ids"), graph, loops.listed[idx].nodes);
      loop.Key("polarity") += loops.listed[idx].reinforcing ? "\"reinforcing\"" : "\"balancing\"";
      loop.Close();
    }
    listed += ']';
    std::string& max_length = section.Key("max_length");
    max_length += std::to_string(loops.max_length);
    AppendUnsigned(section.Key("reinforcing"), loops.reinforcing);
    section.Key("truncated") += loops.truncated ? "true" : "false";
    section.Close();
  }
  if (report.potency) AppendCounts(top.Key("potency"), graph, *report.potency);
  if (report.reach) {
    ObjectWriter section(top.Key("reach"));
    for (std::size_t node = 0; node < graph.NodeCount(); ++node) {
      std::string& target = section.Key(graph.ids[node]);
      target += "{\"downstream\":";
      AppendUnsigned(target, report.reach->downstream[node]);
      target += ",\"upstream\":";
      AppendUnsigned(target, report.reach->upstream[node]);
      target += '}';
    }
    section.Close();
  }
  if (report.scenario) {
    ObjectWriter section(top.Key("scenario"));
    AppendFloats(section.Key("activation"), graph, report.scenario->activation);
    AppendIdList(section.Key("drivers"), graph, report.scenario->drivers);
    AppendUnsigned(section.Key("iterations"), static_cast<std::uint64_t>(report.scenario->iterations));
    section.Close();
  }
  AppendUnsigned(top.Key("statements"), graph.NodeCount());
  if (report.structure) {
    ObjectWriter section(top.Key("structure"));
    AppendIdList(section.Key("heads"), graph, report.structure->heads);
    AppendIdList(section.Key("orphans"), graph, report.structure->orphans);
    AppendIdList(section.Key("tails"), graph, report.structure->tails);
    section.Close();
  }
  if (report.view) {
    const auto& view = *report.view;
    ObjectWriter section(top.Key("view"));
    {
      ObjectWriter external(section.Key("external"));
      for (const auto& [id, counts] : view.external) {
        std::string& target = external.Key(id);
        target += "{\"in\":";
        AppendUnsigned(target, static_cast<std::uint64_t>(counts.in));
        target += ",\"out\":";
        AppendUnsigned(target, static_cast<std::uint64_t>(counts.out));
        target += '}';
      }
      external.Close();
    }
    std::string& links = section.Key("links");
    links += '[';
    for (std::size_t idx = 0; idx < view.links.size(); ++idx) {
      if (idx) links += ',';
      const auto& link = view.links[idx];
      ObjectWriter object(links);
      AppendUnsigned(object.Key("count"), static_cast<std::uint64_t>(link.count));
      AppendJsonString(object.Key("from"), link.from);
      AppendJsonString(object.Key("polarity"), link.polarity);
      AppendJsonString(object.Key("to"), link.to);
      object.Close();
    }
    links += ']';
    AppendJsonString(section.Key("root"), view.root);
    AppendStringList(section.Key("visible"), view.visible);
    section.Close();
  }
  top.Close();
  return out;
}

}  // namespace coalign::interop
