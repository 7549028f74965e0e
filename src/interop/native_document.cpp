#include "interop/native_document.hpp"

#include <set>

#include "interop/json_codec.hpp"
#include "interop/progress_json.hpp"
#include "interop/work_json.hpp"

namespace coalign::interop {
namespace {

const char* const kKnownSections[] = {"format", "version", "coalition", "layers", "themes", "statements", "links", "comments",
                                      "measures", "data_points", "settings"};

bool IsKnownSection(const std::string& key) {
  for (const char* known : kKnownSections)
    if (key == known) return true;
  return IsWorkSection(key);
}

template <typename T, typename Reader>
void ReadList(const Json& doc, const char* section, std::vector<T>& out, ImportProblems& problems, Reader read) {
  auto found = doc.find(section);
  if (found == doc.end() || found->is_null()) return;
  if (!found->is_array()) {
    problems.push_back({section, std::string("\"") + section + "\" must be a list; it was left out"});
    return;
  }
  for (std::size_t item_idx = 0; item_idx < found->size(); ++item_idx) {
    auto item = read((*found)[item_idx]);
    if (item) {
      out.push_back(std::move(*item));
    } else {
      problems.push_back({std::string(section) + "[" + std::to_string(item_idx) + "]", item.error().message});
    }
  }
}

// Layers and themes that statements name but the document does not define (generated
// and hand-written maps often just name them) are created, with a note.
void AddMissingLayersAndThemes(NativeDocument& document) {
  static const char* const kPalette[] = {"#2a9d8f", "#e76f51", "#264653", "#e9c46a", "#8e44ad", "#3a86ff",
                                         "#6a994e", "#bc4749", "#f4a261", "#457b9d", "#9c6644", "#d62828"};
  auto& map = document.map;
  std::set<std::string> layers, themes;
  for (const auto& layer : map.layers) layers.insert(layer.id);
  for (const auto& theme : map.themes) themes.insert(theme.id);
  for (const auto& statement : map.statements) {
    if (statement.layer && layers.insert(*statement.layer).second) {
      map.layers.push_back({*statement.layer, *statement.layer, ""});
      document.problems.push_back({"layers", "layer \"" + *statement.layer + "\" is used but not defined; created", false});
    }
    if (statement.theme && themes.insert(*statement.theme).second) {
      std::string color = kPalette[map.themes.size() % std::size(kPalette)];
      map.themes.push_back({*statement.theme, *statement.theme, color, "", ""});
      document.problems.push_back({"themes", "theme \"" + *statement.theme + "\" is used but not defined; created", false});
    }
  }
}

}  // namespace

Result<NativeDocument> ReadNativeDocument(std::string_view text) {
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& error) {  // bad syntax, or a number too large for a double (1e309)
    return Error{std::string("not valid JSON: ") + error.what(), "document"};
  }
  if (!doc.is_object()) return Error{"a coalign document must be a JSON object", "document"};
  if (auto format = doc.find("format"); format != doc.end() && *format != "coalign-map")
    return Error{"this is not a coalign-map document (format is " + format->dump() + ")", "format"};
  if (auto version = doc.find("version"); version != doc.end() && (!version->is_number_integer() || *version > 1))
    return Error{"document version " + version->dump() + " is newer than this coalign reads (1)", "version"};
  if (!doc.contains("statements") || !doc["statements"].is_array())
    return Error{"the document has no \"statements\" list", "statements"};

  NativeDocument result;
  auto& map = result.map;
  if (auto coalition = doc.find("coalition"); coalition != doc.end() && coalition->is_object()) {
    Json extra = Json::object();
    for (auto it = coalition->begin(); it != coalition->end(); ++it) {
      if (it.key() == "name" && it->is_string()) map.info.name = it->get<std::string>();
      else if (it.key() == "purpose" && it->is_string()) map.info.purpose = it->get<std::string>();
      else extra[it.key()] = it.value();
    }
    if (!extra.empty()) map.info.extra = extra.dump();
  }
  ReadList(doc, "layers", map.layers, result.problems, LayerFromJson);
  ReadList(doc, "themes", map.themes, result.problems, ThemeFromJson);
  ReadList(doc, "statements", map.statements, result.problems, StatementFromJson);
  ReadList(doc, "links", map.links, result.problems, LinkFromJson);
  ReadList(doc, "comments", map.comments, result.problems, CommentFromJson);
  ReadProgressSections(doc, map, result.problems);
  ReadWorkSections(doc, map.work, result.problems);
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (!IsKnownSection(it.key())) map.extra_sections.push_back({it.key(), it.value().dump()});
  AddMissingLayersAndThemes(result);
  if (map.info.name.empty()) {
    for (const auto& section : map.extra_sections) {
      if (section.key != "title") continue;
      auto title = Json::parse(section.json, nullptr, false);
      if (title.is_string()) map.info.name = title.get<std::string>();
    }
  }
  return result;
}

std::string WriteNativeDocument(const model::MapState& map, bool pretty) {
  Json doc;
  doc["format"] = "coalign-map";
  doc["version"] = 1;
  Json coalition;
  coalition["name"] = map.info.name;
  if (!map.info.purpose.empty()) coalition["purpose"] = map.info.purpose;
  if (!map.info.extra.empty()) {
    auto extra = Json::parse(map.info.extra, nullptr, false);
    if (extra.is_object())
      for (auto it = extra.begin(); it != extra.end(); ++it) coalition[it.key()] = it.value();
  }
  doc["coalition"] = std::move(coalition);
  auto list = [](const auto& items) {
    Json out = Json::array();
    for (const auto& item : items) out.push_back(ToJson(item));
    return out;
  };
  doc["layers"] = list(map.layers);
  doc["themes"] = list(map.themes);
  doc["statements"] = list(map.statements);
  doc["links"] = list(map.links);
  if (!map.comments.empty()) doc["comments"] = list(map.comments);  // absent when none, as before comments
  WriteProgressSections(map, doc);  // absent when there are no measures
  WriteWorkSections(map.work, doc);  // each section absent when empty
  for (const auto& section : map.extra_sections) {
    auto value = Json::parse(section.json, nullptr, false);
    if (!value.is_discarded()) doc[section.key] = std::move(value);
  }
  return pretty ? doc.dump(1) + "\n" : doc.dump();
}

}  // namespace coalign::interop
