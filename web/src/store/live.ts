// The live feed of the open coalition (docs/live-protocol.md): one WebSocket that says
// hello with the last revision this tab saw, then hears every change as it commits and
// who else is here. Incoming changes re-fetch the current view (the server computes
// zoom views; replaying ops here would duplicate that). While connected, edits are pushed
// through the socket; otherwise the store falls back to REST. A dropped connection is
// retried with backoff and resumes from the last revision, without reloading the page.
import { ApiError } from "../api/client";
import type { CommitResult, Op, Problem } from "../api/types";
import { getState, refresh, setLive, setPushTransport, subscribe, type Person } from "./mapStore";

type ServerMessage =
  | { type: "welcome"; revision: number; resync: boolean; you: { session: string; name: string; color: string; role: string } }
  | { type: "change"; revision: number; author: string; ops: Op[]; id?: string }
  | { type: "commit"; id: string; revision: number; ids: (string | null)[]; warnings?: string[] }
  | ({ type: "refused"; id: string; status: number } & Problem)
  | { type: "presence"; people: Person[] }
  | { type: "error"; detail: string }
  | { type: "pong" };

/** Listeners of every committed change heard (its revision and ops), e.g. to tell which reads it affects. */
const changeListeners = new Set<(revision: number, ops: Op[]) => void>();
export function onLiveChange(listener: (revision: number, ops: Op[]) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

let socket: WebSocket | null = null;
let welcomed = false;
let coalition: number | null = null;
/** The last revision this tab knows of (from a fetched view or a change message). */
let lastRevision = 0;
let attempt = 0;
let retryTimer: number | null = null;
let refetchTimer: number | null = null;
let pushSeq = 0;
const waiting = new Map<string, { resolve(result: CommitResult): void; reject(error: unknown): void }>();
let presence = { selection: [] as string[], root: "top" };
let started = false;

/** Starts following whichever coalition the store has open (idempotent). */
export function startLive(): void {
  if (started) return;
  started = true;
  subscribe(follow);
  setPushTransport(push);
  follow();
  // Handy for tests and for people: drop the connection and watch it come back.
  (window as unknown as { coalignLive: unknown }).coalignLive = {
    drop: () => socket?.close(),
    status: () => getState().live,
  };
}

/** Tells the others what this person has selected and which level they are looking at. */
export function sendPresence(selection: string[], root: string): void {
  if (presence.root === root && presence.selection.join("\n") === selection.join("\n")) return;
  presence = { selection, root };
  send({ type: "presence", ...presence });
}

function send(message: object): boolean {
  if (!socket || socket.readyState !== WebSocket.OPEN || !welcomed) return false;
  socket.send(JSON.stringify(message));
  return true;
}

function follow(): void {
  const s = getState();
  const wanted = s.serverView && s.serverView.coalition.id === s.coalitionId ? s.coalitionId : null;
  if (wanted === coalition) {
    if (s.serverView && s.serverView.revision > lastRevision) lastRevision = s.serverView.revision;
    return;
  }
  // Take the new coalition before disconnecting: disconnect() updates the store, which
  // calls follow() again, and that call must see nothing left to do (else it recurses).
  coalition = wanted;
  disconnect();
  attempt = 0;
  if (coalition !== null && s.serverView) {
    lastRevision = s.serverView.revision;
    connect();
  }
}

function disconnect(): void {
  if (retryTimer !== null) { window.clearTimeout(retryTimer); retryTimer = null; }
  const old = socket;
  socket = null;
  welcomed = false;
  if (old) { old.onclose = null; old.close(); }
  failWaiting();
  setLive({ live: "off", people: [], me: null });
}

function connect(): void {
  if (coalition === null) return;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/coalitions/${coalition}/live`;
  const ws = new WebSocket(url);
  socket = ws;
  welcomed = false;
  setLive({ live: attempt === 0 ? "connecting" : "reconnecting" });
  ws.onopen = () => ws.send(JSON.stringify({ type: "hello", since: lastRevision }));
  ws.onmessage = (event) => {
    if (socket !== ws) return;
    let message: ServerMessage;
    try { message = JSON.parse(String(event.data)) as ServerMessage; } catch { return; }
    receive(message);
  };
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    welcomed = false;
    failWaiting();
    setLive({ live: "reconnecting", people: [], me: null });
    // Signed out elsewhere, or no longer a member: the next request says which (a 401
    // shows the sign-in form, a 404 that the coalition is gone); retry only slowly.
    if (event.code === 1008 && event.reason === "access ended") {
      attempt = Math.max(attempt, 5);
      scheduleRefetch(true);
    }
    // 0.5 s, 1 s, 2 s … up to 15 s, with jitter so that a restarted server is not stormed.
    const delay = Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt += 1;
    retryTimer = window.setTimeout(() => { retryTimer = null; connect(); }, delay);
  };
}

function receive(message: ServerMessage): void {
  switch (message.type) {
    case "welcome":
      welcomed = true;
      attempt = 0;
      setLive({ live: "live", me: message.you.session });
      send({ type: "presence", ...presence });
      if (message.resync) scheduleRefetch(true);
      break;
    case "change": {
      for (const listener of changeListeners) listener(message.revision, message.ops ?? []);
      if (message.revision <= lastRevision) break;
      lastRevision = message.revision;
      // Our own push: commit() re-fetches when its answer comes.
      if (message.id && waiting.has(message.id)) break;
      scheduleRefetch(false);
      break;
    }
    case "commit": {
      const entry = waiting.get(message.id);
      waiting.delete(message.id);
      entry?.resolve({ revision: message.revision, ids: message.ids, warnings: message.warnings });
      break;
    }
    case "refused": {
      const entry = waiting.get(message.id);
      waiting.delete(message.id);
      entry?.reject(new ApiError(message.status, message));
      break;
    }
    case "presence":
      setLive({ people: message.people });
      break;
    case "error":
      console.warn("coalign live feed:", message.detail);
      break;
    case "pong":
      break;
  }
}

/** Re-fetches the view once a burst of changes has arrived (catch-up sends many at once). */
function scheduleRefetch(force: boolean): void {
  if (refetchTimer !== null) window.clearTimeout(refetchTimer);
  refetchTimer = window.setTimeout(() => {
    refetchTimer = null;
    const view = getState().serverView;
    if (force || !view || view.revision < lastRevision) void refresh();
  }, 40);
}

function push(baseRevision: number, ops: Op[]): Promise<CommitResult> | null {
  if (!socket || socket.readyState !== WebSocket.OPEN || !welcomed) return null;
  const id = `p${++pushSeq}`;
  const answer = new Promise<CommitResult>((resolve, reject) => waiting.set(id, { resolve, reject }));
  socket.send(JSON.stringify({ type: "push", id, base_revision: baseRevision, ops }));
  return answer;
}

function failWaiting(): void {
  for (const [, entry] of waiting)
    entry.reject(new ApiError(0, { title: "The connection dropped before the server answered; the map now shows what was saved." }));
  waiting.clear();
}
