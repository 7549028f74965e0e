// The organisations of a coalition: a list (with what each contributes), a form to add
// one, and an organisation's own page — sector, mission and goals (editable), its
// contributions, initiatives (milestones can be marked done), resources, and its line of
// sight from what it contributes to the coalition's top outcomes.
import { useState, type FormEvent } from "react";
import { addOp, amount, KIND_LABEL, removeOp, SECTOR_LABEL, SECTORS, updateOp, type Organisation, type Sector } from "../api/work";
import { orgHash } from "../app/route";
import { RefusalNote, SelectField, TextField } from "../panel/fields";
import { useMapStore } from "../store/mapStore";
import { commitWork, indexWork, setFocusOrg, useWork } from "../store/workStore";
import { LineOfSightView } from "./LineOfSight";
import { AddResource } from "./StatementWork";
import { InitiativeList } from "./Initiatives";
import { AddPerson } from "../people/AddPerson";
import { useSession } from "../auth/session";
import "./work.css";

interface Props {
  coalition: number; org?: string;
  /** Set (the reason) when this person may not record work at all. */
  readOnly?: string;
  /** Set when they may record only their own organisation's contributions, resources and milestones (contributors). */
  editorOnly?: string;
  onShowOnMap(org: string): void; onOpenStatement(id: string): void;
}

export function OrganisationsPage(props: Props) {
  const work = useWork((s) => s.work);
  const error = useWork((s) => s.error);
  if (!work) return <div className="work-page"><p className="muted">{error ? `Cannot load organisations: ${error}` : "Loading…"}</p></div>;
  if (props.org) {
    const org = work.organisations.find((o) => o.id === props.org);
    if (!org) return <div className="work-page"><p>No organisation “{props.org}” in this coalition. <a href={`#/c/${props.coalition}/organisations`}>All organisations</a></p></div>;
    return <OrganisationPage {...props} org={org} />;
  }
  return <OrganisationList {...props} />;
}

