// The open invitations: statements that need a lead advocate, contributors or resources,
// ordered by potency (how many outcomes they lead to). The page has its own address to
// share, and re-reads itself whenever the coalition's revision moves (live feed), or,
// in the public view, every few seconds.
import { useEffect, useState } from "react";
import { ApiError } from "../api/client";
import type { Need, Opportunities } from "../api/work";
import "../organisations/work.css";

const NEED_LABEL: Record<Need, string> = { advocate: "a lead advocate", contributors: "contributors", resources: "resources" };

interface Props {
  load(): Promise<Opportunities>;
  /** Changes when the data may have changed (the revision); the page re-reads then. */
  revision: number;
  shareUrl: string;
  onOpenStatement?(id: string): void;
  heading?: string;
}

export function OpportunitiesPage({ load, revision, shareUrl, onOpenStatement, heading = "Opportunities" }: Props) {
  const [data, setData] = useState<Opportunities | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Need | "all">("all");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    load().then((d) => { if (live) { setData(d); setError(null); } })
      .catch((e: unknown) => { if (live) setError(e instanceof ApiError ? e.message : String(e)); });
    return () => { live = false; };
  }, [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = (data?.statements ?? []).filter((s) => filter === "all" || s.needs.includes(filter));
  const count = (need: Need) => (data?.statements ?? []).filter((s) => s.needs.includes(need)).length;
  return (
    <div className="work-page opportunities-page" data-revision={revision}>
      <header className="work-header">
        <h1>{heading}</h1>
        <p className="muted">Objectives that still need someone — ordered by how many of the coalition's outcomes they lead to.</p>
        <div className="header-actions">
          <button className="btn" onClick={() => { void navigator.clipboard?.writeText(shareUrl).then(() => setCopied(true), () => setCopied(false)); }}>
            {copied ? "Link copied" : "Copy link to share"}
          </button>
        </div>
      </header>
      <div className="need-filter" role="group" aria-label="Show">
        {(["all", "advocate", "contributors", "resources"] as const).map((need) => (
          <button key={need} className={`chip-button ${filter === need ? "active" : ""}`} aria-pressed={filter === need} onClick={() => setFilter(need)}>
            {need === "all" ? `All (${data?.statements.length ?? 0})` : `Needs ${NEED_LABEL[need]} (${count(need)})`}
          </button>
        ))}
      </div>
      {error && <p className="muted" role="alert">Cannot load the opportunities: {error}</p>}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && rows.length === 0 && <p className="muted">Nothing here: every objective has what it needs.</p>}
      {rows.length > 0 && (
        <ol className="opportunity-list">
          {rows.map((s) => (
            <li key={s.id} className="opportunity" data-opportunity={s.id}>
              <div className="potency" title="Outcomes this objective leads to (potency)"><strong>{s.potency}</strong><span>outcome{s.potency === 1 ? "" : "s"}</span></div>
              <div className="opportunity-body">
                {onOpenStatement ? <button className="linklike strong-title" onClick={() => onOpenStatement(s.id)}>{s.title}</button> : <span className="strong-title">{s.title}</span>}
                <div className="needs">{s.needs.map((n) => <span key={n} className={`need-chip need-${n}`}>needs {NEED_LABEL[n]}</span>)}</div>
                <div className="small-print muted">{s.advocates} advocate{s.advocates === 1 ? "" : "s"} · {s.contributors} contributor{s.contributors === 1 ? "" : "s"}</div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
