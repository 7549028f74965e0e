// Resource totals by theme, organisation, kind, layer or objective (rolled up the zoom
// tree by the server): one line per unit, pledged next to received; different currencies
// and units are never added together.
import { useState } from "react";
import { ApiError } from "../api/client";
import { amount, workApi, type Totals, type TotalsBy } from "../api/work";
import { useOnRevision } from "../store/workStore";
import "./work.css";

const BY: { value: TotalsBy; label: string }[] = [
  { value: "theme", label: "Theme" }, { value: "organisation", label: "Organisation" }, { value: "kind", label: "Kind" },
  { value: "layer", label: "Layer" }, { value: "statement", label: "Objective" },
];

export function ResourceTotals({ coalition }: { coalition: number }) {
  const [by, setBy] = useState<TotalsBy>("theme");
  const [totals, setTotals] = useState<Totals | null>(null);
  const [error, setError] = useState<string | null>(null);
  useOnRevision(() => {
    let live = true;
    workApi.totals(coalition, by).then((t) => { if (live) { setTotals(t); setError(null); } })
      .catch((e: unknown) => { if (live) setError(e instanceof ApiError ? e.message : String(e)); });
    return () => { live = false; };
  }, [coalition, by]);
  // The sum over all groups, per unit (only meaningful when groups do not overlap).
  const overall = new Map<string, { pledged: number; received: number }>();
  if (totals && by !== "statement") for (const g of totals.groups) for (const t of g.totals) {
    const sum = overall.get(t.unit) ?? { pledged: 0, received: 0 };
    overall.set(t.unit, { pledged: sum.pledged + t.pledged, received: sum.received + t.received });
  }
  return (
    <div className="work-page totals-page">
      <header className="work-header">
        <h1>Resources</h1>
        <p className="muted">What the coalition's members have pledged and handed over, per unit — currencies and hours are never added together.</p>
      </header>
      <div className="need-filter" role="group" aria-label="Group by">
        {BY.map((b) => (
          <button key={b.value} className={`chip-button ${by === b.value ? "active" : ""}`} aria-pressed={by === b.value} onClick={() => setBy(b.value)}>By {b.label.toLowerCase()}</button>
        ))}
      </div>
      {error && <p className="muted" role="alert">Cannot load the totals: {error}</p>}
      {totals && totals.by === by && (totals.groups.length === 0 ? <p className="muted">No resources yet.</p> : (
        <table className="work-table totals-table" data-by={by}>
          <thead><tr><th>{BY.find((b) => b.value === by)?.label}</th><th>Unit</th><th className="num">Pledged</th><th className="num">Received</th><th>Received of pledged</th></tr></thead>
          <tbody>
            {totals.groups.flatMap((g) => g.totals.map((t, i) => (
              <tr key={`${g.key}/${t.unit}`} data-group={g.key} data-unit={t.unit} className={i === 0 ? "group-start" : ""}>
                <td>{i === 0 ? g.label || g.key : ""}</td><td>{t.unit}</td>
                <td className="num">{amount(t.pledged, t.unit)}</td><td className="num">{amount(t.received, t.unit)}</td>
                <td><Bar pledged={t.pledged} received={t.received} /></td>
              </tr>
            )))}
          </tbody>
          {overall.size > 0 && (
            <tfoot>
              {[...overall].map(([unit, sum], i) => (
                <tr key={unit} data-total-unit={unit}><th>{i === 0 ? "All" : ""}</th><td>{unit}</td><td className="num">{amount(sum.pledged, unit)}</td><td className="num">{amount(sum.received, unit)}</td><td><Bar {...sum} /></td></tr>
              ))}
            </tfoot>
          )}
        </table>
      ))}
    </div>
  );
}

/** Pledged counts every resource (a received one was pledged too); the bar shows how much of it has arrived. */
function Bar({ pledged, received }: { pledged: number; received: number }) {
  const share = pledged > 0 ? Math.min(1, received / pledged) : 0;
  return <span className="bar" title={`${Math.round(share * 100)}% received`}><span style={{ width: `${share * 100}%` }} /></span>;
}
