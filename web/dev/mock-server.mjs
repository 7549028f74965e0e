// A throwaway stand-in for `coalign serve`, for developing the web app before the
// C++ server runs. It keeps the API shapes of the issue; it is not a reference.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { applyProgressOp, importDataPoints, measuresAnswer, progress } from "./mock-progress.mjs";

const port = Number(process.env.PORT ?? 8123);
const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../dist");
const shared = "/work/shared/data";

function loadDementia() {
  const d = JSON.parse(fs.readFileSync(`${shared}/demo/dementia-network-calgary.coalign.json`, "utf8"));
  return {
    name: d.coalition.name, layers: d.layers, themes: d.themes.map((t) => ({ description: "", ...t })),
    statements: d.statements.map((s) => ({ description: "", tags: [], status: "agreed", position: null, ...s })),
    links: d.links.map((l, i) => ({ id: `l${i + 1}`, assumption: "", evidence: "", ...l })),
  };
}
function loadForesight() {
  const d = JSON.parse(fs.readFileSync(`${shared}/real/foresight-obesity-map/foresight_obesity_map.json`, "utf8"));
  const palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a"];
  const clusters = [...new Set(d.nodes.map((n) => n.mapCluster))];
  return {
    name: "Foresight obesity map", layers: [],
    themes: clusters.map((c, i) => ({ id: c.toLowerCase(), name: c, color: palette[i % 10], description: "" })),
    statements: d.nodes.map((n) => ({ id: String(n.id), title: n.label, description: n.definition, parent: null, layer: null,
      theme: n.mapCluster.toLowerCase(), tags: [], status: "agreed", position: { x: n.x, y: n.y } })),
    links: d.connections.map((c, i) => ({ id: `c${i + 1}`, from: String(c.sourceId), to: String(c.targetId),
      polarity: c.sign === "-" || c.influence === "negative" ? -1 : 1, weight: 0.5, assumption: "", evidence: "" })),
  };
}
const coalitions = [loadDementia(), loadForesight()].map((c, i) => ({ id: i + 1, revision: 0, ...c }));
let nextId = 1000;

function view(c, root) {
  const want = root === "top" ? null : root;
  const parent = Object.fromEntries(c.statements.map((s) => [s.id, s.parent]));
  const visible = c.statements.filter((s) => s.parent === want).map((s) => s.id).sort();
  const vis = new Set(visible);
  const rep = (n) => { while (n != null && !vis.has(n)) n = parent[n]; return n; };
  const lifted = new Map(); const ext = Object.fromEntries(visible.map((v) => [v, { in: 0, out: 0 }]));
  for (const l of c.links) {
    const a = rep(l.from), b = rep(l.to);
    if (a != null && b != null) { if (a !== b) { const k = `${a}\u0000${b}`; const e = lifted.get(k) ?? { from: a, to: b, count: 0, signs: new Set(), ids: [] }; e.count++; e.signs.add(l.polarity); e.ids.push(l.id); lifted.set(k, e); } }
    else if (a != null) ext[a].out++; else if (b != null) ext[b].in++;
  }
  const entries = [...lifted.values()].sort((x, y) => (x.from + "\u0000" + x.to < y.from + "\u0000" + y.to ? -1 : 1));
  const kids = (id) => c.statements.filter((s) => s.parent === id);
  const desc = (id) => kids(id).reduce((n, k) => n + 1 + desc(k.id), 0);
  const byId = Object.fromEntries(c.statements.map((s) => [s.id, s]));
  const statements = {};
  for (const v of visible) statements[v] = { ...byId[v], child_count: kids(v).length, descendant_count: desc(v) };
  const link_details = {};
  for (const e of entries) for (const id of e.ids) link_details[id] = c.links.find((l) => l.id === id);
  const breadcrumb = [];
  for (let n = want; n != null; n = parent[n]) breadcrumb.unshift({ id: n, title: byId[n].title });
  return { coalition: { id: c.id, name: c.name }, revision: c.revision, root, visible,
    links: entries.map((e) => ({ from: e.from, to: e.to, count: e.count, polarity: e.signs.size > 1 ? "mixed" : e.signs.has(-1) ? "-" : "+" })),
    external: ext, link_ids: entries.map((e) => e.ids), statements, link_details, breadcrumb, layers: c.layers, themes: c.themes };
}

