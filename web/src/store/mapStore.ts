// The one place server state lives: the coalition list, the current zoom view and its
// revision, pending commits and the server's refusals, and who else is here. Components
// read it through useMapStore and change it only through the actions here; the live feed
// (live.ts) feeds the same store and carries pushes when it is connected.
import { useSyncExternalStore } from "react";
import { api, ApiError } from "../api/client";
import type { CoalitionSummary, CommitResult, MapView, Op } from "../api/types";

export interface Refusal {
  /** What was refused: a statement id, a link key ("link:FROM>TO"), a field, or "map". */
  target: string;
  message: string;
  at: number;
}

/** Someone following this coalition's live feed (see docs/live-protocol.md). */
export interface Person {
  session: string; name: string; color: string; selection: string[]; root: string;
}

export type LiveStatus = "off" | "connecting" | "live" | "reconnecting";

export interface MapState {
  coalitions: CoalitionSummary[] | null;
  coalitionId: number | null;
  root: string;
  /** The server's view as last fetched. */
  serverView: MapView | null;
  /** What the map shows: serverView with pending optimistic edits applied. */
  view: MapView | null;
  loading: boolean;
  pending: number;
  refusal: Refusal | null;
  loadError: string | null;
  /** The root we came from, so zooming out can start from its box. */
  previousRoot: string | null;
  /** The live feed: its state, everyone following it, and which of them is this tab. */
  live: LiveStatus;
  people: Person[];
  me: string | null;
  /** Warnings of the last accepted commit (accepted, but worth saying). */
  warnings: string[];
}

let state: MapState = {
  coalitions: null, coalitionId: null, root: "top", serverView: null, view: null,
  loading: false, pending: 0, refusal: null, loadError: null, previousRoot: null,
  live: "off", people: [], me: null, warnings: [],
};
const listeners = new Set<() => void>();

function setState(patch: Partial<MapState>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function getState(): MapState { return state; }

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMapStore<T>(select: (s: MapState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}

let viewRequest = 0;
let wanted: { coalitionId: number; root: string } | null = null;

/** Optimistic previews of commits still waiting for the server, re-applied on each fetch. */
const previews = new Map<number, (view: MapView) => MapView>();
let previewSeq = 0;
function withPreviews(view: MapView): MapView {
  let next = view;
  for (const preview of previews.values()) next = preview(next);
  return next;
}

/** Sends a batch over the live feed; null when it is not connected (then REST is used). */
export type PushTransport = (baseRevision: number, ops: Op[]) => Promise<CommitResult> | null;
let pushTransport: PushTransport | null = null;
export function setPushTransport(transport: PushTransport | null) { pushTransport = transport; }

export function setLive(patch: Partial<Pick<MapState, "live" | "people" | "me">>) { setState(patch); }

export async function loadCoalitions(): Promise<void> {
  try {
    setState({ coalitions: await api.listCoalitions(), loadError: null });
  } catch (error) {
    setState({ loadError: messageOf(error) });
  }
}

export async function createCoalition(name: string): Promise<number | null> {
  try {
    const created = await api.createCoalition(name);
    await loadCoalitions();
    return created.id;
  } catch (error) {
    setState({ refusal: { target: "coalition", message: messageOf(error), at: Date.now() } });
    return null;
  }
}

/** Opens a coalition at a zoom level (root "top" or a statement id). */
export async function openView(coalitionId: number, root: string): Promise<boolean> {
  const request = ++viewRequest;
  wanted = { coalitionId, root };
  const previousRoot = state.coalitionId !== coalitionId ? null : state.root !== root ? state.root : state.previousRoot;
  setState({ loading: true, coalitionId });
  try {
    const view = await api.view(coalitionId, root);
    if (request !== viewRequest) return false;
    setState({ serverView: view, view: withPreviews(view), root, loading: false, loadError: null, previousRoot,
      refusal: state.refusal && state.root === root ? state.refusal : null });
    return true;
  } catch (error) {
    if (request !== viewRequest) return false;
    setState({ loading: false, loadError: messageOf(error) });
    return false;
  }
}

export async function refresh(): Promise<void> {
  // The level last asked for, not the last one shown: a refresh (say, a live change)
  // during a move to another level must not bring the old level back.
  if (wanted && wanted.coalitionId === state.coalitionId) await openView(wanted.coalitionId, wanted.root);
  else if (state.coalitionId !== null) await openView(state.coalitionId, state.root);
}

/**
 * Sends one batch of ops with the revision we last saw. `optimistic` shows the edit at
 * once; the server's answer then confirms it (we re-fetch the view) or refuses it (we
 * drop the optimistic edit and say why, next to `target`).
 */
export async function commit(ops: Op[], target: string, optimistic?: (view: MapView) => MapView,
  baseRevision?: number): Promise<(string | null)[] | null> {
  const { coalitionId, serverView } = state;
  if (coalitionId === null || serverView === null || ops.length === 0) return null;
  const preview = optimistic ? ++previewSeq : 0;
  if (optimistic) {
    previews.set(preview, optimistic);
    if (state.view) setState({ view: optimistic(state.view) });
  }
  setState({ pending: state.pending + 1, refusal: state.refusal?.target === target ? null : state.refusal });
  const base = baseRevision !== undefined && baseRevision < serverView.revision ? baseRevision : serverView.revision;
  try {
    const result = await (pushTransport?.(base, ops) ?? api.commit(coalitionId, base, ops));
    previews.delete(preview);
    await refresh();
    setState({ pending: state.pending - 1, warnings: result.warnings ?? [] });
    void loadCoalitions();
    return result.ids;
  } catch (error) {
    previews.delete(preview);
    let message = messageOf(error);
    if (error instanceof ApiError && error.status === 409) {
      message = `Someone else changed this meanwhile; the map now shows their version. (${message})`;
    }
    setState({ pending: state.pending - 1, view: state.serverView && withPreviews(state.serverView), refusal: { target, message, at: Date.now() } });
    if (error instanceof ApiError && (error.status === 409 || error.status === 422 || error.status === 0)) await refresh();
    return null;
  }
}

export function showRefusal(target: string, message: string) {
  setState({ refusal: { target, message, at: Date.now() } });
}

export function setWarnings(warnings: string[]) { setState({ warnings }); }

export function clearRefusal() {
  if (state.refusal) setState({ refusal: null });
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
