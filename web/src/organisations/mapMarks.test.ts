import { describe, expect, it } from "vitest";
import type { MapView } from "../api/types";
import type { Work } from "../api/work";
import { workMarks } from "./mapMarks";

const statement = (id: string, parent: string | null, child_count = 0) => ({
  id, title: id, description: "", parent, layer: null, theme: null, tags: [], status: "agreed", position: null, child_count, descendant_count: child_count,
});
const view = {
  coalition: { id: 1, name: "c" }, revision: 3, root: "top", visible: ["A", "B", "C"], links: [], external: {}, link_ids: [],
  statements: { A: statement("A", null, 2), B: statement("B", null), C: statement("C", null) }, link_details: {}, breadcrumb: [], layers: [], themes: [],
} as MapView;
const work: Work = {
  revision: 3, organisations: [{ id: "o1", name: "One", sector: null }, { id: "o2", name: "Two", sector: null }], people: [{ id: "p", name: "P", account: null, organisations: [] }],
  advocates: [{ id: "a", statement: "B", person: "p" }], action_teams: [],
  contributions: [
    { id: "c1", organisation: "o1", statement: "A2", role: "lead" },
    { id: "c2", organisation: "o2", statement: "B", role: "partner" },
    { id: "c3", organisation: "o1", statement: "B", role: "funder" },
    { id: "c4", organisation: "o1", statement: "B", role: "supporter" },
  ],
  initiatives: [], resources: [],
};
const parents = { A: null, A1: "A", A2: "A", B: null, C: null };

describe("workMarks", () => {
  it("counts advocates and distinct contributing organisations per box", () => {
    const marks = workMarks(view, work, parents, null)!;
    expect(marks.B).toMatchObject({ advocates: 1, contributors: 2, unclaimed: false, dim: false });
    expect(marks.A).toMatchObject({ advocates: 0, contributors: 0 });
  });
  it("calls a box unclaimed only when nothing in its sub-map is worked on either", () => {
    const marks = workMarks(view, work, parents, null)!;
    expect(marks.A.unclaimed).toBe(false);
    expect(marks.C.unclaimed).toBe(true);
  });
  it("highlights an organisation's boxes, through sub-maps, and dims the rest", () => {
    const marks = workMarks(view, work, parents, "o2")!;
    expect(marks.B).toMatchObject({ focus: true, dim: false });
    expect(marks.A).toMatchObject({ focus: false, dim: true });
    const one = workMarks(view, work, parents, "o1")!;
    expect(one.A).toMatchObject({ focus: true, dim: false });
    expect(one.C.dim).toBe(true);
  });
  it("without the zoom tree (public view), does not guess that a sub-map is unclaimed", () => {
    const marks = workMarks(view, { ...work, contributions: [], advocates: [] }, null, null)!;
    expect(marks.A.unclaimed).toBe(false);
    expect(marks.C.unclaimed).toBe(true);
  });
});
