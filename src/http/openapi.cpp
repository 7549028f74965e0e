// The OpenAPI 3 document of the API. Kept next to the routes (api.cpp); a test checks
// that every route the router knows is described here.
#include "http/api.hpp"

#include <nlohmann/json.hpp>

namespace coalign::http {

std::string WorkOpenApiPaths();  // work_openapi.cpp

namespace {
std::string BaseOpenApiDocument();
}  // namespace

std::string OpenApiDocument() {
  auto document = nlohmann::ordered_json::parse(BaseOpenApiDocument());
  auto work_paths = nlohmann::ordered_json::parse(WorkOpenApiPaths());
  for (auto it = work_paths.begin(); it != work_paths.end(); ++it) document["paths"][it.key()] = it.value();
  nlohmann::ordered_json work_op_names = nlohmann::ordered_json::array();
  for (const char* kind : {"organisation", "person", "advocate", "action_team", "contribution", "initiative", "resource", "goal", "milestone"})
    for (const char* verb : {"add_", "update_", "remove_"}) work_op_names.push_back(std::string(verb) + kind);
  document["components"]["schemas"]["Op"]["oneOf"].push_back(
      {{"type", "object"}, {"required", {"op"}}, {"properties", {{"op", {{"enum", work_op_names}}}}},
       {"description", "who does what: add_X {X: {...}}, update_X {id, set}, remove_X {id}; goals and milestones also name their "
                       "organisation / initiative (docs/work-api.md)"}});
  return document.dump();
}

namespace {
std::string BaseOpenApiDocument() {
  return R"json({
  "openapi": "3.0.3",
  "info": {"title": "coalign API", "version": "0.1.0",
           "description": "A coalition's shared, zoomable strategy map. Every change is a batch of ops sent with the revision the client last saw (the one write path). Errors are application/problem+json (RFC 9457)."},
  "security": [{"session": []}, {"token": []}],
  "paths": {
    "/api/session": {
      "get": {"summary": "Who is signed in, and the CSRF token the page sends back in X-CSRF-Token with every change", "security": [],
        "responses": {"200": {"description": "{signed_in, user?, csrf_token?}"}}},
      "post": {"summary": "Sign in with email and password; sets an HttpOnly SameSite=Lax session cookie", "security": [],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["email", "password"],
          "properties": {"email": {"type": "string"}, "password": {"type": "string"}}}}}},
        "responses": {"200": {"description": "{signed_in, user, csrf_token}"}, "401": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"}}},
      "delete": {"summary": "Sign out", "responses": {"200": {"description": "Signed out"}}}
    },
    "/api/password-reset": {"post": {"summary": "Set a new password with a one-time code (from `coalign user reset-link`)", "security": [],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"code": {"type": "string"}, "password": {"type": "string", "minLength": 10}}}}}},
      "responses": {"200": {"description": "Reset"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/tokens": {
      "get": {"summary": "My personal API tokens (never their secrets)", "responses": {"200": {"description": "[{id, name, created_at, last_used_at}]"}}},
      "post": {"summary": "Create a personal API token; its secret is shown once", "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"name": {"type": "string"}}}}}},
        "responses": {"201": {"description": "{token, name}"}}}
    },
    "/api/tokens/{token}": {"delete": {"summary": "Revoke one of my tokens", "parameters": [{"name": "token", "in": "path", "required": true, "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "Revoked"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/analysis": {"get": {"summary": "The map's analyses, exactly as `coalign analyze` (and shared/reference/analysis_reference.py) prints them; computed on the current revision, cached per revision",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "only", "in": "query", "schema": {"type": "string"}, "description": "comma-separated: structure, domain, central, reach, potency, components, loops, betweenness, view, scenario"},
        {"name": "bands", "in": "query", "schema": {"type": "integer", "default": 3}},
        {"name": "loop-max-length", "in": "query", "schema": {"type": "integer", "default": 6}},
        {"name": "loop-cap", "in": "query", "schema": {"type": "integer", "default": 100000}},
        {"name": "loop-list", "in": "query", "schema": {"type": "integer", "default": 100}},
        {"name": "view", "in": "query", "schema": {"type": "string", "default": "top"}},
        {"name": "scenario", "in": "query", "schema": {"type": "string"}, "description": "comma-separated driver statement ids"}],
      "responses": {"200": {"description": "The report"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/progress": {"get": {"summary": "Measure status and its roll-up up the zoom tree as of a date, exactly as shared/reference/progress_reference.py prints it (keys sorted, scores rounded to 6)",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "YYYY-MM-DD; default today (UTC)"}],
      "responses": {"200": {"description": "{as_of, measures: {id: {date, score, stale, status, value}}, statements: {id: {score, status}}}; status is on_track, at_risk, off_track or no_data"},
        "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/measures": {"get": {"summary": "Every measure with its data points, and the thresholds",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "responses": {"200": {"description": "{revision, settings: {on_track, at_risk}, measures: [{id, statement, name, description, kind, unit, direction, baseline: {date, value}, targets: [{date, value}], period_days, data_source, weight, group, points: [{date, value, note, entered_by}]}]}"},
        "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/data-points.csv": {"get": {"summary": "All data points as CSV",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "responses": {"200": {"description": "measure_id,measure,statement_id,statement,group,unit,date,value,note,entered_by", "content": {"text/csv": {"schema": {"type": "string"}}}},
        "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/imports/data-points": {"post": {"summary": "Import data points from a long-format CSV (editors): without date_column/value_column the columns, a sample and a guess; with them a preview (commit false) or one committed batch (commit true). NA or empty values are skipped and listed; text in a number column, missing dates, duplicate date+group rows or an empty file are refused with line, column and reason, and nothing is stored. XLSX is converted to CSV by the web app (format xlsx is answered 415)",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["content"],
        "properties": {"format": {"type": "string", "enum": ["csv"]}, "content": {"type": "string"}, "date_column": {"type": "string"},
          "value_column": {"type": "string"}, "group_column": {"type": "string", "nullable": true}, "year_as": {"type": "string", "enum": ["end", "start"]},
          "group_names": {"type": "object", "additionalProperties": {"type": "string"}}, "statement": {"type": "string"},
          "measure": {"type": "object"}, "commit": {"type": "boolean"}, "base_revision": {"type": "integer"}}}}}},
      "responses": {"200": {"description": "{columns, rows, sample, guess} | preview {columns, rows, points, measures: [{group, points, first_date, last_date}], sample, skipped: [{line, column, reason}], guess} | committed {revision, measures: [ids], points, skipped}"},
        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/OpProblem"},
        "415": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/members": {"get": {"summary": "Members and their roles (viewer and up)", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "responses": {"200": {"description": "{you: {id, role}, members: [{id, email, name, role}]}"}}}},
    "/api/coalitions/{id}/members/{user}": {
      "put": {"summary": "Set a member's role (stewards)", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "user", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"role": {"type": "string", "enum": ["viewer", "contributor", "editor", "steward"]}}}}}},
        "responses": {"200": {"description": "Set"}, "422": {"$ref": "#/components/responses/Problem"}}},
      "delete": {"summary": "Remove a member (stewards; never the last steward)", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "user", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "Removed"}, "422": {"$ref": "#/components/responses/Problem"}}}
    },
    "/api/coalitions/{id}/invites": {"post": {"summary": "Invite someone by email (stewards); returns the invite link to pass on", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"email": {"type": "string"}, "role": {"type": "string"}}}}}},
      "responses": {"201": {"description": "{code, link, email, role}"}}}},
    "/api/invites/{code}": {"get": {"summary": "What an invitation offers", "security": [], "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "{coalition, coalition_name, email, role, usable, account_exists}"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/invites/{code}/accept": {"post": {"summary": "Accept an invitation as the signed-in person", "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "{coalition}"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/invites/{code}/register": {"post": {"summary": "Create an account for the invited email, sign in and accept", "security": [],
      "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"name": {"type": "string"}, "password": {"type": "string"}}}}}},
      "responses": {"200": {"description": "{signed_in, user, csrf_token}"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/users": {
      "get": {"summary": "Every account (instance admins)", "responses": {"200": {"description": "[{id, email, name, admin}]"}}},
      "post": {"summary": "Create an account (instance admins)", "responses": {"201": {"description": "{id}"}}}
    },
    "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3 document"}}}},
    "/api/coalitions": {
      "get": {"summary": "List coalitions", "responses": {"200": {"description": "The coalitions",
        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/CoalitionSummary"}}}}}}},
      "post": {"summary": "Create an empty coalition",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name"],
          "properties": {"name": {"type": "string"}, "purpose": {"type": "string"}}}}}},
        "responses": {"201": {"description": "Created: {id, revision}"}, "422": {"$ref": "#/components/responses/Problem"}}}
    },
    "/api/coalitions/import": {"post": {"summary": "Import a native document, or CSV element/connection files, as a new coalition",
      "parameters": [{"name": "name", "in": "query", "schema": {"type": "string"}}, {"name": "strict", "in": "query", "schema": {"type": "boolean"}},
                     {"name": "filename", "in": "query", "schema": {"type": "string"}}],
      "requestBody": {"required": true, "content": {
        "application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/NativeDocument"}, {"$ref": "#/components/schemas/FileUpload"}]}},
        "text/csv": {"schema": {"type": "string", "description": "A connections file alone (from/to columns)"}}}},
      "responses": {"201": {"description": "Imported", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportResult"}}}},
                    "413": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}": {"get": {"summary": "A coalition's summary, layers and themes", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "responses": {"200": {"description": "Summary"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/live": {"get": {"summary": "The live feed: a WebSocket (send Upgrade: websocket) of the changes as they commit, pushes, and who is here; messages in docs/live-protocol.md. Connect from this server's pages (Origin) as a viewer or more",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "responses": {"101": {"description": "Switching to the WebSocket protocol"}, "401": {"$ref": "#/components/responses/Problem"},
                    "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
                    "426": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/export": {"get": {"summary": "The whole coalition as a native document", "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "download", "in": "query", "schema": {"type": "string", "enum": ["1"]}},
        {"$ref": "#/components/parameters/AtRevision"}, {"$ref": "#/components/parameters/AtTime"}],
      "responses": {"200": {"description": "Native document", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NativeDocument"}}}},
                    "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/view": {"get": {"summary": "The zoom view: the children of root, links lifted to them, external counts, and what a page needs to draw them",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "root", "in": "query", "schema": {"type": "string", "default": "top"}},
        {"$ref": "#/components/parameters/AtRevision"}, {"$ref": "#/components/parameters/AtTime"}],
      "responses": {"200": {"description": "The view", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/View"}}}},
                    "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/changes": {
      "post": {"summary": "Commit a batch of ops (all or nothing)", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}}},
        "responses": {"200": {"description": "Committed", "content": {"application/json": {"schema": {"type": "object",
            "properties": {"revision": {"type": "integer"}, "ids": {"type": "array", "items": {"type": "string", "nullable": true},
              "description": "per op, the id the server gave a new item that came without one"}}}}}},
          "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/OpProblem"}, "422": {"$ref": "#/components/responses/OpProblem"}}},
      "get": {"summary": "The change log after a revision", "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
          {"name": "after", "in": "query", "schema": {"type": "integer", "default": 0}}, {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 100}}],
        "responses": {"200": {"description": "{revision, changes: [{revision, author, time, ops, inverse}]}"}, "404": {"$ref": "#/components/responses/Problem"}}}
    },
    "/api/coalitions/{id}/comments": {
      "post": {"summary": "Comment (contributor and up): one comment op, or {base_revision?, ops: [...]} of comment ops only (add_comment, update_comment, resolve_comment, remove_comment). The server sets author, times and @mentions; only its author edits a comment; its author or a steward removes it (with its replies)",
        "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"},
          "example": {"op": "add_comment", "comment": {"target_kind": "statement", "target_id": "s1", "parent": null, "body": "Is there evidence? @Ana"}}}}},
        "responses": {"200": {"description": "{revision, ids, comments: [the comments as stored]}"},
          "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/OpProblem"},
          "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/OpProblem"},
          "422": {"$ref": "#/components/responses/OpProblem"}}},
      "get": {"summary": "Comments, oldest first: of one item (target_kind and target_id), or all whose item is on the map",
        "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
          {"name": "target_kind", "in": "query", "schema": {"type": "string", "enum": ["statement", "link", "coalition"]}},
          {"name": "target_id", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "{revision, comments: [{id, target_kind, target_id, parent, author_id, author_name, body, created_at, edited_at, resolved, mentions}]}"},
          "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}
    },
    "/api/mentions": {"get": {"summary": "Comments that @mention me, newest first, in every coalition I can see",
      "responses": {"200": {"description": "{mentions: [{coalition, coalition_name, comment}]}"}, "401": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/history": {"get": {"summary": "The change log in sentences, newest first, with filters",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "statement", "in": "query", "schema": {"type": "string"}, "description": "only changes touching this statement or its links"},
        {"name": "author", "in": "query", "schema": {"type": "string"}, "description": "an author's name or label, or id:N for an account"},
        {"name": "from", "in": "query", "schema": {"type": "string"}, "description": "YYYY-MM-DD[THH:MM] (UTC), inclusive"},
        {"name": "to", "in": "query", "schema": {"type": "string"}, "description": "YYYY-MM-DD[THH:MM] (UTC), inclusive (a date means its whole day)"},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 50, "minimum": 1, "maximum": 500}},
        {"name": "before", "in": "query", "schema": {"type": "integer"}, "description": "only revisions below this (the next_before of the previous page)"}],
      "responses": {"200": {"description": "The entries", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HistoryPage"}}}},
                    "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/undo": {"post": {"summary": "Undo one of your changes as a new change (stewards may undo anyone's, by revision). Refused when it no longer applies or would overwrite a later edit",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"revision": {"type": "integer",
        "description": "the change to undo; absent: your last change not yet undone"}}}}}},
      "responses": {"200": {"description": "{revision: the new change, undid: R}"}, "403": {"$ref": "#/components/responses/Problem"},
        "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/redo": {"post": {"summary": "Redo an undone change as a new change",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
      "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"revision": {"type": "integer",
        "description": "the undo to redo, or the undone change; absent: your last undo, if you made no change since"}}}}}},
      "responses": {"200": {"description": "{revision: the new change, redid: the undo's revision}"}, "403": {"$ref": "#/components/responses/Problem"},
        "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/versions": {
      "get": {"summary": "The named versions, newest revision first", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "responses": {"200": {"description": "The versions", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}}}}},
                      "404": {"$ref": "#/components/responses/Problem"}}},
      "post": {"summary": "Name a revision", "parameters": [{"$ref": "#/components/parameters/CoalitionId"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name"],
          "properties": {"name": {"type": "string"}, "revision": {"type": "integer", "description": "the current revision when absent"}}}}}},
        "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Version"}}}},
                      "422": {"$ref": "#/components/responses/Problem"}}}
    },
    "/api/coalitions/{id}/versions/{version}": {"delete": {"summary": "Delete a named version (the revision itself stays)",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "version", "in": "path", "required": true, "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "{deleted: id}"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/diff": {"get": {"summary": "What changed between two revisions or dates: statements and links added, removed, moved, renamed, re-rated or otherwise changed",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "from", "in": "query", "required": true, "schema": {"type": "string"}, "description": "a revision number or YYYY-MM-DD[THH:MM] (UTC)"},
        {"name": "to", "in": "query", "schema": {"type": "string"}, "description": "a revision number or date; the current revision when absent"}],
      "responses": {"200": {"description": "The difference", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Diff"}}}},
                    "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}}
  },
  "components": {
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "coalign_session", "description": "from POST /api/session; state-changing requests also need the X-CSRF-Token header"},
      "token": {"type": "http", "scheme": "bearer", "description": "a personal API token (coalign user token EMAIL, or the Tokens page)"}
    },
    "parameters": {"CoalitionId": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
      "AtRevision": {"name": "revision", "in": "query", "schema": {"type": "integer"}, "description": "time travel: the map as it was right after this revision (read-only)"},
      "AtTime": {"name": "at", "in": "query", "schema": {"type": "string"}, "description": "time travel: the map as it was at YYYY-MM-DD (end of that day) or YYYY-MM-DDTHH:MM (optional :SS), UTC; a day or time that does not exist is refused (422)"}},
    "responses": {
      "Problem": {"description": "RFC 9457 problem", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "OpProblem": {"description": "The batch was refused whole; errors name each refused op and why", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "HistoryPage": {"type": "object", "properties": {"revision": {"type": "integer"}, "next_before": {"type": "integer", "nullable": true},
        "entries": {"type": "array", "items": {"type": "object", "properties": {"revision": {"type": "integer"}, "author": {"type": "string"},
          "time": {"type": "string", "format": "date-time"}, "sentences": {"type": "array", "items": {"type": "string"}},
          "mine": {"type": "boolean"}, "undo_of": {"type": "integer", "nullable": true}, "redo_of": {"type": "integer", "nullable": true},
          "undone_by": {"type": "integer", "nullable": true}}}}}},
      "Version": {"type": "object", "properties": {"id": {"type": "integer"}, "revision": {"type": "integer"}, "name": {"type": "string"},
        "author": {"type": "string"}, "time": {"type": "string", "format": "date-time"}}},
      "Diff": {"type": "object", "properties": {"from": {"type": "integer"}, "to": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["statement", "link"]},
          "id": {"type": "string"}, "label": {"type": "string"},
          "changes": {"type": "array", "items": {"type": "string", "enum": ["added", "removed", "moved", "renamed", "re-rated", "changed"]}},
          "fields": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "before": {"type": "string"}, "after": {"type": "string"}}}},
          "sentence": {"type": "string"}}}},
        "added": {"$ref": "#/components/schemas/IdSets"}, "removed": {"$ref": "#/components/schemas/IdSets"}, "changed": {"$ref": "#/components/schemas/IdSets"},
        "repositioned": {"type": "integer", "description": "statements only moved on the canvas"}}},
      "IdSets": {"type": "object", "properties": {"statements": {"type": "array", "items": {"type": "string"}}, "links": {"type": "array", "items": {"type": "string"}}}},
      "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "field": {"type": "string"}, "revision": {"type": "integer"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {"op": {"type": "integer"}, "op_name": {"type": "string"},
          "kind": {"type": "string", "enum": ["invalid", "not_found", "conflict"]}, "reason": {"type": "string"}, "field": {"type": "string"}}}}}},
      "CoalitionSummary": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "revision": {"type": "integer"},
        "statements": {"type": "integer"}, "links": {"type": "integer"}}},
      "Position": {"type": "object", "required": ["x", "y"], "properties": {"x": {"type": "number"}, "y": {"type": "number"}}},
      "Statement": {"type": "object", "required": ["title"], "additionalProperties": true, "properties": {
        "id": {"type": "string", "description": "client-chosen, unique in the coalition; generated when absent"},
        "title": {"type": "string", "description": "one line of plain text: at most 500 bytes of UTF-8, no control characters or text-direction overrides"}, "description": {"type": "string"},
        "parent": {"type": "string", "nullable": true}, "layer": {"type": "string", "nullable": true}, "theme": {"type": "string", "nullable": true},
        "tags": {"type": "array", "items": {"type": "string"}}, "status": {"type": "string", "enum": ["", "proposed", "agreed", "retired"]},
        "position": {"$ref": "#/components/schemas/Position"}}},
      "Link": {"type": "object", "required": ["from", "to"], "additionalProperties": true, "properties": {
        "id": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"},
        "polarity": {"type": "integer", "enum": [1, -1, 0], "description": "0 = unspecified"},
        "weight": {"type": "number", "minimum": 0, "maximum": 1, "default": 1}, "assumption": {"type": "string"}, "evidence": {"type": "string"}}},
      "Theme": {"type": "object", "required": ["name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
        "color": {"type": "string", "pattern": "^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$"}, "description": {"type": "string"}}},
      "Layer": {"type": "object", "required": ["name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
      "NativeDocument": {"type": "object", "required": ["statements"], "additionalProperties": true, "properties": {
        "format": {"type": "string", "enum": ["coalign-map"]}, "version": {"type": "integer", "enum": [1]},
        "coalition": {"type": "object", "properties": {"name": {"type": "string"}, "purpose": {"type": "string"}}},
        "layers": {"type": "array", "items": {"$ref": "#/components/schemas/Layer"}}, "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
        "statements": {"type": "array", "items": {"$ref": "#/components/schemas/Statement"}}, "links": {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}}},
      "FileUpload": {"type": "object", "required": ["files"], "properties": {
        "files": {"type": "array", "maxItems": 2, "items": {"type": "object", "required": ["content"], "properties": {"name": {"type": "string"}, "content": {"type": "string"}}}},
        "name": {"type": "string"}, "strict": {"type": "boolean"},
        "columns": {"type": "object", "additionalProperties": {"type": "string"}, "description": "role -> header, e.g. {\"theme\": \"mapCluster\"}"}}},
      "ImportResult": {"type": "object", "properties": {"id": {"type": "integer"}, "revision": {"type": "integer"}, "statements": {"type": "integer"},
        "links": {"type": "integer"}, "problems": {"type": "array", "items": {"type": "object", "properties": {"where": {"type": "string"},
          "message": {"type": "string"}, "skipped": {"type": "boolean"}}}}}},
      "View": {"type": "object", "properties": {"revision": {"type": "integer"}, "root": {"type": "string"},
        "visible": {"type": "array", "items": {"type": "string"}},
        "links": {"type": "array", "items": {"type": "object", "properties": {"from": {"type": "string"}, "to": {"type": "string"},
          "count": {"type": "integer"}, "polarity": {"type": "string", "enum": ["+", "-", "mixed"]}}}},
        "external": {"type": "object", "additionalProperties": {"type": "object", "properties": {"in": {"type": "integer"}, "out": {"type": "integer"}}}},
        "link_ids": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
        "statements": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Statement"}},
        "link_details": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Link"}},
        "breadcrumb": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}},
        "layers": {"type": "array", "items": {"$ref": "#/components/schemas/Layer"}}, "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}}}},
      "Batch": {"type": "object", "required": ["base_revision", "ops"], "properties": {"base_revision": {"type": "integer"},
        "ops": {"type": "array", "items": {"$ref": "#/components/schemas/Op"}}}},
      "Op": {"oneOf": [
        {"type": "object", "required": ["op", "statement"], "properties": {"op": {"enum": ["add_statement"]}, "statement": {"$ref": "#/components/schemas/Statement"}}},
        {"type": "object", "required": ["op", "id", "set"], "properties": {"op": {"enum": ["update_statement"]}, "id": {"type": "string"},
          "set": {"type": "object", "description": "title, description, layer, theme, tags, status, position"}}},
        {"type": "object", "required": ["op", "id", "parent"], "properties": {"op": {"enum": ["move_statement"]}, "id": {"type": "string"}, "parent": {"type": "string", "nullable": true}}},
        {"type": "object", "required": ["op", "id"], "properties": {"op": {"enum": ["remove_statement"]}, "id": {"type": "string"},
          "cascade": {"type": "boolean", "description": "false: refused when it holds sub-statements; true: removes its sub-map too. Its links go with it."}}},
        {"type": "object", "required": ["op", "link"], "properties": {"op": {"enum": ["add_link"]}, "link": {"$ref": "#/components/schemas/Link"}}},
        {"type": "object", "required": ["op", "id", "set"], "properties": {"op": {"enum": ["update_link"]}, "id": {"type": "string"},
          "set": {"type": "object", "description": "polarity, weight, assumption, evidence"}}},
        {"type": "object", "required": ["op", "id"], "properties": {"op": {"enum": ["remove_link"]}, "id": {"type": "string"}}},
        {"type": "object", "required": ["op", "positions"], "properties": {"op": {"enum": ["set_positions"]},
          "positions": {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "x": {"type": "number", "nullable": true}, "y": {"type": "number", "nullable": true}}}}}},
        {"type": "object", "required": ["op", "theme"], "properties": {"op": {"enum": ["add_theme"]}, "theme": {"$ref": "#/components/schemas/Theme"}}},
        {"type": "object", "required": ["op", "id", "set"], "properties": {"op": {"enum": ["update_theme"]}, "id": {"type": "string"}, "set": {"type": "object", "description": "name, color, description"}}},
        {"type": "object", "required": ["op", "id"], "properties": {"op": {"enum": ["remove_theme"]}, "id": {"type": "string"}}},
        {"type": "object", "required": ["op", "layer"], "properties": {"op": {"enum": ["add_layer"]}, "layer": {"$ref": "#/components/schemas/Layer"},
          "index": {"type": "integer", "description": "band position, 0 = top; appended when absent"}}},
        {"type": "object", "required": ["op", "id", "set"], "properties": {"op": {"enum": ["update_layer"]}, "id": {"type": "string"}, "set": {"type": "object", "description": "name, index"}}},
        {"type": "object", "required": ["op", "id"], "properties": {"op": {"enum": ["remove_layer"]}, "id": {"type": "string"}}},
        {"type": "object", "required": ["op", "set"], "properties": {"op": {"enum": ["update_coalition"]}, "set": {"type": "object", "description": "name, purpose"}}}
      ]}
    }
  }
})json";
}
}  // namespace

}  // namespace coalign::http
