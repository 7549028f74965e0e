import { describe, expect, it } from "vitest";
import { parsePastedRows } from "./paste";

describe("parsePastedRows", () => {
  it("reads tab-separated rows from a spreadsheet, skipping the header", () => {
    const r = parsePastedRows("year\trate\n2019\t4.5\n2020\t4,1\tprovisional\n");
    expect(r.points).toEqual([{ date: "2019-12-31", value: 4.5, note: "" }, { date: "2020-12-31", value: 4.1, note: "provisional" }]);
    expect(r.skipped).toEqual([]);
  });
  it("says which line is wrong and why", () => {
    const r = parsePastedRows("2019-06-30,3\nlater,4\n2020,abc\n2019-06-30,5");
    expect(r.points).toHaveLength(1);
    expect(r.skipped.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(r.skipped[1].reason).toContain("not a number");
    expect(r.skipped[2].reason).toContain("line 1");
  });
});
