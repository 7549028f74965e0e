// The analysis panel beside the map: outcomes and options, key objectives ranked,
// feedback loops traced across zoom levels, paths between two objectives, and a what-if.
// Each section says in one line what it means; what it shows is drawn on the map through
// MapCanvas's overlay (a tone, a badge in words or numbers, highlighted arrows).
import { useEffect, useMemo, useState } from "react";
import type { MapView } from "../api/types";
import { api, ApiError, type ExportDocument } from "../api/client";
import type { BoxMark, MapOverlay } from "../map/MapCanvas";
import { activationColour, activationInk, formatActivation, ranking, representative, shortestPaths, traceAtLevel, type Metric } from "./analysis";
import { analysisApi, type Analysis, type LoopEntry, type Scenario } from "./api";
import "./analysis.css";

type Section = "structure" | "ranking" | "loops" | "paths" | "whatif";

const SECTIONS: { id: Section; label: string; explain: string }[] = [
  { id: "structure", label: "Outcomes & options", explain: "Outcomes are where arrows end (nothing follows from them); options are where arrows start (nothing leads to them): the places to act." },
  { id: "ranking", label: "Key objectives", explain: "Which objectives hold the map together, lead to the most outcomes, or sit on the most routes between others." },
  { id: "loops", label: "Feedback loops", explain: "Circles of arrows that come back to where they started. Reinforcing loops amplify change; balancing loops hold it in check." },
  { id: "paths", label: "Paths", explain: "The shortest chains of arrows from one objective to another: how one might lead to the other." },
  { id: "whatif", label: "What-if", explain: "Push some objectives up and see how far the effect travels along the arrows to the outcomes (+1 = fully up, −1 = fully down)." },
];

const METRICS: { id: Metric; label: string; explain: string }[] = [
  { id: "central", label: "Central", explain: "Connected to many others, near and far (near ones count more)." },
  { id: "potency", label: "Potency", explain: "How many outcomes it eventually leads to." },
  { id: "betweenness", label: "Betweenness", explain: "How often it lies on the shortest route between two others: a bridge." },
];

interface Props {
  view: MapView;
  onOverlay(overlay: MapOverlay | null): void;
  /** Open a sub-map (or "top"). */
  onNavigate(root: string): void;
  /** Go to the level where a statement is shown (its parent's sub-map) and select it. */
  onShow(root: string, id: string): void;
}

const message = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

