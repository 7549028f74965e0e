// The progress view's controls: the "as of" date (what the map looked like then) and the
// legend of status colours, with counts at this level.
import type { ReactNode } from "react";
import { setAsOf } from "../measures/progressStore";
import { STATUS_COLOUR, STATUS_LABEL, STATUS_TINT, STATUSES, todayIso } from "../measures/status";
import type { Status } from "../measures/types";

export function AsOfControl({ asOf }: { asOf: string | null }) {
  const today = todayIso();
  const lastSpring = `${Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 5 ? 0 : 1)}-04-30`;
  return (
    <span className="as-of" role="group" aria-label="Show progress as of a date">
      <label>
        <span>As of</span>
        <input type="date" aria-label="As of date" value={asOf ?? today} max={today}
          onChange={(e) => setAsOf(e.target.value && e.target.value !== today ? e.target.value : null)} />
      </label>
      {asOf ? <button className="btn small" onClick={() => setAsOf(null)}>Today</button>
        : <button className="btn small ghost" onClick={() => setAsOf(lastSpring)} title="See the map as it stood at the end of last April">Last spring</button>}
    </span>
  );
}

export function StatusLegend({ counts, asOf, children }: { counts: Map<Status, number>; asOf: string | null; children?: ReactNode }) {
  return (
    <div className="status-legend" role="group" aria-label="Status legend">
      <div className="status-legend-title">{asOf ? `Progress as of ${asOf}` : "Progress today"}</div>
      <ul>
        {STATUSES.map((s) => (
          <li key={s} data-legend={s}>
            <span className="status-swatch" style={{ background: STATUS_TINT[s], borderColor: STATUS_COLOUR[s] }} aria-hidden="true" />
            <span className="status-name">{STATUS_LABEL[s]}</span>
            <span className="status-count">{counts.get(s) ?? 0}</span>
          </li>
        ))}
        <li data-legend="stale"><span className="stale-pill" aria-hidden="true">stale</span><span className="status-name">data older than 1.5 periods</span></li>
      </ul>
      {children}
    </div>
  );
}
