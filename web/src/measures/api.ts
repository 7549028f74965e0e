// Fetchers of the measures/progress routes, over the app's one fetch helper.
import { request } from "../api/client";
import type { ImportColumns, ImportCommitted, ImportPreview, ImportRequest, MeasuresAnswer, Progress } from "./types";

export const measuresApi = {
  measures: (coalition: number) => request<MeasuresAnswer>(`/api/coalitions/${coalition}/measures`),
  progress: (coalition: number, asOf: string | null) =>
    request<Progress>(`/api/coalitions/${coalition}/progress${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ""}`),
  csvUrl: (coalition: number) => `/api/coalitions/${coalition}/data-points.csv`,
  importDataPoints: <T extends ImportColumns | ImportPreview | ImportCommitted>(coalition: number, body: ImportRequest) =>
    request<T>(`/api/coalitions/${coalition}/imports/data-points`, { method: "POST", body: JSON.stringify(body) }),
};
