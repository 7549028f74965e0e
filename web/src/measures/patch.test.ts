import { describe, expect, it } from "vitest";
import { applyMeasureOps } from "./patch";
import type { MeasuresAnswer } from "./types";

const base: MeasuresAnswer = {
  revision: 7, settings: { on_track: 0.95, at_risk: 0.75 },
  measures: [{ id: "m1", statement: "S1", name: "Rate", direction: "down", baseline: { date: "2010-12-31", value: 5 }, targets: [], group: "",
    points: [{ date: "2011-12-31", value: 4.8, note: "", entered_by: "Ana" }] }],
};

describe("applyMeasureOps (live changes applied to the measures last read)", () => {
  it("upserts points (op-level entered_by as the change log writes it), edits and adds measures", () => {
    const next = applyMeasureOps(base, 8, [
      { op: "set_data_points", measure: "m1", points: [{ date: "2012-12-31", value: 4.5 }, { date: "2011-12-31", value: 4.7 }], entered_by: "Bo" } as never,
      { op: "update_measure", id: "m1", set: { targets: [{ date: "2020-12-31", value: 3 }] } },
      { op: "add_measure", measure: { id: "m2", statement: "S1", name: "New", direction: "up", baseline: { date: "2020-01-01", value: 1 }, targets: [] } },
      { op: "update_settings", set: { at_risk: 0.5 } },
    ]);
    expect(next?.revision).toBe(8);
    expect(next?.measures[0].points).toEqual([{ date: "2011-12-31", value: 4.7, note: "", entered_by: "Bo" }, { date: "2012-12-31", value: 4.5, note: "", entered_by: "Bo" }]);
    expect(next?.measures[0].targets).toEqual([{ date: "2020-12-31", value: 3 }]);
    expect(next?.measures[1]).toMatchObject({ id: "m2", points: [] });
    expect(next?.settings).toEqual({ on_track: 0.95, at_risk: 0.5 });
    expect(base.measures[0].points).toHaveLength(1); // the old answer is left as it was
  });
  it("reads the change log's compact point rows", () => {
    const next = applyMeasureOps(base, 8, [{ op: "set_data_points", measure: "m1", entered_by: "Bo", points: [["2013-12-31", 4.1], ["2014-12-31", 4, "est.", "Cy"]] } as never]);
    expect(next?.measures[0].points.slice(1)).toEqual([{ date: "2013-12-31", value: 4.1, note: "", entered_by: "Bo" }, { date: "2014-12-31", value: 4, note: "est.", entered_by: "Cy" }]);
  });
  it("gives up (null) on a gap in revisions, other ops, or unknown measures", () => {
    expect(applyMeasureOps(base, 9, [{ op: "remove_measure", id: "m1" }])).toBeNull();
    expect(applyMeasureOps(base, 8, [{ op: "remove_link", id: "l1" }])).toBeNull();
    expect(applyMeasureOps(base, 8, [{ op: "remove_data_points", measure: "nope", dates: [] }])).toBeNull();
    expect(applyMeasureOps(base, 8, [{ op: "remove_data_points", measure: "m1", dates: ["2011-12-31"] }])?.measures[0].points).toEqual([]);
  });
});
