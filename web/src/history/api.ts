// The history routes of the API (change log in sentences, undo/redo, versions, diff,
// time travel of the view), over the app's one fetch helper (errors as ApiError values,
// the CSRF token on changes).
import { request } from "../api/client";
import type { MapView } from "../api/types";
import type { MapDocument } from "./diffOverlay";

export interface HistoryEntry {
  revision: number; author: string; time: string; sentences: string[]; mine: boolean;
  undo_of: number | null; redo_of: number | null; undone_by: number | null;
}
export interface HistoryPage { revision: number; entries: HistoryEntry[]; next_before: number | null }
export interface Version { id: number; revision: number; name: string; author: string; time: string }
export interface DiffItem {
  kind: "statement" | "link"; id: string; label: string;
  changes: ("added" | "removed" | "moved" | "renamed" | "re-rated" | "changed")[];
  fields: { field: string; before: string; after: string }[]; sentence: string;
}
export interface IdSets { statements: string[]; links: string[] }
export interface MapDiff { from: number; to: number; items: DiffItem[]; added: IdSets; removed: IdSets; changed: IdSets; repositioned: number }
export interface HistoryFilters { statement?: string; author?: string; from?: string; to?: string; before?: number; limit?: number }

const base = (coalition: number) => `/api/coalitions/${coalition}`;

export const historyApi = {
  history(coalition: number, filters: HistoryFilters): Promise<HistoryPage> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") query.set(key, String(value));
    return request<HistoryPage>(`${base(coalition)}/history?${query}`);
  },
  undo: (coalition: number, revision?: number) =>
    request<{ revision: number; undid: number }>(`${base(coalition)}/undo`, { method: "POST", body: JSON.stringify(revision ? { revision } : {}) }),
  redo: (coalition: number, revision?: number) =>
    request<{ revision: number; redid: number }>(`${base(coalition)}/redo`, { method: "POST", body: JSON.stringify(revision ? { revision } : {}) }),
  versions: (coalition: number) => request<Version[]>(`${base(coalition)}/versions`),
  createVersion: (coalition: number, name: string, revision: number) =>
    request<Version>(`${base(coalition)}/versions`, { method: "POST", body: JSON.stringify({ name, revision }) }),
  deleteVersion: (coalition: number, id: number) => request<{ deleted: number }>(`${base(coalition)}/versions/${id}`, { method: "DELETE" }),
  diff: (coalition: number, from: number, to: number) => request<MapDiff>(`${base(coalition)}/diff?from=${from}&to=${to}`),
  viewAt: (coalition: number, root: string, revision: number) =>
    request<MapView>(`${base(coalition)}/view?root=${encodeURIComponent(root)}&revision=${revision}`),
  /** The whole map at a revision (statements with parents and positions, links). */
  exportAt: (coalition: number, revision: number) => request<MapDocument>(`${base(coalition)}/export?revision=${revision}`),
};
