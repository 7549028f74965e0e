// Pure geometry of the strategy map: box sizes from wrapped text, layer bands,
// the display scale of stored positions, and where arrows meet boxes.
import type { Layer, Position, Statement } from "../api/types";

export const BOX_WIDTH = 260;
export const BOX_PAD_X = 14;
export const HEADER_H = 10;
export const TITLE_FONT = 18;
export const LINE_H = 23;
export const FOOTER_H = 26;
export const BAND_PAD = 26;
export const BAND_LABEL_W = 140;

export type Measure = (text: string) => number;

/** A rough width in pixels of `text` at TITLE_FONT, for tests and before fonts load. */
export const approxMeasure: Measure = (text) => text.length * TITLE_FONT * 0.53;

/** Splits text into lines that fit maxWidth, breaking only between words unless one word is too long. */
export function wrapText(text: string, maxWidth: number, measure: Measure = approxMeasure): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) { line = candidate; continue; }
    if (line) lines.push(line);
    if (measure(word) <= maxWidth) { line = word; continue; }
    // A single word wider than the box: cut it, so nothing is hidden.
    let piece = "";
    for (const ch of word) {
      if (measure(piece + ch + "-") > maxWidth && piece) { lines.push(piece + "-"); piece = ""; }
      piece += ch;
    }
    line = piece;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

export interface BoxShape { lines: string[]; width: number; height: number }

export function boxShape(statement: Pick<Statement, "title" | "child_count">, measure: Measure = approxMeasure): BoxShape {
  const lines = wrapText(statement.title || "(untitled)", BOX_WIDTH - 2 * BOX_PAD_X, measure);
  const height = HEADER_H + 12 + lines.length * LINE_H + 10 + (statement.child_count > 0 ? FOOTER_H : 0);
  return { lines, width: BOX_WIDTH, height };
}

export interface Band {
  /** Layer id, or null for statements without a layer. */
  layer: string | null;
  name: string;
  top: number;
  bottom: number;
}

export interface PlacedBox { id: string; layer: string | null; x: number; y: number; width: number; height: number }

/**
 * The horizontal bands of the map, top layer first, each wrapping its statements.
 * Layers with no statement on this map get no band (a sub-map often uses one or two
 * layers), except on an empty map, which shows every layer so the first objectives can
 * be placed. Maps without layers get no bands; statements without a layer (on a map
 * that has layers) get an unlabelled band at the bottom.
 */
export function computeBands(layers: Layer[], boxes: PlacedBox[], emptyHeight = 160): Band[] {
  if (layers.length === 0) return [];
  if (boxes.length === 0) {
    return layers.map((l, i) => ({ layer: l.id, name: l.name, top: i * emptyHeight, bottom: (i + 1) * emptyHeight }));
  }
  const known = new Set(layers.map((l) => l.id));
  type Extent = { layer: string | null; name: string; top: number; bottom: number };
  const extents: Extent[] = [];
  for (const layer of layers) {
    const members = boxes.filter((b) => b.layer === layer.id);
    if (members.length) extents.push({ layer: layer.id, name: layer.name, ...extentOf(members) });
  }
  // Objectives without a (known) layer get their own band where they actually sit among
  // the others (not always last: a new objective may be dropped at the top of the map).
  const loose = boxes.filter((b) => b.layer === null || !known.has(b.layer));
  if (loose.length) {
    const band: Extent = { layer: null, name: "No layer", ...extentOf(loose) };
    const centre = (band.top + band.bottom) / 2;
    let at = extents.findIndex((e) => (e.top + e.bottom) / 2 > centre);
    if (at < 0) at = extents.length;
    extents.splice(at, 0, band);
  }
  const bands: Band[] = [];
  for (const extent of extents) {
    let { top } = extent;
    const previous = bands[bands.length - 1];
    if (previous) {
      // Bands touch: split any gap or overlap between neighbours at its middle, but never
      // above the previous band's own minimum height (boxes placed out of their band's
      // order must not turn a band inside out).
      const seam = Math.max((previous.bottom + top) / 2, previous.top + 40);
      previous.bottom = seam; top = seam;
    }
    bands.push({ layer: extent.layer, name: extent.name, top, bottom: Math.max(extent.bottom, top + 40) });
  }
  return bands;
}

