// Local previews of edits, shown while the server confirms them.
import type { MapView, Position, Statement, StatementFields } from "../api/types";

export function withStatementPatch(view: MapView, id: string, patch: StatementFields): MapView {
  const current = view.statements[id];
  if (!current) return view;
  return { ...view, statements: { ...view.statements, [id]: { ...current, ...patch } as Statement } };
}

export function withPositions(view: MapView, positions: Map<string, Position>): MapView {
  const statements = { ...view.statements };
  for (const [id, p] of positions) if (statements[id]) statements[id] = { ...statements[id], position: p };
  return { ...view, statements };
}

export function withoutStatement(view: MapView, id: string): MapView {
  const statements = { ...view.statements };
  delete statements[id];
  const keep = view.links.map((l) => l.from !== id && l.to !== id);
  return {
    ...view, statements, visible: view.visible.filter((v) => v !== id),
    links: view.links.filter((_, i) => keep[i]), link_ids: view.link_ids.filter((_, i) => keep[i]),
  };
}

export function withoutLink(view: MapView, from: string, to: string): MapView {
  const keep = view.links.map((l) => !(l.from === from && l.to === to));
  return { ...view, links: view.links.filter((_, i) => keep[i]), link_ids: view.link_ids.filter((_, i) => keep[i]) };
}
