// Builders for the edit operations the map sends. Kept pure so they can be unit tested.
import type { Op, Polarity, Position, StatementFields, StatementId } from "../api/types";

export const NEW_TITLE = "New objective";

export function addStatementOp(args: {
  parent: StatementId | null; layer: string | null; theme: string | null; position: Position; title?: string;
}): Op {
  return {
    op: "add_statement",
    statement: {
      title: args.title ?? NEW_TITLE, description: "", parent: args.parent, layer: args.layer,
      theme: args.theme, tags: [], status: "proposed", position: roundPosition(args.position),
    },
  };
}

export function updateStatementOp(id: StatementId, set: StatementFields): Op {
  return { op: "update_statement", id, set };
}

export function removeStatementOp(id: StatementId, cascade: boolean): Op {
  return { op: "remove_statement", id, cascade };
}

export function addLinkOp(from: StatementId, to: StatementId, polarity: Polarity = 1, weight = 0.5): Op {
  return { op: "add_link", link: { from, to, polarity, weight, assumption: "", evidence: "" } };
}

export function removeLinkOps(linkIds: string[]): Op[] {
  return linkIds.map((id) => ({ op: "remove_link", id }));
}

export function roundPosition(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** One set_positions op for the given map; empty input gives no op. */
export function setPositionsOps(positions: Map<StatementId, Position>): Op[] {
  if (positions.size === 0) return [];
  return [{
    op: "set_positions",
    positions: [...positions].map(([id, p]) => ({ id, ...roundPosition(p) })),
  }];
}

/** Whether a (from, to) pair may become a new link, before asking the server. */
export function linkRefusal(from: StatementId, to: StatementId, existing: { from: string; to: string }[]): string | null {
  if (from === to) return "An objective cannot lead to itself.";
  if (existing.some((l) => l.from === from && l.to === to)) return "These two objectives are already linked this way.";
  return null;
}
