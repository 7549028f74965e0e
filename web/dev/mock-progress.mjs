// The measures/progress part of the throwaway mock API (docs/progress-api.md), for
// developing the web app before the server has it. Status follows
// shared/reference/progress_reference.py; it is not a reference itself.
const day = (s) => Math.round(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000);
let seq = 1;

export function progressState(c) {
  c.measures ??= []; c.data_points ??= []; c.settings ??= { on_track: 0.95, at_risk: 0.75 };
  return c;
}

export function applyProgressOp(c, op) {
  progressState(c);
  const find = (id) => { const m = c.measures.find((x) => x.id === id); if (!m) throw { reason: `no measure ${id}`, field: "id" }; return m; };
  switch (op.op) {
    case "add_measure": {
      const m = { description: "", kind: "population", unit: "", direction: "up", targets: [], period_days: 365, data_source: "", weight: 1, group: null, ...op.measure };
      if (!c.statements.some((s) => s.id === m.statement)) throw { reason: `no statement ${m.statement}`, field: "statement" };
      if (!m.name) throw { reason: "a measure needs a name", field: "name" };
      if (!m.baseline) throw { reason: "a measure needs a baseline", field: "baseline" };
      m.id ??= `m${seq++}`; c.measures.push(m); return m.id;
    }
    case "update_measure": Object.assign(find(op.id), op.set); return null;
    case "remove_measure": find(op.id); c.measures = c.measures.filter((m) => m.id !== op.id); c.data_points = c.data_points.filter((p) => p.measure !== op.id); return null;
    case "set_data_points": find(op.measure);
      for (const p of op.points) { c.data_points = c.data_points.filter((q) => !(q.measure === op.measure && q.date === p.date)); c.data_points.push({ measure: op.measure, note: "", entered_by: "Demo steward", ...p }); }
      return null;
    case "remove_data_points": find(op.measure); c.data_points = c.data_points.filter((q) => !(q.measure === op.measure && op.dates.includes(q.date))); return null;
    case "update_settings": Object.assign(c.settings, op.set); return null;
    default: return undefined;
  }
}

function expectedAt(m, t) {
  const b = m.baseline; const targets = [...(m.targets ?? [])].sort((x, y) => (x.date < y.date ? -1 : 1));
  if (!targets.length) return b.value;
  const next = targets.find((x) => day(x.date) >= t) ?? targets[targets.length - 1];
  const span = day(next.date) - day(b.date);
  if (span <= 0 || t >= day(next.date)) return next.value;
  if (t <= day(b.date)) return b.value;
  return b.value + (next.value - b.value) * (t - day(b.date)) / span;
}
const statusOf = (s, on, at) => (s === null ? "no_data" : s >= on ? "on_track" : s >= at ? "at_risk" : "off_track");

export function progress(c, asOfText) {
  progressState(c);
  const asOf = day(asOfText); const { on_track: on, at_risk: at } = c.settings;
  const measures = {};
  for (const m of c.measures) {
    const mine = c.data_points.filter((p) => p.measure === m.id && day(p.date) <= asOf).sort((a, b) => (a.date < b.date ? -1 : 1));
    if (!mine.length) { measures[m.id] = { score: null, status: "no_data", stale: false, value: null, date: null }; continue; }
    const last = mine[mine.length - 1]; const t = day(last.date); const v = last.value; const b = m.baseline.value; const e = expectedAt(m, t);
    let score = e === b ? ((m.direction === "down" ? v <= b : v >= b) ? 1 : 0) : (v - b) / (e - b);
    score = Math.max(0, Math.min(1.5, score));
    measures[m.id] = { score: Math.round(score * 1e6) / 1e6, status: statusOf(score, on, at), stale: asOf - t > 1.5 * (m.period_days ?? 365), value: v, date: last.date };
  }
  const rolled = {};
  const roll = (id) => {
    if (id in rolled) return rolled[id];
    const parts = c.measures.filter((m) => m.statement === id && measures[m.id].score !== null).map((m) => [m.weight ?? 1, measures[m.id].score]);
    for (const k of c.statements.filter((s) => s.parent === id)) { const r = roll(k.id); if (r !== null) parts.push([1, r]); }
    const total = parts.reduce((n, [w]) => n + w, 0);
    rolled[id] = parts.length && total > 0 ? Math.round(parts.reduce((n, [w, s]) => n + w * s, 0) / total * 1e6) / 1e6 : null;
    return rolled[id];
  };
  const statements = {};
  for (const s of c.statements) { const sc = roll(s.id); statements[s.id] = { score: sc, status: statusOf(sc, on, at) }; }
  return { as_of: asOfText, measures, statements };
}

