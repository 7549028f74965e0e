// Turns a zoom view into what the canvas draws: placed boxes, bands and link paths.
import { useEffect, useMemo, useRef, useState } from "react";
import type { MapView, Position, Statement } from "../api/types";
import { autoArrange } from "./layout";
import {
  BOX_WIDTH, boxShape, computeBands, displayScale, type Band, type Measure, type PlacedBox,
} from "./geometry";

export interface Box extends PlacedBox { lines: string[]; statement: Statement }

export interface MapModel {
  boxes: Box[];
  byId: Map<string, Box>;
  bands: Band[];
  /** Display units per stored unit; stored position = display / scale. */
  scale: number;
  /** True when the layout came from the client (no stored positions yet). */
  unsaved: boolean;
  ready: boolean;
}

let measureContext: CanvasRenderingContext2D | null = null;
export const TITLE_FONT_CSS = `18px "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif`;

export const canvasMeasure: Measure = (text) => {
  if (!measureContext) {
    measureContext = document.createElement("canvas").getContext("2d");
    if (measureContext) measureContext.font = TITLE_FONT_CSS;
  }
  return measureContext ? measureContext.measureText(text).width : text.length * 9;
};

export function useMapModel(view: MapView | null, dragging: Map<string, Position>): MapModel {
  const scaleRef = useRef<{ key: string; scale: number }>({ key: "", scale: 1 });
  const [auto, setAuto] = useState<{ key: string; positions: Map<string, Position> } | null>(null);

  const viewKey = view ? `${view.coalition.id}/${view.root}` : "";
  const shapes = useMemo(() => {
    const map = new Map<string, ReturnType<typeof boxShape>>();
    if (view) for (const id of view.visible) if (view.statements[id]) map.set(id, boxShape(view.statements[id], canvasMeasure));
    return map;
  }, [view]);

  const unpositioned = view ? view.visible.filter((id) => view.statements[id] && !view.statements[id].position) : [];
  const allUnpositioned = !!view && unpositioned.length === view.visible.length && view.visible.length > 0;
  const autoKey = allUnpositioned && view ? `${viewKey}@${view.visible.join(",")}|${view.links.length}` : "";

  useEffect(() => {
    if (!autoKey || !view) return;
    if (auto?.key === autoKey) return;
    let cancelled = false;
    const nodes = view.visible.map((id) => ({ id, layer: view.statements[id].layer, width: shapes.get(id)!.width, height: shapes.get(id)!.height }));
    autoArrange(nodes, view.links, view.layers).then((positions) => { if (!cancelled) setAuto({ key: autoKey, positions }); });
    return () => { cancelled = true; };
  }, [autoKey, view, shapes, auto?.key]);

  return useMemo<MapModel>(() => {
    const empty: MapModel = { boxes: [], byId: new Map(), bands: [], scale: 1, unsaved: false, ready: !!view };
    if (!view) return { ...empty, ready: false };
    const stored = view.visible.map((id) => view.statements[id]?.position).filter((p): p is Position => !!p);
    if (scaleRef.current.key !== viewKey) scaleRef.current = { key: viewKey, scale: displayScale(stored) };
    const scale = scaleRef.current.scale;
    if (allUnpositioned && auto?.key !== autoKey) return { ...empty, ready: false };

    const boxes: Box[] = [];
    for (const id of view.visible) {
      const statement = view.statements[id];
      const shape = shapes.get(id);
      if (!statement || !shape) continue;
      let centre: Position | undefined = dragging.get(id);
      if (!centre && statement.position) centre = { x: statement.position.x * scale, y: statement.position.y * scale };
      if (!centre && allUnpositioned) centre = auto!.positions.get(id);
      boxes.push({ id, layer: statement.layer, x: centre?.x ?? NaN, y: centre?.y ?? NaN, width: shape.width, height: shape.height, lines: shape.lines, statement });
    }
    // A few statements without positions on an arranged map: line them up at the right
    // of their band, so nothing lands on top of anything.
    const placed = boxes.filter((b) => !Number.isNaN(b.x));
    if (placed.length < boxes.length) {
      const right = placed.length ? Math.max(...placed.map((b) => b.x + b.width / 2)) + 60 : 0;
      const bottom = placed.length ? Math.max(...placed.map((b) => b.y + b.height / 2)) : 0;
      let slot = 0;
      for (const box of boxes) {
        if (!Number.isNaN(box.x)) continue;
        const mates = placed.filter((b) => b.layer === box.layer);
        box.x = right + box.width / 2 + slot * (BOX_WIDTH + 40);
        box.y = mates.length ? mates.reduce((s, b) => s + b.y, 0) / mates.length : bottom + 120;
        slot++;
      }
    }
    const bands = computeBands(view.layers, boxes);
    return { boxes, byId: new Map(boxes.map((b) => [b.id, b])), bands, scale, unsaved: allUnpositioned, ready: true };
  }, [view, viewKey, shapes, dragging, auto, autoKey, allUnpositioned]);
}
