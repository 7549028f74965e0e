// Auto-arrange: ELK's layered algorithm, called directly, with arrows flowing upward
// and each layer kept in its own band (ELK partitions, bottom band = partition 0).
// ELK needs seconds for a few hundred statements and overflows its stack on thousands,
// so a level with more than ELK_LIMIT statements gets a quick banded grid instead.
import type { ElkNode } from "elkjs/lib/elk.bundled.js";
import type ELKType from "elkjs/lib/elk.bundled.js";
import type { Layer, LiftedLink, Position } from "../api/types";
import { BAND_PAD } from "./geometry";

export interface LayoutNode { id: string; layer: string | null; width: number; height: number }

let elk: InstanceType<typeof ELKType> | null = null;

/** The ELK partition of a statement: the bottom band is 0; statements without a layer sit below it. */
export function partitionOf(layer: string | null, layers: Layer[]): number {
  const index = layer === null ? -1 : layers.findIndex((l) => l.id === layer);
  if (index < 0) return 0;
  return layers.length - index; // top layer gets the highest number
}

/** Above this many statements on one level, the banded grid replaces ELK. */
export const ELK_LIMIT = 300;

export async function autoArrange(nodes: LayoutNode[], links: LiftedLink[], layers: Layer[]): Promise<Map<string, Position>> {
  if (nodes.length > ELK_LIMIT) return bandedGrid(nodes, links, layers);
  if (!elk) {
    // ELK is large; load it only when a map needs arranging.
    const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
    elk = new ELK();
  }
  const ids = new Set(nodes.map((n) => n.id));
  const usePartitions = layers.length > 0;
  const graph: ElkNode = {
    id: "map",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "UP",
      "elk.partitioning.activate": String(usePartitions),
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "56",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.separateConnectedComponents": "false",
    },
    children: nodes.map((n) => ({
      id: n.id, width: n.width, height: n.height,
      layoutOptions: usePartitions ? { "elk.partitioning.partition": String(partitionOf(n.layer, layers)) } : ({} as Record<string, string>),
    })),
    edges: links
      .filter((l) => ids.has(l.from) && ids.has(l.to) && l.from !== l.to)
      .map((l, index) => ({ id: `e${index}`, sources: [l.from], targets: [l.to] })),
  };
  const result = await elk.layout(graph);
  const centres = new Map<string, Position>();
  for (const child of result.children ?? []) {
    centres.set(child.id, { x: (child.x ?? 0) + child.width! / 2, y: (child.y ?? 0) + child.height! / 2 });
  }
  return usePartitions ? separateBands(centres, nodes, layers) : centres;
}

/** Pushes each band's statements apart from the band above, so bands get breathing room. */
export function separateBands(centres: Map<string, Position>, nodes: LayoutNode[], layers: Layer[]): Map<string, Position> {
  const byPartition = new Map<number, LayoutNode[]>();
  for (const n of nodes) {
    const p = partitionOf(n.layer, layers);
    byPartition.set(p, [...(byPartition.get(p) ?? []), n]);
  }
  const order = [...byPartition.keys()].sort((a, b) => b - a); // top band first
  const out = new Map(centres);
  let shift = 0;
  for (const partition of order) {
    for (const n of byPartition.get(partition)!) {
      const c = out.get(n.id);
      if (c) out.set(n.id, { x: c.x, y: c.y + shift });
    }
    shift += 2 * BAND_PAD;
  }
  return out;
}

const GRID_GAP_X = 40;
const GRID_GAP_Y = 56;

/**
 * A quick arrangement for large levels, linear in statements and arrows: each layer's
 * statements in rows within their band (top layer first), ordered so that a statement
 * sits under the statements it leads to (the top band keeps the order given; two sweeps
 * of neighbour averages order the bands below it), wrapped so
 * the whole map stays roughly as wide as it is tall.
 */
export function bandedGrid(nodes: LayoutNode[], links: LiftedLink[], layers: Layer[]): Map<string, Position> {
  const byPartition = new Map<number, LayoutNode[]>();
  for (const n of nodes) {
    const p = partitionOf(n.layer, layers);
    const list = byPartition.get(p);
    if (list) list.push(n); else byPartition.set(p, [n]);
  }
  const order = [...byPartition.keys()].sort((a, b) => b - a); // top band first
  const cellWidth = nodes.reduce((most, n) => Math.max(most, n.width), 1) + GRID_GAP_X;
  const cellHeight = nodes.reduce((most, n) => Math.max(most, n.height), 1) + GRID_GAP_Y;
  const columns = Math.max(4, Math.ceil(Math.sqrt(nodes.length * (cellHeight / cellWidth)) * 1.6));

  const neighbours = new Map<string, string[]>();
  for (const l of links) {
    if (l.from === l.to) continue;
    (neighbours.get(l.from) ?? neighbours.set(l.from, []).get(l.from)!).push(l.to);
    (neighbours.get(l.to) ?? neighbours.set(l.to, []).get(l.to)!).push(l.from);
  }
  // Where each placed statement sits across the map, 0..1.
  const across = new Map<string, number>();
  const place = (band: LayoutNode[]) => band.forEach((n, i) => across.set(n.id, band.length > 1 ? i / (band.length - 1) : 0.5));
  const bands = order.map((p) => byPartition.get(p)!);
  bands.forEach(place);
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const band of bands.slice(1)) { // the top band keeps its given order; the rest follow it
      const key = new Map<string, number>();
      for (const n of band) {
        const xs = (neighbours.get(n.id) ?? []).map((id) => across.get(id)).filter((x): x is number => x !== undefined);
        key.set(n.id, xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : across.get(n.id)!);
      }
      band.sort((a, b) => key.get(a.id)! - key.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      place(band);
    }
  }

  const centres = new Map<string, Position>();
  let top = 0;
  for (const band of bands) {
    const width = Math.min(columns, band.length);
    band.forEach((n, i) => {
      const row = Math.floor(i / columns);
      const col = i % columns;
      centres.set(n.id, { x: (col - (width - 1) / 2) * cellWidth, y: top + row * cellHeight + cellHeight / 2 });
    });
    top += Math.ceil(band.length / columns) * cellHeight + 2 * BAND_PAD;
  }
  return centres;
}
