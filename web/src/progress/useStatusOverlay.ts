// The map's progress overlay and legend counts for the zoom level on screen.
import { useMemo } from "react";
import type { MapView } from "../api/types";
import type { MapOverlay } from "../map/MapCanvas";
import type { ProgressState } from "../measures/progressStore";
import type { Status } from "../measures/types";
import { staleStatements, statusOverlay } from "./statusOverlay";

export function useStatusOverlay(view: MapView | null, p: ProgressState, enabled: boolean): { overlay: MapOverlay | null; counts: Map<Status, number> } {
  return useMemo(() => {
    const counts = new Map<Status, number>();
    if (!enabled || !view || !p.progress) return { overlay: null, counts };
    const parent = new Map((p.tree?.statements ?? []).map((s) => [s.id, s.parent]));
    const parentOf = (id: string) => parent.get(id) ?? view.statements[id]?.parent ?? null;
    const stale = staleStatements(p.measures, p.progress, parentOf);
    const visible = new Set(view.visible);
    const measureCount = new Map<string, number>();
    for (const m of p.measures?.measures ?? []) {
      let at: string | null = m.statement;
      for (let guard = 0; at && !visible.has(at) && guard < 10_000; guard++) at = parentOf(at);
      if (at) measureCount.set(at, (measureCount.get(at) ?? 0) + 1);
    }
    const overlay = statusOverlay(view.visible, p.progress, stale, measureCount);
    for (const id of view.visible) {
      const s = p.progress.statements[id]?.status ?? "no_data";
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return { overlay, counts };
  }, [view, p.progress, p.measures, p.tree, enabled]);
}
