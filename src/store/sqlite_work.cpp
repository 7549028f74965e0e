#include "store/sqlite_work.hpp"

#include <nlohmann/json.hpp>

namespace coalign::store {
namespace {

using Json = nlohmann::json;

const char* KindName(model::WorkKind kind) {
  static const char* const kNames[] = {"organisation", "person", "advocate", "action_team", "contribution",
                                       "initiative", "resource", "goal", "milestone"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::optional<model::WorkKind> KindNamed(const std::string& name) {
  for (std::size_t kind_idx = 0; kind_idx < model::kTopWorkKinds; ++kind_idx)
    if (name == KindName(static_cast<model::WorkKind>(kind_idx))) return static_cast<model::WorkKind>(kind_idx);
  return std::nullopt;
}

Json ItemToJson(const model::WorkItem& item) {
  Json fields = Json::object();
  for (const auto& [name, value] : item.fields) {
    if (auto* text = std::get_if<std::string>(&value)) fields[name] = *text;
    else if (auto* number = std::get_if<double>(&value)) fields[name] = *number;
    else if (auto* list = std::get_if<std::vector<std::string>>(&value)) fields[name] = *list;
    else fields[name] = nullptr;
  }
  Json children = Json::array();
  for (const auto& child : item.children) children.push_back(ItemToJson(child));
  return Json{{"id", item.id}, {"fields", std::move(fields)}, {"children", std::move(children)}, {"extra", item.extra}};
}

model::WorkItem ItemFromJson(const Json& json) {
  model::WorkItem item;
  item.id = json.value("id", std::string());
  item.extra = json.value("extra", std::string());
  if (auto fields = json.find("fields"); fields != json.end() && fields->is_object()) {
    for (auto it = fields->begin(); it != fields->end(); ++it) {
      if (it->is_string()) item.fields[it.key()] = it->get<std::string>();
      else if (it->is_number()) item.fields[it.key()] = it->get<double>();
      else if (it->is_array()) item.fields[it.key()] = it->get<std::vector<std::string>>();
      else item.fields[it.key()] = std::monostate{};
    }
  }
  if (auto children = json.find("children"); children != json.end() && children->is_array())
    for (const auto& child : *children) item.children.push_back(ItemFromJson(child));
  return item;
}

PublicationRecord PublicationFromRow(const SqliteStatement& row) {
  PublicationRecord publication;
  publication.id = row.Int(0);
  publication.coalition = row.Int(1);
  publication.token = row.Text(2);
  publication.show_people = row.Int(3) != 0;
  publication.show_organisations = row.Int(4) != 0;
  if (!row.IsNull(5)) publication.created_by = row.Int(5);
  publication.created_at = row.Text(6);
  publication.revoked_at = row.OptionalText(7).value_or("");
  return publication;
}

constexpr const char* kPublicationColumns =
    "SELECT id, coalition_id, token, show_people, show_organisations, created_by, created_at, revoked_at FROM publications";

}  // namespace

void LoadWorkRows(SqliteConnection& db, CoalitionId coalition, model::WorkState& work) {
  SqliteStatement query(db.handle(), "SELECT kind, body FROM work_items WHERE coalition_id=? ORDER BY kind, ord");
  query.Bind(1, coalition);
  while (query.Step()) {
    auto kind = KindNamed(query.Text(0));
    if (!kind) continue;
    auto body = Json::parse(query.Text(1), nullptr, false);
    if (!body.is_object()) continue;
    work.Of(*kind).push_back(ItemFromJson(body));
  }
}

void WriteWorkDelta(SqliteConnection& db, CoalitionId coalition, const Delta& delta) {
  if (!delta.delete_work.empty()) {
    SqliteStatement remove(db.handle(), "DELETE FROM work_items WHERE coalition_id=? AND kind=? AND id=?");
    for (const auto& [kind, id] : delta.delete_work) remove.Bind(1, coalition).Bind(2, std::string(KindName(kind))).Bind(3, id).Run();
  }
  if (!delta.put_work.empty()) {
    SqliteStatement next(db.handle(), "SELECT coalesce(max(ord), -1) + 1 FROM work_items WHERE coalition_id=? AND kind=?");
    SqliteStatement put(db.handle(),
                        "INSERT INTO work_items(coalition_id, kind, id, ord, body) VALUES (?,?,?,?,?)"
                        " ON CONFLICT(coalition_id, kind, id) DO UPDATE SET body=excluded.body");
    for (const auto& row : delta.put_work) {
      std::string kind = KindName(row.kind);
      next.Bind(1, coalition).Bind(2, kind);
      next.Step();
      auto ord = next.Int(0);
      next.Reset();
      put.Bind(1, coalition).Bind(2, kind).Bind(3, row.item.id).Bind(4, ord).Bind(5, ItemToJson(row.item).dump()).Run();
    }
  }
  if (delta.work_order) {
    SqliteStatement update(db.handle(), "UPDATE work_items SET ord=? WHERE coalition_id=? AND kind=? AND id=?");
    for (std::size_t row_idx = 0; row_idx < delta.work_order->size(); ++row_idx) {
      const auto& [kind, id] = (*delta.work_order)[row_idx];
      update.Bind(1, static_cast<std::int64_t>(row_idx)).Bind(2, coalition).Bind(3, std::string(KindName(kind))).Bind(4, id).Run();
    }
  }
}

PublicationRecord InsertPublication(SqliteConnection& db, const PublicationRecord& publication) {
  PublicationRecord stored = publication;
  if (stored.created_at.empty()) stored.created_at = NowIso8601();
  SqliteStatement insert(db.handle(),
                         "INSERT INTO publications(coalition_id, token, show_people, show_organisations, created_by, created_at)"
                         " VALUES (?,?,?,?,?,?)");
  insert.Bind(1, stored.coalition).Bind(2, stored.token).Bind(3, static_cast<std::int64_t>(stored.show_people));
  insert.Bind(4, static_cast<std::int64_t>(stored.show_organisations));
  if (stored.created_by) insert.Bind(5, *stored.created_by);
  else insert.BindNull(5);
  insert.Bind(6, stored.created_at).Run();
  stored.id = sqlite3_last_insert_rowid(db.handle());
  return stored;
}

std::vector<PublicationRecord> SelectPublications(SqliteConnection& db, CoalitionId coalition) {
  SqliteStatement query(db.handle(), std::string(kPublicationColumns) + " WHERE coalition_id=? ORDER BY id");
  query.Bind(1, coalition);
  std::vector<PublicationRecord> out;
  while (query.Step()) out.push_back(PublicationFromRow(query));
  return out;
}

bool MarkPublicationRevoked(SqliteConnection& db, CoalitionId coalition, std::int64_t publication_id) {
  SqliteStatement update(db.handle(),
                         "UPDATE publications SET revoked_at=? WHERE coalition_id=? AND id=? AND revoked_at IS NULL");
  update.Bind(1, NowIso8601()).Bind(2, coalition).Bind(3, publication_id).Run();
  return sqlite3_changes(db.handle()) > 0;
}

std::optional<PublicationRecord> SelectPublicationByToken(SqliteConnection& db, const std::string& token) {
  SqliteStatement query(db.handle(), std::string(kPublicationColumns) + " WHERE token=? AND revoked_at IS NULL");
  query.Bind(1, token);
  if (!query.Step()) return std::nullopt;
  return PublicationFromRow(query);
}

}  // namespace coalign::store
