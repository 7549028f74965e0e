// The History view: the change log in sentences (who, when, what) with filters; undo and
// redo of one's own changes; "view the map at this revision" (read-only, with a banner
// and a way back); named versions; and the difference between two revisions, as a list
// and on the map (green added, amber changed, red removed, each with a symbol too; removed
// statements as dashed ghost boxes where they lived, diffed links as coloured arrows).
import { useCallback, useEffect, useMemo, useState } from "react";
import { useMapStore } from "../store/mapStore";
import { historyApi, type HistoryEntry, type HistoryFilters, type MapDiff, type Version } from "./api";
import { PastMap, type DiffMark } from "./PastMap";
import { undoLast } from "./useUndoKeys";
import "./history.css";

type Pane = { kind: "none" } | { kind: "travel"; revision: number } | { kind: "diff"; diff: MapDiff };

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const SYMBOL: Record<string, string> = { added: "+", removed: "−", moved: "~", renamed: "~", "re-rated": "~", changed: "~" };
const markOf = (changes: string[]): DiffMark => (changes.includes("added") ? "added" : changes.includes("removed") ? "removed" : "changed");

export function HistoryView({ coalition }: { coalition: number }) {
  const refusal = useMapStore((s) => (s.refusal?.target === "map" ? s.refusal.message : null));
  const revisionNow = useMapStore((s) => s.serverView?.revision ?? 0);
  const [filters, setFilters] = useState<HistoryFilters>({});
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [versions, setVersions] = useState<Version[]>([]);
  const [pane, setPane] = useState<Pane>({ kind: "none" });
  const [error, setError] = useState<string | null>(null);
  const [compare, setCompare] = useState<{ from: string; to: string }>({ from: "", to: "" });
  const [versionName, setVersionName] = useState("");
  const [versionRevision, setVersionRevision] = useState("");

  const load = useCallback(async () => {
    try {
      const page = await historyApi.history(coalition, filters);
      setEntries(page.entries); setNext(page.next_before); setError(null);
      setVersions(await historyApi.versions(coalition));
    } catch (e) { setError((e as Error).message); }
  }, [coalition, filters]);
  useEffect(() => { void load(); }, [load, revisionNow]);

  const more = async () => {
    if (next === null) return;
    const page = await historyApi.history(coalition, { ...filters, before: next });
    setEntries((old) => [...old, ...page.entries]); setNext(page.next_before);
  };
  const act = async (redo: boolean, revision?: number) => { if (await undoLast(coalition, redo, revision)) await load(); };
  const runDiff = async (from: number, to: number) => {
    try { setPane({ kind: "diff", diff: await historyApi.diff(coalition, from, to) }); setError(null); }
    catch (e) { setError((e as Error).message); }
  };
  const nameVersion = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await historyApi.createVersion(coalition, versionName, versionRevision ? Number(versionRevision) : revisionNow);
      setVersionName(""); setVersionRevision(""); setError(null); await load();
    } catch (e) { setError((e as Error).message); }
  };

  const marks = useMemo(() => {
    if (pane.kind !== "diff") return undefined;
    const out: Record<string, DiffMark> = {};
    for (const item of pane.diff.items) if (item.kind === "statement") out[item.id] = markOf(item.changes);
    return out;
  }, [pane]);
  const revisionChoices = useMemo(() => {
    const seen = new Set<number>(); const out: { value: number; label: string }[] = [];
    for (const v of versions) if (!seen.has(v.revision)) { seen.add(v.revision); out.push({ value: v.revision, label: `“${v.name}” (revision ${v.revision})` }); }
    for (const e of entries) if (!seen.has(e.revision)) { seen.add(e.revision); out.push({ value: e.revision, label: `revision ${e.revision} · ${e.author}` }); }
    if (!seen.has(0)) out.push({ value: 0, label: "revision 0 (empty map)" });
    return out;
  }, [versions, entries]);

  return (
    <div className="history-view">
      <section className="history-side" aria-label="History">
        <div className="history-actions">
          <button className="btn" onClick={() => void act(false)} title="Undo your last change (Ctrl+Z on the map)">↶ Undo my last change</button>
          <button className="btn" onClick={() => void act(true)} title="Redo your last undo (Ctrl+Shift+Z on the map)">↷ Redo</button>
        </div>
        {(refusal || error) && <div className="history-refusal" role="alert">{error ?? refusal}</div>}
        <form className="history-filters" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget);
          setFilters({ statement: String(f.get("statement") ?? ""), author: String(f.get("author") ?? ""), from: String(f.get("from") ?? ""), to: String(f.get("to") ?? "") }); }}>
          <label>Statement id <input name="statement" defaultValue={filters.statement} placeholder="e.g. CAP1" /></label>
          <label>Person <input name="author" defaultValue={filters.author} placeholder="name" /></label>
          <label>From <input name="from" type="date" defaultValue={filters.from} /></label>
          <label>To <input name="to" type="date" defaultValue={filters.to} /></label>
          <button className="btn small" type="submit">Filter</button>
          <button className="btn small ghost" type="button" onClick={() => setFilters({})}>Clear</button>
        </form>

        <details className="history-versions" open>
          <summary>Versions ({versions.length})</summary>
          <ul>
            {versions.map((v) => (
              <li key={v.id}>
                <span className="version-name">“{v.name}”</span> <span className="muted">revision {v.revision} · {v.author} · {when(v.time)}</span>
                <button className="btn small ghost" onClick={() => setPane({ kind: "travel", revision: v.revision })}>View</button>
                <button className="btn small ghost" aria-label={`Delete version ${v.name}`} onClick={() => void historyApi.deleteVersion(coalition, v.id).then(load, (e: Error) => setError(e.message))}>Delete</button>
              </li>
            ))}
          </ul>
          <form className="version-new" onSubmit={(e) => void nameVersion(e)}>
            <input aria-label="Version name" placeholder="Name this revision, e.g. After workshop 3" value={versionName} onChange={(e) => setVersionName(e.target.value)} />
            <input aria-label="Revision to name" className="narrow" placeholder={`${revisionNow}`} value={versionRevision} onChange={(e) => setVersionRevision(e.target.value.replace(/\D/g, ""))} />
            <button className="btn small primary" type="submit" disabled={!versionName.trim()}>Name</button>
          </form>
        </details>

        <form className="history-compare" onSubmit={(e) => { e.preventDefault(); if (compare.from !== "") void runDiff(Number(compare.from), compare.to === "" ? revisionNow : Number(compare.to)); }}>
          <label>Compare <select aria-label="Compare from" value={compare.from} onChange={(e) => setCompare({ ...compare, from: e.target.value })}>
            <option value="">from…</option>
            {revisionChoices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select></label>
          <label>with <select aria-label="Compare to" value={compare.to} onChange={(e) => setCompare({ ...compare, to: e.target.value })}>
            <option value="">now (revision {revisionNow})</option>
            {revisionChoices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select></label>
          <button className="btn small" type="submit" disabled={compare.from === ""}>Compare</button>
        </form>

        <ol className="history-list" aria-label="Changes, newest first">
          {entries.map((entry) => (
            <li key={entry.revision} className={`history-entry ${entry.undone_by ? "undone" : ""}`} data-revision={entry.revision}>
              <div className="entry-head"><strong>{entry.author}</strong> <span className="muted">· {when(entry.time)} · revision {entry.revision}</span>
                {entry.undone_by && <span className="tag">undone at {entry.undone_by}</span>}</div>
              <ul className="sentences">{entry.sentences.map((s, i) => <li key={i}>{s}</li>)}</ul>
              <div className="entry-actions">
                <button className="btn small ghost" onClick={() => setPane({ kind: "travel", revision: entry.revision })}>View the map at this revision</button>
                <button className="btn small ghost" onClick={() => void runDiff(entry.revision - 1, entry.revision)}>Show on map</button>
                {entry.mine && !entry.undo_of && !entry.undone_by && <button className="btn small" onClick={() => void act(false, entry.revision)}>Undo</button>}
                {entry.mine && entry.undone_by && <button className="btn small" onClick={() => void act(true, entry.revision)}>Redo</button>}
              </div>
            </li>
          ))}
          {entries.length === 0 && <li className="muted">No changes match.</li>}
        </ol>
        {next !== null && <button className="btn small" onClick={() => void more()}>Older changes</button>}
      </section>

      <section className="history-pane" aria-label="Map at a revision">
        {pane.kind === "none" && <div className="history-hint">Choose “View the map at this revision” or compare two revisions to see them here.</div>}
        {pane.kind === "travel" && (
          <>
            <div className="time-travel-banner" role="status">
              <span aria-hidden="true">⏲</span> You are looking at the map as it was at <strong>revision {pane.revision}</strong> — read-only.
              <button className="btn small primary" onClick={() => setPane({ kind: "none" })}>Back to the current map</button>
            </div>
            <PastMap key={`t${pane.revision}`} coalition={coalition} revision={pane.revision} />
          </>
        )}
        {pane.kind === "diff" && (
          <>
            <div className="time-travel-banner diff" role="status">
              Changes from revision {pane.diff.from} to <strong>revision {pane.diff.to}</strong> — read-only.
              <span className="legend"><span className="diff-key added">+ added</span> <span className="diff-key changed">~ changed</span> <span className="diff-key removed">− removed</span></span>
              <span className="diff-legend" aria-label="Links">Links:
                <span><svg width="34" height="12" aria-hidden="true"><line x1="2" y1="6" x2="26" y2="6" stroke="#1b7f3b" strokeWidth="4" /><path d="M24,1 L33,6 L24,11 z" fill="#1b7f3b" /></svg> + added</span>
                <span><svg width="34" height="12" aria-hidden="true"><line x1="2" y1="6" x2="26" y2="6" stroke="#b86e00" strokeWidth="4" strokeDasharray="7 3" /><path d="M24,1 L33,6 L24,11 z" fill="#b86e00" /></svg> ~ re-rated</span>
                <span><svg width="34" height="12" aria-hidden="true"><line x1="2" y1="6" x2="26" y2="6" stroke="#b3261e" strokeWidth="3" strokeDasharray="5 4" /><path d="M24,1 L33,6 L24,11 z" fill="#b3261e" /></svg> − removed (ghost)</span>
              </span>
              <button className="btn small primary" onClick={() => setPane({ kind: "none" })}>Close</button>
            </div>
            <ul className="diff-list" aria-label="Differences">
              {pane.diff.items.map((item) => (
                <li key={`${item.kind}:${item.id}`} className={`diff-item diff-${markOf(item.changes)}`} data-diff-id={item.id}>
                  <span className="diff-symbol" aria-hidden="true">{SYMBOL[item.changes[0]] ?? "~"}</span> {item.sentence}
                  <span className="muted"> ({item.changes.join(", ")})</span>
                </li>
              ))}
              {pane.diff.items.length === 0 && <li className="muted">No differences{pane.diff.repositioned ? ` (only ${pane.diff.repositioned} statements moved on the canvas)` : ""}.</li>}
            </ul>
            <PastMap key={`d${pane.diff.from}-${pane.diff.to}`} coalition={coalition} revision={pane.diff.to} marks={marks} diff={pane.diff} />
          </>
        )}
      </section>
    </div>
  );
}