function applyOp(c, op) {
  const st = (id) => c.statements.find((s) => s.id === id);
  switch (op.op) {
    case "add_statement": { const id = op.statement.id ?? `s${nextId++}`; if (!op.statement.title) throw { reason: "title is required", field: "title" };
      c.statements.push({ description: "", parent: null, layer: null, theme: null, tags: [], status: "proposed", position: null, ...op.statement, id }); return id; }
    case "update_statement": { const s = st(op.id); if (!s) throw { reason: `no statement ${op.id}` }; if (op.set.title === "") throw { reason: "title must not be empty", field: "title" }; Object.assign(s, op.set); return null; }
    case "move_statement": { const s = st(op.id); if (!s) throw { reason: `no statement ${op.id}` }; s.parent = op.parent; return null; }
    case "remove_statement": { const s = st(op.id); if (!s) throw { reason: `no statement ${op.id}` };
      const has = c.statements.some((k) => k.parent === op.id); if (has && !op.cascade) throw { reason: `statement ${op.id} has sub-statements; remove them too (cascade) or move them first` };
      const gone = new Set([op.id]); let grew = true; while (grew) { grew = false; for (const k of c.statements) if (k.parent && gone.has(k.parent) && !gone.has(k.id)) { gone.add(k.id); grew = true; } }
      c.statements = c.statements.filter((k) => !gone.has(k.id)); c.links = c.links.filter((l) => !gone.has(l.from) && !gone.has(l.to)); return null; }
    case "add_link": { const l = op.link; if (!st(l.from) || !st(l.to)) throw { reason: "unknown statement" }; if (l.from === l.to) throw { reason: "a statement cannot lead to itself" };
      if (c.links.some((k) => k.from === l.from && k.to === l.to)) throw { reason: "this link already exists" };
      const id = l.id ?? `l${nextId++}`; c.links.push({ polarity: 1, weight: 0.5, assumption: "", evidence: "", ...l, id }); return id; }
    case "update_link": { const l = c.links.find((k) => k.id === op.id); if (!l) throw { reason: `no link ${op.id}` }; Object.assign(l, op.set); return null; }
    case "remove_link": { const n = c.links.length; c.links = c.links.filter((k) => k.id !== op.id); if (c.links.length === n) throw { reason: `no link ${op.id}` }; return null; }
    case "set_positions": for (const p of op.positions) { const s = st(p.id); if (!s) throw { reason: `no statement ${p.id}` }; s.position = { x: p.x, y: p.y }; } return null;
    default: { const r = applyProgressOp(c, op); if (r === undefined) throw { reason: `unknown op ${op.op}` }; return r; }
  }
}

function send(res, status, body, type = "application/json") { res.writeHead(status, { "content-type": type }); res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body)); }
function problem(res, status, title, detail, errors) { send(res, status, { type: "about:blank", title, status, detail, errors }, "application/problem+json"); }

http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  let body = ""; for await (const chunk of req) body += chunk;
  if (url.pathname === "/api/session") return send(res, 200, { signed_in: true, user: { id: 1, email: "steward@demo.coalign", name: "Demo steward", admin: true }, csrf_token: "mock" });
  const pm = url.pathname.match(/^\/api\/coalitions\/(\d+)\/(progress|measures|imports\/data-points)$/);
  if (pm) {
    const c = coalitions.find((k) => k.id === Number(pm[1])); if (!c) return problem(res, 404, "Not found", `no coalition ${pm[1]}`);
    if (pm[2] === "progress") return send(res, 200, progress(c, url.searchParams.get("as_of") ?? new Date().toISOString().slice(0, 10)));
    if (pm[2] === "measures") return send(res, 200, measuresAnswer(c));
    const r = importDataPoints(c, JSON.parse(body), (ops) => { const ids = ops.map((op) => applyOp(c, op)); c.revision++; return ids.filter((_, i) => ops[i].op === "add_measure"); });
    return send(res, r.status, r.body, r.status === 200 ? "application/json" : "application/problem+json");
  }
  const m = url.pathname.match(/^\/api\/coalitions(?:\/(\d+)(?:\/(view|changes|export))?)?$/);
  if (m) {
    if (!m[1]) {
      if (req.method === "POST") { const { name } = JSON.parse(body || "{}"); if (!name) return problem(res, 422, "Invalid", "name is required", [{ reason: "name is required", field: "name" }]);
        const c = { id: coalitions.length + 1, revision: 0, name, layers: [], themes: [], statements: [], links: [] }; coalitions.push(c); return send(res, 201, { id: c.id, revision: 0 }); }
      return send(res, 200, coalitions.map((c) => ({ id: c.id, name: c.name, revision: c.revision, statements: c.statements.length, links: c.links.length })));
    }
    const c = coalitions.find((k) => k.id === Number(m[1])); if (!c) return problem(res, 404, "Not found", `no coalition ${m[1]}`);
    if (m[2] === "view") { const root = url.searchParams.get("root") ?? "top"; if (root !== "top" && !c.statements.some((s) => s.id === root)) return problem(res, 404, "Not found", `no statement ${root}`); return send(res, 200, view(c, root)); }
    if (m[2] === "export") return send(res, 200, { format: "coalign-map", version: 1, coalition: { name: c.name }, layers: c.layers, themes: c.themes, statements: c.statements, links: c.links, measures: c.measures ?? [], data_points: c.data_points ?? [], settings: c.settings });
    if (m[2] === "changes" && req.method === "POST") {
      const batch = JSON.parse(body); const snapshot = JSON.stringify({ s: c.statements, l: c.links, m: c.measures ?? [], p: c.data_points ?? [] }); const ids = [];
      for (let i = 0; i < batch.ops.length; i++) {
        try { ids.push(applyOp(c, batch.ops[i])); }
        catch (e) { const snap = JSON.parse(snapshot); c.statements = snap.s; c.links = snap.l; c.measures = snap.m; c.data_points = snap.p; return problem(res, 422, "Invalid change", e.reason ?? String(e), [{ op: i, reason: e.reason ?? String(e), field: e.field }]); }
      }
      c.revision++; return send(res, 200, { revision: c.revision, ids });
    }
  }
  let file = path.join(dist, url.pathname === "/" ? "index.html" : url.pathname);
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, "index.html");
  if (!fs.existsSync(file)) return send(res, 404, "build web/ first", "text/plain");
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
  send(res, 200, fs.readFileSync(file), types[path.extname(file)] ?? "application/octet-stream");
}).listen(port, "127.0.0.1", () => console.log(`mock coalign on http://127.0.0.1:${port}`));