export function measuresAnswer(c) {
  progressState(c);
  return { revision: c.revision, settings: c.settings,
    measures: c.measures.map((m) => ({ ...m, points: c.data_points.filter((p) => p.measure === m.id).sort((a, b) => (a.date < b.date ? -1 : 1)).map(({ measure, ...p }) => p) })) };
}

function parseCsv(text) {
  const rows = []; let row = []; let cell = ""; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) { if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch; }
    else if (ch === '"') quoted = true; else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\n" || ch === "\r") { if (ch === "\r" && text[i + 1] === "\n") i++; row.push(cell); rows.push(row); row = []; cell = ""; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** POST /imports/data-points: columns, preview, commit (ops applied by the caller). */
export function importDataPoints(c, body, apply) {
  const rows = parseCsv(body.content ?? "");
  if (rows.length < 2) return { status: 422, body: { title: "Cannot import", detail: "the file is empty", errors: [{ line: 1, reason: "the file has no data rows" }] } };
  const columns = rows[0].map((h) => h.trim());
  const data = rows.slice(1);
  if (!body.date_column || !body.value_column) {
    const pick = (re) => columns.find((h) => re.test(h)) ?? null;
    return { status: 200, body: { columns, sample: data.slice(0, 10), guess: { date_column: pick(/year|date/i), value_column: pick(/rate|value|count|pct|percent|number/i) ?? columns[columns.length - 1], group_column: pick(/locality|county|group|region|area/i) } } };
  }
  const di = columns.indexOf(body.date_column), vi = columns.indexOf(body.value_column), gi = body.group_column ? columns.indexOf(body.group_column) : -1;
  const errors = []; const groups = new Map(); const seen = new Map();
  data.forEach((r, i) => {
    const line = i + 2;
    if (r.length === 1 && r[0] === "") return;
    const d = (r[di] ?? "").trim(); const v = (r[vi] ?? "").trim(); const g = gi >= 0 ? (r[gi] ?? "").trim() : null;
    const date = /^\d{4}$/.test(d) ? (body.year_as === "start" ? `${d}-01-01` : `${d}-12-31`) : /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
    if (!date) { errors.push({ line, column: body.date_column, reason: d ? `“${d}” is not a date or a year` : "the date is missing" }); return; }
    if (!/^-?\d+(\.\d+)?$/.test(v)) { errors.push({ line, column: body.value_column, reason: v ? `“${v}” is not a number` : "the value is missing" }); return; }
    const key = `${g}\u0000${date}`;
    if (seen.has(key)) { errors.push({ line, reason: `the same date${g !== null ? " and group" : ""} as line ${seen.get(key)}` }); return; }
    seen.set(key, line);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push({ date, value: Number(v) });
  });
  if (errors.length) return { status: 422, body: { title: "The file cannot be imported", detail: `${errors.length} rows are wrong`, errors } };
  const measures = [...groups].map(([group, pts]) => { const ds = pts.map((p) => p.date).sort(); return { group, points: pts.length, first_date: ds[0], last_date: ds[ds.length - 1] }; });
  if (!body.commit) return { status: 200, body: { columns, rows: data.length, measures, sample: data.slice(0, 10), skipped: [] } };
  const ops = [];
  for (const [group, pts] of groups) {
    const sorted = [...pts].sort((a, b) => (a.date < b.date ? -1 : 1));
    const id = `m${seq++}`;
    ops.push({ op: "add_measure", measure: { id, statement: body.statement, ...body.measure, name: body.measure?.name ?? "Imported", group, baseline: sorted[0], targets: [] } });
    ops.push({ op: "set_data_points", measure: id, points: sorted });
  }
  const ids = apply(ops);
  return { status: 200, body: { revision: c.revision, measures: ids.filter(Boolean), points: data.length } };
}
