// A measure's own page: its chart (data, baseline, targets, expected trajectory, at-risk
// band), exportable as PNG and SVG; its definition (targets, baseline, direction …) to
// edit; and its data as a quick-entry grid. Edits are op batches on the commit path.
import { useEffect, useRef, useState } from "react";
import { useMapStore } from "../store/mapStore";
import { RefusalNote } from "../panel/fields";
import { commitMeasureOps, useProgress } from "./progressStore";
import { download, MeasureChart, type ChartHandle } from "./MeasureChart";
import { DataGrid } from "./DataGrid";
import { StatusPill } from "./Sparkline";
import { finalTarget, formatScore, formatValue, measureLabel, normaliseDate, parseNumber } from "./status";
import type { DatedValue, MeasureFields, MeasureOp, MeasureWithPoints } from "./types";
import { AsOfControl } from "../progress/ProgressControls";
import "./measures.css";

interface Props {
  coalition: number;
  measureId: string;
  statementTitle(id: string): string;
  readOnly?: string;
  onBack(statement: string | null): void;
}

export function MeasurePage({ coalition, measureId, statementTitle, readOnly, onBack }: Props) {
  const { measures, progress, asOf, error } = useProgress(coalition);
  const refusal = useMapStore((s) => (s.refusal?.target === `measure:${measureId}` ? s.refusal.message : null));
  const chart = useRef<ChartHandle>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const measure = measures?.measures.find((m) => m.id === measureId);
  if (!measures) return <main className="measure-page"><p className="muted">{error ? `Cannot load the measures: ${error}` : "Loading…"}</p></main>;
  if (!measure) return <main className="measure-page"><p>This measure no longer exists.</p><button className="btn" onClick={() => onBack(null)}>Back to the map</button></main>;
  const p = progress?.measures[measure.id];
  const send = async (ops: MeasureOp[]) => !!(await commitMeasureOps(ops, `measure:${measure.id}`));
  const target = finalTarget(measure);
  const file = measure.name.replace(/[^\w-]+/g, "_").slice(0, 60) || measure.id;
  return (
    <main className="measure-page" data-measure-page={measure.id}>
      <div className="measure-head">
        <button className="btn small ghost" onClick={() => onBack(measure.statement)}>‹ {statementTitle(measure.statement)}</button>
        <h1>{measureLabel(measure)}</h1>
        <div className="measure-summary">
          <StatusPill status={p?.status ?? "no_data"} stale={p?.stale} />
          <span><span className="fact-label">Score</span> <strong>{formatScore(p?.score)}</strong></span>
          <span><span className="fact-label">Latest</span> <strong>{formatValue(p?.value ?? null, measure.unit)}</strong>{p?.date ? ` on ${p.date}` : ""}</span>
          <span><span className="fact-label">Goal</span> <strong>{target ? `${formatValue(target.value, measure.unit)} by ${target.date}` : "none yet"}</strong></span>
          <span className="muted">{measure.direction === "down" ? "Lower is better" : "Higher is better"}</span>
          <span className="toolbar-gap" />
          <AsOfControl asOf={asOf} />
        </div>
      </div>
      <RefusalNote message={refusal} />
      <section className="chart-card">
        <div className="chart-actions">
          <button className="btn small" onClick={async () => download(await chart.current!.png(), `${file}.png`)}>Export PNG</button>
          <button className="btn small" onClick={() => download(new Blob([chart.current!.svg()], { type: "image/svg+xml" }), `${file}.svg`)}>Export SVG</button>
        </div>
        <MeasureChart ref={chart} measure={measure} settings={measures.settings} asOf={asOf} />
      </section>
      <div className="measure-columns">
        <DataGrid measure={measure} readOnly={readOnly} send={send} />
        <section className="definition" aria-label="Definition">
          <h2>Targets and definition</h2>
          <MeasureDefinition key={`${measure.id}@${measures.revision}`} measure={measure} readOnly={readOnly} send={send} />
          {!readOnly && (confirmRemove ? (
            <div className="confirm" role="alertdialog" aria-label="Remove measure">
              <p>Remove “{measure.name}” and its {measure.points.length} data points? (Undo brings them back.)</p>
              <div className="panel-actions">
                <button className="btn danger" onClick={async () => { if (await send([{ op: "remove_measure", id: measure.id }])) onBack(measure.statement); }}>Remove measure</button>
                <button className="btn" onClick={() => setConfirmRemove(false)}>Keep it</button>
              </div>
            </div>
          ) : <button className="btn danger-outline" onClick={() => setConfirmRemove(true)}>Remove measure…</button>)}
        </section>
      </div>
    </main>
  );
}

