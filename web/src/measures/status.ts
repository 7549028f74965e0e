// Pure helpers shared by the map colours, the scorecard, the dashboard and the chart:
// status colours and words, the expected trajectory (the reference's straight line from
// the baseline to the next target), number formatting and sparkline paths.
import type { DatedValue, Measure, Status } from "./types";

export const STATUSES: Status[] = ["on_track", "at_risk", "off_track", "no_data"];

/** Strong colours that stay apart on a projector and for common colour blindness. */
export const STATUS_COLOUR: Record<Status, string> = {
  on_track: "#1a7f37",
  at_risk: "#c77700",
  off_track: "#c2261b",
  no_data: "#7b8593",
};
/** Light tints for box fills. */
export const STATUS_TINT: Record<Status, string> = {
  on_track: "#dcf2e2",
  at_risk: "#fdebc8",
  off_track: "#fad9d5",
  no_data: "#eceef1",
};
export const STATUS_LABEL: Record<Status, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  no_data: "No data",
};
export const STATUS_SYMBOL: Record<Status, string> = { on_track: "●", at_risk: "▲", off_track: "■", no_data: "○" };

const MS_DAY = 86_400_000;
export function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_DAY);
}
export function dateOfDay(day: number): string {
  return new Date(day * MS_DAY).toISOString().slice(0, 10);
}
export function todayIso(): string { return new Date().toISOString().slice(0, 10); }

/** The value expected on `date`, exactly as progress_reference.py's expected_at. */
export function expectedAt(m: Pick<Measure, "baseline" | "targets">, date: string): number {
  const b = m.baseline;
  const targets = [...(m.targets ?? [])].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  if (targets.length === 0) return b.value;
  const t = dayNumber(date);
  const next = targets.find((x) => dayNumber(x.date) >= t) ?? targets[targets.length - 1];
  const span = dayNumber(next.date) - dayNumber(b.date);
  if (span <= 0 || t >= dayNumber(next.date)) return next.value;
  if (t <= dayNumber(b.date)) return b.value;
  return b.value + (next.value - b.value) * (t - dayNumber(b.date)) / span;
}

/** The trajectory's corner points: the baseline, then each target after it, by date. */
export function trajectory(m: Pick<Measure, "baseline" | "targets">): DatedValue[] {
  const targets = [...(m.targets ?? [])].sort((x, y) => (x.date < y.date ? -1 : 1));
  return [m.baseline, ...targets.filter((t) => t.date > m.baseline.date)];
}

/**
 * The band of values that count as on track / at risk at `date`: a score s means
 * value = b + s * (expected - b), so the thresholds map to values along the trajectory.
 */
export function thresholdValues(m: Pick<Measure, "baseline" | "targets">, date: string, settings: { on_track: number; at_risk: number }) {
  const b = m.baseline.value; const e = expectedAt(m, date);
  return { expected: e, onTrack: b + settings.on_track * (e - b), atRisk: b + settings.at_risk * (e - b) };
}

export function formatValue(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const text = abs >= 1000 ? value.toLocaleString("en-US", { maximumFractionDigits: 0 })
    : abs >= 100 ? value.toLocaleString("en-US", { maximumFractionDigits: 1 })
    : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return unit ? `${text} ${unit}` : text;
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "—" : `${Math.round(score * 100)}%`;
}

/** A measure's name with its group (locality), unless the name already says it. */
export function measureLabel(m: { name: string; group?: string | null }): string {
  return m.group && !m.name.toLowerCase().includes(m.group.toLowerCase()) ? `${m.name} — ${m.group}` : m.name;
}

/** The last target (the goal), or null. */
export function finalTarget(m: Pick<Measure, "targets">): DatedValue | null {
  if (!m.targets?.length) return null;
  return [...m.targets].sort((a, b) => (a.date < b.date ? -1 : 1))[m.targets.length - 1];
}

/** An SVG polyline path through the values, scaled into width × height (y grows down). */
export function sparkPath(values: number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return "";
  const min = Math.min(...values); const max = Math.max(...values);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values.map((v, i) => {
    const x = pad + (values.length > 1 ? i * step : (width - 2 * pad) / 2);
    const y = pad + (height - 2 * pad) * (1 - (v - min) / span);
    return `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join(" ");
}

/** A year ("2019") or a date; years become the year's end (or start), as the import does. */
export function normaliseDate(text: string, yearAs: "end" | "start" = "end"): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return yearAs === "end" ? `${t}-12-31` : `${t}-01-01`;
  const m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** A number as people type or paste it: "1,234.5", " 3.2 ", "4,1" (decimal comma). */
export function parseNumber(text: string): number | null {
  let t = text.trim().replace(/\s/g, "");
  if (!t) return null;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  else if (/^-?\d+,\d+$/.test(t)) t = t.replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
