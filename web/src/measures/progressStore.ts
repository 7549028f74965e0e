// Server state of measures and progress, one entry per coalition, kept fresh by the map
// store's revision: the live feed moves that revision for everyone's changes (a new
// target, a data point), and each move re-reads /measures and /progress. The "as of"
// date is shared by the map, the scorecard and the dashboard.
import { useEffect, useSyncExternalStore } from "react";
import { ApiError } from "../api/client";
import { commit, getState as getMapState, useMapStore } from "../store/mapStore";
import { api } from "../api/client";
import { onLiveChange } from "../store/live";
import { measuresApi } from "./api";
import { applyMeasureOps, isMeasureOp } from "./patch";
import type { MeasureOp, MeasuresAnswer, Progress } from "./types";

export interface ProgressState {
  coalition: number | null;
  /** null: today (the server's default). */
  asOf: string | null;
  measures: MeasuresAnswer | null;
  progress: Progress | null;
  /** The whole containment tree (from the export), for roll-ups, the scorecard and dashboard. */
  tree: Tree | null;
  /** The map revision the data above was read at. */
  revision: number;
  error: string | null;
  /** The measure routes are missing on this server (404 on /measures). */
  unavailable: boolean;
}

export interface TreeStatement { id: string; title: string; parent: string | null; theme?: string | null }
export interface Tree { statements: TreeStatement[]; themes: { id: string; name: string; color: string }[] }

let state: ProgressState = { coalition: null, asOf: null, measures: null, progress: null, tree: null, revision: -1, error: null, unavailable: false };
const listeners = new Set<() => void>();
function setState(patch: Partial<ProgressState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
export function getProgressState(): ProgressState { return state; }

// Revisions known (from the live feed) to have changed only measures, data or thresholds:
// the statement tree (a whole export) need not be read again for them.
const measuresOnly = new Set<number>();
onLiveChange((revision, ops) => {
  if (ops.length > 0 && ops.every(isMeasureOp)) measuresOnly.add(revision);
  // Measure edits heard live are applied to the measures held here: the next read then
  // needs only /progress (small), not every data point again.
  if (state.measures && state.coalition === getMapState().coalitionId) {
    const patched = applyMeasureOps(state.measures, revision, ops);
    if (patched) setState({ measures: patched });
  }
  // Someone is looking: read the new progress now, beside the map's own re-read of its view.
  if (users > 0 && state.coalition !== null && state.coalition === getMapState().coalitionId && revision > state.revision)
    void load(state.coalition, revision, state.asOf);
});
/** Mounted hooks that want the data kept fresh. */
let users = 0;
let treeRevision = -1;
function treeStale(coalition: number, revision: number): boolean {
  if (state.coalition !== coalition || state.tree === null || treeRevision < 0) return true;
  for (let r = treeRevision + 1; r <= revision; r++) if (!measuresOnly.has(r)) return true;
  return false;
}

let request = 0;
let inFlight: { key: string; promise: Promise<void> } | null = null;

async function load(coalition: number, revision: number, asOf: string | null): Promise<void> {
  const key = `${coalition}@${revision}@${asOf ?? ""}`;
  if (inFlight?.key === key) return inFlight.promise;
  const mine = ++request;
  const promise = (async () => {
    try {
      const treeWanted = treeStale(coalition, revision);
      const held = state.coalition === coalition && state.measures !== null && state.measures.revision >= revision ? state.measures : null;
      const [read, progress, tree] = await Promise.all([held ? Promise.resolve(held) : measuresApi.measures(coalition), measuresApi.progress(coalition, asOf),
        treeWanted ? api.exportDocument(coalition) as unknown as Promise<Tree> : Promise.resolve(state.tree)]);
      if (mine !== request) return;
      // A removed statement keeps its measures (so undo restores them): they are not shown.
      const present = tree ? new Set(tree.statements.map((s) => s.id)) : null;
      const measures = present && read.measures.some((m) => !present.has(m.statement))
        ? { ...read, measures: read.measures.filter((m) => present.has(m.statement)) } : read;
      if (treeWanted) treeRevision = revision;
      setState({ coalition, measures, progress, tree: tree && { statements: tree.statements.map((s) => ({ id: s.id, title: s.title, parent: s.parent ?? null, theme: s.theme ?? null })), themes: tree.themes ?? [] }, revision: Math.max(revision, measures.revision), error: null, unavailable: false });
    } catch (error) {
      if (mine !== request) return;
      const unavailable = error instanceof ApiError && error.status === 404 && state.measures === null;
      setState({ coalition, revision, error: error instanceof Error ? error.message : String(error), unavailable });
    } finally {
      if (inFlight?.key === key) inFlight = null;
    }
  })();
  inFlight = { key, promise };
  return promise;
}

/**
 * Measures and progress of the open coalition, re-read whenever the map's revision moves
 * past what was read (or the as-of date changes).
 */
export function useProgress(coalition: number | null, enabled = true): ProgressState {
  const s = useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => state);
  const revision = useMapStore((m) => (m.serverView && m.serverView.coalition.id === coalition ? m.serverView.revision : -1));
  useEffect(() => {
    if (coalition === null || revision < 0 || !enabled) return;
    if (state.coalition !== coalition) { treeRevision = -1; measuresOnly.clear(); }
    if (state.coalition !== coalition) setState({ coalition, measures: null, progress: null, tree: null, revision: -1, error: null, unavailable: false });
    if (state.revision < revision || state.progress === null || (state.progress.as_of !== state.asOf && state.asOf !== null)) void load(coalition, revision, state.asOf);
  }, [coalition, revision, s.asOf, enabled]);
  useEffect(() => {
    if (!enabled) return;
    users++;
    return () => { users--; };
  }, [enabled]);
  return s.coalition === coalition ? s : { ...s, measures: null, progress: null, tree: null };
}

/** Looks at the map (and everything else) as it stood on `date` (null: today). */
export function setAsOf(date: string | null): void {
  if (date === state.asOf) return;
  setState({ asOf: date, progress: null });
  if (state.coalition !== null) void load(state.coalition, state.revision, date);
}

/** Sends measure ops through the one commit path; resolves to the new ids, or null when refused. */
export async function commitMeasureOps(ops: MeasureOp[], target: string): Promise<(string | null)[] | null> {
  const ids = await commit(ops, target);
  const revision = getMapState().serverView?.revision;
  if (ids && state.coalition !== null && revision !== undefined) await load(state.coalition, revision, state.asOf);
  return ids;
}
