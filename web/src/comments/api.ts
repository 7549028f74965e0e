// The comment routes (POST/GET /api/coalitions/{id}/comments). The server sets each
// comment's author, times and @mentions; only comment ops go to this route.
import { request } from "../api/client";

export type TargetKind = "statement" | "link" | "coalition";

export interface Comment {
  id: string;
  target_kind: TargetKind;
  target_id: string;
  parent: string | null;
  author_id: number;
  author_name: string;
  body: string;
  created_at: string;
  edited_at: string | null;
  resolved: boolean;
  mentions: number[];
}

export type CommentOp =
  | { op: "add_comment"; comment: { target_kind: TargetKind; target_id: string; parent: string | null; body: string } }
  | { op: "update_comment"; id: string; set: { body: string } }
  | { op: "resolve_comment"; id: string; resolved: boolean }
  | { op: "remove_comment"; id: string };

const base = (coalition: number) => `/api/coalitions/${coalition}/comments`;

export const commentsApi = {
  list: (coalition: number, kind: TargetKind, target: string) =>
    request<{ revision: number; comments: Comment[] }>(
      `${base(coalition)}?target_kind=${kind}&target_id=${encodeURIComponent(target)}`),
  send: (coalition: number, ops: CommentOp[]) =>
    request<{ revision: number; ids: (string | null)[]; comments: Comment[] }>(base(coalition), {
      method: "POST", body: JSON.stringify({ ops }),
    }),
};
