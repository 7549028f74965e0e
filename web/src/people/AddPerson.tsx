// Adds a person to an organisation: a name, an email, and optionally the coalition
// member account that is them (so their "Me" page shows their work).
import { useEffect, useState } from "react";
import { membersApi, type Member } from "../members/api";

interface Props {
  coalition: number;
  /** Accounts already linked to a person (not offered again). */
  linked: Set<number>;
  onAdd(person: { name: string; email: string; account: number | null }): Promise<unknown>;
}

export function AddPerson({ coalition, linked, onAdd }: Props) {
  const [open, setOpen] = useState(false);
  const [members, setMembers] = useState<Member[]>([]);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [account, setAccount] = useState("");
  useEffect(() => {
    if (open) membersApi.list(coalition).then((m) => setMembers(m.members)).catch(() => setMembers([]));
  }, [open, coalition]);
  if (!open) return <button className="btn small" onClick={() => setOpen(true)}>+ Person</button>;
  const pick = (value: string) => {
    setAccount(value);
    const member = members.find((m) => String(m.id) === value);
    if (member) { if (!name) setName(member.name); if (!email) setEmail(member.email); }
  };
  return (
    <form className="work-form" aria-label="Add a person" onSubmit={async (e) => {
      e.preventDefault();
      if (!name.trim()) return;
      if (await onAdd({ name: name.trim(), email: email.trim(), account: account ? Number(account) : null })) {
        setOpen(false); setName(""); setEmail(""); setAccount("");
      }
    }}>
      <label className="field"><span className="field-label">Their account here</span>
        <select value={account} onChange={(e) => pick(e.target.value)}>
          <option value="">— none (not a member) —</option>
          {members.filter((m) => !linked.has(m.id)).map((m) => <option key={m.id} value={m.id}>{m.name} ({m.email})</option>)}
        </select>
      </label>
      <label className="field"><span className="field-label">Name</span><input type="text" value={name} onChange={(e) => setName(e.target.value)} required /></label>
      <label className="field"><span className="field-label">Email</span><input type="text" value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <div className="form-actions"><button className="btn primary small" type="submit">Add person</button><button className="btn small" type="button" onClick={() => setOpen(false)}>Cancel</button></div>
    </form>
  );
}
