// The analysis route of the API (GET /api/coalitions/{id}/analysis), shaped exactly as
// shared/reference/analysis_reference.py prints it, over the app's one fetch helper.
import { request } from "../api/client";

export interface LoopEntry { ids: string[]; polarity: "reinforcing" | "balancing" }
export interface Loops {
  max_length: number; count: number; reinforcing: number; balancing: number; truncated: boolean; listed: LoopEntry[];
}
export interface Scenario { drivers: string[]; iterations: number; activation: Record<string, number> }
export interface Analysis {
  statements: number; links: number;
  structure?: { heads: string[]; tails: string[]; orphans: string[] };
  central?: Record<string, number>;
  potency?: Record<string, number>;
  betweenness?: Record<string, number>;
  loops?: Loops;
  scenario?: Scenario;
}

/** How many loops the panel lists (the count covers them all). */
export const LOOP_LIST = 500;

export const analysisApi = {
  overview: (coalition: number) =>
    request<Analysis>(`/api/coalitions/${coalition}/analysis?only=structure,central,potency,betweenness,loops&loop-list=${LOOP_LIST}`),
  scenario: (coalition: number, drivers: string[]) =>
    request<Analysis>(`/api/coalitions/${coalition}/analysis?only=scenario&scenario=${drivers.map(encodeURIComponent).join(",")}`),
};