function OrganisationList({ coalition, readOnly, editorOnly }: Props) {
  const work = useWork((s) => s.work)!;
  const ix = indexWork(work);
  const [adding, setAdding] = useState(false);
  const refusal = useMapStore((s) => (s.refusal?.target === "work:orgs" ? s.refusal.message : null));
  const orgs = [...work.organisations].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="work-page">
      <header className="work-header">
        <h1>Organisations</h1>
        <p className="muted">Who takes part, and where each one's work fits on the map.</p>
      </header>
      <div className="work-refusal"><RefusalNote message={refusal} /></div>
      {!readOnly && !editorOnly && (adding ? <AddOrganisation onCancel={() => setAdding(false)}
        onAdd={async (o) => { if (await commitWork([addOp("organisation", o)], "work:orgs")) setAdding(false); }} />
        : <button className="btn primary" onClick={() => setAdding(true)}>+ Organisation</button>)}
      {orgs.length === 0 ? <p className="muted">No organisations yet.</p> : (
        <table className="work-table org-table">
          <thead><tr><th>Organisation</th><th>Sector</th><th className="num">Contributions</th><th className="num">Initiatives</th><th className="num">People</th></tr></thead>
          <tbody>
            {orgs.map((o) => {
              const contributions = work.contributions.filter((c) => c.organisation === o.id).length;
              const initiatives = work.initiatives.filter((i) => i.lead === o.id || i.partners.includes(o.id)).length;
              const people = work.people.filter((p) => p.organisations.includes(o.id)).length;
              return (
                <tr key={o.id} data-organisation={o.id}>
                  <td><a href={orgHash(coalition, o.id)} className="org-link">{o.name}</a>{o.description && <div className="small-print muted">{o.description}</div>}</td>
                  <td>{o.sector ? SECTOR_LABEL[o.sector] ?? o.sector : "—"}</td>
                  <td className="num">{contributions}</td><td className="num">{initiatives}</td><td className="num">{people}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted small-print">{ix.orgs.size} organisation{ix.orgs.size === 1 ? "" : "s"} · {work.contributions.length} contributions · {work.people.length} people</p>
    </div>
  );
}

function AddOrganisation({ onAdd, onCancel }: { onAdd(o: Record<string, unknown>): void; onCancel(): void }) {
  const [name, setName] = useState("");
  const [sector, setSector] = useState<Sector | "">("");
  const [mission, setMission] = useState("");
  const submit = (e: FormEvent) => { e.preventDefault(); if (name.trim()) onAdd({ name: name.trim(), sector: sector || null, mission: mission.trim(), description: "", website: "", goals: [] }); };
  return (
    <form className="work-form wide" onSubmit={submit} aria-label="Add an organisation">
      <div className="field-row">
        <label className="field"><span className="field-label">Name</span><input type="text" value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label className="field"><span className="field-label">Sector</span>
          <select value={sector} onChange={(e) => setSector(e.target.value as Sector | "")}><option value="">—</option>{SECTORS.map((s) => <option key={s} value={s}>{SECTOR_LABEL[s]}</option>)}</select>
        </label>
      </div>
      <label className="field"><span className="field-label">Mission</span><input type="text" value={mission} onChange={(e) => setMission(e.target.value)} /></label>
      <div className="form-actions"><button className="btn primary small" type="submit">Add organisation</button><button className="btn small" type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

function OrganisationPage({ coalition, org, readOnly, editorOnly, onShowOnMap, onOpenStatement }: Omit<Props, "org"> & { org: Organisation }) {
  const work = useWork((s) => s.work)!;
  const view = useMapStore((s) => s.view);
  const revision = view?.revision;
  const ix = indexWork(work);
  const target = `work:org:${org.id}`;
  const refusal = useMapStore((s) => (s.refusal?.target === target ? s.refusal.message : null));
  const [newGoal, setNewGoal] = useState("");
  const [addingResource, setAddingResource] = useState(false);
  const contributions = work.contributions.filter((c) => c.organisation === org.id);
  const resources = work.resources.filter((r) => r.organisation === org.id);
  const initiatives = work.initiatives.filter((i) => i.lead === org.id || i.partners.includes(org.id));
  const people = work.people.filter((p) => p.organisations.includes(org.id));
  const goals = org.goals ?? [];
  const set = (patch: Record<string, unknown>) => void commitWork([updateOp("organisation", org.id, patch)], target);
  const titles = useWork((s) => s.titles);
  const statementTitle = (id: string) => titles[id]?.title ?? view?.statements[id]?.title ?? id;
  const edit = !readOnly && !editorOnly;
  const session = useSession();
  const isMine = work.people.some((p) => session.user && p.account === session.user.id && p.organisations.includes(org.id));
  /** Pledges (and milestones): contributors too, for their own organisation. */
  const record = !readOnly && (!editorOnly || isMine);

  return (
    <div className="work-page org-page" data-organisation={org.id}>
      <nav className="small-print"><a href={`#/c/${coalition}/organisations`}>← All organisations</a></nav>
      <header className="work-header">
        <h1>{org.name}</h1>
        <p className="muted">{org.sector ? SECTOR_LABEL[org.sector] ?? org.sector : "Sector not given"}{org.website && (/^https?:\/\//i.test(org.website) ? <> · <a href={org.website} target="_blank" rel="noreferrer noopener">{org.website}</a></> : <> · {org.website}</>)}</p>
        <div className="header-actions">
          <button className="btn primary" onClick={() => { setFocusOrg(org.id); onShowOnMap(org.id); }}>Show where we contribute on the map</button>
        </div>
      </header>
      <div className="work-refusal"><RefusalNote message={refusal} /></div>
      <div className="org-columns">
        <section className="org-card" aria-label="About">
          <h2>About</h2>
          <fieldset className="edit-fields" disabled={!edit} title={readOnly ?? editorOnly}>
            <TextField key={`m-${org.id}`} label="Mission" value={org.mission ?? ""} multiline revision={revision} placeholder="What this organisation is for, in its own words"
              onCommit={(v) => set({ mission: v })} />
            <TextField key={`d-${org.id}`} label="Description" value={org.description ?? ""} multiline revision={revision} onCommit={(v) => set({ description: v })} />
            <div className="field-row">
              <SelectField label="Sector" value={org.sector ?? ""} options={[{ value: "", label: "—" }, ...SECTORS.map((s) => ({ value: s, label: SECTOR_LABEL[s] }))]}
                onCommit={(v) => set({ sector: v || null })} />
              <TextField key={`w-${org.id}`} label="Website" value={org.website ?? ""} revision={revision} onCommit={(v) => set({ website: v })} />
            </div>
          </fieldset>
          <h3>Its own goals</h3>
          {goals.length === 0 ? <p className="muted">No goals yet.</p> : (
            <ol className="goal-list" aria-label="Goals">
              {goals.map((g) => (
                <li key={g.id} data-goal={g.id}>
                  {edit ? <TextField key={`g-${g.id}`} label={`Goal ${goals.indexOf(g) + 1}`} value={g.text} revision={revision}
                    onCommit={(v) => void commitWork([v.trim() ? { op: "update_goal", organisation: org.id, id: g.id, set: { text: v.trim() } }
                      : { op: "remove_goal", organisation: org.id, id: g.id }], target)} /> : g.text}
                  {edit && <button className="btn tiny ghost" aria-label={`Remove goal “${g.text}”`}
                    onClick={() => void commitWork([{ op: "remove_goal", organisation: org.id, id: g.id }], target)}>×</button>}
                </li>
              ))}
            </ol>
          )}
          {edit && (
            <form className="inline-form" onSubmit={(e) => {
              e.preventDefault(); if (!newGoal.trim()) return;
              void commitWork([{ op: "add_goal", organisation: org.id, goal: { text: newGoal.trim() } }], target); setNewGoal("");
            }}>
              <input type="text" aria-label="New goal" placeholder="A goal of this organisation" value={newGoal} onChange={(e) => setNewGoal(e.target.value)} />
              <button className="btn small" type="submit">+ Goal</button>
            </form>
          )}
          <h3>People</h3>
          {people.length === 0 ? <p className="muted">Nobody listed.</p> : (
            <ul className="work-list" aria-label="People">
              {people.map((p) => (
                <li key={p.id} data-person={p.id}>{p.name}{p.account !== null && <span className="muted small-print"> · has an account here</span>}
                  {edit && <button className="btn tiny ghost" aria-label={`Remove ${p.name}`}
                    onClick={() => void commitWork([removeOp("person", p.id)], target)}>×</button>}
                </li>
              ))}
            </ul>
          )}
          {edit && <AddPerson coalition={coalition} linked={new Set(work.people.map((p) => p.account).filter((a): a is number => a !== null))}
            onAdd={(person) => commitWork([addOp("person", { ...person, organisations: [org.id] })], target)} />}
        </section>

        <section className="org-card los-card" aria-label="Line of sight">
          <h2>Line of sight</h2>
          <p className="muted small-print">How what {org.name} contributes leads, arrow by arrow, to the coalition's top outcomes — and which of its own goals each path serves.</p>
          <LineOfSightView coalition={coalition} org={org} onOpenStatement={onOpenStatement} />
        </section>
      </div>

      <section className="org-card" aria-label="Contributions">
        <h2>Contributions</h2>
        {contributions.length === 0 ? <p className="muted">No contributions yet: open an objective on the map and add one in its panel.</p> : (
          <table className="work-table">
            <thead><tr><th>Objective</th><th>Role</th><th>What it does</th><th>Serves its goals</th><th>Since</th></tr></thead>
            <tbody>
              {contributions.map((c) => (
                <tr key={c.id} data-contribution={c.id}>
                  <td><button className="linklike" onClick={() => onOpenStatement(c.statement)}>{statementTitle(c.statement)}</button></td>
                  <td><span className={`role-chip role-${c.role}`}>{c.role}</span></td>
                  <td>{c.activity || <span className="muted">—</span>}</td>
                  <td>{(c.serves_goals ?? []).map((g) => goals.find((x) => x.id === g)?.text ?? g).join("; ") || <span className="muted">—</span>}</td>
                  <td>{c.since ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="org-card" aria-label="Initiatives">
        <h2>Initiatives</h2>
        <InitiativeList coalition={coalition} initiatives={initiatives} ix={ix} readOnly={record ? undefined : readOnly ?? editorOnly} editorOnly={editorOnly} statementTitle={statementTitle} target={target} leadOrg={org.id} />
      </section>

      <section className="org-card" aria-label="Resources">
        <h2>Resources</h2>
        {resources.length === 0 ? <p className="muted">No resources pledged yet.</p> : (
          <table className="work-table">
            <thead><tr><th>Amount</th><th>Kind</th><th>Status</th><th>For</th><th>Note</th></tr></thead>
            <tbody>
              {resources.map((r) => (
                <tr key={r.id} data-resource={r.id}>
                  <td className="num">{amount(r.amount, r.unit)}</td><td>{KIND_LABEL[r.kind] ?? r.kind}</td>
                  <td><span className={`status-chip ${r.status}`}>{r.status}</span> <span className="small-print muted">{r.status === "received" ? r.received_on : r.pledged_on}</span></td>
                  <td>{r.statement ? <button className="linklike" onClick={() => onOpenStatement(r.statement!)}>{statementTitle(r.statement)}</button>
                    : r.initiative ? work.initiatives.find((i) => i.id === r.initiative)?.name ?? r.initiative : "—"}</td>
                  <td>{r.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {record && (addingResource ? (
          <ResourceForInitiative ix={ix} org={org.id} initiatives={initiatives} contributions={contributions.map((c) => ({ id: c.statement, title: statementTitle(c.statement) }))}
            onCancel={() => setAddingResource(false)}
            onAdd={async (r) => { if (await commitWork([addOp("resource", r)], target)) setAddingResource(false); }} />
        ) : <button className="btn small" onClick={() => setAddingResource(true)}>+ Resource pledge</button>)}
      </section>
    </div>
  );
}

/** A pledge from this organisation, for one of the objectives it works on or one of its initiatives. */
function ResourceForInitiative({ ix, org, initiatives, contributions, onAdd, onCancel }: {
  ix: ReturnType<typeof indexWork>; org: string; initiatives: { id: string; name: string }[]; contributions: { id: string; title: string }[];
  onAdd(r: Record<string, unknown>): void; onCancel(): void;
}) {
  const choices = [...new Map(contributions.map((c) => [`s:${c.id}`, `Objective: ${c.title}`])), ...initiatives.map((i) => [`i:${i.id}`, `Initiative: ${i.name}`] as [string, string])];
  const [forWhat, setForWhat] = useState(choices[0]?.[0] ?? "");
  return (
    <div className="work-form wide">
      <label className="field"><span className="field-label">For</span>
        <select aria-label="For" value={forWhat} onChange={(e) => setForWhat(e.target.value)}>
          <option value="">— the coalition in general —</option>
          {choices.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </label>
      <AddResource ix={ix} fixedOrg={org} onCancel={onCancel}
        onAdd={(r) => onAdd({ ...r, statement: forWhat.startsWith("s:") ? forWhat.slice(2) : null, initiative: forWhat.startsWith("i:") ? forWhat.slice(2) : null })} />
    </div>
  );
}
