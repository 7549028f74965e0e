// The drawn shape of each lifted link: a straight arrow between box borders, bent a
// little when the reverse link also exists so the two stay apart.
import type { Position } from "../api/types";
import { borderPoint } from "./geometry";

export interface LinkPath { d: string; mid: Position; angle: number }

type BoxLike = { x: number; y: number; width: number; height: number };

export function linkPath(from: BoxLike, to: BoxLike, hasReverse: boolean): LinkPath {
  const dx = to.x - from.x; const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = hasReverse ? 36 : 0;
  // The normal to the left of the direction of travel.
  const nx = -dy / length; const ny = dx / length;
  const control = { x: (from.x + to.x) / 2 + nx * bend * 2, y: (from.y + to.y) / 2 + ny * bend * 2 };
  const start = borderPoint(from, hasReverse ? control : to);
  const end = borderPoint(to, hasReverse ? control : from, 6);
  const mid = hasReverse
    ? { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y }
    : { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  const d = hasReverse
    ? `M${start.x},${start.y} Q${control.x},${control.y} ${end.x},${end.y}`
    : `M${start.x},${start.y} L${end.x},${end.y}`;
  return { d, mid, angle: Math.atan2(dy, dx) };
}
