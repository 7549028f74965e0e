// Thin fetch wrappers over /api/. Expected failures come back as ApiError values
// carrying the server's problem document, so the UI can say why in words.
import type { CoalitionSummary, CommitResult, MapView, Op, Problem } from "./types";

export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(describeProblem(problem, status));
  }
}

export function describeProblem(problem: Problem, status: number): string {
  const reasons = (problem.errors ?? []).map((e) => e.reason).filter((r): r is string => !!r);
  if (reasons.length > 0) return [...new Set(reasons)].join("; ");
  return problem.detail || problem.title || `The server answered ${status}`;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) },
    });
  } catch {
    throw new ApiError(0, { title: "The server cannot be reached. Check your connection and try again." });
  }
  const text = await response.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text }; }
  if (!response.ok) throw new ApiError(response.status, (body ?? {}) as Problem);
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