function extentOf(members: PlacedBox[]): { top: number; bottom: number } {
  return {
    top: Math.min(...members.map((b) => b.y - b.height / 2)) - BAND_PAD,
    bottom: Math.max(...members.map((b) => b.y + b.height / 2)) + BAND_PAD,
  };
}

/** The band under map coordinate y, or null when outside every band. */
export function bandAt(bands: Band[], y: number): Band | null {
  for (const band of bands) if (y >= band.top && y < band.bottom) return band;
  if (bands.length && y < bands[0].top) return bands[0];
  if (bands.length && y >= bands[bands.length - 1].bottom) return bands[bands.length - 1];
  return null;
}

/**
 * Stored positions come from many tools at many scales. Spread them so that boxes of
 * our size mostly clear their nearest neighbour: the factor is 1 when they do already
 * (as after our own auto-arrange), and is capped so one stacked pair cannot blow it up.
 */
export function displayScale(positions: Position[], boxWidth = BOX_WIDTH, boxHeight = 90, maxScale = 3): number {
  if (positions.length < 2) return 1;
  const needs: number[] = [];
  const sample = positions.length > 400 ? positions.filter((_, i) => i % Math.ceil(positions.length / 400) === 0) : positions;
  for (const p of sample) {
    let nearest = Infinity; let need = 1;
    for (const q of positions) {
      if (q === p) continue;
      const dx = Math.abs(q.x - p.x); const dy = Math.abs(q.y - p.y);
      const distance = Math.hypot(dx / boxWidth, dy / boxHeight);
      if (distance >= nearest) continue;
      nearest = distance;
      // Clearing in either direction is enough.
      need = Math.min(dx > 0 ? (boxWidth + 16) / dx : Infinity, dy > 0 ? (boxHeight + 16) / dy : Infinity);
    }
    needs.push(need);
  }
  needs.sort((a, b) => a - b);
  const typical = needs[Math.floor(needs.length * 0.5)];
  return Math.min(maxScale, Math.max(1, typical));
}

/** Where the segment from the box centre towards `toward` leaves the box. */
export function borderPoint(box: { x: number; y: number; width: number; height: number }, toward: Position, margin = 4): Position {
  const dx = toward.x - box.x; const dy = toward.y - box.y;
  if (dx === 0 && dy === 0) return { x: box.x, y: box.y };
  const hw = box.width / 2 + margin; const hh = box.height / 2 + margin;
  const t = Math.min(dx !== 0 ? hw / Math.abs(dx) : Infinity, dy !== 0 ? hh / Math.abs(dy) : Infinity);
  return { x: box.x + dx * t, y: box.y + dy * t };
}

export interface Bounds { minX: number; minY: number; maxX: number; maxY: number }

export function boundsOf(boxes: { x: number; y: number; width: number; height: number }[]): Bounds | null {
  if (!boxes.length) return null;
  return {
    minX: Math.min(...boxes.map((b) => b.x - b.width / 2)), maxX: Math.max(...boxes.map((b) => b.x + b.width / 2)),
    minY: Math.min(...boxes.map((b) => b.y - b.height / 2)), maxY: Math.max(...boxes.map((b) => b.y + b.height / 2)),
  };
}

/** A zoom transform that fits `bounds` into a viewport of width × height with a margin. */
export function fitTransform(bounds: Bounds, width: number, height: number, margin = 40, maxScale = 1.4): { x: number; y: number; k: number } {
  const w = Math.max(1, bounds.maxX - bounds.minX); const h = Math.max(1, bounds.maxY - bounds.minY);
  const k = Math.min(maxScale, (width - 2 * margin) / w, (height - 2 * margin) / h);
  return { k, x: width / 2 - k * (bounds.minX + w / 2), y: height / 2 - k * (bounds.minY + h / 2) };
}
