// Pure functions behind the analysis panel: which box stands for a statement at the
// current zoom level, how a loop or a path is drawn there (boxes and lifted arrows),
// shortest paths between two statements (BFS over the export's links), rankings, and
// the diverging colour scale of a what-if's activations. No React, no fetch.
import type { LiftedLink } from "../api/types";

export type ParentOf = ReadonlyMap<string, string | null>;

/** The visible statement that stands for `id` at this level: itself or its nearest
 * visible ancestor; null when `id` lies outside the level's subtree. */
export function representative(id: string, parentOf: ParentOf, visible: ReadonlySet<string>): string | null {
  let current: string | null | undefined = id;
  for (let steps = 0; current != null && steps <= parentOf.size + 1; steps++) {
    if (visible.has(current)) return current;
    current = parentOf.get(current);
  }
  return null;
}

export interface Trace {
  /** Visible boxes on the trace, in the order first met. */
  boxes: string[];
  /** Lifted arrows on the trace, as "from>to" keys of the view's links. */
  links: string[];
  /** For each visible box, the trace's statements it stands for. */
  members: Map<string, string[]>;
  /** The trace's statements outside this level's subtree (not drawn here). */
  outside: string[];
}

/**
 * Maps a sequence of statements (a loop when `closed`, else a path) to this level:
 * each statement to its visible representative, and each consecutive pair whose
 * representatives differ to the lifted arrow between them (when the view has it).
 */
export function traceAtLevel(ids: readonly string[], closed: boolean, parentOf: ParentOf,
  visible: readonly string[], links: readonly Pick<LiftedLink, "from" | "to">[]): Trace {
  const visibleSet = new Set(visible);
  const lifted = new Set(links.map((l) => `${l.from}>${l.to}`));
  const reps = ids.map((id) => representative(id, parentOf, visibleSet));
  const boxes: string[] = []; const members = new Map<string, string[]>(); const outside: string[] = [];
  ids.forEach((id, i) => {
    const rep = reps[i];
    if (rep === null) { outside.push(id); return; }
    if (!members.has(rep)) { members.set(rep, []); boxes.push(rep); }
    members.get(rep)!.push(id);
  });
  const traced: string[] = []; const seen = new Set<string>();
  const pairs = closed ? ids.length : ids.length - 1;
  for (let i = 0; i < pairs; i++) {
    const a = reps[i]; const b = reps[(i + 1) % ids.length];
    if (a === null || b === null || a === b) continue;
    const key = `${a}>${b}`;
    if (lifted.has(key) && !seen.has(key)) { seen.add(key); traced.push(key); }
  }
  return { boxes, links: traced, members, outside };
}

/**
 * Shortest directed paths from `from` to `to` (breadth first over the links), at most
 * `limit` of them, in a stable order (successors by id). [] when there is none;
 * [[from]] when from === to.
 */
export function shortestPaths(links: readonly { from: string; to: string }[], from: string, to: string, limit = 5): string[][] {
  if (from === to) return [[from]];
  const succ = new Map<string, string[]>();
  for (const l of links) {
    if (l.from === l.to) continue;
    const list = succ.get(l.from) ?? []; list.push(l.to); succ.set(l.from, list);
  }
  for (const list of succ.values()) list.sort();
  // BFS: distance of each statement, and its predecessors on shortest paths.
  const dist = new Map<string, number>([[from, 0]]);
  const preds = new Map<string, string[]>();
  let frontier = [from];
  while (frontier.length && !dist.has(to)) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const target of succ.get(node) ?? []) {
        const d = dist.get(node)! + 1;
        if (!dist.has(target)) { dist.set(target, d); preds.set(target, [node]); next.push(target); }
        else if (dist.get(target) === d) preds.get(target)!.push(node);
      }
    }
    frontier = next;
  }
  if (!dist.has(to)) return [];
  for (const list of preds.values()) list.sort();
  // Walk back from `to`, depth first, stopping after `limit` complete paths.
  const paths: string[][] = [];
  const walk = (node: string, suffix: string[]) => {
    if (paths.length >= limit) return;
    if (node === from) { paths.push([from, ...suffix]); return; }
    for (const p of preds.get(node) ?? []) walk(p, [node, ...suffix]);
  };
  walk(to, []);
  return paths.sort((a, b) => a.join("\u0000").localeCompare(b.join("\u0000")));
}

export type Metric = "central" | "potency" | "betweenness";

/** Statements ranked by a score, highest first, ties by id; ranks shared by equal scores. */
export function ranking(scores: Record<string, number>): { id: string; score: number; rank: number }[] {
  const sorted = Object.entries(scores).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let rank = 0; let last = Number.NaN;
  return sorted.map(([id, score], index) => {
    if (score !== last) { rank = index + 1; last = score; }
    return { id, score, rank };
  });
}

/** Diverging colour for an activation in [-1, 1]: red (less) · near-white (0) · blue (more). */
export function activationColour(value: number): string {
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const neutral = [247, 247, 247];
  const end = v >= 0 ? [33, 102, 172] : [178, 24, 43];
  const t = Math.abs(v);
  const mix = neutral.map((c, i) => Math.round(c + (end[i] - c) * t));
  return `#${mix.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/** Ink that reads on activationColour(value). */
export function activationInk(value: number): string {
  return Math.abs(value) > 0.55 ? "#ffffff" : "#17202b";
}

/** "+0.76", "−0.12", "0.00": an activation in words-sized form. */
export function formatActivation(value: number): string {
  if (Math.abs(value) < 0.005) return "0.00";
  return `${value > 0 ? "+" : "−"}${Math.abs(value).toFixed(2)}`;
}
