import { describe, expect, it } from "vitest";
import { scorecardRows } from "./tree";
import type { MeasureWithPoints } from "../measures/types";

const st = (id: string, parent: string | null) => ({ id, title: id.toUpperCase(), parent });
const m = (id: string, statement: string): MeasureWithPoints => ({ id, statement, name: id, direction: "up", baseline: { date: "2020-01-01", value: 0 }, targets: [], points: [] });

describe("scorecardRows", () => {
  const statements = [st("a", null), st("a1", "a"), st("a2", "a"), st("b", null)];
  const measures = [m("m1", "a1"), m("m2", "a")];
  it("lists the tree depth-first with each statement's measures under it", () => {
    const rows = scorecardRows(statements, measures, new Set(), false);
    expect(rows.map((r) => `${r.kind[0]}:${r.id}:${r.depth}`)).toEqual(["s:a:0", "m:m2:1", "s:a1:1", "m:m1:2", "s:a2:1", "s:b:0"]);
  });
  it("hides what is inside a collapsed statement, and statements without measures when asked", () => {
    expect(scorecardRows(statements, measures, new Set(["a"]), false).map((r) => r.id)).toEqual(["a", "b"]);
    expect(scorecardRows(statements, measures, new Set(), true).map((r) => r.id)).toEqual(["a", "m2", "a1", "m1"]);
  });
});
