// "Me": the person in this coalition linked to the signed-in account — what they
// advocate, the action teams they convene or belong to, and the milestones due in the
// initiatives of their organisations (soonest first, overdue marked).
import { useSession } from "../auth/session";
import { orgHash } from "../app/route";
import { useMapStore } from "../store/mapStore";
import { commitWork, indexWork, useWork } from "../store/workStore";
import { updateOp, type WorkPerson } from "../api/work";
import { useState } from "react";
import { RefusalNote } from "../panel/fields";
import "../organisations/work.css";

interface Props { coalition: number; readOnly?: string; onOpenStatement(id: string): void }

const today = () => new Date().toISOString().slice(0, 10);

export function MePage({ coalition, readOnly, onOpenStatement }: Props) {
  const session = useSession();
  const work = useWork((s) => s.work);
  const titles = useWork((s) => s.titles);
  const view = useMapStore((s) => s.view);
  const refusal = useMapStore((s) => (s.refusal?.target === "work:me" ? s.refusal.message : null));
  if (!work) return <div className="work-page"><p className="muted">Loading…</p></div>;
  const ix = indexWork(work);
  const me = work.people.find((p) => session.user && p.account === session.user.id);
  const title = (id: string) => titles[id]?.title ?? view?.statements[id]?.title ?? id;
  if (!me) {
    return (
      <div className="work-page">
        <header className="work-header"><h1>Me</h1></header>
        <RefusalNote message={refusal} />
        <p>Your account ({session.user?.email}) is not linked to a person in this coalition yet, so there is nothing of yours to show.</p>
        {!readOnly && session.user && <ClaimPerson people={work.people.filter((p) => p.account === null)} account={session.user.id} orgName={ix.orgName} />}
      </div>
    );
  }
  const advocating = work.advocates.filter((a) => a.person === me.id);
  const teams = work.action_teams.filter((t) => t.convenor === me.id || t.members.includes(me.id));
  const mine = work.initiatives.filter((i) => (i.lead && me.organisations.includes(i.lead)) || i.partners.some((p) => me.organisations.includes(p)));
  const due = mine.flatMap((i) => i.milestones.filter((m) => !m.done).map((m) => ({ initiative: i, milestone: m })))
    .sort((a, b) => (a.milestone.due ?? "9999").localeCompare(b.milestone.due ?? "9999"));
  const now = today();
  return (
    <div className="work-page me-page" data-person={me.id}>
      <header className="work-header">
        <h1>{me.name}</h1>
        <p className="muted">{me.organisations.length ? me.organisations.map((o, n) => <span key={o}>{n > 0 && ", "}<a href={orgHash(coalition, o)}>{ix.orgName(o)}</a></span>) : "No organisation"}</p>
      </header>
      <RefusalNote message={refusal} />
      <section className="org-card" aria-label="What I advocate">
        <h2>What I advocate</h2>
        {advocating.length === 0 ? <p className="muted">You are not lead advocate of any objective. The Opportunities page lists those that need one.</p> : (
          <ul className="work-list">{advocating.map((a) => <li key={a.id}><button className="linklike" onClick={() => onOpenStatement(a.statement)}>{title(a.statement)}</button></li>)}</ul>
        )}
      </section>
      <section className="org-card" aria-label="My action teams">
        <h2>My action teams</h2>
        {teams.length === 0 ? <p className="muted">You are in no action team.</p> : (
          <ul className="work-list">
            {teams.map((t) => (
              <li key={t.id}><strong>{t.name}</strong>{t.convenor === me.id && <span className="role-chip role-lead">convenor</span>} — on{" "}
                <button className="linklike" onClick={() => onOpenStatement(t.statement)}>{title(t.statement)}</button>
                <div className="small-print muted">{[t.convenor, ...t.members].filter((p, n, all): p is string => !!p && all.indexOf(p) === n).map((p) => ix.personName(p)).join(", ")}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="org-card" aria-label="My milestones due">
        <h2>My milestones due</h2>
        {due.length === 0 ? <p className="muted">Nothing due in your organisations' initiatives.</p> : (
          <table className="work-table">
            <thead><tr><th>Due</th><th>Milestone</th><th>Initiative</th><th></th></tr></thead>
            <tbody>
              {due.map(({ initiative, milestone }) => (
                <tr key={`${initiative.id}/${milestone.id}`} data-milestone={milestone.id} className={milestone.due && milestone.due < now ? "overdue" : ""}>
                  <td>{milestone.due ?? "—"}{milestone.due && milestone.due < now && <span className="overdue-chip">overdue</span>}</td>
                  <td>{milestone.name}</td><td>{initiative.name}</td>
                  <td>{!readOnly && <button className="btn tiny" onClick={() => void commitWork([{ op: "update_milestone", initiative: initiative.id, id: milestone.id, set: { done: now } }], "work:me")}>Mark done</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** "This is me": links the signed-in account to a person already listed (or says how to be added). */
function ClaimPerson({ people, account, orgName }: { people: WorkPerson[]; account: number; orgName(id: string): string }) {
  const [person, setPerson] = useState(people[0]?.id ?? "");
  if (people.length === 0) return <p className="muted">Ask someone from your organisation to add you on its page (Organisations → your organisation → + Person).</p>;
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (person) void commitWork([updateOp("person", person, { account })], "work:me"); }}>
      <label>Is one of these you?{" "}
        <select value={person} onChange={(e) => setPerson(e.target.value)}>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}{p.organisations.length ? ` (${p.organisations.map(orgName).join(", ")})` : ""}</option>)}
        </select>
      </label>
      <button className="btn small primary" type="submit">This is me</button>
    </form>
  );
}
