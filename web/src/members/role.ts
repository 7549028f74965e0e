// The signed-in person's role in each coalition (from the members endpoint's `you.role`),
// so the map can leave out edit controls for those who may only look.
import { useEffect, useSyncExternalStore } from "react";
import type { Role } from "../auth/api";
import { membersApi } from "./api";

/** undefined: not asked yet; null: could not tell (the server still decides every edit). */
const roles = new Map<number, Role | null>();
const asking = new Set<number>();
const listeners = new Set<() => void>();
let version = 0;

function changed() { version++; for (const listener of listeners) listener(); }

export function setKnownRole(coalition: number, role: Role | null) { roles.set(coalition, role); changed(); }

export async function refreshRole(coalition: number): Promise<void> {
  if (asking.has(coalition)) return;
  asking.add(coalition);
  try {
    setKnownRole(coalition, (await membersApi.list(coalition)).you.role);
  } catch {
    setKnownRole(coalition, null);
  } finally {
    asking.delete(coalition);
  }
}

export function useRole(coalition: number | null): Role | null | undefined {
  useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => version);
  useEffect(() => { if (coalition !== null && !roles.has(coalition)) void refreshRole(coalition); }, [coalition]);
  return coalition === null ? undefined : roles.get(coalition);
}

/** Map edits need the editor role (the server's rule for POST …/changes). */
export function canEditMap(role: Role | null | undefined): boolean {
  return role === "editor" || role === "steward" || role === null;
}

/** Words for the tooltip on a disabled edit control. */
export function readOnlyReason(role: Role | null | undefined): string {
  if (role === undefined) return "Checking your role…";
  return `${role ?? "viewer"}s can't edit`;
}