export function AnalysisPanel({ view, onOverlay, onNavigate, onShow: showAt }: Props) {
  const coalition = view.coalition.id;
  const [section, setSection] = useState<Section>("structure");
  const [doc, setDoc] = useState<ExportDocument | null>(null);
  const [result, setResult] = useState<Analysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState("");

  // The map's analyses and its statements (parents, links), once per revision.
  const key = `${coalition}@${view.revision}`;
  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([analysisApi.overview(coalition), api.exportDocument(coalition)])
      .then(([a, d]) => { if (live) { setResult(a); setDoc(d); setLoaded(key); } })
      .catch((e) => { if (live) setError(`The analyses could not be computed: ${message(e)}`); });
    return () => { live = false; };
  }, [coalition, key]);

  const titles = useMemo(() => new Map((doc?.statements ?? []).map((s) => [s.id, s.title])), [doc]);
  const parentOf = useMemo(() => new Map((doc?.statements ?? []).map((s) => [s.id, s.parent])), [doc]);
  const onShow = (id: string) => showAt(parentOf.get(id) ?? "top", id);
  const title = (id: string) => titles.get(id) ?? view.statements[id]?.title ?? id;

  // Section state kept across zoom levels.
  const [metric, setMetric] = useState<Metric>("central");
  const [loop, setLoop] = useState<number | null>(null);
  const [loopFilter, setLoopFilter] = useState<"all" | "reinforcing" | "balancing">("all");
  const [pathFrom, setPathFrom] = useState<string | null>(null);
  const [pathTo, setPathTo] = useState<string | null>(null);
  const [pathIndex, setPathIndex] = useState(0);
  const [drivers, setDrivers] = useState<string[]>([]);
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [scenarioError, setScenarioError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const paths = useMemo(() => (doc && pathFrom && pathTo ? shortestPaths(doc.links, pathFrom, pathTo, 5) : null), [doc, pathFrom, pathTo]);
  const loops = result?.loops;
  const heads = result?.structure?.heads ?? [];
  const tails = result?.structure?.tails ?? [];

  // What the map shows for the open section, at the current zoom level.
  const overlay = useMemo((): MapOverlay | null => {
    if (!doc || !result) return null;
    const visible = new Set(view.visible);
    const rep = (id: string) => representative(id, parentOf, visible);
    const boxes: Record<string, BoxMark> = {};
    const trace = (ids: string[], closed: boolean, tone: string): MapOverlay => {
      const t = traceAtLevel(ids, closed, parentOf, view.visible, view.links);
      for (const [box, members] of t.members) {
        const steps = members.map((m) => ids.indexOf(m) + 1);
        boxes[box] = { tone, badge: members.length === 1 && members[0] === box ? `${steps[0]}` : `${steps.join("·")} inside`,
          badgeTitle: members.map((m) => `${ids.indexOf(m) + 1}. ${title(m)}`).join("\n") };
      }
      return { boxes, links: Object.fromEntries(t.links.map((k) => [k, true as const])), dimRest: true };
    };
    switch (section) {
      case "structure": {
        const mark = (ids: string[], tone: string, one: string, many: string) => {
          const counts = new Map<string, number>(); const self = new Set<string>();
          for (const id of ids) { const r = rep(id); if (!r) continue; counts.set(r, (counts.get(r) ?? 0) + 1); if (r === id) self.add(r); }
          for (const [r, n] of counts) if (!boxes[r]) boxes[r] = { tone, badge: self.has(r) ? one : `${many.replace("#", String(n))}` };
        };
        mark(heads, "head", "◎ Outcome", "◎ # outcome(s) inside");
        mark(tails, "tail", "▶ Option", "▶ # option(s) inside");
        return { boxes };
      }
      case "ranking": {
        const scores = result[metric]; if (!scores) return null;
        const top = ranking(scores).slice(0, 10);
        for (const { id, rank } of top) {
          const r = rep(id); if (!r || boxes[r]) continue;
          boxes[r] = { tone: "ranked", badge: r === id ? `#${rank}` : `#${rank} inside`, badgeTitle: `#${rank} by ${metric}: ${title(id)}` };
        }
        return { boxes };
      }
      case "loops": {
        const entry = loop !== null ? loops?.listed[loop] : undefined;
        return entry ? trace(entry.ids, true, "trace") : null;
      }
      case "paths": {
        const path = paths?.[Math.min(pathIndex, (paths?.length ?? 1) - 1)];
        return path ? trace(path, false, "path") : null;
      }
      case "whatif": {
        if (!scenario) return null;
        for (const id of view.visible) {
          const value = scenario.activation[id]; if (value === undefined) continue;
          const driver = scenario.drivers.includes(id);
          boxes[id] = { tone: driver ? "driver" : "activation", fill: activationColour(value), ink: activationInk(value),
            badge: driver ? `● Driver ${formatActivation(value)}` : formatActivation(value), badgeTitle: `Activation ${value}` };
        }
        return { boxes };
      }
    }
  }, [doc, result, section, view, parentOf, metric, loop, loops, paths, pathIndex, scenario, heads, tails]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => { onOverlay(overlay); }, [overlay, onOverlay]);
  useEffect(() => () => onOverlay(null), [onOverlay]);

  const runScenario = async () => {
    if (!drivers.length) { setScenarioError("Pick at least one objective to push up."); return; }
    setRunning(true); setScenarioError(null);
    try {
      const answer = await analysisApi.scenario(coalition, drivers);
      setScenario(answer.scenario ?? null);
    } catch (e) {
      setScenario(null);
      setScenarioError(e instanceof ApiError && e.status === 422
        ? `The what-if could not run: ${e.message}. Pick objectives from the list.`
        : `The what-if could not run: ${message(e)}`);
    } finally { setRunning(false); }
  };

  const current = SECTIONS.find((s) => s.id === section)!;
  const statements = doc?.statements ?? [];

  return (
    <aside className="panel analysis-panel" aria-label="Analysis">
      <h2>Analysis</h2>
      <p className="an-sub muted">{result ? `${result.statements} objectives, ${result.links} arrows` : "Computing…"}</p>
      <div className="an-tabs" role="tablist" aria-label="Analyses">
        {SECTIONS.map((s) => (
          <button key={s.id} role="tab" aria-selected={section === s.id} className={`an-tab ${section === s.id ? "active" : ""}`}
            data-section={s.id} onClick={() => setSection(s.id)}>{s.label}</button>
        ))}
      </div>
      <p className="an-explain" data-explain={section}>{current.explain}</p>
      {error && <p className="an-error" role="alert">{error}</p>}
      {!error && (!doc || !result || loaded !== key) && !result && <p className="muted">Computing the analyses…</p>}

      {doc && result && section === "structure" && (
        <div className="an-section" data-section-body="structure">
          <div className="an-legend">
            <span className="an-chip head">◎ Outcome</span> where arrows end
            <span className="an-chip tail">▶ Option</span> where arrows start
          </div>
          {heads.length === 0 && <p className="an-note">This map has no end points: every objective leads on to another, so there are loops everywhere. Options (where arrows start) are still marked.</p>}
          <StatementList heading={`Outcomes (${heads.length})`} ids={heads} title={title} onShow={onShow} icon="◎" />
          <StatementList heading={`Options (${tails.length})`} ids={tails} title={title} onShow={onShow} icon="▶" />
          {(result.structure?.orphans.length ?? 0) > 0 && (
            <StatementList heading={`Not linked yet (${result.structure!.orphans.length})`} ids={result.structure!.orphans} title={title} onShow={onShow} icon="○" />
          )}
        </div>
      )}

      {doc && result && section === "ranking" && (
        <div className="an-section" data-section-body="ranking">
          <dl className="an-metrics">
            {METRICS.map((m) => <div key={m.id}><dt>{m.label}</dt><dd>{m.explain}</dd></div>)}
          </dl>
          {heads.length === 0 && <p className="an-hint">This map has no end points (outcomes), so potency is 0 everywhere.</p>}
          <p className="muted an-hint">Click a column to rank by it; the top 10 get a rank badge on the map.</p>
          <table className="an-rank">
            <thead>
              <tr>
                <th scope="col">#</th><th scope="col">Objective</th>
                {METRICS.map((m) => (
                  <th key={m.id} scope="col" aria-sort={metric === m.id ? "descending" : "none"} className="num">
                    <button className={`an-sort ${metric === m.id ? "active" : ""}`} onClick={() => setMetric(m.id)}>{m.label}{metric === m.id ? " ▼" : ""}</button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ranking(result[metric] ?? {}).slice(0, 25).map((row) => (
                <tr key={row.id} data-rank-id={row.id}>
                  <td className="num">{row.rank}</td>
                  <td><button className="an-link" onClick={() => onShow(row.id)}>{title(row.id)}</button></td>
                  {METRICS.map((m) => <td key={m.id} className={`num ${metric === m.id ? "sorted" : ""}`}>{fmt(result[m.id]?.[row.id])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {doc && result && section === "loops" && loops && (
        <div className="an-section" data-section-body="loops">
          <p className="an-count" data-loop-count={loops.count} data-reinforcing={loops.reinforcing} data-balancing={loops.balancing}>
            <strong>{loops.count} loop{loops.count === 1 ? "" : "s"}</strong>: {loops.reinforcing} reinforcing, {loops.balancing} balancing
            {loops.truncated ? " (the search stopped early: there are more)" : ""}
          </p>
          <p className="muted an-hint">Loops of up to {loops.max_length} arrows. Click one to trace it on the map; open a box to see the loop's objectives inside.</p>
          <div className="an-filter" role="group" aria-label="Show loops">
            {(["all", "reinforcing", "balancing"] as const).map((f) => (
              <button key={f} className={`btn small ${loopFilter === f ? "primary" : ""}`} aria-pressed={loopFilter === f} onClick={() => setLoopFilter(f)}>
                {f === "all" ? "All" : f === "reinforcing" ? "R  Reinforcing" : "B  Balancing"}
              </button>
            ))}
          </div>
          {loop !== null && loops.listed[loop] && (
            <LoopDetail entry={loops.listed[loop]} index={loop} view={view} parentOf={parentOf} title={title} onNavigate={onNavigate} onClear={() => setLoop(null)} />
          )}
          <ol className="an-loops">
            {loops.listed.map((entry, index) => (loopFilter === "all" || entry.polarity === loopFilter) && (
              <li key={index}>
                <button className={`an-loop ${loop === index ? "active" : ""}`} aria-pressed={loop === index} data-loop-index={index} data-polarity={entry.polarity}
                  onClick={() => setLoop(loop === index ? null : index)}>
                  <PolarityTag polarity={entry.polarity} />
                  <span className="an-loop-len">{entry.ids.length} arrows</span>
                  <span className="an-loop-titles">{entry.ids.map(title).join(" → ")}</span>
                </button>
              </li>
            ))}
          </ol>
          {loops.listed.length < loops.count && <p className="muted">Showing the first {loops.listed.length} of {loops.count}.</p>}
        </div>
      )}

      {doc && result && section === "paths" && (
        <div className="an-section" data-section-body="paths">
          <StatementPicker label="From" statements={statements} value={pathFrom} onPick={(id) => { setPathFrom(id); setPathIndex(0); }} />
          <StatementPicker label="To" statements={statements} value={pathTo} onPick={(id) => { setPathTo(id); setPathIndex(0); }} />
          {pathFrom && pathTo && paths && (paths.length === 0
            ? <p className="an-note" role="status">No chain of arrows leads from “{title(pathFrom)}” to “{title(pathTo)}”. Try the other way round.</p>
            : (
              <>
                <p className="an-note" role="status">{paths.length === 1 ? "One shortest path" : `${paths.length}${paths.length >= 5 ? "+" : ""} shortest paths`}, {paths[0].length - 1} arrow{paths[0].length === 2 ? "" : "s"} long:</p>
                <ol className="an-paths">
                  {paths.map((p, i) => (
                    <li key={i}>
                      <button className={`an-path ${pathIndex === i ? "active" : ""}`} aria-pressed={pathIndex === i} data-path-index={i} onClick={() => setPathIndex(i)}>
                        {p.map((id, j) => <span key={id}>{j > 0 && <span className="an-arrow"> → </span>}{title(id)}</span>)}
                      </button>
                    </li>
                  ))}
                </ol>
              </>
            ))}
        </div>
      )}

      {doc && result && section === "whatif" && (
        <div className="an-section" data-section-body="whatif">
          <StatementPicker label="Push up" statements={statements.filter((s) => !drivers.includes(s.id))} value={null}
            placeholder="Search objectives to push up…" onPick={(id) => id && setDrivers((d) => [...d, id])} />
          <ul className="an-drivers" aria-label="Drivers">
            {drivers.map((id) => (
              <li key={id} className="an-chip driver" data-driver={id}>● {title(id)}
                <button aria-label={`Remove ${title(id)}`} onClick={() => setDrivers((d) => d.filter((x) => x !== id))}>×</button>
              </li>
            ))}
          </ul>
          <div className="an-actions">
            <button className="btn primary" disabled={running || drivers.length === 0} onClick={() => void runScenario()}>{running ? "Running…" : "Run what-if"}</button>
            {(drivers.length > 0 || scenario) && <button className="btn" onClick={() => { setDrivers([]); setScenario(null); setScenarioError(null); }}>Clear</button>}
          </div>
          {scenarioError && <p className="an-error" role="alert">{scenarioError}</p>}
          {scenario && (
            <>
              <ActivationLegend />
              <p className="muted an-hint">Settled after {scenario.iterations} round{scenario.iterations === 1 ? "" : "s"}. The boxes on the map carry their value.</p>
              <OutcomeBars heads={heads} scenario={scenario} title={title} />
            </>
          )}
        </div>
      )}
    </aside>
  );
}

const fmt = (v: number | undefined) => (v === undefined ? "–" : Number.isInteger(v) ? String(v) : v.toFixed(3));

function PolarityTag({ polarity }: { polarity: LoopEntry["polarity"] }) {
  return polarity === "reinforcing"
    ? <span className="an-pol r" title="Reinforcing: change in one direction grows around the loop">R</span>
    : <span className="an-pol b" title="Balancing: change is pushed back around the loop">B</span>;
}

function StatementList({ heading, ids, title, onShow, icon }: { heading: string; ids: string[]; title(id: string): string; onShow(id: string): void; icon: string }) {
  return (
    <>
      <h3 className="an-h3">{heading}</h3>
      <ul className="an-list">
        {ids.map((id) => <li key={id}><button className="an-link" onClick={() => onShow(id)}><span aria-hidden="true">{icon}</span> {title(id)}</button></li>)}
        {ids.length === 0 && <li className="muted">None.</li>}
      </ul>
    </>
  );
}

function LoopDetail({ entry, index, view, parentOf, title, onNavigate, onClear }: {
  entry: LoopEntry; index: number; view: MapView; parentOf: Map<string, string | null>;
  title(id: string): string; onNavigate(root: string): void; onClear(): void;
}) {
  const t = traceAtLevel(entry.ids, true, parentOf, view.visible, view.links);
  return (
    <div className="an-loop-detail" data-traced-loop={index} role="status">
      <div className="an-loop-head">
        <PolarityTag polarity={entry.polarity} />
        <strong>{entry.polarity === "reinforcing" ? "Reinforcing" : "Balancing"} loop of {entry.ids.length} arrows</strong>
        <button className="btn small ghost" onClick={onClear}>Clear</button>
      </div>
      <ol className="an-loop-steps">
        {entry.ids.map((id) => {
          const box = representative(id, parentOf, new Set(view.visible));
          return (
            <li key={id}>{title(id)}
              {box && box !== id && view.statements[box]?.child_count ? (
                <> <button className="an-link small" onClick={() => onNavigate(box)}>inside “{view.statements[box].title}” · open</button></>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="muted an-hint">
        Here it passes {t.boxes.length} box{t.boxes.length === 1 ? "" : "es"} and {t.links.length} arrow{t.links.length === 1 ? "" : "s"}
        {t.outside.length ? `; ${t.outside.length} of its objectives are outside this sub-map` : ""}.
        {t.outside.length > 0 && <> <button className="an-link small" onClick={() => onNavigate("top")}>Go to the top map</button></>}
      </p>
    </div>
  );
}

/** A searchable list of statements: type to filter, click or Enter to pick. */
function StatementPicker({ label, statements, value, onPick, placeholder }: {
  label: string; statements: ExportDocument["statements"]; value: string | null; onPick(id: string | null): void; placeholder?: string;
}) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const chosen = statements.find((s) => s.id === value);
  const q = query.trim().toLowerCase();
  const matches = statements.filter((s) => !q || s.title.toLowerCase().includes(q) || s.id.toLowerCase() === q)
    .sort((a, b) => a.title.localeCompare(b.title)).slice(0, 8);
  const pick = (id: string) => { onPick(id); setQuery(""); setOpen(false); };
  return (
    <div className="an-picker">
      <label>
        <span className="an-picker-label">{label}</span>
        <input type="search" value={query} placeholder={chosen ? chosen.title : placeholder ?? "Search objectives…"} aria-label={label}
          onChange={(e) => { setQuery(e.target.value); setOpen(true); }} onFocus={() => setOpen(true)}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => { if (e.key === "Enter" && matches[0]) { e.preventDefault(); pick(matches[0].id); } if (e.key === "Escape") setOpen(false); }} />
      </label>
      {chosen && <div className="an-picked">{chosen.title}</div>}
      {open && (
        <ul className="an-options" role="listbox" aria-label={`${label}: matching objectives`}>
          {matches.map((s) => (
            <li key={s.id} role="option" aria-selected={false} data-option={s.id} onMouseDown={(e) => { e.preventDefault(); pick(s.id); }}>{s.title}</li>
          ))}
          {matches.length === 0 && <li className="muted">No objective matches “{query}”.</li>}
        </ul>
      )}
    </div>
  );
}

function ActivationLegend() {
  const stops = [-1, -0.5, 0, 0.5, 1];
  return (
    <div className="an-scale" aria-label="Colour scale: red is pushed down, blue is pushed up">
      <svg width="100%" height="44" viewBox="0 0 300 44" preserveAspectRatio="none" role="img" aria-hidden="true">
        <defs>
          <linearGradient id="an-grad">
            {stops.map((v) => <stop key={v} offset={`${(v + 1) * 50}%`} stopColor={activationColour(v)} />)}
          </linearGradient>
        </defs>
        <rect x="0" y="4" width="300" height="18" rx="4" fill="url(#an-grad)" stroke="#9aa3ae" />
      </svg>
      <div className="an-scale-labels"><span>−1 down</span><span>0 no effect</span><span>+1 up</span></div>
    </div>
  );
}

/** The outcomes' activations, highest first, as horizontal bars from a zero line. */
function OutcomeBars({ heads, scenario, title }: { heads: string[]; scenario: Scenario; title(id: string): string }) {
  // A map where every objective leads on (no outcomes) ranks all objectives but the drivers:
  // the most pushed up and the most pushed down.
  const noOutcomes = heads.length === 0;
  const ids = noOutcomes ? Object.keys(scenario.activation).filter((id) => !scenario.drivers.includes(id)) : heads;
  const sorted = ids.map((id) => ({ id, value: scenario.activation[id] ?? 0 }))
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1));
  const rows = noOutcomes && sorted.length > 16 ? [...sorted.slice(0, 10), ...sorted.slice(-6)] : sorted;
  const skipped = sorted.length - rows.length;
  const rowH = 46; const labelW = 0; const width = 380; const zero = width / 2; const half = width / 2 - 56;
  return (
    <figure className="an-bars">
      <figcaption>{noOutcomes ? "Objectives most pushed up and down" : "Outcomes, most pushed up first"}</figcaption>
      {noOutcomes && <p className="muted an-hint">This map has no end points (every objective leads on to another), so the chart ranks all objectives{skipped ? `: the top 10 and bottom 6 of ${sorted.length}` : ""}.</p>}
      <svg width="100%" viewBox={`0 0 ${width} ${rows.length * rowH + 8 + (skipped ? 22 : 0)}`} role="img" aria-label="Objectives ranked by activation">
        <line x1={zero} x2={zero} y1={0} y2={rows.length * rowH + 8 + (skipped ? 22 : 0)} className="an-zero" />
        {skipped > 0 && <text x={zero} y={10 * rowH + 22} textAnchor="middle" className="an-bar-gap">{`⋮ ${skipped} more in between`}</text>}
        {rows.map((row, i) => {
          const w = Math.abs(row.value) * half; const y = i * rowH + 4 + (skipped && i >= 10 ? 22 : 0);
          return (
            <g key={row.id} className="an-bar" data-outcome={row.id} data-activation={row.value} transform={`translate(${labelW},${y})`}>
              <title>{`${title(row.id)}: ${row.value}`}</title>
              <text x={4} y={15} className="an-bar-label">{clip(title(row.id), 46)}</text>
              <rect x={row.value >= 0 ? zero : zero - w} y={21} width={Math.max(w, 1.5)} height={18} rx={3} fill={activationColour(row.value >= 0 ? Math.max(row.value, 0.35) : Math.min(row.value, -0.35))} />
              <text x={row.value >= 0 ? zero + w + 6 : zero - w - 6} y={35} textAnchor={row.value >= 0 ? "start" : "end"} className="an-bar-value">{formatActivation(row.value)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
