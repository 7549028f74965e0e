import { describe, expect, it } from "vitest";
import type { Layer, LiftedLink } from "../api/types";
import { autoArrange, bandedGrid, type LayoutNode } from "./layout";

const layers = [{ id: "outcome", name: "Outcomes" }, { id: "strategy", name: "Strategies" }, { id: "capacity", name: "Capacities" }] as Layer[];
const link = (from: string, to: string) => ({ from, to, count: 1, polarity: "positive" }) as unknown as LiftedLink;

/** A large generated level: statements spread over three layers, arrows mostly upward, some loops. */
function bigLevel(count: number): { nodes: LayoutNode[]; links: LiftedLink[] } {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, layer: layers[i % 3].id, width: 160 + (i % 5) * 20, height: 60 + (i % 3) * 15 }));
  const links = Array.from({ length: Math.round(count * 1.8) }, () => link(`s${Math.floor(random() * count)}`, `s${Math.floor(random() * count)}`));
  return { nodes, links };
}

describe("auto-arrange of large levels", () => {
  it("places 2,000 statements at once, in their bands, none overlapping", async () => {
    const { nodes, links } = bigLevel(2000);
    const started = Date.now();
    const centres = await autoArrange(nodes, links, layers);
    expect(Date.now() - started).toBeLessThan(5000); // ELK took minutes here, then overflowed
    expect(centres.size).toBe(2000);
    const boxes = nodes.map((n) => ({ ...n, ...centres.get(n.id)! }));
    for (const b of boxes) expect(Number.isFinite(b.x) && Number.isFinite(b.y)).toBe(true);
    // Bands: every outcome above every strategy above every capacity (y grows downward).
    const span = (layer: string) => {
      const ys = boxes.filter((b) => b.layer === layer).map((b) => b.y);
      return { top: Math.min(...ys), bottom: Math.max(...ys) };
    };
    expect(span("outcome").bottom).toBeLessThan(span("strategy").top);
    expect(span("strategy").bottom).toBeLessThan(span("capacity").top);
    // No two boxes overlap.
    const cells = new Set(boxes.map((b) => `${Math.round(b.x)},${Math.round(b.y)}`));
    expect(cells.size).toBe(2000);
    const sorted = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      if (a.y === b.y) expect(b.x - a.x).toBeGreaterThanOrEqual((a.width + b.width) / 2);
    }
    // Roughly as wide as tall, not one endless row.
    const xs = boxes.map((b) => b.x); const ys = boxes.map((b) => b.y);
    const ratio = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(4);
  });

  it("puts a statement under the one it leads to", () => {
    const nodes: LayoutNode[] = [
      { id: "left", layer: "outcome", width: 100, height: 50 },
      { id: "right", layer: "outcome", width: 100, height: 50 },
      { id: "feeds-right", layer: "capacity", width: 100, height: 50 },
      { id: "feeds-left", layer: "capacity", width: 100, height: 50 },
    ];
    const centres = bandedGrid(nodes, [link("feeds-right", "right"), link("feeds-left", "left")], layers);
    expect(centres.get("left")!.x).toBeLessThan(centres.get("right")!.x);
    expect(centres.get("feeds-left")!.x).toBeLessThan(centres.get("feeds-right")!.x);
    expect(centres.get("right")!.y).toBeLessThan(centres.get("feeds-right")!.y);
  });
});
