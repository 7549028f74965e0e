// The strategy map: layer bands, theme-coloured boxes, arrows with their polarity,
// pan and zoom (d3-zoom), drag to place, drag from a handle to link, and the animated
// zoom into and out of sub-maps.
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useRef, useState } from "react";
import { select } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import "d3-transition";
import type { MapView, Position } from "../api/types";
import { useMapStore, type Refusal } from "../store/mapStore";
import { BAND_LABEL_W, bandAt, boundsOf, boxShape, fitTransform, HEADER_H, LINE_H, BOX_PAD_X, BOX_WIDTH, FOOTER_H, type Band } from "./geometry";
import { linkPath } from "./linkPaths";
import { RefusalNote } from "../panel/fields";
import { canvasMeasure, type MapModel, type Box } from "./useMapModel";
import { linkKey, type Selection } from "./selection";
import { CommentBadge } from "../comments/CommentBadge";

export interface CanvasHandle {
  fit(animate?: boolean): void;
  zoomBy(factor: number): void;
  /** The map point at the centre of the screen. */
  centre(): Position;
  /** Animates towards a box, then resolves (used before opening its sub-map). */
  zoomInto(id: string): Promise<void>;
  panBy(dx: number, dy: number): void;
  reveal(id: string): void;
  /** Animates to show these boxes (a traced loop or path) whole. */
  fitTo(ids: string[]): void;
}

interface Props {
  view: MapView;
  model: MapModel;
  selection: Selection;
  linkFrom: string | null;
  previousRoot: string | null;
  refusal: Refusal | null;
  themeFocus: string | null;
  onSelect(selection: Selection): void;
  onOpen(id: string): void;
  onDrag(id: string, centre: Position | null): void;
  onDrop(id: string, centre: Position, band: Band | null): void;
  onCreateLink(from: string, to: string): void;
  onAddAt(centre: Position, band: Band | null): void;
  /** Diff marks by statement id (history's compare view): a class and a symbol each. */
  marks?: Record<string, "added" | "changed" | "removed">;
  /** Diff marks beyond the boxes (history's compare view): removed statements as ghost
   *  boxes, "N removed inside" on boxes, added / re-rated arrows, removed arrows as ghosts. */
  diff?: MapDiffMarks | null;
  /** No dragging, linking or adding: for people whose role may only look. */
  readOnly?: boolean;
  /** Analysis marks (outcomes, ranks, a traced loop or path, what-if colours). */
  overlay?: MapOverlay | null;
  /** Who does what on each box: advocate and contributor badges, "unclaimed", an organisation's focus. */
  work?: Record<string, WorkMark> | null;
}

/** One box's who-does-what mark (organisations/mapMarks.ts computes them). */
export interface WorkMark { advocates: number; contributors: number; teams?: number; unclaimed: boolean; dim?: boolean; focus?: boolean }

/** One box's analysis mark: a tone (class and data-analysis), a fill, a badge with words. */
export interface BoxMark { tone: string; fill?: string; ink?: string; badge?: string; badgeTitle?: string;
  /** A frame in this colour (progress status), and a second badge (e.g. "stale"). */
  stroke?: string; flag?: string; flagTitle?: string }
export interface MapOverlay {
  boxes: Record<string, BoxMark>;
  /** Lifted arrows to highlight, by "from>to". */
  links?: Record<string, true>;
  /** Fade what is not marked (a traced loop or path). */
  dimRest?: boolean;
}

export interface MapDiffMarks {
  /** Removed statements that lived at this level; position in stored units (null: unplaced). */
  ghosts: { id: string; title: string; layer: string | null; position: Position | null }[];
  removedInside: Record<string, number>;
  /** By "from>to" of the drawn arrows. */
  links: Record<string, "added" | "changed">;
  ghostLinks: { from: string; to: string; count: number }[];
}

type GhostBox = { id: string; title: string; lines: string[]; x: number; y: number; width: number; height: number };

/** Ghost boxes in display units: at their old position, or lined up right of the map. */
function placeGhosts(diff: MapDiffMarks | null | undefined, model: MapModel): GhostBox[] {
  if (!diff?.ghosts.length) return [];
  const right = model.boxes.length ? Math.max(...model.boxes.map((b) => b.x + b.width / 2)) + 60 : 0;
  const top = model.boxes.length ? Math.min(...model.boxes.map((b) => b.y - b.height / 2)) : 0;
  let slot = 0;
  return diff.ghosts.map((g) => {
    const shape = boxShape({ title: g.title, child_count: 0 }, canvasMeasure);
    const height = shape.height + 22;
    const x = g.position ? g.position.x * model.scale : right + BOX_WIDTH / 2;
    const y = g.position ? g.position.y * model.scale : top + height / 2 + (slot++) * (height + 30);
    return { id: g.id, title: g.title, lines: shape.lines, x, y, width: shape.width, height };
  });
}

const DIFF_SIGN = { added: "+", changed: "~", removed: "−" } as const;

