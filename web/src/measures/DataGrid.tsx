// A measure's data table as a quick-entry grid: edit a cell and press Enter (or leave
// it), type a new row at the bottom, delete rows, or paste rows from a spreadsheet.
// Every edit is one batch of ops through the commit path.
import { useEffect, useState } from "react";
import type { MeasureOp, MeasureWithPoints } from "./types";
import { formatValue, normaliseDate, parseNumber } from "./status";
import { parsePastedRows, type PastedRows } from "./paste";

interface Props {
  measure: MeasureWithPoints;
  readOnly?: string;
  send(ops: MeasureOp[]): Promise<boolean>;
}

type Draft = { date: string; value: string; note: string };

export function DataGrid({ measure, readOnly, send }: Props) {
  const points = [...measure.points].sort((a, b) => (a.date < b.date ? 1 : -1));
  const [fresh, setFresh] = useState<Draft>({ date: "", value: "", note: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const [pasted, setPasted] = useState<PastedRows | null>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState("");

  const addFresh = async () => {
    const date = normaliseDate(fresh.date); const value = parseNumber(fresh.value);
    if (!date) { setProblem(`“${fresh.date}” is not a date (YYYY-MM-DD or a year).`); return; }
    if (value === null) { setProblem(`“${fresh.value}” is not a number.`); return; }
    if (measure.points.some((p) => p.date === date) && !window.confirm(`There is already a value for ${date}. Replace it?`)) return;
    setProblem(null);
    if (await send([{ op: "set_data_points", measure: measure.id, points: [{ date, value, note: fresh.note }] }])) setFresh({ date: "", value: "", note: "" });
  };

  const onPaste = (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData("text/plain");
    if (!/[\n\t]/.test(text.trim())) return;  // one cell: let the input take it
    e.preventDefault();
    setPasted(parsePastedRows(text));
  };

  return (
    <section className="data-grid-section" aria-label="Data">
      <div className="section-head">
        <h2>Data <span className="muted">({measure.points.length} point{measure.points.length === 1 ? "" : "s"})</span></h2>
        {!readOnly && <button className="btn small" onClick={() => setPasteOpen((o) => !o)} aria-expanded={pasteOpen}>Paste rows from a spreadsheet</button>}
      </div>
      {pasteOpen && !readOnly && (
        <div className="paste-box">
          <label className="field"><span className="field-label">Paste two or three columns: date (or year), value, note</span>
            <textarea rows={5} value={pasteText} onChange={(e) => setPasteText(e.target.value)} placeholder={"2019\t4.5\n2020\t4.1\tprovisional"} /></label>
          <button className="btn" onClick={() => setPasted(parsePastedRows(pasteText))} disabled={!pasteText.trim()}>Check rows</button>
        </div>
      )}
      {pasted && (
        <div className="paste-preview" role="status" aria-label="Pasted rows">
          <p><strong>{pasted.points.length}</strong> row{pasted.points.length === 1 ? "" : "s"} to save
            {pasted.points.filter((p) => measure.points.some((q) => q.date === p.date)).length > 0 && ` (${pasted.points.filter((p) => measure.points.some((q) => q.date === p.date)).length} replace existing values)`}
            {pasted.skipped.length > 0 && `, ${pasted.skipped.length} skipped:`}</p>
          {pasted.skipped.length > 0 && <ul className="skipped">{pasted.skipped.slice(0, 20).map((s) => <li key={s.line}>line {s.line}: {s.reason}</li>)}</ul>}
          <div className="panel-actions">
            <button className="btn primary" disabled={pasted.points.length === 0}
              onClick={async () => { if (await send([{ op: "set_data_points", measure: measure.id, points: pasted.points }])) { setPasted(null); setPasteText(""); setPasteOpen(false); } }}>
              Save {pasted.points.length} row{pasted.points.length === 1 ? "" : "s"}</button>
            <button className="btn" onClick={() => setPasted(null)}>Discard</button>
          </div>
        </div>
      )}
      {problem && <p className="form-problem" role="alert">{problem}</p>}
      <table className="data-grid" onPaste={readOnly ? undefined : onPaste}>
        <thead><tr><th scope="col">Date</th><th scope="col" className="num">Value{measure.unit ? ` (${measure.unit})` : ""}</th><th scope="col">Note</th><th scope="col">Entered by</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {!readOnly && (
            <tr className="new-row">
              <td><input aria-label="New date" placeholder="YYYY-MM-DD or year" value={fresh.date} onChange={(e) => setFresh({ ...fresh, date: e.target.value })}
                onKeyDown={(e) => { if (e.key === "Enter") void addFresh(); }} /></td>
              <td className="num"><input aria-label="New value" inputMode="decimal" placeholder="value" value={fresh.value} onChange={(e) => setFresh({ ...fresh, value: e.target.value })}
                onKeyDown={(e) => { if (e.key === "Enter") void addFresh(); }} /></td>
              <td><input aria-label="New note" placeholder="note (optional)" value={fresh.note} onChange={(e) => setFresh({ ...fresh, note: e.target.value })}
                onKeyDown={(e) => { if (e.key === "Enter") void addFresh(); }} /></td>
              <td />
              <td><button className="btn small primary" onClick={() => void addFresh()}>Add</button></td>
            </tr>
          )}
          {points.map((p) => (
            <DataRow key={p.date} measure={measure} point={p} readOnly={readOnly} send={send} onProblem={setProblem} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DataRow({ measure, point, readOnly, send, onProblem }: { measure: MeasureWithPoints; point: MeasureWithPoints["points"][number]; readOnly?: string;
  send(ops: MeasureOp[]): Promise<boolean>; onProblem(p: string | null): void }) {
  const shown = { date: point.date, value: String(point.value), note: point.note ?? "" };
  const [draft, setDraft] = useState<Draft>(shown);
  // Shown rounded for reading; the full stored value while the cell is being edited.
  const [editingValue, setEditingValue] = useState(false);
  useEffect(() => { setDraft({ date: point.date, value: String(point.value), note: point.note ?? "" }); }, [point.date, point.value, point.note]);
  const save = async () => {
    if (draft.date === shown.date && draft.value === shown.value && draft.note === shown.note) return;
    const date = normaliseDate(draft.date); const value = parseNumber(draft.value);
    if (!date) { onProblem(`“${draft.date}” is not a date (YYYY-MM-DD or a year).`); return; }
    if (value === null) { onProblem(`“${draft.value}” is not a number.`); return; }
    onProblem(null);
    const ops: MeasureOp[] = [];
    if (date !== point.date) ops.push({ op: "remove_data_points", measure: measure.id, dates: [point.date] });
    ops.push({ op: "set_data_points", measure: measure.id, points: [{ date, value, note: draft.note }] });
    if (!(await send(ops))) setDraft(shown);
  };
  if (readOnly) return (
    <tr data-point={point.date}><td>{point.date}</td><td className="num">{formatValue(point.value)}</td><td>{point.note}</td><td className="muted">{point.entered_by}</td><td /></tr>
  );
  const keys = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") { e.preventDefault(); void save(); }
    if (e.key === "Escape") setDraft(shown);
  };
  return (
    <tr data-point={point.date}>
      <td><input aria-label={`Date of ${point.date}`} value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} onBlur={() => void save()} onKeyDown={keys} /></td>
      <td className="num"><input aria-label={`Value on ${point.date}`} inputMode="decimal" title={String(point.value)}
        value={!editingValue && draft.value === shown.value ? formatValue(point.value).replace(/,/g, "") : draft.value}
        onFocus={() => setEditingValue(true)} onChange={(e) => setDraft({ ...draft, value: e.target.value })}
        onBlur={() => { setEditingValue(false); void save(); }} onKeyDown={keys} /></td>
      <td><input aria-label={`Note on ${point.date}`} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} onBlur={() => void save()} onKeyDown={keys} /></td>
      <td className="muted">{point.entered_by}</td>
      <td><button className="btn small danger-outline" aria-label={`Delete the value of ${point.date}`}
        onClick={() => void send([{ op: "remove_data_points", measure: measure.id, dates: [point.date] }])}>Delete</button></td>
    </tr>
  );
}
