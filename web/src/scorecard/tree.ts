// The scorecard's rows: the zoom tree in depth-first order, each statement followed by
// its own measures, with collapsed branches left out.
import type { MeasureWithPoints } from "../measures/types";
import type { TreeStatement } from "../measures/progressStore";

export type ScoreRow =
  | { kind: "statement"; id: string; title: string; depth: number; childCount: number; measureCount: number }
  | { kind: "measure"; id: string; measure: MeasureWithPoints; depth: number };

export function scorecardRows(statements: TreeStatement[], measures: MeasureWithPoints[], collapsed: Set<string>, onlyMeasured: boolean): ScoreRow[] {
  const children = new Map<string | null, TreeStatement[]>();
  const known = new Set(statements.map((s) => s.id));
  for (const s of statements) {
    const parent = s.parent && known.has(s.parent) ? s.parent : null;
    const list = children.get(parent);
    if (list) list.push(s); else children.set(parent, [s]);
  }
  const own = new Map<string, MeasureWithPoints[]>();
  for (const m of measures) { const list = own.get(m.statement); if (list) list.push(m); else own.set(m.statement, [m]); }
  // Measures in each subtree (for "only with measures" and the counts).
  const inside = new Map<string, number>();
  const count = (id: string, seen: Set<string>): number => {
    if (inside.has(id)) return inside.get(id)!;
    if (seen.has(id)) return 0;
    seen.add(id);
    const n = (own.get(id)?.length ?? 0) + (children.get(id) ?? []).reduce((sum, c) => sum + count(c.id, seen), 0);
    inside.set(id, n);
    return n;
  };
  for (const s of statements) count(s.id, new Set());
  const rows: ScoreRow[] = [];
  const visit = (s: TreeStatement, depth: number, path: Set<string>) => {
    if (path.has(s.id) || (onlyMeasured && (inside.get(s.id) ?? 0) === 0)) return;
    const kids = children.get(s.id) ?? [];
    rows.push({ kind: "statement", id: s.id, title: s.title, depth, childCount: kids.length, measureCount: inside.get(s.id) ?? 0 });
    if (collapsed.has(s.id)) return;
    for (const m of own.get(s.id) ?? []) rows.push({ kind: "measure", id: m.id, measure: m, depth: depth + 1 });
    const next = new Set(path); next.add(s.id);
    for (const k of kids) visit(k, depth + 1, next);
  };
  for (const s of children.get(null) ?? []) visit(s, 0, new Set());
  return rows;
}