const themeColour = (view: MapView, theme: string | null) =>
  (theme && view.themes.find((t) => t.id === theme)?.color) || "#8a94a3";

export const MapCanvas = forwardRef<CanvasHandle, Props>(function MapCanvas(props, ref) {
  const { view, model, selection, linkFrom, refusal, themeFocus } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [rubber, setRubber] = useState<{ from: string; to: Position; over: string | null } | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const modelRef = useRef(model);
  modelRef.current = model;

  const size = () => {
    const svg = svgRef.current;
    return { width: svg?.clientWidth || 1200, height: svg?.clientHeight || 700 };
  };

  const fitNow = useCallback((): ZoomTransform => {
    const bands = modelRef.current.bands;
    const bounds = boundsOf([...modelRef.current.boxes, ...placeGhosts(propsRef.current.diff, modelRef.current)])
      ?? (bands.length ? { minX: 0, maxX: 1100, minY: bands[0].top, maxY: bands[bands.length - 1].bottom } : null);
    const { width, height } = size();
    if (!bounds) return zoomIdentity;
    if (bands.length) { bounds.minY = Math.min(bounds.minY, bands[0].top + 12); bounds.maxY = Math.max(bounds.maxY, bands[bands.length - 1].bottom - 12); }
    const labels = modelRef.current.bands.length ? BAND_LABEL_W : 0;
    const t = fitTransform(bounds, width - labels, height, 28, 1.3);
    return zoomIdentity.translate(t.x + labels, t.y).scale(t.k);
  }, []);

  // Wheel-zooming far into a box that holds a sub-map opens it, like a map application.
  const zoomThroughTimer = useRef<number | null>(null);
  const maybeZoomThrough = useCallback((wheel: WheelEvent) => {
    if (zoomThroughTimer.current !== null) window.clearTimeout(zoomThroughTimer.current);
    if (wheel.deltaY >= 0) return;
    zoomThroughTimer.current = window.setTimeout(() => {
      zoomThroughTimer.current = null;
      const { width } = size();
      const t = transformRef.current;
      const rect = svgRef.current!.getBoundingClientRect();
      const [cx, cy] = t.invert([wheel.clientX - rect.left, wheel.clientY - rect.top]);
      const box = modelRef.current.boxes.find((b) => b.statement.child_count > 0
        && Math.abs(b.x - cx) < b.width / 2 && Math.abs(b.y - cy) < b.height / 2);
      if (box && box.width * t.k > width * 0.5) propsRef.current.onOpen(box.id);
    }, 250);
  }, []);

  // A layout effect, declared before the one that fits a new zoom level: when the map
  // opens straight onto a map with stored positions, that fit runs in the same commit as
  // this mount and needs the zoom behaviour to exist already.
  useLayoutEffect(() => {
    const svg = svgRef.current!;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.08, 5])
      .filter((event: Event) => {
        const target = event.target as Element;
        if (target.closest?.("[data-statement], [data-handle], [data-link]") && event.type !== "wheel") return false;
        return (!(event as MouseEvent).ctrlKey || event.type === "wheel") && !(event as MouseEvent).button;
      })
      .on("zoom", (event: { transform: ZoomTransform; sourceEvent: Event | null }) => {
        transformRef.current = event.transform;
        viewportRef.current?.setAttribute("transform", event.transform.toString());
        setTransform(event.transform);
        if (event.sourceEvent?.type === "wheel") maybeZoomThrough(event.sourceEvent as WheelEvent);
      });
    select(svg).call(behaviour).on("dblclick.zoom", null);
    zoomRef.current = behaviour;
    return () => { select(svg).on(".zoom", null); };
  }, []);

  const applyTransform = useCallback((t: ZoomTransform, duration = 0) => {
    const svg = svgRef.current; const behaviour = zoomRef.current;
    if (!svg || !behaviour) return Promise.resolve();
    if (duration === 0) { select(svg).interrupt(); select(svg).call(behaviour.transform, t); return Promise.resolve(); }
    return new Promise<void>((resolve) => {
      select(svg).transition().duration(duration).call(behaviour.transform, t).on("end", () => resolve()).on("interrupt", () => resolve());
    });
  }, []);

  const boxFocus = useCallback((box: Box, fill = 0.7) => {
    const { width, height } = size();
    const k = Math.min((width * fill) / box.width, (height * fill) / box.height);
    return zoomIdentity.translate(width / 2 - k * box.x, height / 2 - k * box.y).scale(k);
  }, []);

  // On a new zoom level: fit it, arriving from where we were so people keep their bearings.
  const rootKey = `${view.coalition.id}/${view.root}`;
  const shownRoot = useRef<string>("");
  useLayoutEffect(() => {
    if (!model.ready || shownRoot.current === rootKey) return;
    const first = shownRoot.current === "" || !shownRoot.current.startsWith(`${view.coalition.id}/`);
    shownRoot.current = rootKey;
    const target = fitNow();
    const g = viewportRef.current;
    if (first) { void applyTransform(target); return; }
    const previous = props.previousRoot;
    const cameFromChild = previous && model.byId.get(previous);
    if (cameFromChild) {
      void applyTransform(boxFocus(cameFromChild, 0.9));
    } else {
      const { width, height } = size();
      void applyTransform(zoomIdentity.translate(width / 2, height / 2).scale(0.25).translate(-width / 2, -height / 2).translate(target.x, target.y).scale(target.k));
    }
    if (g) { g.style.transition = "none"; g.style.opacity = "0.2"; requestAnimationFrame(() => { g.style.transition = "opacity 450ms ease"; g.style.opacity = "1"; }); }
    void applyTransform(target, 650);
  }, [rootKey, model.ready, model.byId, fitNow, applyTransform, boxFocus, props.previousRoot, view.coalition.id]);

  useImperativeHandle(ref, () => ({
    fit: (animate = true) => { void applyTransform(fitNow(), animate ? 450 : 0); },
    zoomBy: (factor) => {
      const svg = svgRef.current; const behaviour = zoomRef.current;
      if (svg && behaviour) select(svg).transition().duration(250).call(behaviour.scaleBy, factor);
    },
    centre: () => {
      const { width, height } = size();
      const [x, y] = transformRef.current.invert([width / 2, height / 2]);
      return { x, y };
    },
    zoomInto: async (id) => {
      const box = modelRef.current.byId.get(id);
      if (!box) return;
      const g = viewportRef.current;
      if (g) { g.style.transition = "opacity 420ms ease"; g.style.opacity = "0.15"; }
      await applyTransform(boxFocus(box, 1.6), 450);
    },
    panBy: (dx, dy) => {
      const svg = svgRef.current; const behaviour = zoomRef.current;
      if (svg && behaviour) select(svg).transition().duration(150).call(behaviour.translateBy, dx / transformRef.current.k, dy / transformRef.current.k);
    },
    fitTo: (ids) => {
      const boxes = ids.map((id) => modelRef.current.byId.get(id)).filter((b): b is Box => !!b);
      const bounds = boundsOf(boxes); if (!bounds) return;
      const { width, height } = size();
      const labels = modelRef.current.bands.length ? BAND_LABEL_W : 0;
      const t = fitTransform(bounds, width - labels, height, 70, 1.1);
      void applyTransform(zoomIdentity.translate(t.x + labels, t.y).scale(t.k), 450);
    },
    reveal: (id) => {
      const box = modelRef.current.byId.get(id);
      if (!box) return;
      const { width, height } = size();
      const [sx, sy] = transformRef.current.apply([box.x, box.y]);
      if (sx < BAND_LABEL_W + 40 || sx > width - 40 || sy < 40 || sy > height - 40) {
        const k = transformRef.current.k;
        void applyTransform(zoomIdentity.translate(width / 2 - k * box.x, height / 2 - k * box.y).scale(k), 300);
      }
    },
  }), [applyTransform, fitNow, boxFocus]);

  // --- pointer interactions on boxes: click selects, drag places, handle links ---
  const drag = useRef<{ id: string; startX: number; startY: number; origin: Position; moved: boolean } | null>(null);

  const toMap = (clientX: number, clientY: number): Position => {
    const rect = svgRef.current!.getBoundingClientRect();
    const [x, y] = transformRef.current.invert([clientX - rect.left, clientY - rect.top]);
    return { x, y };
  };

  const onBoxPointerDown = (event: React.PointerEvent, box: Box) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    drag.current = { id: box.id, startX: event.clientX, startY: event.clientY, origin: { x: box.x, y: box.y }, moved: false };
  };
  const onBoxPointerMove = (event: React.PointerEvent) => {
    const d = drag.current;
    if (!d || propsRef.current.readOnly) return;
    const dx = event.clientX - d.startX; const dy = event.clientY - d.startY;
    if (!d.moved && Math.hypot(dx, dy) < 5) return;
    d.moved = true;
    const k = transformRef.current.k;
    props.onDrag(d.id, { x: d.origin.x + dx / k, y: d.origin.y + dy / k });
  };
  const onBoxPointerUp = (event: React.PointerEvent, box: Box) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (!d.moved) {
      if (propsRef.current.linkFrom && propsRef.current.linkFrom !== box.id) props.onCreateLink(propsRef.current.linkFrom, box.id);
      else props.onSelect({ kind: "statement", id: box.id });
      return;
    }
    const k = transformRef.current.k;
    const centre = { x: d.origin.x + (event.clientX - d.startX) / k, y: d.origin.y + (event.clientY - d.startY) / k };
    props.onDrop(d.id, centre, bandAt(model.bands, centre.y));
  };

  const statementUnder = (clientX: number, clientY: number): string | null => {
    const element = document.elementFromPoint(clientX, clientY);
    return element?.closest("[data-statement]")?.getAttribute("data-statement") ?? null;
  };
  const onHandleDown = (event: React.PointerEvent, box: Box) => {
    event.stopPropagation();
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    setRubber({ from: box.id, to: toMap(event.clientX, event.clientY), over: null });
  };
  const onHandleMove = (event: React.PointerEvent) => {
    if (!rubber) return;
    const over = statementUnder(event.clientX, event.clientY);
    setRubber({ ...rubber, to: toMap(event.clientX, event.clientY), over: over !== rubber.from ? over : null });
  };
  const onHandleUp = (event: React.PointerEvent) => {
    if (!rubber) return;
    const target = statementUnder(event.clientX, event.clientY);
    setRubber(null);
    if (target && target !== rubber.from) props.onCreateLink(rubber.from, target);
  };

  const onBackgroundDoubleClick = (event: React.MouseEvent) => {
    if ((event.target as Element).closest("[data-statement], [data-link]") || props.readOnly) return;
    const p = toMap(event.clientX, event.clientY);
    props.onAddAt(p, bandAt(model.bands, p.y));
  };
  const onBackgroundClick = (event: React.MouseEvent) => {
    if ((event.target as Element).closest("[data-statement], [data-link]")) return;
    props.onSelect(null);
  };

  // Others' selections at this level: a ring in their colour with their name.
  const people = useMapStore((s) => s.people);
  const me = useMapStore((s) => s.me);
  const othersOn = new Map<string, { name: string; color: string }[]>();
  for (const person of people) {
    if (person.session === me || person.root !== view.root) continue;
    for (const id of person.selection) othersOn.set(id, [...(othersOn.get(id) ?? []), { name: person.name, color: person.color }]);
  }

  const selectedId = selection?.kind === "statement" ? selection.id : null;
  const pairs = new Set(view.links.map((l) => `${l.from}>${l.to}`));
  const k = transform.k;
  const diff = props.diff ?? null;
  const ghosts = placeGhosts(diff, model);
  const ghostById = new Map(ghosts.map((g) => [g.id, g]));
  const endOf = (id: string) => model.byId.get(id) ?? ghostById.get(id);

  return (
    <div className="canvas-wrap">
      <svg ref={svgRef} className={`map-svg ${k < 0.42 ? "far" : ""}`} role="application" aria-label={`Strategy map: ${view.breadcrumb.length ? view.breadcrumb[view.breadcrumb.length - 1].title : view.coalition.name}`}
        onDoubleClick={onBackgroundDoubleClick} onClick={onBackgroundClick}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="13" markerHeight="13" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#3d4856" />
          </marker>
          <marker id="arrow-neg" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="13" markerHeight="13" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#a23b2a" />
          </marker>
          <marker id="arrow-sel" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="15" markerHeight="15" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#1f5fbf" />
          </marker>
          <marker id="arrow-trace" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="20" markerHeight="20" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#6a1b9a" />
          </marker>
          <marker id="arrow-diff-added" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#1b7f3b" />
          </marker>
          <marker id="arrow-diff-changed" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#b86e00" />
          </marker>
          <marker id="arrow-diff-removed" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#b3261e" />
          </marker>
          <filter id="shadow" x="-10%" y="-10%" width="120%" height="130%">
            <feDropShadow dx="0" dy="1.5" stdDeviation="2" floodColor="#1b2430" floodOpacity="0.18" />
          </filter>
        </defs>
        <g ref={viewportRef} className="viewport">
          <g className="bands">
            {model.bands.map((band, index) => (
              <rect key={band.layer ?? "none"} x={-100000} width={200000} y={band.top} height={band.bottom - band.top}
                className={`band ${index % 2 ? "band-odd" : "band-even"}`} />
            ))}
            {model.bands.slice(1).map((band) => (
              <line key={`sep-${band.layer ?? "none"}`} x1={-100000} x2={100000} y1={band.top} y2={band.top} className="band-sep" />
            ))}
          </g>
          <g className="links">
            {view.links.map((link, index) => {
              const from = model.byId.get(link.from); const to = model.byId.get(link.to);
              if (!from || !to) return null;
              const path = linkPath(from, to, pairs.has(`${link.to}>${link.from}`));
              const selected = selection?.kind === "link" && selection.from === link.from && selection.to === link.to;
              const touching = selectedId && (link.from === selectedId || link.to === selectedId);
              const traced = !!props.overlay?.links?.[`${link.from}>${link.to}`];
              const dim = (selectedId && !touching && !traced) || (themeFocus && from.statement.theme !== themeFocus && to.statement.theme !== themeFocus) || (props.overlay?.dimRest && !traced);
              const weights = (view.link_ids[index] ?? []).map((id) => view.link_details[id]?.weight ?? 0.5);
              const weight = weights.length ? weights.reduce((a, b) => a + b, 0) / weights.length : 0.5;
              const negative = link.polarity === "-";
              const diffMark = diff?.links[`${link.from}>${link.to}`];
              return (
                <g key={`${link.from}>${link.to}`} data-link={`${link.from}>${link.to}`} className={`link ${selected ? "selected" : ""} ${dim ? "dim" : ""} ${touching ? "touching" : ""} ${traced ? "traced" : ""} ${diffMark ? `diff-${diffMark}` : ""}`} data-traced={traced ? "true" : undefined}
                  data-diff={diffMark}
                  onClick={(e) => { e.stopPropagation(); props.onSelect({ kind: "link", from: link.from, to: link.to }); }}>
                  <path d={path.d} className="link-hit" />
                  <path d={path.d} className={`link-line ${negative ? "neg" : ""} ${link.polarity === "mixed" ? "mixed" : ""}`}
                    strokeWidth={selected ? 4 : traced ? 6 : 1.6 + 2.4 * weight}
                    markerEnd={`url(#${selected ? "arrow-sel" : traced ? "arrow-trace" : diffMark ? `arrow-diff-${diffMark}` : negative ? "arrow-neg" : "arrow"})`} />
                </g>
              );
            })}
            {diff?.ghostLinks.map((ghost) => {
              const from = endOf(ghost.from); const to = endOf(ghost.to);
              if (!from || !to) return null;
              const path = linkPath(from, to, pairs.has(`${ghost.to}>${ghost.from}`) || pairs.has(`${ghost.from}>${ghost.to}`));
              return (
                <g key={`ghost-${ghost.from}>${ghost.to}`} className="link ghost-link diff-removed" data-ghost-link={`${ghost.from}>${ghost.to}`} data-diff="removed">
                  <title>{`Removed link${ghost.count > 1 ? `s (${ghost.count})` : ""}`}</title>
                  <path d={path.d} className="link-line" markerEnd="url(#arrow-diff-removed)" />
                </g>
              );
            })}
          </g>
          <g className="ghost-boxes">
            {ghosts.map((ghost) => {
              const left = ghost.x - ghost.width / 2; const top = ghost.y - ghost.height / 2;
              const inside = diff?.removedInside[ghost.id] ?? 0;
              return (
                <g key={ghost.id} className="ghost-box diff-removed" data-ghost={ghost.id} data-diff="removed" role="img"
                  aria-label={`Removed: ${ghost.title}${inside ? `, and ${inside} removed inside` : ""}`}>
                  <rect x={left} y={top} width={ghost.width} height={ghost.height} rx={8} className="ghost-card" />
                  <text x={left + BOX_PAD_X} y={top + 20} className="ghost-label">− removed{inside ? ` (and ${inside} inside)` : ""}</text>
                  <text x={left + BOX_PAD_X} y={top + 22 + HEADER_H + 12 + 16} className="card-title ghost-title">
                    {ghost.lines.map((line, i) => <tspan key={i} x={left + BOX_PAD_X} dy={i === 0 ? 0 : LINE_H}>{i < ghost.lines.length - 1 && !line.endsWith("-") ? `${line} ` : line}</tspan>)}
                  </text>
                </g>
              );
            })}
          </g>
          <g className="boxes">
            {model.boxes.map((box) => {
              const s = box.statement;
              const colour = themeColour(view, s.theme);
              const selected = selectedId === box.id;
              const refused = refusal?.target === box.id;
              const mark = props.overlay?.boxes[box.id];
              const work = props.work?.[box.id];
              const dim = (themeFocus !== null && s.theme !== themeFocus) || (!!props.overlay?.dimRest && !mark) || !!work?.dim;
              const left = box.x - box.width / 2; const top = box.y - box.height / 2;
              const showHandle = !props.readOnly && (((hover === box.id || selected) && !rubber) || rubber?.from === box.id);
              return (
                <g key={box.id} data-statement={box.id} className={`box ${selected ? "selected" : ""} ${dim ? "dim" : ""} ${rubber?.over === box.id || (linkFrom && hover === box.id && linkFrom !== box.id) ? "drop-target" : ""} ${s.child_count ? "has-children" : ""} ${props.marks?.[box.id] ? `diff-${props.marks[box.id]}` : ""} ${mark ? `an-${mark.tone}` : ""} ${work?.unclaimed ? "unclaimed" : ""} ${work?.focus ? "org-focus" : ""}`}
                  data-analysis={mark?.tone} data-analysis-badge={mark?.badge}
                  data-advocates={work?.advocates} data-contributors={work?.contributors} data-teams={work?.teams} data-unclaimed={work?.unclaimed ? "" : undefined}
                  data-org-focus={work?.focus ? "" : undefined}
                  tabIndex={0} role="button"
                  aria-label={`${s.title}${s.child_count ? `, opens a sub-map of ${s.child_count} objectives` : ""}${mark?.badgeTitle ? `. ${mark.badgeTitle}${mark.flag ? `, ${mark.flag}` : ""}` : ""}${workWords(work)}`}
                  aria-pressed={selected}
                  onFocus={() => { if (!selected && !linkFrom) props.onSelect({ kind: "statement", id: box.id }); }}
                  onPointerEnter={() => setHover(box.id)} onPointerLeave={() => setHover((h) => (h === box.id ? null : h))}
                  onPointerDown={(e) => onBoxPointerDown(e, box)} onPointerMove={onBoxPointerMove} onPointerUp={(e) => onBoxPointerUp(e, box)}
                  onDoubleClick={(e) => { e.stopPropagation(); if (s.child_count) props.onOpen(box.id); }}>
                  {s.child_count > 0 && (
                    <>
                      <rect x={left + 12} y={top + 12} width={box.width} height={box.height} rx={8} className="card-back2" />
                      <rect x={left + 6} y={top + 6} width={box.width} height={box.height} rx={8} className="card-back1" />
                    </>
                  )}
                  <rect x={left} y={top} width={box.width} height={box.height} rx={8} className="card" filter="url(#shadow)" style={mark?.fill ? { fill: mark.fill, ...(mark.stroke ? { stroke: mark.stroke, strokeWidth: 4 } : {}) } : undefined} />
                  <path d={`M${left},${top + 8} a8,8 0 0 1 8,-8 h${box.width - 16} a8,8 0 0 1 8,8 v${HEADER_H - 8} h${-box.width} z`} fill={colour} />
                  <text x={left + BOX_PAD_X} y={top + HEADER_H + 12 + 16} className="card-title" style={mark?.ink ? { fill: mark.ink } : undefined}>
                    {/* A wrapped line keeps its word space (invisible at the line's end), so the box's text reads as the title. */}
                    {box.lines.map((line, i) => <tspan key={i} x={left + BOX_PAD_X} dy={i === 0 ? 0 : LINE_H}>{i < box.lines.length - 1 && !line.endsWith("-") ? `${line} ` : line}</tspan>)}
                  </text>
                  {s.child_count > 0 && (
                    <g className="open-sub" onClick={(e) => { e.stopPropagation(); props.onOpen(box.id); }}
                      onPointerDown={(e) => e.stopPropagation()}>
                      <line x1={left + 10} x2={left + box.width - 10} y1={top + box.height - FOOTER_H} y2={top + box.height - FOOTER_H} className="footer-rule" />
                      <text x={left + BOX_PAD_X} y={top + box.height - 8} className="footer-text">
                        {`⊕ ${s.child_count} inside${s.descendant_count > s.child_count ? ` (${s.descendant_count} in all)` : ""}`}
                      </text>
                      <text x={left + box.width - BOX_PAD_X} y={top + box.height - 8} className="footer-open" textAnchor="end">Open ›</text>
                    </g>
                  )}
                  {props.marks?.[box.id] && (
                    <g className="diff-badge" aria-label={props.marks[box.id]}>
                      <circle cx={left + box.width - 4} cy={top + 4} r={13} />
                      <text x={left + box.width - 4} y={top + 9} textAnchor="middle">{props.marks[box.id] === "added" ? "+" : props.marks[box.id] === "removed" ? "−" : "~"}</text>
                    </g>
                  )}
                  {(diff?.removedInside[box.id] ?? 0) > 0 && (
                    <g className="removed-inside" data-removed-inside={diff!.removedInside[box.id]} transform={`translate(${left + 8},${top + box.height + 18})`}>
                      <rect x={0} y={-12} width={150} height={24} rx={12} />
                      <text x={12} y={5}>{`− ${diff!.removedInside[box.id]} removed inside`}</text>
                    </g>
                  )}
                  {mark?.badge && (
                    <g className="an-badge" transform={`translate(${left - 6},${top - 16}) scale(${Math.min(3.5, Math.max(1, 0.6 / k))})`}>
                      {mark.badgeTitle && <title>{mark.badgeTitle}</title>}
                      <rect x={0} y={0} width={mark.badge.length * 10.5 + 18} height={30} rx={15} />
                      <text x={9} y={21}>{mark.badge}</text>
                    </g>
                  )}
                  {mark?.flag && (
                    <g className="an-flag" data-flag={mark.flag} transform={`translate(${left + box.width - 8},${top - 16}) scale(${Math.min(3.5, Math.max(1, 0.6 / k))})`}>
                      {mark.flagTitle && <title>{mark.flagTitle}</title>}
                      <rect x={-(mark.flag.length * 9.5 + 16)} y={0} width={mark.flag.length * 9.5 + 16} height={26} rx={13} />
                      <text x={-(mark.flag.length * 9.5 + 16) / 2} y={18} textAnchor="middle">{mark.flag}</text>
                    </g>
                  )}
                  {work && <WorkBadges work={work} left={left} bottom={top + box.height + (s.child_count > 0 ? 14 : 4)} scale={Math.min(3.5, Math.max(1.2, 0.75 / k))} />}
                  {work?.focus && <rect x={left - 4} y={top - 4} width={box.width + 8} height={box.height + 8} rx={11} className="org-focus-ring" />}
                  {(s.comment_count ?? 0) > 0 && <CommentBadge x={left + box.width - 30} y={top + HEADER_H + 4} count={s.comment_count ?? 0} />}
                  {selected && <rect x={left - 5} y={top - 5} width={box.width + 10} height={box.height + 10} rx={12} className="sel-ring" />}
                  {(othersOn.get(box.id) ?? []).map((other, index) => {
                    const gap = 9 + index * 6;
                    return (
                      <g key={`p-${index}`} className="presence" data-presence={other.name}>
                        <rect x={left - gap} y={top - gap} width={box.width + 2 * gap} height={box.height + 2 * gap} rx={12 + index * 3}
                          className="presence-ring" stroke={other.color} />
                        <g transform={`translate(${left + box.width - 8 - index * 4},${top - gap - 2})`}>
                          <rect x={-(other.name.length * 7.2 + 14)} y={-20} width={other.name.length * 7.2 + 14} height={20} rx={6} fill={other.color} />
                          <text x={-7} y={-5} textAnchor="end" className="presence-name">{other.name}</text>
                        </g>
                      </g>
                    );
                  })}
                  {refused && <rect x={left - 5} y={top - 5} width={box.width + 10} height={box.height + 10} rx={12} className="refused-ring" />}
                  {showHandle && (
                    <g data-handle={box.id} className="handle" onPointerDown={(e) => onHandleDown(e, box)} onPointerMove={onHandleMove} onPointerUp={onHandleUp}>
                      <title>Drag to another objective to add a link</title>
                      <circle cx={box.x} cy={top - 2} r={11} />
                      <path d={`M${box.x},${top + 4} v-12 M${box.x - 5},${top - 3} l5,-5 l5,5`} className="handle-arrow" />
                    </g>
                  )}
                </g>
              );
            })}
          </g>
          <g className="link-marks">
            {view.links.map((link, linkIndex) => {
              const linkComments = (view.link_ids[linkIndex] ?? []).reduce((sum, id) => sum + (view.link_details[id]?.comment_count ?? 0), 0);
              const from = model.byId.get(link.from); const to = model.byId.get(link.to);
              if (!from || !to) return null;
              const { mid } = linkPath(from, to, pairs.has(`${link.to}>${link.from}`));
              const selected = selection?.kind === "link" && selection.from === link.from && selection.to === link.to;
              const sign = link.polarity === "+" ? "+" : link.polarity === "-" ? "−" : "±";
              const refused = refusal?.target === linkKey(link.from, link.to);
              return (
                <g key={`${link.from}>${link.to}`} data-link={`${link.from}>${link.to}`} className={`mark ${link.polarity === "-" ? "neg" : link.polarity === "mixed" ? "mixed" : "pos"} ${selected ? "selected" : ""} ${refused ? "refused" : ""} ${props.overlay?.dimRest && !props.overlay.links?.[`${link.from}>${link.to}`] ? "dim" : ""}`}
                  transform={`translate(${mid.x},${mid.y})`}
                  onClick={(e) => { e.stopPropagation(); props.onSelect({ kind: "link", from: link.from, to: link.to }); }}>
                  <title>{`${link.polarity === "+" ? "More leads to more" : link.polarity === "-" ? "More leads to less" : "Mixed effects"}${link.count > 1 ? `; ${link.count} links inside` : ""}`}</title>
                  <circle r={12} />
                  <text className="mark-sign" y={6}>{sign}</text>
                  {link.count > 1 && (
                    <g transform="translate(14,-9)">
                      <rect x={0} y={-11} width={link.count > 9 ? 38 : 30} height={22} rx={11} className="count-pill" />
                      <text x={link.count > 9 ? 19 : 15} y={5} className="count-text">{`×${link.count}`}</text>
                    </g>
                  )}
                  {linkComments > 0 && <CommentBadge x={-34} y={-26} count={linkComments} />}
                  {diff?.links[`${link.from}>${link.to}`] && (
                    <g className={`link-diff-badge diff-${diff.links[`${link.from}>${link.to}`]}`} transform="translate(-20,-20)" aria-label={diff.links[`${link.from}>${link.to}`]}>
                      <circle r={11} />
                      <text y={6}>{DIFF_SIGN[diff.links[`${link.from}>${link.to}`]!]}</text>
                    </g>
                  )}
                </g>
              );
            })}
            {diff?.ghostLinks.map((ghost) => {
              const from = endOf(ghost.from); const to = endOf(ghost.to);
              if (!from || !to) return null;
              const { mid } = linkPath(from, to, pairs.has(`${ghost.to}>${ghost.from}`) || pairs.has(`${ghost.from}>${ghost.to}`));
              return (
                <g key={`ghost-${ghost.from}>${ghost.to}`} className="link-diff-badge diff-removed" transform={`translate(${mid.x},${mid.y})`} aria-label="removed">
                  <circle r={11} />
                  <text y={6}>−</text>
                </g>
              );
            })}
          </g>
          {rubber && model.byId.get(rubber.from) && (
            <line x1={model.byId.get(rubber.from)!.x} y1={model.byId.get(rubber.from)!.y - model.byId.get(rubber.from)!.height / 2}
              x2={rubber.to.x} y2={rubber.to.y} className="rubber" markerEnd="url(#arrow-sel)" />
          )}
        </g>
      </svg>
      {refusal && (() => {
        const box = model.byId.get(refusal.target);
        const link = refusal.target.startsWith("link:") ? view.links.find((l) => linkKey(l.from, l.to) === refusal.target) : undefined;
        let at: Position | null = null;
        if (box) at = { x: box.x - box.width / 2, y: box.y + box.height / 2 + 10 };
        else if (link && model.byId.get(link.from) && model.byId.get(link.to)) {
          at = linkPath(model.byId.get(link.from)!, model.byId.get(link.to)!, false).mid;
          at = { x: at.x, y: at.y + 20 };
        }
        if (!at) return null;
        const left = transform.x + at.x * k; const top = transform.y + at.y * (box ? k : k) ;
        return (
          <div className="box-callout" style={{ left, top }} role="alert" data-refusal-for={refusal.target}>
            <RefusalNote message={refusal.message} />
          </div>
        );
      })()}
      {model.bands.length > 0 && (
        <div className="band-labels" aria-hidden="true">
          {model.bands.map((band) => {
            const top = transform.y + band.top * k; const height = (band.bottom - band.top) * k;
            return (
              <div key={band.layer ?? "none"} className={`band-label ${band.layer === null ? "no-layer" : ""}`} style={{ top, height }}>
                <span>{band.name}</span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});

/** The badges in words, for screen readers. */
function workWords(work: WorkMark | undefined): string {
  if (!work) return "";
  if (work.unclaimed) return ", unclaimed";
  const parts: string[] = [];
  if (work.advocates) parts.push(`${work.advocates} lead advocate${work.advocates === 1 ? "" : "s"}`);
  if (work.contributors) parts.push(`${work.contributors} contributing organisation${work.contributors === 1 ? "" : "s"}`);
  if (work.teams) parts.push(`${work.teams} action team${work.teams === 1 ? "" : "s"}`);
  return parts.length ? `, ${parts.join(", ")}` : "";
}

/** Pills just under a box's bottom-left corner (kept readable when zoomed out): advocates, contributing organisations, or "Unclaimed". */
function WorkBadges({ work, left, bottom, scale }: { work: WorkMark; left: number; bottom: number; scale: number }) {
  if (work.unclaimed) {
    return (
      <g className="work-badge unclaimed-badge" transform={`translate(${left + 6},${bottom}) scale(${scale})`}>
        <title>Nobody advocates or contributes to this yet</title>
        <rect x={0} y={0} width={92} height={22} rx={11} />
        <text x={46} y={15.5} textAnchor="middle">Unclaimed</text>
      </g>
    );
  }
  const pills: { key: string; count: number; label: string; icon: string }[] = [];
  if (work.advocates > 0) pills.push({ key: "adv", count: work.advocates, label: `${work.advocates} lead advocate${work.advocates === 1 ? "" : "s"}`,
    icon: "M7,6.5 a3,3 0 1 0 0.01,0 z M1.5,16 a5.5,5 0 0 1 11,0 z" });
  if (work.contributors > 0) pills.push({ key: "con", count: work.contributors, label: `${work.contributors} contributing organisation${work.contributors === 1 ? "" : "s"}`,
    icon: "M1,16 v-9 l6,-4 l6,4 v9 z M4,15 v-5 h2 v5 z M8,15 v-5 h2 v5 z" });
  if ((work.teams ?? 0) > 0) pills.push({ key: "team", count: work.teams!, label: `${work.teams} action team${work.teams === 1 ? "" : "s"}`,
    icon: "M4.5,7 a2.5,2.5 0 1 0 0.01,0 z M9.5,7 a2.5,2.5 0 1 0 0.01,0 z M0,15 a4.5,4 0 0 1 9,0 z M5,15 a4.5,4 0 0 1 9,0 z" });
  let x = 0;
  return (
    <g className="work-badge" transform={`translate(${left + 6},${bottom}) scale(${scale})`}>
      {pills.map((pill) => {
        const width = 30 + String(pill.count).length * 8;
        const at = x; x += width + 6;
        return (
          <g key={pill.key} className={`work-pill ${pill.key}`} transform={`translate(${at},0)`} aria-label={pill.label}>
            <title>{pill.label}</title>
            <rect x={0} y={0} width={width} height={22} rx={11} />
            <path d={pill.icon} transform="translate(5,2)" />
            <text x={22} y={15.5}>{pill.count}</text>
          </g>
        );
      })}
    </g>
  );
}
