// Applying a committed batch of measure ops (as the live feed sends them, with the ids the
// server gave) to the measures last read, so a live change needs only the small /progress
// read, not all data points again. Anything it cannot apply exactly gives null (re-read).
import type { Op } from "../api/types";
import type { DataPoint, MeasureOp, MeasuresAnswer, MeasureWithPoints } from "./types";

const MEASURE_OPS = new Set(["add_measure", "update_measure", "remove_measure", "set_data_points", "remove_data_points", "update_settings"]);

export function isMeasureOp(op: Op): op is MeasureOp { return MEASURE_OPS.has(op.op); }

/** set_data_points as the change log writes it: points as objects, or as compact rows
 *  [date, value, note?, entered_by?]; an op-level entered_by for the points without one. */
type LoggedPoints = { op: "set_data_points"; measure: string; points: (DataPoint | [string, number, string?, string?])[]; entered_by?: string };

export function applyMeasureOps(current: MeasuresAnswer, revision: number, ops: Op[]): MeasuresAnswer | null {
  if (revision !== current.revision + 1 || ops.length === 0 || !ops.every(isMeasureOp)) return null;
  let measures = current.measures;
  let settings = current.settings;
  const at = (id: string) => measures.findIndex((m) => m.id === id);
  const replace = (i: number, m: MeasureWithPoints) => { measures = [...measures.slice(0, i), m, ...measures.slice(i + 1)]; };
  for (const op of ops as MeasureOp[]) {
    switch (op.op) {
      case "add_measure": {
        if (!op.measure.id || at(op.measure.id) >= 0) return null;
        measures = [...measures, { description: "", kind: "population", unit: "", period_days: 365, data_source: "", weight: 1, group: "", ...op.measure, id: op.measure.id, points: [] }];
        break;
      }
      case "update_measure": {
        const i = at(op.id); if (i < 0) return null;
        replace(i, { ...measures[i], ...op.set, group: op.set.group === null ? "" : (op.set.group ?? measures[i].group) });
        break;
      }
      case "remove_measure": {
        const i = at(op.id); if (i < 0) return null;
        measures = [...measures.slice(0, i), ...measures.slice(i + 1)];
        break;
      }
      case "set_data_points": {
        const i = at(op.measure); if (i < 0) return null;
        const logged = op as unknown as LoggedPoints;
        const byDate = new Map(measures[i].points.map((p) => [p.date, p]));
        for (const row of logged.points) {
          const p: DataPoint = Array.isArray(row) ? { date: row[0], value: row[1], note: row[2], entered_by: row[3] } : row;
          if (typeof p.date !== "string" || typeof p.value !== "number") return null;
          byDate.set(p.date, { date: p.date, value: p.value, note: p.note ?? "", entered_by: p.entered_by ?? logged.entered_by ?? "" });
        }
        replace(i, { ...measures[i], points: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) });
        break;
      }
      case "remove_data_points": {
        const i = at(op.measure); if (i < 0) return null;
        const gone = new Set(op.dates);
        replace(i, { ...measures[i], points: measures[i].points.filter((p) => !gone.has(p.date)) });
        break;
      }
      case "update_settings":
        settings = { ...settings, ...op.set };
        break;
    }
  }
  return { revision, settings, measures };
}
