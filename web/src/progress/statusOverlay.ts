// The map coloured by progress: each box framed and tinted by its statement's status,
// a badge with its score, and a "stale" flag when one of its measures (or of the
// measures inside it) has data older than 1.5 reporting periods.
import type { BoxMark, MapOverlay } from "../map/MapCanvas";
import type { MeasuresAnswer, Progress, Status } from "../measures/types";
import { formatScore, STATUS_COLOUR, STATUS_LABEL, STATUS_TINT } from "../measures/status";

/** Statement ids with a stale measure, on themselves or anywhere inside them. */
export function staleStatements(measures: MeasuresAnswer | null, progress: Progress, parentOf: (id: string) => string | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const m of measures?.measures ?? []) {
    if (!progress.measures[m.id]?.stale) continue;
    let at: string | null | undefined = m.statement;
    for (let guard = 0; at && guard < 10_000 && !out.has(at); guard++) { out.add(at); at = parentOf(at); }
  }
  return out;
}

export function statusOverlay(visible: string[], progress: Progress, stale: Set<string>, measureCount: Map<string, number>): MapOverlay {
  const boxes: Record<string, BoxMark> = {};
  for (const id of visible) {
    const p = progress.statements[id];
    const status: Status = p?.status ?? "no_data";
    const count = measureCount.get(id) ?? 0;
    boxes[id] = {
      tone: status,
      fill: STATUS_TINT[status],
      stroke: STATUS_COLOUR[status],
      badge: p && p.score !== null ? formatScore(p.score) : undefined,
      badgeTitle: `${STATUS_LABEL[status]}${p && p.score !== null ? `: score ${formatScore(p.score)} of the expected progress` : ""}${count ? ` (${count} measure${count === 1 ? "" : "s"} here and inside)` : ""}`,
      flag: stale.has(id) ? "stale" : undefined,
      flagTitle: stale.has(id) ? "Some data here is older than 1.5 reporting periods" : undefined,
    };
  }
  return { boxes };
}
