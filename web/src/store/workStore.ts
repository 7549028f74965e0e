// Who does what, as the server last said: the open coalition's work sections (GET …/work),
// re-read whenever the map store's revision moves (a commit here, or a change heard on the
// live feed), so every page that reads it stays current without reloading. Changes go
// through the map store's one commit path (live, in history, undoable).
import { useEffect, useSyncExternalStore } from "react";
import { api, ApiError, request } from "../api/client";
import type { CommitResult } from "../api/types";
import { workApi, type Work, type WorkOp } from "../api/work";
import { clearRefusal, commit, getState, refresh, setWarnings, showRefusal, subscribe as subscribeMap } from "./mapStore";

export interface WorkState {
  coalition: number | null;
  work: Work | null;
  error: string | null;
  /** The warnings of the last commit from here (e.g. a milestone outside its initiative's dates). */
  warnings: string[];
  /** The organisation whose statements the map highlights ("show where we contribute"). */
  focusOrg: string | null;
  /** Mark unclaimed statements on the map; null: only when the coalition records some work at all. */
  showUnclaimed: boolean | null;
  /** Every statement's parent (from the export), so a box counts the work inside its sub-map. */
  parents: Record<string, string | null>;
  /** Every statement's title and theme (from the export), for pages that span zoom levels. */
  titles: Record<string, { title: string; theme: string | null }>;
}

let state: WorkState = { coalition: null, work: null, error: null, warnings: [], focusOrg: null, showUnclaimed: null, parents: {}, titles: {} };
const listeners = new Set<() => void>();
function setState(patch: Partial<WorkState>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}
export function getWork(): WorkState { return state; }
export function useWork<T>(select: (s: WorkState) => T): T {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => select(state));
}

let fetching: { coalition: number; revision: number } | null = null;
let fetched: { coalition: number; revision: number } | null = null;
let started = false;

/** Follows the map store: a new coalition or revision re-reads the work sections. */
export function startWork(): void {
  if (started) return;
  started = true;
  subscribeMap(follow);
  follow();
}

function follow(): void {
  const s = getState();
  const coalition = s.serverView?.coalition.id ?? null;
  const revision = s.serverView?.revision ?? -1;
  if (coalition === null || coalition !== s.coalitionId) return;
  if (coalition !== state.coalition) setState({ coalition, work: null, error: null, focusOrg: null, parents: {}, titles: {} });
  if (fetched && fetched.coalition === coalition && fetched.revision >= revision) return;
  if (fetching && fetching.coalition === coalition && fetching.revision >= revision) return;
  void load(coalition, revision);
}

let loadSeq = 0;
async function load(coalition: number, revision: number): Promise<void> {
  fetching = { coalition, revision };
  const seq = ++loadSeq;
  const firstOfCoalition = !fetched || fetched.coalition !== coalition;
  try {
    const work = await workApi.work(coalition);
    if (getState().coalitionId !== coalition || seq !== loadSeq) return;
    fetched = { coalition, revision: Math.max(revision, work.revision ?? revision) };
    setState({ coalition, work, error: null });
    scheduleTree(coalition, firstOfCoalition ? 0 : 800);
  } catch (error) {
    if (seq !== loadSeq) return;
    fetched = { coalition, revision };
    setState({ error: error instanceof ApiError || error instanceof Error ? error.message : String(error) });
  } finally {
    if (fetching?.coalition === coalition && fetching.revision === revision) fetching = null;
  }
}

// The zoom tree and titles come from the export, which is large on big maps: read once a
// burst of changes has settled, not on every revision.
let treeTimer: number | null = null;
let treeSeq = 0;
function scheduleTree(coalition: number, delay: number): void {
  if (treeTimer !== null) window.clearTimeout(treeTimer);
  treeTimer = window.setTimeout(() => {
    treeTimer = null;
    const seq = ++treeSeq;
    void api.exportDocument(coalition).then((doc) => {
      if (getState().coalitionId !== coalition || seq !== treeSeq) return;
      const parents: Record<string, string | null> = {};
      const titles: WorkState["titles"] = {};
      for (const statement of doc.statements) {
        parents[statement.id] = statement.parent ?? null;
        titles[statement.id] = { title: statement.title, theme: statement.theme ?? null };
      }
      setState({ parents, titles });
    }, () => { /* the marks fall back to the view's own parents */ });
  }, delay);
}

