// The OpenAPI paths of the work routes (work_api.cpp), merged into the document that
// openapi.cpp serves.
#include <nlohmann/json.hpp>
#include <string>

namespace coalign::http {

std::string WorkOpenApiPaths() {
  return R"json({
    "/api/coalitions/{id}/work": {
      "get": {"summary": "Who does what: organisations (with goals), people, advocates, action teams, contributions, initiatives (with milestones), resources (docs/work-api.md)",
        "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "responses": {"200": {"description": "{revision, organisations, people, advocates, action_teams, contributions, initiatives, resources}"}, "404": {"$ref": "#/components/responses/Problem"}}},
      "post": {"summary": "Commit work ops only: contributors may change contributions and resources of their own organisations and milestones of their initiatives; editors any work op",
        "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["ops"], "properties": {
          "base_revision": {"type": "integer"}, "ops": {"type": "array", "maxItems": 200, "items": {"type": "object", "description": "add_X {X}, update_X {id, set}, remove_X {id} for X in organisation, person, advocate, action_team, contribution, initiative, resource; add/update/remove_goal (+organisation), add/update/remove_milestone (+initiative)"}}}}}}},
        "responses": {"200": {"description": "{revision, ids, warnings}"}, "403": {"$ref": "#/components/responses/OpProblem"},
          "409": {"$ref": "#/components/responses/OpProblem"}, "422": {"$ref": "#/components/responses/OpProblem"}}}
    },
    "/api/coalitions/{id}/resources/totals": {"get": {"summary": "Resource totals per unit (never summed across units), pledged and received",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["statement", "theme", "layer", "organisation", "kind"], "default": "statement"},
         "description": "statement rolls up the zoom tree (a statement's total includes its sub-statements')"}],
      "responses": {"200": {"description": "{revision, by, groups: [{key, label, totals: [{unit, pledged, received}]}]}"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/organisations/{org}/line-of-sight": {"get": {"summary": "Causal paths from what an organisation contributes to up to the coalition's outcomes (heads), and which of its own goals each serves",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "org", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "{revision, organisation, outcomes, coalition_outcomes, paths: [{contribution, initiative, from, to, path, goals}], goals, titles}"},
        "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/opportunities": {"get": {"summary": "Statements that need a lead advocate, contributors or resources, ordered by potency then title",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "responses": {"200": {"description": "{revision, statements: [{id, title, needs, potency, advocates, contributors, resources, teams}]}"}}}},
    "/api/coalitions/{id}/publications": {
      "get": {"summary": "The coalition's publications (stewards)", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "responses": {"200": {"description": "{publications: [{id, token, url, show_people, show_organisations, created_at, revoked_at}]}"}}},
      "post": {"summary": "Publish a read-only, no-login view of the map and opportunities (stewards)", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"show_people": {"type": "boolean", "default": false}, "show_organisations": {"type": "boolean", "default": true}}}}}},
        "responses": {"201": {"description": "{id, token, url: /p/TOKEN, show_people, show_organisations, created_at}"}}}
    },
    "/api/coalitions/{id}/publications/{publication}": {"delete": {"summary": "Revoke a publication (stewards): its link then answers 404",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "publication", "in": "path", "required": true, "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "{revoked: true, id}"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/p/{token}": {"get": {"summary": "The web app in read-only public mode (no login; frameable)", "security": [],
      "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "index.html"}, "404": {"description": "Not (or no longer) published"}}}},
    "/api/public/{token}/view": {"get": {"summary": "A published zoom view (the body of /view)", "security": [],
      "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "root", "in": "query", "schema": {"type": "string", "default": "top"}}],
      "responses": {"200": {"description": "View", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/View"}}}}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/public/{token}/opportunities": {"get": {"summary": "The published opportunities", "security": [],
      "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "{revision, coalition, statements}"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/public/{token}/work": {"get": {"summary": "The published work items (no people's names unless the publication shows people)", "security": [],
      "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "as GET /work, redacted"}, "404": {"$ref": "#/components/responses/Problem"}}}}
  })json";
}

}  // namespace coalign::http
