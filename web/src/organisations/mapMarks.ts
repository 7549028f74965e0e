// The who-does-what marks on the map's boxes: how many lead advocates and contributing
// organisations a statement has, "unclaimed" when nobody advocates or contributes to it
// or to anything in its sub-map, and, when an organisation is chosen ("show where we
// contribute"), which boxes it works on (itself or inside the sub-map) — the rest dim.
import type { MapView } from "../api/types";
import type { Work } from "../api/work";
import type { WorkMark } from "../map/MapCanvas";

/** `parents` null: the zoom tree is not known (the public view), so a box with a sub-map is
 *  never called unclaimed on a guess. */
export function workMarks(view: MapView, work: Work | null, parents: Record<string, string | null> | null,
  focusOrg: string | null, markUnclaimed = true): Record<string, WorkMark> | null {
  if (!work) return null;
  const advocates = new Map<string, number>();
  for (const a of work.advocates) advocates.set(a.statement, (advocates.get(a.statement) ?? 0) + 1);
  const contributors = new Map<string, Set<string>>();
  for (const c of work.contributions) {
    const set = contributors.get(c.statement) ?? new Set<string>();
    // A public view may hide organisations (null): then each contribution counts.
    set.add(c.organisation ?? `contribution:${c.id}`);
    contributors.set(c.statement, set);
  }
  const teams = new Map<string, number>();
  for (const t of work.action_teams) teams.set(t.statement, (teams.get(t.statement) ?? 0) + 1);
  // A statement, and every ancestor up the zoom tree, is "claimed" when someone works on it.
  const claimed = new Set<string>();
  const focused = new Set<string>();
  const climb = (id: string, into: Set<string>) => {
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at && !seen.has(at); at = parents?.[at] ?? view.statements[at]?.parent) {
      seen.add(at); into.add(at);
    }
  };
  for (const id of advocates.keys()) climb(id, claimed);
  for (const id of contributors.keys()) climb(id, claimed);
  for (const team of work.action_teams) climb(team.statement, claimed);
  if (focusOrg) for (const c of work.contributions) if (c.organisation === focusOrg) climb(c.statement, focused);
  const marks: Record<string, WorkMark> = {};
  for (const id of view.visible) {
    marks[id] = {
      advocates: advocates.get(id) ?? 0,
      contributors: contributors.get(id)?.size ?? 0,
      teams: teams.get(id) ?? 0,
      unclaimed: markUnclaimed && !claimed.has(id) && (parents !== null || !view.statements[id]?.child_count),
      focus: focusOrg ? focused.has(id) : false,
      dim: focusOrg ? !focused.has(id) : false,
    };
  }
  return marks;
}
