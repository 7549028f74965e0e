// The OpenAPI 3 document of the API. Kept next to the routes (api.cpp); a test checks
// that every route the router knows is described here.
#include "http/api.hpp"

namespace coalign::http {

std::string OpenApiDocument() {
  return R"json({
  "openapi": "3.0.3",
  "info": {"title": "coalign API", "version": "0.1.0",
           "description": "A coalition's shared, zoomable strategy map. Every change is a batch of ops sent with the revision the client last saw (the one write path). Errors are application/problem+json (RFC 9457)."},
  "paths": {
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
    "/api/coalitions/{id}/export": {"get": {"summary": "The whole coalition as a native document", "parameters": [{"$ref": "#/components/parameters/CoalitionId"},
        {"name": "download", "in": "query", "schema": {"type": "string", "enum": ["1"]}}],
      "responses": {"200": {"description": "Native document", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NativeDocument"}}}},
                    "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/coalitions/{id}/view": {"get": {"summary": "The zoom view: the children of root, links lifted to them, external counts, and what a page needs to draw them",
      "parameters": [{"$ref": "#/components/parameters/CoalitionId"}, {"name": "root", "in": "query", "schema": {"type": "string", "default": "top"}}],
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
    }
  },
  "components": {
    "parameters": {"CoalitionId": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}},
    "responses": {
      "Problem": {"description": "RFC 9457 problem", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "OpProblem": {"description": "The batch was refused whole; errors name each refused op and why", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "field": {"type": "string"}, "revision": {"type": "integer"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {"op": {"type": "integer"}, "op_name": {"type": "string"},
          "kind": {"type": "string", "enum": ["invalid", "not_found", "conflict"]}, "reason": {"type": "string"}, "field": {"type": "string"}}}}}},
      "CoalitionSummary": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "revision": {"type": "integer"},
        "statements": {"type": "integer"}, "links": {"type": "integer"}}},
      "Position": {"type": "object", "required": ["x", "y"], "properties": {"x": {"type": "number"}, "y": {"type": "number"}}},
      "Statement": {"type": "object", "required": ["title"], "additionalProperties": true, "properties": {
        "id": {"type": "string", "description": "client-chosen, unique in the coalition; generated when absent"},
        "title": {"type": "string", "maxLength": 500}, "description": {"type": "string"},
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

}  // namespace coalign::http
