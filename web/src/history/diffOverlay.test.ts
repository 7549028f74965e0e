import { describe, expect, it } from "vitest";
import type { MapView } from "../api/types";
import type { MapDiff } from "./api";
import { diffOverlay, type MapDocument } from "./diffOverlay";

const view = (root: string, visible: string[], links: { from: string; to: string; ids: string[] }[]): MapView => ({
  coalition: { id: 1, name: "C" }, revision: 5, root, visible,
  links: links.map((l) => ({ from: l.from, to: l.to, count: l.ids.length, polarity: "+" })),
  external: {}, link_ids: links.map((l) => l.ids), statements: {}, link_details: {}, breadcrumb: [], layers: [], themes: [],
});
const diff = (over: Partial<MapDiff>): MapDiff => ({
  from: 1, to: 2, items: [], repositioned: 0,
  added: { statements: [], links: [] }, removed: { statements: [], links: [] }, changed: { statements: [], links: [] }, ...over,
});
// A tree at the `from` revision: A and B at the top, A1 inside A, A1x inside A1; R at the top (removed).
const before: MapDocument = {
  statements: [
    { id: "A", title: "A", parent: null }, { id: "B", title: "B", parent: null },
    { id: "A1", title: "A one", parent: "A" }, { id: "A1x", title: "deep", parent: "A1" },
    { id: "R", title: "Gone", parent: null, position: { x: 10, y: 20 } }, { id: "R1", title: "Gone child", parent: "R" },
  ],
  links: [{ id: "L1", from: "R", to: "B" }, { id: "L2", from: "A1x", to: "B" }, { id: "L3", from: "A", to: "B" }],
};

describe("diffOverlay", () => {
  it("puts a removed statement of this level as a ghost at its old position, lifts deeper ones", () => {
    const o = diffOverlay(diff({ removed: { statements: ["R", "R1", "A1x"], links: [] } }), view("top", ["A", "B"], []), before);
    expect(o.ghosts).toEqual([{ id: "R", title: "Gone", layer: null, position: { x: 10, y: 20 } }]);
    expect(o.removedInside).toEqual({ R: 1, A: 1 });
  });
  it("at a sub-map, a removed child of its root is a ghost", () => {
    const o = diffOverlay(diff({ removed: { statements: ["A1x"], links: [] } }), view("A1", [], []), before);
    expect(o.ghosts.map((g) => g.id)).toEqual(["A1x"]);
  });
  it("marks added and re-rated arrows by their drawn pair, removed links as ghost arrows between shown ends", () => {
    const o = diffOverlay(diff({ added: { statements: [], links: ["N1"] }, changed: { statements: [], links: ["L3"] },
      removed: { statements: ["R", "A1x"], links: ["L1", "L2"] } }),
    view("top", ["A", "B"], [{ from: "A", to: "B", ids: ["L3"] }, { from: "B", to: "A", ids: ["N1"] }]), before);
    expect(o.links).toEqual({ "A>B": "changed", "B>A": "added" });
    expect(o.ghostLinks).toEqual([{ from: "R", to: "B", count: 1 }, { from: "A", to: "B", count: 1 }]);
  });
  it("drops a removed link whose end is not drawn here", () => {
    const o = diffOverlay(diff({ removed: { statements: [], links: ["L2"] } }), view("A1", ["A1x"], []), before);
    expect(o.ghostLinks).toEqual([]);
  });
});
