// Who does what on one statement, in its details panel: lead advocates, action teams
// (convenor and members), contributions (organisation, role, what it does, which of its
// own goals it serves, since when) with add and remove, resources pledged or received
// for it, and the initiatives that advance it. Every change is one op batch.
import { useState, type FormEvent } from "react";
import { addOp, amount, KIND_LABEL, RESOURCE_KINDS, removeOp, ROLES, updateOp, type ActionTeam, type Contribution, type ContributionRole, type ResourceKind } from "../api/work";
import { orgHash } from "../app/route";
import { RefusalNote } from "../panel/fields";
import { useMapStore } from "../store/mapStore";
import { commitWork, indexWork, useWork } from "../store/workStore";
import "./work.css";

interface Props {
  coalition: number; statement: string; readOnly?: string;
  /** Contributors: only their own organisations' contributions and resources. */
  mine?: string[] | null;
}

const today = () => new Date().toISOString().slice(0, 10);

export function StatementWork({ coalition, statement, readOnly, mine }: Props) {
  const work = useWork((s) => s.work);
  const error = useWork((s) => s.error);
  const refusal = useMapStore((s) => (s.refusal?.target === `work:${statement}` ? s.refusal : null));
  const [adding, setAdding] = useState<"advocate" | "contribution" | "resource" | "team" | null>(null);
  const [editingId, setEditing] = useState<string | null>(null);
  if (!work) return <section className="panel-section work-section"><h3>Who does what</h3><p className="muted">{error ? `Cannot load: ${error}` : "Loading…"}</p></section>;
  const ix = indexWork(work);
  const advocates = ix.advocatesOf.get(statement) ?? [];
  const teams = ix.teamsOf.get(statement) ?? [];
  const contributions = ix.contributionsOf.get(statement) ?? [];
  const resources = ix.resourcesOf(statement);
  const initiatives = ix.initiativesOf(statement);
  const edit = !readOnly && !mine;
  /** May record contributions and resources (of `mine` only, for contributors). */
  const record = !readOnly;
  const own = (organisation: string | null) => !mine || (organisation !== null && mine.includes(organisation));
  const target = `work:${statement}`;
  const remove = (section: Parameters<typeof removeOp>[0], id: string) => void commitWork([removeOp(section, id)], target);

  return (
    <section className="panel-section work-section" aria-label="Who does what">
      {adding === null && editingId === null && <RefusalNote message={refusal?.message ?? null} />}
      <h3>Lead advocates</h3>
      {advocates.length === 0 ? <p className="muted need">No lead advocate yet.</p> : (
        <ul className="work-list" aria-label="Lead advocates">
          {advocates.map((a) => (
            <li key={a.id} data-advocate={a.person}>
              <span className="who">{ix.personName(a.person)}</span>
              {orgsOfPerson(ix, a.person)}
              {edit && <button className="btn tiny ghost" aria-label={`Remove ${ix.personName(a.person)} as advocate`} onClick={() => remove("advocate", a.id)}>×</button>}
            </li>
          ))}
        </ul>
      )}
      {adding === "advocate" && <RefusalNote message={refusal?.message ?? null} />}
      {edit && (adding === "advocate"
        ? <AddAdvocate people={work.people.filter((p) => !advocates.some((a) => a.person === p.id))} onCancel={() => setAdding(null)}
            onAdd={async (person) => { if (await commitWork([addOp("advocate", { statement, person })], target)) setAdding(null); }} />
        : <button className="btn small" onClick={() => setAdding("advocate")}>+ Advocate</button>)}

      <h3>Action team</h3>
      {teams.length === 0 ? <p className="muted">No action team.</p> : teams.map((team) => (
        <div key={team.id} className="team" data-team={team.id}>
          <div className="team-name">{team.name}</div>
          {team.activity && <p className="team-activity">{team.activity}</p>}
          {edit ? <TeamPeople team={team} people={work.people} name={ix.personName}
            onSet={(set) => void commitWork([updateOp("action_team", team.id, set)], target)} /> : (
            <p className="small-print">
              Convenor: <strong>{team.convenor ? ix.personName(team.convenor) : "none"}</strong>
              {team.members.length > 0 && <> · Members: {team.members.map((m) => ix.personName(m)).join(", ")}</>}
            </p>
          )}
          {edit && <button className="btn tiny ghost" onClick={() => remove("action_team", team.id)} aria-label={`Remove the team ${team.name}`}>Remove team</button>}
        </div>
      ))}
      {adding === "team" && <RefusalNote message={refusal?.message ?? null} />}
      {edit && (adding === "team"
        ? <AddTeam people={work.people} onCancel={() => setAdding(null)}
            onAdd={async (team) => { if (await commitWork([addOp("action_team", { ...team, statement })], target)) setAdding(null); }} />
        : <button className="btn small" onClick={() => setAdding("team")}>+ Action team</button>)}

      <h3>Contributions</h3>
      {contributions.length === 0 ? <p className="muted need">No organisation contributes yet.</p> : (
        <ul className="work-list contributions" aria-label="Contributions">
          {contributions.map((c) => {
            const org = ix.orgs.get(c.organisation);
            const goals = (c.serves_goals ?? []).map((g) => org?.goals?.find((x) => x.id === g)?.text ?? g);
            return (
              <li key={c.id} data-contribution={c.id} data-organisation={c.organisation}>
                <div className="contribution-head">
                  <a className="who" href={orgHash(coalition, c.organisation)}>{ix.orgName(c.organisation)}</a>
                  <span className={`role-chip role-${c.role}`}>{c.role}</span>
                  {c.since && <span className="muted small-print">since {c.since}</span>}
                  {record && own(c.organisation) && <button className="btn tiny ghost edit" aria-label={`Edit the contribution of ${ix.orgName(c.organisation)}`} onClick={() => setEditing(c.id)}>Edit</button>}
                  {record && own(c.organisation) && <button className="btn tiny ghost" aria-label={`Remove the contribution of ${ix.orgName(c.organisation)}`} onClick={() => remove("contribution", c.id)}>×</button>}
                </div>
                {editingId === c.id ? (
                  <>
                    <RefusalNote message={refusal?.message ?? null} />
                    <AddContribution ix={ix} editing={c} onCancel={() => setEditing(null)}
                      onAdd={async (next) => {
                        const { organisation: _org, ...set } = next;
                        if (await commitWork([updateOp("contribution", c.id, set)], target)) setEditing(null);
                      }} />
                  </>
                ) : <>
                  {c.activity && <div className="activity">{c.activity}</div>}
                  {goals.length > 0 && <div className="serves">Serves its goals: {goals.map((g) => `“${g}”`).join(", ")}</div>}
                </>}
              </li>
            );
          })}
        </ul>
      )}
      {adding === "contribution" && <RefusalNote message={refusal?.message ?? null} />}
      {record && (!mine || mine.length > 0) && (adding === "contribution"
        ? <AddContribution ix={ix} only={mine} onCancel={() => setAdding(null)}
            onAdd={async (c) => { if (await commitWork([addOp("contribution", { ...c, statement })], target)) setAdding(null); }} />
        : <button className="btn small" onClick={() => setAdding("contribution")}>+ Contribution</button>)}

      <h3>Resources</h3>
      {resources.length === 0 ? <p className="muted need">No resources pledged.</p> : (
        <ul className="work-list" aria-label="Resources">
          {resources.map((r) => (
            <li key={r.id} data-resource={r.id}>
              <span className="amount">{amount(r.amount, r.unit)}</span> <span className="muted">{KIND_LABEL[r.kind] ?? r.kind}</span> from{" "}
              <a href={orgHash(coalition, r.organisation)}>{ix.orgName(r.organisation)}</a>{" "}
              <span className={`status-chip ${r.status}`}>{r.status}</span>
              {r.description && <div className="small-print">{r.description}</div>}
              {record && own(r.organisation) && r.status === "pledged" && (
                <button className="btn tiny" onClick={() => void commitWork([updateOp("resource", r.id, { status: "received", received_on: today() })], target)}>Mark received</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding === "resource" && <RefusalNote message={refusal?.message ?? null} />}
      {record && (!mine || mine.length > 0) && (adding === "resource"
        ? <AddResource ix={ix} only={mine} onCancel={() => setAdding(null)}
            onAdd={async (r) => { if (await commitWork([addOp("resource", { ...r, statement, initiative: null })], target)) setAdding(null); }} />
        : <button className="btn small" onClick={() => setAdding("resource")}>+ Resource</button>)}

      <h3>Initiatives</h3>
      {initiatives.length === 0 ? <p className="muted">No initiative advances this yet.</p> : (
        <ul className="work-list" aria-label="Initiatives">
          {initiatives.map((i) => (
            <li key={i.id}>
              <strong>{i.name}</strong> <span className="muted">{i.kind} · {i.status}</span>
              {i.lead && <> · led by <a href={orgHash(coalition, i.lead)}>{ix.orgName(i.lead)}</a></>}
              {edit && <button className="btn tiny ghost" aria-label={`Unlink the initiative ${i.name}`}
                onClick={() => void commitWork([updateOp("initiative", i.id, { statements: i.statements.filter((x) => x !== statement) })], target)}>×</button>}
            </li>
          ))}
        </ul>
      )}
      {edit && work.initiatives.some((i) => !i.statements.includes(statement)) && (
        <form className="inline-form" aria-label="Link an initiative" onSubmit={(e) => {
          e.preventDefault();
          const id = new FormData(e.currentTarget).get("initiative");
          const chosen = work.initiatives.find((i) => i.id === id);
          if (chosen) void commitWork([updateOp("initiative", chosen.id, { statements: [...chosen.statements, statement] })], target);
        }}>
          <select name="initiative" aria-label="Initiative to link">
            {work.initiatives.filter((i) => !i.statements.includes(statement)).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
          <button className="btn small" type="submit">Link initiative</button>
        </form>
      )}
    </section>
  );
}

function orgsOfPerson(ix: ReturnType<typeof indexWork>, person: string) {
  const orgs = ix.people.get(person)?.organisations ?? [];
  return orgs.length ? <span className="muted small-print"> ({orgs.map((o) => ix.orgName(o)).join(", ")})</span> : null;
}

function AddAdvocate({ people, onAdd, onCancel }: { people: { id: string; name: string }[]; onAdd(person: string): void; onCancel(): void }) {
  const [person, setPerson] = useState(people[0]?.id ?? "");
  if (people.length === 0) return <p className="muted">Everyone listed already advocates this (add people on an organisation's page). <button className="btn tiny" onClick={onCancel}>OK</button></p>;
  return (
    <form className="work-form" onSubmit={(e) => { e.preventDefault(); if (person) onAdd(person); }}>
      <label className="field"><span className="field-label">Person</span>
        <select value={person} onChange={(e) => setPerson(e.target.value)}>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select>
      </label>
      <div className="form-actions"><button className="btn primary small" type="submit">Add advocate</button><button className="btn small" type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

/** A team's convenor and members, edited in place: each change is one update through the write path. */
function TeamPeople({ team, people, name, onSet }: {
  team: ActionTeam; people: { id: string; name: string }[]; name(id: string): string; onSet(set: Record<string, unknown>): void;
}) {
  const others = people.filter((p) => !team.members.includes(p.id));
  return (
    <div className="team-people small-print">
      <label className="inline-select">Convenor{" "}
        <select aria-label={`Convenor of ${team.name}`} value={team.convenor ?? ""} onChange={(e) => onSet({ convenor: e.target.value || null })}>
          <option value="">none</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <ul className="team-members" aria-label={`Members of ${team.name}`}>
        {team.members.map((m) => (
          <li key={m} data-member={m}>{name(m)}
            <button className="btn tiny ghost" aria-label={`Take ${name(m)} off ${team.name}`}
              onClick={() => onSet({ members: team.members.filter((x) => x !== m) })}>×</button>
          </li>
        ))}
        {others.length > 0 && (
          <li>
            <select aria-label={`Add a member to ${team.name}`} value="" onChange={(e) => { if (e.target.value) onSet({ members: [...team.members, e.target.value] }); }}>
              <option value="">+ Member…</option>
              {others.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </li>
        )}
      </ul>
    </div>
  );
}

function AddTeam({ people, onAdd, onCancel }: { people: { id: string; name: string }[]; onAdd(team: Record<string, unknown>): void; onCancel(): void }) {
  const [name, setName] = useState("");
  const [convenor, setConvenor] = useState("");
  const [members, setMembers] = useState<string[]>([]);
  const [activity, setActivity] = useState("");
  return (
    <form className="work-form" onSubmit={(e) => { e.preventDefault(); if (name.trim()) onAdd({ name: name.trim(), convenor: convenor || null, members, activity }); }}>
      <label className="field"><span className="field-label">Team name</span><input type="text" value={name} onChange={(e) => setName(e.target.value)} required /></label>
      <label className="field"><span className="field-label">Convenor</span>
        <select value={convenor} onChange={(e) => setConvenor(e.target.value)}>
          <option value="">— none yet —</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <fieldset className="field checks"><legend className="field-label">Members</legend>
        {people.map((p) => (
          <label key={p.id}><input type="checkbox" checked={members.includes(p.id)}
            onChange={(e) => setMembers(e.target.checked ? [...members, p.id] : members.filter((m) => m !== p.id))} /> {p.name}</label>
        ))}
      </fieldset>
      <label className="field"><span className="field-label">What the team does</span><input type="text" value={activity} onChange={(e) => setActivity(e.target.value)} /></label>
      <div className="form-actions"><button className="btn primary small" type="submit">Add team</button><button className="btn small" type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

function AddContribution({ ix, onAdd, onCancel, only, editing }: {
  ix: ReturnType<typeof indexWork>; onAdd(c: Record<string, unknown>): void; onCancel(): void; only?: string[] | null;
  /** Edit this contribution instead of adding one (its organisation stays). */
  editing?: Contribution;
}) {
  const orgs = [...ix.orgs.values()].filter((o) => (!only || only.includes(o.id)) && (!editing || o.id === editing.organisation))
    .sort((a, b) => a.name.localeCompare(b.name));
  const [organisation, setOrganisation] = useState(editing?.organisation ?? orgs[0]?.id ?? "");
  const [role, setRole] = useState<ContributionRole>(editing?.role ?? "partner");
  const [activity, setActivity] = useState(editing?.activity ?? "");
  const [goals, setGoals] = useState<string[]>(editing?.serves_goals ?? []);
  const [since, setSince] = useState(editing ? editing.since ?? "" : today());
  const org = ix.orgs.get(organisation);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (organisation) onAdd({ organisation, role, activity: activity.trim(), serves_goals: goals, since: since || null });
  };
  if (orgs.length === 0) return <p className="muted">No organisations yet: add one on the Organisations page. <button className="btn tiny" onClick={onCancel}>OK</button></p>;
  return (
    <form className="work-form" onSubmit={submit} aria-label={editing ? "Edit the contribution" : "Add a contribution"}>
      <div className="field-row">
        <label className="field"><span className="field-label">Organisation</span>
          <select value={organisation} onChange={(e) => { setOrganisation(e.target.value); setGoals([]); }}>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </label>
        <label className="field"><span className="field-label">Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as ContributionRole)}>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select>
        </label>
      </div>
      <label className="field"><span className="field-label">What it does</span>
        <input type="text" value={activity} onChange={(e) => setActivity(e.target.value)} placeholder="e.g. runs memory cafés in two neighbourhoods" />
      </label>
      {(org?.goals?.length ?? 0) > 0 && (
        <fieldset className="field checks"><legend className="field-label">Serves its goals</legend>
          {org!.goals!.map((g) => (
            <label key={g.id}><input type="checkbox" checked={goals.includes(g.id)}
              onChange={(e) => setGoals(e.target.checked ? [...goals, g.id] : goals.filter((x) => x !== g.id))} /> {g.text}</label>
          ))}
        </fieldset>
      )}
      <label className="field"><span className="field-label">Since</span><input type="date" value={since} onChange={(e) => setSince(e.target.value)} /></label>
      <div className="form-actions"><button className="btn primary small" type="submit">{editing ? "Save" : "Add contribution"}</button><button className="btn small" type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}

export function AddResource({ ix, onAdd, onCancel, fixedOrg, only }: {
  ix: ReturnType<typeof indexWork>; onAdd(r: Record<string, unknown>): void; onCancel(): void; fixedOrg?: string; only?: string[] | null;
}) {
  const orgs = [...ix.orgs.values()].filter((o) => !only || only.includes(o.id)).sort((a, b) => a.name.localeCompare(b.name));
  const [organisation, setOrganisation] = useState(fixedOrg ?? orgs[0]?.id ?? "");
  const [kind, setKind] = useState<ResourceKind>("funding");
  const [value, setValue] = useState("");
  const [unit, setUnit] = useState("CAD");
  const [status, setStatus] = useState<"pledged" | "received">("pledged");
  const [description, setDescription] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) { setProblem("Type the amount as a number."); return; }
    if (!unit.trim()) { setProblem("Say the unit: a currency such as CAD, or hours."); return; }
    setProblem(null);
    onAdd({ organisation, kind, amount: n, unit: unit.trim(), status, pledged_on: today(), received_on: status === "received" ? today() : null, description: description.trim() });
  };
  return (
    <form className="work-form" onSubmit={submit} aria-label="Add a resource">
      <RefusalNote message={problem} />
      <div className="field-row">
        {!fixedOrg && (
          <label className="field"><span className="field-label">From</span>
            <select value={organisation} onChange={(e) => setOrganisation(e.target.value)}>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
          </label>
        )}
        <label className="field"><span className="field-label">Kind</span>
          <select value={kind} onChange={(e) => { const k = e.target.value as ResourceKind; setKind(k); if (k.endsWith("hours") || k === "staff_time") setUnit("hours"); }}>
            {RESOURCE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
          </select>
        </label>
      </div>
      <div className="field-row">
        <label className="field"><span className="field-label">Amount</span><input type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} /></label>
        <label className="field"><span className="field-label">Unit</span><input type="text" value={unit} onChange={(e) => setUnit(e.target.value)} list="resource-units" /></label>
      </div>
      <datalist id="resource-units"><option value="CAD" /><option value="USD" /><option value="EUR" /><option value="hours" /><option value="m²" /></datalist>
      <label className="field"><span className="field-label">Status</span>
        <select value={status} onChange={(e) => setStatus(e.target.value as "pledged" | "received")}><option value="pledged">Pledged</option><option value="received">Received</option></select>
      </label>
      <label className="field"><span className="field-label">Note</span><input type="text" value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      <div className="form-actions"><button className="btn primary small" type="submit">Add resource</button><button className="btn small" type="button" onClick={onCancel}>Cancel</button></div>
    </form>
  );
}
