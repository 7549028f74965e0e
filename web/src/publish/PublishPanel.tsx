// Publishing (stewards): a read-only, no-login view of the map and the opportunities at a
// secret-but-shareable address, with a choice of what is public (people's names,
// organisations). Each link can be copied, embedded in a website (iframe) and revoked.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { CopyField } from "../auth/CopyField";
import { workApi, type Publication } from "../api/work";
import type { Role } from "../auth/api";
import "../organisations/work.css";

/** "2026-12-03 19:29 UTC" from an ISO time. */
const when = (iso: string | null | undefined) => (iso ?? "").replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");

export const publicUrl = (p: Publication) => new URL(p.url || `/p/${p.token}`, window.location.origin).toString();
export const embedSnippet = (p: Publication, title: string) =>
  `<iframe src="${publicUrl(p)}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="640" style="border:0" loading="lazy"></iframe>`;

export function PublishPanel({ coalition, name, role }: { coalition: number; name: string; role: Role | null | undefined }) {
  const [list, setList] = useState<Publication[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showPeople, setShowPeople] = useState(false);
  const [showOrganisations, setShowOrganisations] = useState(true);
  const [created, setCreated] = useState<string | number | null>(null);
  const [confirm, setConfirm] = useState<string | number | null>(null);
  const steward = role === "steward";
  const load = useCallback(async () => {
    try { setList(await workApi.publications(coalition)); setError(null); }
    catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  }, [coalition]);
  useEffect(() => { if (steward) void load(); }, [load, steward]);
  if (!steward) return null;
  const live = list?.filter((p) => !p.revoked_at) ?? null;
  const revoked = list?.filter((p) => !!p.revoked_at) ?? [];
  const publish = async () => {
    try {
      const p = await workApi.publish(coalition, { show_people: showPeople, show_organisations: showOrganisations });
      setCreated(p.id); await load();
    } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  };
  const revoke = async (id: string | number) => {
    setConfirm(null);
    try { await workApi.revoke(coalition, id); await load(); }
    catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  };
  return (
    <section className="members publish" aria-label="Publishing">
      <h2>Publish a public view</h2>
      <p className="muted">Anyone with the link sees the map and the opportunities of {name}, read-only and without signing in. You can embed it in your website, and revoke it at any time.</p>
      {error && <div className="auth-error" role="alert">⚠ {error}</div>}
      <fieldset className="publish-choices">
        <legend className="field-label">What is public</legend>
        <label><input type="checkbox" checked={showPeople} onChange={(e) => setShowPeople(e.target.checked)} /> Show people's names (advocates, teams)</label>
        <label><input type="checkbox" checked={showOrganisations} onChange={(e) => setShowOrganisations(e.target.checked)} /> Show organisations</label>
      </fieldset>
      <button className="btn primary" onClick={() => void publish()}>Create public link</button>
      {live && live.length === 0 && <p className="muted">Nothing is published.</p>}
      {live && live.length > 0 && (
        <ul className="publication-list">
          {live.map((p, n) => (
            <li key={p.id} className={`publication ${created === p.id ? "new" : ""}`} data-publication={p.id}>
              <div className="publication-head">
                <strong>Public link</strong> <span className="muted small-print">created {when(p.created_at)} · {p.show_people ? "shows people's names" : "people's names hidden"} · {p.show_organisations ? "organisations shown" : "organisations hidden"}</span>
              </div>
              <CopyField label={`Link to share${live.length > 1 ? ` (${n + 1})` : ""}`} value={publicUrl(p)} mono />
              <CopyField label={`Its opportunities page${live.length > 1 ? ` (${n + 1})` : ""}`} value={`${publicUrl(p)}#/opportunities`} mono />
              <CopyField label={`Embed in a website (iframe)${live.length > 1 ? ` (${n + 1})` : ""}`} value={embedSnippet(p, name)} mono />
              <div className="publication-actions">
                <a className="btn small" href={publicUrl(p)} target="_blank" rel="noreferrer">Open</a>
                {confirm === p.id ? (
                  <>
                    <span>Revoke this link? Anyone using it will lose access.</span>{" "}
                    <button className="btn small danger" onClick={() => void revoke(p.id)}>Revoke</button>{" "}
                    <button className="btn small" onClick={() => setConfirm(null)}>Keep</button>
                  </>
                ) : <button className="btn small danger-outline" onClick={() => setConfirm(p.id)}>Revoke…</button>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {revoked.length > 0 && (
        <details className="revoked-publications">
          <summary>{revoked.length} revoked link{revoked.length === 1 ? "" : "s"}</summary>
          <ul>{revoked.map((p) => <li key={p.id} className="publication-revoked">Created {when(p.created_at)}, revoked {when(p.revoked_at)} — no longer works</li>)}</ul>
        </details>
      )}
    </section>
  );
}
