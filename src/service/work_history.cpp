#include "service/work_history.hpp"

#include <cmath>
#include <cstdio>

namespace coalign::service {
namespace {

using model::WorkItem;
using model::WorkKind;

std::string Quote(const std::string& text) {
  if (text.size() <= 80) return "'" + text + "'";
  std::size_t cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + text.substr(0, cut) + "…'";
}

std::string Amount(double amount) {
  char buffer[48];
  if (std::floor(amount) == amount) std::snprintf(buffer, sizeof buffer, "%.0f", amount);
  else std::snprintf(buffer, sizeof buffer, "%.2f", amount);
  return buffer;
}

std::string Human(std::string name) {
  for (auto& c : name)
    if (c == '_') c = ' ';
  return name;
}

class Namer {
 public:
  explicit Namer(const model::MapState& map) : map_(map) {}
  std::string Statement(const std::optional<std::string>& id) const {
    if (!id) return "no statement";
    for (const auto& statement : map_.statements)
      if (statement.id == *id) return Quote(statement.title);
    return Quote(*id);
  }
  std::string Item(WorkKind kind, const std::optional<std::string>& id) const {
    if (!id) return "nobody";
    const auto* item = map_.work.Find(kind, *id);
    return Quote(item ? Label(kind, *item) : *id);
  }
  std::string Child(WorkKind kind, const std::string& owner, const std::string& id) const {
    const auto& spec = model::SpecOf(kind);
    const auto* owner_item = map_.work.Find(*spec.owner_kind, owner);
    const auto* child = owner_item ? owner_item->Child(id) : nullptr;
    return Quote(child ? Label(kind, *child) : id);
  }
  static std::string Label(WorkKind kind, const WorkItem& item) {
    auto label = item.Text(model::SpecOf(kind).label_field);
    return label.empty() ? item.id : label;
  }
  // How one item reads in a sentence: "the contribution of 'Org' to 'Statement'".
  std::string Describe(WorkKind kind, const WorkItem& item) const {
    switch (kind) {
      case WorkKind::contribution:
        return "the contribution of " + Item(WorkKind::organisation, item.Ref("organisation")) + " to " + Statement(item.Ref("statement"));
      case WorkKind::advocate:
        return Item(WorkKind::person, item.Ref("person")) + " as advocate of " + Statement(item.Ref("statement"));
      case WorkKind::resource:
        return Human(item.Text("kind")) + " of " + Amount(item.Number("amount")) + " " + item.Text("unit") + " from " +
               Item(WorkKind::organisation, item.Ref("organisation"));
      default: return "the " + Human(model::SpecOf(kind).name) + " " + Quote(Label(kind, item));
    }
  }
  const WorkItem* Find(WorkKind kind, const std::string& owner, const std::string& id) const {
    const auto& spec = model::SpecOf(kind);
    if (!spec.owner_kind) return map_.work.Find(kind, id);
    const auto* owner_item = map_.work.Find(*spec.owner_kind, owner);
    return owner_item ? owner_item->Child(id) : nullptr;
  }

 private:
  const model::MapState& map_;
};

}  // namespace

std::vector<std::string> DescribeWorkOp(const model::MapState& before, const ops::Op& op) {
  Namer names(before);
  std::vector<std::string> sentences;
  if (const auto* add = std::get_if<ops::AddWork>(&op)) {
    const auto& item = add->item;
    switch (add->kind) {
      case WorkKind::contribution: {
        auto role = item.Text("role");
        sentences.push_back("recorded that " + names.Item(WorkKind::organisation, item.Ref("organisation")) + " contributes to " +
                            names.Statement(item.Ref("statement")) + (role.empty() ? "" : " (" + role + ")"));
        break;
      }
      case WorkKind::advocate:
        sentences.push_back("made " + names.Item(WorkKind::person, item.Ref("person")) + " an advocate of " +
                            names.Statement(item.Ref("statement")));
        break;
      case WorkKind::action_team:
        sentences.push_back("added the action team " + Quote(Namer::Label(add->kind, item)) + " for " + names.Statement(item.Ref("statement")));
        break;
      case WorkKind::resource: {
        auto target = item.Ref("statement") ? " for " + names.Statement(item.Ref("statement"))
                      : item.Ref("initiative") ? " for " + names.Item(WorkKind::initiative, item.Ref("initiative"))
                                               : std::string();
        sentences.push_back(std::string(item.Text("status") == "received" ? "recorded the receipt of " : "recorded a pledge of ") +
                            names.Describe(add->kind, item) + target);
        break;
      }
      case WorkKind::goal:
        sentences.push_back("added the goal " + Quote(Namer::Label(add->kind, item)) + " to " + names.Item(WorkKind::organisation, add->owner));
        break;
      case WorkKind::milestone:
        sentences.push_back("added the milestone " + Quote(Namer::Label(add->kind, item)) + " to " + names.Item(WorkKind::initiative, add->owner));
        break;
      default: sentences.push_back("added " + names.Describe(add->kind, item)); break;
    }
  } else if (const auto* update = std::get_if<ops::UpdateWork>(&op)) {
    const auto* item = names.Find(update->kind, update->owner, update->id);
    std::string subject = item ? names.Describe(update->kind, *item)
                               : "the " + Human(model::SpecOf(update->kind).name) + " " + Quote(update->id);
    if (update->kind == WorkKind::milestone) subject += " of " + names.Item(WorkKind::initiative, update->owner);
    for (const auto& [field, value] : update->set) {
      const auto* text = std::get_if<std::string>(&value);
      if (update->kind == WorkKind::milestone && field == "done")
        sentences.push_back(text && !text->empty() ? "marked " + subject + " done on " + *text : "marked " + subject + " not done");
      else if (field == "status" && text)
        sentences.push_back("marked " + subject + " as " + *text);
      else if ((field == "name" || field == "text") && text)
        sentences.push_back("renamed " + subject + " → " + Quote(*text));
      else
        sentences.push_back("changed the " + Human(field) + " of " + subject);
    }
  } else if (const auto* remove = std::get_if<ops::RemoveWork>(&op)) {
    const auto* item = names.Find(remove->kind, remove->owner, remove->id);
    std::string subject = item ? names.Describe(remove->kind, *item)
                               : "the " + Human(model::SpecOf(remove->kind).name) + " " + Quote(remove->id);
    const auto& spec = model::SpecOf(remove->kind);
    if (spec.owner_kind) subject += " of " + names.Item(*spec.owner_kind, remove->owner);
    sentences.push_back("removed " + subject);
  }
  return sentences;
}

}  // namespace coalign::service
