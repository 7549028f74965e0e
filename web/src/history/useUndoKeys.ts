// Ctrl+Z / Ctrl+Shift+Z (and Cmd on a Mac) on the map: undo or redo one's own last change
// through the server, then reload the map; a refusal is said in words on the map.
import { useEffect } from "react";
import { ApiError } from "../api/client";
import { refresh, showRefusal } from "../store/mapStore";
import { historyApi } from "./api";

export async function undoLast(coalition: number, redo = false, revision?: number): Promise<boolean> {
  try {
    if (redo) await historyApi.redo(coalition, revision); else await historyApi.undo(coalition, revision);
    await refresh();
    return true;
  } catch (error) {
    showRefusal("map", error instanceof ApiError || error instanceof Error ? error.message : String(error));
    return false;
  }
}

export function useUndoKeys(coalition: number | null, enabled: boolean) {
  useEffect(() => {
    if (coalition === null || !enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z") return;
      if ((event.target as HTMLElement).closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      void undoLast(coalition, event.shiftKey);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [coalition, enabled]);
}
