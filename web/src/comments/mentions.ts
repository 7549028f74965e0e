// @mentions in a comment being typed: which members match the word after "@".
import type { Member } from "../members/api";

/** The "@query" just before the cursor, or null when the cursor is not in a mention. */
export function mentionQuery(text: string, cursor: number): { start: number; query: string } | null {
  const before = text.slice(0, cursor);
  const match = /(^|[\s(])@([^\s@]{0,40})$/.exec(before);
  if (!match) return null;
  return { start: before.length - match[2].length - 1, query: match[2] };
}

export function matchingMembers(members: Member[], query: string, limit = 6): Member[] {
  const q = query.toLowerCase();
  return members
    .filter((m) => m.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(q)) || m.name.toLowerCase().startsWith(q) || m.email.toLowerCase().startsWith(q))
    .slice(0, limit);
}

/** Replaces the "@query" at `start` with "@Name ", returning the new text and cursor. */
export function insertMention(text: string, start: number, cursor: number, member: Member): { text: string; cursor: number } {
  const inserted = `@${member.name} `;
  return { text: text.slice(0, start) + inserted + text.slice(cursor), cursor: start + inserted.length };
}
