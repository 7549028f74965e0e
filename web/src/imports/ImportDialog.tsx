// Importing data points from a CSV or XLSX file as people have it (long format: a date
// or year column, a value column, optionally a group column such as a locality):
// choose the file, pick the columns in a preview of its first rows, see what will be
// created (one measure per group, point counts, skipped rows with their line), then
// commit it all as one batch. The server parses and checks; the browser only reads
// the file (XLSX → CSV) and shows progress.
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, csrfHeaders, describeProblem } from "../api/client";
import type { Problem } from "../api/types";
import { measuresApi } from "../measures/api";
import type { Direction, ImportColumns, ImportCommitted, ImportPreview, ImportRequest, MeasureKind } from "../measures/types";
import type { TreeStatement } from "../measures/progressStore";
import { getState as getMapState, refresh } from "../store/mapStore";
import { readAsCsv } from "./files";
import "./imports.css";

interface Props {
  coalition: number;
  statements: TreeStatement[];
  /** The objective the measures go on, preselected. */
  statement: string | null;
  onClose(): void;
  onDone(result: ImportCommitted): void;
}

type LineError = { line?: number; column?: string; reason?: string };

function lineErrors(error: unknown): LineError[] | null {
  if (!(error instanceof ApiError)) return null;
  const errors = (error.problem as Problem & { errors?: LineError[] }).errors;
  return errors?.length ? errors : null;
}

/** POSTs with upload progress (XHR: fetch cannot report it), for long files. */
function postWithProgress<T>(url: string, body: string, onUpload: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/json");
    xhr.setRequestHeader("accept", "application/json");
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onUpload(e.loaded / e.total); };
    xhr.onload = () => {
      let parsed: unknown = null;
      try { parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { parsed = { detail: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(new ApiError(xhr.status, (parsed ?? {}) as Problem));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: "The server cannot be reached. Check your connection and try again." }));
    xhr.send(body);
  });
}