type Row = { date: string; value: string };

/** The definition form; Save sends one update_measure with the fields that changed. */
function MeasureDefinition({ measure, readOnly, send }: { measure: MeasureWithPoints; readOnly?: string; send(ops: MeasureOp[]): Promise<boolean> }) {
  const initial = () => ({
    name: measure.name, description: measure.description ?? "", unit: measure.unit ?? "", direction: measure.direction, kind: measure.kind ?? "population",
    baseline: { date: measure.baseline.date, value: String(measure.baseline.value) },
    targets: [...measure.targets].sort((a, b) => (a.date < b.date ? -1 : 1)).map((t) => ({ date: t.date, value: String(t.value) })),
    period_days: String(measure.period_days ?? 365), data_source: measure.data_source ?? "", weight: String(measure.weight ?? 1), group: measure.group ?? "",
  });
  const [f, setF] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { if (saved) { const t = window.setTimeout(() => setSaved(false), 2500); return () => window.clearTimeout(t); } }, [saved]);
  const text = (k: "name" | "description" | "unit" | "period_days" | "data_source" | "weight" | "group") =>
    ({ value: f[k], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.target.value }) });
  const dated = (row: Row, what: string): DatedValue | string => {
    const date = normaliseDate(row.date); const value = parseNumber(row.value);
    if (!date) return `${what}: “${row.date}” is not a date (YYYY-MM-DD or a year).`;
    if (value === null) return `${what}: “${row.value}” is not a number.`;
    return { date, value };
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const set: MeasureFields = {};
    if (!f.name.trim()) { setProblem("A measure needs a name."); return; }
    const baseline = dated(f.baseline, "Baseline"); if (typeof baseline === "string") { setProblem(baseline); return; }
    const targets: DatedValue[] = [];
    for (const [i, row] of f.targets.entries()) {
      if (!row.date.trim() && !row.value.trim()) continue;
      const t = dated(row, `Target ${i + 1}`); if (typeof t === "string") { setProblem(t); return; }
      if (targets.some((x) => x.date === t.date)) { setProblem(`Two targets on ${t.date}.`); return; }
      targets.push(t);
    }
    const period = parseNumber(f.period_days); const weight = parseNumber(f.weight);
    if (period === null || period <= 0) { setProblem("The reporting period is a number of days above 0."); return; }
    if (weight === null || weight < 0) { setProblem("The weight is a number, 0 or more."); return; }
    if (f.name.trim() !== measure.name) set.name = f.name.trim();
    if (f.description !== (measure.description ?? "")) set.description = f.description;
    if (f.unit !== (measure.unit ?? "")) set.unit = f.unit;
    if (f.direction !== measure.direction) set.direction = f.direction;
    if (f.kind !== (measure.kind ?? "population")) set.kind = f.kind;
    if (baseline.date !== measure.baseline.date || baseline.value !== measure.baseline.value) set.baseline = baseline;
    const sortedOld = [...measure.targets].sort((a, b) => (a.date < b.date ? -1 : 1));
    targets.sort((a, b) => (a.date < b.date ? -1 : 1));
    if (JSON.stringify(targets) !== JSON.stringify(sortedOld.map((t) => ({ date: t.date, value: t.value })))) set.targets = targets;
    if (Math.round(period) !== (measure.period_days ?? 365)) set.period_days = Math.round(period);
    if (f.data_source !== (measure.data_source ?? "")) set.data_source = f.data_source;
    if (weight !== (measure.weight ?? 1)) set.weight = weight;
    if (f.group.trim() !== (measure.group ?? "")) set.group = f.group.trim() || null;
    setProblem(null);
    if (Object.keys(set).length === 0) { setSaved(true); return; }
    if (await send([{ op: "update_measure", id: measure.id, set }])) setSaved(true);
  };
  const setRow = (i: number, patch: Partial<Row>) => setF({ ...f, targets: f.targets.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  return (
    <form className="definition-form" onSubmit={save} aria-label="Measure definition">
      <fieldset disabled={!!readOnly} title={readOnly}>
        <label className="field"><span className="field-label">Name</span><input {...text("name")} /></label>
        <div className="field-row">
          <label className="field"><span className="field-label">Unit</span><input {...text("unit")} /></label>
          <label className="field"><span className="field-label">Better when</span>
            <select value={f.direction} onChange={(e) => setF({ ...f, direction: e.target.value as "up" | "down" })}><option value="up">higher ↑</option><option value="down">lower ↓</option></select></label>
        </div>
        <fieldset className="dated-rows">
          <legend className="field-label">Baseline</legend>
          <div className="dated-row two">
            <input aria-label="Baseline date" value={f.baseline.date} onChange={(e) => setF({ ...f, baseline: { ...f.baseline, date: e.target.value } })} />
            <input aria-label="Baseline value" inputMode="decimal" value={f.baseline.value} onChange={(e) => setF({ ...f, baseline: { ...f.baseline, value: e.target.value } })} />
          </div>
        </fieldset>
        <fieldset className="dated-rows">
          <legend className="field-label">Targets</legend>
          {f.targets.map((t, i) => (
            <div className="dated-row" key={i}>
              <input aria-label={`Target ${i + 1} date`} value={t.date} onChange={(e) => setRow(i, { date: e.target.value })} />
              <input aria-label={`Target ${i + 1} value`} inputMode="decimal" value={t.value} onChange={(e) => setRow(i, { value: e.target.value })} />
              <button type="button" className="btn small ghost" aria-label={`Remove target ${i + 1}`} onClick={() => setF({ ...f, targets: f.targets.filter((_, j) => j !== i) })}>×</button>
            </div>
          ))}
          <button type="button" className="btn small" onClick={() => setF({ ...f, targets: [...f.targets, { date: "", value: "" }] })}>+ Target</button>
        </fieldset>
        <div className="field-row">
          <label className="field"><span className="field-label">Kind</span>
            <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as "population" | "performance" })}>
              <option value="population">Population indicator</option><option value="performance">Performance measure</option></select></label>
          <label className="field"><span className="field-label">Reported every (days)</span><input inputMode="numeric" {...text("period_days")} /></label>
        </div>
        <div className="field-row">
          <label className="field"><span className="field-label">Weight in the roll-up</span><input inputMode="decimal" {...text("weight")} /></label>
          <label className="field"><span className="field-label">Group (e.g. locality)</span><input {...text("group")} /></label>
        </div>
        <label className="field"><span className="field-label">Data source</span><input {...text("data_source")} /></label>
        <label className="field"><span className="field-label">Description</span><textarea rows={3} {...text("description")} /></label>
        {problem && <p className="form-problem" role="alert">{problem}</p>}
        <div className="panel-actions">
          <button className="btn primary" type="submit">Save definition</button>
          <button className="btn" type="button" onClick={() => { setF(initial()); setProblem(null); }}>Reset</button>
          {saved && <span className="saved-note" role="status">Saved</span>}
        </div>
      </fieldset>
    </form>
  );
}
