// Initiatives (actions, pilots, programmes, projects) with their milestones: a milestone
// can be marked done (today) or reopened, and a new one added; a date outside the
// initiative's dates is accepted with the server's warning shown.
import { useEffect, useState } from "react";
import { addOp, type Initiative, INITIATIVE_KINDS, INITIATIVE_STATUSES, removeOp, updateOp } from "../api/work";
import { orgHash } from "../app/route";
import { useMapStore } from "../store/mapStore";
import { commitWork, type WorkIndex } from "../store/workStore";

const today = () => new Date().toISOString().slice(0, 10);

interface Props {
  coalition: number; initiatives: Initiative[]; ix: WorkIndex; readOnly?: string; target: string;
  /** Set for contributors: milestones only, no new initiatives or status changes. */
  editorOnly?: string;
  statementTitle(id: string): string; leadOrg?: string;
}

export function InitiativeList({ coalition, initiatives, ix, readOnly, editorOnly, target, statementTitle, leadOrg }: Props) {
  const warnings = useMapStore((s) => s.warnings);
  const [lastTarget, setLastTarget] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const edit = !readOnly;
  const manage = edit && !editorOnly;
  const run = async (ops: Parameters<typeof commitWork>[0], key: string) => { setLastTarget(key); return commitWork(ops, target); };
  return (
    <div className="initiatives">
      {initiatives.length === 0 && <p className="muted">No initiatives yet.</p>}
      {initiatives.map((i) => (
        <article key={i.id} className="initiative" data-initiative={i.id}>
          <header>
            <strong>{i.name}</strong> <span className="kind-chip">{i.kind}</span> <span className={`status-chip ${i.status}`}>{i.status}</span>
            <span className="muted small-print"> {i.start ?? "?"} – {i.end ?? "?"}</span>
          </header>
          {i.description && <p className="small-print">{i.description}</p>}
          <p className="small-print">
            Lead: {i.lead ? <a href={orgHash(coalition, i.lead)}>{ix.orgName(i.lead)}</a> : "—"}
            {i.partners.length > 0 && <> · Partners: {i.partners.map((p, n) => <span key={p}>{n > 0 && ", "}<a href={orgHash(coalition, p)}>{ix.orgName(p)}</a></span>)}</>}
          </p>
          {i.statements.length > 0 && <p className="small-print">Advances: {i.statements.map(statementTitle).join("; ")}</p>}
          <ul className="milestones" aria-label={`Milestones of ${i.name}`}>
            {i.milestones.map((m) => (
              <li key={m.id} data-milestone={m.id} className={m.done ? "done" : ""}>
                <label>
                  <MilestoneCheck done={!!m.done} disabled={!edit}
                    onChange={(done) => run([{ op: "update_milestone", initiative: i.id, id: m.id, set: { done: done ? today() : null } }], i.id)} />
                  {" "}{m.name}
                </label>
                <span className="muted small-print"> {m.done ? `done ${m.done}` : m.due ? `due ${m.due}` : ""}</span>
                {manage && <button className="btn tiny ghost" aria-label={`Remove milestone “${m.name}”`}
                  onClick={() => void run([{ op: "remove_milestone", initiative: i.id, id: m.id }], i.id)}>×</button>}
              </li>
            ))}
          </ul>
          {lastTarget === i.id && warnings.length > 0 && <div className="warning-note" role="status">⚠ {warnings.join("; ")}</div>}
          {edit && <AddMilestone onAdd={(name, due) => void run([{ op: "add_milestone", initiative: i.id, milestone: { name, due: due || null, done: null } }], i.id)} />}
          {manage && (
            <label className="inline-select small-print">Status{" "}
              <select value={i.status} onChange={(e) => void run([updateOp("initiative", i.id, { status: e.target.value })], i.id)}>
                {INITIATIVE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
          )}
          {manage && (confirmRemove === i.id ? (
            <div className="confirm" role="alertdialog" aria-label={`Remove the initiative ${i.name}`}>
              <p>Remove “{i.name}” and its {i.milestones.length} milestone{i.milestones.length === 1 ? "" : "s"}? History keeps it, and Undo brings it back.</p>
              <button className="btn danger" autoFocus onClick={() => void run([removeOp("initiative", i.id)], i.id).then((ok) => { if (ok) setConfirmRemove(null); })}>Remove initiative</button>
              <button className="btn" onClick={() => setConfirmRemove(null)}>Keep it</button>
            </div>
          ) : <button className="btn tiny danger-outline" onClick={() => setConfirmRemove(i.id)}>Remove…</button>)}
        </article>
      ))}
      {manage && (adding ? <AddInitiative ix={ix} leadOrg={leadOrg} onCancel={() => setAdding(false)}
        onAdd={async (i) => { if (await run([addOp("initiative", i)], "new")) setAdding(false); }} />
        : <button className="btn small" onClick={() => setAdding(true)}>+ Initiative</button>)}
    </div>
  );
}

function AddMilestone({ onAdd }: { onAdd(name: string, due: string): void }) {
  const [name, setName] = useState("");
  const [due, setDue] = useState("");
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (name.trim()) { onAdd(name.trim(), due); setName(""); setDue(""); } }}>
      <input type="text" aria-label="New milestone" placeholder="New milestone" value={name} onChange={(e) => setName(e.target.value)} />
      <input type="date" aria-label="Due" value={due} onChange={(e) => setDue(e.target.value)} />
      <button className="btn small" type="submit">+ Milestone</button>
    </form>
  );
}

function AddInitiative({ ix, leadOrg, onAdd, onCancel }: { ix: WorkIndex; leadOrg?: string; onAdd(i: Record<string, unknown>): void; onCancel(): void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<string>("project");
  const [lead, setLead] = useState(leadOrg ?? "");
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState("");
  return (
    <form className="work-form wide" aria-label="Add an initiative" onSubmit={(e) => {
      e.preventDefault();
      if (name.trim()) onAdd({ name: name.trim(), kind, lead: lead || null, partners: [], statements: [], start: start || null, end: end || null, status: "planned", links: [], milestones: [], description: "" });
    }}>
      <div className="field-row">
        <label className="field"><span className="field-label">Name</span><input type="text" value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label className="field"><span className="field-label">Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>{INITIATIVE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}</select>
        </label>
      </div>
      <label className="field"><span className="field-label">Lead organisation</span>
        <select value={lead} onChange={(e) => setLead(e.target.value)}><option value="">—</option>{[...ix.orgs.values()].map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
      </label>
      <div className="field-row">
        <label className="field"><span className="field-label">Start</span><input type="date" value={start} onChange={(e) => setStart(e.target.value)} /></label>
        <label className="field"><span className="field-label">End</span><input type="date" value={end} onChange={(e) => setEnd(e.target.value)} /></label>
      </div>
      <div className="form-actions"><button className="btn primary small" type="submit">Add initiative</button><button className="btn small" type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

/** A milestone's checkbox: it ticks at once, and goes back if the server refuses. */
function MilestoneCheck({ done, disabled, onChange }: { done: boolean; disabled: boolean; onChange(done: boolean): Promise<unknown> }) {
  const [shown, setShown] = useState(done);
  useEffect(() => setShown(done), [done]);
  return <input type="checkbox" checked={shown} disabled={disabled}
    onChange={(e) => { const next = e.target.checked; setShown(next); void onChange(next).then((ok) => { if (!ok) setShown(done); }); }} />;
}
