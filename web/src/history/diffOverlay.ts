// What a diff adds to the map beyond the boxes that still exist: removed statements as
// ghost boxes where they lived (or lifted to their visible ancestor as "N removed
// inside"), removed links as ghost arrows between visible ends, and added / re-rated
// links by their drawn (lifted) arrow. Pure: fed by the diff, the view at `to` and the
// whole map at `from` (its export), so it can be tested without a browser.
import type { MapView, Position } from "../api/types";
import type { MapDiff } from "./api";

/** The statements and links of the map at a revision (the native export document). */
export interface MapDocument {
  statements: { id: string; title: string; parent?: string | null; layer?: string | null; position?: Position | null }[];
  links: { id: string; from: string; to: string }[];
}

export interface Ghost { id: string; title: string; layer: string | null; position: Position | null }
export type LinkMark = "added" | "changed";

export interface DiffOverlay {
  /** Removed statements whose parent is this zoom level's root, at their old position (stored units). */
  ghosts: Ghost[];
  /** Visible (or ghost) box id → how many removed statements lived somewhere inside it. */
  removedInside: Record<string, number>;
  /** "from>to" of the drawn arrows → added (green +) or changed (amber ~). */
  links: Record<string, LinkMark>;
  /** Removed links, lifted to ends that are drawn at this level (boxes or ghosts). */
  ghostLinks: { from: string; to: string; count: number }[];
}

export function diffOverlay(diff: MapDiff, view: MapView, before: MapDocument): DiffOverlay {
  const old = new Map(before.statements.map((s) => [s.id, s]));
  const removed = new Set(diff.removed.statements);
  const visible = new Set(view.visible);
  const root = view.root === "top" ? null : view.root;
  const ghosts: Ghost[] = [];
  const ghostIds = new Set<string>();
  for (const id of diff.removed.statements) {
    const s = old.get(id);
    if (s && (s.parent ?? null) === root) {
      ghosts.push({ id, title: s.title, layer: s.layer ?? null, position: s.position ?? null });
      ghostIds.add(id);
    }
  }
  // The first box drawn at this level on the way up from a statement, in the old tree.
  const shown = (id: string): string | null => {
    let cursor: string | null | undefined = id;
    for (let steps = 0; cursor && steps <= before.statements.length; steps++) {
      if (ghostIds.has(cursor) || (visible.has(cursor) && !removed.has(cursor))) return cursor;
      cursor = old.get(cursor)?.parent ?? null;
    }
    return null;
  };
  const removedInside: Record<string, number> = {};
  for (const id of diff.removed.statements) {
    if (ghostIds.has(id)) continue;
    const at = shown(id);
    if (at) removedInside[at] = (removedInside[at] ?? 0) + 1;
  }

  const added = new Set(diff.added.links); const changed = new Set(diff.changed.links);
  const links: Record<string, LinkMark> = {};
  view.links.forEach((link, index) => {
    const ids = view.link_ids[index] ?? [];
    const key = `${link.from}>${link.to}`;
    if (ids.some((id) => added.has(id))) links[key] = "added";
    else if (ids.some((id) => changed.has(id))) links[key] = "changed";
  });

  const oldLinks = new Map(before.links.map((l) => [l.id, l]));
  const ghostLinks = new Map<string, { from: string; to: string; count: number }>();
  for (const id of diff.removed.links) {
    const link = oldLinks.get(id);
    if (!link) continue;
    const from = shown(link.from); const to = shown(link.to);
    if (!from || !to || from === to) continue;
    const key = `${from}>${to}`;
    const entry = ghostLinks.get(key) ?? { from, to, count: 0 };
    entry.count++;
    ghostLinks.set(key, entry);
  }
  return { ghosts, removedInside, links, ghostLinks: [...ghostLinks.values()] };
}
