// Auto-arrange: ELK's layered algorithm, called directly, with arrows flowing upward
// and each layer kept in its own band (ELK partitions, bottom band = partition 0).
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

export async function autoArrange(nodes: LayoutNode[], links: LiftedLink[], layers: Layer[]): Promise<Map<string, Position>> {
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
