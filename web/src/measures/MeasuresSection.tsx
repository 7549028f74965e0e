// The details panel's "Measures" section for one statement: each measure's latest
// value, target, status and trend, a link to its page, and a form to add one.
import { useState } from "react";
import { commitMeasureOps, useProgress } from "./progressStore";
import { AddMeasureForm } from "./MeasureForm";
import { Sparkline, StatusPill } from "./Sparkline";
import { finalTarget, formatScore, formatValue, measureLabel, STATUS_COLOUR, STATUS_LABEL } from "./status";

interface Props {
  coalition: number;
  statement: string;
  readOnly?: string;
  onOpenMeasure(id: string): void;
  onImport?: () => void;
}

export function MeasuresSection({ coalition, statement, readOnly, onOpenMeasure, onImport }: Props) {
  const { measures, progress, unavailable, error, asOf } = useProgress(coalition);
  const [adding, setAdding] = useState(false);
  if (unavailable) return null;
  const mine = (measures?.measures ?? []).filter((m) => m.statement === statement);
  const rolled = progress?.statements[statement];
  return (
    <section className="panel-section measures-section" aria-label="Measures">
      <h3>Measures {rolled && rolled.status !== "no_data" && (
        <span className="rolled" style={{ color: STATUS_COLOUR[rolled.status] }} data-rolled={rolled.status}>
          · {STATUS_LABEL[rolled.status]} {formatScore(rolled.score)}</span>)}</h3>
      {error && !measures && <p className="form-problem">{error}</p>}
      {measures && mine.length === 0 && <p className="muted">No measures on this objective yet.</p>}
      <ul className="measure-list">
        {mine.map((m) => {
          const p = progress?.measures[m.id];
          const target = finalTarget(m);
          return (
            <li key={m.id} className="measure-item" data-measure={m.id}>
              <button className="linklike strong measure-link" onClick={() => onOpenMeasure(m.id)} title="Open the measure's chart and data">
                {measureLabel(m)} ›
              </button>
              <div className="measure-facts">
                <span><span className="fact-label">Latest</span> {formatValue(p?.value ?? null, m.unit)}{p?.date ? <span className="muted"> ({p.date.slice(0, 4)})</span> : null}</span>
                <span><span className="fact-label">Target</span> {target ? `${formatValue(target.value, m.unit)} by ${target.date.slice(0, 4)}` : "—"}</span>
              </div>
              <div className="measure-status-row">
                <StatusPill status={p?.status ?? "no_data"} stale={p?.stale} />
                <Sparkline points={m.points} status={p?.status ?? "no_data"} asOf={asOf} />
              </div>
            </li>
          );
        })}
      </ul>
      {!readOnly && (adding
        ? <AddMeasureForm statement={statement} onCancel={() => setAdding(false)}
            onAdd={async (measure) => { const ids = await commitMeasureOps([{ op: "add_measure", measure }], statement); if (ids) setAdding(false); return !!ids; }} />
        : <div className="panel-actions">
            <button className="btn" onClick={() => setAdding(true)}>+ Add measure</button>
            {onImport && <button className="btn" onClick={onImport}>Import data…</button>}
          </div>)}
    </section>
  );
}