export function ImportDialog({ coalition, statements, statement, onClose, onDone }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [reading, setReading] = useState<number | null>(null);
  const [columns, setColumns] = useState<ImportColumns | null>(null);
  const [choice, setChoice] = useState({ date: "", value: "", group: "", yearAs: "end" as "end" | "start" });
  const [target, setTarget] = useState(statement ?? statements[0]?.id ?? "");
  const [measure, setMeasure] = useState({ name: "", unit: "", direction: "down" as Direction, kind: "population" as MeasureKind, period: "365" });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [errors, setErrors] = useState<LineError[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === "Escape" && !busy) onClose(); };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, onClose]);
  useEffect(() => {
    if (!busy) return;
    const started = Date.now(); setElapsed(0);
    const timer = window.setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 500);
    return () => window.clearInterval(timer);
  }, [busy]);

  const base = (): ImportRequest => ({ format: "csv", content: content ?? "" });
  const chosen = (): ImportRequest => ({
    ...base(), date_column: choice.date, value_column: choice.value, group_column: choice.group || null, year_as: choice.yearAs, statement: target,
    measure: { name: measure.name.trim() || file?.name.replace(/\.\w+$/, "") || "Imported measure", unit: measure.unit.trim(), direction: measure.direction,
      kind: measure.kind, period_days: Math.max(1, Number(measure.period) || 365) },
  });

  const fail = (error: unknown) => {
    const lines = lineErrors(error);
    setErrors(lines);
    setProblem(lines ? `The file cannot be imported: ${lines.length} problem${lines.length === 1 ? "" : "s"} (nothing was stored).` : error instanceof Error ? error.message : String(error));
  };

  const choose = async (f: File | null) => {
    setFile(f); setContent(null); setColumns(null); setPreview(null); setErrors(null); setProblem(null);
    if (!f) return;
    try {
      setReading(0);
      const text = await readAsCsv(f, setReading);
      setReading(null); setContent(text);
      setBusy("Reading the columns…");
      const answer = await measuresApi.importDataPoints<ImportColumns>(coalition, { format: "csv", content: text });
      setColumns(answer);
      setChoice((c) => ({ ...c, date: answer.guess.date_column ?? "", value: answer.guess.value_column ?? "", group: answer.guess.group_column ?? "" }));
      setMeasure((m) => ({ ...m, name: m.name || f.name.replace(/\.\w+$/, "").replace(/[_-]+/g, " ") }));
    } catch (error) { setReading(null); fail(error); }
    finally { setBusy(null); }
  };

  const runPreview = async () => {
    if (!content || !choice.date || !choice.value) { setProblem("Pick the date and value columns first."); return; }
    setBusy("Checking every row…"); setProblem(null); setErrors(null); setPreview(null);
    try { setPreview(await measuresApi.importDataPoints<ImportPreview>(coalition, { ...chosen(), commit: false })); }
    catch (error) { fail(error); }
    finally { setBusy(null); }
  };

  const runCommit = async () => {
    if (!preview) return;
    setBusy("Importing…"); setProblem(null); setErrors(null); setUpload(0);
    try {
      const body = JSON.stringify({ ...chosen(), commit: true, base_revision: getMapState().serverView?.revision });
      const result = await postWithProgress<ImportCommitted>(`/api/coalitions/${coalition}/imports/data-points`, body, setUpload);
      await refresh();
      onDone(result);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setProblem(`Someone changed the map meanwhile; check the preview again. (${describeProblem(error.problem, 409)})`);
      else fail(error);
    } finally { setBusy(null); setUpload(null); }
  };

  const total = useMemo(() => preview?.measures.reduce((n, m) => n + m.points, 0) ?? 0, [preview]);
  const options = columns?.columns ?? [];

  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget && !busy) onClose(); }}>
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-label="Import data points" ref={dialog}>
        <button className="panel-close" aria-label="Close" onClick={onClose} disabled={!!busy}>×</button>
        <h2>Import data</h2>
        <p className="muted">A CSV or Excel (.xlsx) file in long format: one row per date (or year) and value, optionally a column that groups rows (e.g. a locality): each group becomes its own measure.</p>
        <label className="field file-field">
          <span className="field-label">File</span>
          <input type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="File to import" onChange={(e) => void choose(e.target.files?.[0] ?? null)} disabled={!!busy} />
        </label>
        {reading !== null && <Progress label={`Reading ${file?.name ?? "the file"}…`} fraction={reading} />}

        {columns && (
          <>
            <h3>First rows</h3>
            <div className="preview-table-wrap">
              <table className="preview-table" aria-label="First rows of the file">
                <thead><tr>{options.map((c) => (
                  <th key={c} className={c === choice.date ? "col-date" : c === choice.value ? "col-value" : c === choice.group ? "col-group" : ""}>
                    {c}{c === choice.date ? " · date" : c === choice.value ? " · value" : c === choice.group ? " · group" : ""}</th>))}</tr></thead>
                <tbody>{columns.sample.slice(0, 8).map((row, i) => <tr key={i}>{options.map((_, j) => <td key={j}>{row[j] ?? ""}</td>)}</tr>)}</tbody>
              </table>
            </div>
            <div className="column-picks">
              <ColumnPick label="Date or year column" value={choice.date} options={options} onChange={(v) => { setChoice({ ...choice, date: v }); setPreview(null); }} />
              <ColumnPick label="Value column" value={choice.value} options={options} onChange={(v) => { setChoice({ ...choice, value: v }); setPreview(null); }} />
              <ColumnPick label="Group column" value={choice.group} options={options} none="— none: one measure —" onChange={(v) => { setChoice({ ...choice, group: v }); setPreview(null); }} />
              <label className="field"><span className="field-label">A year means</span>
                <select value={choice.yearAs} onChange={(e) => { setChoice({ ...choice, yearAs: e.target.value as "end" | "start" }); setPreview(null); }}>
                  <option value="end">its last day (Dec 31)</option><option value="start">its first day (Jan 1)</option></select></label>
            </div>
            <h3>The measure{choice.group ? "s (one per group)" : ""}</h3>
            <div className="column-picks">
              <label className="field wide"><span className="field-label">On objective</span>
                <select aria-label="On objective" value={target} onChange={(e) => { setTarget(e.target.value); setPreview(null); }}>
                  {statements.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}</select></label>
              <label className="field wide"><span className="field-label">Name</span><input aria-label="Measure name" value={measure.name} onChange={(e) => setMeasure({ ...measure, name: e.target.value })} /></label>
              <label className="field"><span className="field-label">Unit</span><input aria-label="Unit" value={measure.unit} onChange={(e) => setMeasure({ ...measure, unit: e.target.value })} placeholder="e.g. per 1,000" /></label>
              <label className="field"><span className="field-label">Better when</span>
                <select value={measure.direction} onChange={(e) => setMeasure({ ...measure, direction: e.target.value as Direction })}><option value="up">higher ↑</option><option value="down">lower ↓</option></select></label>
              <label className="field"><span className="field-label">Kind</span>
                <select value={measure.kind} onChange={(e) => setMeasure({ ...measure, kind: e.target.value as MeasureKind })}><option value="population">Population indicator</option><option value="performance">Performance measure</option></select></label>
              <label className="field"><span className="field-label">Reported every (days)</span><input inputMode="numeric" value={measure.period} onChange={(e) => setMeasure({ ...measure, period: e.target.value })} /></label>
            </div>
            <div className="panel-actions">
              <button className="btn primary" onClick={() => void runPreview()} disabled={!!busy || !choice.date || !choice.value}>Preview</button>
            </div>
          </>
        )}

        {problem && <div className="import-problem" role="alert"><strong>{problem}</strong>
          {errors && <ul className="line-errors">{errors.slice(0, 50).map((e, i) => (
            <li key={i} data-line={e.line}>{e.line !== undefined ? <strong>{e.line === 0 ? "the file" : `line ${e.line}`}</strong> : null}{e.column ? ` (${e.column})` : ""}: {e.reason}</li>))}
            {errors.length > 50 && <li>… and {errors.length - 50} more</li>}</ul>}
        </div>}

        {preview && (
          <section className="import-preview" aria-label="What will be created">
            <h3>What will be created</h3>
            <p><strong>{preview.measures.length}</strong> measure{preview.measures.length === 1 ? "" : "s"} with <strong>{total.toLocaleString("en-US")}</strong> data point{total === 1 ? "" : "s"} from {preview.rows.toLocaleString("en-US")} row{preview.rows === 1 ? "" : "s"}{preview.skipped.length ? `; ${preview.skipped.length} row${preview.skipped.length === 1 ? "" : "s"} skipped` : ""}.</p>
            <div className="groups-wrap"><table className="preview-table groups" aria-label="Measures to create">
              <thead><tr><th>{choice.group || "Measure"}</th><th className="num">Points</th><th>From</th><th>To</th></tr></thead>
              <tbody>{preview.measures.map((m) => (
                <tr key={m.group ?? ""} data-group={m.group ?? ""}><td>{m.group ?? measure.name}</td><td className="num">{m.points}</td><td>{m.first_date}</td><td>{m.last_date}</td></tr>))}</tbody>
            </table></div>
            {preview.skipped.length > 0 && (
              <>
                <h3>Skipped rows</h3>
                <ul className="line-errors">{preview.skipped.slice(0, 50).map((s) => <li key={s.line} data-line={s.line}><strong>line {s.line}</strong>: {s.reason}</li>)}
                  {preview.skipped.length > 50 && <li>… and {preview.skipped.length - 50} more</li>}</ul>
              </>
            )}
            <div className="panel-actions">
              <button className="btn primary" onClick={() => void runCommit()} disabled={!!busy || total === 0}>Import {total.toLocaleString("en-US")} data points</button>
              <button className="btn" onClick={onClose} disabled={!!busy}>Cancel</button>
            </div>
          </section>
        )}
        {busy && (
          <div className="import-busy" role="status">
            {upload !== null && upload < 1 ? <Progress label="Sending the file…" fraction={upload} />
              : <Progress label={`${busy}${elapsed >= 2 ? ` ${elapsed} s` : ""}`} fraction={null} />}
          </div>
        )}
      </div>
    </div>
  );
}

function ColumnPick({ label, value, options, none, onChange }: { label: string; value: string; options: string[]; none?: string; onChange(v: string): void }) {
  return (
    <label className="field"><span className="field-label">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none ?? "— choose —"}</option>
        {options.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </label>
  );
}

function Progress({ label, fraction }: { label: string; fraction: number | null }) {
  return (
    <div className="progress-line">
      <span>{label}{fraction !== null ? ` ${Math.round(fraction * 100)}%` : ""}</span>
      <progress max={1} value={fraction ?? undefined} aria-label={label} />
    </div>
  );
}
