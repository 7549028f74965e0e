// Thin fetch wrappers over /api/. Expected failures come back as ApiError values
// carrying the server's problem document, so the UI can say why in words.
// `request` is the one fetch helper every module uses: it sends the session's CSRF token
// with each state-changing request and reports a 401 (signed out) to the auth store.
import type { CoalitionSummary, CommitResult, MapView, Op, Problem } from "./types";

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem,
    /** Seconds to wait, from Retry-After (429). */
    public readonly retryAfter: number | null = null) {
    super(describeProblem(problem, status));
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

/** The token from GET/POST /api/session, sent as X-CSRF-Token with every change. */
export function setCsrfToken(token: string | null) { csrfToken = token; }
/** The CSRF header for a request sent by other means than request() (an upload with progress). */
export function csrfHeaders(): Record<string, string> { return csrfToken ? { "x-csrf-token": csrfToken } : {}; }
/** Called when the server answers 401 to anything but a sign-in attempt. */
export function setSignedOutHandler(handler: (() => void) | null) { onSignedOut = handler; }

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Sign-in, reset and registering answer 401/422 as part of their own form, not "signed out".
const OWN_401 = /^\/api\/(session|password-reset|invites\/[^/]+\/register)$/;

export function describeProblem(problem: Problem, status: number): string {
  const reasons = (problem.errors ?? []).map((e) => e.reason).filter((r): r is string => !!r);
  if (reasons.length > 0) return [...new Set(reasons)].join("; ");
  return problem.detail || problem.title || `The server answered ${status}`;
}

export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const method = (init?.method ?? "GET").toUpperCase();
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(init?.body ? { "content-type": "application/json" } : {}),
        ...(!SAFE_METHODS.has(method) && csrfToken ? { "x-csrf-token": csrfToken } : {}),
      },
    });
  } catch {
    throw new ApiError(0, { title: "The server cannot be reached. Check your connection and try again." });
  }
  const text = await response.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text }; }
  if (!response.ok) {
    if (response.status === 401 && !OWN_401.test(path.split("?")[0])) onSignedOut?.();
    const retry = Number(response.headers.get("retry-after"));
    throw new ApiError(response.status, (body ?? {}) as Problem, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return body as T;
}

export const api = {
  listCoalitions: () => request<CoalitionSummary[]>("/api/coalitions"),
  createCoalition: (name: string) =>
    request<{ id: number; revision: number }>("/api/coalitions", { method: "POST", body: JSON.stringify({ name }) }),
  view: (coalition: number, root: string) =>
    request<MapView>(`/api/coalitions/${coalition}/view?root=${encodeURIComponent(root)}`),
  exportDocument: (coalition: number) => request<ExportDocument>(`/api/coalitions/${coalition}/export`),
  commit: (coalition: number, baseRevision: number, ops: Op[]) =>
    request<CommitResult>(`/api/coalitions/${coalition}/changes`, {
      method: "POST", body: JSON.stringify({ base_revision: baseRevision, ops }),
    }),
};

/** The parts of the native document the outline reads. */
export interface ExportDocument {
  statements: { id: string; title: string; parent: string | null; layer?: string | null; theme?: string | null }[];
  links: { id?: string; from: string; to: string; polarity: number }[];
}
