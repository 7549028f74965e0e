// A small trend line of a measure's values, coloured by its status.
import { sparkPath, STATUS_COLOUR } from "./status";
import type { DataPoint, Status } from "./types";

/** A trend up to `asOf` (when looking back, later points are not drawn). */
export function Sparkline({ points, status, asOf = null, width = 110, height = 30 }: { points: DataPoint[]; status: Status; asOf?: string | null; width?: number; height?: number }) {
  const values = points.filter((p) => !asOf || p.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : 1)).map((p) => p.value);
  if (values.length === 0) return <span className="muted spark-empty">no data</span>;
  const path = sparkPath(values, width, height, 4);
  const last = path.split(" ").pop()!.slice(1).split(",").map(Number);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Trend of ${values.length} values`}>
      <path d={path} fill="none" stroke={STATUS_COLOUR[status] ?? "#3d4856"} strokeWidth={2.5} strokeLinejoin="round" />
      <circle cx={last[0]} cy={last[1]} r={3.5} fill={STATUS_COLOUR[status] ?? "#3d4856"} />
    </svg>
  );
}

export function StatusPill({ status, stale }: { status: Status; stale?: boolean }) {
  return (
    <span className="status-cell">
      <span className={`status-pill s-${status}`} data-status={status}>{{ on_track: "On track", at_risk: "At risk", off_track: "Off track", no_data: "No data" }[status]}</span>
      {stale && <span className="stale-pill" title="The latest value is older than 1.5 reporting periods">stale</span>}
    </span>
  );
}
