// Comments as the server last sent them, per item ("statement:ID", "link:ID",
// "coalition:"), re-fetched when the map's revision moves (the live feed moves it for
// everyone's changes), so threads stay live like the rest of the map.
import { useEffect, useSyncExternalStore } from "react";
import { commentsApi, type Comment, type CommentOp, type TargetKind } from "./api";

interface Entry { comments: Comment[]; revision: number; error: string | null }

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
let version = 0;

function changed() { version++; for (const listener of listeners) listener(); }
const keyOf = (coalition: number, kind: TargetKind, target: string) => `${coalition}:${kind}:${target}`;

async function load(coalition: number, kind: TargetKind, target: string): Promise<void> {
  const key = keyOf(coalition, kind, target);
  try {
    const answer = await commentsApi.list(coalition, kind, target);
    const known = entries.get(key);
    if (known && known.revision > answer.revision) return;  // a later answer came first
    entries.set(key, { comments: answer.comments, revision: answer.revision, error: null });
  } catch (error) {
    entries.set(key, { comments: entries.get(key)?.comments ?? [], revision: -1, error: error instanceof Error ? error.message : String(error) });
  }
  changed();
}

/** The comments on one item, kept fresh as `revision` (the map's) moves on. */
export function useComments(coalition: number, kind: TargetKind, target: string, revision: number): Entry | undefined {
  useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => version);
  const key = keyOf(coalition, kind, target);
  useEffect(() => {
    const known = entries.get(key);
    if (!known || known.revision < revision) void load(coalition, kind, target);
  }, [key, revision, coalition, kind, target]);
  return entries.get(key);
}

/** Sends comment ops; on success the item's thread is re-read. Throws the server's refusal. */
export async function sendComments(coalition: number, kind: TargetKind, target: string, ops: CommentOp[]): Promise<void> {
  await commentsApi.send(coalition, ops);
  await load(coalition, kind, target);
}
