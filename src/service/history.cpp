#include "service/history.hpp"

#include "service/work_history.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace coalign::service {
namespace {

constexpr std::size_t kMaxQuotedTitle = 80;
constexpr std::size_t kBulkAdds = 20;        // this many additions read as an import
constexpr std::size_t kMaxSentences = 12;    // more are summed up as "… and N more edits"

std::string Quote(const std::string& text) {
  if (text.size() <= kMaxQuotedTitle) return "'" + text + "'";
  std::size_t cut = kMaxQuotedTitle;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not mid UTF-8
  return "'" + text.substr(0, cut) + "…'";
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text.empty() || text == "-0" ? "0" : text;
}

std::string PolaritySign(int polarity) { return polarity > 0 ? "+" : polarity < 0 ? "−" : "?"; }

std::string Plural(std::size_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// Titles and ends as the batch goes: the map before, plus what earlier ops in the batch did.
class Names {
 public:
  explicit Names(const model::MapState& before) : before_(before) {
    for (const auto& statement : before.statements) {
      titles_[statement.id] = statement.title;
      parents_[statement.id] = statement.parent;
      if (statement.parent) children_[*statement.parent].insert(statement.id);
    }
    for (const auto& link : before.links) {
      ends_[link.id] = {link.from, link.to};
      links_of_[link.from].insert(link.id);
      links_of_[link.to].insert(link.id);
    }
    for (const auto& theme : before.themes) themes_[theme.id] = theme.name;
    for (const auto& layer : before.layers) layers_[layer.id] = layer.name;
    for (const auto& comment : before.comments) AddComment(comment);
  }

  // What a comment is on: "'Early diagnosis'", "the link 'A' → 'B'", "the coalition".
  std::string CommentTarget(const std::string& kind, const std::string& id) const {
    if (kind == "statement") return Statement(id);
    if (kind == "link") return Link(id);
    return "the coalition";
  }
  std::string TargetOfComment(const std::string& comment_id) const {
    auto found = comment_targets_.find(comment_id);
    return found == comment_targets_.end() ? "the map" : CommentTarget(found->second.first, found->second.second);
  }
  void AddComment(const model::Comment& comment) { comment_targets_[comment.id] = {comment.target_kind, comment.target_id}; }

  std::string Statement(const std::string& id) const {
    auto found = titles_.find(id);
    return found == titles_.end() ? Quote(id) : Quote(found->second);
  }
  std::string Link(const std::string& id) const {
    auto found = ends_.find(id);
    if (found == ends_.end()) return "the link " + Quote(id);
    return "the link " + Statement(found->second.first) + " → " + Statement(found->second.second);
  }
  std::string Theme(const std::string& id) const {
    auto found = themes_.find(id);
    return Quote(found == themes_.end() ? id : found->second);
  }
  std::string Layer(const std::string& id) const {
    auto found = layers_.find(id);
    return Quote(found == layers_.end() ? id : found->second);
  }

  void AddStatement(const model::Statement& statement) {
    titles_[statement.id] = statement.title;
    SetParent(statement.id, statement.parent);
  }
  void Rename(const std::string& id, const std::string& title) { titles_[id] = title; }
  void SetParent(const std::string& id, const std::optional<std::string>& parent) {
    auto old = parents_.find(id);
    if (old != parents_.end() && old->second) children_[*old->second].erase(id);
    parents_[id] = parent;
    if (parent) children_[*parent].insert(id);
  }
  void AddLink(const model::Link& link) {
    ends_[link.id] = {link.from, link.to};
    links_of_[link.from].insert(link.id);
    links_of_[link.to].insert(link.id);
  }
  void AddTheme(const model::Theme& theme) { themes_[theme.id] = theme.name; }
  void AddLayer(const model::Layer& layer) { layers_[layer.id] = layer.name; }

  // The sub-statements under `id` and the links that would go with the subtree.
  std::pair<std::size_t, std::size_t> SubtreeSize(const std::string& id) const {
    std::vector<std::string> stack{id};
    std::unordered_set<std::string> seen{id};
    std::unordered_set<std::string> links;
    while (!stack.empty()) {
      auto current = stack.back();
      stack.pop_back();
      if (auto found = links_of_.find(current); found != links_of_.end()) links.insert(found->second.begin(), found->second.end());
      auto found = children_.find(current);
      if (found == children_.end()) continue;
      for (const auto& child : found->second)
        if (seen.insert(child).second) stack.push_back(child);
    }
    return {seen.size() - 1, links.size()};
  }

 private:
  const model::MapState& before_;
  std::unordered_map<std::string, std::string> titles_;
  std::unordered_map<std::string, std::optional<std::string>> parents_;
  std::unordered_map<std::string, std::set<std::string>> children_;
  std::unordered_map<std::string, std::pair<std::string, std::string>> ends_;
  std::unordered_map<std::string, std::set<std::string>> links_of_;
  std::unordered_map<std::string, std::string> themes_;
  std::unordered_map<std::string, std::string> layers_;
  std::unordered_map<std::string, std::pair<std::string, std::string>> comment_targets_;
};

const std::string* TextOf(const ops::FieldValue& value) { return std::get_if<std::string>(&value); }

class Describer {
 public:
  Describer(const model::MapState& before) : before_(before), names_(before) {}

  std::vector<std::string> Run(const std::vector<ops::Op>& ops) {
    if (auto bulk = Bulk(ops)) return {*bulk};
    for (const auto& op : ops) std::visit([this](const auto& typed) { Describe(typed); }, op);
    if (sentences_.size() > kMaxSentences) {
      std::size_t more = sentences_.size() - (kMaxSentences - 1);
      sentences_.resize(kMaxSentences - 1);
      sentences_.push_back("… and " + Plural(more, "more edit", "more edits"));
    }
    return sentences_;
  }

 private:
  // Many additions in one batch: an import (or a paste) reads as one sentence.
  std::optional<std::string> Bulk(const std::vector<ops::Op>& ops) {
    std::size_t statements = 0, links = 0, themes = 0, layers = 0, other = 0;
    std::map<model::WorkKind, std::size_t> work;  // who does what, by kind
    for (const auto& op : ops) {
      if (const auto* add = std::get_if<ops::AddWork>(&op)) ++work[add->kind];
      if (std::holds_alternative<ops::AddStatement>(op)) ++statements;
      else if (std::holds_alternative<ops::AddLink>(op)) ++links;
      else if (std::holds_alternative<ops::AddTheme>(op)) ++themes;
      else if (std::holds_alternative<ops::AddLayer>(op)) ++layers;
      else if (!std::holds_alternative<ops::SetPositions>(op) && !std::holds_alternative<ops::AddComment>(op) &&
               !std::holds_alternative<ops::AddWork>(op))
        ++other;
    }
    if (statements + links < kBulkAdds || other * 10 > ops.size()) return std::nullopt;
    std::string text = "imported " + Plural(statements, "statement", "statements") + " and " + Plural(links, "link", "links");
    if (themes || layers) {
      text += " (with ";
      if (themes) text += Plural(themes, "theme", "themes");
      if (themes && layers) text += " and ";
      if (layers) text += Plural(layers, "layer", "layers");
      text += ")";
    }
    std::vector<std::string> parts;
    for (const auto& [kind, count] : work) {
      const auto& spec = model::SpecOf(kind);
      auto one = spec.name, many = spec.section;
      std::replace(one.begin(), one.end(), '_', ' ');
      std::replace(many.begin(), many.end(), '_', ' ');
      parts.push_back(Plural(count, one, many));
    }
    for (std::size_t part_idx = 0; part_idx < parts.size(); ++part_idx)
      text += (part_idx == 0 ? "; with " : part_idx + 1 == parts.size() ? " and " : ", ") + parts[part_idx];
    return text;
  }

  void Say(std::string sentence) { sentences_.push_back(std::move(sentence)); }

  void Describe(const ops::AddStatement& op) {
    names_.AddStatement(op.statement);
    std::string sentence = "added " + Quote(op.statement.title);
    if (op.statement.parent) sentence += " under " + names_.Statement(*op.statement.parent);
    Say(sentence);
  }

  void Describe(const ops::UpdateStatement& op) {
    const std::string subject = names_.Statement(op.id);
    for (const auto& [field, value] : op.set) {
      if (field == "title") {
        if (const auto* title = TextOf(value)) {
          Say("renamed " + subject + " → " + Quote(*title));
          names_.Rename(op.id, *title);
        }
      } else if (field == "description") {
        Say("edited the description of " + subject);
      } else if (field == "layer") {
        const auto* layer = TextOf(value);
        Say(layer ? "put " + subject + " in the layer " + names_.Layer(*layer) : "took " + subject + " out of its layer");
      } else if (field == "theme") {
        const auto* theme = TextOf(value);
        Say(theme ? "gave " + subject + " the theme " + names_.Theme(*theme) : "took the theme off " + subject);
      } else if (field == "status") {
        const auto* status = TextOf(value);
        Say(status && !status->empty() ? "marked " + subject + " as " + *status : "cleared the status of " + subject);
      } else if (field == "tags") {
        const auto* tags = std::get_if<std::vector<std::string>>(&value);
        std::string list;
        if (tags)
          for (const auto& tag : *tags) list += (list.empty() ? "" : ", ") + tag;
        Say(list.empty() ? "cleared the tags of " + subject : "tagged " + subject + " " + list);
      } else if (field == "position") {
        Say("moved " + subject + " on the map");
      } else {
        Say("changed the " + field + " of " + subject);
      }
    }
  }

  void Describe(const ops::MoveStatement& op) {
    Say("moved " + names_.Statement(op.id) + (op.parent ? " into " + names_.Statement(*op.parent) : " to the top level"));
    names_.SetParent(op.id, op.parent);
  }

  void Describe(const ops::RemoveStatement& op) {
    auto [children, links] = names_.SubtreeSize(op.id);
    std::string sentence = "removed " + names_.Statement(op.id);
    if (children) sentence += " and its " + Plural(children, "sub-statement", "sub-statements");
    if (links) sentence += std::string(children ? ", with " : " with ") + Plural(links, "link", "links");
    Say(sentence);
  }

  void Describe(const ops::AddLink& op) {
    names_.AddLink(op.link);
    Say("linked " + names_.Statement(op.link.from) + " → " + names_.Statement(op.link.to) + " (" +
        PolaritySign(op.link.polarity) + ")");
  }

  void Describe(const ops::UpdateLink& op) {
    const model::Link* old = nullptr;
    for (const auto& link : before_.links)
      if (link.id == op.id) old = &link;
    const std::string subject = names_.Link(op.id);
    for (const auto& [field, value] : op.set) {
      const auto* number = std::get_if<double>(&value);
      if (field == "weight" && number) {
        Say("re-rated " + subject + (old ? " from " + Number(old->weight) : "") + " to " + Number(*number));
      } else if (field == "polarity" && number) {
        int polarity = static_cast<int>(std::lround(*number));
        Say("changed " + subject + (old ? " from " + PolaritySign(old->polarity) : "") + " to " + PolaritySign(polarity));
      } else if (field == "assumption" || field == "evidence") {
        Say("edited the " + field + " of " + subject);
      } else {
        Say("changed the " + field + " of " + subject);
      }
    }
  }

  void Describe(const ops::RemoveLink& op) { Say("removed " + names_.Link(op.id)); }

  void Describe(const ops::SetPositions& op) {
    if (op.positions.size() == 1) Say("moved " + names_.Statement(op.positions.front().id) + " on the map");
    else if (!op.positions.empty()) Say("rearranged " + Plural(op.positions.size(), "statement", "statements") + " on the map");
  }

  void Describe(const ops::AddTheme& op) {
    names_.AddTheme(op.theme);
    Say("added the theme " + Quote(op.theme.name));
  }
  void Describe(const ops::UpdateTheme& op) {
    for (const auto& [field, value] : op.set) {
      const auto* text = TextOf(value);
      if (field == "name" && text) Say("renamed the theme " + names_.Theme(op.id) + " → " + Quote(*text));
      else Say("changed the " + field + " of the theme " + names_.Theme(op.id));
    }
  }
  void Describe(const ops::RemoveTheme& op) { Say("removed the theme " + names_.Theme(op.id)); }
  void Describe(const ops::AddLayer& op) {
    names_.AddLayer(op.layer);
    Say("added the layer " + Quote(op.layer.name));
  }
  void Describe(const ops::UpdateLayer& op) {
    for (const auto& [field, value] : op.set) {
      const auto* text = TextOf(value);
      if (field == "name" && text) Say("renamed the layer " + names_.Layer(op.id) + " → " + Quote(*text));
      else if (field == "index") Say("moved the layer " + names_.Layer(op.id) + " to another band");
      else Say("changed the " + field + " of the layer " + names_.Layer(op.id));
    }
  }
  void Describe(const ops::RemoveLayer& op) { Say("removed the layer " + names_.Layer(op.id)); }
  void Describe(const ops::UpdateCoalition& op) {
    for (const auto& [field, value] : op.set) {
      const auto* text = TextOf(value);
      if (field == "name" && text) Say("renamed the coalition " + Quote(before_.info.name) + " → " + Quote(*text));
      else if (field == "purpose") Say("edited the coalition's purpose");
      else Say("changed the coalition's " + field);
    }
  }

  void Describe(const ops::AddComment& op) {
    names_.AddComment(op.comment);
    const auto target = names_.CommentTarget(op.comment.target_kind, op.comment.target_id);
    Say(op.comment.parent ? "replied to a comment on " + target : "commented on " + target);
  }
  void Describe(const ops::UpdateComment& op) { Say("edited a comment on " + names_.TargetOfComment(op.id)); }
  void Describe(const ops::ResolveComment& op) {
    Say(std::string(op.resolved ? "resolved" : "reopened") + " a comment on " + names_.TargetOfComment(op.id));
  }
  void Describe(const ops::RemoveComment& op) { Say("removed a comment on " + names_.TargetOfComment(op.id)); }

  // Who does what (work_history.cpp).
  void Describe(const ops::AddWork& op) { SayWork(op); }
  void Describe(const ops::UpdateWork& op) { SayWork(op); }
  void Describe(const ops::RemoveWork& op) { SayWork(op); }
  void SayWork(const ops::Op& op) {
    for (auto& sentence : DescribeWorkOp(before_, op)) Say(std::move(sentence));
  }

  const model::MapState& before_;
  Names names_;
  std::vector<std::string> sentences_;
};

void Mention(Mentions& mentions, const ops::Op& op) {
  std::visit(
      [&mentions](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        if constexpr (std::is_same_v<T, ops::AddStatement>) {
          mentions.statements.insert(typed.statement.id);
          if (typed.statement.parent) mentions.statements.insert(*typed.statement.parent);
        } else if constexpr (std::is_same_v<T, ops::UpdateStatement> || std::is_same_v<T, ops::RemoveStatement>) {
          mentions.statements.insert(typed.id);
        } else if constexpr (std::is_same_v<T, ops::MoveStatement>) {
          mentions.statements.insert(typed.id);
          if (typed.parent) mentions.statements.insert(*typed.parent);
        } else if constexpr (std::is_same_v<T, ops::AddLink>) {
          mentions.links.insert(typed.link.id);
          mentions.statements.insert(typed.link.from);
          mentions.statements.insert(typed.link.to);
        } else if constexpr (std::is_same_v<T, ops::UpdateLink> || std::is_same_v<T, ops::RemoveLink>) {
          mentions.links.insert(typed.id);
        } else if constexpr (std::is_same_v<T, ops::SetPositions>) {
          for (const auto& entry : typed.positions) mentions.statements.insert(entry.id);
        } else if constexpr (std::is_same_v<T, ops::AddWork>) {
          for (const auto& [field, value] : typed.item.fields) {
            const auto* spec = model::SpecOf(typed.kind).Field(field);
            if (!spec || spec->target != model::RefTarget::statement) continue;
            if (const auto* id = std::get_if<std::string>(&value)) mentions.statements.insert(*id);
            if (const auto* ids = std::get_if<std::vector<std::string>>(&value)) mentions.statements.insert(ids->begin(), ids->end());
          }
        } else if constexpr (std::is_same_v<T, ops::AddComment>) {
          if (typed.comment.target_kind == "statement") mentions.statements.insert(typed.comment.target_id);
          if (typed.comment.target_kind == "link") mentions.links.insert(typed.comment.target_id);
        }
      },
      op);
}

std::string Text(const std::optional<std::string>& value) { return value ? *value : "—"; }

}  // namespace

std::vector<std::string> DescribeChange(const model::MapState& before, const std::vector<ops::Op>& ops) {
  return Describer(before).Run(ops);
}

std::string AuthorDisplayName(const std::string& author) {
  auto bracket = author.find(" <");
  return bracket == std::string::npos ? author : author.substr(0, bracket);
}

Mentions MentionsOf(const std::vector<ops::Op>& ops, const std::vector<ops::Op>& inverse) {
  Mentions mentions;
  for (const auto& op : ops) Mention(mentions, op);
  for (const auto& op : inverse) Mention(mentions, op);
  return mentions;
}

MapDifference DiffMaps(const model::MapState& from, const model::MapState& to) {
  MapDifference diff;
  std::unordered_map<std::string, const model::Statement*> old_statements, new_statements;
  for (const auto& statement : from.statements) old_statements[statement.id] = &statement;
  for (const auto& statement : to.statements) new_statements[statement.id] = &statement;
  auto title_in = [](const auto& index, const std::string& id) {
    auto found = index.find(id);
    return found == index.end() ? Quote(id) : Quote(found->second->title);
  };
  auto parent_text = [&](const auto& index, const std::optional<std::string>& parent) {
    return parent ? title_in(index, *parent) : std::string("the top level");
  };

  for (const auto& statement : to.statements) {
    ItemDifference item{"statement", statement.id, statement.title, {}, {}, ""};
    auto found = old_statements.find(statement.id);
    if (found == old_statements.end()) {
      item.changes.push_back("added");
      item.sentence = "added " + Quote(statement.title) +
                      (statement.parent ? " under " + title_in(new_statements, *statement.parent) : "");
      diff.added_statements.push_back(statement.id);
      diff.items.push_back(std::move(item));
      continue;
    }
    const auto& old = *found->second;
    std::vector<std::string> parts;
    if (old.parent != statement.parent) {
      item.changes.push_back("moved");
      item.fields.push_back({"parent", parent_text(old_statements, old.parent), parent_text(new_statements, statement.parent)});
      parts.push_back("moved " + Quote(statement.title) + (statement.parent ? " into " + title_in(new_statements, *statement.parent) : " to the top level"));
    }
    if (old.title != statement.title) {
      item.changes.push_back("renamed");
      item.fields.push_back({"title", Quote(old.title), Quote(statement.title)});
      parts.insert(parts.begin(), "renamed " + Quote(old.title) + " → " + Quote(statement.title));
    }
    std::vector<std::string> other;
    auto field = [&](const std::string& name, std::string before, std::string after) {
      if (before == after) return;
      item.fields.push_back({name, std::move(before), std::move(after)});
      other.push_back(name);
    };
    field("description", old.description.empty() ? "—" : "(text)", statement.description.empty() ? "—" : "(text)");
    if (old.description != statement.description && old.description.empty() == statement.description.empty())
      item.fields.push_back({"description", "(text)", "(edited)"}), other.push_back("description");
    field("layer", Text(old.layer), Text(statement.layer));
    field("theme", Text(old.theme), Text(statement.theme));
    auto join = [](const std::vector<std::string>& tags) {
      std::string text;
      for (const auto& tag : tags) text += (text.empty() ? "" : ", ") + tag;
      return text.empty() ? std::string("—") : text;
    };
    field("tags", join(old.tags), join(statement.tags));
    field("status", old.status.empty() ? "—" : old.status, statement.status.empty() ? "—" : statement.status);
    if (old.extra != statement.extra) item.fields.push_back({"other fields", "", ""}), other.push_back("other fields");
    if (!other.empty()) {
      item.changes.push_back("changed");
      std::string list;
      for (const auto& name : other) list += (list.empty() ? "" : ", ") + name;
      parts.push_back("changed the " + list + " of " + Quote(statement.title));
    }
    if (item.changes.empty()) {
      if (old.position != statement.position) ++diff.repositioned;
      continue;
    }
    for (const auto& part : parts) item.sentence += (item.sentence.empty() ? "" : "; ") + part;
    diff.changed_statements.push_back(statement.id);
    diff.items.push_back(std::move(item));
  }
  for (const auto& statement : from.statements) {
    if (new_statements.count(statement.id)) continue;
    diff.removed_statements.push_back(statement.id);
    diff.items.push_back({"statement", statement.id, statement.title, {"removed"}, {},
                          "removed " + Quote(statement.title) +
                              (statement.parent ? " from under " + title_in(old_statements, *statement.parent) : "")});
  }

  std::unordered_map<std::string, const model::Link*> old_links;
  std::unordered_set<std::string> new_link_ids;
  for (const auto& link : from.links) old_links[link.id] = &link;
  for (const auto& link : to.links) {
    new_link_ids.insert(link.id);
    std::string label = title_in(new_statements, link.from) + " → " + title_in(new_statements, link.to);
    ItemDifference item{"link", link.id, label, {}, {}, ""};
    auto found = old_links.find(link.id);
    if (found == old_links.end()) {
      item.changes.push_back("added");
      item.sentence = "linked " + label + " (" + PolaritySign(link.polarity) + ")";
      diff.added_links.push_back(link.id);
      diff.items.push_back(std::move(item));
      continue;
    }
    const auto& old = *found->second;
    std::vector<std::string> parts;
    if (old.polarity != link.polarity || old.weight != link.weight) {
      item.changes.push_back("re-rated");
      if (old.polarity != link.polarity) {
        item.fields.push_back({"polarity", PolaritySign(old.polarity), PolaritySign(link.polarity)});
        parts.push_back("changed the link " + label + " from " + PolaritySign(old.polarity) + " to " + PolaritySign(link.polarity));
      }
      if (old.weight != link.weight) {
        item.fields.push_back({"weight", Number(old.weight), Number(link.weight)});
        parts.push_back("re-rated the link " + label + " from " + Number(old.weight) + " to " + Number(link.weight));
      }
    }
    std::vector<std::string> other;
    if (old.assumption != link.assumption) item.fields.push_back({"assumption", "(text)", "(edited)"}), other.push_back("assumption");
    if (old.evidence != link.evidence) item.fields.push_back({"evidence", "(text)", "(edited)"}), other.push_back("evidence");
    if (old.extra != link.extra) item.fields.push_back({"other fields", "", ""}), other.push_back("other fields");
    if (!other.empty()) {
      item.changes.push_back("changed");
      std::string list;
      for (const auto& name : other) list += (list.empty() ? "" : ", ") + name;
      parts.push_back("edited the " + list + " of the link " + label);
    }
    if (item.changes.empty()) continue;
    for (const auto& part : parts) item.sentence += (item.sentence.empty() ? "" : "; ") + part;
    diff.changed_links.push_back(link.id);
    diff.items.push_back(std::move(item));
  }
  for (const auto& link : from.links) {
    if (new_link_ids.count(link.id)) continue;
    std::string label = title_in(old_statements, link.from) + " → " + title_in(old_statements, link.to);
    diff.removed_links.push_back(link.id);
    diff.items.push_back({"link", link.id, label, {"removed"}, {}, "removed the link " + label});
  }
  return diff;
}

}  // namespace coalign::service