/** Re-reads now (after a commit whose revision the view has not caught up with). */
export function reloadWork(): void {
  const coalition = getState().coalitionId;
  if (coalition !== null) void load(coalition, getState().serverView?.revision ?? -1);
}

export function setFocusOrg(org: string | null) { setState({ focusOrg: org }); }
export function setShowUnclaimed(show: boolean) { setState({ showUnclaimed: show }); }

/** Whether the map marks unclaimed statements: as chosen, else when any work is recorded. */
export function unclaimedShown(s: WorkState): boolean {
  if (s.showUnclaimed !== null) return s.showUnclaimed;
  const w = s.work;
  return !!w && (w.advocates.length > 0 || w.contributions.length > 0 || w.action_teams.length > 0);
}

/**
 * Commits work ops through the map store's one write path; `target` names what the
 * refusal (if any) is shown next to. Resolves to the new ids, or null when refused.
 */
export async function commitWork(ops: WorkOp[], target: string): Promise<(string | null)[] | null> {
  if (!contributorPath) return commit(ops, target);
  // Contributors record their own organisations' work through POST …/work (the server
  // checks which items are theirs); the live feed and the revision then bring it here.
  const { coalitionId, serverView } = getState();
  if (coalitionId === null || serverView === null) return null;
  try {
    const result = await request<CommitResult>(`/api/coalitions/${coalitionId}/work`, {
      method: "POST", body: JSON.stringify({ base_revision: serverView.revision, ops }),
    });
    clearRefusal();
    setWarnings(result.warnings ?? []);
    await refresh();
    return result.ids;
  } catch (error) {
    showRefusal(target, error instanceof Error ? error.message : String(error));
    if (error instanceof ApiError && error.status === 409) await refresh();
    return null;
  }
}

let contributorPath = false;
/** Contributors may change only their own organisations' work, through POST …/work. */
export function setContributorPath(on: boolean) { contributorPath = on; }

/** Re-reads whatever `load` fetches when the coalition's revision moves. */
export function useRevision(): number {
  return useSyncExternalStore(subscribeMap, () => getState().serverView?.revision ?? -1);
}

/** Calls `load` now and again each time the revision moves (live pages: opportunities, totals). */
export function useOnRevision(load: () => void, deps: unknown[]): void {
  const revision = useRevision();
  useEffect(load, [revision, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** Lookups over the work sections, by id and by statement. */
export function indexWork(work: Work | null) {
  const orgs = new Map((work?.organisations ?? []).map((o) => [o.id, o]));
  const people = new Map((work?.people ?? []).map((p) => [p.id, p]));
  const group = <T extends { statement: string }>(items: T[] | undefined) => {
    const out = new Map<string, T[]>();
    for (const item of items ?? []) out.set(item.statement, [...(out.get(item.statement) ?? []), item]);
    return out;
  };
  return {
    orgs, people,
    advocatesOf: group(work?.advocates),
    teamsOf: group(work?.action_teams),
    contributionsOf: group(work?.contributions),
    resourcesOf: (statement: string) => (work?.resources ?? []).filter((r) => r.statement === statement),
    initiativesOf: (statement: string) => (work?.initiatives ?? []).filter((i) => i.statements.includes(statement)),
    orgName: (id: string | null | undefined) => (id ? orgs.get(id)?.name ?? id : "—"),
    personName: (id: string | null | undefined) => (id ? people.get(id)?.name ?? id : "—"),
  };
}
export type WorkIndex = ReturnType<typeof indexWork>;
