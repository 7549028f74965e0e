// The scorecard: the zoom tree as an indented, collapsible table of statements and their
// measures, with latest value, target, status (and score) and a trend sparkline.
import { useMemo, useState } from "react";
import { useProgress } from "../measures/progressStore";
import { Sparkline, StatusPill } from "../measures/Sparkline";
import { finalTarget, formatScore, formatValue, measureLabel } from "../measures/status";
import { AsOfControl } from "../progress/ProgressControls";
import { Thresholds } from "../progress/Thresholds";
import { scorecardRows } from "./tree";
import "./scorecard.css";

/** Above this many measures the scorecard starts folded. */
const LARGE = 300;
const PAGE = 500;

interface Props {
  coalition: number;
  onOpenMeasure(id: string): void;
  onShowStatement(id: string, parent: string | null): void;
  onImport?: () => void;
  readOnly?: string;
}

export function Scorecard({ coalition, onOpenMeasure, onShowStatement, onImport, readOnly }: Props) {
  const { measures, progress, tree, asOf, error } = useProgress(coalition);
  const [chosen, setCollapsed] = useState<Set<string> | null>(null);
  const [onlyMeasured, setOnlyMeasured] = useState(true);
  // Rows drawn at once (each measure row holds a sparkline): more on request.
  const [limit, setLimit] = useState(PAGE);
  const withKids = useMemo(() => {
    const parents = new Set((tree?.statements ?? []).map((s) => s.parent).filter((p): p is string => !!p));
    return (tree?.statements ?? []).filter((s) => parents.has(s.id)).map((s) => s.id);
  }, [tree]);
  // A large scorecard opens folded to its top level; a small one open.
  const collapsed = useMemo(() => chosen ?? new Set((measures?.measures.length ?? 0) > LARGE ? withKids : []), [chosen, measures, withKids]);
  const rows = useMemo(() => (tree && measures ? scorecardRows(tree.statements, measures.measures, collapsed, onlyMeasured) : []),
    [tree, measures, collapsed, onlyMeasured]);
  const parentOf = useMemo(() => new Map((tree?.statements ?? []).map((s) => [s.id, s.parent])), [tree]);
  if (!measures || !tree) return <main className="scorecard-main"><p className="muted">{error ? `Cannot load the scorecard: ${error}` : "Loading…"}</p></main>;
  const toggle = (id: string) => { const n = new Set(collapsed); if (n.has(id)) n.delete(id); else n.add(id); setCollapsed(n); };
  return (
    <main className="scorecard-main">
      <div className="scorecard-bar">
        <h1>Scorecard</h1>
        <label className="check"><input type="checkbox" checked={onlyMeasured} onChange={(e) => setOnlyMeasured(e.target.checked)} /> Only objectives with measures</label>
        <button className="btn small" onClick={() => setCollapsed(new Set())}>Expand all</button>
        <button className="btn small" onClick={() => setCollapsed(new Set(withKids))}>Collapse all</button>
        {onImport && <button className="btn small" onClick={onImport}>Import data…</button>}
        <a className="btn small" href={`/api/coalitions/${coalition}/data-points.csv`} download>Download data (CSV)</a>
        <span className="toolbar-gap" />
        <Thresholds settings={measures.settings} readOnly={readOnly} />
        <AsOfControl asOf={asOf} />
      </div>
      {measures.measures.length === 0 && <p className="muted">No measures yet: select an objective on the map and add one, or import data.</p>}
      <table className="scorecard" aria-label="Scorecard">
        <thead>
          <tr><th scope="col">Objective / measure</th><th scope="col" className="num">Latest</th><th scope="col" className="num">Target</th><th scope="col">Status</th><th scope="col" className="num">Score</th><th scope="col">Trend</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map((row) => {
            if (row.kind === "statement") {
              const p = progress?.statements[row.id];
              const open = !collapsed.has(row.id);
              const expandable = row.childCount > 0 || row.measureCount > 0;
              return (
                <tr key={`s:${row.id}`} className={`row-statement depth-${Math.min(row.depth, 6)}`} data-row-statement={row.id}>
                  <td style={{ paddingLeft: 10 + row.depth * 24 }}><div className="tree-cell">
                    {expandable ? <button className="twisty" aria-expanded={open} aria-label={`${open ? "Collapse" : "Expand"} ${row.title}`} onClick={() => toggle(row.id)}>{open ? "▾" : "▸"}</button>
                      : <span className="twisty-space" />}
                    <button className="linklike strong" onClick={() => onShowStatement(row.id, parentOf.get(row.id) ?? null)} title="Show on the map">{row.title}</button>
                    {row.measureCount > 0 && <span className="muted count">{row.measureCount} measure{row.measureCount === 1 ? "" : "s"}</span>}
                  </div></td>
                  <td /><td />
                  <td><StatusPill status={p?.status ?? "no_data"} /></td>
                  <td className="num">{formatScore(p?.score)}</td>
                  <td />
                </tr>
              );
            }
            const m = row.measure; const p = progress?.measures[m.id]; const t = finalTarget(m);
            return (
              <tr key={`m:${m.id}`} className="row-measure" data-row-measure={m.id}>
                <td style={{ paddingLeft: 10 + row.depth * 24 + 22 }}>
                  <button className="linklike" onClick={() => onOpenMeasure(m.id)}>{measureLabel(m)}</button>
                  <span className="muted kind"> {m.kind === "performance" ? "performance" : "indicator"}</span>
                </td>
                <td className="num">{formatValue(p?.value ?? null, m.unit)}{p?.date && <div className="muted small">{p.date}</div>}</td>
                <td className="num">{t ? formatValue(t.value, m.unit) : "—"}{t && <div className="muted small">by {t.date.slice(0, 4)}</div>}</td>
                <td><StatusPill status={p?.status ?? "no_data"} stale={p?.stale} /></td>
                <td className="num">{formatScore(p?.score)}</td>
                <td><Sparkline points={m.points} status={p?.status ?? "no_data"} asOf={asOf} width={120} height={32} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > limit && (
        <p className="more-rows">
          Showing {limit.toLocaleString("en-US")} of {rows.length.toLocaleString("en-US")} rows.{" "}
          <button className="btn small" onClick={() => setLimit((l) => l + PAGE * 2)}>Show {Math.min(PAGE * 2, rows.length - limit).toLocaleString("en-US")} more</button>{" "}
          <button className="btn small ghost" onClick={() => setLimit(rows.length)}>Show all</button>
        </p>
      )}
    </main>
  );
}
