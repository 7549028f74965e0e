// Adding a measure to a statement: the fields the status needs (name, unit, direction,
// baseline, a target) with sensible defaults; the rest is edited on the measure page.
import { useState } from "react";
import type { Direction, MeasureKind, NewMeasure } from "./types";
import { normaliseDate, parseNumber, todayIso } from "./status";

export function validateNewMeasure(f: { name: string; baselineDate: string; baselineValue: string; targetDate: string; targetValue: string }): string | null {
  if (!f.name.trim()) return "A measure needs a name.";
  if (!normaliseDate(f.baselineDate)) return "The baseline needs a date (YYYY-MM-DD or a year).";
  if (parseNumber(f.baselineValue) === null) return "The baseline needs a number.";
  if (f.targetDate.trim() || f.targetValue.trim()) {
    if (!normaliseDate(f.targetDate)) return "The target needs a date (YYYY-MM-DD or a year).";
    if (parseNumber(f.targetValue) === null) return "The target needs a number.";
  }
  return null;
}

export function AddMeasureForm({ statement, onAdd, onCancel }: { statement: string; onAdd(m: NewMeasure): Promise<boolean>; onCancel(): void }) {
  const year = Number(todayIso().slice(0, 4));
  const [f, setF] = useState({ name: "", unit: "", direction: "up" as Direction, kind: "population" as MeasureKind,
    baselineDate: `${year - 1}-12-31`, baselineValue: "", targetDate: `${year + 4}-12-31`, targetValue: "", period: "365", group: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const bad = validateNewMeasure(f);
    if (bad) { setProblem(bad); return; }
    setBusy(true); setProblem(null);
    const target = f.targetDate.trim() ? [{ date: normaliseDate(f.targetDate)!, value: parseNumber(f.targetValue)! }] : [];
    const ok = await onAdd({
      statement, name: f.name.trim(), unit: f.unit.trim(), direction: f.direction, kind: f.kind, description: "",
      baseline: { date: normaliseDate(f.baselineDate)!, value: parseNumber(f.baselineValue)! }, targets: target,
      period_days: Math.max(1, Math.round(parseNumber(f.period) ?? 365)), data_source: "", weight: 1, group: f.group.trim() || null,
    });
    setBusy(false);
    if (!ok) setProblem("The server refused the measure; see the message above.");
  };
  return (
    <form className="measure-form" onSubmit={submit} aria-label="New measure">
      <label className="field"><span className="field-label">Name</span><input autoFocus value={f.name} onChange={set("name")} placeholder="Children in foster care" /></label>
      <div className="field-row">
        <label className="field"><span className="field-label">Unit</span><input value={f.unit} onChange={set("unit")} placeholder="e.g. per 1,000" /></label>
        <label className="field"><span className="field-label">Better when</span>
          <select value={f.direction} onChange={set("direction")}><option value="up">higher ↑</option><option value="down">lower ↓</option></select></label>
      </div>
      <div className="field-row">
        <label className="field"><span className="field-label">Baseline date</span><input value={f.baselineDate} onChange={set("baselineDate")} /></label>
        <label className="field"><span className="field-label">Baseline value</span><input inputMode="decimal" value={f.baselineValue} onChange={set("baselineValue")} /></label>
      </div>
      <div className="field-row">
        <label className="field"><span className="field-label">Target date</span><input value={f.targetDate} onChange={set("targetDate")} /></label>
        <label className="field"><span className="field-label">Target value</span><input inputMode="decimal" value={f.targetValue} onChange={set("targetValue")} /></label>
      </div>
      <div className="field-row">
        <label className="field"><span className="field-label">Kind</span>
          <select value={f.kind} onChange={set("kind")}><option value="population">Population indicator</option><option value="performance">Performance measure</option></select></label>
        <label className="field"><span className="field-label">Reported every (days)</span><input inputMode="numeric" value={f.period} onChange={set("period")} /></label>
      </div>
      {problem && <p className="form-problem" role="alert">{problem}</p>}
      <div className="panel-actions">
        <button className="btn primary" type="submit" disabled={busy}>{busy ? "Adding…" : "Add measure"}</button>
        <button className="btn" type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
