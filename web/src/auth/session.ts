// Who is signed in. The app shows the sign-in page while this says "signed-out", which it
// does when GET /api/session says so or when any API call answers 401; the CSRF token of
// the session goes to the fetch helper here, and nowhere else.
import { useSyncExternalStore } from "react";
import { setCsrfToken, setSignedOutHandler } from "../api/client";
import { authApi, type SessionInfo, type User } from "./api";

export type SessionStatus = "unknown" | "signed-out" | "signed-in";
export interface SessionState { status: SessionStatus; user: User | null; error: string | null }

let state: SessionState = { status: "unknown", user: null, error: null };
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

export function useSession(): SessionState {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => state);
}

/** Takes the answer of GET/POST /api/session (or register) as the current session. */
export function adoptSession(info: SessionInfo) {
  if (info.signed_in && info.user) {
    setCsrfToken(info.csrf_token ?? null);
    setState({ status: "signed-in", user: info.user, error: null });
  } else {
    setCsrfToken(null);
    setState({ status: "signed-out", user: null, error: null });
  }
}

export function markSignedOut() {
  if (state.status === "signed-out") return;
  setCsrfToken(null);
  setState({ status: "signed-out", user: null, error: null });
}

setSignedOutHandler(markSignedOut);

export async function loadSession(): Promise<void> {
  try {
    adoptSession(await authApi.session());
  } catch (error) {
    // Cannot tell: show the sign-in page with the reason rather than a blank app.
    setCsrfToken(null);
    setState({ status: "signed-out", user: null, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Signs out, then reloads so that nothing of this person's maps stays in memory. */
export async function signOut(): Promise<void> {
  try { await authApi.signOut(); } catch { /* already signed out: same result */ }
  markSignedOut();
  window.location.hash = "#/";
  window.location.reload();
}
