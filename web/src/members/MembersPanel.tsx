// A coalition's members and their roles. Stewards change roles, remove members and invite
// by email and role, then copy the invite link (there is no mail server); everyone else
// reads the list. Refusals are said in words next to what was refused.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { ROLES, type Role } from "../auth/api";
import { CopyField } from "../auth/CopyField";
import { sentence } from "../auth/AuthPage";
import { membersApi, type Invite, type Members } from "./api";
import { setKnownRole } from "./role";
import "../auth/auth.css";
import "./members.css";

function describe(e: unknown): string {
  if (e instanceof ApiError && e.status === 403) return `Not allowed: ${e.message}.`;
  return e instanceof ApiError ? sentence(e.message) : String(e);
}

export function MembersPanel({ coalition, name }: { coalition: number; name: string }) {
  const [data, setData] = useState<Members | null>(null);
  const [error, setError] = useState<{ target: string; message: string } | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [invite, setInvite] = useState<Invite | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const next = await membersApi.list(coalition);
      setData(next);
      setKnownRole(coalition, next.you.role);
    } catch (e) { setError({ target: "list", message: describe(e) }); }
  }, [coalition]);
  useEffect(() => { setData(null); setInvite(null); setError(null); void load(); }, [load]);

  const steward = data?.you.role === "steward";

  const changeRole = async (user: number, next: Role) => {
    setError(null);
    try { await membersApi.setRole(coalition, user, next); } catch (e) { setError({ target: `m${user}`, message: describe(e) }); }
    await load();
  };
  const remove = async (user: number) => {
    setError(null); setConfirm(null);
    try { await membersApi.remove(coalition, user); } catch (e) { setError({ target: `m${user}`, message: describe(e) }); }
    await load();
  };
  const sendInvite = async (event: FormEvent) => {
    event.preventDefault();
    setError(null); setInvite(null);
    if (!email.trim()) { setError({ target: "invite", message: "Type the email address of the person to invite." }); return; }
    try {
      setInvite(await membersApi.invite(coalition, email.trim(), role));
      setEmail("");
    } catch (e) { setError({ target: "invite", message: describe(e) }); }
  };
  const note = (target: string) => error?.target === target
    ? <div className="auth-error" role="alert"><span aria-hidden="true">⚠ </span>{error.message}</div> : null;

  return (
    <section className="members" aria-label="Members">
      <h1>Members of {name}</h1>
      {note("list")}
      {data && (
        <>
          <p className="muted">
            You are <strong className={`role-badge role-${data.you.role}`}>{data.you.role}</strong>.{" "}
            {steward ? "As steward you can change roles, remove members and invite people." : "Only stewards can change roles or invite people."}
          </p>
          <table className="plain-table members-table">
            <thead><tr><th>Name</th><th>Email</th><th>Role</th>{steward && <th><span className="sr-only">Actions</span></th>}</tr></thead>
            <tbody>
              {data.members.map((member) => (
                <tr key={member.id} data-member={member.email}>
                  <td>{member.name}{member.id === data.you.id && <span className="muted"> (you)</span>}</td>
                  <td>{member.email}</td>
                  <td>
                    {steward ? (
                      <select aria-label={`Role of ${member.name}`} value={member.role} onChange={(e) => void changeRole(member.id, e.target.value as Role)}>
                        {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                      </select>
                    ) : <span className={`role-badge role-${member.role}`}>{member.role}</span>}
                    {note(`m${member.id}`)}
                  </td>
                  {steward && (
                    <td className="member-actions">
                      {confirm === member.id ? (
                        <>
                          <span>Remove {member.name}?</span>{" "}
                          <button className="btn small danger" onClick={() => void remove(member.id)}>Remove</button>{" "}
                          <button className="btn small" onClick={() => setConfirm(null)}>Keep</button>
                        </>
                      ) : (
                        <button className="btn small danger-outline" onClick={() => setConfirm(member.id)} aria-label={`Remove ${member.name}`}>Remove</button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {steward && (
            <form className="invite-form" onSubmit={(e) => void sendInvite(e)}>
              <h2>Invite someone</h2>
              <div className="invite-row">
                <div className="field">
                  <label className="field-label" htmlFor="invite-email">Email</label>
                  <input id="invite-email" type="email" value={email} placeholder="name@organisation.org" onChange={(e) => setEmail(e.target.value)} />
                </div>
                <div className="field">
                  <label className="field-label" htmlFor="invite-role">Role</label>
                  <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                    {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select>
                </div>
                <button className="btn primary" type="submit">Create invite link</button>
              </div>
              {note("invite")}
              {invite && (
                <div className="token-secret" role="status">
                  <p>Send this link to <strong>{invite.email}</strong>; it lets them join as <strong>{invite.role}</strong>. coalign sends no email itself.</p>
                  <CopyField label="Invite link" value={new URL(invite.link, window.location.origin).toString()} />
                </div>
              )}
            </form>
          )}
        </>
      )}
    </section>
  );
}
